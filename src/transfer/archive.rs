//! `export --format json` and `import --format json`: the whole book, prospects with every
//! field and their attempts, and the value items (each prospect's own, and those kept for a
//! topic), as a backup that imports back without loss (ids aside: the importing database
//! gives its own, and an attempt names the item it carried by the item's id in the file).

use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

use std::collections::{BTreeMap, BTreeSet};

use super::{Batch, Exported, Incoming, IncomingItem, TransferError, sniff};
use crate::domain::checks::{self, LONG_TEXT, Part};
use crate::domain::{
    Channel, CloseReason, Closure, Contact, Outcome, Preference, Prospect, ProspectId, Status,
    Step, ValueFor, ValueItem, ValueKind,
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
    /// The value items kept for a topic, each with its `topic`. Absent from backups made
    /// before schema 7, and written only when there is one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub value_items: Vec<ArchivedValueItem>,
    pub prospects: Vec<ArchivedProspect>,
}

/// A value item: one of a prospect's own (no `topic`), or one kept for a topic.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArchivedValueItem {
    /// The id in the exporting database: an attempt's `value_item` names the item by it.
    pub id: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    pub kind: ValueKind,
    pub text: String,
    /// When it was kept; the time of the import if absent.
    pub added_at: Option<NaiveDateTime>,
    /// Taken out of use by `value remove` after a touch carried it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retired_at: Option<NaiveDateTime>,
}

impl From<&ValueItem> for ArchivedValueItem {
    fn from(item: &ValueItem) -> Self {
        ArchivedValueItem {
            id: item.id,
            topic: match &item.owner {
                ValueFor::Topic(topic) => Some(topic.clone()),
                ValueFor::Prospect(_) => None,
            },
            kind: item.kind,
            text: item.text.clone(),
            added_at: Some(item.added_at),
            retired_at: item.retired_at,
        }
    }
}

/// The value items of the book, as the file places them: the topics' at the top, each
/// prospect's own with the prospect.
#[derive(Debug, Default)]
pub struct ItemsByOwner {
    topics: Vec<ArchivedValueItem>,
    prospects: BTreeMap<ProspectId, Vec<ArchivedValueItem>>,
}

impl ItemsByOwner {
    pub fn new(items: &[ValueItem]) -> ItemsByOwner {
        let mut sorted = ItemsByOwner::default();
        for item in items {
            match item.owner {
                ValueFor::Topic(_) => sorted.topics.push(item.into()),
                ValueFor::Prospect(id) => {
                    sorted.prospects.entry(id).or_default().push(item.into());
                }
            }
        }
        sorted
    }

    fn of(&self, id: ProspectId) -> Vec<ArchivedValueItem> {
        self.prospects.get(&id).cloned().unwrap_or_default()
    }
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
    /// The items kept for this prospect alone. Absent from backups made before schema 7, and
    /// written only when there is one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub value_items: Vec<ArchivedValueItem>,
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
    /// The `id` of the value item its message carried, one of the file's; written only when
    /// there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_item: Option<i64>,
}

impl ArchivedProspect {
    fn new(record: &Exported, items: &ItemsByOwner) -> Self {
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
            value_items: items.of(prospect.id),
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
                    value_item: stored.value_item,
                })
                .collect(),
        }
    }
}

/// The file `export --format json` writes, with the book's value items `items`.
pub fn write(records: &[Exported], items: &[ValueItem], now: NaiveDateTime) -> String {
    let items = ItemsByOwner::new(items);
    crate::render::json::to_string(&Archive {
        followup_export: FORMAT_VERSION,
        exported_at: Some(now),
        value_items: items.topics.clone(),
        prospects: records
            .iter()
            .map(|record| ArchivedProspect::new(record, &items))
            .collect(),
    })
}

/// The file `export --format json` writes, one prospect at a time: [`Streamed::head`], then
/// [`Streamed::prospect`] for each, then [`Streamed::tail`]. The same bytes as [`write`].
/// The value items are few (typed by hand), so they are held whole; the prospects stream.
pub struct Streamed {
    prospects: ArrayWriter,
    items: ItemsByOwner,
}

impl Streamed {
    /// The writer, and the text before the first prospect: the version, the time and the
    /// topics' value items (`items` is every item of the book).
    pub fn head(now: NaiveDateTime, items: &[ValueItem]) -> (Streamed, String) {
        let items = ItemsByOwner::new(items);
        let empty = crate::render::json::to_string(&Archive {
            followup_export: FORMAT_VERSION,
            exported_at: Some(now),
            value_items: items.topics.clone(),
            prospects: Vec::new(),
        });
        // `prospects` is the last field: the empty file ends with its empty array.
        let head = empty.strip_suffix("[]\n}\n").unwrap_or(&empty);
        let prospects = ArrayWriter::new(1);
        let head = format!("{head}{}", prospects.open());
        (Streamed { prospects, items }, head)
    }

    pub fn prospect(&mut self, record: &Exported) -> String {
        self.prospects
            .element(&ArchivedProspect::new(record, &self.items))
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
    let (topic_items, prospects) = if first == Some(&b'[') {
        (
            Vec::new(),
            serde_json::from_slice::<Vec<ArchivedProspect>>(bytes).map_err(bad)?,
        )
    } else {
        let archive: Archive = serde_json::from_slice(bytes).map_err(bad)?;
        if archive.followup_export > FORMAT_VERSION {
            return Err(TransferError::Json(format!(
                "the file is in export format {}, written by a newer followup; this one reads \
                 up to {FORMAT_VERSION}",
                archive.followup_export
            )));
        }
        (archive.value_items, archive.prospects)
    };
    let topic_items = topic_items
        .into_iter()
        .map(|item| incoming_item(item, true, now))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|reason| TransferError::Json(format!("value_items: {reason}")))?;
    // Every id an attempt may name: the topics' items and each prospect's own.
    let mut keys: BTreeSet<i64> = topic_items.iter().map(|item| item.key).collect();
    let prospects = prospects
        .into_iter()
        .enumerate()
        .map(|(index, archived)| {
            incoming(archived, now, default_cadence, cadences, &mut keys).map_err(|reason| {
                TransferError::Entry {
                    number: index + 1,
                    reason,
                }
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    if let Some(unknown) = prospects.iter().enumerate().find_map(|(index, incoming)| {
        incoming
            .carried
            .iter()
            .flatten()
            .find(|key| !keys.contains(key))
            .map(|key| (index, *key))
    }) {
        return Err(TransferError::Entry {
            number: unknown.0 + 1,
            reason: format!(
                "an attempt's value_item {} is the id of no value item in the file",
                unknown.1
            ),
        });
    }
    Ok(Batch {
        prospects,
        topic_items,
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
    keys: &mut BTreeSet<i64>,
) -> Result<Incoming, String> {
    check_dates(&archived)?;
    let value_items = archived
        .value_items
        .into_iter()
        .map(|item| incoming_item(item, false, now))
        .collect::<Result<Vec<_>, _>>()?;
    for item in &value_items {
        if !keys.insert(item.key) {
            return Err(format!(
                "two value items have the id {}; each needs its own",
                item.key
            ));
        }
    }
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
        // An email cannot have left a voicemail, nor a call have been sent: `log` refuses
        // such a pair, and a file must not bring one in either.
        if !attempt.channel.allows(attempt.outcome) {
            return Err(format!(
                "an attempt of {} pairs the channel {} with the outcome {}, which do not go \
                 together; with {} the outcome is one of: {}",
                attempt.at.format("%Y-%m-%d %H:%M"),
                attempt.channel,
                attempt.outcome,
                attempt.channel,
                attempt.channel.outcomes_listed()
            ));
        }
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
    let carried = archived
        .attempts
        .iter()
        .map(|attempt| attempt.value_item)
        .collect();
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
            owner: None,
        },
        attempts,
        carried,
        value_items,
        row: None,
    })
}

/// One value item of the file, checked as `value add` checks it; `for_topic`: it is one of
/// the file's top-level items, which must name their topic (a prospect's own must not).
fn incoming_item(
    item: ArchivedValueItem,
    for_topic: bool,
    now: NaiveDateTime,
) -> Result<IncomingItem, String> {
    let text = item.text.trim().to_string();
    if text.is_empty() {
        return Err(format!("value item {} has no text", item.id));
    }
    checks::text("a value item's text", Some(&text), crate::value::MAX_CHARS)
        .map_err(|problem| problem.to_string())?;
    let topic = item.topic.map(|topic| topic.trim().to_string());
    match (&topic, for_topic) {
        (None, true) => {
            return Err(format!(
                "value item {} is kept for a topic but names none; add its topic",
                item.id
            ));
        }
        (Some(topic), true) => {
            if topic.is_empty() {
                return Err(format!("value item {} has an empty topic", item.id));
            }
            checks::text("a value item's topic", Some(topic), LONG_TEXT)
                .map_err(|problem| problem.to_string())?;
        }
        (Some(_), false) => {
            return Err(format!(
                "value item {} is a prospect's own but names a topic; move it to the file's \
                 value_items or drop its topic",
                item.id
            ));
        }
        (None, false) => {}
    }
    for (what, at) in [("added_at", item.added_at), ("retired_at", item.retired_at)] {
        if let Some(at) = at
            && !when::is_supported(at.date())
        {
            return Err(format!(
                "value item {}: {what} {} is outside the years 1900 to 9999 that followup \
                 handles",
                item.id,
                at.date()
            ));
        }
    }
    Ok(IncomingItem {
        key: item.id,
        topic,
        kind: item.kind,
        text,
        added_at: item.added_at.unwrap_or(now),
        retired_at: item.retired_at,
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
            (
                r#"[{"name":"A","attempts":[{"at":"2026-11-20T09:00:00","channel":"email",
                    "outcome":"voicemail","step":"first"}]}]"#,
                "an attempt of 2026-11-20 09:00 pairs the channel email with the outcome voicemail",
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
