//! Writing to standard output and standard error, the only two streams the front end uses.
//!
//! - A closed pipe (`followup today | head -1`) ends the output quietly; any other failure
//!   to write (`> /dev/full`) is the command's one `error:` line and status 1.
//! - On a terminal, every control character that does not lay out text is shown escaped,
//!   whatever command made the text: names, notes and file names come from people and files,
//!   and raw escapes in them could rewrite the screen or the window title.
//! - `error: ` is the one line on stderr of a failing command; warnings wait for success.
//! - How wide the text for people may be is asked here, once ([`width`]).

use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::rc::Rc;

use crate::error::{Error, Result};
use crate::render::{Width, sanitize};

/// How wide the text for people may be: the terminal's width when stdout is a terminal (it
/// follows a resized window, where an exported `COLUMNS` may be stale), else `COLUMNS`, else
/// [`Width::PIPED`].
pub fn width() -> Width {
    let stdout = std::io::stdout();
    let terminal = if stdout.is_terminal() {
        #[allow(clippy::disallowed_methods)] // the one place that asks the terminal
        terminal_size::terminal_size_of(&stdout).map(|(width, _)| usize::from(width.0))
    } else {
        None
    };
    width_from(terminal, std::env::var("COLUMNS").ok().as_deref())
}

/// Sentences that say what a command did, as a terminal shows them: a line longer than the
/// terminal wraps at spaces, so that no word or date is cut at its edge. Elsewhere the text is
/// left as it is: one line per fact, for `grep` and scripts.
pub fn prose(text: String) -> String {
    #[allow(clippy::disallowed_methods)] // the terminal's width, as `width` asks it
    let Some((columns, _)) = std::io::stdout()
        .is_terminal()
        .then(|| terminal_size::terminal_size_of(std::io::stdout()))
        .flatten()
    else {
        return text;
    };
    wrap_long_lines(&text, usize::from(columns.0))
}

/// Wraps at spaces each line of `text` wider than `columns`; the rest stays as it is.
fn wrap_long_lines(text: &str, columns: usize) -> String {
    let width = Width::new(columns);
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        let (body, end) = match line.strip_suffix('\n') {
            Some(body) => (body, "\n"),
            None => (line, ""),
        };
        if crate::render::width::of(body) <= columns || columns < width.columns() {
            out.push_str(line);
            continue;
        }
        // Continuation lines keep the line's own indent, so a list item stays one block.
        let indent = &body[..body.len() - body.trim_start_matches(' ').len()];
        out.push_str(&crate::render::table::hanging(
            body.trim_start_matches(' '),
            indent,
            indent,
            Width::new(columns),
        ));
        out.push_str(end);
    }
    out
}

/// The width from what the terminal says, if anything, and `COLUMNS`. A value that is not a
/// positive number is ignored, as other tools do.
fn width_from(terminal: Option<usize>, columns: Option<&str>) -> Width {
    terminal
        .filter(|&columns| columns > 0)
        .or_else(|| {
            columns
                .and_then(|text| text.trim().parse::<usize>().ok())
                .filter(|&columns| columns > 0)
        })
        .map_or(Width::PIPED, Width::new)
}

/// Prints a command's output. Status 0, or 1 with an `error:` line when it cannot be written.
pub fn print(text: &str) -> ExitCode {
    let stdout = std::io::stdout();
    let text = if stdout.is_terminal() {
        sanitize::for_terminal(text)
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let mut stdout = stdout.lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            self::error(&format!("cannot write to standard output: {error}"));
            ExitCode::from(1)
        }
    }
}

/// How much a [`Stream`] gathers before it writes: rows go out in pieces this size, and a
/// command that fails before the first piece prints nothing but its error.
const STREAM_CHUNK: usize = 64 * 1024;

/// Standard output for a command that writes its rows as it reads them (`list`, `export`),
/// with the guarantees of [`print`]: text for a terminal is escaped, a closed pipe is
/// [`Error::OutputClosed`] (the edge ends quietly), any other failure [`Error::Stdout`].
/// Nothing reaches standard output until a piece is full or [`Stream::finish`] is called:
/// dropped unfinished (the command failed), what is gathered is thrown away.
pub struct Stream {
    pending: String,
    terminal: bool,
}

impl Stream {
    pub fn stdout() -> Stream {
        Stream {
            pending: String::with_capacity(STREAM_CHUNK),
            terminal: std::io::stdout().is_terminal(),
        }
    }

    /// Adds text: whole rows, so that escaping for a terminal sees a line ending whole.
    pub fn put(&mut self, text: &str) -> Result<()> {
        if self.terminal {
            self.pending.push_str(&sanitize::for_terminal(text));
        } else {
            self.pending.push_str(text);
        }
        if self.pending.len() >= STREAM_CHUNK {
            self.send()?;
        }
        Ok(())
    }

    /// Writes what is left.
    pub fn finish(mut self) -> Result<()> {
        self.send()
    }

    fn send(&mut self) -> Result<()> {
        let mut stdout = std::io::stdout().lock();
        let written = stdout
            .write_all(self.pending.as_bytes())
            .and_then(|()| stdout.flush());
        self.pending.clear();
        written.map_err(|error| match error.kind() {
            std::io::ErrorKind::BrokenPipe => Error::OutputClosed,
            _ => Error::Stdout(error),
        })
    }
}

/// The longest error line: every value an error repeats is already cut
/// (`crate::quote`); this bounds what a message might still gather.
const MAX_ERROR_CHARS: usize = 2_000;

/// The one line of cli.md: `error: ` and a message, with no raw control characters and of a
/// bounded length.
pub fn error(message: &str) {
    let clean = sanitize::clean(message);
    let line = match clean.char_indices().nth(MAX_ERROR_CHARS) {
        None => clean,
        Some((end, _)) => std::borrow::Cow::Owned(format!(
            "{}… (cut at {MAX_ERROR_CHARS} characters)",
            &clean[..end]
        )),
    };
    let _ = writeln!(std::io::stderr(), "error: {line}");
}

/// Things worth knowing that do not stop the command, gathered while it runs. They are
/// printed as `warning: ` lines only when it succeeds: a failing command prints one line,
/// its error.
#[derive(Debug, Clone, Default)]
pub struct Warnings(Rc<RefCell<Vec<String>>>);

impl Warnings {
    pub fn push(&self, message: String) {
        self.0.borrow_mut().push(message);
    }

    pub fn extend(&self, messages: impl IntoIterator<Item = String>) {
        self.0.borrow_mut().extend(messages);
    }

    /// Prints the warnings gathered, once. On a terminal each one wraps to its width, its
    /// lines after the first indented; elsewhere it is one line, for `grep` and logs.
    pub fn flush(&self) {
        let stderr = std::io::stderr();
        #[allow(clippy::disallowed_methods)] // the terminal's width, as `width` asks it
        let terminal = stderr
            .is_terminal()
            .then(|| terminal_size::terminal_size_of(&stderr))
            .flatten()
            .map(|(width, _)| Width::new(usize::from(width.0)));
        let mut stderr = stderr.lock();
        for message in self.0.borrow_mut().drain(..) {
            let message = sanitize::clean(&message);
            let _ = match terminal {
                Some(width) => writeln!(
                    stderr,
                    "{}",
                    crate::render::table::hanging(&message, "warning: ", "  ", width)
                ),
                None => writeln!(stderr, "warning: {message}"),
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_lines_wider_than_the_terminal_wrap_and_at_spaces() {
        let long = "Added prospect 1: Dana Whitfield (Lakeside Dental), cadence standard. \
                    First touch due Mon 2026-11-23.";
        let text = format!("short line\n{long}\n  indented {long}\n");
        let wrapped = wrap_long_lines(&text, 80);
        assert_eq!(
            wrapped,
            "short line\n\
             Added prospect 1: Dana Whitfield (Lakeside Dental), cadence standard. First\n\
             touch due Mon 2026-11-23.\n\
             \x20 indented Added prospect 1: Dana Whitfield (Lakeside Dental), cadence standard.\n\
             \x20 First touch due Mon 2026-11-23.\n"
        );
        assert_eq!(wrap_long_lines(&text, 200), text);
    }

    #[test]
    fn the_terminal_wins_then_columns_then_a_default() {
        assert_eq!(width_from(Some(120), Some("80")), Width::new(120));
        assert_eq!(width_from(None, Some("80")), Width::new(80));
        assert_eq!(width_from(None, Some(" 132 ")), Width::new(132));
        assert_eq!(width_from(None, None), Width::PIPED);
        assert_eq!(width_from(Some(0), Some("wide")), Width::PIPED);
        assert_eq!(width_from(None, Some("0")), Width::PIPED);
    }
}
