//! The facts `stats` counts (see stats/facts.rs): one row per touch and per promise, and
//! the touches counted by day, kept in step with the rows so that a report sums a few rows
//! per day instead of reading every attempt.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, NaiveDateTime};

use super::conn::Param;
use super::error::StoreError;
use super::{Reader, Writer};
use crate::domain::{Channel, CloseReason, ProspectId, Step};
use crate::promise::Settled;
use crate::stats::facts::{Facts, TouchFact};
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
type DayKey = (NaiveDate, Step, Channel, bool, i64, bool);

fn day_key(fact: &TouchFact) -> DayKey {
    (
        fact.day,
        fact.step,
        fact.channel,
        fact.answered,
        fact.first_answer,
        fact.opens_run,
    )
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
            "SELECT day, step, channel, answered, first_answer, opens_run
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
        for ((day, step, channel, answered, first_answer, opens_run), by) in moves {
            if by == 0 {
                continue;
            }
            self.conn().execute(
                "INSERT INTO touch_days
                    (day, step, channel, answered, first_answer, opens_run, touches)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (day, step, channel, answered, first_answer, opens_run)
                 DO UPDATE SET touches = touch_days.touches + excluded.touches",
                &[
                    &day,
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

    /// Removes the facts of every prospect this session sees, and every count, before they
    /// are stored again under new rules ([`Writer::insert_stat_facts`] for each prospect,
    /// then [`Writer::count_touch_days`], which counts every fact row). On a team book the
    /// row-level policies hide other reps' files from the scan that stores them again, so
    /// their facts are left as they are rather than lost.
    pub fn forget_all_stat_facts(&self) -> Result<(), StoreError> {
        for table in ["touch_facts", "promise_facts"] {
            self.conn().execute(
                &format!("DELETE FROM {table} WHERE prospect_id IN (SELECT id FROM prospects)"),
                &[],
                "clearing the stored figures",
            )?;
        }
        self.conn()
            .execute("DELETE FROM touch_days", &[], "clearing the stored figures")?;
        Ok(())
    }

    /// Forgets the fact rows of rep `rep`'s files, and every day count: what recomputing
    /// one rep's files (their days away changed) starts from, before
    /// [`Writer::count_touch_days`] counts the days again.
    pub fn forget_rep_stat_facts(&self, rep: i64) -> Result<(), StoreError> {
        for table in ["touch_facts", "promise_facts"] {
            self.conn().execute(
                &format!(
                    "DELETE FROM {table}
                     WHERE prospect_id IN (SELECT id FROM prospects WHERE owner = ?1)"
                ),
                &[&rep],
                "clearing the stored figures",
            )?;
        }
        self.conn()
            .execute("DELETE FROM touch_days", &[], "clearing the stored figures")?;
        Ok(())
    }

    /// Adds a prospect's fact rows, leaving the day counts as they are. A few statements of
    /// many rows each, not one per row: on a server each statement is a round trip, and
    /// recomputing a rep's files (`away`) inserts thousands of rows.
    pub fn insert_stat_facts(&self, id: ProspectId, facts: &Facts) -> Result<(), StoreError> {
        for rows in facts.touches.chunks(ROWS_PER_INSERT) {
            let mut params: Vec<&dyn Param> = Vec::with_capacity(rows.len() * 10);
            for fact in rows {
                params.extend([
                    &id as &dyn Param,
                    &fact.day,
                    &fact.step,
                    &fact.channel,
                    &fact.answered,
                    &fact.first_answer,
                    &fact.opens_run,
                    &fact.run,
                    &fact.run_answered_on,
                    &fact.value_item,
                ]);
            }
            self.conn().execute(
                &format!(
                    "INSERT INTO touch_facts (prospect_id, day, step, channel, answered,
                        first_answer, opens_run, run, run_answered_on, value_item)
                     VALUES {}",
                    placeholders(rows.len(), 10)
                ),
                &params,
                "storing a prospect's figures",
            )?;
        }
        let settled: Vec<Option<&str>> = facts
            .promises
            .iter()
            .map(|promise| promise.settled.map(settled_text))
            .collect();
        let promises: Vec<_> = facts.promises.iter().zip(&settled).collect();
        for rows in promises.chunks(ROWS_PER_INSERT) {
            let mut params: Vec<&dyn Param> = Vec::with_capacity(rows.len() * 4);
            for (promise, settled) in rows {
                params.extend([&id as &dyn Param, &promise.day, *settled, &promise.deadline]);
            }
            self.conn().execute(
                &format!(
                    "INSERT INTO promise_facts (prospect_id, day, settled, deadline) VALUES {}",
                    placeholders(rows.len(), 4)
                ),
                &params,
                "storing a prospect's figures",
            )?;
        }
        Ok(())
    }

    /// Counts every stored touch by day again, after [`Writer::forget_all_stat_facts`].
    pub fn count_touch_days(&self) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO touch_days
                (day, step, channel, answered, first_answer, opens_run, touches)
             SELECT day, step, channel, answered, first_answer, opens_run, COUNT(*)
             FROM touch_facts
             GROUP BY day, step, channel, answered, first_answer, opens_run",
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
        } = *query;
        let (since, until) = (period.since, period.until);
        // Each bound's comparison comes first: PostgreSQL takes a parameter's type from its
        // first use.
        let touches = self.rows(
            "SELECT step, channel, answered, first_answer, CAST(SUM(touches) AS BIGINT)
             FROM touch_days
             WHERE (day >= ?1 OR ?1 IS NULL) AND day <= ?2
             GROUP BY step, channel, answered, first_answer",
            &[&since, &until],
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
        let without_response = match since {
            // Every run begun by the end, less those answered by then: a run's first answer
            // comes on or after its first touch.
            None => {
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
            // A run with a touch in the period: only the touches tell.
            Some(since) => self.conn.one(
                "SELECT COUNT(*) FROM (
                    SELECT DISTINCT prospect_id, run FROM touch_facts
                    WHERE day >= ?1 AND day <= ?2 AND channel <> 'assistant'
                        AND (run_answered_on > ?2 OR run_answered_on IS NULL)
                 ) AS runs",
                &[&since, &until],
                |row| row.get(0),
                "counting runs",
            )?,
        };
        let by_day = self.rows(
            "SELECT day, CAST(SUM(touches) AS BIGINT) FROM touch_days
             WHERE day >= ?1 AND day <= ?2 AND channel <> 'assistant'
             GROUP BY day",
            &[&weekly.0, &weekly.1],
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
             WHERE (day >= ?1 OR ?1 IS NULL) AND day <= ?2",
            &[&since, &until, &now],
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
        let start = since.map(midnight);
        let end = midnight(until.checked_add_days(Days::new(1)).unwrap_or(until));
        let closed = self.rows(
            "SELECT close_reason, COUNT(*) FROM prospects
             WHERE close_reason IS NOT NULL AND (closed_at >= ?1 OR ?1 IS NULL)
                AND closed_at < ?2
             GROUP BY close_reason",
            &[&start, &end],
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

    /// Touches that carried a value item in the period: `(item, answered, touches)`.
    pub fn value_item_counts(
        &self,
        since: Option<NaiveDate>,
        until: NaiveDate,
    ) -> Result<Vec<(i64, bool, i64)>, StoreError> {
        self.rows(
            "SELECT value_item, answered, COUNT(*) FROM touch_facts
             WHERE value_item IS NOT NULL AND (day >= ?1 OR ?1 IS NULL) AND day <= ?2
             GROUP BY value_item, answered",
            &[&since, &until],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            "counting the touches that carried value items",
        )
    }
}

fn midnight(day: NaiveDate) -> NaiveDateTime {
    day.and_time(chrono::NaiveTime::MIN)
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
