//! What the tracker tells the audit: one row per change, written by the same transaction as
//! the change (see `store::audit`), and reading it back for `followup audit`.
//!
//! The rows are made here, not in the store, because only the tracker knows what a command
//! meant: an edit is the fields whose values differ, a `log` is the attempt it recorded.

use chrono::{NaiveDate, NaiveDateTime, TimeZone};

use crate::domain::{Attempt, Prospect, ProspectId, Status};
use crate::error::{Error, Result};
use crate::store::{AuditEntry, AuditFilter, AuditRow, Writer};

use super::Tracker;

/// Who made a change on a SQLite file, which has one user. On PostgreSQL the database
/// names the connected role instead. (`[me] email` will take its place.)
pub(super) const LOCAL_ACTOR: &str = "me";

/// Appends one row to the audit.
pub(super) fn record(
    writer: &Writer<'_>,
    at: NaiveDateTime,
    prospect_id: Option<ProspectId>,
    action: &'static str,
    field: Option<&str>,
    old_value: Option<String>,
    new_value: Option<String>,
) -> Result<()> {
    writer.append_audit(
        at,
        LOCAL_ACTOR,
        &AuditEntry {
            prospect_id,
            action,
            field,
            old_value,
            new_value,
        },
    )?;
    Ok(())
}

/// One row per field that differs between `before` and `after` (an `edit`).
pub(super) fn record_changes(
    writer: &Writer<'_>,
    at: NaiveDateTime,
    before: &Prospect,
    after: &Prospect,
) -> Result<()> {
    for (field, old, new) in changed_fields(before, after) {
        record(writer, at, Some(after.id), "edit", Some(field), old, new)?;
    }
    Ok(())
}

/// A one-line account of an attempt, for the audit: `call voicemail (follow-up) at ...`.
/// On a team book the time says its zone (`zone`, the writer's): the text is kept as it was
/// written, while the audit's own times are read on each reader's clock, and a rep in
/// another zone would otherwise read an hour that looks like theirs.
pub(super) fn describe_attempt(attempt: &Attempt, zone: Option<chrono_tz::Tz>) -> String {
    let when = attempt.at.format("%Y-%m-%d %H:%M");
    let zone = zone
        .and_then(|zone| zone.from_local_datetime(&attempt.at).earliest())
        .map(|instant| format!(" {}", instant.format("%Z")))
        .unwrap_or_default();
    format!(
        "{} {} ({}) at {when}{zone}",
        attempt.channel, attempt.outcome, attempt.step,
    )
}

/// A file's status as the audit shows it: `closed (lost)`.
pub(super) fn describe_status(prospect: &Prospect) -> String {
    match (&prospect.status, &prospect.closed) {
        (Status::Closed, Some(closure)) => format!("closed ({})", closure.reason),
        (status, _) => status.to_string(),
    }
}

/// The fields `edit` can change, as `(name, old, new)` for those that differ.
fn changed_fields(
    before: &Prospect,
    after: &Prospect,
) -> Vec<(&'static str, Option<String>, Option<String>)> {
    let text = |value: &Option<String>| value.clone();
    let (a, b) = (&before.contact, &after.contact);
    let day = |day: NaiveDate| Some(day.to_string());
    let yes_no = |on: bool| Some(if on { "yes" } else { "no" }.to_string());
    let drip = |prospect: &Prospect| prospect.closed.as_ref().is_some_and(|closure| closure.drip);
    let candidates = [
        ("name", Some(a.name.clone()), Some(b.name.clone())),
        ("company", text(&a.company), text(&b.company)),
        ("phone", text(&a.phone), text(&b.phone)),
        ("email", text(&a.email), text(&b.email)),
        ("title", text(&a.title), text(&b.title)),
        (
            "prefers",
            a.prefers.map(|p| p.to_string()),
            b.prefers.map(|p| p.to_string()),
        ),
        ("next_step", text(&a.next_step), text(&b.next_step)),
        ("topic", text(&a.topic), text(&b.topic)),
        ("assistant", text(&a.assistant), text(&b.assistant)),
        (
            "assistant_phone",
            text(&a.assistant_phone),
            text(&b.assistant_phone),
        ),
        ("main_line", text(&a.main_line), text(&b.main_line)),
        ("note", text(&a.note), text(&b.note)),
        ("time_zone", text(&a.time_zone), text(&b.time_zone)),
        (
            "ground_rules",
            yes_no(a.ground_rules),
            yes_no(b.ground_rules),
        ),
        (
            "cadence",
            Some(before.cadence.clone()),
            Some(after.cadence.clone()),
        ),
        ("start", day(before.start), day(after.start)),
        (
            "recontact_on",
            before.recontact_on.map(|d| d.to_string()),
            after.recontact_on.map(|d| d.to_string()),
        ),
        ("drip", yes_no(drip(before)), yes_no(drip(after))),
    ];
    candidates
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .collect()
}

impl Tracker {
    /// The audit rows `filter` selects, oldest first. `rep` names a rep by email or name (or,
    /// on a book without reps, the actor as the audit writes it: `me`).
    pub fn audit(
        &self,
        prospect: Option<ProspectId>,
        rep: Option<&str>,
        since: Option<NaiveDate>,
    ) -> Result<Vec<AuditRow>> {
        let reader = self.store.reader();
        let actor = match rep {
            None => None,
            Some(rep) => Some(self.actor_of(rep)?),
        };
        Ok(reader.audit(&AuditFilter {
            prospect,
            actor,
            since: since.map(|day| day.and_time(chrono::NaiveTime::MIN)),
        })?)
    }

    /// The actor the audit names a rep by: their role, found by email or name (any case).
    fn actor_of(&self, rep: &str) -> Result<String> {
        let wanted = rep.trim().to_lowercase();
        let reps = self.store.reader().reps()?;
        if let Some(found) = reps
            .iter()
            .find(|r| r.email.to_lowercase() == wanted || r.name.to_lowercase() == wanted)
        {
            return Ok(found.role_name.clone());
        }
        let actors = self.store.reader().audit_actors()?;
        if let Some(actor) = actors.iter().find(|actor| actor.to_lowercase() == wanted) {
            return Ok(actor.clone());
        }
        let known: Vec<String> = if reps.is_empty() {
            actors
        } else {
            reps.iter()
                .map(|r| format!("{} <{}>", r.name, r.email))
                .collect()
        };
        Err(Error::Invalid(format!(
            "no rep is called or has the email {}; the audit knows: {}",
            crate::quote::quoted(rep),
            if known.is_empty() {
                "no one yet".to_string()
            } else {
                known.join(", ")
            }
        )))
    }
}
