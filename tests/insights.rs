//! What works and why, through the real binary: `stats` on a book of prospects with known
//! answers, `script`, `why`, per-cadence templates and missed promises, each on a pinned clock.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use serde_json::{Value, json};

/// Whether `text` says `sentence`, however its lines are wrapped and indented: the text for
/// people wraps to the width of the output, `COLUMNS` (100) when piped as here.
fn says(text: &str, sentence: &str) -> bool {
    let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
    words(text).contains(&words(sentence))
}

/// A temporary database (and cadence file, when one is written) driven command by command,
/// each at its own pinned moment.
struct Book {
    dir: tempfile::TempDir,
    cadence: Option<PathBuf>,
}

impl Book {
    fn new() -> Book {
        Book {
            dir: tempfile::tempdir().unwrap(),
            cadence: None,
        }
    }

    /// A book whose cadence file is the built-in one followed by `extra`.
    fn with_cadence(extra: &str) -> Book {
        let mut book = Book::new();
        let path = book.dir.path().join("cadence.toml");
        let built_in = include_str!("../cadence.toml");
        std::fs::write(&path, format!("{built_in}\n{extra}")).unwrap();
        book.cadence = Some(path);
        book
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("followup.db")
    }

    fn command(&self, now: &str, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_followup"));
        command
            .args(args)
            .env_clear()
            .env("COLUMNS", "100")
            .env("HOME", self.dir.path())
            .env("FOLLOWUP_DB", self.db())
            .env("FOLLOWUP_NOW", now)
            .stdin(Stdio::null());
        if let Some(cadence) = &self.cadence {
            command.env("FOLLOWUP_CADENCE", cadence);
        }
        command
    }

    #[track_caller]
    fn ok(&self, now: &str, args: &[&str]) -> String {
        let output = self.command(now, args).output().unwrap();
        assert!(
            output.status.success(),
            "followup {args:?} at {now} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    #[track_caller]
    fn json(&self, now: &str, args: &[&str]) -> Value {
        serde_json::from_str(&self.ok(now, args)).unwrap()
    }

    /// Runs a command that must fail with exit 2, one `error:` line and no panic; returns it.
    #[track_caller]
    fn refused(&self, now: &str, args: &[&str]) -> String {
        let output: Output = self.command(now, args).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(2), "followup {args:?}: {stderr}");
        assert!(stderr.starts_with("error: "), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        stderr
    }
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

// ---------------------------------------------------------------------------------------------
// stats
// ---------------------------------------------------------------------------------------------

/// November 2026 for eight prospects, on the built-in `standard` cadence (gap 4, rescue after
/// 2 unanswered over 10 days, close-out at 4). Touches (U unanswered, A answered):
///
/// - 1 Ann: first 11-02 U, follow-up 11-06 U, rescue 11-12 A (an email booking a meeting on
///   11-13 is her answer, not a touch), follow-up 11-27 U promising 11-30 14:00 (open at noon).
/// - 2 Bo: first 11-02 by email U; a connected call 11-03 (follow-up) A, promising 11-04
///   08:15; the promised follow-up 11-04 08:30 U (kept), promising 11-09 09:00; the promised
///   follow-up 11-10 by text U (that promise missed). A promise sets the time, never the step,
///   and a call made as promised promises nothing by itself (cadence.md rule 1).
/// - 3 Cy: first 11-09 U, follow-up 11-13 U promising 11-16 10:00 (missed); closed
///   no-response 11-20.
/// - 4 Di (assistant Lee): first 11-02 U, follow-up 11-06 U, rescue 11-12 A; the assistant,
///   reached 11-16, A (Di replied 11-17, which also answers the rescue).
/// - 5 Ed: first 11-02, follow-up 11-06, rescue 11-12, fire 11-18, all U; closed no-response
///   11-24.
/// - 6 Fay: first 11-02 A (connected); closed won 11-05.
/// - 7 Gil: first 10-05 and follow-up 10-09 U, closed no-response 10-09, reopened 11-23:
///   follow-up 11-23 A (replied 11-24, promising 11-26 09:00), follow-up 11-25 A (connected,
///   a day before the promise: overtaken).
/// - 8 Hal: first 11-16 A (declined on the call, which closes the file not-interested).
fn november() -> Book {
    let book = Book::new();
    let add = |now: &str, name: &str, extra: &[&str]| {
        let mut args = vec!["add", name];
        args.extend_from_slice(extra);
        book.ok(now, &args);
    };
    let log = |now: &str, who: &str, extra: &[&str]| {
        let mut args = vec!["log", who];
        args.extend_from_slice(extra);
        book.ok(now, &args);
    };

    add("2026-10-05T08:00", "Gil Gray", &[]);
    log("2026-10-05T10:00", "gil", &[]);
    log("2026-10-09T10:00", "gil", &[]);
    book.ok(
        "2026-10-09T17:00",
        &["close", "gil", "--reason", "no-response"],
    );

    for name in ["Ann Ames", "Bo Berg", "Di Dunn", "Ed Eng", "Fay Fox"] {
        let extra: &[&str] = if name == "Di Dunn" {
            &["--assistant", "Lee"]
        } else {
            &[]
        };
        add("2026-11-02T08:00", name, extra);
    }
    for who in ["ann", "di", "ed"] {
        log("2026-11-02T10:00", who, &[]);
        log("2026-11-06T10:00", who, &[]);
        log("2026-11-12T10:00", who, &[]);
    }
    log(
        "2026-11-13T16:00",
        "ann",
        &["--channel", "email", "--outcome", "meeting"],
    );
    log(
        "2026-11-27T10:00",
        "ann",
        &["--promise", "2026-11-30T14:00"],
    );

    log("2026-11-02T11:00", "bo", &["--channel", "email"]);
    log(
        "2026-11-03T10:00",
        "bo",
        &["--outcome", "connected", "--promise", "2026-11-04T08:15"],
    );
    log(
        "2026-11-04T08:30",
        "bo",
        &["--outcome", "no-answer", "--promise", "2026-11-09T09:00"],
    );
    log("2026-11-10T09:00", "bo", &["--channel", "text"]);

    add("2026-11-09T08:00", "Cy Cole", &[]);
    log("2026-11-09T10:00", "cy", &[]);
    log("2026-11-13T10:00", "cy", &["--promise", "2026-11-16T10:00"]);
    book.ok(
        "2026-11-20T17:00",
        &["close", "cy", "--reason", "no-response"],
    );

    log(
        "2026-11-16T10:00",
        "di",
        &["--channel", "assistant", "--outcome", "connected"],
    );
    log("2026-11-17T09:00", "di", &["--outcome", "replied"]);

    log("2026-11-18T10:00", "ed", &[]);
    book.ok(
        "2026-11-24T17:00",
        &["close", "ed", "--reason", "no-response"],
    );

    log("2026-11-02T10:30", "fay", &["--outcome", "connected"]);
    book.ok("2026-11-05T12:00", &["close", "fay", "--reason", "won"]);

    book.ok("2026-11-23T09:00", &["reopen", "gil"]);
    log("2026-11-23T10:00", "gil", &[]);
    log(
        "2026-11-24T10:00",
        "gil",
        &["--outcome", "replied", "--promise", "2026-11-26T09:00"],
    );
    log("2026-11-25T15:00", "gil", &["--outcome", "connected"]);

    add("2026-11-16T08:00", "Hal Hill", &[]);
    log("2026-11-16T10:00", "hal", &["--outcome", "declined"]);
    book
}

const NOVEMBER_NOW: &str = "2026-11-30T12:00";

fn tally(touches: u32, answered: u32) -> Value {
    let rate = (touches > 0).then(|| f64::from(answered) / f64::from(touches));
    json!({ "touches": touches, "answered": answered, "reply_rate": rate })
}

fn row(key: &str, value: &str, touches: u32, answered: u32) -> Value {
    let mut row = tally(touches, answered);
    row[key] = json!(value);
    row
}

#[test]
fn stats_json_gives_every_figure_of_a_known_month() {
    let book = november();
    let stats = book.json(
        NOVEMBER_NOW,
        &[
            "stats",
            "--since",
            "2026-11-01",
            "--until",
            "2026-11-30",
            "--json",
        ],
    );
    let mut rescue = tally(3, 2);
    rescue["claimed_reply_rate"] = json!(0.75);
    rescue["min_sample"] = json!(10);
    rescue["verdict"] = Value::Null;
    let expected = json!({
        "since": "2026-11-01",
        "until": "2026-11-30",
        "total": tally(21, 7),
        "assistant": tally(1, 1),
        "by_step": [
            row("step", "first", 7, 2),
            row("step", "follow-up", 10, 3),
            row("step", "rescue", 3, 2),
            row("step", "fire", 1, 0),
            row("step", "close", 0, 0),
            // History only: databases made before rule 1 was rewritten hold this step.
            row("step", "promised", 0, 0),
            row("step", "next-step", 0, 0),
            row("step", "recontact", 0, 0),
            row("step", "drip", 0, 0),
        ],
        "by_channel": [
            row("channel", "call", 19, 7),
            row("channel", "email", 1, 0),
            row("channel", "text", 1, 0),
            row("channel", "in-person", 0, 0),
        ],
        "first_response": {
            "after_touches": [
                { "touches": 1, "runs": 3 },
                { "touches": 2, "runs": 1 },
                { "touches": 3, "runs": 2 },
            ],
            "without_response": 2,
        },
        "rescue": rescue,
        "promises": { "kept": 1, "missed": 2, "early": 1, "open": 1 },
        "closed": [
            { "reason": "won", "files": 1 },
            { "reason": "not-interested", "files": 1 },
            { "reason": "no-response", "files": 2 },
            { "reason": "not-a-fit", "files": 0 },
            { "reason": "lost", "files": 0 },
        ],
        "weekly": [
            { "week_of": "2026-10-12", "touches": 0 },
            { "week_of": "2026-10-19", "touches": 0 },
            { "week_of": "2026-10-26", "touches": 0 },
            { "week_of": "2026-11-02", "touches": 10 },
            { "week_of": "2026-11-09", "touches": 6 },
            { "week_of": "2026-11-16", "touches": 2 },
            { "week_of": "2026-11-23", "touches": 3 },
            { "week_of": "2026-11-30", "touches": 0 },
        ],
        // No touch carried a value item.
        "value_items": [],
    });
    assert_eq!(
        stats,
        expected,
        "got:\n{}",
        serde_json::to_string_pretty(&stats).unwrap()
    );

    // The same book for a shorter period: Mon 11-09 to Fri 11-13. Touches dated in it: Ann's,
    // Di's and Ed's rescues (11-12), Bo's text (11-10), Cy's two; Ann's and Di's rescues were
    // answered after the period ends, which still counts.
    let week = book.json(
        NOVEMBER_NOW,
        &[
            "stats",
            "--since",
            "2026-11-09",
            "--until",
            "2026-11-13",
            "--json",
        ],
    );
    assert_eq!(week["total"], tally(6, 2));
    assert_eq!(week["by_step"][2], row("step", "rescue", 3, 2));
    assert_eq!(
        week["first_response"],
        json!({
            "after_touches": [{ "touches": 3, "runs": 2 }],
            "without_response": 2,
        })
    );
    assert_eq!(
        week["promises"],
        json!({ "kept": 0, "missed": 1, "early": 0, "open": 0 })
    );
    assert_eq!(
        week["weekly"][7],
        json!({ "week_of": "2026-11-09", "touches": 6 })
    );
}

#[test]
fn stats_for_people_show_the_rescue_without_a_verdict_and_the_weekly_chart() {
    let book = november();
    let text = book.ok(
        NOVEMBER_NOW,
        &["stats", "--since", "2026-11-01", "--until", "2026-11-30"],
    );
    assert!(text.contains("Touches: 21, answered 7 (33%)."), "{text}");
    assert!(
        says(
            &text,
            "Rescue messages: 3 sent, 2 answered (67%). The rescue advice claims about 75%; \
             with fewer than 10 rescues sent, this says nothing either way."
        ),
        "{text}"
    );
    assert!(
        text.contains("Promised callbacks: 1 kept, 2 missed (33% kept); 1 overtaken"),
        "{text}"
    );
    assert!(
        text.contains("Files closed: 1 won, 1 not-interested, 2 no-response."),
        "{text}"
    );
    let full = "█".repeat(24);
    assert!(
        text.contains(&format!("  Mon 2026-11-02 │{full} 10")),
        "the busiest week fills the bar:\n{text}"
    );
    // 6 of 10: 14.4 cells, 14 full and 3 eighths.
    assert!(
        text.contains(&format!("  Mon 2026-11-09 │{}▍", "█".repeat(14))),
        "{text}"
    );
    assert!(text.contains("  Mon 2026-11-30 │"), "{text}");
}

#[test]
fn ten_rescues_are_enough_to_compare_with_the_claim() {
    let book = Book::new();
    for index in 0..10 {
        let name = format!("Prospect {index:02}");
        book.ok("2026-11-02T08:00", &["add", &name]);
        let id = (index + 1).to_string();
        for day in ["2026-11-02", "2026-11-06", "2026-11-12"] {
            book.ok(&format!("{day}T10:00"), &["log", &id]);
        }
        if index < 8 {
            book.ok("2026-11-13T10:00", &["log", &id, "--outcome", "replied"]);
        }
    }
    let stats = book.json("2026-11-30T12:00", &["stats", "--json"]);
    assert_eq!(stats["rescue"]["touches"], 10);
    assert_eq!(stats["rescue"]["answered"], 8);
    assert_eq!(stats["rescue"]["verdict"], "above");
    let text = book.ok("2026-11-30T12:00", &["stats"]);
    assert!(
        text.contains(
            "Rescue messages: 10 sent, 8 answered (80%): above the 75% the advice claims."
        ),
        "{text}"
    );
}

#[test]
fn a_reply_is_an_answer_before_the_next_touch_is_due_and_that_touch_after_as_log_records_it() {
    let book = Book::new();
    book.ok("2026-11-23T08:00", &["add", "Ann Ames"]);
    book.ok("2026-11-23T08:00", &["add", "Bo Berg"]);
    book.ok("2026-11-23T10:00", &["log", "ann"]);
    book.ok("2026-11-23T10:00", &["log", "bo"]);
    // The follow-ups are due Fri 11-27.
    let ann = book.ok("2026-11-26T10:00", &["log", "ann", "--outcome", "replied"]);
    assert!(ann.contains(": step first."), "{ann}");
    let bo = book.ok("2026-11-27T10:00", &["log", "bo", "--outcome", "replied"]);
    assert!(bo.contains(": touch 2 of 4, step follow-up."), "{bo}");

    let stats = book.json("2026-11-30T12:00", &["stats", "--json"]);
    assert_eq!(stats["total"], tally(3, 2));
    assert_eq!(stats["by_step"][0], row("step", "first", 2, 1));
    assert_eq!(stats["by_step"][1], row("step", "follow-up", 1, 1));
    assert_eq!(
        stats["first_response"]["after_touches"],
        json!([{ "touches": 1, "runs": 1 }, { "touches": 2, "runs": 1 }])
    );
}

#[test]
fn stats_refuse_a_period_that_runs_backwards_or_a_bad_date() {
    let book = Book::new();
    let stderr = book.refused(
        NOVEMBER_NOW,
        &["stats", "--since", "2026-12-01", "--until", "2026-11-01"],
    );
    assert!(stderr.contains("--since 2026-12-01 is after --until 2026-11-01"));
    let stderr = book.refused(NOVEMBER_NOW, &["stats", "--since", "last year"]);
    assert!(stderr.contains("--since"), "{stderr}");
}

#[test]
fn an_empty_book_has_stats_of_zeros() {
    let book = Book::new();
    let stats = book.json(NOVEMBER_NOW, &["stats", "--json"]);
    assert_eq!(stats["total"], tally(0, 0));
    assert_eq!(stats["weekly"].as_array().unwrap().len(), 8);
    assert!(
        book.ok(NOVEMBER_NOW, &["stats"])
            .contains("Touches: 0, answered 0 (-).")
    );
}

#[test]
fn the_help_defines_an_answered_touch() {
    let help = Book::new().ok(NOVEMBER_NOW, &["stats", "--help"]);
    for words in [
        "answered   A touch is answered when a response is logged",
        "before the next touch",
        "gap_business_days",
        "A response on the same day as the touch answers it",
        "no later than 30 minutes after the promised time",
        "at least 10 rescues",
    ] {
        assert!(help.contains(words), "{words:?} not in:\n{help}");
    }
}

// ---------------------------------------------------------------------------------------------
// Missed promises
// ---------------------------------------------------------------------------------------------

#[test]
fn a_missed_promise_heads_the_morning_list_until_any_attempt_settles_it() {
    let book = Book::new();
    for name in ["Ann Ames", "Bo Berg", "Cy Cole"] {
        book.ok("2026-11-23T08:00", &["add", name]);
    }
    book.ok(
        "2026-11-23T10:00",
        &["log", "ann", "--promise", "2026-11-24T11:00"],
    );
    book.ok(
        "2026-11-23T10:00",
        &["log", "bo", "--promise", "2026-11-24T08:15"],
    );

    let today = book.json("2026-11-24T09:35", &["today", "--json"]);
    let order: Vec<(&str, bool, Value)> = today
        .as_array()
        .unwrap()
        .iter()
        .map(|view| {
            (
                view["name"].as_str().unwrap(),
                view["missed"].as_bool().unwrap(),
                view["late_minutes"].clone(),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            ("Bo Berg", true, json!(80)),
            ("Ann Ames", false, Value::Null),
            ("Cy Cole", false, Value::Null),
        ]
    );
    let text = book.ok("2026-11-24T09:35", &["today"]);
    assert!(text.contains("1 missed promise at the top"), "{text}");
    assert!(text.contains("08:15 MISSED by 1h 20m"), "{text}");
    assert!(
        text.contains("Bo Berg (follow-up, promised, MISSED by 1h 20m)"),
        "{text}"
    );

    // Any attempt settles it: Bo is no longer listed as missed.
    book.ok("2026-11-24T09:40", &["log", "bo", "--channel", "email"]);
    let today = book.json("2026-11-24T09:45", &["today", "--json"]);
    assert!(
        today
            .as_array()
            .unwrap()
            .iter()
            .all(|view| view["missed"] == false),
        "{today}"
    );
    // The email was itself the promised call, unanswered. It promises nothing by itself
    // (only the user or a cadence with promise_time does): the rescue of Thu 12-03 is due by
    // rule 4, with no time.
    let why = book.json("2026-11-24T09:45", &["why", "bo", "--json"]);
    assert_eq!(why["rule"], 4);
    assert_eq!(
        why["next"],
        json!({ "step": "rescue", "due": "2026-12-03", "time": null, "touch": 3 })
    );
}

// ---------------------------------------------------------------------------------------------
// script
// ---------------------------------------------------------------------------------------------

#[test]
fn script_marks_each_missing_field_with_the_command_that_sets_it() {
    let book = Book::new();
    book.ok(
        "2026-11-23T08:00",
        &[
            "add",
            "Dana Whitfield",
            "--company",
            "Lakeside Dental",
            "--phone",
            "555-0147",
        ],
    );
    for day in ["2026-11-23", "2026-11-27"] {
        book.ok(&format!("{day}T10:00"), &["log", "dana"]);
    }
    let voice = book.ok("2026-12-03T09:00", &["script", "dana"]);
    assert!(
        voice.starts_with(
            "Dana Whitfield (Lakeside Dental): rescue, touch 3 of 4, Thu 2026-12-03; call 555-0147\n\n"
        ),
        "{voice}"
    );
    // Issue 10: a sentence that needs a missing fact has a version without it, so the
    // message says nothing false and needs no marker.
    assert!(
        voice.contains("Harbor Office Supply. I've tried you a few times now, and I don't"),
        "{voice}"
    );
    assert!(
        !voice.contains("we agreed") && !voice.contains('['),
        "{voice}"
    );

    // Asked for the email anyway: the address it lacks is marked.
    let email = book.ok("2026-12-03T09:00", &["script", "dana", "--email"]);
    assert!(
        email.starts_with(
            "To: [no email address on file: followup edit 1 --email ...]\n\
             Subject: Should I close your file?\n\n\
             Hi Dana,\n"
        ),
        "{email}"
    );

    // Once the fields are on file, no marker is left.
    book.ok(
        "2026-12-03T09:00",
        &[
            "edit",
            "dana",
            "--next-step",
            "a quote for 12 chairs",
            "--topic",
            "ergonomic chairs",
            "--email",
            "dana@lakeside.example",
        ],
    );
    let email = book.ok("2026-12-03T09:00", &["script", "dana", "--email"]);
    assert!(
        email.starts_with(
            "To: dana@lakeside.example\nSubject: Should I close the file on ergonomic chairs?\n"
        ),
        "{email}"
    );
    assert!(
        email.contains("We agreed on a quote for 12 chairs as the next step."),
        "{email}"
    );
    assert!(!email.contains('['), "{email}");
}

#[test]
fn script_writes_a_named_step_and_refuses_an_email_the_step_does_not_have() {
    let book = Book::new();
    book.ok(
        "2026-11-23T08:00",
        &[
            "add",
            "Dana Whitfield",
            "--topic",
            "chairs",
            "--assistant",
            "Lee",
        ],
    );
    let fire = book.ok("2026-11-23T09:00", &["script", "dana", "--step", "fire"]);
    assert!(
        fire.starts_with("Dana Whitfield: fire, touch 1 of 4"),
        "{fire}"
    );
    // Issue 10: "chairs isn't a priority"; the wording now fits any topic.
    assert!(
        fire.contains("I'll take it that now isn't the right time for chairs,"),
        "{fire}"
    );
    assert!(!fire.contains('['), "nothing missing to mark: {fire}");

    let assistant = book.ok(
        "2026-11-23T09:00",
        &["script", "dana", "--step", "assistant"],
    );
    assert!(
        assistant.contains("Hello Lee, this is Sam Carter"),
        "{assistant}"
    );
    assert!(
        assistant.contains("; no phone number for the assistant on file: add it with `followup edit 1 --assistant-phone ...`"),
        "{assistant}"
    );
    let stderr = book.refused(
        "2026-11-23T09:00",
        &["script", "dana", "--step", "assistant", "--email"],
    );
    assert!(
        stderr.contains("assistant_subject") && stderr.contains("assistant_email"),
        "{stderr}"
    );
    book.refused("2026-11-23T09:00", &["script", "dana", "--step", "lunch"]);
    book.refused("2026-11-23T09:00", &["script", "nobody"]);

    // A closed file with nothing planned needs a named step.
    book.ok("2026-11-23T10:00", &["close", "dana", "--reason", "won"]);
    let stderr = book.refused("2026-11-23T10:00", &["script", "dana"]);
    assert!(stderr.contains("--step recontact"), "{stderr}");
    book.ok(
        "2026-11-23T10:00",
        &["script", "dana", "--step", "recontact"],
    );
}

// ---------------------------------------------------------------------------------------------
// Templates per cadence
// ---------------------------------------------------------------------------------------------

#[test]
fn a_cadence_own_template_is_used_for_its_prospects() {
    let book = Book::with_cadence(
        "[templates.as-promised]\n\
         promise-kept = \"Calling at {promise_time}, as I said I would.\"\n",
    );
    let check = book.ok("2026-11-23T08:00", &["cadence", "check"]);
    assert!(
        check.contains("cadence as-promised: ")
            && check.contains("1 message of its own in [templates.as-promised]"),
        "{check}"
    );
    book.ok(
        "2026-11-23T08:00",
        &["add", "Li Wei", "--cadence", "as-promised"],
    );
    book.ok("2026-11-23T08:00", &["add", "Bo Berg"]);
    for who in ["li", "bo"] {
        book.ok(
            "2026-11-23T10:00",
            &["log", who, "--promise", "2026-11-24T08:15"],
        );
    }
    let li = book.ok("2026-11-24T08:00", &["script", "li"]);
    assert!(
        li.contains(
            "\n\nHi Li, Sam Carter from Harbor Office Supply again. Calling at 08:15, as I said I would. "
        ),
        "{li}"
    );
    let bo = book.ok("2026-11-24T08:00", &["script", "bo"]);
    assert!(
        bo.contains(
            "Hi Bo, Sam Carter from Harbor Office Supply again. This is the call I promised you. "
        ),
        "{bo}"
    );
    // The morning list uses the same templates.
    let today = book.json("2026-11-24T08:00", &["today", "--json"]);
    let li_view = today
        .as_array()
        .unwrap()
        .iter()
        .find(|view| view["name"] == "Li Wei")
        .unwrap();
    assert!(
        li_view["script"]
            .as_str()
            .unwrap()
            .starts_with("Hi Li, Sam Carter from Harbor Office Supply again. Calling at 08:15, as I said I would. "),
        "{li_view}"
    );
}

#[test]
fn cadence_check_names_the_template_and_the_unknown_placeholder() {
    let book = Book::with_cadence(
        "[templates.as-promised]\npromise-kept = \"Calling as promised, {frist_name}.\"\n",
    );
    let stderr = book.refused("2026-11-23T08:00", &["cadence", "check"]);
    let cadence = book.cadence.clone().unwrap();
    assert!(stderr.contains(path_str(&cadence)), "{stderr}");
    assert!(
        stderr.contains("key `templates.as-promised.promise-kept`"),
        "{stderr}"
    );
    assert!(stderr.contains("{frist_name}"), "{stderr}");
    // Every command refuses the file, not only `cadence check`.
    book.refused("2026-11-23T08:00", &["today"]);

    let book = Book::with_cadence("[templates.as-promissed]\npromised = \"Hi {first_name}\"\n");
    let stderr = book.refused("2026-11-23T08:00", &["cadence", "check"]);
    assert!(stderr.contains("key `templates.as-promissed`"), "{stderr}");
    assert!(stderr.contains("no cadence 'as-promissed'"), "{stderr}");
}

// ---------------------------------------------------------------------------------------------
// why
// ---------------------------------------------------------------------------------------------

#[test]
fn why_shows_the_rules_and_the_arithmetic() {
    let book = Book::new();
    book.ok("2026-11-23T08:00", &["add", "Dana Whitfield"]);
    book.ok("2026-11-23T10:00", &["log", "dana"]);
    book.ok("2026-11-27T10:00", &["log", "dana", "--channel", "email"]);
    book.ok("2026-11-27T10:05", &["log", "dana"]);

    let text = book.ok("2026-11-30T09:00", &["why", "dana"]);
    for line in [
        "Why: Dana Whitfield (id 1), cadence standard",
        "  run: 2nd touch, Fri 2026-11-27: follow-up, 2 attempts, unanswered.",
        "  rule 4: u = 2 = rescue_after = 2 (and u + 1 is not max_touches = 4): the next touch is the rescue message.",
        "  rule 4: gap_business_days = 4: Fri 2026-11-27 + 4 business days = Thu 2026-12-03 (skipped: Sat 2026-11-28 weekend, Sun 2026-11-29 weekend).",
        "  rule 4: rescue_min_span_days = 10: the first unanswered touch, Mon 2026-11-23, + 10 days = Thu 2026-12-03.",
        "  next: rescue on Thu 2026-12-03, touch 3 of 4: due in 3 business days.",
    ] {
        assert!(says(&text, line), "{line:?} not in:\n{text}");
    }

    let why = book.json("2026-11-30T09:00", &["why", "1", "--json"]);
    assert_eq!(why["rule"], 4);
    assert_eq!(
        why["next"],
        json!({ "step": "rescue", "due": "2026-12-03", "time": null, "touch": 3 })
    );
    assert_eq!(
        why["touches"],
        json!([
            { "date": "2026-11-23", "step": "first", "attempts": 1, "answered": false },
            { "date": "2026-11-27", "step": "follow-up", "attempts": 2, "answered": false },
        ])
    );
    assert_eq!(why["unanswered"], 2);
    let labels: Vec<&str> = why["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| line["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels.first(), Some(&"run"));
    assert_eq!(labels.last(), Some(&"next"));
    assert!(labels.contains(&"rule 4"));
}

#[test]
fn why_names_the_promise_that_overrides_the_rules_and_the_holidays_skipped() {
    // The built-in calendar has Fri 2026-12-25 off.
    let book = Book::new();
    book.ok("2026-12-21T08:00", &["add", "Dana Whitfield"]);
    book.ok("2026-12-21T10:00", &["log", "dana"]);
    let text = book.ok("2026-12-21T11:00", &["why", "dana"]);
    assert!(
        says(
            &text,
            "rule 4: gap_business_days = 4: Mon 2026-12-21 + 4 business days = Mon 2026-12-28 \
             (skipped: Fri 2026-12-25 holiday, Sat 2026-12-26 weekend, Sun 2026-12-27 weekend)."
        ),
        "{text}"
    );

    book.ok(
        "2026-12-22T10:00",
        &["log", "dana", "--promise", "2026-12-23T08:15"],
    );
    let text = book.ok("2026-12-23T09:00", &["why", "dana"]);
    assert!(
        says(
            &text,
            "rule 1: the latest attempt (Tue 2026-12-22 10:00, call voicemail) promised a call on \
             Wed 2026-12-23 at 08:15: a promise sets when the next touch happens; the rules below \
             still say what it is."
        ),
        "{text}"
    );
    assert!(
        says(
            &text,
            "rule 4: the rescue waits for both the gap and the span: due on the later of Tue \
             2026-12-29 and Thu 2026-12-31, Thu 2026-12-31."
        ),
        "{text}"
    );
    assert!(
        says(
            &text,
            "rule 1: the promise fixes when the rescue touch happens, not what it is: Wed \
             2026-12-23 at 08:15 instead of Thu 2026-12-31, the date the rules above give."
        ),
        "{text}"
    );
    assert!(
        says(
            &text,
            "a missed promise, 45m late: log any attempt to settle it."
        ),
        "{text}"
    );
    book.refused("2026-12-23T09:00", &["why", "nobody"]);
}
