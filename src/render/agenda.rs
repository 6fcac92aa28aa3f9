//! The morning list as a person reads it: a table of what is due, then the message for each.

use chrono::{NaiveDate, TimeDelta};

use super::sanitize::{cell, clean, clean_lines};
use super::view::ActionView;
use super::{day, plural, table};
use crate::domain::{Channel, Step};
use crate::promise;

/// The "When" column: the promised time, "today", or how late.
fn when(view: &ActionView) -> String {
    if let (Some(time), Some(_)) = (view.time, view.late_minutes) {
        return format!("{} {}", time.format("%H:%M"), missed(view));
    }
    let late = match view.overdue_business_days {
        0 => None,
        days => Some(late(days)),
    };
    match (view.time, late) {
        (Some(time), None) => format!("{}{}", time.format("%H:%M"), view.their_clock()),
        (Some(time), Some(late)) => {
            format!("{}{} ({late})", time.format("%H:%M"), view.their_clock())
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

/// The table and the messages of `today`.
pub fn render(today: NaiveDate, views: &[ActionView]) -> String {
    let mut out = format!(
        "{}: {} due",
        day(today),
        plural(views.len() as i64, "action")
    );
    match views.iter().filter(|view| view.missed).count() {
        0 => out.push_str(".\n"),
        missed => out.push_str(&format!(
            ", {} at the top: call now.\n",
            plural(missed as i64, "missed promise")
        )),
    }
    // The "Call" column only when `[calendar] call_hours` gives something to say.
    let with_call = views.iter().any(|view| view.call_advice.is_some());
    let mut headers = vec![
        "When", "Id", "Prospect", "Company", "Channel", "Step", "Touch",
    ];
    if with_call {
        headers.push("Call (your time)");
    }
    headers.push("Why");
    let mut grid = table::new(&headers);
    for view in views {
        let mut row = vec![
            when(view),
            view.id.to_string(),
            clean(&view.name).into_owned(),
            cell(view.company.as_deref()),
            view.channel_cell(),
            view.step.to_string(),
            view.touch_label(),
        ];
        if with_call {
            row.push(cell(view.call_advice.as_deref()));
        }
        row.push(view.reason.clone());
        grid.add_row(row);
    }
    out.push_str(&grid.to_string());
    out.push_str("\n\n");
    for (index, view) in views.iter().enumerate() {
        out.push_str(&message_block(index + 1, view));
        out.push('\n');
    }
    out
}

/// One numbered message: who, how, and what to say.
pub fn message_block(number: usize, view: &ActionView) -> String {
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
    let mut block = format!("{number}. {who} ({step}): {how}\n");
    block.push_str(&table::indented(&clean_lines(&view.script), "   "));
    block.push('\n');
    match (&view.email_subject, &view.email) {
        // The message is the email: its subject heads it.
        (Some(subject), _) if view.channel == Some(Channel::Email) && view.step != Step::Close => {
            block.insert_str(
                block.find('\n').map_or(0, |end| end + 1),
                &format!("   Subject: {}\n\n", clean(subject)),
            );
        }
        // The email that goes beside the call.
        (Some(subject), Some(email)) => block.push_str(&format!(
            "   Email to {}: \"{}\"\n",
            clean(email),
            clean(subject)
        )),
        _ => {}
    }
    block
}

/// What a day with nothing due says: when the next action comes.
pub fn render_empty(today: NaiveDate, next: Option<&ActionView>, any_prospect: bool) -> String {
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
    out.push('\n');
    out
}
