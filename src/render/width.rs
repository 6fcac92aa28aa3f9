//! How wide the text for people may be: one value, decided once at the edge (the terminal's
//! width, or `COLUMNS` when the output is piped, see `cli::output::width`) and handed to every
//! renderer, so that a table chooses its columns and a message wraps for the screen it lands on.
//! JSON ignores it.

/// The columns the output may fill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Width(usize);

/// Messages and sentences wrap here even on a wide terminal: longer lines are hard to read.
const TEXT: usize = 96;

/// Below this a table cannot hold a name and a step side by side; a smaller width (a tiny
/// window, `COLUMNS=5`) is read as this one, and lines may then run past the edge.
const NARROWEST: usize = 60;

/// Wider than any table here needs; keeps a silly `COLUMNS` harmless.
const WIDEST: usize = 1000;

impl Width {
    /// Output that goes to a pipe or a file with no `COLUMNS` to say how wide: the width of
    /// the smallest common terminal, since piped output is most often read in one
    /// (`followup today | less`), and what fits 80 columns fits a mail too.
    pub const PIPED: Width = Width(80);

    /// `columns` wide, kept within what the tables can use.
    pub fn new(columns: usize) -> Width {
        Width(columns.clamp(NARROWEST, WIDEST))
    }

    /// The whole width, for tables.
    pub fn columns(self) -> usize {
        self.0
    }

    /// The width of running text (messages, explanations): the terminal's, up to a comfortable
    /// line length.
    pub fn text(self) -> usize {
        self.0.min(TEXT)
    }
}

/// The columns `text` takes on a terminal. Printable ASCII, almost every word of a message,
/// is one column a byte; the general measure (a table lookup per character) is kept for the
/// rest. Wrapping a busy morning's messages measures every word, and the lookups alone were a
/// tenth of `today`'s work.
pub fn of(text: &str) -> usize {
    if text.bytes().all(|byte| (b' '..=b'~').contains(&byte)) {
        text.len()
    } else {
        unicode_width::UnicodeWidthStr::width(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_as_the_terminal_draws() {
        for text in [
            "",
            "call 555-0190",
            "Zoë",
            "東京",
            "a\u{301}",
            "tab\there",
            "~!",
        ] {
            assert_eq!(
                of(text),
                unicode_width::UnicodeWidthStr::width(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn text_is_never_wider_than_a_readable_line() {
        assert_eq!(Width::new(80).text(), 80);
        assert_eq!(Width::new(200).text(), TEXT);
        assert_eq!(Width::new(200).columns(), 200);
    }

    #[test]
    fn silly_widths_are_kept_sane() {
        assert_eq!(Width::new(0).columns(), NARROWEST);
        assert_eq!(Width::new(usize::MAX).columns(), WIDEST);
    }
}
