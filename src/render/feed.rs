//! The calendar feed of `agenda --ics`: each planned action as an event. Promised callbacks
//! are timed; other steps are all-day reminders on the day they are due (today for overdue
//! ones). The UID names the prospect, the step and the due date, so importing a newer feed
//! updates an event instead of adding a second one.

use chrono::NaiveDate;

use super::view::ActionView;
use crate::ics::{Event, When};

/// How long a promised call is booked for.
const CALL_MINUTES: u32 = 15;

pub fn events(views: &[ActionView], today: NaiveDate) -> Vec<Event> {
    views.iter().map(|view| event(view, today)).collect()
}

fn event(view: &ActionView, today: NaiveDate) -> Event {
    let on = view.day_to_act(today);
    let when = match (view.promised, view.time) {
        (true, Some(time)) => When::At {
            start: on.and_time(time),
            minutes: CALL_MINUTES,
        },
        _ => When::Day(on),
    };
    let touch = match view.touch_label() {
        label if label.is_empty() => String::new(),
        label => format!(" {label}"),
    };
    let company = view
        .company
        .as_deref()
        .map(|company| format!(" ({company})"))
        .unwrap_or_default();
    Event {
        uid: format!(
            "followup-{}-{}-{}@followup",
            view.id,
            view.step,
            view.due.format("%Y%m%d")
        ),
        when,
        summary: format!("{}{touch}: {}{company}", view.step, view.name),
        description: description(view),
    }
}

fn description(view: &ActionView) -> String {
    let mut lines = Vec::new();
    if let Some(phone) = &view.phone {
        lines.push(format!("Phone: {phone}"));
    }
    if let Some(email) = &view.email {
        lines.push(format!("Email: {email}"));
    }
    lines.push(format!("Step: {}; {}", view.step, view.how()));
    lines.push(view.reason.clone());
    lines.push(String::new());
    lines.push(view.script.clone());
    if let Some(subject) = &view.email_subject {
        lines.push(String::new());
        lines.push(format!("Email subject: {subject}"));
    }
    // The item the message carries, as the morning list names it, so that whoever opens
    // the event knows what they are bringing (the script only announces it beside an email).
    if let Some(item) = &view.value {
        lines.push(String::new());
        lines.push(super::value::carried_line(item));
    }
    lines.push(String::new());
    lines.push(format!(
        "followup show {id} | followup log {id}",
        id = view.id
    ));
    lines.join("\n")
}
