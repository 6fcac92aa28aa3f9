//! `[calendar] holiday_calendars`: the iCalendar files whose all-day events are days off,
//! read when the cadence file is loaded so that a broken one is refused with the rest of it.

use std::path::Path;

use super::error::{ConfigError, Locator};
use crate::holidays::{self, HolidayList, Source};
use crate::input_file::{self, Kind};

const KEY: &str = "holiday_calendars";

/// Reads each file, relative to `folder` (the cadence file's) unless absolute. A file that
/// cannot be read is a failure of the file system; one that is not a calendar is bad input.
pub(super) fn load(
    locator: &Locator,
    folder: Option<&Path>,
    paths: &[String],
) -> Result<Vec<HolidayList>, ConfigError> {
    paths
        .iter()
        .map(|written| {
            let path = match folder {
                Some(folder) => folder.join(written),
                None => Path::new(written).to_path_buf(),
            };
            let text = input_file::read(&path, Kind::Calendar).map_err(|error| ConfigError {
                unreadable: !error.is_bad_input(),
                ..locator.at_key(
                    "calendar",
                    KEY,
                    format!("cannot read {}: {error}", path.display()),
                )
            })?;
            let text = String::from_utf8(text).map_err(|_| {
                locator.at_key(
                    "calendar",
                    KEY,
                    format!("{} is not UTF-8 text", path.display()),
                )
            })?;
            let file = holidays::read(&text).map_err(|error| {
                locator.at_key("calendar", KEY, format!("{}, {error}", path.display()))
            })?;
            Ok(HolidayList {
                source: Source::CalendarFile(written.clone()),
                holidays: file.holidays,
                skipped: file.skipped,
            })
        })
        .collect()
}
