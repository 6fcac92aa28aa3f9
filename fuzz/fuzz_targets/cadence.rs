//! The cadence loader on arbitrary bytes: what `Config::load` does with a file's contents
//! (refuse what is not UTF-8, then parse and check the TOML, and read the holiday calendars
//! it names).
//!
//! The file is placed in a private folder that holds one valid holiday calendar,
//! `holidays.ics`, so that `holiday_calendars` finds something to read and nothing else.
//! A file that is accepted must also be usable: every cadence in it describes itself and
//! plays out its timeline, from an ordinary day and from the edges of the years `--start`
//! accepts, without a panic or an endless loop.

#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::NaiveDate;
use followup::config::{self, Config, Origin};
use followup::timeline::timeline;
use libfuzzer_sys::fuzz_target;

const HOLIDAYS: &str = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\n\
    DTSTART;VALUE=DATE:20261225\r\nRRULE:FREQ=YEARLY\r\nSUMMARY:Christmas\r\nEND:VEVENT\r\n\
    END:VCALENDAR\r\n";

/// `cadence.toml` in a folder of its own, beside `holidays.ics`.
fn cadence_path() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let folder = std::env::temp_dir().join("followup-fuzz-cadence");
        std::fs::create_dir_all(&folder).expect("a private folder");
        std::fs::write(folder.join("holidays.ics"), HOLIDAYS).expect("a holiday calendar");
        folder.join("cadence.toml")
    })
}

fuzz_target!(|data: &[u8]| {
    let path = cadence_path();
    let config = match Config::from_bytes(data, Origin::File(path.clone())) {
        Ok(config) => config,
        Err(error) => {
            // The only files read are the holiday calendars the cadence file names.
            if error.unreadable {
                assert_eq!(
                    error.key.as_deref(),
                    Some("calendar.holiday_calendars"),
                    "{error}"
                );
            }
            let message = error.to_string();
            assert!(
                message.starts_with(&path.display().to_string()),
                "{message}"
            );
            return;
        }
    };
    assert!(config.cadence(config::DEFAULT_CADENCE).is_some());
    let _ = config.rules_fingerprint();
    let starts = [
        NaiveDate::from_ymd_opt(2026, 11, 23),
        NaiveDate::from_ymd_opt(1900, 1, 1),
        NaiveDate::from_ymd_opt(9999, 12, 31),
    ];
    for cadence in config.cadences() {
        let _ = config::describe(cadence);
        for start in starts.into_iter().flatten() {
            let rows = timeline(cadence, &config.calendar, start);
            assert!(!rows.is_empty(), "{} gives no first touch", cadence.name);
            assert!(
                rows.windows(2).all(|pair| pair[0].date <= pair[1].date),
                "{}: the timeline goes back in time: {rows:?}",
                cadence.name
            );
        }
    }
});
