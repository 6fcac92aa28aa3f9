use chrono::NaiveDate;

use super::calendar::moved_line;
use crate::cli::args::AwayArgs;
use crate::cli::session::Session;
use crate::error::Result;
use crate::render::{capacity, day, plural, table};
use crate::tracker::Tracker;

pub fn run(args: AwayArgs, session: Session) -> Result<String> {
    let range = match &args.from {
        Some(from) => {
            let from = session.parse_date("FROM", from)?;
            let to = match &args.to {
                Some(to) => session.parse_date("TO", to)?,
                None => from,
            };
            Some((from, to))
        }
        None => None,
    };
    let mut tracker = session.tracker()?;
    match range {
        _ if args.clear => {
            let change = tracker.clear_away(range)?;
            let which = match range {
                Some((from, to)) => format!(" from {} to {}", day(from), day(to)),
                None => String::new(),
            };
            Ok(format!(
                "Cleared {} away{which}.\n{}",
                plural(change.days as i64, "day"),
                moved_line(change.moved)
            ))
        }
        Some((from, to)) => mark(&mut tracker, from, to),
        None => Ok(list(&tracker)),
    }
}

fn mark(tracker: &mut Tracker, from: NaiveDate, to: NaiveDate) -> Result<String> {
    let change = tracker.mark_away(from, to)?;
    let calendar = &tracker.config().calendar;
    let workdays = from
        .iter_days()
        .take_while(|day| *day <= to)
        .filter(|day| calendar.is_workday(*day) && !calendar.is_holiday(*day))
        .count();
    let back = to.succ_opt().map(|next| calendar.roll_forward(next));
    let days = if from == to {
        format!("on {}", day(from))
    } else {
        format!("from {} to {}", day(from), day(to))
    };
    let mut out = format!(
        "Away {days}: {} without calls",
        plural(workdays as i64, "workday")
    );
    if let Some(back) = back {
        out.push_str(&format!(", back on {}", day(back)));
    }
    out.push_str(".\n");
    out.push_str(&moved_line(change.moved));
    let limits = tracker.limits();
    if limits.is_unlimited() {
        out.push_str(
            "What falls due while you are out waits for your return, all on that day: set \
             max_touches_per_day under [calendar] in cadence.toml to spread it over the days after.\n",
        );
    } else {
        out.push_str(&format!(
            "What falls due while you are out is spread over the days after your return ({}).\n",
            capacity::describe(&limits)
        ));
    }
    Ok(out)
}

fn list(tracker: &Tracker) -> String {
    let periods = tracker.away_periods();
    if periods.is_empty() {
        return "No days away are marked. Mark some with `followup away FROM TO`.\n".to_string();
    }
    let calendar = &tracker.config().calendar;
    let today = tracker.today();
    let mut grid = table::new(&["From", "To", "Workdays", ""]);
    for (from, to) in periods {
        let workdays = from
            .iter_days()
            .take_while(|day| *day <= to)
            .filter(|day| calendar.is_workday(*day) && !calendar.is_holiday(*day))
            .count();
        let when = if to < today {
            "past"
        } else if from <= today {
            "now"
        } else {
            ""
        };
        grid.add_row(vec![
            day(from),
            day(to),
            workdays.to_string(),
            when.to_string(),
        ]);
    }
    format!("Days away:\n{grid}\n")
}
