//! What the daily capacity did to the morning list: a line under the header, and the table of
//! the actions moved to later days.

use chrono::NaiveDate;

use super::sanitize::clean;
use super::{day, table};
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
pub fn moved(moved: &[Moved], today: NaiveDate) -> String {
    let mut grid = table::new(&["Moved to", "Id", "Prospect", "Step", "Due"]);
    for entry in moved {
        let due = &entry.due;
        grid.add_row(vec![
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
    format!("Moved to later days (a move only ever makes a gap between touches longer):\n{grid}\n")
}

/// `text` with `lines` inserted after its first line, the header of the morning list.
pub fn under_header(text: &str, lines: &[String]) -> String {
    if lines.is_empty() {
        return text.to_string();
    }
    let (header, rest) = text.split_once('\n').unwrap_or((text, ""));
    let mut out = format!("{header}\n");
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(rest);
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
