//! A prospect's file: its details, history and next action, for `show` and `list`.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::fit::{self, Fit};
use super::sanitize::{cell, clean, clean_lines};
use super::value::{ValueView, value_line};
use super::view::ActionView;
use super::{Width, day, table};
use crate::config::Config;
use crate::domain::{
    Attempt, Channel, CloseReason, Contact, Outcome, Prospect, Status, Step, ValueItem,
};
use crate::script;
use crate::tracker::{Dossier, Due};

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
    /// A lost deal kept on the drip.
    pub drip: bool,
    /// The day of its next drip touch (null when it is not on the drip, or its cadence has
    /// no drip); see [`ProspectView::with_next`].
    pub next_drip: Option<NaiveDate>,
    pub created_at: NaiveDateTime,
}

impl ProspectView {
    /// The view with what the next action says about the drip.
    pub fn with_next(mut self, next: Option<&Due>) -> ProspectView {
        self.next_drip = next
            .filter(|due| due.action.step == Step::Drip)
            .map(|due| due.action.due);
        self
    }
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
            drip: prospect.closed.as_ref().is_some_and(|closure| closure.drip),
            next_drip: None,
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
    /// The value item the attempt's message carried; `null` when none.
    pub value: Option<ValueView>,
}

impl AttemptView {
    /// The attempt with the value item its message carried, if any.
    pub fn carrying(attempt: &Attempt, carried: &[(i64, ValueItem)]) -> AttemptView {
        AttemptView {
            value: carried
                .iter()
                .find(|(id, _)| *id == attempt.id)
                .map(|(_, item)| ValueView::new(item)),
            ..AttemptView::from(attempt)
        }
    }
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
            value: None,
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
            prospect: ProspectView::from(&dossier.prospect).with_next(dossier.next.as_ref()),
            attempts: dossier
                .attempts
                .iter()
                .map(|attempt| AttemptView::carrying(attempt, &dossier.carried))
                .collect(),
            next: dossier
                .next
                .as_ref()
                .map(|due| ActionView::new(due, config, now)),
        }
    }
}

/// The columns of a file's history.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    When,
    Channel,
    Outcome,
    /// The channel and the outcome in one cell, for a narrow screen.
    How,
    Step,
    Promise,
    /// The id of the value item the message carried.
    Value,
    Note,
}

/// From the widest to the narrowest. How each attempt was made and what came of it stay on
/// every layout (merged into one cell when narrow): a history that no longer says whether a
/// touch was a call or an email misleads. The step goes first, then the promise.
const LAYOUTS: [&[Col]; 4] = {
    use Col::*;
    [
        &[When, Channel, Outcome, Step, Promise, Value, Note],
        &[When, How, Step, Promise, Value, Note],
        &[When, How, Promise, Value, Note],
        &[When, How, Value, Note],
    ]
};

impl fit::Column<AttemptView> for Col {
    fn header(self) -> &'static str {
        match self {
            Col::When => "When",
            Col::Channel => "Channel",
            Col::Outcome => "Outcome",
            Col::How => "Outcome",
            Col::Step => "Step",
            Col::Promise => "Promise / next",
            Col::Value => "Value",
            Col::Note => "Note",
        }
    }

    fn fit(self) -> Fit {
        match self {
            Col::When | Col::Channel | Col::Outcome | Col::Step | Col::Value => Fit::Whole,
            Col::How => Fit::Wrap(9),
            // Its header wraps over an empty column rather than take a note's room.
            Col::Promise => Fit::Wrap(10),
            Col::Note => Fit::Wrap(16),
        }
    }

    fn cell(self, attempt: &AttemptView) -> String {
        match self {
            Col::When => attempt.at.format("%a %Y-%m-%d %H:%M").to_string(),
            Col::Channel => attempt.channel.to_string(),
            Col::Outcome => attempt.outcome.to_string(),
            Col::How => format!("{} ({})", attempt.outcome, attempt.channel),
            Col::Step => attempt.step.to_string(),
            Col::Promise => attempt
                .promise
                .map(|promise| format!("call {}", promise.format("%a %Y-%m-%d %H:%M")))
                .or(attempt.next.map(|next| format!("next step {}", day(next))))
                .unwrap_or_default(),
            Col::Value => attempt
                .value
                .as_ref()
                .map(|item| format!("{} {}", item.kind, item.id))
                .unwrap_or_default(),
            Col::Note => cell(attempt.note.as_deref()),
        }
    }
}

/// `show` for a person, `width` wide.
pub fn render(view: &DossierView, width: Width) -> String {
    let p = &view.prospect;
    let c = &p.contact;
    let mut heading = format!("{} (id {})", clean(&c.name), p.id);
    match (&c.title, &c.company) {
        (Some(title), Some(company)) => {
            heading.push_str(&format!(", {} at {}", clean(title), clean(company)))
        }
        (None, Some(company)) => heading.push_str(&format!(", {}", clean(company))),
        (Some(title), None) => heading.push_str(&format!(", {}", clean(title))),
        (None, None) => {}
    }
    let mut out = table::hanging(&heading, "", "  ", width);
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
            // goes on its own line, under the first, and each wraps to the width.
            let pad = " ".repeat(label.len() + 4);
            let parts: Vec<&str> = match value.lines().collect::<Vec<_>>() {
                parts if parts.is_empty() => vec![""],
                parts => parts,
            };
            for (index, part) in parts.into_iter().enumerate() {
                let (text, first) = match index {
                    0 => (format!("{label}: {}", clean(part)), "  "),
                    _ => (clean(part).into_owned(), pad.as_str()),
                };
                out.push_str(&table::hanging(&text, first, &pad, width));
                out.push('\n');
            }
        }
    }
    let status = match (p.status, p.close_reason) {
        (Status::Closed, Some(reason)) => format!("closed ({reason})"),
        (status, _) => status.to_string(),
    };
    let status = match (p.drip, p.next_drip) {
        (true, Some(next)) => format!("{status}, on the drip, next touch {}", day(next)),
        (true, None) => {
            format!("{status}, on the drip (its cadence has no drip_every_business_days)")
        }
        (false, _) => status,
    };
    let cadence = format!(
        "Cadence: {}, started {}, {status}",
        clean(&p.cadence),
        day(p.start)
    );
    out.push_str(&table::hanging(&cadence, "  ", "    ", width));
    out.push('\n');

    if view.attempts.is_empty() {
        out.push_str("\nNo attempts logged yet.\n");
    } else {
        // The value column only once a message carried an item: older files keep their look.
        let with_value = view.attempts.iter().any(|attempt| attempt.value.is_some());
        let layouts: Vec<Vec<Col>> = LAYOUTS
            .iter()
            .map(|layout| {
                layout
                    .iter()
                    .copied()
                    .filter(|column| with_value || *column != Col::Value)
                    .collect()
            })
            .collect();
        let layouts: Vec<&[Col]> = layouts.iter().map(Vec::as_slice).collect();
        let (grid, _) = fit::choose(width, &layouts, &view.attempts);
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
            let heading = format!(
                "Next: {} on {}{time}{touch}; {how}.",
                next.step,
                day(next.due),
            );
            out.push('\n');
            out.push_str(&table::hanging(&heading, "", "  ", width));
            out.push('\n');
            out.push_str(&table::indented(&next.reason, "  ", width));
            out.push_str("\n\n");
            let is_email = next.channel == Some(Channel::Email) && next.step != Step::Close;
            if let (true, Some(subject)) = (is_email, &next.email_subject) {
                let subject = format!("Subject: {}", clean(subject));
                out.push_str(&table::hanging(&subject, "  ", "    ", width));
                out.push_str("\n\n");
            }
            out.push_str(&table::indented(&clean_lines(&next.script), "  ", width));
            out.push('\n');
            if let (false, Some(subject), Some(body)) =
                (is_email, &next.email_subject, &next.email_body)
            {
                let subject = format!("Email subject: {}", clean(subject));
                out.push('\n');
                out.push_str(&table::hanging(&subject, "  ", "    ", width));
                out.push_str("\n\n");
                out.push_str(&table::indented(&clean_lines(body), "  ", width));
                out.push('\n');
            }
            if let Some(signer) = &next.signed_as {
                out.push('\n');
                out.push_str(&table::hanging(&signed_as(signer), "  ", "    ", width));
                out.push('\n');
            }
            if let Some(line) = value_line(next, p.id) {
                out.push('\n');
                out.push_str(&table::hanging(&line, "  ", "    ", width));
                out.push('\n');
            }
            for name in &next.missing {
                let fix = script::how_to_set(name, p.id);
                if !fix.is_empty() {
                    out.push('\n');
                    let line = format!("(no {name} on file: {fix})");
                    out.push_str(&table::hanging(&line, "  ", "   ", width));
                }
            }
            if !next.missing.is_empty() {
                out.push('\n');
            }
        }
    }
    out
}

/// The note under a message signed as the rep who holds the file rather than the reader (a
/// manager reading a rep's file): whose words they are, and why their number is missing
/// when it is.
fn signed_as(signer: &crate::render::view::SignedAs) -> String {
    let first = signer
        .name
        .split_whitespace()
        .next()
        .unwrap_or(&signer.name);
    let who = format!(
        "Signed as {} ({}), who holds the file and will say it",
        clean(&signer.name),
        clean(&signer.email),
    );
    match signer.phone {
        Some(_) => format!(
            "{who}, with the number the team keeps for {}.",
            clean(first)
        ),
        None => format!(
            "{who}; the team keeps no phone for {first}, so \"my usual number\" stands in \
             (`followup rep edit {} --phone ...` adds it).",
            clean(&signer.email),
            first = clean(first),
        ),
    }
}
