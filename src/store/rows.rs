//! Turning table rows into domain values, and the column lists that go with them.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::Planned;
use super::conn::Row;
use super::error::DbError;
use crate::domain::{Attempt, Closure, Contact, Prospect, ProspectLine};

pub(super) const PROSPECT_COLUMNS: &str = "id, name, company, phone, email, title, prefers, \
     next_step, topic, assistant, assistant_phone, note, cadence, start_date, status, \
     close_reason, closed_at, close_note, recontact_on, run_started_at, created_at, time_zone, \
     ground_rules, main_line, drip, owner";

/// The columns of a [`ProspectLine`], then the stored plan (see planned.rs).
pub(super) const LINE_COLUMNS: &str =
    "id, name, company, status, close_reason, drip, cadence, owner, due_on, outlook";

pub(super) const ATTEMPT_COLUMNS: &str =
    "id, prospect_id, at, channel, outcome, step, note, promise, next_date, rep";

pub(super) fn prospect(row: &Row<'_>) -> Result<Prospect, DbError> {
    // Columns by position, in the order of PROSPECT_COLUMNS: looking them up by name costs
    // more than the rest of reading a row.
    let close_reason = row.get(15)?;
    let closed_at = row.optional_datetime(16)?;
    Ok(Prospect {
        id: row.get(0)?,
        contact: Contact {
            name: row.get(1)?,
            company: row.get(2)?,
            phone: row.get(3)?,
            email: row.get(4)?,
            title: row.get(5)?,
            prefers: row.get(6)?,
            next_step: row.get(7)?,
            topic: row.get(8)?,
            assistant: row.get(9)?,
            assistant_phone: row.get(10)?,
            note: row.get(11)?,
            time_zone: row.get(21)?,
            ground_rules: row.get(22)?,
            main_line: row.get(23)?,
        },
        cadence: row.get(12)?,
        start: row.day(13)?,
        status: row.get(14)?,
        closed: match (close_reason, closed_at) {
            (Some(reason), Some(at)) => Some(Closure {
                reason,
                at,
                note: row.get(17)?,
                drip: row.get(24)?,
            }),
            _ => None,
        },
        recontact_on: row.optional_day(18)?,
        run_started_at: row.optional_datetime(19)?,
        created_at: row.datetime(20)?,
        owner: row.get(25)?,
    })
}

/// A whole prospect with its stored plan: PROSPECT_COLUMNS, then `due_on, outlook`.
pub(super) fn prospect_with_plan(row: &Row<'_>) -> Result<(Prospect, Planned), DbError> {
    let outlook: Option<String> = row.get(27)?;
    let planned = Planned::from_columns(row.optional_day(26)?, outlook.as_deref());
    Ok((prospect(row)?, planned))
}

/// Columns by position, in the order of LINE_COLUMNS, with the plan after them.
pub(super) fn prospect_line(row: &Row<'_>) -> Result<(ProspectLine, Planned), DbError> {
    let outlook: Option<String> = row.get(9)?;
    let close_reason = row.get(4)?;
    let line = ProspectLine {
        id: row.get(0)?,
        name: row.get(1)?,
        company: row.get(2)?,
        status: row.get(3)?,
        close_reason,
        // As for a whole prospect: only a closed file is on the drip.
        drip: close_reason.is_some() && row.get(5)?,
        cadence: row.get(6)?,
        owner: row.get(7)?,
    };
    Ok((
        line,
        Planned::from_columns(row.optional_day(8)?, outlook.as_deref()),
    ))
}

/// Columns by position, in the order of ATTEMPT_COLUMNS.
pub(super) fn attempt(row: &Row<'_>) -> Result<Attempt, DbError> {
    Ok(Attempt {
        id: row.get(0)?,
        prospect_id: row.get(1)?,
        at: row.datetime(2)?,
        channel: row.get(3)?,
        outcome: row.get(4)?,
        step: row.get(5)?,
        note: row.get(6)?,
        promise: row.optional_datetime(7)?,
        next: row.get(8)?,
        rep: row.get(9)?,
    })
}

/// Reads a stored date and time. rusqlite writes `YYYY-MM-DD HH:MM:SS`; reading that by
/// position is many times cheaper than chrono's general parser, which reading a morning's
/// histories otherwise spends most of its time in. Anything else goes to the general parser.
pub(super) fn parse_stored(text: &str) -> Option<NaiveDateTime> {
    let bytes = text.as_bytes();
    if bytes.len() != 19
        || !matches!(bytes[10], b' ' | b'T')
        || bytes[13] != b':'
        || bytes[16] != b':'
    {
        return None;
    }
    Some(parse_stored_day(&text[..10])?.and_time(parse_stored_time(&text[11..])?))
}

/// Reads a stored time of day, `HH:MM:SS`, by position (as [`parse_stored`]): the promised
/// time in a file's outlook. `None` for anything else.
pub(super) fn parse_stored_time(text: &str) -> Option<NaiveTime> {
    let bytes = text.as_bytes();
    if bytes.len() != 8 || bytes[2] != b':' || bytes[5] != b':' {
        return None;
    }
    let number = |range| digits(bytes, range);
    NaiveTime::from_hms_opt(number(0..2)?, number(3..5)?, number(6..8)?)
}

/// Reads a stored date, `YYYY-MM-DD`, by position (as [`parse_stored`]): `list` reads one or
/// two for every file of the book. `None` for anything else.
pub(super) fn parse_stored_day(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    let number = |range| digits(bytes, range);
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
}

/// The decimal number the bytes of `range` spell, if they are all digits.
fn digits(bytes: &[u8], range: std::ops::Range<usize>) -> Option<u32> {
    bytes[range].iter().try_fold(0u32, |value, byte| {
        byte.is_ascii_digit()
            .then(|| value * 10 + u32::from(byte - b'0'))
    })
}

#[cfg(test)]
mod tests {
    use super::{parse_stored, parse_stored_day, parse_stored_time};

    #[test]
    fn reads_a_stored_day_and_refuses_the_rest() {
        assert_eq!(
            parse_stored_day("2026-11-23").map(|day| day.to_string()),
            Some("2026-11-23".to_string())
        );
        for other in [
            "2026-02-30",
            "2026-11-2x",
            "2026-11-23 ",
            "+10000-01-01",
            "",
            "2026/11/23",
        ] {
            assert_eq!(parse_stored_day(other), None, "{other:?}");
        }
    }

    #[test]
    fn reads_the_stored_form_and_refuses_the_rest() {
        assert_eq!(
            parse_stored("2026-11-23 08:15:00").map(|at| at.to_string()),
            Some("2026-11-23 08:15:00".to_string())
        );
        assert!(parse_stored("2026-11-23T08:15:00").is_some());
        for other in [
            "2026-11-23 08:15:00.5",
            "2026-02-30 08:15:00",
            "2026-11-23 24:00:00",
            "2026-11-2x 08:15:00",
            "",
        ] {
            assert_eq!(parse_stored(other), None, "{other}");
        }
    }

    #[test]
    fn reads_a_stored_time_of_day_as_chrono_does_and_refuses_the_rest() {
        for text in ["08:15:00", "00:00:00", "23:59:59", "12:05:30"] {
            assert_eq!(
                parse_stored_time(text),
                chrono::NaiveTime::parse_from_str(text, "%H:%M:%S").ok(),
                "{text}"
            );
            assert!(parse_stored_time(text).is_some(), "{text}");
        }
        for other in [
            "24:00:00",
            "08:60:00",
            "8:15:00",
            "08:15",
            "08-15-00",
            "08:15:00.5",
            "",
        ] {
            assert_eq!(parse_stored_time(other), None, "{other:?}");
        }
    }
}
