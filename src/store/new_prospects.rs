//! New prospects stored many to a statement: the fast path of an import on SQLite.
//!
//! One INSERT per prospect costs, for every row, a run of the statement (bind, step, reset)
//! and a look-up of rusqlite's statement cache, which hashes the statement's text. An import
//! instead binds each prospect into one statement of [`ROWS`] rows as it comes, prepared once
//! for the whole import, and runs it when it is full; a run cut short (before the store is
//! read, or at the end) stores only the rows bound so far (its `LIMIT`). Binding copies the
//! values into SQLite, so nothing of a prospect is held meanwhile.
//!
//! Their ids are known before they are stored: SQLite gives a new row of a table without
//! `AUTOINCREMENT` the largest id plus one, and a writer holds the write lock, so they follow
//! the book's last id in order; each run checks that they came out as announced. On
//! PostgreSQL, whose ids come from a sequence other sessions share, each prospect is stored at
//! once, as before.

use std::sync::LazyLock;

use chrono::NaiveDate;

use super::conn::{Conn, Param};
use super::error::{Context, StoreError};
use super::stored_time::{Day, Stamp};
use super::{Reader, Writer};
use crate::domain::{CloseReason, Prospect, ProspectId};

/// The columns of `prospects` a new prospect fills, in the order of [`ProspectRow::values`].
pub(super) const COLUMNS: &str = "name, company, phone, email, title, prefers, next_step,
    topic, assistant, assistant_phone, note, cadence, start_date, status, close_reason,
    closed_at, close_note, recontact_on, run_started_at, created_at, due_on, time_zone,
    ground_rules, main_line, drip";

/// How many columns [`COLUMNS`] names.
pub(super) const COLUMN_COUNT: usize = 25;

/// How many prospects one run of the batch statement stores.
const ROWS: usize = 50;

/// What a prospect's row holds, ready to bind.
pub(super) struct ProspectRow<'p> {
    prospect: &'p Prospect,
    start: Day,
    close_reason: Option<CloseReason>,
    closed_at: Stamp,
    close_note: Option<&'p str>,
    recontact_on: Day,
    run_started_at: Stamp,
    created_at: Stamp,
    due_on: Day,
    drip: bool,
}

impl<'p> ProspectRow<'p> {
    pub(super) fn new(prospect: &'p Prospect, due_on: Option<NaiveDate>) -> ProspectRow<'p> {
        let closed = prospect.closed.as_ref();
        ProspectRow {
            prospect,
            start: Day(Some(prospect.start)),
            close_reason: closed.map(|closure| closure.reason),
            closed_at: Stamp(closed.map(|closure| closure.at)),
            close_note: closed.and_then(|closure| closure.note.as_deref()),
            recontact_on: Day(prospect.recontact_on),
            run_started_at: Stamp(prospect.run_started_at),
            created_at: Stamp(Some(prospect.created_at)),
            due_on: Day(due_on),
            drip: closed.is_some_and(|closure| closure.drip),
        }
    }

    /// The values of [`COLUMNS`], in its order.
    pub(super) fn values(&self) -> [&dyn Param; COLUMN_COUNT] {
        let prospect = self.prospect;
        let contact = &prospect.contact;
        [
            &contact.name,
            &contact.company,
            &contact.phone,
            &contact.email,
            &contact.title,
            &contact.prefers,
            &contact.next_step,
            &contact.topic,
            &contact.assistant,
            &contact.assistant_phone,
            &contact.note,
            &prospect.cadence,
            &self.start,
            &prospect.status,
            &self.close_reason,
            &self.closed_at,
            &self.close_note,
            &self.recontact_on,
            &self.run_started_at,
            &self.created_at,
            &self.due_on,
            &contact.time_zone,
            &contact.ground_rules,
            &contact.main_line,
            &self.drip,
        ]
    }
}

/// `(?{first}, ..., ?{first + COLUMN_COUNT - 1})` for each of `rows` rows.
fn placeholders(rows: usize) -> String {
    (0..rows)
        .map(|row| {
            let first = row * COLUMN_COUNT + 1;
            let row: Vec<String> = (first..first + COLUMN_COUNT)
                .map(|n| format!("?{n}"))
                .collect();
            format!("({})", row.join(", "))
        })
        .collect::<Vec<_>>()
        .join(",\n")
}

/// The statement that stores one new prospect.
pub(super) static INSERT_ONE: LazyLock<String> = LazyLock::new(|| {
    format!(
        "INSERT INTO prospects ({COLUMNS}) VALUES {}",
        placeholders(1)
    )
});

/// New prospects being stored by one writer (see the module doc).
pub struct NewProspects<'w> {
    writer: &'w Writer<'w>,
    /// On SQLite: the batch statement, once the first prospect is bound.
    batch: Option<rusqlite::Statement<'w>>,
    /// Prospects bound into the batch and not stored yet.
    held: usize,
    /// The id the next prospect gets.
    next_id: ProspectId,
}

impl<'w> Writer<'w> {
    /// Starts storing new prospects many to a statement; see [`NewProspects`].
    pub fn new_prospects(&'w self) -> Result<NewProspects<'w>, StoreError> {
        let next_id = match self.conn() {
            Conn::Sqlite(_) => Reader { conn: self.conn() }.conn.one(
                "SELECT coalesce(max(id), 0) + 1 FROM prospects",
                &[],
                |row| row.get(0),
                "reading the largest id",
            )?,
            Conn::Postgres(_) => 0,
        };
        Ok(NewProspects {
            writer: self,
            batch: None,
            held: 0,
            next_id,
        })
    }
}

impl NewProspects<'_> {
    /// Stores `prospect` with its due date by the next [`NewProspects::flush`] at the latest,
    /// and returns the id it is stored under. The `id` of `prospect` is ignored.
    pub fn add(
        &mut self,
        prospect: &Prospect,
        due_on: Option<NaiveDate>,
    ) -> Result<ProspectId, StoreError> {
        const CONTEXT: &str = "adding a prospect";
        let Conn::Sqlite(conn) = self.writer.conn() else {
            return self.writer.insert_whole_prospect(prospect, due_on);
        };
        let batch = match &mut self.batch {
            Some(batch) => batch,
            None => {
                let sql = format!(
                    "INSERT INTO prospects ({COLUMNS})
                     SELECT * FROM (VALUES {}) LIMIT ?{}",
                    placeholders(ROWS),
                    ROWS * COLUMN_COUNT + 1
                );
                self.batch.insert(conn.prepare(&sql).context(CONTEXT)?)
            }
        };
        let row = ProspectRow::new(prospect, due_on);
        let first = self.held * COLUMN_COUNT + 1;
        for (index, value) in row.values().into_iter().enumerate() {
            batch
                .raw_bind_parameter(first + index, value.sqlite())
                .context(CONTEXT)?;
        }
        self.held += 1;
        let id = self.next_id;
        self.next_id += 1;
        if self.held == ROWS {
            self.flush()?;
        }
        Ok(id)
    }

    /// Stores every prospect added so far: after this, the store reads them.
    pub fn flush(&mut self) -> Result<(), StoreError> {
        const CONTEXT: &str = "adding prospects";
        let (Some(batch), Conn::Sqlite(conn)) = (&mut self.batch, self.writer.conn()) else {
            return Ok(());
        };
        if self.held == 0 {
            return Ok(());
        }
        batch
            .raw_bind_parameter(ROWS * COLUMN_COUNT + 1, self.held as i64)
            .context(CONTEXT)?;
        batch.raw_execute().context(CONTEXT)?;
        self.held = 0;
        let last = conn.last_insert_rowid();
        if last != self.next_id - 1 {
            return Err(StoreError::Corrupt {
                what: "prospect id",
                value: format!(
                    "{last} given to a new prospect where {} was expected",
                    self.next_id - 1
                ),
            });
        }
        Ok(())
    }
}
