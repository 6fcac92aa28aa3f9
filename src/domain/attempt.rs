//! An attempt: one logged contact with a prospect.

use chrono::{NaiveDate, NaiveDateTime};

use super::{Channel, Outcome, ProspectId, Step};

/// One logged contact, with the step of the cadence it fulfilled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attempt {
    pub id: i64,
    pub prospect_id: ProspectId,
    pub at: NaiveDateTime,
    pub channel: Channel,
    pub outcome: Outcome,
    pub step: Step,
    pub note: Option<String>,
    /// A callback promised in this attempt ("I'll call you at 08:15 tomorrow").
    pub promise: Option<NaiveDateTime>,
    /// A date agreed with the prospect for the next step.
    pub next: Option<NaiveDate>,
    /// On a team book, the rep who logged it (`attempts.rep`); `None` on a personal book and
    /// for work logged before the team was set up. Who made a promise, when another rep now
    /// holds the file, is said in the messages (see `tracker::handover`).
    pub rep: Option<i64>,
}

impl Attempt {
    /// Attempts through the assistant are advice to act on, not touches of the prospect.
    pub fn is_touch(&self) -> bool {
        self.channel != Channel::Assistant
    }

    pub fn date(&self) -> NaiveDate {
        self.at.date()
    }
}
