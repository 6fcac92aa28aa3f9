//! `export --format csv`: one row per prospect, every cell made inert (see [`super::inert`]).

use chrono::{NaiveDate, NaiveDateTime};

use super::Exported;
use super::inert::inert;
use crate::channel;

/// The header; the fields a prospect is added with keep their import names, so an export
/// imports back (the other columns are reported as unknown and ignored).
const HEADER: [&str; 27] = [
    "id",
    "name",
    "company",
    "phone",
    "email",
    "title",
    "prefers",
    "next_step",
    "topic",
    "assistant",
    "assistant_phone",
    "note",
    "cadence",
    "start",
    "status",
    "close_reason",
    "closed_at",
    "close_note",
    "recontact_on",
    "run_started_at",
    "created_at",
    "attempts",
    "next_action",
    "next_due",
    "next_time",
    "time_zone",
    "next_channel",
];

fn date(value: Option<NaiveDate>) -> String {
    value.map(|day| day.to_string()).unwrap_or_default()
}

fn datetime(value: Option<NaiveDateTime>) -> String {
    value
        .map(|at| at.format("%Y-%m-%dT%H:%M:%S").to_string())
        .unwrap_or_default()
}

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn row(record: &Exported) -> [String; 27] {
    let prospect = &record.prospect;
    let contact = &prospect.contact;
    let closed = prospect.closed.as_ref();
    let next = record.next.as_ref();
    [
        prospect.id.to_string(),
        contact.name.clone(),
        text(&contact.company),
        text(&contact.phone),
        text(&contact.email),
        text(&contact.title),
        contact.prefers.map(|p| p.to_string()).unwrap_or_default(),
        text(&contact.next_step),
        text(&contact.topic),
        text(&contact.assistant),
        text(&contact.assistant_phone),
        text(&contact.note),
        prospect.cadence.clone(),
        prospect.start.to_string(),
        prospect.status.to_string(),
        closed.map(|c| c.reason.to_string()).unwrap_or_default(),
        datetime(closed.map(|c| c.at)),
        closed.and_then(|c| c.note.clone()).unwrap_or_default(),
        date(prospect.recontact_on),
        datetime(prospect.run_started_at),
        datetime(Some(prospect.created_at)),
        record.attempts.len().to_string(),
        next.map(|n| n.step.to_string()).unwrap_or_default(),
        date(next.map(|n| n.due)),
        next.and_then(|n| n.time)
            .map(|time| time.format("%H:%M").to_string())
            .unwrap_or_default(),
        text(&contact.time_zone),
        // The channel the list suggests (see `channel::reach`); empty when nothing reaches them.
        next.and_then(|n| channel::reach(contact, n.step, n.time.is_some()).channel())
            .map(|channel| channel.to_string())
            .unwrap_or_default(),
    ]
}

/// The whole file.
pub fn write(records: &[Exported]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to memory fails only if a record's length differs from the header's, which
    // the fixed-size arrays rule out.
    let _ = writer.write_record(HEADER);
    for record in records {
        let _ = writer.write_record(row(record).iter().map(|cell| inert(cell).into_owned()));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}
