use std::io::{IsTerminal, Read};
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::args::{Format, ImportArgs};
use crate::cli::session::Session;
use crate::config::DEFAULT_CADENCE;
use crate::error::{Error, Result};
use crate::input_file::{self, Kind, ReadError};
use crate::render::import_report;
use crate::transfer::csv_in::{CsvOptions, CsvRows};
use crate::transfer::survey::Survey;
use crate::transfer::{Mapping, Source, archive};

pub fn run(args: ImportArgs, session: Session) -> Result<String> {
    let mappings = args
        .maps
        .iter()
        .map(|text| Mapping::parse(text))
        .collect::<std::result::Result<Vec<_>, _>>()?;
    let format = args.format.unwrap_or_else(|| format_of(&args.file));
    if format == Format::Json && (!mappings.is_empty() || args.keep_unknown) {
        return Err(Error::Invalid(
            "--map and --keep-unknown apply to CSV files; a JSON export has no columns".into(),
        ));
    }
    let name = args.file.display().to_string();
    let cadences: Vec<String> = session
        .config
        .cadence_names()
        .into_iter()
        .map(String::from)
        .collect();
    let transfer = |source| Error::Transfer {
        file: name.clone(),
        source,
    };
    // A CSV file is read twice as it is stored (see transfer::survey), never held whole;
    // standard input and a JSON backup are read into memory first.
    let opened = match (format, args.file == Path::new("-")) {
        (Format::Csv, false) => Some(
            input_file::open(&args.file, Kind::Import)
                .map_err(|source| read_error(&args.file, source))?,
        ),
        _ => None,
    };
    let bytes = match opened {
        Some(_) => Vec::new(),
        None => read(&args.file)?,
    };
    let mut source: Box<dyn Source + '_> = match format {
        Format::Csv => {
            let options = CsvOptions {
                mappings,
                keep_unknown: args.keep_unknown,
                now: session.now,
                default_cadence: DEFAULT_CADENCE.to_string(),
                cadences,
            };
            let pass = || -> Result<Box<dyn Read + '_>> {
                Ok(match &opened {
                    Some(file) => Box::new(
                        input_file::from_start(file, Kind::Import)
                            .map_err(|source| read_error(&args.file, source.into()))?,
                    ),
                    None => Box::new(bytes.as_slice()),
                })
            };
            let survey =
                Survey::of(pass()?).map_err(|source| read_error(&args.file, source.into()))?;
            input_file::too_large(survey.bytes, Kind::Import)
                .map_err(|source| read_error(&args.file, source))?;
            Box::new(CsvRows::new(&survey, pass()?, options).map_err(transfer)?)
        }
        Format::Json => Box::new(
            archive::read(&bytes, session.now, DEFAULT_CADENCE, &cadences)
                .map_err(transfer)?
                .into_source(),
        ),
    };
    let unknown = source.unknown_columns();
    let warnings = session.warnings();
    let mut tracker = session.tracker()?;
    let bar = progress_bar();
    let report = tracker.import(&mut *source, &name, args.dry_run, &mut |done, of| {
        bar.set_length(of);
        bar.set_position(done);
    });
    bar.finish_and_clear();
    let report = report?;
    if let Some(warning) = import_report::unusable_preferences(&report) {
        warnings.push(warning);
    }
    Ok(import_report::render(&report, &unknown, args.keep_unknown))
}

fn format_of(file: &Path) -> Format {
    match file.extension().and_then(|ext| ext.to_str()) {
        Some(ext) if ext.eq_ignore_ascii_case("json") => Format::Json,
        _ => Format::Csv,
    }
}

fn read_error(path: &Path, source: ReadError) -> Error {
    Error::Read {
        path: path.to_path_buf(),
        source,
    }
}

fn read(file: &Path) -> Result<Vec<u8>> {
    let bytes = if file == Path::new("-") {
        input_file::read_stdin(Kind::Import)
    } else {
        input_file::read(file, Kind::Import)
    };
    bytes.map_err(|source| read_error(file, source))
}

/// A bar on stderr when a person watches it; nothing at all in pipes, scripts and tests.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {percent}% {eta}") {
        bar.set_style(style);
    }
    bar
}
