//! What `stats` needs to know of one prospect, worked out once from its history and kept in
//! the database beside its due date, so that the report is counts over stored rows instead of
//! the engine run over the whole book.
//!
//! The facts depend on the prospect, its attempts and the rules (a touch is answered within
//! its cadence's gap, in business days), never on the clock or the period asked for: the
//! tracker stores them on every write to the prospect and again for every prospect when the
//! rules change, as it does the due dates. What depends on the period or the clock (which
//! touches fall in it, whether a promise with no attempt since is still open) is left to the
//! counting ([`super::stored`]).

use chrono::{NaiveDate, NaiveDateTime, TimeDelta};

use super::touches;
use crate::cadence::Cadence;
use crate::config::{Config, DEFAULT_CADENCE};
use crate::domain::{Attempt, Channel, Prospect, Step};
use crate::promise::{self, GRACE_MINUTES, Settled};

/// One touch of the prospect, or one day's calls through the assistant (`channel` is then
/// [`Channel::Assistant`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TouchFact {
    pub day: NaiveDate,
    pub step: Step,
    pub channel: Channel,
    pub answered: bool,
    /// Its number in its run when it is the run's first answered touch; 0 otherwise.
    pub first_answer: i64,
    /// The first touch of its run.
    pub opens_run: bool,
    /// Which run of the prospect: 0 before the latest reopening, 1 from it on.
    pub run: i64,
    /// The day of its run's first answered touch, if any.
    pub run_answered_on: Option<NaiveDate>,
    /// The value item the touch carried (see [`super::rank_value_items`]).
    pub value_item: Option<i64>,
    /// The rep who logged its first attempt (`None`: no rep, as on a personal book).
    pub rep: Option<i64>,
}

/// One promised callback.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PromiseFact {
    /// The promised day.
    pub day: NaiveDate,
    /// What became of it once an attempt followed; `None` while none has.
    pub settled: Option<Settled>,
    /// The end of its grace: with no attempt since, it is missed from then on, open before.
    pub deadline: NaiveDateTime,
    /// The rep who logged the attempt that made it.
    pub rep: Option<i64>,
}

/// What the store keeps beside an attempt that the facts carry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Marks {
    /// The value item its message carried.
    pub value_item: Option<i64>,
    /// The rep who logged it (`attempts.rep`).
    pub rep: Option<i64>,
}

/// A prospect's facts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    pub touches: Vec<TouchFact>,
    pub promises: Vec<PromiseFact>,
}

impl Facts {
    /// The facts of `prospect` from its attempts in the order they happened; `marks` gives
    /// the value item an attempt carried and the rep who logged it, by attempt id.
    pub fn of(
        prospect: &Prospect,
        history: &[Attempt],
        marks: impl Fn(i64) -> Marks,
        config: &Config,
    ) -> Facts {
        if history.is_empty() {
            return Facts::default();
        }
        let standard;
        // A cadence the file no longer defines counts as the standard one, as in `compute`.
        let cadence = match config
            .cadence(&prospect.cadence)
            .or_else(|| config.cadence(DEFAULT_CADENCE))
        {
            Some(cadence) => cadence,
            None => {
                standard = Cadence::standard(DEFAULT_CADENCE);
                &standard
            }
        };
        let all = touches::touches(history, prospect, cadence, &config.calendar);
        let mut facts = Vec::with_capacity(all.prospect.len() + all.assistant.len());
        // The runs as `runs::Counter` splits them.
        let split = prospect.run_started_at.map_or(0, |start| {
            all.prospect
                .iter()
                .take_while(|touch| touch.start.0 < start)
                .count()
        });
        let (earlier, current) = all.prospect.split_at(split);
        for (run, touches) in [earlier, current].into_iter().enumerate() {
            let first_answered = touches.iter().position(|touch| touch.answered);
            for (index, touch) in touches.iter().enumerate() {
                let value_item = history
                    .iter()
                    .filter(|attempt| attempt.is_touch() && attempt.date() == touch.date)
                    .find_map(|attempt| marks(attempt.id).value_item);
                facts.push(TouchFact {
                    day: touch.date,
                    step: touch.step,
                    channel: touch.channel,
                    answered: touch.answered,
                    first_answer: if first_answered == Some(index) {
                        index as i64 + 1
                    } else {
                        0
                    },
                    opens_run: index == 0,
                    run: run as i64,
                    run_answered_on: first_answered.map(|first| touches[first].date),
                    value_item,
                    rep: marks(touch.start.1).rep,
                });
            }
        }
        for call in &all.assistant {
            facts.push(TouchFact {
                day: call.date,
                step: call.step,
                channel: Channel::Assistant,
                answered: call.answered,
                first_answer: 0,
                opens_run: false,
                run: 0,
                run_answered_on: None,
                value_item: None,
                rep: marks(call.start.1).rep,
            });
        }
        Facts {
            touches: facts,
            promises: promises(history, &marks),
        }
    }
}

/// Every promise of a history, settled against the attempt logged after it when there is one
/// (as `compute` settles them).
fn promises(history: &[Attempt], marks: &impl Fn(i64) -> Marks) -> Vec<PromiseFact> {
    history
        .iter()
        .enumerate()
        .filter_map(|(index, attempt)| {
            let promised = attempt.promise?;
            let next = history.get(index + 1).map(|next| next.at);
            Some(PromiseFact {
                day: promised.date(),
                // The clock matters only when no attempt followed: any reading will do.
                settled: next.map(|_| promise::settle(promised, next, promised)),
                deadline: promised + TimeDelta::minutes(GRACE_MINUTES),
                rep: marks(attempt.id).rep,
            })
        })
        .collect()
}
