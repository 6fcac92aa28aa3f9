//! `agenda`: the actions of the coming business days as a table, a day per row group.

use chrono::NaiveDate;

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
        "Day", "When", "Id", "Prospect", "Company", "Phone", "Step", "Touch",
    ]);
    for view in views {
        let when = match (view.time, view.overdue_business_days) {
            (Some(time), 0) => time.format("%H:%M").to_string(),
            (Some(time), late) => {
                format!("{} ({} late)", time.format("%H:%M"), plural(late, "day"))
            }
            (None, 0) => String::new(),
            (None, late) => format!("{} late", plural(late, "day")),
        };
        grid.add_row(vec![
            day(view.day_to_act(today)),
            when,
            view.id.to_string(),
            clean(&view.name).into_owned(),
            cell(view.company.as_deref()),
            cell(view.number()),
            view.step.to_string(),
            view.touch_label(),
        ]);
    }
    out.push_str(&grid.to_string());
    out.push('\n');
    out
}
