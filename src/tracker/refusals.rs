//! What `add`, `log` and `close` refuse, and how they say it: a channel with an outcome it
//! cannot have, a log to a closed file, a prospect already on file. Each message names what
//! was wrong and the command or flag that does what was meant.

use chrono::NaiveDateTime;

use crate::domain::{Attempt, Channel, CloseReason, Closure, Contact, Outcome, Prospect, Step};
use crate::engine::NextAction;
use crate::error::{Error, Result};
use crate::transfer::dedupe::{self, Match};

use super::Tracker;
use super::drip::answers;

impl Tracker {
    /// Refuses a new prospect with the email (or, without one, the phone) of a prospect on
    /// file: the rule `import` skips rows by, naming the prospect it matches.
    pub(super) fn refuse_duplicate(&self, contact: &Contact) -> Result<()> {
        for keys in self.store.reader().contacts()? {
            let Some(by) = dedupe::shared(contact, keys.email.as_deref(), keys.phone.as_deref())
            else {
                continue;
            };
            let what = match by {
                Match::Email => "email",
                Match::Phone => "phone",
            };
            return Err(Error::Invalid(format!(
                "prospect {} ({}) has the same {what}; `followup show {}` shows them, and \
                 --force adds this one anyway",
                keys.id, keys.name, keys.id
            )));
        }
        Ok(())
    }
}

/// An outcome the channel cannot have, with the ones it can.
pub(super) fn mismatch(channel: Channel, defaulted: bool, outcome: Outcome) -> Error {
    let given = if defaulted {
        format!(
            "--channel {channel} (assumed from their next action: give --channel to say otherwise)"
        )
    } else {
        format!("--channel {channel}")
    };
    Error::Invalid(format!(
        "--outcome {outcome} does not go with {given}; with {channel} the outcome is one of: {}",
        channel.outcomes_listed()
    ))
}

/// Whether an attempt at `at` on a closed file is part of its re-contact (cadence.md rule 7),
/// which `log` records without `--reopen`: the re-contact is due, or the prospect answers a
/// re-contact already made.
pub(super) fn in_recontact(
    prospect: &Prospect,
    history: &[Attempt],
    at: NaiveDateTime,
    outcome: Outcome,
) -> bool {
    let Some(day) = prospect.recontact_on else {
        return false;
    };
    day <= at.date() || (outcome.is_response() && answers(prospect, history, Step::Recontact))
}

/// Logging to a closed file whose re-contact or drip touch is not due (`planned`, its next
/// action): most likely the wrong prospect, or a file that should be reopened first.
pub(super) fn closed_file(prospect: &Prospect, planned: Option<&NextAction>) -> Error {
    let id = prospect.id;
    let why = match &prospect.closed {
        Some(closure) => format!(" ({} on {})", closure.reason, closure.at.date()),
        None => String::new(),
    };
    let again = match planned {
        Some(action) if action.step == Step::Drip => {
            format!(
                "; it is on the drip, and its next drip touch is due on {}",
                action.due
            )
        }
        Some(action) => format!("; its re-contact is due on {}", action.due),
        None => String::new(),
    };
    Error::Invalid(format!(
        "prospect {id} ({}) is closed{why}{again}; `followup reopen {id}` first, or log with \
         --reopen to reopen it with this attempt",
        prospect.contact.name
    ))
}

/// `close` on a closed file, other than to move its re-contact date: a script closing a file
/// twice learns that the second close did nothing.
pub(super) fn already_closed(prospect: &Prospect, closure: &Closure) -> Error {
    let id = prospect.id;
    // Only a lost deal can go on the drip or come off it.
    let drip = match closure.reason {
        CloseReason::Lost => {
            format!("; to put it on the drip or take it off, `followup edit {id} --drip yes|no`")
        }
        _ => String::new(),
    };
    Error::Invalid(format!(
        "prospect {id} ({}) is already closed ({} on {}); to change its re-contact date, repeat \
         that reason with --recontact{drip}; to close it for another reason, `followup reopen \
         {id}` first",
        prospect.contact.name,
        closure.reason,
        closure.at.date()
    ))
}
