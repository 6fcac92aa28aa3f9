//! Promises through the real binary (cadence.md rule 1, issue 10 sections 1 and 4): a promise
//! sets when a touch happens, never what it says; a missed one is flagged, then overdue with
//! an apology; promises and agreed dates respect days off; the daily capacity counts touches
//! only.

mod common;

use common::{Followup, MONDAY, names};
use serde_json::{Value, json};

/// Dana, added on Mon 2026-11-23 with the details the messages use.
fn add_dana(f: &mut Followup) -> i64 {
    f.at(MONDAY).add("Dana Whitfield", &common::DANA)
}

/// The element of `today --json` for prospect `id`.
#[track_caller]
fn listed(due: &[Value], id: i64) -> &Value {
    due.iter()
        .find(|item| item["id"] == json!(id))
        .unwrap_or_else(|| panic!("{id} is not listed: {:?}", names(due)))
}

#[test]
fn a_voicemail_after_a_promise_does_not_repeat_the_old_promise() {
    // Issue 10: "I'll call again on Thursday 10 December at 10:00 sharp", a promise the list
    // then did not show at 10:00.
    let mut f = Followup::new();
    let dana = add_dana(&mut f);
    f.at("2026-11-23T10:00")
        .log(dana, &["--promise", "tomorrow 10:00"]);
    let logged = f
        .at("2026-11-24T10:00")
        .log(dana, &["--json"])
        .stdout_json();
    assert_eq!(logged["attempt"]["promise"], Value::Null, "no promise made");
    assert_eq!(logged["next"]["promised"], json!(false));
    assert_eq!(logged["next"]["time"], Value::Null);
    let rescue = f.at("2026-12-03").today_json();
    let rescue = listed(&rescue, dana);
    assert_eq!(rescue["step"], json!("rescue"));
    let words = format!("{} {}", rescue["script"], rescue["email_body"]);
    assert!(
        !words.contains("10:00") && !words.contains("sharp"),
        "a standard message names a day, never a time: {words}"
    );
    assert!(words.contains("I don't want to turn into"), "{words}");
}

#[test]
fn a_missed_promise_is_flagged_that_morning_then_overdue_with_an_apology() {
    let mut f = Followup::new();
    let dana = add_dana(&mut f);
    // They picked up and asked for a call on Tuesday at 08:15.
    f.at("2026-11-23T10:00").log(
        dana,
        &["--outcome", "connected", "--promise", "tomorrow 08:15"],
    );

    let tuesday = f.at("2026-11-24T09:00").today_json();
    let flagged = &tuesday[0];
    assert_eq!(flagged["id"], json!(dana), "at the top");
    assert_eq!(
        (&flagged["promised"], &flagged["missed"], &flagged["time"]),
        (&json!(true), &json!(true), &json!("08:15"))
    );
    let text = f.ok(&["today"]).stdout;
    assert!(text.contains("1 missed promise at the top"), "{text}");

    let wednesday = f.at("2026-11-25T09:00").today_json();
    let overdue = listed(&wednesday, dana);
    assert_eq!(overdue["step"], json!("follow-up"));
    assert_eq!(overdue["promised"], json!(false));
    assert_eq!(overdue["missed"], json!(false));
    assert_eq!(overdue["time"], Value::Null);
    assert_eq!(overdue["due"], json!("2026-11-24"));
    assert_eq!(overdue["overdue_business_days"], json!(1));
    assert_eq!(overdue["missed_promise"], json!("2026-11-24T08:15:00"));
    let script = overdue["script"].as_str().unwrap();
    assert!(
        script.starts_with("Hi Dana, ") && script.contains(". First, an apology: "),
        "the apology follows the greeting: {script}"
    );
    assert!(script.contains("a quote for 12 chairs"), "{script}");
    let why = f.ok(&["why", "dana"]).stdout;
    assert!(why.contains("the promise was missed"), "{why}");

    // Made on Thu 11-26: the cadence counts on from Thursday (Thu + 4 = Wed 12-02), not from
    // the day of the missed promise (Tue + 4 = Mon 11-30).
    let logged = f
        .at("2026-11-26T09:30")
        .log(dana, &["--json"])
        .stdout_json();
    assert_eq!(logged["attempt"]["step"], json!("follow-up"));
    assert_eq!(logged["next"]["step"], json!("follow-up"));
    assert_eq!(logged["next"]["due"], json!("2026-12-02"));
    assert_eq!(logged["next"]["missed_promise"], Value::Null);
}

#[test]
fn a_promise_on_the_close_out_is_one_more_call_with_the_close_out_message() {
    let mut f = Followup::new();
    let dana = add_dana(&mut f);
    for day in ["2026-11-23", "2026-11-27", "2026-12-03"] {
        f.at(day).log(dana, &[]);
    }
    let logged = f
        .at("2026-12-09T10:00")
        .log(dana, &["--promise", "tomorrow 09:30", "--json"])
        .stdout_json();
    assert_eq!(logged["attempt"]["step"], json!("fire"));
    let next = &logged["next"];
    assert_eq!(
        (
            &next["step"],
            &next["due"],
            &next["time"],
            &next["promised"]
        ),
        (
            &json!("fire"),
            &json!("2026-12-10"),
            &json!("09:30"),
            &json!(true)
        )
    );
    assert_eq!(
        (&next["touch"], &next["max_touches"]),
        (&json!(4), &json!(4))
    );
    let script = next["script"].as_str().unwrap();
    assert!(
        script.contains(". This is the call I promised you. ")
            && script.contains("closing the file"),
        "{script}"
    );
    assert!(
        !script.contains("later day") && !script.contains("09:30"),
        "{script}"
    );
    assert_eq!(next["missing"], json!([]), "{script}");

    // That call goes to voicemail: the file waits close_after_business_days (4) from it.
    let logged = f
        .at("2026-12-10T09:30")
        .log(dana, &["--json"])
        .stdout_json();
    assert_eq!(logged["attempt"]["step"], json!("fire"));
    assert_eq!(logged["next"]["step"], json!("close"));
    assert_eq!(logged["next"]["due"], json!("2026-12-16"));
}

#[test]
fn show_json_next_says_whether_it_was_promised() {
    let mut f = Followup::new();
    let dana = add_dana(&mut f);
    assert_eq!(f.show(dana)["next"]["promised"], json!(false));
    f.at("2026-11-23T10:00")
        .log(dana, &["--promise", "tomorrow 08:15"]);
    let next = &f.show(dana)["next"];
    assert_eq!(
        (&next["step"], &next["promised"], &next["time"]),
        (&json!("follow-up"), &json!(true), &json!("08:15"))
    );
}

#[test]
fn script_refuses_the_old_promised_step_and_names_what_to_do() {
    let mut f = Followup::new();
    let dana = add_dana(&mut f);
    f.run(&["script", &dana.to_string(), "--step", "promised"])
        .fails(2)
        .stderr_contains("no longer a step");
}

// ---------------------------------------------------------------------------------------------
// Days off (issue 10, section 4)
// ---------------------------------------------------------------------------------------------

#[test]
fn a_promise_for_a_saturday_is_refused_with_the_next_business_day_and_force_keeps_it() {
    let mut f = Followup::new();
    let dana = add_dana(&mut f);
    f.at("2026-11-27T10:00");
    let before = f.snapshot();
    let refused = f.run(&["log", "dana", "--promise", "tomorrow 08:15"]);
    refused.fails(2);
    let line = refused.stderr_line();
    assert!(
        line.contains("--promise Sat 2026-11-28 08:15 falls on a weekend")
            && line.contains("the next business day is Mon 2026-11-30")
            && line.contains("--force"),
        "{line}"
    );
    assert!(f.snapshot() == before, "a refused log writes nothing");

    let kept = f
        .log(dana, &["--promise", "tomorrow 08:15", "--force", "--json"])
        .stdout_json();
    assert_eq!(kept["attempt"]["promise"], json!("2026-11-28T08:15:00"));
    assert_eq!(kept["next"]["due"], json!("2026-11-28"));
}

#[test]
fn an_agreed_date_on_a_holiday_of_the_cadence_file_is_refused() {
    // The built-in cadence file has Fri 2026-12-25 off.
    let mut f = Followup::new();
    let dana = add_dana(&mut f);
    let refused = f.at("2026-12-21T10:00").run(&[
        "log",
        "dana",
        "--outcome",
        "connected",
        "--next",
        "2026-12-25",
    ]);
    refused.fails(2);
    let line = refused.stderr_line();
    assert!(
        line.contains("--next Fri 2026-12-25 falls on a holiday")
            && line.contains("Mon 2026-12-28"),
        "{line}"
    );
    f.log(dana, &["--outcome", "connected", "--next", "2026-12-28"]);
    assert_eq!(f.show(dana)["next"]["due"], json!("2026-12-28"));
}

#[test]
fn fixed_dates_that_fall_while_away_are_due_on_the_day_of_return() {
    let mut f = Followup::new();
    let dana = add_dana(&mut f);
    let eve = f.add("Eve Example", &["--phone", "555-0190"]);
    f.at("2026-11-27T10:00");
    f.log(dana, &["--promise", "2026-12-01 08:15"]);
    f.log(eve, &["--outcome", "connected", "--next", "2026-12-01"]);
    f.ok(&["away", "2026-11-30", "2026-12-02"]);
    // Marked away after they were agreed: a promise inside the days away is now refused...
    f.run(&["log", "dana", "--promise", "2026-12-02 08:15"])
        .fails(2)
        .stderr_contains("a day you are marked away");

    // ...and while away, nothing is listed.
    let away = f.at("2026-12-01T09:00").run(&["today"]);
    away.success();
    assert!(
        away.stdout
            .contains("nothing is scheduled before Thu 2026-12-03"),
        "{}",
        away.stdout
    );
    assert_eq!(f.today_json(), Vec::<Value>::new());

    // Back on Thursday: both are due that day, the missed promise with an apology.
    let back = f.at("2026-12-03T09:00").today_json();
    assert_eq!(back.len(), 2, "{:?}", names(&back));
    let promise = listed(&back, dana);
    assert_eq!(
        (
            &promise["due"],
            &promise["promised"],
            &promise["overdue_business_days"]
        ),
        (&json!("2026-12-03"), &json!(false), &json!(0))
    );
    assert!(
        promise["script"]
            .as_str()
            .unwrap()
            .contains(". First, an apology: ")
    );
    assert_eq!(listed(&back, eve)["due"], json!("2026-12-03"));
}

#[test]
fn a_close_does_not_count_against_max_touches_per_day() {
    // Issue 10: a `close` chore took the day's only room and pushed a new lead to tomorrow.
    let mut f = Followup::new();
    let cadence = f.write(
        "cadence.toml",
        "[calendar]\nmax_touches_per_day = 1\n\n[cadence.standard]\n",
    );
    let with = |f: &Followup, args: &[&str]| {
        let run = f.cmd(args).env("FOLLOWUP_CADENCE", &cadence).run();
        run.success();
        run
    };
    with(f.at(MONDAY), &["add", "Cara Close", "--phone", "1"]);
    for day in ["2026-11-23", "2026-11-27", "2026-12-03", "2026-12-09"] {
        with(f.at(day), &["log", "cara"]);
    }
    with(
        f.at("2026-12-15T08:00"),
        &["add", "Nina New", "--phone", "2"],
    );
    let due = with(f.at("2026-12-15T09:00"), &["today", "--json"]).stdout_json();
    let steps: Vec<(&str, &str)> = due
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            (
                item["name"].as_str().unwrap(),
                item["step"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        steps,
        [("Cara Close", "close"), ("Nina New", "first")],
        "both kept today"
    );
    let text = with(f.at("2026-12-15T09:00"), &["today"]).stdout;
    assert!(!text.contains("Moved to"), "{text}");
}
