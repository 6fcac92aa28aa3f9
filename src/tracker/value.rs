//! Value items: keeping them (`value add`, `value list`, `value remove`) and finding the one a
//! prospect's next message carries, the one function every message goes through.

use std::collections::HashMap;
use std::rc::Rc;

use chrono::NaiveDateTime;

use crate::domain::checks;
use crate::domain::{
    Attempt, Channel, Outcome, Prospect, ProspectId, ValueFor, ValueItem, ValueKind,
};
use crate::error::{Error, Result};
use crate::value;

use super::{Tracker, audit};

/// The longest value item (see [`crate::value::MAX_CHARS`]).
pub const MAX_VALUE_CHARS: usize = crate::value::MAX_CHARS;

/// Every value item, and the items each prospect's touches carried.
#[derive(Debug)]
pub(super) struct ValueBook {
    items: Vec<ValueItem>,
    used: HashMap<ProspectId, Vec<i64>>,
}

/// What `value remove` did with an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Removed {
    /// No touch had carried it: it is gone.
    Deleted,
    /// A touch carried it: it is kept for the history and `stats`, and never offered again.
    Retired,
}

/// Which items `value list` shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueSelection {
    All,
    /// The items offered to one prospect, in the order they are offered.
    Prospect(ProspectId),
    /// The items kept for a topic.
    Topic(String),
}

impl Tracker {
    /// The value item `prospect`'s next message carries: their own items first, then their
    /// topic's, in the order added, skipping every item a touch of theirs already carried
    /// (see [`value::next_item`]). `None` when none is left.
    pub fn next_value_item(&self, prospect: &Prospect) -> Result<Option<ValueItem>> {
        let Some(book) = self.value_book()? else {
            return Ok(None);
        };
        let used = book.used.get(&prospect.id).map_or(&[][..], Vec::as_slice);
        Ok(value::next_item(
            &book.items,
            prospect.id,
            prospect.contact.topic.as_deref(),
            used,
        )
        .cloned())
    }

    /// The item an attempt being logged carried: none unless it left a message (see
    /// [`value::delivered`]); the item an earlier attempt of the same touch (the same day)
    /// carried, so that a voicemail and the email beside it count once; else the next item,
    /// the one the morning list showed.
    pub(super) fn item_carried(
        &self,
        prospect: &Prospect,
        attempts: &[Attempt],
        at: NaiveDateTime,
        channel: Channel,
        outcome: Outcome,
    ) -> Result<Option<i64>> {
        if !value::delivered(channel, outcome) || self.value_book()?.is_none() {
            return Ok(None);
        }
        let uses = self.store.reader().value_uses(prospect.id)?;
        let same_touch = attempts
            .iter()
            .filter(|attempt| attempt.is_touch() && attempt.date() == at.date())
            .find_map(|attempt| {
                uses.iter()
                    .find(|(id, _)| *id == attempt.id)
                    .map(|(_, item)| *item)
            });
        match same_touch {
            Some(item) => Ok(Some(item)),
            // The item the morning list showed for this prospect: none when its message
            // could not carry one (a text with no room and no address to email it to).
            None if channel == Channel::Text => Ok(self
                .due(prospect, attempts)?
                .and_then(|due| due.facts.value)
                .map(|item| item.id)),
            None => Ok(self.next_value_item(prospect)?.map(|item| item.id)),
        }
    }

    /// Every item and what each prospect's touches carried, read once per tracker and again
    /// after each write (see `Tracker::write`): a list of the whole book picks every
    /// prospect's next item from it without a query each. `None` when no item was ever added.
    fn value_book(&self) -> Result<Option<Rc<ValueBook>>> {
        if let Some(book) = self.value_book.borrow().as_ref() {
            return Ok(book.clone());
        }
        let reader = self.store.reader();
        let book = if reader.has_value_items()? {
            let mut used: HashMap<ProspectId, Vec<i64>> = HashMap::new();
            for (prospect, item) in reader.value_uses_by_prospect()? {
                used.entry(prospect).or_default().push(item);
            }
            Some(Rc::new(ValueBook {
                items: reader.value_items()?,
                used,
            }))
        } else {
            None
        };
        *self.value_book.borrow_mut() = Some(book.clone());
        Ok(book)
    }

    /// Keeps a new value item for a prospect or a topic; returns it.
    pub fn add_value_item(
        &mut self,
        owner: ValueFor,
        kind: ValueKind,
        text: &str,
    ) -> Result<ValueItem> {
        let text = text.trim();
        if text.is_empty() {
            return Err(Error::Invalid(
                "a value item needs words: a tip, a figure, a customer's story or a question \
                 worth their time"
                    .into(),
            ));
        }
        checks::text("value item", Some(text), MAX_VALUE_CHARS)
            .map_err(|problem| Error::Invalid(problem.to_string()))?;
        let owner = match owner {
            ValueFor::Topic(topic) => {
                let topic = topic.trim().to_string();
                if topic.is_empty() {
                    return Err(Error::Invalid(
                        "--topic needs the topic the item is for, as prospects have it \
                         (`followup edit ID --topic ...`)"
                            .into(),
                    ));
                }
                checks::text("--topic", Some(&topic), checks::LONG_TEXT)
                    .map_err(|problem| Error::Invalid(problem.to_string()))?;
                ValueFor::Topic(topic)
            }
            ValueFor::Prospect(id) => {
                self.prospect(id)?;
                ValueFor::Prospect(id)
            }
        };
        let now = self.now;
        let id = self.write(|writer, _| {
            let id = writer.insert_value_item(&owner, kind, text, now)?;
            let what = Some(format!("item {id} ({kind}): {text}"));
            audit::record(writer, now, owner_id(&owner), "value-add", None, None, what)?;
            Ok::<_, Error>(id)
        })?;
        Ok(ValueItem {
            id,
            owner,
            kind,
            text: text.to_string(),
            added_at: now,
            retired_at: None,
        })
    }

    /// The items `selection` names, retired ones left out unless `retired`.
    pub fn value_items(&self, selection: &ValueSelection, retired: bool) -> Result<Vec<ValueItem>> {
        let reader = self.store.reader();
        let items = match selection {
            ValueSelection::All => reader.value_items()?,
            ValueSelection::Prospect(id) => {
                let prospect = self.prospect(*id)?;
                let items = reader.value_items_for(*id)?;
                let topic = prospect.contact.topic.as_deref();
                // In the order they are offered, retired ones after them.
                let mut offered: Vec<ValueItem> = value::offered(&items, *id, topic)
                    .into_iter()
                    .cloned()
                    .collect();
                offered.extend(items.into_iter().filter(|item| {
                    item.retired_at.is_some() && value::applies_to(item, *id, topic)
                }));
                offered
            }
            ValueSelection::Topic(topic) => reader
                .value_items()?
                .into_iter()
                .filter(|item| {
                    matches!(&item.owner, ValueFor::Topic(kept) if value::same_topic(kept, topic))
                })
                .collect(),
        };
        Ok(items
            .into_iter()
            .filter(|item| retired || item.retired_at.is_none())
            .collect())
    }

    /// The item ids the prospect's touches carried, for `value list PROSPECT`.
    pub fn value_items_used(&self, id: ProspectId) -> Result<Vec<i64>> {
        Ok(self
            .store
            .reader()
            .value_uses(id)?
            .into_iter()
            .map(|(_, item)| item)
            .collect())
    }

    /// `(attempt id, item id)` of each attempt of the prospect that carried an item.
    pub fn value_carried(&self, id: ProspectId) -> Result<Vec<(i64, i64)>> {
        Ok(self.store.reader().value_uses(id)?)
    }

    /// Removes item `id`, or retires it when a touch carried it (see [`Removed`]).
    pub fn remove_value_item(&mut self, id: i64) -> Result<(ValueItem, Removed)> {
        let reader = self.store.reader();
        let item = reader.value_item(id)?.ok_or_else(|| {
            Error::Invalid(format!(
                "there is no value item {id}; `followup value list` shows them with their ids"
            ))
        })?;
        if item.retired_at.is_some() {
            return Err(Error::Invalid(format!(
                "value item {id} is already retired: no message offers it again"
            )));
        }
        let removed = if reader.value_item_used(id)? {
            Removed::Retired
        } else {
            Removed::Deleted
        };
        let now = self.now;
        let what = Some(format!("item {id} ({}): {}", item.kind, item.text));
        let after = match removed {
            Removed::Retired => Some("retired".to_string()),
            Removed::Deleted => None,
        };
        let prospect = owner_id(&item.owner);
        self.write(|writer, _| {
            match removed {
                Removed::Retired => writer.retire_value_item(id, now)?,
                Removed::Deleted => writer.delete_value_item(id)?,
            }
            audit::record(writer, now, prospect, "value-remove", None, what, after)?;
            Ok::<_, Error>(())
        })?;
        Ok((item, removed))
    }
}

/// The prospect an item is kept for, if it is one prospect's.
fn owner_id(owner: &ValueFor) -> Option<ProspectId> {
    match owner {
        ValueFor::Prospect(id) => Some(*id),
        ValueFor::Topic(_) => None,
    }
}
