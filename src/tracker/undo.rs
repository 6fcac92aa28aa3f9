//! Taking back a mistake: `undo` removes the attempt logged last and puts its file back as it
//! was before that `log`, its holder included (a file the `log` claimed from the pool goes
//! back to the pool); `delete` removes a whole file. Both keep the stored due date right.

use crate::domain::{Attempt, Closure, Outcome, Prospect, ProspectId, Rep, Status};
use crate::error::{Error, Result};
use crate::store::LastLogged;

use super::ownership::{audit_owner, rep_by_id};
use super::{Tracker, audit, store_plan};

/// The attempt `undo` would remove, and whose file it is.
#[derive(Debug, Clone)]
pub struct UndoPlan {
    pub last: LastLogged,
    pub prospect: Prospect,
}

/// What became of the file when its attempt was removed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileAfterUndo {
    /// The attempt had not changed the file's status.
    Untouched,
    /// The attempt had closed, reopened or moved the re-contact of the file: put back.
    PutBack,
    /// The file changed again since (closed, reopened by hand): left as it is now.
    ChangedSince,
    /// Logged by a version that did not keep what `log` changed, and it looks as if this
    /// attempt closed or reopened the file: left as it is now.
    Unknown,
}

/// What `undo` did.
#[derive(Debug, Clone)]
pub struct Undone {
    pub attempt: Attempt,
    pub prospect: Prospect,
    pub file: FileAfterUndo,
    /// The attempt had recorded the ground rules (`log --ground-rules`): taken off again.
    pub ground_rules_removed: bool,
    /// The attempt's `log` had claimed the file on a team book, and it was given back:
    /// `Some(None)` to the pool, `Some(Some(rep))` to the deactivated rep who held it.
    pub given_back: Option<Option<Rep>>,
}

impl Tracker {
    /// The file whose close was the last change its user made, when that close found it
    /// active: what `undo` takes back before any attempt. `None` once anything else was
    /// written since, or if the file is no longer closed.
    pub fn close_to_undo(&self) -> Result<Option<Prospect>> {
        let Some(change) = self.store.reader().last_own_change(audit::LOCAL_ACTOR)? else {
            return Ok(None);
        };
        let (Some(id), "close", Some("active")) = (
            change.prospect_id,
            change.action.as_str(),
            change.old_value.as_deref(),
        ) else {
            return Ok(None);
        };
        let prospect = self.prospect(id)?;
        Ok((prospect.status == Status::Closed).then_some(prospect))
    }

    /// Takes back the close [`Tracker::close_to_undo`] names, which must still be the last
    /// change: the file is active again with its run and history as they were, so its next
    /// action is the one it had before the close.
    pub fn undo_close(&mut self, id: ProspectId) -> Result<Prospect> {
        let mut prospect = self
            .close_to_undo()?
            .filter(|prospect| prospect.id == id)
            .ok_or_else(|| {
                Error::Invalid(
                    "another change was made meanwhile; run `followup undo` again to see what \
                     it would take back"
                        .into(),
                )
            })?;
        let before = audit::describe_status(&prospect);
        // A close changes only these on an active file (a re-contact date, the drip and the
        // reason live in them); the run it started and the history are untouched.
        prospect.status = Status::Active;
        prospect.closed = None;
        prospect.recontact_on = None;
        self.store_status_change(prospect, "undo-close", before)
    }

    /// The attempt recorded last, by the order of recording (not by the time it happened).
    pub fn undo_plan(&self) -> Result<Option<UndoPlan>> {
        let Some(last) = self.store.reader().last_logged()? else {
            return Ok(None);
        };
        let prospect = self.prospect(last.attempt.prospect_id)?;
        Ok(Some(UndoPlan { last, prospect }))
    }

    /// Removes attempt `attempt_id`, which must still be the last one recorded (another
    /// command may have logged one since it was shown), and puts its file back.
    pub fn undo(&mut self, attempt_id: i64) -> Result<Undone> {
        let plan = self
            .undo_plan()?
            .filter(|plan| plan.last.attempt.id == attempt_id)
            .ok_or_else(|| {
                Error::Invalid(
                    "another attempt was logged meanwhile; run `followup undo` again to see \
                     which one is last"
                        .into(),
                )
            })?;
        let mut prospect = plan.prospect;
        let file = match &plan.last.effect {
            Some(effect) if prospect.file_state() == effect.after => {
                prospect.set_file_state(effect.before.clone());
                FileAfterUndo::PutBack
            }
            Some(_) => FileAfterUndo::ChangedSince,
            None if looks_changed_by(&plan.last.attempt, &prospect) => FileAfterUndo::Unknown,
            None => FileAfterUndo::Untouched,
        };
        let attempt = plan.last.attempt;
        // Ground rules that this attempt's `log --ground-rules` recorded go with it; ones on
        // file before it (or set by `edit` since) stay.
        let ground_rules_removed =
            self.store.reader().ground_rules_set_by(attempt.id)? && prospect.contact.ground_rules;
        if ground_rules_removed {
            prospect.contact.ground_rules = false;
        }
        // A file this attempt's `log` claimed goes back to whoever held it before, unless it
        // changed hands since (a manager assigned it): then it stays where it is now.
        let give_back = self.store.reader().claim_to_give_back(attempt.id)?;
        let now = self.now;
        let audit_zone = self.audit_zone();
        let (prospect, given_back) = self.write(|writer, rules| {
            let reader = writer.reader();
            writer.delete_attempt(attempt.id)?;
            let what = Some(audit::describe_attempt(&attempt, audit_zone));
            let id = Some(prospect.id);
            audit::record(writer, now, id, "undo", None, what, None)?;
            writer.update_prospect(&prospect)?;
            let mut given_back = None;
            if let Some(from) = give_back {
                let rep = |id: Option<i64>| id.map(|id| rep_by_id(reader, id)).transpose();
                let (holder, to) = (rep(prospect.owner)?.flatten(), rep(from)?.flatten());
                writer.set_owner(prospect.id, from)?;
                prospect.owner = from;
                audit_owner(
                    writer,
                    now,
                    "unclaim",
                    prospect.id,
                    holder.as_ref(),
                    to.as_ref(),
                )?;
                given_back = Some(to);
            }
            store_plan(writer, rules, &prospect)?;
            Ok::<_, Error>((prospect, given_back))
        })?;
        Ok(Undone {
            attempt,
            prospect,
            file,
            ground_rules_removed,
            given_back,
        })
    }

    /// Removes a prospect and its whole history; returns what was removed.
    pub fn delete(&mut self, id: ProspectId) -> Result<(Prospect, usize)> {
        let prospect = self.prospect(id)?;
        let attempts = self.store.reader().attempts(id)?.len();
        let now = self.now;
        let what = Some(format!("{} ({attempts} attempts)", prospect.contact.name));
        self.write(|writer, _| {
            writer.delete_prospect(id)?;
            audit::record(writer, now, Some(id), "delete", None, what, None)?;
            Ok::<_, Error>(())
        })?;
        Ok((prospect, attempts))
    }
}

/// Whether an attempt without a kept effect seems to have closed the file (a "no" at the
/// moment the file was closed) or reopened it (its run starts at the attempt).
fn looks_changed_by(attempt: &Attempt, prospect: &Prospect) -> bool {
    let closed_by_it = matches!(
        (&prospect.status, &prospect.closed),
        (Status::Closed, Some(Closure { at, .. })) if *at == attempt.at
    ) && attempt.outcome == Outcome::Declined;
    let reopened_by_it = prospect.run_started_at == Some(attempt.at);
    closed_by_it || reopened_by_it
}
