use serde::Serialize;

use super::non_blank;
use crate::channel;
use crate::cli::args::LogArgs;
use crate::cli::session::Session;
use crate::domain::{Channel, Status, Step};
use crate::error::{Error, Result};
use crate::render::dossier::AttemptView;
use crate::render::sanitize::clean;
use crate::render::view::ActionView;
use crate::render::{day, json};
use crate::tracker::{LogEntry, Logged, Tracker};

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
        ground_rules: args.ground_rules,
        reopen: args.reopen,
        force: args.force,
    };
    let warnings = session.warnings();
    let mut tracker = session.tracker()?;
    let id = tracker.resolve(&args.prospect)?;
    let prospect = tracker.prospect(id)?;
    let was = prospect.status;
    let mine = tracker.config().zones.mine;
    let theirs = super::their_zone(&prospect);
    let mut entry = entry;
    if args.their_time {
        entry.promise = entry
            .promise
            .map(|promised| their_promise(promised, theirs, mine, &prospect.contact.name))
            .transpose()?;
    }
    let logged = write(&mut tracker, id, entry)?;
    if let Some(field) =
        channel::unrecorded_detail(&logged.prospect.contact, logged.attempt.channel)
    {
        let (what, suggest) = match logged.attempt.channel {
            Channel::Email => ("email address", "an email"),
            Channel::Text => ("phone number", "a text"),
            _ => ("phone number", "a call"),
        };
        warnings.push(format!(
            "{} has no {what} on file, so the list cannot suggest {suggest}; add it with `{}`",
            clean(&logged.prospect.contact.name),
            crate::script::how_to_set(field, id)
        ));
    }
    let now = tracker.now();
    let next = logged
        .next
        .as_ref()
        .map(|due| ActionView::new(due, tracker.config_for(&due.prospect), now));
    if args.json {
        return Ok(json::to_string(&LoggedView {
            id,
            status: logged.prospect.status,
            attempt: AttemptView::from(&logged.attempt),
            next,
        }));
    }

    Ok(describe(
        &logged,
        next.as_ref(),
        was,
        args.reopen,
        theirs,
        mine,
    ))
}

/// `--their-time`: the promise as the prospect heard it, turned into the salesperson's time,
/// which is what is stored and planned.
fn their_promise(
    promised: chrono::NaiveDateTime,
    theirs: Option<chrono_tz::Tz>,
    mine: chrono_tz::Tz,
    name: &str,
) -> Result<chrono::NaiveDateTime> {
    let Some(theirs) = theirs else {
        return Err(Error::Invalid(format!(
            "--their-time: {} has no time zone; set one with `followup edit PROSPECT --tz ZONE`",
            clean(name)
        )));
    };
    crate::zones::convert(promised, theirs, mine).map_err(|source| Error::Zone {
        flag: "--promise",
        source,
    })
}

/// Records `entry` for prospect `id`: what `log` writes and `go` writes for each key, in one
/// transaction. Times typed for the salesperson's own clock must exist on it: a promise at
/// 02:30 on the night the clocks skip from 02:00 to 03:00 is a promise nobody can keep.
pub(super) fn write(tracker: &mut Tracker, id: i64, entry: LogEntry) -> Result<Logged> {
    let mine = tracker.config().zones.mine;
    for (flag, time) in [("--at", entry.at), ("--promise", entry.promise)] {
        if let Some(time) = time {
            crate::zones::check_exists(time, mine)
                .map_err(|source| Error::Zone { flag, source })?;
        }
    }
    tracker.log(id, entry)
}

/// What `log` says it did: the attempt, the promise, what became of the file, and the next
/// action. `was` is the file's status before; `reopened` whether `--reopen` was given.
pub(super) fn describe(
    logged: &Logged,
    next: Option<&ActionView>,
    was: Status,
    reopened: bool,
    theirs: Option<chrono_tz::Tz>,
    mine: chrono_tz::Tz,
) -> String {
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
        let their = match theirs.filter(|zone| *zone != mine) {
            Some(zone) => crate::zones::convert(promise, mine, zone)
                .map(|time| format!(" ({} their time, {})", time.format("%a %H:%M"), zone.name()))
                .unwrap_or_default(),
            None => String::new(),
        };
        out.push_str(&format!(
            "Promised callback: {}{their}.\n",
            promise.format("%a %Y-%m-%d at %H:%M")
        ));
    }
    match (was, logged.prospect.status) {
        (Status::Active, Status::Closed) => {
            out.push_str("They declined: the file is closed as not-interested.\n")
        }
        (Status::Closed, Status::Active) if reopened => {
            out.push_str("Reopened the file: a new run of touches starts with this attempt.\n")
        }
        (Status::Closed, Status::Active) => {
            out.push_str("They answered: the file is active again.\n")
        }
        _ => {}
    }
    match next {
        Some(view) => {
            let touch = match view.touch_label() {
                label if label.is_empty() => String::new(),
                label => format!(", touch {label}"),
            };
            // Another rep's promise, still standing (this log came before it), is theirs.
            let as_promised = match &view.promise_made_by {
                Some(promiser) => format!("as {} promised", clean(&promiser.name)),
                None => "as promised".to_string(),
            };
            let time = view
                .time
                .map(|time| {
                    format!(
                        " at {}{} {as_promised}",
                        time.format("%H:%M"),
                        view.their_clock()
                    )
                })
                .unwrap_or_default();
            out.push_str(&format!(
                "Next: {} on {}{time}{touch}.\n",
                view.step,
                day(view.due)
            ));
            if view.step == Step::Close {
                out.push_str(&format!(
                    "Then: followup close {} --reason no-response\n",
                    logged.prospect.id
                ));
            }
        }
        None => out.push_str("Nothing more is planned for this file.\n"),
    }
    out
}
