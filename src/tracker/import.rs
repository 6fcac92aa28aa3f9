//! Storing the prospects a file holds: all of them in one write, or none.
//!
//! Built for large files: prospects are stored as the file is read, fifty to a prepared
//! INSERT (which also stores the due date, see `store::NewProspects`) in the one
//! transaction, so memory holds a row, not the file; the duplicate check keeps fingerprints of the emails and phones (see
//! `import_keys`), and the audit rows are appended at the end, one statement for a run of
//! ids (on SQLite, the whole import).

use std::collections::BTreeMap;

use chrono::NaiveDateTime;

use crate::channel;
use crate::domain::{Preference, ProspectId, ValueFor};
use crate::error::{Error, Result};
use crate::stats::facts::{Facts, Marks};
use crate::store::{AddedIds, NewProspects, Reader, Writer};
use crate::transfer::{Incoming, IncomingItem, Skip, Source, TransferError};

use super::import_keys::Duplicates;
use super::{Growth, Tracker, audit, planned};

/// How many skipped prospects the report keeps by name: a dry run lists this many (the
/// counts by reason cover all).
pub const NAMED_SKIPS: usize = 50;

/// How many prospects with an unusable preference the report keeps by name.
pub const NAMED_PREFERENCES: usize = 3;

/// How many runs of ids (see `store::AddedIds`) are held before their audit rows are appended:
/// on SQLite an import is one run, appended at the end; on PostgreSQL, where other sessions
/// take ids too, this bounds what is held.
const AUDIT_RUNS: usize = 1000;

/// The size of a CSV file from which an import writes under SQLite's rollback journal
/// (`store::journal`): about 12,000 leads, 4 MB of book. Below it, the two extra commits with
/// full syncs that the switches cost weigh as much as writing the new pages twice, and a
/// small import stays in WAL, where other commands read the book while it runs.
const GROWING_BYTES: u64 = 1 << 20;

/// What an import did, or would do in a dry run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportReport {
    pub added: usize,
    pub attempts: usize,
    pub skipped: BTreeMap<Skip, usize>,
    /// The first [`NAMED_SKIPS`] prospects skipped (blank rows aside), in file order; the
    /// counts of `skipped` cover them all.
    pub skipped_rows: Vec<SkippedRow>,
    pub dry_run: bool,
    /// The first [`NAMED_PREFERENCES`] added prospects whose preferred channel lacks its
    /// detail (a text preference with no phone), by name: `import` warns about them.
    pub unusable_preferences: Vec<(String, Preference)>,
    /// How many added prospects have such a preference, named or not.
    pub unusable_count: usize,
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

    /// Prospects skipped, blank rows aside.
    pub fn skipped_prospects(&self) -> usize {
        self.skipped_total() - self.skipped.get(&Skip::Blank).copied().unwrap_or(0)
    }

    /// Counts the `number`th prospect of the file as skipped.
    fn skip(&mut self, incoming: &Incoming, number: usize, skip: Skip) {
        *self.skipped.entry(skip).or_default() += 1;
        if self.skipped_rows.len() < NAMED_SKIPS {
            self.skipped_rows.push(SkippedRow {
                row: incoming.row,
                number,
                name: incoming.prospect.contact.name.clone(),
                skip,
            });
        }
    }

    /// Counts a prospect as added.
    fn add(&mut self, incoming: &Incoming) {
        let contact = &incoming.prospect.contact;
        self.added += 1;
        self.attempts += incoming.attempts.len();
        if let Some(preference) = channel::unusable_preference(contact) {
            self.unusable_count += 1;
            if self.unusable_preferences.len() < NAMED_PREFERENCES {
                self.unusable_preferences
                    .push((contact.name.clone(), preference));
            }
        }
    }
}

/// The next prospect of `source`, an error naming `file` when its row is wrong.
fn next(source: &mut dyn Source, file: &str) -> Result<Option<Incoming>> {
    source
        .next_incoming()
        .map_err(|source| transfer_error(file, source))
}

fn transfer_error(file: &str, source: TransferError) -> Error {
    Error::Transfer {
        file: file.to_string(),
        source,
    }
}

/// What becomes of a prospect to add: stored (an import) or only counted (a dry run).
trait Keep {
    /// Keeps `incoming`; returns the id it is stored under (`None` in a dry run).
    fn keep(&mut self, incoming: &Incoming) -> Result<Option<ProspectId>>;
    /// Makes every prospect kept so far readable in the store: called before the duplicate
    /// check reads it.
    fn settle(&mut self) -> Result<()>;
}

/// A dry run keeps nothing.
struct Counted;

impl Keep for Counted {
    fn keep(&mut self, _: &Incoming) -> Result<Option<ProspectId>> {
        Ok(None)
    }

    fn settle(&mut self) -> Result<()> {
        Ok(())
    }
}

/// The prospects of the file one at a time, each with its place in the file and why it is
/// skipped (`None`: it is added). Skips are counted into the report; each prospect to add
/// goes to `keeper`.
fn sort_out(
    reader: &Reader<'_>,
    source: &mut dyn Source,
    file: &str,
    duplicates: &mut Duplicates,
    report: &mut ImportReport,
    progress: &mut dyn FnMut(u64, u64),
    keeper: &mut dyn Keep,
) -> Result<()> {
    let mut number = 0;
    while let Some(incoming) = next(source, file)? {
        number += 1;
        let keys = duplicates.keys(&incoming.prospect.contact);
        match duplicates.skip(reader, &keys, &mut || keeper.settle())? {
            Some(skip) => report.skip(&incoming, number, skip),
            None => {
                let id = keeper.keep(&incoming)?;
                duplicates.added(&keys, id);
                report.add(&incoming);
            }
        }
        if number % 256 == 0 {
            let (done, of) = source.progress();
            progress(done, of);
        }
    }
    let blank = source.blank_rows();
    if blank > 0 {
        report.skipped.insert(Skip::Blank, blank);
    }
    Ok(())
}

impl Tracker {
    /// Adds the prospects of `source` (read from `file`) that are not on file yet, with their
    /// attempts, in one transaction, as they are read. A dry run decides the same way and
    /// writes nothing. `progress` is told how far the reading has got, as (done, of).
    pub fn import(
        &mut self,
        source: &mut dyn Source,
        file: &str,
        dry_run: bool,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<ImportReport> {
        let mut duplicates = Duplicates::of_book(&self.store.reader(), source.keep_repeats())?;
        let mut report = ImportReport {
            dry_run,
            ..ImportReport::default()
        };
        if dry_run {
            sort_out(
                &self.store.reader(),
                source,
                file,
                &mut duplicates,
                &mut report,
                progress,
                &mut Counted,
            )?;
            return Ok(report);
        }
        let topic_items = source.take_topic_items();
        let existing = if topic_items.is_empty() {
            Vec::new()
        } else {
            self.store.reader().value_items()?
        };
        let now = self.now;
        // A large file's new pages written once, not to the log and then the file.
        let growth = match source.stored_bytes() {
            Some(bytes) if bytes >= GROWING_BYTES => Growth::Much,
            _ => Growth::Some,
        };
        self.write_as(growth, |writer, rules| {
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
            // Imported files start in the pool (on a team book): its rules.
            let mut storing = Storing::new(writer, rules.of(None), now, ids)?;
            sort_out(
                &writer.reader(),
                source,
                file,
                &mut duplicates,
                &mut report,
                progress,
                &mut storing,
            )?;
            storing.finish()
        })?;
        Ok(report)
    }
}

/// An import's writes: each prospect as it comes (many to a statement, see
/// `store::NewProspects`), and one audit row per prospect, appended at the end.
struct Storing<'w> {
    writer: &'w Writer<'w>,
    prospects: NewProspects<'w>,
    config: &'w crate::config::Config,
    now: NaiveDateTime,
    /// The file's value item ids to this database's.
    ids: BTreeMap<i64, i64>,
    /// Prospects stored whose audit rows are not appended yet.
    unaudited: AddedIds,
}

impl<'w> Storing<'w> {
    fn new(
        writer: &'w Writer<'w>,
        config: &'w crate::config::Config,
        now: NaiveDateTime,
        ids: BTreeMap<i64, i64>,
    ) -> Result<Storing<'w>> {
        Ok(Storing {
            writer,
            prospects: writer.new_prospects()?,
            config,
            now,
            ids,
            unaudited: AddedIds::default(),
        })
    }

    /// Appends the audit rows of the prospects stored since the last append.
    fn audit(&mut self) -> Result<()> {
        self.prospects.flush()?;
        // One audit row per prospect (what was added, not each of its attempts).
        self.writer
            .append_added_audit(self.now, audit::LOCAL_ACTOR, "import", &self.unaudited)?;
        self.unaudited.clear();
        Ok(())
    }

    /// The last writes, before the commit.
    fn finish(mut self) -> Result<()> {
        self.audit()
    }
}

impl Keep for Storing<'_> {
    fn keep(&mut self, incoming: &Incoming) -> Result<Option<ProspectId>> {
        let id = store_incoming(
            &mut self.prospects,
            self.writer,
            self.config,
            incoming,
            &mut self.ids,
        )?;
        self.unaudited.push(id);
        if self.unaudited.runs() == AUDIT_RUNS {
            self.audit()?;
        }
        Ok(Some(id))
    }

    fn settle(&mut self) -> Result<()> {
        Ok(self.prospects.flush()?)
    }
}

/// One prospect and its attempts, with the due date the engine gives them (for a new
/// prospect with no history, simply its start).
fn store_incoming(
    prospects: &mut NewProspects<'_>,
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
    // Its plan, as every other write stores (a new prospect with no history is simply due on
    // its start date, for its first touch).
    let id = prospects.add(prospect, &planned(config, prospect, &history))?;
    if incoming.value_items.is_empty() && incoming.attempts.is_empty() {
        return Ok(id);
    }
    // What follows names the prospect: it must be stored first.
    prospects.flush()?;
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
            // An imported attempt is logged by no rep.
            |attempt| Marks {
                value_item: carried_by.get(&attempt).copied(),
                rep: None,
            },
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
