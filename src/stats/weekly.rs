//! Touches per week, for the bar chart of the last weeks.

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

/// Weeks in the chart.
pub const WEEKS: u64 = 8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Week {
    /// The Monday the week starts on.
    pub week_of: NaiveDate,
    pub touches: u32,
}

/// The Monday of `day`'s week.
fn monday(day: NaiveDate) -> NaiveDate {
    day - Days::new(u64::from(day.weekday().num_days_from_monday()))
}

/// The days the chart of a report ending on `until` covers: from the Monday [`WEEKS`] weeks
/// back to the Sunday of `until`'s week.
pub(super) fn span(until: NaiveDate) -> (NaiveDate, NaiveDate) {
    let last = monday(until);
    (last - Days::new(7 * (WEEKS - 1)), last + Days::new(6))
}

/// Touches in each of the [`WEEKS`] weeks (Monday to Sunday) that end with `until`'s week,
/// oldest first. `dates` are the touches' dates, in any order, each with how many touches
/// were made that day.
pub(super) fn weekly(
    dates: impl IntoIterator<Item = (NaiveDate, u32)>,
    until: NaiveDate,
) -> Vec<Week> {
    let last = monday(until);
    let mut weeks: Vec<Week> = (0..WEEKS)
        .rev()
        .map(|back| Week {
            week_of: last - Days::new(7 * back),
            touches: 0,
        })
        .collect();
    for (date, touches) in dates {
        let week_of = monday(date);
        if let Some(week) = weeks.iter_mut().find(|week| week.week_of == week_of) {
            week.touches += touches;
        }
    }
    weeks
}
