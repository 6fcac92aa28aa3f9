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
/// Runs of spaces read as one, and a word wider than the room has a line of its own.
pub fn hanging(text: &str, first: &str, indent: &str, width: Width) -> String {
    let room = |lead: &str| width.text().saturating_sub(super::width::of(lead)).max(20);
    // One look at the whole text: when it is printable ASCII, as almost every message is, a
    // character is a column, and a line of single spaces is cut where the room ends rather
    // than measured word by word.
    let ascii = text
        .bytes()
        .all(|byte| byte == b'\n' || (b' '..=b'~').contains(&byte));
    let indent_room = room(indent);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut lead = (first, room(first));
    for (index, line) in text.lines().enumerate() {
        if index > 0 {
            out.push('\n');
        }
        let plain = ascii && !line.starts_with(' ') && !line.ends_with(' ') && !line.contains("  ");
        let wrote = if plain {
            cut_plain(line, &mut out, &mut lead, (indent, indent_room))
        } else {
            wrap_words(line, &mut out, &mut lead, (indent, indent_room))
        };
        if wrote {
            lead = (indent, indent_room);
        }
    }
    out
}

/// A lead (the heading or the indent) and the room left beside it.
type Lead<'a> = (&'a str, usize);

/// Writes `line`, ASCII with single spaces between its words, in lines of at most the room
/// beside each lead: each cut at the last space the room reaches. Whether it wrote anything.
fn cut_plain<'a>(line: &str, out: &mut String, lead: &mut Lead<'a>, indent: Lead<'a>) -> bool {
    let mut rest = line;
    while !rest.is_empty() {
        let (text, room) = *lead;
        out.push_str(text);
        let end = if rest.len() <= room {
            rest.len()
        } else {
            match rest.as_bytes()[..=room]
                .iter()
                .rposition(|&byte| byte == b' ')
            {
                Some(space) => space,
                // The first word is wider than the room: it has the line to itself.
                None => rest.find(' ').unwrap_or(rest.len()),
            }
        };
        out.push_str(&rest[..end]);
        rest = rest[end..].strip_prefix(' ').unwrap_or(&rest[end..]);
        if !rest.is_empty() {
            out.push('\n');
            *lead = indent;
        }
    }
    !line.is_empty()
}

/// Writes `line` word by word, each measured, in lines of at most the room beside each lead.
/// Whether it wrote anything.
fn wrap_words<'a>(line: &str, out: &mut String, lead: &mut Lead<'a>, indent: Lead<'a>) -> bool {
    let mut column = 0;
    for word in line.split(' ').filter(|word| !word.is_empty()) {
        let width = super::width::of(word);
        if column == 0 {
            out.push_str(lead.0);
        } else if column + 1 + width > lead.1 {
            out.push('\n');
            *lead = indent;
            out.push_str(lead.0);
            column = 0;
        } else {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += width;
    }
    column > 0
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

    /// Every word measured, every line filled word by word: what `hanging` did before lines
    /// of plain ASCII were cut where the room ends, and must still give.
    fn word_by_word(text: &str, first: &str, indent: &str, width: Width) -> String {
        let room = |lead: &str| width.text().saturating_sub(lead.width()).max(20);
        let mut out = String::new();
        let mut lead = first;
        for (index, line) in text.lines().enumerate() {
            if index > 0 {
                out.push('\n');
            }
            let mut column = 0;
            for word in line.split(' ').filter(|word| !word.is_empty()) {
                if column == 0 {
                    out.push_str(lead);
                } else if column + 1 + word.width() > room(lead) {
                    out.push('\n');
                    lead = indent;
                    out.push_str(lead);
                    column = 0;
                } else {
                    out.push(' ');
                    column += 1;
                }
                out.push_str(word);
                column += word.width();
            }
            if column > 0 {
                lead = indent;
            }
        }
        out
    }

    const PLAIN: [&str; 9] = [
        "a",
        "to",
        "call",
        "Tuesday",
        "555-0100",
        "introduction,",
        "Featherstonehaugh-Consulting-Partners-LLP-International-Holdings-Group-Limited",
        "\n",
        "\n\n",
    ];

    /// With wide characters, runs of spaces, and spaces at either end of a line.
    const ANY: [&str; 13] = [
        "a",
        "to",
        "call",
        "Tuesday",
        "555-0100",
        "Zoë",
        "日本語",
        "",
        " ",
        "\n",
        "\n ",
        " \n",
        "introduction,",
    ];

    proptest::proptest! {
        #[test]
        fn cutting_plain_lines_wraps_as_measuring_every_word_does(
            words in proptest::prop_oneof![
                // Plain ASCII words, single spaces and line breaks: the lines that are cut.
                proptest::collection::vec(proptest::sample::select(PLAIN.to_vec()), 0..80),
                proptest::collection::vec(proptest::sample::select(ANY.to_vec()), 0..80),
            ],
            columns in 60usize..130,
            first in proptest::sample::select(vec!["", "12. ", "   ", "Why: "]),
        ) {
            let text = words.join(" ");
            let width = Width::new(columns);
            proptest::prop_assert_eq!(
                hanging(&text, first, "   ", width),
                word_by_word(&text, first, "   ", width)
            );
        }
    }
}
