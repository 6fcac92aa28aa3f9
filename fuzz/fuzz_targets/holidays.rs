//! The holiday calendar reader (`followup::holidays::read`) on arbitrary text: the iCalendar
//! files that `calendar import` copies and that the cadence file's `holiday_calendars` names.
//!
//! Whatever the file, the reader gives days off or an error; the days off are in date order,
//! one entry per date, inside the years followup handles.

#![no_main]

use followup::holidays;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match holidays::read(text) {
        Ok(file) => {
            for holiday in &file.holidays {
                assert!(
                    followup::when::is_supported(holiday.date),
                    "{} is outside the years followup handles",
                    holiday.date
                );
            }
            assert!(
                file.holidays
                    .windows(2)
                    .all(|pair| pair[0].date < pair[1].date),
                "days off out of order or repeated: {:?}",
                file.holidays
            );
        }
        Err(error) => drop(error.to_string()),
    }
});
