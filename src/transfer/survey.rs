//! The first of the two passes `import` makes over a CSV file: what can only be known from
//! the whole file before any row is read.
//!
//! A quote left open swallows every later row into one cell, so the quotes of the whole file
//! are checked before the first row is taken (see [`super::quotes`]); the separator comes from
//! the header line, whether the file holds anything from all of it. Reading in pieces keeps
//! memory flat however large the file: the second pass streams the rows.

use std::io::{self, Read};

use super::quotes::{self, Damaged};
use super::sniff::{self, Sniffer};

/// What the first pass learnt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Survey {
    /// The file's bytes after its byte-order mark, if it has one.
    pub bytes: u64,
    /// Whether the file starts with a UTF-8 byte-order mark, which the rows are read without.
    pub bom: bool,
    /// Nothing but white space (after the byte-order mark).
    pub blank: bool,
    /// The separator of the header line.
    pub delimiter: u8,
    /// The first damaged quote, if any.
    pub damaged: Option<Damaged>,
}

/// How much is read at a time.
const PIECE: usize = 64 * 1024;

impl Survey {
    /// Reads `reader` to its end.
    pub fn of(mut reader: impl Read) -> io::Result<Survey> {
        let mut buffer = vec![0; PIECE];
        let mut head = Vec::new();
        // The byte-order mark is told by the first three bytes, whatever a read returns.
        while head.len() < 3 {
            match read(&mut reader, &mut buffer)? {
                0 => break,
                count => head.extend_from_slice(&buffer[..count]),
            }
        }
        let bom = sniff::strip_bom(&head).len() < head.len();
        let mut pass = Pass::default();
        pass.take(if bom { &head[3..] } else { &head });
        loop {
            match read(&mut reader, &mut buffer)? {
                0 => break,
                count => pass.take(&buffer[..count]),
            }
        }
        Ok(pass.finish(bom))
    }
}

/// One read, again when interrupted by a signal.
fn read(reader: &mut impl Read, buffer: &mut [u8]) -> io::Result<usize> {
    loop {
        match reader.read(buffer) {
            Err(error) if error.kind() == io::ErrorKind::Interrupted => continue,
            other => return other,
        }
    }
}

/// The state of the pass between two pieces.
#[derive(Default)]
struct Pass {
    bytes: u64,
    nonblank: bool,
    sniffer: Sniffer,
    /// The bytes before the header line ended, kept until the separator is known.
    header: Vec<u8>,
    checker: Option<quotes::Checker>,
    damaged: Option<Damaged>,
}

impl Pass {
    fn take(&mut self, piece: &[u8]) {
        self.bytes += piece.len() as u64;
        if !self.nonblank {
            self.nonblank = !piece.iter().all(u8::is_ascii_whitespace);
        }
        if self.damaged.is_some() {
            return;
        }
        match &mut self.checker {
            Some(checker) => self.damaged = checker.feed(piece).err(),
            None => {
                self.header.extend_from_slice(piece);
                if self.sniffer.feed(piece) {
                    self.start_checking();
                }
            }
        }
    }

    /// The separator is known: the quotes of what was kept are checked, then the rest as it
    /// comes.
    fn start_checking(&mut self) {
        let mut checker = quotes::Checker::new(self.sniffer.delimiter());
        self.damaged = checker.feed(&std::mem::take(&mut self.header)).err();
        self.checker = Some(checker);
    }

    fn finish(mut self, bom: bool) -> Survey {
        if self.checker.is_none() && self.damaged.is_none() {
            self.start_checking();
        }
        if self.damaged.is_none()
            && let Some(checker) = &self.checker
        {
            self.damaged = checker.finish().err();
        }
        Survey {
            bytes: self.bytes,
            bom,
            blank: !self.nonblank,
            delimiter: self.sniffer.delimiter(),
            damaged: self.damaged,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out one byte a call, the hardest split of a file.
    struct ByteByByte<'b>(&'b [u8]);

    impl Read for ByteByByte<'_> {
        fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
            match (self.0.split_first(), buffer.first_mut()) {
                (Some((&byte, rest)), Some(slot)) => {
                    *slot = byte;
                    self.0 = rest;
                    Ok(1)
                }
                _ => Ok(0),
            }
        }
    }

    #[test]
    fn a_file_read_in_pieces_is_judged_as_a_file_read_whole() {
        let mut long = String::from("Name;Note\n");
        for index in 0..20_000 {
            long.push_str(&format!("Lead {index};\"a; b\"\n"));
        }
        let mut damaged_late = long.clone();
        damaged_late.push_str("Zed;5\" screen\n");
        for text in [
            "",
            " \n\t",
            "\u{feff}Name,Phone\nAnn,1\n",
            "\u{feff}",
            "Name,Company\nAnn,Acme\n\"Bo,Beta\n",
            "Name,Note\nAnn,\"he said \"\"hi\"\"\"\n",
            "\"Name\nfull\";Note\nAnn;1\n",
            long.as_str(),
            damaged_late.as_str(),
        ] {
            let bytes = text.as_bytes();
            let content = sniff::strip_bom(bytes);
            let whole = Survey {
                bytes: content.len() as u64,
                bom: content.len() < bytes.len(),
                blank: content.iter().all(u8::is_ascii_whitespace),
                delimiter: sniff::delimiter(content),
                damaged: quotes::check(content, sniff::delimiter(content)).err(),
            };
            assert_eq!(Survey::of(bytes).unwrap(), whole, "{text:?}");
            if text.len() < 1000 {
                assert_eq!(Survey::of(ByteByByte(bytes)).unwrap(), whole, "{text:?}");
            }
        }
        assert!(
            Survey::of(damaged_late.as_bytes())
                .unwrap()
                .damaged
                .is_some()
        );
    }
}
