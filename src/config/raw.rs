//! cadence.toml exactly as written: the serde view of the file, before any checking.
//! Unknown keys are refused here, by serde, so that a typo never silently does nothing.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawFile {
    #[serde(default)]
    pub me: RawMe,
    pub calendar: Option<RawCalendar>,
    #[serde(default)]
    pub cadence: BTreeMap<String, RawCadence>,
    /// `[templates]`: a message per key, and `[templates.CADENCE]` sub-tables of messages for
    /// one cadence. Kept as TOML values so that `config` can name the key at fault when a
    /// value is neither.
    #[serde(default)]
    pub templates: BTreeMap<String, toml::Value>,
    #[serde(default)]
    pub messages: RawMessages,
}

/// `[messages]`: how the messages are judged.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMessages {
    /// The speaking rate a voicemail's length is estimated at.
    pub words_per_minute: Option<i64>,
    /// Phrases that give the prospect no reason to answer; `cadence check` warns about them.
    pub filler: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMe {
    pub name: Option<String>,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCalendar {
    pub workdays: Option<Vec<String>>,
    #[serde(default)]
    pub holidays: Vec<toml::Value>,
    /// iCalendar files of days off, relative to the cadence file's folder.
    #[serde(default)]
    pub holiday_calendars: Vec<String>,
    pub max_touches_per_day: Option<i64>,
    /// The salesperson's IANA zone; the system's when absent.
    pub time_zone: Option<String>,
    /// "08:00-17:30": when prospects take calls, in their own zone.
    pub call_hours: Option<String>,
}

/// Every knob is optional: what a table leaves out takes the standard cadence's value.
/// Numbers are read as signed so that a negative one gets our message, not serde's.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCadence {
    pub gap_business_days: Option<i64>,
    pub max_touches: Option<i64>,
    pub rescue_after: Option<i64>,
    pub rescue_min_span_days: Option<i64>,
    pub assistant_step: Option<bool>,
    pub close_after_business_days: Option<i64>,
    pub recontact_after_days: Option<i64>,
    pub promise_time: Option<String>,
    pub max_touches_per_day: Option<i64>,
    pub drip_every_business_days: Option<i64>,
}
