//! `list`: prospects with their next action.

use serde::Serialize;

use super::dossier::ProspectView;
use super::fit::{self, Fit};
use super::sanitize::{cell, clean};
use super::view::ActionView;
use super::{Width, day};

/// One element of `list --json`.
#[derive(Debug, Clone, Serialize)]
pub struct ListEntry {
    #[serde(flatten)]
    pub prospect: ProspectView,
    pub next: Option<ActionView>,
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

impl fit::Column<ListEntry> for Col {
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

    fn cell(self, entry: &ListEntry) -> String {
        let p = &entry.prospect;
        match self {
            Col::Id => p.id.to_string(),
            Col::Prospect => clean(&p.contact.name).into_owned(),
            Col::Company => cell(p.contact.company.as_deref()),
            Col::Status => status(p),
            Col::State => match (p.close_reason, &entry.next) {
                (Some(_), Some(next)) => format!("{}: {}", status(p), next.step),
                (None, Some(next)) => next.step_and_touch(),
                (_, None) => status(p),
            },
            Col::Next => entry
                .next
                .as_ref()
                .map(|next| next.step.to_string())
                .unwrap_or_default(),
            Col::Due => entry
                .next
                .as_ref()
                .map(|next| day(next.due))
                .unwrap_or_default(),
            Col::Touch => entry
                .next
                .as_ref()
                .map(ActionView::touch_label)
                .unwrap_or_default(),
            Col::NextTouch => entry
                .next
                .as_ref()
                .map(ActionView::step_and_touch)
                .unwrap_or_default(),
        }
    }
}

/// "active", or "closed (won)".
fn status(prospect: &ProspectView) -> String {
    match prospect.close_reason {
        Some(reason) => format!("closed ({reason})"),
        None => prospect.status.to_string(),
    }
}

/// `list` for a person, `width` wide.
pub fn render(entries: &[ListEntry], width: Width) -> String {
    if entries.is_empty() {
        return "No prospects to show. Add one with `followup add NAME`.\n".to_string();
    }
    let (grid, _) = fit::choose(width, &LAYOUTS, entries);
    format!("{grid}\n")
}
