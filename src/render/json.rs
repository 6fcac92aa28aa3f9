//! JSON helpers shared by every `--json` output.

use chrono::NaiveTime;
use serde::Serialize;

/// Times are `HH:MM` in JSON, as cli.md fixes.
pub fn serialize_time<S: serde::Serializer>(
    time: &Option<NaiveTime>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match time {
        Some(time) => serializer.serialize_str(&time.format("%H:%M").to_string()),
        None => serializer.serialize_none(),
    }
}

/// Pretty JSON followed by a newline. Serializing our own plain structs cannot fail.
pub fn to_string<T: Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value)
        .unwrap_or_else(|error| format!("{{\"error\": \"{error}\"}}"));
    text.push('\n');
    text
}
