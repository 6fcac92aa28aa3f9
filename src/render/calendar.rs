//! `calendar show`: the days off of a year, where each comes from, and the business days left
//! month by month.

use chrono::{Month, Weekday};
use serde::Serialize;

use super::fit::{self, Fit};
use super::sanitize::clean;
use super::{Width, day, plural, table};
use crate::days_off::Year;
use crate::holidays::HolidayList;

/// The whole of `calendar show --json`.
#[derive(Debug, Serialize)]
pub struct CalendarView<'a> {
    pub workdays: Vec<String>,
    pub business_days: u32,
    pub max_touches_per_day: Option<u32>,
    #[serde(flatten)]
    pub detail: &'a Year,
    /// What the holiday files hold that is not taken as a day off.
    pub notes: Vec<String>,
}

impl<'a> CalendarView<'a> {
    pub fn new(
        year: &'a Year,
        workdays: impl Iterator<Item = Weekday>,
        lists: &[HolidayList],
        max_touches_per_day: Option<u32>,
    ) -> CalendarView<'a> {
        CalendarView {
            workdays: workdays.map(|day| day.to_string()).collect(),
            business_days: year.business_days(),
            max_touches_per_day,
            detail: year,
            notes: lists
                .iter()
                .flat_map(|list| {
                    list.skipped
                        .iter()
                        .map(move |note| format!("{}: {note}", list.source))
                })
                .collect(),
        }
    }
}

/// `calendar show` for a person, `width` wide.
pub fn render(view: &CalendarView, width: Width) -> String {
    let year = view.detail;
    let mut heading = format!(
        "{}: you work {}; {}",
        year.year,
        view.workdays.join(" "),
        plural(i64::from(view.business_days), "business day")
    );
    if let Some(limit) = view.max_touches_per_day {
        heading.push_str(&format!(", at most {limit} actions a day"));
    }
    heading.push('.');
    let mut out = table::indented(&heading, "", width);
    out.push('\n');
    if year.days_off.is_empty() {
        out.push_str("No holidays and no days away this year.\n");
    } else {
        let mut rows = Vec::with_capacity(year.days_off.len());
        for off in &year.days_off {
            let mut what: Vec<String> = off
                .names
                .iter()
                .map(|name| clean(name).into_owned())
                .collect();
            let mut from: Vec<String> = off
                .sources
                .iter()
                .map(|source| clean(source).into_owned())
                .collect();
            if off.away {
                what.push("away".to_string());
                from.push("followup away".to_string());
            }
            let mut what = what.join(" / ");
            if !off.workday {
                what.push_str(" (not a workday anyway)");
            }
            rows.push(vec![day(off.date), what, from.join(", ")]);
        }
        let grid = fit::rows(
            width,
            &[
                ("Date", Fit::Whole),
                ("Day off", Fit::Wrap(20)),
                ("From", Fit::Wrap(20)),
            ],
            &rows,
        );
        out.push_str(&format!("{grid}\n"));
    }
    let mut rows = Vec::with_capacity(year.months.len() + 1);
    for month in &year.months {
        let name = u8::try_from(month.month)
            .ok()
            .and_then(|number| Month::try_from(number).ok())
            .map_or_else(
                || month.month.to_string(),
                |name| name.name()[..3].to_string(),
            );
        rows.push(vec![
            name,
            month.workdays.to_string(),
            month.holidays.to_string(),
            month.away.to_string(),
            month.business_days.to_string(),
        ]);
    }
    let total = |value: fn(&crate::days_off::Month) -> u32| {
        year.months.iter().map(value).sum::<u32>().to_string()
    };
    rows.push(vec![
        "Total".to_string(),
        total(|month| month.workdays),
        total(|month| month.holidays),
        total(|month| month.away),
        total(|month| month.business_days),
    ]);
    let grid = fit::rows(
        width,
        &[
            ("Month", Fit::Whole),
            ("Workdays", Fit::Whole),
            ("Holidays", Fit::Whole),
            ("Away", Fit::Whole),
            ("Business days", Fit::Whole),
        ],
        &rows,
    );
    out.push_str(&format!("{grid}\n"));
    if !view.notes.is_empty() {
        out.push_str("Notes on the holiday files:\n");
        for note in &view.notes {
            out.push_str(&table::hanging(&clean(note), "  ", "    ", width));
            out.push('\n');
        }
    }
    out
}
