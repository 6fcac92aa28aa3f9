//! One action as both the table and `--json` show it: the fields of cli.md, filled in.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use crate::config::Config;
use crate::domain::{Channel, Prospect, Step};
use crate::promise;
use crate::script;
use crate::tracker::Due;
use crate::zones;

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
    /// The prospect's zone, if one is set (`edit --tz`).
    pub prospect_tz: Option<String>,
    /// A promised callback's time in the prospect's zone; `null` without a time or a zone.
    #[serde(serialize_with = "super::json::serialize_time")]
    pub prospect_time: Option<chrono::NaiveTime>,
    /// With `[calendar] call_hours`: the part of your day within their hours, in your time
    /// ("14:00-23:30"); `null` without call hours or when their hours miss your day.
    pub call_window: Option<String>,
    /// With `[calendar] call_hours`: when to call, in words ("fits now (until 23:30)").
    pub call_advice: Option<String>,
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
        let zones = &config.zones;
        let theirs = zones::named(contact.time_zone.as_deref());
        let prospect_time = match (action.time, theirs) {
            (Some(time), Some(zone)) => zones::convert(action.due.and_time(time), zones.mine, zone)
                .ok()
                .map(|at| at.time()),
            _ => None,
        };
        let day = action.due.max(today);
        // A prospect without a zone of their own is in yours.
        let (call_window, call_advice) = match zones.call_hours {
            Some(hours) => {
                let window = zones::window(hours, theirs.unwrap_or(zones.mine), zones.mine, day);
                let promised = action.time.map(|time| day.and_time(time));
                (
                    window.map(|window| window.label()),
                    Some(zones::promise_advice(window, promised, day, now)),
                )
            }
            None => (None, None),
        };
        ActionView {
            id: prospect.id,
            name: contact.name.clone(),
            company: contact.company.clone(),
            phone: contact.phone.clone(),
            email: contact.email.clone(),
            step: action.step,
            due: action.due,
            time: action.time,
            prospect_tz: theirs.map(|zone| zone.name().to_string()),
            prospect_time,
            call_window,
            call_advice,
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

    /// "rescue 3/4", or the step alone when it is not a touch: for a narrow table's one
    /// column.
    pub fn step_and_touch(&self) -> String {
        match self.touch_label() {
            label if label.is_empty() => self.step.to_string(),
            label => format!("{} {label}", self.step),
        }
    }

    /// " (08:15 New York)": a promised time as the prospect has it, when their clock differs
    /// from yours; "" otherwise.
    pub fn their_clock(&self) -> String {
        let zone = zones::named(self.prospect_tz.as_deref());
        match (self.time, self.prospect_time, zone) {
            (Some(mine), Some(theirs), Some(zone)) if mine != theirs => {
                format!(" ({} {})", theirs.format("%H:%M"), zones::city(zone))
            }
            _ => String::new(),
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
