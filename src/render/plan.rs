//! `agenda`: the actions of the coming business days as a table, a day per row group.

use chrono::NaiveDate;

use super::agenda::late;
use super::fit::{self, Fit};
use super::sanitize::{cell, clean};
use super::view::ActionView;
use super::{Width, day, plural};
use crate::calendar::Calendar;
use crate::capacity::Placed;

/// The columns of `agenda`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Day,
    When,
    Id,
    Prospect,
    Company,
    /// The channel and where to reach them on it ("call 555-0190").
    Channel,
    Step,
    Touch,
    /// The step and its touch in one cell ("rescue 3/4").
    StepTouch,
}

/// From the widest to the narrowest; the narrow ones keep a row on one line, so the days read
/// at a glance (`show` has the rest).
const LAYOUTS: [&[Col]; 5] = {
    use Col::*;
    [
        &[Day, When, Id, Prospect, Company, Channel, Step, Touch],
        &[Day, When, Id, Prospect, Company, StepTouch],
        &[Day, When, Id, Prospect, StepTouch],
        &[Day, Id, Prospect, StepTouch],
        &[Day, Id, Prospect],
    ]
};

/// A row: the action, and the day the table is drawn on.
struct Row<'a> {
    view: &'a ActionView,
    today: NaiveDate,
}

impl fit::Column<Row<'_>> for Col {
    fn header(self) -> &'static str {
        match self {
            Col::Day => "Day",
            Col::When => "When",
            Col::Id => "Id",
            Col::Prospect => "Prospect",
            Col::Company => "Company",
            Col::Channel => "Channel",
            Col::Step | Col::StepTouch => "Step",
            Col::Touch => "Touch",
        }
    }

    fn fit(self) -> Fit {
        match self {
            Col::Prospect | Col::Company => Fit::Wrap(16),
            // "13:15 (08:15 New York)" reads wrong cut at any of its spaces.
            Col::Day
            | Col::When
            | Col::Id
            | Col::Channel
            | Col::Step
            | Col::Touch
            | Col::StepTouch => Fit::Whole,
        }
    }

    fn cell(self, row: &Row<'_>) -> String {
        let view = row.view;
        match self {
            Col::Day => day(view.day_to_act(row.today)),
            Col::When => match (view.time, view.overdue_business_days) {
                (Some(time), 0) => format!("{}{}", super::clock(time), view.their_clock()),
                (Some(time), days) => format!(
                    "{}{} ({})",
                    super::clock(time),
                    view.their_clock(),
                    late(days)
                ),
                (None, 0) => String::new(),
                (None, days) => late(days),
            },
            Col::Id => view.id.to_string(),
            Col::Prospect => clean(&view.name).into_owned(),
            Col::Company => cell(view.company.as_deref()),
            Col::Channel => view.channel_cell(),
            Col::Step => view.step.to_string(),
            Col::Touch => view.touch_label(),
            Col::StepTouch => view.step_and_touch(),
        }
    }
}

/// The views of the placed actions, each made by `view`, with the day the capacity moved it
/// to.
pub fn placed_views<T>(placed: &[Placed<T>], view: impl Fn(&T) -> ActionView) -> Vec<ActionView> {
    placed
        .iter()
        .map(|placed| {
            let mut shown = view(&placed.item);
            shown.deferred_to = placed.moved_from.map(|_| placed.on);
            shown
        })
        .collect()
}

/// A line for each stretch of days away that meets the window from `today` through `last`:
/// the table has no rows on them, and without a word the gap would read as a quiet week. Days
/// away with only weekends or holidays between them are one stretch. When today is away, what
/// the table lists for today was due before you left, as `today` says too.
pub fn away_notes(
    calendar: &Calendar,
    today: NaiveDate,
    last: NaiveDate,
    due_today: bool,
) -> Vec<String> {
    let mut stretches: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for away in calendar.away_days() {
        match stretches.last_mut() {
            Some((_, end)) if next_business_day(calendar, *end) > away => *end = away,
            _ => stretches.push((away, away)),
        }
    }
    stretches
        .into_iter()
        .filter(|&(first, end)| end >= today && first <= last)
        .map(|(first, end)| {
            let back = day(calendar.roll_forward(end));
            if first > today {
                let (days, those) = if first == end {
                    (day(first), "that day")
                } else {
                    (format!("{} to {}", day(first), day(end)), "those days")
                };
                return format!(
                    "You are marked away {days}, back on {back}: nothing is planned on {those}."
                );
            }
            let until = if end == today {
                "today".to_string()
            } else {
                format!("through {}", day(end))
            };
            let listed = if due_today {
                ", and what is listed today was due before you left"
            } else {
                ""
            };
            format!(
                "You are marked away {until}, back on {back}: nothing new comes due before \
                 then{listed}."
            )
        })
        .collect()
}

/// The first business day after `day`.
fn next_business_day(calendar: &Calendar, day: NaiveDate) -> NaiveDate {
    day.succ_opt()
        .map_or(NaiveDate::MAX, |next| calendar.roll_forward(next))
}

/// The table of `agenda`, from `today` through `last`, `width` wide.
pub fn render(today: NaiveDate, last: NaiveDate, views: &[ActionView], width: Width) -> String {
    let mut out = format!(
        "{} to {}: {} planned.\n",
        day(today),
        day(last),
        plural(views.len() as i64, "action")
    );
    if views.is_empty() {
        out.push_str("Nothing is planned in these days.\n");
        return out;
    }
    let rows: Vec<Row> = views.iter().map(|view| Row { view, today }).collect();
    let (grid, _) = fit::choose(width, &LAYOUTS, &rows);
    out.push_str(&grid);
    out.push('\n');
    out
}
