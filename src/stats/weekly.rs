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

/// Touches in each of the [`WEEKS`] weeks (Monday to Sunday) that end with `until`'s week,
/// oldest first. `dates` are the touches' dates, in any order.
pub(super) fn weekly(dates: impl IntoIterator<Item = NaiveDate>, until: NaiveDate) -> Vec<Week> {
    let last = monday(until);
    let mut weeks: Vec<Week> = (0..WEEKS)
        .rev()
        .map(|back| Week {
            week_of: last - Days::new(7 * back),
            touches: 0,
        })
        .collect();
    for date in dates {
        let week_of = monday(date);
        if let Some(week) = weeks.iter_mut().find(|week| week.week_of == week_of) {
            week.touches += 1;
        }
    }
    weeks
}
