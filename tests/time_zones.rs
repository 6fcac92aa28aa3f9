//! Prospects in other time zones: promises read in either zone, shown in both, ordered by the
//! instant, across the spring clock changes of 2026, and the call window of `call_hours`. The
//! salesperson's zone comes from the cadence file, so the tests do not depend on the machine's.

mod common;

use std::path::{Path, PathBuf};

use common::Followup;
use serde_json::Value;

/// A cadence file for a salesperson in Berlin, with `extra` added to `[calendar]`.
fn berlin(f: &Followup, extra: &str) -> PathBuf {
    f.write(
        "cadence.toml",
        format!(
            "[me]\nname = \"Jo Brandt\"\ncompany = \"Brandt & Co\"\nphone = \"555-0199\"\n\n\
             [calendar]\ntime_zone = \"Europe/Berlin\"\n{extra}\n\n[cadence.standard]\n"
        ),
    )
}

fn with(f: &Followup, file: &Path, args: &[&str]) -> common::Run {
    f.cmd(args).env("FOLLOWUP_CADENCE", file).run()
}

#[track_caller]
fn json(f: &Followup, file: &Path, args: &[&str]) -> Value {
    let run = with(f, file, args);
    run.success();
    run.stdout_json()
}

fn add(f: &Followup, file: &Path, name: &str, tz: &str) -> i64 {
    json(f, file, &["add", name, "--tz", tz, "--json"])["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn a_zone_is_checked_stored_shown_and_cleared() {
    let f = Followup::new();
    let cadence = berlin(&f, "");
    let id = add(&f, &cadence, "Nia Brooks", "America/New_York");
    assert_eq!(f.show(id)["time_zone"], "America/New_York");
    with(&f, &cadence, &["edit", "nia", "--tz", "Mars/Olympus"])
        .fails(2)
        .stderr_contains("--tz");
    with(&f, &cadence, &["add", "Bad Zone", "--tz", "Berlin"]).fails(2);
    assert_eq!(f.show(id)["time_zone"], "America/New_York");
    with(&f, &cadence, &["edit", "nia", "--tz", ""]).success();
    assert_eq!(f.show(id)["time_zone"], Value::Null);
}

/// New York moves its clocks on Sun 2026-03-08, Berlin on Sun 2026-03-29. A promise of 08:15
/// New York time is 14:15 in Berlin before, 13:15 between, and 14:15 again after.
#[test]
fn a_promise_in_their_time_lands_at_the_right_hour_across_the_clock_changes() {
    let mut f = Followup::new();
    f.at("2026-03-02T10:00");
    let cadence = berlin(&f, "");
    let id = add(&f, &cadence, "Nia Brooks", "America/New_York");
    let cases = [
        ("2026-03-06", "14:15"),
        ("2026-03-09", "13:15"),
        ("2026-03-27", "13:15"),
        ("2026-03-30", "14:15"),
    ];
    for (day, mine) in cases {
        let promise = format!("{day} 08:15");
        let logged = json(
            &f,
            &cadence,
            &[
                "log",
                "nia",
                "--promise",
                &promise,
                "--their-time",
                "--json",
            ],
        );
        let next = &logged["next"];
        assert_eq!(next["promised"], true, "{day}");
        assert_eq!(next["due"], day);
        assert_eq!(next["time"], mine, "{day}");
        assert_eq!(next["prospect_time"], "08:15", "{day}");
        assert_eq!(next["prospect_tz"], "America/New_York");
    }
    // Without --their-time the time is the salesperson's own.
    let logged = json(
        &f,
        &cadence,
        &["log", "nia", "--promise", "2026-03-09 14:00", "--json"],
    );
    assert_eq!(logged["next"]["time"], "14:00");
    assert_eq!(logged["next"]["prospect_time"], "09:00");
    let shown = json(&f, &cadence, &["show", &id.to_string(), "--json"]);
    assert_eq!(shown["next"]["prospect_time"], "09:00");
}

#[test]
fn today_orders_promises_by_the_instant_and_shows_both_clocks() {
    let mut f = Followup::new();
    f.at("2026-03-09T07:00");
    let cadence = berlin(&f, "");
    add(&f, &cadence, "Nia Brooks", "America/New_York");
    add(&f, &cadence, "Kenji Sato", "Asia/Tokyo");
    add(&f, &cadence, "Hans Berg", "Europe/Berlin");
    // 08:15 New York is 13:15 Berlin; 17:00 Tokyo is 09:00 Berlin; Hans at 11:00 Berlin.
    for (who, when) in [("nia", "08:15"), ("kenji", "17:00"), ("hans", "11:00")] {
        let promise = format!("2026-03-09 {when}");
        with(
            &f,
            &cadence,
            &["log", who, "--promise", &promise, "--their-time"],
        )
        .success();
    }
    let due = json(&f, &cadence, &["today", "--json"]);
    let order: Vec<(&str, &str)> = due
        .as_array()
        .unwrap()
        .iter()
        .map(|view| {
            (
                view["name"].as_str().unwrap(),
                view["time"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        order,
        [
            ("Kenji Sato", "09:00"),
            ("Hans Berg", "11:00"),
            ("Nia Brooks", "13:15")
        ]
    );
    let table = with(&f, &cadence, &["today"]);
    table.success();
    table.stdout_contains("09:00 (17:00 Tokyo)");
    table.stdout_contains("13:15 (08:15 New York)");
    with(&f, &cadence, &["show", "nia"]).stdout_contains("at 13:15 (08:15 New York)");
    with(&f, &cadence, &["agenda"]).stdout_contains("13:15 (08:15 New York)");
}

#[test]
fn call_hours_say_when_each_call_fits_in_my_day() {
    let mut f = Followup::new();
    f.at("2026-03-09T15:00");
    let cadence = berlin(&f, "call_hours = \"08:00-17:30\"");
    add(&f, &cadence, "Nia Brooks", "America/New_York");
    add(&f, &cadence, "Kenji Sato", "Asia/Tokyo");
    json(&f, &cadence, &["add", "Hans Berg", "--json"]);
    let due = json(&f, &cadence, &["today", "--json"]);
    let by_name = |name: &str| {
        due.as_array()
            .unwrap()
            .iter()
            .find(|view| view["name"] == name)
            .unwrap()
            .clone()
    };
    // Between the clock changes New York is 5 hours behind Berlin.
    assert_eq!(by_name("Nia Brooks")["call_window"], "13:00-22:30");
    assert_eq!(
        by_name("Nia Brooks")["call_advice"],
        "fits now, until 22:30"
    );
    assert_eq!(by_name("Kenji Sato")["call_window"], "00:00-09:30");
    assert_eq!(
        by_name("Kenji Sato")["call_advice"],
        "too late today (00:00-09:30)"
    );
    // No zone of their own: the salesperson's.
    assert_eq!(by_name("Hans Berg")["call_window"], "08:00-17:30");
    let table = with(&f, &cadence, &["today"]);
    table.success();
    table.stdout_contains("Call");
    table.stdout_contains("fits now");

    // A promise set outside their hours is pointed out: 08:00 Berlin is 03:00 in New York.
    with(
        &f,
        &cadence,
        &["log", "nia", "--promise", "2026-03-10 08:00"],
    )
    .success();
    let nia = json(&f, &cadence, &["show", "nia", "--json"]);
    assert_eq!(
        nia["next"]["call_advice"],
        "promised 08:00 is outside their hours (13:00-22:30)"
    );

    // Without call_hours there is no window and no column.
    let plain = berlin(&f, "");
    let due = json(&f, &plain, &["today", "--json"]);
    assert_eq!(due[0]["call_window"], Value::Null);
}

#[test]
fn their_time_needs_their_zone_and_a_time_that_exists() {
    let mut f = Followup::new();
    f.at("2026-03-02T10:00");
    let cadence = berlin(&f, "");
    json(&f, &cadence, &["add", "Hans Berg", "--json"]);
    add(&f, &cadence, "Nia Brooks", "America/New_York");
    with(
        &f,
        &cadence,
        &["log", "hans", "--promise", "tomorrow 08:15", "--their-time"],
    )
    .fails(2)
    .stderr_contains("no time zone");
    // 02:30 on 2026-03-08 does not exist in New York.
    with(
        &f,
        &cadence,
        &[
            "log",
            "nia",
            "--promise",
            "2026-03-08 02:30",
            "--their-time",
        ],
    )
    .fails(2)
    .stderr_contains("03:00");
    assert_eq!(f.show(2)["attempts"].as_array().unwrap().len(), 0);
}

/// From a hostile tester: `--their-time` refused a time the prospect's clock skips, but a
/// time the salesperson's own clock skips was stored as a promise nobody could keep.
#[test]
fn a_time_that_does_not_exist_in_my_zone_is_refused() {
    let mut f = Followup::new();
    f.at("2026-03-06T10:00");
    let cadence = f.write(
        "cadence.toml",
        "[calendar]\ntime_zone = \"America/New_York\"\n\n[cadence.standard]\n",
    );
    json(&f, &cadence, &["add", "Hans Berg", "--json"]);
    let before = f.db_files();
    with(
        &f,
        &cadence,
        &["log", "hans", "--promise", "2026-03-08T02:30"],
    )
    .fails(2)
    .stderr_contains("--promise")
    .stderr_contains("does not exist in America/New_York")
    .stderr_contains("03:00");
    f.at("2026-03-09T10:00");
    with(&f, &cadence, &["log", "hans", "--at", "2026-03-08 02:15"])
        .fails(2)
        .stderr_contains("--at");
    assert_eq!(f.db_files(), before);
    // A time that exists is taken.
    with(
        &f,
        &cadence,
        &["log", "hans", "--promise", "2026-03-10T01:59"],
    )
    .success();
}

#[test]
fn a_bad_zone_or_bad_call_hours_in_the_cadence_file_is_refused_with_its_key() {
    let f = Followup::new();
    let zone = f.write(
        "zone.toml",
        "[calendar]\ntime_zone = \"Europe/Berlinn\"\n\n[cadence.standard]\n",
    );
    with(&f, &zone, &["cadence", "check"])
        .fails(2)
        .stderr_contains("calendar.time_zone");
    let hours = f.write(
        "hours.toml",
        "[calendar]\ncall_hours = \"17:30-08:00\"\n\n[cadence.standard]\n",
    );
    with(&f, &hours, &["today"])
        .fails(2)
        .stderr_contains("calendar.call_hours");
}

#[test]
fn the_message_announces_the_next_call_in_their_time() {
    let mut f = Followup::new();
    f.at("2026-03-09T10:00");
    let cadence = f.write(
        "cadence.toml",
        "[calendar]\ntime_zone = \"Europe/Berlin\"\n\n[cadence.standard]\n\n\
         [cadence.daily]\ngap_business_days = 1\nmax_touches = 8\nrescue_after = 0\n\
         promise_time = \"14:15\"\n",
    );
    let nia = add(&f, &cadence, "Nia Brooks", "America/New_York");
    with(&f, &cadence, &["edit", "nia", "--cadence", "daily"]).success();
    let due = json(&f, &cadence, &["today", "--json"]);
    // The cadence promises the next call at 14:15 Berlin time: 09:15 for Nia (New York is
    // already on summer time on Tue 10 March, Berlin not yet).
    let script = due[0]["script"].as_str().unwrap();
    assert_eq!(due[0]["id"], nia);
    assert!(script.contains("Tuesday 10 March at 09:15"), "{script}");
    assert!(!script.contains("14:15"), "{script}");
}

#[test]
fn a_promise_of_the_user_is_kept_without_stating_a_time_in_the_standard_messages() {
    // Issue 10: a promise made once was repeated by every later message ("at 13:15 sharp").
    let mut f = Followup::new();
    f.at("2026-03-09T10:00");
    let cadence = berlin(&f, "");
    add(&f, &cadence, "Nia Brooks", "America/New_York");
    with(
        &f,
        &cadence,
        &["log", "nia", "--promise", "today 08:15", "--their-time"],
    )
    .success();
    let due = json(&f, &cadence, &["today", "--json"]);
    assert_eq!(due[0]["promised"], true);
    assert_eq!(due[0]["time"], "13:15");
    let script = due[0]["script"].as_str().unwrap();
    assert!(
        script.contains(". This is the call I promised you. "),
        "{script}"
    );
    assert!(
        !script.contains("08:15") && !script.contains("13:15"),
        "{script}"
    );
}

#[test]
fn a_change_of_my_zone_is_pointed_out() {
    // A SQLite file keeps the wall clock of one zone, so a change of zone would move its
    // times. PostgreSQL keeps instants, which read right in any zone (team_zones.rs).
    let mut f = Followup::sqlite();
    f.at("2026-03-09T10:00");
    let cadence = berlin(&f, "");
    add(&f, &cadence, "Nia Brooks", "America/New_York");
    let same = with(&f, &cadence, &["today"]);
    same.success();
    assert_eq!(same.stderr, "");
    let elsewhere = f.write(
        "tokyo.toml",
        "[calendar]\ntime_zone = \"Asia/Tokyo\"\n\n[cadence.standard]\n",
    );
    let moved = with(&f, &elsewhere, &["today"]);
    moved.success();
    moved.stderr_contains("written in Europe/Berlin time");
    moved.stderr_contains("time_zone = \"Europe/Berlin\"");
    // Another name of the same zone is no change: seen when a machine said UTC one day and
    // Etc/UTC the next.
    let alias = f.write(
        "kyiv.toml",
        "[calendar]\ntime_zone = \"Europe/Kyiv\"\n\n[cadence.standard]\n",
    );
    let old_name = f.write(
        "kiev.toml",
        "[me]\nname = \"Jo\"\ncompany = \"Brandt & Co\"\nphone = \"555-0199\"\n\
         [calendar]\ntime_zone = \"Europe/Kiev\"\n\n[cadence.standard]\n",
    );
    let g = Followup::sqlite();
    with(&g, &alias, &["add", "Ola Ivanenko"]).success();
    let renamed = with(&g, &old_name, &["today"]);
    renamed.success();
    assert_eq!(renamed.stderr, "", "two names of one zone are one clock");
}

#[test]
fn a_zone_survives_a_json_backup_and_a_csv_export() {
    let f = Followup::new();
    let cadence = berlin(&f, "");
    add(&f, &cadence, "Nia Brooks", "America/New_York");
    let backup = f.dir().join("backup.json");
    with(
        &f,
        &cadence,
        &[
            "export",
            "--format",
            "json",
            "--output",
            backup.to_str().unwrap(),
        ],
    )
    .success();
    let csv = with(&f, &cadence, &["export"]);
    csv.success();
    csv.stdout_contains("time_zone");
    csv.stdout_contains("America/New_York");

    let restored = Followup::new();
    let cadence = berlin(&restored, "");
    with(
        &restored,
        &cadence,
        &["import", backup.to_str().unwrap(), "--format", "json"],
    )
    .success();
    let nia = json(&restored, &cadence, &["show", "nia", "--json"]);
    assert_eq!(nia["time_zone"], "America/New_York");
}

/// Unpinned, the system clock is read in the system's zone (UTC here, by `TZ`) and moved to
/// the salesperson's: an attempt logged with `time_zone = "Asia/Tokyo"` is stamped 9 hours
/// after one logged a moment before without it. The test reads no clock itself.
#[test]
fn the_system_clock_is_read_in_my_zone() {
    let mut f = Followup::new();
    f.unpinned();
    let tokyo = f.write(
        "tokyo.toml",
        "[calendar]\ntime_zone = \"Asia/Tokyo\"\n\n[cadence.standard]\n",
    );
    let utc = f.write(
        "utc.toml",
        "[calendar]\ntime_zone = \"UTC\"\n\n[cadence.standard]\n",
    );
    let run = |file: &Path, args: &[&str]| {
        let run = f
            .cmd(args)
            .env("FOLLOWUP_CADENCE", file)
            .env("TZ", "UTC")
            .run();
        run.success();
        run
    };
    let stamp = |file: &Path, name: &str| {
        let added = run(file, &["add", name, "--json"]).stdout_json();
        let at = added["created_at"].as_str().unwrap().to_string();
        chrono::NaiveDateTime::parse_from_str(&at, "%Y-%m-%dT%H:%M:%S%.f").unwrap()
    };
    let in_utc = stamp(&utc, "Ann Utc");
    let in_tokyo = stamp(&tokyo, "Kenji Sato");
    let apart = in_tokyo - in_utc;
    assert!(
        apart >= chrono::TimeDelta::hours(9)
            && apart < chrono::TimeDelta::hours(9) + chrono::TimeDelta::minutes(1),
        "{in_utc} then {in_tokyo}"
    );
}
