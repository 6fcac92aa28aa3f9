//! What `stats --by-rep` reads: every attempt with the rep who logged it, and every closed
//! file with its owner.

use chrono::NaiveDateTime;

use super::Reader;
use super::error::StoreError;
use super::rows;
use crate::domain::{Attempt, CloseReason};

/// A closed file, as `stats --by-rep` counts it: by its owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedFile {
    pub owner: Option<i64>,
    pub reason: CloseReason,
    pub at: NaiveDateTime,
}

impl Reader<'_> {
    /// Every attempt made before `to`, with the rep who logged it (`None`: no rep, as in a
    /// personal book or before reps), prospect by prospect, each prospect's in order.
    pub fn attempts_with_reps(
        &self,
        to: NaiveDateTime,
    ) -> Result<Vec<(Attempt, Option<i64>)>, StoreError> {
        self.rows(
            &format!(
                "SELECT {} FROM attempts WHERE at < ?1 ORDER BY prospect_id, at, id",
                rows::ATTEMPT_COLUMNS
            ),
            &[&to],
            |row| {
                let attempt = rows::attempt(row)?;
                let rep = attempt.rep;
                Ok((attempt, rep))
            },
            "reading attempts with their reps",
        )
    }

    /// Every closed file with its owner.
    pub fn closed_files(&self) -> Result<Vec<ClosedFile>, StoreError> {
        self.rows(
            "SELECT owner, close_reason, closed_at FROM prospects
             WHERE status = 'closed' AND closed_at IS NOT NULL AND close_reason IS NOT NULL",
            &[],
            |row| {
                Ok(ClosedFile {
                    owner: row.get(0)?,
                    reason: row.get(1)?,
                    at: row.datetime(2)?,
                })
            },
            "reading closed files",
        )
    }
}
