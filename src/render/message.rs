//! `script`: one message, whole and ready to say or send, with every gap marked.

use super::day;
use super::sanitize::{clean, clean_lines};
use super::view::how;
use crate::domain::{Channel, Prospect};
use crate::engine::NextAction;
use crate::script::{self, Message};
use crate::templates::Filled;

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
        how(&message.reach, prospect.id)
    };
    // An email's subject heads it.
    let subject = match (&message.subject, message.channel()) {
        (Some(subject), Some(Channel::Email)) if !script::is_instruction(action.step) => {
            format!("Subject: {}\n\n", clean(subject.text.trim()))
        }
        _ => String::new(),
    };
    format!(
        "{who}: {}{touch}, {}{time}; {how}\n\n{subject}{}\n",
        action.step,
        day(action.due),
        clean_lines(message.script.text.trim())
    )
}

/// The email of the step, as a mail client would take it: `To:`, `Subject:`, a blank line and
/// the body (see [`script::email`]).
pub fn email(prospect: &Prospect, subject: &Filled, body: &Filled) -> String {
    let to = match &prospect.contact.email {
        Some(email) => clean(email).into_owned(),
        None => script::marker("email", prospect),
    };
    format!(
        "To: {to}\nSubject: {}\n\n{}\n",
        clean(subject.text.trim()),
        clean_lines(body.text.trim())
    )
}
