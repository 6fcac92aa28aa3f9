//! Writing to the terminal without panicking: a closed pipe (`followup today | head`) ends
//! the output quietly instead of crashing.

use std::io::Write;
use std::process::ExitCode;

use crate::render::sanitize;

pub fn print(text: &str) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(_) => ExitCode::from(1),
    }
}

/// The one line of cli.md: `error: ` and a message, with no raw control characters.
pub fn error(message: &str) {
    let _ = writeln!(std::io::stderr(), "error: {}", sanitize::clean(message));
}

/// A `warning: ` line on stderr: something worth knowing that does not stop the command.
pub fn warning(message: &str) {
    let _ = writeln!(std::io::stderr(), "warning: {}", sanitize::clean(message));
}
