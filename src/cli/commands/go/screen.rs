//! The terminal a sitting writes to: text as it is ready, wrapped to the width the terminal
//! has now (a window resized between cards is followed), the card's heading in bold unless
//! `NO_COLOR` says otherwise. Styles come from crossterm; nothing here writes an escape by hand.

use std::io::Write;

use crossterm::style::{PrintStyledContent, Stylize};

use super::prompts::Look;
use crate::cli::output;
use crate::error::{Error, Result};
use crate::render::{sanitize, table};

/// Colour and bold unless `NO_COLOR` is set to something (no-color.org).
pub fn colour_allowed() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
}

/// A line of running text wrapped to the terminal, under `indent`.
pub fn wrap(text: &str, indent: &str) -> String {
    let width = output::width();
    let mut out = table::hanging(text, indent, &format!("{indent}  "), width);
    out.push('\n');
    out
}

/// The terminal, written to as text goes: each card as soon as it is ready.
pub struct Screen {
    pub look: Look,
}

impl Screen {
    pub fn say(&self, text: &str) -> Result<()> {
        let mut stdout = std::io::stdout().lock();
        stdout
            .write_all(sanitize::for_terminal(text).as_bytes())
            .and_then(|()| stdout.flush())
            .map_err(Error::Stdout)
    }

    /// A card's heading: bold where colour is allowed.
    pub fn heading(&self, text: &str) -> Result<()> {
        if !self.look.colour {
            return self.say(&format!("{text}\n"));
        }
        let mut stdout = std::io::stdout().lock();
        let text = sanitize::for_terminal(text).into_owned();
        crossterm::queue!(stdout, PrintStyledContent(text.bold()))
            .and_then(|()| stdout.write_all(b"\n"))
            .and_then(|()| stdout.flush())
            .map_err(Error::Stdout)
    }
}
