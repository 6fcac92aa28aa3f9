//! How an error message quotes what the user gave: a value, a name or a path, cut to a
//! length that keeps the message one readable line. A 10 MB holiday string once made a 10 MB
//! error line; every error that echoes a value goes through here.
//!
//! Control characters are left to the edge, which escapes the whole line once
//! (`render::sanitize`); this module only bounds the length.

use std::borrow::Cow;
use std::path::Path;

/// The characters of a value an error repeats: enough to recognise it.
pub const VALUE_CHARS: usize = 80;

/// The characters of a path an error repeats: paths are long, and the OS bounds them anyway.
pub const PATH_CHARS: usize = 240;

/// `'value'`, or `'the first 80 characters…' (N characters)` for a longer one.
pub fn quoted(value: &str) -> String {
    match cut(value, VALUE_CHARS) {
        Cow::Borrowed(whole) => format!("'{whole}'"),
        Cow::Owned(start) => format!("'{start}…' ({} characters)", value.chars().count()),
    }
}

/// The value itself, or its first 80 characters and `…`, unquoted: for names a message
/// already sets apart.
pub fn brief(value: &str) -> Cow<'_, str> {
    match cut(value, VALUE_CHARS) {
        Cow::Borrowed(whole) => Cow::Borrowed(whole),
        Cow::Owned(start) => Cow::Owned(format!("{start}…")),
    }
}

/// A path as a message shows it: whole up to 240 characters, else its start and end.
pub fn path(path: &Path) -> String {
    let text = path.display().to_string();
    let count = text.chars().count();
    if count <= PATH_CHARS {
        return text;
    }
    let half = PATH_CHARS / 2;
    let start: String = text.chars().take(half).collect();
    let end: String = text.chars().skip(count - half).collect();
    format!("{start}…{end}")
}

/// The first `limit` characters of `text`, borrowed when it is no longer than that.
fn cut(text: &str, limit: usize) -> Cow<'_, str> {
    match text.char_indices().nth(limit) {
        None => Cow::Borrowed(text),
        Some((end, _)) => Cow::Owned(text[..end].to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_values_are_quoted_whole() {
        assert_eq!(quoted("2026-13-01"), "'2026-13-01'");
        assert_eq!(brief("Dana"), "Dana");
    }

    #[test]
    fn long_values_are_cut_on_a_character_boundary_and_counted() {
        let value = "é".repeat(10_000);
        let shown = quoted(&value);
        assert!(shown.starts_with(&format!("'{}…'", "é".repeat(VALUE_CHARS))));
        assert!(shown.ends_with("(10000 characters)"));
        assert_eq!(brief(&value).chars().count(), VALUE_CHARS + 1);
    }

    #[test]
    fn long_paths_keep_their_start_and_end() {
        let long = format!("/home/{}/leads.csv", "a".repeat(1000));
        let shown = path(Path::new(&long));
        assert!(shown.starts_with("/home/aaa"));
        assert!(shown.ends_with("aaa/leads.csv"));
        assert_eq!(shown.chars().count(), PATH_CHARS + 1);
    }
}
