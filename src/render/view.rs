//! One action as both the table and `--json` show it: the fields of cli.md, filled in.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::config::Config;
use crate::domain::{Channel, Prospect, Step};
use crate::promise;
use crate::script;
use crate::tracker::Due;

/// An action, ready to print: the shape of each element of `today --json`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActionView {
    pub id: i64,
    pub name: String,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub step: Step,
    pub due: NaiveDate,
    #[serde(serialize_with = "super::json::serialize_time")]
    pub time: Option<chrono::NaiveTime>,
    pub touch: Option<u32>,
    pub max_touches: Option<u32>,
    pub overdue_business_days: i64,
    /// A promised callback whose time has passed with nothing logged since.
    pub missed: bool,
    /// How many minutes late a missed promise is; `null` otherwise.
    pub late_minutes: Option<i64>,
    pub cadence: String,
    pub channel: Channel,
    pub reason: String,
    pub script: String,
    pub email_subject: Option<String>,
    pub email_body: Option<String>,
    /// Placeholders of the message that the prospect's file has no value for.
    pub missing: Vec<&'static str>,
    /// The assistant's phone, for the assistant step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assistant_phone: Option<String>,
    /// The later business day the daily capacity moved the action to (`agenda`); absent when
    /// it stays on the day it is due.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deferred_to: Option<NaiveDate>,
}

impl ActionView {
    /// The action as seen at `now`: how late it is, and the message to leave today.
    pub fn new(due: &Due, config: &Config, now: NaiveDateTime) -> ActionView {
        let today = now.date();
        let (prospect, action) = (&due.prospect, &due.action);
        let late = promise::late_by(action, now);
        let message = script::message(
            prospect,
            action,
            due.following,
            config,
            script::Gaps::Smooth,
        );
        let contact = &prospect.contact;
        ActionView {
            id: prospect.id,
            name: contact.name.clone(),
            company: contact.company.clone(),
            phone: contact.phone.clone(),
            email: contact.email.clone(),
            step: action.step,
            due: action.due,
            time: action.time,
            touch: action.touch,
            max_touches: config
                .cadence(&prospect.cadence)
                .and_then(|cadence| cadence.max_touches),
            overdue_business_days: config
                .calendar
                .business_days_between(action.due, today)
                .max(0),
            missed: late.is_some(),
            late_minutes: late.map(|late| late.num_minutes()),
            cadence: prospect.cadence.clone(),
            channel: suggested_channel(prospect, action.step),
            reason: super::reason::sentence(action),
            missing: message.missing(),
            script: message.script.text,
            email_subject: message.subject.map(|filled| filled.text),
            email_body: message.email.map(|filled| filled.text.trim().to_string()),
            assistant_phone: (action.step == Step::Assistant)
                .then(|| contact.assistant_phone.clone())
                .flatten(),
            deferred_to: None,
        }
    }

    /// The day to act: the day the capacity moved it to, else the day it is due, or today
    /// when it is overdue.
    pub fn day_to_act(&self, today: NaiveDate) -> NaiveDate {
        self.deferred_to.unwrap_or(self.due.max(today))
    }

    /// "2/4", or "3" for a cadence without a limit, or "" for a step that is not a touch.
    pub fn touch_label(&self) -> String {
        match (self.touch, self.max_touches) {
            (Some(touch), Some(max)) => format!("{touch}/{max}"),
            (Some(touch), None) => touch.to_string(),
            (None, _) => String::new(),
        }
    }

    /// The number to dial for this action.
    pub fn number(&self) -> Option<&str> {
        self.assistant_phone.as_deref().or(self.phone.as_deref())
    }
}

/// The prospect's preferred channel where the step allows a choice. A promised call is a
/// call; the assistant is reached through the assistant.
pub fn suggested_channel(prospect: &Prospect, step: Step) -> Channel {
    match step {
        Step::Promised => Channel::Call,
        Step::Assistant => Channel::Assistant,
        _ => prospect
            .contact
            .prefers
            .map_or(Channel::Call, Channel::from),
    }
}
