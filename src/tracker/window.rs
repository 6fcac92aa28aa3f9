//! The coming days as `agenda`'s table shows them, from the stored outlooks: each due file's
//! next step, day, time and touch as its outlook reads today (store/planned.rs), planned within
//! the daily capacity as whole actions are, without reading a single history. The messages of
//! `agenda --json` and of the calendar feed still need the histories ([`Fresh::schedule`]), and
//! so does a team's server, whose stored dates depend on the zone of the session that wrote
//! them (see `Tracker::each_line`).

use chrono::NaiveDate;

use super::capacity::window_key;
use super::{Fresh, Rank};
use crate::capacity::{self, Item};
use crate::domain::Prospect;
use crate::engine::Reading;
use crate::error::Result;
use crate::store::Planned;

/// A due file's next action as a table of the coming days shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Glimpse {
    pub prospect: Prospect,
    pub reading: Reading,
}

impl Item for Glimpse {
    fn due(&self) -> NaiveDate {
        self.reading.glance.due
    }

    fn cadence(&self) -> &str {
        &self.prospect.cadence
    }

    fn pinned(&self) -> bool {
        self.reading.promise_stands()
    }

    fn counted(&self) -> bool {
        self.reading.glance.step.is_touch()
    }
}

impl Glimpse {
    /// The morning list's order (`agenda_key`), for glimpses.
    fn rank(&self) -> Rank {
        let reading = &self.reading;
        Rank::of(
            &self.prospect,
            reading.promise_stands(),
            reading.glance.due,
            reading.time,
            reading.glance.step,
        )
    }
}

impl Fresh<'_> {
    /// [`Fresh::schedule`] from the stored outlooks; `None` on a server, where the schedule
    /// of whole actions stands in.
    pub fn glimpsed_schedule(&self, days: u32) -> Result<Option<capacity::Plan<Glimpse>>> {
        if self.store.path().is_none() {
            return Ok(None);
        }
        let last = self.window_end(days);
        let today = self.today();
        let mut seen = Vec::new();
        for (prospect, planned) in self.store.reader().planned_due_by(last)? {
            let reading = match planned {
                Planned::Action(outlook) => outlook.on(today),
                Planned::Nothing => continue,
                // The engine answers, and names a cadence the file no longer has.
                Planned::Unworked(_) => match self.unplanned_next_action(&prospect)? {
                    Some(action) => action.reading(),
                    None => continue,
                },
            };
            if reading.glance.due <= last {
                seen.push(Glimpse { prospect, reading });
            }
        }
        let seen = capacity::sorted_by_key(seen, window_key(today, Glimpse::rank));
        Ok(Some(self.plan_window(seen, Glimpse::rank, last)))
    }
}
