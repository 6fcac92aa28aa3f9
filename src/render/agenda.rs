//! The morning list as a person reads it: a table of what is due, then the message for each.

use chrono::{NaiveDate, TimeDelta};
use unicode_width::UnicodeWidthStr;

use super::fit::{self, Fit};
use super::sanitize::{cell, clean, clean_lines};
use super::view::ActionView;
use super::{Width, day, plural, table};
use crate::domain::{Channel, Step};
use crate::promise;

/// The "When" column: the promised time, "today", or how late.
pub fn when(view: &ActionView) -> String {
    if let (Some(time), Some(_)) = (view.time, view.late_minutes) {
        return format!("{} {}", super::clock(time), missed(view));
    }
    let late = match view.overdue_business_days {
        0 => None,
        days => Some(late(days)),
    };
    match (view.time, late) {
        (Some(time), None) => format!("{}{}", super::clock(time), view.their_clock()),
        (Some(time), Some(late)) => {
            format!("{}{} ({late})", super::clock(time), view.their_clock())
        }
        (None, Some(late)) => late,
        (None, None) => "today".to_string(),
    }
}

/// How late an action is, in the one unit the lists use: "3 business days late".
pub fn late(business_days: i64) -> String {
    format!("{} late", plural(business_days, "business day"))
}

/// A missed promise: by how long on its own day ("MISSED by 1h 20m"), in business days after
/// it, like every other late action.
fn missed(view: &ActionView) -> String {
    match (view.overdue_business_days, view.late_minutes) {
        (0, Some(minutes)) => format!(
            "MISSED by {}",
            promise::describe(TimeDelta::minutes(minutes))
        ),
        (days, _) => format!("MISSED, {}", late(days)),
    }
}

/// The columns of the morning list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    When,
    Id,
    Prospect,
    Company,
    /// The channel and where to reach them on it ("call 555-0190").
    Channel,
    Step,
    Touch,
    /// The step and its touch in one cell ("rescue 3/4").
    StepTouch,
    /// Only when `[calendar] call_hours` gives something to say.
    Call,
    Why,
}

/// From the widest to the narrowest. A layout that leaves a column out loses nothing: the
/// company, the channel and its detail head each message, and the reason and the call advice move under
/// that heading. The narrow layouts keep a row on one line, so the list reads at a glance.
const LAYOUTS: [&[Col]; 6] = {
    use Col::*;
    [
        &[When, Id, Prospect, Company, Channel, Step, Touch, Call, Why],
        &[When, Id, Prospect, Company, Channel, Step, Touch, Call],
        &[When, Id, Prospect, Company, StepTouch, Call],
        &[When, Id, Prospect, StepTouch, Call],
        &[When, Id, Prospect, StepTouch],
        &[Id, Prospect, StepTouch],
    ]
};

impl fit::Column<ActionView> for Col {
    fn header(self) -> &'static str {
        match self {
            Col::When => "When",
            Col::Id => "Id",
            Col::Prospect => "Prospect",
            Col::Company => "Company",
            Col::Channel => "Channel",
            Col::Step | Col::StepTouch => "Step",
            Col::Touch => "Touch",
            Col::Call => "Call (your time)",
            Col::Why => "Why",
        }
    }

    fn fit(self) -> Fit {
        match self {
            Col::When => Fit::Wrap(12),
            // Most names and companies fit on one line; a column too narrow for them would
            // make every row several lines high.
            Col::Prospect | Col::Company => Fit::Wrap(20),
            Col::Call => Fit::Wrap(14),
            Col::Why => Fit::Wrap(40),
            Col::Id | Col::Channel | Col::Step | Col::Touch | Col::StepTouch => Fit::Whole,
        }
    }

    fn cell(self, view: &ActionView) -> String {
        match self {
            Col::When => when(view),
            Col::Id => view.id.to_string(),
            Col::Prospect => clean(&view.name).into_owned(),
            Col::Company => cell(view.company.as_deref()),
            Col::Channel => view.channel_cell(),
            Col::Step => view.step.to_string(),
            Col::Touch => view.touch_label(),
            Col::StepTouch => view.step_and_touch(),
            Col::Call => cell(view.call_advice.as_deref()),
            Col::Why => view.reason.clone(),
        }
    }
}

/// The table and the messages of `today`, `width` wide.
pub fn render(today: NaiveDate, views: &[ActionView], width: Width) -> String {
    let (mut out, under) = table_and_room(today, views, width);
    out.push_str("\n\n");
    for (index, view) in views.iter().enumerate() {
        out.push_str(&message_block(index + 1, view, under, width));
        out.push('\n');
    }
    out
}

/// The heading line and the table of `today` alone, without the messages: a manager's view
/// of a rep's day (`today --team`), whose messages are the rep's to say.
pub fn render_table(today: NaiveDate, views: &[ActionView], width: Width) -> String {
    let (mut out, _) = table_and_room(today, views, width);
    out.push('\n');
    out
}

/// The heading and the table that fits `width`, with what the table had no room for.
fn table_and_room(today: NaiveDate, views: &[ActionView], width: Width) -> (String, Under) {
    let mut out = format!(
        "{}: {} due",
        day(today),
        plural(views.len() as i64, "action")
    );
    // One line, never wrapped (at most 76 columns): `capacity::under_header` adds its notes
    // after it.
    match views.iter().filter(|view| view.missed).count() {
        0 => out.push_str(".\n"),
        missed => out.push_str(&format!(
            ", {} at the top: call now.\n",
            plural(missed as i64, "missed promise")
        )),
    }
    let with_call = views.iter().any(|view| view.call_advice.is_some());
    let layouts: Vec<Vec<Col>> = LAYOUTS
        .iter()
        .map(|layout| {
            layout
                .iter()
                .copied()
                .filter(|column| with_call || *column != Col::Call)
                .collect()
        })
        .collect();
    let layouts: Vec<&[Col]> = layouts.iter().map(Vec::as_slice).collect();
    let (grid, shown) = fit::choose(width, &layouts, views);
    out.push_str(&grid);
    let under = Under {
        reason: !shown.contains(&Col::Why),
        call: with_call && !shown.contains(&Col::Call),
    };
    (out, under)
}

/// What a message's heading carries that the table had no room for.
#[derive(Debug, Clone, Copy)]
struct Under {
    reason: bool,
    call: bool,
}

/// One numbered message: who, how, and what to say, wrapped to `width`.
fn message_block(number: usize, view: &ActionView, under: Under, width: Width) -> String {
    let who = match &view.company {
        Some(company) => format!("{}, {}", clean(&view.name), clean(company)),
        None => clean(&view.name).into_owned(),
    };
    let how = match view.step {
        Step::Close => "to do".to_string(),
        _ => view.how(),
    };
    // A promise sets the time, the step stays what it is (cadence.md rule 1).
    let mut step = view.step.to_string();
    if view.promised {
        step.push_str(", promised");
    }
    match view.late_minutes {
        Some(_) => step.push_str(&format!(", {}", missed(view))),
        None if view.missed_promise.is_some() => step.push_str(", after a missed promise"),
        None => {}
    }
    let indent = " ".repeat(format!("{number}. ").len().max(3));
    let line = |text: &str| format!("{}\n", table::indented(text, &indent, width));
    // How to reach them stays on one line (a phone number is never cut at its spaces),
    // unless it is a sentence longer than a line.
    let heading = format!("{number}. {who} ({step}):");
    let mut block = if indent.width() + how.width() > width.text() {
        table::hanging(&format!("{heading} {how}"), "", &indent, width)
    } else {
        let mut block = table::hanging(&heading, "", &indent, width);
        let last = block.rsplit('\n').next().map_or(0, UnicodeWidthStr::width);
        if last + 1 + how.width() <= width.text() {
            block.push(' ');
        } else {
            block.push('\n');
            block.push_str(&indent);
        }
        block.push_str(&how);
        block
    };
    block.push('\n');
    if under.reason {
        block.push_str(&line(&format!("Why: {}", view.reason)));
    }
    if let (true, Some(advice)) = (under.call, &view.call_advice) {
        block.push_str(&line(&format!("Call: {}", clean(advice))));
    }
    match (&view.email_subject, &view.email) {
        // The message is the email: its subject heads it.
        (Some(subject), _) if view.channel == Some(Channel::Email) && view.step != Step::Close => {
            block.push_str(&line(&format!("Subject: {}", clean(subject))));
            block.push('\n');
            block.push_str(&line(&clean_lines(&view.script)));
        }
        // The email that goes beside the call.
        (Some(subject), Some(email)) => {
            block.push_str(&line(&clean_lines(&view.script)));
            block.push_str(&line(&format!(
                "Email to {}: \"{}\"",
                clean(email),
                clean(subject)
            )));
        }
        _ => block.push_str(&line(&clean_lines(&view.script))),
    }
    if let Some(value) = super::value::value_line(view, view.id) {
        block.push_str(&line(&value));
    }
    block
}

/// What a day with nothing due says: when the next action comes.
pub fn render_empty(
    today: NaiveDate,
    next: Option<&ActionView>,
    any_prospect: bool,
    width: Width,
) -> String {
    let mut out = format!("Nothing due today ({}).", day(today));
    match next {
        Some(view) => out.push_str(&format!(
            " Next: {} ({}) on {}.",
            clean(&view.name),
            view.step,
            day(view.due)
        )),
        None if any_prospect => out.push_str(" No action is planned for any prospect."),
        None => out.push_str(" No prospects yet: add one with `followup add NAME`."),
    }
    let mut out = table::indented(&out, "", width);
    out.push('\n');
    out
}
