//! What kind of CSV a file is: with or without a byte-order mark, and which separator it uses.
//! Spreadsheets in countries that write decimal commas save with semicolons; some tools save
//! with tabs.

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The text after a UTF-8 byte-order mark, if there is one.
pub fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(BOM).unwrap_or(bytes)
}

/// The separator of the header line: whichever of `,`, `;` and tab occurs most often outside
/// quotes, comma on a tie (a one-column file has none).
pub fn delimiter(bytes: &[u8]) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for &byte in bytes {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(count) = counts.iter_mut().find(|(separator, _)| *separator == byte) {
                    count.1 += 1;
                }
            }
            _ => {}
        }
    }
    // max_by_key keeps the last maximum; reversing makes the earliest (comma) win ties.
    counts
        .iter()
        .rev()
        .max_by_key(|(_, count)| *count)
        .map_or(b',', |(separator, _)| *separator)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_line_decides_the_separator() {
        assert_eq!(delimiter(b"Name,Phone\nA;B;C;D,1"), b',');
        assert_eq!(delimiter(b"Name;Phone;Email\r\nAnn,Jr;1;a@x"), b';');
        assert_eq!(delimiter(b"Name\tPhone\n"), b'\t');
        assert_eq!(delimiter(b"Name\n"), b',');
        assert_eq!(delimiter(b""), b',');
        // Separators inside quotes do not count.
        assert_eq!(delimiter(b"\"Name, full\";Phone\n"), b';');
        assert_eq!(delimiter(b"\"a;b;c\",Phone\n"), b',');
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        assert_eq!(strip_bom(b"\xEF\xBB\xBFName"), b"Name");
        assert_eq!(strip_bom(b"Name"), b"Name");
    }
}
