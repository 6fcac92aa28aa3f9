//! Taking back what was recorded: the last logged attempt with what its `log` changed about
//! the file (kept in `attempt_effects`), and removing an attempt or a whole file.

use chrono::NaiveDateTime;

use super::conn::Row;
use super::error::DbError;
use super::{Reader, StoreError, Writer, rows};
use crate::domain::{Attempt, Closure, FileState, ProspectId};

/// What a logged attempt changed about its file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effect {
    pub before: FileState,
    pub after: FileState,
}

/// The attempt recorded last (by the order of recording, not by when it happened), with
/// when it was logged and what it changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LastLogged {
    pub attempt: Attempt,
    pub logged_at: NaiveDateTime,
    pub effect: Option<Effect>,
}

const STATE_COLUMNS: &str = "status, close_reason, closed_at, close_note, recontact_on, \
     run_started_at, drip";

/// How many columns STATE_COLUMNS names.
const STATE_WIDTH: usize = 7;

/// Seven columns from `first` on, in the order of STATE_COLUMNS.
fn file_state(row: &Row<'_>, first: usize) -> Result<FileState, DbError> {
    let reason = row.get(first + 1)?;
    let at = row.optional_datetime(first + 2)?;
    Ok(FileState {
        status: row.get(first)?,
        closed: match (reason, at) {
            (Some(reason), Some(at)) => Some(Closure {
                reason,
                at,
                note: row.get(first + 3)?,
                drip: row.get(first + 6)?,
            }),
            _ => None,
        },
        recontact_on: row.get(first + 4)?,
        run_started_at: row.optional_datetime(first + 5)?,
    })
}

impl Reader<'_> {
    /// The attempt with the highest id: the one logged (or imported) last.
    pub fn last_logged(&self) -> Result<Option<LastLogged>, StoreError> {
        let prefixed = |prefix: &str| {
            STATE_COLUMNS
                .split(", ")
                .map(|column| format!("effects.{prefix}{column}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let attempt_columns = rows::ATTEMPT_COLUMNS
            .split(", ")
            .map(|column| format!("attempts.{column}"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT {attempt_columns}, attempts.logged_at, effects.attempt_id IS NOT NULL,
                    {}, {}
             FROM attempts LEFT JOIN attempt_effects AS effects
                  ON effects.attempt_id = attempts.id
             ORDER BY attempts.id DESC LIMIT 1",
            prefixed("before_"),
            prefixed("after_"),
        );
        self.conn.first(
            &sql,
            &[],
            |row| {
                // Right after the columns of ATTEMPT_COLUMNS (ten of them).
                let has_effect: bool = row.get(11)?;
                Ok(LastLogged {
                    attempt: rows::attempt(row)?,
                    logged_at: row.datetime(10)?,
                    effect: if has_effect {
                        Some(Effect {
                            before: file_state(row, 12)?,
                            after: file_state(row, 12 + STATE_WIDTH)?,
                        })
                    } else {
                        None
                    },
                })
            },
            "reading the last logged attempt",
        )
    }
}

impl Reader<'_> {
    /// What attempt `id`'s `log` changed about its file, if it kept it.
    pub fn effect_of(&self, id: i64) -> Result<Option<Effect>, StoreError> {
        let columns = |prefix: &str| {
            STATE_COLUMNS
                .split(", ")
                .map(|column| format!("{prefix}{column}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        self.conn.first(
            &format!(
                "SELECT {}, {} FROM attempt_effects WHERE attempt_id = ?1",
                columns("before_"),
                columns("after_")
            ),
            &[&id],
            |row| {
                Ok(Effect {
                    before: file_state(row, 0)?,
                    after: file_state(row, STATE_WIDTH)?,
                })
            },
            "reading what an attempt changed",
        )
    }
}

impl Writer<'_> {
    /// Keeps what the attempt `attempt_id` changed about its file, for `undo`.
    pub fn record_effect(&self, attempt_id: i64, effect: &Effect) -> Result<(), StoreError> {
        let values = |state: &FileState| {
            let closed = state.closed.as_ref();
            (
                state.status,
                closed.map(|closure| closure.reason),
                closed.map(|closure| closure.at),
                closed.and_then(|closure| closure.note.clone()),
                state.recontact_on,
                state.run_started_at,
                closed.is_some_and(|closure| closure.drip),
            )
        };
        let (b0, b1, b2, b3, b4, b5, b6) = values(&effect.before);
        let (a0, a1, a2, a3, a4, a5, a6) = values(&effect.after);
        self.conn().execute(
            &format!(
                "INSERT INTO attempt_effects (attempt_id, {}, {})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
                STATE_COLUMNS
                    .split(", ")
                    .map(|column| format!("before_{column}"))
                    .collect::<Vec<_>>()
                    .join(", "),
                STATE_COLUMNS
                    .split(", ")
                    .map(|column| format!("after_{column}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            &[
                &attempt_id,
                &b0,
                &b1,
                &b2,
                &b3,
                &b4,
                &b5,
                &b6,
                &a0,
                &a1,
                &a2,
                &a3,
                &a4,
                &a5,
                &a6,
            ],
            "recording what an attempt changed",
        )?;
        Ok(())
    }

    /// Removes one attempt (and what was kept of its effect).
    pub fn delete_attempt(&self, id: i64) -> Result<(), StoreError> {
        self.conn().execute(
            "DELETE FROM attempts WHERE id = ?1",
            &[&id],
            "removing an attempt",
        )?;
        Ok(())
    }

    /// Removes a prospect with its whole history.
    pub fn delete_prospect(&self, id: ProspectId) -> Result<(), StoreError> {
        // Its touches leave the counts of `stats` with it.
        self.remove_stat_facts(id)?;
        // The foreign keys cascade, but a database opened without them (by another tool)
        // may have left orphans: say what goes, explicitly.
        self.conn().execute(
            "DELETE FROM attempt_effects
             WHERE attempt_id IN (SELECT id FROM attempts WHERE prospect_id = ?1)",
            &[&id],
            "removing a prospect's history",
        )?;
        self.conn().execute(
            "DELETE FROM attempts WHERE prospect_id = ?1",
            &[&id],
            "removing a prospect's history",
        )?;
        self.conn().execute(
            "DELETE FROM value_items WHERE prospect_id = ?1",
            &[&id],
            "removing a prospect's value items",
        )?;
        self.conn().execute(
            "DELETE FROM prospects WHERE id = ?1",
            &[&id],
            "removing a prospect",
        )?;
        Ok(())
    }
}
