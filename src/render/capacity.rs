//! What the daily capacity did to the morning list: a line under the header, and the table of
//! the actions moved to later days.

use chrono::NaiveDate;

use super::fit::{self, Fit};
use super::sanitize::clean;
use super::{Width, day, table};
use crate::capacity::Limits;
use crate::explain::Line;
use crate::tracker::{Moved, Standing};

/// "at most 5 a day, 1 for nurture".
pub fn describe(limits: &Limits) -> String {
    let mut parts = Vec::new();
    if let Some(limit) = limits.per_day {
        parts.push(format!("at most {limit} a day"));
    }
    for (cadence, limit) in &limits.per_cadence {
        parts.push(format!("{limit} a day for {cadence}"));
    }
    parts.join(", ")
}

/// The line that says how many actions moved and why.
pub fn note(moved: usize, limits: &Limits) -> String {
    format!(
        "{moved} more {} due; max_touches_per_day ({}) moves {} to the next business days, \
         listed at the end.",
        if moved == 1 {
            "action was"
        } else {
            "actions were"
        },
        describe(limits),
        if moved == 1 { "it" } else { "them" }
    )
}

/// The table of moved actions, by the day they move to.
pub fn moved(moved: &[Moved], today: NaiveDate, width: Width) -> String {
    let mut rows = Vec::with_capacity(moved.len());
    for entry in moved {
        let due = &entry.due;
        rows.push(vec![
            entry
                .to
                .map_or_else(|| "no room within a year".to_string(), day),
            due.prospect.id.to_string(),
            clean(&due.prospect.contact.name).into_owned(),
            due.action.step.to_string(),
            if due.action.due < today {
                day(due.action.due)
            } else {
                "today".to_string()
            },
        ]);
    }
    let grid = fit::rows(
        width,
        &[
            ("Moved to", Fit::Wrap(14)),
            ("Id", Fit::Whole),
            ("Prospect", Fit::Wrap(14)),
            ("Step", Fit::Whole),
            ("Due", Fit::Whole),
        ],
        &rows,
    );
    let title = table::indented(
        "Moved to later days (a move only ever makes a gap between touches longer):",
        "",
        width,
    );
    format!("{title}\n{grid}\n")
}

/// `text` with `lines` inserted after its first line, the header of the morning list.
pub fn under_header(text: &str, lines: &[String], width: Width) -> String {
    if lines.is_empty() {
        return text.to_string();
    }
    let (header, rest) = text.split_once('\n').unwrap_or((text, ""));
    format!("{header}\n{}{rest}", notes(lines, width))
}

/// Notes, each wrapped to `width` on lines of its own.
pub fn notes(lines: &[String], width: Width) -> String {
    let mut out = String::new();
    for line in lines {
        out.push_str(&table::indented(line, "", width));
        out.push('\n');
    }
    out
}

/// The line `why` adds when the daily capacity keeps or moves the action.
pub fn why_line(standing: &Standing) -> Line {
    let text = match standing {
        Standing::Kept { today, limits } => format!(
            "max_touches_per_day ({}): on today's list, which holds {today}.",
            describe(limits)
        ),
        Standing::Moved { to, ahead, limits } => format!(
            "max_touches_per_day ({}): today's list is full ({ahead} kept, in the order of the \
             morning list), so this moves to {}; a move only ever makes the gap longer.",
            describe(limits),
            to.map_or_else(|| "a day beyond the coming year".to_string(), day)
        ),
    };
    Line {
        label: "capacity".to_string(),
        text,
    }
}
