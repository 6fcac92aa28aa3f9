//! The content lines of an iCalendar file (RFC 5545 3.1): unfolded, and split into a name,
//! parameters and a value. Nothing here knows what the properties mean.

use super::IcsError;

/// One logical line: `NAME;PARAM=VALUE;...:VALUE`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentLine {
    /// Upper-cased, as names are case-insensitive.
    pub name: String,
    /// Parameter names upper-cased, values unquoted.
    pub params: Vec<(String, String)>,
    pub value: String,
    /// The 1-based line of the file where the logical line starts, for messages.
    pub line: usize,
}

impl ContentLine {
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }
}

/// Unfolds the text and parses every non-blank line. Lines may end in CRLF (as the standard
/// says) or in a bare LF (as hand-edited files do); a continuation starts with one space or
/// tab, which is removed.
pub fn content_lines(text: &str) -> Result<Vec<ContentLine>, IcsError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut logical: Vec<(usize, String)> = Vec::new();
    for (index, raw) in text.split('\n').enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match raw.strip_prefix([' ', '\t']) {
            Some(rest) if !logical.is_empty() => {
                if let Some((_, line)) = logical.last_mut() {
                    line.push_str(rest);
                }
            }
            _ if raw.trim().is_empty() => {}
            _ => logical.push((index + 1, raw.to_string())),
        }
    }
    logical
        .into_iter()
        .enumerate()
        .map(|(index, (line, text))| {
            // A first line that is not even a property: some other kind of file.
            parse(&text, line).map_err(|error| match index {
                0 => IcsError::at(
                    line,
                    "not an iCalendar file: it must start with BEGIN:VCALENDAR",
                ),
                _ => error,
            })
        })
        .collect()
}

/// Splits one unfolded line. A parameter value may be quoted, and then holds `:` and `;`.
fn parse(text: &str, line: usize) -> Result<ContentLine, IcsError> {
    let bad =
        |message: &str| IcsError::at(line, format!("{message}: {}", crate::quote::quoted(text)));
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut quoted = false;
    let mut value = None;
    for (offset, c) in text.char_indices() {
        match c {
            '"' => quoted = !quoted,
            ';' if !quoted => parts.push(std::mem::take(&mut current)),
            ':' if !quoted => {
                parts.push(std::mem::take(&mut current));
                value = Some(&text[offset + 1..]);
                break;
            }
            c => current.push(c),
        }
    }
    let value = value.ok_or_else(|| bad("not a property line (no ':')"))?;
    let mut parts = parts.into_iter();
    let name = parts.next().unwrap_or_default();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        return Err(bad("not a property name"));
    }
    let params = parts
        .map(|part| match part.split_once('=') {
            Some((key, value)) => Ok((key.to_ascii_uppercase(), value.to_string())),
            None => Err(bad("a parameter without '='")),
        })
        .collect::<Result<_, _>>()?;
    Ok(ContentLine {
        name: name.to_ascii_uppercase(),
        params,
        value: value.to_string(),
        line,
    })
}

/// A TEXT value with its escapes (RFC 5545 3.3.11) turned back into characters.
pub fn unescape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n' | 'N') => out.push('\n'),
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_lines_join_and_keep_their_first_line_number() {
        let text = "BEGIN:VCALENDAR\r\nSUMMARY:Day of the\r\n  Seafarer\r\n\tand friends\r\nEND:VCALENDAR\r\n";
        let lines = content_lines(text).unwrap();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[1].value, "Day of the Seafarerand friends");
        assert_eq!(lines[1].line, 2);
        assert_eq!(lines[2].line, 5);
    }

    #[test]
    fn parameters_are_split_and_quotes_protect_separators() {
        let lines =
            content_lines("DTSTART;VALUE=DATE:20261225\nX-NOTE;ALTREP=\"cid:a;b\":text\n").unwrap();
        assert_eq!(lines[0].name, "DTSTART");
        assert_eq!(lines[0].param("VALUE"), Some("DATE"));
        assert_eq!(lines[0].value, "20261225");
        assert_eq!(lines[1].param("ALTREP"), Some("cid:a;b"));
        assert_eq!(lines[1].value, "text");
    }

    #[test]
    fn lowercase_names_and_a_byte_order_mark_are_accepted() {
        let lines = content_lines("\u{feff}begin:vcalendar\n").unwrap();
        assert_eq!(lines[0].name, "BEGIN");
        assert_eq!(lines[0].value, "vcalendar");
    }

    #[test]
    fn a_line_without_a_colon_is_refused_with_its_number() {
        let error = content_lines("BEGIN:VCALENDAR\nthis is not ical\n").unwrap_err();
        assert_eq!(error.line, Some(2));
        assert!(error.message.contains("no ':'"), "{error}");
    }

    #[test]
    fn text_escapes_are_undone() {
        assert_eq!(
            unescape(r"New Year\, observed\; \\o/\nline"),
            "New Year, observed; \\o/\nline"
        );
    }
}
