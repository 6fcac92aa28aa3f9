//! The database as a salesperson's memory: it must survive concurrent writers, processes
//! killed mid-write, upgrades of the tool, and it must stay private.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

use followup::config::Config;
use followup::domain::Status;
use followup::engine;
use followup::store::Store;

const NOW: &str = "2026-11-23T10:00";

fn followup(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_followup"));
    command
        .args(args)
        .env_clear()
        .env("HOME", db.parent().unwrap())
        .env("FOLLOWUP_DB", db)
        .env("FOLLOWUP_NOW", NOW)
        .stdin(Stdio::null());
    command
}

#[track_caller]
fn run_ok(db: &Path, args: &[&str]) -> Output {
    let output = followup(db, args).output().unwrap();
    assert!(
        output.status.success(),
        "followup {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("followup.db");
    (dir, db)
}

fn attempt_count(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM attempts", [], |row| row.get(0))
        .unwrap()
}

fn integrity(db: &Path) -> String {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |row| row.get(0))
        .unwrap()
}

/// Every stored due date agrees with what the engine computes from the stored attempts: no
/// command left half of its writes behind.
#[track_caller]
fn assert_due_dates_consistent(db: &Path) {
    let config = Config::built_in();
    let store = Store::open(db).unwrap();
    let reader = store.reader();
    let conn = rusqlite::Connection::open(db).unwrap();
    for prospect in reader.prospects(None).unwrap() {
        let attempts = reader.attempts(prospect.id).unwrap();
        let cadence = config.cadence(&prospect.cadence).unwrap();
        let expected = engine::earliest_due(&prospect, &attempts, cadence, &config.calendar);
        let stored: Option<chrono::NaiveDate> = conn
            .query_row(
                "SELECT due_on FROM prospects WHERE id = ?1",
                [prospect.id],
                |row| row.get(0),
            )
            .unwrap();
        assert_eq!(
            stored, expected,
            "stored due date of prospect {}",
            prospect.id
        );
    }
}

#[test]
fn four_processes_logging_at_once_lose_nothing() {
    let (_dir, db) = temp_db();
    run_ok(&db, &["add", "Dana Whitfield"]);
    let writers: Vec<_> = (0..4)
        .map(|writer| {
            let db = db.clone();
            std::thread::spawn(move || {
                for attempt in 0..250 {
                    let note = format!("writer {writer} attempt {attempt}");
                    let output = followup(&db, &["log", "1", "--note", &note])
                        .output()
                        .unwrap();
                    assert!(
                        output.status.success(),
                        "{note}: {}",
                        String::from_utf8_lossy(&output.stderr)
                    );
                }
            })
        })
        .collect();
    for writer in writers {
        writer.join().unwrap();
    }
    assert_eq!(attempt_count(&db), 1000);
    assert_eq!(integrity(&db), "ok");
}

#[test]
fn a_killed_writer_leaves_all_or_nothing() {
    let (_dir, db) = temp_db();
    for name in ["Ann Ames", "Bo Berg", "Cy Cole"] {
        run_ok(&db, &["add", name]);
    }
    let mut finished = 0;
    for round in 0..60u64 {
        let prospect = ["1", "2", "3"][round as usize % 3];
        let mut child = followup(&db, &["log", prospect, "--note", "burst"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Kill at varying points of the process's life, from start-up to commit.
        std::thread::sleep(Duration::from_micros(500 * (round % 12)));
        let _ = child.kill();
        if child.wait().unwrap().success() {
            finished += 1;
        }
    }
    assert_eq!(integrity(&db), "ok");
    let count = attempt_count(&db);
    assert!(
        count >= finished && count <= 60,
        "{count} attempts for {finished} finished logs"
    );
    assert_due_dates_consistent(&db);
    // The database still takes writes.
    run_ok(&db, &["log", "1"]);
}

fn copy_fixture(name: &str) -> (tempfile::TempDir, PathBuf) {
    let (dir, db) = temp_db();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::copy(fixture, &db).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).unwrap();
    }
    (dir, db)
}

#[test]
fn a_database_from_the_first_schema_opens_with_every_record() {
    let (_dir, db) = copy_fixture("schema-v1.db");
    let output = run_ok(&db, &["list", "--status", "all", "--json"]);
    let list: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let names: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Dana Whitfield", "Li Wei", "Ola Nordmann"]);

    let dana: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["show", "dana", "--json"]).stdout).unwrap();
    assert_eq!(dana["assistant"], "Rob Finch");
    assert_eq!(dana["prefers"], "email");
    assert_eq!(dana["attempts"].as_array().unwrap().len(), 2);
    assert_eq!(dana["attempts"][1]["channel"], "email");

    let li: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["show", "li", "--json"]).stdout).unwrap();
    assert_eq!(li["attempts"][0]["promise"], "2026-11-24T08:15:00");
    assert_eq!(li["attempts"][1]["next"], "2026-12-01");
    assert_eq!(li["next"]["step"], "next-step");

    let ola: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["show", "ola", "--json"]).stdout).unwrap();
    assert_eq!(ola["status"], "closed");
    assert_eq!(ola["close_reason"], "no-response");
    assert_eq!(ola["recontact_on"], "2027-02-22");

    let version: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, followup::store::CURRENT_VERSION);
}

#[test]
fn a_database_from_the_first_schema_takes_days_off_and_recomputes_its_due_dates() {
    let (dir, db) = copy_fixture("schema-v1.db");
    let ics = dir.path().join("holidays-us.ics");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/holidays-us.ics"),
        &ics,
    )
    .unwrap();
    run_ok(&db, &["calendar", "import", ics.to_str().unwrap()]);
    run_ok(&db, &["away", "2026-11-30", "2026-12-01"]);
    let dana: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["show", "dana", "--json"]).stdout).unwrap();
    // The voicemail and the email of Mon 23 are one touch; 4 business days later, over
    // Thanksgiving, the day after and the two days away: Thu 2026-12-03.
    assert_eq!(dana["next"]["due"], "2026-12-03");
    assert_eq!(dana["attempts"].as_array().unwrap().len(), 2);
    let stored: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row(
            "SELECT due_on FROM prospects WHERE name = 'Dana Whitfield'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(stored, "2026-12-03");
}

#[test]
fn a_database_from_the_second_schema_opens_with_its_days_off() {
    let (_dir, db) = copy_fixture("schema-v2.db");
    let list: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["list", "--status", "all", "--json"]).stdout)
            .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 3);
    let li: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["show", "li", "--json"]).stdout).unwrap();
    assert_eq!(li["attempts"][0]["promise"], "2026-11-24T08:15:00");
    assert_eq!(li["next"]["due"], "2026-12-01");

    let year: serde_json::Value = serde_json::from_slice(
        &run_ok(&db, &["calendar", "show", "--year", "2026", "--json"]).stdout,
    )
    .unwrap();
    let days_off = year["days_off"].as_array().unwrap();
    let thanksgiving = days_off
        .iter()
        .find(|day| day["date"] == "2026-11-26")
        .unwrap();
    assert_eq!(thanksgiving["sources"][0], "imported holidays-us.ics");
    let away: Vec<&str> = days_off
        .iter()
        .filter(|day| day["away"] == true)
        .map(|day| day["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        away,
        ["2026-12-21", "2026-12-22", "2026-12-23", "2026-12-24"]
    );
    // Mon 23 + 4 business days over Thanksgiving and the day after: Tue 2026-12-01.
    let dana: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["show", "dana", "--json"]).stdout).unwrap();
    assert_eq!(dana["next"]["due"], "2026-12-01");

    let version: i64 = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert_eq!(version, followup::store::CURRENT_VERSION);
}

#[test]
fn a_database_from_the_second_schema_keeps_its_records_and_takes_time_zones() {
    let (_dir, db) = copy_fixture("schema-v2.db");
    let before: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["list", "--status", "all", "--json"]).stdout)
            .unwrap();
    assert_eq!(before.as_array().unwrap().len(), 3);
    let li: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["show", "li", "--json"]).stdout).unwrap();
    assert_eq!(li["time_zone"], serde_json::Value::Null);
    assert_eq!(li["attempts"].as_array().unwrap().len(), 2);
    run_ok(&db, &["edit", "li", "--tz", "Asia/Shanghai"]);
    let li: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["show", "li", "--json"]).stdout).unwrap();
    assert_eq!(li["time_zone"], "Asia/Shanghai");
    assert_eq!(li["company"], "Acme Corp");
    assert_eq!(li["attempts"][0]["promise"], "2026-11-24T08:15:00");
}

#[test]
fn a_database_from_the_third_schema_opens_with_its_time_zones() {
    let (_dir, db) = copy_fixture("schema-v3.db");
    let nia: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["show", "nia", "--json"]).stdout).unwrap();
    assert_eq!(nia["time_zone"], "America/New_York");
    assert_eq!(nia["attempts"][0]["promise"], "2026-11-24T14:15:00");
    let list: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["list", "--status", "all", "--json"]).stdout)
            .unwrap();
    assert_eq!(list.as_array().unwrap().len(), 4);
}

#[test]
fn an_attempt_logged_by_the_third_schema_can_be_undone_and_later_ones_put_their_file_back() {
    let (_dir, db) = copy_fixture("schema-v3.db");
    let attempts = |name: &str| {
        let shown: serde_json::Value =
            serde_json::from_slice(&run_ok(&db, &["show", name, "--json"]).stdout).unwrap();
        shown["attempts"].as_array().unwrap().len()
    };
    // The fixture's last log is Li's reply; undo takes it back, leaving the call before it.
    let undone = run_ok(&db, &["--now", "2026-11-25", "undo", "--yes"]);
    assert!(String::from_utf8_lossy(&undone.stdout).contains("Li Wei"));
    assert_eq!(attempts("li"), 1);
    // A "no" logged by this version reopens the file when undone.
    run_ok(
        &db,
        &["--now", "2026-11-25", "log", "li", "--outcome", "declined"],
    );
    run_ok(&db, &["--now", "2026-11-25", "undo", "--yes"]);
    let li: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["show", "li", "--json"]).stdout).unwrap();
    assert_eq!(li["status"], "active");
}

#[test]
fn a_database_from_the_fourth_schema_undoes_what_its_logs_changed() {
    let (_dir, db) = copy_fixture("schema-v4.db");
    let show = |name: &str| -> serde_json::Value {
        serde_json::from_slice(&run_ok(&db, &["show", name, "--json"]).stdout).unwrap()
    };
    assert_eq!(show("ola")["status"], "active");
    // The last log reopened Ola's file (closed as no-response): undo closes it again.
    run_ok(&db, &["--now", "2026-11-27", "undo", "--yes"]);
    let ola = show("ola");
    assert_eq!(ola["status"], "closed");
    assert_eq!(ola["close_reason"], "no-response");
    assert_eq!(ola["recontact_on"], "2027-02-22");
    // The one before it closed Kim's: undo reopens it.
    assert_eq!(show("kim")["status"], "closed");
    run_ok(&db, &["--now", "2026-11-27", "undo", "--yes"]);
    let kim = show("kim");
    assert_eq!(kim["status"], "active");
    assert_eq!(kim["close_reason"], serde_json::Value::Null);
}

#[test]
fn a_database_from_the_fourth_schema_has_no_ground_rules_or_main_line_and_takes_them() {
    let (_dir, db) = copy_fixture("schema-v4.db");
    let list: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["list", "--status", "all", "--json"]).stdout)
            .unwrap();
    for prospect in list.as_array().unwrap() {
        assert_eq!(prospect["ground_rules"], false, "{prospect}");
        assert_eq!(prospect["main_line"], serde_json::Value::Null, "{prospect}");
    }
    run_ok(
        &db,
        &[
            "edit",
            "dana",
            "--ground-rules",
            "yes",
            "--main-line",
            "555-0100",
        ],
    );
    let dana: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["show", "dana", "--json"]).stdout).unwrap();
    assert_eq!(dana["ground_rules"], true);
    assert_eq!(dana["main_line"], "555-0100");
    assert_eq!(dana["time_zone"], "Europe/Berlin");
    assert_eq!(dana["next_step"], "a quote for 12 chairs");
}

#[test]
fn a_database_made_before_rule_1_was_rewritten_keeps_its_promised_steps_as_history() {
    // schema-v3.db was made when a promised call was recorded as the step `promised`, and its
    // due dates were stored under RULES_VERSION 1 (issue 10).
    let (_dir, db) = copy_fixture("schema-v3.db");
    let fingerprint = |db: &Path| -> Option<String> {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row(
                "SELECT value FROM meta WHERE key = 'rules_fingerprint'",
                [],
                |row| row.get(0),
            )
            .ok()
    };
    let old = fingerprint(&db);
    assert!(old.is_some());
    let li: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["show", "li", "--json"]).stdout).unwrap();
    assert_eq!(
        li["attempts"][1]["step"], "promised",
        "history, read as it is"
    );
    assert_eq!(li["next"]["promised"], false);
    let stats = String::from_utf8(run_ok(&db, &["stats", "--until", "2026-11-30"]).stdout).unwrap();
    assert!(stats.contains("│ promised "), "{stats}");

    // `stats` reads counts kept with the due dates: it recomputes both under today's rules.
    run_ok(&db, &["today"]);
    assert!(fingerprint(&db).is_some());
    assert_ne!(fingerprint(&db), old, "stored due dates are recomputed");
}

#[test]
fn a_database_from_a_newer_followup_is_refused_untouched() {
    let (_dir, db) = copy_fixture("schema-v1.db");
    rusqlite::Connection::open(&db)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let before = std::fs::read(&db).unwrap();
    let output = followup(&db, &["today"]).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("error: ") && stderr.contains("newer followup"),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[cfg(unix)]
#[test]
fn the_database_and_its_folder_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new-folder/followup.db");
    run_ok(&db, &["add", "Dana Whitfield"]);
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&db), 0o600);
    assert_eq!(mode(db.parent().unwrap()), 0o700);

    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o644)).unwrap();
    let output = run_ok(&db, &["today"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.starts_with("warning: ") && stderr.contains("chmod 600"),
        "{stderr}"
    );
}

#[test]
fn a_backup_is_a_complete_private_copy_and_never_overwrites() {
    let (dir, db) = copy_fixture("schema-v1.db");
    let backup = dir.path().join("backup.db");
    run_ok(&db, &["backup", backup.to_str().unwrap()]);
    let original = run_ok(&db, &["list", "--status", "all", "--json"]).stdout;
    let copy = run_ok(&backup, &["list", "--status", "all", "--json"]).stdout;
    assert_eq!(original, copy);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    let again = followup(&db, &["backup", backup.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        run_ok(&backup, &["list", "--status", "all", "--json"]).stdout,
        copy
    );
}

#[test]
fn a_backup_taken_while_others_write_is_consistent() {
    let (dir, db) = temp_db();
    run_ok(&db, &["add", "Dana Whitfield"]);
    let writer = {
        let db = db.clone();
        std::thread::spawn(move || {
            for _ in 0..60 {
                run_ok(&db, &["log", "1"]);
            }
        })
    };
    let mut copies = Vec::new();
    for index in 0..5 {
        let backup = dir.path().join(format!("backup-{index}.db"));
        run_ok(&db, &["backup", backup.to_str().unwrap()]);
        copies.push(backup);
    }
    writer.join().unwrap();
    for backup in copies {
        assert_eq!(integrity(&backup), "ok");
        assert_due_dates_consistent(&backup);
        let status: Status = Store::open(&backup)
            .unwrap()
            .reader()
            .prospect(1)
            .unwrap()
            .unwrap()
            .status;
        assert_eq!(status, Status::Active);
    }
}

fn journal_mode(db: &Path) -> String {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |row| row.get(0))
        .unwrap()
}

fn prospect_count(db: &Path) -> i64 {
    rusqlite::Connection::open(db)
        .unwrap()
        .query_row("SELECT count(*) FROM prospects", [], |row| row.get(0))
        .unwrap()
}

#[test]
fn an_import_killed_midway_leaves_all_or_nothing() {
    let (dir, db) = temp_db();
    run_ok(&db, &["add", "Already Here"]);
    let csv = dir.path().join("book.csv");
    let mut text = String::from("Full Name,Company,Email,Phone\n");
    for row in 0..20_000 {
        text.push_str(&format!(
            "Person {row},Company {row},p{row}@example.com,555-{row:05}\n"
        ));
    }
    // A megabyte or more: the import runs under the rollback journal (store::journal).
    assert!(text.len() >= 1 << 20);
    std::fs::write(&csv, text).unwrap();
    let mut outcomes = Vec::new();
    for delay_ms in [5u64, 40, 120, 300] {
        let mut child = followup(&db, &["import", csv.to_str().unwrap()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill();
        let finished = child.wait().unwrap().success();
        assert_eq!(integrity(&db), "ok");
        let count = prospect_count(&db);
        outcomes.push((delay_ms, finished, count));
        // The next command finds the book back in WAL, or puts it back.
        run_ok(&db, &["today"]);
        assert_eq!(journal_mode(&db), "wal", "after a kill at {delay_ms} ms");
        // Either the whole file went in, or none of it did.
        assert!(
            count == 1 || count == 20_001,
            "after a kill at {delay_ms} ms: {count} prospects"
        );
        if count == 20_001 {
            break;
        }
    }
    assert_due_dates_consistent(&db);
    // Whatever happened, importing again completes the book without duplicates.
    run_ok(&db, &["import", csv.to_str().unwrap()]);
    assert_eq!(prospect_count(&db), 20_001, "{outcomes:?}");
}

#[test]
fn a_database_from_the_fifth_schema_keeps_its_ground_rules_and_main_line() {
    let (_dir, db) = copy_fixture("schema-v5.db");
    let show = |name: &str| -> serde_json::Value {
        serde_json::from_slice(&run_ok(&db, &["show", name, "--json"]).stdout).unwrap()
    };
    let li = show("li");
    assert_eq!(li["ground_rules"], true);
    assert_eq!(li["attempts"].as_array().unwrap().len(), 3);
    assert_eq!(show("nia")["main_line"], "555-0190");
    assert_eq!(show("dana")["ground_rules"], false);
}

#[test]
fn a_database_from_the_ninth_schema_keeps_its_days_away_as_the_books_own() {
    let (_dir, db) = copy_fixture("schema-v9-away.db");
    // Marked by schema 9 for the whole book: still the book's, with their effect on Dana's
    // second touch (FOLLOWUP_NOW of run_ok: the stored dates are recomputed on opening).
    let list = String::from_utf8(run_ok(&db, &["away", "--list"]).stdout).unwrap();
    assert!(
        list.contains("2026-12-15") && list.contains("2026-12-24"),
        "{list}"
    );
    let dana: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["show", "dana", "--json"]).stdout).unwrap();
    // What schema 9 itself says of it under this harness's rules (Christmas is a holiday).
    assert_eq!(dana["next"]["due"], "2026-12-29");
    // The same day marked again is not marked twice; clearing takes it off.
    run_ok(&db, &["away", "2026-12-24"]);
    let days = || -> i64 {
        rusqlite::Connection::open(&db)
            .unwrap()
            .query_row(
                "SELECT count(*) FROM away_days WHERE rep IS NULL",
                [],
                |row| row.get(0),
            )
            .unwrap()
    };
    assert_eq!(days(), 6);
    run_ok(&db, &["away", "--clear", "2026-12-21", "2026-12-24"]);
    let dana: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["show", "dana", "--json"]).stdout).unwrap();
    assert_eq!(dana["next"]["due"], "2026-12-22");
    assert_eq!(days(), 2);
}

#[test]
fn a_database_from_the_thirteenth_schema_opens_with_its_history_and_gains_the_reps_phone() {
    let (_dir, db) = copy_fixture("schema-v13.db");
    let dana: serde_json::Value =
        serde_json::from_slice(&run_ok(&db, &["show", "dana", "--json"]).stdout).unwrap();
    assert_eq!(dana["attempts"].as_array().unwrap().len(), 1);
    assert_eq!(dana["attempts"][0]["outcome"], "voicemail");
    let connection = rusqlite::Connection::open(&db).unwrap();
    let phone_columns: i64 = connection
        .query_row(
            "SELECT count(*) FROM pragma_table_info('reps') WHERE name = 'phone'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(phone_columns, 1);
    let version: i64 = connection
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert!(version >= 14, "{version}");
}

#[test]
fn a_database_from_the_fourteenth_schema_lists_each_next_step_as_show_tells_it() {
    let (_dir, db) = copy_fixture("schema-v14.db");
    // Gil's call to the assistant gives way to the last touch on Wednesday 25; Li's promised
    // callback is on Tuesday 24 at 08:15, overdue after.
    for now in ["2026-11-23T10:00", "2026-11-24T10:00", "2026-11-25T10:00"] {
        let table = run_ok(&db, &["--now", now, "list", "--status", "all"]);
        let table = String::from_utf8(table.stdout).unwrap();
        for (name, id) in [("Dana", "1"), ("Gil", "2"), ("Li", "3"), ("Omar", "4")] {
            let shown = run_ok(&db, &["--now", now, "show", id, "--json"]);
            let shown: serde_json::Value = serde_json::from_slice(&shown.stdout).unwrap();
            let row = table
                .lines()
                .find(|line| line.contains(name))
                .unwrap_or_else(|| panic!("{name} not in\n{table}"));
            // At 80 columns a closed file's row shows that it is closed, not its step.
            let mut cells = vec![&shown["next"]["due"]];
            if shown["status"] == "active" {
                cells.push(&shown["next"]["step"]);
            }
            for cell in cells {
                let cell = cell.as_str().unwrap();
                assert!(row.contains(cell), "{now}: {cell} not in {row}");
            }
        }
        if now == "2026-11-25T10:00" {
            let gil = table.lines().find(|line| line.contains("Gil")).unwrap();
            assert!(gil.contains("fire"), "{gil}");
        }
    }
    let connection = rusqlite::Connection::open(&db).unwrap();
    let unworked: i64 = connection
        .query_row(
            "SELECT count(*) FROM prospects WHERE outlook IS NULL",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(
        unworked, 0,
        "every file's outlook is worked out on upgrading"
    );
    let version: i64 = connection
        .query_row("PRAGMA user_version", [], |row| row.get(0))
        .unwrap();
    assert!(version >= 15, "{version}");
}
