//! A personal SQLite book read for `team import-book`: opened read-only, never upgraded,
//! and what the copy writes on the team's side besides the owner: the rep of each attempt.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::error::StoreError;
use super::{Engine, Store, Writer, migrations, not_a_database};
use crate::domain::ProspectId;

impl Store {
    /// Opens the SQLite file at `path` for reading only: nothing in it changes, not even its
    /// schema. A file of another schema version than this build's is refused (an older one
    /// would need the upgrade that opening it for work makes).
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if path.is_dir() {
            return Err(StoreError::IsADirectory {
                path: path.to_path_buf(),
            });
        }
        if !path.exists() {
            return Err(StoreError::NoSuchBook {
                path: path.to_path_buf(),
            });
        }
        // A book in write-ahead-log mode makes even a reader create the log and its index
        // beside it, and leave them. With no log beside it, the book is closed and the main
        // file holds everything: it is read as immutable, which creates nothing. With a log,
        // it is open (or was left so) and is read through it, as any reader would; so with a
        // rollback journal (an import under one, cut short: journal.rs), which SQLite then
        // refuses to read past rather than show the half-written pages.
        let mut flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let beside = |suffix: &str| {
            let mut name = path.as_os_str().to_owned();
            name.push(suffix);
            Path::new(&name).exists()
        };
        let target = if beside("-wal") || beside("-journal") {
            path.display().to_string()
        } else {
            flags |= OpenFlags::SQLITE_OPEN_URI;
            format!("file:{}?immutable=1", uri_path(path))
        };
        let conn =
            Connection::open_with_flags(&target, flags).map_err(|source| StoreError::OpenBook {
                path: path.to_path_buf(),
                detail: source.to_string(),
            })?;
        let version = migrations::schema_version(&conn).map_err(|error| match error {
            StoreError::Sqlite { source, .. } => not_a_database(path, source),
            other => other,
        })?;
        migrations::refuse_unknown(version, path)?;
        if version < migrations::CURRENT_VERSION {
            return Err(StoreError::OlderBook {
                path: path.to_path_buf(),
                found: version,
            });
        }
        Ok(Store {
            engine: Engine::Sqlite {
                conn,
                path: PathBuf::from(path),
            },
        })
    }
}

/// A path as the path of a `file:` URI: every byte but the unreserved ones and `/`
/// percent-encoded, so that `?`, `#` and `%` in a name stay part of it.
fn uri_path(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for byte in absolute.as_os_str().as_encoded_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(*byte))
            }
            other => out.push_str(&format!("%{other:02X}")),
        }
    }
    out
}

impl Writer<'_> {
    /// Records `rep` as the one who logged every attempt of a file.
    pub fn set_rep_of_attempts(&self, id: ProspectId, rep: i64) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE attempts SET rep = ?2 WHERE prospect_id = ?1",
            &[&id, &rep],
            "recording who logged the attempts",
        )?;
        Ok(())
    }
}
