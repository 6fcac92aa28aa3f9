//! The one table style every command uses.

use comfy_table::{ContentArrangement, Table, presets};

pub fn new(header: &[&str]) -> Table {
    let mut table = Table::new();
    table
        .load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners())
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(header.iter().copied());
    table
}

/// Wraps a message to a readable width and indents it under its heading.
pub fn indented(text: &str, indent: &str) -> String {
    // Never break at hyphens: phone numbers and dates must stay whole.
    let options = textwrap::Options::new(96)
        .initial_indent(indent)
        .subsequent_indent(indent)
        .word_separator(textwrap::WordSeparator::AsciiSpace)
        .word_splitter(textwrap::WordSplitter::NoHyphenation)
        // First fit reads as well for short messages and costs a fraction of optimal fit,
        // which matters on a morning with thousands of items.
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .break_words(false);
    text.lines()
        .map(|line| {
            if line.trim().is_empty() {
                String::new()
            } else {
                textwrap::fill(line, &options)
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}
