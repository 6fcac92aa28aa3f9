use chrono::{Local, NaiveDateTime, TimeZone};

use crate::cli::args::AgendaArgs;
use crate::cli::output_file::{Existing, OutputFile};
use crate::cli::session::Session;
use crate::error::Result;
use crate::ics;
use crate::render::view::ActionView;
use crate::render::{capacity, day, feed, json, plan, plural};

pub fn run(args: AgendaArgs, session: Session) -> Result<String> {
    // A calendar feed is refreshed in place, so an existing file is replaced; never the database.
    let output = args
        .output
        .as_deref()
        .map(|path| OutputFile::check(path, &session.db_path()?, Existing::Replace))
        .transpose()?;
    let mut tracker = session.tracker()?;
    let today = tracker.today();
    let last = tracker.window_end(args.days);
    let schedule = tracker.schedule(args.days)?;
    let views: Vec<ActionView> = schedule
        .placed
        .iter()
        .map(|placed| {
            let mut view = ActionView::new(&placed.item, tracker.config(), tracker.now());
            view.deferred_to = placed.moved_from.map(|_| placed.on);
            view
        })
        .collect();
    let text = if args.ics {
        ics::calendar("followup", &feed::events(&views, today), utc(tracker.now()))
    } else if args.json {
        json::to_string(&views)
    } else {
        let mut text = plan::render(today, last, &views);
        if !schedule.beyond.is_empty() {
            text.push_str(&format!(
                "{} due by {} find no room in these days within max_touches_per_day ({}).\n",
                plural(schedule.beyond.len() as i64, "more action"),
                day(last),
                capacity::describe(&tracker.limits())
            ));
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
