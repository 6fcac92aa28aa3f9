//! One action as both the table and `--json` show it: the fields of cli.md, filled in.

use chrono::{NaiveDate, NaiveDateTime};
use serde::Serialize;

use super::sanitize::clean;
use super::value::ValueView;
use crate::channel::{self, Reach};
use crate::config::Config;
use crate::domain::{Channel, Prospect, Step};
use crate::engine::{Glance, Reading};
use crate::facts::Promiser;
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
    /// The time of this action was promised to the prospect (rule 1): `time` holds it.
    pub promised: bool,
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
    /// A promised call whose day passed with nothing logged: the touch is overdue since, and
    /// its message apologises; `null` otherwise.
    pub missed_promise: Option<NaiveDateTime>,
    pub cadence: String,
    /// The channel the action goes out on; `null` when no phone or email is on file.
    pub channel: Option<Channel>,
    /// The number or address that channel uses (the assistant's number for the assistant
    /// step); `null` with the channel.
    pub to: Option<String>,
    /// With no channel: what is missing and the command that adds it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub no_channel: Option<String>,
    /// The channel and its detail, as [`channel::reach`] gave them.
    #[serde(skip)]
    pub reach: Reach,
    pub reason: String,
    pub script: String,
    pub email_subject: Option<String>,
    pub email_body: Option<String>,
    /// Placeholders of the message that the prospect's file has no value for.
    pub missing: Vec<&'static str>,
    /// The assistant's phone, for the assistant step.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub assistant_phone: Option<String>,
    /// The value item the message carries; `null` when none is left (or the step carries
    /// none: the assistant, the close).
    pub value: Option<ValueView>,
    /// The step's message is one that carries a value item (see [`crate::value::carried_by`]).
    #[serde(skip)]
    pub carries_value: bool,
    /// The next value item does not fit this message (see [`crate::tracker::Due`]).
    #[serde(skip)]
    pub value_left_out: bool,
    /// The later business day the daily capacity moved the action to (`agenda`); absent when
    /// it stays on the day it is due.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deferred_to: Option<NaiveDate>,
    /// On a team book, the rep who made the promise this action keeps, when another rep makes
    /// the call (the file changed hands since); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub promise_made_by: Option<PromiseMadeBy>,
    /// On a team book, the rep the message is signed as when it is not the session's: the
    /// file's holder, who will say it (a manager reading a rep's file); absent otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signed_as: Option<SignedAs>,
}

/// The rep a message is signed as (`signed_as`): the details the team keeps for them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SignedAs {
    pub name: String,
    pub email: String,
    /// `null` when the team keeps no phone for them (`rep edit --phone`).
    pub phone: Option<String>,
}

/// A rep of the team by name and email: who made a promise that another rep keeps
/// (`promise_made_by` of `today --json`), or who a message is signed as (`signed_as`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromiseMadeBy {
    pub name: String,
    pub email: String,
}

impl PromiseMadeBy {
    fn new(promiser: &Promiser) -> PromiseMadeBy {
        PromiseMadeBy {
            name: promiser.name.clone(),
            email: promiser.email.clone(),
        }
    }
}

impl ActionView {
    /// The action as seen at `now`: how late it is, and the message to leave today.
    pub fn new(due: &Due, config: &Config, now: NaiveDateTime) -> ActionView {
        let message = script::message(
            &due.prospect,
            &due.action,
            due.following,
            &due.facts,
            config,
            script::Gaps::Smooth,
        );
        ActionView::with_message(due, config, now, message)
    }

    /// The action without its message text (`script`, the email and `missing` are empty), for
    /// a table that shows none: `agenda`'s table of thousands of rows spent a third of its
    /// time writing messages nobody saw.
    pub fn without_message(due: &Due, config: &Config, now: NaiveDateTime) -> ActionView {
        let message = script::Message {
            reach: script::reach(&due.prospect, &due.action),
            script: Default::default(),
            subject: None,
            email: None,
        };
        ActionView::with_message(due, config, now, message)
    }

    /// What a table of the coming days shows of an action read from a stored outlook, with no
    /// history at hand: no message, no reason, no value item, and no time for a promise
    /// already missed (`missed_promise` is empty).
    pub fn at_a_glance(
        prospect: &Prospect,
        reading: &Reading,
        config: &Config,
        now: NaiveDateTime,
    ) -> ActionView {
        // As `script::reach`: a missed promise was a promise of a call too.
        let reach = channel::reach(&prospect.contact, reading.glance.step, reading.promised);
        ActionView::sighted(prospect, reading, config, now, reach)
    }

    fn with_message(
        due: &Due,
        config: &Config,
        now: NaiveDateTime,
        message: script::Message,
    ) -> ActionView {
        let (prospect, action) = (&due.prospect, &due.action);
        let reading = action.reading();
        let base = ActionView::sighted(prospect, &reading, config, now, message.reach.clone());
        ActionView {
            missed_promise: action.missed_promise().map(|promise| promise.at),
            reason: match message.reach {
                Reach::FrontDesk { .. } => {
                    super::reason::at_front_desk(action, due.facts.promised_by.as_ref())
                }
                _ => super::reason::sentence(action, due.facts.promised_by.as_ref()),
            },
            promise_made_by: due.facts.promised_by.as_ref().map(PromiseMadeBy::new),
            signed_as: due.facts.signer.as_ref().map(|signer| SignedAs {
                name: signer.name.clone(),
                email: signer.email.clone(),
                phone: signer.phone.clone(),
            }),
            missing: message.missing(),
            script: message.script.text.trim().to_string(),
            email_subject: message.subject.map(|filled| filled.text),
            email_body: message.email.map(|filled| filled.text.trim().to_string()),
            value: due.facts.value.as_ref().map(ValueView::new),
            value_left_out: due.value_left_out,
            ..base
        }
    }

    /// Every field that the action's step, day, time and touch, the prospect's file and the
    /// rules give; what the history gives (the reason, the message, the value item) empty.
    fn sighted(
        prospect: &Prospect,
        reading: &Reading,
        config: &Config,
        now: NaiveDateTime,
        reach: Reach,
    ) -> ActionView {
        let today = now.date();
        let Glance { step, due, touch } = reading.glance;
        let time = reading.time;
        // A promised time that still stands and has passed, as `promise::late_by` reads it.
        let late = time.and_then(|time| promise::late_after(due, time, now));
        let contact = &prospect.contact;
        let zones = &config.zones;
        let theirs = zones::named(contact.time_zone.as_deref());
        let prospect_time = match (time, theirs) {
            (Some(time), Some(zone)) => zones::convert(due.and_time(time), zones.mine, zone)
                .ok()
                .map(|at| at.time()),
            _ => None,
        };
        let day = due.max(today);
        // A prospect without a zone of their own is in yours.
        let (call_window, call_advice) = match zones.call_hours {
            Some(hours) => {
                let window = zones::window(hours, theirs.unwrap_or(zones.mine), zones.mine, day);
                let promised = time.map(|time| day.and_time(time));
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
            step,
            promised: reading.promise_stands(),
            due,
            time,
            prospect_tz: theirs.map(|zone| zone.name().to_string()),
            prospect_time,
            call_window,
            call_advice,
            touch,
            max_touches: config
                .cadence(&prospect.cadence)
                .and_then(|cadence| cadence.max_touches),
            overdue_business_days: config.calendar.business_days_between(due, today).max(0),
            missed: late.is_some(),
            late_minutes: late.map(|late| late.num_minutes()),
            missed_promise: None,
            cadence: prospect.cadence.clone(),
            channel: reach.channel(),
            to: reach.to().map(str::to_string),
            no_channel: match reach {
                Reach::Nowhere { needs } => Some(no_channel(needs, prospect.id)),
                Reach::On { .. } | Reach::FrontDesk { .. } => None,
            },
            reason: String::new(),
            script: String::new(),
            email_subject: None,
            email_body: None,
            missing: Vec::new(),
            assistant_phone: (step == Step::Assistant)
                .then(|| contact.assistant_phone.clone())
                .flatten(),
            value: None,
            carries_value: crate::value::carried_by(step) && reach.channel().is_some(),
            value_left_out: false,
            deferred_to: None,
            promise_made_by: None,
            signed_as: None,
            reach,
        }
    }

    /// The day to act: the day the capacity moved it to, else the day it is due, or today
    /// when it is overdue.
    pub fn day_to_act(&self, today: NaiveDate) -> NaiveDate {
        self.deferred_to.unwrap_or(self.due.max(today))
    }

    /// "2/4", or "3" for a cadence without a limit, or "" for a step that is not a touch.
    pub fn touch_label(&self) -> String {
        touch_label(self.touch, self.max_touches)
    }

    /// "rescue 3/4", or the step alone when it is not a touch: for a narrow table's one
    /// column.
    pub fn step_and_touch(&self) -> String {
        step_and_touch(self.step, self.touch, self.max_touches)
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

    /// How to reach them, in words (see [`how`]).
    pub fn how(&self) -> String {
        how(&self.reach, self.id)
    }

    /// The channel and its detail in a table cell: "call 555-0190", "email dana@example.com",
    /// "assistant 555-0148", or "none".
    pub fn channel_cell(&self) -> String {
        match (self.channel, self.to.as_deref()) {
            (_, Some(to)) if matches!(self.reach, Reach::FrontDesk { .. }) => {
                format!("front desk {}", clean(to))
            }
            (Some(channel), Some(to)) => format!("{channel} {}", clean(to)),
            _ => "none".to_string(),
        }
    }
}

/// "2/4", or "3" for a cadence without a limit, or "" for a step that is not a touch.
pub fn touch_label(touch: Option<u32>, max_touches: Option<u32>) -> String {
    let mut label = String::new();
    push_touch_label(&mut label, touch, max_touches);
    label
}

/// "rescue 3/4", or the step alone when it is not a touch.
pub fn step_and_touch(step: Step, touch: Option<u32>, max_touches: Option<u32>) -> String {
    let mut text = String::with_capacity(16);
    text.push_str(step.as_str());
    if touch.is_some() {
        text.push(' ');
        push_touch_label(&mut text, touch, max_touches);
    }
    text
}

/// "3/4", "3" without a maximum, nothing for a step that is not a touch; written in place
/// (a cell of every row of `list`).
fn push_touch_label(text: &mut String, touch: Option<u32>, max_touches: Option<u32>) {
    if let Some(touch) = touch {
        super::push_number(text, touch, 0);
        if let Some(max) = max_touches {
            text.push('/');
            super::push_number(text, max, 0);
        }
    }
}

/// How to reach them, in words: "call 555-0190", "email dana@example.com", "call the
/// assistant on 555-0148", or what is missing and the command that adds it.
pub fn how(reach: &Reach, id: i64) -> String {
    match reach {
        Reach::On {
            channel: Channel::Assistant,
            to,
        } => format!("call the assistant on {}", clean(to)),
        Reach::FrontDesk { to } => format!("call the front desk on {}", clean(to)),
        Reach::On { channel, to } => format!("{channel} {}", clean(to)),
        Reach::Nowhere { needs } => no_channel(needs, id),
    }
}

/// The warning of `add` and `edit` when the preferred channel lacks its detail: what is
/// missing, the channel used instead, and the command that adds it. `None` when the
/// preference can be followed (or there is none).
pub fn unusable_preference(prospect: &crate::domain::Prospect) -> Option<String> {
    let contact = &prospect.contact;
    let preference = channel::unusable_preference(contact)?;
    let field = channel::needs(preference);
    let detail = if field == "email" {
        "email address"
    } else {
        "phone number"
    };
    let instead = match channel::reach(contact, Step::FollowUp, false).channel() {
        Some(Channel::Email) => "followup will suggest an email".to_string(),
        Some(Channel::Text) => "followup will suggest a text".to_string(),
        Some(_) => "followup will suggest a call".to_string(),
        None => "nothing reaches them".to_string(),
    };
    Some(format!(
        "{} prefers {preference} but has no {detail} on file; {instead} until you add one with \
         `{}`",
        clean(&contact.name),
        script::how_to_set(field, prospect.id)
    ))
}

/// What the list says for an action that no detail on file reaches: what is missing and the
/// command that adds it.
pub fn no_channel(needs: &[&str], id: i64) -> String {
    match needs {
        [field] => format!(
            "{}: add it with `{}`",
            script::marker_text(field),
            script::how_to_set(field, id)
        ),
        _ => format!(
            "no phone or email on file: add one with `followup edit {id} --phone ...` or \
             `--email ...`"
        ),
    }
}
