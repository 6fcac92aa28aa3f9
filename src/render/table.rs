//! The one table style every command uses, and how running text wraps under a heading.

use comfy_table::{ContentArrangement, Table, presets};

use super::Width;

pub fn new(header: &[&str]) -> Table {
    let mut table = headless();
    table.set_header(header.iter().copied());
    table
}

/// The style without a head: the later pieces of a table drawn as its rows are read.
pub fn headless() -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        // The widths come from `fit`, never from the terminal behind comfy-table's back.
        .set_content_arrangement(ContentArrangement::Disabled);
    table
}

/// Wraps a message to the width of running text (indent included) and indents it under its
/// heading.
pub fn indented(text: &str, indent: &str, width: Width) -> String {
    hanging(text, indent, indent, width)
}

/// Wraps text to the width of running text, its first line led by `first` and the others
/// indented by `indent`: a numbered heading whose continuation lines up under its text.
///
/// First fit at spaces only: never at a hyphen, so phone numbers and dates stay whole, and
/// cheap enough for a morning with thousands of messages (a general wrapping library spent a
/// fifth of such a morning here). Widths are display widths, so wide scripts wrap correctly.
pub fn hanging(text: &str, first: &str, indent: &str, width: Width) -> String {
    let room = |lead: &str| width.text().saturating_sub(super::width::of(lead)).max(20);
    // One look at the whole text: when it is printable ASCII, as almost every message is, a
    // word's width is its length, and no word needs measuring.
    let ascii = text
        .bytes()
        .all(|byte| byte == b'\n' || (b' '..=b'~').contains(&byte));
    let measure = |word: &str| {
        if ascii {
            word.len()
        } else {
            super::width::of(word)
        }
    };
    let indent_room = room(indent);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let (mut lead, mut lead_room) = (first, room(first));
    for (index, line) in text.lines().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let mut column = 0;
        for word in line.split(' ').filter(|word| !word.is_empty()) {
            let width = measure(word);
            if column == 0 {
                out.push_str(lead);
            } else if column + 1 + width > lead_room {
                out.push('\n');
                (lead, lead_room) = (indent, indent_room);
                out.push_str(lead);
                column = 0;
            } else {
                out.push(' ');
                column += 1;
            }
            out.push_str(word);
            column += width;
        }
        if column > 0 {
            (lead, lead_room) = (indent, indent_room);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use unicode_width::UnicodeWidthStr;

    use super::*;

    #[test]
    fn wraps_at_spaces_within_the_width_and_keeps_blank_lines() {
        let words = "call me on 555-0100-2000 ".repeat(10);
        let text = format!("{words}\n\nBest,\nSam");
        let wrapped = indented(&text, "   ", Width::new(80));
        for line in wrapped.lines() {
            assert!(line.is_empty() || line.starts_with("   "), "{line:?}");
            assert!(line.width() <= 80, "{line:?}");
        }
        assert!(wrapped.contains("555-0100-2000"), "a number is never split");
        assert!(wrapped.ends_with("\n\n   Best,\n   Sam"), "{wrapped:?}");
    }

    #[test]
    fn a_hanging_heading_lines_up_under_its_text() {
        let text = "12. Rosalind Featherstonehaugh, Featherstonehaugh Consulting Partners LLP \
                    (follow-up): call +44 20 7946 0958";
        let wrapped = hanging(text, "", "    ", Width::new(60));
        assert_eq!(
            wrapped,
            "12. Rosalind Featherstonehaugh, Featherstonehaugh Consulting\n    \
             Partners LLP (follow-up): call +44 20 7946 0958"
        );
    }

    #[test]
    fn a_word_longer_than_the_line_stands_alone() {
        let long = "x".repeat(150);
        assert_eq!(
            indented(&format!("a {long} b"), "", Width::new(80)),
            format!("a\n{long}\nb")
        );
    }
}
