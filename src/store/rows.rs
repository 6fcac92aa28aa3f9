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
    let date = parse_stored_day(&text[..10])?;
    let number = |range| digits(bytes, range);
    let time = NaiveTime::from_hms_opt(number(11..13)?, number(14..16)?, number(17..19)?)?;
    Some(date.and_time(time))
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
    use super::{parse_stored, parse_stored_day};

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
}
