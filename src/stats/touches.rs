//! Touches as `stats` counts them, and whether each was answered.
//!
//! The engine's touches decide what to do next; these measure what worked, so they differ in
//! two ways: an answer that came to us is not a touch of ours (told apart by the engine's own
//! rule for replies), and a touch is credited with a response only inside a window (see
//! [`touches`]).

use chrono::{NaiveDate, NaiveDateTime};

use crate::cadence::Cadence;
use crate::calendar::Calendar;
use crate::domain::{Attempt, Channel, Outcome, Prospect, Status, Step};
use crate::engine;

/// One touch of a prospect, or one day's calls through the assistant, and its result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Touch {
    pub date: NaiveDate,
    /// The first attempt: when it was made, and its id, which orders attempts made at the
    /// same minute.
    pub start: (NaiveDateTime, i64),
    /// The step and channel of the first attempt.
    pub step: Step,
    pub channel: Channel,
    pub answered: bool,
}

/// A prospect's touches, and the days they called the assistant, each in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Touches {
    pub prospect: Vec<Touch>,
    pub assistant: Vec<Touch>,
}

/// A response that may have come to us rather than from a call of ours: a `replied` on any
/// channel (the word `log` documents for hearing back), or any response in writing. An email
/// or a text cannot pick up the phone: a "meeting" or a "no" logged on one is the prospect
/// writing back. A connected call, a meeting or a "no" on a call or in person is a
/// conversation we started: a touch.
fn may_be_inbound(attempt: &Attempt) -> bool {
    attempt.outcome == Outcome::Replied
        || (matches!(attempt.channel, Channel::Email | Channel::Text)
            && attempt.outcome.is_response())
}

/// The prospect spoke or wrote back (a "no" included). Talking to the assistant is not an
/// answer from the prospect.
fn is_response(attempt: &Attempt) -> bool {
    attempt.channel != Channel::Assistant && attempt.outcome.is_response()
}

/// Which attempts of a prospect are answers that came to us, not touches of ours: those that
/// may be inbound and, first of their day, come before the next touch was due while the last
/// touch stood unanswered ([`engine::reply_answers`], the rule `log` records replies by).
/// Once the next touch is due, such an attempt is taken as that touch, answered.
fn inbound(
    attempts: &[Attempt],
    prospect: &Prospect,
    cadence: &Cadence,
    calendar: &Calendar,
) -> Vec<bool> {
    attempts
        .iter()
        .enumerate()
        .map(|(index, attempt)| {
            if !may_be_inbound(attempt) {
                return false;
            }
            let earlier = &attempts[..index];
            let first_of_day = !earlier
                .iter()
                .any(|other| other.is_touch() && other.date() == attempt.date());
            if !first_of_day {
                // A later response of the day never starts the day's touch: it answers it.
                return true;
            }
            // The prospect as it stood then: active, in the run the attempt belongs to.
            let then = Prospect {
                status: Status::Active,
                run_started_at: prospect.run_started_at.filter(|start| attempt.at > *start),
                ..prospect.clone()
            };
            engine::reply_answers(&then, earlier, cadence, calendar, attempt.date()).is_some()
        })
        .collect()
}

/// The touches of one prospect, from its attempts in the order they happened.
///
/// A touch (or an assistant day) is answered when a response is logged at or after its first
/// attempt, before the next touch began, and no later than the day `gap_business_days`
/// business days after the touch. So a response answers the latest touch made before it, if it
/// came in time; a connected call answers the touch it makes.
pub(super) fn touches(
    attempts: &[Attempt],
    prospect: &Prospect,
    cadence: &Cadence,
    calendar: &Calendar,
) -> Touches {
    let inbound = inbound(attempts, prospect, cadence, calendar);
    let outbound: Vec<Attempt> = attempts
        .iter()
        .zip(&inbound)
        .filter(|(attempt, inbound)| attempt.channel != Channel::Assistant && !**inbound)
        .map(|(attempt, _)| attempt.clone())
        .collect();
    let mut touches = Touches {
        prospect: by_date(&outbound),
        assistant: by_date(
            &attempts
                .iter()
                .filter(|attempt| attempt.channel == Channel::Assistant)
                .cloned()
                .collect::<Vec<_>>(),
        ),
    };
    let gap = cadence.gap_business_days;
    let starts: Vec<(NaiveDateTime, i64)> =
        touches.prospect.iter().map(|touch| touch.start).collect();
    let responses: Vec<(NaiveDateTime, i64)> = attempts
        .iter()
        .filter(|attempt| is_response(attempt))
        .map(|attempt| (attempt.at, attempt.id))
        .collect();
    let answer = |touch: &mut Touch| {
        let next = starts.iter().find(|start| **start > touch.start);
        let last_day = calendar.add_business_days(touch.date, gap);
        touch.answered = responses.iter().any(|response| {
            *response >= touch.start
                && next.is_none_or(|next| response < next)
                && response.0.date() <= last_day
        });
    };
    touches.prospect.iter_mut().for_each(answer);
    touches.assistant.iter_mut().for_each(answer);
    touches
}

/// Attempts grouped by calendar date, each group led by its first attempt.
fn by_date(attempts: &[Attempt]) -> Vec<Touch> {
    let mut touches: Vec<Touch> = Vec::new();
    for attempt in attempts {
        if touches
            .last()
            .is_some_and(|touch| touch.date == attempt.date())
        {
            continue;
        }
        touches.push(Touch {
            date: attempt.date(),
            start: (attempt.at, attempt.id),
            step: attempt.step,
            channel: attempt.channel,
            answered: false,
        });
    }
    touches
}
