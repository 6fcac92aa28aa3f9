//! Prospects in and out of followup as files: CSV from a CRM or a spreadsheet, and a JSON
//! export that is also a backup. This module turns files into prospects to add and prospects
//! into files; it never touches the database (the tracker stores what a [`Source`] gives in one
//! write).

pub mod archive;
pub mod columns;
pub mod csv_in;
pub mod csv_out;
pub mod dedupe;
pub mod field;
pub mod inert;
pub mod known_keys;
pub mod quotes;
pub mod row_numbers;
pub mod sniff;
pub mod survey;

use chrono::NaiveDateTime;

use crate::domain::{Prospect, ValueKind};
use crate::engine::NextAction;
use crate::store::{AttemptRecord, NewAttempt};

pub use columns::Mapping;
pub use dedupe::{Match, Skip};

/// A prospect read from a file, with its history (empty for CSV). Ids are not yet given.
#[derive(Debug, Clone)]
pub struct Incoming {
    pub prospect: Prospect,
    pub attempts: Vec<NewAttempt>,
    /// Beside each of `attempts`, the file's id of the value item its message carried.
    pub carried: Vec<Option<i64>>,
    /// The value items kept for this prospect alone.
    pub value_items: Vec<IncomingItem>,
    /// The row of a CSV file it came from (the header is row 1), to say which rows an
    /// import skips; `None` for a JSON export, whose prospects are counted instead.
    pub row: Option<u64>,
}

/// Everything a file held, ready to store.
#[derive(Debug, Clone, Default)]
pub struct Batch {
    pub prospects: Vec<Incoming>,
    /// Rows with every cell blank, skipped.
    pub blank_rows: usize,
    /// The columns no field takes, by header.
    pub unknown_columns: Vec<String>,
    /// Whether prospects repeated within the file are all kept (a JSON backup restores the
    /// book as it was) or only the first of each (a CSV list of leads).
    pub keep_repeats: bool,
    /// The value items kept for a topic (a JSON backup's `value_items`), shared by every
    /// prospect with that topic.
    pub topic_items: Vec<IncomingItem>,
}

/// The prospects of a file, one at a time: a CSV file is read as it is stored, so that an
/// import of any size holds one row, not the file (a JSON backup is read whole, as a [`Batch`]).
pub trait Source {
    /// The next prospect, `None` after the last; an error names the row or entry at fault.
    fn next_incoming(&mut self) -> Result<Option<Incoming>, TransferError>;
    /// Rows with every cell blank, skipped so far: all of them once the end is reached.
    fn blank_rows(&self) -> usize;
    /// Whether prospects repeated within the file are all kept (see [`Batch::keep_repeats`]).
    fn keep_repeats(&self) -> bool;
    /// The value items kept for a topic, read before any prospect (a JSON backup's).
    fn take_topic_items(&mut self) -> Vec<IncomingItem>;
    /// How far reading has got, as (done, of) in the source's own units, for a progress bar.
    fn progress(&self) -> (u64, u64);
    /// The columns no field takes, by header (known before the first prospect).
    fn unknown_columns(&self) -> Vec<String>;
    /// How many bytes the file holds, when it is read as it is stored (a CSV file): what tells
    /// an import that it grows the book by much before it reads a row.
    fn stored_bytes(&self) -> Option<u64> {
        None
    }
}

impl Batch {
    /// The batch as a source, its prospects given in order.
    pub fn into_source(self) -> Listed {
        Listed {
            total: self.prospects.len() as u64,
            prospects: self.prospects.into_iter(),
            blank_rows: self.blank_rows,
            keep_repeats: self.keep_repeats,
            topic_items: self.topic_items,
            unknown_columns: self.unknown_columns,
        }
    }
}

/// A [`Batch`] given one prospect at a time.
pub struct Listed {
    prospects: std::vec::IntoIter<Incoming>,
    total: u64,
    blank_rows: usize,
    keep_repeats: bool,
    topic_items: Vec<IncomingItem>,
    unknown_columns: Vec<String>,
}

impl Source for Listed {
    fn next_incoming(&mut self) -> Result<Option<Incoming>, TransferError> {
        Ok(self.prospects.next())
    }

    fn blank_rows(&self) -> usize {
        self.blank_rows
    }

    fn keep_repeats(&self) -> bool {
        self.keep_repeats
    }

    fn take_topic_items(&mut self) -> Vec<IncomingItem> {
        std::mem::take(&mut self.topic_items)
    }

    fn progress(&self) -> (u64, u64) {
        (self.total - self.prospects.len() as u64, self.total)
    }

    fn unknown_columns(&self) -> Vec<String> {
        self.unknown_columns.clone()
    }
}

impl<R: std::io::Read> Source for csv_in::CsvRows<R> {
    fn next_incoming(&mut self) -> Result<Option<Incoming>, TransferError> {
        csv_in::CsvRows::next_incoming(self)
    }

    fn blank_rows(&self) -> usize {
        self.blank_rows
    }

    fn keep_repeats(&self) -> bool {
        // A list of leads: a lead repeated is the same person twice.
        false
    }

    fn take_topic_items(&mut self) -> Vec<IncomingItem> {
        Vec::new()
    }

    fn progress(&self) -> (u64, u64) {
        (self.bytes_read(), self.expected_bytes())
    }

    fn stored_bytes(&self) -> Option<u64> {
        Some(self.expected_bytes())
    }

    fn unknown_columns(&self) -> Vec<String> {
        self.unknown_columns.clone()
    }
}

/// A value item read from a JSON backup. `key` is its id in the exporting database, by which
/// the file's attempts name the item they carried; the importing database gives its own.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IncomingItem {
    pub key: i64,
    /// The topic it is kept for; `None` for an item of one prospect.
    pub topic: Option<String>,
    pub kind: ValueKind,
    pub text: String,
    pub added_at: NaiveDateTime,
    pub retired_at: Option<NaiveDateTime>,
}

/// A stored prospect with its history and next action, as export writes it.
#[derive(Debug, Clone)]
pub struct Exported {
    pub prospect: Prospect,
    pub attempts: Vec<AttemptRecord>,
    pub next: Option<NextAction>,
}

/// A file that cannot be imported as it is; nothing of it is stored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TransferError {
    #[error("row {row}: {reason}. Nothing was imported")]
    Row { row: u64, reason: String },
    #[error("prospect {number} of the file: {reason}. Nothing was imported")]
    Entry { number: usize, reason: String },
    #[error("{0}")]
    Header(String),
    #[error("{0}")]
    Map(String),
    #[error("not a followup JSON export: {0}. Nothing was imported")]
    Json(String),
}
