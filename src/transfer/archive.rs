//! `export --format json` and `import --format json`: the whole book, prospects with every
//! field and their attempts, as a backup that imports back without loss (ids aside: the
//! importing database gives its own).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use super::{Batch, Exported, Incoming, TransferError, sniff};
use crate::domain::checks::{self, LONG_TEXT, Part};
use crate::domain::{
    Channel, CloseReason, Closure, Contact, Outcome, Preference, Prospect, Status, Step,
};
use crate::render::json::ArrayWriter;
use crate::store::NewAttempt;
use crate::when;

/// The version of this format; a file from a newer followup is refused rather than misread.
pub const FORMAT_VERSION: u32 = 1;

/// The file: a version, when it was written, and the prospects.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Archive {
    pub followup_export: u32,
    pub exported_at: Option<NaiveDateTime>,
    pub prospects: Vec<ArchivedProspect>,
}

/// A prospect with every stored field. Only `name` is required on import; the rest takes the
/// defaults of `followup add`.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchivedProspect {
    /// The id in the exporting database; ignored on import.
    pub id: Option<i64>,
    pub name: String,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub title: Option<String>,
    pub prefers: Option<Preference>,
    pub next_step: Option<String>,
    pub topic: Option<String>,
    pub assistant: Option<String>,
    pub assistant_phone: Option<String>,
    pub note: Option<String>,
    /// Absent from backups made before schema 3.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Absent from backups made before schema 4: none agreed.
    #[serde(default)]
    pub ground_rules: bool,
    /// Absent from backups made before schema 4.
    #[serde(default)]
    pub main_line: Option<String>,
    pub cadence: Option<String>,
    pub start: Option<NaiveDate>,
    pub status: Option<Status>,
    pub close_reason: Option<CloseReason>,
    pub closed_at: Option<NaiveDateTime>,
    pub close_note: Option<String>,
    /// A lost deal kept on the drip. Absent from backups made before schema 6, and written
    /// only when true: not on it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub drip: bool,
    pub recontact_on: Option<NaiveDate>,
    pub run_started_at: Option<NaiveDateTime>,
    pub created_at: Option<NaiveDateTime>,
    #[serde(default)]
    pub attempts: Vec<ArchivedAttempt>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchivedAttempt {
    pub at: NaiveDateTime,
    pub channel: Channel,
    pub outcome: Outcome,
    pub step: Step,
    pub note: Option<String>,
    pub promise: Option<NaiveDateTime>,
    pub next: Option<NaiveDate>,
    /// When it was logged; the attempt's own time if absent.
    pub logged_at: Option<NaiveDateTime>,
}

impl From<&Exported> for ArchivedProspect {
    fn from(record: &Exported) -> Self {
        let prospect = &record.prospect;
        let contact = prospect.contact.clone();
        let closed = prospect.closed.clone();
        ArchivedProspect {
            id: Some(prospect.id),
            name: contact.name,
            company: contact.company,
            phone: contact.phone,
            email: contact.email,
            title: contact.title,
            prefers: contact.prefers,
            next_step: contact.next_step,
            topic: contact.topic,
            assistant: contact.assistant,
            assistant_phone: contact.assistant_phone,
            note: contact.note,
            time_zone: contact.time_zone,
            ground_rules: contact.ground_rules,
            main_line: contact.main_line,
            cadence: Some(prospect.cadence.clone()),
            start: Some(prospect.start),
            status: Some(prospect.status),
            close_reason: closed.as_ref().map(|closure| closure.reason),
            closed_at: closed.as_ref().map(|closure| closure.at),
            drip: closed.as_ref().is_some_and(|closure| closure.drip),
            close_note: closed.and_then(|closure| closure.note),
            recontact_on: prospect.recontact_on,
            run_started_at: prospect.run_started_at,
            created_at: Some(prospect.created_at),
            attempts: record
                .attempts
                .iter()
                .map(|stored| ArchivedAttempt {
                    at: stored.attempt.at,
                    channel: stored.attempt.channel,
                    outcome: stored.attempt.outcome,
                    step: stored.attempt.step,
                    note: stored.attempt.note.clone(),
                    promise: stored.attempt.promise,
                    next: stored.attempt.next,
                    logged_at: Some(stored.logged_at),
                })
                .collect(),
        }
    }
}

/// The file `export --format json` writes.
pub fn write(records: &[Exported], now: NaiveDateTime) -> String {
    crate::render::json::to_string(&Archive {
        followup_export: FORMAT_VERSION,
        exported_at: Some(now),
        prospects: records.iter().map(ArchivedProspect::from).collect(),
    })
}

/// The file `export --format json` writes, one prospect at a time: [`Streamed::head`], then
/// [`Streamed::prospect`] for each, then [`Streamed::tail`]. The same bytes as [`write`].
pub struct Streamed {
    prospects: ArrayWriter,
}

impl Streamed {
    /// The writer, and the text before the first prospect: the version and the time.
    pub fn head(now: NaiveDateTime) -> (Streamed, String) {
        let empty = crate::render::json::to_string(&Archive {
            followup_export: FORMAT_VERSION,
            exported_at: Some(now),
            prospects: Vec::new(),
        });
        // `prospects` is the last field: the empty file ends with its empty array.
        let head = empty.strip_suffix("[]\n}\n").unwrap_or(&empty);
        let prospects = ArrayWriter::new(1);
        let head = format!("{head}{}", prospects.open());
        (Streamed { prospects }, head)
    }

    pub fn prospect(&mut self, record: &Exported) -> String {
        self.prospects.element(&ArchivedProspect::from(record))
    }

    pub fn tail(&self) -> String {
        format!("{}\n}}\n", self.prospects.close())
    }
}

/// Reads an export, or a bare array of prospects (as `jq '.prospects'` leaves it).
/// `now` and `default_cadence` fill what a hand-written file leaves out.
pub fn read(
    bytes: &[u8],
    now: NaiveDateTime,
    default_cadence: &str,
    cadences: &[String],
) -> Result<Batch, TransferError> {
    let bytes = sniff::strip_bom(bytes);
    let bad = |error: serde_json::Error| TransferError::Json(error.to_string());
    let first = bytes.iter().find(|byte| !byte.is_ascii_whitespace());
    let prospects = if first == Some(&b'[') {
        serde_json::from_slice::<Vec<ArchivedProspect>>(bytes).map_err(bad)?
    } else {
        let archive: Archive = serde_json::from_slice(bytes).map_err(bad)?;
        if archive.followup_export > FORMAT_VERSION {
            return Err(TransferError::Json(format!(
                "the file is in export format {}, written by a newer followup; this one reads \
                 up to {FORMAT_VERSION}",
                archive.followup_export
            )));
        }
        archive.prospects
    };
    let prospects = prospects
        .into_iter()
        .enumerate()
        .map(|(index, archived)| {
            incoming(archived, now, default_cadence, cadences).map_err(|reason| {
                TransferError::Entry {
                    number: index + 1,
                    reason,
                }
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(Batch {
        prospects,
        // A backup holds whatever the database held, repeated contacts included: restoring
        // it must give them all back. Prospects already in the importing database still count.
        keep_repeats: true,
        ..Batch::default()
    })
}

/// One prospect of the file, checked as `add` and `log` check what they store.
fn incoming(
    archived: ArchivedProspect,
    now: NaiveDateTime,
    default_cadence: &str,
    cadences: &[String],
) -> Result<Incoming, String> {
    check_dates(&archived)?;
    let status = archived.status.unwrap_or(Status::Active);
    let closed = match (archived.close_reason, archived.closed_at) {
        (Some(reason), Some(at)) => Some(Closure {
            reason,
            at,
            note: archived.close_note,
            drip: archived.drip,
        }),
        (None, None) if archived.close_note.is_none() && !archived.drip => None,
        _ => {
            return Err(
                "close_reason and closed_at go together (and close_note needs them)".into(),
            );
        }
    };
    if closed
        .as_ref()
        .is_some_and(|closure| closure.drip && closure.reason != CloseReason::Lost)
    {
        return Err(
            "only a file closed as lost can be on the drip; drop drip or set \
                    close_reason to lost"
                .into(),
        );
    }
    if status == Status::Active && closed.is_some() {
        return Err("it is active but has a close_reason; set status to closed or drop it".into());
    }
    // A zone this build does not know would be misread by every command, so it is refused.
    let time_zone = match archived.time_zone.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(name) => Some(
            crate::zones::parse(name)
                .map_err(|error| error.to_string())?
                .name()
                .to_string(),
        ),
    };
    let cadence = archived
        .cadence
        .unwrap_or_else(|| default_cadence.to_string());
    checks::cadence(&cadence, cadences).map_err(|problem| problem.to_string())?;
    checks::text(
        "close_note",
        closed.as_ref().and_then(|closure| closure.note.as_deref()),
        LONG_TEXT,
    )
    .map_err(|problem| problem.to_string())?;
    for attempt in &archived.attempts {
        checks::attempt(
            attempt.at,
            attempt.promise,
            attempt.next,
            attempt.note.as_deref(),
            now.date(),
        )
        .map_err(|problem| {
            problem.describe(|part| match part {
                Part::At => "an attempt's at",
                Part::Promise => "an attempt's promise",
                Part::Next => "an attempt's next",
            })
        })?;
    }
    let attempts = archived
        .attempts
        .into_iter()
        .map(|attempt| NewAttempt {
            prospect_id: 0,
            at: attempt.at,
            channel: attempt.channel,
            outcome: attempt.outcome,
            step: attempt.step,
            note: attempt.note,
            promise: attempt.promise,
            next: attempt.next,
            logged_at: attempt.logged_at.unwrap_or(attempt.at),
        })
        .collect();
    let contact = Contact {
        name: archived.name,
        company: archived.company,
        phone: archived.phone,
        email: archived.email,
        title: archived.title,
        prefers: archived.prefers,
        next_step: archived.next_step,
        topic: archived.topic,
        assistant: archived.assistant,
        assistant_phone: archived.assistant_phone,
        note: archived.note,
        time_zone,
        ground_rules: archived.ground_rules,
        main_line: archived.main_line,
    };
    checks::contact(&contact).map_err(|problem| problem.to_string())?;
    Ok(Incoming {
        prospect: Prospect {
            id: 0,
            contact,
            cadence,
            start: archived.start.unwrap_or(now.date()),
            status,
            closed,
            recontact_on: archived.recontact_on,
            run_started_at: archived.run_started_at,
            created_at: archived.created_at.unwrap_or(now),
        },
        attempts,
        row: None,
    })
}

/// Dates far outside the years people type would overflow the calendar arithmetic of the
/// engine; they are refused as `followup add` refuses them.
fn check_dates(archived: &ArchivedProspect) -> Result<(), String> {
    let mut dates: Vec<(&str, Option<NaiveDate>)> = vec![
        ("start", archived.start),
        ("closed_at", archived.closed_at.map(|at| at.date())),
        ("recontact_on", archived.recontact_on),
        (
            "run_started_at",
            archived.run_started_at.map(|at| at.date()),
        ),
        ("created_at", archived.created_at.map(|at| at.date())),
    ];
    for attempt in &archived.attempts {
        dates.extend([
            ("an attempt's at", Some(attempt.at.date())),
            ("an attempt's promise", attempt.promise.map(|at| at.date())),
            ("an attempt's next", attempt.next),
            (
                "an attempt's logged_at",
                attempt.logged_at.map(|at| at.date()),
            ),
        ]);
    }
    match dates
        .into_iter()
        .find(|(_, date)| date.is_some_and(|date| !when::is_supported(date)))
    {
        Some((what, Some(date))) => Err(format!(
            "{what} {date} is outside the years 1900 to 9999 that followup handles"
        )),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 11, 23)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap()
    }

    fn cadences() -> Vec<String> {
        vec!["standard".into(), "nurture".into()]
    }

    #[test]
    fn a_bare_array_with_only_names_takes_the_defaults() {
        let batch = read(b"[{\"name\": \"Ann\"}]", now(), "standard", &cadences()).unwrap();
        let prospect = &batch.prospects[0].prospect;
        assert_eq!(prospect.status, Status::Active);
        assert_eq!(prospect.start, now().date());
        assert_eq!(prospect.cadence, "standard");
    }

    #[test]
    fn inconsistent_or_unknown_entries_are_refused_with_their_number() {
        let cases = [
            (r#"[{"name":"A"},{"name":" "}]"#, "prospect 2"),
            (r#"[{"name":"A","close_reason":"won"}]"#, "closed_at"),
            (
                r#"[{"name":"A","close_reason":"won","closed_at":"2026-11-20T10:00:00"}]"#,
                "active",
            ),
            (r#"[{"name":"A","phnoe":"1"}]"#, "phnoe"),
            (r#"{"followup_export":2,"prospects":[]}"#, "newer"),
            (r#"{"prospects":[]"#, "EOF"),
            (
                r#"[{"name":"A","recontact_on":"+200000-01-01"}]"#,
                "recontact_on",
            ),
            (
                r#"[{"name":"A","attempts":[{"at":"1066-10-14T09:00:00","channel":"call",
                    "outcome":"voicemail","step":"first"}]}]"#,
                "1066-10-14",
            ),
            // What `add` and `log` refuse, a file cannot bring in.
            (
                r#"[{"name":"A","cadence":"does-not-exist"}]"#,
                "does-not-exist",
            ),
            (
                r#"[{"name":"A","attempts":[{"at":"9999-12-31T09:00:00","channel":"call",
                    "outcome":"voicemail","step":"first"}]}]"#,
                "an attempt's at 9999-12-31 09:00 is in the future",
            ),
            (
                r#"[{"name":"A","attempts":[{"at":"2026-11-20T09:00:00","channel":"call",
                    "outcome":"voicemail","step":"first","promise":"2026-11-19T08:00:00"}]}]"#,
                "an attempt's promise",
            ),
            (
                r#"[{"name":"A","attempts":[{"at":"2026-11-20T09:00:00","channel":"call",
                    "outcome":"voicemail","step":"first","next":"2026-11-01"}]}]"#,
                "an attempt's next",
            ),
        ];
        for (file, expected) in cases {
            let error = read(file.as_bytes(), now(), "standard", &cadences())
                .unwrap_err()
                .to_string();
            assert!(error.contains(expected), "{file}: {error}");
        }
    }
}
