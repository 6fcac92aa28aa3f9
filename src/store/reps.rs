//! The reps of a team book, and which of them this session is.

use std::collections::HashMap;

use super::Reader;
use super::conn::{Conn, FirstReading, PgConn, Row};
use super::error::{DbError, StoreError};
use super::postgres_server::{SET_TIME_ZONE, set_time_zone};
use crate::domain::Rep;

pub(super) const REP_COLUMNS: &str = "id, name, email, role_name, manager, active, phone";

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
        phone: row.get(first + 6)?,
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

/// A key-value table's rows as one JSON object of strings.
const PAIRS: &str = "coalesce(json_object_agg(key, value), '{}')::text AS pairs";

/// What the first statement of a session reads: see [`version_and_session_rep`].
pub(super) struct SessionStart {
    pub version: i64,
    pub rep: Option<Rep>,
    /// The team's settings, the bookkeeping and whether there are value items; `None` if
    /// they could not be read here, and so are read by their own statements when asked.
    pub reading: Option<FirstReading>,
}

/// The schema version, the rep whose role the session connected as, the team's settings,
/// the bookkeeping and whether there are value items, in one statement: the first of every session, whose every command
/// asks them (the version before anything else, the rep to know whose files to list or
/// whether the person at the keyboard is who they say, the settings for the team's rules,
/// the bookkeeping to know whether the stored due dates follow them, the value items to know
/// whether to look for one). Each round trip saved here is saved on every command. `Ok(None)`
/// when a table or a column is missing: a database followup never set up, or one whose
/// schema predates them; the caller reads the version alone then.
///
/// The same statement sets the session's `TimeZone` (see postgres_server.rs); when it fails,
/// the zone is set by a statement of its own before the failure is told.
pub(super) fn version_and_session_rep(pg: &PgConn) -> Result<Option<SessionStart>, StoreError> {
    let zone = pg.zone().name();
    let read = Conn::Postgres(pg).one(
        &format!(
            "SELECT v.version, s.pairs, m.pairs, EXISTS (SELECT 1 FROM value_items), r.*,
                    {SET_TIME_ZONE}
             FROM (SELECT max(version) AS version FROM followup_schema) AS v
             CROSS JOIN (SELECT {PAIRS} FROM team_settings) AS s
             CROSS JOIN (SELECT {PAIRS} FROM meta) AS m
             LEFT JOIN (SELECT {REP_COLUMNS} FROM reps WHERE role_name = current_user) AS r
             ON true"
        ),
        &[&zone],
        |row| {
            let version: Option<i64> = row.get(0)?;
            let pairs = |index| -> Result<Option<HashMap<String, String>>, DbError> {
                Ok(serde_json::from_str(&row.get::<String>(index)?).ok())
            };
            let reading = match (pairs(1)?, pairs(2)?) {
                (Some(team_settings), Some(bookkeeping)) => Some(FirstReading {
                    team_settings,
                    bookkeeping,
                    any_value_items: row.get(3)?,
                }),
                _ => None,
            };
            let rep = match row.get::<Option<i64>>(4)? {
                Some(_) => Some(rep_from(row, 4)?),
                None => None,
            };
            Ok(SessionStart {
                version: version.unwrap_or(0),
                rep,
                reading,
            })
        },
        "reading the schema version",
    );
    if read.is_err() {
        set_time_zone(pg)?;
    }
    match read {
        Err(StoreError::Postgres { source, .. })
            if [
                Some(&postgres::error::SqlState::UNDEFINED_TABLE),
                Some(&postgres::error::SqlState::UNDEFINED_COLUMN),
            ]
            .contains(&source.code()) =>
        {
            Ok(None)
        }
        read => read.map(Some),
    }
}
