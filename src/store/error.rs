//! What can go wrong with the database file.

use std::path::PathBuf;

/// A failure of the database or its file; never the user's input.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{context}: {source}")]
    Sqlite {
        context: &'static str,
        #[source]
        source: rusqlite::Error,
    },
    #[error("cannot create {}: {source}", crate::quote::path(.path))]
    Create {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{} is a directory, not a database file; pass a file path with --db", crate::quote::path(.path))]
    IsADirectory { path: PathBuf },
    #[error(
        "{path} is read-only, and followup needs to write to its database; make it writable \
         with `chmod 600 {path}`"
    )]
    ReadOnly { path: PathBuf },
    #[error("{} is not a followup database (SQLite says: {detail}); check --db or FOLLOWUP_DB", crate::quote::path(.path))]
    NotADatabase { path: PathBuf, detail: String },
    #[error(
        "{path} was written by a newer followup (schema {found}, this one knows up to {known}); \
         upgrade followup to use it. The file was not changed"
    )]
    NewerSchema {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("cannot read stored {what} {}; the database may have been edited by hand", crate::quote::quoted(.value))]
    Corrupt { what: &'static str, value: String },
}

/// Adds a short description of what was being done to a rusqlite error.
pub(crate) trait Context<T> {
    fn context(self, context: &'static str) -> Result<T, StoreError>;
}

impl<T> Context<T> for rusqlite::Result<T> {
    fn context(self, context: &'static str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Sqlite { context, source })
    }
}
