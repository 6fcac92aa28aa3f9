//! What a caller asks the tracker to do: plain values, already parsed and typed.

use chrono::{NaiveDate, NaiveDateTime};

use crate::domain::{Channel, CloseReason, Contact, Outcome, Preference};

/// A prospect to add.
#[derive(Debug, Clone, Default)]
pub struct NewProspect {
    pub contact: Contact,
    /// The cadence to follow; the standard one if `None`.
    pub cadence: Option<String>,
    /// The day the first touch is due; today if `None`.
    pub start: Option<NaiveDate>,
    /// Add it even if a prospect on file has the same email (or phone), as `import` would not.
    pub allow_duplicate: bool,
}

/// Changes to a prospect. `None` leaves a field alone; `Some(None)` clears it.
#[derive(Debug, Clone, Default)]
pub struct ProspectPatch {
    pub name: Option<String>,
    pub company: Option<Option<String>>,
    pub phone: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub title: Option<Option<String>>,
    pub prefers: Option<Option<Preference>>,
    pub next_step: Option<Option<String>>,
    pub topic: Option<Option<String>>,
    pub assistant: Option<Option<String>>,
    pub assistant_phone: Option<Option<String>>,
    pub note: Option<Option<String>>,
    pub time_zone: Option<Option<String>>,
    /// Whether the ground rules were agreed (`edit --ground-rules yes|no`).
    pub ground_rules: Option<bool>,
    pub main_line: Option<Option<String>>,
    pub cadence: Option<String>,
    pub start: Option<NaiveDate>,
    /// Put a file closed as lost on the drip, or take a closed file off it
    /// (`edit --drip yes|no`).
    pub drip: Option<bool>,
}

impl ProspectPatch {
    pub fn is_empty(&self) -> bool {
        self.name.is_none()
            && self.company.is_none()
            && self.phone.is_none()
            && self.email.is_none()
            && self.title.is_none()
            && self.prefers.is_none()
            && self.next_step.is_none()
            && self.topic.is_none()
            && self.assistant.is_none()
            && self.assistant_phone.is_none()
            && self.note.is_none()
            && self.time_zone.is_none()
            && self.ground_rules.is_none()
            && self.main_line.is_none()
            && self.cadence.is_none()
            && self.start.is_none()
            && self.drip.is_none()
    }

    pub(super) fn apply(self, contact: &mut Contact) {
        fn set<T>(field: &mut T, value: Option<T>) {
            if let Some(value) = value {
                *field = value;
            }
        }
        set(&mut contact.name, self.name);
        set(&mut contact.company, self.company);
        set(&mut contact.phone, self.phone);
        set(&mut contact.email, self.email);
        set(&mut contact.title, self.title);
        set(&mut contact.prefers, self.prefers);
        set(&mut contact.next_step, self.next_step);
        set(&mut contact.topic, self.topic);
        set(&mut contact.assistant, self.assistant);
        set(&mut contact.assistant_phone, self.assistant_phone);
        set(&mut contact.note, self.note);
        set(&mut contact.time_zone, self.time_zone);
        set(&mut contact.ground_rules, self.ground_rules);
        set(&mut contact.main_line, self.main_line);
    }
}

/// An attempt to record. What is left `None` takes the documented default.
#[derive(Debug, Clone, Default)]
pub struct LogEntry {
    /// `call` if `None`.
    pub channel: Option<Channel>,
    /// `voicemail` for calls, `sent` for emails and texts, if `None`.
    pub outcome: Option<Outcome>,
    /// Now, if `None`.
    pub at: Option<NaiveDateTime>,
    pub promise: Option<NaiveDateTime>,
    pub next: Option<NaiveDate>,
    pub note: Option<String>,
    /// At this conversation they agreed that a plain "no" is welcome; only a conversation
    /// with the prospect (connected or a meeting, by phone or in person) can record it.
    pub ground_rules: bool,
    /// Reopen a closed file (starting a new run with this attempt) instead of refusing to log
    /// to it.
    pub reopen: bool,
    /// Keep a `promise` or `next` that falls on a day off (`log --force`).
    pub force: bool,
}

/// When to try a closed file again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Recontact {
    /// The cadence's `recontact_after_days` for a "no response" close, never for the others.
    #[default]
    ByReason,
    On(NaiveDate),
    Never,
}

/// A file to close.
#[derive(Debug, Clone)]
pub struct CloseRequest {
    pub reason: CloseReason,
    pub recontact: Recontact,
    pub note: Option<String>,
    /// `--drip` (`Some(true)`) or `--no-drip` (`Some(false)`); `None`: a lost deal goes on the
    /// drip, any other close does not.
    pub drip: Option<bool>,
}
