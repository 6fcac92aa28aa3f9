//! The one table style every command uses.

use comfy_table::{ContentArrangement, Table, presets};
use unicode_width::UnicodeWidthStr;

pub fn new(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().copied());
    table
}

/// The width messages are wrapped to, indent included.
const MESSAGE_WIDTH: usize = 96;

/// Wraps a message to a readable width and indents it under its heading.
///
/// First fit at spaces only: never at a hyphen, so phone numbers and dates stay whole, and
/// cheap enough for a morning with thousands of messages (a general wrapping library spent a
/// fifth of such a morning here). Widths are display widths, so wide scripts wrap correctly.
pub fn indented(text: &str, indent: &str) -> String {
    let room = MESSAGE_WIDTH.saturating_sub(indent.width()).max(20);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (index, line) in text.lines().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let mut column = 0;
        for word in line.split(' ').filter(|word| !word.is_empty()) {
            let width = word.width();
            if column == 0 {
                out.push_str(indent);
            } else if column + 1 + width > room {
                out.push('\n');
                out.push_str(indent);
                column = 0;
            } else {
                out.push(' ');
                column += 1;
            }
            out.push_str(word);
            column += width;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_at_spaces_within_the_width_and_keeps_blank_lines() {
        let words = "call me on 555-0100-2000 ".repeat(10);
        let text = format!("{words}\n\nBest,\nSam");
        let wrapped = indented(&text, "   ");
        for line in wrapped.lines() {
            assert!(line.is_empty() || line.starts_with("   "), "{line:?}");
            assert!(line.width() <= MESSAGE_WIDTH, "{line:?}");
        }
        assert!(wrapped.contains("555-0100-2000"), "a number is never split");
        assert!(wrapped.ends_with("\n\n   Best,\n   Sam"), "{wrapped:?}");
    }

    #[test]
    fn a_word_longer_than_the_line_stands_alone() {
        let long = "x".repeat(150);
        assert_eq!(
            indented(&format!("a {long} b"), ""),
            format!("a\n{long}\nb")
        );
    }
}
