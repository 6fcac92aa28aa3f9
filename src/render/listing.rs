//! `list`: prospects with their next action.

use serde::Serialize;

use super::dossier::ProspectView;
use super::sanitize::{cell, clean};
use super::view::ActionView;
use super::{day, table};

/// One element of `list --json`.
#[derive(Debug, Clone, Serialize)]
pub struct ListEntry {
    #[serde(flatten)]
    pub prospect: ProspectView,
    pub next: Option<ActionView>,
}

pub fn render(entries: &[ListEntry]) -> String {
    if entries.is_empty() {
        return "No prospects to show. Add one with `followup add NAME`.\n".to_string();
    }
    let mut grid = table::new(&[
        "Id", "Prospect", "Company", "Status", "Next", "Due", "Touch",
    ]);
    for entry in entries {
        let p = &entry.prospect;
        let status = match p.close_reason {
            Some(reason) => format!("closed ({reason})"),
            None => p.status.to_string(),
        };
        let (next, due, touch) = match &entry.next {
            Some(next) => (next.step.to_string(), day(next.due), next.touch_label()),
            None => (String::new(), String::new(), String::new()),
        };
        grid.add_row(vec![
            p.id.to_string(),
            clean(&p.contact.name).into_owned(),
            cell(p.contact.company.as_deref()),
            status,
            next,
            due,
            touch,
        ]);
    }
    format!("{grid}\n")
}
