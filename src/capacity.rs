//! Daily capacity: when more is due than a day holds (`max_touches_per_day`), the most
//! important actions are kept and the rest move to the next business days.
//!
//! The plan is a pure function of the actions, their order, the calendar and the limits, run
//! afresh every morning; nothing of it is stored. It only ever moves an action *later* than the
//! day it would otherwise be done, never earlier, so no gap between two touches to a prospect
//! is ever shortened: the next touch counts from the day this one is really made.
//!
//! Promised callbacks are commitments to a time: they are kept on their day whatever the
//! limit (they count towards it, and come first in the order anyway).
//!
//! The limit is on touches: an action that is not a touch of the prospect (the `close`
//! paperwork, the call to the assistant, a re-contact of a closed file) neither counts
//! towards it nor waits for room, so it never pushes a new lead to a later day.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::calendar::Calendar;

/// What the planner needs to know of an action.
pub trait Item {
    /// The day the action is due.
    fn due(&self) -> NaiveDate;
    /// The name of the prospect's cadence, for the limits of one cadence.
    fn cadence(&self) -> &str;
    /// A promised callback: never moved.
    fn pinned(&self) -> bool;
    /// A touch of the prospect, which the limits count. Anything else is done on its day
    /// without taking room.
    fn counted(&self) -> bool {
        true
    }
}

/// How many actions a day may hold: in all, and of each cadence. `None` and a cadence left
/// out: no limit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Limits {
    pub per_day: Option<u32>,
    pub per_cadence: BTreeMap<String, u32>,
}

impl Limits {
    pub fn is_unlimited(&self) -> bool {
        self.per_day.is_none() && self.per_cadence.is_empty()
    }

    fn admits(&self, taken: u32, cadence: &str, of_cadence: u32) -> bool {
        self.per_day.is_none_or(|limit| taken < limit)
            && self
                .per_cadence
                .get(cadence)
                .is_none_or(|limit| of_cadence < *limit)
    }
}

/// An action with the day the plan gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placed<T> {
    pub item: T,
    pub on: NaiveDate,
    /// The day it would have been done without the limits, when the plan moved it.
    pub moved_from: Option<NaiveDate>,
}

/// The plan of the days from today through `last`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan<T> {
    /// By day, and within a day in the given order.
    pub placed: Vec<Placed<T>>,
    /// Actions due by `last` that no day of the window had room for, in order.
    pub beyond: Vec<T>,
}

/// The day an action is done without limits: today if it is due or overdue, else the
/// business day it falls due on (or the next one).
pub fn natural_day(calendar: &Calendar, today: NaiveDate, due: NaiveDate) -> NaiveDate {
    if due <= today {
        today
    } else {
        calendar.roll_forward(due)
    }
}

/// `items` sorted by `key`, stably, each key made once, for items too large to move around
/// cheaply: their places are sorted, then each item is moved once. A window of `agenda` holds
/// thousands of actions, each with its prospect and the facts of its message; sorting them in
/// place spent more on moving them than on comparing, and comparing their names afresh at each
/// step more than both.
pub fn sorted_by_key<T, K: Ord>(items: Vec<T>, mut key: impl FnMut(&T) -> K) -> Vec<T> {
    // The place breaks ties, so an unstable sort keeps equal keys in the order they came.
    let mut places: Vec<(K, usize)> = items
        .iter()
        .enumerate()
        .map(|(place, item)| (key(item), place))
        .collect();
    places.sort_unstable();
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    places
        .into_iter()
        .filter_map(|(_, place)| slots[place].take())
        .collect()
}

/// Spreads `items` over today and the business days after it through `last`. Each day takes,
/// in the order of their `key`s, the actions that are due by then and still waiting, as long as the limits
/// allow; promised callbacks are always taken on their day. What waits is taken first the
/// next day, since the order puts older due dates first.
pub fn plan<T: Item, K: Ord>(
    items: Vec<T>,
    key: impl Fn(&T) -> K,
    calendar: &Calendar,
    today: NaiveDate,
    last: NaiveDate,
    limits: &Limits,
) -> Plan<T> {
    let items = sorted_by_key(items, key);
    let mut waiting: Vec<(NaiveDate, T)> = items
        .into_iter()
        .map(|item| (natural_day(calendar, today, item.due()), item))
        .collect();
    let mut placed = Vec::new();
    let mut day = today;
    while day <= last && !waiting.is_empty() {
        let mut taken = 0;
        let mut by_cadence: BTreeMap<String, u32> = BTreeMap::new();
        let mut still = Vec::with_capacity(waiting.len());
        for (natural, item) in waiting {
            let of_cadence = by_cadence.get(item.cadence()).copied().unwrap_or(0);
            let fits = natural <= day
                && (!item.counted()
                    || (item.pinned() && natural == day)
                    || limits.admits(taken, item.cadence(), of_cadence));
            if fits {
                if item.counted() {
                    taken += 1;
                    *by_cadence.entry(item.cadence().to_string()).or_default() += 1;
                }
                placed.push(Placed {
                    item,
                    on: day,
                    moved_from: (day > natural).then_some(natural),
                });
            } else {
                still.push((natural, item));
            }
        }
        waiting = still;
        day = match day.succ_opt() {
            Some(next) => calendar.roll_forward(next),
            None => break,
        };
    }
    Plan {
        placed,
        beyond: waiting
            .into_iter()
            .filter(|(natural, _)| *natural <= last)
            .map(|(_, item)| item)
            .collect(),
    }
}

#[cfg(test)]
mod tests;
