//! Issue 14 polish: a JSON backup carries the value items (each prospect's own and those kept
//! for a topic), the item each attempt carried, and the drip flag, so that importing it into
//! an empty database and exporting again gives the same book, ids aside.

mod common;

use std::collections::BTreeMap;

use common::{DANA, Followup};
use serde_json::{Value, json};

const TIP: &str = "A chair at elbow height saves backs";
const QUESTION: &str = "Which room do your people avoid working in, and why?";
const OLD: &str = "Most clinics replace chairs every seven years";

/// Dana with two items of her own (one retired after a touch carried it), an item for her
/// topic, touches that carried them, lost and on the drip; Omar with no item at all.
fn book() -> Followup {
    let mut f = Followup::new();
    let mut details = DANA.to_vec();
    details.extend(["--email", "dana@lakeside.example"]);
    f.add("Dana Whitfield", &details);
    f.add("Omar Haddad", &["--email", "omar@haddad.example"]);
    f.ok(&["value", "add", "dana", OLD, "--kind", "figure"]);
    f.ok(&["value", "add", "dana", TIP, "--kind", "tip"]);
    f.ok(&[
        "value",
        "add",
        "--topic",
        "Ergonomic Chairs",
        QUESTION,
        "--kind",
        "question",
    ]);
    f.log(1, &[]);
    f.ok(&["value", "remove", "1"]);
    f.at("2026-11-27T10:00").log(1, &[]);
    f.at("2026-12-15T16:00");
    f.ok(&["close", "dana", "--reason", "lost"]);
    f
}

/// An export with the ids of this database taken out: each attempt names the words of the
/// item it carried instead of its id.
fn without_ids(export: &str) -> Value {
    let mut file: Value = serde_json::from_str(export).expect("JSON");
    let mut words = BTreeMap::new();
    let mut note = |items: &mut Value| {
        for item in items.as_array_mut().into_iter().flatten() {
            words.insert(item["id"].as_i64().unwrap(), item["text"].clone());
            item.as_object_mut().unwrap().remove("id");
        }
    };
    note(&mut file["value_items"]);
    for prospect in file["prospects"].as_array_mut().unwrap() {
        note(&mut prospect["value_items"]);
    }
    file.as_object_mut().unwrap().remove("exported_at");
    for prospect in file["prospects"].as_array_mut().unwrap() {
        prospect.as_object_mut().unwrap().remove("id");
        for attempt in prospect["attempts"].as_array_mut().unwrap() {
            if let Some(id) = attempt.get("value_item").and_then(Value::as_i64) {
                attempt["value_item"] = words[&id].clone();
            }
        }
    }
    file
}

#[test]
fn a_backup_carries_the_value_items_what_each_attempt_carried_and_the_drip() {
    let f = book();
    let export = f
        .ok(&["export", "--format", "json", "--status", "all"])
        .stdout
        .clone();
    let file: Value = serde_json::from_str(&export).unwrap();
    assert_eq!(file["value_items"][0]["topic"], "Ergonomic Chairs");
    assert_eq!(file["value_items"][0]["kind"], "question");
    let dana = &file["prospects"][0];
    assert_eq!(dana["drip"], true);
    let own: Vec<&Value> = dana["value_items"].as_array().unwrap().iter().collect();
    assert_eq!(own.len(), 2);
    assert_eq!(own[0]["text"], OLD);
    assert!(
        own[0]["retired_at"].is_string(),
        "the retired item is kept: {own:?}"
    );
    let carried: Vec<&Value> = dana["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|attempt| &attempt["value_item"])
        .collect();
    assert_eq!(carried, [&own[0]["id"], &own[1]["id"]]);
    // Nothing is written for Omar, who has no item.
    assert!(file["prospects"][1].get("value_items").is_none());

    // Into an empty database, and out again: the same book.
    let mut copy = Followup::new();
    copy.at("2026-12-15T16:00");
    let path = copy.write("backup.json", &export);
    copy.ok(&["import", path.to_str().unwrap(), "--format", "json"]);
    let again = copy
        .ok(&["export", "--format", "json", "--status", "all"])
        .stdout
        .clone();
    assert_eq!(without_ids(&again), without_ids(&export));

    // What the restored book does with them: Dana's next drip touch carries the topic's
    // question (her own two were carried), and the list shows her on the drip.
    assert_eq!(copy.show(1)["next"]["value"]["text"], QUESTION);
    assert_eq!(copy.show(1)["drip"], true);
    let listed = copy.json(&["value", "list", "dana", "--json"]);
    let texts: Vec<&Value> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|item| &item["text"])
        .collect();
    assert_eq!(texts, [TIP, QUESTION], "the retired one is not offered");
}

#[test]
fn a_topic_item_already_kept_is_not_kept_twice() {
    let f = book();
    let export = f
        .ok(&["export", "--format", "json", "--status", "all"])
        .stdout
        .clone();
    let mut copy = Followup::new();
    copy.at("2026-12-15T16:00");
    copy.ok(&[
        "value",
        "add",
        "--topic",
        "ergonomic chairs",
        QUESTION,
        "--kind",
        "question",
    ]);
    let path = copy.write("backup.json", &export);
    copy.ok(&["import", path.to_str().unwrap(), "--format", "json"]);
    let all = copy.json(&["value", "list", "--json"]);
    let topics = all
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["text"] == QUESTION)
        .count();
    assert_eq!(topics, 1, "{all}");
}

#[test]
fn an_attempt_naming_an_item_not_in_the_file_is_refused_and_nothing_is_stored() {
    let f = Followup::new();
    let file = json!({
        "followup_export": 1,
        "prospects": [{
            "name": "Ann",
            "attempts": [{"at": "2026-11-20T09:00:00", "channel": "call",
                          "outcome": "voicemail", "step": "first", "value_item": 9}]
        }]
    });
    let path = f.write("bad.json", file.to_string());
    let before = f.snapshot();
    f.run(&["import", path.to_str().unwrap(), "--format", "json"])
        .fails(2)
        .stderr_contains("value_item 9");
    assert_eq!(f.snapshot(), before);

    let file = json!({
        "followup_export": 1,
        "value_items": [{"id": 1, "kind": "tip", "text": "no topic here"}],
        "prospects": []
    });
    let path = f.write("bad.json", file.to_string());
    f.run(&["import", path.to_str().unwrap(), "--format", "json"])
        .fails(2)
        .stderr_contains("names none");
}

#[test]
fn a_csv_export_says_who_is_on_the_drip_in_its_last_column() {
    let f = book();
    let text = f
        .ok(&["export", "--format", "csv", "--status", "all"])
        .stdout
        .clone();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header.last().map(String::as_str), Some("drip"));
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let drip = header.len() - 1;
    assert_eq!((&rows[0][1], &rows[0][drip]), ("Dana Whitfield", "yes"));
    assert_eq!((&rows[1][1], &rows[1][drip]), ("Omar Haddad", ""));
}
