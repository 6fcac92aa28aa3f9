//! Yearly repeat rules (RRULE, RFC 5545 3.3.10), the part public holiday calendars use:
//! one date a year, either fixed (`BYMONTH=12;BYMONTHDAY=25`) or the n-th weekday of a month
//! (`BYMONTH=11;BYDAY=4TH`, `BYMONTH=5;BYDAY=-1MO`). Any other rule is reported as
//! unsupported rather than guessed at, and the event then counts on its first date only.

use chrono::{Datelike, NaiveDate, Weekday};

/// A rule that yields at most one date a year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Yearly {
    interval: u32,
    count: Option<u32>,
    until: Option<NaiveDate>,
    month: Option<u32>,
    month_day: Option<i32>,
    /// `BYDAY=4TH`: the 4th Thursday; a negative number counts from the end of the month.
    weekday: Option<(i32, Weekday)>,
}

impl Yearly {
    /// Reads the value of an RRULE; `Err` says, for the user, what is not supported.
    pub fn parse(value: &str) -> Result<Yearly, String> {
        let mut rule = Yearly {
            interval: 1,
            count: None,
            until: None,
            month: None,
            month_day: None,
            weekday: None,
        };
        let mut yearly = false;
        for part in value.split(';').filter(|part| !part.is_empty()) {
            let (key, value) = part
                .split_once('=')
                .ok_or_else(|| format!("{} is not KEY=VALUE", crate::quote::quoted(part)))?;
            let key = key.to_ascii_uppercase();
            if value.contains(',') {
                return Err(format!("{key} with several values is not supported"));
            }
            let number = |max: i64| {
                value
                    .parse::<i64>()
                    .ok()
                    .filter(|number| *number != 0 && number.abs() <= max)
                    .ok_or_else(|| format!("{key}={value} is not a number this rule allows"))
            };
            match key.as_str() {
                "FREQ" if value.eq_ignore_ascii_case("YEARLY") => yearly = true,
                "FREQ" => return Err(format!("FREQ={value} is not supported, only YEARLY")),
                "INTERVAL" => rule.interval = number(1000)?.unsigned_abs() as u32,
                "COUNT" => rule.count = Some(number(10_000)?.unsigned_abs() as u32),
                "UNTIL" => {
                    rule.until = Some(
                        value
                            .get(..8)
                            .and_then(|digits| NaiveDate::parse_from_str(digits, "%Y%m%d").ok())
                            .ok_or_else(|| format!("UNTIL={value} is not a date"))?,
                    );
                }
                "BYMONTH" => rule.month = Some(number(12)?.unsigned_abs() as u32),
                "BYMONTHDAY" => rule.month_day = Some(number(31)? as i32),
                "BYDAY" => rule.weekday = Some(nth_weekday(value)?),
                "WKST" => {}
                other => return Err(format!("{other} is not supported")),
            }
        }
        if !yearly {
            return Err("a rule without FREQ=YEARLY is not supported".into());
        }
        if rule.weekday.is_some() && (rule.month.is_none() || rule.month_day.is_some()) {
            return Err("BYDAY is supported only with BYMONTH and without BYMONTHDAY".into());
        }
        if rule.count.is_some() && rule.until.is_some() {
            return Err("COUNT and UNTIL together are not allowed".into());
        }
        Ok(rule)
    }

    /// The start dates of the event from `first` (its DTSTART, always the first occurrence)
    /// through the end of `last_year`, in order.
    pub fn starts(&self, first: NaiveDate, last_year: i32) -> Vec<NaiveDate> {
        let mut dates = vec![first];
        let mut year = first.year();
        while year <= last_year && self.count.is_none_or(|count| dates.len() < count as usize) {
            if let Some(date) = self.in_year(first, year).filter(|date| *date > first) {
                if self.until.is_some_and(|until| date > until) {
                    break;
                }
                dates.push(date);
            }
            year += self.interval as i32;
        }
        dates
    }

    /// The rule's date in `year`, if that year has one (the 29th of February does not
    /// always exist: such a year is skipped, as the standard says).
    fn in_year(&self, first: NaiveDate, year: i32) -> Option<NaiveDate> {
        let month = self.month.unwrap_or(first.month());
        let days = days_in_month(year, month)?;
        let day = match (self.weekday, self.month_day) {
            (Some((nth, weekday)), _) => {
                let first_day = NaiveDate::from_ymd_opt(year, month, 1)?;
                let first_match = 1
                    + (7 + weekday.num_days_from_monday()
                        - first_day.weekday().num_days_from_monday())
                        % 7;
                let last_match = first_match + (days - first_match) / 7 * 7;
                if nth > 0 {
                    first_match + (nth as u32 - 1) * 7
                } else {
                    last_match.checked_sub((nth.unsigned_abs() - 1) * 7)?
                }
            }
            (None, Some(day)) if day < 0 => (days as i32 + 1 + day).try_into().ok()?,
            (None, Some(day)) => day as u32,
            (None, None) => first.day(),
        };
        NaiveDate::from_ymd_opt(year, month, day)
    }
}

fn days_in_month(year: i32, month: u32) -> Option<u32> {
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(year, month + 1, 1)?
    };
    Some(next.pred_opt()?.day())
}

/// `4TH`, `+4TH`, `-1MO`: an ordinal and a weekday. A weekday without an ordinal means every
/// such day of the month, which is not one date a year.
fn nth_weekday(value: &str) -> Result<(i32, Weekday), String> {
    let unsupported = || format!("BYDAY={value} is not supported; use a numbered day such as 4TH");
    let split = value.len().checked_sub(2).ok_or_else(unsupported)?;
    let (number, code) = (value.get(..split), value.get(split..));
    let weekday = match code.map(str::to_ascii_uppercase).as_deref() {
        Some("MO") => Weekday::Mon,
        Some("TU") => Weekday::Tue,
        Some("WE") => Weekday::Wed,
        Some("TH") => Weekday::Thu,
        Some("FR") => Weekday::Fri,
        Some("SA") => Weekday::Sat,
        Some("SU") => Weekday::Sun,
        _ => return Err(unsupported()),
    };
    let nth = number
        .map(|number| number.trim_start_matches('+'))
        .and_then(|number| number.parse::<i32>().ok())
        .filter(|nth| *nth != 0 && nth.abs() <= 5)
        .ok_or_else(unsupported)?;
    Ok((nth, weekday))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn starts(rule: &str, first: &str, last_year: i32) -> Vec<String> {
        Yearly::parse(rule)
            .unwrap()
            .starts(date(first), last_year)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_fixed_date_repeats_every_year() {
        assert_eq!(
            starts("FREQ=YEARLY", "2025-12-25", 2027),
            ["2025-12-25", "2026-12-25", "2027-12-25"]
        );
        assert_eq!(
            starts("FREQ=YEARLY;BYMONTH=1;BYMONTHDAY=1", "2026-01-01", 2028),
            ["2026-01-01", "2027-01-01", "2028-01-01"]
        );
    }

    #[test]
    fn the_nth_weekday_of_a_month() {
        // US Thanksgiving: the 4th Thursday of November.
        assert_eq!(
            starts("FREQ=YEARLY;BYMONTH=11;BYDAY=4TH", "2025-11-27", 2027),
            ["2025-11-27", "2026-11-26", "2027-11-25"]
        );
        // US Memorial Day: the last Monday of May.
        assert_eq!(
            starts("FREQ=YEARLY;BYMONTH=5;BYDAY=-1MO", "2026-05-25", 2028),
            ["2026-05-25", "2027-05-31", "2028-05-29"]
        );
    }

    #[test]
    fn count_until_and_interval_end_or_thin_the_series() {
        assert_eq!(
            starts("FREQ=YEARLY;COUNT=2", "2026-07-04", 2030),
            ["2026-07-04", "2027-07-04"]
        );
        assert_eq!(
            starts("FREQ=YEARLY;UNTIL=20280101T000000Z", "2026-07-04", 2030),
            ["2026-07-04", "2027-07-04"]
        );
        assert_eq!(
            starts("FREQ=YEARLY;INTERVAL=2", "2026-07-04", 2030),
            ["2026-07-04", "2028-07-04", "2030-07-04"]
        );
    }

    #[test]
    fn a_date_missing_from_a_year_is_skipped() {
        assert_eq!(
            starts("FREQ=YEARLY", "2024-02-29", 2028),
            ["2024-02-29", "2028-02-29"]
        );
        assert_eq!(
            starts("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=-1", "2027-02-28", 2028),
            ["2027-02-28", "2028-02-29"]
        );
    }

    #[test]
    fn other_rules_are_named_as_unsupported() {
        for (rule, says) in [
            ("FREQ=MONTHLY", "FREQ=MONTHLY"),
            ("FREQ=YEARLY;BYMONTH=1,7", "several values"),
            ("FREQ=YEARLY;BYDAY=MO;BYMONTH=1", "BYDAY=MO"),
            ("FREQ=YEARLY;BYWEEKNO=20", "BYWEEKNO"),
            ("FREQ=YEARLY;BYDAY=1MO", "BYMONTH"),
            ("BYMONTH=1", "FREQ=YEARLY"),
        ] {
            let error = Yearly::parse(rule).unwrap_err();
            assert!(error.contains(says), "{rule}: {error}");
        }
    }
}
