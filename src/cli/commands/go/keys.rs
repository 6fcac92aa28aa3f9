//! One key press at a time, read with crossterm: the terminal is raw only while a key is
//! awaited, so everything `go` prints in between is ordinary text, and a prompt (inquire)
//! sets the terminal up its own way.

use crossterm::event::{self, Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use crossterm::terminal;

use crate::error::{Error, Result};

/// A key as `go` reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// A letter or sign, lower case.
    Char(char),
    Enter,
    /// Esc or Backspace: back one step.
    Back,
    /// Ctrl-C or Ctrl-D: stop the sitting now.
    Stop,
}

/// Raw mode for as long as it lives, left even when reading fails.
struct Raw;

impl Raw {
    fn on() -> Result<Raw> {
        terminal::enable_raw_mode().map_err(Error::Terminal)?;
        Ok(Raw)
    }
}

impl Drop for Raw {
    fn drop(&mut self) {
        let _ = terminal::disable_raw_mode();
    }
}

/// Waits for the next key that means something to `go`.
pub fn read() -> Result<Key> {
    let _raw = Raw::on()?;
    loop {
        if let Event::Key(key) = event::read().map_err(Error::Terminal)?
            && let Some(key) = meaning(key)
        {
            return Ok(key);
        }
    }
}

/// What a key event means, or `None` for one to ignore (a release, an arrow).
fn meaning(key: KeyEvent) -> Option<Key> {
    if key.kind != KeyEventKind::Press {
        return None;
    }
    let control = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('c' | 'd') if control => Some(Key::Stop),
        KeyCode::Char(_) if control => None,
        KeyCode::Char(c) => Some(Key::Char(c.to_ascii_lowercase())),
        KeyCode::Enter => Some(Key::Enter),
        KeyCode::Esc | KeyCode::Backspace => Some(Key::Back),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_mean_what_go_offers() {
        let press = |code, modifiers| meaning(KeyEvent::new(code, modifiers));
        assert_eq!(
            press(KeyCode::Char('V'), KeyModifiers::SHIFT),
            Some(Key::Char('v'))
        );
        assert_eq!(
            press(KeyCode::Char('c'), KeyModifiers::CONTROL),
            Some(Key::Stop)
        );
        assert_eq!(press(KeyCode::Char('x'), KeyModifiers::CONTROL), None);
        assert_eq!(press(KeyCode::Esc, KeyModifiers::NONE), Some(Key::Back));
        assert_eq!(press(KeyCode::Up, KeyModifiers::NONE), None);
    }
}
