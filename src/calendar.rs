//! Business-day arithmetic: which days count, and stepping over the ones that do not.
//!
//! The semantics are numpy's `busday_offset(d, n, roll='forward')` and `busday_count(a, b)`,
//! so that anyone can check a date with a one-line Python oracle. Nothing here knows about
//! prospects or cadences.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, Weekday};

/// The working week, the holidays and the days away of the salesperson.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Calendar {
    /// Indexed by `Weekday::num_days_from_monday`.
    workdays: [bool; 7],
    holidays: BTreeSet<NaiveDate>,
    /// Days the salesperson is out (`followup away`). They count exactly as holidays do; they
    /// are kept apart only so that explanations can say which is which.
    away: BTreeSet<NaiveDate>,
}

/// A calendar with no working day would make every search for a business day endless.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("a calendar needs at least one workday")]
pub struct NoWorkdays;

impl Default for Calendar {
    /// Monday to Friday, no holidays.
    fn default() -> Self {
        Calendar {
            workdays: [true, true, true, true, true, false, false],
            holidays: BTreeSet::new(),
            away: BTreeSet::new(),
        }
    }
}

impl Calendar {
    pub fn new(
        workdays: impl IntoIterator<Item = Weekday>,
        holidays: impl IntoIterator<Item = NaiveDate>,
    ) -> Result<Calendar, NoWorkdays> {
        let mut mask = [false; 7];
        for day in workdays {
            mask[day.num_days_from_monday() as usize] = true;
        }
        if !mask.contains(&true) {
            return Err(NoWorkdays);
        }
        Ok(Calendar {
            workdays: mask,
            holidays: holidays.into_iter().collect(),
            away: BTreeSet::new(),
        })
    }

    /// The same calendar with more holidays (from holiday files, or imported).
    pub fn with_holidays(mut self, holidays: impl IntoIterator<Item = NaiveDate>) -> Calendar {
        self.holidays.extend(holidays);
        self
    }

    /// The same calendar with days the salesperson is away.
    pub fn with_away(mut self, days: impl IntoIterator<Item = NaiveDate>) -> Calendar {
        self.away.extend(days);
        self
    }

    pub fn is_business_day(&self, day: NaiveDate) -> bool {
        self.is_workday(day) && !self.holidays.contains(&day) && !self.away.contains(&day)
    }

    /// Whether the day is one of the working weekdays, holiday or not.
    pub fn is_workday(&self, day: NaiveDate) -> bool {
        self.workdays[day.weekday().num_days_from_monday() as usize]
    }

    pub fn is_holiday(&self, day: NaiveDate) -> bool {
        self.holidays.contains(&day)
    }

    pub fn is_away(&self, day: NaiveDate) -> bool {
        self.away.contains(&day)
    }

    pub fn away_days(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.away.iter().copied()
    }

    /// The working weekdays, Monday first.
    pub fn workdays(&self) -> impl Iterator<Item = Weekday> + '_ {
        let week = [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ];
        week.into_iter()
            .filter(|day| self.workdays[day.num_days_from_monday() as usize])
    }

    pub fn holidays(&self) -> impl Iterator<Item = NaiveDate> + '_ {
        self.holidays.iter().copied()
    }

    /// The day itself if it is a business day, else the next one that is.
    pub fn roll_forward(&self, mut day: NaiveDate) -> NaiveDate {
        while !self.is_business_day(day) {
            day = next_day(day);
        }
        day
    }

    /// The day itself unless it is a day away; else the first business day after the days
    /// away (the day of return). Weekends and holidays are left alone: a date agreed for one
    /// was agreed knowingly (`log --force`).
    pub fn back_from_away(&self, day: NaiveDate) -> NaiveDate {
        if self.is_away(day) {
            self.roll_forward(day)
        } else {
            day
        }
    }

    /// `n` business days after `day`, counting from the next business day if `day` is not one.
    pub fn add_business_days(&self, day: NaiveDate, n: u32) -> NaiveDate {
        let mut day = self.roll_forward(day);
        for _ in 0..n {
            day = self.roll_forward(next_day(day));
        }
        day
    }

    /// The number of business days in `[from, to)`; negative, as numpy's, when `to < from`.
    pub fn business_days_between(&self, from: NaiveDate, to: NaiveDate) -> i64 {
        if to < from {
            return -self.business_days_between(to, from);
        }
        from.iter_days()
            .take_while(|day| *day < to)
            .filter(|day| self.is_business_day(*day))
            .count() as i64
    }
}

/// Why a day is not a business day, for explanations of date arithmetic.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayOff {
    /// Not one of the calendar's workdays (a weekend, in the usual week).
    NotWorkday,
    /// A workday listed as a holiday.
    Holiday,
    /// A workday the salesperson marked away (and not a holiday).
    Away,
}

impl Calendar {
    /// Why `day` is not a business day, or `None` if it is one.
    pub fn day_off(&self, day: NaiveDate) -> Option<DayOff> {
        if !self.workdays[day.weekday().num_days_from_monday() as usize] {
            Some(DayOff::NotWorkday)
        } else if self.holidays.contains(&day) {
            Some(DayOff::Holiday)
        } else if self.away.contains(&day) {
            Some(DayOff::Away)
        } else {
            None
        }
    }

    /// The days in `[from, to)` that are not business days: the days
    /// [`add_business_days`](Calendar::add_business_days) stepped over to get from `from` to
    /// `to`, including `from` itself when it had to be rolled forward.
    pub fn days_off(&self, from: NaiveDate, to: NaiveDate) -> Vec<(NaiveDate, DayOff)> {
        from.iter_days()
            .take_while(|day| *day < to)
            .filter_map(|day| self.day_off(day).map(|off| (day, off)))
            .collect()
    }
}

/// Dates the tool handles are bounded well inside chrono's range (see `when`), so the day
/// after one always exists.
fn next_day(day: NaiveDate) -> NaiveDate {
    day.succ_opt()
        .expect("dates stay far from the end of the calendar")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn examples_from_the_spec() {
        let plain = Calendar::default();
        assert_eq!(
            plain.add_business_days(date("2026-11-23"), 4),
            date("2026-11-27")
        );
        assert_eq!(
            plain.add_business_days(date("2026-11-28"), 4),
            date("2026-12-04")
        );

        let thanksgiving = Calendar::new(
            [
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            [date("2026-11-26"), date("2026-11-27")],
        )
        .unwrap();
        assert_eq!(
            thanksgiving.add_business_days(date("2026-11-23"), 4),
            date("2026-12-01")
        );
    }

    #[test]
    fn zero_days_rolls_a_weekend_forward() {
        let plain = Calendar::default();
        assert_eq!(
            plain.add_business_days(date("2026-11-28"), 0),
            date("2026-11-30")
        );
        assert_eq!(
            plain.add_business_days(date("2026-11-27"), 0),
            date("2026-11-27")
        );
    }

    #[test]
    fn counting_is_half_open_like_numpy() {
        let plain = Calendar::default();
        // Mon..Mon: five business days, the end excluded.
        assert_eq!(
            plain.business_days_between(date("2026-11-23"), date("2026-11-30")),
            5
        );
        // Sat..Mon holds no business day.
        assert_eq!(
            plain.business_days_between(date("2026-11-28"), date("2026-11-30")),
            0
        );
        assert_eq!(
            plain.business_days_between(date("2026-11-30"), date("2026-11-23")),
            -5
        );
        assert_eq!(
            plain.business_days_between(date("2026-11-23"), date("2026-11-23")),
            0
        );
    }

    #[test]
    fn away_days_are_stepped_over_like_holidays() {
        let away = Calendar::default().with_away([date("2026-11-26"), date("2026-11-27")]);
        let holidays = Calendar::default().with_holidays([date("2026-11-26"), date("2026-11-27")]);
        for calendar in [&away, &holidays] {
            assert_eq!(
                calendar.add_business_days(date("2026-11-23"), 4),
                date("2026-12-01")
            );
        }
        assert!(away.is_away(date("2026-11-26")) && !away.is_holiday(date("2026-11-26")));
        assert!(away.is_workday(date("2026-11-26")));
        assert_eq!(away.day_off(date("2026-11-26")), Some(DayOff::Away));
        assert_eq!(holidays.day_off(date("2026-11-26")), Some(DayOff::Holiday));
        // The fingerprint of the rules tells them apart too, through Debug.
        assert_ne!(format!("{away:?}"), format!("{holidays:?}"));
    }

    #[test]
    fn the_days_stepped_over_are_named_with_their_reason() {
        let thanksgiving = Calendar::new(
            [
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            [date("2026-11-26"), date("2026-11-27"), date("2026-11-28")],
        )
        .unwrap();
        // Mon 11-23 + 4 = Tue 12-01 over Thu and Fri (holidays) and the weekend; a holiday on
        // a Saturday is a weekend day first.
        assert_eq!(
            thanksgiving.days_off(date("2026-11-23"), date("2026-12-01")),
            [
                (date("2026-11-26"), DayOff::Holiday),
                (date("2026-11-27"), DayOff::Holiday),
                (date("2026-11-28"), DayOff::NotWorkday),
                (date("2026-11-29"), DayOff::NotWorkday),
            ]
        );
        // A start on a weekend day is itself stepped over.
        assert_eq!(
            Calendar::default().days_off(date("2026-11-28"), date("2026-11-30")),
            [
                (date("2026-11-28"), DayOff::NotWorkday),
                (date("2026-11-29"), DayOff::NotWorkday),
            ]
        );
        assert_eq!(Calendar::default().day_off(date("2026-11-30")), None);
    }

    #[test]
    fn a_calendar_needs_a_workday() {
        assert_eq!(Calendar::new([], []), Err(NoWorkdays));
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        fn any_date() -> impl Strategy<Value = NaiveDate> {
            (0i64..3650).prop_map(|offset| date("2024-01-01") + chrono::Days::new(offset as u64))
        }

        fn any_calendar() -> impl Strategy<Value = Calendar> {
            (
                proptest::collection::vec(any::<bool>(), 7),
                proptest::collection::btree_set(any_date(), 0..40),
            )
                .prop_filter_map("at least one workday", |(mask, holidays)| {
                    let days = [
                        Weekday::Mon,
                        Weekday::Tue,
                        Weekday::Wed,
                        Weekday::Thu,
                        Weekday::Fri,
                        Weekday::Sat,
                        Weekday::Sun,
                    ];
                    let workdays = days
                        .into_iter()
                        .zip(mask)
                        .filter(|(_, on)| *on)
                        .map(|(d, _)| d);
                    Calendar::new(workdays, holidays).ok()
                })
        }

        proptest! {
            #[test]
            fn adding_lands_on_a_business_day(cal in any_calendar(), day in any_date(), n in 0u32..80) {
                prop_assert!(cal.is_business_day(cal.add_business_days(day, n)));
            }

            #[test]
            fn counting_undoes_adding(cal in any_calendar(), day in any_date(), n in 0u32..80) {
                let start = cal.roll_forward(day);
                let end = cal.add_business_days(day, n);
                prop_assert_eq!(cal.business_days_between(start, end), i64::from(n));
            }

            #[test]
            fn adding_never_goes_back(cal in any_calendar(), day in any_date(), n in 0u32..80) {
                prop_assert!(cal.add_business_days(day, n) >= day);
                prop_assert!(cal.add_business_days(day, n + 1) > cal.add_business_days(day, n));
            }

            #[test]
            fn rolling_forward_skips_only_non_business_days(cal in any_calendar(), day in any_date()) {
                let rolled = cal.roll_forward(day);
                prop_assert!(cal.is_business_day(rolled));
                prop_assert!(day.iter_days().take_while(|d| *d < rolled).all(|d| !cal.is_business_day(d)));
            }

            #[test]
            fn the_days_off_are_what_adding_stepped_over(cal in any_calendar(), day in any_date(), n in 0u32..40) {
                let end = cal.add_business_days(day, n);
                let off = cal.days_off(day, end).len() as i64;
                let span = (end - day).num_days();
                prop_assert_eq!(span - off, i64::from(n));
            }

            #[test]
            fn counting_is_additive(cal in any_calendar(), a in any_date(), b in any_date(), c in any_date()) {
                prop_assert_eq!(
                    cal.business_days_between(a, b) + cal.business_days_between(b, c),
                    cal.business_days_between(a, c)
                );
            }
        }
    }
}
