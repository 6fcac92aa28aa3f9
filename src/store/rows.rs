//! Turning table rows into domain values, and the column lists that go with them.

use rusqlite::Row;

use crate::domain::{Attempt, Closure, Contact, Prospect};

pub(super) const PROSPECT_COLUMNS: &str = "id, name, company, phone, email, title, prefers, \
     next_step, topic, assistant, assistant_phone, note, cadence, start_date, status, \
     close_reason, closed_at, close_note, recontact_on, run_started_at, created_at";

pub(super) const ATTEMPT_COLUMNS: &str =
    "id, prospect_id, at, channel, outcome, step, note, promise, next_date";

pub(super) fn prospect(row: &Row<'_>) -> rusqlite::Result<Prospect> {
    let close_reason = row.get("close_reason")?;
    let closed_at = row.get("closed_at")?;
    Ok(Prospect {
        id: row.get("id")?,
        contact: Contact {
            name: row.get("name")?,
            company: row.get("company")?,
            phone: row.get("phone")?,
            email: row.get("email")?,
            title: row.get("title")?,
            prefers: row.get("prefers")?,
            next_step: row.get("next_step")?,
            topic: row.get("topic")?,
            assistant: row.get("assistant")?,
            assistant_phone: row.get("assistant_phone")?,
            note: row.get("note")?,
        },
        cadence: row.get("cadence")?,
        start: row.get("start_date")?,
        status: row.get("status")?,
        closed: match (close_reason, closed_at) {
            (Some(reason), Some(at)) => Some(Closure {
                reason,
                at,
                note: row.get("close_note")?,
            }),
            _ => None,
        },
        recontact_on: row.get("recontact_on")?,
        run_started_at: row.get("run_started_at")?,
        created_at: row.get("created_at")?,
    })
}

pub(super) fn attempt(row: &Row<'_>) -> rusqlite::Result<Attempt> {
    Ok(Attempt {
        id: row.get("id")?,
        prospect_id: row.get("prospect_id")?,
        at: row.get("at")?,
        channel: row.get("channel")?,
        outcome: row.get("outcome")?,
        step: row.get("step")?,
        note: row.get("note")?,
        promise: row.get("promise")?,
        next: row.get("next_date")?,
    })
}
