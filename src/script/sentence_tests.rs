//! The shipped messages, read as the prospect would hear them: each sentence that depends on a
//! fact has a version for when the file lacks it (cadence.md, "Channels and missing details"),
//! and each channel gets a message written for it. Issue 10 names the sentences that were
//! wrong; each has a case here.

use chrono::NaiveTime;

use super::*;
use crate::domain::{Contact, Status};

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

/// A prospect as an import leaves it: a name, and nothing the messages could lean on.
fn bare() -> Prospect {
    Prospect {
        id: 7,
        contact: Contact {
            name: "Dana Whitfield".into(),
            ..Contact::default()
        },
        cadence: "standard".into(),
        start: date("2026-11-23"),
        status: Status::Active,
        closed: None,
        recontact_on: None,
        run_started_at: None,
        created_at: date("2026-11-23").and_time(NaiveTime::MIN),
        owner: None,
    }
}

/// How the prospect can be reached.
#[derive(Debug, Clone, Copy)]
enum Via {
    /// Phone and email: a call, and the email beside it.
    CallAndEmail,
    EmailOnly,
    /// Phone and email, preferring texts.
    Text,
}

fn reachable(mut prospect: Prospect, via: Via) -> Prospect {
    let contact = &mut prospect.contact;
    contact.email = Some("dana@example.com".into());
    match via {
        Via::CallAndEmail => contact.phone = Some("555-0190".into()),
        Via::EmailOnly => {}
        Via::Text => {
            contact.phone = Some("555-0190".into());
            contact.prefers = Some(crate::domain::Preference::Text);
        }
    }
    prospect
}

/// With a topic, a company and an agreed next step on file.
fn detailed(mut prospect: Prospect) -> Prospect {
    prospect.contact.topic = Some("standing desks".into());
    prospect.contact.company = Some("Lakeside Dental".into());
    prospect.contact.next_step = Some("a trial of two desks".into());
    prospect
}

fn action(step: Step) -> NextAction {
    NextAction {
        step,
        due: date("2026-12-03"),
        time: None,
        touch: Some(2),
        basis: Basis::Gap {
            last_touch: date("2026-11-27"),
            unanswered: 1,
            gap: 4,
        },
        promise: None,
    }
}

fn facts(reached: bool, left_voicemail: bool) -> MessageFacts {
    MessageFacts {
        reached,
        left_voicemail,
        last_touch: Some(date("2026-11-27")),
        ground_rules: false,
        value: None,
        promised_by: None,
        new_voice: false,
        handed_over: false,
        signer: None,
    }
}

fn say(prospect: &Prospect, step: Step, facts: MessageFacts) -> Message {
    message(
        prospect,
        &action(step),
        Some(date("2026-12-09")),
        &facts,
        &Config::built_in(),
        Gaps::Marked,
    )
}

/// Everything the prospect would read or hear, one part per line.
fn everything(message: &Message) -> String {
    [
        Some(&message.script),
        message.subject.as_ref(),
        message.email.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(|filled| filled.text.as_str())
    .collect::<Vec<_>>()
    .join("\n")
}

const STEPS: [Step; 7] = [
    Step::First,
    Step::FollowUp,
    Step::Rescue,
    Step::Assistant,
    Step::Fire,
    Step::NextStep,
    Step::Recontact,
];

const VIAS: [Via; 3] = [Via::CallAndEmail, Via::EmailOnly, Via::Text];

#[test]
fn a_bare_file_never_never_reached_is_told_nothing_the_file_does_not_hold() {
    let claims = [
        "your enquiry",
        "You asked",
        "Your question",
        "the plan was",
        "last spoke",
        "We talked",
        "We spoke",
        "voicemail",
        "Following my",
        "since then",
        "your team",
        "the next step we talked about",
        // A marker would mean a sentence without a version for the missing fact.
        "[no ",
    ];
    for step in STEPS {
        for via in VIAS {
            let mut prospect = reachable(bare(), via);
            prospect.contact.assistant_phone = Some("555-0148".into());
            let message = say(&prospect, step, facts(false, false));
            let text = everything(&message);
            for claim in claims {
                assert!(
                    !text.contains(claim),
                    "{step} by {via:?} says {claim:?}:\n{text}"
                );
            }
        }
    }
}

#[test]
fn every_shipped_message_reads_cleanly_whatever_the_file_holds() {
    for step in STEPS {
        for via in VIAS {
            for prospect in [bare(), detailed(bare())] {
                let mut prospect = reachable(prospect, via);
                prospect.contact.assistant_phone = Some("555-0148".into());
                for (reached, voicemail) in [(false, false), (true, false), (false, true)] {
                    let text = everything(&say(&prospect, step, facts(reached, voicemail)));
                    for slip in ["  ", " .", " ,", " :", "{", "}", "..", ",."] {
                        assert!(
                            !text.contains(slip),
                            "{step} by {via:?} has {slip:?}:\n{text}"
                        );
                    }
                    for line in text.lines() {
                        assert_eq!(line, line.trim_end(), "{step}: a trailing space");
                    }
                }
            }
        }
    }
}

#[test]
fn the_topic_is_named_only_when_on_file() {
    let call = reachable(bare(), Via::CallAndEmail);
    let first = say(&call, Step::First, facts(false, false));
    assert!(
        first
            .script
            .text
            .contains("I'm getting in touch to introduce myself")
    );
    assert_eq!(
        first.subject.unwrap().text,
        "Dana, a short introduction from Sam Carter"
    );
    let first = say(&detailed(call), Step::First, facts(false, false));
    assert!(
        first
            .script
            .text
            .contains("You asked us about standing desks, and I have a short answer and one idea for Lakeside Dental")
    );
    assert_eq!(
        first.subject.unwrap().text,
        "Dana, about your question on standing desks"
    );
}

#[test]
fn the_first_and_follow_up_subjects_open_with_the_first_name_and_their_request() {
    // (topic, next step, company) -> the follow-up's subject
    let cases = [
        (
            (true, true, true),
            "Dana, more on your question about standing desks: a trial of two desks",
        ),
        (
            (true, false, true),
            "Dana, more on your question about standing desks",
        ),
        (
            (false, true, true),
            "Dana, the next step: a trial of two desks",
        ),
        (
            (false, false, true),
            "Dana, something I prepared for Lakeside Dental",
        ),
        ((false, false, false), "Dana, something I prepared for you"),
    ];
    for ((topic, next_step, company), expected) in cases {
        let mut dana = detailed(reachable(bare(), Via::EmailOnly));
        let contact = &mut dana.contact;
        if !topic {
            contact.topic = None;
        }
        if !next_step {
            contact.next_step = None;
        }
        if !company {
            contact.company = None;
        }
        let message = say(&dana, Step::FollowUp, facts(false, false));
        assert_eq!(message.subject.unwrap().text, expected);
    }
    // The same subject goes beside a call.
    let dana = detailed(reachable(bare(), Via::CallAndEmail));
    let first = say(&dana, Step::First, facts(false, false));
    assert!(
        first
            .subject
            .unwrap()
            .text
            .starts_with("Dana, about your question on")
    );
}

#[test]
fn any_topic_reads_right_in_the_close_out() {
    let dana = detailed(reachable(bare(), Via::CallAndEmail));
    let fire = say(&dana, Step::Fire, facts(false, false));
    assert!(
        fire.script
            .text
            .contains("so I'll take it that now isn't the right time for standing desks,"),
        "{}",
        fire.script.text
    );
    assert!(!everything(&fire).contains("standing desks isn't"));
    assert!(!everything(&fire).contains("standing desks has"));
}

#[test]
fn when_we_last_spoke_only_if_they_were_ever_reached() {
    // An agreed next step on file may be recalled ("we agreed on"); a conversation only
    // when the history holds one.
    let dana = detailed(reachable(bare(), Via::CallAndEmail));
    let reached = say(&dana, Step::Rescue, facts(true, false));
    assert!(reached.script.text.contains(
        "When we last spoke, we agreed on a trial of two desks. I've tried you a few times since then, and"
    ));
    let never = say(&dana, Step::Rescue, facts(false, false));
    assert!(
        never.script.text.contains(
            "We agreed on a trial of two desks as the next step. I've tried you a few times now, and"
        ),
        "{}",
        never.script.text
    );
    assert!(never.email.unwrap().text.contains(
        "We agreed on a trial of two desks as the next step. I've tried you a few times now and"
    ));
    let follow_up = say(&dana, Step::FollowUp, facts(true, false));
    assert!(
        follow_up
            .email
            .unwrap()
            .text
            .contains("When we last spoke, the plan was a trial of two desks")
    );
    let follow_up = say(&dana, Step::FollowUp, facts(false, false));
    assert!(
        follow_up
            .email
            .unwrap()
            .text
            .contains("The next step we agreed on is a trial of two desks")
    );
}

#[test]
fn we_talked_only_if_they_were_ever_reached() {
    let dana = detailed(reachable(bare(), Via::CallAndEmail));
    let talked = say(&dana, Step::Recontact, facts(true, false));
    assert!(
        talked
            .script
            .text
            .contains("We talked a while ago about standing desks.")
    );
    let tried = say(&dana, Step::Recontact, facts(false, false));
    assert!(
        tried
            .script
            .text
            .contains("I tried to reach you a while ago about standing desks.")
    );
    let never_touched = say(&dana, Step::Recontact, MessageFacts::default());
    assert!(
        never_touched
            .script
            .text
            .contains("I'm getting in touch about standing desks.")
    );
}

#[test]
fn a_voicemail_is_mentioned_only_when_one_was_left() {
    let dana = reachable(bare(), Via::EmailOnly);
    let after_voicemail = say(&dana, Step::FollowUp, facts(false, true));
    assert!(
        after_voicemail.script.text.starts_with(
            "Hi Dana,\n\nA short follow-up to the voicemail I left you on Friday 27 November."
        ),
        "{}",
        after_voicemail.script.text
    );
    let after_no_answer = say(&dana, Step::FollowUp, facts(false, false));
    assert!(
        after_no_answer
            .script
            .text
            .starts_with("Hi Dana,\n\nA short follow-up from me.")
    );
}

#[test]
fn an_email_only_prospect_gets_the_email_itself_and_no_word_of_a_call() {
    let dana = detailed(reachable(bare(), Via::EmailOnly));
    for step in STEPS {
        if step == Step::Assistant {
            continue;
        }
        let message = say(&dana, step, facts(false, false));
        assert_eq!(message.channel(), Some(Channel::Email), "{step}");
        assert_eq!(message.reach.to(), Some("dana@example.com"));
        let email = message.email.as_ref().expect("an email");
        assert_eq!(message.script, *email, "{step}: the message is the email");
        for claim in ["voicemail", "by phone", "called", "call again"] {
            assert!(
                !email.text.contains(claim),
                "{step}: {claim}\n{}",
                email.text
            );
        }
    }
    let first = say(&dana, Step::First, facts(false, false));
    assert!(first.script.text.starts_with(
        "Hi Dana,\n\nThank you for asking us about standing desks. The short version"
    ));
}

#[test]
fn a_call_is_paired_with_an_email_only_when_an_address_is_on_file() {
    let mut dana = detailed(reachable(bare(), Via::CallAndEmail));
    let first = say(&dana, Step::First, facts(false, false));
    assert_eq!(first.channel(), Some(Channel::Call));
    assert!(
        first
            .email
            .unwrap()
            .text
            .contains("I tried you by phone a moment ago about standing desks.")
    );
    dana.contact.email = None;
    let first = say(&dana, Step::First, facts(false, false));
    assert_eq!(first.channel(), Some(Channel::Call));
    assert_eq!((first.subject, first.email), (None, None));
}

#[test]
fn a_text_is_one_short_message_of_one_or_two_sentences() {
    // The longest weekday and month, to be sure the text fits.
    let config = Config::built_in();
    for step in STEPS {
        if step == Step::Assistant {
            continue;
        }
        for prospect in [bare(), detailed(bare())] {
            let dana = reachable(prospect, Via::Text);
            let text = message(
                &dana,
                &action(step),
                Some(date("2027-09-29")),
                &facts(true, false),
                &config,
                Gaps::Marked,
            );
            assert_eq!(text.channel(), Some(Channel::Text));
            assert_eq!((&text.subject, &text.email), (&None, &None), "{step}");
            let words = &text.script.text;
            assert!(!words.contains('\n'), "{step}: {words}");
            assert!(
                words.chars().count() <= 160,
                "{step}: {} characters: {words}",
                words.chars().count()
            );
            let sentences = words
                .split_inclusive(['.', '?', '!'])
                .filter(|part| part.trim().len() > 1)
                .count();
            assert!(sentences <= 2, "{step}: {sentences} sentences: {words}");
        }
    }
}

#[test]
fn no_phone_and_no_email_is_no_channel_and_no_email() {
    let message = say(&detailed(bare()), Step::First, facts(false, false));
    assert_eq!(
        message.reach,
        Reach::Nowhere {
            needs: &["phone", "email"]
        }
    );
    assert_eq!((message.subject, message.email), (None, None));
}

#[test]
fn the_assistant_is_asked_about_the_topic_only_when_there_is_one() {
    let mut dana = reachable(bare(), Via::CallAndEmail);
    dana.contact.assistant_phone = Some("555-0148".into());
    let message = say(&dana, Step::Assistant, facts(false, false));
    assert_eq!(message.reach.to(), Some("555-0148"));
    assert!(message.script.text.starts_with(
        "Hello, this is Sam Carter from Harbor Office Supply. I've been trying to reach Dana Whitfield. Could you"
    ));
    assert_eq!((message.subject, message.email), (None, None));
}

/// The facts of a prospect who agreed the ground rules at a conversation.
fn agreed() -> MessageFacts {
    MessageFacts {
        ground_rules: true,
        ..facts(true, false)
    }
}

#[test]
fn ground_rules_on_file_are_recalled_in_the_follow_up_and_the_rescue() {
    let dana = detailed(reachable(bare(), Via::CallAndEmail));
    let follow_up = say(&dana, Step::FollowUp, agreed());
    assert!(
        follow_up.script.text.contains(
            "As we agreed at the start, if the answer has become a no, just tell me; that's welcome too."
        ),
        "{}",
        follow_up.script.text
    );
    assert!(
        follow_up
            .email
            .unwrap()
            .text
            .contains("As we agreed at the start, a plain no is as welcome as a yes")
    );
    let rescue = say(&dana, Step::Rescue, agreed());
    assert!(
        rescue
            .script
            .text
            .contains("We agreed at the start that a plain no is welcome, and it still is")
    );
    assert!(!rescue.script.text.contains("If the timing is wrong"));
    assert!(
        rescue
            .email
            .unwrap()
            .text
            .contains("We agreed at the start that a no would always be welcome")
    );
    let mut texting = dana.clone();
    texting.contact.prefers = Some(crate::domain::Preference::Text);
    assert!(
        say(&texting, Step::Rescue, agreed())
            .script
            .text
            .contains("As we agreed, a one-word reply")
    );
}

#[test]
fn without_ground_rules_no_message_mentions_an_agreement_about_a_no() {
    for step in STEPS {
        for via in VIAS {
            for prospect in [bare(), detailed(bare())] {
                let prospect = reachable(prospect, via);
                for (reached, voicemail) in [(false, false), (true, false), (false, true)] {
                    let text = everything(&say(&prospect, step, facts(reached, voicemail)));
                    assert!(
                        !text.contains("agreed at the start") && !text.contains("As we agreed,"),
                        "{step} by {via:?}:\n{text}"
                    );
                }
            }
        }
    }
}

#[test]
fn with_no_assistant_the_front_desk_is_asked_after_them_in_its_own_words() {
    let mut dana = detailed(reachable(bare(), Via::CallAndEmail));
    dana.contact.main_line = Some("555-0111".into());
    let front_desk = say(&dana, Step::Assistant, facts(false, false));
    assert_eq!(
        front_desk.reach,
        Reach::FrontDesk {
            to: "555-0111".into()
        }
    );
    let text = &front_desk.script.text;
    assert!(
        text.starts_with("Hello, this is Sam Carter from Harbor Office Supply. I hope you can help me: I've been trying to reach Dana Whitfield, about standing desks."),
        "{text}"
    );
    assert!(text.contains("Are they in this week, or away?"), "{text}");
    assert!(front_desk.subject.is_none() && front_desk.email.is_none());
    // An assistant known by name only: the front desk is asked to put you through.
    dana.contact.assistant = Some("Pat".into());
    let text = say(&dana, Step::Assistant, facts(false, false)).script.text;
    assert!(text.contains("Could you put me through to Pat"), "{text}");
}

#[test]
fn since_then_always_has_a_then_before_it() {
    // A reached prospect with no topic and no agreed step: the rescue once said "I've tried
    // you a few times since then" with nothing for "then" to point at.
    for step in STEPS {
        for via in VIAS {
            for prospect in [bare(), detailed(bare())] {
                let prospect = reachable(prospect, via);
                let text = everything(&say(&prospect, step, facts(true, false)));
                for (at, _) in text.match_indices("since then") {
                    let sentence_start = text[..at].rfind(['.', '\n']).unwrap_or(0);
                    let before = &text[..sentence_start];
                    let last = before.rfind(['.', '\n']).unwrap_or(0);
                    assert!(
                        before[last..].contains("When we last spoke"),
                        "{step} by {via:?}: \"since then\" without a then:\n{text}"
                    );
                }
            }
        }
    }
}

/// A value item of `kind` with a short text, as the tracker would find it.
fn item(kind: crate::domain::ValueKind, text: &str) -> crate::domain::ValueItem {
    crate::domain::ValueItem {
        id: 4,
        owner: crate::domain::ValueFor::Prospect(7),
        kind,
        text: text.into(),
        added_at: date("2026-11-23").and_time(NaiveTime::MIN),
        retired_at: None,
    }
}

#[test]
fn without_a_value_item_no_message_promises_one() {
    let claims = ["Here's", "emailing you", "emailed you", "yours to keep"];
    for prospect in [bare(), detailed(bare())] {
        for via in VIAS {
            for step in STEPS.into_iter().chain([Step::Drip]) {
                let said = everything(&say(
                    &reachable(prospect.clone(), via),
                    step,
                    facts(true, true),
                ));
                for claim in claims {
                    assert!(!said.contains(claim), "{step} {via:?}: {claim:?} in {said}");
                }
            }
        }
    }
}

#[test]
fn every_message_to_the_prospect_carries_the_item_in_full_somewhere() {
    use crate::domain::ValueKind;
    let short = "Ask for the free fitting";
    let long = "Which room in your practice do people avoid working in, and why? \
                Most teams name the same one, and it is rarely the one with the worst chairs.";
    for (kind, text) in [(ValueKind::Tip, short), (ValueKind::Question, long)] {
        let with_item = MessageFacts {
            value: Some(item(kind, text)),
            ..facts(true, false)
        };
        for via in VIAS {
            for step in STEPS.into_iter().chain([Step::Drip]) {
                let message = say(&detailed(reachable(bare(), via)), step, with_item.clone());
                let said = everything(&message);
                if !crate::value::carried_by(step) {
                    assert!(!said.contains(text), "{step} {via:?}: {said}");
                    continue;
                }
                assert!(said.contains(text), "{step} {via:?} {kind}: {said}");
                // A text holds it only within 160 characters, else the email holds it.
                if message.channel() == Some(Channel::Text) {
                    let sms = message.script.text.trim();
                    if sms.contains(text) {
                        assert!(sms.chars().count() <= TEXT_LIMIT, "{step}: {sms}");
                    } else {
                        assert!(sms.contains("I've emailed you"), "{step}: {sms}");
                        assert!(message.email.is_some(), "{step}: the email goes too");
                    }
                }
                // Beside an email, the voicemail announces it and leaves the words to the email.
                if message.channel() == Some(Channel::Call) && message.email.is_some() {
                    assert!(!message.script.text.contains(text), "{step}: {said}");
                    assert!(
                        message.script.text.contains("emailing you"),
                        "{step}: {said}"
                    );
                }
            }
        }
    }
}

/// The facts of a file that changed hands: every touch was another rep's.
fn handed_over(reached: bool, left_voicemail: bool) -> MessageFacts {
    MessageFacts {
        new_voice: true,
        handed_over: true,
        ..facts(reached, left_voicemail)
    }
}

#[test]
fn a_file_that_changed_hands_claims_no_earlier_touch_as_the_callers_own() {
    let claims = [
        "I've tried",
        "I've been trying",
        "I tried to reach",
        "I haven't been able",
        "I left you",
        "we last spoke",
        "We talked",
        "I can't catch",
        "I'm close to being",
        " again.",
    ];
    for step in STEPS {
        for via in VIAS {
            for prospect in [bare(), detailed(bare())] {
                let mut prospect = reachable(prospect, via);
                for front_desk in [false, true] {
                    if front_desk {
                        prospect.contact.main_line = Some("555-0111".into());
                    } else {
                        prospect.contact.assistant_phone = Some("555-0148".into());
                    }
                    for (reached, voicemail) in [(false, false), (true, false), (false, true)] {
                        let said = say(&prospect, step, handed_over(reached, voicemail));
                        let text = everything(&said);
                        for claim in claims {
                            assert!(
                                !text.contains(claim),
                                "{step} by {via:?} says {claim:?}:\n{text}"
                            );
                        }
                        for slip in ["  ", " .", " ,", "{", "}", "..", ",."] {
                            assert!(!text.contains(slip), "{step} has {slip:?}:\n{text}");
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn the_teams_past_is_said_in_the_first_person_plural() {
    let dana = detailed(reachable(bare(), Via::CallAndEmail));
    let rescue = say(&dana, Step::Rescue, handed_over(true, false));
    assert!(
        rescue.script.text.contains(
            "When you last spoke with us, we agreed on a trial of two desks. We've tried you a \
             few times since then, and we don't want to turn into the callers you avoid"
        ),
        "{}",
        rescue.script.text
    );
    let fire = say(&dana, Step::Fire, handed_over(true, false));
    assert!(
        fire.script
            .text
            .contains("We haven't been able to catch you since you last spoke with us, so"),
        "{}",
        fire.script.text
    );
    let by_email = reachable(bare(), Via::EmailOnly);
    let follow_up = say(&by_email, Step::FollowUp, handed_over(false, true));
    assert!(
        follow_up
            .script
            .text
            .contains("A short follow-up to our voicemail of Friday 27 November."),
        "{}",
        follow_up.script.text
    );
    let recontact = say(&dana, Step::Recontact, handed_over(true, false));
    assert!(
        recontact
            .script
            .text
            .contains("You spoke with us a while ago about standing desks."),
        "{}",
        recontact.script.text
    );
}
