//! Keeping exported cells from running as spreadsheet formulas ("CSV injection").
//!
//! A spreadsheet treats a cell that starts with `=`, `+`, `-` or `@` as a formula, and some
//! also after a leading tab or carriage return. A prospect's note or name typed as
//! `=HYPERLINK(...)` must open as text. The usual remedy is applied: such a cell gets a
//! leading single quote. Import undoes exactly that, so an export imports back unchanged.

use std::borrow::Cow;

const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The cell as written to an exported CSV file.
pub fn inert(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(TRIGGERS) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// An imported cell with the quote of [`inert`] removed.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(TRIGGERS) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_get_a_quote() {
        let cases = [
            ("=1+1", "'=1+1"),
            ("+1 555 0147", "'+1 555 0147"),
            ("-2", "'-2"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("Dana = buyer", "Dana = buyer"),
            ("", ""),
            ("'quoted", "'quoted"),
        ];
        for (cell, written) in cases {
            assert_eq!(inert(cell), written, "{cell:?}");
            assert_eq!(restore(&inert(cell)), cell, "{cell:?}");
        }
    }
}
