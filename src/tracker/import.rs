//! Storing a batch of prospects read from a file: all of them in one write, or none.
//!
//! Built for large files: the emails and phones on file are read once into memory, each new
//! prospect is one prepared INSERT that also stores its due date, and nothing is read back.

use std::collections::BTreeMap;

use crate::channel;
use crate::domain::{Preference, ValueFor};
use crate::error::Result;
use crate::stats::facts::Facts;
use crate::store::Writer;
use crate::transfer::dedupe::Seen;
use crate::transfer::{Batch, Incoming, IncomingItem, Skip};

use super::{Tracker, audit, due_on};

/// What an import did, or would do in a dry run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub attempts: usize,
    pub skipped: BTreeMap<Skip, usize>,
    /// Each prospect skipped (blank rows aside), in file order.
    pub skipped_rows: Vec<SkippedRow>,
    pub dry_run: bool,
    /// The added prospects whose preferred channel lacks its detail (a text preference with no
    /// phone), by name: `import` warns about them.
    pub unusable_preferences: Vec<(String, Preference)>,
}

/// A prospect of the file that was not added, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedRow {
    /// The CSV row (the header is row 1), or `None` for a JSON export.
    pub row: Option<u64>,
    /// Its place among the file's prospects, from 1.
    pub number: usize,
    pub name: String,
    pub skip: Skip,
}

impl ImportReport {
    pub fn skipped_total(&self) -> usize {
        self.skipped.values().sum()
    }
}

impl Tracker {
    /// Adds the prospects of `batch` that are not on file yet, with their attempts, in one
    /// transaction. A dry run decides the same way and writes nothing. `progress` is told
    /// how many of how many prospects are stored, as they are (the slow part of an import).
    pub fn import(
        &mut self,
        batch: Batch,
        dry_run: bool,
        progress: &mut dyn FnMut(usize, usize),
    ) -> Result<ImportReport> {
        let mut on_file = Seen::default();
        for keys in self.store.reader().contacts()? {
            on_file.insert(keys.email.as_deref(), keys.phone.as_deref());
        }
        let mut report = ImportReport {
            dry_run,
            ..ImportReport::default()
        };
        if batch.blank_rows > 0 {
            report.skipped.insert(Skip::Blank, batch.blank_rows);
        }
        let mut in_file = Seen::default();
        let mut accepted = Vec::with_capacity(batch.prospects.len());
        for (index, incoming) in batch.prospects.into_iter().enumerate() {
            let contact = &incoming.prospect.contact;
            let skip = match on_file.matches(contact) {
                Some(by) => Some(Skip::OnFile(by)),
                None if batch.keep_repeats => None,
                None => in_file.matches(contact).map(Skip::Repeated),
            };
            if let Some(skip) = skip {
                *report.skipped.entry(skip).or_default() += 1;
                report.skipped_rows.push(SkippedRow {
                    row: incoming.row,
                    number: index + 1,
                    name: contact.name.clone(),
                    skip,
                });
                continue;
            }
            in_file.insert(contact.email.as_deref(), contact.phone.as_deref());
            report.added += 1;
            if let Some(preference) = channel::unusable_preference(contact) {
                report
                    .unusable_preferences
                    .push((contact.name.clone(), preference));
            }
            report.attempts += incoming.attempts.len();
            accepted.push(incoming);
        }
        if dry_run || accepted.is_empty() {
            return Ok(report);
        }
        let topic_items = batch.topic_items;
        let existing = if topic_items.is_empty() {
            Vec::new()
        } else {
            self.store.reader().value_items()?
        };
        let now = self.now;
        self.write(|writer, rules| {
            // The file's item ids to this database's: a topic's item already kept here (the
            // same topic, kind and words) is used as it is, not kept twice.
            let mut ids = BTreeMap::new();
            for item in &topic_items {
                let same = existing.iter().find(|kept| {
                    kept.kind == item.kind
                        && kept.text == item.text
                        && matches!(&kept.owner, ValueFor::Topic(topic)
                        if item.topic.as_deref().is_some_and(|theirs| {
                            crate::value::same_topic(topic, theirs)
                        }))
                });
                let id = match same {
                    Some(kept) => kept.id,
                    None => store_item(
                        writer,
                        item,
                        ValueFor::Topic(item.topic.clone().unwrap_or_default()),
                    )?,
                };
                ids.insert(item.key, id);
            }
            for (done, incoming) in accepted.iter().enumerate() {
                // Imported files start in the pool (on a team book): its rules.
                let id = store_incoming(writer, rules.of(None), incoming, &mut ids)?;
                // One row per prospect: what was added, not each of its attempts.
                let what = Some(incoming.prospect.contact.name.clone());
                audit::record(writer, now, Some(id), "import", None, None, what)?;
                progress(done + 1, accepted.len());
            }
            Ok(())
        })?;
        Ok(report)
    }
}

/// One prospect and its attempts, with the due date the engine gives them (for a new
/// prospect with no history, simply its start).
fn store_incoming(
    writer: &Writer<'_>,
    config: &crate::config::Config,
    incoming: &Incoming,
    ids: &mut BTreeMap<i64, i64>,
) -> Result<crate::domain::ProspectId> {
    let prospect = &incoming.prospect;
    let history: Vec<_> = incoming
        .attempts
        .iter()
        .map(|attempt| attempt.as_attempt())
        .collect();
    // The engine's earliest_due, as for every other write (a new prospect with no history is
    // simply due on its start date).
    let id = writer.insert_whole_prospect(prospect, due_on(config, prospect, &history))?;
    for item in &incoming.value_items {
        ids.insert(item.key, store_item(writer, item, ValueFor::Prospect(id))?);
    }
    let mut stored_history = Vec::with_capacity(incoming.attempts.len());
    let mut carried_by = BTreeMap::new();
    for (index, attempt) in incoming.attempts.iter().enumerate() {
        let mut attempt = attempt.clone();
        attempt.prospect_id = id;
        let stored = writer.insert_attempt(&attempt)?;
        // The file was checked to name only its own items (transfer::archive::read).
        let carried = incoming.carried.get(index).copied().flatten();
        if let Some(item) = carried.and_then(|key| ids.get(&key)) {
            writer.set_attempt_value(stored, *item)?;
            carried_by.insert(stored, *item);
        }
        stored_history.push(crate::domain::Attempt {
            id: stored,
            ..attempt.as_attempt()
        });
    }
    if !stored_history.is_empty() {
        // In the order the store reads them back.
        stored_history.sort_by_key(|attempt| (attempt.at, attempt.id));
        let facts = Facts::of(
            prospect,
            &stored_history,
            |attempt| carried_by.get(&attempt).copied(),
            config,
        );
        writer.replace_stat_facts(id, &facts)?;
    }
    Ok(id)
}

/// One value item of the file, for `owner`; returns its id here.
fn store_item(writer: &Writer<'_>, item: &IncomingItem, owner: ValueFor) -> Result<i64> {
    let id = writer.insert_value_item(&owner, item.kind, &item.text, item.added_at)?;
    if let Some(at) = item.retired_at {
        writer.retire_value_item(id, at)?;
    }
    Ok(id)
}
