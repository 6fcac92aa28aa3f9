//! The crate's error type: every way a command can fail, worded for the person at the
//! keyboard, each with the exit status `cli.md` gives it.

use std::path::PathBuf;

use crate::config::ConfigError;
use crate::domain::ProspectId;
use crate::holidays::IcsError;
use crate::input_file::ReadError;
use crate::quote::{self, quoted};
use crate::store::{NameEntry, StoreError};
use crate::transfer::TransferError;
use crate::when::BadWhen;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{} cadence file {error}", if .error.unreadable { "cannot read" } else { "invalid" })]
    Config {
        #[from]
        error: ConfigError,
    },

    #[error("{0}")]
    Store(#[from] StoreError),

    /// A team command the session may not run, or whose request cannot be (see
    /// tracker/team.rs).
    #[error("{0}")]
    Team(#[from] crate::tracker::TeamError),

    /// A team's rules said no: who may assign, who may be given a file, who holds it.
    #[error("{0}")]
    Ownership(#[from] crate::assign::OwnershipError),

    #[error("{flag}: {source}")]
    When {
        flag: &'static str,
        #[source]
        source: BadWhen,
    },

    #[error("{flag}: {source}")]
    Zone {
        flag: &'static str,
        #[source]
        source: crate::zones::ZoneError,
    },

    #[error("no prospect has id {0}; `followup list --status all` shows every id")]
    NoSuchId(ProspectId),

    #[error(
        "no prospect's name or company contains {}; `followup list --status all` shows them all",
        quoted(.query)
    )]
    NoMatch { query: String },

    /// [`Error::NoMatch`] for a rep of a team, from whom row-level security hides the other
    /// reps' files: the name may be one of theirs, which followup cannot look up for them.
    #[error(
        "none of your files or the pool's has {} in its name or company; the other reps' \
         files are hidden from you (give an id to learn who holds it); `followup list --status \
         all` shows what you can see",
        quoted(.query)
    )]
    NoMatchOfMine { query: String },

    #[error("{} matches {count} prospects: {list}", quoted(.query), count = .candidates.len(), list = candidate_list(.candidates))]
    Ambiguous {
        query: String,
        candidates: Vec<NameEntry>,
    },

    #[error("cadence {} is not defined in {file}; it has: {known}", quoted(.name), known = .known.join(", "))]
    UnknownCadence {
        name: String,
        file: String,
        known: Vec<String>,
    },

    /// Input that is well formed but makes no sense here; the message says why and what to do.
    #[error("{0}")]
    Invalid(String),

    /// A date agreed with the prospect (`--promise`, `--next`) that falls on a day off: refused
    /// unless `--force`, naming the next business day.
    #[error(
        "{flag} {when} falls on {why}; the next business day is {next}: use that day, or add \
         --force to keep {day}",
        when = .when.trim_end(),
        why = day_off_words(*.off, *.day),
        next = .next.format("%a %Y-%m-%d"),
        day = .day.format("%a %Y-%m-%d")
    )]
    DayOff {
        flag: &'static str,
        /// The date (and time) as the user gave it, for the message.
        when: String,
        day: chrono::NaiveDate,
        off: crate::calendar::DayOff,
        next: chrono::NaiveDate,
    },

    /// A file to import that cannot be used as it is; the message names the row or column.
    #[error("{file}: {source}")]
    Transfer {
        file: String,
        #[source]
        source: TransferError,
    },

    /// A holiday calendar to import that is not an iCalendar file, or a broken one.
    #[error("{file}: {source}")]
    HolidayFile {
        file: String,
        #[source]
        source: IcsError,
    },

    /// `--map` and other import options that do not fit the file.
    #[error("{0}")]
    Mapping(#[from] TransferError),

    /// A file that could not be read, or was refused unread (a device, too large).
    #[error("cannot read {}: {source}", quote::path(.path))]
    Read {
        path: PathBuf,
        #[source]
        source: ReadError,
    },

    #[error("cannot write {}: {source}", quote::path(.path))]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// Standard output failed while a command was writing to it row by row (`> /dev/full`).
    #[error("cannot write to standard output: {0}")]
    Stdout(#[source] std::io::Error),

    /// The terminal `go` reads keys and answers from could not be used.
    #[error("cannot use the terminal: {0}")]
    Terminal(#[source] std::io::Error),

    /// The reader of standard output went away (`followup list | head -1`): the command stops
    /// reading the book, and the edge ends it quietly, as any tool in a pipe does.
    #[error("standard output was closed")]
    OutputClosed,
}

fn day_off_words(off: crate::calendar::DayOff, day: chrono::NaiveDate) -> &'static str {
    use chrono::{Datelike, Weekday};
    match off {
        crate::calendar::DayOff::NotWorkday
            if matches!(day.weekday(), Weekday::Sat | Weekday::Sun) =>
        {
            "a weekend"
        }
        crate::calendar::DayOff::NotWorkday => "a day you do not work ([calendar] workdays)",
        crate::calendar::DayOff::Holiday => "a holiday (`followup calendar show` lists them)",
        crate::calendar::DayOff::Away => "a day you are marked away (`followup away --list`)",
    }
}
/// The candidates an ambiguous name lists: the first ten, then how many more. A book of
/// 200,000 once gave a 5 MB error line.
const CANDIDATES_SHOWN: usize = 10;

fn candidate_list(candidates: &[NameEntry]) -> String {
    let shown = candidates
        .iter()
        .take(CANDIDATES_SHOWN)
        .map(|entry| {
            // A closed file is named as such: often that tells the two apart.
            let closed = if entry.status == crate::domain::Status::Closed {
                ", closed"
            } else {
                ""
            };
            let name = quote::brief(&entry.name);
            match &entry.company {
                Some(company) => {
                    format!("{} {name} ({}{closed})", entry.id, quote::brief(company))
                }
                None if closed.is_empty() => format!("{} {name}", entry.id),
                None => format!("{} {name} (closed)", entry.id),
            }
        })
        .collect::<Vec<_>>()
        .join(", ");
    match candidates.len().saturating_sub(CANDIDATES_SHOWN) {
        0 => format!("{shown}; use the id or more of the name"),
        more => format!("{shown} and {more} more; use an id or more of the name"),
    }
}

impl Error {
    /// 2 for anything the user typed or wrote (arguments, dates, the cadence file), 1 for
    /// failures of the machine (database, files).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Read { source, .. } if source.is_bad_input() => 2,
            Error::Team(error) => error.exit_code(),
            Error::Ownership(error) => error.exit_code(),
            Error::Store(
                StoreError::BadUrl { .. }
                | StoreError::SqliteOnly { .. }
                | StoreError::ServerOnly { .. }
                | StoreError::OlderBook { .. }
                | StoreError::NoSuchBook { .. },
            ) => 2,
            Error::Store(_)
            | Error::Write { .. }
            | Error::Read { .. }
            | Error::Stdout(_)
            | Error::Terminal(_)
            | Error::OutputClosed => 1,
            Error::Config { error } if error.unreadable => 1,
            Error::Config { .. }
            | Error::When { .. }
            | Error::Zone { .. }
            | Error::NoSuchId(_)
            | Error::NoMatch { .. }
            | Error::NoMatchOfMine { .. }
            | Error::Ambiguous { .. }
            | Error::UnknownCadence { .. }
            | Error::Invalid(_)
            | Error::DayOff { .. }
            | Error::Transfer { .. }
            | Error::HolidayFile { .. }
            | Error::Mapping(_) => 2,
        }
    }
}
