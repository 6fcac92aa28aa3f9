//! Every example of every `--help` runs (issue 10: `import --help`'s own example panicked).
//!
//! The test walks the command tree, reads each command's `--help` from the real binary, takes
//! every example line (`  followup ...`), and runs it in a world made for the examples: a
//! database with the prospects they name (dana, 3), the files they read (leads.csv,
//! backup.json, us-holidays.ics, ~/my-cadence.toml), on a pinned clock. Each command's
//! examples run in order in a fresh copy of that world. A pipe or a redirection ends the
//! command (`followup man | man -l -` runs `followup man`); `~` is the world's home. An
//! example of a command that needs a terminal (`go`) must refuse here, with status 2.

mod common;

use std::path::Path;

use clap::CommandFactory;
use common::Followup;

/// The moment the examples run at: Monday 2026-11-30 09:00.
const NOW: &str = "2026-11-30";

/// The world every command's examples start from.
fn world() -> Followup {
    let mut f = Followup::new();
    f.at("2026-11-23");
    let dana = f.add(
        "Dana Whitfield",
        &[
            "--company",
            "Whitfield Design",
            "--phone",
            "555-0100",
            "--email",
            "dana@whitfield.example",
            "--topic",
            "standing desks",
            "--assistant",
            "Lee",
            "--assistant-phone",
            "555-0101",
            "--tz",
            "America/New_York",
        ],
    );
    f.add("Li Wei", &["--phone", "555-0190"]);
    let ola = f.add(
        "Ola Nordmann",
        &["--phone", "555-0191", "--email", "ola@fjord.example"],
    );
    f.log(dana, &[]);
    f.log(ola, &[]);
    f.at("2026-11-27").log(ola, &["--channel", "email"]);
    let holidays =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/holidays-us.ics"))
            .expect("the holiday fixture");
    f.write("us-holidays.ics", &holidays);
    f.write("Downloads/us-holidays.ics", &holidays);
    f.ok(&["calendar", "import", "us-holidays.ics"]);
    let cadence = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("cadence.toml"))
        .expect("the repository's cadence.toml");
    f.write("my-cadence.toml", cadence);
    f.write(
        "leads.csv",
        "Name,Company,Cell,Email,Lead Source\n\
         Ann Ames,Ames Dental,555-0111,ann@ames.example,Web\n\
         Bo Berg,Berg & Sons,555-0112,,Fair\n",
    );
    f.ok(&["export", "--format", "json", "--output", "backup.json"]);
    f.at(NOW);
    f
}

/// What some commands' examples need beyond the world: `reopen` a closed file, `export`
/// no backup.json of the world's yet (it refuses to replace a file without --force).
fn prepare(f: &Followup, path: &[String]) {
    if path == ["reopen"] {
        f.ok(&["close", "dana", "--reason", "lost"]);
    }
    // `value remove 2` removes an item the world must hold.
    if path.first().map(String::as_str) == Some("value") {
        f.ok(&["value", "add", "dana", "A first item"]);
        f.ok(&[
            "value",
            "add",
            "dana",
            "A second item",
            "--kind",
            "question",
        ]);
    }
    // `rep` examples run in a team whose first manager is the world's superuser, with a rep
    // to deactivate or edit.
    if f.server().is_some() && path.first().map(String::as_str) == Some("rep") {
        f.ok(&[
            "team",
            "init",
            "--name",
            "Ruth",
            "--email",
            "ruth@acme.example",
        ]);
        if path == ["rep", "deactivate"] {
            f.ok(&["rep", "add", "Sam", "--email", "sam@acme.example"]);
        }
        if path == ["rep", "edit"] {
            f.ok(&[
                "rep",
                "add",
                "Sam Ortiz",
                "--email",
                "sam.ortiz@acme.example",
            ]);
        }
    }
    if path == ["export"] {
        std::fs::remove_file(f.dir().join("backup.json")).expect("the world's backup.json");
    }
}

/// The commands that read keys from a terminal (`go`): the examples run without one, so
/// they must refuse with status 2 and point at the commands that work anywhere.
fn needs_a_terminal(path: &[String]) -> bool {
    path == ["go"]
}

/// The commands of a team on PostgreSQL: on a SQLite file their examples must refuse with
/// status 2, saying a postgresql:// URL is needed.
fn needs_a_server(path: &[String]) -> bool {
    matches!(path.first().map(String::as_str), Some("team" | "rep"))
}

/// The commands of a team book (issue 12), whose examples name reps the world has not: on a
/// SQLite file they must refuse with status 2, saying a team needs PostgreSQL; on PostgreSQL
/// the world's role is no rep, and they refuse with status 1. tests/team_ownership.rs runs
/// them on a team.
fn needs_a_team(path: &[String]) -> bool {
    path == ["assign"] || path == ["reassign"]
}

/// A fresh copy of `template`'s folder (database and files), on the same clock.
fn copy_of(template: &Followup) -> Followup {
    let mut copy = Followup::new();
    copy_dir(template.dir(), copy.dir());
    copy.copy_database_of(template);
    copy.at(template.now().expect("a pinned clock"));
    copy
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in std::fs::read_dir(from).expect("reading the template") {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every command's path below `followup` (`["calendar", "import"]`), the root first.
fn command_paths() -> Vec<Vec<String>> {
    fn walk(command: &clap::Command, path: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(path.clone());
        for sub in command.get_subcommands() {
            if sub.get_name() == "help" {
                continue;
            }
            let mut sub_path = path.clone();
            sub_path.push(sub.get_name().to_string());
            walk(sub, sub_path, out);
        }
    }
    let mut out = Vec::new();
    walk(&followup::cli::Cli::command(), Vec::new(), &mut out);
    out
}

/// The example lines of a help text: the lines of its `Examples:` paragraph that start with
/// `followup `, with the lines a trailing `\\` continues.
fn examples(help: &str) -> Vec<String> {
    let mut examples: Vec<String> = Vec::new();
    let mut in_examples = false;
    let mut continued = false;
    for line in help.lines() {
        let text = line.trim();
        if text.starts_with("Example") && text.ends_with(':') {
            in_examples = true;
            continue;
        }
        if text.is_empty() {
            in_examples = false;
        }
        if continued {
            let last = examples.last_mut().expect("a line to continue");
            last.push(' ');
            last.push_str(text.trim_end_matches('\\'));
        } else if in_examples && text.starts_with("followup ") {
            examples.push(text.trim_end_matches('\\').to_string());
        } else {
            continue;
        }
        continued = text.ends_with('\\');
    }
    examples
}

/// The arguments of an example as a shell would pass them, up to a comment, pipe or
/// redirection; `~/` is `home`.
fn words(line: &str, home: &Path) -> Vec<String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut quote: Option<char> = None;
    for c in line.chars() {
        match (quote, c) {
            (Some(open), c) if c == open => quote = None,
            (Some(_), c) => word.get_or_insert_with(String::new).push(c),
            (None, '"' | '\'') => {
                quote = Some(c);
                word.get_or_insert_with(String::new);
            }
            (None, '#' | '|' | '>') => break,
            (None, c) if c.is_whitespace() => words.extend(word.take()),
            (None, c) => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    words
        .into_iter()
        .skip(1) // `followup`
        .map(|word| match word.strip_prefix("~/") {
            Some(rest) => home.join(rest).display().to_string(),
            None => word,
        })
        .collect()
}

#[test]
fn the_example_parser_reads_quotes_comments_and_pipes() {
    let home = Path::new("/home/x");
    assert_eq!(
        words(
            r#"followup import leads.csv --map "Lead Source=ignore"  # a note"#,
            home
        ),
        ["import", "leads.csv", "--map", "Lead Source=ignore"]
    );
    assert_eq!(
        words("followup edit 3 --email \"\"   # clears", home),
        ["edit", "3", "--email", ""]
    );
    assert_eq!(words("followup man | man -l -", home), ["man"]);
    assert_eq!(
        words("followup backup ~/b.db > out", home),
        ["backup", "/home/x/b.db"]
    );
}

#[test]
fn every_example_in_every_help_runs() {
    let template = world();
    let mut ran = 0;
    let mut commands_with_examples = 0;
    for path in command_paths() {
        let mut help_args: Vec<&str> = path.iter().map(String::as_str).collect();
        help_args.push("--help");
        let help = template.ok(&help_args).stdout.clone();
        let lines = examples(&help);
        // `backup` copies a SQLite file; on PostgreSQL it refuses, saying to use pg_dump.
        if lines.is_empty() || (template.server().is_some() && path == ["backup"]) {
            continue;
        }
        commands_with_examples += 1;
        let f = copy_of(&template);
        prepare(&f, &path);
        for line in lines {
            let args = words(&line, f.dir());
            let refs: Vec<&str> = args.iter().map(String::as_str).collect();
            let run = f.run(&refs);
            if template.server().is_none() && needs_a_server(&path) {
                run.fails(2).stderr_contains("postgresql:// URL");
                ran += 1;
                continue;
            }
            if needs_a_terminal(&path) {
                // Here it has none: it must refuse as a script would want, and say what to
                // use instead. tests/go.rs runs it on a terminal.
                run.fails(2)
                    .stderr_contains("followup today")
                    .stderr_contains("followup log");
                ran += 1;
                continue;
            }
            if needs_a_team(&path) {
                match f.server() {
                    None => run.fails(2).stderr_contains("PostgreSQL"),
                    Some(_) => run.fails(1).stderr_contains("rep"),
                };
                ran += 1;
                continue;
            }
            assert_eq!(
                run.code,
                Some(0),
                "`{line}` (from `followup {} --help`) failed:\n{run}",
                path.join(" ")
            );
            ran += 1;
        }
    }
    // Every command but the root and the two groups' parents has examples.
    assert!(commands_with_examples >= 25, "{commands_with_examples}");
    assert!(ran >= 60, "{ran} examples ran");
}
