//! `list`: prospects with their next action.
//!
//! `list --json` is written element by element as the book is read (each element carries
//! the messages of the next action). The table is drawn from [`ListRow`]s, which hold only
//! what its cells show; a book of more than [`PIECE_ROWS`] rows has its widths fitted on the
//! first of them and goes out a piece at a time ([`Streamed`]), in the memory of one piece.

use chrono::NaiveDate;
use serde::Serialize;

use super::dossier::ProspectView;
use super::fit::{self, Fit};
use super::sanitize::{cell, clean};
use super::view::{self, ActionView};
use super::{Width, day};
use crate::config::Config;
use crate::domain::{CloseReason, ProspectLine, Status, Step};
use crate::engine::Glance;

/// One element of `list --json`.
#[derive(Debug, Clone, Serialize)]
pub struct ListEntry {
    #[serde(flatten)]
    pub prospect: ProspectView,
    pub next: Option<ActionView>,
}

/// One row of the `list` table: what its cells show, and no message text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListRow {
    id: i64,
    name: String,
    company: Option<String>,
    status: Status,
    close_reason: Option<CloseReason>,
    next: Option<NextCells>,
}

/// The next action as the table shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NextCells {
    step: Step,
    due: NaiveDate,
    touch: Option<u32>,
    max_touches: Option<u32>,
}

impl ListRow {
    /// The row of a file whose next action is `next` (its step, day and touch: the table
    /// shows no message). The line is taken, not copied: its name and company move into the
    /// row.
    pub fn new(line: ProspectLine, next: Option<Glance>, config: &Config) -> ListRow {
        let next = next.map(|glance| NextCells {
            step: glance.step,
            due: glance.due,
            touch: glance.touch,
            max_touches: config
                .cadence(&line.cadence)
                .and_then(|cadence| cadence.max_touches),
        });
        ListRow {
            id: line.id,
            status: line.status,
            close_reason: line.close_reason,
            name: line.name,
            company: line.company,
            next,
        }
    }
}

impl NextCells {
    fn touch_label(&self) -> String {
        view::touch_label(self.touch, self.max_touches)
    }

    fn step_and_touch(&self) -> String {
        view::step_and_touch(self.step, self.touch, self.max_touches)
    }
}

/// The columns of `list`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Id,
    Prospect,
    Company,
    Status,
    Next,
    Due,
    Touch,
    /// The next step and its touch in one cell ("rescue 3/4").
    NextTouch,
    /// The status and the next step in one cell: the next step of an active file, the reason
    /// a file was closed.
    State,
}

/// From the widest to the narrowest. `list` has no messages below to carry the company, so
/// the narrow layouts merge the status into the next step rather than leave the company out.
const LAYOUTS: [&[Col]; 4] = {
    use Col::*;
    [
        &[Id, Prospect, Company, Status, Next, Due, Touch],
        &[Id, Prospect, Company, Status, NextTouch, Due],
        &[Id, Prospect, Company, State, Due],
        &[Id, Prospect, State, Due],
    ]
};

impl fit::Column<ListRow> for Col {
    fn header(self) -> &'static str {
        match self {
            Col::Id => "Id",
            Col::Prospect => "Prospect",
            Col::Company => "Company",
            Col::Status => "Status",
            Col::Next | Col::NextTouch => "Next",
            Col::State => "Status / next",
            Col::Due => "Due",
            Col::Touch => "Touch",
        }
    }

    fn fit(self) -> Fit {
        match self {
            Col::Prospect => Fit::Wrap(14),
            Col::Company => Fit::Wrap(12),
            // "closed (not-interested)" may go on two lines, between its words.
            Col::Status | Col::State => Fit::Wrap(6),
            Col::Id | Col::Next | Col::Due | Col::Touch | Col::NextTouch => Fit::Whole,
        }
    }

    fn cell(self, row: &ListRow) -> String {
        match self {
            Col::Id => row.id.to_string(),
            Col::Prospect => clean(&row.name).into_owned(),
            Col::Company => cell(row.company.as_deref()),
            Col::Status => status(row),
            Col::State => match (row.close_reason, &row.next) {
                (Some(_), Some(next)) => format!("{}: {}", status(row), next.step),
                (None, Some(next)) => next.step_and_touch(),
                (_, None) => status(row),
            },
            Col::Next => row
                .next
                .as_ref()
                .map(|next| next.step.to_string())
                .unwrap_or_default(),
            Col::Due => row
                .next
                .as_ref()
                .map(|next| day(next.due))
                .unwrap_or_default(),
            Col::Touch => row
                .next
                .as_ref()
                .map(NextCells::touch_label)
                .unwrap_or_default(),
            Col::NextTouch => row
                .next
                .as_ref()
                .map(NextCells::step_and_touch)
                .unwrap_or_default(),
        }
    }
}

/// "active", or "closed (won)".
fn status(row: &ListRow) -> String {
    match row.close_reason {
        Some(reason) => format!("closed ({reason})"),
        None => row.status.to_string(),
    }
}

/// `list --drip` with nobody on the drip.
pub const NOBODY_ON_THE_DRIP: &str = "Nobody is on the drip. A deal closed with `followup close \
     ID --reason lost` goes on it, with a value touch every drip_every_business_days.\n";

/// How many rows the widths of the `list` table are fitted on, and how many are drawn at a
/// time after them: a book of this many rows is one table drawn whole, as it always was.
pub const PIECE_ROWS: usize = 1_000;

/// The `list` table drawn as the book is read: the first [`PIECE_ROWS`] rows are held, and when
/// there are more, the widths are fitted on them (and on the largest id of the book, so that
/// no later id is wrapped) and the table goes out a piece at a time.
pub struct Streamed {
    width: Width,
    largest_id: i64,
    held: Vec<ListRow>,
    pieces: Option<fit::Pieces<'static, Col>>,
    empty: bool,
}

impl Streamed {
    pub fn new(width: Width, largest_id: i64) -> Streamed {
        Streamed {
            width,
            largest_id,
            held: Vec::with_capacity(PIECE_ROWS),
            pieces: None,
            empty: true,
        }
    }

    /// Whether no row was added.
    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// Adds a row; the text to write when a piece is complete.
    pub fn push(&mut self, row: ListRow) -> Option<String> {
        self.empty = false;
        if self.held.len() < PIECE_ROWS {
            self.held.push(row);
            return None;
        }
        let text = match &self.pieces {
            Some(pieces) => pieces.rows(&self.held),
            None => {
                // A row with the largest id: the id column is as wide as any id to come.
                let probe = ListRow {
                    id: self.largest_id,
                    name: String::new(),
                    company: None,
                    status: Status::Active,
                    close_reason: None,
                    next: None,
                };
                let (head, pieces) = fit::first_piece(self.width, &LAYOUTS, &self.held, &[probe]);
                self.pieces = Some(pieces);
                head
            }
        };
        self.held.clear();
        self.held.push(row);
        Some(text)
    }

    /// What is left to write: the whole table when it never grew past one piece.
    pub fn finish(self) -> String {
        match self.pieces {
            Some(pieces) => pieces.rows(&self.held) + &pieces.end(),
            None => render(&self.held, self.width),
        }
    }
}

/// `list` for a person, `width` wide.
pub fn render(rows: &[ListRow], width: Width) -> String {
    if rows.is_empty() {
        return "No prospects to show. Add one with `followup add NAME`.\n".to_string();
    }
    let (grid, _) = fit::choose(width, &LAYOUTS, rows);
    format!("{grid}\n")
}
