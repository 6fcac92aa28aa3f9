//! A prospect: the person being followed up, and where their file stands.

use chrono::{NaiveDate, NaiveDateTime};

use super::{CloseReason, Preference, Status};

/// The database id of a prospect.
pub type ProspectId = i64;

/// What a salesperson knows about a prospect; every field but the name is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Contact {
    pub name: String,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub title: Option<String>,
    pub prefers: Option<Preference>,
    /// The next step the prospect agreed to at the last real conversation.
    pub next_step: Option<String>,
    /// What they asked about: the reason the salesperson is calling.
    pub topic: Option<String>,
    pub assistant: Option<String>,
    pub assistant_phone: Option<String>,
    pub note: Option<String>,
    /// The prospect's IANA time zone (`Europe/Berlin`), checked when it was given; `None`:
    /// the salesperson's own.
    pub time_zone: Option<String>,
    /// At a conversation they agreed that a plain "no" is welcome; the follow-up and rescue
    /// messages recall it.
    pub ground_rules: bool,
    /// The company's main line: the front desk can say whether they are away or what changed.
    pub main_line: Option<String>,
}

impl Contact {
    /// The first word of the name, used to greet them.
    pub fn first_name(&self) -> &str {
        self.name.split_whitespace().next().unwrap_or(&self.name)
    }

    pub fn has_assistant(&self) -> bool {
        self.assistant.is_some() || self.assistant_phone.is_some()
    }

    /// Whether someone can be asked after them when they do not answer: their assistant, or
    /// the front desk on the company's main line.
    pub fn can_ask_after(&self) -> bool {
        self.has_assistant() || self.main_line.is_some()
    }
}

/// How and when a file was closed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closure {
    pub reason: CloseReason,
    pub at: NaiveDateTime,
    pub note: Option<String>,
    /// A lost deal kept on the drip: a value touch every `drip_every_business_days` of its
    /// cadence, so the salesperson is first in mind when they are ready (cadence.md, idea B).
    /// Only a `lost` close has one; reopening the file ends it with the closure.
    pub drip: bool,
}

/// A prospect as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prospect {
    pub id: ProspectId,
    pub contact: Contact,
    /// The name of the cadence in cadence.toml this prospect follows.
    pub cadence: String,
    /// The day the first touch is due.
    pub start: NaiveDate,
    pub status: Status,
    pub closed: Option<Closure>,
    /// For a closed file: the day to try again.
    pub recontact_on: Option<NaiveDate>,
    /// When the current run of touches began, if the file was reopened; attempts before it
    /// belong to an earlier run and no longer count.
    pub run_started_at: Option<NaiveDateTime>,
    pub created_at: NaiveDateTime,
    /// The rep who works the file on a team book (`reps.id`); `None`: the unassigned pool,
    /// and every file of a personal book. Read with the file, but written only by the
    /// changes of owner (`assign`, `reassign`, a claim), never with the rest of it.
    pub owner: Option<i64>,
}

/// What one line of a table of files shows of a prospect (`list`), read without the rest of
/// the row: a book's worth of lines costs a fraction of a book's worth of prospects.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProspectLine {
    pub id: ProspectId,
    pub name: String,
    pub company: Option<String>,
    pub status: Status,
    /// Why the file was closed, if it is.
    pub close_reason: Option<CloseReason>,
    /// A lost deal kept on the drip ([`Closure::drip`]).
    pub drip: bool,
    /// What its next action depends on besides: the cadence it follows and who holds it.
    pub cadence: String,
    pub owner: Option<i64>,
}

impl From<Prospect> for ProspectLine {
    fn from(prospect: Prospect) -> ProspectLine {
        let closed = prospect.closed.as_ref();
        ProspectLine {
            id: prospect.id,
            close_reason: closed.map(|closure| closure.reason),
            drip: closed.is_some_and(|closure| closure.drip),
            name: prospect.contact.name,
            company: prospect.contact.company,
            status: prospect.status,
            cadence: prospect.cadence,
            owner: prospect.owner,
        }
    }
}

/// Where a file stands, apart from who the prospect is: what `log` may change (a "no" closes
/// the file, an answer reopens it, an unanswered re-contact moves the next one) and `undo`
/// puts back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileState {
    pub status: Status,
    pub closed: Option<Closure>,
    pub recontact_on: Option<NaiveDate>,
    pub run_started_at: Option<NaiveDateTime>,
}

impl Prospect {
    pub fn file_state(&self) -> FileState {
        FileState {
            status: self.status,
            closed: self.closed.clone(),
            recontact_on: self.recontact_on,
            run_started_at: self.run_started_at,
        }
    }

    pub fn set_file_state(&mut self, state: FileState) {
        self.status = state.status;
        self.closed = state.closed;
        self.recontact_on = state.recontact_on;
        self.run_started_at = state.run_started_at;
    }
}
