//! A synthetic but realistic book of prospects, for benchmarks and for tests that need many.
//!
//! Each prospect has about ten attempts over the year before the benchmark day, with the
//! steps the engine would have recorded; most files are closed or planned for later, and
//! about fifty actions are due on the day itself, whatever the size of the book, so that a
//! benchmark shows whether the cost follows what is due or the size of the history.
//!
//! Shared by `bench/generate.rs` and the tests through `#[path]`, so it is not part of the
//! library's API.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use followup::config::Config;
use followup::domain::{
    Attempt, Channel, CloseReason, Closure, Contact, Outcome, Preference, Prospect, Status,
};
use followup::engine;
use followup::store::{NewAttempt, Store, StoreError};

/// How many prospects have an action due on the benchmark day, unless told otherwise.
pub const DUE_TODAY: usize = 50;

const FIRST_NAMES: &[&str] = &[
    "Ana", "Ben", "Chloé", "Dev", "Eun-ji", "Femi", "Grace", "Hugo", "Ines", "Jonas", "Kaito",
    "Lena",
];
const LAST_NAMES: &[&str] = &[
    "Abara", "Berg", "Castillo", "Dubois", "Eriksen", "Fischer", "Gupta", "Horvat", "Ivanova",
    "Jensen",
];
const COMPANIES: &[&str] = &[
    "Lakeside Dental",
    "Acme Corp",
    "Fjord AS",
    "Northwind",
    "Blue Harbor",
    "Pine & Co",
    "Orbit Labs",
];

fn at(day: NaiveDate, minute_of_day: u32) -> NaiveDateTime {
    day.and_time(NaiveTime::from_num_seconds_from_midnight_opt(minute_of_day * 60, 0).unwrap())
}

/// Fills `store` with `count` prospects as of `today`, [`DUE_TODAY`] of them due that day.
/// Deterministic for a given seed.
pub fn generate(
    store: &mut Store,
    config: &Config,
    count: usize,
    today: NaiveDate,
    seed: u64,
) -> Result<(), StoreError> {
    generate_with_due(store, config, count, DUE_TODAY, today, seed)
}

/// Like [`generate`], with `due` prospects due on `today`.
pub fn generate_with_due(
    store: &mut Store,
    config: &Config,
    count: usize,
    due: usize,
    today: NaiveDate,
    seed: u64,
) -> Result<(), StoreError> {
    let mut rng = fastrand::Rng::with_seed(seed);
    // Spread the prospects due today evenly through the book.
    let due_every = (count / due.max(1)).max(1);
    store.write(|writer| {
        for index in 0..count {
            let due_today = index % due_every == 0 && index / due_every < due;
            let plan = plan(&mut rng, index, today, due_today);
            let prospect = prospect(&mut rng, index, today);
            let id = writer.insert_prospect(&prospect)?;
            let prospect = Prospect { id, ..prospect };
            let mut attempts = history(&mut rng, &prospect, config, today);
            if let Some(last) = attempts.last_mut() {
                match plan {
                    Plan::Agreed(day) => last.next = Some(day),
                    Plan::Promised(when) => last.promise = Some(when),
                    Plan::Closed { .. } => {}
                }
            }
            for attempt in &attempts {
                writer.insert_attempt(attempt)?;
            }
            writer.update_prospect(&ending(&prospect, attempts.last(), plan))?;
        }
        Ok::<_, StoreError>(())
    })
}

fn prospect(rng: &mut fastrand::Rng, index: usize, today: NaiveDate) -> Prospect {
    let first = FIRST_NAMES[rng.usize(..FIRST_NAMES.len())];
    let last = LAST_NAMES[rng.usize(..LAST_NAMES.len())];
    let start = today - Days::new(rng.u64(60..365));
    Prospect {
        id: 0,
        contact: Contact {
            name: format!("{first} {last} {index}"),
            company: Some(COMPANIES[rng.usize(..COMPANIES.len())].to_string()),
            phone: Some(format!("555-{:04}", index % 10_000)),
            email: Some(format!(
                "{}.{}{index}@example.com",
                first.to_lowercase(),
                last.to_lowercase()
            )),
            prefers: [None, Some(Preference::Call), Some(Preference::Email)][rng.usize(..3)],
            topic: Some("office chairs".to_string()),
            next_step: Some("a quote".to_string()),
            assistant: rng.bool().then(|| "Sam".to_string()),
            ..Contact::default()
        },
        cadence: "standard".to_string(),
        start,
        status: Status::Active,
        closed: None,
        recontact_on: None,
        run_started_at: None,
        created_at: at(start, 8 * 60),
        owner: None,
    }
}

/// About ten attempts from the start date on, a few days apart, with a reply now and then;
/// each records the step the engine would have recorded.
fn history(
    rng: &mut fastrand::Rng,
    prospect: &Prospect,
    config: &Config,
    today: NaiveDate,
) -> Vec<NewAttempt> {
    let cadence = config
        .cadence(&prospect.cadence)
        .expect("the standard cadence exists");
    let mut earlier: Vec<Attempt> = Vec::new();
    let mut new = Vec::new();
    let mut day = prospect.start;
    for _ in 0..rng.usize(8..13) {
        if day >= today - Days::new(20) {
            break;
        }
        let channel = [
            Channel::Call,
            Channel::Call,
            Channel::Email,
            Channel::Assistant,
        ][rng.usize(..4)];
        let outcome = match rng.u8(..10) {
            0 => Outcome::Replied,
            1 => Outcome::Connected,
            _ => Outcome::default_for(channel),
        };
        let when = at(day, rng.u32(8 * 60..17 * 60));
        let fulfilled = engine::step_fulfilled(
            prospect,
            &earlier,
            cadence,
            &config.calendar,
            day,
            channel,
            outcome,
        );
        let attempt = NewAttempt {
            prospect_id: prospect.id,
            at: when,
            channel,
            outcome,
            step: fulfilled.step,
            note: rng.bool().then(|| "left a message".to_string()),
            promise: None,
            next: None,
            logged_at: when,
        };
        earlier.push(attempt.as_attempt());
        new.push(attempt);
        day = config.calendar.add_business_days(day, rng.u32(2..8));
    }
    new
}

/// How a file stands on the benchmark day.
#[derive(Debug, Clone, Copy)]
enum Plan {
    /// Active, with a date agreed at the last attempt.
    Agreed(NaiveDate),
    /// Active, with a callback promised at the last attempt.
    Promised(NaiveDateTime),
    Closed {
        reason: CloseReason,
        recontact_on: Option<NaiveDate>,
    },
}

/// Due today for the chosen few (a promise this morning, an agreed date, a file coming back);
/// otherwise planned for later or closed, mostly for good.
fn plan(rng: &mut fastrand::Rng, index: usize, today: NaiveDate, due_today: bool) -> Plan {
    if due_today {
        return match index % 3 {
            0 => Plan::Promised(at(today, 8 * 60 + 15 + rng.u32(0..180))),
            1 => Plan::Agreed(today),
            _ => Plan::Closed {
                reason: CloseReason::NoResponse,
                recontact_on: Some(today),
            },
        };
    }
    match rng.u8(..10) {
        0..=2 => Plan::Agreed(today + Days::new(rng.u64(1..60))),
        3 => Plan::Promised(at(today + Days::new(rng.u64(1..5)), 9 * 60)),
        _ => Plan::Closed {
            reason: [
                CloseReason::Won,
                CloseReason::Lost,
                CloseReason::NotAFit,
                CloseReason::NoResponse,
            ][rng.usize(..4)],
            // Some come back, but never on the benchmark day.
            recontact_on: rng.bool().then(|| today + Days::new(rng.u64(1..180))),
        },
    }
}

fn ending(prospect: &Prospect, last: Option<&NewAttempt>, plan: Plan) -> Prospect {
    let mut prospect = prospect.clone();
    if let Plan::Closed {
        reason,
        recontact_on,
    } = plan
    {
        prospect.status = Status::Closed;
        prospect.closed = Some(Closure {
            reason,
            at: last.map_or(prospect.created_at, |attempt| attempt.at),
            note: None,
            // Off the drip, so that the generated book (and the figures measured on it) stay
            // those of docs/benchmarks.md.
            drip: false,
        });
        prospect.recontact_on = recontact_on;
    }
    prospect
}
