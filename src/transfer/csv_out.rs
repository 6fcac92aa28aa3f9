//! `export --format csv`: one row per prospect, every cell made inert (see [`super::inert`]).

use chrono::{NaiveDate, NaiveDateTime};

use super::Exported;
use super::inert::inert;
use crate::channel;

/// The header; the fields a prospect is added with keep their import names, so an export
/// imports back (the other columns are reported as unknown and ignored).
const HEADER: [&str; 28] = [
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
    // Last, so that the columns before it keep their places for sheets that read them.
    "drip",
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

fn row(record: &Exported) -> [String; 28] {
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
        // "yes" for a lost deal on the drip, empty otherwise, as the other flags of a row.
        if closed.is_some_and(|c| c.drip) {
            "yes".to_string()
        } else {
            String::new()
        },
    ]
}

/// The whole file at once: the header, then [`line`] of each record.
pub fn write(records: &[Exported]) -> String {
    let mut text = header();
    for record in records {
        text.push_str(&line(record));
    }
    text
}

/// The header line.
pub fn header() -> String {
    record(HEADER.iter().copied())
}

/// One prospect's line, as `export` writes it while it reads the book.
pub fn line(exported: &Exported) -> String {
    record(row(exported).iter().map(|cell| inert(cell).into_owned()))
}

/// One CSV record with its line ending. The writer keeps no state from one record to the
/// next that changes the bytes, so records written one by one make the same file.
fn record<T: AsRef<[u8]>>(cells: impl IntoIterator<Item = T>) -> String {
    let mut writer = csv::WriterBuilder::new()
        .buffer_capacity(1024)
        .from_writer(Vec::with_capacity(256));
    // Writing to memory fails only if a record's length differs from the one before, and
    // each writer writes one record.
    let _ = writer.write_record(cells);
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::record;

    #[test]
    fn records_written_one_by_one_make_the_file_one_writer_makes() {
        let rows = [
            vec!["id", "name", "note"],
            vec!["1", "Ann \"Quote\", Jr.", "two\nlines"],
            vec!["2", "", " leading space"],
            vec!["3", "Zoë", "semi;colon\r\ncrlf"],
            vec!["4", "\"", ""],
        ];
        let mut one = csv::Writer::from_writer(Vec::new());
        for row in &rows {
            one.write_record(row).unwrap();
        }
        let whole = String::from_utf8(one.into_inner().unwrap()).unwrap();
        let streamed: String = rows.iter().map(|row| record(row.iter())).collect();
        assert_eq!(streamed, whole);
    }
}
