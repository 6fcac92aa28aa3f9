//! `team import-book` copies what a file's history needs besides the attempts (issue 12): what
//! each `log` changed about its file (for `undo`), the figures of `stats`, and the book's days
//! away, which become the rep's own. After the move, the team's database answers as the
//! personal book did.
//!
//! PostgreSQL only; skips, saying why, without PostgreSQL, except under `CI`.

mod common;

use common::Followup;
use serde_json::Value;

/// A file as `show --json` gives it, without its id (the book's and the team's differ).
fn without_id(mut file: Value) -> Value {
    if let Some(object) = file.as_object_mut() {
        object.remove("id");
        if let Some(next) = object.get_mut("next").and_then(Value::as_object_mut) {
            next.remove("id");
        }
    }
    file
}

#[test]
fn after_import_book_undo_stats_and_due_dates_answer_as_the_personal_book_did() {
    let Some(mut team) = Followup::postgres() else {
        return;
    };
    let mut book = Followup::sqlite();
    // Out Wednesday to Friday: Li's second touch skips those days.
    book.ok(&["away", "2026-11-25", "2026-11-27"]);
    let li = book.add("Li Wei", &["--email", "li@acme.example"]);
    book.log(li, &["--channel", "email"]);
    let kim = book.add("Kim Park", &["--phone", "555-0170"]);
    book.log(
        kim,
        &["--outcome", "voicemail", "--promise", "2026-11-24T10:00"],
    );
    // The last log closes Ola's file: `undo` must know it did, to reopen it.
    let ola = book.add("Ola Nordmann", &["--phone", "555-0190"]);
    book.log(ola, &["--outcome", "declined"]);
    book.at("2026-11-30T10:00");
    team.at("2026-11-30T10:00");

    team.ok(&["list"]);
    common::team::make_rep_by_sql(&team, "Sam", "sam@example.com", false);
    let path = book.db();
    let report = team.json(&[
        "team",
        "import-book",
        path.to_str().unwrap(),
        "--owner",
        "sam@example.com",
        "--json",
    ]);
    assert_eq!(report["days_away"], 3);
    let ids: Vec<(i64, i64)> = report["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|file| {
            (
                file["book_id"].as_i64().unwrap(),
                file["id"].as_i64().unwrap(),
            )
        })
        .collect();
    let here = |book_id: i64| ids.iter().find(|(id, _)| *id == book_id).unwrap().1;

    // Li's next touch is dated with Sam's days away, which were the book's.
    for id in [li, kim, ola] {
        assert_eq!(without_id(team.show(here(id))), without_id(book.show(id)));
    }
    // The stored figures of `stats` count the imported history.
    assert_eq!(
        team.json(&["stats", "--json"]),
        book.json(&["stats", "--json"])
    );

    // `undo` takes back the last imported attempt as the book's own `undo` would: Ola's "no",
    // and with it the closing of her file.
    let in_book = book.ok(&["undo", "--yes"]);
    let in_team = team.ok(&["undo", "--yes"]);
    in_team.stdout_contains("The file is back as it was before that attempt.");
    assert_eq!(
        in_team
            .stdout
            .replace(&format!("prospect {}", here(ola)), "prospect N"),
        in_book
            .stdout
            .replace(&format!("prospect {ola}"), "prospect N")
    );
    assert_eq!(without_id(team.show(here(ola))), without_id(book.show(ola)));
    assert_eq!(team.show(here(ola))["status"], "active");
}
