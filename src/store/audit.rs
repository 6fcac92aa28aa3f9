//! The audit of a team book: one row per change, appended in the transaction that made it.
//!
//! Who made a change is the database's word, not the command line's: on PostgreSQL the row
//! names `current_user`, the role the rep connected as, which `--as` cannot change. A SQLite
//! file has one user, named by the caller.

use chrono::NaiveDateTime;

use super::Writer;
use super::conn::Conn;
use super::error::StoreError;
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
