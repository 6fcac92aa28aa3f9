//! The questions `go` asks after an outcome (a promise, an agreed date, a note), on one
//! line each, with inquire. Esc goes back without an answer; Ctrl-C stops the sitting, and
//! the entry in progress is not written.

use chrono::{NaiveDate, NaiveDateTime};
use inquire::error::InquireError;
use inquire::ui::RenderConfig;
use inquire::validator::Validation;

use crate::error::{Error, Result};
use crate::when;

/// What a question got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer<T> {
    Given(T),
    /// Esc: no answer, the entry goes on without it.
    Back,
    /// Ctrl-C: stop the sitting.
    Stop,
}

/// How the prompts look: plain under `NO_COLOR`.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub colour: bool,
}

impl Look {
    fn config(self) -> RenderConfig<'static> {
        if self.colour {
            RenderConfig::default_colored()
        } else {
            RenderConfig::empty()
        }
    }
}

/// The callback promised: the same words as `log --promise`, `default` offered.
pub fn promise(default: &str, now: NaiveDateTime, look: Look) -> Result<Answer<NaiveDateTime>> {
    let parse = move |text: &str| when::parse_datetime(text, now, when::DEFAULT_TIME);
    let answer = inquire::Text::new("Promise a call back at:")
        .with_default(default)
        .with_help_message("tomorrow 08:15, fri 14:30 or a date; Esc goes back")
        .with_validator(move |text: &str| {
            Ok(valid(
                parse(text).is_ok(),
                "not a date and time: try tomorrow 08:15, fri 14:30 or 2026-12-03 09:00",
            ))
        })
        .with_render_config(look.config())
        .prompt();
    Ok(answered(answer)?.map(|text| parse(&text).ok()))
}

/// The date agreed for the next step: the same words as `log --next`.
pub fn next(now: NaiveDateTime, look: Look) -> Result<Answer<NaiveDate>> {
    let parse = move |text: &str| when::parse_date(text, now);
    let answer = inquire::Text::new("Agreed next date:")
        .with_help_message("fri, 2026-12-10, tomorrow; Esc goes back")
        .with_validator(move |text: &str| {
            Ok(valid(
                parse(text).is_ok(),
                "not a date: try fri, tomorrow or 2026-12-10",
            ))
        })
        .with_render_config(look.config())
        .prompt();
    Ok(answered(answer)?.map(|text| parse(&text).ok()))
}

/// A note, as `log --note`; empty means none.
pub fn note(look: Look) -> Result<Answer<String>> {
    let answer = inquire::Text::new("Note:")
        .with_help_message("a few words; Esc goes back")
        .with_render_config(look.config())
        .prompt();
    Ok(answered(answer)?.map(Some))
}

/// The answer is taken, or refused with `why`: short enough for an 80-column line, where
/// the full error of `log` would wrap.
fn valid(parsed: bool, why: &str) -> Validation {
    if parsed {
        Validation::Valid
    } else {
        Validation::Invalid(why.into())
    }
}

/// The prompt's result as an answer; a failure of the terminal is an error.
fn answered(result: std::result::Result<String, InquireError>) -> Result<Answer<String>> {
    match result {
        Ok(text) => Ok(Answer::Given(text)),
        Err(InquireError::OperationCanceled) => Ok(Answer::Back),
        Err(InquireError::OperationInterrupted) => Ok(Answer::Stop),
        Err(InquireError::IO(error)) => Err(Error::Terminal(error)),
        Err(other) => Err(Error::Terminal(std::io::Error::other(other.to_string()))),
    }
}

impl Answer<String> {
    /// The answer turned by `read`; one it cannot read counts as none (the validator
    /// has already refused it on screen).
    fn map<T>(self, read: impl FnOnce(String) -> Option<T>) -> Answer<T> {
        match self {
            Answer::Given(text) => read(text).map_or(Answer::Back, Answer::Given),
            Answer::Back => Answer::Back,
            Answer::Stop => Answer::Stop,
        }
    }
}
