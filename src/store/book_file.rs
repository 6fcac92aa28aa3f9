//! A personal SQLite book read for `team import-book`: opened read-only, never upgraded,
//! and what the copy writes on the team's side (the owner of each file, the rep of each
//! attempt).

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
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| StoreError::OpenBook {
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

impl Writer<'_> {
    /// Gives a file to a rep (`None`: the pool).
    pub fn set_owner(&self, id: ProspectId, owner: Option<i64>) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE prospects SET owner = ?2 WHERE id = ?1",
            &[&id, &owner],
            "giving a file to a rep",
        )?;
        Ok(())
    }

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
