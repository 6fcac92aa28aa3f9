//! The drip after a lost deal (issue 14, point 6), through the binary: `close --reason lost`
//! puts the file on the drip, a value touch every `drip_every_business_days` (60 in the
//! shipped cadence.toml), an email when an address is on file; a reply reopens the file;
//! `--no-drip` opts out; a not-interested file never drips.
//!
//! The dates are those of the example in docs/messages.md: lost on Tue 2026-12-15, with the
//! holidays of the shipped cadence.toml, the first drip touch is due Thu 2027-03-11, and one
//! logged that day sets the next for Thu 2027-06-03.

mod common;

use common::{DANA, Followup};
use serde_json::Value;

const CLOSED_ON: &str = "2026-12-15T16:00";
const FIRST_DRIP: &str = "2027-03-11";
const SECOND_DRIP: &str = "2027-06-03";

/// Dana, with an email address, worked from Mon 2026-11-23 and lost on Tue 2026-12-15.
fn lost_dana(flags: &[&str]) -> (Followup, i64) {
    let mut f = Followup::new();
    let mut details = DANA.to_vec();
    details.extend(["--email", "dana@lakeside.example"]);
    let dana = f.add("Dana Whitfield", &details);
    f.log(dana, &[]);
    f.at(CLOSED_ON);
    let mut close = vec!["close", "dana", "--reason", "lost"];
    close.extend_from_slice(flags);
    f.ok(&close);
    (f, dana)
}

/// The element of `today --json` for prospect `id`, if it is due.
fn due_today(f: &Followup, id: i64) -> Option<Value> {
    f.today_json()
        .into_iter()
        .find(|item| item["id"].as_i64() == Some(id))
}

#[test]
fn a_lost_deal_goes_on_the_drip_and_is_due_sixty_business_days_later() {
    let mut f = Followup::new();
    let mut details = DANA.to_vec();
    details.extend(["--email", "dana@lakeside.example"]);
    let dana = f.add("Dana Whitfield", &details);
    f.log(dana, &[]);
    f.at(CLOSED_ON);
    f.ok(&["close", "dana", "--reason", "lost"]).stdout_says(
        "It goes on the drip: a value touch every 60 business days, the first on Thu 2027-03-11",
    );

    let shown = f.show(dana);
    assert_eq!(shown["status"], "closed");
    assert_eq!(shown["drip"], true);
    assert_eq!(shown["next_drip"], FIRST_DRIP);
    assert_eq!(shown["next"]["step"], "drip");
    assert_eq!(shown["next"]["touch"], Value::Null);

    f.at("2027-03-10");
    assert!(due_today(&f, dana).is_none(), "not due a day early");
    f.at(FIRST_DRIP);
    let due = due_today(&f, dana).expect("the drip touch is due");
    assert_eq!(due["step"], "drip");
    assert_eq!(due["due"], FIRST_DRIP);
    assert_eq!(due["overdue_business_days"], 0);
    assert_eq!(due["channel"], "email", "a drip touch is an email first");
    f.ok(&["show", "dana"])
        .stdout_says("on the drip, next touch Thu 2027-03-11");
}

#[test]
fn the_drip_message_never_pretends_the_deal_is_alive_or_says_what_the_file_does_not_hold() {
    let (mut f, dana) = lost_dana(&[]);
    f.at(FIRST_DRIP);
    let due = due_today(&f, dana).expect("the drip touch is due");
    let subject = due["email_subject"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let body = due["email_body"].as_str().unwrap_or_default().to_string();
    let script = due["script"].as_str().expect("a script").to_string();
    assert!(subject.starts_with("Dana,"), "{subject}");
    for text in [&subject, &body, &script] {
        for claim in [
            "as we agreed",
            "as promised",
            "following my voicemail",
            "when we last spoke",
            "next step",
            "a quote for 12 chairs",
        ] {
            assert!(!text.contains(claim), "{claim:?} in {text}");
        }
    }
    assert!(body.contains("No pressure"), "{body}");
    assert!(body.contains("ergonomic chairs"), "{body}");

    // Without a topic or a company, the sentences that need them say nothing of them.
    let mut g = Followup::new();
    let bare = g.add("Lee Bare", &["--phone", "555-0110"]);
    g.log(bare, &[]);
    g.at(CLOSED_ON);
    g.ok(&["close", "lee", "--reason", "lost"]);
    g.at(FIRST_DRIP);
    let due = due_today(&g, bare).expect("the drip touch is due");
    assert_eq!(due["channel"], "call", "no address: the call it is");
    let script = due["script"].as_str().expect("a script");
    assert!(script.contains("on your side"), "{script}");
    assert!(!script.contains("your enquiry"), "{script}");
    g.ok(&["script", "lee"]).stdout_contains("seconds");
}

#[test]
fn no_drip_closes_a_lost_deal_with_nothing_planned() {
    let (f, dana) = lost_dana(&["--no-drip"]);
    let shown = f.show(dana);
    assert_eq!(shown["drip"], false);
    assert_eq!(shown["next_drip"], Value::Null);
    assert_eq!(shown["next"], Value::Null);
    f.ok(&["list", "--drip"])
        .stdout_contains("Nobody is on the drip");
    assert_eq!(f.json(&["list", "--drip", "--json"]), serde_json::json!([]));
}

#[test]
fn a_not_interested_file_never_drips_and_drip_for_it_is_refused() {
    let mut f = Followup::new();
    let dana = f.add("Dana Whitfield", &DANA);
    f.at(CLOSED_ON);
    let before = f.snapshot();
    f.run(&["close", "dana", "--reason", "not-interested", "--drip"])
        .fails(2)
        .stderr_contains("not-interested")
        .stderr_contains("said no");
    assert_eq!(f.snapshot(), before, "a refused close changes nothing");

    f.ok(&["close", "dana", "--reason", "not-interested"]);
    let shown = f.show(dana);
    assert_eq!(shown["drip"], false);
    assert_eq!(shown["next"], Value::Null);
    f.run(&["edit", "dana", "--drip", "yes"])
        .fails(2)
        .stderr_contains("said no");
}

#[test]
fn a_no_on_a_drip_touch_ends_the_drip() {
    let (mut f, dana) = lost_dana(&[]);
    f.at(FIRST_DRIP);
    f.log(dana, &["--outcome", "declined"]);
    let shown = f.show(dana);
    assert_eq!(shown["close_reason"], "not-interested");
    assert_eq!(shown["drip"], false);
    assert_eq!(shown["next"], Value::Null);
}

#[test]
fn drip_goes_with_lost_only_and_not_with_a_recontact_date() {
    let f = Followup::new();
    f.add("Dana Whitfield", &DANA);
    f.run(&["close", "dana", "--reason", "won", "--drip"])
        .fails(2)
        .stderr_contains("lost deals");
    f.run(&[
        "close",
        "dana",
        "--reason",
        "lost",
        "--drip",
        "--recontact",
        "2027-01-11",
    ])
    .fails(2)
    .stderr_contains("--recontact");
    f.run(&["close", "dana", "--reason", "lost", "--drip", "--no-drip"])
        .fails(2);
    // A re-contact date given for a lost deal is one try on that day instead of the drip.
    f.ok(&[
        "close",
        "dana",
        "--reason",
        "lost",
        "--recontact",
        "2027-01-11",
    ]);
    let shown = f.show(1);
    assert_eq!(shown["drip"], false);
    assert_eq!(shown["next"]["step"], "recontact");
}

#[test]
fn logging_a_drip_touch_sets_the_next_one_and_an_early_one_is_refused() {
    let (mut f, dana) = lost_dana(&[]);
    f.at("2027-03-10");
    f.run(&["log", "dana"])
        .fails(2)
        .stderr_contains("drip touch is due on 2027-03-11");

    f.at("2027-03-11T10:00");
    let logged = f.json(&["log", "dana", "--json"]);
    assert_eq!(logged["attempt"]["step"], "drip", "{logged}");
    assert_eq!(logged["attempt"]["channel"], "email", "{logged}");
    let shown = f.show(dana);
    assert_eq!(shown["status"], "closed");
    assert_eq!(shown["next_drip"], SECOND_DRIP);
    assert_eq!(shown["next"]["step"], "drip");
    f.at("2027-03-12");
    assert!(due_today(&f, dana).is_none());
}

#[test]
fn a_reply_to_a_drip_touch_reopens_the_file_into_a_new_run() {
    let (mut f, dana) = lost_dana(&[]);
    f.at("2027-03-11T10:00");
    f.log(dana, &[]);
    // Three weeks later they write back: not a drip touch that is due, but an answer to one.
    f.at("2027-04-02T11:00");
    f.log(dana, &["--channel", "email", "--outcome", "replied"])
        .stdout_contains("active again");
    let shown = f.show(dana);
    assert_eq!(shown["status"], "active");
    assert_eq!(shown["drip"], false);
    assert_eq!(shown["next_drip"], Value::Null);
    assert_eq!(shown["next"]["step"], "follow-up");
    assert_eq!(shown["next"]["due"], "2027-04-08");
    assert_eq!(shown["next"]["touch"], 1);
    // A connected call on the due day reopens it as well.
    let (mut g, dana) = lost_dana(&[]);
    g.at("2027-03-11T10:00");
    g.log(dana, &["--channel", "call", "--outcome", "connected"]);
    assert_eq!(g.show(dana)["status"], "active");
}

#[test]
fn list_drip_shows_who_is_on_it_with_the_next_touch() {
    let mut f = Followup::new();
    let dana = f.add("Dana Whitfield", &DANA);
    let ola = f.add("Ola Nordmann", &["--phone", "555-0191"]);
    f.add("Kim Park", &["--phone", "555-0192"]);
    f.at(CLOSED_ON);
    f.ok(&["close", "dana", "--reason", "lost"]);
    f.ok(&["close", "ola", "--reason", "lost", "--no-drip"]);
    let listed = f.json(&["list", "--drip", "--json"]);
    let listed = listed.as_array().expect("an array");
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert_eq!(listed[0]["id"], dana);
    assert_eq!(listed[0]["drip"], true);
    assert_eq!(listed[0]["next_drip"], FIRST_DRIP);
    assert_eq!(listed[0]["next"]["step"], "drip");
    f.ok(&["list", "--drip"])
        .stdout_contains("Dana Whitfield")
        .stdout_contains("Thu 2027-03-11");
    let all = f.json(&["list", "--status", "all", "--json"]);
    let ola_row = all
        .as_array()
        .unwrap()
        .iter()
        .find(|row| row["id"] == ola)
        .expect("Ola is listed");
    assert_eq!(ola_row["drip"], false);
    f.run(&["list", "--drip", "--status", "active"]).fails(2);
}

#[test]
fn undo_of_a_drip_log_puts_the_date_back_and_undo_of_a_reply_closes_the_file_again() {
    let (mut f, dana) = lost_dana(&[]);
    f.at("2027-03-11T10:00");
    f.log(dana, &[]);
    f.ok(&["undo", "--yes"]);
    let shown = f.show(dana);
    assert_eq!(shown["attempts"].as_array().unwrap().len(), 1);
    assert_eq!(shown["next_drip"], FIRST_DRIP);

    f.log(dana, &[]);
    f.at("2027-04-02T11:00");
    f.log(dana, &["--channel", "email", "--outcome", "replied"]);
    assert_eq!(f.show(dana)["status"], "active");
    f.ok(&["undo", "--yes"]);
    let shown = f.show(dana);
    assert_eq!(shown["status"], "closed");
    assert_eq!(shown["close_reason"], "lost");
    assert_eq!(shown["drip"], true);
    assert_eq!(shown["next_drip"], SECOND_DRIP);
}

#[test]
fn reopen_ends_the_drip_and_edit_puts_a_lost_deal_on_it_or_takes_it_off() {
    let (mut f, dana) = lost_dana(&[]);
    f.ok(&["edit", "dana", "--drip", "no"]);
    assert_eq!(f.show(dana)["drip"], false);
    assert_eq!(f.show(dana)["next"], Value::Null);
    f.ok(&["edit", "dana", "--drip", "yes"]);
    assert_eq!(f.show(dana)["next_drip"], FIRST_DRIP);

    f.at("2027-01-05");
    f.ok(&["reopen", "dana"]);
    let shown = f.show(dana);
    assert_eq!(shown["status"], "active");
    assert_eq!(shown["drip"], false);
    f.run(&["edit", "dana", "--drip", "yes"])
        .fails(2)
        .stderr_contains("is active");
    f.at("2027-01-06");
    f.ok(&["close", "dana", "--reason", "not-a-fit"]);
    f.run(&["edit", "dana", "--drip", "yes"])
        .fails(2)
        .stderr_contains("--reason lost");
}

#[test]
fn a_cadence_without_a_drip_closes_a_lost_deal_without_one() {
    let mut f = Followup::new();
    f.write(
        "cadence.toml",
        "[cadence.standard]\ndrip_every_business_days = 0\n",
    );
    let cadence = f.dir().join("cadence.toml");
    let cadence = cadence.to_str().unwrap();
    let dana = f.add("Dana Whitfield", &DANA);
    f.at(CLOSED_ON);
    f.ok(&["--cadence", cadence, "close", "dana", "--reason", "lost"])
        .stdout_contains("No re-contact is planned");
    assert_eq!(f.show(dana)["drip"], false);
    f.run(&["--cadence", cadence, "edit", "dana", "--drip", "yes"])
        .fails(2)
        .stderr_contains("drip_every_business_days = 0");
    // Another rate: the drip follows it.
    f.write(
        "weekly.toml",
        "[cadence.standard]\ndrip_every_business_days = 5\n",
    );
    let weekly = f.dir().join("weekly.toml");
    f.ok(&[
        "--cadence",
        weekly.to_str().unwrap(),
        "edit",
        "dana",
        "--drip",
        "yes",
    ]);
    let shown = f.json(&[
        "--cadence",
        weekly.to_str().unwrap(),
        "show",
        "dana",
        "--json",
    ]);
    assert_eq!(shown["next_drip"], "2026-12-22");
    f.run(&["--cadence", cadence, "cadence", "check"]).success();
}

#[test]
fn a_database_of_the_fifth_schema_closes_a_lost_deal_onto_the_drip() {
    // Opens a SQLite fixture: SQLite only.
    let mut f = Followup::sqlite();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v5.db");
    std::fs::copy(fixture, f.db()).expect("copying the fixture");
    // Dana of the fixture is active, with a voicemail and an email of Mon 2026-11-23.
    f.at(CLOSED_ON);
    let before = f.show(1);
    assert_eq!(before["name"], "Dana Whitfield");
    assert_eq!(before["drip"], false);
    // Kim said no in the fixture: closed, not on the drip.
    let kim = f.json(&["show", "kim", "--json"]);
    assert_eq!(kim["close_reason"], "not-interested");
    assert_eq!(kim["drip"], false);
    f.ok(&["close", "dana", "--reason", "lost"]);
    let shown = f.show(1);
    assert_eq!(shown["drip"], true);
    assert_eq!(shown["next"]["step"], "drip");
    assert!(
        shown["next_drip"]
            .as_str()
            .is_some_and(|day| day > "2027-03-01"),
        "{shown}"
    );
    // Undo of the fixture's last log (from schema 5, without the drip flag) still works.
    f.ok(&["undo", "--yes"]);
}

#[test]
fn why_shows_the_drip_arithmetic_and_a_backup_keeps_the_drip() {
    let (f, _) = lost_dana(&[]);
    f.ok(&["why", "dana"])
        .stdout_says("drip_every_business_days = 60 after the close")
        .stdout_says("Tue 2026-12-15 + 60 business days = Thu 2027-03-11")
        .stdout_says("Fri 2026-12-25 holiday, Fri 2027-01-01 holiday");
    f.ok(&["export", "--format", "json", "--output", "backup.json"]);
    let g = Followup::new();
    g.ok(&["import", f.dir().join("backup.json").to_str().unwrap()]);
    let shown = g.json(&["show", "dana", "--json"]);
    assert_eq!(shown["drip"], true);
    assert_eq!(shown["next_drip"], FIRST_DRIP);
}

#[test]
fn cadence_check_tells_the_drip_of_each_cadence_and_refuses_a_bad_one() {
    let f = Followup::new();
    f.ok(&["cadence", "check"])
        .stdout_contains("cadence standard: ")
        .stdout_contains("lost deals drip every 60 business days");
    let path = f.write(
        "off.toml",
        "[cadence.standard]\ndrip_every_business_days = 0\n",
    );
    f.ok(&["--cadence", path.to_str().unwrap(), "cadence", "check"])
        .stdout_contains("no drip after a lost deal");
    let path = f.write(
        "bad.toml",
        "[cadence.standard]\ndrip_every_business_days = -5\n",
    );
    f.run(&["--cadence", path.to_str().unwrap(), "cadence", "check"])
        .fails(2)
        .stderr_contains("drip_every_business_days")
        .stderr_contains("negative");
}
