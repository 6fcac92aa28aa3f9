//! `stats --by-rep`: reading what the figures of each rep need (see `rep_stats`).

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::rep_stats::{self, RepStats};
use crate::stats::{self, Period};
use crate::store::StoreError;

use super::Tracker;

impl Tracker {
    /// The figures of each rep and of the team for the days from `since` to `until` (today
    /// if `None`), both included. A team book only: a personal file has no reps.
    pub fn stats_by_rep(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<RepStats> {
        if self.store.path().is_some() {
            return Err(StoreError::ServerOnly {
                what: "stats --by-rep",
            }
            .into());
        }
        let until = until.unwrap_or(self.today());
        if let Some(since) = since
            && since > until
        {
            return Err(Error::Invalid(format!(
                "--since {since} is after --until {until}; give a period that runs forward"
            )));
        }
        let reader = self.store.reader();
        // A touch on the last day can be answered after it: read up to the same horizon
        // as `stats`.
        let attempts = reader.attempts_with_reps(stats::horizon(until, &self.rules.mine))?;
        Ok(rep_stats::compute(
            &attempts,
            &reader.closed_files()?,
            &reader.reps()?,
            Period { since, until },
        ))
    }
}
