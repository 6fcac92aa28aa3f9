//! Time zones: the salesperson's and each prospect's. Pure: every function takes the zones and
//! the times it works on, and reads neither the clock nor the system (the system's zone is
//! looked up once, in `cli::session`).
//!
//! Everything stored and planned stays in the salesperson's wall-clock time, the only time
//! the engine knows. A zone is used at the edges: to read a time the prospect was promised in
//! their own zone, to show a promised call in their time, and to say when their office hours
//! fall in the salesperson's day. Conversions always use the offsets of the date concerned, so
//! a daylight-saving change between today and the promised day is accounted for.

use std::fmt;

use chrono::{
    DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc,
};
use chrono_tz::Tz;

/// Why a zone or a time in a zone could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZoneError {
    #[error("{} is not a time zone; use an IANA name such as Europe/Berlin or America/New_York", crate::quote::quoted(.0))]
    Unknown(String),
    #[error(
        "{time} does not exist in {zone} (the clocks go forward that night); the next valid time is {next}"
    )]
    Gap {
        time: String,
        zone: String,
        next: String,
    },
}

/// Reads an IANA zone name, as `--tz` and `[calendar] time_zone` take it.
pub fn parse(name: &str) -> Result<Tz, ZoneError> {
    name.trim()
        .parse::<Tz>()
        .map_err(|_| ZoneError::Unknown(name.to_string()))
}

/// Whether two zones keep the same clock: the same name, or two names of one zone (`UTC` and
/// `Etc/UTC`, `Europe/Kiev` and `Europe/Kyiv`), whose offsets agree at every sampled instant
/// of 1970 to 2100. Weekly samples catch any difference in the rules, daylight saving included,
/// that lasts a week or more, and no real zone differs from another for less.
pub fn same_clock(a: Tz, b: Tz) -> bool {
    use chrono::{Offset, Utc};
    if a == b || a.name() == b.name() {
        return true;
    }
    let start = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date");
    let end = NaiveDate::from_ymd_opt(2100, 1, 1).expect("a valid date");
    start
        .iter_weeks()
        .take_while(|day| *day < end)
        .map(|day| Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN)))
        .all(|instant| {
            let offset = |zone: Tz| instant.with_timezone(&zone).offset().fix();
            offset(a) == offset(b)
        })
}

/// A prospect's stored zone. A name this build no longer knows (the zone database changed)
/// counts as none rather than failing every command that shows the prospect.
pub fn named(name: Option<&str>) -> Option<Tz> {
    name.and_then(|name| parse(name).ok())
}

/// How a zone is called in a table cell: its city, "New York" for America/New_York.
pub fn city(zone: Tz) -> String {
    let name = zone.name();
    name.rsplit('/').next().unwrap_or(name).replace('_', " ")
}

/// The wall-clock time in `to` of the instant that reads `local` in `from`. A time skipped by
/// a daylight-saving change is refused with the next one that exists; a time that happens
/// twice (the clocks going back) is taken the first time, as people mean it.
pub fn convert(local: NaiveDateTime, from: Tz, to: Tz) -> Result<NaiveDateTime, ZoneError> {
    Ok(instant(local, from)?.with_timezone(&to).naive_local())
}

/// Refuses a wall-clock time that `zone` skips, as [`convert`] does: a time typed for the
/// salesperson's own clock (`log --promise`, `--at`) must exist on it.
pub fn check_exists(local: NaiveDateTime, zone: Tz) -> Result<(), ZoneError> {
    instant(local, zone).map(|_| ())
}

/// The instant a wall-clock time of `zone` stands for where instants are kept (a team's
/// database: store/conn.rs binds every time it writes as this), by the rule of [`convert`]:
/// the first of two when the clocks go back. A time the clocks skip cannot be refused there
/// (a pinned clock, a book moved in from a file that kept it) and stands for the next time
/// that exists, the one [`check_exists`] names. A time past the instants chrono can reckon
/// in `zone` (a far bound of a range) is taken as UTC.
pub fn stored_instant(local: NaiveDateTime, zone: Tz) -> DateTime<Utc> {
    instant(local, zone)
        .or_else(|_| instant(next_valid(local, zone), zone))
        .map_or_else(|_| local.and_utc(), |at| at.with_timezone(&Utc))
}

/// The instant a wall-clock time of `zone` reads, the first of two when the clocks go back.
fn instant(local: NaiveDateTime, zone: Tz) -> Result<DateTime<Tz>, ZoneError> {
    match zone.from_local_datetime(&local) {
        LocalResult::Single(instant) => Ok(instant),
        LocalResult::Ambiguous(earlier, _) => Ok(earlier),
        LocalResult::None => Err(ZoneError::Gap {
            time: local.format("%Y-%m-%d %H:%M").to_string(),
            zone: zone.name().to_string(),
            next: next_valid(local, zone).format("%H:%M").to_string(),
        }),
    }
}

/// The first minute after a gap: gaps last at most a few hours, so a bounded walk finds it.
fn next_valid(local: NaiveDateTime, zone: Tz) -> NaiveDateTime {
    (1..=24 * 60)
        .map_while(|minutes| local.checked_add_signed(TimeDelta::minutes(minutes)))
        .find(|time| !matches!(zone.from_local_datetime(time), LocalResult::None))
        .unwrap_or(local)
}

/// `[calendar] call_hours = "08:00-17:30"`: when prospects take calls, in their own zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallHours {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl CallHours {
    /// Reads "HH:MM-HH:MM", the start before the end (office hours do not cross midnight).
    pub fn parse(text: &str) -> Result<CallHours, String> {
        let bad = || {
            format!(
                "{} is not a range of hours such as \"08:00-17:30\"",
                crate::quote::quoted(text)
            )
        };
        let (start, end) = text.split_once('-').ok_or_else(bad)?;
        let time = |part: &str| NaiveTime::parse_from_str(part.trim(), "%H:%M").map_err(|_| bad());
        let (start, end) = (time(start)?, time(end)?);
        if start >= end {
            return Err(format!(
                "{}: the start must come before the end, on the same day",
                crate::quote::quoted(text)
            ));
        }
        Ok(CallHours { start, end })
    }
}

impl fmt::Display for CallHours {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}-{}",
            self.start.format("%H:%M"),
            self.end.format("%H:%M")
        )
    }
}

/// The part of the salesperson's `day` in which the prospect is within their call hours, in
/// the salesperson's wall-clock time. `end` is exclusive and may be the next midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: NaiveDateTime,
    pub end: NaiveDateTime,
}

impl Window {
    /// "14:00-23:30", with "24:00" for a window that runs to midnight.
    pub fn label(&self) -> String {
        let end = if self.end.date() > self.start.date() && self.end.time() == NaiveTime::MIN {
            "24:00".to_string()
        } else {
            self.end.format("%H:%M").to_string()
        };
        format!("{}-{end}", self.start.format("%H:%M"))
    }
}

/// When on `day` (the salesperson's date) a prospect in `theirs` can be called within `hours`,
/// seen from `mine`. Their hours on their previous, same and next date are all tried, since a
/// zone far east or west puts their working day across the salesperson's midnight; the first
/// stretch that meets `day` is given. `None`: their hours do not meet this day at all.
pub fn window(hours: CallHours, theirs: Tz, mine: Tz, day: NaiveDate) -> Option<Window> {
    let day_start = day.and_time(NaiveTime::MIN);
    let day_end = day_start + TimeDelta::days(1);
    [-1, 0, 1]
        .into_iter()
        .filter_map(|offset| day.checked_add_signed(TimeDelta::days(offset)))
        .filter_map(|date| {
            let start = convert(date.and_time(hours.start), theirs, mine).ok()?;
            let end = convert(date.and_time(hours.end), theirs, mine).ok()?;
            let (start, end) = (start.max(day_start), end.min(day_end));
            (start < end).then_some(Window { start, end })
        })
        .next()
}

/// What the salesperson should know at `now` about calling within `window` on `day`, in
/// their own time: short enough for a table cell.
pub fn advice(window: Option<Window>, day: NaiveDate, now: NaiveDateTime) -> String {
    let Some(window) = window else {
        return "not in your day".to_string();
    };
    let label = window.label();
    let end = label.split('-').nth(1).unwrap_or_default();
    if day > now.date() {
        format!("call {label}")
    } else if now < window.start {
        format!("from {} to {end}", window.start.format("%H:%M"))
    } else if now < window.end {
        format!("fits now, until {end}")
    } else {
        format!("too late today ({label})")
    }
}

/// [`advice`] for an action that may have a promised time: a promise set outside their hours
/// is what the salesperson needs to hear about, since the time was already given.
pub fn promise_advice(
    window: Option<Window>,
    promised: Option<NaiveDateTime>,
    day: NaiveDate,
    now: NaiveDateTime,
) -> String {
    match (window, promised) {
        (Some(window), Some(at)) if at < window.start || at >= window.end => format!(
            "promised {} is outside their hours ({})",
            at.format("%H:%M"),
            window.label()
        ),
        _ => advice(window, day, now),
    }
}

#[cfg(test)]
mod tests;
