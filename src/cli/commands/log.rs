use serde::Serialize;

use super::non_blank;
use crate::cli::args::LogArgs;
use crate::cli::session::Session;
use crate::domain::{Status, Step};
use crate::error::Result;
use crate::render::dossier::AttemptView;
use crate::render::sanitize::clean;
use crate::render::view::ActionView;
use crate::render::{day, json};
use crate::tracker::LogEntry;

/// `log --json`.
#[derive(Serialize)]
struct LoggedView {
    id: i64,
    status: Status,
    attempt: AttemptView,
    next: Option<ActionView>,
}

pub fn run(args: LogArgs, session: Session) -> Result<String> {
    let entry = LogEntry {
        channel: args.channel,
        outcome: args.outcome,
        at: args
            .at
            .as_deref()
            .map(|text| session.parse_datetime("--at", text))
            .transpose()?,
        promise: args
            .promise
            .as_deref()
            .map(|text| session.parse_datetime("--promise", text))
            .transpose()?,
        next: args
            .next
            .as_deref()
            .map(|text| session.parse_date("--next", text))
            .transpose()?,
        note: non_blank(args.note),
    };
    let mut tracker = session.tracker()?;
    let id = tracker.resolve(&args.prospect)?;
    let was = tracker.prospect(id)?.status;
    let logged = tracker.log(id, entry)?;
    let now = tracker.now();
    let next = logged
        .next
        .as_ref()
        .map(|due| ActionView::new(due, tracker.config(), now));
    if args.json {
        return Ok(json::to_string(&LoggedView {
            id,
            status: logged.prospect.status,
            attempt: AttemptView::from(&logged.attempt),
            next,
        }));
    }

    let attempt = &logged.attempt;
    let touch = match (
        logged.touch,
        next.as_ref().and_then(|view| view.max_touches),
    ) {
        (Some(touch), Some(max)) => format!("touch {touch} of {max}, "),
        (Some(touch), None) => format!("touch {touch}, "),
        (None, _) => String::new(),
    };
    let mut out = format!(
        "Logged {} ({}) with {} on {}: {touch}step {}.\n",
        attempt.channel,
        attempt.outcome,
        clean(&logged.prospect.contact.name),
        attempt.at.format("%a %Y-%m-%d %H:%M"),
        attempt.step
    );
    if let Some(promise) = attempt.promise {
        out.push_str(&format!(
            "Promised callback: {}.\n",
            promise.format("%a %Y-%m-%d at %H:%M")
        ));
    }
    match (was, logged.prospect.status) {
        (Status::Active, Status::Closed) => {
            out.push_str("They declined: the file is closed as not-interested.\n")
        }
        (Status::Closed, Status::Active) => {
            out.push_str("They answered: the file is active again.\n")
        }
        _ => {}
    }
    match &next {
        Some(view) => {
            let touch = match view.touch_label() {
                label if label.is_empty() => String::new(),
                label => format!(", touch {label}"),
            };
            let time = view
                .time
                .map(|time| format!(" at {}", time.format("%H:%M")))
                .unwrap_or_default();
            out.push_str(&format!(
                "Next: {} on {}{time}{touch}.\n",
                view.step,
                day(view.due)
            ));
            if view.step == Step::Close {
                out.push_str(&format!("Then: followup close {id} --reason no-response\n"));
            }
        }
        None => out.push_str("Nothing more is planned for this file.\n"),
    }
    Ok(out)
}
