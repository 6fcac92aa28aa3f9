//! Issue 14, "Every message earns the callback", through the binary: a voicemail's speaking
//! time, personal subjects, ground rules recalled, and the front desk as well as the assistant.

mod common;

use common::Followup;

// ---------------------------------------------------------------------------------------------
// Speakable in 20 to 40 seconds
// ---------------------------------------------------------------------------------------------

#[test]
fn script_says_how_long_a_voicemail_takes_to_say() {
    let f = Followup::new();
    f.add(
        "Dana Whitfield",
        &["--phone", "555-0190", "--topic", "ergonomic chairs"],
    );
    f.add("Eli Mailonly", &["--email", "eli@example.com"]);
    let voice = f.ok(&["script", "dana"]).stdout.clone();
    let last = voice.lines().last().unwrap();
    assert!(
        last.starts_with("(About ") && last.ends_with(" seconds to say, at 150 words a minute.)"),
        "{voice}"
    );
    let seconds: u32 = last["(About ".len()..]
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!((20..=40).contains(&seconds), "{voice}");
    // An email is read, not heard.
    let email = f.ok(&["script", "eli"]).stdout.clone();
    assert!(!email.contains("seconds to say"), "{email}");

    // The rate is cadence.toml's: twice as fast, half the time (give or take the rounding).
    f.write(
        "fast.toml",
        include_str!("../cadence.toml").replace("words_per_minute = 150", "words_per_minute = 300"),
    );
    let fast = f
        .ok(&["--cadence", "fast.toml", "script", "dana"])
        .stdout
        .clone();
    let half = (seconds as f64 / 2.0).round() as u32;
    assert!(
        [half - 1, half, half + 1]
            .iter()
            .any(|near| fast.contains(&format!(
                "(About {near} seconds to say, at 300 words a minute: shorter than the 20"
            ))),
        "{fast}"
    );
}

#[test]
fn cadence_check_warns_about_each_voicemail_outside_20_to_40_seconds() {
    let f = Followup::new();
    let built_in = f.ok(&["cadence", "check"]);
    assert_eq!(built_in.stderr, "", "the shipped voicemails are crisp");

    f.write(
        "custom.toml",
        format!(
            "{}\n[templates.nurture]\nrecontact = \"Hi {{first_name}}, it's {{me}}. Call me.\"\n",
            include_str!("../cadence.toml")
        ),
    );
    let run = f.ok(&["--cadence", "custom.toml", "cadence", "check"]);
    assert!(run.stdout.contains(": OK"), "{run}");
    let warnings: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(warnings.len(), 1, "{run}");
    assert!(
        warnings[0].starts_with("warning: ")
            && warnings[0].contains("custom.toml, key `templates.nurture.recontact`: takes about")
            && warnings[0].contains("say a little more"),
        "{run}"
    );
}

#[test]
fn the_speaking_rate_is_checked_like_every_other_key() {
    let f = Followup::new();
    for (text, needle) in [
        (
            "[cadence.standard]\n[messages]\nwords_per_minute = 20\n",
            "50 to 400",
        ),
        (
            "[cadence.standard]\n[messages]\nwords_per_minute = \"fast\"\n",
            "whole number",
        ),
        (
            "[cadence.standard]\n[messages]\nwords_a_minute = 150\n",
            "unknown key",
        ),
    ] {
        f.write("rate.toml", text);
        let run = f.run(&["--cadence", "rate.toml", "cadence", "check"]);
        run.fails(2)
            .stderr_contains("line 3")
            .stderr_contains("messages.w")
            .stderr_contains(needle);
    }
}

// ---------------------------------------------------------------------------------------------
// Ground rules, set once and recalled
// ---------------------------------------------------------------------------------------------

#[test]
fn ground_rules_are_logged_at_a_conversation_shown_and_recalled() {
    let mut f = Followup::new();
    let id = f.add(
        "Dana Whitfield",
        &["--phone", "555-0190", "--topic", "ergonomic chairs"],
    );
    assert_eq!(f.show(id)["ground_rules"], false);
    // Not a conversation: a voicemail, an email, the assistant. Nothing is written.
    let before = f.snapshot();
    for flags in [
        &["--ground-rules"][..],
        &[
            "--channel",
            "email",
            "--outcome",
            "replied",
            "--ground-rules",
        ],
        &[
            "--channel",
            "assistant",
            "--outcome",
            "connected",
            "--ground-rules",
        ],
    ] {
        let mut args = vec!["log", "dana"];
        args.extend_from_slice(flags);
        f.run(&args).fails(2).stderr_contains("--ground-rules");
    }
    assert_eq!(f.snapshot(), before);

    f.ok(&["log", "dana", "--outcome", "connected", "--ground-rules"]);
    let shown = f.show(id);
    assert_eq!(shown["ground_rules"], true);
    let show = f.ok(&["show", "dana"]).stdout.clone();
    assert!(
        show.contains("  Ground rules: agreed: a plain no is welcome\n"),
        "{show}"
    );

    // Two unanswered touches later, the rescue recalls the agreement.
    f.at("2026-11-27T10:00");
    f.ok(&["log", "dana"]);
    f.at("2026-12-03T10:00");
    f.ok(&["log", "dana"]);
    let rescue = f.ok(&["script", "dana", "--step", "rescue"]).stdout.clone();
    assert!(
        rescue.contains("We agreed at the start that a plain no is welcome, and it still is"),
        "{rescue}"
    );
    let follow_up = f
        .ok(&["script", "dana", "--step", "follow-up"])
        .stdout
        .clone();
    assert!(
        follow_up.contains("As we agreed at the start"),
        "{follow_up}"
    );

    // Taken back with edit: the messages say nothing of the kind.
    f.ok(&["edit", "dana", "--ground-rules", "no"]);
    assert_eq!(f.show(id)["ground_rules"], false);
    let rescue = f.ok(&["script", "dana", "--step", "rescue"]).stdout.clone();
    assert!(!rescue.contains("agreed at the start"), "{rescue}");
    assert!(rescue.contains("If the timing is wrong"), "{rescue}");
    f.run(&["edit", "dana", "--ground-rules", "maybe"])
        .fails(2)
        .stderr_contains("yes or no");
}

#[test]
fn ground_rules_travel_in_a_json_export_and_back() {
    let f = Followup::new();
    let id = f.add("Dana Whitfield", &["--phone", "555-0190"]);
    f.log(
        id,
        &[
            "--channel",
            "in-person",
            "--outcome",
            "meeting",
            "--ground-rules",
        ],
    );
    let export = f.ok(&["export", "--format", "json"]).stdout.clone();
    assert!(export.contains("\"ground_rules\": true"), "{export}");
    let other = Followup::new();
    other.write("backup.json", &export);
    other.ok(&["import", "backup.json"]);
    assert_eq!(other.show(1)["ground_rules"], true);
}

// ---------------------------------------------------------------------------------------------
// The front desk as well as the assistant
// ---------------------------------------------------------------------------------------------

/// Dana, with no assistant: three unanswered touches (first, follow-up, rescue) by Thu 3 Dec.
fn unanswered_three_times(f: &mut Followup, flags: &[&str]) -> i64 {
    f.at("2026-11-23T09:00");
    let mut all = vec!["--phone", "555-0190", "--topic", "ergonomic chairs"];
    all.extend_from_slice(flags);
    let id = f.add("Dana Whitfield", &all);
    for day in ["2026-11-23T10:00", "2026-11-27T10:00", "2026-12-03T10:00"] {
        f.at(day);
        f.ok(&["log", "dana"]);
    }
    f.at("2026-12-07T09:00");
    id
}

#[test]
fn with_a_main_line_and_no_assistant_the_step_calls_the_front_desk() {
    let mut f = Followup::new();
    let id = unanswered_three_times(&mut f, &["--main-line", "555-0111"]);
    let due = &f.today_json()[0];
    assert_eq!(due["step"], "assistant");
    assert_eq!(due["channel"], "assistant");
    assert_eq!(due["to"], "555-0111");
    assert!(
        due["reason"]
            .as_str()
            .unwrap()
            .contains("the front desk may know"),
        "{due}"
    );
    let script = due["script"].as_str().unwrap();
    assert!(
        script.contains("I hope you can help me: I've been trying to reach Dana Whitfield, about ergonomic chairs. Are they in this week, or away?"),
        "{script}"
    );
    let today = f.ok(&["today"]).stdout.clone();
    assert!(today.contains("call the front desk on 555-0111"), "{today}");
    assert!(today.contains("front desk 555-0111"), "{today}");
    assert_eq!(f.show(id)["main_line"], "555-0111");
    let show = f.ok(&["show", "dana"]).stdout.clone();
    assert!(show.contains("  Main line: 555-0111\n"), "{show}");

    // Cleared, there is no one to ask: the fire comes next, as before.
    f.ok(&["edit", "dana", "--main-line", ""]);
    assert_eq!(f.today_json().len(), 0);
    assert_eq!(f.show(id)["next"]["step"], "fire");
}

#[test]
fn without_a_main_line_or_an_assistant_there_is_no_assistant_step() {
    let mut f = Followup::new();
    let id = unanswered_three_times(&mut f, &[]);
    assert!(f.today_json().is_empty());
    assert_eq!(f.show(id)["next"]["step"], "fire");
}

#[test]
fn a_main_line_column_is_imported() {
    let f = Followup::new();
    f.write(
        "leads.csv",
        "Name,Phone,Company Phone\nDana Whitfield,555-0190,555-0111\nLi Wei,555-0191,\n",
    );
    f.ok(&["import", "leads.csv"]);
    assert_eq!(f.show(1)["main_line"], "555-0111");
    assert_eq!(f.show(2)["main_line"], serde_json::Value::Null);
}
