//! `stats`: what works, from the salesperson's own history. Reply rates by step and by
//! channel, how many touches a first response took, the rescue message against the rate its
//! advice claims, promises kept, files closed and touches per week.
//!
//! Pure: attempts, prospects, the cadence file and the time come in as arguments, so every
//! figure can be checked against a history with known answers. The definitions are those of
//! `followup stats --help` and docs/insights.md; change them together.

pub mod facts;
mod runs;
pub mod stored;
mod tally;
mod touches;
mod value;
mod weekly;

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

pub use runs::{Bucket, FirstResponses};
pub use tally::Tally;
pub use value::{ItemTally, rank as rank_value_items, ranked as rank_item_tallies};
pub use weekly::{WEEKS, Week};

use crate::cadence::Cadence;
use crate::config::{Config, DEFAULT_CADENCE};
use crate::domain::{Attempt, Channel, CloseReason, Prospect, ProspectId, Step};
use crate::promise::{self, Settled};

/// The reply rate the rescue advice claims for the rescue message.
pub const CLAIMED_RESCUE_RATE: f64 = 0.75;

/// Fewer rescues than this say nothing either way about the claim.
pub const RESCUE_MIN_SAMPLE: u32 = 10;

/// The days a report covers, both included; `since: None` is the beginning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub since: Option<NaiveDate>,
    pub until: NaiveDate,
}

impl Period {
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.since.is_none_or(|since| since <= day) && day <= self.until
    }
}

/// Every figure of `stats`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub since: Option<NaiveDate>,
    pub until: NaiveDate,
    /// Touches of prospects. The step and channel tables count the same touches, so that
    /// they add up to it.
    pub total: Tally,
    /// Calls through the assistant: not touches of the prospect, counted apart (one per
    /// prospect and date), each answered when the prospect responded after it.
    pub assistant: Tally,
    pub by_step: Vec<StepTally>,
    pub by_channel: Vec<ChannelTally>,
    pub first_response: FirstResponses,
    pub rescue: RescueCheck,
    pub promises: Promises,
    pub closed: Vec<Closed>,
    pub weekly: Vec<Week>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct StepTally {
    pub step: Step,
    #[serde(flatten)]
    pub tally: Tally,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct ChannelTally {
    pub channel: Channel,
    #[serde(flatten)]
    pub tally: Tally,
}

/// The rescue reply rate beside the claim of the advice.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct RescueCheck {
    #[serde(flatten)]
    pub tally: Tally,
    pub claimed_reply_rate: f64,
    pub min_sample: u32,
    /// How the rate compares with the claim; `None` (no claim either way) below the sample.
    pub verdict: Option<Verdict>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Above,
    AsClaimed,
    Below,
}

/// Promised callbacks in the period, by what became of them (see [`promise::settle`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Promises {
    pub kept: u32,
    pub missed: u32,
    pub early: u32,
    pub open: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Closed {
    pub reason: CloseReason,
    pub files: u32,
}

/// The first moment after the last day whose attempts can change a report ending on `until`:
/// a touch on `until` can be answered up to its cadence's gap later. Attempts from then on
/// need not be read.
pub fn horizon(until: NaiveDate, config: &Config) -> NaiveDateTime {
    let widest = config
        .cadences()
        .map(|cadence| cadence.gap_business_days)
        .max()
        .unwrap_or(0);
    let last = config.calendar.add_business_days(until, widest);
    last.checked_add_days(Days::new(1))
        .unwrap_or(last)
        .and_time(NaiveTime::MIN)
}

/// Computes every figure for `period` as of `now`. `attempts` are grouped by prospect, each
/// prospect's in the order they happened (as [`crate::store::Reader::attempts_between`] reads
/// them); `prospects` are all of them.
pub fn compute(
    attempts: &[Attempt],
    prospects: &[Prospect],
    config: &Config,
    period: Period,
    now: NaiveDateTime,
) -> Stats {
    let by_id: BTreeMap<ProspectId, &Prospect> = prospects
        .iter()
        .map(|prospect| (prospect.id, prospect))
        .collect();
    let mut by_step: BTreeMap<Step, Tally> = BTreeMap::new();
    let mut by_channel: BTreeMap<Channel, Tally> = BTreeMap::new();
    let mut total = Tally::default();
    let mut assistant = Tally::default();
    let mut first_responses = runs::Counter::default();
    let mut promises = Promises::default();
    let mut touch_dates = Vec::new();

    let standard = Cadence::standard(DEFAULT_CADENCE);
    for history in attempts.chunk_by(|a, b| a.prospect_id == b.prospect_id) {
        // The database's foreign key ties every attempt to a prospect; were one orphaned,
        // it is left out rather than guessed at.
        let Some(prospect) = by_id.get(&history[0].prospect_id).copied() else {
            continue;
        };
        // A cadence the file no longer defines counts as the standard one.
        let cadence = config
            .cadence(&prospect.cadence)
            .or_else(|| config.cadence(DEFAULT_CADENCE))
            .unwrap_or(&standard);
        let touches = touches::touches(history, prospect, cadence, &config.calendar);
        for touch in &touches.prospect {
            touch_dates.push(touch.date);
            if period.contains(touch.date) {
                total.add(touch.answered);
                by_step.entry(touch.step).or_default().add(touch.answered);
                by_channel
                    .entry(touch.channel)
                    .or_default()
                    .add(touch.answered);
            }
        }
        for call in touches
            .assistant
            .iter()
            .filter(|call| period.contains(call.date))
        {
            assistant.add(call.answered);
        }
        first_responses.add(&touches.prospect, prospect.run_started_at, period);
        count_promises(history, period, now, &mut promises);
    }

    let rescue = by_step.get(&Step::Rescue).copied().unwrap_or_default();
    Stats {
        since: period.since,
        until: period.until,
        total,
        assistant,
        by_step: step_tallies(&by_step),
        by_channel: channel_tallies(&by_channel),
        first_response: first_responses.finish(),
        rescue: RescueCheck {
            tally: rescue,
            claimed_reply_rate: CLAIMED_RESCUE_RATE,
            min_sample: RESCUE_MIN_SAMPLE,
            verdict: verdict(rescue),
        },
        promises,
        closed: closed(prospects, period),
        weekly: weekly::weekly(touch_dates.into_iter().map(|date| (date, 1)), period.until),
    }
}

/// Settles each promise of a prospect made for a day in the period against the attempt
/// logged after it.
fn count_promises(history: &[Attempt], period: Period, now: NaiveDateTime, counts: &mut Promises) {
    for (index, attempt) in history.iter().enumerate() {
        let Some(promised) = attempt.promise.filter(|at| period.contains(at.date())) else {
            continue;
        };
        let next = history.get(index + 1).map(|next| next.at);
        match promise::settle(promised, next, now) {
            Settled::Kept => counts.kept += 1,
            Settled::Missed => counts.missed += 1,
            Settled::Early => counts.early += 1,
            Settled::Open => counts.open += 1,
        }
    }
}

/// Files closed in the period, by the reason they are closed for; every reason, even at 0.
fn closed(prospects: &[Prospect], period: Period) -> Vec<Closed> {
    CloseReason::ALL
        .iter()
        .map(|&reason| Closed {
            reason,
            files: prospects
                .iter()
                .filter_map(|prospect| prospect.closed.as_ref())
                .filter(|closure| closure.reason == reason && period.contains(closure.at.date()))
                .count() as u32,
        })
        .collect()
}

/// The rescue rate against the claim, once enough rescues were sent to say.
fn verdict(rescue: Tally) -> Option<Verdict> {
    if rescue.touches < RESCUE_MIN_SAMPLE {
        return None;
    }
    // answered / sent against the claim, as answered against sent x 0.75: exact in floating
    // point for any count a person can make, so "as claimed" means exactly 75%.
    let claimed = f64::from(rescue.touches) * CLAIMED_RESCUE_RATE;
    Some(match f64::from(rescue.answered).partial_cmp(&claimed) {
        Some(std::cmp::Ordering::Greater) => Verdict::Above,
        Some(std::cmp::Ordering::Less) => Verdict::Below,
        _ => Verdict::AsClaimed,
    })
}

#[cfg(test)]
mod tests;

/// Every step but the assistant's, in order, with its tally (zero where none): the assistant
/// has a line of its own, its calls not being touches.
fn step_tallies(by_step: &BTreeMap<Step, Tally>) -> Vec<StepTally> {
    Step::ALL
        .iter()
        .filter(|&&step| step != Step::Assistant)
        .map(|&step| StepTally {
            step,
            tally: by_step.get(&step).copied().unwrap_or_default(),
        })
        .collect()
}

/// Every channel but the assistant's, in order, with its tally (zero where none).
fn channel_tallies(by_channel: &BTreeMap<Channel, Tally>) -> Vec<ChannelTally> {
    Channel::ALL
        .iter()
        .filter(|&&channel| channel != Channel::Assistant)
        .map(|&channel| ChannelTally {
            channel,
            tally: by_channel.get(&channel).copied().unwrap_or_default(),
        })
        .collect()
}
