//! The audit of a team book: one row per change, appended in the transaction that made it.
//!
//! Who made a change is the database's word, not the command line's: on PostgreSQL the row
//! names `current_user`, the role the rep connected as, which `--as` cannot change. A SQLite
//! file has one user, named by the caller.

use chrono::NaiveDateTime;

use super::conn::Conn;
use super::error::StoreError;
use super::{Reader, Writer};
use crate::domain::ProspectId;

/// One change, as the audit keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry<'a> {
    /// The file changed; `None` for a change to the team (a rep added, the cadence set).
    pub prospect_id: Option<ProspectId>,
    /// What was done, one word from a fixed list: `add`, `log`, `assign`, `claim`, ...
    pub action: &'static str,
    /// The field that changed, when one did.
    pub field: Option<&'a str>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

impl Writer<'_> {
    /// Appends `entry`, made at `at` by `local_actor` on a SQLite file (on PostgreSQL, by the
    /// connected role).
    pub fn append_audit(
        &self,
        at: NaiveDateTime,
        local_actor: &str,
        entry: &AuditEntry<'_>,
    ) -> Result<(), StoreError> {
        let fields: [&dyn super::conn::Param; 6] = [
            &at,
            &entry.prospect_id,
            &entry.action,
            &entry.field,
            &entry.old_value,
            &entry.new_value,
        ];
        const CONTEXT: &str = "recording the change in the audit";
        match self.conn() {
            Conn::Sqlite(_) => self.conn().execute(
                "INSERT INTO audit (at, prospect_id, action, field, old_value, new_value, actor)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                &[fields.as_slice(), &[&local_actor]].concat(),
                CONTEXT,
            )?,
            Conn::Postgres(_) => self.conn().execute(
                "INSERT INTO audit (at, prospect_id, action, field, old_value, new_value, actor)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, current_user)",
                &fields,
                CONTEXT,
            )?,
        };
        Ok(())
    }
}

/// The ids of the prospects one transaction added, in the order added, as runs of ids that
/// follow each other: on SQLite, where a writer's new ids follow the largest, an import of a
/// million prospects is one run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddedIds {
    /// First and last id of each run.
    runs: Vec<(ProspectId, ProspectId)>,
}

impl AddedIds {
    pub fn push(&mut self, id: ProspectId) {
        match self.runs.last_mut() {
            Some((_, last)) if last.checked_add(1) == Some(id) => *last = id,
            _ => self.runs.push((id, id)),
        }
    }

    /// How many runs the ids make.
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    pub fn clear(&mut self) {
        self.runs.clear();
    }
}

impl Writer<'_> {
    /// Appends one row per prospect of `ids` (stored by this transaction), made at `at`,
    /// naming the prospect as stored: what an import records. On SQLite one statement
    /// appends the rows of a whole run of ids (no other writer can have added prospects
    /// among them); on PostgreSQL, whose ids come from a sequence other sessions share, one
    /// statement per prospect.
    pub fn append_added_audit(
        &self,
        at: NaiveDateTime,
        local_actor: &str,
        action: &'static str,
        ids: &AddedIds,
    ) -> Result<(), StoreError> {
        const CONTEXT: &str = "recording the change in the audit";
        for &(first, last) in &ids.runs {
            match self.conn() {
                Conn::Sqlite(_) => {
                    self.conn().execute(
                        "INSERT INTO audit
                            (at, prospect_id, action, field, old_value, new_value, actor)
                         SELECT ?1, id, ?2, NULL, NULL, name, ?3 FROM prospects
                         WHERE id BETWEEN ?4 AND ?5 ORDER BY id",
                        &[&at, &action, &local_actor, &first, &last],
                        CONTEXT,
                    )?;
                }
                Conn::Postgres(_) => {
                    for id in first..=last {
                        self.conn().execute(
                            "INSERT INTO audit
                                (at, prospect_id, action, field, old_value, new_value, actor)
                             SELECT CAST(?1 AS timestamptz), id, CAST(?2 AS text), NULL, NULL,
                                name, current_user
                             FROM prospects WHERE id = ?3",
                            &[&at, &action, &id],
                            CONTEXT,
                        )?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// Which audit rows `followup audit` reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub prospect: Option<ProspectId>,
    /// The actor as the audit names them: a rep's role, or `me` on a SQLite file.
    pub actor: Option<String>,
    /// Rows from this moment on.
    pub since: Option<NaiveDateTime>,
}

/// The newest change of one's own, as `undo` needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OwnChange {
    pub prospect_id: Option<ProspectId>,
    pub action: String,
    pub old_value: Option<String>,
}

/// One row of the audit, as read back.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditRow {
    pub id: i64,
    pub at: NaiveDateTime,
    pub actor: String,
    pub prospect_id: Option<ProspectId>,
    pub action: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

impl Reader<'_> {
    /// The rows `filter` selects, in the order they were written (newest last).
    pub fn audit(&self, filter: &AuditFilter) -> Result<Vec<AuditRow>, StoreError> {
        // Each parameter's comparison comes first: PostgreSQL takes its type from there.
        self.rows(
            "SELECT id, at, actor, prospect_id, action, field, old_value, new_value
             FROM audit
             WHERE (prospect_id = ?1 OR ?1 IS NULL)
               AND (actor = ?2 OR ?2 IS NULL)
               AND (at >= ?3 OR ?3 IS NULL)
             ORDER BY id",
            &[&filter.prospect, &filter.actor, &filter.since],
            |row| {
                Ok(AuditRow {
                    id: row.get(0)?,
                    at: row.datetime(1)?,
                    actor: row.get(2)?,
                    prospect_id: row.get(3)?,
                    action: row.get(4)?,
                    field: row.get(5)?,
                    old_value: row.get(6)?,
                    new_value: row.get(7)?,
                })
            },
            "reading the audit",
        )
    }

    /// The newest change this session's user made: on a SQLite file, one with `local_actor`;
    /// on PostgreSQL, one by the connected role. What `undo` takes back when it is a close.
    pub fn last_own_change(&self, local_actor: &str) -> Result<Option<OwnChange>, StoreError> {
        let (sql, params): (&str, &[&dyn super::conn::Param]) = match self.conn {
            Conn::Sqlite(_) => (
                "SELECT prospect_id, action, old_value FROM audit WHERE actor = ?1
                 ORDER BY id DESC LIMIT 1",
                &[&local_actor],
            ),
            Conn::Postgres(_) => (
                "SELECT prospect_id, action, old_value FROM audit WHERE actor = current_user
                 ORDER BY id DESC LIMIT 1",
                &[],
            ),
        };
        self.conn.first(
            sql,
            params,
            |row| {
                Ok(OwnChange {
                    prospect_id: row.get(0)?,
                    action: row.get(1)?,
                    old_value: row.get(2)?,
                })
            },
            "reading your last change",
        )
    }

    /// Everyone the audit names, for a message that says who it knows.
    pub fn audit_actors(&self) -> Result<Vec<String>, StoreError> {
        self.rows(
            "SELECT DISTINCT actor FROM audit ORDER BY actor",
            &[],
            |row| row.get(0),
            "reading who the audit names",
        )
    }
}
