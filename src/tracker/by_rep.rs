//! `stats --by-rep`: the figures `stats` keeps, summed rep by rep (see `rep_stats`).

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::rep_stats::{self, RepStats};
use crate::stats::Period;
use crate::stats::facts::{Facts, Marks};
use crate::store::{Selection, StoreError};
use crate::tracker::team::{TeamError, named};

use super::Tracker;

impl Tracker {
    /// The figures of each rep and of the team for the days from `since` to `until` (today
    /// if `None`), both included, from the counts kept with the due dates. A team book only
    /// (a personal file has no reps), and a manager's view: a rep's own line is their
    /// `stats`.
    pub fn stats_by_rep(
        &mut self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<RepStats> {
        let period = self.by_rep_period(since, until)?;
        let by_rep = self.fresh(|fresh| {
            Ok(fresh
                .store
                .reader()
                .rep_figures(period.since, period.until, fresh.now)?)
        })?;
        let reps = self.store.reader().reps()?;
        Ok(rep_stats::assemble(&by_rep, &reps, period))
    }

    /// [`Tracker::stats_by_rep`] worked out from every file's history, to check the stored
    /// counts against (as [`Tracker::recount_stats`] is for `stats`).
    pub fn recount_stats_by_rep(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<RepStats> {
        let period = self.by_rep_period(since, until)?;
        let reader = self.store.reader();
        let mut files = Vec::new();
        reader.each_with_records(Selection::Status(None), |prospect, records| {
            let (_, facts) = facts_of_records(&prospect, records, self.rules.of(prospect.owner));
            files.push((prospect, facts));
            Ok::<_, Error>(())
        })?;
        let by_rep = rep_stats::recount(files.iter().map(|(p, f)| (p, f)), period, self.now);
        Ok(rep_stats::assemble(&by_rep, &reader.reps()?, period))
    }

    /// The period of `stats --by-rep`, once the book is known to be a team's and the session
    /// a manager's (or no rep's: the tables' owner).
    fn by_rep_period(&self, since: Option<NaiveDate>, until: Option<NaiveDate>) -> Result<Period> {
        if self.store.path().is_some() {
            return Err(StoreError::ServerOnly {
                what: "stats --by-rep",
            }
            .into());
        }
        if let Some(me) = self.store.reader().session_rep()?
            && !me.manager
        {
            return Err(TeamError::NotAManager {
                what: "stats --by-rep",
                rep: named(&me),
            }
            .into());
        }
        self.period(since, until)
    }
}

/// A prospect's attempts, as the store read them with their marks, and the facts `stats`
/// counts of them under `config`.
pub(super) fn facts_of_records(
    prospect: &crate::domain::Prospect,
    records: Vec<crate::store::AttemptRecord>,
    config: &crate::config::Config,
) -> (Vec<crate::domain::Attempt>, Facts) {
    let marks: Vec<(i64, Marks)> = records
        .iter()
        .filter(|record| record.value_item.is_some() || record.attempt.rep.is_some())
        .map(|record| {
            let marks = Marks {
                value_item: record.value_item,
                rep: record.attempt.rep,
            };
            (record.attempt.id, marks)
        })
        .collect();
    let attempts: Vec<_> = records.into_iter().map(|record| record.attempt).collect();
    let facts = Facts::of(prospect, &attempts, |id| marks_of(&marks, id), config);
    (attempts, facts)
}

/// The marks of attempt `id`, from a prospect's few `(attempt, marks)` pairs.
pub(super) fn marks_of(marks: &[(i64, Marks)], id: i64) -> Marks {
    marks
        .iter()
        .find(|(attempt, _)| *attempt == id)
        .map(|&(_, marks)| marks)
        .unwrap_or_default()
}
