//! cadence.md's worked examples, played day by day through the real binary: each morning
//! `today --json` must show exactly what the spec says is due, and nothing on the days between.

mod common;

use common::{Due, Followup, MONDAY, days, names};
use serde_json::{Value, json};

/// Worked example 1, "nobody answers": (date, step due, touch).
const EXAMPLE_1: &[(&str, &str, Option<i64>)] = &[
    ("2026-11-23", "first", Some(1)),
    ("2026-11-27", "follow-up", Some(2)),
    ("2026-12-03", "rescue", Some(3)),
    ("2026-12-07", "assistant", None),
    ("2026-12-09", "fire", Some(4)),
    ("2026-12-15", "close", None),
];

/// The rows of example 1 that apply to a prospect with or without an assistant on file.
fn example_1_rows(with_assistant: bool) -> Vec<(&'static str, &'static str, Option<i64>)> {
    EXAMPLE_1
        .iter()
        .copied()
        .filter(|(_, step, _)| with_assistant || *step != "assistant")
        .collect()
}

/// Adds Dana on Mon 2026-11-23, as in the examples.
fn add_dana(f: &mut Followup, with_assistant: bool) -> i64 {
    let mut flags = common::DANA.to_vec();
    if with_assistant {
        flags.extend(["--assistant", "Pat Ortiz", "--assistant-phone", "555-0148"]);
    }
    f.at(MONDAY).add("Dana Whitfield", &flags)
}

/// Plays example 1 from Mon 2026-11-23 to Tue 2026-12-15, checking every calendar day, and
/// acting on each row on its due date as the spec assumes: touches logged unanswered, the
/// assistant step logged through the assistant, and the close run as `no-response`.
fn play_example_1(with_assistant: bool) -> (Followup, i64) {
    let mut f = Followup::new();
    let id = add_dana(&mut f, with_assistant);
    let rows = example_1_rows(with_assistant);
    for day in days("2026-11-23", "2026-12-15") {
        f.at(&day);
        let due = f.today_json();
        let Some(index) = rows.iter().position(|(date, _, _)| *date == day) else {
            assert_eq!(due, Vec::<Value>::new(), "nothing is due on {day}");
            continue;
        };
        let (_, step, touch) = rows[index];
        assert_eq!(due.len(), 1, "exactly one action on {day}: {due:#?}");
        let item = &due[0];
        assert_eq!(
            Due::of(item),
            Due {
                step: step.into(),
                due: day.clone(),
                touch
            },
            "on {day}"
        );
        assert_eq!(item["id"], json!(id));
        assert_eq!(item["max_touches"], json!(4), "on {day}");
        assert_eq!(item["overdue_business_days"], json!(0), "on {day}");
        assert_eq!(item["time"], Value::Null, "on {day}");
        assert_eq!(item["cadence"], json!("standard"));
        let channel = if step == "assistant" {
            "assistant"
        } else {
            "call"
        };
        assert_eq!(item["channel"], json!(channel), "on {day}");

        if step == "close" {
            f.ok(&["close", &id.to_string(), "--reason", "no-response"]);
            continue;
        }
        let flags: &[&str] = if step == "assistant" {
            &["--channel", "assistant", "--json"]
        } else {
            &["--json"]
        };
        let logged = f.log(id, flags).stdout_json();
        assert_eq!(logged["attempt"]["step"], json!(step), "log on {day}");
        let (next_date, next_step, next_touch) = rows[index + 1];
        assert_eq!(
            Due::of(&logged["next"]),
            Due {
                step: next_step.into(),
                due: next_date.into(),
                touch: next_touch
            },
            "the next action `log` reports on {day}"
        );
    }
    (f, id)
}

/// What example 1 looks like once played: the history records each step, the file is closed
/// as no-response, and it comes back 90 days after the close.
#[track_caller]
fn check_after_example_1(f: &mut Followup, id: i64, with_assistant: bool) {
    let shown = f.show(id);
    let steps: Vec<&str> = shown["attempts"]
        .as_array()
        .expect("attempts")
        .iter()
        .map(|attempt| attempt["step"].as_str().expect("a step"))
        .collect();
    let expected: Vec<&str> = example_1_rows(with_assistant)
        .iter()
        .map(|(_, step, _)| *step)
        .filter(|step| *step != "close")
        .collect();
    assert_eq!(
        steps, expected,
        "each attempt records the step it fulfilled"
    );
    assert_eq!(shown["status"], json!("closed"));
    assert_eq!(shown["close_reason"], json!("no-response"));
    assert_eq!(shown["recontact_on"], json!("2027-03-15"));

    for quiet in ["2026-12-16", "2027-01-04", "2027-03-12"] {
        assert_eq!(f.at(quiet).today_json(), Vec::<Value>::new(), "on {quiet}");
    }
    let due = f.at("2027-03-15").today_json();
    assert_eq!(due.len(), 1, "{due:#?}");
    assert_eq!(
        Due::of(&due[0]),
        Due {
            step: "recontact".into(),
            due: "2027-03-15".into(),
            touch: None
        }
    );
    assert_eq!(due[0]["overdue_business_days"], json!(0));
}

#[test]
fn example_1_nobody_answers_with_an_assistant_on_file() {
    let (mut f, id) = play_example_1(true);
    check_after_example_1(&mut f, id, true);
    let channels: Vec<Value> = f.show(id)["attempts"]
        .as_array()
        .expect("attempts")
        .iter()
        .map(|attempt| attempt["channel"].clone())
        .collect();
    assert_eq!(
        channels,
        [
            json!("call"),
            json!("call"),
            json!("call"),
            json!("assistant"),
            json!("call")
        ]
    );
}

#[test]
fn example_1_nobody_answers_without_an_assistant() {
    let (mut f, id) = play_example_1(false);
    check_after_example_1(&mut f, id, false);
}

#[test]
fn the_assistant_advice_gives_way_to_the_close_out_once_it_is_due() {
    let mut f = Followup::new();
    let id = add_dana(&mut f, true);
    for day in ["2026-11-23", "2026-11-27", "2026-12-03"] {
        f.at(day).log(id, &[]);
    }
    // The assistant is not called on Mon 12-07: the advice stays, a day late, on Tuesday...
    let tuesday = f.at("2026-12-08").today_json();
    assert_eq!(tuesday.len(), 1, "{tuesday:#?}");
    assert_eq!(tuesday[0]["step"], json!("assistant"));
    assert_eq!(tuesday[0]["due"], json!("2026-12-07"));
    assert_eq!(tuesday[0]["overdue_business_days"], json!(1));
    // ...but it does not move the close-out, which replaces it on Wednesday.
    let wednesday = f.at("2026-12-09").today_json();
    assert_eq!(wednesday.len(), 1, "{wednesday:#?}");
    assert_eq!(
        Due::of(&wednesday[0]),
        Due {
            step: "fire".into(),
            due: "2026-12-09".into(),
            touch: Some(4)
        }
    );
}

#[test]
fn cadence_show_gives_the_dates_of_example_1() {
    let f = Followup::new();
    let rows = f.json(&["cadence", "show", "standard", "--start", MONDAY, "--json"]);
    let rows: Vec<(Value, Value, Value)> = rows
        .as_array()
        .expect("`cadence show --json` is an array")
        .iter()
        .map(|row| {
            (
                row["touch"].clone(),
                row["step"].clone(),
                row["date"].clone(),
            )
        })
        .collect();
    let mut expected: Vec<(Value, Value, Value)> = EXAMPLE_1
        .iter()
        .map(|(date, step, touch)| (json!(touch), json!(step), json!(date)))
        .collect();
    expected.push((Value::Null, json!("recontact"), json!("2027-03-15")));
    assert_eq!(rows, expected);

    // `standard` is the default, and the start defaults to today.
    let default = f.json(&["cadence", "show", "--json"]);
    assert_eq!(
        default,
        f.json(&["cadence", "show", "standard", "--start", "today", "--json"])
    );
    assert_eq!(default[0]["date"], json!(MONDAY));
}

#[test]
fn example_2_a_promise_comes_first_the_next_morning_with_its_time() {
    let mut f = Followup::new();
    let dana = add_dana(&mut f, false);
    // Others due the same Tuesday: one added that day, one a day late, one whose name sorts
    // before Dana's.
    let aaron = f.at(MONDAY).add("Aaron Abbott", &["--start", "2026-11-24"]);
    let late = f.at(MONDAY).add("Zelda Zimmer", &[]);
    f.at(MONDAY).log(dana, &["--promise", "tomorrow 08:15"]);

    let shown = f.show(dana);
    assert_eq!(shown["attempts"][0]["outcome"], json!("voicemail"));
    assert_eq!(
        shown["attempts"][0]["promise"],
        json!("2026-11-24T08:15:00")
    );
    assert_eq!(shown["next"]["step"], json!("follow-up"));
    assert_eq!(shown["next"]["promised"], json!(true));

    let due = f.at("2026-11-24").today_json();
    assert_eq!(due.len(), 3, "{due:#?}");
    let first = &due[0];
    assert_eq!(
        first["id"],
        json!(dana),
        "the promise is listed first: {due:#?}"
    );
    assert_eq!(
        Due::of(first),
        Due {
            step: "follow-up".into(),
            due: "2026-11-24".into(),
            touch: Some(2)
        }
    );
    assert_eq!(first["promised"], json!(true));
    assert_eq!(first["time"], json!("08:15"));
    assert_eq!(first["channel"], json!("call"));
    let script = first["script"].as_str().expect("a script");
    assert!(
        script.starts_with("Hi Dana,") && script.contains(". This is the call I promised you. "),
        "the script opens by saying the call is as promised: {script}"
    );
    assert!(
        script.contains("a quote for 12 chairs"),
        "then it says what the follow-up says: {script}"
    );
    let ids: Vec<Value> = due.iter().map(|item| item["id"].clone()).collect();
    assert_eq!(ids, [json!(dana), json!(late), json!(aaron)]);
    for other in &due[1..] {
        assert_eq!(other["promised"], json!(false));
    }

    // Tuesday's call goes to voicemail with no new promise: touch 3 is the rescue, due by
    // rule 4 on Thu 12-03, not promised.
    let logged = f
        .at("2026-11-24T08:15")
        .log(dana, &["--json"])
        .stdout_json();
    assert_eq!(logged["attempt"]["step"], json!("follow-up"));
    assert_eq!(logged["attempt"]["promise"], Value::Null);
    let next = &logged["next"];
    assert_eq!(
        Due::of(next),
        Due {
            step: "rescue".into(),
            due: "2026-12-03".into(),
            touch: Some(3)
        }
    );
    assert_eq!(
        (&next["promised"], &next["time"]),
        (&json!(false), &Value::Null)
    );
    for day in days("2026-11-25", "2026-12-02") {
        let due = f.at(&day).today_json();
        assert!(
            due.iter().all(|item| item["id"] != json!(dana)),
            "nothing is due for Dana on {day}: {due:#?}"
        );
    }
    let rescue = f.at("2026-12-03").today_json();
    let rescue = rescue
        .iter()
        .find(|item| item["id"] == json!(dana))
        .expect("the rescue is due");
    assert_eq!(rescue["step"], json!("rescue"));
    assert_eq!(rescue["promised"], json!(false));
}

#[test]
fn example_2_had_tuesday_promised_thursday_the_rescue_comes_thursday_at_08_15() {
    let mut f = Followup::new();
    let dana = add_dana(&mut f, false);
    f.at(MONDAY).log(dana, &["--promise", "tomorrow 08:15"]);
    f.at("2026-11-24T08:15")
        .log(dana, &["--promise", "thu 08:15"]);
    let due = f.at("2026-11-26T08:00").today_json();
    assert_eq!(due.len(), 1, "{due:#?}");
    let rescue = &due[0];
    assert_eq!(
        Due::of(rescue),
        Due {
            step: "rescue".into(),
            due: "2026-11-26".into(),
            touch: Some(3)
        }
    );
    assert_eq!(rescue["promised"], json!(true));
    assert_eq!(rescue["time"], json!("08:15"));
    let script = rescue["script"].as_str().expect("a script");
    assert!(
        script.contains(". This is the call I promised you. ")
            && script.contains("I don't want to turn into the caller you avoid"),
        "the promise moves the touch, the rescue stays the rescue: {script}"
    );
}

#[test]
fn example_3_a_reply_resets_the_run() {
    let mut f = Followup::new();
    let id = add_dana(&mut f, true);
    for day in ["2026-11-23", "2026-11-27", "2026-12-03"] {
        f.at(day).log(id, &[]);
    }
    let replied = f
        .at("2026-12-04")
        .log(
            id,
            &["--outcome", "replied", "--next", "2026-12-10", "--json"],
        )
        .stdout_json();
    assert_eq!(replied["attempt"]["outcome"], json!("replied"));
    assert_eq!(replied["attempt"]["next"], json!("2026-12-10"));
    assert_eq!(
        Due::of(&replied["next"]),
        Due {
            step: "next-step".into(),
            due: "2026-12-10".into(),
            touch: Some(1)
        },
        "the unanswered count is back to 0"
    );

    // Nothing until the agreed date: no assistant call, no close-out.
    for day in days("2026-12-04", "2026-12-09") {
        assert_eq!(f.at(&day).today_json(), Vec::<Value>::new(), "on {day}");
    }
    let due = f.at("2026-12-10").today_json();
    assert_eq!(due.len(), 1, "{due:#?}");
    assert_eq!(
        Due::of(&due[0]),
        Due {
            step: "next-step".into(),
            due: "2026-12-10".into(),
            touch: Some(1)
        }
    );

    // They go dark again: two new unanswered touches before the next rescue.
    let next = f.log(id, &["--json"]).stdout_json()["next"].clone();
    assert_eq!(
        Due::of(&next),
        Due {
            step: "follow-up".into(),
            due: "2026-12-16".into(),
            touch: Some(2)
        }
    );
    let next = f.at("2026-12-16").log(id, &["--json"]).stdout_json()["next"].clone();
    assert_eq!(
        Due::of(&next),
        Due {
            step: "rescue".into(),
            due: "2026-12-22".into(),
            touch: Some(3)
        },
        "rescue after 2 unanswered touches spanning 10 days: Thu 12-10 + 10 days, Tue 12-16 + 4"
    );
    // The close-out skips the built-in holiday of 2026-12-25.
    let next = f.at("2026-12-22").log(id, &["--json"]).stdout_json()["next"].clone();
    assert_eq!(next["step"], json!("assistant"));
    let due = f.at("2026-12-29").today_json();
    assert_eq!(
        due.iter().map(Due::of).collect::<Vec<_>>(),
        [Due {
            step: "fire".into(),
            due: "2026-12-29".into(),
            touch: Some(4)
        }]
    );
}

#[test]
fn an_overdue_action_counts_business_days_late_and_late_logging_counts_from_the_real_date() {
    let mut f = Followup::new();
    let id = add_dana(&mut f, false);
    f.at(MONDAY).log(id, &[]);

    // The follow-up was due Fri 2026-11-27; on Tue 12-01 it is 2 business days late.
    let due = f.at("2026-12-01").today_json();
    assert_eq!(due.len(), 1, "{due:#?}");
    assert_eq!(due[0]["step"], json!("follow-up"));
    assert_eq!(due[0]["due"], json!("2026-11-27"));
    assert_eq!(due[0]["overdue_business_days"], json!(2));
    assert_eq!(
        f.at("2026-11-30").today_json()[0]["overdue_business_days"],
        json!(1)
    );
    assert_eq!(
        f.at("2026-11-28").today_json()[0]["overdue_business_days"],
        json!(1)
    );

    // Logged on Tuesday itself, the rescue comes 4 business days after Tuesday...
    let mut late = Followup::new();
    let late_id = late.add("Dana Whitfield", &[]);
    late.log(late_id, &[]);
    let next = late
        .at("2026-12-01")
        .log(late_id, &["--json"])
        .stdout_json()["next"]
        .clone();
    assert_eq!(
        Due::of(&next),
        Due {
            step: "rescue".into(),
            due: "2026-12-07".into(),
            touch: Some(3)
        }
    );

    // ...but logged on Tuesday with --at Friday, it counts from Friday.
    let next = f
        .at("2026-12-01")
        .log(id, &["--at", "2026-11-27T10:00", "--json"])
        .stdout_json()["next"]
        .clone();
    assert_eq!(
        Due::of(&next),
        Due {
            step: "rescue".into(),
            due: "2026-12-03".into(),
            touch: Some(3)
        }
    );
    assert_eq!(
        f.show(id)["attempts"][1]["at"],
        json!("2026-11-27T10:00:00")
    );
}

#[test]
fn the_rescue_waits_for_its_minimum_span_rolled_forward_to_a_business_day() {
    let mut f = Followup::new();
    let id = f.at("2026-11-25").add("Dana Whitfield", &[]);
    f.log(id, &[]);
    // The follow-up made early, on Fri 11-27: 4 business days after it is Thu 12-03, but the
    // rescue needs 10 days since Wed 11-25, which is Sat 12-05, rolled forward to Mon 12-07.
    let next = f.at("2026-11-27").log(id, &["--json"]).stdout_json()["next"].clone();
    assert_eq!(
        Due::of(&next),
        Due {
            step: "rescue".into(),
            due: "2026-12-07".into(),
            touch: Some(3)
        }
    );
    assert_eq!(f.at("2026-12-04").today_json(), Vec::<Value>::new());
    assert_eq!(f.at("2026-12-07").today_json().len(), 1);
}

#[test]
fn today_is_ordered_promises_by_time_then_oldest_due_then_later_steps_then_name() {
    let mut f = Followup::new();
    // Fiona: the close-out is due Thu 12-03 (touches Mon 11-16, Fri 11-20, rescue Fri 11-27).
    let fiona = f.at("2026-11-16").add("Fiona Fairweather", &[]);
    f.log(fiona, &[]);
    f.at("2026-11-20").log(fiona, &[]);
    f.at("2026-11-27").log(fiona, &[]);
    // Rita: the rescue is due Thu 12-03 (example 1).
    let rita = f.at("2026-11-23").add("Rita Rowe", &[]);
    f.log(rita, &[]);
    f.at("2026-11-27").log(rita, &[]);
    // Fred: a follow-up due Thu 12-03; Olga: a follow-up due Fri 11-27, late.
    let fred = f.at("2026-11-27").add("Fred Foster", &[]);
    f.log(fred, &[]);
    let olga = f.at("2026-11-23").add("Olga Olsen", &[]);
    f.log(olga, &[]);
    // Bea: a first touch due Tue 12-01; Adam and zoe: first touches due Thu 12-03.
    let bea = f
        .at("2026-11-30")
        .add("Bea Brandt", &["--start", "2026-12-01"]);
    let zoe = f.add("zoe Young", &["--start", "2026-12-03"]);
    let adam = f.add("Adam Archer", &["--start", "2026-12-03"]);
    // Paul and Quinn: promised calls on Thu 12-03, Quinn's earlier in the day.
    let paul = f.at("2026-11-24").add("Paul Park", &[]);
    f.log(paul, &[]);
    f.at("2026-12-02T15:00")
        .log(paul, &["--promise", "2026-12-03T10:00"]);
    let quinn = f.at("2026-11-24").add("Quinn Quade", &[]);
    f.log(quinn, &[]);
    f.at("2026-12-02T15:00")
        .log(quinn, &["--promise", "tomorrow 08:15"]);

    let due = f.at("2026-12-03").today_json();
    let order: Vec<(i64, &str)> = due
        .iter()
        .map(|item| {
            (
                item["id"].as_i64().expect("id"),
                item["step"].as_str().expect("step"),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            // Their third touch is the rescue, promised: it comes first, by its time.
            (quinn, "rescue"),
            (paul, "rescue"),
            (olga, "follow-up"),
            (bea, "first"),
            (fiona, "fire"),
            (rita, "rescue"),
            (fred, "follow-up"),
            (adam, "first"),
            (zoe, "first"),
        ],
        "{:?}",
        names(&due)
    );
    assert_eq!(due[0]["time"], json!("08:15"));
    assert_eq!(due[1]["time"], json!("10:00"));
    let promised: Vec<&Value> = due.iter().map(|item| &item["promised"]).collect();
    assert_eq!(
        promised,
        [&json!(true), &json!(true)]
            .into_iter()
            .chain([&json!(false); 7])
            .collect::<Vec<_>>()
    );
}
