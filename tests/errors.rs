//! Bad input, table-driven: each case must exit with cli.md's status, print one `error: `
//! line that names what was wrong, never panic, and leave the database exactly as it was.

mod common;

use common::{Followup, Run};
use serde_json::json;

/// A world with some data: Dana (two unanswered touches), Dan, and Eve at "Dana Corp" (closed,
/// no response). The clock reads Thu 2026-12-03 09:00, the day Dana's rescue is due.
fn world() -> Followup {
    let mut f = Followup::new();
    let dana = f.add(
        "Dana Whitfield",
        &["--company", "Lakeside Dental", "--phone", "555-0147"],
    );
    f.log(dana, &[]);
    f.at("2026-11-27").log(dana, &["--channel", "email"]);
    f.add("Dan Brown", &["--company", "Acme"]);
    f.add("Eve", &["--company", "Dana Corp"]);
    f.ok(&["close", "eve", "--reason", "no-response"]);
    f.at("2026-12-03");
    f
}

/// One bad command line: its exit status and what its message must mention.
struct Case {
    args: &'static [&'static str],
    code: i32,
    mentions: &'static [&'static str],
}

const fn case(args: &'static [&'static str], mentions: &'static [&'static str]) -> Case {
    Case {
        args,
        code: 2,
        mentions,
    }
}

const BAD_INPUT: &[Case] = &[
    // Prospects that cannot be found, or not told apart.
    case(&["log", "zzz"], &["zzz"]),
    case(&["show", "99"], &["99"]),
    case(&["show", "99999999999999999999"], &["99999999999999999999"]),
    case(&["close", "-1", "--reason", "won"], &["-1"]),
    case(&["log", ""], &[]),
    case(&["reopen", "nobody"], &["nobody"]),
    case(&["edit", "nobody", "--phone", "1"], &["nobody"]),
    // Dates and times.
    case(&["--now", "2026-13-01", "today"], &["--now", "2026-13-01"]),
    case(&["--now", "tomorrow", "today"], &["tomorrow"]),
    case(
        &["--now", "2026-12-03T25:00", "list"],
        &["2026-12-03T25:00"],
    ),
    case(&["--now", "03/12/2026", "show", "whit"], &["03/12/2026"]),
    case(
        &["log", "whit", "--at", "yesterdayy"],
        &["--at", "yesterdayy"],
    ),
    case(&["log", "whit", "--at", "2026-12-03T9"], &["2026-12-03T9"]),
    case(
        &["log", "whit", "--promise", "tomorrow 25:00"],
        &["--promise", "tomorrow 25:00"],
    ),
    case(&["log", "whit", "--promise", "someday"], &["someday"]),
    case(
        &["log", "whit", "--next", "2026-02-30"],
        &["--next", "2026-02-30"],
    ),
    case(
        &["log", "whit", "--next", "tomorrow 08:00"],
        &["tomorrow 08:00"],
    ),
    case(&["add", "Zed", "--start", "nope"], &["--start", "nope"]),
    case(&["edit", "whit", "--start", "31/12/2026"], &["31/12/2026"]),
    case(&["cadence", "show", "--start", "foo"], &["--start", "foo"]),
    case(
        &[
            "close",
            "whit",
            "--reason",
            "won",
            "--recontact",
            "2026-02-30",
        ],
        &["--recontact", "2026-02-30"],
    ),
    case(
        &[
            "close",
            "whit",
            "--reason",
            "lost",
            "--recontact",
            "nevermore",
        ],
        &["nevermore"],
    ),
    case(&["log", "whit", "--at", "2026-12-04"], &["2026-12-04"]),
    case(&["log", "whit", "--at", "tomorrow"], &["future"]),
    case(
        &["log", "whit", "--promise", "2026-12-03T08:00"],
        &["--promise"],
    ),
    case(&["log", "whit", "--next", "2026-12-01"], &["--next"]),
    // Usage: unknown commands, flags and values.
    case(&["frobnicate"], &["frobnicate"]),
    case(&["today", "--bogus"], &["--bogus"]),
    case(&["add", "Zed", "--colour", "red"], &["--colour"]),
    case(&["log", "whit", "--outcome", "maybe"], &["maybe"]),
    case(&["log", "whit", "--channel", "fax"], &["fax"]),
    case(&["close", "whit", "--reason", "bored"], &["bored"]),
    case(&["close", "whit"], &[]),
    case(&["add", "Zed", "--prefers", "fax"], &["fax"]),
    case(&["list", "--status", "open"], &["open"]),
    case(&["log"], &[]),
    case(&["add"], &[]),
    case(&[], &[]),
    case(&["cadence"], &[]),
    case(&["cadence", "show", "nosuch"], &["nosuch"]),
    case(&["add", "Zed", "--cadence", "nosuch"], &["nosuch"]),
    case(&["edit", "whit", "--cadence", "nosuch"], &["nosuch"]),
    // Requests that make no sense.
    case(&["add", "   "], &[]),
    case(&["edit", "whit"], &[]),
    case(&["edit", "whit", "--name", ""], &[]),
    case(&["reopen", "whit"], &[]),
];

/// Runs every case against one world, checking after each that the database files are
/// unchanged, and at the end that everything a user can read back is unchanged too.
#[track_caller]
fn check_cases(f: &Followup, cases: &[Case]) {
    let before = f.snapshot();
    for case in cases {
        let run = f.run(case.args);
        check_failure(&run, case.code, case.mentions);
        assert_eq!(
            f.db_files(),
            before.files,
            "the database changed after a failed command\n{run}"
        );
    }
    assert_eq!(f.snapshot(), before);
}

#[track_caller]
fn check_failure(run: &Run, code: i32, mentions: &[&str]) {
    run.fails(code);
    for needle in mentions {
        run.stderr_contains(needle);
    }
}

#[test]
fn bad_input_exits_2_with_one_error_line_and_leaves_the_database_unchanged() {
    check_cases(&world(), BAD_INPUT);
}

#[test]
fn an_ambiguous_prospect_lists_the_candidates_with_their_ids() {
    let f = world();
    let before = f.snapshot();
    let run = f.run(&["log", "dan"]);
    run.fails(2);
    // "dan" is in Dana Whitfield, Dan Brown and the company Dana Corp.
    let line = run.stderr_line();
    for name in ["Dana Whitfield", "Dan Brown", "Eve"] {
        run.stderr_contains(name);
    }
    let numbers: Vec<&str> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|word| !word.is_empty())
        .collect();
    for id in ["1", "2", "3"] {
        assert!(numbers.contains(&id), "candidate id {id} is listed\n{run}");
    }
    // The same for every command that takes a PROSPECT.
    for args in [
        &["show", "DAN"][..],
        &["edit", "dan", "--phone", "1"],
        &["close", "dan", "--reason", "won"],
        &["reopen", "dan"],
    ] {
        let run = f.run(args);
        run.fails(2).stderr_contains("Dan Brown");
    }
    assert_eq!(f.snapshot(), before);

    // Narrowed down, or by id, it is found.
    assert_eq!(f.json(&["show", "dan b", "--json"])["id"], json!(2));
    assert_eq!(f.json(&["show", "3", "--json"])["name"], json!("Eve"));
}

#[test]
fn a_bad_clock_in_followup_now_is_named() {
    let f = world();
    let before = f.db_files();
    for (value, command) in [("someday", "today"), ("2026-02-30", "list"), ("", "today")] {
        let run = f.cmd([command]).env("FOLLOWUP_NOW", value).run();
        run.fails(2).stderr_contains(&format!("'{value}'"));
    }
    assert_eq!(f.db_files(), before);
}

/// Invalid cadence files: (file text, what the message must name besides the file).
const BAD_CADENCE_FILES: &[(&str, &[&str])] = &[
    (
        "[cadence.standard]\ngap_business_days = 4\nbogus_key = 1\n",
        &["bogus_key", "line 3"],
    ),
    ("[mee]\nname = \"Sam\"\n\n[cadence.standard]\n", &["mee"]),
    (
        "[cadence.standard]\nmax_touches = 3\nrescue_after = 2\n",
        &["rescue_after", "max_touches", "line 3"],
    ),
    (
        "[cadence.standard]\n\n[cadence.tight]\nmax_touches = 5\nrescue_after = 4\n",
        &["cadence.tight.rescue_after"],
    ),
    (
        "[cadence.standard]\ngap_business_days = -1\n",
        &["gap_business_days", "-1"],
    ),
    (
        "[calendar]\nholidays = [\"2026-13-01\"]\n\n[cadence.standard]\n",
        &["holidays", "2026-13-01"],
    ),
    (
        "[calendar]\nworkdays = [\"mon\", \"funday\"]\n\n[cadence.standard]\n",
        &["workdays", "funday"],
    ),
    (
        "[cadence.standard]\npromise_time = \"8am\"\n",
        &["promise_time", "8am"],
    ),
    ("[cadence.standard]\ngap_business_days = \n", &["line 2"]),
    ("[cadence.fast]\ngap_business_days = 1\n", &["standard"]),
    (
        "[templates]\nfirst = \"Hi {bogus}\"\n\n[cadence.standard]\n",
        &["first", "bogus"],
    ),
];

#[test]
fn an_invalid_cadence_file_exits_2_naming_the_file_and_the_key() {
    let f = world();
    let before = f.snapshot();
    for (index, (text, mentions)) in BAD_CADENCE_FILES.iter().enumerate() {
        let name = format!("bad-{index}.toml");
        let path = f.write(&name, text);
        for command in [&["cadence", "check"][..], &["today"], &["log", "whit"]] {
            let mut args = vec!["--cadence", path.to_str().expect("UTF-8")];
            args.extend_from_slice(command);
            let run = f.run(&args);
            check_failure(&run, 2, mentions);
            run.stderr_contains(&name);
        }
        // The same file from FOLLOWUP_CADENCE, and as the user's own cadence file.
        let run = f
            .cmd(["cadence", "check"])
            .env("FOLLOWUP_CADENCE", &path)
            .run();
        check_failure(&run, 2, mentions);
        f.write(".config/followup/cadence.toml", text);
        let run = f.run(&["today"]);
        check_failure(&run, 2, mentions);
        run.stderr_contains("cadence.toml");
        std::fs::remove_file(f.dir().join(".config/followup/cadence.toml")).expect("removed");
        assert_eq!(f.db_files(), before.files, "{text}");
    }
    assert_eq!(f.snapshot(), before);
}

#[test]
fn a_missing_cadence_file_is_an_error_that_names_it() {
    let f = world();
    let before = f.db_files();
    let run = f.run(&["--cadence", "no-such-cadence.toml", "today"]);
    assert_ne!(run.code, Some(0), "{run}");
    run.stderr_line();
    run.stderr_contains("no-such-cadence.toml");
    assert_eq!(f.db_files(), before);
}

#[test]
fn a_db_that_is_a_folder_or_not_a_database_exits_1() {
    let f = world();
    let folder = f.dir().join("a-folder");
    std::fs::create_dir(&folder).expect("a folder");
    let garbage = f.write(
        "notes.txt",
        "these are my notes, not a database\n".repeat(200),
    );
    let garbage_bytes = std::fs::read(&garbage).expect("read");
    let under_a_file = garbage.join("inside.db");

    for (path, mentions) in [
        (&folder, "a-folder"),
        (&garbage, "notes.txt"),
        (&under_a_file, "inside.db"),
    ] {
        for command in [
            &["today"][..],
            &["add", "Zed"],
            &["list", "--json"],
            &["log", "1"],
        ] {
            let mut args = vec!["--db", path.to_str().expect("UTF-8")];
            args.extend_from_slice(command);
            check_failure(&f.run(&args), 1, &[mentions]);
            let run = f.cmd(command.to_vec()).env("FOLLOWUP_DB", path).run();
            check_failure(&run, 1, &[mentions]);
        }
    }
    assert_eq!(
        std::fs::read(&garbage).expect("read"),
        garbage_bytes,
        "left as it was"
    );
    let mut names: Vec<String> = std::fs::read_dir(f.dir())
        .expect("list")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.starts_with("notes"))
        .collect();
    names.sort();
    assert_eq!(names, ["notes.txt"], "no -wal or -shm file beside it");
    assert_eq!(std::fs::read_dir(&folder).expect("list").count(), 0);
}

#[test]
fn extreme_input_never_panics() {
    let mut f = Followup::new();
    let long = "x".repeat(100_000);
    let strange = "Ann\u{1b}[31m Red\u{202e}\ttab\nnewline 🎉 Zoë";
    let id = f.add(
        strange,
        &["--company", &long, "--note", "'; DROP TABLE prospects; --"],
    );
    let shown = f.show(id);
    assert_eq!(shown["name"], json!(strange), "stored exactly");
    assert_eq!(shown["note"], json!("'; DROP TABLE prospects; --"));
    let run = f.ok(&["show", &id.to_string()]);
    assert!(
        !run.stdout.contains('\u{1b}'),
        "no raw escape reaches the terminal\n{run}"
    );
    f.ok(&["today"]);
    f.ok(&["list"]);

    // The edges of the calendar.
    for now in ["1900-01-01", "9999-12-31"] {
        f.at(now);
        let id = f.add("Edge Case", &[]);
        for args in [
            &["log", "edge", "--promise", "tomorrow 08:00"][..],
            &["log", "edge", "--next", "tomorrow"],
            &["log", "edge"],
            &["close", "edge", "--reason", "no-response"],
            &["today", "--json"],
            &["list", "--status", "all", "--json"],
            &["cadence", "show", "nurture", "--json"],
            &["reopen", "edge"],
            &["show", "edge", "--json"],
            &["close", "edge", "--reason", "lost", "--recontact", "mon"],
            &["edit", "edge", "--start", "today"],
        ] {
            let run = f.run(args);
            assert!(matches!(run.code, Some(0 | 2)), "{run}");
            if run.code == Some(2) {
                run.stderr_line();
            }
        }
        f.run(&["edit", &id.to_string(), "--name", &format!("Done {now}")]);
    }
    for value in [
        "0000-01-01",
        "+2026-11-23",
        "10000-01-01",
        "-1",
        "2026-11-23T23:59:60",
    ] {
        f.run(&["--now", value, "today"]).fails(2);
        f.run(&["log", "1", "--at", value]).fails(2);
    }
    f.run(&["show", &"9".repeat(40)]).fails(2);
}

#[test]
fn a_failing_command_with_another_cadence_file_leaves_the_database_unchanged() {
    let f = world();
    let custom = f.write(
        "custom.toml",
        "[calendar]\nholidays = []\n\n[cadence.standard]\ngap_business_days = 2\n",
    );
    let before = f.db_files();
    let run = f.run(&["--cadence", custom.to_str().expect("UTF-8"), "log", "zzz"]);
    run.fails(2);
    assert_eq!(f.db_files(), before, "the database changed\n{run}");
}

#[test]
fn a_missing_argument_is_named() {
    let f = world();
    f.run(&["log"]).fails(2).stderr_contains("PROSPECT");
    f.run(&["add"]).fails(2).stderr_contains("NAME");
    f.run(&["close", "whit"])
        .fails(2)
        .stderr_contains("--reason");
}

#[test]
fn the_cadence_file_may_be_given_after_the_command_too() {
    let f = world();
    let bad = f.write(
        "bad.toml",
        "[cadence.standard]\nrescue_after = 3\nmax_touches = 4\n",
    );
    let bad = bad.to_str().expect("UTF-8");
    for args in [
        &["today", "--cadence", bad][..],
        &["show", "whit", "--cadence", bad],
        &["cadence", "check", "--cadence", bad],
    ] {
        f.run(args)
            .fails(2)
            .stderr_contains("cadence.standard.rescue_after");
    }
    // After `add`, --cadence is the name of the prospect's cadence.
    f.run(&["add", "Zoe", "--cadence", "nurture"]).success();
}

#[test]
fn a_cadence_file_that_cannot_be_read_is_a_file_system_failure() {
    let f = world();
    let missing = f.dir().join("missing.toml");
    let missing = missing.to_str().expect("UTF-8");
    f.run(&["--cadence", missing, "today"])
        .fails(1)
        .stderr_contains("missing.toml");
    let folder = f.dir().to_str().expect("UTF-8").to_string();
    f.run(&["--cadence", &folder, "today"]).fails(1);
}
