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
    let mut sniffer = Sniffer::default();
    sniffer.feed(bytes);
    sniffer.delimiter()
}

/// The same choice over a file read in pieces: fed until the header line has ended.
#[derive(Debug, Clone)]
pub struct Sniffer {
    counts: [(u8, usize); 3],
    quoted: bool,
    done: bool,
}

impl Default for Sniffer {
    fn default() -> Sniffer {
        Sniffer {
            counts: [(b',', 0), (b';', 0), (b'\t', 0)],
            quoted: false,
            done: false,
        }
    }
}

impl Sniffer {
    /// Counts the separators of the next bytes; returns whether the header line has ended,
    /// after which more bytes change nothing.
    pub fn feed(&mut self, bytes: &[u8]) -> bool {
        for &byte in bytes {
            if self.done {
                break;
            }
            match byte {
                b'"' => self.quoted = !self.quoted,
                b'\n' | b'\r' if !self.quoted => self.done = true,
                _ if !self.quoted => {
                    if let Some(count) = self
                        .counts
                        .iter_mut()
                        .find(|(separator, _)| *separator == byte)
                    {
                        count.1 += 1;
                    }
                }
                _ => {}
            }
        }
        self.done
    }

    pub fn delimiter(&self) -> u8 {
        // max_by_key keeps the last maximum; reversing makes the earliest (comma) win ties.
        self.counts
            .iter()
            .rev()
            .max_by_key(|(_, count)| *count)
            .map_or(b',', |(separator, _)| *separator)
    }
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
