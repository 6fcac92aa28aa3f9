//! `agenda`: the actions of the coming business days as a table, a day per row group.

use chrono::NaiveDate;

use super::agenda::late;
use super::sanitize::{cell, clean};
use super::view::ActionView;
use super::{day, plural, table};

/// The table of `agenda`, from `today` through `last`.
pub fn render(today: NaiveDate, last: NaiveDate, views: &[ActionView]) -> String {
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
    let mut grid = table::new(&[
        "Day", "When", "Id", "Prospect", "Company", "Channel", "Step", "Touch",
    ]);
    for view in views {
        let when = match (view.time, view.overdue_business_days) {
            (Some(time), 0) => format!("{}{}", time.format("%H:%M"), view.their_clock()),
            (Some(time), days) => format!(
                "{}{} ({})",
                time.format("%H:%M"),
                view.their_clock(),
                late(days)
            ),
            (None, 0) => String::new(),
            (None, days) => late(days),
        };
        grid.add_row(vec![
            day(view.day_to_act(today)),
            when,
            view.id.to_string(),
            clean(&view.name).into_owned(),
            cell(view.company.as_deref()),
            view.channel_cell(),
            view.step.to_string(),
            view.touch_label(),
        ]);
    }
    out.push_str(&grid.to_string());
    out.push('\n');
    out
}
