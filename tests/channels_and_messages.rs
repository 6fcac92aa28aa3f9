//! Issue 10, sections 2 and 3, through the binary: the channel follows the prospect
//! (cadence.md, "Channels and missing details"), and no message states what the file does
//! not hold. Each test names the slip it guards against, as it was seen on the old code.

mod common;

use common::Followup;
use serde_json::{Value, json};

/// `today --json`, by prospect name.
fn today(f: &Followup) -> Vec<(String, Value)> {
    f.today_json()
        .into_iter()
        .map(|item| (item["name"].as_str().unwrap().to_string(), item))
        .collect()
}

fn find<'a>(items: &'a [(String, Value)], name: &str) -> &'a Value {
    &items
        .iter()
        .find(|(found, _)| found == name)
        .unwrap_or_else(|| panic!("{name} is not in {items:#?}"))
        .1
}

fn text<'a>(item: &'a Value, field: &str) -> &'a str {
    item[field].as_str().unwrap_or("")
}

#[test]
fn the_channel_is_the_preferred_one_when_its_detail_is_on_file_else_call_email_text() {
    let f = Followup::new();
    f.add("Eve Emailonly", &["--email", "eve@example.com"]);
    f.add(
        "Pat Prefersmail",
        &[
            "--phone",
            "555-0190",
            "--email",
            "pat@example.com",
            "--prefers",
            "email",
        ],
    );
    f.add(
        "Tess Texter",
        &[
            "--phone",
            "555-0193",
            "--email",
            "tess@example.com",
            "--prefers",
            "text",
        ],
    );
    f.add(
        "Tom Nophone",
        &["--email", "tom@example.com", "--prefers", "text"],
    );
    f.add("Cal Callonly", &["--phone", "555-0191"]);
    f.add("Nora Nothing", &[]);
    let items = today(&f);

    // Old code: `call` with no number.
    let eve = find(&items, "Eve Emailonly");
    assert_eq!(
        (&eve["channel"], &eve["to"]),
        (&json!("email"), &json!("eve@example.com"))
    );
    // Old code: `email 555-0190`.
    let pat = find(&items, "Pat Prefersmail");
    assert_eq!(
        (&pat["channel"], &pat["to"]),
        (&json!("email"), &json!("pat@example.com"))
    );
    // The message is the email itself: no voicemail is spoken of.
    assert_eq!(text(pat, "script"), text(pat, "email_body"));
    assert!(!text(pat, "script").contains("voicemail"), "{pat:#}");

    let tess = find(&items, "Tess Texter");
    assert_eq!(
        (&tess["channel"], &tess["to"]),
        (&json!("text"), &json!("555-0193"))
    );
    let sms = text(tess, "script");
    assert!(sms.chars().count() <= 160 && !sms.contains('\n'), "{sms}");
    assert_eq!(tess["email_subject"], Value::Null, "a text needs no email");

    // Prefers text, has no phone: the first of call, email, text on file.
    let tom = find(&items, "Tom Nophone");
    assert_eq!(tom["channel"], json!("email"));

    // A call without an address: no email beside it.
    let cal = find(&items, "Cal Callonly");
    assert_eq!(
        (&cal["channel"], &cal["to"]),
        (&json!("call"), &json!("555-0191"))
    );
    assert_eq!(
        (&cal["email_subject"], &cal["email_body"]),
        (&Value::Null, &Value::Null)
    );

    // Nothing on file: no channel, and the command that adds one.
    let nora = find(&items, "Nora Nothing");
    assert_eq!(
        (&nora["channel"], &nora["to"]),
        (&Value::Null, &Value::Null)
    );
    let id = nora["id"].as_i64().unwrap();
    assert!(
        text(nora, "no_channel").contains(&format!("followup edit {id} --phone ...")),
        "{nora:#}"
    );

    // The morning list says the same in words.
    let list = f.ok(&["today"]).stdout.clone();
    assert!(list.contains("(first): email eve@example.com\n"), "{list}");
    assert!(list.contains("(first): email pat@example.com\n"), "{list}");
    assert!(list.contains("(first): text 555-0193\n"), "{list}");
    // A heading too long for the line puts how to reach them on a line of its own.
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        words(&list).contains(&format!(
            "(first): no phone or email on file: add one with `followup edit {id} --phone ...`"
        )),
        "{list}"
    );
    // Old code: `Email: "..."` under prospects with no address.
    assert!(!list.contains("   Email: "), "{list}");
}

#[test]
fn show_and_script_use_the_same_channel_and_its_detail() {
    let f = Followup::new();
    let id = f.add(
        "Pat Prefersmail",
        &[
            "--phone",
            "555-0190",
            "--email",
            "pat@example.com",
            "--prefers",
            "email",
            "--topic",
            "standing desks",
        ],
    );
    let shown = f.show(id);
    assert_eq!(shown["next"]["channel"], json!("email"));
    let show = f.ok(&["show", &id.to_string()]).stdout.clone();
    assert!(
        show.contains("touch 1/4; email pat@example.com.\n"),
        "{show}"
    );
    assert!(
        show.contains("  Subject: Pat, about your question on standing desks\n"),
        "{show}"
    );
    let script = f.ok(&["script", &id.to_string()]).stdout.clone();
    assert!(
        script.starts_with(
            "Pat Prefersmail: first, touch 1 of 4, Mon 2026-11-23; email pat@example.com\n\n\
             Subject: Pat, about your question on standing desks\n\nHi Pat,\n\nThank you for asking us"
        ),
        "{script}"
    );
    let export = f.ok(&["export"]).stdout.clone();
    assert!(
        export
            .lines()
            .next()
            .unwrap()
            .ends_with(",next_channel,drip"),
        "{export}"
    );
    assert!(
        export.lines().nth(1).unwrap().ends_with(",email,"),
        "{export}"
    );
}

#[test]
fn add_edit_and_import_warn_when_the_preferred_channel_has_no_detail() {
    let f = Followup::new();
    let added = f.ok(&[
        "add",
        "Tom Nophone",
        "--email",
        "tom@example.com",
        "--prefers",
        "text",
    ]);
    assert_eq!(
        added.stderr,
        "warning: Tom Nophone prefers text but has no phone number on file; followup will \
         suggest an email until you add one with `followup edit 1 --phone ...`\n"
    );
    let fine = f.ok(&["add", "Ann", "--phone", "555-0190", "--prefers", "text"]);
    assert_eq!(fine.stderr, "");
    f.ok(&["edit", "ann", "--prefers", "email"])
        .stderr_contains("warning: Ann prefers email but has no email address on file; followup will suggest a call");

    let file = f.write(
        "crm.csv",
        "Name,Email,Phone,Preferred channel\nBo,bo@example.com,,text\nCy,,555-0199,call\n",
    );
    let imported = f.ok(&["import", file.to_str().unwrap()]);
    assert_eq!(
        imported.stderr,
        "warning: 1 imported prospect prefers a channel with no detail on file: Bo (text, no \
         phone); followup suggests another channel until you add one with `followup edit ID \
         --phone ...` or `--email ...`\n"
    );
}

/// The phrases a prospect who was imported without a topic, and never reached, must not hear.
const CLAIMS: [&str; 9] = [
    "your enquiry",
    "You asked",
    "Your question",
    "When we last spoke",
    "we agreed",
    "Following my voicemail",
    "We talked",
    "voicemail",
    "the next step we talked about",
];

fn assert_claims_nothing(item: &Value) {
    for field in ["script", "email_subject", "email_body"] {
        for claim in CLAIMS {
            assert!(
                !text(item, field).contains(claim),
                "{field} of {} says {claim:?}: {item:#}",
                item["step"]
            );
        }
    }
}

#[test]
fn an_imported_prospect_never_reached_is_told_nothing_the_file_does_not_hold() {
    let mut f = Followup::new();
    let file = f.write(
        "crm.csv",
        "Name,Company,Phone,Email\nDana Whitfield,Lakeside Dental,555-0147,dana@example.com\n",
    );
    f.ok(&["import", file.to_str().unwrap()]);
    // Old code: "You asked us about your enquiry", "Your question about your enquiry".
    let first = &f.today_json()[0];
    assert_eq!(first["step"], json!("first"));
    assert_claims_nothing(first);
    assert!(
        text(first, "email_body").contains("I tried you by phone a moment ago."),
        "{first:#}"
    );
    f.log(1, &["--outcome", "no-answer"]);
    // Old code: "Following my voicemail" after a no-answer.
    f.at("2026-11-27");
    let follow_up = &f.today_json()[0];
    assert_eq!(follow_up["step"], json!("follow-up"));
    assert_claims_nothing(follow_up);
    f.log(1, &["--outcome", "no-answer"]);
    // Old code: "When we last spoke, we agreed on the next step we talked about".
    f.at("2026-12-03");
    let rescue = &f.today_json()[0];
    assert_eq!(rescue["step"], json!("rescue"));
    assert_claims_nothing(rescue);
    assert_eq!(rescue["email_subject"], json!("Should I close your file?"));
    f.log(1, &["--outcome", "no-answer"]);
    f.at("2026-12-09");
    let fire = &f.today_json()[0];
    assert_eq!(fire["step"], json!("fire"));
    assert_claims_nothing(fire);
    f.log(1, &["--outcome", "no-answer"]);
    f.at("2026-12-15");
    f.ok(&[
        "close",
        "1",
        "--reason",
        "no-response",
        "--recontact",
        "2027-03-15",
    ]);
    // Old code: "We talked a while ago".
    f.at("2027-03-15");
    let recontact = &f.today_json()[0];
    assert_eq!(recontact["step"], json!("recontact"));
    assert_claims_nothing(recontact);
    assert!(
        text(recontact, "script").contains("I tried to reach you a while ago."),
        "{recontact:#}"
    );
}

#[test]
fn after_a_connected_call_the_messages_recall_the_conversation_and_the_next_step() {
    let mut f = Followup::new();
    let id = f.add(
        "Ben Carter",
        &[
            "--company",
            "Acme",
            "--phone",
            "555-0192",
            "--email",
            "ben@example.com",
            "--topic",
            "standing desks",
            "--next-step",
            "a trial of two desks",
        ],
    );
    f.log(id, &["--outcome", "connected"]);
    f.at("2026-11-27");
    f.log(id, &[]);
    f.at("2026-12-03");
    f.log(id, &[]);
    f.at("2026-12-09");
    let rescue = &f.today_json()[0];
    assert_eq!(rescue["step"], json!("rescue"));
    assert!(
        text(rescue, "script").contains(
            "When we last spoke, we agreed on a trial of two desks. I've tried you a few times since then"
        ),
        "{rescue:#}"
    );
    assert_eq!(
        rescue["email_subject"],
        json!("Should I close the file on standing desks?")
    );
    // Old code: "standing desks isn't a priority".
    let fire = f.ok(&["script", "ben", "--step", "fire"]).stdout.clone();
    assert!(
        fire.contains("now isn't the right time for standing desks,"),
        "{fire}"
    );
}

#[test]
fn after_reopen_the_message_announces_the_following_touch_not_the_same_day() {
    let mut f = Followup::new();
    let id = f.add("Dana Whitfield", &["--phone", "555-0147"]);
    f.log(id, &[]);
    f.at("2026-12-14T10:00");
    f.ok(&["close", "dana", "--reason", "no-response"]);
    f.at("2026-12-15T10:00");
    f.ok(&["reopen", "dana"]);
    f.at("2026-12-15T10:05");
    let due = &f.today_json()[0];
    assert_eq!(
        (&due["step"], &due["due"]),
        (&json!("follow-up"), &json!("2026-12-15"))
    );
    let script = text(due, "script");
    // Old code: "I'll try you on Tuesday 15 December".
    assert!(!script.contains("Tuesday 15 December"), "{script}");
    assert!(
        script.contains("I'll try you on Monday 21 December."),
        "{script}"
    );
}

#[test]
fn lateness_reads_in_business_days_and_a_daily_gap_in_the_singular() {
    let mut f = Followup::new();
    f.add("Dana Whitfield", &["--phone", "555-0147"]);
    f.at("2026-11-26");
    // Old code: "3 days late".
    f.ok(&["today"]).stdout_contains("3 business days late");
    // Old code: "a touch every 1 business days".
    let check = f.ok(&["cadence", "check"]).stdout.clone();
    assert!(
        check.contains("cadence as-promised: a touch every business day,"),
        "{check}"
    );
    assert!(!check.contains("every 1 business days"), "{check}");
}

/// Old code: `log` with no `--channel` recorded a voicemail for a prospect the list told you to
/// email, and every later message then spoke of "the voicemail I left you".
#[test]
fn log_without_a_channel_records_the_channel_the_list_suggested() {
    let f = Followup::new();
    f.add("Eve Emailonly", &["--email", "eve@example.com"]);
    f.add("Tess Texter", &["--phone", "555-0193", "--prefers", "text"]);
    f.add("Cal Caller", &["--phone", "555-0191"]);
    for who in ["eve", "tess", "cal"] {
        f.ok(&["log", who]);
    }
    let logged = |who: &str| {
        let shown = f.json(&["show", who, "--json"]);
        let attempt = &shown["attempts"][0];
        (attempt["channel"].clone(), attempt["outcome"].clone())
    };
    assert_eq!(logged("eve"), (json!("email"), json!("sent")));
    assert_eq!(logged("tess"), (json!("text"), json!("sent")));
    assert_eq!(logged("cal"), (json!("call"), json!("voicemail")));
    // A voicemail for someone the list says to email is refused, naming the assumption.
    f.run(&["log", "eve", "--outcome", "voicemail"])
        .fails(2)
        .stderr_contains("assumed from their next action");
}

/// Old code: a call logged to someone with no phone on file, or an email to someone with no
/// address, was taken silently, and the list went on unable to suggest that channel.
#[test]
fn log_on_a_channel_whose_detail_is_missing_says_how_to_add_it() {
    let f = Followup::new();
    let ken = f.add("Ken Osei", &["--phone", "555-0166"]);
    let logged = f.run(&["log", "ken", "--channel", "email"]);
    logged.success();
    assert_eq!(
        logged.stderr.trim(),
        format!(
            "warning: Ken Osei has no email address on file, so the list cannot suggest an \
             email; add it with `followup edit {ken} --email ...`"
        )
    );
    // With the detail on file there is nothing to say.
    let called = f.run(&["log", "ken"]);
    called.success();
    assert_eq!(called.stderr, "");
}
