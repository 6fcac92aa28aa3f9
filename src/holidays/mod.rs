//! Public holiday calendars, as calendar programs publish them: iCalendar files (RFC 5545)
//! whose all-day events are the days off.
//!
//! Only the small part of the format such files use is read, by hand: all-day `VEVENT`s with
//! their `DTSTART;VALUE=DATE`, `DTEND` or `DURATION`, yearly `RRULE`s (see [`yearly`]),
//! `RDATE`, `EXDATE`, `RECURRENCE-ID` overrides and `STATUS:CANCELLED`. Whatever is left out
//! (timed events, other repeat rules) is not guessed at: it is listed in
//! [`HolidayFile::skipped`] so the user can see it. Nothing here touches a file or a database.

mod lines;
mod yearly;

use crate::quote::quoted;
use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, Days, NaiveDate};

use lines::{ContentLine, content_lines, unescape};
use yearly::Yearly;

/// Yearly rules are expanded through this year: they have no end of their own, and the
/// calendar needs a list of dates.
pub const LAST_YEAR: i32 = 2099;

/// An all-day event longer than this is not a holiday but a mistake, or a season.
const MAX_EVENT_DAYS: u64 = 366;

/// One day off with its name, as the file calls it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: String,
}

/// Where a list of days off comes from, for `calendar show`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Source {
    /// `holidays = [...]` in the cadence file.
    CadenceFile,
    /// A file named by `holiday_calendars` in the cadence file, as written there.
    CalendarFile(String),
    /// Copied into the database by `followup calendar import FILE`: the file's name.
    Imported(String),
}

impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Source::CadenceFile => write!(f, "cadence file"),
            Source::CalendarFile(path) => write!(f, "{path}"),
            Source::Imported(name) => write!(f, "imported {name}"),
        }
    }
}

/// The days off of one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HolidayList {
    pub source: Source,
    pub holidays: Vec<Holiday>,
    /// What the file held that is not taken as a day off, one sentence each.
    pub skipped: Vec<String>,
}

/// What a holiday calendar file gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HolidayFile {
    /// By date, one entry per date (names of events on the same day joined).
    pub holidays: Vec<Holiday>,
    /// What was left out and why, one sentence each.
    pub skipped: Vec<String>,
}

/// A file that is not an iCalendar file, or breaks its structure.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", .line.map(|line| format!("line {line}: ")).unwrap_or_default())]
pub struct IcsError {
    pub line: Option<usize>,
    pub message: String,
}

impl IcsError {
    fn at(line: usize, message: impl Into<String>) -> IcsError {
        IcsError {
            line: Some(line),
            message: message.into(),
        }
    }
}

/// The holidays of an iCalendar file's text.
pub fn read(text: &str) -> Result<HolidayFile, IcsError> {
    let events = events(&content_lines(text)?)?;
    let mut skipped = Vec::new();
    let mut timed = 0;

    // An override of one occurrence (RECURRENCE-ID) replaces it: the master loses that date.
    let mut moved: BTreeMap<&str, BTreeSet<NaiveDate>> = BTreeMap::new();
    for event in &events {
        if let (Some(uid), Some(id)) = (event.uid.as_deref(), &event.recurrence_id) {
            moved
                .entry(uid)
                .or_default()
                .extend(dates(id, &mut skipped)?);
        }
    }

    let mut names: BTreeMap<NaiveDate, Vec<String>> = BTreeMap::new();
    for event in &events {
        if event.cancelled {
            continue;
        }
        let Some(start) = &event.start else {
            skipped.push(format!("the event at line {} has no DTSTART", event.line));
            continue;
        };
        if !is_all_day(start) {
            timed += 1;
            continue;
        }
        let first = date(start)?;
        let length = event.length(first)?;
        if length > MAX_EVENT_DAYS {
            skipped.push(format!(
                "{} (line {}) lasts {length} days, more than a year",
                quoted(&event.name()),
                event.line
            ));
            continue;
        }
        let mut starts: BTreeSet<NaiveDate> = match (&event.rule, &event.recurrence_id) {
            (Some(rule), None) => match Yearly::parse(&rule.value) {
                Ok(rule) => rule.starts(first, LAST_YEAR).into_iter().collect(),
                Err(why) => {
                    skipped.push(format!(
                        "{} (line {}) repeats by a rule followup does not follow ({why}); \
                         only its first date counts",
                        quoted(&event.name()),
                        rule.line
                    ));
                    BTreeSet::from([first])
                }
            },
            _ => BTreeSet::from([first]),
        };
        for extra in &event.extra {
            starts.extend(dates(extra, &mut skipped)?);
        }
        for excluded in &event.excluded {
            for day in dates(excluded, &mut skipped)? {
                starts.remove(&day);
            }
        }
        if event.recurrence_id.is_none()
            && let Some(gone) = event.uid.as_deref().and_then(|uid| moved.get(uid))
        {
            starts.retain(|day| !gone.contains(day));
        }
        for start in starts {
            for offset in 0..length {
                let Some(day) = start.checked_add_days(Days::new(offset)) else {
                    continue;
                };
                if crate::when::is_supported(day) && day.year() <= LAST_YEAR {
                    let list = names.entry(day).or_default();
                    if !list.contains(&event.name()) {
                        list.push(event.name());
                    }
                }
            }
        }
    }
    if timed > 0 {
        let events = if timed == 1 { "event" } else { "events" };
        skipped.push(format!(
            "{timed} timed {events} left out: only all-day events are days off"
        ));
    }
    Ok(HolidayFile {
        holidays: names
            .into_iter()
            .map(|(date, names)| Holiday {
                date,
                name: names.join(" / "),
            })
            .collect(),
        skipped,
    })
}

/// The properties of one `VEVENT` that matter for days off.
#[derive(Debug, Default)]
struct Event {
    line: usize,
    uid: Option<String>,
    summary: Option<String>,
    start: Option<ContentLine>,
    end: Option<ContentLine>,
    duration: Option<ContentLine>,
    rule: Option<ContentLine>,
    extra: Vec<ContentLine>,
    excluded: Vec<ContentLine>,
    recurrence_id: Option<ContentLine>,
    cancelled: bool,
}

impl Event {
    fn name(&self) -> String {
        self.summary
            .as_deref()
            .map(str::trim)
            .filter(|name| !name.is_empty())
            .unwrap_or("holiday")
            .to_string()
    }

    /// How many days each occurrence covers: DTEND is exclusive; DURATION counts days or weeks.
    fn length(&self, first: NaiveDate) -> Result<u64, IcsError> {
        if let Some(end) = &self.end {
            let last = date(end)?;
            return Ok((last - first).num_days().max(1) as u64);
        }
        let Some(duration) = &self.duration else {
            return Ok(1);
        };
        let value = duration.value.trim().trim_start_matches('+');
        let days = value
            .strip_prefix('P')
            .and_then(|rest| {
                let (number, unit) = rest.split_at(rest.len().checked_sub(1)?);
                let number: u64 = number.parse().ok()?;
                match unit {
                    "D" => Some(number),
                    "W" => number.checked_mul(7),
                    _ => None,
                }
            })
            .ok_or_else(|| {
                IcsError::at(
                    duration.line,
                    format!(
                        "DURATION {} of an all-day event must be whole days (P1D) or weeks (P1W)",
                        quoted(&duration.value)
                    ),
                )
            })?;
        Ok(days.max(1))
    }
}

/// Groups the lines into events, checking that components open and close in order.
fn events(lines: &[ContentLine]) -> Result<Vec<Event>, IcsError> {
    match lines.first() {
        Some(line) if line.name == "BEGIN" && line.value.eq_ignore_ascii_case("VCALENDAR") => {}
        Some(line) => {
            return Err(IcsError::at(
                line.line,
                "not an iCalendar file: it must start with BEGIN:VCALENDAR",
            ));
        }
        None => {
            return Err(IcsError {
                line: None,
                message: "the file is empty; an iCalendar file starts with BEGIN:VCALENDAR".into(),
            });
        }
    }
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut events = Vec::new();
    let mut current: Option<Event> = None;
    for line in lines {
        let component = line.value.trim().to_ascii_uppercase();
        match line.name.as_str() {
            "BEGIN" => {
                if component == "VEVENT" && open.len() == 1 {
                    current = Some(Event {
                        line: line.line,
                        ..Event::default()
                    });
                }
                open.push((component, line.line));
            }
            "END" => match open.pop() {
                Some((begun, _)) if begun == component => {
                    if component == "VEVENT" && open.len() == 1 {
                        events.extend(current.take());
                    }
                }
                Some((begun, begun_at)) => {
                    return Err(IcsError::at(
                        line.line,
                        format!("END:{component} closes BEGIN:{begun} of line {begun_at}"),
                    ));
                }
                None => {
                    return Err(IcsError::at(
                        line.line,
                        format!("END:{component} without a BEGIN"),
                    ));
                }
            },
            // Only the event's own properties: not those of an alarm inside it.
            _ if open.len() == 2 => {
                if let Some(event) = current.as_mut() {
                    take(event, line);
                }
            }
            _ => {}
        }
    }
    if let Some((begun, line)) = open.pop() {
        return Err(IcsError::at(
            line,
            format!("BEGIN:{begun} is never closed (the file may be cut short)"),
        ));
    }
    Ok(events)
}

fn take(event: &mut Event, line: &ContentLine) {
    let keep = || Some(line.clone());
    match line.name.as_str() {
        "UID" => event.uid = Some(line.value.clone()),
        "SUMMARY" => event.summary = Some(unescape(&line.value)),
        "DTSTART" => event.start = keep(),
        "DTEND" => event.end = keep(),
        "DURATION" => event.duration = keep(),
        "RRULE" => event.rule = keep(),
        "RDATE" => event.extra.push(line.clone()),
        "EXDATE" => event.excluded.push(line.clone()),
        "RECURRENCE-ID" => event.recurrence_id = keep(),
        "STATUS" => event.cancelled = line.value.trim().eq_ignore_ascii_case("CANCELLED"),
        _ => {}
    }
}

/// Whether a DTSTART is a date rather than a moment.
fn is_all_day(line: &ContentLine) -> bool {
    line.param("VALUE")
        .is_some_and(|value| value.eq_ignore_ascii_case("DATE"))
        || !line.value.contains('T')
}

/// The date of a DATE value, or the day of a DATE-TIME one (`20261225`, `20261225T000000Z`).
fn date(line: &ContentLine) -> Result<NaiveDate, IcsError> {
    parse_date(line.value.trim()).ok_or_else(|| {
        IcsError::at(
            line.line,
            format!(
                "{} {} is not a date (YYYYMMDD)",
                line.name,
                quoted(line.value.trim())
            ),
        )
    })
}

fn parse_date(value: &str) -> Option<NaiveDate> {
    let digits = value.get(..8)?;
    if !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    NaiveDate::parse_from_str(digits, "%Y%m%d").ok()
}

/// The dates of an RDATE, EXDATE or RECURRENCE-ID: a comma-separated list. Periods (an RDATE
/// may give one) are not days and are noted as left out.
fn dates(line: &ContentLine, skipped: &mut Vec<String>) -> Result<Vec<NaiveDate>, IcsError> {
    if line
        .param("VALUE")
        .is_some_and(|value| value.eq_ignore_ascii_case("PERIOD"))
    {
        skipped.push(format!("the periods of {} (line {})", line.name, line.line));
        return Ok(Vec::new());
    }
    line.value
        .split(',')
        .map(str::trim)
        .filter(|value| !value.is_empty())
        .map(|value| {
            parse_date(value).ok_or_else(|| {
                IcsError::at(
                    line.line,
                    format!("{} {} is not a date (YYYYMMDD)", line.name, quoted(value)),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests;
