//! Who holds each file of a team book: the owner column of `prospects` (NULL: the pool), read
//! and changed. The claim that `log` makes is one conditional `UPDATE`, so that two reps
//! logging the same pool file at once cannot both get it, whatever else runs.

use super::conn::Row;
use super::error::{DbError, StoreError};
use super::{Reader, Writer};
use crate::domain::{ProspectId, Status};

/// What a claim on a file did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Claim {
    /// The file was the rep's already.
    Kept,
    /// The file is the rep's now; it was in the pool (`None`) or held by a deactivated rep.
    Taken { from: Option<i64> },
    /// Another, active rep holds it: nothing was changed.
    Refused,
}

impl Reader<'_> {
    /// How many active files each active rep holds, by rep id (none: zero).
    pub fn open_loads(&self) -> Result<Vec<(i64, usize)>, StoreError> {
        self.rows(
            "SELECT r.id, COUNT(p.id) FROM reps AS r
             LEFT JOIN prospects AS p ON p.owner = r.id AND p.status = ?1
             WHERE r.active
             GROUP BY r.id ORDER BY r.id",
            &[&Status::Active],
            |row: &Row<'_>| {
                let count: i64 = row.get(1)?;
                Ok((row.get(0)?, usize::try_from(count).unwrap_or(0)))
            },
            "counting each rep's open files",
        )
    }

    /// The active files of the pool (no owner), by id.
    pub fn open_pool(&self) -> Result<Vec<ProspectId>, StoreError> {
        self.rows(
            "SELECT id FROM prospects WHERE owner IS NULL AND status = ?1 ORDER BY id",
            &[&Status::Active],
            |row| row.get(0),
            "listing the pool",
        )
    }

    /// Who held the file before attempt `id`'s `log` claimed it (`Some(None)`: the pool),
    /// while the file is still held by the rep who logged it; `None` when that log claimed
    /// nothing, or the file changed hands since (a manager moved it).
    pub fn claim_to_give_back(&self, id: i64) -> Result<Option<Option<i64>>, StoreError> {
        self.conn.first(
            "SELECT a.claimed_from FROM attempts AS a JOIN prospects AS p ON p.id = a.prospect_id
             WHERE a.id = ?1 AND a.claimed AND p.owner = a.rep",
            &[&id],
            |row| row.get::<Option<i64>>(0),
            "reading what an attempt claimed",
        )
    }

    fn owner(&self, id: ProspectId) -> Result<Option<i64>, StoreError> {
        self.conn
            .first(
                "SELECT owner FROM prospects WHERE id = ?1",
                &[&id],
                |row| row.get::<Option<i64>>(0),
                "reading who holds a file",
            )
            .map(Option::flatten)
    }
}

impl Writer<'_> {
    /// Gives a file to `owner` (to the pool for `None`); returns who held it before.
    pub fn set_owner(&self, id: ProspectId, owner: Option<i64>) -> Result<Option<i64>, StoreError> {
        // Writes run one at a time (the write lock), so the owner read here is the one the
        // update replaces.
        let before = self.reader().owner(id)?;
        self.conn().execute(
            "UPDATE prospects SET owner = ?2 WHERE id = ?1",
            &[&id, &owner],
            "giving a file to a rep",
        )?;
        Ok(before)
    }

    /// Gives every file of rep `from`, open or closed, to rep `to`; returns their ids.
    pub fn move_files(&self, from: i64, to: i64) -> Result<Vec<ProspectId>, StoreError> {
        let mut moved = self.conn().rows(
            "UPDATE prospects SET owner = ?2 WHERE owner = ?1 RETURNING id",
            &[&from, &to],
            |row: &Row<'_>| -> Result<ProspectId, DbError> { row.get(0) },
            "moving a rep's files",
        )?;
        moved.sort_unstable();
        Ok(moved)
    }

    /// Claims a file for rep `me`: it becomes theirs if it is in the pool, theirs already, or
    /// held by a deactivated rep. One conditional update decides, so that of two reps
    /// claiming the same file at once, one gets it and the other is refused.
    pub fn claim(&self, id: ProspectId, me: i64) -> Result<Claim, StoreError> {
        let before = self.reader().owner(id)?;
        let claimed = self.conn().first(
            "UPDATE prospects SET owner = ?2
             WHERE id = ?1
               AND (owner IS NULL OR owner = ?2
                    OR owner IN (SELECT id FROM reps WHERE NOT active))
             RETURNING id",
            &[&id, &me],
            |row| row.get::<ProspectId>(0),
            "claiming a file",
        )?;
        Ok(match (claimed, before) {
            (None, _) => Claim::Refused,
            (Some(_), Some(owner)) if owner == me => Claim::Kept,
            (Some(_), from) => Claim::Taken { from },
        })
    }

    /// Records that attempt `attempt`'s `log` claimed its file from `from` (`None`: the
    /// pool), for `undo` to give it back.
    pub fn mark_claimed(&self, attempt: i64, from: Option<i64>) -> Result<(), StoreError> {
        // TRUE reads the same on both engines: 1 on SQLite, a boolean on PostgreSQL.
        self.conn().execute(
            "UPDATE attempts SET claimed = TRUE, claimed_from = ?2 WHERE id = ?1",
            &[&attempt, &from],
            "recording what an attempt claimed",
        )?;
        Ok(())
    }

    /// Records which rep logged an attempt.
    pub fn set_attempt_rep(&self, attempt: i64, rep: i64) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE attempts SET rep = ?2 WHERE id = ?1",
            &[&attempt, &rep],
            "recording who logged an attempt",
        )?;
        Ok(())
    }
}
