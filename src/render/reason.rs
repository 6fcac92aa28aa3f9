//! Why an action is due, in one sentence, from the facts the engine used.

use crate::domain::Step;
use crate::engine::{Basis, NextAction, Promise};
use crate::facts::Promiser;
use crate::render::sanitize::clean;

use super::{day, plural};

/// The sentence for an assistant step that goes to the front desk on the company's main
/// line, there being no assistant's number; any other action's usual sentence.
pub fn at_front_desk(action: &NextAction, promised_by: Option<&Promiser>) -> String {
    match &action.basis {
        Basis::Assistant { rescue_on, .. } => format!(
            "The rescue message of {} went unanswered; the front desk may know whether they \
             are away or what has changed.",
            day(*rescue_on)
        ),
        _ => sentence(action, promised_by),
    }
}

/// Why `action` is due. `promised_by`: the rep who made the promise it keeps, when another
/// rep makes the call (see [`Promiser`]); the sentence names them instead of "you".
pub fn sentence(action: &NextAction, promised_by: Option<&Promiser>) -> String {
    match (action.promise, promised_by) {
        (Some(promise), Some(promiser)) => handed_over(promise, promiser),
        // The step is in its own column: the sentence says only what the promise did.
        (Some(promise), None) if promise.missed => format!(
            "You promised a call for {} {} and missed it: apologise.",
            day(promise.at.date()),
            promise.at.format("%H:%M")
        ),
        (Some(promise), None) => format!(
            "On {} you promised to call at {}.",
            day(promise.made_on),
            promise.at.format("%H:%M")
        ),
        (None, _) => by_rule(action),
    }
}

/// Another rep's promise: who made it, and whose the file is now.
fn handed_over(promise: Promise, promiser: &Promiser) -> String {
    let who = clean(&promiser.name);
    let whose = if promiser.file_is_callers {
        "the file is yours now"
    } else {
        "the file becomes yours when you log the call"
    };
    if promise.missed {
        format!(
            "{who} promised them a call for {} {} and it was missed; {whose}: apologise for \
             the team.",
            day(promise.at.date()),
            promise.at.format("%H:%M")
        )
    } else {
        format!(
            "On {} {who} promised them a call at {}; {whose}.",
            day(promise.made_on),
            promise.at.format("%H:%M")
        )
    }
}

/// The sentence of the rule that chose the step.
fn by_rule(action: &NextAction) -> String {
    match &action.basis {
        Basis::AgreedDate { agreed_on } => format!(
            "On {} you agreed with them to take the next step on {}.",
            day(*agreed_on),
            day(action.due)
        ),
        Basis::NewProspect => format!(
            "A new prospect: the first touch is due {}.",
            day(action.due)
        ),
        Basis::Reopened => "The file was reopened, so a new run starts with a follow-up.".into(),
        Basis::Gap {
            last_touch,
            unanswered: 0,
            gap,
        } => format!(
            "They last responded on {}; follow up {} later.",
            day(*last_touch),
            plural(i64::from(*gap), "business day")
        ),
        Basis::Gap {
            last_touch,
            unanswered,
            gap,
        } if action.step == Step::Fire => format!(
            "{} unanswered, the last on {}: this is the close-out message, {} later.",
            plural(i64::from(*unanswered), "touch"),
            day(*last_touch),
            plural(i64::from(*gap), "business day")
        ),
        Basis::Gap {
            last_touch,
            unanswered,
            gap,
        } => format!(
            "{} unanswered, the last on {}; the next comes {} later.",
            plural(i64::from(*unanswered), "touch"),
            day(*last_touch),
            plural(i64::from(*gap), "business day")
        ),
        Basis::RescueSpan {
            unanswered,
            first_unanswered,
            span_days,
            ..
        } => format!(
            "{} unanswered since {} and at least {span_days} days gone: time for the candid rescue message.",
            plural(i64::from(*unanswered), "touch"),
            day(*first_unanswered)
        ),
        Basis::Assistant { rescue_on, .. } => format!(
            "The rescue message of {} went unanswered; their assistant may know what is happening.",
            day(*rescue_on)
        ),
        Basis::CloseOut { last_touch, wait } => format!(
            "The close-out message of {} went unanswered for {}: close the file.",
            day(*last_touch),
            plural(i64::from(*wait), "business day")
        ),
        Basis::CloseOutPromised { last_touch } => format!(
            "The close-out message of {} went unanswered and you promised one more call.",
            day(*last_touch)
        ),
        Basis::Recontact { set_for } => {
            format!("A closed file, set to be tried again on {}.", day(*set_for))
        }
        Basis::Drip {
            from,
            after_touch: false,
            every,
        } => format!(
            "A lost deal on the drip, closed on {}: one value touch every {}.",
            day(*from),
            plural(i64::from(*every), "business day")
        ),
        Basis::Drip { from, every, .. } => format!(
            "A lost deal on the drip: the last touch was on {}, and one comes every {}.",
            day(*from),
            plural(i64::from(*every), "business day")
        ),
    }
}
