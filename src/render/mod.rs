//! Turning results into what the user reads: tables and messages for people, JSON for
//! scripts. Nothing here changes state.

pub mod agenda;
pub mod audit;
pub mod by_rep;
pub mod calendar;
pub mod capacity;
pub mod card;
pub mod chart;
pub mod dossier;
pub mod feed;
pub mod fit;
pub mod import_book;
pub mod import_report;
pub mod json;
pub mod listing;
pub mod message;
pub mod plan;
pub mod reason;
pub mod rep_stats;
pub mod sanitize;
pub mod stats;
pub mod table;
pub mod timeline;
pub mod value;
pub mod view;
pub mod why;
pub mod width;

pub use width::Width;

use chrono::{Datelike, NaiveDate, NaiveTime, Timelike};

/// How dates read in tables and sentences: the weekday first, since salespeople plan by it
/// ("Mon 2026-11-23", as chrono's `%a %Y-%m-%d`). Put together by hand: `list` writes one
/// for every file of the book, and chrono's formatter reads its pattern again each time.
pub fn day(date: NaiveDate) -> String {
    const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let Ok(year @ 0..=9999) = u32::try_from(date.year()) else {
        return date.format("%a %Y-%m-%d").to_string();
    };
    let mut text = String::with_capacity(14);
    text.push_str(WEEKDAYS[date.weekday().num_days_from_monday() as usize]);
    text.push(' ');
    push_number(&mut text, year, 4);
    text.push('-');
    push_number(&mut text, date.month(), 2);
    text.push('-');
    push_number(&mut text, date.day(), 2);
    text
}

/// A time of day as the tables and messages give it, "08:15" (chrono's `%H:%M`), put
/// together by hand as [`day`] is: `agenda` writes one for each promised call of its window.
pub fn clock(time: NaiveTime) -> String {
    let mut text = String::with_capacity(5);
    push_number(&mut text, time.hour(), 2);
    text.push(':');
    push_number(&mut text, time.minute(), 2);
    text
}

/// Writes `value` in decimal, with leading zeros up to `width` digits (at most 10, as many as
/// a `u32` has): the cells of a table of the whole book, without the formatting machinery's
/// cost for each.
pub(crate) fn push_number(text: &mut String, value: u32, width: usize) {
    let mut digits = [b'0'; 10];
    let mut start = digits.len();
    let mut rest = value;
    loop {
        start -= 1;
        digits[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    start = start.min(digits.len().saturating_sub(width));
    for &digit in &digits[start..] {
        text.push(char::from(digit));
    }
}

/// "1 day", "3 days", "2 touches".
pub fn plural(count: i64, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else if word.ends_with("ch") || word.ends_with('s') {
        format!("{count} {word}es")
    } else {
        format!("{count} {word}s")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn plurals_read_as_english() {
        assert_eq!(super::plural(1, "touch"), "1 touch");
        assert_eq!(super::plural(2, "touch"), "2 touches");
        assert_eq!(super::plural(0, "business day"), "0 business days");
    }
}

#[cfg(test)]
mod day_tests {
    use chrono::{Days, NaiveDate};

    #[test]
    fn a_day_reads_as_chrono_writes_it() {
        let mut date = NaiveDate::from_ymd_opt(1999, 12, 25).unwrap();
        let mut dates = vec![NaiveDate::MIN, NaiveDate::MAX];
        for _ in 0..800 {
            dates.push(date);
            date = date + Days::new(17);
        }
        dates.push(NaiveDate::from_ymd_opt(9999, 12, 31).unwrap());
        dates.push(NaiveDate::from_ymd_opt(10000, 1, 1).unwrap());
        dates.push(NaiveDate::from_ymd_opt(0, 1, 1).unwrap());
        dates.push(NaiveDate::from_ymd_opt(-1, 1, 1).unwrap());
        for date in dates {
            assert_eq!(super::day(date), date.format("%a %Y-%m-%d").to_string());
        }
    }

    #[test]
    fn a_clock_reads_as_chrono_writes_it() {
        // Every minute of the day, and a time with seconds and a leap second, which `%H:%M`
        // leaves out.
        let mut times: Vec<chrono::NaiveTime> = (0..24 * 60)
            .map(|minute| chrono::NaiveTime::from_hms_opt(minute / 60, minute % 60, 0).unwrap())
            .collect();
        times.push(chrono::NaiveTime::from_hms_opt(8, 15, 59).unwrap());
        times.push(chrono::NaiveTime::from_hms_nano_opt(23, 59, 59, 1_500_000_000).unwrap());
        for time in times {
            assert_eq!(super::clock(time), time.format("%H:%M").to_string());
        }
    }

    #[test]
    fn numbers_are_written_as_format_writes_them() {
        for value in [
            0,
            1,
            9,
            10,
            42,
            99,
            100,
            2026,
            9999,
            10_000,
            123_456,
            u32::MAX,
        ] {
            for width in [0, 1, 2, 4, 10] {
                let mut text = String::from(">");
                super::push_number(&mut text, value, width);
                assert_eq!(text, format!(">{value:0width$}"), "{value} {width}");
            }
        }
    }
}
