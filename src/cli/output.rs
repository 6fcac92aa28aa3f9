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
