//! `why` on the worked examples of cadence.md: each explanation must show the arithmetic that
//! gives the engine's date, with every day it skipped.

use chrono::{NaiveDate, NaiveDateTime, Weekday};

use super::*;
use crate::domain::{Channel, CloseReason, Closure, Contact, Outcome};

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
}

fn prospect() -> Prospect {
    Prospect {
        id: 7,
        contact: Contact {
            name: "Dana Whitfield".to_string(),
            ..Contact::default()
        },
        cadence: "standard".to_string(),
        start: date("2026-11-23"),
        status: Status::Active,
        closed: None,
        recontact_on: None,
        run_started_at: None,
        created_at: at("2026-11-23T08:00"),
        owner: None,
    }
}

/// A prospect's file, logged the way `followup log` logs.
struct File {
    prospect: Prospect,
    attempts: Vec<Attempt>,
    cadence: Cadence,
    calendar: Calendar,
}

impl File {
    fn new() -> File {
        File {
            prospect: prospect(),
            attempts: Vec::new(),
            cadence: Cadence::standard("standard"),
            calendar: Calendar::default(),
        }
    }

    fn log(&mut self, when: &str, channel: Channel, outcome: Outcome) -> &mut Attempt {
        let at = at(when);
        let step = engine::step_fulfilled(
            &self.prospect,
            &self.attempts,
            &self.cadence,
            &self.calendar,
            at.date(),
            channel,
            outcome,
        )
        .step;
        self.attempts.push(Attempt {
            id: self.attempts.len() as i64 + 1,
            prospect_id: 7,
            at,
            channel,
            outcome,
            step,
            note: None,
            promise: None,
            next: None,
            rep: None,
        });
        self.attempts.last_mut().unwrap()
    }

    fn voicemails(&mut self, days: &[&str]) {
        for day in days {
            self.log(&format!("{day}T10:00"), Channel::Call, Outcome::Voicemail);
        }
    }

    fn explain(&self, now: &str) -> Explanation {
        explain(
            &self.prospect,
            &self.attempts,
            &self.cadence,
            &self.calendar,
            at(now),
            None,
        )
    }
}

/// The texts of the lines with `label`.
fn said<'a>(explanation: &'a Explanation, label: &str) -> Vec<&'a str> {
    explanation
        .lines
        .iter()
        .filter(|line| line.label == label)
        .map(|line| line.text.as_str())
        .collect()
}

#[track_caller]
fn assert_says(explanation: &Explanation, label: &str, text: &str) {
    let lines = said(explanation, label);
    assert!(
        lines.contains(&text),
        "no {label} line says:\n  {text}\nthe {label} lines are:\n  {}",
        lines.join("\n  ")
    );
}

#[test]
fn the_rescue_shows_the_gap_the_span_and_the_weekend_it_skipped() {
    let mut file = File::new();
    file.voicemails(&["2026-11-23", "2026-11-27"]);
    let why = file.explain("2026-11-27T17:00");
    assert_eq!(why.rule, 4);
    assert_eq!(why.next.as_ref().unwrap().step, Step::Rescue);
    assert_says(
        &why,
        "run",
        "1st touch, Mon 2026-11-23: first, 1 attempt, unanswered.",
    );
    assert_says(
        &why,
        "run",
        "2nd touch, Fri 2026-11-27: follow-up, 1 attempt, unanswered.",
    );
    assert_says(
        &why,
        "rules 1-2",
        "the latest attempt (Fri 2026-11-27 10:00, call voicemail) promised no callback and agreed no date.",
    );
    assert_says(
        &why,
        "rule 4",
        "u = 2 unanswered touches since the start of the run, the first on Mon 2026-11-23, the last on Fri 2026-11-27; the next touch is number 3 of max_touches = 4.",
    );
    assert_says(
        &why,
        "rule 4",
        "u = 2 = rescue_after = 2 (and u + 1 is not max_touches = 4): the next touch is the rescue message.",
    );
    assert_says(
        &why,
        "rule 4",
        "gap_business_days = 4: Fri 2026-11-27 + 4 business days = Thu 2026-12-03 (skipped: Sat 2026-11-28 weekend, Sun 2026-11-29 weekend).",
    );
    assert_says(
        &why,
        "rule 4",
        "rescue_min_span_days = 10: the first unanswered touch, Mon 2026-11-23, + 10 days = Thu 2026-12-03.",
    );
    assert_says(
        &why,
        "next",
        "rescue on Thu 2026-12-03, touch 3 of 4: due in 4 business days.",
    );
}

#[test]
fn a_span_ending_on_a_weekend_is_rolled_forward_and_wins_over_the_gap() {
    let mut file = File::new();
    // A Wednesday start and an early second touch the next day: the gap gives Wed 12-02, but
    // the ten-day span ends on a Saturday and rolls to Monday.
    file.prospect.start = date("2026-11-25");
    file.voicemails(&["2026-11-25", "2026-11-26"]);
    let why = file.explain("2026-11-26T17:00");
    assert_says(
        &why,
        "rule 4",
        "rescue_min_span_days = 10: the first unanswered touch, Wed 2026-11-25, + 10 days = Sat 2026-12-05, not a business day: rolled forward to Mon 2026-12-07 (skipped: Sat 2026-12-05 weekend, Sun 2026-12-06 weekend).",
    );
    assert_says(
        &why,
        "rule 4",
        "the rescue waits for both the gap and the span: due on the later of Wed 2026-12-02 and Mon 2026-12-07, Mon 2026-12-07.",
    );
    assert_eq!(why.next.unwrap().due, date("2026-12-07"));
}

#[test]
fn holidays_are_named_among_the_days_skipped() {
    let mut file = File::new();
    file.calendar = Calendar::new(
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ],
        [date("2026-11-26"), date("2026-11-27")],
    )
    .unwrap();
    file.voicemails(&["2026-11-23"]);
    let why = file.explain("2026-11-23T17:00");
    assert_says(
        &why,
        "rule 4",
        "gap_business_days = 4: Mon 2026-11-23 + 4 business days = Tue 2026-12-01 (skipped: Thu 2026-11-26 holiday, Fri 2026-11-27 holiday, Sat 2026-11-28 weekend, Sun 2026-11-29 weekend).",
    );
    assert_says(
        &why,
        "rule 4",
        "u + 1 = 2 is not max_touches = 4 and u = 1 is not rescue_after = 2: the next touch is a follow-up.",
    );
    assert_eq!(why.next.unwrap().due, date("2026-12-01"));
}

#[test]
fn a_promise_sets_the_time_and_the_rules_still_choose_the_step() {
    let mut file = File::new();
    file.log("2026-11-23T10:00", Channel::Call, Outcome::Voicemail)
        .promise = Some(at("2026-11-24T08:15"));
    let why = file.explain("2026-11-23T17:00");
    assert_eq!(why.rule, 1);
    assert_says(
        &why,
        "rule 1",
        "the latest attempt (Mon 2026-11-23 10:00, call voicemail) promised a call on Tue 2026-11-24 at 08:15: a promise sets when the next touch happens; the rules below still say what it is.",
    );
    assert_says(
        &why,
        "rule 4",
        "u + 1 = 2 is not max_touches = 4 and u = 1 is not rescue_after = 2: the next touch is a follow-up.",
    );
    assert_says(
        &why,
        "rule 1",
        "the promise fixes when the follow-up touch happens, not what it is: Tue 2026-11-24 at 08:15 instead of Fri 2026-11-27, the date the rules above give.",
    );
    assert_says(
        &why,
        "next",
        "follow-up on Tue 2026-11-24 at 08:15, touch 2 of 4, as promised: due in 1 business day.",
    );

    let late = file.explain("2026-11-24T09:35");
    assert_says(
        &late,
        "next",
        "follow-up on Tue 2026-11-24 at 08:15, touch 2 of 4, as promised: a missed promise, 1h 20m late: log any attempt to settle it.",
    );

    let overdue = file.explain("2026-11-26T09:00");
    assert_eq!(overdue.rule, 1);
    assert_says(
        &overdue,
        "rule 1",
        "the promised day is over and no attempt was logged: the promise was missed. The touch is simply overdue now, and its message apologises for the missed call; the cadence counts on from the day it is made.",
    );
    assert_says(
        &overdue,
        "next",
        "follow-up on Tue 2026-11-24, touch 2 of 4: overdue since the missed promise, 2 business days late: call now, with an apology.",
    );
}

#[test]
fn a_promise_on_the_close_out_is_explained_as_one_more_call() {
    let mut file = File::new();
    file.voicemails(&["2026-11-23", "2026-11-27", "2026-12-03"]);
    file.log("2026-12-09T10:00", Channel::Call, Outcome::Voicemail)
        .promise = Some(at("2026-12-10T14:30"));
    let why = file.explain("2026-12-10T09:00");
    assert_eq!(why.rule, 1);
    assert_says(
        &why,
        "rule 1",
        "a promise made on the close-out touch is kept as one more call, with the close-out message; after it the file waits close_after_business_days = 4 as usual.",
    );
    assert_says(
        &why,
        "next",
        "fire on Thu 2026-12-10 at 14:30, touch 4 of 4, as promised: due today.",
    );
}

#[test]
fn an_agreed_date_beats_the_gap() {
    let mut file = File::new();
    file.voicemails(&["2026-11-23"]);
    file.log("2026-11-25T15:00", Channel::Call, Outcome::Replied)
        .next = Some(date("2026-12-10"));
    let why = file.explain("2026-11-25T17:00");
    assert_eq!(why.rule, 2);
    assert_says(
        &why,
        "rule 2",
        "the latest attempt (Wed 2026-11-25 15:00, call replied) agreed the next step for Thu 2026-12-10: an agreed date beats rules 3 to 7.",
    );
    assert_says(
        &why,
        "rule 4",
        "without an agreed date, rule 4 would give follow-up on Tue 2026-12-01; an agreed date overrides it.",
    );
}

#[test]
fn the_assistant_advice_names_the_touch_it_gives_way_to() {
    let mut file = File::new();
    file.prospect.contact.assistant = Some("Lee".to_string());
    file.voicemails(&["2026-11-23", "2026-11-27", "2026-12-03"]);
    let why = file.explain("2026-12-07T09:00");
    assert_eq!(why.rule, 5);
    assert_says(
        &why,
        "rule 5",
        "the rescue of Thu 2026-12-03 went unanswered, an assistant is on file (Lee) and assistant_step = true: call the assistant 2 business days after the rescue: Thu 2026-12-03 + 2 business days = Mon 2026-12-07 (skipped: Sat 2026-12-05 weekend, Sun 2026-12-06 weekend).",
    );
    assert_says(
        &why,
        "rule 5",
        "this is advice, not a gate: it does not move the fire touch, and gives way to it once it is due on Wed 2026-12-09.",
    );
    assert_says(&why, "next", "assistant on Mon 2026-12-07: due today.");
}

#[test]
fn the_close_out_counts_its_wait_in_business_days() {
    let mut file = File::new();
    file.voicemails(&["2026-11-23", "2026-11-27", "2026-12-03", "2026-12-09"]);
    let why = file.explain("2026-12-16T09:00");
    assert_eq!(why.rule, 6);
    assert_says(
        &why,
        "rule 6",
        "u = 4 = max_touches: the close-out message of Wed 2026-12-09 went unanswered.",
    );
    assert_says(
        &why,
        "rule 6",
        "close_after_business_days = 4: Wed 2026-12-09 + 4 business days = Tue 2026-12-15 (skipped: Sat 2026-12-12 weekend, Sun 2026-12-13 weekend); then run `followup close 7 --reason no-response`.",
    );
    assert_says(
        &why,
        "next",
        "close on Tue 2026-12-15: 1 business day late.",
    );
}

#[test]
fn a_recontact_on_a_weekend_is_rolled_forward() {
    let mut file = File::new();
    file.voicemails(&["2026-11-23"]);
    file.prospect.status = Status::Closed;
    file.prospect.closed = Some(Closure {
        reason: CloseReason::NoResponse,
        at: at("2026-12-14T17:00"),
        note: None,
        drip: false,
    });
    file.prospect.recontact_on = Some(date("2027-03-14")); // a Sunday, 90 days on
    let why = file.explain("2027-03-01T09:00");
    assert_eq!(why.rule, 7);
    assert_says(
        &why,
        "run",
        "the file is closed (no-response) since Mon 2026-12-14: only its re-contact date counts (rule 7), not the 1 attempt logged.",
    );
    assert_says(
        &why,
        "rule 7",
        "the file is closed (no-response) since Mon 2026-12-14; its re-contact date is Sun 2027-03-14 (closed on Mon 2026-12-14 + recontact_after_days = 90), not a business day: rolled forward to Mon 2027-03-15 (skipped: Sun 2027-03-14 weekend).",
    );
}

#[test]
fn a_closed_file_without_recontact_has_nothing_planned() {
    let mut file = File::new();
    file.prospect.status = Status::Closed;
    file.prospect.closed = Some(Closure {
        reason: CloseReason::Won,
        at: at("2026-12-14T17:00"),
        note: None,
        drip: false,
    });
    let why = file.explain("2027-03-01T09:00");
    assert_eq!((why.rule, why.next.as_ref()), (7, None));
    assert_says(
        &why,
        "rule 7",
        "the file is closed (won) since Mon 2026-12-14 with no re-contact date: nothing is planned.",
    );
}

#[test]
fn a_reopened_file_counts_only_its_new_run() {
    let mut file = File::new();
    file.voicemails(&["2026-11-23", "2026-11-27"]);
    file.prospect.run_started_at = Some(at("2027-01-12T09:30"));
    let why = file.explain("2027-01-12T10:00");
    assert_eq!(why.rule, 3);
    assert_says(
        &why,
        "run",
        "2 attempts logged; the run began when the file was reopened on Tue 2027-01-12 09:30, so 2 attempts before it no longer count and 0 do.",
    );
    assert_says(
        &why,
        "rules 1-2",
        "no attempt in this run yet, so no promise and no agreed date.",
    );
    assert_says(
        &why,
        "rule 3",
        "no touch since the file was reopened on Tue 2027-01-12: the new run starts with a follow-up that day.",
    );
}

#[test]
fn a_new_prospect_waits_for_its_start_date() {
    let file = File::new();
    let why = file.explain("2026-11-20T09:00");
    assert_eq!(why.rule, 3);
    assert_says(&why, "run", "no attempt logged yet.");
    assert_says(
        &why,
        "rule 3",
        "no touch yet: the first touch is due on the prospect's start date, Mon 2026-11-23.",
    );
    assert_says(
        &why,
        "next",
        "first on Mon 2026-11-23, touch 1 of 4: due in 1 business day.",
    );
}

#[test]
fn assistant_calls_are_listed_as_not_touches_and_answers_reset_the_count() {
    let mut file = File::new();
    file.voicemails(&["2026-11-23"]);
    file.log("2026-11-24T11:00", Channel::Assistant, Outcome::NoAnswer);
    file.log("2026-11-27T10:00", Channel::Call, Outcome::Connected);
    let why = file.explain("2026-11-27T17:00");
    assert_says(
        &why,
        "run",
        "not a touch: the call through the assistant on Tue 2026-11-24 11:00.",
    );
    assert_says(
        &why,
        "run",
        "2nd touch, Fri 2026-11-27: follow-up, 1 attempt, answered.",
    );
    assert_says(
        &why,
        "rule 4",
        "the last touch, on Fri 2026-11-27, was answered: u = 0 unanswered touches; the next touch is number 1.",
    );
    assert_says(
        &why,
        "rule 4",
        "after a response, the next touch is a follow-up.",
    );
}

#[test]
fn every_line_names_what_it_applies() {
    let mut file = File::new();
    file.voicemails(&["2026-11-23", "2026-11-27", "2026-12-03"]);
    let why = file.explain("2026-12-03T17:00");
    for line in &why.lines {
        assert!(
            line.label == "run" || line.label == "next" || line.label.starts_with("rule"),
            "{line:?}"
        );
    }
}

#[test]
fn a_promise_or_agreed_date_on_a_day_away_is_explained_as_due_the_day_of_return() {
    let mut file = File::new();
    file.calendar = Calendar::default().with_away([date("2026-12-01"), date("2026-12-02")]);
    file.log("2026-11-27T11:00", Channel::Call, Outcome::Voicemail)
        .promise = Some(at("2026-12-01T08:15"));
    let why = file.explain("2026-11-27T12:00");
    assert_says(
        &why,
        "rule 1",
        "you are away on the promised day, so the promise cannot be kept: the touch is due the day you are back, and its message apologises for the missed call.",
    );
    assert_says(
        &why,
        "next",
        "follow-up on Thu 2026-12-03, touch 2 of 4: due in 2 business days.",
    );

    let mut file = File::new();
    file.calendar = Calendar::default().with_away([date("2026-12-01"), date("2026-12-02")]);
    file.log("2026-11-27T11:00", Channel::Call, Outcome::Connected)
        .next = Some(date("2026-12-01"));
    let why = file.explain("2026-11-27T12:00");
    assert_says(
        &why,
        "rule 2",
        "Tue 2026-12-01 is a day you are away: the next step is due the day you are back, Thu 2026-12-03.",
    );
}
