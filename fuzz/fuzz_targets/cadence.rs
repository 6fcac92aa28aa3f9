//! The cadence loader on arbitrary bytes: what `Config::load` does with a file's contents
//! (refuse what is not UTF-8, then parse and check the TOML).
//!
//! A file that is accepted must also be usable: every cadence in it describes itself and
//! plays out its timeline, from an ordinary day and from the last day `--start` accepts,
//! without a panic or an endless loop.

#![no_main]

use chrono::NaiveDate;
use followup::config::{self, Config, Origin};
use followup::timeline::timeline;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let origin = Origin::File("fuzz/cadence.toml".into());
    let config = match Config::from_bytes(data, origin) {
        Ok(config) => config,
        Err(error) => {
            assert!(!error.unreadable, "bytes in hand are never unreadable");
            let message = error.to_string();
            assert!(message.starts_with("fuzz/cadence.toml"), "{message}");
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
