//! Which value items get answered: each item's touches in the period and how many of them
//! the prospect answered, ranked by reply rate, so the salesperson can keep what works.
//!
//! A touch carried an item when one of its attempts recorded it (`log` does, see
//! [`crate::value::delivered`]); it is answered by the same rule as every touch of `stats`
//! (a response before the next touch, within the cadence's gap).

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Period, Tally, touches};
use crate::cadence::Cadence;
use crate::config::{Config, DEFAULT_CADENCE};
use crate::domain::{Attempt, Prospect, ProspectId, ValueItem, ValueKind};

/// One item's touches and answers.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ItemTally {
    pub id: i64,
    pub kind: ValueKind,
    pub text: String,
    /// Taken out of use since (`value remove`); still counted for what it did.
    pub retired: bool,
    #[serde(flatten)]
    pub tally: Tally,
}

/// The items carried by touches in `period`, best reply rate first (then the most touches,
/// then the order added). `carried` maps an attempt's id to the item it carried; `attempts`
/// are grouped by prospect as for [`super::compute`].
pub fn rank(
    attempts: &[Attempt],
    prospects: &[Prospect],
    items: &[ValueItem],
    carried: &BTreeMap<i64, i64>,
    config: &Config,
    period: Period,
) -> Vec<ItemTally> {
    let by_id: BTreeMap<ProspectId, &Prospect> = prospects
        .iter()
        .map(|prospect| (prospect.id, prospect))
        .collect();
    let standard = Cadence::standard(DEFAULT_CADENCE);
    let mut tallies: BTreeMap<i64, Tally> = BTreeMap::new();
    for history in attempts.chunk_by(|a, b| a.prospect_id == b.prospect_id) {
        let Some(prospect) = by_id.get(&history[0].prospect_id).copied() else {
            continue;
        };
        if !history
            .iter()
            .any(|attempt| carried.contains_key(&attempt.id))
        {
            continue;
        }
        let cadence = config
            .cadence(&prospect.cadence)
            .or_else(|| config.cadence(DEFAULT_CADENCE))
            .unwrap_or(&standard);
        let touches = touches::touches(history, prospect, cadence, &config.calendar);
        for touch in touches
            .prospect
            .iter()
            .filter(|touch| period.contains(touch.date))
        {
            let item = history
                .iter()
                .filter(|attempt| attempt.is_touch() && attempt.date() == touch.date)
                .find_map(|attempt| carried.get(&attempt.id));
            if let Some(item) = item {
                tallies.entry(*item).or_default().add(touch.answered);
            }
        }
    }
    ranked(items, &tallies)
}

/// The items with touches, best reply rate first (then the most touches, then the order
/// added), from each item's tally.
pub fn ranked(items: &[ValueItem], tallies: &BTreeMap<i64, Tally>) -> Vec<ItemTally> {
    let mut ranked: Vec<ItemTally> = items
        .iter()
        .filter_map(|item| {
            tallies.get(&item.id).map(|tally| ItemTally {
                id: item.id,
                kind: item.kind,
                text: item.text.clone(),
                retired: item.retired_at.is_some(),
                tally: *tally,
            })
        })
        .collect();
    ranked.sort_by(|a, b| {
        let rate = |item: &ItemTally| item.tally.reply_rate().unwrap_or(0.0);
        rate(b)
            .total_cmp(&rate(a))
            .then_with(|| b.tally.touches.cmp(&a.tally.touches))
            .then_with(|| a.id.cmp(&b.id))
    });
    ranked
}
