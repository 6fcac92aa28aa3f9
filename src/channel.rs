//! Which channel an action goes out on, and the detail it needs (cadence.md, "Channels and
//! missing details"). One pure function, [`reach`], that the morning list, `show`, `script`,
//! `agenda`, `export` and every `--json` use, so they can never disagree.
//!
//! The rule: the prospect's preferred channel when the detail it needs is on file (a call or a
//! text needs a phone, an email an address); otherwise the first of call, email, text that is.
//! Three actions are fixed by what they are: a promised callback is a call (the promise was of
//! a call) whenever a phone is on file; the step for the assistant is a call to the
//! assistant's own number or, without one, to the front desk on the company's main line; and
//! a drip touch to a lost deal is an email whenever an address is on file, something to read
//! when it suits them rather than a call that asks for their time on a deal they let go.

use crate::domain::{Channel, Contact, Preference, Step};

/// Where an action goes: a channel and the number or address to use, or nowhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// Use `channel`, dialling or writing to `to`.
    On { channel: Channel, to: String },
    /// The assistant step without an assistant's number: call the front desk on the
    /// company's main line `to`, and ask after the prospect.
    FrontDesk { to: String },
    /// Nothing on file reaches them this way: `needs` names the fields (placeholder names,
    /// as `script::how_to_set` knows them) any one of which would do.
    Nowhere { needs: &'static [&'static str] },
}

impl Reach {
    /// The channel, or `None` when nothing on file reaches them.
    pub fn channel(&self) -> Option<Channel> {
        match self {
            Reach::On { channel, .. } => Some(*channel),
            // Through someone else, as with the assistant: not a touch of the prospect.
            Reach::FrontDesk { .. } => Some(Channel::Assistant),
            Reach::Nowhere { .. } => None,
        }
    }

    /// The number or address the channel uses.
    pub fn to(&self) -> Option<&str> {
        match self {
            Reach::On { to, .. } | Reach::FrontDesk { to } => Some(to),
            Reach::Nowhere { .. } => None,
        }
    }
}

/// The order tried when the preferred channel cannot be used (or none is preferred).
const FALLBACK: [Preference; 3] = [Preference::Call, Preference::Email, Preference::Text];

/// The channel and detail for an action of `step` to the prospect of `contact`; `promised`:
/// the action's time was promised to them.
pub fn reach(contact: &Contact, step: Step, promised: bool) -> Reach {
    if step == Step::Assistant {
        return match (&contact.assistant_phone, &contact.main_line) {
            (Some(phone), _) => Reach::On {
                channel: Channel::Assistant,
                to: phone.clone(),
            },
            (None, Some(main_line)) => Reach::FrontDesk {
                to: main_line.clone(),
            },
            (None, None) => Reach::Nowhere {
                needs: &["assistant_phone"],
            },
        };
    }
    let preferred = if promised {
        Some(Preference::Call)
    } else {
        contact.prefers
    };
    // A drip touch tries the address first, then goes the usual way.
    let drip_first = (step == Step::Drip).then_some(Preference::Email);
    drip_first
        .into_iter()
        .chain(preferred)
        .chain(FALLBACK)
        .find_map(|preference| {
            detail(contact, preference).map(|to| Reach::On {
                channel: Channel::from(preference),
                to: to.to_string(),
            })
        })
        .unwrap_or(Reach::Nowhere {
            needs: &["phone", "email"],
        })
}

/// The field a channel needs (a placeholder name, as `script::how_to_set` knows it).
pub fn needs(preference: Preference) -> &'static str {
    match preference {
        Preference::Call | Preference::Text => "phone",
        Preference::Email => "email",
    }
}

/// The preferred channel, when the file lacks the detail it needs: `add`, `edit` and `import`
/// warn about it, since every action then goes out on another channel.
pub fn unusable_preference(contact: &Contact) -> Option<Preference> {
    contact
        .prefers
        .filter(|preference| detail(contact, *preference).is_none())
}

/// The field an attempt on `channel` needed that the file does not hold (a call logged to
/// someone with no phone on file): the number or address is somewhere else, and until the
/// file has it the list cannot suggest that channel. `None` for meetings in person and calls
/// to the assistant or the front desk, whose numbers belong to others.
pub fn unrecorded_detail(contact: &Contact, channel: Channel) -> Option<&'static str> {
    let (field, value) = match channel {
        Channel::Call | Channel::Text => ("phone", &contact.phone),
        Channel::Email => ("email", &contact.email),
        Channel::InPerson | Channel::Assistant => return None,
    };
    value.is_none().then_some(field)
}

fn detail(contact: &Contact, preference: Preference) -> Option<&str> {
    match preference {
        Preference::Call | Preference::Text => contact.phone.as_deref(),
        Preference::Email => contact.email.as_deref(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(phone: bool, email: bool, prefers: Option<Preference>) -> Contact {
        Contact {
            name: "Dana Whitfield".into(),
            phone: phone.then(|| "555-0190".to_string()),
            email: email.then(|| "dana@example.com".to_string()),
            prefers,
            ..Contact::default()
        }
    }

    fn on(channel: Channel, to: &str) -> Reach {
        Reach::On {
            channel,
            to: to.into(),
        }
    }

    const PHONE: &str = "555-0190";
    const EMAIL: &str = "dana@example.com";

    #[test]
    fn an_attempt_on_a_channel_whose_detail_is_missing_names_the_field() {
        let bare = contact(false, false, None);
        assert_eq!(unrecorded_detail(&bare, Channel::Call), Some("phone"));
        assert_eq!(unrecorded_detail(&bare, Channel::Text), Some("phone"));
        assert_eq!(unrecorded_detail(&bare, Channel::Email), Some("email"));
        assert_eq!(unrecorded_detail(&bare, Channel::InPerson), None);
        assert_eq!(unrecorded_detail(&bare, Channel::Assistant), None);
        let full = contact(true, true, None);
        assert_eq!(unrecorded_detail(&full, Channel::Call), None);
        assert_eq!(unrecorded_detail(&full, Channel::Email), None);
    }

    #[test]
    fn the_preferred_channel_wins_when_its_detail_is_on_file() {
        use Preference::{Call, Email, Text};
        let cases = [
            // (phone, email, prefers) -> reach
            ((true, true, None), on(Channel::Call, PHONE)),
            ((true, true, Some(Call)), on(Channel::Call, PHONE)),
            ((true, true, Some(Email)), on(Channel::Email, EMAIL)),
            ((true, true, Some(Text)), on(Channel::Text, PHONE)),
            ((true, false, Some(Text)), on(Channel::Text, PHONE)),
            ((false, true, Some(Email)), on(Channel::Email, EMAIL)),
        ];
        for ((phone, email, prefers), expected) in cases {
            let contact = contact(phone, email, prefers);
            assert_eq!(
                reach(&contact, Step::FollowUp, false),
                expected,
                "{contact:?}"
            );
        }
    }

    #[test]
    fn without_the_preferred_detail_the_first_of_call_email_text_on_file_is_used() {
        use Preference::{Call, Email, Text};
        let cases = [
            ((false, true, None), on(Channel::Email, EMAIL)),
            ((false, true, Some(Call)), on(Channel::Email, EMAIL)),
            ((false, true, Some(Text)), on(Channel::Email, EMAIL)),
            ((true, false, Some(Email)), on(Channel::Call, PHONE)),
            ((true, false, None), on(Channel::Call, PHONE)),
        ];
        for ((phone, email, prefers), expected) in cases {
            let contact = contact(phone, email, prefers);
            assert_eq!(reach(&contact, Step::First, false), expected, "{contact:?}");
        }
    }

    #[test]
    fn no_phone_and_no_email_is_no_channel() {
        let reach = reach(
            &contact(false, false, Some(Preference::Text)),
            Step::Rescue,
            false,
        );
        assert_eq!(
            reach,
            Reach::Nowhere {
                needs: &["phone", "email"]
            }
        );
        assert_eq!((reach.channel(), reach.to()), (None, None));
    }

    #[test]
    fn a_drip_touch_is_an_email_when_an_address_is_on_file() {
        let prefers_calls = contact(true, true, Some(Preference::Call));
        assert_eq!(
            reach(&prefers_calls, Step::Drip, false),
            on(Channel::Email, EMAIL)
        );
        // No address: the usual rule picks the next channel on file, or none.
        assert_eq!(
            reach(
                &contact(true, false, Some(Preference::Text)),
                Step::Drip,
                false
            ),
            on(Channel::Text, PHONE)
        );
        assert_eq!(
            reach(&contact(true, false, None), Step::Drip, false),
            on(Channel::Call, PHONE)
        );
        assert_eq!(
            reach(&contact(false, false, None), Step::Drip, false).channel(),
            None
        );
    }

    #[test]
    fn a_promised_callback_is_a_call_when_a_phone_is_on_file() {
        let prefers_email = contact(true, true, Some(Preference::Email));
        assert_eq!(
            reach(&prefers_email, Step::FollowUp, true),
            on(Channel::Call, PHONE)
        );
        // Without a phone the promise cannot be kept by phone: the address it is.
        assert_eq!(
            reach(&contact(false, true, None), Step::FollowUp, true),
            on(Channel::Email, EMAIL)
        );
    }

    #[test]
    fn the_assistant_is_called_on_the_assistant_phone_only() {
        let mut with_assistant = contact(true, true, Some(Preference::Email));
        with_assistant.assistant = Some("Pat Ortiz".into());
        assert_eq!(
            reach(&with_assistant, Step::Assistant, false),
            Reach::Nowhere {
                needs: &["assistant_phone"]
            }
        );
        with_assistant.assistant_phone = Some("555-0148".into());
        assert_eq!(
            reach(&with_assistant, Step::Assistant, false),
            on(Channel::Assistant, "555-0148")
        );
    }

    #[test]
    fn without_the_assistant_phone_the_front_desk_is_called_on_the_main_line() {
        let mut dana = contact(true, true, None);
        dana.main_line = Some("555-0100".into());
        let front_desk = reach(&dana, Step::Assistant, false);
        assert_eq!(
            front_desk,
            Reach::FrontDesk {
                to: "555-0100".into()
            }
        );
        assert_eq!(
            (front_desk.channel(), front_desk.to()),
            (Some(Channel::Assistant), Some("555-0100"))
        );
        // The assistant's own number wins; other steps never use the main line.
        dana.assistant_phone = Some("555-0148".into());
        assert_eq!(
            reach(&dana, Step::Assistant, false),
            on(Channel::Assistant, "555-0148")
        );
        let mut only_main_line = contact(false, false, None);
        only_main_line.main_line = Some("555-0100".into());
        assert_eq!(
            reach(&only_main_line, Step::FollowUp, false),
            Reach::Nowhere {
                needs: &["phone", "email"]
            }
        );
    }

    #[test]
    fn a_preference_without_its_detail_is_unusable() {
        use Preference::{Call, Email, Text};
        assert_eq!(
            unusable_preference(&contact(false, true, Some(Text))),
            Some(Text)
        );
        assert_eq!(
            unusable_preference(&contact(false, true, Some(Call))),
            Some(Call)
        );
        assert_eq!(
            unusable_preference(&contact(true, false, Some(Email))),
            Some(Email)
        );
        assert_eq!(unusable_preference(&contact(true, false, Some(Text))), None);
        assert_eq!(unusable_preference(&contact(false, false, None)), None);
        assert_eq!(needs(Text), "phone");
        assert_eq!(needs(Email), "email");
    }
}
