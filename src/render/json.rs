//! JSON helpers shared by every `--json` output, and the one place JSON text is written.
//!
//! serde_json escapes the C0 controls only; a name with a C1 control (U+009B opens a
//! terminal command like ESC [) or a bidirectional override would reach a terminal that
//! shows the JSON raw. [`to_string`] writes those as `\u` escapes too, which every JSON
//! reader turns back into the same text.

use std::io::Write;

use chrono::NaiveTime;
use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use super::sanitize::is_unsafe;

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

/// Pretty JSON followed by a newline, with every control and bidirectional override escaped.
/// Serializing our own plain structs cannot fail.
pub fn to_string<T: Serialize>(value: &T) -> String {
    let mut bytes = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut bytes, Escaping(PrettyFormatter::new()));
    if let Err(error) = value.serialize(&mut serializer) {
        return format!("{{\"error\": \"{error}\"}}\n");
    }
    // The serializer writes UTF-8 only.
    let mut text = String::from_utf8(bytes).unwrap_or_default();
    text.push('\n');
    text
}

/// serde_json's pretty layout, with more characters escaped inside strings.
struct Escaping(PrettyFormatter<'static>);

impl Formatter for Escaping {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        let mut plain = 0;
        for (index, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[plain..index])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                plain = index + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[plain..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.0.begin_object_key(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.0.end_object_value(writer)
    }
}

#[cfg(test)]
mod tests {
    use super::to_string;

    #[test]
    fn controls_and_overrides_are_escaped_and_read_back_whole() {
        let name = "Ann\u{1b}]0;owned\u{7} \u{9b}2J \u{202e}evil\u{7f} Zoë";
        let text = to_string(&serde_json::json!({ "name": name, "list": [1, 2] }));
        assert!(
            !text.chars().any(|c| super::is_unsafe(c) && c != '\n'),
            "{text}"
        );
        assert!(text.contains("\\u009b2J \\u202eevil\\u007f Zoë"), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], name);
        // The layout is serde_json's own.
        let plain = serde_json::json!({ "name": "Zoë", "list": [1, 2] });
        assert_eq!(
            to_string(&plain),
            format!("{}\n", serde_json::to_string_pretty(&plain).unwrap())
        );
    }
}
