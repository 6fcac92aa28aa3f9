//! Why a cadence file was refused: the file, the key, and where the parser can tell, the line.

use std::fmt;

/// A cadence file that cannot be used, described so the user can find and fix the problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The file's path, or "built-in cadence.toml".
    pub file: String,
    /// The dotted key at fault, such as `cadence.standard.rescue_after`.
    pub key: Option<String>,
    pub line: Option<usize>,
    pub message: String,
    /// The file could not be read at all (missing, a folder, no permission): a failure of
    /// the file system rather than of what the file says.
    pub unreadable: bool,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ", line {line}")?;
        }
        if let Some(key) = &self.key {
            write!(f, ", key `{key}`")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ConfigError {}

/// Builds errors that point into one file's text.
pub(super) struct Locator<'a> {
    pub file: &'a str,
    pub text: &'a str,
}

impl Locator<'_> {
    /// An error about `key` inside the table `[table]`, with the line of the key when it is
    /// written in the file (a value left to its default has no line).
    pub fn at_key(&self, table: &str, key: &str, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: self.file.to_string(),
            key: Some(if table.is_empty() {
                key.to_string()
            } else {
                format!("{table}.{key}")
            }),
            line: self.line_of(table, key),
            message: message.into(),
            unreadable: false,
        }
    }

    /// An error about a whole table, `[table]`, with the line of its header.
    pub fn at_table(&self, table: &str, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: self.file.to_string(),
            key: Some(table.to_string()),
            line: self.line_of(table, ""),
            message: message.into(),
            unreadable: false,
        }
    }

    /// An error at a byte offset of the text, as the TOML parser reports them. An unknown
    /// key is named with its table (`cadence.standard.gap_days`), found from the offset.
    pub fn at_offset(&self, offset: Option<usize>, message: impl Into<String>) -> ConfigError {
        let message = message.into();
        let unknown = message
            .strip_prefix("unknown field `")
            .and_then(|rest| rest.split('`').next());
        // A value of the wrong type (`max_touches = "four"`): the parser points at the
        // value, so the key is the one written on that line (or above it, for a value that
        // spans lines).
        let wrong_value = ["invalid type", "invalid value", "invalid length"]
            .iter()
            .any(|start| message.starts_with(start));
        let field = match (unknown, offset) {
            (Some(field), _) => Some(field.to_string()),
            (None, Some(offset)) if wrong_value => self.key_written_at(offset),
            _ => None,
        };
        let key = match (field, offset) {
            (Some(field), Some(offset)) => Some(match self.table_at(offset) {
                Some(table) => format!("{table}.{field}"),
                None => field,
            }),
            (field, _) => field,
        };
        ConfigError {
            file: self.file.to_string(),
            key,
            line: offset.map(|offset| line_at(self.text, offset)),
            // serde speaks of fields and Rust types; a TOML file has keys and numbers.
            message: message
                .replacen("unknown field", "unknown key", 1)
                .replace("expected i64", "expected a whole number"),
            unreadable: false,
        }
    }

    /// The key of the `key = value` line that holds `offset`, or of the nearest such line
    /// above it within the same table.
    fn key_written_at(&self, offset: usize) -> Option<String> {
        let after = self.text.get(offset..)?;
        let line_end = offset + after.find('\n').unwrap_or(after.len());
        self.text[..line_end].lines().rev().find_map(|line| {
            let line = line.trim();
            if line.starts_with('[') {
                // A table header: the value is not under any key of this table.
                return Some(None);
            }
            let (key, _) = line.split_once('=')?;
            let key = key.trim();
            let bare = !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "_-.\"' ".contains(c));
            bare.then(|| Some(unquote_dotted(key)))
        })?
    }

    /// The table whose header is the last one before `offset`.
    fn table_at(&self, offset: usize) -> Option<String> {
        let before = self.text.get(..offset)?;
        before.lines().rev().find_map(|line| {
            let header = line.trim().strip_prefix('[')?;
            let name = header.split(']').next()?.trim();
            Some(unquote_dotted(name))
        })
    }

    /// The line of `key = ...` within `[table]`, found by reading the text as lines: enough for
    /// the flat files cadence.toml is, without carrying spans through every value.
    fn line_of(&self, table: &str, key: &str) -> Option<usize> {
        let mut in_table = table.is_empty();
        for (index, line) in self.text.lines().enumerate() {
            let line = line.trim();
            if let Some(header) = line.strip_prefix('[') {
                let name = header.split(']').next().unwrap_or_default().trim();
                in_table = name.trim_matches('"') == table || unquote_dotted(name) == table;
                if in_table && key.is_empty() {
                    return Some(index + 1);
                }
                continue;
            }
            let written_key = line.split('=').next().unwrap_or_default().trim();
            if in_table && !key.is_empty() && written_key.trim_matches('"') == key {
                return Some(index + 1);
            }
        }
        None
    }
}

fn unquote_dotted(name: &str) -> String {
    name.split('.')
        .map(|part| part.trim().trim_matches('"'))
        .collect::<Vec<_>>()
        .join(".")
}

/// The 1-based line holding a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    text.as_bytes()
        .iter()
        .take(offset)
        .filter(|byte| **byte == b'\n')
        .count()
        + 1
}
