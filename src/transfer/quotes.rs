//! Quote damage in a CSV file: a quote that opens a cell and never closes, a quote inside a
//! cell that does not start with one, text after a cell's closing quote.
//!
//! The `csv` crate reads all three without complaint, and the first one swallows every row
//! after it into one cell: a file of a hundred leads imports as two, one of them named with
//! the other ninety-eight. Reading is all or nothing, so a damaged file is refused with the
//! row where the damage starts, before any of it is read.

/// What is wrong with the quotes of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// A quote opens the cell and nothing closes it before the end of the file.
    Unclosed,
    /// The cell does not start with a quote but holds one.
    Stray,
    /// The cell's closing quote is followed by more text; `closed_on` is the line of that
    /// quote, later than the row's first line when the quoted text ran over lines.
    AfterClosing { closed_on: u64 },
}

/// Where the damage is: the line the row starts on (as the rest of the import numbers rows)
/// and the cell, from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Damaged {
    pub row: u64,
    pub cell: usize,
    pub damage: Damage,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    /// At the start of a cell.
    Start,
    /// Inside a cell that did not start with a quote.
    Bare,
    /// Inside a quoted cell.
    Quoted,
    /// Just after a quote inside a quoted cell: a doubled quote, or the closing one.
    QuoteSeen,
    /// After a closing quote; only spaces may come before the separator.
    Closed,
}

/// Checks the quotes of every cell of `bytes`, whose cells are separated by `delimiter`.
pub fn check(bytes: &[u8], delimiter: u8) -> Result<(), Damaged> {
    let mut checker = Checker::new(delimiter);
    checker.feed(bytes)?;
    checker.finish()
}

/// The same check over a file read in pieces, as `import` reads a file it does not hold
/// whole: the state carries over from one piece to the next.
#[derive(Clone)]
pub struct Checker {
    delimiter: u8,
    state: State,
    line: u64,
    row: u64,
    cell: usize,
}

impl Checker {
    pub fn new(delimiter: u8) -> Checker {
        Checker {
            delimiter,
            state: State::Start,
            line: 1,
            row: 1,
            cell: 0,
        }
    }

    /// Checks the next bytes of the file.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(), Damaged> {
        let delimiter = self.delimiter;
        let Checker {
            state,
            line,
            row,
            cell,
            ..
        } = self;
        let damaged = |row, cell, damage| Err(Damaged { row, cell, damage });
        let mut index = 0;
        while index < bytes.len() {
            // Inside a cell most bytes change nothing: skip them without the whole match (this
            // runs over every byte of a file of any size). A line feed is never skipped, for
            // the count of lines.
            let ordinary = |byte: u8| match *state {
                State::Bare => !matches!(byte, b'"' | b'\r' | b'\n') && byte != delimiter,
                State::Quoted => !matches!(byte, b'"' | b'\n'),
                _ => false,
            };
            while index < bytes.len() && ordinary(bytes[index]) {
                index += 1;
            }
            let Some(&byte) = bytes.get(index) else {
                break;
            };
            index += 1;
            if *state == State::Start && *cell == 0 {
                *row = *line;
            }
            let ends_row = byte == b'\n' || byte == b'\r';
            *state = match *state {
                State::Start | State::Bare | State::Closed if ends_row => {
                    *cell = 0;
                    State::Start
                }
                State::QuoteSeen if ends_row => {
                    *cell = 0;
                    State::Start
                }
                State::Start | State::Bare | State::Closed | State::QuoteSeen
                    if byte == delimiter =>
                {
                    *cell += 1;
                    State::Start
                }
                State::Start if byte == b'"' => State::Quoted,
                State::Start => State::Bare,
                State::Bare if byte == b'"' => return damaged(*row, *cell, Damage::Stray),
                State::Bare => State::Bare,
                State::Quoted if byte == b'"' => State::QuoteSeen,
                State::Quoted => State::Quoted,
                State::QuoteSeen if byte == b'"' => State::Quoted,
                State::QuoteSeen | State::Closed if byte == b' ' || byte == b'\t' => State::Closed,
                State::QuoteSeen | State::Closed => {
                    return damaged(*row, *cell, Damage::AfterClosing { closed_on: *line });
                }
            };
            if byte == b'\n' {
                *line += 1;
            }
        }
        Ok(())
    }

    /// At the end of the file: a quote still open is damage too.
    pub fn finish(&self) -> Result<(), Damaged> {
        if self.state == State::Quoted {
            return Err(Damaged {
                row: self.row,
                cell: self.cell,
                damage: Damage::Unclosed,
            });
        }
        Ok(())
    }
}

impl Damaged {
    /// Why the row is refused, naming the cell as `label` calls it.
    pub fn reason(&self, label: &str) -> String {
        match self.damage {
            Damage::Unclosed => format!(
                "a quote opens the {label} cell and is never closed, so every row after it \
                 would be read into that cell; close the quote, or double a quote meant as \
                 text (\"\")"
            ),
            Damage::Stray => format!(
                "the {label} cell holds a quote but does not start with one; put the cell in \
                 quotes and double the quote inside (\"5\"\" screen\")"
            ),
            Damage::AfterClosing { closed_on } if closed_on > self.row => format!(
                "the quote that opens the {label} cell closes only on line {closed_on}, with \
                 text after it; a quote is missing or one too many"
            ),
            Damage::AfterClosing { .. } => format!(
                "text follows the closing quote of the {label} cell; double a quote meant as \
                 text (\"\")"
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn damage(text: &str) -> Option<(u64, usize, Damage)> {
        check(text.as_bytes(), b',')
            .err()
            .map(|damaged| (damaged.row, damaged.cell, damaged.damage))
    }

    #[test]
    fn well_quoted_files_pass() {
        for text in [
            "",
            "Name,Company\nAnn,Acme\n",
            "Name,Company\r\n\"Ann\",\"Acme, Inc\"\r\n",
            "Name,Note\n\"Bo\",\"two\nlines\"\n",
            "Name,Note\nAnn,\"he said \"\"hi\"\"\"\n",
            "Name,Note\nAnn,\"quoted\"  \n",
            "Name,Note\nAnn,\"\"\n,\n\n",
            "Name,Note\nAnn,\"no newline at the end\"",
        ] {
            assert_eq!(damage(text), None, "{text:?}");
        }
    }

    #[test]
    fn an_unclosed_quote_names_the_row_it_opens_on() {
        let mut file = String::from("Name,Company\nAnn,Acme\n\"Bo,Beta\n");
        for index in 0..98 {
            file.push_str(&format!("Lead {index},Company {index}\n"));
        }
        assert_eq!(damage(&file), Some((3, 0, Damage::Unclosed)));
        assert_eq!(
            damage("Name,Note\nAnn,\"open\nBo,x\n"),
            Some((2, 1, Damage::Unclosed))
        );
    }

    #[test]
    fn stray_quotes_and_text_after_a_closing_quote_are_named() {
        assert_eq!(
            damage("Name,Note\nAnn,5\" screen\n"),
            Some((2, 1, Damage::Stray))
        );
        assert_eq!(
            damage("Name,Note\nAnn, \"Acme, Inc\"\n"),
            Some((2, 1, Damage::Stray))
        );
        assert_eq!(
            damage("Name,Note\n\"Ann\"x,1\n"),
            Some((2, 0, Damage::AfterClosing { closed_on: 2 }))
        );
        // A quote left open on row 3 closed by the opening quote of a cell on line 5.
        assert_eq!(
            damage("Name,Note\nAnn,1\n\"Bo,2\nCy,3\nDi,\"x\"\n"),
            Some((3, 0, Damage::AfterClosing { closed_on: 5 }))
        );
    }

    #[test]
    fn the_separator_is_the_files_own() {
        assert_eq!(check(b"Name;Note\n\"Ann\";\"a;b\"\n", b';'), Ok(()));
        assert!(check(b"Name;Note\n\"Ann\",x;1\n", b';').is_err());
    }

    #[test]
    fn reasons_name_the_cell() {
        let damaged = Damaged {
            row: 3,
            cell: 0,
            damage: Damage::Unclosed,
        };
        assert!(damaged.reason("Name").contains("the Name cell"));
    }
}
