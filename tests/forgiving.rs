//! Logging and matching that forgive mistakes (issue 10, section 6): `undo` and `delete`,
//! a channel that cannot have the outcome given, logging to a closed file, matching that
//! prefers a whole name and an active file, and `add` of someone already on file.
//!
//! The refusals themselves (exit 2, database unchanged) are rows of tests/errors.rs.

mod common;

use common::Followup;
use serde_json::{Value, json};

/// The attempts of prospect `id`, as (at, outcome) pairs.
fn history(f: &Followup, id: i64) -> Vec<(String, String)> {
    f.show(id)["attempts"]
        .as_array()
        .expect("attempts")
        .iter()
        .map(|attempt| {
            (
                attempt["at"].as_str().unwrap().to_string(),
                attempt["outcome"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn undo_removes_the_attempt_logged_last_not_the_latest_dated_one() {
    let mut f = Followup::new();
    let dana = f.add("Dana Whitfield", &["--phone", "555-0147"]);
    let li = f.add("Li Wei", &["--phone", "555-0190"]);
    f.at("2026-11-27T10:00").log(dana, &[]);
    // Logged afterwards, about a call made earlier in the week.
    f.log(li, &["--at", "2026-11-24T09:30", "--outcome", "no-answer"]);
    let run = f.ok(&["undo", "--yes"]);
    run.stdout_contains("Removed the call (no-answer) of Tue 2026-11-24 09:30 with Li Wei");
    assert_eq!(history(&f, li), Vec::<(String, String)>::new());
    assert_eq!(history(&f, dana).len(), 1);
    // Li's first touch is due again, from the morning list (the stored due date moved back).
    let due = f.today_json();
    assert!(due.iter().any(|item| item["id"] == json!(li)), "{due:?}");

    f.ok(&["undo", "--yes"]);
    assert_eq!(history(&f, dana).len(), 0);
    f.ok(&["undo", "--yes"]).stdout_contains("Nothing to undo");
}

#[test]
fn undo_of_a_decline_reopens_the_file_as_it_was() {
    let mut f = Followup::new();
    let dana = f.add("Dana Whitfield", &["--phone", "555-0147"]);
    f.log(dana, &[]);
    let before = f.at("2026-11-27").show(dana);
    f.log(dana, &["--outcome", "declined"]);
    assert_eq!(f.show(dana)["status"], json!("closed"));
    assert_eq!(f.today_json(), Vec::<Value>::new());

    f.ok(&["undo", "--yes"]).stdout_contains("back as it was");
    let after = f.show(dana);
    assert_eq!(after, before);
    assert_eq!(f.today_json()[0]["id"], json!(dana));
}

#[test]
fn undo_of_an_answer_to_a_recontact_closes_the_file_again() {
    let mut f = Followup::new();
    let dana = f.add("Dana Whitfield", &[]);
    f.at("2026-12-15")
        .ok(&["close", "dana", "--reason", "no-response"]);
    let closed = f.at("2027-03-15").show(dana);
    assert_eq!(f.today_json()[0]["step"], json!("recontact"));
    f.log(dana, &["--outcome", "connected"]);
    assert_eq!(f.show(dana)["status"], json!("active"));
    f.ok(&["undo", "--yes"]);
    assert_eq!(f.show(dana), closed);
    assert_eq!(f.today_json()[0]["step"], json!("recontact"));
}

#[test]
fn undo_leaves_a_file_closed_by_hand_since() {
    let mut f = Followup::new();
    let dana = f.add("Dana Whitfield", &[]);
    f.log(dana, &["--outcome", "declined"]);
    f.at("2026-11-24").ok(&["reopen", "dana"]);
    f.ok(&["undo", "--yes"]).stdout_contains("left as it is");
    assert_eq!(f.show(dana)["status"], json!("active"));
}

#[test]
fn undo_right_after_a_close_takes_back_the_close_not_the_call_before_it() {
    let f = Followup::new();
    let dana = f.add("Dana Whitfield", &["--phone", "555-0147"]);
    f.log(dana, &["--outcome", "no-answer"]);
    let before = f.show(dana);
    let stats = f.json(&["stats", "--json"]);
    f.ok(&["close", "dana", "--reason", "lost"]);
    f.run(&["undo"])
        .fails(2)
        .stderr_contains("this would reopen Dana Whitfield (prospect 1), closed");
    f.ok(&["undo", "--yes"])
        .stdout_contains("Took back the close of Dana Whitfield (prospect 1)")
        .stdout_contains("Next: follow-up on Fri 2026-11-27.");
    // As it was: the same run, history, next action and figures, and off the drip.
    assert_eq!(f.show(dana), before);
    assert_eq!(f.json(&["stats", "--json"]), stats);
    // The undo after that takes back the call.
    f.ok(&["undo", "--yes"])
        .stdout_contains("Removed the call (no-answer)");
    assert_eq!(history(&f, dana), Vec::<(String, String)>::new());
}

#[test]
fn a_close_followed_by_other_work_is_not_what_undo_takes_back() {
    let f = Followup::new();
    let dana = f.add("Dana Whitfield", &["--phone", "555-0147"]);
    let li = f.add("Li Wei", &["--phone", "555-0190"]);
    f.ok(&["close", "dana", "--reason", "not-interested"]);
    f.log(li, &["--outcome", "no-answer"]);
    f.ok(&["undo", "--yes"]).stdout_contains("with Li Wei");
    assert_eq!(f.show(dana)["status"], json!("closed"));
    assert_eq!(history(&f, li), Vec::<(String, String)>::new());
}

#[test]
fn delete_removes_a_file_and_its_history() {
    let f = Followup::new();
    let dana = f.add("Dana Whitfield", &["--phone", "555-0147"]);
    let li = f.add("Li Wei", &[]);
    f.log(dana, &[]);
    f.ok(&["delete", "dana", "--yes"])
        .stdout_contains("Deleted prospect 1 (Dana Whitfield) and its 1 logged attempt");
    let all = f.json(&["list", "--status", "all", "--json"]);
    assert_eq!(all.as_array().unwrap().len(), 1);
    assert_eq!(all[0]["id"], json!(li));
    // Nothing of hers is left to undo, and her phone is free for a new file.
    f.ok(&["undo", "--yes"]).stdout_contains("Nothing to undo");
    f.add("Dana Whitfield", &["--phone", "555-0147"]);
}

#[test]
fn logging_to_a_closed_file_with_reopen_starts_a_new_run() {
    let f = Followup::new();
    let dana = f.add("Dana Whitfield", &[]);
    f.ok(&["close", "dana", "--reason", "lost"]);
    let logged = f
        .ok(&[
            "log",
            "dana",
            "--reopen",
            "--outcome",
            "no-answer",
            "--json",
        ])
        .stdout_json();
    assert_eq!(logged["status"], json!("active"));
    assert_eq!(logged["attempt"]["step"], json!("follow-up"));
    let shown = f.show(dana);
    assert_eq!(shown["close_reason"], Value::Null);
    // Undo puts the file back to closed.
    f.ok(&["undo", "--yes"]);
    assert_eq!(f.show(dana)["close_reason"], json!("lost"));
}

#[test]
fn a_due_recontact_is_logged_without_reopen_as_before() {
    let mut f = Followup::new();
    let dana = f.add("Dana Whitfield", &[]);
    f.ok(&["close", "dana", "--reason", "no-response"]);
    let logged = f.at("2027-02-22").log(dana, &["--json"]).stdout_json();
    assert_eq!(logged["attempt"]["step"], json!("recontact"));
    assert_eq!(logged["status"], json!("closed"));
}

#[test]
fn close_can_move_the_recontact_of_a_closed_file_but_not_close_it_twice() {
    let f = Followup::new();
    let dana = f.add("Dana Whitfield", &[]);
    f.ok(&["close", "dana", "--reason", "no-response"]);
    f.ok(&[
        "close",
        "dana",
        "--reason",
        "no-response",
        "--recontact",
        "2027-01-04",
    ])
    .stdout_contains("stays closed");
    assert_eq!(f.show(dana)["recontact_on"], json!("2027-01-04"));
    f.run(&["close", "dana", "--reason", "no-response"])
        .fails(2)
        .stderr_contains("already closed");
}

#[test]
fn a_whole_name_and_an_active_file_win_and_a_name_of_digits_is_found() {
    let f = Followup::new();
    let brown = f.add("Dan Brown", &["--company", "Acme"]);
    let dan = f.add("Dan", &["--company", "Fjord AS"]);
    let eve = f.add("Eve", &["--company", "Dana Corp"]);
    let dana = f.add("Dana Whitfield", &[]);
    let twelve = f.add("12", &["--company", "Twelve Ltd"]);
    f.ok(&["close", "eve", "--reason", "lost"]);
    // "dan" is all of Dan's name, and part of three others.
    assert_eq!(f.json(&["show", "dan", "--json"])["id"], json!(dan));
    // "dana" is part of Dana Whitfield's name and of closed Eve's company.
    assert_eq!(f.json(&["show", "dana", "--json"])["id"], json!(dana));
    // reopen looks for a closed file.
    f.ok(&["reopen", "dana"]);
    assert_eq!(f.show(eve)["status"], json!("active"));
    // No prospect has id 12: the one named "12" is.
    assert_eq!(f.json(&["show", "12", "--json"])["id"], json!(twelve));
    // An id wins over a name.
    assert_eq!(f.json(&["show", "1", "--json"])["id"], json!(brown));
}

#[test]
fn add_refuses_someone_on_file_unless_forced() {
    let f = Followup::new();
    f.add("Dana Whitfield", &["--email", "dana@lakeside.example"]);
    f.run(&["add", "Dana W", "--email", " DANA@lakeside.example"])
        .fails(2)
        .stderr_contains("prospect 1 (Dana Whitfield) has the same email");
    f.add("Dana W", &["--email", "dana@lakeside.example", "--force"]);
    // Another person with the same switchboard number but an email of their own is new.
    f.add("Rob", &["--email", "rob@lakeside.example"]);
}

#[test]
fn close_names_the_business_day_the_file_comes_back_on() {
    // Mon 2026-12-14 + 90 days is Sun 2027-03-14; the re-contact shows on Monday (rule 7), and
    // every message says so.
    let mut f = Followup::new();
    f.at("2026-12-14");
    let dana = f.add("Dana Whitfield", &[]);
    f.ok(&["close", "dana", "--reason", "no-response"])
        .stdout_contains("It comes back on Mon 2027-03-15");
    f.run(&["log", "dana"])
        .fails(2)
        .stderr_contains("its re-contact is due on 2027-03-15");
    f.ok(&[
        "close",
        "dana",
        "--reason",
        "no-response",
        "--recontact",
        "2027-03-13",
    ])
    .stdout_contains("It comes back on Mon 2027-03-15");
    // The date asked for is kept as given: the engine rolls it, as it always did.
    assert_eq!(f.show(dana)["recontact_on"], json!("2027-03-13"));
}
