//! Real calendars: holiday files, imported holidays, days away and the daily capacity, run
//! through the binary on a pinned clock.

mod common;

use std::path::{Path, PathBuf};

use common::{Followup, names};
use serde_json::Value;

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/holidays-us.ics"
);

/// The stored due date of a prospect, as the morning list's index reads it.
fn stored_due_on(f: &Followup, id: i64) -> Option<String> {
    f.sql_text(&format!(
        "SELECT CAST(due_on AS TEXT) FROM prospects WHERE id = {id}"
    ))
}

fn next_due(f: &Followup, id: i64) -> String {
    f.show(id)["next"]["due"].as_str().unwrap().to_string()
}

/// Copies the holiday fixture into the world, at `name`.
fn holiday_file(f: &Followup, name: &str) -> PathBuf {
    f.write(name, std::fs::read(FIXTURE).unwrap())
}

/// A cadence file with `calendar` as its `[calendar]` table and `cadences` after it.
fn cadence_file(f: &Followup, name: &str, calendar: &str, cadences: &str) -> PathBuf {
    f.write(
        name,
        format!("[calendar]\n{calendar}\n\n[cadence.standard]\n\n{cadences}\n"),
    )
}

fn with_cadence(f: &Followup, file: &Path, args: &[&str]) -> common::Run {
    f.cmd(args).env("FOLLOWUP_CADENCE", file).run()
}

#[track_caller]
fn json_with(f: &Followup, file: &Path, args: &[&str]) -> Value {
    let run = with_cadence(f, file, args);
    run.success();
    run.stdout_json()
}

// ---------------------------------------------------------------------------------------------
// Holiday calendars
// ---------------------------------------------------------------------------------------------

#[test]
fn a_holiday_file_named_in_the_cadence_file_moves_the_gap_over_thanksgiving() {
    let f = Followup::new();
    holiday_file(&f, "conf/holidays-us.ics");
    let cadence = cadence_file(
        &f,
        "conf/cadence.toml",
        "holiday_calendars = [\"holidays-us.ics\"]",
        "",
    );
    with_cadence(&f, &cadence, &["add", "Dana Whitfield"]).success();
    with_cadence(&f, &cadence, &["log", "dana"]).success();
    // cadence.md: with holidays on 2026-11-26 and 2026-11-27, Mon 2026-11-23 + 4 = Tue 2026-12-01.
    let dana = json_with(&f, &cadence, &["show", "dana", "--json"]);
    assert_eq!(dana["next"]["due"], "2026-12-01");
    assert_eq!(stored_due_on(&f, 1).as_deref(), Some("2026-12-01"));

    let plan = json_with(
        &f,
        &cadence,
        &["cadence", "show", "--start", "2026-11-23", "--json"],
    );
    assert_eq!(plan[1]["date"], "2026-12-01");

    let year = json_with(
        &f,
        &cadence,
        &["calendar", "show", "--year", "2026", "--json"],
    );
    let thanksgiving = year["days_off"]
        .as_array()
        .unwrap()
        .iter()
        .find(|day| day["date"] == "2026-11-26")
        .expect("Thanksgiving is listed");
    assert_eq!(thanksgiving["names"][0], "Thanksgiving Day");
    assert_eq!(thanksgiving["sources"][0], "holidays-us.ics");
    assert_eq!(year["months"][10]["business_days"], 19);
    assert_eq!(
        year["notes"][0],
        "holidays-us.ics: 1 timed event left out: only all-day events are days off"
    );

    with_cadence(&f, &cadence, &["cadence", "check"])
        .success()
        .stdout_contains("from holidays-us.ics");
}

#[test]
fn importing_a_holiday_calendar_recomputes_every_stored_due_date() {
    let mut f = Followup::new();
    let dana = f.add("Dana Whitfield", &[]);
    let li = f.add("Li Wei", &["--start", "2026-12-07"]);
    f.log(dana, &[]);
    assert_eq!(next_due(&f, dana), "2026-11-27");
    let file = holiday_file(&f, "holidays-us.ics");
    let file = file.to_str().unwrap();

    f.ok(&["calendar", "import", file, "--dry-run"])
        .stdout_contains("Would import")
        .stdout_contains("Nothing was written");
    assert_eq!(next_due(&f, dana), "2026-11-27");

    f.ok(&["calendar", "import", file])
        .stdout_contains("Imported 153 holidays")
        .stdout_contains("Note: 1 timed event left out")
        .stdout_contains("The next action of 1 prospect moved");
    assert_eq!(next_due(&f, dana), "2026-12-01");
    assert_eq!(stored_due_on(&f, dana).as_deref(), Some("2026-12-01"));
    assert_eq!(stored_due_on(&f, li).as_deref(), Some("2026-12-07"));
    f.at("2026-11-27");
    assert!(f.today_json().is_empty());
    f.at("2026-12-01");
    assert_eq!(names(&f.today_json()), ["Dana Whitfield"]);

    let year = f.json(&["calendar", "show", "--year", "2026", "--json"]);
    let christmas = year["days_off"]
        .as_array()
        .unwrap()
        .iter()
        .find(|day| day["date"] == "2026-12-25")
        .unwrap()
        .clone();
    // Christmas is in the built-in cadence file too: both sources are named.
    assert_eq!(
        christmas["sources"],
        serde_json::json!(["cadence file", "imported holidays-us.ics"])
    );

    // Importing a file of the same name again replaces what it brought.
    f.ok(&["calendar", "import", file])
        .stdout_contains("replacing the 153 holidays imported before");
    f.ok(&["calendar", "clear", "holidays-us.ics"])
        .stdout_contains("Forgot 153 holidays");
    assert_eq!(next_due(&f, dana), "2026-11-27");
    assert_eq!(stored_due_on(&f, dana).as_deref(), Some("2026-11-27"));
}

#[test]
fn a_file_that_is_not_a_holiday_calendar_is_refused_and_nothing_changes() {
    let f = Followup::new();
    f.add("Dana Whitfield", &[]);
    let before = f.snapshot();
    let csv = f.write("holidays.csv", "Subject,Start Date\nChristmas,2026-12-25\n");
    f.run(&["calendar", "import", csv.to_str().unwrap()])
        .fails(2)
        .stderr_contains("line 1: not an iCalendar file");
    let cut = f.write(
        "cut.ics",
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\n",
    );
    f.run(&["calendar", "import", cut.to_str().unwrap()])
        .fails(2)
        .stderr_contains("line 2: BEGIN:VEVENT is never closed");
    f.run(&["calendar", "import", "missing.ics"])
        .fails(1)
        .stderr_contains("missing.ics");
    f.run(&["calendar", "clear", "never-imported.ics"])
        .fails(2)
        .stderr_contains("no holidays were imported from 'never-imported.ics'");
    f.run(&["calendar", "show", "--year", "12026"])
        .fails(2)
        .stderr_contains("1900-9999");
    assert_eq!(f.snapshot(), before);
}

#[test]
fn a_broken_holiday_file_in_the_cadence_file_is_named_with_its_line() {
    let f = Followup::new();
    f.write(
        "conf/bad.ics",
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026-12-25\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    let broken = cadence_file(
        &f,
        "conf/cadence.toml",
        "holiday_calendars = [\"bad.ics\"]",
        "",
    );
    with_cadence(&f, &broken, &["today"])
        .fails(2)
        .stderr_contains("calendar.holiday_calendars")
        .stderr_contains("bad.ics, line 3");
    let missing = cadence_file(&f, "other.toml", "holiday_calendars = [\"gone.ics\"]", "");
    with_cadence(&f, &missing, &["today"])
        .fails(1)
        .stderr_contains("gone.ics");
}

// ---------------------------------------------------------------------------------------------
// Days away
// ---------------------------------------------------------------------------------------------

#[test]
fn days_away_are_skipped_by_every_gap_and_can_be_cleared() {
    let mut f = Followup::new();
    let dana = f.add("Dana Whitfield", &[]);
    f.log(dana, &[]);
    assert_eq!(next_due(&f, dana), "2026-11-27");

    f.ok(&["away", "2026-11-25", "2026-11-27"])
        .stdout_contains("Away from Wed 2026-11-25 to Fri 2026-11-27: 3 workdays without calls, back on Mon 2026-11-30")
        .stdout_contains("The next action of 1 prospect moved")
        .stdout_contains("set max_touches_per_day");
    // Mon 23 + 4 business days over Tue 24 and the three days away: Wed 2026-12-02.
    assert_eq!(next_due(&f, dana), "2026-12-02");
    assert_eq!(stored_due_on(&f, dana).as_deref(), Some("2026-12-02"));
    f.ok(&["away", "--list"])
        .stdout_contains("Wed 2026-11-25")
        .stdout_contains("Fri 2026-11-27");
    f.ok(&["away"]).stdout_contains("Wed 2026-11-25");

    f.ok(&["why", "dana"]).stdout_says(
        "Wed 2026-11-25 away, Thu 2026-11-26 away, Fri 2026-11-27 away, Sat 2026-11-28 weekend",
    );

    f.at("2026-11-26");
    f.ok(&["today"])
        .stdout_contains("You are marked away today; nothing is scheduled before Mon 2026-11-30.");

    f.ok(&["away", "--clear", "fri"])
        .stdout_contains("Cleared 1 day away from Fri 2026-11-27");
    assert_eq!(next_due(&f, dana), "2026-12-01");
    f.ok(&["away", "--clear"])
        .stdout_contains("Cleared 2 days away.");
    assert_eq!(next_due(&f, dana), "2026-11-27");
    f.ok(&["away", "--list"])
        .stdout_contains("No days away are marked");
}

/// Old code: "nothing is scheduled before Mon" above a list of actions, which read as a
/// contradiction. What is listed while away was due before you left.
#[test]
fn away_with_overdue_actions_says_they_were_due_before_you_left() {
    let mut f = Followup::new();
    f.add("Dana Whitfield", &[]);
    f.ok(&["away", "2026-11-25", "2026-11-27"]);
    f.at("2026-11-26");
    f.ok(&["today"])
        .stdout_says(
            "You are marked away today; nothing new comes due before Mon 2026-11-30, and what \
             is below was due before you left.",
        )
        .stdout_contains("Dana Whitfield");
}

/// Old code: the agenda left days away as a silent gap in its table, and on a day away listed
/// what was overdue under today's date without saying why.
#[test]
fn the_agenda_names_the_days_away_in_its_window() {
    let mut f = Followup::new();
    f.add("Dana Whitfield", &[]);
    f.ok(&["away", "2026-11-25", "2026-11-27"]);
    // A single day away, with only the weekend between it and the next one: one stretch.
    f.ok(&["away", "2026-12-04"]).stdout_contains(
        "Away on Fri 2026-12-04: 1 workday without calls, back on Mon 2026-12-07.",
    );
    f.ok(&["away", "2026-12-07"]);

    let short = f.ok(&["agenda", "--days", "5"]);
    short.stdout_says(
        "You are marked away Wed 2026-11-25 to Fri 2026-11-27, back on Mon 2026-11-30: \
         nothing is planned on those days.",
    );
    // The window ends before the next stretch away: no word of it.
    assert!(!short.stdout.contains("2026-12-07"), "{short}");
    f.ok(&["agenda", "--days", "10"]).stdout_says(
        "You are marked away Fri 2026-12-04 to Mon 2026-12-07, back on Tue 2026-12-08: \
         nothing is planned on those days.",
    );

    f.at("2026-11-26");
    f.ok(&["agenda"])
        .stdout_says(
            "You are marked away through Fri 2026-11-27, back on Mon 2026-11-30: nothing new \
             comes due before then, and what is listed today was due before you left.",
        )
        .stdout_contains("Thu 2026-11-26");
    f.at("2026-11-27");
    f.ok(&["close", "dana", "--reason", "lost"]);
    f.ok(&["agenda"]).stdout_says(
        "You are marked away today, back on Mon 2026-11-30: nothing new comes due before then.",
    );
}

#[test]
fn a_range_away_that_makes_no_sense_is_refused() {
    let f = Followup::new();
    f.add("Dana Whitfield", &[]);
    let before = f.snapshot();
    f.run(&["away", "2026-12-05", "2026-12-01"])
        .fails(2)
        .stderr_contains("before it starts");
    f.run(&["away", "2026-01-01", "2027-06-01"])
        .fails(2)
        .stderr_contains("at most 366");
    f.run(&["away", "someday"]).fails(2).stderr_contains("FROM");
    f.run(&["away", "--list", "2026-12-01"]).fails(2);
    assert_eq!(f.snapshot(), before);
}

#[test]
fn without_a_daily_capacity_what_fell_due_while_away_all_comes_back_on_the_first_day() {
    let mut f = Followup::new();
    f.at("2026-11-16");
    for name in ["Ann Ames", "Bo Berg", "Cy Cole", "Di Dahl"] {
        let id = f.add(name, &[]);
        f.log(id, &[]);
    }
    f.ok(&["away", "2026-11-20", "2026-11-27"]);
    f.at("2026-11-30");
    let due = f.today_json();
    assert_eq!(due.len(), 4);
    // Mon 16 + 4 business days over the week away: due the day of the return, not late.
    assert!(due.iter().all(|item| item["due"] == "2026-11-30"));
    assert!(due.iter().all(|item| item["overdue_business_days"] == 0));
}

// ---------------------------------------------------------------------------------------------
// Daily capacity
// ---------------------------------------------------------------------------------------------

/// A week away, seven follow-ups coming due on the return, three a day.
fn back_from_a_week_away(f: &mut Followup, cadence: &Path) -> Vec<i64> {
    f.at("2026-11-16");
    let ids: Vec<i64> = [
        "Ann Ames", "Bo Berg", "Cy Cole", "Di Dahl", "Ed Eck", "Flo Fox", "Gus Gray",
    ]
    .into_iter()
    .map(|name| {
        let added = json_with(f, cadence, &["add", name, "--json"]);
        let id = added["id"].as_i64().unwrap();
        with_cadence(f, cadence, &["log", &id.to_string()]).success();
        id
    })
    .collect();
    with_cadence(f, cadence, &["away", "2026-11-20", "2026-11-27"])
        .success()
        .stdout_contains("spread over the days after your return (at most 3 a day)");
    ids
}

#[test]
fn a_busy_morning_keeps_the_most_important_up_to_the_cap_and_says_what_moved() {
    let mut f = Followup::new();
    let cadence = cadence_file(&f, "cadence.toml", "max_touches_per_day = 3", "");
    back_from_a_week_away(&mut f, &cadence);
    f.at("2026-11-30");

    let kept = json_with(&f, &cadence, &["today", "--json"]);
    assert_eq!(
        names(kept.as_array().unwrap()),
        ["Ann Ames", "Bo Berg", "Cy Cole"]
    );
    let all = json_with(&f, &cadence, &["today", "--json", "--all"]);
    assert_eq!(all.as_array().unwrap().len(), 7);

    let run = with_cadence(&f, &cadence, &["today"]);
    run.success()
        .stdout_contains("Mon 2026-11-30: 3 actions due.\n4 more actions were due;")
        .stdout_says("4 more actions were due; max_touches_per_day (at most 3 a day) moves them to the next business days")
        .stdout_contains("Moved to later days");
    let moved: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.contains("Tue 2026-12-01") || line.contains("Wed 2026-12-02"))
        .collect();
    assert_eq!(moved.len(), 4, "{}", run.stdout);
    assert!(moved[3].contains("Gus Gray") && moved[3].contains("Wed 2026-12-02"));

    // The agenda plans the same days, and says which actions the capacity moved.
    let agenda = json_with(&f, &cadence, &["agenda", "--json"]);
    let deferred: Vec<(&str, &str)> = agenda
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|item| Some((item["name"].as_str()?, item["deferred_to"].as_str()?)))
        .collect();
    assert_eq!(
        deferred,
        [
            ("Di Dahl", "2026-12-01"),
            ("Ed Eck", "2026-12-01"),
            ("Flo Fox", "2026-12-01"),
            ("Gus Gray", "2026-12-02"),
        ]
    );

    // `why` says where the capacity put each one.
    let why = json_with(&f, &cadence, &["why", "gus", "--json"]);
    let line = why["lines"]
        .as_array()
        .unwrap()
        .iter()
        .find(|line| line["label"] == "capacity")
        .expect("a capacity line");
    assert_eq!(
        line["text"],
        "max_touches_per_day (at most 3 a day): today's list is full (3 kept, in the order of the \
         morning list), so this moves to Wed 2026-12-02; a move only ever makes the gap longer."
    );
    with_cadence(&f, &cadence, &["why", "ann"])
        .success()
        .stdout_contains("on today's list, which holds 3");

    // Monday's three done, Tuesday holds what was moved to it.
    for id in 1..=3 {
        with_cadence(&f, &cadence, &["log", &id.to_string()]).success();
    }
    f.at("2026-12-01");
    let tuesday = json_with(&f, &cadence, &["today", "--json"]);
    assert_eq!(
        names(tuesday.as_array().unwrap()),
        ["Di Dahl", "Ed Eck", "Flo Fox"]
    );
}

#[test]
fn a_promised_call_is_never_moved_and_counts_towards_the_cap() {
    let mut f = Followup::new();
    let cadence = cadence_file(&f, "cadence.toml", "max_touches_per_day = 3", "");
    let ids = back_from_a_week_away(&mut f, &cadence);
    // On Fri 13 Gus promised a call for the Monday of the return, at 08:15.
    let gus = ids[6].to_string();
    f.at("2026-11-16T10:00");
    with_cadence(
        &f,
        &cadence,
        &[
            "log",
            &gus,
            "--outcome",
            "connected",
            "--promise",
            "2026-11-30T08:15",
        ],
    )
    .success();
    f.at("2026-11-30");
    let kept = json_with(&f, &cadence, &["today", "--json"]);
    assert_eq!(
        names(kept.as_array().unwrap()),
        ["Gus Gray", "Ann Ames", "Bo Berg"]
    );
    assert_eq!(kept[0]["promised"], true);
}

#[test]
fn a_promise_ahead_takes_its_room_on_its_day() {
    let mut f = Followup::new();
    let cadence = cadence_file(&f, "cadence.toml", "max_touches_per_day = 3", "");
    let ids = back_from_a_week_away(&mut f, &cadence);
    // Gus promised a call for Tuesday: Tuesday keeps room for it, so Flo waits until Wednesday.
    let gus = ids[6].to_string();
    f.at("2026-11-16T10:00");
    with_cadence(
        &f,
        &cadence,
        &[
            "log",
            &gus,
            "--outcome",
            "connected",
            "--promise",
            "2026-12-01T08:15",
        ],
    )
    .success();
    f.at("2026-11-30");
    let run = with_cadence(&f, &cadence, &["today"]);
    run.success();
    let moved: Vec<&str> = run
        .stdout
        .lines()
        .filter(|line| line.contains("Tue 2026-12-01") || line.contains("Wed 2026-12-02"))
        .collect();
    assert_eq!(moved.len(), 3, "{}", run.stdout);
    assert!(moved[0].contains("Di Dahl") && moved[0].contains("Tue 2026-12-01"));
    assert!(moved[1].contains("Ed Eck") && moved[1].contains("Tue 2026-12-01"));
    assert!(moved[2].contains("Flo Fox") && moved[2].contains("Wed 2026-12-02"));
}

#[test]
fn a_cadence_can_have_a_daily_limit_of_its_own() {
    let mut f = Followup::new();
    let cadence = cadence_file(
        &f,
        "cadence.toml",
        "",
        "[cadence.nurture]\ngap_business_days = 60\nmax_touches = 0\nrescue_after = 0\nmax_touches_per_day = 1\n",
    );
    f.at("2026-11-23");
    for name in ["Ann Ames", "Bo Berg", "Cy Cole"] {
        with_cadence(&f, &cadence, &["add", name, "--cadence", "nurture"]).success();
    }
    with_cadence(&f, &cadence, &["add", "Di Dahl"]).success();
    let kept = json_with(&f, &cadence, &["today", "--json"]);
    assert_eq!(names(kept.as_array().unwrap()), ["Ann Ames", "Di Dahl"]);
    with_cadence(&f, &cadence, &["cadence", "check"])
        .success()
        .stdout_contains("at most 1 a day");
}

#[test]
fn a_bad_daily_capacity_is_refused_with_its_key() {
    let f = Followup::new();
    let cadence = cadence_file(&f, "cadence.toml", "max_touches_per_day = -2", "");
    with_cadence(&f, &cadence, &["today"])
        .fails(2)
        .stderr_contains("calendar.max_touches_per_day");
}
