//! Text typed by users (names, notes) and read from files is shown on a terminal; control
//! characters in it must not reach the terminal raw, where they could move the cursor, change
//! colours or rewrite the title. JSON escapes them itself (`render::json`).

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

/// Text about to reach a terminal: every unsafe character escaped except the line breaks
/// (`\n`, `\r\n`) and tabs that lay it out. The last guard for whatever a command prints,
/// CSV and calendar files included; tables and messages are already clean.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    let layout = |c: char| c == '\n' || c == '\t';
    if !text.chars().any(|c| is_unsafe(c) && !layout(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if layout(c) || (c == '\r' && chars.peek() == Some(&'\n')) || !is_unsafe(c) {
            out.push(c);
        } else {
            out.extend(c.escape_default());
        }
    }
    Cow::Owned(out)
}

/// Controls, and the Unicode bidirectional overrides that can make text read differently from
/// what it is.
pub fn is_unsafe(c: char) -> bool {
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

    #[test]
    fn a_terminal_keeps_layout_and_loses_escapes() {
        assert_eq!(
            for_terminal("a\tb\r\nc\n\u{1b}]0;x\u{7}\u{9b}2J\u{202e}\rd"),
            "a\tb\r\nc\n\\u{1b}]0;x\\u{7}\\u{9b}2J\\u{202e}\\rd"
        );
        assert!(matches!(for_terminal("id,name\n1,Zoë\n"), Cow::Borrowed(_)));
    }
}
