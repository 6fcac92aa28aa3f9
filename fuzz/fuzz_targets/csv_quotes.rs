//! CSV files with damaged quotes, as `followup import` reads them.
//!
//! The input describes a well-formed file (rows of leads whose cells may be quoted, with
//! separators, doubled quotes and line breaks inside) and then damage to its quotes: a quote
//! added, removed, or written over another character. The first byte picks the number of rows,
//! the separator and the line ends; one byte per cell picks its form; the rest, three bytes at
//! a time, are the damage.
//!
//! Checked: the undamaged file reads as exactly its leads; a file with an odd number of quotes
//! (one opened and never closed) is refused, never read with rows swallowed into a cell; and
//! whatever is read passes the checks every prospect passes.

#![no_main]

use chrono::NaiveDate;
use followup::domain::checks;
use followup::transfer::TransferError;
use followup::transfer::csv_in::{self, CsvOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&shape, rest)) = data.split_first() else {
        return;
    };
    let rows = 1 + usize::from(shape & 0x1f);
    let separator = if shape & 0x40 == 0 { ',' } else { ';' };
    let line_end = if shape & 0x80 == 0 { "\n" } else { "\r\n" };
    let (forms, damage) = rest.split_at(rest.len().min(rows * 2));

    let mut file = format!("Name{separator}Company{separator}Note{line_end}");
    let mut names = Vec::new();
    for row in 0..rows {
        let form = |cell: usize| forms.get(row * 2 + cell).copied().unwrap_or(0);
        let name = if form(0) & 1 == 0 {
            let name = format!("Lead {row}");
            file.push_str(&name);
            name
        } else {
            file.push_str(&format!("\"Lead {row}{separator} Jr \"\"Bo\"\"\""));
            format!("Lead {row}{separator} Jr \"Bo\"")
        };
        names.push(name);
        file.push(separator);
        file.push_str(&cell(form(0) >> 1, separator, line_end));
        file.push(separator);
        file.push_str(&cell(form(1), separator, line_end));
        file.push_str(line_end);
    }

    let mut bytes = file.into_bytes();
    let mut damaged = false;
    for op in damage.chunks_exact(3) {
        let at = usize::from(u16::from_le_bytes([op[1], op[2]])) % (bytes.len() + 1);
        match op[0] % 3 {
            0 => bytes.insert(at, b'"'),
            1 if bytes.get(at) == Some(&b'"') => {
                bytes.remove(at);
            }
            2 if at < bytes.len() => bytes[at] = b'"',
            _ => continue,
        }
        damaged = true;
    }

    let options = CsvOptions {
        mappings: Vec::new(),
        keep_unknown: shape & 0x20 != 0,
        now: NaiveDate::from_ymd_opt(2026, 11, 23)
            .and_then(|day| day.and_hms_opt(10, 0, 0))
            .expect("a valid clock"),
        default_cadence: "standard".into(),
        cadences: vec!["standard".into()],
    };
    let result = csv_in::read(&bytes, &options);
    if !damaged {
        let batch = result.expect("a well-formed file is read");
        let read: Vec<&str> = batch
            .prospects
            .iter()
            .map(|incoming| incoming.prospect.contact.name.as_str())
            .collect();
        assert_eq!(read, names);
        return;
    }
    let quotes = bytes.iter().filter(|byte| **byte == b'"').count();
    match result {
        Ok(batch) => {
            assert!(quotes % 2 == 0, "a quote left open was read");
            for incoming in &batch.prospects {
                assert_eq!(checks::contact(&incoming.prospect.contact), Ok(()));
            }
        }
        Err(TransferError::Row { row, .. }) => assert!(row >= 1),
        Err(error) => {
            let _ = error.to_string();
        }
    }
});

/// A cell in one of several forms: blank, a word, quoted with a separator, quoted with a
/// doubled quote and a line break.
fn cell(form: u8, separator: char, line_end: &str) -> String {
    match form % 4 {
        0 => String::new(),
        1 => format!("word{form}"),
        2 => format!("\"a{separator} b {form}\""),
        _ => format!("\"he said \"\"hi\"\"{line_end}twice {form}\""),
    }
}
