//! What can go wrong with the database, a SQLite file or a PostgreSQL server.

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
    #[error("{context}: {}", postgres_detail(.source))]
    Postgres {
        context: &'static str,
        #[source]
        source: postgres::Error,
    },
    #[error(
        "cannot connect to PostgreSQL at {target}: {detail}; check that the server is running \
         there and that the URL in --db or FOLLOWUP_DB names the right host, database and user"
    )]
    Connect { target: String, detail: String },
    #[error(
        "{url} is not a PostgreSQL URL followup can use ({detail}); write it as postgresql://USER@HOST/DATABASE or postgresql:///DATABASE?host=/SOCKET/FOLDER"
    )]
    BadUrl { url: String, detail: String },
    #[error(
        "the PostgreSQL database was set up by a newer followup (schema {found}, this one \
         knows up to {known}); upgrade followup to use it. Nothing was changed"
    )]
    NewerServerSchema { found: i64, known: i64 },
    #[error(
        "this followup needs the team's database upgraded (schema {found} to {known}), which \
         only the role that owns its tables may do: {owner}, the manager who ran `team init`. \
         Ask them to run any followup command once (such as `followup rep list`) connected as \
         {owner}, then try again. You connected as {role}; nothing was changed"
    )]
    UpgradeByOwner {
        found: i64,
        known: i64,
        role: String,
        owner: String,
    },
    #[error(
        "the PostgreSQL database holds tables of another program (such as {table}) and was \
         never set up by followup; give followup a database of its own (CREATE DATABASE ...). \
         Nothing was changed"
    )]
    ForeignServerDatabase { table: String },
    #[error("{what} works on a SQLite file only; {instead}")]
    SqliteOnly {
        what: &'static str,
        instead: &'static str,
    },
    #[error(
        "{what} is for a team book on PostgreSQL; --db names a SQLite file. Pass the team's \
         postgresql:// URL with --db or FOLLOWUP_DB"
    )]
    ServerOnly { what: &'static str },
    #[error("cannot open {} to read it: {detail}", crate::quote::path(.path))]
    OpenBook { path: PathBuf, detail: String },
    #[error(
        "{} was written by an older followup (schema {found}); open it once with this one \
         (`followup --db {} list`), which upgrades it, then import it",
        crate::quote::path(.path),
        .path.display()
    )]
    OlderBook { path: PathBuf, found: i64 },
    #[error("there is no file {}; give the path of the personal book to import", crate::quote::path(.path))]
    NoSuchBook { path: PathBuf },
    #[error(
        "the role {role} may not read the followup database at {target}; if you are on the \
         team, ask a manager to run `followup rep add NAME --email E --role {role}` and a \
         database administrator the SQL it prints"
    )]
    NoAccess { role: String, target: String },
    #[error("{what} needs {needs}; the server said: {detail}")]
    NotAllowed {
        what: &'static str,
        needs: &'static str,
        detail: String,
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
    #[error(
        "{} has schema version {found}, which no followup writes; it is not a followup \
         database, or it was damaged. The file was not changed",
        crate::quote::path(.path)
    )]
    UnknownSchema { path: PathBuf, found: i64 },
    #[error("cannot read stored {what} {}; the database may have been edited by hand", crate::quote::quoted(.value))]
    Corrupt { what: &'static str, value: String },
}

/// A failure of either engine, before it is told what was being done.
#[derive(Debug, thiserror::Error)]
pub(crate) enum DbError {
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    #[error(transparent)]
    Postgres(#[from] postgres::Error),
}

/// The server's own message when there is one: `postgres::Error` alone says only "db error";
/// else the error with its causes ("error connecting to server: No such file or directory").
pub(crate) fn postgres_detail(error: &postgres::Error) -> String {
    if let Some(db) = error.as_db_error() {
        return db.message().to_string();
    }
    let mut text = error.to_string();
    let mut cause = std::error::Error::source(error);
    while let Some(inner) = cause {
        let said = inner.to_string();
        if !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        cause = inner.source();
    }
    text
}

/// Adds a short description of what was being done to a database error.
pub(crate) trait Context<T> {
    fn context(self, context: &'static str) -> Result<T, StoreError>;
}

impl<T> Context<T> for rusqlite::Result<T> {
    fn context(self, context: &'static str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Sqlite { context, source })
    }
}

impl<T> Context<T> for Result<T, postgres::Error> {
    fn context(self, context: &'static str) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Postgres { context, source })
    }
}

impl<T> Context<T> for Result<T, DbError> {
    fn context(self, context: &'static str) -> Result<T, StoreError> {
        self.map_err(|error| match error {
            DbError::Sqlite(source) => StoreError::Sqlite { context, source },
            DbError::Postgres(source) => StoreError::Postgres { context, source },
        })
    }
}
