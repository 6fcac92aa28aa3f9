//! Turning results into what the user reads: tables and messages for people, JSON for
//! scripts. Nothing here changes state.

pub mod agenda;
pub mod chart;
pub mod dossier;
pub mod json;
pub mod listing;
pub mod message;
pub mod reason;
pub mod sanitize;
pub mod stats;
pub mod table;
pub mod view;
pub mod why;

use chrono::NaiveDate;

/// How dates read in tables and sentences: the weekday first, since salespeople plan by it.
pub fn day(date: NaiveDate) -> String {
    date.format("%a %Y-%m-%d").to_string()
}

/// "1 day", "3 days".
pub fn plural(count: i64, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else {
        format!("{count} {word}s")
    }
}
