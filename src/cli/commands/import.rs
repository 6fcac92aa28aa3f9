use std::io::{IsTerminal, Read};
use std::path::Path;

use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::args::{Format, ImportArgs};
use crate::cli::session::Session;
use crate::config::DEFAULT_CADENCE;
use crate::error::{Error, Result};
use crate::render::import_report;
use crate::transfer::csv_in::{self, CsvOptions};
use crate::transfer::{Mapping, archive};

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
    let bytes = read(&args.file)?;
    let name = args.file.display().to_string();
    let batch = match format {
        Format::Csv => csv_in::read(
            &bytes,
            &CsvOptions {
                mappings,
                keep_unknown: args.keep_unknown,
                now: session.now,
                default_cadence: DEFAULT_CADENCE.to_string(),
                cadences: session
                    .config
                    .cadence_names()
                    .into_iter()
                    .map(String::from)
                    .collect(),
            },
        ),
        Format::Json => archive::read(&bytes, session.now, DEFAULT_CADENCE),
    }
    .map_err(|source| Error::Transfer { file: name, source })?;
    let unknown = batch.unknown_columns.clone();
    let warnings = session.warnings();
    let mut tracker = session.tracker()?;
    let bar = progress_bar();
    let report = tracker.import(batch, args.dry_run, &mut |done, total| {
        bar.set_length(total as u64);
        bar.set_position(done as u64);
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

fn read(file: &Path) -> Result<Vec<u8>> {
    let failed = |source| Error::Read {
        path: file.to_path_buf(),
        source,
    };
    if file == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(failed)?;
        return Ok(bytes);
    }
    std::fs::read(file).map_err(failed)
}

/// A bar on stderr when a person watches it; nothing at all in pipes, scripts and tests.
fn progress_bar() -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(0);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} prospects {eta}") {
        bar.set_style(style);
    }
    bar
}
