//! The date and time parser (`followup::when`) on arbitrary text.
//!
//! The first byte picks the pinned clock, among ordinary days and the edges of the supported
//! years; the rest is what the user typed. Besides not panicking, every accepted value must be
//! inside the supported years and read back the same when written in the documented form.

#![no_main]

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use followup::when::{self, DEFAULT_TIME};
use libfuzzer_sys::fuzz_target;

const NOWS: [(i32, u32, u32, u32, u32, u32); 5] = [
    (2026, 11, 23, 10, 0, 0),
    (1900, 1, 1, 0, 0, 0),
    (9999, 12, 31, 23, 59, 59),
    (2024, 2, 29, 12, 0, 0),
    (2026, 12, 31, 9, 0, 0),
];

fn clock(pick: u8) -> NaiveDateTime {
    let (y, m, d, h, min, s) = NOWS[usize::from(pick) % NOWS.len()];
    NaiveDate::from_ymd_opt(y, m, d)
        .and_then(|day| day.and_hms_opt(h, min, s))
        .expect("a valid clock")
}

fn supported(day: NaiveDate) -> bool {
    (1900..=9999).contains(&day.year())
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let now = clock(pick);

    match when::parse_now(text) {
        Ok(pinned) => {
            assert!(supported(pinned.date()), "{text:?} -> {pinned}");
            let written = pinned.format("%Y-%m-%dT%H:%M:%S").to_string();
            assert_eq!(when::parse_now(&written), Ok(pinned), "{text:?}");
        }
        Err(error) => drop(error.to_string()),
    }

    let date = when::parse_date(text, now);
    match &date {
        Ok(day) => {
            assert!(supported(*day), "{text:?} at {now} -> {day}");
            let written = day.format("%Y-%m-%d").to_string();
            assert_eq!(when::parse_date(&written, now), Ok(*day), "{text:?}");
            assert_eq!(when::parse_plain_date(&written), Some(*day), "{text:?}");
        }
        Err(error) => drop(error.to_string()),
    }

    match when::parse_datetime(text, now, DEFAULT_TIME) {
        Ok(moment) => {
            assert!(supported(moment.date()), "{text:?} at {now} -> {moment}");
            // A date alone means that day at the default time.
            if let Ok(day) = date {
                assert_eq!(moment, day.and_time(DEFAULT_TIME), "{text:?} at {now}");
            }
        }
        Err(error) => {
            assert!(date.is_err(), "{text:?} is a date but not a date and time");
            drop(error.to_string());
        }
    }

    if let Some(day) = when::parse_plain_date(text) {
        assert!(supported(day), "{text:?} -> {day}");
    }
});
