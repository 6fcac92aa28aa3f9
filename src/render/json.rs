//! JSON helpers shared by every `--json` output, and the one place JSON text is written.
//!
//! serde_json escapes the C0 controls only; a name with a C1 control (U+009B opens a
//! terminal command like ESC [) or a bidirectional override would reach a terminal that
//! shows the JSON raw. [`to_string`] writes those as `\u` escapes too, which every JSON
//! reader turns back into the same text.

use std::io::Write;

use chrono::NaiveTime;
use serde::Serialize;
use serde_json::ser::Formatter;

use super::sanitize::is_unsafe;

/// Times are `HH:MM` in JSON, as cli.md fixes.
pub fn serialize_time<S: serde::Serializer>(
    time: &Option<NaiveTime>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match time {
        Some(time) => serializer.serialize_str(&super::clock(*time)),
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
    match write_pretty(&mut bytes, value, 0) {
        Ok(()) => bytes_to_string(bytes),
        Err(error) => format!("{{\"error\": \"{error}\"}}"),
    }
}

/// Writes `value` as [`pretty`] does after `bytes`, as if it sat `level` deep: each of its
/// line breaks is followed by `level` more indents.
fn write_pretty<T: Serialize>(
    bytes: &mut Vec<u8>,
    value: &T,
    level: usize,
) -> serde_json::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(bytes, Escaping::at(level));
    value.serialize(&mut serializer)
}

/// The serializer writes UTF-8 only.
fn bytes_to_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_default()
}

/// A JSON array written one element at a time, byte for byte as [`to_string`] writes the
/// whole array: what lets `list --json` and `export --format json` print each row as it is
/// read. `depth` is how deep the array sits (0 for a whole document, 1 for the value of a
/// top-level key); each call returns the text to write next.
pub struct ArrayWriter {
    depth: usize,
    count: usize,
}

impl ArrayWriter {
    pub fn new(depth: usize) -> ArrayWriter {
        ArrayWriter { depth, count: 0 }
    }

    /// The opening bracket.
    pub fn open(&self) -> &'static str {
        "["
    }

    /// One element with what separates it from the one before, written nested as it sits
    /// (rather than written alone and indented after: no second pass over its text).
    pub fn element<T: Serialize>(&mut self, value: &T) -> String {
        let separator = if self.count == 0 { "" } else { "," };
        self.count += 1;
        let level = self.depth + 1;
        let mut bytes = Vec::with_capacity(4096);
        bytes.extend_from_slice(separator.as_bytes());
        bytes.push(b'\n');
        bytes.extend_from_slice(&INDENT.repeat(level));
        match write_pretty(&mut bytes, value, level) {
            Ok(()) => bytes_to_string(bytes),
            Err(error) => format!("{separator}{{\"error\": \"{error}\"}}"),
        }
    }

    /// The closing bracket: `[]` for an empty array, as serde_json writes it.
    pub fn close(&self) -> String {
        if self.count == 0 {
            "]".to_string()
        } else {
            format!("\n{}]", "  ".repeat(self.depth))
        }
    }
}

/// One level of indent of the pretty layout.
const INDENT: &[u8] = b"  ";

/// serde_json's pretty layout (`PrettyFormatter`, two spaces), with more characters escaped
/// inside strings, and able to start some levels deep: what lets [`ArrayWriter`] write an
/// element in place. serde_json's own formatter always starts at the left margin.
struct Escaping {
    /// How many indents a new line of the current array or object takes.
    level: usize,
    /// The current array or object holds a value: its closing bracket goes on a line of its
    /// own.
    has_value: bool,
}

impl Escaping {
    fn at(level: usize) -> Escaping {
        Escaping {
            level,
            has_value: false,
        }
    }

    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.new_line(writer)?;
        }
        writer.write_all(bracket)
    }

    fn new_line<W: ?Sized + Write>(&self, writer: &mut W) -> std::io::Result<()> {
        writer.write_all(b"\n")?;
        for _ in 0..self.level {
            writer.write_all(INDENT)?;
        }
        Ok(())
    }

    fn item<W: ?Sized + Write>(&self, writer: &mut W, first: bool) -> std::io::Result<()> {
        if !first {
            writer.write_all(b",")?;
        }
        self.new_line(writer)
    }
}

impl Formatter for Escaping {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> std::io::Result<()> {
        // Printable ASCII, most of any book, holds nothing to escape: one look at each byte
        // instead of decoding each character.
        if fragment.bytes().all(|byte| (b' '..b'\x7f').contains(&byte)) {
            return writer.write_all(fragment.as_bytes());
        }
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
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.item(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
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
    fn the_layout_is_serde_jsons_pretty_one() {
        let value = serde_json::json!([
            { "a": [], "b": {}, "c": [[], [{}], [1, [2, [3]]]], "d": null, "é": "Zoë" },
            [],
            { "nested": { "deeper": { "list": [{ "x": 1.5 }, { "y": true }] } } },
            "plain",
            [{}, []],
        ]);
        assert_eq!(
            to_string(&value),
            format!("{}\n", serde_json::to_string_pretty(&value).unwrap())
        );
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
