//! The rules and worked examples of `cadence.md`, as tests.
//!
//! The worked examples are tables played day by day: on each calendar day the engine is asked
//! for the next action; on a row's day that action must be the row's step, due that very day,
//! as the row's touch, and the row's action is then logged the way `followup log` would (the
//! step it fulfils computed with [`step_fulfilled`] first). On every other day nothing may be
//! due, so a table also proves that no step shows up early.

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime, Weekday};

use super::*;
use crate::domain::{CloseReason, Closure, Contact, Outcome};

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a YYYY-MM-DD date")
}

fn time(text: &str) -> NaiveTime {
    NaiveTime::parse_from_str(text, "%H:%M").expect("an HH:MM time")
}

fn datetime(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").expect("a YYYY-MM-DDTHH:MM time")
}

/// An active prospect following `standard`, added on `start`.
fn prospect(start: &str) -> Prospect {
    Prospect {
        id: 7,
        contact: Contact {
            name: "Dana Whitfield".to_string(),
            company: Some("Northwind Traders".to_string()),
            phone: Some("555-0142".to_string()),
            next_step: Some("a trial order".to_string()),
            topic: Some("office chairs".to_string()),
            ..Contact::default()
        },
        cadence: "standard".to_string(),
        start: date(start),
        status: Status::Active,
        closed: None,
        recontact_on: None,
        run_started_at: None,
        created_at: date(start).and_time(time("08:00")),
        owner: None,
    }
}

fn with_assistant(mut prospect: Prospect) -> Prospect {
    prospect.contact.assistant = Some("Lee".to_string());
    prospect.contact.assistant_phone = Some("555-0143".to_string());
    prospect
}

/// The `as-promised` cadence of cadence.md: gap 1, at most 8 touches, no rescue, 08:15.
fn as_promised() -> Cadence {
    Cadence {
        name: "as-promised".to_string(),
        gap_business_days: 1,
        max_touches: Some(8),
        rescue_after: None,
        rescue_min_span_days: 0,
        assistant_step: false,
        close_after_business_days: 2,
        recontact_after_days: 90,
        promise_time: Some(time("08:15")),
        max_touches_per_day: None,
        drip_every_business_days: Some(60),
    }
}

fn holidays(days: &[&str]) -> Calendar {
    Calendar::new(
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ],
        days.iter().map(|day| date(day)),
    )
    .unwrap()
}

/// One attempt as `followup log` would take it.
struct Log {
    at: NaiveDateTime,
    channel: Channel,
    outcome: Outcome,
    promise: Option<NaiveDateTime>,
    next: Option<NaiveDate>,
}

impl Log {
    fn new(at: &str, channel: Channel, outcome: Outcome) -> Log {
        Log {
            at: datetime(at),
            channel,
            outcome,
            promise: None,
            next: None,
        }
    }

    fn voicemail(at: &str) -> Log {
        Log::new(at, Channel::Call, Outcome::Voicemail)
    }

    fn promising(mut self, promise: &str) -> Log {
        self.promise = Some(datetime(promise));
        self
    }

    fn agreeing(mut self, next: &str) -> Log {
        self.next = Some(date(next));
        self
    }
}

/// A prospect's file: the prospect, its attempts in order, and the rules it follows.
struct File {
    prospect: Prospect,
    attempts: Vec<Attempt>,
    cadence: Cadence,
    calendar: Calendar,
}

impl File {
    fn new(prospect: Prospect) -> File {
        File {
            prospect,
            attempts: Vec::new(),
            cadence: Cadence::standard("standard"),
            calendar: Calendar::default(),
        }
    }

    fn following(mut self, cadence: Cadence) -> File {
        self.cadence = cadence;
        self
    }

    fn on(mut self, calendar: Calendar) -> File {
        self.calendar = calendar;
        self
    }

    fn next(&self, today: NaiveDate) -> Option<NextAction> {
        next_action(
            &self.prospect,
            &self.attempts,
            &self.cadence,
            &self.calendar,
            today,
        )
    }

    /// The next action of an active file, as seen on `today`.
    fn next_on(&self, today: &str) -> NextAction {
        self.next(date(today))
            .expect("an active file always has a next action")
    }

    /// The step a new attempt would fulfil.
    fn step_for(&self, at: &str, channel: Channel) -> Step {
        step_fulfilled(
            &self.prospect,
            &self.attempts,
            &self.cadence,
            &self.calendar,
            datetime(at).date(),
            channel,
            Outcome::default_for(channel),
        )
        .step
    }

    /// Records an attempt with the step it fulfils, and returns that step.
    fn log(&mut self, log: Log) -> Step {
        let step = step_fulfilled(
            &self.prospect,
            &self.attempts,
            &self.cadence,
            &self.calendar,
            log.at.date(),
            log.channel,
            log.outcome,
        )
        .step;
        self.attempts.push(Attempt {
            id: self.attempts.len() as i64 + 1,
            prospect_id: self.prospect.id,
            at: log.at,
            channel: log.channel,
            outcome: log.outcome,
            step,
            note: None,
            promise: log.promise,
            next: log.next,
            rep: None,
        });
        step
    }

    /// Logs an unanswered voicemail on `day` at 10:00.
    fn voicemail(&mut self, day: &str) -> Step {
        self.log(Log::voicemail(&format!("{day}T10:00")))
    }

    /// `followup close --reason no-response` on `day`.
    fn close_no_response(&mut self, day: NaiveDate) {
        self.prospect.status = Status::Closed;
        self.prospect.closed = Some(Closure {
            reason: CloseReason::NoResponse,
            at: day.and_time(time("17:00")),
            note: None,
            drip: false,
        });
        self.prospect.recontact_on =
            Some(day + Days::new(u64::from(self.cadence.recontact_after_days)));
    }

    /// `followup reopen` at `at`.
    fn reopen(&mut self, at: &str) {
        self.prospect.status = Status::Active;
        self.prospect.closed = None;
        self.prospect.recontact_on = None;
        self.prospect.run_started_at = Some(datetime(at));
    }

    fn recorded_steps(&self) -> Vec<Step> {
        self.attempts.iter().map(|attempt| attempt.step).collect()
    }
}

/// What the salesperson does on a day of a worked example.
#[derive(Debug, Clone, Copy)]
enum Do {
    /// Acts on the step that is due: an unanswered voicemail for a touch, a call to the
    /// assistant for `assistant`, `followup close --reason no-response` for `close`, nothing
    /// for `recontact`.
    TheStep,
    /// An unanswered voicemail that promises the next call at this time.
    VoicemailPromising(&'static str),
    /// The prospect replies (an unscheduled event) and agrees a date for the next step.
    HearBack { next: &'static str },
}

/// One row of a worked example.
#[derive(Debug, Clone, Copy)]
struct Row {
    date: &'static str,
    /// The step due that day and its touch number; `None` for an unscheduled event.
    due: Option<(Step, Option<u32>)>,
    then: Do,
}

const fn row(date: &'static str, step: Step, touch: Option<u32>) -> Row {
    Row {
        date,
        due: Some((step, touch)),
        then: Do::TheStep,
    }
}

/// Plays `rows` day by day, from the first row's date to the last one's.
fn play(file: &mut File, rows: &[Row]) {
    let first = date(rows.first().expect("a table has rows").date);
    let last = date(rows.last().expect("a table has rows").date);
    for day in first.iter_days().take_while(|day| *day <= last) {
        let action = file.next(day);
        let today: Vec<&Row> = rows.iter().filter(|row| date(row.date) == day).collect();
        let expected = today.iter().find_map(|row| row.due);
        match expected {
            Some((step, touch)) => {
                let action =
                    action.unwrap_or_else(|| panic!("on {day}: expected {step}, nothing is due"));
                assert_eq!(
                    (action.step, action.due, action.touch),
                    (step, day, touch),
                    "on {day}: the next action is {action:?}"
                );
            }
            None => {
                if let Some(action) = action {
                    assert!(
                        action.due > day,
                        "on {day} nothing should be due, but the next action is {action:?}"
                    );
                }
            }
        }
        for row in today {
            perform(file, day, row);
        }
    }
}

fn perform(file: &mut File, day: NaiveDate, row: &Row) {
    let at = format!("{day}T10:00");
    match (row.then, row.due) {
        (Do::TheStep, Some((Step::Assistant, _))) => {
            let step = file.log(Log::new(&at, Channel::Assistant, Outcome::NoAnswer));
            assert_eq!(step, Step::Assistant, "on {day}: the call to the assistant");
        }
        (Do::TheStep, Some((Step::Close, _))) => file.close_no_response(day),
        (Do::TheStep, Some((Step::Recontact, _))) => {}
        (Do::TheStep, Some((step, _))) => {
            let recorded = file.log(Log::voicemail(&at));
            assert_eq!(recorded, step, "on {day}: the step the touch fulfilled");
        }
        (Do::VoicemailPromising(promise), _) => {
            file.log(Log::voicemail(&at).promising(promise));
        }
        (Do::HearBack { next }, _) => {
            file.log(Log::new(&at, Channel::Call, Outcome::Replied).agreeing(next));
        }
        (Do::TheStep, None) => unreachable!("an event row says what happens"),
    }
}

// ---------------------------------------------------------------------------------------------
// Worked example 1: nobody answers (no holidays)
// ---------------------------------------------------------------------------------------------

/// | date | step due | touch |, as in cadence.md.
const NOBODY_ANSWERS: &[Row] = &[
    row("2026-11-23", Step::First, Some(1)),
    row("2026-11-27", Step::FollowUp, Some(2)),
    row("2026-12-03", Step::Rescue, Some(3)),
    row("2026-12-07", Step::Assistant, None), // only if one is on file
    row("2026-12-09", Step::Fire, Some(4)),
    row("2026-12-15", Step::Close, None),
    row("2027-03-15", Step::Recontact, None), // after close --reason no-response on 12-15
];

#[test]
fn example_1_nobody_answers_with_an_assistant_on_file() {
    let mut file = File::new(with_assistant(prospect("2026-11-23")));
    play(&mut file, NOBODY_ANSWERS);

    assert_eq!(
        file.recorded_steps(),
        [
            Step::First,
            Step::FollowUp,
            Step::Rescue,
            Step::Assistant,
            Step::Fire
        ],
        "history shows which touch was the rescue"
    );
    assert_eq!(file.prospect.recontact_on, Some(date("2027-03-15")));
}

#[test]
fn example_1_nobody_answers_without_an_assistant() {
    let rows: Vec<Row> = NOBODY_ANSWERS
        .iter()
        .copied()
        .filter(|row| row.due.map(|(step, _)| step) != Some(Step::Assistant))
        .collect();
    let mut file = File::new(prospect("2026-11-23"));
    play(&mut file, &rows);

    assert_eq!(
        file.recorded_steps(),
        [Step::First, Step::FollowUp, Step::Rescue, Step::Fire]
    );
}

#[test]
fn example_1_the_rescue_waits_for_both_the_gap_and_the_ten_day_span() {
    let mut file = File::new(prospect("2026-11-23"));
    file.voicemail("2026-11-23");
    file.voicemail("2026-11-27");
    let rescue = file.next_on("2026-11-27");
    assert_eq!(rescue.step, Step::Rescue);
    assert_eq!(rescue.due, date("2026-12-03"));
    assert_eq!(
        rescue.basis,
        Basis::RescueSpan {
            last_touch: date("2026-11-27"),
            unanswered: 2,
            gap: 4,
            first_unanswered: date("2026-11-23"),
            span_days: 10,
        }
    );
}

#[test]
fn example_1_the_assistant_step_does_not_move_the_fire_date() {
    let mut file = File::new(with_assistant(prospect("2026-11-23")));
    for day in ["2026-11-23", "2026-11-27", "2026-12-03"] {
        file.voicemail(day);
    }
    let advice = file.next_on("2026-12-07");
    assert_eq!(advice.step, Step::Assistant);
    assert_eq!(advice.due, date("2026-12-07"));
    assert_eq!(
        advice.basis,
        Basis::Assistant {
            rescue_on: date("2026-12-03"),
            next_touch: Step::Fire,
            next_touch_due: date("2026-12-09"),
        }
    );

    file.log(Log::new(
        "2026-12-07T11:00",
        Channel::Assistant,
        Outcome::NoAnswer,
    ));
    let fire = file.next_on("2026-12-07");
    assert_eq!(
        (fire.step, fire.due, fire.touch),
        (Step::Fire, date("2026-12-09"), Some(4))
    );
}

#[test]
fn a_recontact_date_on_a_weekend_rolls_forward_to_a_business_day() {
    let mut file = File::new(prospect("2026-11-23"));
    file.prospect.status = Status::Closed;
    file.prospect.recontact_on = Some(date("2027-03-13")); // a Saturday
    let action = file.next_on("2027-03-10");
    assert_eq!(action.step, Step::Recontact);
    assert_eq!(action.due, date("2027-03-15"));
    assert_eq!(action.touch, None);
    assert_eq!(
        action.basis,
        Basis::Recontact {
            set_for: date("2027-03-13")
        }
    );
}

#[test]
fn a_closed_file_without_a_recontact_date_has_nothing_to_do() {
    let mut file = File::new(prospect("2026-11-23"));
    file.voicemail("2026-11-23");
    file.prospect.status = Status::Closed;
    file.prospect.recontact_on = None;
    assert_eq!(file.next(date("2026-11-23")), None);
    assert_eq!(
        earliest_due(
            &file.prospect,
            &file.attempts,
            &file.cadence,
            &file.calendar
        ),
        None
    );
}

// ---------------------------------------------------------------------------------------------
// Worked example 2: a promise
// ---------------------------------------------------------------------------------------------

#[test]
fn example_2_a_promise_moves_the_touch_and_the_rescue_stays_the_rescue() {
    // Mon: voicemail promising Tue 08:15. Tue: the promised call goes to voicemail with no
    // new promise. Touch 3 is then due by rule 4: the rescue, Thu 12-03, not promised.
    let mut file = File::new(prospect("2026-11-23"));
    play(
        &mut file,
        &[
            Row {
                then: Do::VoicemailPromising("2026-11-24T08:15"),
                ..row("2026-11-23", Step::First, Some(1))
            },
            row("2026-11-24", Step::FollowUp, Some(2)),
            row("2026-12-03", Step::Rescue, Some(3)),
        ],
    );
    assert_eq!(
        file.recorded_steps(),
        [Step::First, Step::FollowUp, Step::Rescue],
        "the promised call is recorded as the follow-up it was"
    );

    let mut file = File::new(prospect("2026-11-23"));
    file.log(Log::voicemail("2026-11-23T16:40").promising("2026-11-24T08:15"));
    let action = file.next_on("2026-11-24");
    assert_eq!(
        (action.step, action.due, action.time, action.touch),
        (
            Step::FollowUp,
            date("2026-11-24"),
            Some(time("08:15")),
            Some(2)
        )
    );
    assert!(action.promised(), "listed as promised, with its time");
    assert_eq!(
        action.promise,
        Some(Promise {
            at: datetime("2026-11-24T08:15"),
            made_on: date("2026-11-23"),
            attempt: file.attempts[0].id,
            missed: false
        })
    );
    file.voicemail("2026-11-24");
    let rescue = file.next_on("2026-11-24");
    assert_eq!(
        (rescue.step, rescue.due, rescue.time, rescue.promised()),
        (Step::Rescue, date("2026-12-03"), None, false)
    );
}

#[test]
fn example_2_a_promised_rescue_is_still_the_rescue() {
    let mut file = File::new(prospect("2026-11-23"));
    file.log(Log::voicemail("2026-11-23T16:40").promising("2026-11-24T08:15"));
    file.log(Log::voicemail("2026-11-24T08:15").promising("2026-11-26T08:15"));
    let action = file.next_on("2026-11-25");
    assert_eq!(
        (action.step, action.due, action.time, action.touch),
        (
            Step::Rescue,
            date("2026-11-26"),
            Some(time("08:15")),
            Some(3)
        )
    );
    assert!(action.promised());
    assert_eq!(
        file.step_for("2026-11-26T08:15", Channel::Call),
        Step::Rescue
    );
}

#[test]
fn a_promise_on_the_close_out_is_one_more_call_with_the_close_out_message() {
    let mut file = File::new(prospect("2026-11-23"));
    for day in ["2026-11-23", "2026-11-27", "2026-12-03"] {
        file.voicemail(day);
    }
    // The close-out message is left with a promise: that call is made, as the close-out.
    file.log(Log::voicemail("2026-12-09T10:00").promising("2026-12-10T14:30"));
    let action = file.next_on("2026-12-10");
    assert_eq!(
        (action.step, action.due, action.time, action.touch),
        (Step::Fire, date("2026-12-10"), Some(time("14:30")), Some(4))
    );
    assert!(action.promised());
    assert_eq!(
        action.basis,
        Basis::CloseOutPromised {
            last_touch: date("2026-12-09")
        }
    );
    assert_eq!(file.step_for("2026-12-10T14:30", Channel::Call), Step::Fire);
    // That call goes unanswered too: the file waits close_after_business_days from it.
    file.log(Log::voicemail("2026-12-10T14:30"));
    let close = file.next_on("2026-12-10");
    assert_eq!(
        (close.step, close.due, close.promised()),
        (Step::Close, date("2026-12-16"), false)
    );
    assert_eq!(
        following_touch(
            &file.prospect,
            &file.attempts[..4],
            &file.cadence,
            &file.calendar,
            &action,
            date("2026-12-10"),
        ),
        None,
        "the promised close-out announces no later call"
    );
}

#[test]
fn a_missed_promise_is_an_overdue_touch_from_the_next_day_and_the_cadence_counts_on_from_the_call()
{
    let mut file = File::new(prospect("2026-11-23"));
    file.log(Log::voicemail("2026-11-23T16:40").promising("2026-11-24T08:15"));
    // On the promised day it is a promised call (missed at 08:16: see promise::late_by).
    assert!(file.next_on("2026-11-24").promised());
    // From the next day on: the follow-up, overdue since Tue, with no time any more.
    let missed = file.next_on("2026-11-26");
    assert_eq!(
        (missed.step, missed.due, missed.time, missed.touch),
        (Step::FollowUp, date("2026-11-24"), None, Some(2))
    );
    assert!(!missed.promised());
    assert_eq!(
        missed.missed_promise().map(|promise| promise.at),
        Some(datetime("2026-11-24T08:15"))
    );
    // Made on Thu 11-26: the next touch counts from Thursday, not from Tuesday.
    assert_eq!(file.voicemail("2026-11-26"), Step::FollowUp);
    let rescue = file.next_on("2026-11-26");
    assert_eq!(
        (rescue.step, rescue.due),
        (Step::Rescue, date("2026-12-03"))
    );
    assert_eq!(rescue.promise, None);
}

#[test]
fn a_fixed_date_that_falls_while_away_is_due_on_the_day_of_return() {
    let away = Calendar::default().with_away([date("2026-11-25"), date("2026-11-26")]);
    let mut file = File::new(prospect("2026-11-23")).on(away.clone());
    file.log(Log::voicemail("2026-11-23T10:00").promising("2026-11-25T08:15"));
    // Away Wed and Thu: nothing is due while out; the promise is due on Fri, the day back,
    // and cannot be kept at its time.
    let on_monday = file.next_on("2026-11-23");
    assert_eq!(
        (on_monday.due, on_monday.time, on_monday.promised()),
        (date("2026-11-27"), None, false)
    );
    // Back on Friday, the promised day is over: the touch is due, with an apology.
    let back = file.next_on("2026-11-27");
    assert_eq!((back.due, back.promised()), (date("2026-11-27"), false));
    assert!(back.missed_promise().is_some());

    let mut file = File::new(prospect("2026-11-23")).on(away);
    file.log(
        Log::new("2026-11-23T10:00", Channel::Call, Outcome::Connected).agreeing("2026-11-26"),
    );
    let agreed = file.next_on("2026-11-25");
    assert_eq!(
        (agreed.step, agreed.due),
        (Step::NextStep, date("2026-11-27"))
    );
    // A promise on a weekend the user insisted on (`log --force`) stays where it was put.
    let mut file = File::new(prospect("2026-11-23"));
    file.log(Log::voicemail("2026-11-27T10:00").promising("2026-11-28T10:00"));
    assert_eq!(file.next_on("2026-11-27").due, date("2026-11-28"));
}

#[test]
fn history_with_the_old_promised_step_still_counts_as_touches() {
    // Databases made before RULES_VERSION 2 recorded promised calls as the step `promised`.
    let mut file = File::new(prospect("2026-11-23"));
    file.voicemail("2026-11-23");
    file.voicemail("2026-11-24");
    file.attempts[1].step = "promised".parse().expect("the old word is still read");
    let action = file.next_on("2026-11-24");
    assert_eq!(
        (action.step, action.due),
        (Step::Rescue, date("2026-12-03"))
    );
}

// ---------------------------------------------------------------------------------------------
// Worked example 3: a reply resets the run
// ---------------------------------------------------------------------------------------------

/// | date | step due | touch | of worked example 3, with the call-back as an event.
const A_REPLY_RESETS_THE_RUN: &[Row] = &[
    row("2026-11-23", Step::First, Some(1)),
    row("2026-11-27", Step::FollowUp, Some(2)),
    row("2026-12-03", Step::Rescue, Some(3)),
    // Fri: the prospect calls back; neither the fire (Wed 12-09) nor the call to the
    // assistant (Mon 12-07) is due any more.
    Row {
        date: "2026-12-04",
        due: None,
        then: Do::HearBack { next: "2026-12-10" },
    },
    // The unanswered count is 0 again: this would be touch 1 of a new run.
    row("2026-12-10", Step::NextStep, Some(1)),
    // They go dark again: a plain follow-up first, not a rescue nor a fire...
    row("2026-12-16", Step::FollowUp, Some(2)),
    // ...and the rescue only after 2 new unanswered touches.
    row("2026-12-22", Step::Rescue, Some(3)),
];

#[test]
fn example_3_a_reply_resets_the_run() {
    let mut file = File::new(prospect("2026-11-23"));
    play(&mut file, A_REPLY_RESETS_THE_RUN);
    // The steps of the touches the salesperson made (the call-back of 12-04, an inbound
    // response, is left out: cadence.md does not say which step it fulfils).
    let outgoing: Vec<Step> = file
        .attempts
        .iter()
        .filter(|attempt| attempt.date() != date("2026-12-04"))
        .map(|attempt| attempt.step)
        .collect();
    assert_eq!(
        outgoing,
        [
            Step::First,
            Step::FollowUp,
            Step::Rescue,
            Step::NextStep,
            Step::FollowUp,
            Step::Rescue
        ]
    );
}

#[test]
fn example_3_with_an_assistant_on_file_the_old_rescue_no_longer_calls_for_the_assistant() {
    let mut file = File::new(with_assistant(prospect("2026-11-23")));
    play(&mut file, A_REPLY_RESETS_THE_RUN);
    // The new rescue brings its own call to the assistant.
    let advice = file.next_on("2026-12-23");
    assert_eq!(
        (advice.step, advice.due),
        (Step::Assistant, date("2026-12-24"))
    );
}

#[test]
fn example_3_the_agreed_date_is_the_next_step() {
    let mut file = File::new(prospect("2026-11-23"));
    for day in ["2026-11-23", "2026-11-27", "2026-12-03"] {
        file.voicemail(day);
    }
    let credited = file
        .log(Log::new("2026-12-04T15:00", Channel::Call, Outcome::Replied).agreeing("2026-12-10"));
    assert_eq!(
        credited,
        Step::Rescue,
        "a reply is recorded against the touch it answers"
    );
    let action = file.next_on("2026-12-04");
    assert_eq!(action.step, Step::NextStep);
    assert_eq!(action.due, date("2026-12-10"));
    assert_eq!(action.touch, Some(1), "the unanswered count is 0");
    assert_eq!(
        action.basis,
        Basis::AgreedDate {
            agreed_on: date("2026-12-04")
        }
    );
}

#[test]
fn a_call_that_connects_is_the_planned_touch_not_a_reply() {
    let mut file = File::new(prospect("2026-11-23"));
    file.voicemail("2026-11-23");
    let step = file.log(Log::new(
        "2026-11-27T09:30",
        Channel::Call,
        Outcome::Connected,
    ));
    assert_eq!(step, Step::FollowUp);
}

#[test]
fn an_assistant_call_before_the_rescue_on_the_same_day_does_not_count() {
    let mut file = File::new(with_assistant(prospect("2026-11-23")));
    file.voicemail("2026-11-23");
    file.voicemail("2026-11-27");
    file.log(Log::new(
        "2026-12-03T09:00",
        Channel::Assistant,
        Outcome::NoAnswer,
    ));
    file.voicemail("2026-12-03");
    assert_eq!(file.next_on("2026-12-07").step, Step::Assistant);
}

#[test]
fn after_a_response_without_an_agreed_date_comes_a_follow_up() {
    let mut file = File::new(prospect("2026-11-23"));
    file.voicemail("2026-11-23");
    file.voicemail("2026-11-27");
    file.log(Log::new(
        "2026-11-30T09:30",
        Channel::Call,
        Outcome::Connected,
    ));
    let action = file.next_on("2026-11-30");
    assert_eq!(
        (action.step, action.due, action.touch),
        (Step::FollowUp, date("2026-12-04"), Some(1))
    );
}

// ---------------------------------------------------------------------------------------------
// Business days, touches and late logging
// ---------------------------------------------------------------------------------------------

#[test]
fn holidays_push_the_follow_up_past_them() {
    let mut file = File::new(prospect("2026-11-23")).on(holidays(&["2026-11-26", "2026-11-27"]));
    play(
        &mut file,
        &[
            row("2026-11-23", Step::First, Some(1)),
            row("2026-12-01", Step::FollowUp, Some(2)),
        ],
    );
}

#[test]
fn a_touch_logged_late_counts_from_the_day_it_was_made() {
    let mut file = File::new(prospect("2026-11-23"));
    file.voicemail("2026-11-23");
    // The follow-up was due Fri 11-27 but made Tue 12-01.
    assert_eq!(file.voicemail("2026-12-01"), Step::FollowUp);
    let rescue = file.next_on("2026-12-01");
    assert_eq!(rescue.step, Step::Rescue);
    assert_eq!(
        rescue.due,
        date("2026-12-07"),
        "Tue 12-01 + 4 business days"
    );
}

#[test]
fn an_early_second_touch_does_not_bring_the_rescue_before_the_span() {
    let mut file = File::new(prospect("2026-11-23"));
    file.voicemail("2026-11-23");
    file.voicemail("2026-11-24");
    let rescue = file.next_on("2026-11-24");
    assert_eq!(rescue.step, Step::Rescue);
    assert_eq!(
        rescue.due,
        date("2026-12-03"),
        "Mon 11-23 + 10 days, not Tue 11-24 + 4"
    );
}

#[test]
fn the_rescue_span_ending_on_a_weekend_rolls_forward() {
    let mut file = File::new(prospect("2026-11-25"));
    file.voicemail("2026-11-25");
    file.voicemail("2026-11-26");
    let rescue = file.next_on("2026-11-26");
    assert_eq!(rescue.step, Step::Rescue);
    // Wed 11-25 + 10 days is Sat 12-05, rolled forward to Mon 12-07 (the gap gives Wed 12-02).
    assert_eq!(rescue.due, date("2026-12-07"));
}

#[test]
fn several_attempts_on_one_day_are_one_touch() {
    let mut file = File::new(prospect("2026-11-23"));
    let steps = [
        file.log(Log::new(
            "2026-11-23T09:00",
            Channel::Call,
            Outcome::Voicemail,
        )),
        file.log(Log::new("2026-11-23T09:05", Channel::Email, Outcome::Sent)),
        file.log(Log::new("2026-11-23T15:00", Channel::Text, Outcome::Sent)),
    ];
    assert_eq!(steps, [Step::First; 3], "all three are the first touch");

    let action = file.next_on("2026-11-23");
    assert_eq!(
        (action.step, action.due, action.touch),
        (Step::FollowUp, date("2026-11-27"), Some(2))
    );
    assert_eq!(
        action.basis,
        Basis::Gap {
            last_touch: date("2026-11-23"),
            unanswered: 1,
            gap: 4
        }
    );
}

#[test]
fn a_day_with_a_response_is_an_answered_touch() {
    let mut file = File::new(prospect("2026-11-23"));
    file.voicemail("2026-11-23");
    file.log(Log::new(
        "2026-11-27T09:00",
        Channel::Call,
        Outcome::Voicemail,
    ));
    file.log(Log::new(
        "2026-11-27T16:00",
        Channel::Call,
        Outcome::Connected,
    ));
    let action = file.next_on("2026-11-27");
    assert_eq!(
        (action.step, action.due, action.touch),
        (Step::FollowUp, date("2026-12-03"), Some(1)),
        "the response that day resets the unanswered count"
    );
}

#[test]
fn a_day_with_a_response_stays_answered_whatever_is_logged_after_it() {
    let mut file = File::new(prospect("2026-11-23"));
    file.voicemail("2026-11-23");
    file.log(Log::new(
        "2026-11-27T09:00",
        Channel::Call,
        Outcome::Connected,
    ));
    // The recap email after the conversation is part of the same, answered, touch.
    file.log(Log::new("2026-11-27T16:00", Channel::Email, Outcome::Sent));
    let action = file.next_on("2026-11-27");
    assert_eq!(
        (action.step, action.due, action.touch),
        (Step::FollowUp, date("2026-12-03"), Some(1))
    );
}

#[test]
fn attempts_through_the_assistant_are_not_touches() {
    let mut file = File::new(prospect("2026-11-23"));
    // Before any touch, talking to the assistant leaves the first touch due.
    file.log(Log::new(
        "2026-11-20T10:00",
        Channel::Assistant,
        Outcome::Voicemail,
    ));
    let first = file.next_on("2026-11-23");
    assert_eq!(
        (first.step, first.due, first.touch),
        (Step::First, date("2026-11-23"), Some(1))
    );

    file.voicemail("2026-11-23");
    file.log(Log::new(
        "2026-11-25T10:00",
        Channel::Assistant,
        Outcome::NoAnswer,
    ));
    file.log(Log::new(
        "2026-11-26T10:00",
        Channel::Assistant,
        Outcome::Voicemail,
    ));
    let action = file.next_on("2026-11-26");
    assert_eq!(
        (action.step, action.due, action.touch),
        (Step::FollowUp, date("2026-11-27"), Some(2)),
        "the gap still counts from Mon 11-23 and the count is still 1"
    );
}

// ---------------------------------------------------------------------------------------------
// Rule 5: the assistant
// ---------------------------------------------------------------------------------------------

/// A prospect with an assistant, whose rescue went out Thu 12-03 (fire due Wed 12-09).
fn rescued_with_assistant() -> File {
    let mut file = File::new(with_assistant(prospect("2026-11-23")));
    for day in ["2026-11-23", "2026-11-27", "2026-12-03"] {
        file.voicemail(day);
    }
    assert_eq!(file.attempts[2].step, Step::Rescue);
    file
}

#[test]
fn the_assistant_step_gives_way_to_the_fire_once_the_fire_is_due() {
    let file = rescued_with_assistant();
    let table = [
        // (today, step shown, due)
        ("2026-12-04", Step::Assistant, "2026-12-07"),
        ("2026-12-07", Step::Assistant, "2026-12-07"),
        ("2026-12-08", Step::Assistant, "2026-12-07"),
        ("2026-12-09", Step::Fire, "2026-12-09"),
        ("2026-12-14", Step::Fire, "2026-12-09"),
    ];
    for (today, step, due) in table {
        let action = file.next_on(today);
        assert_eq!(
            (action.step, action.due),
            (step, date(due)),
            "seen on {today}"
        );
    }
    assert_eq!(file.next_on("2026-12-09").touch, Some(4));
    assert_eq!(
        earliest_due(
            &file.prospect,
            &file.attempts,
            &file.cadence,
            &file.calendar
        ),
        Some(date("2026-12-07")),
        "the advice is the earliest thing to look at"
    );
}

#[test]
fn an_assistant_attempt_after_the_rescue_removes_the_assistant_action() {
    let mut file = rescued_with_assistant();
    file.log(Log::new(
        "2026-12-04T11:00",
        Channel::Assistant,
        Outcome::Voicemail,
    ));
    for today in ["2026-12-04", "2026-12-07", "2026-12-08"] {
        let action = file.next_on(today);
        assert_eq!(
            (action.step, action.due, action.touch),
            (Step::Fire, date("2026-12-09"), Some(4)),
            "seen on {today}"
        );
    }
}

#[test]
fn an_assistant_attempt_before_the_rescue_does_not_count() {
    let mut file = File::new(with_assistant(prospect("2026-11-23")));
    file.voicemail("2026-11-23");
    file.voicemail("2026-11-27");
    file.log(Log::new(
        "2026-12-01T10:00",
        Channel::Assistant,
        Outcome::NoAnswer,
    ));
    file.voicemail("2026-12-03");
    let action = file.next_on("2026-12-07");
    assert_eq!(
        (action.step, action.due),
        (Step::Assistant, date("2026-12-07"))
    );
}

#[test]
fn no_assistant_step_when_the_cadence_turns_it_off() {
    let mut file = rescued_with_assistant();
    file.cadence.assistant_step = false;
    let action = file.next_on("2026-12-07");
    assert_eq!((action.step, action.due), (Step::Fire, date("2026-12-09")));
}

// ---------------------------------------------------------------------------------------------
// Rules 3 and 6: the start of a run, and its end
// ---------------------------------------------------------------------------------------------

#[test]
fn a_new_prospect_is_due_its_first_touch_on_its_start_date() {
    let file = File::new(prospect("2026-11-30"));
    let action = file.next_on("2026-11-23");
    assert_eq!(
        (action.step, action.due, action.touch, action.basis),
        (Step::First, date("2026-11-30"), Some(1), Basis::NewProspect)
    );
}

#[test]
fn a_reopened_prospect_gets_a_follow_up_that_day_as_touch_1() {
    let mut file = File::new(prospect("2026-11-23"));
    for day in ["2026-11-23", "2026-11-27", "2026-12-03", "2026-12-09"] {
        file.voicemail(day);
    }
    file.close_no_response(date("2026-12-15"));
    file.reopen("2027-01-12T09:30");

    let action = file.next_on("2027-01-12");
    assert_eq!(
        (action.step, action.due, action.touch, action.basis),
        (Step::FollowUp, date("2027-01-12"), Some(1), Basis::Reopened)
    );

    // The touches of the earlier run no longer count: the new run starts from one.
    assert_eq!(file.voicemail("2027-01-12"), Step::FollowUp);
    let action = file.next_on("2027-01-12");
    assert_eq!(
        (action.step, action.due, action.touch),
        (Step::FollowUp, date("2027-01-18"), Some(2))
    );
}

#[test]
fn an_unanswered_close_out_makes_the_close_due_after_close_after_business_days() {
    // Built-in holidays: Fri 12-25 and Fri 01-01.
    let mut file = File::new(prospect("2026-12-01")).on(holidays(&["2026-12-25", "2027-01-01"]));
    for day in ["2026-12-01", "2026-12-07", "2026-12-14", "2026-12-24"] {
        file.voicemail(day);
    }
    assert_eq!(file.attempts[3].step, Step::Fire);
    let last = date("2026-12-24");
    let action = file.next_on("2026-12-24");
    assert_eq!(action.step, Step::Close);
    assert_eq!(action.due, file.calendar.add_business_days(last, 4));
    assert_eq!(
        action.due,
        date("2026-12-31"),
        "Mon 28, Tue 29, Wed 30, Thu 31"
    );
    assert_eq!(action.touch, None);
    assert_eq!(
        action.basis,
        Basis::CloseOut {
            last_touch: last,
            wait: 4
        }
    );

    // Another setting of the knob moves the close with it.
    file.cadence.close_after_business_days = 2;
    assert_eq!(file.next_on("2026-12-24").due, date("2026-12-29"));
}

#[test]
fn a_cadence_without_a_limit_never_closes_nor_rescues() {
    let mut file = File::new(prospect("2026-11-23")).following(Cadence {
        max_touches: None,
        rescue_after: None,
        assistant_step: false,
        gap_business_days: 60,
        ..Cadence::standard("nurture")
    });
    let mut day = date("2026-11-23");
    for touch in 1..=12 {
        let action = file.next(day).unwrap();
        assert_eq!(
            (action.step, action.due, action.touch),
            (
                if touch == 1 {
                    Step::First
                } else {
                    Step::FollowUp
                },
                day,
                Some(touch)
            )
        );
        file.voicemail(&day.to_string());
        day = file.calendar.add_business_days(day, 60);
    }
}

// ---------------------------------------------------------------------------------------------
// step_fulfilled
// ---------------------------------------------------------------------------------------------

#[test]
fn step_fulfilled_is_the_planned_step() {
    let mut file = File::new(with_assistant(prospect("2026-11-23")));
    let table = [
        // (attempt, step fulfilled)
        ("2026-11-23T10:00", Step::First),
        ("2026-11-27T10:00", Step::FollowUp),
        // Late: a rescue logged after its due date is still the rescue.
        ("2026-12-04T10:00", Step::Rescue),
        // The assistant advice (due 12-08) never stands in for a touch.
        ("2026-12-08T10:00", Step::Fire),
    ];
    for (at, step) in table {
        assert_eq!(file.step_for(at, Channel::Call), step, "an attempt at {at}");
        file.log(Log::voicemail(at));
    }
}

#[test]
fn step_fulfilled_of_a_second_attempt_the_same_day_is_that_touch() {
    let mut file = File::new(prospect("2026-11-23"));
    file.voicemail("2026-11-23");
    file.voicemail("2026-11-27");
    assert_eq!(file.voicemail("2026-12-03"), Step::Rescue);
    // The rescue email sent after the rescue voicemail is part of the rescue, not the fire.
    assert_eq!(
        file.step_for("2026-12-03T10:05", Channel::Email),
        Step::Rescue
    );
    assert_eq!(
        file.step_for("2026-12-09T10:00", Channel::Email),
        Step::Fire
    );
}

#[test]
fn step_fulfilled_through_the_assistant_is_the_assistant_step() {
    let mut file = File::new(prospect("2026-11-23"));
    assert_eq!(
        file.step_for("2026-11-23T10:00", Channel::Assistant),
        Step::Assistant
    );
    file.voicemail("2026-11-23");
    assert_eq!(
        file.step_for("2026-11-23T11:00", Channel::Assistant),
        Step::Assistant
    );
    assert_eq!(
        file.step_for("2026-11-27T10:00", Channel::Assistant),
        Step::Assistant
    );
}

// ---------------------------------------------------------------------------------------------
// implied_promise: the as-promised cadence
// ---------------------------------------------------------------------------------------------

fn implied_promise_of(file: &File) -> Option<NaiveDateTime> {
    implied_promise(
        &file.prospect,
        &file.attempts,
        &file.cadence,
        &file.calendar,
    )
}

#[test]
fn as_promised_promises_the_next_business_day_at_its_time_until_the_close_out() {
    let mut file = File::new(prospect("2026-11-23")).following(as_promised());
    let table = [
        // (touch made, step it fulfils, promise it makes)
        ("2026-11-23", Step::First, Some("2026-11-24T08:15")),
        ("2026-11-24", Step::FollowUp, Some("2026-11-25T08:15")),
        ("2026-11-25", Step::FollowUp, Some("2026-11-26T08:15")),
        ("2026-11-26", Step::FollowUp, Some("2026-11-27T08:15")),
        ("2026-11-27", Step::FollowUp, Some("2026-11-30T08:15")), // over the weekend
        ("2026-11-30", Step::FollowUp, Some("2026-12-01T08:15")),
        // Touch 7: the next one is the close-out, which is not promised.
        ("2026-12-01", Step::FollowUp, None),
    ];
    for (day, step, promise) in table {
        let at = format!("{day}T08:15");
        assert_eq!(file.log(Log::voicemail(&at)), step, "the touch of {day}");
        let promised = implied_promise_of(&file);
        assert_eq!(promised, promise.map(datetime), "the promise made on {day}");
        // As `log` does: the promise is stored on the attempt just made.
        file.attempts.last_mut().unwrap().promise = promised;
        if let Some(promise) = promised {
            let action = file.next_on(day);
            assert_eq!(
                (action.step, action.due, action.time, action.promised()),
                (Step::FollowUp, promise.date(), Some(promise.time()), true)
            );
        }
    }
    let fire = file.next_on("2026-12-02");
    assert_eq!(
        (fire.step, fire.due, fire.touch, fire.promised()),
        (Step::Fire, date("2026-12-02"), Some(8), false)
    );
}

#[test]
fn no_implied_promise_without_a_promise_time_or_after_a_response() {
    let mut file = File::new(prospect("2026-11-23"));
    file.voicemail("2026-11-23");
    assert_eq!(implied_promise_of(&file), None, "standard promises nothing");

    let mut file = File::new(prospect("2026-11-23")).following(as_promised());
    assert_eq!(implied_promise_of(&file), None, "nothing logged yet");
    file.log(Log::new(
        "2026-11-23T08:15",
        Channel::Call,
        Outcome::Connected,
    ));
    assert_eq!(implied_promise_of(&file), None, "they picked up");
    file.log(Log::new(
        "2026-11-24T08:15",
        Channel::Assistant,
        Outcome::Voicemail,
    ));
    assert_eq!(implied_promise_of(&file), None, "not a touch");
}

#[test]
fn a_promised_call_logged_without_a_promise_does_not_carry_the_old_one_forward() {
    // Issue 10: after one promise, a later voicemail logged without --promise told the
    // prospect "I'll call again on Thursday at 10:00 sharp". Only the user or a cadence with
    // promise_time makes a promise.
    let mut file = File::new(prospect("2026-11-23"));
    file.log(Log::voicemail("2026-11-23T16:40").promising("2026-11-24T10:00"));
    let step = file.voicemail("2026-11-24");
    assert_eq!(step, Step::FollowUp);
    assert_eq!(implied_promise_of(&file), None);
    let next = file.next_on("2026-11-24");
    assert_eq!((next.time, next.promise), (None, None));
}

#[test]
fn the_following_touch_is_the_day_a_message_can_announce() {
    let mut file = File::new(prospect("2026-11-23"));
    let first = file.next_on("2026-11-23");
    let following = |file: &File, action: &NextAction, on: &str| {
        following_touch(
            &file.prospect,
            &file.attempts,
            &file.cadence,
            &file.calendar,
            action,
            date(on),
        )
    };
    assert_eq!(
        following(&file, &first, "2026-11-23"),
        Some(date("2026-11-27"))
    );
    file.voicemail("2026-11-23");
    file.voicemail("2026-11-27");
    // The rescue is left on Thu 12-03; the close-out follows four business days later.
    let rescue = file.next_on("2026-12-03");
    assert_eq!(
        following(&file, &rescue, "2026-12-03"),
        Some(date("2026-12-09"))
    );
    file.voicemail("2026-12-03");
    file.voicemail("2026-12-09");
    // Nothing follows an unanswered close-out but closing the file.
    let close = file.next_on("2026-12-15");
    assert_eq!(close.step, Step::Close);
    assert_eq!(following(&file, &close, "2026-12-15"), None);
}

/// Issue 10: after `reopen` on Tue 2026-12-15 at 10:00, the message announced "Tuesday 15
/// December", the day it was said on.
#[test]
fn after_a_reopen_the_following_touch_is_a_gap_after_the_reopening_day() {
    let mut file = File::new(prospect("2026-11-23"));
    file.voicemail("2026-11-23");
    file.prospect.run_started_at = Some(datetime("2026-12-15T10:00"));
    let reopened = file.next_on("2026-12-15");
    assert_eq!(
        (reopened.step, reopened.due),
        (Step::FollowUp, date("2026-12-15"))
    );
    let following = following_touch(
        &file.prospect,
        &file.attempts,
        &file.cadence,
        &file.calendar,
        &reopened,
        date("2026-12-15"),
    );
    assert_eq!(
        following,
        Some(date("2026-12-21")),
        "Tue 12-15 + 4 business days"
    );
}

#[test]
fn a_reply_once_the_next_touch_is_due_is_that_touch() {
    let mut file = File::new(prospect("2026-11-23"));
    file.log(Log::voicemail("2026-11-23T10:00").promising("2026-11-24T08:15"));
    // The promised call was made and they answered: the follow-up it was, not the first.
    let step = file.log(Log::new(
        "2026-11-24T08:20",
        Channel::Call,
        Outcome::Replied,
    ));
    assert_eq!(step, Step::FollowUp);
}

// ---------------------------------------------------------------------------------------------
// The run as `why` shows it
// ---------------------------------------------------------------------------------------------

#[test]
fn run_facts_are_the_touches_the_rules_counted() {
    let mut file = File::new(with_assistant(prospect("2026-11-23")));
    for day in ["2026-11-23", "2026-11-27", "2026-12-03", "2026-12-09"] {
        file.voicemail(day);
    }
    file.close_no_response(date("2026-12-15"));
    file.reopen("2027-01-12T09:30");
    file.voicemail("2027-01-12");
    file.log(Log::new("2027-01-12T15:00", Channel::Email, Outcome::Sent));
    file.log(Log::new(
        "2027-01-14T10:00",
        Channel::Assistant,
        Outcome::NoAnswer,
    ));
    file.log(Log::new(
        "2027-01-18T10:00",
        Channel::Call,
        Outcome::Connected,
    ));

    let facts = run_facts(&file.prospect, &file.attempts);
    assert_eq!(facts.started_at, Some(datetime("2027-01-12T09:30")));
    assert_eq!(facts.before_run, 4, "the four touches of the first run");
    let touches: Vec<(NaiveDate, u32, bool, Step)> = facts
        .touches
        .iter()
        .map(|touch| (touch.date, touch.attempts, touch.answered, touch.step))
        .collect();
    assert_eq!(
        touches,
        [
            (date("2027-01-12"), 2, false, Step::FollowUp),
            (date("2027-01-18"), 1, true, Step::FollowUp),
        ]
    );
    assert_eq!(facts.assistant_calls, [datetime("2027-01-14T10:00")]);
    assert_eq!(facts.unanswered, 0);
    assert_eq!(facts.first_unanswered, None);
    assert_eq!(facts.last_touch, Some(date("2027-01-18")));
    assert_eq!(facts.rescue_on, None);
}

#[test]
fn run_facts_keep_the_unanswered_streak_and_its_rescue() {
    let mut file = rescued_with_assistant();
    file.log(Log::new(
        "2026-12-07T11:00",
        Channel::Assistant,
        Outcome::NoAnswer,
    ));
    let facts = run_facts(&file.prospect, &file.attempts);
    assert_eq!(facts.before_run, 0);
    assert_eq!(facts.unanswered, 3);
    assert_eq!(facts.first_unanswered, Some(date("2026-11-23")));
    assert_eq!(facts.last_touch, Some(date("2026-12-03")));
    assert_eq!(facts.rescue_on, Some(date("2026-12-03")));
    assert!(facts.assistant_since_rescue);
}

#[test]
fn reply_answers_the_last_touch_only_before_the_next_is_due() {
    let mut file = File::new(prospect("2026-11-23"));
    file.voicemail("2026-11-23");
    let answers = |file: &File, day: &str| {
        reply_answers(
            &file.prospect,
            &file.attempts,
            &file.cadence,
            &file.calendar,
            date(day),
        )
    };
    // The follow-up is due Fri 11-27.
    assert_eq!(answers(&file, "2026-11-26"), Some(Step::First));
    assert_eq!(answers(&file, "2026-11-27"), None);
    // An answered last touch leaves nothing for a reply to answer.
    file.log(Log::new(
        "2026-11-24T10:00",
        Channel::Call,
        Outcome::Connected,
    ));
    assert_eq!(answers(&file, "2026-11-25"), None);
}

mod drip;
mod outlook;
