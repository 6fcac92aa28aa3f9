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
    #[error("cannot create {path}: {source}")]
    Create {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path} is a directory, not a database file; pass a file path with --db")]
    IsADirectory { path: PathBuf },
    #[error(
        "{path} is read-only, and followup needs to write to its database; make it writable \
         with `chmod 600 {path}`"
    )]
    ReadOnly { path: PathBuf },
    #[error("{path} is not a followup database (SQLite says: {detail}); check --db or FOLLOWUP_DB")]
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
    #[error(
        "{path} has schema version {found}, which no followup writes; it is not a followup \
         database, or it was damaged. The file was not changed"
    )]
    UnknownSchema { path: PathBuf, found: i64 },
    #[error("cannot read stored {what} '{value}'; the database may have been edited by hand")]
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
