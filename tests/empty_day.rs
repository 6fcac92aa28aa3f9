//! What `today` says when nothing is due.

mod common;

use common::Followup;
use serde_json::{Value, json};

#[test]
fn a_fresh_database_has_nothing_due_and_suggests_adding_a_prospect() {
    let f = Followup::new();
    let run = f.ok(&["today"]);
    let text = run.stdout.to_lowercase();
    assert!(text.contains("nothing due"), "{run}");
    assert!(
        text.contains("followup add"),
        "suggests adding a prospect\n{run}"
    );
    assert_eq!(run.stderr, "");

    let run = f.ok(&["today", "--json"]);
    assert_eq!(run.stdout.trim(), "[]");
    assert_eq!(run.stdout_json(), json!([]));
}

#[test]
fn a_quiet_day_names_when_the_next_action_is_due() {
    let mut f = Followup::new();
    f.add("Eve Example", &["--start", "2026-12-01"]);
    f.add("Dana Whitfield", &["--start", "2026-11-27"]);
    let run = f.ok(&["today"]);
    let text = run.stdout.to_lowercase();
    assert!(text.contains("nothing due"), "{run}");
    assert!(
        !text.contains("followup add"),
        "there are prospects already\n{run}"
    );
    run.stdout_contains("2026-11-27")
        .stdout_contains("Dana Whitfield");
    assert!(
        !run.stdout.contains("Eve Example"),
        "only the first next action\n{run}"
    );
    assert_eq!(f.today_json(), Vec::<Value>::new());

    // After Friday's touch to Dana (next due Thu 12-03), Saturday names Eve's Tuesday.
    let dana = 2;
    f.at("2026-11-27").log(dana, &[]);
    let run = f.at("2026-11-28").ok(&["today"]);
    run.stdout_contains("2026-12-01")
        .stdout_contains("Eve Example");
    assert!(!run.stdout.contains("Dana Whitfield"), "{run}");
    assert_eq!(f.today_json(), Vec::<Value>::new());
}

#[test]
fn closed_files_without_a_recontact_date_leave_nothing_due() {
    let f = Followup::new();
    f.add("Dana Whitfield", &[]);
    f.ok(&["close", "dana", "--reason", "won"]);
    let run = f.ok(&["today"]);
    assert!(run.stdout.to_lowercase().contains("nothing due"), "{run}");
    assert!(!run.stdout.contains("Dana Whitfield"), "{run}");
    assert_eq!(f.today_json(), Vec::<Value>::new());
}
