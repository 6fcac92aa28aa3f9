//! `list`: prospects with their next action.
//!
//! `list --json` is written element by element as the book is read (each element carries
//! the messages of the next action). The table is drawn from [`ListRow`]s, which hold only
//! what its cells show, so that the rows of a large book stay small: the width of each column
//! depends on all of them.

use chrono::NaiveDate;
use serde::Serialize;

use super::dossier::ProspectView;
use super::fit::{self, Fit};
use super::sanitize::{cell, clean};
use super::view::{self, ActionView};
use super::{Width, day};
use crate::config::Config;
use crate::domain::{CloseReason, Prospect, Status, Step};
use crate::tracker::Due;

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
    pub fn new(prospect: &Prospect, next: Option<&Due>, config: &Config) -> ListRow {
        ListRow {
            id: prospect.id,
            name: prospect.contact.name.clone(),
            company: prospect.contact.company.clone(),
            status: prospect.status,
            close_reason: prospect.closed.as_ref().map(|closure| closure.reason),
            next: next.map(|due| NextCells {
                step: due.action.step,
                due: due.action.due,
                touch: due.action.touch,
                max_touches: config
                    .cadence(&prospect.cadence)
                    .and_then(|cadence| cadence.max_touches),
            }),
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

/// `list` for a person, `width` wide.
pub fn render(rows: &[ListRow], width: Width) -> String {
    if rows.is_empty() {
        return "No prospects to show. Add one with `followup add NAME`.\n".to_string();
    }
    let (grid, _) = fit::choose(width, &LAYOUTS, rows);
    format!("{grid}\n")
}
