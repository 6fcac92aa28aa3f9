//! Reading the book out for `export` and `agenda`: prospects with their histories, and the
//! actions planned over the coming days.

use chrono::NaiveDate;

use crate::domain::Status;
use crate::engine;
use crate::error::{Error, Result};
use crate::store::{AttemptRecord, Selection};
use crate::transfer::Exported;

use super::capacity::window_key;
use super::{Due, Fresh, Tracker, agenda_key};

impl Tracker {
    /// Visits the prospects in a status (all for `None`), by id, each with every attempt and
    /// its next action: one merged scan of the book, holding one prospect at a time, so that
    /// `export` writes each as it is read.
    pub fn each_exported(
        &self,
        status: Option<Status>,
        mut visit: impl FnMut(Exported) -> Result<()>,
    ) -> Result<()> {
        self.store.reader().each_with_records(
            Selection::Status(status),
            |prospect, own: Vec<AttemptRecord>| {
                let history: Vec<_> = own.iter().map(|record| record.attempt.clone()).collect();
                let next = match self.rules.mine.cadence(&prospect.cadence) {
                    Some(cadence) => engine::next_action(
                        &prospect,
                        &history,
                        cadence,
                        &self.rules.of(prospect.owner).calendar,
                        self.today(),
                    ),
                    None => None,
                };
                visit(Exported {
                    prospect,
                    attempts: own,
                    next,
                })
            },
        )
    }

    /// The last day of the `days` business days that start today (or on the next business
    /// day, when today is not one).
    pub fn window_end(&self, days: u32) -> NaiveDate {
        self.rules
            .mine
            .calendar
            .add_business_days(self.today(), days.saturating_sub(1))
    }
}

impl Fresh<'_> {
    /// Each prospect's next action, when it is due on or before `last` (overdue ones included),
    /// by the day to act (today for overdue ones), then in the order of the morning list.
    /// Only the next action of each prospect is known: what follows it depends on how the
    /// prospect answers.
    pub fn due_through(&self, last: NaiveDate) -> Result<Vec<Due>> {
        let reader = self.store.reader();
        let mut due = Vec::new();
        // One merged scan of the due prospects and their attempts, not a query per prospect:
        // a window of days can hold thousands of them.
        reader.each_with_attempts_for(
            self.rules.due_by(last),
            self.agenda_of,
            |prospect, attempts| {
                if let Some(next) = self.due(&prospect, &attempts)?
                    && next.action.due <= last
                {
                    due.push(next);
                }
                Ok::<_, Error>(())
            },
        )?;
        let key = window_key(self.today(), agenda_key);
        Ok(crate::capacity::sorted_by_key(due, key))
    }
}
