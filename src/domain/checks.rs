//! What makes a prospect's details and an attempt acceptable, wherever they come from: typed
//! on the command line (`add`, `edit`, `log`), read from a CSV row or from a JSON backup.
//! One set of rules, so that an import can never store what a command would refuse.
//!
//! Callers add what only they know (the cadences of the cadence file, the row number) and
//! word the refusal for their input: a flag, a column, an entry of a file.

use chrono::{NaiveDate, NaiveDateTime};

use super::Contact;

/// The most characters a one-line detail holds: a name, a company, a phone number. A longer
/// value is a file read wrong (a quote that swallowed the rows after it), not a name.
pub const SHORT_TEXT: usize = 500;

/// The most characters a free text holds: a note, the next step, the topic. Pages of text,
/// far above what a salesperson writes, far below a whole file swallowed by a quote.
pub const LONG_TEXT: usize = 20_000;

/// Why a detail was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    #[error("it has no name; every prospect needs one")]
    NoName,
    #[error("{field} is {length} characters long; it may be at most {limit}")]
    TooLong {
        field: &'static str,
        length: usize,
        limit: usize,
    },
    #[error("cadence {} is not defined in the cadence file; it has: {}", crate::quote::quoted(name), known.join(", "))]
    UnknownCadence { name: String, known: Vec<String> },
}

/// Checks that a prospect follows a cadence of the cadence file, whose cadences are `known`.
pub fn cadence(name: &str, known: &[String]) -> Result<(), Problem> {
    if known.iter().any(|known| known == name) {
        return Ok(());
    }
    Err(Problem::UnknownCadence {
        name: name.to_string(),
        known: known.to_vec(),
    })
}

/// Checks a prospect's details: a name, and no detail longer than it can sensibly be.
pub fn contact(contact: &Contact) -> Result<(), Problem> {
    if contact.name.trim().is_empty() {
        return Err(Problem::NoName);
    }
    let short = [
        ("name", Some(&contact.name)),
        ("company", contact.company.as_ref()),
        ("phone", contact.phone.as_ref()),
        ("email", contact.email.as_ref()),
        ("title", contact.title.as_ref()),
        ("assistant", contact.assistant.as_ref()),
        ("assistant_phone", contact.assistant_phone.as_ref()),
        ("time_zone", contact.time_zone.as_ref()),
    ];
    let long = [
        ("next_step", contact.next_step.as_ref()),
        ("topic", contact.topic.as_ref()),
        ("note", contact.note.as_ref()),
    ];
    for (field, value) in short {
        text(field, value.map(String::as_str), SHORT_TEXT)?;
    }
    for (field, value) in long {
        text(field, value.map(String::as_str), LONG_TEXT)?;
    }
    Ok(())
}

/// Checks one text against a limit, in characters.
pub fn text(field: &'static str, value: Option<&str>, limit: usize) -> Result<(), Problem> {
    match value {
        // Bytes are never fewer than characters: most values need no count.
        Some(value) if value.len() > limit => {
            let length = value.chars().count();
            if length > limit {
                return Err(Problem::TooLong {
                    field,
                    length,
                    limit,
                });
            }
            Ok(())
        }
        _ => Ok(()),
    }
}

/// The parts of an attempt that [`attempt`] checks, by name, so that each caller can name
/// them as its user wrote them (`--at`, or `an attempt's at`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    At,
    Promise,
    Next,
}

/// Why an attempt was refused; [`AttemptProblem::describe`] words it with the caller's names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttemptProblem {
    /// Logged before it happened.
    Future { at: NaiveDateTime },
    /// A callback promised for a time already past when it was promised.
    PromiseNotAfter {
        promise: NaiveDateTime,
        at: NaiveDateTime,
    },
    /// A next step agreed for a day before the conversation.
    NextBefore { next: NaiveDate, at: NaiveDateTime },
    /// A note longer than any note.
    Note(Problem),
}

impl AttemptProblem {
    /// The refusal in words, each part called by `name`.
    pub fn describe(&self, name: impl Fn(Part) -> &'static str) -> String {
        let minute = |time: &NaiveDateTime| time.format("%Y-%m-%d %H:%M").to_string();
        match self {
            AttemptProblem::Future { at } => format!(
                "{} {} is in the future; log an attempt once it has happened",
                name(Part::At),
                minute(at)
            ),
            AttemptProblem::PromiseNotAfter { promise, at } => format!(
                "{} {} is not after the attempt ({}); promise a time still to come",
                name(Part::Promise),
                minute(promise),
                minute(at)
            ),
            AttemptProblem::NextBefore { next, at } => format!(
                "{} {next} is before the attempt ({}); give the date agreed for the next step",
                name(Part::Next),
                at.date()
            ),
            AttemptProblem::Note(problem) => problem.to_string(),
        }
    }
}

/// Checks an attempt as `log` records it: it has happened by `today`, a promised callback
/// comes after it, an agreed next date does not come before it.
pub fn attempt(
    at: NaiveDateTime,
    promise: Option<NaiveDateTime>,
    next: Option<NaiveDate>,
    note: Option<&str>,
    today: NaiveDate,
) -> Result<(), AttemptProblem> {
    if at.date() > today {
        return Err(AttemptProblem::Future { at });
    }
    if let Some(promise) = promise
        && promise <= at
    {
        return Err(AttemptProblem::PromiseNotAfter { promise, at });
    }
    if let Some(next) = next
        && next < at.date()
    {
        return Err(AttemptProblem::NextBefore { next, at });
    }
    text("note", note, LONG_TEXT).map_err(AttemptProblem::Note)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M").unwrap()
    }

    #[test]
    fn a_contact_needs_a_name_and_sane_lengths() {
        let mut contact = Contact {
            name: "Ann".into(),
            note: Some("n".repeat(LONG_TEXT)),
            ..Contact::default()
        };
        assert_eq!(super::contact(&contact), Ok(()));
        contact.company = Some("é".repeat(SHORT_TEXT + 1));
        assert_eq!(
            super::contact(&contact),
            Err(Problem::TooLong {
                field: "company",
                length: SHORT_TEXT + 1,
                limit: SHORT_TEXT
            })
        );
        // Counted in characters, not bytes.
        contact.company = Some("é".repeat(SHORT_TEXT));
        assert_eq!(super::contact(&contact), Ok(()));
        contact.name = " ".into();
        assert_eq!(super::contact(&contact), Err(Problem::NoName));
    }

    #[test]
    fn an_attempt_happened_and_its_promise_and_next_date_follow_it() {
        let today = time("2026-12-03T09:00").date();
        let at = time("2026-12-03T08:00");
        assert!(attempt(at, Some(time("2026-12-04T08:15")), Some(today), None, today).is_ok());
        let future = attempt(time("9999-12-31T09:00"), None, None, None, today).unwrap_err();
        assert_eq!(
            future.describe(|_| "at"),
            "at 9999-12-31 09:00 is in the future; log an attempt once it has happened"
        );
        assert!(matches!(
            attempt(at, Some(at), None, None, today),
            Err(AttemptProblem::PromiseNotAfter { .. })
        ));
        assert!(matches!(
            attempt(at, None, today.pred_opt(), None, today),
            Err(AttemptProblem::NextBefore { .. })
        ));
        let long = "x".repeat(LONG_TEXT + 1);
        assert!(matches!(
            attempt(at, None, None, Some(&long), today),
            Err(AttemptProblem::Note(_))
        ));
    }
}
