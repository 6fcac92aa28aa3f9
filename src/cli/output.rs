//! Writing to the terminal without panicking: a closed pipe (`followup today | head`) ends
//! the output quietly instead of crashing. Also the one place that asks how wide the output
//! may be.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

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

/// Writes a file that may hold people's contact details: created readable by its owner only,
/// replaced if it exists (as `> FILE` would).
pub fn write_file(path: &std::path::Path, text: &str) -> crate::error::Result<()> {
    let failed = |source| crate::error::Error::Write {
        path: path.to_path_buf(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(failed)?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.flush())
        .map_err(failed)
}

#[cfg(test)]
mod tests {
    use super::*;

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
