//! `stats --by-rep` as a table: one line per rep and one for the team.

use super::fit::{self, Fit};
use super::sanitize::clean;
use super::{Width, table};
use crate::rep_stats::{Figures, RepStats};

pub fn render(report: &RepStats, width: Width) -> String {
    let period = match report.since {
        Some(since) => format!("From {since} to {}", report.until),
        None => format!("Up to {}", report.until),
    };
    let mut rows: Vec<Vec<String>> = report
        .reps
        .iter()
        .map(|line| {
            let who = match &line.rep {
                Some(rep) if rep.active => clean(&rep.name).into_owned(),
                Some(rep) => format!("{} (inactive)", clean(&rep.name)),
                None => "no rep".to_string(),
            };
            cells(who, &line.figures)
        })
        .collect();
    rows.push(cells("team".to_string(), &report.team));
    let grid = fit::rows(
        width,
        &[
            ("Rep", Fit::Wrap(10)),
            ("Touches", Fit::Whole),
            ("Reply rate", Fit::Whole),
            ("Rescues", Fit::Whole),
            ("Promises kept", Fit::Whole),
            ("Closes (won)", Fit::Whole),
        ],
        &rows,
    );
    format!(
        "{}\n{grid}\n",
        table::indented(&format!("{period}, by rep:"), "", width)
    )
}

fn cells(who: String, figures: &Figures) -> Vec<String> {
    vec![
        who,
        figures.touches.to_string(),
        figures
            .reply_rate
            .map_or_else(|| "-".to_string(), |rate| format!("{:.0}%", rate * 100.0)),
        figures.rescues.to_string(),
        promises(figures),
        format!("{} ({})", figures.closes, figures.won),
    ]
}

/// "2 of 3", with the promises whose time has not come yet said apart: a promise for later
/// today is not one that was broken.
fn promises(figures: &Figures) -> String {
    let kept = format!("{} of {}", figures.promises_kept, figures.promises_made);
    match figures.promises_open {
        0 => kept,
        open => format!("{kept} ({open} open)"),
    }
}
