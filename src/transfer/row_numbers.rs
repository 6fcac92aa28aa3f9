//! Spreadsheet row numbers of CSV records, from where they start in the file, counted as the
//! file streams past.
//!
//! The csv crate counts a record's line before it has read the `\n` of a CRLF ending, so in
//! files saved on Windows and by most CRMs every row after the header came out one too low;
//! counting the line feeds here gives one number whatever the line ending. The file is read
//! in pieces, not held whole, so this reader sits under the csv crate's and keeps only the
//! bytes it has passed on whose line feeds are not counted yet (about one buffer's worth).

use std::io::{self, Read};

/// A reader that passes bytes on and numbers the rows they start.
pub struct RowNumbers<R> {
    inner: R,
    /// The bytes passed on from offset `kept_from` of the file on.
    kept: Vec<u8>,
    kept_from: u64,
    /// Line feeds before `counted_to` have been counted into `line`.
    counted_to: u64,
    line: u64,
    /// Every byte passed on so far.
    total: u64,
}

/// Once this many counted bytes lie before the ones still needed, they are dropped.
const DROP_AFTER: usize = 64 * 1024;

impl<R: Read> RowNumbers<R> {
    pub fn new(inner: R) -> RowNumbers<R> {
        RowNumbers {
            inner,
            kept: Vec::new(),
            kept_from: 0,
            counted_to: 0,
            line: 1,
            total: 0,
        }
    }

    /// How many bytes have been read.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// The byte at offset `at` of the file, if it has been read and is still kept.
    fn byte(&self, at: u64) -> Option<u8> {
        let index = usize::try_from(at.checked_sub(self.kept_from)?).ok()?;
        self.kept.get(index).copied()
    }

    /// The row of the record that starts at `byte`: the line of its first character, past the
    /// end of the line before it (and any blank lines). Records come in order; an offset
    /// before the last one asked about gets that one's row.
    pub fn at(&mut self, byte: u64) -> u64 {
        let end = self.kept_from + self.kept.len() as u64;
        let mut start = byte.min(end);
        if start < self.counted_to {
            return self.line;
        }
        while start < end && matches!(self.byte(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        // A line ends in `\n`, `\r\n` or a lone `\r` (old Mac files), as the csv crate reads it:
        // every `\n` counts, and a `\r` that no `\n` follows. One pass over the slice, as this
        // runs over every byte of the file.
        let index = |at: u64| usize::try_from(at - self.kept_from).unwrap_or(usize::MAX);
        let counted = &self.kept[index(self.counted_to).min(self.kept.len())..index(start)];
        let mut feeds = 0u64;
        let mut after_return = false;
        for &byte in counted {
            feeds += u64::from(byte == b'\n' || after_return);
            after_return = byte == b'\r';
        }
        if after_return && self.byte(start) != Some(b'\n') {
            feeds += 1;
        }
        self.line += feeds;
        self.counted_to = start;
        let counted = usize::try_from(start - self.kept_from).unwrap_or(usize::MAX);
        if counted > DROP_AFTER && counted > self.kept.len() / 2 {
            self.kept.drain(..counted.min(self.kept.len()));
            self.kept_from = start;
        }
        self.line
    }
}

impl<R: Read> Read for RowNumbers<R> {
    fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
        let read = self.inner.read(buffer)?;
        self.kept.extend_from_slice(&buffer[..read]);
        self.total += read as u64;
        Ok(read)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that hands out at most `piece` bytes a call, as a file may.
    struct Pieces<'b> {
        bytes: &'b [u8],
        piece: usize,
    }

    impl Read for Pieces<'_> {
        fn read(&mut self, buffer: &mut [u8]) -> io::Result<usize> {
            let count = self.piece.min(buffer.len()).min(self.bytes.len());
            buffer[..count].copy_from_slice(&self.bytes[..count]);
            self.bytes = &self.bytes[count..];
            Ok(count)
        }
    }

    #[test]
    fn rows_are_counted_across_pieces_and_dropped_bytes() {
        let mut text = String::from("Name\r\n");
        let mut starts = Vec::new();
        for index in 0..20_000 {
            starts.push(text.len() as u64);
            text.push_str(&format!("Lead {index}\r\n"));
            if index % 7 == 0 {
                text.push_str("\r\n");
            }
        }
        let mut rows = RowNumbers::new(Pieces {
            bytes: text.as_bytes(),
            piece: 1000,
        });
        let mut sink = vec![0; 8192];
        let mut expected = 2;
        for (index, start) in starts.iter().enumerate() {
            while rows.total() < (start + 20).min(text.len() as u64) {
                assert!(rows.read(&mut sink).unwrap() > 0);
            }
            // The csv crate may give the offset of the `\n` that ends the line before.
            assert_eq!(rows.at(start - 1), expected, "record {index}");
            expected += if index % 7 == 0 { 2 } else { 1 };
        }
        assert!(rows.kept.len() < 3 * DROP_AFTER, "{}", rows.kept.len());
    }
}
