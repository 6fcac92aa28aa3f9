//! cli.md's contract, command by command and flag by flag, through the real binary.

mod common;

use common::{Due, Followup, MONDAY};
use serde_json::{Value, json};

/// The prospect fields of `show --json`, without the history and the next action.
fn fields(shown: &Value) -> Value {
    let mut shown = shown.clone();
    let object = shown.as_object_mut().expect("`show --json` is an object");
    object.remove("attempts");
    object.remove("next");
    shown
}

#[test]
fn add_with_every_flag_is_reflected_by_show_json() {
    let f = Followup::new();
    let run = f.ok(&[
        "add",
        "Dana Whitfield",
        "--company",
        "Lakeside Dental",
        "--phone",
        "555-0147",
        "--email",
        "dana@lakeside.example",
        "--title",
        "Office Manager",
        "--prefers",
        "email",
        "--next-step",
        "a quote for 12 chairs",
        "--topic",
        "ergonomic chairs",
        "--assistant",
        "Pat Ortiz",
        "--assistant-phone",
        "555-0148",
        "--cadence",
        "as-promised",
        "--start",
        "2026-11-25",
        "--note",
        "met at the trade fair",
        "--tz",
        "America/Chicago",
        "--main-line",
        "555-0100",
    ]);
    run.stdout_contains("1");
    let shown = f.show(1);
    let expected = json!({
        "id": 1,
        "name": "Dana Whitfield",
        "company": "Lakeside Dental",
        "phone": "555-0147",
        "email": "dana@lakeside.example",
        "title": "Office Manager",
        "prefers": "email",
        "next_step": "a quote for 12 chairs",
        "topic": "ergonomic chairs",
        "assistant": "Pat Ortiz",
        "assistant_phone": "555-0148",
        "note": "met at the trade fair",
        "time_zone": "America/Chicago",
        "ground_rules": false,
        "main_line": "555-0100",
        "cadence": "as-promised",
        "start": "2026-11-25",
        "status": "active",
        "close_reason": null,
        "closed_at": null,
        "recontact_on": null,
        "drip": false,
        "next_drip": null,
        "created_at": "2026-11-23T09:00:00",
    });
    assert_eq!(fields(&shown), expected);
    assert_eq!(shown["attempts"], json!([]));
    assert_eq!(
        Due::of(&shown["next"]),
        Due {
            step: "first".into(),
            due: "2026-11-25".into(),
            touch: Some(1)
        }
    );
    assert_eq!(shown["next"]["cadence"], json!("as-promised"));
    assert_eq!(shown["next"]["max_touches"], json!(8));
    assert_eq!(
        shown["next"]["channel"],
        json!("email"),
        "the preferred channel"
    );
    let script = shown["next"]["script"].as_str().expect("a script");
    assert!(
        script.contains("Dana") && script.contains("ergonomic chairs"),
        "the script is filled in with the prospect's details: {script}"
    );

    // Without flags: the standard cadence, starting today, every optional field null.
    let id = f.add("Eve Example", &[]);
    assert_eq!(id, 2);
    let shown = f.show(id);
    assert_eq!(shown["cadence"], json!("standard"));
    assert_eq!(shown["start"], json!(MONDAY));
    for field in [
        "company",
        "phone",
        "email",
        "title",
        "prefers",
        "next_step",
        "topic",
    ] {
        assert_eq!(shown[field], Value::Null, "{field}");
    }
}

#[test]
fn add_prints_the_new_id() {
    let f = Followup::new();
    f.add("Dana Whitfield", &[]);
    f.add("Eve Example", &[]);
    let run = f.ok(&["add", "Frank Third", "--company", "Acme"]);
    let numbers: Vec<&str> = run
        .stdout
        .split(|c: char| !c.is_ascii_digit())
        .filter(|word| !word.is_empty())
        .collect();
    assert!(numbers.contains(&"3"), "the id 3 is printed\n{run}");
    assert_eq!(f.show(3)["name"], json!("Frank Third"));
}

#[test]
fn edit_changes_fields_and_an_empty_value_clears_one() {
    let f = Followup::new();
    let id = f.add(
        "Dana Whitfield",
        &[
            "--company",
            "Lakeside Dental",
            "--phone",
            "555-0147",
            "--email",
            "dana@lakeside.example",
            "--topic",
            "chairs",
        ],
    );
    let before = fields(&f.show(id));
    f.ok(&[
        "edit",
        "dana",
        "--phone",
        "555-9999",
        "--email",
        "",
        "--next-step",
        "a site visit",
        "--prefers",
        "text",
    ]);
    let mut expected = before.clone();
    expected["phone"] = json!("555-9999");
    expected["email"] = Value::Null;
    expected["next_step"] = json!("a site visit");
    expected["prefers"] = json!("text");
    assert_eq!(fields(&f.show(id)), expected);

    f.ok(&[
        "edit",
        &id.to_string(),
        "--name",
        "Dana W. Whitfield",
        "--cadence",
        "nurture",
        "--start",
        "2026-11-30",
        "--company",
        "",
    ]);
    let shown = f.show(id);
    assert_eq!(shown["name"], json!("Dana W. Whitfield"));
    assert_eq!(shown["cadence"], json!("nurture"));
    assert_eq!(shown["start"], json!("2026-11-30"));
    assert_eq!(shown["company"], Value::Null);
    assert_eq!(shown["topic"], json!("chairs"), "fields not given are kept");
    assert_eq!(
        shown["next"]["due"],
        json!("2026-11-30"),
        "the new start moves the first touch"
    );
}

#[test]
fn list_filters_by_status() {
    let f = Followup::new();
    let active = f.add("Dana Whitfield", &[]);
    let closed = f.add("Eve Example", &[]);
    f.ok(&["close", "eve", "--reason", "won"]);
    let ids = |status: Option<&str>| -> Vec<i64> {
        let mut args = vec!["list", "--json"];
        if let Some(status) = status {
            args.extend(["--status", status]);
        }
        f.json(&args)
            .as_array()
            .expect("`list --json` is an array")
            .iter()
            .map(|entry| entry["id"].as_i64().expect("an id"))
            .collect()
    };
    assert_eq!(ids(None), [active], "active by default");
    assert_eq!(ids(Some("active")), [active]);
    assert_eq!(ids(Some("closed")), [closed]);
    assert_eq!(ids(Some("all")), [active, closed]);

    let all = f.json(&["list", "--status", "all", "--json"]);
    assert_eq!(
        all[0]["next"]["step"],
        json!("first"),
        "each with its next action"
    );
    assert_eq!(all[1]["status"], json!("closed"));
    assert_eq!(all[1]["close_reason"], json!("won"));
    assert_eq!(all[1]["next"], Value::Null, "won, with no re-contact");

    let table = f.ok(&["list", "--status", "all"]);
    table
        .stdout_contains("Dana Whitfield")
        .stdout_contains("Eve Example");
    let table = f.ok(&["list"]);
    assert!(!table.stdout.contains("Eve Example"), "{table}");
}

#[test]
fn close_no_response_comes_back_90_days_later_unless_told_otherwise() {
    let mut f = Followup::new();
    let default = f.at("2026-12-15").add("Dana Whitfield", &[]);
    let dated = f.add("Eve Example", &[]);
    let never = f.add("Frank Forbes", &[]);
    let won = f.add("Gina Won", &[]);
    f.ok(&["close", "dana", "--reason", "no-response"]);
    f.ok(&[
        "close",
        "eve",
        "--reason",
        "no-response",
        "--recontact",
        "2027-01-11",
        "--note",
        "busy until January",
    ]);
    f.ok(&[
        "close",
        "frank",
        "--reason",
        "no-response",
        "--recontact",
        "never",
    ]);
    f.ok(&["close", "gina", "--reason", "won"]);

    let shown = f.show(default);
    assert_eq!(shown["status"], json!("closed"));
    assert_eq!(shown["close_reason"], json!("no-response"));
    assert_eq!(shown["closed_at"], json!("2026-12-15T09:00:00"));
    assert_eq!(shown["recontact_on"], json!("2027-03-15"));
    assert_eq!(shown["next"]["step"], json!("recontact"));
    assert_eq!(f.show(dated)["recontact_on"], json!("2027-01-11"));
    for id in [never, won] {
        let shown = f.show(id);
        assert_eq!(shown["recontact_on"], Value::Null);
        assert_eq!(shown["next"], Value::Null);
    }
    assert_eq!(f.show(won)["close_reason"], json!("won"));

    assert_eq!(f.at("2027-01-08").today_json(), Vec::<Value>::new());
    let due = f.at("2027-01-11").today_json();
    assert_eq!(
        due.iter().map(Due::of).collect::<Vec<_>>(),
        [Due {
            step: "recontact".into(),
            due: "2027-01-11".into(),
            touch: None
        }]
    );
    assert_eq!(due[0]["id"], json!(dated));
}

#[test]
fn a_recontact_date_on_a_weekend_is_due_the_next_business_day() {
    let mut f = Followup::new();
    let id = f.add("Dana Whitfield", &[]);
    f.ok(&["close", "dana", "--reason", "no-response"]);
    // Mon 2026-11-23 + 90 days = Sun 2027-02-21.
    assert_eq!(f.show(id)["recontact_on"], json!("2027-02-21"));
    assert_eq!(f.at("2027-02-19").today_json(), Vec::<Value>::new());
    let due = f.at("2027-02-22").today_json();
    assert_eq!(
        due.iter().map(Due::of).collect::<Vec<_>>(),
        [Due {
            step: "recontact".into(),
            due: "2027-02-22".into(),
            touch: None
        }]
    );
    assert_eq!(due[0]["overdue_business_days"], json!(0));
}

#[test]
fn close_recontact_accepts_the_date_forms() {
    let f = Followup::new();
    let id = f.add("Dana Whitfield", &[]);
    for (form, date) in [
        ("tomorrow", "2026-11-24"),
        ("fri", "2026-11-27"),
        ("mon", "2026-11-30"),
        ("2027-02-01", "2027-02-01"),
    ] {
        f.ok(&["close", "dana", "--reason", "lost", "--recontact", form]);
        assert_eq!(
            f.show(id)["recontact_on"],
            json!(date),
            "--recontact {form}"
        );
    }
}

#[test]
fn reopen_starts_a_new_run_with_a_follow_up_due_that_day() {
    let mut f = Followup::new();
    let id = f.add("Dana Whitfield", &[]);
    for day in ["2026-11-23", "2026-11-27", "2026-12-03", "2026-12-09"] {
        f.at(day).log(id, &[]);
    }
    f.at("2026-12-15")
        .ok(&["close", "dana", "--reason", "no-response"]);
    f.at("2026-12-17").ok(&["reopen", "dana"]);

    let shown = f.show(id);
    assert_eq!(shown["status"], json!("active"));
    assert_eq!(shown["close_reason"], Value::Null);
    assert_eq!(shown["recontact_on"], Value::Null);
    let due = f.today_json();
    assert_eq!(
        due.iter().map(Due::of).collect::<Vec<_>>(),
        [Due {
            step: "follow-up".into(),
            due: "2026-12-17".into(),
            touch: Some(1)
        }],
        "the unanswered count starts again"
    );
    let next = f.log(id, &["--json"]).stdout_json()["next"].clone();
    assert_eq!(next["step"], json!("follow-up"));
    assert_eq!(next["touch"], json!(2));
}

#[test]
fn log_defaults_a_call_to_voicemail_and_an_email_to_sent() {
    let mut f = Followup::new();
    let id = f.add("Dana Whitfield", &[]);
    f.log(id, &[]);
    f.at("2026-11-27").log(id, &["--channel", "email"]);
    f.at("2026-12-03").log(id, &["--channel", "text"]);
    f.at("2026-12-09").log(
        id,
        &[
            "--channel",
            "in-person",
            "--outcome",
            "no-answer",
            "--note",
            "away",
        ],
    );
    let attempts = f.show(id)["attempts"].clone();
    let summary: Vec<(Value, Value, Value)> = attempts
        .as_array()
        .expect("attempts")
        .iter()
        .map(|a| (a["at"].clone(), a["channel"].clone(), a["outcome"].clone()))
        .collect();
    assert_eq!(
        summary,
        [
            (
                json!("2026-11-23T09:00:00"),
                json!("call"),
                json!("voicemail")
            ),
            (json!("2026-11-27T09:00:00"), json!("email"), json!("sent")),
            (json!("2026-12-03T09:00:00"), json!("text"), json!("sent")),
            (
                json!("2026-12-09T09:00:00"),
                json!("in-person"),
                json!("no-answer")
            ),
        ]
    );
    assert_eq!(attempts[3]["note"], json!("away"));
    let mut keys: Vec<&str> = attempts[0]
        .as_object()
        .expect("an attempt is an object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    for key in [
        "at", "channel", "next", "note", "outcome", "promise", "step",
    ] {
        assert!(keys.contains(&key), "attempts have `{key}`: {keys:?}");
    }
    assert_eq!(attempts[0]["note"], Value::Null);
}

#[test]
fn log_prints_the_step_it_fulfilled_and_the_next_action() {
    let f = Followup::new();
    f.add("Dana Whitfield", &[]);
    let run = f.ok(&["log", "dana"]);
    run.stdout_contains("first")
        .stdout_contains("follow-up")
        .stdout_contains("2026-11-27");
}

#[test]
fn all_attempts_on_one_date_are_one_touch_and_the_assistant_is_not_a_touch() {
    let mut f = Followup::new();
    let id = f.add("Dana Whitfield", &["--assistant", "Pat"]);
    f.at("2026-11-23T09:00").log(id, &[]);
    f.at("2026-11-23T11:00").log(id, &["--channel", "email"]);
    f.at("2026-11-23T16:00")
        .log(id, &["--channel", "assistant", "--outcome", "connected"]);
    let next = f.show(id)["next"].clone();
    assert_eq!(
        Due::of(&next),
        Due {
            step: "follow-up".into(),
            due: "2026-11-27".into(),
            touch: Some(2)
        }
    );
}

#[test]
fn log_declined_closes_the_file_as_not_interested() {
    let mut f = Followup::new();
    let id = f.add("Dana Whitfield", &[]);
    f.log(id, &[]);
    let logged = f
        .at("2026-11-27")
        .log(id, &["--outcome", "declined", "--json"])
        .stdout_json();
    assert_eq!(logged["status"], json!("closed"));
    let shown = f.show(id);
    assert_eq!(shown["status"], json!("closed"));
    assert_eq!(shown["close_reason"], json!("not-interested"));
    assert_eq!(shown["recontact_on"], Value::Null);
    assert_eq!(shown["next"], Value::Null);
    assert_eq!(f.today_json(), Vec::<Value>::new());
    let closed = f.json(&["list", "--status", "closed", "--json"]);
    assert_eq!(closed[0]["id"], json!(id));
}

#[test]
fn a_response_on_a_closed_file_reopens_it_and_an_unanswered_recontact_pushes_it_back() {
    let mut f = Followup::new();
    let id = f.add("Dana Whitfield", &[]);
    f.at("2026-12-15")
        .ok(&["close", "dana", "--reason", "no-response"]);
    assert_eq!(f.show(id)["recontact_on"], json!("2027-03-15"));

    // Unanswered on the re-contact date: the next one is another 90 days later.
    let logged = f.at("2027-03-15").log(id, &["--json"]).stdout_json();
    assert_eq!(logged["attempt"]["step"], json!("recontact"));
    assert_eq!(logged["status"], json!("closed"));
    assert_eq!(f.show(id)["recontact_on"], json!("2027-06-13"));
    assert_eq!(f.today_json(), Vec::<Value>::new());

    // They call back: the file is active again.
    let logged = f
        .at("2027-03-16")
        .log(id, &["--outcome", "connected", "--json"])
        .stdout_json();
    assert_eq!(logged["status"], json!("active"));
    let shown = f.show(id);
    assert_eq!(shown["status"], json!("active"));
    assert_eq!(shown["close_reason"], Value::Null);
    assert_eq!(shown["recontact_on"], Value::Null);
    assert_eq!(shown["next"]["step"], json!("follow-up"));
    let active = f.json(&["list", "--json"]);
    assert_eq!(active[0]["id"], json!(id));
}

#[test]
fn a_prospect_is_named_by_id_or_by_part_of_its_name_or_company_in_any_case() {
    let f = Followup::new();
    let dana = f.add("Dana Whitfield", &["--company", "Lakeside Dental"]);
    let eve = f.add("Eve Example", &["--company", "Harbor Group"]);
    for (query, id) in [
        ("1", dana),
        ("2", eve),
        ("dana", dana),
        ("WHITFIELD", dana),
        ("tfi", dana),
        ("lakeside", dana),
        ("DENTAL", dana),
        ("eve", eve),
        ("harbor group", eve),
        ("  Example  ", eve),
    ] {
        let shown = f.json(&["show", query, "--json"]);
        assert_eq!(shown["id"], json!(id), "show {query:?}");
    }
    // Every command that takes a PROSPECT resolves it the same way.
    f.ok(&["log", "lakeside"]);
    f.ok(&["edit", "HARBOR", "--phone", "555-0101"]);
    f.ok(&["close", "whit", "--reason", "lost"]);
    f.ok(&["reopen", "dental"]);
    assert_eq!(f.show(dana)["attempts"].as_array().map(Vec::len), Some(1));
    assert_eq!(f.show(eve)["phone"], json!("555-0101"));
    assert_eq!(f.show(dana)["status"], json!("active"));
}

#[test]
fn dates_and_times_accept_the_forms_of_cli_md() {
    // The clock: Mon 2026-11-23 09:00. Each promise is made by a fresh touch, so each is the
    // latest attempt.
    let mut f = Followup::new();
    let id = f.add("Dana Whitfield", &[]);
    for (day, promise, expected) in [
        ("2026-11-23T09:00", "tomorrow 08:15", "2026-11-24T08:15:00"),
        ("2026-11-24T09:00", "fri 14:30", "2026-11-27T14:30:00"),
        (
            "2026-11-25T09:00",
            "2026-11-27T08:15",
            "2026-11-27T08:15:00",
        ),
        ("2026-11-26T09:00", "today 17:00", "2026-11-26T17:00:00"),
        ("2026-11-27T09:00", "monday 10:00", "2026-11-30T10:00:00"),
        ("2026-11-30T09:00", "mon", "2026-12-07T09:00:00"),
        ("2026-12-01T09:00", "Tomorrow 8:15", "2026-12-02T08:15:00"),
    ] {
        let logged = f
            .at(day)
            .log(id, &["--promise", promise, "--json"])
            .stdout_json();
        assert_eq!(
            logged["attempt"]["promise"],
            json!(expected),
            "--promise {promise:?}"
        );
        let due = &expected[..10];
        assert_eq!(logged["next"]["promised"], json!(true));
        assert_eq!(logged["next"]["due"], json!(due), "--promise {promise:?}");
        assert_eq!(logged["next"]["time"], json!(&expected[11..16]));
    }

    let mut f = Followup::new();
    let id = f.add("Eve Example", &["--start", "today"]);
    assert_eq!(f.show(id)["start"], json!(MONDAY));
    let id = f.add("Frank Tomorrow", &["--start", "tomorrow"]);
    assert_eq!(f.show(id)["start"], json!("2026-11-24"));
    let id = f.add("Gina Friday", &["--start", "fri"]);
    assert_eq!(f.show(id)["start"], json!("2026-11-27"));

    let logged = f
        .at("2026-11-25T12:00")
        .log(
            1,
            &[
                "--at",
                "yesterday 16:45",
                "--outcome",
                "replied",
                "--next",
                "today",
                "--json",
            ],
        )
        .stdout_json();
    assert_eq!(logged["attempt"]["at"], json!("2026-11-24T16:45:00"));
    assert_eq!(logged["attempt"]["next"], json!("2026-11-25"));
    assert_eq!(
        Due::of(&logged["next"]),
        Due {
            step: "next-step".into(),
            due: "2026-11-25".into(),
            touch: Some(1)
        }
    );
    let logged = f.log(2, &["--at", "2026-11-24", "--json"]).stdout_json();
    assert_eq!(
        logged["attempt"]["at"],
        json!("2026-11-24T09:00:00"),
        "a bare date is 09:00"
    );
}

#[test]
fn the_clock_is_pinned_by_now_or_followup_now_and_the_flag_wins() {
    let mut f = Followup::new();
    f.unpinned();
    let id_run = f.ok(&[
        "--now",
        "2026-11-25T07:30",
        "add",
        "Dana Whitfield",
        "--json",
    ]);
    assert_eq!(
        id_run.stdout_json()["created_at"],
        json!("2026-11-25T07:30:00")
    );
    assert_eq!(id_run.stdout_json()["start"], json!("2026-11-25"));
    let added = f
        .cmd(["add", "Eve Example", "--json"])
        .env("FOLLOWUP_NOW", "2026-11-26T10:15:30")
        .run();
    added.success();
    assert_eq!(
        added.stdout_json()["created_at"],
        json!("2026-11-26T10:15:30")
    );
    let added = f
        .cmd(["--now", "2026-11-27", "add", "Frank Flag", "--json"])
        .env("FOLLOWUP_NOW", "2026-11-26")
        .run();
    added.success();
    assert_eq!(
        added.stdout_json()["created_at"],
        json!("2026-11-27T09:00:00")
    );
    // --now may also follow the command.
    let due = f.json(&["today", "--now", "2026-11-25", "--json"]);
    assert_eq!(due.as_array().map(Vec::len), Some(1));
    assert_eq!(due[0]["name"], json!("Dana Whitfield"));
}

#[test]
fn the_database_is_chosen_by_db_or_followup_db_and_created_with_its_folder() {
    // About files and folders: SQLite only.
    let f = Followup::sqlite();
    let nested = f.dir().join("a/b/c/mine.db");
    assert!(!nested.parent().expect("a folder").exists());
    f.ok(&[
        "--db",
        nested.to_str().expect("UTF-8"),
        "add",
        "Dana Whitfield",
    ]);
    assert!(nested.is_file(), "created with its folder");
    assert!(!f.db().exists(), "FOLLOWUP_DB was overridden by --db");
    let listed = f.json(&["--db", nested.to_str().expect("UTF-8"), "list", "--json"]);
    assert_eq!(listed[0]["name"], json!("Dana Whitfield"));

    let via_env = f.dir().join("env.db");
    let run = f
        .cmd(["add", "Eve Example"])
        .env("FOLLOWUP_DB", &via_env)
        .run();
    run.success();
    assert!(via_env.is_file());
    let listed = f
        .cmd(["list", "--json"])
        .env("FOLLOWUP_DB", &via_env)
        .run()
        .stdout_json();
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    assert_eq!(listed[0]["name"], json!("Eve Example"));
}

#[test]
fn without_db_the_database_lives_in_the_platform_data_folder() {
    let f = Followup::new();
    f.cmd(["add", "Dana Whitfield"])
        .env_remove("FOLLOWUP_DB")
        .run()
        .success();
    let default = f.dir().join(".local/share/followup/followup.db");
    assert!(default.is_file(), "{} was created", default.display());
    let listed = f
        .cmd(["list", "--json"])
        .env_remove("FOLLOWUP_DB")
        .run()
        .stdout_json();
    assert_eq!(listed[0]["name"], json!("Dana Whitfield"));
}

const CUSTOM_CADENCE: &str = r#"
[calendar]
workdays = ["mon", "tue", "wed", "thu", "fri"]
holidays = ["2026-11-27"]

[cadence.standard]
gap_business_days = 2
max_touches = 5

[cadence.weekly]
gap_business_days = 5
max_touches = 0
rescue_after = 0
"#;

#[test]
fn the_cadence_file_comes_from_cadence_followup_cadence_or_the_user_config() {
    let f = Followup::new();
    let custom = f.write("custom.toml", CUSTOM_CADENCE);
    let custom_text = custom.to_str().expect("UTF-8");
    let timeline = |run: common::Run| -> Vec<Value> {
        run.success();
        run.stdout_json()
            .as_array()
            .expect("rows")
            .iter()
            .map(|row| row["date"].clone())
            .take(2)
            .collect()
    };
    // Built in: a gap of 4 business days.
    assert_eq!(
        timeline(f.run(&["cadence", "show", "--json"])),
        [json!("2026-11-23"), json!("2026-11-27")]
    );
    // The file's own: a gap of 2 that skips the holiday of Fri 11-27.
    let custom_dates = [json!("2026-11-23"), json!("2026-11-25")];
    assert_eq!(
        timeline(f.run(&["--cadence", custom_text, "cadence", "show", "--json"])),
        custom_dates
    );
    assert_eq!(
        timeline(
            f.cmd(["cadence", "show", "--json"])
                .env("FOLLOWUP_CADENCE", &custom)
                .run()
        ),
        custom_dates
    );
    f.write(".config/followup/cadence.toml", CUSTOM_CADENCE);
    assert_eq!(
        timeline(f.run(&["cadence", "show", "--json"])),
        custom_dates
    );
    let check = f.ok(&["cadence", "check"]);
    check.stdout_contains("weekly");
    assert!(!check.stdout.contains("as-promised"), "{check}");

    // A prospect can follow a cadence of the file; the built-in one does not know it.
    let id = f.add("Dana Whitfield", &["--cadence", "weekly"]);
    let shown = f.show(id);
    assert_eq!(shown["next"]["max_touches"], Value::Null, "unlimited");
    f.ok(&["log", "dana"]);
    assert_eq!(
        f.show(id)["next"]["due"],
        json!("2026-12-01"),
        "5 business days, no Fri 11-27"
    );
}

#[test]
fn cadence_check_summarises_a_valid_file() {
    let f = Followup::new();
    let run = f.ok(&["cadence", "check"]);
    for name in ["standard", "as-promised", "nurture"] {
        run.stdout_contains(name);
    }
    let custom = f.write("custom.toml", CUSTOM_CADENCE);
    let run = f.ok(&[
        "--cadence",
        custom.to_str().expect("UTF-8"),
        "cadence",
        "check",
    ]);
    run.stdout_contains("standard").stdout_contains("weekly");
}

#[test]
fn cadence_show_works_for_each_shipped_cadence() {
    let f = Followup::new();
    let rows = f.json(&[
        "cadence",
        "show",
        "as-promised",
        "--start",
        MONDAY,
        "--json",
    ]);
    let rows = rows.as_array().expect("rows");
    let touches: Vec<(Value, Value)> = rows
        .iter()
        .filter(|row| !row["touch"].is_null())
        .map(|row| (row["touch"].clone(), row["date"].clone()))
        .collect();
    assert_eq!(touches.len(), 8, "at most 8 touches: {rows:#?}");
    assert_eq!(touches[0], (json!(1), json!("2026-11-23")));
    assert_eq!(
        touches[1],
        (json!(2), json!("2026-11-24")),
        "every business day"
    );
    assert_eq!(
        touches[5],
        (json!(6), json!("2026-11-30")),
        "over the weekend"
    );
    assert_eq!(
        rows[7]["step"],
        json!("fire"),
        "then the close-out: {rows:#?}"
    );

    let rows = f.json(&["cadence", "show", "nurture", "--start", MONDAY, "--json"]);
    let rows = rows.as_array().expect("rows");
    assert!(
        rows.iter().all(|row| row["step"] != json!("fire")),
        "no close-out: {rows:#?}"
    );
    assert_eq!(
        rows[1]["date"],
        json!("2027-02-17"),
        "60 business days later, skipping the built-in holidays 2026-12-25 and 2027-01-01"
    );

    f.ok(&["cadence", "show", "nurture"])
        .stdout_contains("2026-11-23");
}

#[test]
fn the_as_promised_cadence_promises_the_next_call_at_08_15() {
    let mut f = Followup::new();
    let id = f.add("Dana Whitfield", &["--cadence", "as-promised"]);
    let logged = f.at("2026-11-27").log(id, &["--json"]).stdout_json();
    assert_eq!(logged["attempt"]["promise"], json!("2026-11-30T08:15:00"));
    let due = f.at("2026-11-30").today_json();
    assert_eq!(due.len(), 1, "{due:#?}");
    assert_eq!(due[0]["step"], json!("follow-up"));
    assert_eq!(due[0]["promised"], json!(true));
    assert_eq!(due[0]["due"], json!("2026-11-30"));
    assert_eq!(due[0]["time"], json!("08:15"));
    assert_eq!(due[0]["touch"], json!(2));
    assert_eq!(due[0]["max_touches"], json!(8));
}

#[test]
fn today_json_elements_have_every_field_of_cli_md() {
    let f = Followup::new();
    f.add(
        "Dana Whitfield",
        &[
            "--company",
            "Lakeside Dental",
            "--phone",
            "555-0147",
            "--email",
            "dana@lakeside.example",
        ],
    );
    f.add("Eve Example", &[]);
    let due = f.today_json();
    assert_eq!(due.len(), 2);
    let dana = &due[0];
    assert_eq!(dana["id"], json!(1));
    assert_eq!(dana["name"], json!("Dana Whitfield"));
    assert_eq!(dana["company"], json!("Lakeside Dental"));
    assert_eq!(dana["phone"], json!("555-0147"));
    assert_eq!(dana["email"], json!("dana@lakeside.example"));
    let eve = &due[1];
    for field in ["company", "phone", "email"] {
        assert_eq!(eve[field], Value::Null, "{field}");
    }
    for item in &due {
        let object = item.as_object().expect("an object");
        assert!(object["id"].is_i64());
        assert!(object["step"].is_string());
        assert!(object["due"].is_string());
        assert!(object["time"].is_null());
        assert!(object["touch"].is_i64());
        assert!(object["max_touches"].is_i64());
        assert!(object["overdue_business_days"].is_i64());
        assert_eq!(object["cadence"], json!("standard"));
        // cadence.md, "Channels and missing details": no phone and no email, no channel.
        let channel = if object["phone"].is_null() && object["email"].is_null() {
            Value::Null
        } else {
            json!("call")
        };
        assert_eq!(object["channel"], channel);
        let reason = object["reason"].as_str().expect("reason is a string");
        assert!(!reason.trim().is_empty());
        let script = object["script"].as_str().expect("script is a string");
        assert!(
            script.contains(
                object["name"]
                    .as_str()
                    .expect("name")
                    .split(' ')
                    .next()
                    .expect("a first name")
            )
        );
    }
}

#[test]
fn a_cadence_without_a_close_out_has_null_max_touches() {
    let f = Followup::new();
    f.add("Dana Whitfield", &["--cadence", "nurture"]);
    let due = f.today_json();
    assert_eq!(due.len(), 1, "{due:#?}");
    assert_eq!(due[0]["cadence"], json!("nurture"));
    assert_eq!(due[0]["touch"], json!(1));
    assert_eq!(due[0]["max_touches"], Value::Null);
}

#[test]
fn edit_clears_the_preferred_channel_with_an_empty_value() {
    let f = Followup::new();
    let id = f.add("Dana Whitfield", &["--prefers", "email"]);
    f.ok(&["edit", "dana", "--prefers", ""]);
    assert_eq!(f.show(id)["prefers"], Value::Null);
}

#[test]
fn show_and_today_print_the_history_and_the_message_for_people() {
    let mut f = Followup::new();
    let id = f.add(
        "Dana Whitfield",
        &["--company", "Lakeside Dental", "--note", "fair"],
    );
    f.log(id, &["--note", "left a message with reception"]);
    f.at("2026-11-27");
    let next_script = f.show(id)["next"]["script"]
        .as_str()
        .expect("a script")
        .to_string();
    let opening: String = next_script
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    let shown = f.ok(&["show", "dana"]);
    shown
        .stdout_contains("Dana Whitfield")
        .stdout_contains("Lakeside Dental")
        .stdout_contains("left a message with reception")
        .stdout_contains("follow-up")
        .stdout_contains(&opening);
    let today = f.ok(&["today"]);
    today
        .stdout_contains("Dana Whitfield")
        .stdout_contains("follow-up")
        .stdout_contains(&opening);
}

#[test]
fn the_help_of_every_command_exits_0_and_shows_an_example() {
    let f = Followup::new();
    let top = f.ok(&["--help"]);
    for command in [
        "add", "log", "today", "close", "reopen", "show", "list", "edit", "cadence",
    ] {
        top.stdout_contains(command);
    }
    for command in [
        &["add"][..],
        &["log"],
        &["today"],
        &["close"],
        &["reopen"],
        &["show"],
        &["list"],
        &["edit"],
        &["cadence", "show"],
    ] {
        let mut args = command.to_vec();
        args.push("--help");
        let help = f.ok(&args);
        assert!(
            help.stdout.to_lowercase().contains("example"),
            "`followup {} --help` shows an example\n{help}",
            command.join(" ")
        );
        let line = format!("followup {}", command.join(" "));
        help.stdout_contains(&line);
    }
    f.ok(&["help", "log"]).stdout_contains("followup log");
    f.ok(&["--version"])
        .stdout_contains(env!("CARGO_PKG_VERSION"));
}

#[test]
fn the_help_of_the_cadence_commands_shows_an_example() {
    let f = Followup::new();
    for command in [&["cadence", "--help"][..], &["cadence", "check", "--help"]] {
        let help = f.ok(command);
        assert!(
            help.stdout.to_lowercase().contains("example"),
            "`followup {}` shows an example\n{help}",
            command.join(" ")
        );
    }
}

#[test]
fn reasons_spell_the_plural_of_touch() {
    let mut f = Followup::new();
    let id = f.add("Dana Whitfield", &[]);
    f.log(id, &[]);
    f.at("2026-11-27").log(id, &[]);
    let due = f.at("2026-12-03").today_json();
    let reason = due[0]["reason"].as_str().expect("a reason");
    assert!(reason.contains("2 touches"), "{reason}");
    assert!(!reason.contains("touchs"), "{reason}");
}
