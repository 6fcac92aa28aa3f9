//! The knobs of one cadence: how often to touch a prospect, when to send the rescue message,
//! and when to give up. Loaded from cadence.toml by `config`; read by `engine`.

use chrono::{Days, NaiveDate, NaiveTime};

/// The drip's rhythm when a cadence does not set one: the spec's `nurture` cadence, one value
/// touch every 60 business days, about once a quarter: often enough to be remembered when the
/// need comes back, rarely enough not to be the pest the deal was lost to.
pub const DEFAULT_DRIP_EVERY_BUSINESS_DAYS: u32 = 60;

/// One named follow-up rhythm, as `[cadence.NAME]` in cadence.toml describes it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Cadence {
    pub name: String,
    /// Business days from one touch to the next.
    pub gap_business_days: u32,
    /// Unanswered touches before the file is closed; the last one is the close-out message.
    /// `None`: no limit and no close-out.
    pub max_touches: Option<u32>,
    /// Unanswered touches after which the next one is the rescue message; `None`: no rescue.
    pub rescue_after: Option<u32>,
    /// The rescue waits until this many calendar days after the first unanswered touch.
    pub rescue_min_span_days: u32,
    /// Whether to suggest calling the assistant after the rescue, when one is on file.
    pub assistant_step: bool,
    /// Business days from an unanswered close-out message to closing the file.
    pub close_after_business_days: u32,
    /// Calendar days from a "no response" close to trying again.
    pub recontact_after_days: u32,
    /// If set, every unanswered touch promises the next call at this time.
    pub promise_time: Option<NaiveTime>,
    /// At most this many actions of this cadence in one morning list; the rest move to the
    /// next business days (see `capacity`). `None`: no limit of its own.
    pub max_touches_per_day: Option<u32>,
    /// Business days between the value touches of a lost deal on the drip; `None`: files of
    /// this cadence closed as lost are not put on the drip.
    pub drip_every_business_days: Option<u32>,
}

impl Cadence {
    /// The built-in defaults of the `standard` cadence; the values a table in cadence.toml
    /// leaves out.
    pub fn standard(name: &str) -> Cadence {
        Cadence {
            name: name.to_string(),
            gap_business_days: 4,
            max_touches: Some(4),
            rescue_after: Some(2),
            rescue_min_span_days: 10,
            assistant_step: true,
            close_after_business_days: 4,
            recontact_after_days: 90,
            promise_time: None,
            max_touches_per_day: None,
            drip_every_business_days: Some(DEFAULT_DRIP_EVERY_BUSINESS_DAYS),
        }
    }

    /// The re-contact date of a file closed, or re-contacted without answer, on `day`;
    /// `None` when the cadence sets `recontact_after_days = 0`.
    pub fn recontact_after(&self, day: NaiveDate) -> Option<NaiveDate> {
        (self.recontact_after_days > 0)
            .then(|| day.checked_add_days(Days::new(self.recontact_after_days.into())))
            .flatten()
    }
}
