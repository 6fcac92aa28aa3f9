//! `team import-book`: a rep's personal SQLite book copied into the team's database, every
//! prospect with its whole history, in one transaction, owned by the rep. Prospects already
//! on file (the same email, or the same phone without an email, as `import` matches them)
//! are skipped, naming the one they matched. The book's times were its salesperson's wall
//! clock (the zone under its `clock_zone` key); they are moved to this session's, so that
//! each keeps its moment.
//!
//! What is copied, table by table of the book: `prospects`, `attempts` (with the item each
//! carried and the ground rules each set), `attempt_effects` (what each `log` changed about
//! its file, which `undo` puts back), `value_items` (the prospects' own, and topic items the
//! team does not keep yet), and `away_days`, which become the rep's own days away: the
//! book's dates were computed with them. The figures of `stats` (`touch_facts`,
//! `touch_days`, `promise_facts`) are computed again here from the copied history, under
//! the team's rules. Not copied: `holidays` (the team's are a manager's, `calendar
//! import`), `meta` (the book's own bookkeeping, read for its `clock_zone`), and `reps`,
//! `audit` and `team_settings`, which a personal book leaves empty but for its own audit
//! rows, whose actor and ids are the book's; the import adds one audit row per file instead.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use chrono::NaiveDateTime;
use serde::Serialize;

use crate::domain::{ProspectId, Rep, ValueFor};
use crate::error::{Error, Result};
use crate::store::{AttemptRecord, Effect, NewAttempt, Planned, Selection, Store, StoreError};
use crate::transfer::dedupe::{email_key, phone_key};

use super::{Tracker, audit, load_rules, recompute_rep};

/// What `team import-book` did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BookImport {
    pub file: String,
    pub owner: Rep,
    pub added: Vec<BookAdded>,
    pub skipped: Vec<BookSkipped>,
    /// Attempts copied, over every prospect added.
    pub attempts: usize,
    /// Value items copied (the prospects' own, and topic items not already kept here).
    pub value_items: usize,
    /// Days away of the book that became the rep's (those they had marked already aside).
    pub days_away: usize,
}

/// A prospect of the book copied in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BookAdded {
    /// Its id in the book.
    pub book_id: ProspectId,
    /// Its id in the team's database.
    pub id: ProspectId,
    pub name: String,
    pub attempts: usize,
}

/// A prospect of the book left out, and the one on file it matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BookSkipped {
    pub book_id: ProspectId,
    pub name: String,
    /// `email`, or `phone` (for a prospect without an email).
    pub matched_by: &'static str,
    pub matched_id: ProspectId,
    pub matched_name: String,
}

/// One prospect of the book with its history, as read.
struct BookFile {
    prospect: crate::domain::Prospect,
    records: Vec<AttemptRecord>,
    /// The ids (in the book) of the attempts whose `log --ground-rules` set them.
    ground_rules_set: Vec<i64>,
    /// What the book kept of each attempt's effect on the file, by the attempt's id there.
    effects: BTreeMap<i64, Effect>,
}

impl Tracker {
    /// Copies the personal book at `path` into this team's database, owned by the rep
    /// `owner` names (by email or name).
    pub fn import_book(&mut self, path: &Path, owner: &str) -> Result<BookImport> {
        if self.store.path().is_some() {
            return Err(StoreError::ServerOnly {
                what: "team import-book",
            }
            .into());
        }
        let owner = self.rep_named(owner)?;
        let book = Store::open_read_only(path)?;
        let reader = book.reader();
        let mut files = Vec::new();
        reader.each_with_records(Selection::Status(None), |prospect, records| {
            let mut ground_rules_set = Vec::new();
            let mut effects = BTreeMap::new();
            for record in &records {
                if reader.ground_rules_set_by(record.attempt.id)? {
                    ground_rules_set.push(record.attempt.id);
                }
                if let Some(effect) = reader.effect_of(record.attempt.id)? {
                    effects.insert(record.attempt.id, effect);
                }
            }
            files.push(BookFile {
                prospect,
                records,
                ground_rules_set,
                effects,
            });
            Ok::<_, Error>(())
        })?;
        let mut book_items = reader.value_items()?;
        let book_away = reader.away_days(None)?;
        // The book's times are the wall clock of its own zone; this session writes its own.
        let book_zone = crate::zones::named(reader.meta(super::CLOCK_KEY)?.as_deref());
        if let Some(book_zone) = book_zone {
            let mine = self.rules.mine.zones.mine;
            let moved =
                |at: NaiveDateTime| crate::zones::convert(at, book_zone, mine).unwrap_or(at);
            for file in &mut files {
                file.move_clock(&moved);
            }
            for item in &mut book_items {
                item.added_at = moved(item.added_at);
                item.retired_at = item.retired_at.map(&moved);
            }
        }

        // Who is on file already, by the keys `import` matches on.
        let mut by_email = HashMap::new();
        let mut by_phone = HashMap::new();
        for keys in self.store.reader().contacts()? {
            let on_file = (keys.id, keys.name.clone());
            if let Some(key) = keys.email.as_deref().and_then(email_key) {
                by_email.entry(key).or_insert_with(|| on_file.clone());
            }
            if let Some(key) = keys.phone.as_deref().and_then(phone_key) {
                by_phone.entry(key).or_insert(on_file);
            }
        }
        let mut skipped = Vec::new();
        let mut accepted = Vec::new();
        for file in files {
            let contact = &file.prospect.contact;
            let matched = match contact.email.as_deref().and_then(email_key) {
                Some(email) => by_email.get(&email).map(|found| ("email", found)),
                None => contact
                    .phone
                    .as_deref()
                    .and_then(phone_key)
                    .and_then(|phone| by_phone.get(&phone))
                    .map(|found| ("phone", found)),
            };
            match matched {
                Some((by, (id, name))) => skipped.push(BookSkipped {
                    book_id: file.prospect.id,
                    name: contact.name.clone(),
                    matched_by: by,
                    matched_id: *id,
                    matched_name: name.clone(),
                }),
                None => accepted.push(file),
            }
        }

        let existing = self.store.reader().value_items()?;
        let now = self.now;
        let source = path.display().to_string();
        let owner_id = owner.id;
        let file_config = self.file_config.clone();
        let (added, value_items, days_away, rules) = self.write(|writer, _| {
            // The book's days away are the rep's: marked first, so that the dates computed
            // below skip them.
            let mut days_away = 0;
            for day in &book_away {
                days_away += writer.mark_away(Some(owner_id), *day, *day, now)?;
            }
            // The book's item ids to the team's.
            let mut items: BTreeMap<i64, i64> = BTreeMap::new();
            let mut value_items = 0;
            for item in &book_items {
                let ValueFor::Topic(topic) = &item.owner else {
                    continue;
                };
                // A topic's item the team keeps already (same topic, kind and words).
                let same = existing.iter().find(|kept| {
                    kept.kind == item.kind
                        && kept.text == item.text
                        && matches!(&kept.owner, ValueFor::Topic(theirs)
                            if crate::value::same_topic(theirs, topic))
                });
                let id = match same {
                    Some(kept) => kept.id,
                    None => {
                        value_items += 1;
                        copy_item(writer, item, item.owner.clone())?
                    }
                };
                items.insert(item.id, id);
            }
            let mut added = Vec::new();
            for file in &accepted {
                let prospect = &file.prospect;
                // Its due date is stored with the rep's other files' below.
                let id = writer.insert_whole_prospect(prospect, &Planned::Unworked(None))?;
                writer.set_owner(id, Some(owner_id))?;
                for item in &book_items {
                    if item.owner == ValueFor::Prospect(prospect.id) {
                        value_items += 1;
                        items.insert(item.id, copy_item(writer, item, ValueFor::Prospect(id))?);
                    }
                }
                for record in &file.records {
                    let attempt = &record.attempt;
                    let stored = writer.insert_attempt(&NewAttempt {
                        prospect_id: id,
                        at: attempt.at,
                        channel: attempt.channel,
                        outcome: attempt.outcome,
                        step: attempt.step,
                        note: attempt.note.clone(),
                        promise: attempt.promise,
                        next: attempt.next,
                        logged_at: record.logged_at,
                    })?;
                    if let Some(item) = record.value_item.and_then(|item| items.get(&item)) {
                        writer.set_attempt_value(stored, *item)?;
                    }
                    if file.ground_rules_set.contains(&attempt.id) {
                        writer.mark_ground_rules_set(stored)?;
                    }
                    if let Some(effect) = file.effects.get(&attempt.id) {
                        writer.record_effect(stored, effect)?;
                    }
                }
                // The book was the rep's: its touches were theirs.
                writer.set_rep_of_attempts(id, owner_id)?;
                let what = Some(format!(
                    "{} from {source} ({} attempts)",
                    prospect.contact.name,
                    file.records.len()
                ));
                audit::record(writer, now, Some(id), "import-book", None, None, what)?;
                added.push(BookAdded {
                    book_id: prospect.id,
                    id,
                    name: prospect.contact.name.clone(),
                    attempts: file.records.len(),
                });
            }
            // The rep's files, old and new, under their days away as they are now: the due
            // dates and the figures of `stats`.
            let rules = load_rules(&file_config, writer.reader(), true)?;
            recompute_rep(writer, &rules, owner_id)?;
            Ok::<_, Error>((added, value_items, days_away, rules))
        })?;
        self.rules = rules;
        Ok(BookImport {
            file: source,
            owner,
            attempts: added.iter().map(|file| file.attempts).sum(),
            added,
            skipped,
            value_items,
            days_away,
        })
    }

    /// The rep `name` names, by email or name (any case).
    fn rep_named(&self, name: &str) -> Result<Rep> {
        let wanted = name.trim().to_lowercase();
        let reps = self.store.reader().reps()?;
        if let Some(rep) = reps
            .iter()
            .find(|rep| rep.email.to_lowercase() == wanted || rep.name.to_lowercase() == wanted)
        {
            return Ok(rep.clone());
        }
        let known: Vec<String> = reps
            .iter()
            .map(|rep| format!("{} <{}>", rep.name, rep.email))
            .collect();
        Err(Error::Invalid(format!(
            "no rep is called or has the email {}; the team has: {}",
            crate::quote::quoted(name),
            if known.is_empty() {
                "no reps yet (`followup rep add`)".to_string()
            } else {
                known.join(", ")
            }
        )))
    }
}

impl BookFile {
    /// Every time of the file and its history read on another clock (`moved`): the book was
    /// written in its salesperson's zone, the team's database is written in the zone of the
    /// session that imports it. Days stay as they are.
    fn move_clock(&mut self, moved: &impl Fn(NaiveDateTime) -> NaiveDateTime) {
        let prospect = &mut self.prospect;
        prospect.created_at = moved(prospect.created_at);
        prospect.run_started_at = prospect.run_started_at.map(moved);
        if let Some(closed) = &mut prospect.closed {
            closed.at = moved(closed.at);
        }
        for record in &mut self.records {
            record.logged_at = moved(record.logged_at);
            record.attempt.at = moved(record.attempt.at);
            record.attempt.promise = record.attempt.promise.map(moved);
        }
        // The effects name the file's state at those moments: `undo` compares them with it.
        for effect in self.effects.values_mut() {
            for state in [&mut effect.before, &mut effect.after] {
                state.run_started_at = state.run_started_at.map(moved);
                if let Some(closed) = &mut state.closed {
                    closed.at = moved(closed.at);
                }
            }
        }
    }
}

/// One value item of the book, kept here for `owner`; returns its id here.
fn copy_item(
    writer: &crate::store::Writer<'_>,
    item: &crate::domain::ValueItem,
    owner: ValueFor,
) -> Result<i64> {
    let id = writer.insert_value_item(&owner, item.kind, &item.text, item.added_at)?;
    if let Some(at) = item.retired_at {
        writer.retire_value_item(id, at)?;
    }
    Ok(id)
}
