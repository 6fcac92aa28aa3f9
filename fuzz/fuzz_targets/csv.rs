//! The CSV row reader of `followup import` on arbitrary bytes.
//!
//! The first byte picks the options a user could give (`--keep-unknown`, a `--map`); the rest
//! is the file. The reader must read the file or refuse it with a row number or a header
//! problem; what it reads must be prospects with a name and a cadence the file allows.

#![no_main]

use chrono::NaiveDate;
use followup::transfer::csv_in::{self, CsvOptions};
use followup::transfer::{Mapping, TransferError};
use libfuzzer_sys::fuzz_target;

const MAPS: [&str; 4] = ["Cell=phone", "A=name", "b=ignore", "Lead Source=note"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, bytes)) = data.split_first() else {
        return;
    };
    let mappings = match (pick >> 1) & 0b111 {
        0..=3 => Vec::new(),
        n => vec![Mapping::parse(MAPS[usize::from(n) - 4]).expect("a valid --map")],
    };
    let options = CsvOptions {
        mappings,
        keep_unknown: pick & 1 == 1,
        now: NaiveDate::from_ymd_opt(2026, 11, 23)
            .and_then(|day| day.and_hms_opt(10, 0, 0))
            .expect("a valid clock"),
        default_cadence: "standard".into(),
        cadences: vec!["standard".into(), "nurture".into()],
    };
    match csv_in::read(bytes, &options) {
        Ok(batch) => {
            for incoming in &batch.prospects {
                let prospect = &incoming.prospect;
                assert!(!prospect.contact.name.is_empty());
                assert!(options.cadences.contains(&prospect.cadence));
                assert!(followup::when::is_supported(prospect.start));
            }
        }
        Err(error) => {
            if let TransferError::Row { row, .. } = &error {
                assert!(*row >= 1, "rows are numbered from 1: {error}");
            }
            let _ = error.to_string();
        }
    }
});
