//! The report from the counts the database keeps (see [`super::facts`]): the same figures as
//! [`super::compute`], which reads every attempt, from sums over a table of a few rows per
//! day. `tests/stats_facts.rs` holds the two equal on generated books.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, NaiveDateTime};

use super::{
    CLAIMED_RESCUE_RATE, Closed, FirstResponses, Period, Promises, RESCUE_MIN_SAMPLE, RescueCheck,
    Stats, Tally, channel_tallies, step_tallies, verdict, weekly,
};
use crate::config::Config;
use crate::domain::{Channel, CloseReason, Step};
use crate::promise::Settled;

/// What the report asks the database to count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Query {
    pub period: Period,
    /// The days the weekly chart counts touches on (both included).
    pub weekly: (NaiveDate, NaiveDate),
    pub now: NaiveDateTime,
    /// One rep's own work only (on a team book, a rep's `stats`): the touches they logged,
    /// the promises they made, the files they hold; `None`: everyone's.
    pub rep: Option<i64>,
}

impl Query {
    /// The counts a report on `period` as of `now` needs. The chart's last week may reach
    /// past `until`; touches after the horizon (see [`super::horizon`]) are not counted, as
    /// `compute`, which does not read them, does not.
    pub fn new(period: Period, config: &Config, now: NaiveDateTime, rep: Option<i64>) -> Query {
        let (first, sunday) = weekly::span(period.until);
        let horizon = super::horizon(period.until, config).date();
        let last = horizon.checked_sub_days(Days::new(1)).unwrap_or(horizon);
        Query {
            period,
            weekly: (first, sunday.min(last)),
            now,
            rep,
        }
    }
}

/// Touches of one kind in the period, as counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TouchCount {
    pub step: Step,
    pub channel: Channel,
    pub answered: bool,
    /// As in [`super::facts::TouchFact::first_answer`].
    pub first_answer: i64,
    pub touches: i64,
}

/// What the database counted for a [`Query`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Touches and assistant days in the period.
    pub touches: Vec<TouchCount>,
    /// Runs with a touch in the period and no answer by its end (for one rep: with a touch
    /// of theirs).
    pub without_response: i64,
    /// Touches of the prospect by day, over the chart's days.
    pub by_day: Vec<(NaiveDate, i64)>,
    /// Promises for a day in the period by what became of them, as of `now`.
    pub promises: Vec<(Settled, i64)>,
    /// Files closed in the period, by reason.
    pub closed: Vec<(CloseReason, i64)>,
}

fn count(value: i64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

/// The report from the counts.
pub fn from_counts(counts: &Counts, period: Period) -> Stats {
    let mut total = Tally::default();
    let mut assistant = Tally::default();
    let mut by_step: BTreeMap<Step, Tally> = BTreeMap::new();
    let mut by_channel: BTreeMap<Channel, Tally> = BTreeMap::new();
    let mut buckets: BTreeMap<u32, u32> = BTreeMap::new();
    for row in &counts.touches {
        let touches = count(row.touches);
        let answered = if row.answered { touches } else { 0 };
        let add = |tally: &mut Tally| {
            tally.touches += touches;
            tally.answered += answered;
        };
        if row.channel == Channel::Assistant {
            add(&mut assistant);
            continue;
        }
        add(&mut total);
        add(by_step.entry(row.step).or_default());
        add(by_channel.entry(row.channel).or_default());
        if row.first_answer > 0 && touches > 0 {
            *buckets.entry(count(row.first_answer)).or_default() += touches;
        }
    }
    let mut promises = Promises::default();
    for &(settled, number) in &counts.promises {
        let number = count(number);
        match settled {
            Settled::Kept => promises.kept += number,
            Settled::Missed => promises.missed += number,
            Settled::Early => promises.early += number,
            Settled::Open => promises.open += number,
        }
    }
    let rescue = by_step.get(&Step::Rescue).copied().unwrap_or_default();
    Stats {
        since: period.since,
        until: period.until,
        total,
        assistant,
        by_step: step_tallies(&by_step),
        by_channel: channel_tallies(&by_channel),
        first_response: FirstResponses {
            after_touches: buckets
                .into_iter()
                .map(|(touches, runs)| super::Bucket { touches, runs })
                .collect(),
            without_response: count(counts.without_response),
        },
        rescue: RescueCheck {
            tally: rescue,
            claimed_reply_rate: CLAIMED_RESCUE_RATE,
            min_sample: RESCUE_MIN_SAMPLE,
            verdict: verdict(rescue),
        },
        promises,
        closed: CloseReason::ALL
            .iter()
            .map(|&reason| Closed {
                reason,
                files: counts
                    .closed
                    .iter()
                    .filter(|(counted, _)| *counted == reason)
                    .map(|&(_, files)| count(files))
                    .sum(),
            })
            .collect(),
        weekly: weekly::weekly(
            counts
                .by_day
                .iter()
                .map(|&(day, touches)| (day, count(touches))),
            period.until,
        ),
    }
}
