//! `script`: one message, whole and ready to say or send, with every gap marked.

use super::day;
use super::sanitize::{clean, clean_lines};
use super::view::suggested_channel;
use crate::domain::{Channel, Prospect};
use crate::engine::NextAction;
use crate::script::{self, Message};

/// The spoken message (or the instruction, for `close`), under a line that says who to call,
/// how, and which step it is.
pub fn voice(
    prospect: &Prospect,
    action: &NextAction,
    max_touches: Option<u32>,
    message: &Message,
) -> String {
    let contact = &prospect.contact;
    let who = match &contact.company {
        Some(company) => format!("{} ({})", clean(&contact.name), clean(company)),
        None => clean(&contact.name).into_owned(),
    };
    let touch = match (action.touch, max_touches) {
        (Some(touch), Some(max)) => format!(", touch {touch} of {max}"),
        (Some(touch), None) => format!(", touch {touch}"),
        (None, _) => String::new(),
    };
    let time = action
        .time
        .map(|time| format!(" at {}", time.format("%H:%M")))
        .unwrap_or_default();
    let how = if script::is_instruction(action.step) {
        "to do".to_string()
    } else {
        // Where to reach them on the suggested channel: the assistant's phone, the email
        // address, or the phone; a marker with the command that sets it when there is none.
        let (label, field, value) = match suggested_channel(prospect, action.step) {
            Channel::Assistant => (
                "call the assistant on".to_string(),
                "assistant_phone",
                contact.assistant_phone.as_deref(),
            ),
            Channel::Email => ("email".to_string(), "email", contact.email.as_deref()),
            channel => (channel.to_string(), "phone", contact.phone.as_deref()),
        };
        match value {
            Some(value) => format!("{label} {}", clean(value)),
            None => format!("{label} {}", script::marker(field, prospect)),
        }
    };
    format!(
        "{who}: {}{touch}, {}{time}; {how}\n\n{}\n",
        action.step,
        day(action.due),
        clean_lines(message.script.text.trim())
    )
}

/// The email of the step, as a mail client would take it: `To:`, `Subject:`, a blank line and
/// the body. `None` when the step has no email in cadence.toml.
pub fn email(prospect: &Prospect, message: &Message) -> Option<String> {
    let subject = message.subject.as_ref()?;
    let body = message.email.as_ref()?;
    let to = match &prospect.contact.email {
        Some(email) => clean(email).into_owned(),
        None => script::marker("email", prospect),
    };
    Some(format!(
        "To: {to}\nSubject: {}\n\n{}\n",
        clean(subject.text.trim()),
        clean_lines(body.text.trim())
    ))
}
