//! The drip after a lost deal, as the commands see it: whether `close` puts a file on it,
//! what `edit --drip` may change, and whether an attempt `log`ged to a closed file is one of
//! its touches. The dates themselves are the engine's (see `engine::next_action`).

use chrono::NaiveDateTime;

use crate::cadence::Cadence;
use crate::domain::{Attempt, CloseReason, Outcome, Prospect, Status, Step};
use crate::engine::NextAction;
use crate::error::{Error, Result};

use super::Tracker;
use super::requests::{CloseRequest, Recontact};

impl Tracker {
    /// Whether a file closed by `request` goes on the drip: a lost deal does by default, when
    /// its cadence has a drip and no re-contact date was asked for instead; `--no-drip` keeps
    /// it off. `--drip` is refused where it cannot be kept, rather than silently ignored.
    pub(super) fn drip_on_close(
        &self,
        prospect: &Prospect,
        request: &CloseRequest,
    ) -> Result<bool> {
        let cadence = self.cadence_of(prospect)?;
        match (request.reason, request.drip) {
            (_, Some(false)) => Ok(false),
            (CloseReason::Lost, None) => Ok(request.recontact == Recontact::ByReason
                && cadence.drip_every_business_days.is_some()),
            (CloseReason::Lost, Some(true)) if request.recontact != Recontact::ByReason => {
                Err(Error::Invalid(
                    "--drip and --recontact both plan when to contact them next; give one: the \
                     drip sends a value touch at regular intervals, --recontact one try on a date"
                        .into(),
                ))
            }
            (CloseReason::Lost, Some(true)) => {
                self.cadence_drips(cadence)?;
                Ok(true)
            }
            (reason, Some(true)) => Err(not_for_drip(prospect, reason)),
            (_, None) => Ok(false),
        }
    }

    /// `edit --drip yes|no`: puts a file closed as lost on the drip (instead of a re-contact
    /// date it may have), or takes any closed file off it.
    pub(super) fn set_drip(&self, prospect: &mut Prospect, on: bool) -> Result<()> {
        let id = prospect.id;
        let (Status::Closed, Some(closure)) = (prospect.status, prospect.closed.as_mut()) else {
            return Err(Error::Invalid(format!(
                "prospect {id} ({}) is active, and only a closed file can be on the drip; \
                 `followup close {id} --reason lost` closes it and puts it on the drip",
                prospect.contact.name
            )));
        };
        if on {
            if closure.reason != CloseReason::Lost {
                let reason = closure.reason;
                return Err(not_for_drip(prospect, reason));
            }
            self.cadence_drips(self.cadence_of(prospect)?)?;
            prospect.recontact_on = None;
        }
        if let Some(closure) = prospect.closed.as_mut() {
            closure.drip = on;
        }
        Ok(())
    }

    /// Refuses a drip the prospect's cadence cannot give, saying where to set one.
    fn cadence_drips(&self, cadence: &Cadence) -> Result<()> {
        if cadence.drip_every_business_days.is_some() {
            return Ok(());
        }
        Err(Error::Invalid(format!(
            "cadence {} has no drip (drip_every_business_days = 0 in {}); set it there to the \
             business days between drip touches, or plan one try with --recontact DATE",
            cadence.name,
            self.rules.mine.origin.describe()
        )))
    }
}

/// `--drip` for a file not closed as lost. A "no" is respected: nobody who declined is
/// dripped on.
fn not_for_drip(prospect: &Prospect, reason: CloseReason) -> Error {
    let id = prospect.id;
    let name = &prospect.contact.name;
    Error::Invalid(match reason {
        CloseReason::NotInterested => format!(
            "prospect {id} ({name}) is closed as not-interested: they said no, and a drip would \
             ignore that; if the deal was lost rather than refused, close it with --reason lost"
        ),
        reason => format!(
            "the drip is for lost deals, and prospect {id} ({name}) is closed as {reason}; \
             give --reason lost if the deal was lost, or plan one try with --recontact DATE"
        ),
    })
}

/// Whether an attempt at `at` on a closed file is one of its drip touches, which `log`
/// records without `--reopen`: the drip touch is due (`planned`, the engine's next action
/// for the file), or the prospect answers a drip touch already made.
pub(super) fn in_drip(
    prospect: &Prospect,
    history: &[Attempt],
    planned: Option<&NextAction>,
    at: NaiveDateTime,
    outcome: Outcome,
) -> bool {
    let Some(action) = planned.filter(|action| action.step == Step::Drip) else {
        return false;
    };
    action.due <= at.date() || (outcome.is_response() && answers(prospect, history, Step::Drip))
}

/// Whether the last thing done to the closed file was a touch of `step` made since it was
/// closed: a response now answers it.
pub(super) fn answers(prospect: &Prospect, history: &[Attempt], step: Step) -> bool {
    let closed_at = prospect.closed.as_ref().map(|closure| closure.at);
    history
        .iter()
        .rev()
        .find(|attempt| attempt.is_touch() || attempt.step == step)
        .is_some_and(|last| last.step == step && closed_at.is_none_or(|closed| last.at >= closed))
}
