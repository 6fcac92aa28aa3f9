//! A prospect's file: its details, history and next action, for `show` and `list`.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::sanitize::{cell, clean, clean_lines};
use super::view::ActionView;
use super::{day, table};
use crate::config::Config;
use crate::domain::{Attempt, Channel, CloseReason, Contact, Outcome, Prospect, Status, Step};
use crate::script;
use crate::tracker::Dossier;

/// A prospect's fields, as `show --json` and `list --json` give them.
#[derive(Debug, Clone, Serialize)]
pub struct ProspectView {
    pub id: i64,
    #[serde(flatten)]
    pub contact: Contact,
    pub cadence: String,
    pub start: NaiveDate,
    pub status: Status,
    pub close_reason: Option<CloseReason>,
    pub closed_at: Option<NaiveDateTime>,
    pub recontact_on: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
}

impl From<&Prospect> for ProspectView {
    fn from(prospect: &Prospect) -> Self {
        ProspectView {
            id: prospect.id,
            contact: prospect.contact.clone(),
            cadence: prospect.cadence.clone(),
            start: prospect.start,
            status: prospect.status,
            close_reason: prospect.closed.as_ref().map(|closure| closure.reason),
            closed_at: prospect.closed.as_ref().map(|closure| closure.at),
            recontact_on: prospect.recontact_on,
            created_at: prospect.created_at,
        }
    }
}

/// One attempt in `show --json`.
#[derive(Debug, Clone, Serialize)]
pub struct AttemptView {
    pub at: NaiveDateTime,
    pub channel: Channel,
    pub outcome: Outcome,
    pub step: Step,
    pub note: Option<String>,
    pub promise: Option<NaiveDateTime>,
    pub next: Option<NaiveDate>,
}

impl From<&Attempt> for AttemptView {
    fn from(attempt: &Attempt) -> Self {
        AttemptView {
            at: attempt.at,
            channel: attempt.channel,
            outcome: attempt.outcome,
            step: attempt.step,
            note: attempt.note.clone(),
            promise: attempt.promise,
            next: attempt.next,
        }
    }
}

/// The whole of `show --json`.
#[derive(Debug, Clone, Serialize)]
pub struct DossierView {
    #[serde(flatten)]
    pub prospect: ProspectView,
    pub attempts: Vec<AttemptView>,
    pub next: Option<ActionView>,
}

impl DossierView {
    pub fn new(dossier: &Dossier, config: &Config, now: NaiveDateTime) -> DossierView {
        DossierView {
            prospect: ProspectView::from(&dossier.prospect),
            attempts: dossier.attempts.iter().map(AttemptView::from).collect(),
            next: dossier
                .next
                .as_ref()
                .map(|due| ActionView::new(due, config, now)),
        }
    }
}

/// `show` for a person.
pub fn render(view: &DossierView) -> String {
    let p = &view.prospect;
    let c = &p.contact;
    let mut out = format!("{} (id {})", clean(&c.name), p.id);
    match (&c.title, &c.company) {
        (Some(title), Some(company)) => {
            out.push_str(&format!(", {} at {}", clean(title), clean(company)))
        }
        (None, Some(company)) => out.push_str(&format!(", {}", clean(company))),
        (Some(title), None) => out.push_str(&format!(", {}", clean(title))),
        (None, None) => {}
    }
    out.push('\n');
    let fields = [
        ("Phone", c.phone.clone()),
        ("Email", c.email.clone()),
        ("Prefers", c.prefers.map(|prefers| prefers.to_string())),
        ("Topic", c.topic.clone()),
        ("Next step", c.next_step.clone()),
        ("Assistant", c.assistant.clone()),
        ("Assistant phone", c.assistant_phone.clone()),
        ("Main line", c.main_line.clone()),
        ("Note", c.note.clone()),
        ("Time zone", c.time_zone.clone()),
        (
            "Ground rules",
            c.ground_rules
                .then(|| "agreed: a plain no is welcome".to_string()),
        ),
    ];
    for (label, value) in fields {
        if let Some(value) = value {
            // A note may hold several lines (an import keeps columns one per line): each
            // goes on its own line, under the first.
            let indent = format!("\n  {}", " ".repeat(label.len() + 2));
            let lines: Vec<_> = value.lines().map(clean).collect();
            out.push_str(&format!("  {label}: {}\n", lines.join(indent.as_str())));
        }
    }
    let status = match (p.status, p.close_reason) {
        (Status::Closed, Some(reason)) => format!("closed ({reason})"),
        (status, _) => status.to_string(),
    };
    out.push_str(&format!(
        "  Cadence: {}, started {}, {status}\n",
        clean(&p.cadence),
        day(p.start)
    ));

    if view.attempts.is_empty() {
        out.push_str("\nNo attempts logged yet.\n");
    } else {
        let mut grid = table::new(&[
            "When",
            "Channel",
            "Outcome",
            "Step",
            "Promise / next",
            "Note",
        ]);
        for attempt in &view.attempts {
            let promise = attempt
                .promise
                .map(|promise| format!("call {}", promise.format("%a %Y-%m-%d %H:%M")))
                .or(attempt.next.map(|next| format!("next step {}", day(next))))
                .unwrap_or_default();
            grid.add_row(vec![
                attempt.at.format("%a %Y-%m-%d %H:%M").to_string(),
                attempt.channel.to_string(),
                attempt.outcome.to_string(),
                attempt.step.to_string(),
                promise,
                cell(attempt.note.as_deref()),
            ]);
        }
        out.push_str(&format!("\n{grid}\n"));
    }

    match &view.next {
        None => out.push_str("\nNothing planned: the file is closed with no re-contact date.\n"),
        Some(next) => {
            let touch = match next.touch_label() {
                label if label.is_empty() => String::new(),
                label => format!(", touch {label}"),
            };
            let time = next
                .time
                .map(|time| format!(" at {}{}", time.format("%H:%M"), next.their_clock()))
                .unwrap_or_default();
            let how = match next.step {
                Step::Close => "to do".to_string(),
                _ => next.how(),
            };
            out.push_str(&format!(
                "\nNext: {} on {}{time}{touch}; {how}.\n  {}\n\n",
                next.step,
                day(next.due),
                next.reason
            ));
            let is_email = next.channel == Some(Channel::Email) && next.step != Step::Close;
            if let (true, Some(subject)) = (is_email, &next.email_subject) {
                out.push_str(&format!("  Subject: {}\n\n", clean(subject)));
            }
            out.push_str(&table::indented(&clean_lines(&next.script), "  "));
            out.push('\n');
            if let (false, Some(subject), Some(body)) =
                (is_email, &next.email_subject, &next.email_body)
            {
                out.push_str(&format!("\n  Email subject: {}\n\n", clean(subject)));
                out.push_str(&table::indented(&clean_lines(body), "  "));
                out.push('\n');
            }
            for name in &next.missing {
                let fix = script::how_to_set(name, p.id);
                if !fix.is_empty() {
                    out.push_str(&format!("\n  (no {name} on file: {fix})"));
                }
            }
            if !next.missing.is_empty() {
                out.push('\n');
            }
        }
    }
    out
}
