//! The reps of a team book, and which of them this session is.

use super::Reader;
use super::conn::{Conn, Row};
use super::error::{DbError, StoreError};
use crate::domain::Rep;

const REP_COLUMNS: &str = "id, name, email, role_name, manager, active";

/// A row of `REP_COLUMNS`, in that order.
pub(super) fn rep(row: &Row<'_>) -> Result<Rep, DbError> {
    Ok(Rep {
        id: row.get(0)?,
        name: row.get(1)?,
        email: row.get(2)?,
        role_name: row.get(3)?,
        manager: row.get(4)?,
        active: row.get(5)?,
    })
}

impl Reader<'_> {
    /// Every rep, active or not, by id.
    pub fn reps(&self) -> Result<Vec<Rep>, StoreError> {
        self.rows(
            &format!("SELECT {REP_COLUMNS} FROM reps ORDER BY id"),
            &[],
            rep,
            "reading the reps",
        )
    }

    /// The rep this session acts as: on PostgreSQL, the one whose role the session connected
    /// as (the database's word, which row-level security also goes by); `None` for a role no
    /// rep has, and always on a SQLite file.
    pub fn session_rep(&self) -> Result<Option<Rep>, StoreError> {
        match self.conn {
            Conn::Sqlite(_) => Ok(None),
            Conn::Postgres(_) => self.conn.first(
                &format!("SELECT {REP_COLUMNS} FROM reps WHERE role_name = current_user"),
                &[],
                rep,
                "reading which rep this is",
            ),
        }
    }
}
