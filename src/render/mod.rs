//! Turning results into what the user reads: tables and messages for people, JSON for
//! scripts. Nothing here changes state.

pub mod agenda;
pub mod by_rep;
pub mod calendar;
pub mod capacity;
pub mod card;
pub mod chart;
pub mod dossier;
pub mod feed;
pub mod fit;
pub mod import_report;
pub mod json;
pub mod listing;
pub mod message;
pub mod plan;
pub mod reason;
pub mod sanitize;
pub mod stats;
pub mod table;
pub mod timeline;
pub mod value;
pub mod view;
pub mod why;
pub mod width;

pub use width::Width;

use chrono::NaiveDate;

/// How dates read in tables and sentences: the weekday first, since salespeople plan by it.
pub fn day(date: NaiveDate) -> String {
    date.format("%a %Y-%m-%d").to_string()
}

/// "1 day", "3 days", "2 touches".
pub fn plural(count: i64, word: &str) -> String {
    if count == 1 {
        format!("{count} {word}")
    } else if word.ends_with("ch") || word.ends_with('s') {
        format!("{count} {word}es")
    } else {
        format!("{count} {word}s")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn plurals_read_as_english() {
        assert_eq!(super::plural(1, "touch"), "1 touch");
        assert_eq!(super::plural(2, "touch"), "2 touches");
        assert_eq!(super::plural(0, "business day"), "0 business days");
    }
}
