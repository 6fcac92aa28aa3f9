//! `stats --by-rep`: what each rep of a team did, and the team as a whole, from the figures
//! `stats` keeps (stats/facts.rs, store/stat_facts.rs) grouped by rep. Pure: the counts, the
//! reps and the period come in as arguments.
//!
//! The figures are those of `stats`, so that the team's line is the manager's `stats`; they
//! are listed in `followup stats --help` under "--by-rep":
//! - a touch is a touch of `stats` (answers that came to us and calls through the assistant
//!   are none); it is the rep's who logged its first attempt (`attempts.rep`), whoever holds
//!   the file now;
//! - it is answered when `stats` counts it answered: a response within its cadence's gap;
//! - a rescue is a touch whose step is `rescue`;
//! - a promise is a callback promised on an attempt (the rep's who logged it), counted by
//!   the promised date; it is kept as `stats` settles it (a call on the promised day, within
//!   the grace after the promised time);
//! - a close is a file closed in the period, counted for the file's owner.
//!
//! [`recount`] works the same figures out from each file's history, as `stats` has
//! `recount_stats`: the tests hold the stored figures to it.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::domain::{Channel, CloseReason, Prospect, Rep, Step};
use crate::promise::Settled;
use crate::stats::Period;
use crate::stats::facts::Facts;

/// The figures of one rep, or of the team.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Figures {
    pub touches: u32,
    pub answered: u32,
    /// answered / touches; `None` without touches.
    pub reply_rate: Option<f64>,
    pub rescues: u32,
    pub promises_made: u32,
    pub promises_kept: u32,
    /// Promises made whose time, with its grace, has not come yet: neither kept nor missed.
    pub promises_open: u32,
    pub closes: u32,
    /// The closes with reason `won`.
    pub won: u32,
}

/// Who a line is about: a rep, or `None` for the work logged by no rep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RepRef {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepLine {
    /// `null`: touches logged without a rep (before the team, or by a role that is no rep),
    /// and files in the pool.
    pub rep: Option<RepRef>,
    #[serde(flatten)]
    pub figures: Figures,
}

/// Every line of `stats --by-rep`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RepStats {
    pub since: Option<NaiveDate>,
    pub until: NaiveDate,
    /// Every rep by id, then the line of no rep when it has anything.
    pub reps: Vec<RepLine>,
    pub team: Figures,
}

/// Every line of the report from the figures by rep (`None`: no rep), in the order of
/// `reps`; the team's line is their sum (a rep deleted behind followup's back included).
pub fn assemble(by_rep: &BTreeMap<Option<i64>, Figures>, reps: &[Rep], period: Period) -> RepStats {
    let mut lines: Vec<RepLine> = reps
        .iter()
        .map(|rep| RepLine {
            rep: Some(RepRef {
                id: rep.id,
                name: rep.name.clone(),
                email: rep.email.clone(),
                active: rep.active,
            }),
            figures: by_rep.get(&Some(rep.id)).copied().unwrap_or_default(),
        })
        .collect();
    if let Some(figures) = by_rep.get(&None) {
        lines.push(RepLine {
            rep: None,
            figures: *figures,
        });
    }
    let mut team = Figures::default();
    for figures in by_rep.values() {
        team.touches += figures.touches;
        team.answered += figures.answered;
        team.rescues += figures.rescues;
        team.promises_made += figures.promises_made;
        team.promises_kept += figures.promises_kept;
        team.promises_open += figures.promises_open;
        team.closes += figures.closes;
        team.won += figures.won;
    }
    for line in &mut lines {
        line.figures.reply_rate = rate(&line.figures);
    }
    team.reply_rate = rate(&team);
    RepStats {
        since: period.since,
        until: period.until,
        reps: lines,
        team,
    }
}

fn rate(figures: &Figures) -> Option<f64> {
    (figures.touches > 0).then(|| f64::from(figures.answered) / f64::from(figures.touches))
}

/// The figures by rep worked out from every file and its facts, computed afresh from its
/// history (what the stored counts stand for).
pub fn recount<'a>(
    files: impl IntoIterator<Item = (&'a Prospect, &'a Facts)>,
    period: Period,
    now: NaiveDateTime,
) -> BTreeMap<Option<i64>, Figures> {
    let mut by_rep: BTreeMap<Option<i64>, Figures> = BTreeMap::new();
    for (prospect, facts) in files {
        for touch in &facts.touches {
            if touch.channel == Channel::Assistant || !period.contains(touch.day) {
                continue;
            }
            let figures = by_rep.entry(touch.rep).or_default();
            figures.touches += 1;
            figures.answered += u32::from(touch.answered);
            figures.rescues += u32::from(touch.step == Step::Rescue);
        }
        for promise in facts.promises.iter().filter(|p| period.contains(p.day)) {
            let figures = by_rep.entry(promise.rep).or_default();
            figures.promises_made += 1;
            figures.promises_kept += u32::from(promise.settled == Some(Settled::Kept));
            figures.promises_open +=
                u32::from(promise.settled.is_none() && promise.deadline >= now);
        }
        if let Some(closed) = &prospect.closed
            && period.contains(closed.at.date())
        {
            let figures = by_rep.entry(prospect.owner).or_default();
            figures.closes += 1;
            figures.won += u32::from(closed.reason == CloseReason::Won);
        }
    }
    by_rep
}
