//! Value items (`value add`, `value list`, `value remove`) and what each attempt carried:
//! the item its message held, and whether its `log --ground-rules` set the ground rules.

use chrono::NaiveDateTime;

use super::conn::{Conn, Row};
use super::error::DbError;
use super::{Reader, StoreError, Writer};
use crate::domain::{ProspectId, ValueFor, ValueItem, ValueKind};

const COLUMNS: &str = "id, prospect_id, topic, kind, text, added_at, retired_at";

/// Columns by position, in the order of COLUMNS.
fn item(row: &Row<'_>) -> Result<ValueItem, DbError> {
    let prospect: Option<ProspectId> = row.get(1)?;
    let topic: Option<String> = row.get(2)?;
    Ok(ValueItem {
        id: row.get(0)?,
        // The table's CHECK keeps exactly one of the two.
        owner: match prospect {
            Some(id) => ValueFor::Prospect(id),
            None => ValueFor::Topic(topic.unwrap_or_default()),
        },
        kind: row.get(3)?,
        text: row.get(4)?,
        added_at: row.datetime(5)?,
        retired_at: row.optional_datetime(6)?,
    })
}

impl Reader<'_> {
    /// Every value item, retired ones included, in the order added.
    pub fn value_items(&self) -> Result<Vec<ValueItem>, StoreError> {
        self.rows(
            &format!("SELECT {COLUMNS} FROM value_items ORDER BY id"),
            &[],
            item,
            "reading value items",
        )
    }

    /// The items that may apply to prospect `id`: its own and every topic's (which topic
    /// matches is the picking rule's business, see `value::applies_to`), in the order added.
    pub fn value_items_for(&self, id: ProspectId) -> Result<Vec<ValueItem>, StoreError> {
        self.rows(
            &format!(
                "SELECT {COLUMNS} FROM value_items
                 WHERE prospect_id = ?1 OR prospect_id IS NULL ORDER BY id"
            ),
            &[&id],
            item,
            "reading value items",
        )
    }

    pub fn value_item(&self, id: i64) -> Result<Option<ValueItem>, StoreError> {
        self.conn.first(
            &format!("SELECT {COLUMNS} FROM value_items WHERE id = ?1"),
            &[&id],
            item,
            "reading a value item",
        )
    }

    /// Whether any value item was ever added: without one, no lookup is worth making. A
    /// server session's first statement read it (reps.rs), unless it wrote since.
    pub fn has_value_items(&self) -> Result<bool, StoreError> {
        if let Conn::Postgres(pg) = self.conn
            && let Some(any) = pg.kept(|reading| reading.any_value_items)
        {
            return Ok(any);
        }
        self.conn.one(
            "SELECT EXISTS (SELECT 1 FROM value_items)",
            &[],
            |row| row.get(0),
            "counting value items",
        )
    }

    /// `(attempt id, item id)` of each attempt of prospect `id` whose message carried an item.
    pub fn value_uses(&self, id: ProspectId) -> Result<Vec<(i64, i64)>, StoreError> {
        self.rows(
            "SELECT id, value_item FROM attempts
             WHERE prospect_id = ?1 AND value_item IS NOT NULL ORDER BY at, id",
            &[&id],
            |row| Ok((row.get(0)?, row.get(1)?)),
            "reading the value items attempts carried",
        )
    }

    /// `(prospect id, item id)` of every attempt whose message carried an item: what the
    /// whole book's next items are picked from.
    pub fn value_uses_by_prospect(&self) -> Result<Vec<(ProspectId, i64)>, StoreError> {
        self.rows(
            "SELECT prospect_id, value_item FROM attempts WHERE value_item IS NOT NULL",
            &[],
            |row| Ok((row.get(0)?, row.get(1)?)),
            "reading the value items attempts carried",
        )
    }

    /// `(attempt id, item id)` of every attempt whose message carried an item, for `stats`.
    pub fn all_value_uses(&self) -> Result<Vec<(i64, i64)>, StoreError> {
        self.rows(
            "SELECT id, value_item FROM attempts WHERE value_item IS NOT NULL ORDER BY id",
            &[],
            |row| Ok((row.get(0)?, row.get(1)?)),
            "reading the value items attempts carried",
        )
    }

    /// Whether some attempt carried item `id`.
    pub fn value_item_used(&self, id: i64) -> Result<bool, StoreError> {
        self.conn.one(
            "SELECT EXISTS (SELECT 1 FROM attempts WHERE value_item = ?1)",
            &[&id],
            |row| row.get(0),
            "reading whether a value item was used",
        )
    }

    /// Whether attempt `id`'s `log --ground-rules` set the ground rules on its file.
    pub fn ground_rules_set_by(&self, id: i64) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .first(
                "SELECT ground_rules_set FROM attempts WHERE id = ?1",
                &[&id],
                |row| row.get(0),
                "reading what an attempt set",
            )?
            .unwrap_or_default())
    }
}

impl Writer<'_> {
    /// Stores a new value item and returns its id.
    pub fn insert_value_item(
        &self,
        owner: &ValueFor,
        kind: ValueKind,
        text: &str,
        added_at: NaiveDateTime,
    ) -> Result<i64, StoreError> {
        let (prospect, topic) = match owner {
            ValueFor::Prospect(id) => (Some(*id), None),
            ValueFor::Topic(topic) => (None, Some(topic.as_str())),
        };
        self.conn().insert(
            "INSERT INTO value_items (prospect_id, topic, kind, text, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            &[&prospect, &topic, &kind, &text, &added_at],
            "adding a value item",
        )
    }

    /// Takes an item out of use, keeping it for the history that names it.
    pub fn retire_value_item(&self, id: i64, at: NaiveDateTime) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE value_items SET retired_at = ?2 WHERE id = ?1",
            &[&id, &at],
            "retiring a value item",
        )?;
        Ok(())
    }

    /// Removes an item no attempt carried.
    pub fn delete_value_item(&self, id: i64) -> Result<(), StoreError> {
        self.conn().execute(
            "DELETE FROM value_items WHERE id = ?1",
            &[&id],
            "removing a value item",
        )?;
        Ok(())
    }

    /// Records that attempt `attempt`'s message carried item `item`.
    pub fn set_attempt_value(&self, attempt: i64, item: i64) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE attempts SET value_item = ?2 WHERE id = ?1",
            &[&attempt, &item],
            "recording the value item an attempt carried",
        )?;
        Ok(())
    }

    /// Records that attempt `attempt`'s `log --ground-rules` set the ground rules.
    pub fn mark_ground_rules_set(&self, attempt: i64) -> Result<(), StoreError> {
        // TRUE reads the same on both engines: 1 on SQLite, a boolean on PostgreSQL.
        self.conn().execute(
            "UPDATE attempts SET ground_rules_set = TRUE WHERE id = ?1",
            &[&attempt],
            "recording what an attempt set",
        )?;
        Ok(())
    }
}
