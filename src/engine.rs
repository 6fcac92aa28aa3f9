//! The cadence engine: from a prospect, its attempts, its cadence and today's date, the one
//! next action. This is `cadence.md` turned into code, rule by rule.
//!
//! The engine is pure: no clock, no database, no files. Everything it needs is an argument,
//! which is what lets every worked example of the spec be a unit test here.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};

use crate::cadence::Cadence;
use crate::calendar::Calendar;
use crate::domain::{Attempt, Channel, Outcome, Prospect, Status, Step};

pub mod outlook;

pub use outlook::{Glance, Outlook, Promised, Reading, outlook};

/// Bumped whenever a rule changes, so that due dates stored by an older version are recomputed.
///
/// 2: a promise fixes when the next touch happens, not what it is (rule 1), and fixed dates
/// that fall on days away are due on the day of return.
///
/// 3: a file closed as lost can be on the drip, with a value touch due every
/// `drip_every_business_days`.
///
/// 4: each file's outlook is stored beside its due date (store/planned.rs); books written
/// before have none, and work them out once.
pub const RULES_VERSION: u32 = 4;

/// Business days from the rescue message to the suggested call to the assistant (rule 5).
pub const ASSISTANT_DELAY_BUSINESS_DAYS: u32 = 2;

/// What to do next for a prospect, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextAction {
    pub step: Step,
    pub due: NaiveDate,
    /// The time promised for this touch, while the promise stands (see [`Promise::missed`]).
    pub time: Option<NaiveTime>,
    /// The number of the touch this action would be; `None` for steps that are not touches.
    pub touch: Option<u32>,
    /// The facts the rule used to choose the step, so that the reason can be told to the
    /// salesperson.
    pub basis: Basis,
    /// Rule 1: the promise that fixed when this touch happens, if one did.
    pub promise: Option<Promise>,
}

impl NextAction {
    /// Whether the time of this action was promised to the prospect and still stands: what
    /// `today --json` calls `promised`. A missed promise no longer does.
    pub fn promised(&self) -> bool {
        self.promise.is_some_and(|promise| !promise.missed)
    }

    /// The promise this touch failed to keep on its day, which its message apologises for.
    pub fn missed_promise(&self) -> Option<Promise> {
        self.promise.filter(|promise| promise.missed)
    }
}

/// Rule 1: a promised callback, which fixes the date and time of the next touch and leaves
/// its step to the other rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Promise {
    /// The moment promised to the prospect.
    pub at: NaiveDateTime,
    /// The day the promise was made (the attempt that carried it).
    pub made_on: NaiveDate,
    /// The id of the attempt that carried it: on a team book, the tracker asks who logged it,
    /// since the rep who promised the call may not be the one who makes it.
    pub attempt: i64,
    /// The promised day is over (or is a day away) and nothing was logged: the touch is simply
    /// overdue now.
    pub missed: bool,
}

/// Which rule chose the action, with the facts it used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// Rule 2: the latest attempt agreed a date for the next step.
    AgreedDate { agreed_on: NaiveDate },
    /// Rule 3: nothing logged yet.
    NewProspect,
    /// `reopen`: a new run starts with a follow-up on the day of reopening.
    Reopened,
    /// Rule 4: the gap after the last touch.
    Gap {
        last_touch: NaiveDate,
        unanswered: u32,
        gap: u32,
    },
    /// Rule 4, rescue: the gap, but no earlier than the minimum span of the run.
    RescueSpan {
        last_touch: NaiveDate,
        unanswered: u32,
        gap: u32,
        first_unanswered: NaiveDate,
        span_days: u32,
    },
    /// Rule 5: the rescue went unanswered and an assistant is on file. The call is advice: it
    /// gives way to the touch rule 4 planned (`next_touch`, due `next_touch_due`) once that
    /// touch is due, so `why` names that touch too.
    Assistant {
        rescue_on: NaiveDate,
        next_touch: Step,
        next_touch_due: NaiveDate,
    },
    /// Rule 6: the close-out message went unanswered.
    CloseOut { last_touch: NaiveDate, wait: u32 },
    /// Rule 1 on the close-out: a call was promised when the close-out message was left, so
    /// that call is made, with the close-out message again, before the file waits to close.
    CloseOutPromised { last_touch: NaiveDate },
    /// Rule 7: a closed file due to be tried again.
    Recontact { set_for: NaiveDate },
    /// The drip after a lost deal: `every` business days after `from`, the day of the last
    /// drip touch (`after_touch`) or, before the first one, the day the file was closed.
    Drip {
        from: NaiveDate,
        after_touch: bool,
        every: u32,
    },
}

/// One calendar date's worth of attempts to the prospect, as the rules count it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Touch {
    pub date: NaiveDate,
    /// When the first attempt of the touch was made.
    pub at: NaiveDateTime,
    /// How many attempts the day holds.
    pub attempts: u32,
    pub answered: bool,
    /// The step of the day's first attempt.
    pub step: Step,
}

/// The current run of a prospect's history as the rules read it. Exposed so that `why` can
/// show the engine's own working instead of counting touches a second way.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunFacts {
    /// When the run began, if the file was reopened.
    pub started_at: Option<NaiveDateTime>,
    /// Attempts logged before the run began: they no longer count.
    pub before_run: usize,
    /// The touches of the run, in order.
    pub touches: Vec<Touch>,
    /// When each attempt through the assistant was made: advice acted on, not touches.
    pub assistant_calls: Vec<NaiveDateTime>,
    /// Unanswered touches since the last response (or since the start of the run).
    pub unanswered: u32,
    pub first_unanswered: Option<NaiveDate>,
    pub last_touch: Option<NaiveDate>,
    /// The rescue touch of the current unanswered streak.
    pub rescue_on: Option<NaiveDate>,
    /// Whether the assistant was called after that rescue.
    pub assistant_since_rescue: bool,
}

/// The run of `prospect`'s history that the rules read; `attempts` in the order they happened.
pub fn run_facts(prospect: &Prospect, attempts: &[Attempt]) -> RunFacts {
    let run = Run::of(prospect, attempts);
    RunFacts {
        started_at: prospect.run_started_at,
        before_run: attempts.len() - run.in_run,
        assistant_calls: run.assistant_calls,
        unanswered: run.unanswered,
        first_unanswered: run.first_unanswered,
        last_touch: run.last_touch,
        rescue_on: run.rescue.map(|rescue| rescue.date),
        assistant_since_rescue: run.assistant_since_rescue,
        touches: run.touches,
    }
}

/// The current run of a prospect's history, summarised for the rules.
#[derive(Debug, Default)]
struct Run<'a> {
    /// The latest attempt of the run, touch or not.
    latest: Option<&'a Attempt>,
    /// How many attempts belong to the run.
    in_run: usize,
    touches: Vec<Touch>,
    assistant_calls: Vec<NaiveDateTime>,
    /// Unanswered touches since the last response (or since the start of the run).
    unanswered: u32,
    first_unanswered: Option<NaiveDate>,
    last_touch: Option<NaiveDate>,
    /// The rescue touch of the current unanswered streak.
    rescue: Option<Touch>,
    assistant_since_rescue: bool,
}

impl<'a> Run<'a> {
    /// `attempts` must be in the order they happened.
    fn of(prospect: &Prospect, attempts: &'a [Attempt]) -> Run<'a> {
        let in_run: Vec<&Attempt> = attempts
            .iter()
            .filter(|attempt| {
                prospect
                    .run_started_at
                    .is_none_or(|start| attempt.at >= start)
            })
            .collect();
        let mut run = Run {
            latest: in_run.last().copied(),
            in_run: in_run.len(),
            assistant_calls: in_run
                .iter()
                .filter(|attempt| !attempt.is_touch())
                .map(|attempt| attempt.at)
                .collect(),
            ..Run::default()
        };
        let touches = touches(&in_run);
        for &touch in &touches {
            run.last_touch = Some(touch.date);
            if touch.answered {
                run.unanswered = 0;
                run.first_unanswered = None;
                run.rescue = None;
            } else {
                run.unanswered += 1;
                run.first_unanswered.get_or_insert(touch.date);
                if touch.step == Step::Rescue {
                    run.rescue = Some(touch);
                }
            }
        }
        run.assistant_since_rescue = run.rescue.is_some_and(|rescue| {
            in_run
                .iter()
                .any(|attempt| !attempt.is_touch() && attempt.at >= rescue.at)
        });
        run.touches = touches;
        run
    }
}

/// Groups attempts into touches: all attempts to the prospect on one date are one touch,
/// answered if any of them was, and fulfilling the step of the first.
fn touches(attempts: &[&Attempt]) -> Vec<Touch> {
    let mut touches: Vec<Touch> = Vec::new();
    for attempt in attempts.iter().filter(|attempt| attempt.is_touch()) {
        match touches.last_mut() {
            Some(touch) if touch.date == attempt.date() => {
                touch.attempts += 1;
                touch.answered |= attempt.outcome.is_response();
            }
            _ => touches.push(Touch {
                date: attempt.date(),
                at: attempt.at,
                attempts: 1,
                answered: attempt.outcome.is_response(),
                step: attempt.step,
            }),
        }
    }
    touches
}

/// The next action for a prospect, or `None` when there is nothing left to do (a closed file
/// with no re-contact date that is not on the drip). A closed file's re-contact date, set by
/// the salesperson, comes before its drip.
///
/// `attempts` are the prospect's attempts in the order they happened. `today` matters only for
/// rule 5: the call to the assistant gives way to the next touch once that touch is due.
pub fn next_action(
    prospect: &Prospect,
    attempts: &[Attempt],
    cadence: &Cadence,
    calendar: &Calendar,
    today: NaiveDate,
) -> Option<NextAction> {
    match prospect.status {
        Status::Closed => match prospect.recontact_on {
            Some(set_for) => Some(NextAction {
                step: Step::Recontact,
                due: calendar.roll_forward(set_for),
                time: None,
                touch: None,
                basis: Basis::Recontact { set_for },
                promise: None,
            }),
            None => drip_action(prospect, attempts, cadence, calendar),
        },
        Status::Active => Some(active_next_action(
            prospect, attempts, cadence, calendar, today,
        )),
    }
}

/// The next value touch of a lost deal on the drip: `drip_every_business_days` after the last
/// touch since the close, or after the close itself. The date is worked out from the history
/// rather than stored, so that logging a drip touch sets the next one, `undo` of it puts the
/// date back, and holidays or days away marked later move it like every other due date.
/// `None` for a closed file that is not on the drip, or whose cadence has no drip.
fn drip_action(
    prospect: &Prospect,
    attempts: &[Attempt],
    cadence: &Cadence,
    calendar: &Calendar,
) -> Option<NextAction> {
    let closure = prospect.closed.as_ref().filter(|closure| closure.drip)?;
    let every = cadence.drip_every_business_days?;
    let last_touch = attempts
        .iter()
        .rfind(|attempt| attempt.is_touch() && attempt.at >= closure.at);
    let from = last_touch.map_or(closure.at.date(), Attempt::date);
    Some(NextAction {
        step: Step::Drip,
        due: calendar.add_business_days(from, every),
        time: None,
        touch: None,
        basis: Basis::Drip {
            from,
            after_touch: last_touch.is_some(),
            every,
        },
        promise: None,
    })
}

/// The earliest day on which the prospect may need attention: the due date of the next action
/// as seen from the distant past. Stored beside each prospect so the morning list can find
/// what is due without running the engine over the whole book.
pub fn earliest_due(
    prospect: &Prospect,
    attempts: &[Attempt],
    cadence: &Cadence,
    calendar: &Calendar,
) -> Option<NaiveDate> {
    next_action(prospect, attempts, cadence, calendar, NaiveDate::MIN).map(|action| action.due)
}

fn active_next_action(
    prospect: &Prospect,
    attempts: &[Attempt],
    cadence: &Cadence,
    calendar: &Calendar,
    today: NaiveDate,
) -> NextAction {
    let run = Run::of(prospect, attempts);
    // A promise for a day away cannot be kept: it is missed, and due on the day of return.
    let promise = run.latest.and_then(|latest| {
        latest.promise.map(|at| Promise {
            at,
            made_on: latest.date(),
            attempt: latest.id,
            missed: today > at.date() || calendar.is_away(at.date()),
        })
    });
    let planned = planned_action(prospect, &run, cadence, calendar, today, promise.is_none());
    match promise {
        Some(promise) => keep_promise(planned, promise, &run, cadence, calendar),
        None => planned,
    }
}

/// Rule 1: the touch the other rules planned, moved to the promised day and time. A promise
/// made on the close-out touch is one more call with the close-out message. Once the
/// promised day is over, the touch stays due that day (overdue) but has no time any more.
fn keep_promise(
    planned: NextAction,
    promise: Promise,
    run: &Run<'_>,
    cadence: &Cadence,
    calendar: &Calendar,
) -> NextAction {
    let (step, touch, basis) = match planned.basis {
        Basis::CloseOut { last_touch, .. } => (
            Step::Fire,
            cadence.max_touches.or(Some(run.unanswered)),
            Basis::CloseOutPromised { last_touch },
        ),
        basis => (planned.step, planned.touch, basis),
    };
    NextAction {
        step,
        due: fixed_date(calendar, promise.at.date()),
        time: (!promise.missed).then(|| promise.at.time()),
        touch,
        basis,
        promise: Some(promise),
    }
}

/// A date agreed with someone (a promise, an agreed next step, a start date) stays where it
/// is, unless it falls while the salesperson is away: then it is due on the day of return.
fn fixed_date(calendar: &Calendar, day: NaiveDate) -> NaiveDate {
    calendar.back_from_away(day)
}

/// Rules 2 to 6: what the next touch is, and when it is due without a promise. The advice of
/// rule 5 is left out while a promise stands (`advise` false): the promised call comes first.
fn planned_action(
    prospect: &Prospect,
    run: &Run<'_>,
    cadence: &Cadence,
    calendar: &Calendar,
    today: NaiveDate,
    advise: bool,
) -> NextAction {
    let touch = Some(run.unanswered + 1);

    // Rule 2: what the prospect agreed beats the cadence.
    if let Some(latest) = run.latest
        && let Some(agreed) = latest.next
    {
        return NextAction {
            step: Step::NextStep,
            due: fixed_date(calendar, agreed),
            time: None,
            touch,
            basis: Basis::AgreedDate {
                agreed_on: latest.date(),
            },
            promise: None,
        };
    }

    // Rule 3: no touch yet in this run.
    let Some(last_touch) = run.last_touch else {
        let (step, due, basis) = match prospect.run_started_at {
            Some(reopened) => (Step::FollowUp, reopened.date(), Basis::Reopened),
            None => (
                Step::First,
                fixed_date(calendar, prospect.start),
                Basis::NewProspect,
            ),
        };
        return NextAction {
            step,
            due,
            time: None,
            touch,
            basis,
            promise: None,
        };
    };

    // Rule 6: the close-out went unanswered.
    let unanswered = run.unanswered;
    if cadence.max_touches.is_some_and(|max| unanswered >= max) {
        return NextAction {
            step: Step::Close,
            due: calendar.add_business_days(last_touch, cadence.close_after_business_days),
            time: None,
            touch: None,
            basis: Basis::CloseOut {
                last_touch,
                wait: cadence.close_after_business_days,
            },
            promise: None,
        };
    }

    // Rule 4: the next touch of the sequence.
    let gap = cadence.gap_business_days;
    let after_gap = calendar.add_business_days(last_touch, gap);
    let mut action = if cadence.max_touches == Some(unanswered + 1) {
        touch_action(Step::Fire, after_gap, touch, last_touch, unanswered, gap)
    } else if cadence.rescue_after == Some(unanswered) {
        // A run with unanswered touches always has a first one.
        let first_unanswered = run.first_unanswered.unwrap_or(last_touch);
        let span_end = first_unanswered + Days::new(u64::from(cadence.rescue_min_span_days));
        NextAction {
            step: Step::Rescue,
            due: after_gap.max(calendar.roll_forward(span_end)),
            time: None,
            touch,
            basis: Basis::RescueSpan {
                last_touch,
                unanswered,
                gap,
                first_unanswered,
                span_days: cadence.rescue_min_span_days,
            },
            promise: None,
        }
    } else {
        touch_action(
            Step::FollowUp,
            after_gap,
            touch,
            last_touch,
            unanswered,
            gap,
        )
    };

    // Rule 5: advice to call the assistant, until the next touch is due.
    if let Some(rescue_on) = run.rescue.map(|rescue| rescue.date) {
        let assistant_due = calendar.add_business_days(rescue_on, ASSISTANT_DELAY_BUSINESS_DAYS);
        if advise
            && cadence.assistant_step
            && prospect.contact.can_ask_after()
            && !run.assistant_since_rescue
            && assistant_due < action.due
            && today < action.due
        {
            action = NextAction {
                step: Step::Assistant,
                due: assistant_due,
                time: None,
                touch: None,
                basis: Basis::Assistant {
                    rescue_on,
                    next_touch: action.step,
                    next_touch_due: action.due,
                },
                promise: None,
            };
        }
    }
    action
}

fn touch_action(
    step: Step,
    due: NaiveDate,
    touch: Option<u32>,
    last_touch: NaiveDate,
    unanswered: u32,
    gap: u32,
) -> NextAction {
    NextAction {
        step,
        due,
        time: None,
        touch,
        basis: Basis::Gap {
            last_touch,
            unanswered,
            gap,
        },
        promise: None,
    }
}

/// The step a new attempt fulfils, and the number of the touch it makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fulfilled {
    pub step: Step,
    /// `None` for an attempt that is not a new touch: through the assistant, to a closed
    /// file, or a second attempt on a day already touched.
    pub touch: Option<u32>,
}

/// The step a new attempt on `day` fulfils, given the attempts logged before it.
///
/// A second attempt on the same day belongs to the touch already made that day; an attempt
/// through the assistant is the assistant step; a reply that comes in before the next touch
/// is due answers the last touch, and is recorded against its step, so that reply rates
/// credit the message that earned them. Otherwise it is whatever touch the cadence had planned next (the
/// assistant advice never stands in for a touch).
pub fn step_fulfilled(
    prospect: &Prospect,
    earlier: &[Attempt],
    cadence: &Cadence,
    calendar: &Calendar,
    day: NaiveDate,
    channel: Channel,
    outcome: Outcome,
) -> Fulfilled {
    if channel == Channel::Assistant {
        return Fulfilled {
            step: Step::Assistant,
            touch: None,
        };
    }
    let same_day = earlier.iter().find(|attempt| {
        attempt.is_touch()
            && attempt.date() == day
            && prospect
                .run_started_at
                .is_none_or(|start| attempt.at >= start)
    });
    if let Some(attempt) = same_day {
        return Fulfilled {
            step: attempt.step,
            touch: None,
        };
    }
    let planned = next_action(prospect, earlier, cadence, calendar, NaiveDate::MAX);
    if outcome == Outcome::Replied
        && let Some(step) = answered_by_reply(prospect, earlier, planned.as_ref(), day)
    {
        return Fulfilled { step, touch: None };
    }
    match planned {
        Some(action) => Fulfilled {
            step: action.step,
            touch: action.touch,
        },
        None => Fulfilled {
            step: Step::Recontact,
            touch: None,
        },
    }
}

/// The step of the touch that a reply logged on `day` answers, when it answers one: a reply
/// that comes in before the next touch is due answers the last touch of the run, if that
/// touch is unanswered. `None`: the reply is taken as the next touch itself, made and
/// answered (a call as planned that they picked up, logged as a reply). `earlier` are the
/// attempts logged before it, and `day` holds no touch yet.
///
/// `step_fulfilled` records replies by this rule, and `stats` tells answers from touches by
/// it, so that the two agree.
pub fn reply_answers(
    prospect: &Prospect,
    earlier: &[Attempt],
    cadence: &Cadence,
    calendar: &Calendar,
    day: NaiveDate,
) -> Option<Step> {
    let planned = next_action(prospect, earlier, cadence, calendar, NaiveDate::MAX);
    answered_by_reply(prospect, earlier, planned.as_ref(), day)
}

fn answered_by_reply(
    prospect: &Prospect,
    earlier: &[Attempt],
    planned: Option<&NextAction>,
    day: NaiveDate,
) -> Option<Step> {
    if planned.is_none_or(|action| action.due <= day) {
        return None;
    }
    let in_run: Vec<&Attempt> = earlier
        .iter()
        .filter(|attempt| {
            prospect
                .run_started_at
                .is_none_or(|start| attempt.at >= start)
        })
        .collect();
    touches(&in_run)
        .last()
        .filter(|touch| !touch.answered)
        .map(|touch| touch.step)
}

/// The day the touch after `action` falls due if `action` is carried out on `on` and goes
/// unanswered: the day a message left then can announce. `None` when nothing follows (the
/// close-out, the close) or the action is not a touch.
pub fn following_touch(
    prospect: &Prospect,
    attempts: &[Attempt],
    cadence: &Cadence,
    calendar: &Calendar,
    action: &NextAction,
    on: NaiveDate,
) -> Option<NaiveDate> {
    if !action.step.is_touch() {
        return None;
    }
    // The hypothetical touch comes after everything logged, and inside the current run: a
    // file reopened at 10:00 has its touch of that day after 10:00, not at midnight before
    // the run began (which would announce the same day again).
    let last = attempts
        .last()
        .map(|attempt| attempt.at)
        .max(prospect.run_started_at);
    let at = on.and_time(action.time.unwrap_or(NaiveTime::MIN));
    let mut hypothetical = attempts.to_vec();
    hypothetical.push(Attempt {
        id: i64::MAX,
        prospect_id: prospect.id,
        at: last.map_or(at, |last| last.max(at)),
        channel: Channel::Call,
        outcome: Outcome::Voicemail,
        step: action.step,
        note: None,
        promise: None,
        next: None,
        rep: None,
    });
    let next = next_action(prospect, &hypothetical, cadence, calendar, NaiveDate::MAX)?;
    next.step.is_touch().then_some(next.due)
}

/// The callback an unanswered touch of a cadence with `promise_time` promises by itself: the
/// next touch's business day at that time. Only such a cadence (or the user, with
/// `--promise`) makes a promise: a touch of any other cadence promises nothing, even one made
/// as promised (rule 1). No promise is made when the next step is the close-out or the close,
/// so that a promising cadence still ends.
///
/// `attempts` end with the touch just made (without a promise).
pub fn implied_promise(
    prospect: &Prospect,
    attempts: &[Attempt],
    cadence: &Cadence,
    calendar: &Calendar,
) -> Option<NaiveDateTime> {
    let latest = attempts.last()?;
    if !latest.is_touch() || latest.outcome.is_response() {
        return None;
    }
    let time = cadence.promise_time?;
    let next = next_action(prospect, attempts, cadence, calendar, NaiveDate::MAX)?;
    matches!(next.step, Step::FollowUp | Step::Rescue | Step::First)
        .then(|| next.due.and_time(time))
}

#[cfg(test)]
mod tests;
