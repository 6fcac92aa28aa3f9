//! The JSON reader of `followup import` (a backup made by `export --format json`, or a
//! hand-written array of prospects) on arbitrary bytes.
//!
//! The reader must read the file or refuse it. What it accepts must be what `add` and `log`
//! would store: a name, a cadence the file defines, dates within the supported years,
//! attempts that have happened, promises after their attempt. And a file it accepts must
//! survive a round trip: written out as a backup and read back, it gives the same prospects.

#![no_main]

use chrono::NaiveDate;
use followup::domain::checks;
use followup::store::AttemptRecord;
use followup::transfer::{Exported, archive};
use followup::when::is_supported;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let now = NaiveDate::from_ymd_opt(2026, 11, 23)
        .and_then(|day| day.and_hms_opt(10, 0, 0))
        .expect("a valid clock");
    let cadences = vec!["standard".to_string(), "nurture".to_string()];
    let Ok(batch) = archive::read(bytes, now, "standard", &cadences) else {
        return;
    };
    for incoming in &batch.prospects {
        let prospect = &incoming.prospect;
        assert_eq!(checks::contact(&prospect.contact), Ok(()));
        assert!(cadences.contains(&prospect.cadence));
        assert!(is_supported(prospect.start));
        assert!(is_supported(prospect.created_at.date()));
        for attempt in &incoming.attempts {
            assert!(attempt.at.date() <= now.date(), "an attempt in the future");
            assert!(is_supported(attempt.at.date()));
            if let Some(promise) = attempt.promise {
                assert!(promise > attempt.at, "a promise before its attempt");
            }
            if let Some(next) = attempt.next {
                assert!(next >= attempt.at.date(), "a next date before its attempt");
            }
        }
    }
    // Written out as `export --format json` writes it, and read back: the same book.
    let records: Vec<Exported> = batch
        .prospects
        .iter()
        .map(|incoming| Exported {
            prospect: incoming.prospect.clone(),
            attempts: incoming
                .attempts
                .iter()
                .map(|attempt| AttemptRecord {
                    attempt: attempt.as_attempt(),
                    logged_at: attempt.logged_at,
                })
                .collect(),
            next: None,
        })
        .collect();
    let written = archive::write(&records, now);
    let again = archive::read(written.as_bytes(), now, "standard", &cadences)
        .expect("a backup of what was accepted is accepted");
    assert_eq!(again.prospects.len(), batch.prospects.len());
    for (first, second) in batch.prospects.iter().zip(&again.prospects) {
        assert_eq!(first.prospect, second.prospect);
        assert_eq!(first.attempts, second.attempts);
    }
});
