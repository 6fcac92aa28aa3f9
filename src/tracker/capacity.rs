//! The morning list and the coming days within the daily capacity of cadence.toml: the
//! planning itself is [`crate::capacity`]; this reads what is due and hands it over.

use chrono::NaiveDate;

use super::{Due, Fresh, Tracker, agenda_key};
use crate::capacity::{self, Item, Limits, Placed};
use crate::domain::ProspectId;
use crate::error::{Error, Result};
use crate::store::Selection;

/// The order of the actions of the coming days (`agenda`): by the day each is done without
/// limits (today for overdue ones), then in the morning list's order (`key`).
pub(super) fn window_key<T: Item, K: Ord>(
    today: NaiveDate,
    key: impl Fn(&T) -> K,
) -> impl Fn(&T) -> (NaiveDate, K) {
    move |item| (item.due().max(today), key(item))
}

/// The longest window, in business days, searched for room for what is due today: a year.
const MAX_WINDOW: u32 = 260;

impl Item for Due {
    fn due(&self) -> NaiveDate {
        self.action.due
    }

    fn cadence(&self) -> &str {
        &self.prospect.cadence
    }

    fn pinned(&self) -> bool {
        self.action.promised()
    }

    fn counted(&self) -> bool {
        self.action.step.is_touch()
    }
}

/// An action due today or earlier that the capacity moved to a later day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    pub due: Due,
    /// The business day it is planned for; `None` when no day of the coming year has room.
    pub to: Option<NaiveDate>,
}

/// The morning list within the capacity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Morning {
    /// What to do today, in order.
    pub kept: Vec<Due>,
    /// What was due but moved, in order.
    pub moved: Vec<Moved>,
    pub limits: Limits,
}

/// The coming days within the capacity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schedule {
    /// By day, each with the day it is planned for.
    pub placed: Vec<Placed<Due>>,
    /// Due within the window but with no room left in it.
    pub beyond: Vec<Due>,
}

impl Tracker {
    /// `max_touches_per_day` of the calendar and of each cadence.
    pub fn limits(&self) -> Limits {
        Limits {
            per_day: self.rules.mine.max_touches_per_day,
            per_cadence: self
                .rules
                .mine
                .cadences()
                .filter_map(|cadence| {
                    cadence
                        .max_touches_per_day
                        .map(|limit| (cadence.name.clone(), limit))
                })
                .collect(),
        }
    }
}

impl Fresh<'_> {
    /// The morning list within the daily capacity: the most important actions up to the
    /// limits, in the order of [`agenda_order`], and the day each of the others moves to.
    /// Without limits, everything due is kept, as [`Tracker::agenda`] gives it.
    pub fn morning(&self) -> Result<Morning> {
        let limits = self.limits();
        if limits.is_unlimited() {
            return Ok(Morning {
                kept: self.agenda()?,
                moved: Vec::new(),
                limits,
            });
        }
        let today = self.today();
        let overdue = self.agenda()?;
        // The days needed to place everything due now grow with the backlog; double the
        // window until nothing due today is left without a day, within a year. Actions that
        // fall due later come after the backlog in the order, so only the promises among them
        // (kept on their day whatever the limit) can take its room: the others are left out.
        let mut promised = Promised::new(today);
        let mut days = 5;
        loop {
            let last = self.window_end(days);
            promised.read_through(self, last, limits.per_day)?;
            let mut due = overdue.clone();
            due.extend(promised.found.iter().cloned());
            let plan = capacity::plan(
                due,
                agenda_key,
                &self.rules.mine.calendar,
                today,
                last,
                &limits,
            );
            let schedule = Schedule {
                placed: plan.placed,
                beyond: plan.beyond,
            };
            let unplaced = schedule.beyond.iter().any(|due| due.action.due <= today);
            if !unplaced || days >= MAX_WINDOW {
                return Ok(morning(schedule, today, limits));
            }
            days = (days * 2).min(MAX_WINDOW);
        }
    }

    /// The actions of the `days` business days from today within the daily capacity. Without
    /// limits, each action is on the day it is due (today for overdue ones), as
    /// [`Tracker::due_through`] orders them.
    pub fn schedule(&self, days: u32) -> Result<Schedule> {
        let last = self.window_end(days);
        let plan = self.plan_window(self.due_through(last)?, agenda_key, last);
        Ok(Schedule {
            placed: plan.placed,
            beyond: plan.beyond,
        })
    }

    /// `items`, due by `last` and in [`window_key`]'s order, spread over the days through
    /// `last` within the daily capacity (`key` is the morning list's order); without limits,
    /// each on the day it is due (today for overdue ones).
    pub(super) fn plan_window<T: Item, K: Ord>(
        &self,
        items: Vec<T>,
        key: impl Fn(&T) -> K,
        last: NaiveDate,
    ) -> capacity::Plan<T> {
        let limits = self.limits();
        let today = self.today();
        if limits.is_unlimited() {
            return capacity::Plan {
                placed: items
                    .into_iter()
                    .map(|item| Placed {
                        on: item.due().max(today),
                        item,
                        moved_from: None,
                    })
                    .collect(),
                beyond: Vec::new(),
            };
        }
        capacity::plan(items, key, &self.rules.mine.calendar, today, last, &limits)
    }

    /// Where the daily capacity puts a prospect's action due today or earlier, for `why`:
    /// `None` when no limit is set or the action is not due yet.
    pub fn capacity_for(&self, id: ProspectId) -> Result<Option<Standing>> {
        if self.limits().is_unlimited() {
            return Ok(None);
        }
        let morning = self.morning()?;
        if morning.kept.iter().any(|due| due.prospect.id == id) {
            return Ok(Some(Standing::Kept {
                today: morning.kept.len(),
                limits: morning.limits,
            }));
        }
        Ok(morning
            .moved
            .iter()
            .find(|moved| moved.due.prospect.id == id)
            .map(|moved| Standing::Moved {
                to: moved.to,
                ahead: morning.kept.len(),
                limits: morning.limits.clone(),
            }))
    }
}

/// The promised calls of the days after today that take room from what is due now, read one
/// business day at a time as the morning's window grows, each day once.
///
/// A promised call is due on its promise's day (cadence.md rule 1), which is also its stored
/// due date, and planned on that day, or on the next business day when the promise fell on a
/// day off. So the calls planned on a business day are among those promised (and stored as
/// due) after the business day before it: each day is read on its own, through the due-date
/// index, from a slice of the book that does not grow with the window. And once a day holds as many promised touches as the daily limit,
/// nothing else due can have room on it, so the rest of that day's promises are not read: a
/// book whose promises fill every day's limit costs a few engine runs per day, not one per
/// promise.
struct Promised {
    /// The promised calls found so far, in the order of the days read.
    found: Vec<Due>,
    /// The last day read, today at first.
    read: NaiveDate,
    today: NaiveDate,
}

/// Why a scan of one day's promises ended early.
enum Scan {
    Failed(Error),
    /// The day's limit is reached: the rest of it need not be read.
    Full,
}

impl From<crate::store::StoreError> for Scan {
    fn from(error: crate::store::StoreError) -> Scan {
        Scan::Failed(error.into())
    }
}

impl Promised {
    fn new(today: NaiveDate) -> Promised {
        Promised {
            found: Vec::new(),
            read: today,
            today,
        }
    }

    /// Reads the business days after the last one read through `last`. `per_day`, the limit
    /// of all cadences together, lets a full day be left unread.
    fn read_through(
        &mut self,
        tracker: &Fresh<'_>,
        last: NaiveDate,
        per_day: Option<u32>,
    ) -> Result<()> {
        let calendar = &tracker.rules.mine.calendar;
        while self.read < last {
            let Some(from) = self.read.succ_opt() else {
                break;
            };
            let day = calendar.roll_forward(from);
            if day > last {
                break;
            }
            self.read_day(tracker, day, per_day)?;
            self.read = day;
        }
        Ok(())
    }

    /// The calls planned on the business `day`, promised for a day after the last day read
    /// through it.
    fn read_day(
        &mut self,
        tracker: &Fresh<'_>,
        day: NaiveDate,
        per_day: Option<u32>,
    ) -> Result<()> {
        let today = self.today;
        let calendar = &tracker.rules.mine.calendar;
        let selection = Selection::PromisedBetween {
            after: self.read,
            last: day,
        };
        let mut touches = 0;
        let found = &mut self.found;
        let scan = tracker.store.reader().each_with_attempts_for(
            selection,
            tracker.agenda_of,
            |prospect, attempts| {
                let due = tracker.due(&prospect, &attempts).map_err(Scan::Failed)?;
                if let Some(due) = due
                    && due.pinned()
                    && due.action.due > today
                    && capacity::natural_day(calendar, today, due.action.due) == day
                {
                    if due.counted() {
                        touches += 1;
                    }
                    found.push(due);
                    if per_day.is_some_and(|limit| touches >= limit) {
                        return Err(Scan::Full);
                    }
                }
                Ok(())
            },
        );
        match scan {
            Ok(()) | Err(Scan::Full) => Ok(()),
            Err(Scan::Failed(error)) => Err(error),
        }
    }
}

/// How an action due today stands against the daily capacity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// On today's list, which holds `today` actions.
    Kept { today: usize, limits: Limits },
    /// Moved to `to` (`None`: no room within a year) behind the `ahead` actions kept today.
    Moved {
        to: Option<NaiveDate>,
        ahead: usize,
        limits: Limits,
    },
}

fn morning(schedule: Schedule, today: NaiveDate, limits: Limits) -> Morning {
    let mut kept = Vec::new();
    let mut moved = Vec::new();
    for placed in schedule.placed {
        if placed.on == today {
            kept.push(placed.item);
        } else if placed.item.action.due <= today {
            moved.push(Moved {
                due: placed.item,
                to: Some(placed.on),
            });
        }
    }
    moved.extend(
        schedule
            .beyond
            .into_iter()
            .filter(|due| due.action.due <= today)
            .map(|due| Moved { due, to: None }),
    );
    Morning {
        kept,
        moved,
        limits,
    }
}
