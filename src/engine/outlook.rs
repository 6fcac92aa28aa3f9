//! A file's next action as it reads on any day, worked out once from its history.
//!
//! The engine's answer depends on today in two ways only: a promised time stands until its
//! day is over (rule 1), and the advice to call the assistant gives way to the next touch once
//! that touch is due (rule 5). An [`Outlook`] holds the answer with both turns in it, so it is
//! stored beside the prospect whenever its due date is, and the tables of `list` read the
//! next step of every file without reading a single history.

use chrono::{NaiveDate, NaiveTime};

use super::{Basis, NextAction, next_action};
use crate::cadence::Cadence;
use crate::calendar::Calendar;
use crate::domain::{Attempt, Prospect, Step};

/// The next action of a file on any day on or after the day it was worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outlook {
    /// The action as it reads before anything turns: its step, the earliest day it is due
    /// (the stored due date) and its touch.
    pub first: Glance,
    /// Rule 1: a promise fixed this touch.
    pub promise: Promised,
    /// Rule 5: the call to the assistant gives way to this touch on the day it is due.
    pub gives_way_to: Option<Glance>,
}

/// What a table shows of a next action: its step, the day it is due and its touch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Glance {
    pub step: Step,
    pub due: NaiveDate,
    pub touch: Option<u32>,
}

/// Whether a promise fixed the touch, and the time it still stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Promised {
    No,
    /// A call promised at `.0` on the day the touch is due; once that day is over, the touch is
    /// simply overdue and has no time.
    At(NaiveTime),
    /// A call promised for a day away, which could not be kept: due on the day of return,
    /// with no time.
    OnADayAway,
}

/// The next action of one day, as [`Outlook::on`] reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reading {
    pub glance: Glance,
    /// The promised time, while it stands (the engine's `NextAction::time`).
    pub time: Option<NaiveTime>,
    /// A promise fixed the touch, kept or missed (the engine's `NextAction::promise`).
    pub promised: bool,
}

impl Reading {
    /// A promise fixed the touch and its time still stands, as [`NextAction::promised`] says:
    /// the engine gives a promised touch its time until the promise is missed.
    pub fn promise_stands(&self) -> bool {
        self.time.is_some()
    }
}

impl Outlook {
    /// The next action on `today`, as [`next_action`] would answer on that day.
    pub fn on(&self, today: NaiveDate) -> Reading {
        if let Some(touch) = self.gives_way_to.filter(|touch| today >= touch.due) {
            return Reading {
                glance: touch,
                time: None,
                promised: false,
            };
        }
        let time = match self.promise {
            // A kept promise's day is the day the touch is due (rule 1).
            Promised::At(time) if today <= self.first.due => Some(time),
            _ => None,
        };
        Reading {
            glance: self.first,
            time,
            promised: self.promise != Promised::No,
        }
    }
}

/// The outlook of a file, `None` when nothing is left to do (as [`next_action`]).
pub fn outlook(
    prospect: &Prospect,
    attempts: &[Attempt],
    cadence: &Cadence,
    calendar: &Calendar,
) -> Option<Outlook> {
    // Seen from the distant past, no promise is over yet and the advice has not given way.
    let action = next_action(prospect, attempts, cadence, calendar, NaiveDate::MIN)?;
    let promise = match action.promise {
        None => Promised::No,
        Some(promise) => match action.time {
            Some(time) if !promise.missed => Promised::At(time),
            _ => Promised::OnADayAway,
        },
    };
    let gives_way_to = match action.basis {
        Basis::Assistant { next_touch_due, .. } => {
            next_action(prospect, attempts, cadence, calendar, next_touch_due)
                .map(|touch| touch.glance())
        }
        _ => None,
    };
    Some(Outlook {
        first: action.glance(),
        promise,
        gives_way_to,
    })
}

impl NextAction {
    /// What a table shows of the action.
    pub fn glance(&self) -> Glance {
        Glance {
            step: self.step,
            due: self.due,
            touch: self.touch,
        }
    }

    /// The action as an outlook reads it on its day: what a table of the coming days shows.
    pub fn reading(&self) -> Reading {
        Reading {
            glance: self.glance(),
            time: self.time,
            promised: self.promise.is_some(),
        }
    }
}
