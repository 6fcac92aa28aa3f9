//! `why`: a prospect's schedule explained rule by rule, so that a salesperson (or a test) can
//! follow the arithmetic.
//!
//! Nothing here decides anything. The engine decides ([`engine::next_action`]) and reports the
//! rule and its facts ([`Basis`]) and the run it read ([`engine::run_facts`]); this module
//! puts those facts into words and redoes only the calendar arithmetic, to name each day it
//! stepped over. A fact the explanation needs belongs in the engine's `Basis`, not here.

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, Weekday};
use serde::Serialize;

use crate::cadence::Cadence;
use crate::calendar::{Calendar, DayOff};
use crate::domain::{Attempt, Prospect, Status, Step};
use crate::engine::{self, ASSISTANT_DELAY_BUSINESS_DAYS, Basis, NextAction, RunFacts};
use crate::facts::Promiser;
use crate::promise;
use crate::render::sanitize::clean;
use crate::render::{day, plural};

/// One line of the explanation: what it is about (`run`, `rule 4`, `next`...) and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Line {
    pub label: String,
    pub text: String,
}

/// The whole explanation of a prospect's next action.
#[derive(Debug, Clone)]
pub struct Explanation {
    /// The rule of cadence.md (1-7) that chose the next action.
    pub rule: u8,
    pub next: Option<NextAction>,
    pub run: RunFacts,
    pub lines: Vec<Line>,
}

/// Explains the next action of `prospect` as of `now`. `attempts` are its attempts in the
/// order they happened; `promised_by`, the rep who made the promise the action keeps when
/// another rep makes the call (the tracker knows the reps; this module does not).
pub fn explain(
    prospect: &Prospect,
    attempts: &[Attempt],
    cadence: &Cadence,
    calendar: &Calendar,
    now: NaiveDateTime,
    promised_by: Option<&Promiser>,
) -> Explanation {
    let today = now.date();
    let next = engine::next_action(prospect, attempts, cadence, calendar, today);
    let run = engine::run_facts(prospect, attempts);
    let mut out = Writer {
        lines: Vec::new(),
        calendar,
        cadence,
        promised_by,
    };
    out.run(prospect, attempts, &run);
    let rule = match &next {
        None => {
            out.push(
                "rule 7",
                format!(
                    "the file is closed{} with no re-contact date: nothing is planned.",
                    closed_reason(prospect)
                ),
            );
            7
        }
        Some(action) => {
            let step_rule = out.rule(prospect, attempts, &run, action, today);
            if let Some(promise) = action.promise {
                out.promise(prospect, attempts, action, promise, today);
            }
            out.result(action, now);
            // A promise fixed the date: rule 1 chose the action, whatever rule chose its step.
            if action.promise.is_some() {
                1
            } else {
                step_rule
            }
        }
    };
    Explanation {
        rule,
        next,
        run,
        lines: out.lines,
    }
}

/// Builds the lines, with the calendar and the cadence at hand.
struct Writer<'a> {
    lines: Vec<Line>,
    calendar: &'a Calendar,
    cadence: &'a Cadence,
    /// Another rep made the promise the action keeps.
    promised_by: Option<&'a Promiser>,
}

impl Writer<'_> {
    fn push(&mut self, label: &str, text: String) {
        self.lines.push(Line {
            label: label.to_string(),
            text,
        });
    }

    /// Which attempts count: the current run, its touches, and the calls to the assistant.
    fn run(&mut self, prospect: &Prospect, attempts: &[Attempt], run: &RunFacts) {
        if prospect.status == Status::Closed {
            let on_drip = prospect.closed.as_ref().is_some_and(|closure| closure.drip)
                && prospect.recontact_on.is_none();
            let text = if on_drip {
                format!(
                    "the file is closed{} and on the drip: its date counts from the close and \
                     the drip touches made since.",
                    closed_reason(prospect)
                )
            } else {
                format!(
                    "the file is closed{}: only its re-contact date counts (rule 7), not the {} \
                     logged.",
                    closed_reason(prospect),
                    plural(attempts.len() as i64, "attempt")
                )
            };
            self.push("run", text);
            return;
        }
        let in_run = attempts.len() - run.before_run;
        let text = match run.started_at {
            Some(start) => format!(
                "{} logged; the run began when the file was reopened on {}, so {} before it \
                 no longer count and {} do.",
                plural(attempts.len() as i64, "attempt"),
                moment(start),
                plural(run.before_run as i64, "attempt"),
                in_run
            ),
            None if attempts.is_empty() => "no attempt logged yet.".to_string(),
            None => format!(
                "{} logged, all in the current run (the file was never reopened).",
                plural(attempts.len() as i64, "attempt")
            ),
        };
        self.push("run", text);
        if in_run == 0 {
            return;
        }
        self.push(
            "run",
            "all attempts on one date are one touch, answered if any of them was a response \
             (connected, replied, meeting, declined); attempts through the assistant are not \
             touches."
                .to_string(),
        );
        for (number, touch) in run.touches.iter().enumerate() {
            let answered = if touch.answered {
                "answered"
            } else {
                "unanswered"
            };
            self.push(
                "run",
                format!(
                    "{} touch, {}: {}, {}, {answered}.",
                    ordinal(number + 1),
                    day(touch.date),
                    touch.step,
                    plural(i64::from(touch.attempts), "attempt"),
                ),
            );
        }
        for call in &run.assistant_calls {
            self.push(
                "run",
                format!(
                    "not a touch: the call through the assistant on {}.",
                    moment(*call)
                ),
            );
        }
    }

    /// The lines of the rule that chose `action`, and of the rules it beat. Returns the rule.
    fn rule(
        &mut self,
        prospect: &Prospect,
        attempts: &[Attempt],
        run: &RunFacts,
        action: &NextAction,
        today: NaiveDate,
    ) -> u8 {
        let latest = attempts.last().filter(|_| attempts.len() > run.before_run);
        if prospect.status == Status::Active {
            self.rules_1_and_2(latest);
        }
        match &action.basis {
            Basis::AgreedDate { .. } => {
                if action.promise.is_none() {
                    self.overridden(prospect, attempts, today, "an agreed date");
                    if let Some(agreed) = latest.and_then(|latest| latest.next)
                        && agreed != action.due
                    {
                        self.push(
                            "rule 2",
                            format!(
                                "{} is a day you are away: the next step is due the day you are \
                                 back, {}.",
                                day(agreed),
                                day(action.due)
                            ),
                        );
                    }
                }
                2
            }
            Basis::NewProspect => {
                self.push(
                    "rule 3",
                    format!(
                        "no touch yet: the first touch is due on the prospect's start date, {}.",
                        day(prospect.start)
                    ),
                );
                3
            }
            Basis::Reopened => {
                self.push(
                    "rule 3",
                    format!(
                        "no touch since the file was reopened on {}: the new run starts with a \
                         follow-up that day.",
                        day(action.due)
                    ),
                );
                3
            }
            Basis::Gap {
                last_touch,
                unanswered,
                gap,
            } => {
                self.streak(run, *unanswered, *last_touch);
                self.step_choice(action.step, *unanswered);
                self.gap(*last_touch, *gap);
                4
            }
            Basis::RescueSpan {
                last_touch,
                unanswered,
                gap,
                first_unanswered,
                span_days,
            } => {
                self.streak(run, *unanswered, *last_touch);
                self.step_choice(action.step, *unanswered);
                let after_gap = self.gap(*last_touch, *gap);
                let span_end = *first_unanswered + Days::new(u64::from(*span_days));
                let rolled = self.calendar.roll_forward(span_end);
                let mut text = format!(
                    "rescue_min_span_days = {span_days}: the first unanswered touch, {}, + {} = {}",
                    day(*first_unanswered),
                    plural(i64::from(*span_days), "day"),
                    day(span_end)
                );
                if rolled != span_end {
                    text.push_str(&format!(
                        ", not a business day: rolled forward to {}{}",
                        day(rolled),
                        self.skipped(span_end, rolled)
                    ));
                }
                text.push('.');
                self.push("rule 4", text);
                self.push(
                    "rule 4",
                    format!(
                        "the rescue waits for both the gap and the span: due on the later of {} \
                         and {}, {}.",
                        day(after_gap),
                        day(rolled),
                        // Not `action.due`, which a promise may have moved (rule 1).
                        day(after_gap.max(rolled))
                    ),
                );
                4
            }
            Basis::Assistant {
                rescue_on,
                next_touch,
                next_touch_due,
            } => {
                if let Some(last_touch) = run.last_touch {
                    self.streak(run, run.unanswered, last_touch);
                    self.push(
                        "rule 4",
                        format!(
                            "the next touch is {next_touch}, due {}.",
                            day(*next_touch_due)
                        ),
                    );
                }
                let contact = &prospect.contact;
                let who = contact.assistant.as_deref().unwrap_or("their assistant");
                // Without an assistant, the front desk on the main line is the one to ask.
                let (on_file, whom) = if contact.has_assistant() {
                    (format!("an assistant is on file ({who})"), "the assistant")
                } else {
                    (
                        "the company's main line is on file".to_string(),
                        "the front desk",
                    )
                };
                self.push(
                    "rule 5",
                    format!(
                        "the rescue of {} went unanswered, {on_file} and assistant_step = true: \
                         call {whom} {} after the rescue: {}.",
                        day(*rescue_on),
                        plural(i64::from(ASSISTANT_DELAY_BUSINESS_DAYS), "business day"),
                        self.adding(*rescue_on, ASSISTANT_DELAY_BUSINESS_DAYS)
                    ),
                );
                self.push(
                    "rule 5",
                    format!(
                        "this is advice, not a gate: it does not move the {next_touch} touch, and \
                         gives way to it once it is due on {}.",
                        day(*next_touch_due)
                    ),
                );
                5
            }
            Basis::CloseOut { last_touch, wait } => {
                self.push(
                    "rule 6",
                    format!(
                        "u = {} = max_touches: the close-out message of {} went unanswered.",
                        run.unanswered,
                        day(*last_touch)
                    ),
                );
                self.push(
                    "rule 6",
                    format!(
                        "close_after_business_days = {wait}: {}; then run `followup close {} \
                         --reason no-response`.",
                        self.adding(*last_touch, *wait),
                        prospect.id
                    ),
                );
                6
            }
            Basis::Recontact { set_for } => {
                let closed_on = prospect.closed.as_ref().map(|closure| closure.at.date());
                let by_knob =
                    closed_on.and_then(|day| self.cadence.recontact_after(day)) == Some(*set_for);
                let mut text = format!(
                    "the file is closed{}; its re-contact date is {}",
                    closed_reason(prospect),
                    day(*set_for)
                );
                if let (true, Some(closed_on)) = (by_knob, closed_on) {
                    text.push_str(&format!(
                        " (closed on {} + recontact_after_days = {})",
                        day(closed_on),
                        self.cadence.recontact_after_days
                    ));
                }
                if action.due != *set_for {
                    text.push_str(&format!(
                        ", not a business day: rolled forward to {}{}",
                        day(action.due),
                        self.skipped(*set_for, action.due)
                    ));
                }
                text.push('.');
                self.push("rule 7", text);
                7
            }
            Basis::Drip {
                from,
                after_touch,
                every,
            } => {
                let since = if *after_touch {
                    "the last drip touch since the close"
                } else {
                    "the close"
                };
                // Sixty business days step over two dozen weekends: only the days off that
                // moved the date beyond the weekends are named.
                let to = self.calendar.add_business_days(*from, *every);
                let moved: Vec<String> = self
                    .calendar
                    .days_off(*from, to)
                    .into_iter()
                    .filter(|(_, off)| *off != DayOff::NotWorkday)
                    .map(|(date, off)| format!("{} {}", day(date), day_off(date, off)))
                    .collect();
                let moved = match moved.is_empty() {
                    true => " (weekends skipped)".to_string(),
                    false => format!(" (weekends skipped, and {})", moved.join(", ")),
                };
                self.push(
                    "drip",
                    format!(
                        "a lost deal on the drip: drip_every_business_days = {every} after {since}: \
                         {} + {} = {}{moved}.",
                        day(*from),
                        plural(i64::from(*every), "business day"),
                        day(to),
                    ),
                );
                7
            }
            Basis::CloseOutPromised { last_touch } => {
                self.push(
                    "rule 6",
                    format!(
                        "u = {} = max_touches: the close-out message of {} went unanswered, but a \
                         call was promised with it.",
                        run.unanswered,
                        day(*last_touch)
                    ),
                );
                self.push(
                    "rule 1",
                    format!(
                        "a promise made on the close-out touch is kept as one more call, with the \
                         close-out message; after it the file waits close_after_business_days = {} \
                         as usual.",
                        self.cadence.close_after_business_days
                    ),
                );
                6
            }
        }
    }

    /// Rule 1: how the promise moved the touch the other rules chose, and whether it was kept.
    fn promise(
        &mut self,
        prospect: &Prospect,
        attempts: &[Attempt],
        action: &NextAction,
        promise: engine::Promise,
        today: NaiveDate,
    ) {
        let mut plain = attempts.to_vec();
        if let Some(latest) = plain.last_mut() {
            latest.promise = None;
        }
        let without = engine::next_action(prospect, &plain, self.cadence, self.calendar, today);
        let planned = match without {
            Some(without) if without.step == action.step && without.due != action.due => {
                format!(
                    " instead of {}, the date the rules above give",
                    day(without.due)
                )
            }
            _ => String::new(),
        };
        let moved = if action.due == promise.at.date() {
            String::new()
        } else {
            format!(
                " ({} is a day you are away: due the day you are back, {})",
                day(promise.at.date()),
                day(action.due)
            )
        };
        self.push(
            "rule 1",
            format!(
                "the promise fixes when the {} touch happens, not what it is: {} at {}{moved}\
                 {planned}.",
                action.step,
                day(promise.at.date()),
                promise.at.format("%H:%M")
            ),
        );
        if let Some(promiser) = self.promised_by {
            let whose = if promiser.file_is_callers {
                "the file came to you after it"
            } else {
                "logging the call makes the file yours"
            };
            self.push(
                "rule 1",
                format!(
                    "{} ({}) made the promise, and {whose}: the message says it was \
                     theirs, never that you promised.",
                    clean(&promiser.name),
                    clean(&promiser.email)
                ),
            );
        }
        if promise.missed && action.due != promise.at.date() {
            self.push(
                "rule 1",
                "you are away on the promised day, so the promise cannot be kept: the touch is \
                 due the day you are back, and its message apologises for the missed call."
                    .to_string(),
            );
        } else if promise.missed {
            self.push(
                "rule 1",
                "the promised day is over and no attempt was logged: the promise was missed. \
                 The touch is simply overdue now, and its message apologises for the missed \
                 call; the cadence counts on from the day it is made."
                    .to_string(),
            );
        }
    }

    /// Rules 1 and 2 look at the latest attempt of the run; say what they found.
    fn rules_1_and_2(&mut self, latest: Option<&Attempt>) {
        let Some(latest) = latest else {
            self.push(
                "rules 1-2",
                "no attempt in this run yet, so no promise and no agreed date.".to_string(),
            );
            return;
        };
        let what = format!(
            "the latest attempt ({}, {} {})",
            moment(latest.at),
            latest.channel,
            latest.outcome
        );
        match (latest.promise, latest.next) {
            (Some(promise), next) => {
                let by_cadence = self.cadence.promise_time == Some(promise.time());
                let source = if by_cadence {
                    format!(
                        " (cadence {} promises every unanswered touch at promise_time = {})",
                        self.cadence.name,
                        promise.format("%H:%M")
                    )
                } else {
                    String::new()
                };
                self.push(
                    "rule 1",
                    format!(
                        "{what} promised a call on {} at {}{source}: a promise sets when the next \
                         touch happens; the rules below still say what it is.",
                        day(promise.date()),
                        promise.format("%H:%M")
                    ),
                );
                if let Some(next) = next {
                    self.push(
                        "rule 2",
                        format!(
                            "{what} also agreed the next step for {}: the touch is that next step, \
                             at the promised time.",
                            day(next)
                        ),
                    );
                }
            }
            (None, Some(next)) => {
                self.push("rule 1", format!("{what} promised no callback."));
                self.push(
                    "rule 2",
                    format!(
                        "{what} agreed the next step for {}: an agreed date beats rules 3 to 7.",
                        day(next)
                    ),
                );
            }
            (None, None) => {
                self.push(
                    "rules 1-2",
                    format!("{what} promised no callback and agreed no date."),
                );
            }
        }
    }

    /// What the cadence would have said without the promise or agreed date that overrides it.
    fn overridden(
        &mut self,
        prospect: &Prospect,
        attempts: &[Attempt],
        today: NaiveDate,
        what: &str,
    ) {
        let mut plain = attempts.to_vec();
        if let Some(latest) = plain.last_mut() {
            latest.promise = None;
            latest.next = None;
        }
        let cadence = self.cadence;
        if let Some(without) = engine::next_action(prospect, &plain, cadence, self.calendar, today)
        {
            let rule = rule_of(&without.basis);
            self.push(
                &format!("rule {rule}"),
                format!(
                    "without {what}, rule {rule} would give {} on {}; {what} overrides it.",
                    without.step,
                    day(without.due)
                ),
            );
        }
    }

    /// The unanswered streak that rule 4 counts.
    fn streak(&mut self, run: &RunFacts, unanswered: u32, last_touch: NaiveDate) {
        let since = run
            .touches
            .iter()
            .rev()
            .find(|touch| touch.answered)
            .map_or("the start of the run".to_string(), |touch| {
                format!("the last response, on {}", day(touch.date))
            });
        let text = match (unanswered, run.first_unanswered) {
            (0, _) | (_, None) => format!(
                "the last touch, on {}, was answered: u = 0 unanswered touches; the next touch \
                 is number 1.",
                day(last_touch)
            ),
            (u, Some(first)) => format!(
                "u = {u} unanswered {} since {since}, the first on {}, the last on {}; the next \
                 touch is number {}{}.",
                if u == 1 { "touch" } else { "touches" },
                day(first),
                day(last_touch),
                u + 1,
                self.cadence
                    .max_touches
                    .map(|max| format!(" of max_touches = {max}"))
                    .unwrap_or_default()
            ),
        };
        self.push("rule 4", text);
    }

    /// Why rule 4 chose this step: the comparisons of cadence.md, with the knobs' values.
    fn step_choice(&mut self, step: Step, unanswered: u32) {
        let max = match self.cadence.max_touches {
            Some(max) => format!("max_touches = {max}"),
            None => "max_touches = 0 (no limit)".to_string(),
        };
        let rescue = match self.cadence.rescue_after {
            Some(after) => format!("rescue_after = {after}"),
            None => "rescue_after = 0 (no rescue)".to_string(),
        };
        let text = match step {
            Step::Fire => format!(
                "u + 1 = {} = {max}: the next touch is fire, the close-out message.",
                unanswered + 1
            ),
            Step::Rescue => format!(
                "u = {unanswered} = {rescue} (and u + 1 is not {max}): the next touch is the \
                 rescue message."
            ),
            _ if unanswered == 0 => "after a response, the next touch is a follow-up.".to_string(),
            _ => format!(
                "u + 1 = {} is not {max} and u = {unanswered} is not {rescue}: the next touch is \
                 a follow-up.",
                unanswered + 1
            ),
        };
        self.push("rule 4", text);
    }

    /// The gap line of rule 4; returns the date it gives.
    fn gap(&mut self, last_touch: NaiveDate, gap: u32) -> NaiveDate {
        let text = format!(
            "gap_business_days = {gap}: {}.",
            self.adding(last_touch, gap)
        );
        self.push("rule 4", text);
        self.calendar.add_business_days(last_touch, gap)
    }

    /// "Fri 2026-11-27 + 4 business days = Thu 2026-12-03 (skipped: ...)".
    fn adding(&self, from: NaiveDate, days: u32) -> String {
        let to = self.calendar.add_business_days(from, days);
        format!(
            "{} + {} = {}{}",
            day(from),
            plural(i64::from(days), "business day"),
            day(to),
            self.skipped(from, to)
        )
    }

    /// The days `add_business_days` stepped over between `from` and `to`, and why.
    fn skipped(&self, from: NaiveDate, to: NaiveDate) -> String {
        let days: Vec<String> = self
            .calendar
            .days_off(from, to)
            .into_iter()
            .map(|(date, off)| format!("{} {}", day(date), day_off(date, off)))
            .collect();
        if days.is_empty() {
            " (no day skipped)".to_string()
        } else {
            format!(" (skipped: {})", days.join(", "))
        }
    }

    /// The closing line: the action, when, and how it stands today.
    fn result(&mut self, action: &NextAction, now: NaiveDateTime) {
        let touch = match (action.touch, self.cadence.max_touches) {
            (Some(touch), Some(max)) if action.step.is_touch() => {
                format!(", touch {touch} of {max}")
            }
            (Some(touch), None) if action.step.is_touch() => format!(", touch {touch}"),
            _ => String::new(),
        };
        let time = action
            .time
            .map(|time| format!(" at {}", time.format("%H:%M")))
            .unwrap_or_default();
        let today = now.date();
        let standing = match promise::late_by(action, now) {
            // On its own day, by how long; after it, in business days like any late action.
            Some(late) if action.due == today => format!(
                "a missed promise, {} late: log any attempt to settle it",
                promise::describe(late)
            ),
            Some(_) => format!(
                "a missed promise, {} late: log any attempt to settle it",
                plural(
                    self.calendar.business_days_between(action.due, today),
                    "business day"
                )
            ),
            None if action.missed_promise().is_some() && action.due <= today => format!(
                "overdue since the missed promise, {} late: call now, with an apology",
                plural(
                    self.calendar.business_days_between(action.due, today),
                    "business day"
                )
            ),
            None if action.due == today => "due today".to_string(),
            None if action.due > today => format!(
                "due in {}",
                plural(
                    self.calendar.business_days_between(today, action.due),
                    "business day"
                )
            ),
            None => format!(
                "{} late",
                plural(
                    self.calendar.business_days_between(action.due, today),
                    "business day"
                )
            ),
        };
        let promised = match self.promised_by {
            Some(promiser) if action.promised() => {
                format!(", as {} promised", clean(&promiser.name))
            }
            _ if action.promised() => ", as promised".to_string(),
            _ => String::new(),
        };
        self.push(
            "next",
            format!(
                "{} on {}{time}{touch}{promised}: {standing}.",
                action.step,
                day(action.due)
            ),
        );
    }
}

/// The rule of cadence.md behind a basis.
pub fn rule_of(basis: &Basis) -> u8 {
    match basis {
        Basis::AgreedDate { .. } => 2,
        Basis::NewProspect | Basis::Reopened => 3,
        Basis::Gap { .. } | Basis::RescueSpan { .. } => 4,
        Basis::Assistant { .. } => 5,
        Basis::CloseOut { .. } | Basis::CloseOutPromised { .. } => 6,
        Basis::Recontact { .. } | Basis::Drip { .. } => 7,
    }
}

fn closed_reason(prospect: &Prospect) -> String {
    match &prospect.closed {
        Some(closure) => format!(" ({}) since {}", closure.reason, day(closure.at.date())),
        None => String::new(),
    }
}

fn day_off(date: NaiveDate, off: DayOff) -> &'static str {
    match off {
        DayOff::Holiday => "holiday",
        DayOff::Away => "away",
        DayOff::NotWorkday if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) => "weekend",
        DayOff::NotWorkday => "not a workday",
    }
}

fn moment(at: NaiveDateTime) -> String {
    at.format("%a %Y-%m-%d %H:%M").to_string()
}

fn ordinal(number: usize) -> String {
    let suffix = match (number % 10, number % 100) {
        (1, 11) | (2, 12) | (3, 13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{number}{suffix}")
}

#[cfg(test)]
mod tests;
