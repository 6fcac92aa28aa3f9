//! `stats --by-rep`: the figures of each rep of a team book, and of the team.

use chrono::NaiveDate;

use crate::error::Result;
use crate::render::{Width, json, rep_stats};
use crate::tracker::Tracker;

pub fn run(
    tracker: &mut Tracker,
    since: Option<NaiveDate>,
    until: Option<NaiveDate>,
    as_json: bool,
    width: Width,
) -> Result<String> {
    let report = tracker.stats_by_rep(since, until)?;
    Ok(if as_json {
        json::to_string(&report)
    } else {
        rep_stats::render(&report, width)
    })
}
