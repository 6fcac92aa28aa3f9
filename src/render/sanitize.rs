//! Text typed by users (names, notes) and read from files is shown on a terminal; control
//! characters in it must not reach the terminal raw, where they could move the cursor, change
//! colours or rewrite the title. JSON needs no help: serde_json escapes them.

use std::borrow::Cow;

/// The text with every control character shown as an escape such as `\u{1b}`. Line breaks
/// and tabs are escaped too, so one field stays on one line of a table.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_unsafe(c) {
                    c.escape_default().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Like [`clean`], but keeps line breaks, for multi-line messages.
pub fn clean_lines(text: &str) -> String {
    text.split('\n').map(clean).collect::<Vec<_>>().join("\n")
}

/// Controls, and the Unicode bidirectional overrides that can make text read differently from
/// what it is.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// An optional field, cleaned, or an empty cell.
pub fn cell(value: Option<&str>) -> String {
    value
        .map(|value| clean(value).into_owned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls() {
        assert_eq!(clean("Ann\u{1b}[31mRed"), "Ann\\u{1b}[31mRed");
        assert_eq!(clean("two\nlines"), "two\\nlines");
        assert_eq!(clean_lines("two\nlines\u{7}"), "two\nlines\\u{7}");
        assert!(matches!(clean("plain Zoë"), Cow::Borrowed(_)));
    }
}
