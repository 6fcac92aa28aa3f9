//! `stats --by-rep`: what each rep of a team did, and the team as a whole. Pure: the
//! attempts with who logged them, the closed files with their owners, the reps and the
//! period come in as arguments.
//!
//! The figures are deliberately simple, so that a manager can check them by hand against
//! `followup audit`; they are those of `followup stats --help` under "--by-rep":
//! - a touch is the attempts of one prospect on one date, leaving out calls through the
//!   assistant and replies that came to us (outcome `replied`); it is the rep's who logged
//!   the first of them;
//! - it is answered when a response (connected, replied, meeting, declined; not through the
//!   assistant) is logged at or after it and before the prospect's next touch;
//! - a rescue is a touch whose step is `rescue`;
//! - a promise is a callback promised on an attempt (the rep's who logged it), counted by
//!   the promised date; it is kept when the next attempt on the prospect is a call logged
//!   on the promised day;
//! - a close is a file closed in the period, counted for the file's owner.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;

use crate::domain::{Attempt, Channel, CloseReason, Outcome, Rep, Step};
use crate::stats::Period;
use crate::store::ClosedFile;

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

/// Computes the figures of `period`. `attempts` are grouped by prospect, each prospect's in
/// the order they happened.
pub fn compute(
    attempts: &[(Attempt, Option<i64>)],
    closed: &[ClosedFile],
    reps: &[Rep],
    period: Period,
) -> RepStats {
    let mut by_rep: BTreeMap<Option<i64>, Figures> = BTreeMap::new();
    for history in attempts.chunk_by(|a, b| a.0.prospect_id == b.0.prospect_id) {
        count_prospect(history, period, &mut by_rep);
    }
    for file in closed.iter().filter(|file| period.contains(file.at.date())) {
        let figures = by_rep.entry(file.owner).or_default();
        figures.closes += 1;
        if file.reason == CloseReason::Won {
            figures.won += 1;
        }
    }
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
    // A rep deleted behind followup's back still counts for the team.
    let mut team = Figures::default();
    for figures in by_rep.values() {
        team.touches += figures.touches;
        team.answered += figures.answered;
        team.rescues += figures.rescues;
        team.promises_made += figures.promises_made;
        team.promises_kept += figures.promises_kept;
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

/// The first attempt of a touch: the date, when, its step, and the rep who logged it.
struct Touch<'a> {
    first: &'a Attempt,
    rep: Option<i64>,
}

/// Counts one prospect's touches and promises.
fn count_prospect(
    history: &[(Attempt, Option<i64>)],
    period: Period,
    by_rep: &mut BTreeMap<Option<i64>, Figures>,
) {
    let mut touches: Vec<Touch<'_>> = Vec::new();
    for (attempt, rep) in history {
        let is_touch = attempt.channel != Channel::Assistant && attempt.outcome != Outcome::Replied;
        if is_touch
            && touches
                .last()
                .is_none_or(|t| t.first.date() != attempt.date())
        {
            touches.push(Touch {
                first: attempt,
                rep: *rep,
            });
        }
    }
    for (index, touch) in touches.iter().enumerate() {
        if !period.contains(touch.first.date()) {
            continue;
        }
        let next = touches.get(index + 1).map(|next| next.first);
        let answered = history.iter().any(|(attempt, _)| {
            attempt.channel != Channel::Assistant
                && attempt.outcome.is_response()
                && (attempt.at, attempt.id) >= (touch.first.at, touch.first.id)
                && next.is_none_or(|next| (attempt.at, attempt.id) < (next.at, next.id))
        });
        let figures = by_rep.entry(touch.rep).or_default();
        figures.touches += 1;
        figures.answered += u32::from(answered);
        figures.rescues += u32::from(touch.first.step == Step::Rescue);
    }
    for (index, (attempt, rep)) in history.iter().enumerate() {
        let Some(promise) = attempt.promise else {
            continue;
        };
        if !period.contains(promise.date()) {
            continue;
        }
        let kept = history.get(index + 1).is_some_and(|(next, _)| {
            next.channel == Channel::Call && next.date() == promise.date()
        });
        let figures = by_rep.entry(*rep).or_default();
        figures.promises_made += 1;
        figures.promises_kept += u32::from(kept);
    }
}
