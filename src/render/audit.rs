//! `followup audit`: who changed what and when, oldest first, in a table that fits the
//! screen (an 80-column one included), or every column as JSON.

use super::fit::{self, Fit};
use super::sanitize::clean;
use super::{Width, table};
use crate::store::AuditRow;

/// The audit as a table; a sentence when it has no rows.
pub fn render(rows: &[AuditRow], width: Width) -> String {
    if rows.is_empty() {
        return format!(
            "{}\n",
            table::indented("No changes recorded for this selection.", "", width)
        );
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            vec![
                row.at.format("%Y-%m-%d %H:%M").to_string(),
                clean(&row.actor).into_owned(),
                row.prospect_id.map(|id| id.to_string()).unwrap_or_default(),
                row.action.clone(),
                clean(&change(row)).into_owned(),
            ]
        })
        .collect();
    let grid = fit::rows(
        width,
        &[
            // The date and the time may sit on two lines of a narrow screen.
            ("When", Fit::Wrap(10)),
            ("Who", Fit::Wrap(6)),
            ("Id", Fit::Whole),
            ("Action", Fit::Whole),
            ("Change", Fit::Wrap(16)),
        ],
        &cells,
    );
    format!("{grid}\n")
}

/// "email: old@x -> new@y", "removed: ...", or the new value alone.
fn change(row: &AuditRow) -> String {
    let values = match (&row.old_value, &row.new_value) {
        (Some(old), Some(new)) => format!("{old} -> {new}"),
        (None, Some(new)) if row.field.is_some() => format!("(none) -> {new}"),
        (None, Some(new)) => new.clone(),
        (Some(old), None) if row.field.is_some() => format!("{old} -> (none)"),
        (Some(old), None) => format!("removed: {old}"),
        (None, None) => String::new(),
    };
    match &row.field {
        Some(field) => format!("{field}: {values}"),
        None => values,
    }
}
