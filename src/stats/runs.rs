//! How many touches it took to get the first response, run by run.

use std::collections::BTreeMap;

use chrono::NaiveDateTime;
use serde::Serialize;

use super::Period;
use super::touches::Touch;

/// The distribution of first responses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FirstResponses {
    /// Runs whose first answered touch falls in the period, by the number of that touch.
    pub after_touches: Vec<Bucket>,
    /// Runs with touches in the period and none answered by its end.
    pub without_response: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Bucket {
    /// The number of the first answered touch in its run.
    pub touches: u32,
    pub runs: u32,
}

/// Counts the runs of prospects, one prospect at a time.
#[derive(Debug, Default)]
pub(super) struct Counter {
    buckets: BTreeMap<u32, u32>,
    without_response: u32,
}

impl Counter {
    /// Adds a prospect's runs: its touches in order, split where the latest reopening began a
    /// new run (followup keeps only the start of the current run, so earlier reopenings are
    /// not told apart).
    pub fn add(
        &mut self,
        touches: &[Touch],
        run_started_at: Option<NaiveDateTime>,
        period: Period,
    ) {
        let split = run_started_at.map_or(0, |start| {
            touches
                .iter()
                .take_while(|touch| touch.start.0 < start)
                .count()
        });
        let (earlier, current) = touches.split_at(split);
        self.add_run(earlier, period);
        self.add_run(current, period);
    }

    fn add_run(&mut self, run: &[Touch], period: Period) {
        let first = run
            .iter()
            .position(|touch| touch.answered && touch.date <= period.until);
        match first {
            Some(index) if period.contains(run[index].date) => {
                *self.buckets.entry(index as u32 + 1).or_default() += 1;
            }
            Some(_) => {}
            None if run.iter().any(|touch| period.contains(touch.date)) => {
                self.without_response += 1;
            }
            None => {}
        }
    }

    pub fn finish(self) -> FirstResponses {
        FirstResponses {
            after_touches: self
                .buckets
                .into_iter()
                .map(|(touches, runs)| Bucket { touches, runs })
                .collect(),
            without_response: self.without_response,
        }
    }
}
