//! `cadence show` for a person: the dates a cadence gives a prospect who never answers.

use chrono::NaiveDate;

use super::fit::{self, Fit};
use super::sanitize::clean;
use super::{Width, day, table};
use crate::timeline::TimelineRow;

/// The cadence `name` (as `description` says it) from `start`, `width` wide.
pub fn render(
    name: &str,
    description: &str,
    start: NaiveDate,
    rows: &[TimelineRow],
    width: Width,
) -> String {
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            vec![
                row.touch
                    .map(|touch| touch.to_string())
                    .unwrap_or_else(|| "-".into()),
                row.step.to_string(),
                day(row.date),
                row.time
                    .map(|time| time.format("%H:%M").to_string())
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let grid = fit::rows(
        width,
        &[
            ("Touch", Fit::Whole),
            ("Step", Fit::Whole),
            ("Date", Fit::Whole),
            ("Time", Fit::Whole),
        ],
        &rows,
    );
    let heading = format!("{}: {description}.", clean(name));
    let lead = format!(
        "For a prospect added {} who never answers (assistant steps only when one is on file):",
        day(start)
    );
    format!(
        "{}\n{}\n{grid}\n",
        table::indented(&heading, "", width),
        table::indented(&lead, "", width)
    )
}
