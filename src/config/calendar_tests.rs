//! `[calendar]`'s holiday files and daily capacity, and the days off the database adds.

use std::path::Path;

use chrono::NaiveDate;

use super::*;

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a YYYY-MM-DD date")
}

const FIXTURE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/holidays-us.ics"
);

/// A cadence file in a temporary folder, with `calendar` as its `[calendar]` table.
fn folder_with(calendar: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cadence.toml");
    std::fs::write(
        &path,
        format!("[calendar]\n{calendar}\n[cadence.standard]\ngap_business_days = 4\n"),
    )
    .unwrap();
    (dir, path)
}

#[test]
fn holiday_files_are_read_beside_the_cadence_file() {
    let (dir, path) =
        folder_with("holiday_calendars = [\"cal/us.ics\"]\nholidays = [\"2026-12-24\"]");
    std::fs::create_dir(dir.path().join("cal")).unwrap();
    std::fs::copy(FIXTURE, dir.path().join("cal/us.ics")).unwrap();
    let config = Config::load(&path).unwrap();
    for holiday in ["2026-11-26", "2026-11-27", "2026-12-24", "2026-12-25"] {
        assert!(!config.calendar.is_business_day(date(holiday)), "{holiday}");
    }
    // cadence.md's example with Thanksgiving: Mon 2026-11-23 + 4 = Tue 2026-12-01.
    assert_eq!(
        config.calendar.add_business_days(date("2026-11-23"), 4),
        date("2026-12-01")
    );
    let sources: Vec<String> = config
        .holiday_lists
        .iter()
        .map(|list| list.source.to_string())
        .collect();
    assert_eq!(sources, ["cadence file", "cal/us.ics"]);
    assert_eq!(config.holiday_lists[1].skipped.len(), 1);
}

#[test]
fn a_missing_holiday_file_is_a_file_system_failure() {
    let (_dir, path) = folder_with("holiday_calendars = [\"nowhere.ics\"]");
    let error = Config::load(&path).unwrap_err();
    assert!(error.unreadable);
    assert_eq!(error.key.as_deref(), Some("calendar.holiday_calendars"));
    assert!(error.message.contains("nowhere.ics"), "{error}");
    assert_eq!(error.line, Some(2));
}

#[test]
fn a_broken_holiday_file_is_bad_input_with_its_line() {
    let (dir, path) = folder_with("holiday_calendars = [\"bad.ics\"]");
    std::fs::write(
        dir.path().join("bad.ics"),
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:2026-12-25\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let error = Config::load(&path).unwrap_err();
    assert!(!error.unreadable);
    assert!(error.message.contains("bad.ics, line 3"), "{error}");
}

#[test]
fn the_fingerprint_follows_the_holiday_file() {
    let (dir, path) = folder_with("holiday_calendars = [\"us.ics\"]");
    std::fs::copy(FIXTURE, dir.path().join("us.ics")).unwrap();
    let before = Config::load(&path).unwrap().rules_fingerprint();
    let text = std::fs::read_to_string(FIXTURE).unwrap();
    std::fs::write(
        dir.path().join("us.ics"),
        text.replace("20270118", "20270119"),
    )
    .unwrap();
    assert_ne!(Config::load(&path).unwrap().rules_fingerprint(), before);
}

#[test]
fn daily_capacity_is_read_from_the_calendar_and_each_cadence() {
    let config = Config::parse(
        "[calendar]\nmax_touches_per_day = 12\n[cadence.standard]\n[cadence.nurture]\nmax_touches_per_day = 3\n",
        Origin::File(Path::new("/tmp/cadence.toml").to_path_buf()),
    )
    .unwrap();
    assert_eq!(config.max_touches_per_day, Some(12));
    assert_eq!(
        config.cadence("nurture").unwrap().max_touches_per_day,
        Some(3)
    );
    assert_eq!(
        config.cadence("standard").unwrap().max_touches_per_day,
        None
    );
    assert_eq!(Config::built_in().max_touches_per_day, None);

    let zero = Config::parse(
        "[calendar]\nmax_touches_per_day = 0\n[cadence.standard]\n",
        Origin::File(Path::new("/tmp/cadence.toml").to_path_buf()),
    )
    .unwrap();
    assert_eq!(zero.max_touches_per_day, None);

    for (text, key) in [
        (
            "[calendar]\nmax_touches_per_day = -1\n[cadence.standard]\n",
            "calendar.max_touches_per_day",
        ),
        (
            "[cadence.standard]\nmax_touches_per_day = 99999\n",
            "cadence.standard.max_touches_per_day",
        ),
    ] {
        let error = Config::parse(
            text,
            Origin::File(Path::new("/tmp/cadence.toml").to_path_buf()),
        )
        .unwrap_err();
        assert_eq!(error.key.as_deref(), Some(key), "{error}");
    }
}

#[test]
fn days_off_from_the_database_join_the_calendar_and_the_fingerprint() {
    let config = Config::built_in();
    let before = config.rules_fingerprint();
    let imported = HolidayList {
        source: Source::Imported("us.ics".into()),
        holidays: vec![Holiday {
            date: date("2026-11-26"),
            name: "Thanksgiving Day".into(),
        }],
        skipped: Vec::new(),
    };
    let with_days = config.with_days_off(vec![imported], [date("2026-11-27")]);
    assert!(!with_days.calendar.is_business_day(date("2026-11-26")));
    assert!(with_days.calendar.is_away(date("2026-11-27")));
    assert_ne!(with_days.rules_fingerprint(), before);
    assert_eq!(
        with_days.holiday_lists.last().unwrap().source,
        Source::Imported("us.ics".into())
    );
}
