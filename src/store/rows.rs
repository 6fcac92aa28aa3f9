//! Turning table rows into domain values, and the column lists that go with them.

use rusqlite::Row;

use crate::domain::{Attempt, Closure, Contact, Prospect};

pub(super) const PROSPECT_COLUMNS: &str = "id, name, company, phone, email, title, prefers, \
     next_step, topic, assistant, assistant_phone, note, cadence, start_date, status, \
     close_reason, closed_at, close_note, recontact_on, run_started_at, created_at";

pub(super) const ATTEMPT_COLUMNS: &str =
    "id, prospect_id, at, channel, outcome, step, note, promise, next_date";

pub(super) fn prospect(row: &Row<'_>) -> rusqlite::Result<Prospect> {
    // Columns by position, in the order of PROSPECT_COLUMNS: looking them up by name costs
    // more than the rest of reading a row.
    let close_reason = row.get(15)?;
    let closed_at = row.get(16)?;
    Ok(Prospect {
        id: row.get(0)?,
        contact: Contact {
            name: row.get(1)?,
            company: row.get(2)?,
            phone: row.get(3)?,
            email: row.get(4)?,
            title: row.get(5)?,
            prefers: row.get(6)?,
            next_step: row.get(7)?,
            topic: row.get(8)?,
            assistant: row.get(9)?,
            assistant_phone: row.get(10)?,
            note: row.get(11)?,
        },
        cadence: row.get(12)?,
        start: row.get(13)?,
        status: row.get(14)?,
        closed: match (close_reason, closed_at) {
            (Some(reason), Some(at)) => Some(Closure {
                reason,
                at,
                note: row.get(17)?,
            }),
            _ => None,
        },
        recontact_on: row.get(18)?,
        run_started_at: row.get(19)?,
        created_at: row.get(20)?,
    })
}

/// Columns by position, in the order of ATTEMPT_COLUMNS.
pub(super) fn attempt(row: &Row<'_>) -> rusqlite::Result<Attempt> {
    Ok(Attempt {
        id: row.get(0)?,
        prospect_id: row.get(1)?,
        at: row.get(2)?,
        channel: row.get(3)?,
        outcome: row.get(4)?,
        step: row.get(5)?,
        note: row.get(6)?,
        promise: row.get(7)?,
        next: row.get(8)?,
    })
}
