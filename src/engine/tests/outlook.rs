//! The stored outlook reads, on every day, as the engine answers on that day.

use chrono::{Days, NaiveDate, NaiveTime, Weekday};
use proptest::prelude::*;

use super::super::outlook::{Reading, outlook};
use super::*;

/// One attempt of a generated history: days after the start, channel, outcome, and whether
/// it promised a call (days after the attempt, minutes past 08:00) or agreed a next step.
type Logged = (u64, u8, u8, Option<(u64, u32)>, Option<u64>);

/// The attempts of `logged`, each recorded against the step it fulfils, as `log` does.
fn history(
    prospect: &Prospect,
    cadence: &Cadence,
    calendar: &Calendar,
    logged: &[Logged],
) -> Vec<Attempt> {
    let mut attempts: Vec<Attempt> = Vec::new();
    let mut day = prospect.start;
    for &(after, channel, outcome, promise, next) in logged {
        day = day + Days::new(after);
        let channel = [Channel::Call, Channel::Email, Channel::Assistant][channel as usize % 3];
        // Mostly unanswered, so that runs reach the rescue and the assistant.
        let outcome = [
            Outcome::NoAnswer,
            Outcome::Voicemail,
            Outcome::NoAnswer,
            Outcome::Replied,
            Outcome::Connected,
        ][outcome as usize % 5];
        let fulfilled = step_fulfilled(
            prospect, &attempts, cadence, calendar, day, channel, outcome,
        );
        attempts.push(Attempt {
            id: attempts.len() as i64 + 1,
            prospect_id: prospect.id,
            at: day.and_time(NaiveTime::from_hms_opt(9, 0, 0).unwrap()),
            channel,
            outcome,
            step: fulfilled.step,
            note: None,
            promise: promise.map(|(days, minutes)| {
                (day + Days::new(days)).and_time(NaiveTime::from_hms_opt(8, 0, 0).unwrap())
                    + chrono::Duration::minutes(i64::from(minutes))
            }),
            next: next.map(|days| day + Days::new(days)),
            rep: None,
        });
    }
    attempts
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_outlook_reads_as_the_engine_on_every_day(
        start in 0u64..60,
        logged in prop::collection::vec(
            (0u64..6, 0u8..3, 0u8..5,
             prop::option::weighted(0.2, (0u64..4, 0u32..600)),
             prop::option::weighted(0.1, 1u64..10)),
            0..9,
        ),
        assistant in any::<bool>(),
        away in prop::collection::vec(0u64..80, 0..6),
        holidays in prop::collection::vec(0u64..80, 0..4),
        rescue_after in prop::option::of(1u32..4),
        max_touches in prop::option::of(2u32..7),
        gap in 0u32..5,
    ) {
        let origin: NaiveDate = "2026-10-05".parse().unwrap();
        let start = origin + Days::new(start);
        let mut prospect = prospect(&start.to_string());
        if assistant {
            prospect = with_assistant(prospect);
        }
        let cadence = Cadence {
            gap_business_days: gap,
            rescue_after,
            max_touches,
            ..Cadence::standard("standard")
        };
        let weekdays = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri];
        let calendar = Calendar::new(weekdays, holidays.iter().map(|&d| origin + Days::new(d)))
            .unwrap()
            .with_away(away.iter().map(|&d| origin + Days::new(d)));
        let attempts = history(&prospect, &cadence, &calendar, &logged);
        let seen = outlook(&prospect, &attempts, &cadence, &calendar);
        for offset in 0..160 {
            let today = origin + Days::new(offset);
            let engine = next_action(&prospect, &attempts, &cadence, &calendar, today);
            let read = seen.map(|seen| seen.on(today));
            let expected = engine.map(|action| Reading {
                glance: outlook::Glance { step: action.step, due: action.due, touch: action.touch },
                time: action.time,
                promised: action.promise.is_some(),
            });
            prop_assert_eq!(read, expected, "on {}", today);
        }
    }
}
