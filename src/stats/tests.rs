//! `stats` on histories with known answers: each test states the history and the figures a
//! person would count by hand from the definitions of `followup stats --help`.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::touches::touches;
use super::*;
use crate::cadence::Cadence;
use crate::calendar::Calendar;
use crate::domain::{Closure, Contact, Outcome, Status};

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
}

fn prospect(id: ProspectId) -> Prospect {
    Prospect {
        id,
        contact: Contact {
            name: format!("Prospect {id}"),
            ..Contact::default()
        },
        cadence: "standard".to_string(),
        start: date("2026-11-02"),
        status: Status::Active,
        closed: None,
        recontact_on: None,
        run_started_at: None,
        created_at: at("2026-11-02T08:00"),
        owner: None,
    }
}

/// A history being written, attempt by attempt, in the order the attempts happened.
#[derive(Default)]
struct History {
    attempts: Vec<Attempt>,
}

impl History {
    fn log(
        &mut self,
        prospect: ProspectId,
        when: &str,
        channel: Channel,
        outcome: Outcome,
        step: Step,
    ) -> &mut Attempt {
        self.attempts.push(Attempt {
            id: self.attempts.len() as i64 + 1,
            prospect_id: prospect,
            at: at(when),
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

    fn voicemail(&mut self, prospect: ProspectId, when: &str, step: Step) -> &mut Attempt {
        self.log(prospect, when, Channel::Call, Outcome::Voicemail, step)
    }

    fn reply(&mut self, prospect: ProspectId, when: &str, step: Step) {
        self.log(prospect, when, Channel::Email, Outcome::Replied, step);
    }

    /// The attempts grouped by prospect, each in time order, as the store reads them.
    fn sorted(&self) -> Vec<Attempt> {
        let mut attempts = self.attempts.clone();
        attempts.sort_by_key(|attempt| (attempt.prospect_id, attempt.at, attempt.id));
        attempts
    }
}

/// Prospect 1's touches on the standard cadence (gap 4).
fn found(history: &History) -> super::touches::Touches {
    touches(
        &history.sorted(),
        &prospect(1),
        &Cadence::standard("standard"),
        &Calendar::default(),
    )
}

/// `(date, step, channel, answered)` of prospect 1's touches.
fn touch_list(history: &History) -> Vec<(NaiveDate, Step, Channel, bool)> {
    found(history)
        .prospect
        .iter()
        .map(|touch| (touch.date, touch.step, touch.channel, touch.answered))
        .collect()
}

fn period(since: Option<&str>, until: &str) -> Period {
    Period {
        since: since.map(date),
        until: date(until),
    }
}

fn step_tally(stats: &Stats, step: Step) -> (u32, u32) {
    let row = stats.by_step.iter().find(|row| row.step == step).unwrap();
    (row.tally.touches, row.tally.answered)
}

fn channel_tally(stats: &Stats, channel: Channel) -> (u32, u32) {
    let row = stats
        .by_channel
        .iter()
        .find(|row| row.channel == channel)
        .unwrap();
    (row.tally.touches, row.tally.answered)
}

// ---------------------------------------------------------------------------------------------
// Touches and answers
// ---------------------------------------------------------------------------------------------

#[test]
fn all_attempts_of_a_day_are_one_touch_with_the_first_ones_step_and_channel() {
    let mut history = History::default();
    history.voicemail(1, "2026-11-23T10:00", Step::First);
    history.log(
        1,
        "2026-11-23T10:05",
        Channel::Email,
        Outcome::Sent,
        Step::First,
    );
    assert_eq!(
        touch_list(&history),
        [(date("2026-11-23"), Step::First, Channel::Call, false)]
    );
}

#[test]
fn a_reply_before_the_next_touch_is_due_answers_the_last_touch() {
    // Mon 11-23 + 4 business days = Fri 11-27, when the follow-up is due.
    let mut history = History::default();
    history.voicemail(1, "2026-11-23T10:00", Step::First);
    history.reply(1, "2026-11-26T18:00", Step::First);
    assert_eq!(
        touch_list(&history),
        [(date("2026-11-23"), Step::First, Channel::Call, true)],
        "the reply is an answer, not a touch"
    );
}

#[test]
fn a_reply_once_the_next_touch_is_due_is_that_touch() {
    // As `log` records it (engine::step_fulfilled): from Fri 11-27 on, a reply is taken as the
    // follow-up call, made and answered; the first touch went unanswered.
    let mut history = History::default();
    history.voicemail(1, "2026-11-23T10:00", Step::First);
    history.reply(1, "2026-11-27T09:00", Step::FollowUp);
    assert_eq!(
        touch_list(&history),
        [
            (date("2026-11-23"), Step::First, Channel::Call, false),
            (date("2026-11-27"), Step::FollowUp, Channel::Email, true),
        ]
    );
}

#[test]
fn a_reply_later_than_the_gap_answers_nothing() {
    // An agreed date three weeks on: a reply in between is no touch (the next one is not due),
    // but it comes after the gap, so the touch it follows went unanswered.
    let mut history = History::default();
    history.voicemail(1, "2026-11-23T10:00", Step::First).next = Some(date("2026-12-14"));
    history.reply(1, "2026-12-01T09:00", Step::First);
    assert_eq!(
        touch_list(&history),
        [(date("2026-11-23"), Step::First, Channel::Call, false)]
    );
}

#[test]
fn a_reply_answers_the_latest_touch_before_it() {
    let mut history = History::default();
    history.voicemail(1, "2026-11-23T10:00", Step::First);
    history.voicemail(1, "2026-11-25T10:00", Step::FollowUp);
    history.reply(1, "2026-11-25T15:00", Step::FollowUp);
    assert_eq!(
        touch_list(&history),
        [
            (date("2026-11-23"), Step::First, Channel::Call, false),
            (date("2026-11-25"), Step::FollowUp, Channel::Call, true),
        ],
        "the same-day reply answers that day's touch, not the one before"
    );

    // A reply logged in the morning, before that day's touch, answers the earlier touch.
    let mut history = History::default();
    history.voicemail(1, "2026-11-23T10:00", Step::First);
    history.reply(1, "2026-11-25T08:00", Step::First);
    history.voicemail(1, "2026-11-25T10:00", Step::FollowUp);
    assert_eq!(
        touch_list(&history),
        [
            (date("2026-11-23"), Step::First, Channel::Call, true),
            (date("2026-11-25"), Step::FollowUp, Channel::Call, false),
        ]
    );
}

#[test]
fn a_connected_call_is_a_touch_and_its_own_answer() {
    let mut history = History::default();
    history.voicemail(1, "2026-11-23T10:00", Step::First);
    history.log(
        1,
        "2026-11-27T10:00",
        Channel::Call,
        Outcome::Connected,
        Step::FollowUp,
    );
    assert_eq!(
        touch_list(&history),
        [
            (date("2026-11-23"), Step::First, Channel::Call, false),
            (date("2026-11-27"), Step::FollowUp, Channel::Call, true),
        ]
    );
}

#[test]
fn a_written_meeting_or_no_is_an_answer_and_a_spoken_one_a_touch() {
    let mut history = History::default();
    history.voicemail(1, "2026-11-23T10:00", Step::Rescue);
    history.log(
        1,
        "2026-11-24T09:00",
        Channel::Email,
        Outcome::Meeting,
        Step::Fire,
    );
    assert_eq!(
        touch_list(&history),
        [(date("2026-11-23"), Step::Rescue, Channel::Call, true)]
    );
    let mut history = History::default();
    history.voicemail(1, "2026-11-23T10:00", Step::Rescue);
    history.log(
        1,
        "2026-11-24T09:00",
        Channel::Text,
        Outcome::Declined,
        Step::Fire,
    );
    assert_eq!(touch_list(&history).len(), 1);

    let mut history = History::default();
    history.voicemail(1, "2026-11-23T10:00", Step::Rescue);
    history.log(
        1,
        "2026-11-24T09:00",
        Channel::Call,
        Outcome::Meeting,
        Step::Fire,
    );
    assert_eq!(
        touch_list(&history),
        [
            (date("2026-11-23"), Step::Rescue, Channel::Call, false),
            (date("2026-11-24"), Step::Fire, Channel::Call, true),
        ]
    );
}

#[test]
fn a_reply_before_any_touch_is_the_first_touch() {
    let mut history = History::default();
    history.reply(1, "2026-11-23T10:00", Step::First);
    assert_eq!(
        touch_list(&history),
        [(date("2026-11-23"), Step::First, Channel::Email, true)]
    );
}

#[test]
fn the_assistant_answering_is_not_the_prospect_answering() {
    let mut history = History::default();
    history.voicemail(1, "2026-11-23T10:00", Step::Rescue);
    history.log(
        1,
        "2026-11-25T10:00",
        Channel::Assistant,
        Outcome::Connected,
        Step::Assistant,
    );
    history.log(
        1,
        "2026-11-25T11:00",
        Channel::Assistant,
        Outcome::NoAnswer,
        Step::Assistant,
    );
    let before = found(&history);
    assert_eq!(before.prospect.len(), 1);
    assert!(!before.prospect[0].answered);
    assert_eq!(before.assistant.len(), 1, "one assistant day");
    assert!(!before.assistant[0].answered);

    history.reply(1, "2026-11-26T09:00", Step::Rescue);
    let after = found(&history);
    assert!(
        after.assistant[0].answered,
        "the prospect replied after the call"
    );
    assert!(
        after.prospect[0].answered,
        "and that also answers the rescue"
    );
}

// ---------------------------------------------------------------------------------------------
// The whole report on one history
// ---------------------------------------------------------------------------------------------

/// Three prospects over November 2026 (standard cadence, gap 4, no holidays):
///
/// 1. first Mon 11-02 unanswered; follow-up Fri 11-06 unanswered; rescue Thu 11-12, answered
///    Fri 11-13 by an email booking a meeting (an answer, not a touch): first response on
///    touch 3.
/// 2. first Mon 11-02 by email; a connected call Tue 11-03 is a new touch that answers itself
///    (not the email before it): first response on touch 2. A promise for Wed 11-04 08:15 is
///    kept by a call at 08:30 that day; one for Mon 11-09 09:00 is missed (next attempt Tue
///    11-10, a text).
/// 3. first Mon 11-09 unanswered; follow-up Fri 11-13 unanswered; a promise for Mon 11-16
///    10:00 with nothing since: missed. Closed no-response on Fri 11-20. No response: 1 run.
fn november() -> (Vec<Attempt>, Vec<Prospect>) {
    let mut h = History::default();
    // Prospect 1.
    h.voicemail(1, "2026-11-02T10:00", Step::First);
    h.voicemail(1, "2026-11-06T10:00", Step::FollowUp);
    h.voicemail(1, "2026-11-12T10:00", Step::Rescue);
    h.log(
        1,
        "2026-11-13T16:00",
        Channel::Email,
        Outcome::Meeting,
        Step::Rescue,
    );
    // Prospect 2.
    h.log(
        2,
        "2026-11-02T11:00",
        Channel::Email,
        Outcome::Sent,
        Step::First,
    );
    h.log(
        2,
        "2026-11-03T10:00",
        Channel::Call,
        Outcome::Connected,
        Step::FollowUp,
    )
    .promise = Some(at("2026-11-04T08:15"));
    h.log(
        2,
        "2026-11-04T08:30",
        Channel::Call,
        Outcome::NoAnswer,
        Step::Promised,
    )
    .promise = Some(at("2026-11-09T09:00"));
    h.log(
        2,
        "2026-11-10T09:00",
        Channel::Text,
        Outcome::Sent,
        Step::Promised,
    );
    // Prospect 3.
    h.voicemail(3, "2026-11-09T10:00", Step::First);
    h.log(
        3,
        "2026-11-13T10:00",
        Channel::Call,
        Outcome::Voicemail,
        Step::FollowUp,
    )
    .promise = Some(at("2026-11-16T10:00"));

    let mut third = prospect(3);
    third.status = Status::Closed;
    third.closed = Some(Closure {
        reason: CloseReason::NoResponse,
        at: at("2026-11-20T17:00"),
        note: None,
        drip: false,
    });
    (h.sorted(), vec![prospect(1), prospect(2), third])
}

#[test]
fn every_figure_of_a_month() {
    let (attempts, prospects) = november();
    let stats = compute(
        &attempts,
        &prospects,
        &Config::built_in(),
        period(Some("2026-11-01"), "2026-11-30"),
        at("2026-11-30T09:00"),
    );
    // Touches: P1 3 (rescue answered), P2 4 (the connected call answered), P3 2.
    assert_eq!((stats.total.touches, stats.total.answered), (9, 2));
    assert_eq!(step_tally(&stats, Step::First), (3, 0));
    assert_eq!(step_tally(&stats, Step::FollowUp), (3, 1));
    assert_eq!(step_tally(&stats, Step::Rescue), (1, 1));
    assert_eq!(step_tally(&stats, Step::Promised), (2, 0));
    assert_eq!((stats.assistant.touches, stats.assistant.answered), (0, 0));
    // Every step a touch can be, the assistant apart.
    assert_eq!(stats.by_step.len(), Step::ALL.len() - 1);
    assert_eq!(
        stats
            .by_step
            .iter()
            .find(|row| row.step == Step::Fire)
            .unwrap()
            .tally
            .reply_rate(),
        None
    );

    assert_eq!(channel_tally(&stats, Channel::Call), (7, 2));
    assert_eq!(channel_tally(&stats, Channel::Email), (1, 0));
    assert_eq!(channel_tally(&stats, Channel::Text), (1, 0));
    assert_eq!(channel_tally(&stats, Channel::InPerson), (0, 0));

    assert_eq!(
        stats.first_response.after_touches,
        [
            Bucket {
                touches: 2,
                runs: 1
            },
            Bucket {
                touches: 3,
                runs: 1
            }
        ]
    );
    assert_eq!(stats.first_response.without_response, 1);

    assert_eq!(
        stats.rescue.tally,
        Tally {
            touches: 1,
            answered: 1
        }
    );
    assert_eq!(stats.rescue.verdict, None, "one rescue says nothing");

    assert_eq!(
        stats.promises,
        Promises {
            kept: 1,
            missed: 2,
            early: 0,
            open: 0
        }
    );

    let closed: Vec<(CloseReason, u32)> = stats
        .closed
        .iter()
        .map(|row| (row.reason, row.files))
        .collect();
    assert_eq!(
        closed,
        [
            (CloseReason::Won, 0),
            (CloseReason::NotInterested, 0),
            (CloseReason::NoResponse, 1),
            (CloseReason::NotAFit, 0),
            (CloseReason::Lost, 0),
        ]
    );

    let weekly: Vec<(NaiveDate, u32)> = stats
        .weekly
        .iter()
        .map(|week| (week.week_of, week.touches))
        .collect();
    assert_eq!(
        weekly,
        [
            (date("2026-10-12"), 0),
            (date("2026-10-19"), 0),
            (date("2026-10-26"), 0),
            (date("2026-11-02"), 5),
            (date("2026-11-09"), 4),
            (date("2026-11-16"), 0),
            (date("2026-11-23"), 0),
            (date("2026-11-30"), 0),
        ]
    );
}

#[test]
fn a_period_counts_touches_by_their_date_and_answers_after_it() {
    let (attempts, prospects) = november();
    // Mon 11-09 to Thu 11-12: P1's rescue (answered Fri 11-13, after the period), P2's text of
    // Tue 11-10, P3's first touch.
    let stats = compute(
        &attempts,
        &prospects,
        &Config::built_in(),
        period(Some("2026-11-09"), "2026-11-12"),
        at("2026-11-30T09:00"),
    );
    assert_eq!((stats.total.touches, stats.total.answered), (3, 1));
    assert_eq!(step_tally(&stats, Step::Rescue), (1, 1));
    assert_eq!(step_tally(&stats, Step::Promised), (1, 0));
    assert_eq!(step_tally(&stats, Step::First), (1, 0));
    // P1's first response came on the rescue, dated in the period; P3 has a touch in it and no
    // response; P2's first response (Tue 11-03) was before it.
    assert_eq!(
        stats.first_response.after_touches,
        [Bucket {
            touches: 3,
            runs: 1
        }]
    );
    assert_eq!(stats.first_response.without_response, 1);
    // Promised for Mon 11-09: missed. The others fall outside the period.
    assert_eq!(
        stats.promises,
        Promises {
            kept: 0,
            missed: 1,
            early: 0,
            open: 0
        }
    );
    assert!(stats.closed.iter().all(|row| row.files == 0));
    // The chart ends with the week of the period's end, whatever its start.
    assert_eq!(stats.weekly.last().unwrap().week_of, date("2026-11-09"));
    assert_eq!(stats.weekly.last().unwrap().touches, 4);
    assert_eq!(stats.weekly[6].touches, 5);
}

#[test]
fn an_open_promise_and_one_overtaken_by_an_earlier_call() {
    let mut h = History::default();
    h.voicemail(1, "2026-11-23T10:00", Step::First).promise = Some(at("2026-11-25T08:15"));
    h.log(
        1,
        "2026-11-24T16:00",
        Channel::Call,
        Outcome::Connected,
        Step::First,
    );
    h.voicemail(2, "2026-11-23T10:00", Step::First).promise = Some(at("2026-11-30T08:15"));
    let stats = compute(
        &h.sorted(),
        &[prospect(1), prospect(2)],
        &Config::built_in(),
        period(None, "2026-11-30"),
        at("2026-11-30T08:30"),
    );
    assert_eq!(
        stats.promises,
        Promises {
            kept: 0,
            missed: 0,
            early: 1,
            open: 1
        },
        "08:30 is within the grace of an 08:15 promise"
    );
}

#[test]
fn a_reopened_file_has_two_runs() {
    let mut h = History::default();
    h.voicemail(1, "2026-10-05T10:00", Step::First);
    h.voicemail(1, "2026-10-09T10:00", Step::FollowUp);
    h.voicemail(1, "2026-11-23T10:00", Step::FollowUp);
    h.reply(1, "2026-11-24T10:00", Step::FollowUp);
    let mut reopened = prospect(1);
    reopened.run_started_at = Some(at("2026-11-23T09:00"));
    let stats = compute(
        &h.sorted(),
        &[reopened],
        &Config::built_in(),
        period(None, "2026-11-30"),
        at("2026-11-30T09:00"),
    );
    // The first run never got an answer; the second did on its first touch.
    assert_eq!(
        stats.first_response.after_touches,
        [Bucket {
            touches: 1,
            runs: 1
        }]
    );
    assert_eq!(stats.first_response.without_response, 1);
}

#[test]
fn the_rescue_claim_is_judged_from_ten_rescues_on() {
    let rescues = |sent: u32, answered: u32| -> Option<Verdict> {
        let mut h = History::default();
        for index in 0..sent {
            let id = i64::from(index) + 1;
            h.voicemail(id, "2026-11-23T10:00", Step::Rescue);
            if index < answered {
                h.reply(id, "2026-11-24T10:00", Step::Rescue);
            }
        }
        let prospects: Vec<Prospect> = (1..=i64::from(sent)).map(prospect).collect();
        let stats = compute(
            &h.sorted(),
            &prospects,
            &Config::built_in(),
            period(None, "2026-11-30"),
            at("2026-11-30T09:00"),
        );
        assert_eq!(
            stats.rescue.tally,
            Tally {
                touches: sent,
                answered
            }
        );
        stats.rescue.verdict
    };
    assert_eq!(rescues(9, 9), None, "nine of nine is still too few to say");
    assert_eq!(rescues(10, 8), Some(Verdict::Above));
    assert_eq!(rescues(10, 7), Some(Verdict::Below));
    assert_eq!(rescues(12, 9), Some(Verdict::AsClaimed));
}

#[test]
fn calls_through_the_assistant_are_counted_apart_from_touches() {
    let mut h = History::default();
    h.voicemail(1, "2026-11-23T10:00", Step::Rescue);
    h.log(
        1,
        "2026-11-25T10:00",
        Channel::Assistant,
        Outcome::Voicemail,
        Step::Assistant,
    );
    h.log(
        1,
        "2026-11-25T14:00",
        Channel::Assistant,
        Outcome::NoAnswer,
        Step::Assistant,
    );
    h.log(
        1,
        "2026-11-26T10:00",
        Channel::Call,
        Outcome::Connected,
        Step::Fire,
    );
    let stats = compute(
        &h.sorted(),
        &[prospect(1)],
        &Config::built_in(),
        period(None, "2026-11-30"),
        at("2026-11-30T09:00"),
    );
    // The connected call of 11-26 is our next touch: it answers itself, and neither the rescue
    // nor the assistant day before it (a response must come before the next touch).
    assert_eq!((stats.assistant.touches, stats.assistant.answered), (1, 0));
    assert_eq!((stats.total.touches, stats.total.answered), (2, 1));
    // One definition: the step and channel tables add up to the total (issue 10: "Touches:
    // 46" beside tables adding to 47, the assistant call).
    let steps: u32 = stats.by_step.iter().map(|row| row.tally.touches).sum();
    let channels: u32 = stats.by_channel.iter().map(|row| row.tally.touches).sum();
    assert_eq!((steps, channels), (2, 2));
    assert!(stats.by_step.iter().all(|row| row.step != Step::Assistant));
    assert!(
        stats
            .by_channel
            .iter()
            .all(|row| row.channel != Channel::Assistant)
    );
    assert_eq!(step_tally(&stats, Step::Rescue), (1, 0));
    assert_eq!(step_tally(&stats, Step::Fire), (1, 1));
}

#[test]
fn the_horizon_leaves_room_for_the_widest_gap() {
    let config = Config::built_in();
    // nurture's gap is 60 business days: Mon 2026-11-30 + 60, with the two holidays.
    let widest = config.calendar.add_business_days(date("2026-11-30"), 60);
    assert_eq!(
        horizon(date("2026-11-30"), &config),
        (widest + chrono::Days::new(1)).and_time(NaiveTime::MIN)
    );
}

#[test]
fn nothing_logged_gives_zeros_and_unknown_rates() {
    let stats = compute(
        &[],
        &[],
        &Config::built_in(),
        period(None, "2026-11-30"),
        at("2026-11-30T09:00"),
    );
    assert_eq!(stats.total, Tally::default());
    assert_eq!(stats.total.reply_rate(), None);
    assert!(stats.first_response.after_touches.is_empty());
    assert_eq!(stats.weekly.len(), WEEKS as usize);
    assert!(stats.weekly.iter().all(|week| week.touches == 0));
}
