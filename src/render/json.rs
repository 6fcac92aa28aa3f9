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
    let mut text = pretty(value);
    text.push('\n');
    text
}

/// Pretty JSON, escaped as [`to_string`] escapes it, without the final newline.
fn pretty<T: Serialize>(value: &T) -> String {
    let mut bytes = Vec::new();
    let mut serializer =
        serde_json::Serializer::with_formatter(&mut bytes, Escaping(PrettyFormatter::new()));
    if let Err(error) = value.serialize(&mut serializer) {
        return format!("{{\"error\": \"{error}\"}}");
    }
    // The serializer writes UTF-8 only.
    String::from_utf8(bytes).unwrap_or_default()
}

/// A JSON array written one element at a time, byte for byte as [`to_string`] writes the
/// whole array: what lets `list --json` and `export --format json` print each row as it is
/// read. `depth` is how deep the array sits (0 for a whole document, 1 for the value of a
/// top-level key); each call returns the text to write next.
pub struct ArrayWriter {
    indent: String,
    count: usize,
}

impl ArrayWriter {
    pub fn new(depth: usize) -> ArrayWriter {
        ArrayWriter {
            indent: "  ".repeat(depth),
            count: 0,
        }
    }

    /// The opening bracket.
    pub fn open(&self) -> &'static str {
        "["
    }

    /// One element with what separates it from the one before. Strings never hold a raw
    /// line break (JSON escapes it), so every line break is the layout's, and indenting after
    /// each one nests the element as the pretty formatter would.
    pub fn element<T: Serialize>(&mut self, value: &T) -> String {
        let inner = format!("\n{}  ", self.indent);
        let text = pretty(value).replace('\n', &inner);
        let separator = if self.count == 0 { "" } else { "," };
        self.count += 1;
        format!("{separator}{inner}{text}")
    }

    /// The closing bracket: `[]` for an empty array, as serde_json writes it.
    pub fn close(&self) -> String {
        if self.count == 0 {
            "]".to_string()
        } else {
            format!("\n{}]", self.indent)
        }
    }
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
    use super::{ArrayWriter, to_string};

    #[test]
    fn an_array_written_element_by_element_is_the_whole_array() {
        let elements = [
            serde_json::json!({ "name": "Ann\u{9b}", "list": [1, 2], "empty": [], "none": {} }),
            serde_json::json!({ "name": "two\nlines", "nested": { "deep": [[]] } }),
            serde_json::json!([]),
        ];
        for count in 0..=elements.len() {
            let part = &elements[..count];
            for depth in 0..3 {
                let mut writer = ArrayWriter::new(depth);
                let mut streamed = writer.open().to_string();
                for element in part {
                    streamed.push_str(&writer.element(element));
                }
                streamed.push_str(&writer.close());
                // The same array nested `depth` deep in objects, written at once.
                let mut whole = serde_json::json!(part);
                for _ in 0..depth {
                    whole = serde_json::json!({ "k": whole });
                }
                let whole = to_string(&whole);
                assert!(
                    whole.contains(&streamed),
                    "depth {depth}:\n{streamed}\nin\n{whole}"
                );
                if depth == 0 {
                    assert_eq!(whole, format!("{streamed}\n"));
                }
            }
        }
    }

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
