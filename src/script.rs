//! The message for an action: the step's templates filled in with the prospect's details.

use chrono::NaiveDate;

use crate::config::Config;
use crate::domain::{Prospect, Step};
use crate::engine::{Basis, NextAction};
use crate::templates::{self, Filled, Part};

/// What to say for one action: the spoken script and, for steps that have one, the email to
/// send alongside the voicemail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub script: Filled,
    pub subject: Option<Filled>,
    pub email: Option<Filled>,
}

impl Message {
    /// Every placeholder that had no value, across the script and the email.
    pub fn missing(&self) -> Vec<&'static str> {
        let mut missing: Vec<&'static str> = Vec::new();
        let parts = [
            Some(&self.script),
            self.subject.as_ref(),
            self.email.as_ref(),
        ];
        for name in parts
            .into_iter()
            .flatten()
            .flat_map(|filled| filled.missing.iter())
        {
            if !missing.contains(name) {
                missing.push(name);
            }
        }
        missing
    }
}

/// Fills the templates of `action.step` for `prospect`. `following` is the day of the touch
/// after this one, which the message announces.
pub fn message(
    prospect: &Prospect,
    action: &NextAction,
    following: Option<NaiveDate>,
    config: &Config,
) -> Message {
    let cadence = config.cadence(&prospect.cadence);
    let promise_time = cadence
        .and_then(|cadence| cadence.promise_time)
        .or(action.time)
        .unwrap_or(crate::when::DEFAULT_TIME);
    let contact = &prospect.contact;
    let me = &config.me;
    let value = |name: &str| -> Option<String> {
        match name {
            "first_name" => Some(contact.first_name().to_string()),
            "name" => Some(contact.name.clone()),
            "company" => contact.company.clone(),
            "title" => contact.title.clone(),
            "topic" => contact.topic.clone(),
            "next_step" => contact.next_step.clone(),
            "assistant" => contact.assistant.clone(),
            "id" => Some(prospect.id.to_string()),
            "me" => me.name.clone(),
            "my_company" => me.company.clone(),
            "my_phone" => me.phone.clone(),
            "my_email" => me.email.clone(),
            "promise_day" => following.map(|day| day.format("%A %-d %B").to_string()),
            "promise_time" => Some(promise_time.format("%H:%M").to_string()),
            "last_touch_date" => {
                last_touch(&action.basis).map(|day| day.format("%A %-d %B").to_string())
            }
            "touch" => action.touch.map(|touch| touch.to_string()),
            "max_touches" => cadence
                .and_then(|cadence| cadence.max_touches)
                .map(|max| max.to_string()),
            _ => None,
        }
    };
    let fill = |part| {
        config
            .templates
            .get(action.step, part)
            .map(|template| templates::fill(template, value, fallback))
    };
    Message {
        script: fill(Part::Script).unwrap_or_default(),
        subject: fill(Part::Subject),
        email: fill(Part::Email),
    }
}

fn last_touch(basis: &Basis) -> Option<NaiveDate> {
    match basis {
        Basis::Gap { last_touch, .. }
        | Basis::RescueSpan { last_touch, .. }
        | Basis::CloseOut { last_touch, .. } => Some(*last_touch),
        _ => None,
    }
}

/// Words that stand in for a missing value, so a message still reads naturally.
fn fallback(name: &str) -> &'static str {
    match name {
        "company" => "your team",
        "topic" => "your enquiry",
        "next_step" => "the next step we talked about",
        "assistant" => "there",
        "me" => "me",
        "my_company" => "our company",
        "my_phone" => "my usual number",
        "my_email" => "my usual address",
        "promise_day" => "a later day",
        "last_touch_date" => "my last message",
        _ => "",
    }
}

/// The command that supplies a missing placeholder, for `show` and `script`.
pub fn how_to_set(name: &str, id: i64) -> String {
    let flag = match name {
        "company" => "--company",
        "title" => "--title",
        "topic" => "--topic",
        "next_step" => "--next-step",
        "assistant" => "--assistant",
        "me" => return "set `name` under [me] in cadence.toml".to_string(),
        "my_company" => return "set `company` under [me] in cadence.toml".to_string(),
        "my_phone" => return "set `phone` under [me] in cadence.toml".to_string(),
        "my_email" => return "set `email` under [me] in cadence.toml".to_string(),
        _ => return String::new(),
    };
    format!("followup edit {id} {flag} ...")
}

/// Whether a step is an instruction to the salesperson rather than a message to leave.
pub fn is_instruction(step: Step) -> bool {
    step == Step::Close
}
