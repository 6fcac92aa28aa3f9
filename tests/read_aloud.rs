//! Issue 14 polish: every shipped message read aloud as the prospect would hear it. A value
//! item that is a full sentence is led in with a full stop, never a colon before a capital;
//! a drip whose item is a question asks that one question, not two; an email to a prospect
//! with no phone on file asks for a reply, never for a call. Each check sweeps every shipped
//! step, with and without an item, with and without a phone.

mod common;

use common::Followup;

const STEPS: &[&str] = &[
    "first",
    "follow-up",
    "rescue",
    "fire",
    "next-step",
    "recontact",
];
const INTROS: &[&str] = &[
    "Here's a tip",
    "Here's a figure worth knowing",
    "Here's what one of our customers told us",
    "Here's a question for you",
];
const TIP: &str = "A desk at elbow height cuts shoulder strain";
const QUESTION: &str = "Which room do your people avoid working in, and why?";

/// Omar: an email address, no phone, prefers email, topic "standing desks".
fn omar(f: &Followup) -> i64 {
    f.add(
        "Omar Haddad",
        &[
            "--company",
            "Haddad Logistics",
            "--email",
            "omar@haddad.example",
            "--prefers",
            "email",
            "--topic",
            "standing desks",
        ],
    )
}

/// Every message of every shipped step for `who`: the script and the email.
fn every_message(f: &Followup, who: &str) -> Vec<String> {
    let mut all = Vec::new();
    for step in STEPS {
        all.push(f.ok(&["script", who, "--step", step]).stdout.clone());
        all.push(
            f.ok(&["script", who, "--step", step, "--email"])
                .stdout
                .clone(),
        );
    }
    all
}

/// No lead-in is followed by a colon and a capital: "Here's a tip: A desk...".
fn assert_no_capital_after_a_lead_in(message: &str) {
    for intro in INTROS {
        for (at, _) in message.match_indices(&format!("{intro}: ")) {
            let next = message[at + intro.len() + 2..].chars().next();
            assert!(
                !next.is_some_and(char::is_uppercase),
                "a capital after {intro:?}:\n{message}"
            );
        }
    }
}

#[test]
fn an_item_that_is_a_sentence_is_led_in_with_a_full_stop_in_every_message() {
    let f = Followup::new();
    omar(&f);
    f.ok(&["value", "add", "omar", TIP, "--kind", "tip"]);
    for message in every_message(&f, "omar") {
        assert_no_capital_after_a_lead_in(&message);
    }
    let email = f.ok(&["script", "omar", "--step", "follow-up", "--email"]);
    email.stdout_contains(&format!("Here's a tip. {TIP}."));
}

#[test]
fn an_item_that_is_a_fragment_keeps_its_colon() {
    let f = Followup::new();
    omar(&f);
    f.ok(&[
        "value",
        "add",
        "omar",
        "two desks per team, not one",
        "--kind",
        "tip",
    ]);
    f.ok(&["script", "omar", "--step", "follow-up", "--email"])
        .stdout_contains("Here's a tip: two desks per team, not one.");
}

#[test]
fn an_email_to_a_prospect_without_a_phone_never_asks_for_a_call() {
    let mut f = Followup::new();
    omar(&f);
    // Without an item, then with one: the closing sentence is the same either way.
    for with_item in [false, true] {
        if with_item {
            f.ok(&["value", "add", "omar", TIP, "--kind", "tip"]);
        }
        for message in every_message(&f, "omar") {
            assert!(!message.contains("short call"), "{message}");
        }
        f.ok(&["script", "omar", "--step", "follow-up", "--email"])
            .stdout_contains("A one-line reply is all it takes");
    }
    // With a phone on file the same email offers the call.
    f.ok(&["edit", "omar", "--phone", "555-0160"]);
    f.at("2026-11-23T10:00");
    f.ok(&["script", "omar", "--step", "follow-up", "--email"])
        .stdout_contains("short call");
}

#[test]
fn a_drip_with_a_question_item_asks_one_question() {
    let mut f = Followup::new();
    let omar = omar(&f);
    f.ok(&["value", "add", "omar", QUESTION, "--kind", "question"]);
    f.at("2026-11-24T16:00");
    f.ok(&["close", "omar", "--reason", "lost"]);
    f.at("2027-03-01");
    assert_eq!(f.show(omar)["next"]["step"], "drip");
    let email = f.ok(&["script", "omar", "--email"]).stdout.clone();
    assert!(email.contains(QUESTION), "{email}");
    assert!(!email.contains("One question"), "two questions: {email}");
    assert_eq!(email.matches('?').count(), 1, "the item's alone: {email}");
    assert_no_capital_after_a_lead_in(&email);

    // On the phone (a number, no address), the voicemail asks it too, and only it.
    f.ok(&["edit", "omar", "--phone", "555-0160", "--email", ""]);
    let call = f.ok(&["script", "omar"]).stdout.clone();
    assert!(call.contains(QUESTION), "{call}");
    assert!(!call.contains("One question"), "two questions: {call}");
    assert!(!call.contains("emailing"), "{call}");
}

#[test]
fn a_drip_without_a_question_item_asks_its_own_question_once() {
    let mut f = Followup::new();
    let omar = omar(&f);
    f.at("2026-11-24T16:00");
    f.ok(&["close", "omar", "--reason", "lost"]);
    f.at("2027-03-01");
    assert_eq!(f.show(omar)["next"]["step"], "drip");
    let email = f.ok(&["script", "omar", "--email"]).stdout.clone();
    assert!(
        email.contains("One question, whenever it suits you"),
        "{email}"
    );
    f.ok(&["value", "add", "omar", TIP, "--kind", "tip"]);
    let email = f.ok(&["script", "omar", "--email"]).stdout.clone();
    assert!(email.contains(&format!("Here's a tip. {TIP}.")), "{email}");
    assert_no_capital_after_a_lead_in(&email);
}

#[test]
fn a_promised_call_with_an_email_says_once_that_it_called() {
    let mut f = Followup::new();
    let mut details = common::DANA.to_vec();
    details.extend(["--email", "dana@lakeside.example"]);
    let dana = f.add("Dana Whitfield", &details);
    f.log(dana, &["--promise", "tomorrow 08:15"]);
    f.at("2026-11-24T08:15");
    let email = f.ok(&["script", "dana", "--email"]).stdout.clone();
    assert!(
        email.contains("I called you just now, as I said I would."),
        "{email}"
    );
    assert_eq!(email.matches("just now").count(), 1, "{email}");
}

#[test]
fn a_question_is_never_called_something_to_keep() {
    let f = Followup::new();
    let mut details = common::DANA.to_vec();
    details.extend(["--email", "dana@lakeside.example"]);
    f.add("Dana Whitfield", &details);
    f.ok(&["value", "add", "dana", QUESTION, "--kind", "question"]);
    let call = f.ok(&["script", "dana", "--step", "fire"]).stdout.clone();
    assert!(call.contains("I'm emailing you a question."), "{call}");
    let email = f
        .ok(&["script", "dana", "--step", "fire", "--email"])
        .stdout
        .clone();
    assert!(!email.contains("yours to keep"), "{email}");
}

#[test]
fn a_rescue_with_a_question_item_asks_it_in_place_of_the_update() {
    let f = Followup::new();
    let mut details = common::DANA.to_vec();
    details.extend(["--email", "dana@lakeside.example"]);
    f.add("Dana Whitfield", &details);
    f.ok(&["value", "add", "dana", QUESTION, "--kind", "question"]);
    // The rescue's own question stays; the item takes the place of the one-line update, so
    // it is asked once, and not announced as something more on top.
    let email = f
        .ok(&["script", "dana", "--step", "rescue", "--email"])
        .stdout
        .clone();
    assert!(email.contains("is this still on your list?"), "{email}");
    assert!(
        email.contains(&format!(
            "one answer would help me plan the next step around you. {QUESTION}"
        )),
        "{email}"
    );
    assert!(!email.contains("Here's a question"), "{email}");
    assert!(!email.contains("one line on where things stand"), "{email}");
    // The subject's, the plain question's and the item's.
    assert_eq!(email.matches('?').count(), 3, "{email}");
    // The voicemail beside it points at the email instead of reading the question out.
    let call = f.ok(&["script", "dana", "--step", "rescue"]).stdout.clone();
    assert!(
        call.contains("I'm emailing you one question that would help me plan."),
        "{call}"
    );
    assert!(!call.contains(QUESTION), "{call}");
    // With no address, the voicemail asks it.
    f.ok(&["edit", "dana", "--email", ""]);
    let call = f.ok(&["script", "dana", "--step", "rescue"]).stdout.clone();
    assert!(
        call.contains(&format!(
            "If it's still on, one answer would help me plan. {QUESTION}"
        )),
        "{call}"
    );
}

#[test]
fn a_text_says_an_item_written_in_lower_case_as_a_sentence() {
    let f = Followup::new();
    f.add(
        "Lena Park",
        &[
            "--phone",
            "555-0199",
            "--prefers",
            "text",
            "--topic",
            "desks",
        ],
    );
    f.ok(&["value", "add", "lena", "ask for a fitting", "--kind", "tip"]);
    let text = f
        .ok(&["script", "lena", "--step", "follow-up"])
        .stdout
        .clone();
    assert!(text.contains(" Ask for a fitting."), "{text}");
    assert!(!text.contains(" ask for a fitting"), "{text}");
}
