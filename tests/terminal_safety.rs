//! What reaches the screen (issue 11, section 4): text from data and files never carries raw
//! terminal controls, JSON escapes them, a failing command prints one short line on stderr.

mod common;

use std::process::Command;

use common::Followup;
use serde_json::Value;

/// A title-rewriting OSC, a screen-clearing CSI, the same through the one-character C1 CSI,
/// and a right-to-left override.
const HOSTILE: &str = "Ann\u{1b}]0;owned\u{7} \u{1b}[2J \u{9b}2J \u{202e}evil";

fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| {
            (c.is_control() && c != '\n' && c != '\r' && c != '\t')
                || ('\u{202a}'..='\u{202e}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
        })
        .collect()
}

/// Runs `followup ARGS` on a pseudo-terminal (util-linux `script`), and returns what the
/// terminal received.
fn on_a_terminal(f: &Followup, args: &[&str]) -> String {
    let quote = |arg: &str| format!("'{}'", arg.replace('\'', "'\\''"));
    let line = std::iter::once(env!("CARGO_BIN_EXE_followup"))
        .chain(args.iter().copied())
        .map(quote)
        .collect::<Vec<_>>()
        .join(" ");
    let mut command = Command::new("script");
    command.args(["-qec", &line, "/dev/null"]);
    let reference = f.process(args);
    for (key, value) in reference.get_envs() {
        match value {
            Some(value) => command.env(key, value),
            None => command.env_remove(key),
        };
    }
    command.current_dir(f.dir());
    let output = command.output().expect("util-linux `script` runs");
    assert!(output.status.success(), "{output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn an_export_on_a_terminal_shows_controls_escaped_and_a_pipe_gets_the_data_as_it_is() {
    let f = Followup::new();
    f.add(HOSTILE, &["--company", "Co\u{1b}[31m"]);
    for format in ["csv", "json"] {
        let screen = on_a_terminal(&f, &["export", "--format", format]);
        assert!(screen.contains("Ann"), "{screen}");
        assert_eq!(
            raw_controls(&screen),
            [],
            "export --format {format}: {screen:?}"
        );
    }
    let screen = on_a_terminal(&f, &["agenda", "--ics"]);
    assert_eq!(raw_controls(&screen), [], "{screen:?}");
    // Into a pipe or a file, CSV keeps the name byte for byte, as --output does.
    let piped = f.ok(&["export"]).stdout.clone();
    assert!(piped.contains(HOSTILE), "{piped:?}");
}

#[test]
fn json_escapes_c1_controls_and_overrides_and_reads_back_the_same() {
    let f = Followup::new();
    let id = f.add(HOSTILE, &[]);
    for args in [
        vec!["show".to_string(), id.to_string(), "--json".to_string()],
        vec!["export".into(), "--format".into(), "json".into()],
        vec!["list".into(), "--json".into()],
        vec!["today".into(), "--json".into()],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let run = f.ok(&args);
        assert_eq!(raw_controls(&run.stdout), [], "{run}");
        assert!(run.stdout.contains("\\u009b2J \\u202eevil"), "{run}");
    }
    let shown: Value = f.show(id);
    assert_eq!(shown["name"], HOSTILE);
}

#[test]
fn messages_that_echo_names_and_paths_are_clean_even_in_a_pipe() {
    // Backs up the file among the rest: SQLite only.
    let f = Followup::sqlite();
    f.write(
        "evil.toml",
        "[cadence.standard]\n[cadence.\"ev\\u001b]0;t\\u0007il\\u009b2J\"]\ngap_business_days = 3\n",
    );
    let evil = "ev\u{1b}]0;t\u{7}il\u{9b}2J";
    let runs = [
        f.ok(&["--cadence", "evil.toml", "add", HOSTILE, "--cadence", evil]),
        f.ok(&["--cadence", "evil.toml", "cadence", "check"]),
        f.ok(&["--cadence", "evil.toml", "cadence", "show", evil]),
        f.ok(&["--cadence", "evil.toml", "export", "-o", "out\u{1b}[2J.csv"]),
        f.ok(&[
            "--cadence",
            "evil.toml",
            "agenda",
            "-o",
            "agenda\u{9b}2J.txt",
        ]),
        f.ok(&["--cadence", "evil.toml", "backup", "copy\u{1b}]0;x\u{7}.db"]),
        f.ok(&["man", "--output", "pages\u{1b}]0;x\u{7}"]),
    ];
    for run in &runs {
        assert_eq!(raw_controls(&run.stdout), [], "{run}");
        assert_eq!(raw_controls(&run.stderr), [], "{run}");
    }
    runs[0].stdout_contains("cadence ev\\u{1b}]0;t\\u{7}il\\u{9b}2J");
    runs[3].stdout_contains("to out\\u{1b}[2J.csv.");
    // The files have the names asked for.
    assert!(f.dir().join("out\u{1b}[2J.csv").is_file());
}

#[cfg(unix)]
#[test]
fn a_failing_command_prints_its_error_alone_and_warnings_wait_for_success() {
    use std::os::unix::fs::PermissionsExt;
    // The warning comes from the file's permissions: SQLite only.
    let f = Followup::sqlite();
    f.add("Dana", &[]);
    std::fs::set_permissions(f.db(), std::fs::Permissions::from_mode(0o644)).unwrap();
    let before = f.db_files();
    f.run(&["log", "nobody"]).fails(2).stderr_contains("nobody");
    f.run(&["log", "Dana", "--at", "someday"]).fails(2);
    assert_eq!(f.db_files(), before);
    // On success the warning is still said.
    let listed = f.ok(&["list"]);
    assert!(listed.stderr.starts_with("warning: "), "{listed}");
    assert!(listed.stderr.contains("chmod 600"), "{listed}");
}

#[test]
fn a_changed_zone_warning_does_not_come_before_an_error() {
    // The warning is the SQLite file's: its times are a wall clock. PostgreSQL keeps
    // instants, which read right in any zone (team_zones.rs).
    let f = Followup::sqlite();
    f.write(
        "ny.toml",
        "[calendar]\ntime_zone = \"America/New_York\"\n[cadence.standard]\n",
    );
    f.write(
        "berlin.toml",
        "[calendar]\ntime_zone = \"Europe/Berlin\"\n[cadence.standard]\n",
    );
    let id = f.add("Dana", &["--cadence", "standard"]).to_string();
    f.ok(&[
        "--cadence",
        "ny.toml",
        "log",
        &id,
        "--promise",
        "tomorrow 10:00",
    ]);
    let before = f.db_files();
    f.run(&["--cadence", "berlin.toml", "log", "nobody"])
        .fails(2)
        .stderr_contains("nobody");
    assert_eq!(f.db_files(), before);
    // The same zone on a command that succeeds: the warning is said.
    let listed = f.ok(&["--cadence", "berlin.toml", "list"]);
    assert!(listed.stderr.contains("warning: the times in"), "{listed}");
}

#[test]
fn errors_quote_at_most_eighty_characters_of_a_value() {
    let f = Followup::new();
    f.add("Dana", &[]);
    let long = "x".repeat(100_000);
    f.write(
        "long-holiday.toml",
        format!("[calendar]\nholidays = [\"{long}\"]\n[cadence.standard]\n"),
    );
    let before = f.db_files();
    for args in [
        vec!["log", "1", "--at", &long],
        vec!["show", &long],
        vec!["add", "Eve", "--tz", &long],
        vec!["log", "1", "--channel", &long],
        vec!["--cadence", "long-holiday.toml", "today"],
        vec!["--now", &long, "today"],
    ] {
        let run = f.run(&args);
        run.fails(2);
        let line = run.stderr_line();
        assert!(
            line.len() < 600,
            "{} characters: {}",
            line.len(),
            &line[..600]
        );
        assert!(line.contains(&"x".repeat(80)), "{line}");
        assert!(line.contains("100000 characters"), "{line}");
    }
    assert_eq!(f.db_files(), before);
}

#[test]
fn an_ambiguous_name_lists_ten_candidates_and_counts_the_rest() {
    let f = Followup::new();
    let rows: String = (1..=25).map(|n| format!("Sam Lee {n}\n")).collect();
    f.write("sams.csv", format!("Name\n{rows}"));
    f.ok(&["import", "sams.csv"]);
    let before = f.db_files();
    let run = f.run(&["show", "sam"]);
    run.fails(2);
    let line = run.stderr_line();
    assert!(line.contains("matches 25 prospects"), "{line}");
    assert_eq!(line.matches("Sam Lee").count(), 10, "{line}");
    assert!(line.contains("and 15 more; use an id"), "{line}");
    assert_eq!(f.db_files(), before);
}
