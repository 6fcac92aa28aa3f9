//! The calendar of one year as `calendar show` tells it: each day off with its names and
//! where it comes from, and the business days of each month. Pure: computed from a calendar
//! and the lists of holidays, with no clock and no database.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::calendar::Calendar;
use crate::holidays::HolidayList;

/// A day that is not a business day although it may be a workday: a holiday, a day away, or
/// both.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DayOff {
    pub date: NaiveDate,
    /// Whether it falls on a working weekday (a holiday on a Sunday costs nothing).
    pub workday: bool,
    pub holiday: bool,
    pub away: bool,
    /// The holiday's names, as its sources call it.
    pub names: Vec<String>,
    /// Where the holiday comes from: `cadence file`, a file of `holiday_calendars`, or
    /// `imported NAME`.
    pub sources: Vec<String>,
}

/// One month's count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Month {
    pub month: u32,
    /// Working weekdays of the month.
    pub workdays: u32,
    /// Working weekdays that are holidays.
    pub holidays: u32,
    /// Working weekdays away that are not holidays.
    pub away: u32,
    /// What is left: the days followup schedules on.
    pub business_days: u32,
}

/// The calendar of a year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Year {
    pub year: i32,
    pub days_off: Vec<DayOff>,
    pub months: Vec<Month>,
}

impl Year {
    pub fn business_days(&self) -> u32 {
        self.months.iter().map(|month| month.business_days).sum()
    }
}

/// The calendar of `year`. `lists` name the holidays `calendar` holds.
pub fn year(calendar: &Calendar, lists: &[HolidayList], year: i32) -> Year {
    let mut named: BTreeMap<NaiveDate, (Vec<String>, Vec<String>)> = BTreeMap::new();
    for list in lists {
        for holiday in list.holidays.iter().filter(|h| h.date.year() == year) {
            let (names, sources) = named.entry(holiday.date).or_default();
            if !names.contains(&holiday.name) {
                names.push(holiday.name.clone());
            }
            let source = list.source.to_string();
            if !sources.contains(&source) {
                sources.push(source);
            }
        }
    }
    let mut days_off = Vec::new();
    let mut months = Vec::new();
    for month in 1..=12 {
        let mut count = Month {
            month,
            workdays: 0,
            holidays: 0,
            away: 0,
            business_days: 0,
        };
        let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
            continue;
        };
        for day in first.iter_days().take_while(|day| day.month() == month) {
            let workday = calendar.is_workday(day);
            let (holiday, away) = (calendar.is_holiday(day), calendar.is_away(day));
            if workday {
                count.workdays += 1;
                if holiday {
                    count.holidays += 1;
                } else if away {
                    count.away += 1;
                } else {
                    count.business_days += 1;
                }
            }
            if holiday || away {
                let (names, sources) = named.remove(&day).unwrap_or_default();
                days_off.push(DayOff {
                    date: day,
                    workday,
                    holiday,
                    away,
                    names,
                    sources,
                });
            }
        }
        months.push(count);
    }
    Year {
        year,
        days_off,
        months,
    }
}

/// Consecutive days grouped into stretches, each as its first and last day.
pub fn stretches(days: impl IntoIterator<Item = NaiveDate>) -> Vec<(NaiveDate, NaiveDate)> {
    let mut stretches: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for day in days {
        match stretches.last_mut() {
            Some((_, last)) if last.succ_opt() == Some(day) => *last = day,
            _ => stretches.push((day, day)),
        }
    }
    stretches
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::holidays::{Holiday, Source};

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn a_year_counts_business_days_by_month_and_names_each_day_off() {
        let lists = [
            HolidayList {
                source: Source::CalendarFile("us.ics".into()),
                holidays: vec![
                    Holiday {
                        date: date("2026-11-26"),
                        name: "Thanksgiving Day".into(),
                    },
                    Holiday {
                        date: date("2026-12-25"),
                        name: "Christmas Day".into(),
                    },
                ],
                skipped: Vec::new(),
            },
            HolidayList {
                source: Source::CadenceFile,
                holidays: vec![Holiday {
                    date: date("2026-12-25"),
                    name: "holiday".into(),
                }],
                skipped: Vec::new(),
            },
        ];
        let calendar = Calendar::default()
            .with_holidays([date("2026-11-26"), date("2026-12-25")])
            .with_away(date("2026-12-21").iter_days().take(7));
        let year = year(&calendar, &lists, 2026);
        let december = &year.months[11];
        // 23 weekdays; Christmas; the 21st to the 24th away (the 25th counts as the holiday).
        assert_eq!(
            (
                december.workdays,
                december.holidays,
                december.away,
                december.business_days
            ),
            (23, 1, 4, 18)
        );
        assert_eq!(year.months[10].business_days, 20);
        let christmas = year
            .days_off
            .iter()
            .find(|day| day.date == date("2026-12-25"))
            .unwrap();
        assert!(christmas.holiday && christmas.away && christmas.workday);
        assert_eq!(christmas.names, ["Christmas Day", "holiday"]);
        assert_eq!(christmas.sources, ["us.ics", "cadence file"]);
        let sunday = year
            .days_off
            .iter()
            .find(|day| day.date == date("2026-12-27"))
            .unwrap();
        assert!(sunday.away && !sunday.workday);
        assert_eq!(year.days_off.len(), 8);
        assert_eq!(year.business_days(), 261 - 2 - 4);
    }

    #[test]
    fn consecutive_days_make_one_stretch() {
        let days = [
            date("2026-12-21"),
            date("2026-12-22"),
            date("2026-12-24"),
            date("2027-01-01"),
        ];
        assert_eq!(
            stretches(days),
            [
                (date("2026-12-21"), date("2026-12-22")),
                (date("2026-12-24"), date("2026-12-24")),
                (date("2027-01-01"), date("2027-01-01")),
            ]
        );
    }
}
