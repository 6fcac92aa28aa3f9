use chrono::{Local, NaiveDateTime, TimeZone};

use crate::cli::args::AgendaArgs;
use crate::cli::output;
use crate::cli::session::Session;
use crate::error::Result;
use crate::ics;
use crate::render::view::ActionView;
use crate::render::{feed, json, plan, plural};

pub fn run(args: AgendaArgs, session: Session) -> Result<String> {
    let mut tracker = session.tracker()?;
    let today = tracker.today();
    let last = tracker.window_end(args.days);
    let views: Vec<ActionView> = tracker
        .due_through(last)?
        .iter()
        .map(|due| ActionView::new(due, tracker.config(), tracker.now()))
        .collect();
    let text = if args.ics {
        ics::calendar("followup", &feed::events(&views, today), utc(tracker.now()))
    } else if args.json {
        json::to_string(&views)
    } else {
        plan::render(today, last, &views)
    };
    match args.output {
        None => Ok(text),
        Some(path) => {
            output::write_file(&path, &text)?;
            Ok(format!(
                "Wrote {} to {}.\n",
                plural(views.len() as i64, "action"),
                path.display()
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
