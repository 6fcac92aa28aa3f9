//! Kept promises: a callback promised on a voicemail ("I'll call you at 08:15 tomorrow") is a
//! commitment, so the tool tells when one is being missed and, afterwards, whether it was kept.
//!
//! Two views of the same promise, both from a clock reading passed in:
//! - while it is the prospect's next action, it is *missed* as soon as its time has passed
//!   (`today` puts it at the very top, so the call is made at once);
//! - once the next attempt is logged, it was *kept* if that attempt came on the promised day no
//!   later than [`GRACE_MINUTES`] after the promised time.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime, TimeDelta};
use serde::Serialize;

use crate::engine::NextAction;

/// How long after the promised time a call still keeps the promise: "calling as promised" at
/// 08:40 for 08:15 is still the promised call; in the afternoon it is not.
pub const GRACE_MINUTES: i64 = 30;

/// How late a promised callback is at `now`: `Some` once its time has passed. Logging any
/// attempt settles it, because the engine then no longer finds the promise on the latest
/// attempt (rule 1).
pub fn late_by(action: &NextAction, now: NaiveDateTime) -> Option<TimeDelta> {
    if !action.promised() {
        return None;
    }
    late_after(action.due, action.time?, now)
}

/// How late a call promised for `time` on `day` is at `now`, once that moment has passed.
pub fn late_after(day: NaiveDate, time: NaiveTime, now: NaiveDateTime) -> Option<TimeDelta> {
    let promised = day.and_time(time);
    (promised < now).then(|| now - promised)
}

/// What became of one promise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Settled {
    /// The next attempt came on the promised day, at most [`GRACE_MINUTES`] after the time.
    Kept,
    /// The next attempt came later than that, or none came and the grace is over.
    Missed,
    /// The next attempt came on an earlier day (they called first, or you did): the promise
    /// was overtaken, neither kept nor broken.
    Early,
    /// Nothing logged since, and the time (with its grace) is still to come.
    Open,
}

/// Settles a promise of a call at `promise`, given when the next attempt on the prospect was
/// made (`None` if none was), as of `now`.
pub fn settle(promise: NaiveDateTime, next: Option<NaiveDateTime>, now: NaiveDateTime) -> Settled {
    let deadline = promise + TimeDelta::minutes(GRACE_MINUTES);
    match next {
        Some(at) if at.date() < promise.date() => Settled::Early,
        Some(at) if at.date() == promise.date() && at <= deadline => Settled::Kept,
        Some(_) => Settled::Missed,
        None if now > deadline => Settled::Missed,
        None => Settled::Open,
    }
}

/// A lateness as people say it: "5m", "1h 20m", "2d 3h".
pub fn describe(late: TimeDelta) -> String {
    let minutes = late.num_minutes().max(0);
    let (days, hours, minutes) = (minutes / 1440, minutes / 60 % 24, minutes % 60);
    match (days, hours, minutes) {
        (0, 0, minutes) => format!("{minutes}m"),
        (0, hours, 0) => format!("{hours}h"),
        (0, hours, minutes) => format!("{hours}h {minutes}m"),
        (days, 0, _) => format!("{days}d"),
        (days, hours, _) => format!("{days}d {hours}h"),
    }
}

#[cfg(test)]
mod tests {
    use chrono::{NaiveDate, NaiveTime};

    use super::*;
    use crate::domain::Step;
    use crate::engine::{Basis, Promise};

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
    }

    fn action(step: Step, due: &str, time: Option<&str>) -> NextAction {
        let due = due.parse::<NaiveDate>().unwrap();
        let time = time.map(|time| NaiveTime::parse_from_str(time, "%H:%M").unwrap());
        NextAction {
            step,
            due,
            time,
            touch: Some(2),
            basis: Basis::NewProspect,
            promise: time.map(|time| Promise {
                at: due.and_time(time),
                made_on: due.pred_opt().unwrap(),
                attempt: 1,
                missed: false,
            }),
        }
    }

    #[test]
    fn a_promise_is_missed_once_its_time_has_passed() {
        let promised = action(Step::FollowUp, "2026-11-24", Some("08:15"));
        assert_eq!(late_by(&promised, at("2026-11-24T08:00")), None);
        assert_eq!(late_by(&promised, at("2026-11-24T08:15")), None);
        assert_eq!(
            late_by(&promised, at("2026-11-24T09:35")),
            Some(TimeDelta::minutes(80))
        );
        assert_eq!(
            late_by(&promised, at("2026-11-25T09:00")),
            Some(TimeDelta::minutes(24 * 60 + 45))
        );
    }

    #[test]
    fn only_promised_calls_can_be_missed() {
        let follow_up = action(Step::FollowUp, "2026-11-20", None);
        assert_eq!(late_by(&follow_up, at("2026-11-24T09:00")), None);
    }

    #[test]
    fn a_promise_is_kept_by_a_call_on_the_day_within_the_grace() {
        let promise = at("2026-11-24T08:15");
        let now = at("2026-11-30T09:00");
        let cases = [
            (Some("2026-11-24T07:50"), Settled::Kept),
            (Some("2026-11-24T08:15"), Settled::Kept),
            (Some("2026-11-24T08:45"), Settled::Kept),
            (Some("2026-11-24T08:46"), Settled::Missed),
            (Some("2026-11-25T08:15"), Settled::Missed),
            (Some("2026-11-23T16:00"), Settled::Early),
            (None, Settled::Missed),
        ];
        for (next, expected) in cases {
            assert_eq!(settle(promise, next.map(at), now), expected, "{next:?}");
        }
    }

    #[test]
    fn a_promise_with_nothing_logged_is_open_until_its_grace_ends() {
        let promise = at("2026-11-24T08:15");
        assert_eq!(settle(promise, None, at("2026-11-23T17:00")), Settled::Open);
        assert_eq!(settle(promise, None, at("2026-11-24T08:45")), Settled::Open);
        assert_eq!(
            settle(promise, None, at("2026-11-24T08:46")),
            Settled::Missed
        );
    }

    #[test]
    fn lateness_reads_like_speech() {
        let cases = [
            (0, "0m"),
            (5, "5m"),
            (60, "1h"),
            (80, "1h 20m"),
            (1440, "1d"),
            (1440 + 185, "1d 3h"),
        ];
        for (minutes, text) in cases {
            assert_eq!(describe(TimeDelta::minutes(minutes)), text);
        }
    }
}
