//! What is stored of a file's next action beside the file: the earliest day it can be due
//! (`due_on`, what the morning list selects on) and its outlook (`outlook`, what the tables of
//! `list` show), and the text the outlook is kept in.
//!
//! The text is meant to be read by a person with `sqlite3` as much as by this module:
//! `follow-up #2 2026-12-03`, `rescue #3 2026-12-07 @08:15:00` (a promised time),
//! `follow-up #4 2026-12-10 @day-away` (a promise for a day away, due on the day of return),
//! `assistant 2026-12-03 then fire #4 2026-12-07` (rule 5's advice and the touch it gives way
//! to), `nothing` (nothing left to do). NULL: never worked out.

use std::iter::Peekable;

use chrono::NaiveDate;

use crate::domain::Step;
use crate::engine::{Glance, Outlook, Promised};

/// What the tracker stores of a file's next action.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Planned {
    /// The next action on any day, due from the day its first glance says.
    Action(Outlook),
    /// Nothing is left to do: not due on any day.
    Nothing,
    /// Not worked out (a cadence the cadence file no longer defines, or a book from before
    /// outlooks were stored): marked due from the given day, so the morning list surfaces the
    /// file, and read by running the engine over its history.
    Unworked(Option<NaiveDate>),
}

impl Planned {
    /// The plan the engine's outlook makes: `None` when nothing is left to do.
    pub fn of(outlook: Option<Outlook>) -> Planned {
        outlook.map_or(Planned::Nothing, Planned::Action)
    }

    /// The earliest day the next action can be due.
    pub fn due_on(&self) -> Option<NaiveDate> {
        match self {
            Planned::Action(outlook) => Some(outlook.first.due),
            Planned::Nothing => None,
            Planned::Unworked(due_on) => *due_on,
        }
    }

    /// The text of the `outlook` column (see the module doc).
    pub(super) fn outlook_text(&self) -> Option<String> {
        match self {
            Planned::Action(outlook) => Some(outlook_text(outlook)),
            Planned::Nothing => Some(NOTHING.to_string()),
            Planned::Unworked(_) => None,
        }
    }

    /// The plan the two columns hold. An outlook that disagrees with the due date beside it
    /// (one column written without the other, by hand or by an older followup) or that this
    /// version cannot read counts as never worked out: the engine answers instead, and the
    /// next recomputation stores both again.
    pub(super) fn from_columns(due_on: Option<NaiveDate>, outlook: Option<&str>) -> Planned {
        let planned = match outlook {
            Some(NOTHING) => Planned::Nothing,
            Some(text) => parse_outlook(text).map_or(Planned::Unworked(due_on), Planned::Action),
            None => Planned::Unworked(due_on),
        };
        if planned.due_on() == due_on {
            planned
        } else {
            Planned::Unworked(due_on)
        }
    }
}

const NOTHING: &str = "nothing";
const THEN: &str = "then";
const DAY_AWAY: &str = "day-away";

fn outlook_text(outlook: &Outlook) -> String {
    let mut text = glance_text(&outlook.first);
    match outlook.promise {
        Promised::No => {}
        Promised::At(time) => text.push_str(&format!(" @{}", time.format("%H:%M:%S"))),
        Promised::OnADayAway => text.push_str(&format!(" @{DAY_AWAY}")),
    }
    if let Some(touch) = &outlook.gives_way_to {
        text.push_str(&format!(" {THEN} {}", glance_text(touch)));
    }
    text
}

fn glance_text(glance: &Glance) -> String {
    match glance.touch {
        Some(touch) => format!("{} #{touch} {}", glance.step, glance.due),
        None => format!("{} {}", glance.step, glance.due),
    }
}

/// Read word by word: splitting on a word of several letters would set up a substring search
/// for each of the book's files.
fn parse_outlook(text: &str) -> Option<Outlook> {
    let mut words = text.split(' ').peekable();
    let first = parse_glance(&mut words)?;
    let promise = match words.next_if(|word| word.starts_with('@')) {
        None => Promised::No,
        Some(word) => match &word[1..] {
            DAY_AWAY => Promised::OnADayAway,
            time => Promised::At(super::rows::parse_stored_time(time)?),
        },
    };
    let gives_way_to = match words.next() {
        None => None,
        Some(THEN) => Some(parse_glance(&mut words)?),
        Some(_) => return None,
    };
    words.next().is_none().then_some(Outlook {
        first,
        promise,
        gives_way_to,
    })
}

/// `step [#touch] date`.
fn parse_glance<'t>(words: &mut Peekable<impl Iterator<Item = &'t str>>) -> Option<Glance> {
    let step: Step = words.next()?.parse().ok()?;
    let touch = match words.next_if(|word| word.starts_with('#')) {
        Some(word) => Some(word[1..].parse().ok()?),
        None => None,
    };
    let due = super::rows::parse_stored_day(words.next()?)?;
    Some(Glance { step, due, touch })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveTime;

    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    fn glance(step: Step, due: &str, touch: Option<u32>) -> Glance {
        Glance {
            step,
            due: day(due),
            touch,
        }
    }

    #[test]
    fn every_kind_of_outlook_reads_back_as_it_was_written() {
        let plans = [
            Planned::Nothing,
            Planned::Action(Outlook {
                first: glance(Step::FollowUp, "2026-12-03", Some(2)),
                promise: Promised::No,
                gives_way_to: None,
            }),
            Planned::Action(Outlook {
                first: glance(Step::Rescue, "2026-12-07", Some(3)),
                promise: Promised::At(NaiveTime::from_hms_opt(8, 15, 0).unwrap()),
                gives_way_to: None,
            }),
            Planned::Action(Outlook {
                first: glance(Step::FollowUp, "2026-12-10", Some(4)),
                promise: Promised::OnADayAway,
                gives_way_to: None,
            }),
            Planned::Action(Outlook {
                first: glance(Step::Assistant, "2026-12-03", None),
                promise: Promised::No,
                gives_way_to: Some(glance(Step::Fire, "2026-12-07", Some(4))),
            }),
            Planned::Action(Outlook {
                first: glance(Step::NextStep, "2027-01-04", None),
                promise: Promised::At(NaiveTime::from_hms_opt(16, 0, 30).unwrap()),
                gives_way_to: Some(glance(Step::Close, "2027-01-06", Some(5))),
            }),
        ];
        for plan in plans {
            let text = plan.outlook_text();
            let read = Planned::from_columns(plan.due_on(), text.as_deref());
            assert_eq!(read, plan, "{text:?}");
        }
    }

    #[test]
    fn the_text_reads_as_the_module_doc_shows() {
        let plan = Planned::Action(Outlook {
            first: glance(Step::Assistant, "2026-12-03", None),
            promise: Promised::No,
            gives_way_to: Some(glance(Step::Fire, "2026-12-07", Some(4))),
        });
        assert_eq!(
            plan.outlook_text().as_deref(),
            Some("assistant 2026-12-03 then fire #4 2026-12-07")
        );
        assert_eq!(
            Planned::Unworked(Some(day("2026-12-01"))).outlook_text(),
            None
        );
    }

    #[test]
    fn an_outlook_that_disagrees_with_its_due_date_leaves_the_file_to_the_engine() {
        let due = Some(day("2026-12-01"));
        for text in ["follow-up #2 2026-12-03", "nothing"] {
            assert_eq!(
                Planned::from_columns(due, Some(text)),
                Planned::Unworked(due),
                "{text:?}"
            );
        }
        assert_eq!(
            Planned::from_columns(None, Some("follow-up #2 2026-12-03")),
            Planned::Unworked(None)
        );
    }

    #[test]
    fn text_it_cannot_read_leaves_the_file_to_the_engine() {
        let due = Some(day("2026-12-01"));
        for text in [
            "",
            "follow-up",
            "follow-up #2",
            "follow-up #x 2026-12-03",
            "follow-up 2026-13-03",
            "follow-up 2026-12-03 extra",
            "follow-up 2026-12-03 @25:00:00",
            "sideways 2026-12-03",
            "assistant 2026-12-03 then",
            "assistant 2026-12-03 then fire #4 2026-12-07 then fire #4 2026-12-07",
            "assistant 2026-12-03 fire #4 2026-12-07",
            "follow-up 2026-12-03 @",
            "follow-up 2026-12-03 @08:15:00 @day-away",
            "follow-up #2 #3 2026-12-03",
            "follow-up  2026-12-03",
        ] {
            assert_eq!(
                Planned::from_columns(due, Some(text)),
                Planned::Unworked(due),
                "{text:?}"
            );
        }
    }
}
