use chrono::{Local, NaiveDateTime, TimeZone};

use crate::cli::args::AgendaArgs;
use crate::cli::output_file::{Existing, OutputFile};
use crate::cli::session::Session;
use crate::error::Result;
use crate::ics;

use crate::render::view::ActionView;
use crate::render::{Width, capacity, day, feed, json, plan, plural, table};
use crate::tracker::Fresh;

/// `agenda --ics --output` refreshes its calendar in place, but never replaces another kind of
/// file: a mistyped name must not cost the user a document.
const CALENDAR: Existing = Existing::ReplaceOwn {
    starts_with: "BEGIN:VCALENDAR",
    kind: "a calendar",
};

/// A table or JSON agenda is a one-off: an existing file is kept.
const ONE_OFF: Existing =
    Existing::Refuse("agenda replaces only a calendar (--ics): give a new file name");

pub fn run(args: AgendaArgs, session: Session) -> Result<String> {
    let width = session.width;
    // A calendar feed is refreshed in place, so an existing calendar is replaced; never the
    // database, nor a file of another kind.
    let existing = if args.ics { CALENDAR } else { ONE_OFF };
    let output = args
        .output
        .as_deref()
        .map(|path| OutputFile::check(path, &session.db_path()?, existing))
        .transpose()?;
    // The whole command, its file included, reads fresh due dates: recomputed under a changed
    // cadence file, they are kept only if it succeeds.
    session
        .tracker()?
        .fresh(|tracker| agenda(&args, output, tracker, width))
}

fn agenda(
    args: &AgendaArgs,
    output: Option<OutputFile>,
    tracker: &Fresh<'_>,
    width: Width,
) -> Result<String> {
    let today = tracker.today();
    let last = tracker.window_end(args.days);
    // The table shows no message text, so it reads the stored outlooks where it can; the
    // feed and the JSON carry the messages.
    let table = !args.ics && !args.json;
    let now = tracker.now();
    let glimpsed = if table {
        tracker.glimpsed_schedule(args.days)?
    } else {
        None
    };
    let (views, beyond): (Vec<ActionView>, usize) = match glimpsed {
        Some(window) => (
            plan::placed_views(&window.placed, |glimpse| {
                let config = tracker.config_for(&glimpse.prospect);
                ActionView::at_a_glance(&glimpse.prospect, &glimpse.reading, config, now)
            }),
            window.beyond.len(),
        ),
        None => {
            let schedule = tracker.schedule(args.days)?;
            let views = plan::placed_views(&schedule.placed, |due| {
                let config = tracker.config_for(&due.prospect);
                if table {
                    ActionView::without_message(due, config, now)
                } else {
                    ActionView::new(due, config, now)
                }
            });
            (views, schedule.beyond.len())
        }
    };
    let text = if args.ics {
        ics::calendar("followup", &feed::events(&views, today), utc(tracker.now()))
    } else if args.json {
        json::to_string(&views)
    } else {
        let due_today = views.iter().any(|view| view.day_to_act(today) == today);
        let away = plan::away_notes(&tracker.config().calendar, today, last, due_today);
        let mut text =
            capacity::under_header(&plan::render(today, last, &views, width), &away, width);
        if beyond > 0 {
            let beyond = format!(
                "{} due by {} find no room in these days within max_touches_per_day ({}).",
                plural(beyond as i64, "more action"),
                day(last),
                capacity::describe(&tracker.limits())
            );
            text.push_str(&table::indented(&beyond, "", width));
            text.push('\n');
        }
        text
    };
    match output {
        None => Ok(text),
        Some(file) => {
            file.write(&text)?;
            Ok(format!(
                "Wrote {} to {}.\n",
                plural(views.len() as i64, "action"),
                file.shown()
            ))
        }
    }
}

/// The pinned local time in UTC, as DTSTAMP must be; read as UTC when the local time does not
/// exist (a daylight-saving gap).
fn utc(now: NaiveDateTime) -> NaiveDateTime {
    Local
        .from_local_datetime(&now)
        .earliest()
        .map_or(now, |local| local.naive_utc())
}
