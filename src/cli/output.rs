//! Writing to standard output and standard error, the only two streams the front end uses.
//!
//! - A closed pipe (`followup today | head -1`) ends the output quietly; any other failure
//!   to write (`> /dev/full`) is the command's one `error:` line and status 1.
//! - On a terminal, every control character that does not lay out text is shown escaped,
//!   whatever command made the text: names, notes and file names come from people and files,
//!   and raw escapes in them could rewrite the screen or the window title.
//! - `error: ` is the one line on stderr of a failing command; warnings wait for success.

use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::rc::Rc;

use crate::render::sanitize;

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

    /// Prints the warnings gathered, once.
    pub fn flush(&self) {
        let mut stderr = std::io::stderr().lock();
        for message in self.0.borrow_mut().drain(..) {
            let _ = writeln!(stderr, "warning: {}", sanitize::clean(&message));
        }
    }
}
