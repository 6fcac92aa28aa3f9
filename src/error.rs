//! The crate's error type: every way a command can fail, worded for the person at the
//! keyboard, each with the exit status `cli.md` gives it.

use std::path::PathBuf;

use crate::config::ConfigError;
use crate::domain::ProspectId;
use crate::holidays::IcsError;
use crate::input_file::ReadError;
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
        "no prospect's name or company contains '{query}'; `followup list --status all` shows them all"
    )]
    NoMatch { query: String },

    #[error("'{query}' matches {count} prospects: {list}; use the id or more of the name", count = .candidates.len(), list = candidate_list(.candidates))]
    Ambiguous {
        query: String,
        candidates: Vec<NameEntry>,
    },

    #[error("cadence '{name}' is not defined in {file}; it has: {known}", known = .known.join(", "))]
    UnknownCadence {
        name: String,
        file: String,
        known: Vec<String>,
    },

    /// Input that is well formed but makes no sense here; the message says why and what to do.
    #[error("{0}")]
    Invalid(String),

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
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: ReadError,
    },

    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn candidate_list(candidates: &[NameEntry]) -> String {
    candidates
        .iter()
        .map(|entry| match &entry.company {
            Some(company) => format!("{} {} ({company})", entry.id, entry.name),
            None => format!("{} {}", entry.id, entry.name),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

impl Error {
    /// 2 for anything the user typed or wrote (arguments, dates, the cadence file), 1 for
    /// failures of the machine (database, files).
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Read { source, .. } if source.is_bad_input() => 2,
            Error::Store(_) | Error::Write { .. } | Error::Read { .. } => 1,
            Error::Config { error } if error.unreadable => 1,
            Error::Config { .. }
            | Error::When { .. }
            | Error::Zone { .. }
            | Error::NoSuchId(_)
            | Error::NoMatch { .. }
            | Error::Ambiguous { .. }
            | Error::UnknownCadence { .. }
            | Error::Invalid(_)
            | Error::Transfer { .. }
            | Error::HolidayFile { .. }
            | Error::Mapping(_) => 2,
        }
    }
}
