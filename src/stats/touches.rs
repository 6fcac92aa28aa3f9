//! Touches as `stats` counts them, and whether each was answered.
//!
//! The engine's touches decide what to do next; these measure what worked, so they differ in
//! two ways: an answer that came to us is not a touch of ours, and a touch is credited with a
//! response only inside a window (see [`touches`]).

use chrono::{NaiveDate, NaiveDateTime};

use crate::calendar::Calendar;
use crate::domain::{Attempt, Channel, Outcome, Step};

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

/// An answer that came to us: a `replied` on any channel (the word `log` documents for
/// hearing back), or any response in writing. An email or a text cannot pick up the phone:
/// a "meeting" or a "no" logged on one is the prospect writing back, and counting it as a
/// touch of ours would take the credit from the message it answered. A connected call, a
/// meeting or a "no" on a call or in person is a conversation we started: a touch.
fn is_inbound(attempt: &Attempt) -> bool {
    attempt.outcome == Outcome::Replied
        || (matches!(attempt.channel, Channel::Email | Channel::Text)
            && attempt.outcome.is_response())
}

/// An attempt of ours to the prospect: it makes the day's touch, or joins it.
fn is_outbound(attempt: &Attempt) -> bool {
    attempt.channel != Channel::Assistant && !is_inbound(attempt)
}

/// The prospect spoke or wrote back (a "no" included). Talking to the assistant is not an
/// answer from the prospect.
fn is_response(attempt: &Attempt) -> bool {
    attempt.channel != Channel::Assistant && attempt.outcome.is_response()
}

/// The touches of one prospect, from its attempts in the order they happened.
///
/// A touch (or an assistant day) is answered when a response is logged at or after its first
/// attempt, before the next touch began, and no later than the day `gap` business days after
/// the touch. So a response answers the latest touch made before it, if it came in time; a
/// connected call answers the touch it makes.
pub(super) fn touches(attempts: &[Attempt], gap: u32, calendar: &Calendar) -> Touches {
    let mut touches = Touches {
        prospect: by_date(attempts, is_outbound),
        assistant: by_date(attempts, |attempt| attempt.channel == Channel::Assistant),
    };
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

/// The attempts that pass `keep`, one group per calendar date, each led by its first attempt.
fn by_date(attempts: &[Attempt], keep: impl Fn(&Attempt) -> bool) -> Vec<Touch> {
    let mut touches: Vec<Touch> = Vec::new();
    for attempt in attempts.iter().filter(|attempt| keep(attempt)) {
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
