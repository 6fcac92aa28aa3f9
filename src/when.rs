//! Reading the dates and times people type: `2026-11-27`, `2026-11-27T08:15`, `today`,
//! `tomorrow`, `fri 14:30`. Relative words resolve against a `now` passed in, never the clock.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

/// Dates outside these years are refused, which keeps every date computed from them (a gap of
/// business days, a re-contact months later) inside chrono's range.
const YEARS: std::ops::RangeInclusive<i32> = 1900..=9999;

/// Whether a date read from elsewhere than the command line (an imported file) is inside the
/// years the tool handles.
pub fn is_supported(date: NaiveDate) -> bool {
    YEARS.contains(&date.year())
}

/// The time a bare date stands for, in `--now` and in promises.
pub const DEFAULT_TIME: NaiveTime = match NaiveTime::from_hms_opt(9, 0, 0) {
    Some(time) => time,
    None => panic!("09:00 is a time"),
};

/// The forms accepted, for error messages.
pub const FORMS: &str = "YYYY-MM-DD, YYYY-MM-DDTHH:MM, today, tomorrow, yesterday or a weekday (mon..sun), \
     optionally followed by a time HH:MM";

/// A date or time that could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} is not {expected}; use {forms}", crate::quote::quoted(.value))]
pub struct BadWhen {
    pub value: String,
    expected: &'static str,
    forms: &'static str,
}

impl BadWhen {
    fn new(value: &str, expected: &'static str, forms: &'static str) -> BadWhen {
        BadWhen {
            value: value.to_string(),
            expected,
            forms,
        }
    }
}

/// `YYYY-MM-DD` alone, within the supported years.
pub fn parse_plain_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    // chrono accepts signs and long years; the documented form has exactly four digits.
    if text.len() != 10 || !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|date| YEARS.contains(&date.year()))
}

fn parse_time(text: &str) -> Option<NaiveTime> {
    let (hours, minutes) = text.split_once(':')?;
    let seconds = minutes.split_once(':');
    let (minutes, seconds) = seconds.unwrap_or((minutes, "0"));
    let field = |digits: &str, max: u32| {
        (!digits.is_empty() && digits.len() <= 2 && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<u32>().ok())
            .flatten()
            .filter(|value| *value <= max)
    };
    NaiveTime::from_hms_opt(field(hours, 23)?, field(minutes, 59)?, field(seconds, 59)?)
}

/// The clock pin of `--now` / `FOLLOWUP_NOW`: `YYYY-MM-DD` (09:00) or `YYYY-MM-DDTHH:MM[:SS]`.
pub fn parse_now(text: &str) -> Result<NaiveDateTime, BadWhen> {
    let bad = || {
        BadWhen::new(
            text,
            "a date and time",
            "YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS]",
        )
    };
    let (day, time) = match text.trim().split_once(['T', ' ']) {
        Some((day, time)) => (day, Some(time)),
        None => (text, None),
    };
    let day = parse_plain_date(day).ok_or_else(bad)?;
    let time = match time {
        Some(time) => parse_time(time).ok_or_else(bad)?,
        None => DEFAULT_TIME,
    };
    Ok(day.and_time(time))
}

/// A day and an optional time, as typed.
fn parse_parts(text: &str, now: NaiveDateTime) -> Option<(NaiveDate, Option<NaiveTime>)> {
    let text = text.trim().to_ascii_lowercase();
    let mut words = text.split_whitespace();
    let day_word = words.next()?;
    let time_word = words.next();
    if words.next().is_some() {
        return None;
    }
    let (day_word, mut time) = match day_word.split_once('t') {
        // `2026-11-27T08:15`; a weekday such as "tue" also holds a 't', so only split dates.
        Some((day, time)) if day.starts_with(|c: char| c.is_ascii_digit()) => {
            (day, Some(parse_time(time)?))
        }
        _ => (day_word, None),
    };
    if let Some(time_word) = time_word {
        if time.is_some() {
            return None;
        }
        time = Some(parse_time(time_word)?);
    }
    let today = now.date();
    let day = match day_word {
        "now" if time.is_none() => return Some((today, Some(now.time()))),
        "today" => today,
        "tomorrow" => today.checked_add_days(Days::new(1))?,
        "yesterday" => today.checked_sub_days(Days::new(1))?,
        word => match word.parse::<Weekday>() {
            Ok(weekday) => next_weekday(today, weekday),
            Err(_) => parse_plain_date(word)?,
        },
    };
    YEARS.contains(&day.year()).then_some((day, time))
}

/// The first `weekday` strictly after `today`: on a Monday, "mon" is a week away.
fn next_weekday(today: NaiveDate, weekday: Weekday) -> NaiveDate {
    let ahead = (7 + weekday.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    today + Days::new(if ahead == 0 { 7 } else { u64::from(ahead) })
}

/// A date, in any of the accepted forms; a time is not allowed.
pub fn parse_date(text: &str, now: NaiveDateTime) -> Result<NaiveDate, BadWhen> {
    match parse_parts(text, now) {
        Some((day, None)) => Ok(day),
        _ => Err(BadWhen::new(
            text,
            "a date",
            "YYYY-MM-DD, today, tomorrow, yesterday or a weekday (mon..sun)",
        )),
    }
}

/// A date with an optional time; a bare date stands for `default_time`.
pub fn parse_datetime(
    text: &str,
    now: NaiveDateTime,
    default_time: NaiveTime,
) -> Result<NaiveDateTime, BadWhen> {
    parse_parts(text, now)
        .map(|(day, time)| day.and_time(time.unwrap_or(default_time)))
        .ok_or_else(|| BadWhen::new(text, "a date or time", FORMS))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> NaiveDateTime {
        parse_now(text).unwrap()
    }

    #[test]
    fn now_takes_a_date_or_a_date_and_time() {
        assert_eq!(at("2026-11-23").to_string(), "2026-11-23 09:00:00");
        assert_eq!(at("2026-11-23T07:30").to_string(), "2026-11-23 07:30:00");
        assert_eq!(at("2026-11-23T07:30:15").to_string(), "2026-11-23 07:30:15");
        for bad in [
            "",
            "23/11/2026",
            "2026-11-31",
            "2026-11-23T25:00",
            "tomorrow",
            "+2026-11-23",
        ] {
            assert!(parse_now(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn relative_words_resolve_against_now() {
        let monday = at("2026-11-23T10:00");
        let nine = DEFAULT_TIME;
        let cases = [
            ("today", "2026-11-23 09:00:00"),
            ("tomorrow 08:15", "2026-11-24 08:15:00"),
            ("Tomorrow 8:15", "2026-11-24 08:15:00"),
            ("yesterday", "2026-11-22 09:00:00"),
            ("fri 14:30", "2026-11-27 14:30:00"),
            ("friday", "2026-11-27 09:00:00"),
            ("mon", "2026-11-30 09:00:00"),
            ("2026-12-01T08:00", "2026-12-01 08:00:00"),
            ("2026-12-01 08:00", "2026-12-01 08:00:00"),
            ("now", "2026-11-23 10:00:00"),
        ];
        for (text, expected) in cases {
            assert_eq!(
                parse_datetime(text, monday, nine).map(|value| value.to_string()),
                Ok(expected.to_string()),
                "{text}"
            );
        }
    }

    #[test]
    fn dates_refuse_times_and_nonsense() {
        let monday = at("2026-11-23");
        assert_eq!(parse_date("tue", monday).unwrap().to_string(), "2026-11-24");
        for bad in [
            "tue 10:00",
            "2026-02-30",
            "someday",
            "10000-01-01",
            "1800-01-01",
            "fri fri",
        ] {
            assert!(parse_date(bad, monday).is_err(), "{bad} should be refused");
        }
        assert!(parse_datetime("tomorrow 24:00", monday, DEFAULT_TIME).is_err());
        assert!(parse_datetime("tomorrow 8", monday, DEFAULT_TIME).is_err());
    }
}
