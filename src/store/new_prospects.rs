//! New prospects stored many to a statement: the fast path of an import on SQLite.
//!
//! One INSERT per prospect costs, for every row, a run of the statement (bind, step, reset,
//! the cursors on the table and its indexes opened and placed again) and a look-up of
//! rusqlite's statement cache, which hashes the statement's text. An import instead binds
//! each prospect into one statement of [`ROWS`] rows as it comes, prepared once for the whole
//! import, and runs it when it is full; a run cut short (before the store is read, or at the
//! end) stores only the rows bound so far (its `LIMIT`). Binding copies the values into
//! SQLite, so nothing of a prospect is held meanwhile. The values most prospects of a file
//! share (cadence, start, status, creation time, due date and outlook) are bound once for the whole run
//! rather than copied for each row ([`SHARED`]). A parameter keeps its value from one run to
//! the next, so a NULL (most columns of a CSV row) is bound only where the slot held a value
//! before. docs/benchmarks.md (the fifth and sixth sessions of issue 15) has what each of
//! these saved, and what did not pay.
//!
//! Their ids are known before they are stored: SQLite gives a new row of a table without
//! `AUTOINCREMENT` the largest id plus one, and a writer holds the write lock, so they follow
//! the book's last id in order; each run checks that they came out as announced. On
//! PostgreSQL, whose ids come from a sequence other sessions share, each prospect is stored at
//! once, as before.

use std::sync::LazyLock;

use chrono::{NaiveDate, NaiveDateTime};
use rusqlite::types::{ToSqlOutput, Value, ValueRef};

use super::conn::{Conn, Param};
use super::error::{Context, StoreError};
use super::stored_time::{Day, Stamp};
use super::{Planned, Writer};
use crate::domain::{CloseReason, Prospect, ProspectId, Status};

/// The columns of `prospects` a new prospect fills, in the order of [`ProspectRow::values`].
pub(super) const COLUMNS: &str = "name, company, phone, email, title, prefers, next_step,
    topic, assistant, assistant_phone, note, cadence, start_date, status, close_reason,
    closed_at, close_note, recontact_on, run_started_at, created_at, due_on, time_zone,
    ground_rules, main_line, drip, outlook";

/// How many columns [`COLUMNS`] names.
pub(super) const COLUMN_COUNT: usize = 26;

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
    outlook: Option<String>,
}

impl<'p> ProspectRow<'p> {
    pub(super) fn new(prospect: &'p Prospect, planned: &Planned) -> ProspectRow<'p> {
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
            due_on: Day(planned.due_on()),
            drip: closed.is_some_and(|closure| closure.drip),
            outlook: planned.outlook_text(),
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
            &self.outlook,
        ]
    }
}

/// The statement that stores one new prospect.
pub(super) static INSERT_ONE: LazyLock<String> = LazyLock::new(|| {
    let placeholders: Vec<String> = (1..=COLUMN_COUNT).map(|n| format!("?{n}")).collect();
    format!(
        "INSERT INTO prospects ({COLUMNS}) VALUES ({})",
        placeholders.join(", ")
    )
});

/// The places in [`COLUMNS`] of the values the prospects of a file mostly share: cadence,
/// start date, status, creation time, due date and outlook. The batch statement takes them
/// once for all its rows (see [`Shared`]).
const SHARED: [usize; 6] = [11, 12, 13, 19, 20, 25];

/// How many values each row of the batch statement takes itself.
const OWN: usize = COLUMN_COUNT - SHARED.len();

/// The parameters of the batch statement: `?1` its limit, `?2` to `?7` the shared values
/// (in the order of [`SHARED`]), then [`OWN`] for each row. The limit comes first: SQLite
/// prepares a statement again when a parameter its plan depends on (a limit) changes, and
/// tells the parameters after the 31st apart from each other only for that, so any value of
/// a row would count as the limit.
fn batch_sql() -> String {
    let rows: Vec<String> = (0..ROWS)
        .map(|row| {
            let mut own = 2 + SHARED.len() + row * OWN;
            let values: Vec<String> = (0..COLUMN_COUNT)
                .map(
                    |column| match SHARED.iter().position(|&shared| shared == column) {
                        Some(place) => format!("?{}", 2 + place),
                        None => {
                            own += 1;
                            format!("?{}", own - 1)
                        }
                    },
                )
                .collect();
            format!("({})", values.join(", "))
        })
        .collect();
    format!(
        "INSERT INTO prospects ({COLUMNS}) SELECT * FROM (VALUES {}) LIMIT ?1",
        rows.join(",\n")
    )
}

/// The values of [`SHARED`] bound in the batch statement.
#[derive(PartialEq)]
struct Shared {
    cadence: String,
    start: NaiveDate,
    status: Status,
    created_at: NaiveDateTime,
    planned: Planned,
}

impl Shared {
    fn holds(&self, prospect: &Prospect, planned: &Planned) -> bool {
        self.cadence == prospect.cadence
            && self.start == prospect.start
            && self.status == prospect.status
            && self.created_at == prospect.created_at
            && self.planned == *planned
    }
}

/// New prospects being stored by one writer (see the module doc).
pub struct NewProspects<'w> {
    writer: &'w Writer<'w>,
    /// On SQLite: the batch statement, once the first prospect is bound.
    batch: Option<rusqlite::Statement<'w>>,
    /// The shared values bound in the batch statement.
    shared: Option<Shared>,
    /// Prospects bound into the batch and not stored yet.
    held: usize,
    /// Which parameters of the batch statement hold NULL, by number (0 unused): a run leaves
    /// its values bound, so a NULL need not be bound again.
    null: Vec<bool>,
    /// The id the next prospect gets.
    next_id: ProspectId,
}

impl<'w> Writer<'w> {
    /// Starts storing new prospects many to a statement; see [`NewProspects`].
    pub fn new_prospects(&'w self) -> Result<NewProspects<'w>, StoreError> {
        let next_id = match self.conn() {
            Conn::Sqlite(_) => self.conn().one(
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
            shared: None,
            held: 0,
            // A statement's parameters are NULL until bound.
            null: vec![true; 2 + SHARED.len() + ROWS * OWN],
            next_id,
        })
    }
}

impl NewProspects<'_> {
    /// Stores `prospect` with its plan by the next [`NewProspects::flush`] at the latest,
    /// and returns the id it is stored under. The `id` of `prospect` is ignored.
    pub fn add(
        &mut self,
        prospect: &Prospect,
        planned: &Planned,
    ) -> Result<ProspectId, StoreError> {
        const CONTEXT: &str = "adding a prospect";
        let Conn::Sqlite(conn) = self.writer.conn() else {
            return self.writer.insert_whole_prospect(prospect, planned);
        };
        // A prospect that does not share the values of those held back goes in the next run.
        if !self
            .shared
            .as_ref()
            .is_some_and(|shared| shared.holds(prospect, planned))
        {
            self.flush()?;
            self.shared = None;
        }
        if self.batch.is_none() {
            self.batch = Some(conn.prepare(&batch_sql()).context(CONTEXT)?);
        }
        let Some(batch) = &mut self.batch else {
            unreachable!("prepared just above");
        };
        let row = ProspectRow::new(prospect, planned);
        let values = row.values();
        if self.shared.is_none() {
            for (place, column) in SHARED.iter().enumerate() {
                batch
                    .raw_bind_parameter(2 + place, values[*column].sqlite())
                    .context(CONTEXT)?;
            }
            self.shared = Some(Shared {
                cadence: prospect.cadence.clone(),
                start: prospect.start,
                status: prospect.status,
                created_at: prospect.created_at,
                planned: *planned,
            });
        }
        let mut parameter = 2 + SHARED.len() + self.held * OWN;
        for (column, value) in values.iter().enumerate() {
            if SHARED.contains(&column) {
                continue;
            }
            let value = value.sqlite().to_sql().context(CONTEXT)?;
            let null = matches!(
                value,
                ToSqlOutput::Borrowed(ValueRef::Null) | ToSqlOutput::Owned(Value::Null)
            );
            if !(null && self.null[parameter]) {
                batch
                    .raw_bind_parameter(parameter, value)
                    .context(CONTEXT)?;
                self.null[parameter] = null;
            }
            parameter += 1;
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
            .raw_bind_parameter(1, self.held as i64)
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
