//! Asking before a command removes something: on a terminal, a yes/no question; elsewhere
//! (a script, a pipe) nobody can answer, so the command is refused unless `--yes` was given.

use std::io::{BufRead, IsTerminal, Write};

use crate::error::{Error, Result};

/// Whether to go ahead with `what` (e.g. "remove the call ... to Dana"): `yes` if `--yes`
/// was given, else the answer typed at the terminal. Without a terminal and without `--yes`,
/// an error that says to pass it.
pub fn confirm(what: &str, yes: bool) -> Result<bool> {
    if yes {
        return Ok(true);
    }
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        return Err(Error::Invalid(format!(
            "this would {what}; nobody can confirm it here (standard input is not a terminal), \
             so pass --yes to go ahead"
        )));
    }
    let mut stderr = std::io::stderr();
    let _ = write!(stderr, "This will {what}.\nGo ahead? [y/N] ");
    let _ = stderr.flush();
    let mut answer = String::new();
    stdin
        .lock()
        .read_line(&mut answer)
        .map_err(|source| Error::Read {
            path: "standard input".into(),
            source,
        })?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}
