//! Issue 14, point 2: value in every message. Value items kept per prospect and per topic,
//! carried one by one by the touches' messages (the voicemail announces the item, the email
//! holds it, a text holds it when it fits), recorded by `log`, ranked by `stats`; filler
//! phrases warned about by `cadence check`. Also the gap of point 1: `undo` takes back the
//! ground rules its `log --ground-rules` set.

mod common;

use std::path::Path;

use common::Followup;
use serde_json::{Value, json};

const FIGURE: &str = "Clinics that moved to sit-stand desks report a third fewer back complaints";
const QUESTION: &str = "Which room in your practice do people avoid working in, and why?";

/// Dana (phone and email, topic "ergonomic chairs") with an item of her own, and an item for
/// her topic spelled in another case: ids 1 and 2.
fn dana_with_items() -> (Followup, i64) {
    let f = Followup::new();
    let dana = f.add(
        "Dana Whitfield",
        &[
            "--company",
            "Lakeside Dental",
            "--phone",
            "555-0147",
            "--email",
            "dana@lakeside.example",
            "--topic",
            "ergonomic chairs",
        ],
    );
    f.ok(&["value", "add", "dana", FIGURE, "--kind", "figure"]);
    f.ok(&[
        "value",
        "add",
        "--topic",
        "Ergonomic Chairs",
        QUESTION,
        "--kind",
        "question",
    ]);
    (f, dana)
}

fn ids(items: &Value) -> Vec<i64> {
    items
        .as_array()
        .expect("an array")
        .iter()
        .map(|item| item["id"].as_i64().expect("an id"))
        .collect()
}

#[test]
fn items_are_added_listed_and_removed_or_retired() {
    let (f, dana) = dana_with_items();
    let all = f.json(&["value", "list", "--json"]);
    assert_eq!(ids(&all), [1, 2]);
    assert_eq!(all[0]["prospect"], json!(dana));
    assert_eq!(all[0]["kind"], "figure");
    assert_eq!(all[1]["topic"], "Ergonomic Chairs");
    assert_eq!(all[1]["prospect"], Value::Null);
    // Dana's list: her own first, then her topic's (matched whatever the case).
    let hers = f.json(&["value", "list", "dana", "--json"]);
    assert_eq!(ids(&hers), [1, 2]);
    assert_eq!(hers[0]["carried"], false);
    let topic = f.json(&["value", "list", "--topic", "ergonomic chairs", "--json"]);
    assert_eq!(ids(&topic), [2]);

    // An item no touch carried goes; one a touch carried is retired, kept for history.
    f.ok(&["value", "add", "dana", "A tip nobody will hear"]);
    f.ok(&["value", "remove", "3"])
        .stdout_contains("Removed value item 3");
    f.log(dana, &[]);
    f.ok(&["value", "remove", "1"])
        .stdout_contains("Retired value item 1");
    assert_eq!(ids(&f.json(&["value", "list", "--json"])), [2]);
    let everything = f.json(&["value", "list", "--all", "--json"]);
    assert_eq!(ids(&everything), [1, 2]);
    assert!(everything[0]["retired_at"].is_string());
    assert_eq!(f.show(dana)["attempts"][0]["value"]["id"], 1);

    // Bad input is refused, naming what to do, and changes nothing.
    f.run(&["value", "remove", "99"])
        .fails(2)
        .stderr_contains("no value item 99");
    f.run(&["value", "add", "dana", "  "]).fails(2);
    f.run(&["value", "add", "--topic", "chairs", "dana", "text"])
        .fails(2)
        .stderr_contains("with --topic");
    f.run(&["value", "add", "nobody", "text"]).fails(2);
    f.run(&["value", "add", "dana", "x", "--kind", "joke"])
        .fails(2);
}

#[test]
fn today_shows_the_item_and_says_when_none_is_left() {
    let (f, dana) = dana_with_items();
    let li = f.add("Li Wei", &["--phone", "555-0190"]);
    let today = f.today_json();
    let of = |id: i64| {
        today
            .iter()
            .find(|due| due["id"] == json!(id))
            .expect("due today")
            .clone()
    };
    assert_eq!(of(dana)["value"]["id"], 1);
    assert_eq!(of(dana)["value"]["text"], FIGURE);
    assert_eq!(of(li)["value"], Value::Null);
    // Without an item, the message promises none.
    let script = of(li)["script"].as_str().unwrap().to_string();
    assert!(
        !script.contains("Here's") && !script.contains("emailing you"),
        "{script}"
    );
    let text = f.ok(&["today"]);
    text.stdout_says(&format!("Value: figure 1 ({FIGURE})"));
    text.stdout_says(&format!(
        "No value item for this touch; add one with followup value add {li} \"...\""
    ));
}

#[test]
fn log_records_the_item_and_the_next_touch_takes_the_next_one() {
    let (mut f, dana) = dana_with_items();
    // The call and the email beside it are one touch: both carry item 1.
    f.log(dana, &[]);
    f.log(dana, &["--channel", "email"]);
    let attempts = f.show(dana)["attempts"].clone();
    assert_eq!(attempts[0]["value"]["id"], 1);
    assert_eq!(attempts[1]["value"]["id"], 1);
    assert_eq!(f.show(dana)["next"]["value"]["id"], 2, "then the topic's");
    f.ok(&["show", "dana"]).stdout_contains("figure 1");

    // A call nobody answered left nothing: the item stays for the next touch.
    f.at("2026-11-27").log(dana, &["--outcome", "no-answer"]);
    assert_eq!(f.show(dana)["attempts"][2]["value"], Value::Null);
    assert_eq!(f.show(dana)["next"]["value"]["id"], 2);
    f.at("2026-12-03").log(dana, &[]);
    assert_eq!(f.show(dana)["attempts"][3]["value"]["id"], 2);
    assert_eq!(f.show(dana)["next"]["value"], Value::Null, "none left");
    let list = f.json(&["value", "list", "dana", "--json"]);
    assert_eq!(list[0]["carried"], true);
    assert_eq!(list[1]["carried"], true);
}

#[test]
fn the_email_carries_the_item_and_the_voicemail_announces_it() {
    let (f, dana) = dana_with_items();
    let due = f.today_json()[0].clone();
    assert_eq!(due["id"], json!(dana));
    let script = due["script"].as_str().unwrap();
    assert!(
        script.contains("I'm also emailing you a figure worth knowing."),
        "{script}"
    );
    assert!(!script.contains(FIGURE), "the voicemail only announces it");
    let email = due["email_body"].as_str().unwrap();
    assert!(
        email.contains(&format!("Here's a figure worth knowing. {FIGURE}.")),
        "{email}"
    );

    // With no address, the voicemail is the only message: it says the item itself.
    f.ok(&["edit", "dana", "--email", ""]);
    let due = f.today_json()[0].clone();
    let script = due["script"].as_str().unwrap();
    assert!(
        script.contains(&format!("Here's a figure worth knowing. {FIGURE}.")),
        "{script}"
    );
    assert!(!script.contains("emailing"), "{script}");
}

#[test]
fn a_text_carries_the_item_when_it_fits_and_points_at_the_email_otherwise() {
    let f = Followup::new();
    let li = f.add(
        "Li Wei",
        &[
            "--phone",
            "555-0190",
            "--email",
            "li@acme.example",
            "--prefers",
            "text",
        ],
    );
    f.ok(&["value", "add", "li", "Ask for the free fitting."]);
    let due = f.today_json()[0].clone();
    assert_eq!(due["channel"], "text");
    let text = due["script"].as_str().unwrap();
    assert!(
        text.contains("ten-minute call? Ask for the free fitting."),
        "{text}"
    );
    assert!(text.chars().count() <= 160, "{text}");
    assert_eq!(due["email_body"], Value::Null);

    f.log(li, &[]);
    f.ok(&["value", "add", "li", QUESTION, "--kind", "question"]);
    f.ok(&["value", "add", "li", &"A long tip. ".repeat(12)]);
    let mut f = f;
    f.at("2026-11-27");
    let due = f.today_json()[0].clone();
    assert_eq!(due["value"]["id"], 2);
    let text = due["script"].as_str().unwrap();
    // With the question it would run past 160 characters: it points at the email instead.
    assert!(text.contains("I've emailed you a question."), "{text}");
    assert!(!text.contains(QUESTION), "{text}");
    let email = due["email_body"].as_str().expect("the email goes too");
    assert!(email.contains(QUESTION), "{email}");
}

#[test]
fn an_item_a_text_has_no_room_for_and_no_email_can_carry_is_neither_shown_nor_recorded() {
    let mut f = Followup::new();
    let lena = f.add("Lena Vogel", &["--phone", "555-0111", "--prefers", "text"]);
    f.ok(&["value", "add", "lena", QUESTION, "--kind", "question"]);
    f.ok(&["value", "add", "lena", "Ask for the free fitting."]);
    let due = f.today_json()[0].clone();
    assert_eq!(due["channel"], "text");
    let text = due["script"].as_str().unwrap();
    assert!(!text.contains(QUESTION), "{text}");
    // The text does not carry the question, so the list does not say it does.
    assert_eq!(due["value"], Value::Null, "{due}");
    f.ok(&["today"])
        .stdout_contains("Value item too long for a text")
        .stdout_contains(&format!("followup edit {lena} --email"));
    f.log(lena, &[]);
    let shown = f.json(&["show", "lena", "--json"]);
    assert_eq!(shown["attempts"][0]["value"], Value::Null, "{shown}");
    // With an address on file, the email carries it: the next touch shows and records it.
    f.ok(&["edit", "lena", "--email", "lena@vogel.example"]);
    f.at("2026-11-27");
    let due = f.today_json()[0].clone();
    assert_eq!(due["value"]["id"], 1, "{due}");
}

#[test]
fn stats_ranks_the_items_by_reply_rate() {
    let mut f = Followup::new();
    let dana = f.add("Dana", &["--phone", "555-0147"]);
    let li = f.add("Li", &["--phone", "555-0190"]);
    let ola = f.add("Ola", &["--phone", "555-0191"]);
    f.ok(&["value", "add", "--topic", "x", "unused"]);
    for id in [dana, li, ola] {
        f.ok(&["value", "add", &id.to_string(), "The dull tip"]);
    }
    for id in [dana, li] {
        f.ok(&[
            "value",
            "add",
            &id.to_string(),
            "The good question",
            "--kind",
            "question",
        ]);
    }
    // Items 2, 3, 4 are the dull tip; 5 and 6 the good question.
    for id in [dana, li, ola] {
        f.log(id, &[]);
    }
    f.at("2026-11-27");
    for id in [dana, li] {
        f.log(id, &[]);
    }
    f.at("2026-11-27T15:00");
    f.log(dana, &["--outcome", "replied"]);
    f.at("2026-11-30");
    let stats = f.json(&["stats", "--json"]);
    let ranked: Vec<(i64, i64, i64)> = stats["value_items"]
        .as_array()
        .expect("value_items")
        .iter()
        .map(|item| {
            (
                item["id"].as_i64().unwrap(),
                item["touches"].as_i64().unwrap(),
                item["answered"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ranked,
        [(5, 1, 1), (2, 1, 0), (3, 1, 0), (4, 1, 0), (6, 1, 0)]
    );
    assert_eq!(stats["value_items"][0]["reply_rate"], 1.0);
    assert_eq!(stats["value_items"][0]["kind"], "question");
    // The tables of before are all still there.
    assert!(stats["by_step"].is_array());
    f.ok(&["stats"]).stdout_says("Value items by reply rate");
}

#[test]
fn cadence_check_warns_about_filler_naming_the_template_and_the_phrase() {
    let f = Followup::new();
    let file = f.write(
        "filler.toml",
        "[cadence.standard]\n[messages]\nfiller = [\"Just checking in\", \"any news\"]\n\
         [templates]\nfollow-up = \"Hi {first_name}, just checking in: any news? Call {my_phone}.\"\n",
    );
    let run = f.ok(&["--cadence", file.to_str().unwrap(), "cadence", "check"]);
    run.stderr_contains("key `templates.follow-up`")
        .stderr_contains("'Just checking in'")
        .stderr_contains("'any news'");
    // The shipped file passes clean.
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("cadence.toml");
    let run = f.ok(&["--cadence", shipped.to_str().unwrap(), "cadence", "check"]);
    assert!(!run.stderr.contains("filler"), "{run}");
    // A phrase of nothing would match every message: refused, naming the key.
    let empty = f.write(
        "empty.toml",
        "[cadence.standard]\n[messages]\nfiller = [\"  \"]\n",
    );
    f.run(&["--cadence", empty.to_str().unwrap(), "cadence", "check"])
        .fails(2)
        .stderr_contains("filler");
}

#[test]
fn a_database_of_the_fifth_schema_opens_and_takes_items() {
    // Opens a SQLite fixture: SQLite only.
    let f = Followup::sqlite();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v5.db");
    std::fs::copy(fixture, f.db()).expect("the fixture");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(f.db(), std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    // The attempts of schema 5 carried nothing.
    let dana = f.json(&["show", "dana", "--json"]);
    assert!(
        dana["attempts"]
            .as_array()
            .unwrap()
            .iter()
            .all(|attempt| attempt["value"].is_null())
    );
    f.ok(&["value", "add", "dana", FIGURE, "--kind", "figure"]);
    let id = dana["id"].as_i64().unwrap();
    assert_eq!(f.show(id)["next"]["value"]["text"], FIGURE);
    // Undoing a log of schema 5 leaves ground rules as they were: none was recorded by it.
    f.ok(&["undo", "--yes"]);
    assert_eq!(f.json(&["show", "li", "--json"])["ground_rules"], true);
}

#[test]
fn a_database_of_the_sixth_schema_opens_and_its_drip_takes_items() {
    // Opens a SQLite fixture: SQLite only.
    let mut f = Followup::sqlite();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v6.db");
    std::fs::copy(fixture, f.db()).expect("the fixture");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(f.db(), std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    // Schema 6 kept Dana, lost, on the drip, and Sam, lost with --no-drip, off it.
    let dana = f.json(&["show", "dana", "--json"]);
    assert_eq!(
        (&dana["close_reason"], &dana["drip"]),
        (&json!("lost"), &json!(true))
    );
    assert_eq!(f.json(&["show", "sam", "--json"])["drip"], false);
    let listed = f.json(&["list", "--drip", "--json"]);
    assert_eq!(
        common::names(listed.as_array().unwrap()),
        ["Dana Whitfield"]
    );
    let version: i64 = rusqlite::Connection::open(f.db())
        .unwrap()
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, followup::store::CURRENT_VERSION);

    // The value items step added its table: her drip touch takes an item and records it.
    f.ok(&["value", "add", "dana", FIGURE, "--kind", "figure"]);
    let id = dana["id"].as_i64().unwrap();
    let next = &f.show(id)["next"];
    assert_eq!(
        (&next["step"], &next["value"]["text"]),
        (&json!("drip"), &json!(FIGURE))
    );
    let due = next["due"].as_str().unwrap().to_string();
    f.at(&due);
    f.log(id, &["--channel", "email"]);
    let attempts = f.show(id)["attempts"].as_array().unwrap().clone();
    assert_eq!(attempts.last().unwrap()["value"]["text"], FIGURE);
}

#[test]
fn the_calendar_feed_names_the_item_the_message_carries() {
    let (f, dana) = dana_with_items();
    // Unfolded (RFC 5545 continues a long line on the next, after a space) and unescaped.
    let feed = |f: &Followup| {
        f.ok(&["agenda", "--ics"])
            .stdout
            .replace("\r\n ", "")
            .replace("\\n", "\n")
            .replace("\\,", ",")
    };
    let text = feed(&f);
    assert!(
        text.contains(&format!("Value: figure 1 ({FIGURE})")),
        "{text}"
    );
    // Once every item was carried, the event says nothing of one.
    f.ok(&["edit", "dana", "--topic", ""]);
    f.ok(&["value", "remove", "1"]);
    assert_eq!(f.show(dana)["next"]["value"], Value::Null);
    assert!(!feed(&f).contains("Value:"));
}

#[test]
fn undo_takes_back_the_ground_rules_its_log_set() {
    let f = Followup::new();
    let li = f.add("Li Wei", &["--phone", "555-0190"]);
    f.log(li, &["--outcome", "connected", "--ground-rules"]);
    assert_eq!(f.show(li)["ground_rules"], true);
    f.ok(&["undo", "--yes"])
        .stdout_contains("ground rules that attempt recorded are off the file again");
    assert_eq!(f.show(li)["ground_rules"], false);

    // Ground rules on file before the log stay after its undo.
    f.ok(&["edit", "li", "--ground-rules", "yes"]);
    f.log(li, &["--outcome", "connected", "--ground-rules"]);
    f.ok(&["undo", "--yes"]);
    assert_eq!(f.show(li)["ground_rules"], true);
}

#[test]
fn a_database_of_the_seventh_schema_opens_with_its_items_and_their_history() {
    // Opens a SQLite fixture: SQLite only.
    let f = Followup::sqlite();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema-v7.db");
    std::fs::copy(fixture, f.db()).expect("the fixture");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(f.db(), std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    // Tom's first touch carried his testimonial; it reads back after the upgrade.
    let tom = f.json(&["show", "tom", "--json"]);
    let attempts = tom["attempts"].as_array().unwrap();
    assert_eq!(
        attempts.last().unwrap()["value"]["text"],
        "A client of ours halved back-pain sick days."
    );
    // Nia's own figure is still unused, so it is what her next touch carries.
    let nia = f.json(&["show", "nia", "--json"]);
    assert_eq!(
        nia["next"]["value"]["text"],
        "Most freight clients cut idle dock time by a fifth."
    );
    assert_eq!(nia["ground_rules"], true);
    let conn = rusqlite::Connection::open(f.db()).unwrap();
    let version: i64 = conn
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, followup::store::CURRENT_VERSION);
    // The team step left every file of a personal book in no one's hands.
    let owned: i64 = conn
        .query_row(
            "SELECT count(*) FROM prospects WHERE owner IS NOT NULL",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(owned, 0);
}
