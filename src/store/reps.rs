//! The reps of a team book, and which of them this session is.

use super::Reader;
use super::conn::{Conn, PgConn, Row};
use super::error::{DbError, StoreError};
use super::postgres_server::{SET_TIME_ZONE, set_time_zone};
use crate::domain::Rep;

const REP_COLUMNS: &str = "id, name, email, role_name, manager, active";

/// A row of `REP_COLUMNS`, in that order.
pub(super) fn rep(row: &Row<'_>) -> Result<Rep, DbError> {
    rep_from(row, 0)
}

/// `REP_COLUMNS` in that order from column `first` on.
fn rep_from(row: &Row<'_>, first: usize) -> Result<Rep, DbError> {
    Ok(Rep {
        id: row.get(first)?,
        name: row.get(first + 1)?,
        email: row.get(first + 2)?,
        role_name: row.get(first + 3)?,
        manager: row.get(first + 4)?,
        active: row.get(first + 5)?,
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
            Conn::Postgres(pg) => match pg.known_session_rep() {
                Some(known) => Ok(known),
                None => self.conn.first(
                    &format!("SELECT {REP_COLUMNS} FROM reps WHERE role_name = current_user"),
                    &[],
                    rep,
                    "reading which rep this is",
                ),
            },
        }
    }
}

/// The schema version and the rep whose role the session connected as, in one statement: the
/// first of every session, whose every command asks both (the version before anything else,
/// the rep to know whose files to list or whether the person at the keyboard is who they say).
/// `Ok(None)` when a table is missing: a database followup never set up, or one whose schema
/// predates the reps; the caller reads the version alone then.
///
/// The same statement sets the session's `TimeZone` (see postgres_server.rs); when it fails,
/// the zone is set by a statement of its own before the failure is told.
pub(super) fn version_and_session_rep(
    pg: &PgConn,
) -> Result<Option<(i64, Option<Rep>)>, StoreError> {
    let zone = pg.zone().name();
    let read = Conn::Postgres(pg).one(
        &format!(
            "SELECT v.version, r.*, {SET_TIME_ZONE}
             FROM (SELECT max(version) AS version FROM followup_schema) AS v
             LEFT JOIN (SELECT {REP_COLUMNS} FROM reps WHERE role_name = current_user) AS r
             ON true"
        ),
        &[&zone],
        |row| {
            let version: Option<i64> = row.get(0)?;
            let rep = match row.get::<Option<i64>>(1)? {
                Some(_) => Some(rep_from(row, 1)?),
                None => None,
            };
            Ok((version.unwrap_or(0), rep))
        },
        "reading the schema version",
    );
    if read.is_err() {
        set_time_zone(pg)?;
    }
    match read {
        Err(StoreError::Postgres { source, .. })
            if source.code() == Some(&postgres::error::SqlState::UNDEFINED_TABLE) =>
        {
            Ok(None)
        }
        read => read.map(Some),
    }
}
