//! The plan a cadence gives a prospect who never answers: every step with its real date.
//! Built by playing the engine forward, so it cannot disagree with what `today` will say.

use chrono::{NaiveDate, NaiveTime};

use crate::cadence::Cadence;
use crate::calendar::Calendar;
use crate::domain::{
    Attempt, Channel, CloseReason, Closure, Contact, Outcome, Prospect, Status, Step,
};
use crate::engine;

/// Touches shown for a cadence with no close-out, which would otherwise go on for ever.
const UNLIMITED_TOUCHES_SHOWN: u32 = 8;

/// One planned step.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct TimelineRow {
    pub touch: Option<u32>,
    pub step: Step,
    pub date: NaiveDate,
    #[serde(serialize_with = "crate::render::json::serialize_time")]
    pub time: Option<NaiveTime>,
}

/// The steps of `cadence` for a prospect added on `start` who never answers, has an assistant
/// on file, and is closed as "no response" when the cadence says so.
pub fn timeline(cadence: &Cadence, calendar: &Calendar, start: NaiveDate) -> Vec<TimelineRow> {
    let mut prospect = Prospect {
        id: 0,
        contact: Contact {
            name: "A prospect".to_string(),
            assistant: Some("their assistant".to_string()),
            ..Contact::default()
        },
        cadence: cadence.name.clone(),
        start,
        status: Status::Active,
        closed: None,
        recontact_on: None,
        run_started_at: None,
        created_at: start.and_time(NaiveTime::MIN),
        owner: None,
    };
    let mut attempts: Vec<Attempt> = Vec::new();
    let mut rows = Vec::new();
    let mut touches = 0;
    while let Some(action) =
        engine::next_action(&prospect, &attempts, cadence, calendar, NaiveDate::MIN)
    {
        rows.push(TimelineRow {
            touch: action.touch,
            step: action.step,
            date: action.due,
            time: action.time,
        });
        match action.step {
            Step::Recontact => break,
            Step::Close => {
                prospect.status = Status::Closed;
                prospect.closed = Some(Closure {
                    reason: CloseReason::NoResponse,
                    at: action.due.and_time(NaiveTime::MIN),
                    note: None,
                    drip: false,
                });
                prospect.recontact_on = cadence.recontact_after(action.due);
            }
            step => {
                touches += u32::from(step.is_touch());
                if cadence.max_touches.is_none() && touches >= UNLIMITED_TOUCHES_SHOWN {
                    break;
                }
                let channel = if step == Step::Assistant {
                    Channel::Assistant
                } else {
                    Channel::Call
                };
                let mut attempt = Attempt {
                    id: attempts.len() as i64,
                    prospect_id: 0,
                    at: action.due.and_time(action.time.unwrap_or(NaiveTime::MIN)),
                    channel,
                    outcome: Outcome::Voicemail,
                    step,
                    note: None,
                    promise: None,
                    next: None,
                    rep: None,
                };
                attempts.push(attempt.clone());
                if let Some(promise) =
                    engine::implied_promise(&prospect, &attempts, cadence, calendar)
                {
                    attempt.promise = Some(promise);
                    attempts.pop();
                    attempts.push(attempt);
                }
            }
        }
    }
    rows
}
