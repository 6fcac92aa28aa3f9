//! Dates and times bound to a statement, written for SQLite by hand.
//!
//! SQLite keeps them as text, which rusqlite writes with chrono's general formatter
//! (`%F`, `%F %T%.f`): an eighth of the instructions of a large import went there. These
//! write the same text by position, the mirror of `rows::parse_stored`; a value outside the
//! years 0 to 9999, or with a fraction of a second, goes to chrono as before. PostgreSQL is
//! sent what the value itself is sent as (conn.rs): a date as it is, a time as its instant.

use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use rusqlite::types::{ToSql, ToSqlOutput};

use super::conn::{Param, PgValue};

/// A date to bind, `None` for NULL.
pub(super) struct Day(pub Option<NaiveDate>);

/// A date and time to bind, `None` for NULL.
pub(super) struct Stamp(pub Option<NaiveDateTime>);

fn push_number(text: &mut String, value: u32, digits: u32) {
    for place in (0..digits).rev() {
        let digit = value / 10u32.pow(place) % 10;
        text.push(char::from(b'0' + digit as u8));
    }
}

/// `YYYY-MM-DD`, as chrono's `%F` writes a year from 0 to 9999; `None` for any other.
fn day_text(day: NaiveDate, capacity: usize) -> Option<String> {
    let year = u32::try_from(day.year())
        .ok()
        .filter(|year| *year <= 9999)?;
    let mut text = String::with_capacity(capacity);
    push_number(&mut text, year, 4);
    text.push('-');
    push_number(&mut text, day.month(), 2);
    text.push('-');
    push_number(&mut text, day.day(), 2);
    Some(text)
}

/// `YYYY-MM-DD HH:MM:SS`, as chrono's `%F %T%.f` writes a time without a fraction.
fn stamp_text(at: NaiveDateTime) -> Option<String> {
    if at.nanosecond() != 0 {
        return None;
    }
    let mut text = day_text(at.date(), 19)?;
    text.push(' ');
    push_number(&mut text, at.hour(), 2);
    text.push(':');
    push_number(&mut text, at.minute(), 2);
    text.push(':');
    push_number(&mut text, at.second(), 2);
    Some(text)
}

impl ToSql for Day {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match &self.0 {
            Some(day) => match day_text(*day, 10) {
                Some(text) => Ok(ToSqlOutput::from(text)),
                None => day.to_sql(),
            },
            None => Ok(ToSqlOutput::from(rusqlite::types::Null)),
        }
    }
}

impl ToSql for Stamp {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match &self.0 {
            Some(at) => match stamp_text(*at) {
                Some(text) => Ok(ToSqlOutput::from(text)),
                None => at.to_sql(),
            },
            None => Ok(ToSqlOutput::from(rusqlite::types::Null)),
        }
    }
}

impl Param for Day {
    fn sqlite(&self) -> &dyn ToSql {
        self
    }

    fn postgres(&self, zone: chrono_tz::Tz) -> PgValue<'_> {
        self.0.postgres(zone)
    }
}

impl Param for Stamp {
    fn sqlite(&self) -> &dyn ToSql {
        self
    }

    fn postgres(&self, zone: chrono_tz::Tz) -> PgValue<'_> {
        self.0.postgres(zone)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text rusqlite would have bound.
    fn chrono_text(value: &dyn ToSql) -> Option<String> {
        match value.to_sql().unwrap() {
            ToSqlOutput::Owned(rusqlite::types::Value::Text(text)) => Some(text),
            ToSqlOutput::Borrowed(rusqlite::types::ValueRef::Text(text)) => {
                Some(String::from_utf8(text.to_vec()).unwrap())
            }
            ToSqlOutput::Owned(rusqlite::types::Value::Null)
            | ToSqlOutput::Borrowed(rusqlite::types::ValueRef::Null) => None,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_text_is_rusqlites_to_the_byte() {
        let days = [
            NaiveDate::from_ymd_opt(2026, 11, 23).unwrap(),
            NaiveDate::from_ymd_opt(1, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(0, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
            NaiveDate::from_ymd_opt(10_000, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(-1, 6, 9).unwrap(),
        ];
        for day in days {
            assert_eq!(chrono_text(&Day(Some(day))), chrono_text(&day), "{day}");
            for (hour, minute, second, nano) in [
                (0, 0, 0, 0),
                (9, 5, 7, 0),
                (23, 59, 59, 0),
                (8, 0, 0, 1_500),
                (23, 59, 59, 1_999_999_999),
            ] {
                let at = day.and_hms_nano_opt(hour, minute, second, nano).unwrap();
                assert_eq!(chrono_text(&Stamp(Some(at))), chrono_text(&at), "{at}");
            }
        }
        assert_eq!(chrono_text(&Day(None)), None);
        assert_eq!(chrono_text(&Stamp(None)), None);
    }
}
