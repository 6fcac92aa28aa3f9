//! The facts `stats` counts (see stats/facts.rs): one row per touch and per promise, and
//! the touches counted by day and rep, kept in step with the rows so that a report sums a few
//! rows per day instead of reading every attempt.
//!
//! `touch_days.rep` is 0 for the touches logged by no rep (a personal book, work before the
//! team): the key of a count takes no NULL, which a UNIQUE key would hold distinct.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, NaiveDateTime};

use super::conn::Param;
use super::error::StoreError;
use super::{Reader, Writer};
use crate::domain::{Channel, CloseReason, ProspectId, Step};
use crate::promise::Settled;
use crate::rep_stats::Figures;
use crate::stats::facts::{Facts, Marks, TouchFact};
use crate::stats::stored::{Counts, Query, TouchCount};

/// The most rows one INSERT of [`Writer::insert_stat_facts`] writes: well under both
/// engines' limits on a statement's parameters.
const ROWS_PER_INSERT: usize = 100;

/// `(?1, ..., ?width), (?width+1, ...)`: the VALUES of `rows` rows of `width` parameters.
fn placeholders(rows: usize, width: usize) -> String {
    (0..rows)
        .map(|row| {
            let numbers: Vec<String> = (1..=width)
                .map(|column| format!("?{}", row * width + column))
                .collect();
            format!("({})", numbers.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a row of `touch_days` counts.
type DayKey = (NaiveDate, i64, Step, Channel, bool, i64, bool);

fn day_key(fact: &TouchFact) -> DayKey {
    (
        fact.day,
        fact.rep.unwrap_or(NO_REP),
        fact.step,
        fact.channel,
        fact.answered,
        fact.first_answer,
        fact.opens_run,
    )
}

/// `touch_days.rep` of the touches logged by no rep.
const NO_REP: i64 = 0;

/// The columns of `touch_days`' key, in the order of [`DayKey`].
const DAY_KEY: &str = "day, rep, step, channel, answered, first_answer, opens_run";

/// Whose files' facts are stored again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactScope {
    /// Every file the session sees.
    Visible,
    /// The files a rep holds.
    OwnedBy(i64),
}

impl FactScope {
    fn owner(self) -> Option<i64> {
        match self {
            FactScope::Visible => None,
            FactScope::OwnedBy(rep) => Some(rep),
        }
    }
}

fn settled_text(settled: Settled) -> &'static str {
    match settled {
        Settled::Kept => "kept",
        Settled::Missed => "missed",
        Settled::Early => "early",
        Settled::Open => "open",
    }
}

impl Writer<'_> {
    /// Replaces a prospect's facts, and moves the day counts by the difference.
    pub fn replace_stat_facts(&self, id: ProspectId, facts: &Facts) -> Result<(), StoreError> {
        let old: Vec<DayKey> = self.reader().rows(
            "SELECT day, coalesce(rep, 0), step, channel, answered, first_answer, opens_run
             FROM touch_facts WHERE prospect_id = ?1",
            &[&id],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                    row.get(5)?,
                    row.get(6)?,
                ))
            },
            "reading a prospect's stored figures",
        )?;
        let mut moves: BTreeMap<DayKey, i64> = BTreeMap::new();
        for key in old {
            *moves.entry(key).or_default() -= 1;
        }
        for fact in &facts.touches {
            *moves.entry(day_key(fact)).or_default() += 1;
        }
        for ((day, rep, step, channel, answered, first_answer, opens_run), by) in moves {
            if by == 0 {
                continue;
            }
            self.conn().execute(
                &format!(
                    "INSERT INTO touch_days ({DAY_KEY}, touches)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                     ON CONFLICT ({DAY_KEY})
                     DO UPDATE SET touches = touch_days.touches + excluded.touches"
                ),
                &[
                    &day,
                    &rep,
                    &step,
                    &channel,
                    &answered,
                    &first_answer,
                    &opens_run,
                    &by,
                ],
                "counting a prospect's touches",
            )?;
        }
        self.forget_stat_facts_of(id)?;
        self.insert_stat_facts(id, facts)
    }

    /// Removes a prospect's facts from the counts and the rows (before it is deleted).
    pub fn remove_stat_facts(&self, id: ProspectId) -> Result<(), StoreError> {
        self.replace_stat_facts(id, &Facts::default())
    }

    fn forget_stat_facts_of(&self, id: ProspectId) -> Result<(), StoreError> {
        self.conn().execute(
            "DELETE FROM touch_facts WHERE prospect_id = ?1",
            &[&id],
            "replacing a prospect's stored figures",
        )?;
        self.conn().execute(
            "DELETE FROM promise_facts WHERE prospect_id = ?1",
            &[&id],
            "replacing a prospect's stored figures",
        )?;
        Ok(())
    }

    /// Removes the facts of the files `scope` picks (of those this session sees), and takes
    /// them out of the day counts, before they are stored again under new rules
    /// ([`Writer::insert_stat_facts`] for each file, then [`Writer::count_touch_days`] with
    /// the same scope). On a team book the row-level policies hide other reps' files from
    /// the scan that stores them again, so their facts and counts are left as they are
    /// rather than lost. `whole_book`: the session sees every file, and `scope` is
    /// [`FactScope::Visible`]: every count goes, and is counted again from every row.
    pub fn forget_stat_facts(&self, scope: FactScope, whole_book: bool) -> Result<(), StoreError> {
        let owner = scope.owner();
        let picked = "prospect_id IN (SELECT id FROM prospects WHERE owner = ?1 OR ?1 IS NULL)";
        if whole_book && owner.is_none() {
            self.conn()
                .execute("DELETE FROM touch_days", &[], "clearing the stored figures")?;
        } else {
            self.move_touch_days(owner, "-")?;
        }
        for table in ["touch_facts", "promise_facts"] {
            self.conn().execute(
                &format!("DELETE FROM {table} WHERE {picked}"),
                &[&owner],
                "clearing the stored figures",
            )?;
        }
        Ok(())
    }

    /// Adds (`sign` "") or takes away ("-") the touches of the files `owner` holds (every
    /// file the session sees if `None`) to or from the day counts.
    fn move_touch_days(&self, owner: Option<i64>, sign: &str) -> Result<(), StoreError> {
        // WHERE before ON CONFLICT: SQLite's parser needs it to tell the clauses apart.
        self.conn().execute(
            &format!(
                "INSERT INTO touch_days ({DAY_KEY}, touches)
                 SELECT day, coalesce(rep, 0), step, channel, answered, first_answer, opens_run,
                     {sign}COUNT(*)
                 FROM touch_facts
                 WHERE prospect_id IN (SELECT id FROM prospects WHERE owner = ?1 OR ?1 IS NULL)
                 GROUP BY day, coalesce(rep, 0), step, channel, answered, first_answer, opens_run
                 ON CONFLICT ({DAY_KEY})
                 DO UPDATE SET touches = touch_days.touches + excluded.touches"
            ),
            &[&owner],
            "counting the touches by day",
        )?;
        Ok(())
    }

    /// Adds a prospect's fact rows, leaving the day counts as they are.
    pub fn insert_stat_facts(&self, id: ProspectId, facts: &Facts) -> Result<(), StoreError> {
        self.insert_stat_facts_of(&[(id, facts)])
    }

    /// Adds the fact rows of several prospects, leaving the day counts as they are. A few
    /// statements of many rows each, not one per file or row: on a server each statement is
    /// a round trip, and storing a whole book's figures again (`team cadence set`) writes
    /// millions of rows.
    pub fn insert_stat_facts_of(&self, files: &[(ProspectId, &Facts)]) -> Result<(), StoreError> {
        let touches: Vec<_> = files
            .iter()
            .flat_map(|(id, facts)| facts.touches.iter().map(move |fact| (id, fact)))
            .collect();
        for rows in touches.chunks(ROWS_PER_INSERT) {
            let mut params: Vec<&dyn Param> = Vec::with_capacity(rows.len() * 11);
            for (id, fact) in rows {
                params.extend([
                    *id as &dyn Param,
                    &fact.day,
                    &fact.step,
                    &fact.channel,
                    &fact.answered,
                    &fact.first_answer,
                    &fact.opens_run,
                    &fact.run,
                    &fact.run_answered_on,
                    &fact.value_item,
                    &fact.rep,
                ]);
            }
            self.conn().execute(
                &format!(
                    "INSERT INTO touch_facts (prospect_id, day, step, channel, answered,
                        first_answer, opens_run, run, run_answered_on, value_item, rep)
                     VALUES {}",
                    placeholders(rows.len(), 11)
                ),
                &params,
                "storing a prospect's figures",
            )?;
        }
        let promises: Vec<_> = files
            .iter()
            .flat_map(|(id, facts)| {
                facts
                    .promises
                    .iter()
                    .map(move |promise| (id, promise, promise.settled.map(settled_text)))
            })
            .collect();
        for rows in promises.chunks(ROWS_PER_INSERT) {
            let mut params: Vec<&dyn Param> = Vec::with_capacity(rows.len() * 5);
            for (id, promise, settled) in rows {
                params.extend([
                    *id as &dyn Param,
                    &promise.day,
                    settled,
                    &promise.deadline,
                    &promise.rep,
                ]);
            }
            self.conn().execute(
                &format!(
                    "INSERT INTO promise_facts (prospect_id, day, settled, deadline, rep)
                     VALUES {}",
                    placeholders(rows.len(), 5)
                ),
                &params,
                "storing a prospect's figures",
            )?;
        }
        Ok(())
    }

    /// Counts the touches of the files `scope` picks by day again, after
    /// [`Writer::forget_stat_facts`] with the same scope and `whole_book`.
    pub fn count_touch_days(&self, scope: FactScope, whole_book: bool) -> Result<(), StoreError> {
        if !(whole_book && scope == FactScope::Visible) {
            return self.move_touch_days(scope.owner(), "");
        }
        self.conn().execute(
            &format!(
                "INSERT INTO touch_days ({DAY_KEY}, touches)
                 SELECT day, coalesce(rep, 0), step, channel, answered, first_answer, opens_run,
                     COUNT(*)
                 FROM touch_facts
                 GROUP BY day, coalesce(rep, 0), step, channel, answered, first_answer, opens_run"
            ),
            &[],
            "counting the touches by day",
        )?;
        Ok(())
    }
}

impl Reader<'_> {
    /// The counts of a `stats` report (see [`crate::stats::stored`]).
    pub fn stat_counts(&self, query: &Query) -> Result<Counts, StoreError> {
        let Query {
            period,
            weekly,
            now,
            rep,
        } = *query;
        let (since, until) = (period.since, period.until);
        // Each bound's comparison comes first: PostgreSQL takes a parameter's type from its
        // first use.
        let touches = self.rows(
            "SELECT step, channel, answered, first_answer, CAST(SUM(touches) AS BIGINT)
             FROM touch_days
             WHERE (day >= ?1 OR ?1 IS NULL) AND day <= ?2 AND (rep = ?3 OR ?3 IS NULL)
             GROUP BY step, channel, answered, first_answer",
            &[&since, &until, &rep],
            |row| {
                Ok(TouchCount {
                    step: row.get(0)?,
                    channel: row.get(1)?,
                    answered: row.get(2)?,
                    first_answer: row.get(3)?,
                    touches: row.get(4)?,
                })
            },
            "counting touches",
        )?;
        let without_response = match (since, rep) {
            // Every run begun by the end, less those answered by then: a run's first answer
            // comes on or after its first touch.
            (None, None) => {
                let (begun, answered): (Option<i64>, Option<i64>) = self.conn.one(
                    "SELECT CAST(SUM(CASE WHEN opens_run THEN touches ELSE 0 END) AS BIGINT),
                        CAST(SUM(CASE WHEN first_answer > 0 THEN touches ELSE 0 END) AS BIGINT)
                     FROM touch_days WHERE day <= ?1 AND channel <> 'assistant'",
                    &[&until],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                    "counting runs",
                )?;
                begun.unwrap_or(0) - answered.unwrap_or(0)
            }
            // A run with a touch in the period (one of the rep's): only the touches tell. A
            // run's first touch and its first answer may be two reps'.
            _ => self.conn.one(
                "SELECT COUNT(*) FROM (
                    SELECT DISTINCT prospect_id, run FROM touch_facts
                    WHERE (day >= ?1 OR ?1 IS NULL) AND day <= ?2 AND channel <> 'assistant'
                        AND (run_answered_on > ?2 OR run_answered_on IS NULL)
                        AND (rep = ?3 OR ?3 IS NULL)
                 ) AS runs",
                &[&since, &until, &rep],
                |row| row.get(0),
                "counting runs",
            )?,
        };
        let by_day = self.rows(
            "SELECT day, CAST(SUM(touches) AS BIGINT) FROM touch_days
             WHERE day >= ?1 AND day <= ?2 AND channel <> 'assistant'
                AND (rep = ?3 OR ?3 IS NULL)
             GROUP BY day",
            &[&weekly.0, &weekly.1, &rep],
            |row| Ok((row.get(0)?, row.get(1)?)),
            "counting touches by week",
        )?;
        // Counted in one pass: grouping by the outcome would sort every promise first.
        let promises = self.conn.one(
            "SELECT COUNT(*) FILTER (WHERE settled = 'kept'),
                COUNT(*) FILTER (WHERE settled = 'missed'
                    OR (settled IS NULL AND deadline < ?3)),
                COUNT(*) FILTER (WHERE settled = 'early'),
                COUNT(*) FILTER (WHERE settled IS NULL AND deadline >= ?3)
             FROM promise_facts
             WHERE (day >= ?1 OR ?1 IS NULL) AND day <= ?2 AND (rep = ?4 OR ?4 IS NULL)",
            &[&since, &until, &now, &rep],
            |row| {
                Ok(vec![
                    (Settled::Kept, row.get(0)?),
                    (Settled::Missed, row.get(1)?),
                    (Settled::Early, row.get(2)?),
                    (Settled::Open, row.get(3)?),
                ])
            },
            "counting promises",
        )?;
        let (start, end) = instants(since, until);
        let closed = self.rows(
            "SELECT close_reason, COUNT(*) FROM prospects
             WHERE close_reason IS NOT NULL AND (closed_at >= ?1 OR ?1 IS NULL)
                AND closed_at < ?2 AND (owner = ?3 OR ?3 IS NULL)
             GROUP BY close_reason",
            &[&start, &end, &rep],
            |row| Ok((row.get::<CloseReason>(0)?, row.get(1)?)),
            "counting closed files",
        )?;
        Ok(Counts {
            touches,
            without_response,
            by_day,
            promises,
            closed,
        })
    }

    /// The figures of `stats --by-rep` for the days from `since` to `until`, by rep (`None`:
    /// work logged by no rep, files in the pool): sums of the same rows `stat_counts` sums,
    /// grouped by rep, so that they add up to its figures. `reply_rate` is left to the caller.
    pub fn rep_figures(
        &self,
        since: Option<NaiveDate>,
        until: NaiveDate,
        now: NaiveDateTime,
    ) -> Result<BTreeMap<Option<i64>, Figures>, StoreError> {
        let mut by_rep: BTreeMap<Option<i64>, Figures> = BTreeMap::new();
        let touches: Vec<(i64, i64, i64, i64)> = self.rows(
            "SELECT rep, CAST(SUM(touches) AS BIGINT),
                CAST(SUM(CASE WHEN answered THEN touches ELSE 0 END) AS BIGINT),
                CAST(SUM(CASE WHEN step = 'rescue' THEN touches ELSE 0 END) AS BIGINT)
             FROM touch_days
             WHERE (day >= ?1 OR ?1 IS NULL) AND day <= ?2 AND channel <> 'assistant'
             GROUP BY rep",
            &[&since, &until],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            "counting each rep's touches",
        )?;
        for (rep, touches, answered, rescues) in touches {
            let figures = by_rep.entry((rep != NO_REP).then_some(rep)).or_default();
            figures.touches += count(touches);
            figures.answered += count(answered);
            figures.rescues += count(rescues);
        }
        let promises: Vec<(Option<i64>, i64, i64, i64)> = self.rows(
            "SELECT rep, COUNT(*), COUNT(*) FILTER (WHERE settled = 'kept'),
                COUNT(*) FILTER (WHERE settled IS NULL AND deadline >= ?3)
             FROM promise_facts
             WHERE (day >= ?1 OR ?1 IS NULL) AND day <= ?2
             GROUP BY rep",
            &[&since, &until, &now],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
            "counting each rep's promises",
        )?;
        for (rep, made, kept, open) in promises {
            let figures = by_rep.entry(rep).or_default();
            figures.promises_made += count(made);
            figures.promises_kept += count(kept);
            figures.promises_open += count(open);
        }
        let (start, end) = instants(since, until);
        let closes: Vec<(Option<i64>, i64, i64)> = self.rows(
            "SELECT owner, COUNT(*), COUNT(*) FILTER (WHERE close_reason = 'won') FROM prospects
             WHERE close_reason IS NOT NULL AND (closed_at >= ?1 OR ?1 IS NULL)
                AND closed_at < ?2
             GROUP BY owner",
            &[&start, &end],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            "counting each rep's closed files",
        )?;
        for (owner, closes, won) in closes {
            let figures = by_rep.entry(owner).or_default();
            figures.closes += count(closes);
            figures.won += count(won);
        }
        Ok(by_rep)
    }

    /// What the facts of prospect `id` need of its attempts beside them: the value item each
    /// carried and who logged it, for the attempts with either.
    pub fn attempt_marks(&self, id: ProspectId) -> Result<Vec<(i64, Marks)>, StoreError> {
        self.rows(
            "SELECT id, value_item, rep FROM attempts
             WHERE prospect_id = ?1 AND (value_item IS NOT NULL OR rep IS NOT NULL)",
            &[&id],
            |row| {
                Ok((
                    row.get(0)?,
                    Marks {
                        value_item: row.get(1)?,
                        rep: row.get(2)?,
                    },
                ))
            },
            "reading who logged a prospect's attempts",
        )
    }

    /// Touches that carried a value item in the period: `(item, answered, touches)`; only
    /// those `rep` logged when given (a rep's own work, as `stats` counts it).
    pub fn value_item_counts(
        &self,
        since: Option<NaiveDate>,
        until: NaiveDate,
        rep: Option<i64>,
    ) -> Result<Vec<(i64, bool, i64)>, StoreError> {
        self.rows(
            "SELECT value_item, answered, COUNT(*) FROM touch_facts
             WHERE value_item IS NOT NULL AND (day >= ?1 OR ?1 IS NULL) AND day <= ?2
               AND (rep = ?3 OR ?3 IS NULL)
             GROUP BY value_item, answered",
            &[&since, &until, &rep],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            "counting the touches that carried value items",
        )
    }
}

fn midnight(day: NaiveDate) -> NaiveDateTime {
    day.and_time(chrono::NaiveTime::MIN)
}

/// The instants a period of days runs between: from its first midnight (none: from the
/// beginning), up to the midnight after its last day, excluded.
fn instants(since: Option<NaiveDate>, until: NaiveDate) -> (Option<NaiveDateTime>, NaiveDateTime) {
    let end = midnight(until.checked_add_days(Days::new(1)).unwrap_or(until));
    (since.map(midnight), end)
}

/// A count read from the database, as the reports keep it.
fn count(value: i64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::placeholders;

    #[test]
    fn placeholders_number_every_row_on_from_the_last() {
        assert_eq!(placeholders(1, 2), "(?1, ?2)");
        assert_eq!(placeholders(3, 2), "(?1, ?2), (?3, ?4), (?5, ?6)");
    }
}
