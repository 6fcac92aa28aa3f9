//! Readable on an 80-column terminal, and when piped (issue 10, section 5).
//!
//! The terminal cases run the real binary in a real pseudo-terminal (`common::tmux`): a
//! window of the width under test, whose screen is read back with wrapped lines joined, and
//! every word the user must read is looked for whole among the words on the screen.
//!
//! The piped cases need no terminal: `COLUMNS` says how wide, else 80 columns.

mod common;

use common::Followup;
use common::tmux::Tmux;
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

/// The morning of the book below: Tuesday 1 December 2026.
const MORNING: &str = "2026-12-01T09:00";

/// A dozen prospects at every point of the cadence, with the long names, companies and
/// topics that made the morning list wrap to seven lines a row, and a name with a terminal
/// control in it.
fn book() -> Followup {
    let mut f = Followup::new();
    let add = |f: &mut Followup, day: &str, name: &str, flags: &[&str]| {
        f.at(day);
        f.add(name, flags)
    };
    let dana = add(
        &mut f,
        "2026-11-02",
        "Dana Whitfield",
        &[
            "--company",
            "Northwind Office Supply",
            "--phone",
            "555-0101",
            "--email",
            "dana@northwind.example",
            "--topic",
            "ergonomic chairs for the new floor",
        ],
    );
    let luis = add(
        &mut f,
        "2026-11-02",
        "Luis Ortega-Ramirez",
        &[
            "--company",
            "Brightwater Logistics International",
            "--phone",
            "555-0102",
            "--topic",
            "standing desks",
        ],
    );
    add(
        &mut f,
        "2026-11-09",
        "Priya Natarajan",
        &[
            "--company",
            "Kestrel Analytics",
            "--phone",
            "555-0103",
            "--topic",
            "a fleet of monitors",
        ],
    );
    let ann = add(&mut f, "2026-11-09", "Ann Li", &["--phone", "555-0105"]);
    let rosalind = add(
        &mut f,
        "2026-11-16",
        "Rosalind Featherstonehaugh",
        &[
            "--company",
            "Featherstonehaugh Consulting Partners LLP",
            "--phone",
            "+44 20 7946 0958",
            "--topic",
            "office fit-out",
        ],
    );
    add(
        &mut f,
        "2026-11-16",
        "Eve\u{1b}[31mRed",
        &["--company", "Okafor Foods", "--phone", "555-0107"],
    );
    add(
        &mut f,
        "2026-11-23",
        "Sofia Marchetti",
        &[
            "--company",
            "Marchetti Design Studio",
            "--phone",
            "555-0108",
            "--topic",
            "reception desks",
        ],
    );
    let jamal = add(
        &mut f,
        "2026-11-23",
        "Jamal Hughes",
        &["--company", "Hughes Dental", "--phone", "555-0109"],
    );
    let oskar = add(
        &mut f,
        "2026-11-26",
        "Oskar Nowak",
        &["--company", "Nowak Printing", "--phone", "555-0111"],
    );
    add(
        &mut f,
        "2026-11-30",
        "Grace Adeyemi",
        &["--company", "Adeyemi Law", "--phone", "555-0112"],
    );
    for (moment, id, flags) in [
        ("2026-11-02T10:00", dana, &["--outcome", "voicemail"][..]),
        ("2026-11-06T10:00", dana, &["--outcome", "voicemail"]),
        ("2026-11-12T10:00", dana, &["--outcome", "no-answer"]),
        ("2026-11-02T11:00", luis, &["--outcome", "voicemail"]),
        ("2026-11-06T11:00", luis, &["--channel", "email"]),
        (
            "2026-11-09T11:00",
            ann,
            &["--outcome", "connected", "--promise", "2026-12-01T08:30"],
        ),
        ("2026-11-16T10:00", rosalind, &["--outcome", "voicemail"]),
        ("2026-11-23T11:00", jamal, &["--outcome", "voicemail"]),
    ] {
        f.at(moment);
        f.log(id, flags);
    }
    f.at("2026-11-27");
    f.ok(&["close", &oskar.to_string(), "--reason", "not-interested"]);
    f.at(MORNING);
    f
}

/// The words a reader must find whole in `today`: every word of every message, reason, name
/// and company, as `today --json` gives them (control characters escaped, as on screen).
fn words_to_read(f: &Followup) -> Vec<String> {
    let mut words = Vec::new();
    for item in f.today_json() {
        for field in ["script", "reason", "name", "company"] {
            if let Some(text) = item[field].as_str() {
                let text = text.replace('\u{1b}', "\\u{1b}");
                words.extend(text.split_whitespace().map(str::to_string));
            }
        }
    }
    assert!(words.len() > 300, "the book has messages to read");
    words
}

/// The words on a screen: what lies between spaces and the table's borders.
fn words_on(screen: &str) -> std::collections::HashSet<&str> {
    screen
        .split(|c: char| c.is_whitespace() || "│┆╭╮╰╯─┬┴┼╞╡╪═├┤".contains(c))
        .filter(|word| !word.is_empty())
        .collect()
}

/// Checks that no line of `screen` is wider than `width` and that each of `words` is on it
/// whole: a word cut at the edge of a cell or of the screen leaves pieces that are not.
#[track_caller]
fn fits(screen: &str, width: usize, words: &[String]) {
    for line in screen.lines() {
        assert!(
            line.trim_end().width() <= width,
            "a line of {} columns on a {width}-column screen:\n{line}\n\n{screen}",
            line.trim_end().width()
        );
    }
    let on_screen = words_on(screen);
    for word in words {
        assert!(
            on_screen.contains(word.as_str()),
            "{word:?} is not whole on the {width}-column screen:\n{screen}"
        );
    }
}

#[test]
fn the_morning_list_fits_an_80_and_a_120_column_terminal_without_cutting_a_word() {
    let f = book();
    let Some(tmux) = Tmux::start("today") else {
        return;
    };
    let words = words_to_read(&f);
    for width in [80, 120] {
        let screen = tmux.screen(&f, width, &["today"]);
        fits(&screen, width, &words);
        assert!(screen.contains("╭"), "the table is there:\n{screen}");
        // A control character in a name stays escaped on the terminal.
        assert!(screen.contains("Eve\\u{1b}[31mRed"), "{screen}");
    }
}

#[test]
fn every_table_for_people_fits_an_80_column_terminal() {
    let f = book();
    let Some(tmux) = Tmux::start("tables") else {
        return;
    };
    let names = ["Rosalind", "Featherstonehaugh", "Luis", "Ortega-Ramirez"];
    let names: Vec<String> = names.iter().map(|word| word.to_string()).collect();
    for args in [
        &["list", "--status", "all"][..],
        &["show", "rosalind"],
        &["agenda"],
        &["why", "dana"],
        &["stats"],
        &["cadence", "show"],
        &["calendar", "show"],
    ] {
        let screen = tmux.screen(&f, 80, args);
        let words: &[String] = match args[0] {
            "list" | "agenda" => &names,
            _ => &[],
        };
        fits(&screen, 80, words);
        if args[0] == "list" {
            assert!(screen.contains("closed (not-interested)"), "{screen}");
        }
    }
}

/// `followup ARGS` piped, with `COLUMNS` set to `columns` or unset.
fn piped(f: &Followup, columns: Option<&str>, args: &[&str]) -> String {
    let command = f.cmd(args);
    let command = match columns {
        Some(columns) => command.env("COLUMNS", columns),
        None => command.env_remove("COLUMNS"),
    };
    let run = command.run();
    run.success();
    run.stdout
}

#[test]
fn piped_output_is_as_wide_as_columns_says_and_80_columns_without_it() {
    let f = book();
    let words = words_to_read(&f);
    for (columns, width) in [(Some("80"), 80), (Some("120"), 120), (None, 80)] {
        let text = piped(&f, columns, &["today"]);
        fits(&text, width, &words);
        for args in [&["list", "--status", "all"][..], &["show", "rosalind"]] {
            fits(&piped(&f, columns, args), width, &[]);
        }
    }
    // Room for more columns shows more: the company beside the name at 120, not at 80.
    let header = |text: &str| text.lines().nth(2).unwrap_or_default().to_string();
    assert!(!header(&piped(&f, Some("80"), &["today"])).contains("Company"));
    assert!(header(&piped(&f, Some("120"), &["today"])).contains("Company"));
}

#[test]
fn a_width_that_is_not_a_number_is_ignored() {
    let f = book();
    let text = piped(&f, Some("wide"), &["today"]);
    fits(&text, 80, &words_to_read(&f));
}

#[test]
fn json_does_not_depend_on_the_width() {
    let f = book();
    for args in [
        &["today", "--json"][..],
        &["list", "--json"],
        &["show", "1", "--json"],
    ] {
        let narrow: Value = serde_json::from_str(&piped(&f, Some("60"), args)).unwrap();
        let wide: Value = serde_json::from_str(&piped(&f, Some("250"), args)).unwrap();
        assert_eq!(narrow, wide, "{args:?}");
    }
}

#[test]
fn a_very_wide_terminal_shows_the_reason_in_the_table() {
    let f = book();
    let text = piped(&f, Some("260"), &["today"]);
    fits(&text, 260, &words_to_read(&f));
    assert!(
        text.lines().nth(2).unwrap_or_default().contains("Why"),
        "{text}"
    );
    assert!(
        !text.contains("   Why: "),
        "the reason is not said twice:\n{text}"
    );
}

#[test]
fn a_phone_number_in_a_heading_is_never_cut_at_its_spaces() {
    let f = book();
    for columns in ["80", "100", "120"] {
        let text = piped(&f, Some(columns), &["today"]);
        assert!(text.contains("call +44 20 7946 0958"), "{text}");
    }
}
