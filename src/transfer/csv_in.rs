//! `import --format csv`: rows of a spreadsheet or CRM export turned into prospects to add.
//!
//! Reading stops at the first bad row with its number (as a spreadsheet numbers it: the header
//! is row 1), so that nothing of a half-understood file is ever kept: the rows before it were
//! stored as they were read, in a transaction that then ends without a commit.

use std::io::Read;

use chrono::NaiveDateTime;

use super::columns::{ColumnMap, Mapping};
use super::field::Field;
use super::inert::restore;
use super::row_numbers::RowNumbers;
use super::survey::Survey;
use super::{Batch, Incoming, TransferError};
use crate::domain::checks::{self, LONG_TEXT};
use crate::domain::{Contact, Preference, Prospect, Status};
use crate::quote::brief;
use crate::when;

/// What the reader needs to know besides the file.
#[derive(Debug, Clone)]
pub struct CsvOptions {
    pub mappings: Vec<Mapping>,
    /// Keep the cells of unknown columns in the prospect's note, as "Column: value" lines.
    pub keep_unknown: bool,
    pub now: NaiveDateTime,
    pub default_cadence: String,
    /// The cadences the cadence file defines; a row naming another is refused.
    pub cadences: Vec<String>,
}

/// The cells of one row, by field: the first non-blank cell of a field wins, so a file with
/// both "Phone" and "Mobile Phone" takes the first one filled in.
#[derive(Default)]
struct Cells<'r> {
    values: [Option<&'r str>; FIELDS],
}

/// One slot per field; `Ignore` is the last of them.
const FIELDS: usize = Field::Ignore as usize + 1;

fn slot(field: Field) -> usize {
    field as usize
}

impl<'r> Cells<'r> {
    fn set(&mut self, field: Field, value: &'r str) {
        self.values[slot(field)].get_or_insert(value);
    }

    fn get(&self, field: Field) -> Option<&'r str> {
        self.values[slot(field)]
    }

    fn owned(&self, field: Field) -> Option<String> {
        self.get(field).map(String::from)
    }
}

/// A cell as stored: trimmed, without an export's formula quote, `None` when blank.
fn value(cell: &str) -> Option<&str> {
    let cell = restore(cell.trim());
    (!cell.is_empty()).then_some(cell)
}

/// Reads a whole file held in memory (standard input, the tests): both passes over `bytes`.
pub fn read(bytes: &[u8], options: &CsvOptions) -> Result<Batch, TransferError> {
    let survey = Survey::of(bytes).map_err(|error| TransferError::Header(error.to_string()))?;
    let mut rows = CsvRows::new(&survey, bytes, options.clone())?;
    let mut prospects = Vec::new();
    while let Some(incoming) = rows.next_incoming()? {
        prospects.push(incoming);
    }
    Ok(Batch {
        prospects,
        blank_rows: rows.blank_rows,
        unknown_columns: rows.unknown_columns,
        ..Batch::default()
    })
}

/// The rows of a CSV file turned into prospects one at a time, as the file is read: the
/// second pass, after the [`Survey`] of the same bytes.
pub struct CsvRows<R: Read> {
    reader: csv::Reader<RowNumbers<R>>,
    columns: ColumnMap,
    unknown: Vec<usize>,
    options: CsvOptions,
    record: csv::StringRecord,
    /// The bytes the survey read, which this pass must read too.
    expected: u64,
    /// Rows with every cell blank, skipped so far.
    pub blank_rows: usize,
    /// The columns no field takes, by header.
    pub unknown_columns: Vec<String>,
}

impl<R: Read> CsvRows<R> {
    /// Reads the header of `file`, which holds the bytes `survey` found (its byte-order mark
    /// included), and refuses a file the survey found empty or damaged.
    pub fn new(
        survey: &Survey,
        mut file: R,
        options: CsvOptions,
    ) -> Result<CsvRows<R>, TransferError> {
        if survey.blank {
            return Err(TransferError::Header(
                "the file is empty; expected a header row such as Name,Company,Phone,Email".into(),
            ));
        }
        if survey.bom {
            let mut bom = [0; 3];
            file.read_exact(&mut bom)
                .map_err(|error| TransferError::Header(error.to_string()))?;
        }
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(survey.delimiter)
            .flexible(true)
            .buffer_capacity(64 * 1024)
            .from_reader(RowNumbers::new(file));
        let header_record = reader.headers().map_err(|error| row_error(&error, 1))?;
        check_lengths(header_record, None, 1)?;
        let headers: Vec<String> = header_record
            .iter()
            .map(|header| header.trim().to_string())
            .collect();
        // Before any row is read: a damaged quote changes what every later row means.
        if let Some(damaged) = survey.damaged {
            return Err(TransferError::Row {
                row: damaged.row,
                reason: damaged.reason(&match headers.get(damaged.cell) {
                    Some(header) if damaged.row > 1 && !header.is_empty() => {
                        brief(header).into_owned()
                    }
                    _ => format!("column {}", damaged.cell + 1),
                }),
            });
        }
        let columns = ColumnMap::new(&headers, &options.mappings)?;
        let unknown = columns.unknown();
        Ok(CsvRows {
            unknown_columns: unknown.iter().map(|index| columns.label(*index)).collect(),
            reader,
            columns,
            unknown,
            options,
            record: csv::StringRecord::new(),
            expected: survey.bytes,
            blank_rows: 0,
        })
    }

    /// The next prospect of the file, `None` at its end, or why its row is refused.
    pub fn next_incoming(&mut self) -> Result<Option<Incoming>, TransferError> {
        loop {
            let before = self.reader.position().byte();
            match self.reader.read_record(&mut self.record) {
                Ok(true) => {}
                Ok(false) => return self.at_end().map(|()| None),
                Err(error) => {
                    let at = error.position().map_or(before, csv::Position::byte);
                    let row = self.reader.get_mut().at(at);
                    return Err(row_error(&error, row));
                }
            }
            let at = self.record.position().map_or(before, csv::Position::byte);
            let row = self.reader.get_mut().at(at);
            check_lengths(&self.record, Some(&self.columns), row)?;
            match prospect(&self.record, &self.columns, &self.unknown, &self.options)
                .map_err(|reason| TransferError::Row { row, reason })?
            {
                Some(prospect) => {
                    return Ok(Some(Incoming {
                        prospect,
                        attempts: Vec::new(),
                        carried: Vec::new(),
                        value_items: Vec::new(),
                        row: Some(row),
                    }));
                }
                None => self.blank_rows += 1,
            }
        }
    }

    /// How many bytes of the file have been read.
    pub fn bytes_read(&self) -> u64 {
        self.reader.get_ref().total()
    }

    /// How many bytes the file holds (after its byte-order mark).
    pub fn expected_bytes(&self) -> u64 {
        self.expected
    }

    /// The file must end where the survey found its end: one that changed between the two
    /// passes was not checked as it was read.
    fn at_end(&self) -> Result<(), TransferError> {
        if self.bytes_read() != self.expected {
            return Err(TransferError::Header(
                "the file changed while it was read; import it again once it is saved".into(),
            ));
        }
        Ok(())
    }
}

/// Refuses a row with a cell longer than any value of a prospect can be, naming the cell
/// (`columns` is `None` for the header row).
fn check_lengths(
    record: &csv::StringRecord,
    columns: Option<&ColumnMap>,
    row: u64,
) -> Result<(), TransferError> {
    for (index, cell) in record.iter().enumerate() {
        if let Err(checks::Problem::TooLong { length, limit, .. }) =
            checks::text("cell", Some(cell), LONG_TEXT)
        {
            let label = match columns {
                Some(columns) => format!("the {} cell", brief(&columns.label(index))),
                None => format!("the header of column {}", index + 1),
            };
            return Err(TransferError::Row {
                row,
                reason: format!(
                    "{label} is {length} characters long; a cell may hold at most {limit}"
                ),
            });
        }
    }
    Ok(())
}

fn row_error(error: &csv::Error, row: u64) -> TransferError {
    let reason = match error.kind() {
        csv::ErrorKind::Utf8 { .. } => {
            "it is not UTF-8 text; save the file as \"CSV UTF-8\" and import it again".to_string()
        }
        _ => error.to_string(),
    };
    TransferError::Row { row, reason }
}

/// The prospect a row describes, `None` for a blank row, or why the row is wrong.
fn prospect(
    record: &csv::StringRecord,
    columns: &ColumnMap,
    unknown: &[usize],
    options: &CsvOptions,
) -> Result<Option<Prospect>, String> {
    if record.iter().all(|cell| cell.trim().is_empty()) {
        return Ok(None);
    }
    if record.len() > columns.len()
        && record
            .iter()
            .skip(columns.len())
            .any(|c| value(c).is_some())
    {
        return Err(format!(
            "it has {} cells but the header has {} columns",
            record.len(),
            columns.len()
        ));
    }
    let mut cells = Cells::default();
    for (index, cell) in record.iter().enumerate() {
        if let (Some(field), Some(cell)) = (columns.field(index), value(cell)) {
            cells.set(field, cell);
        }
    }
    let name = match cells.get(Field::Name) {
        Some(name) => name.to_string(),
        None => [cells.get(Field::FirstName), cells.get(Field::LastName)]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" "),
    };
    let prefers = cells
        .get(Field::Prefers)
        .map(|text| text.parse::<Preference>())
        .transpose()
        .map_err(|error| format!("prefers: {error}"))?;
    let cadence = cells
        .owned(Field::Cadence)
        .unwrap_or_else(|| options.default_cadence.clone());
    checks::cadence(&cadence, &options.cadences).map_err(|problem| problem.to_string())?;
    let start = match cells.get(Field::Start) {
        Some(text) => {
            when::parse_date(text, options.now).map_err(|error| format!("start: {error}"))?
        }
        None => options.now.date(),
    };
    let time_zone = cells
        .get(Field::TimeZone)
        .map(|name| crate::zones::parse(name).map(|zone| zone.name().to_string()))
        .transpose()
        .map_err(|error| format!("time_zone: {error}"))?;
    let mut note = cells.owned(Field::Note);
    if options.keep_unknown {
        let kept: Vec<String> = unknown
            .iter()
            .filter_map(|index| {
                let cell = value(record.get(*index)?)?;
                Some(format!("{}: {cell}", columns.label(*index)))
            })
            .collect();
        if !kept.is_empty() {
            let kept = kept.join("\n");
            note = Some(match note {
                Some(note) => format!("{note}\n{kept}"),
                None => kept,
            });
        }
    }
    let contact = Contact {
        name,
        company: cells.owned(Field::Company),
        phone: cells.owned(Field::Phone),
        email: cells.owned(Field::Email),
        title: cells.owned(Field::Title),
        prefers,
        next_step: cells.owned(Field::NextStep),
        topic: cells.owned(Field::Topic),
        assistant: cells.owned(Field::Assistant),
        assistant_phone: cells.owned(Field::AssistantPhone),
        note,
        time_zone,
        ground_rules: false,
        main_line: cells.owned(Field::MainLine),
    };
    checks::contact(&contact).map_err(|problem| problem.to_string())?;
    Ok(Some(Prospect {
        id: 0,
        contact,
        cadence,
        start,
        status: Status::Active,
        closed: None,
        recontact_on: None,
        run_started_at: None,
        created_at: options.now,
        owner: None,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> CsvOptions {
        CsvOptions {
            mappings: Vec::new(),
            keep_unknown: false,
            now: chrono::NaiveDate::from_ymd_opt(2026, 11, 23)
                .unwrap()
                .and_hms_opt(10, 0, 0)
                .unwrap(),
            default_cadence: "standard".into(),
            cadences: vec!["standard".into(), "nurture".into()],
        }
    }

    /// Asserts that reading `file` fails at `row` with a reason that says `reason`.
    #[track_caller]
    fn refused_at(file: &[u8], row: u64, reason: &str) {
        let shown = String::from_utf8_lossy(file);
        match read(file, &options()) {
            Err(TransferError::Row {
                row: got,
                reason: why,
            }) => {
                assert_eq!(got, row, "{shown:?}: {why}");
                assert!(why.contains(reason), "{shown:?}: {why}");
            }
            other => panic!("{shown:?}: {other:?}"),
        }
    }

    fn names(batch: &Batch) -> Vec<&str> {
        batch
            .prospects
            .iter()
            .map(|incoming| incoming.prospect.contact.name.as_str())
            .collect()
    }

    #[test]
    fn a_crm_export_with_a_bom_and_semicolons() {
        let file = "\u{feff}First Name;Last Name;Account Name;Mobile Phone;Lead Source\n\
                    Dana;Whitfield;Lakeside Dental;'+1 555 0147;Web\n\
                    ;;;;\n\
                    Bo;;;;\n";
        let batch = read(file.as_bytes(), &options()).unwrap();
        assert_eq!(names(&batch), ["Dana Whitfield", "Bo"]);
        let dana = &batch.prospects[0].prospect;
        assert_eq!(dana.contact.company.as_deref(), Some("Lakeside Dental"));
        assert_eq!(dana.contact.phone.as_deref(), Some("+1 555 0147"));
        assert_eq!(dana.contact.note, None);
        assert_eq!(batch.blank_rows, 1);
        assert_eq!(batch.unknown_columns, ["Lead Source"]);
    }

    #[test]
    fn unknown_columns_go_to_the_note_when_asked() {
        let mut options = options();
        options.keep_unknown = true;
        let file = "Name,Note,Lead Source,Region\nAnn,met at the fair,Web,\n";
        let batch = read(file.as_bytes(), &options).unwrap();
        assert_eq!(
            batch.prospects[0].prospect.contact.note.as_deref(),
            Some("met at the fair\nLead Source: Web")
        );
    }

    #[test]
    fn a_time_zone_column_is_checked() {
        let file = "Name,TZ\nAnn,Europe/Berlin\nBo,\n";
        let batch = read(file.as_bytes(), &options()).unwrap();
        let zones: Vec<Option<&str>> = batch
            .prospects
            .iter()
            .map(|incoming| incoming.prospect.contact.time_zone.as_deref())
            .collect();
        assert_eq!(zones, [Some("Europe/Berlin"), None]);
        let bad = "Name,time_zone\nAnn,Berlin\n";
        let error = read(bad.as_bytes(), &options()).unwrap_err().to_string();
        assert!(error.contains("time_zone"), "{error}");
    }

    #[test]
    fn our_own_field_names_fill_every_field() {
        let file = "name,prefers,cadence,start,next_step,topic,assistant,assistant_phone\n\
                    Ann,Email,nurture,2026-12-01,a quote,chairs,Sam,555-0100\n";
        let prospect = &read(file.as_bytes(), &options()).unwrap().prospects[0].prospect;
        assert_eq!(prospect.contact.prefers, Some(Preference::Email));
        assert_eq!(prospect.cadence, "nurture");
        assert_eq!(prospect.start.to_string(), "2026-12-01");
        assert_eq!(
            prospect.contact.assistant_phone.as_deref(),
            Some("555-0100")
        );
    }

    #[test]
    fn a_bad_row_is_refused_with_its_row_number() {
        let cases: [(&[u8], u64, &str); 6] = [
            (b"Name,Phone\nAnn,1\n,555\n", 3, "no name"),
            (b"Name,prefers\nAnn,fax\n", 2, "prefers"),
            (b"Name,cadence\nAnn,weekly\n", 2, "cadence 'weekly'"),
            (b"Name,start\nAnn,23/11/2026\n", 2, "start"),
            (b"Name\nAnn\n\"Bo\nBerg\",x\n", 3, "2 cells"),
            (b"Name\nAnn\n\"Bo\xff\"\n", 3, "UTF-8"),
        ];
        for (file, row, reason) in cases {
            refused_at(file, row, reason);
        }
    }

    #[test]
    fn quote_damage_refuses_the_file_at_its_row() {
        let mut file = String::from("Name,Company\nAnn,Acme\n\"Bo,Beta\n");
        for index in 0..98 {
            file.push_str(&format!("Lead {index},Company {index}\n"));
        }
        let cases = [
            (file.as_str(), 3, "the Name cell and is never closed"),
            (
                "Name,Company\nAnn,5\" Acme\n",
                2,
                "the Company cell holds a quote",
            ),
            (
                "Name,Company\n\"Ann\"son,Acme\n",
                2,
                "closing quote of the Name cell",
            ),
        ];
        for (file, row, reason) in cases {
            refused_at(file.as_bytes(), row, reason);
        }
    }

    #[test]
    fn rows_are_numbered_alike_whatever_the_line_ending() {
        // The csv crate numbered CRLF rows one too low: "row 2" for the third line. `\u{1}`
        // stands for a byte that is not UTF-8.
        let long = "x".repeat(checks::SHORT_TEXT + 1);
        for end in ["\n", "\r\n", "\r"] {
            let cases = [
                (format!("Name,Phone{end}Ann,1{end},555{end}"), 3, "no name"),
                (
                    format!("Name{end}Ann{end}Bo{end}{long}{end}"),
                    4,
                    "501 characters",
                ),
                (
                    format!("Name,Phone{end}{end}Ann,1{end}{end},5{end}"),
                    5,
                    "no name",
                ),
                (
                    format!("Name{end}Ann{end}\"Bo{end}Berg\",x{end}"),
                    3,
                    "2 cells",
                ),
                (format!("Name{end}Ann{end}\"Bo\u{1}\"{end}"), 3, "UTF-8"),
            ];
            for (file, row, reason) in cases {
                let bytes: Vec<u8> = file
                    .bytes()
                    .map(|byte| if byte == 1 { 0xff } else { byte })
                    .collect();
                refused_at(&bytes, row, reason);
            }
        }
    }

    #[test]
    fn a_value_longer_than_any_name_is_refused_with_its_row() {
        let long_name = format!("Name\nAnn\n{}\n", "x".repeat(checks::SHORT_TEXT + 1));
        let long_cell = format!("Name,Notes\nAnn,{}\n", "y".repeat(LONG_TEXT + 1));
        let long_header = format!("Name,{}\nAnn,1\n", "z".repeat(LONG_TEXT + 1));
        for (file, row, reason) in [
            (long_name, 3, "name is 501 characters long"),
            (long_cell, 2, "the Notes cell is 20001 characters long"),
            (long_header, 1, "the header of column 2"),
        ] {
            refused_at(file.as_bytes(), row, reason);
        }
    }

    #[test]
    fn an_empty_file_is_refused() {
        assert!(matches!(
            read(b"\xEF\xBB\xBF\n", &options()),
            Err(TransferError::Header(_))
        ));
    }

    proptest::proptest! {
        /// No file, however mangled, makes the reader panic: it reads or names a row.
        #[test]
        fn any_bytes_are_read_or_refused(
            body in proptest::collection::vec(
                proptest::sample::select(vec![
                    b'a', b'Z', b'1', b',', b';', b'\t', b'"', b'\'', b'=', b'-', b' ', b'\n',
                    b'\r', 0xff, 0xc3, 0xa9, 0xef, 0xbb, 0xbf,
                ]),
                0..300,
            ),
            header in proptest::sample::select(vec!["", "Name,Phone,start,prefers,cadence\n", "Name;Email\n"]),
        ) {
            let mut bytes = header.as_bytes().to_vec();
            bytes.extend(body);
            if let Ok(batch) = read(&bytes, &options()) {
                for incoming in &batch.prospects {
                    proptest::prop_assert!(!incoming.prospect.contact.name.is_empty());
                }
            }
        }
    }
}
