//! `export`: the book as CSV or JSON, written prospect by prospect as the merged scan reads
//! them, to standard output or to a file put in place once complete.

use std::io::Write;

use crate::cli::args::{ExportArgs, Format, StatusFilter};
use crate::cli::output::Stream;
use crate::cli::output_file::{Existing, OutputFile};
use crate::cli::session::Session;
use crate::domain::Status;
use crate::error::{Error, Result};
use crate::render::plural;
use crate::tracker::{Tracker, ValueSelection};
use crate::transfer::{Exported, archive, csv_out};

pub fn run(args: ExportArgs, session: Session) -> Result<String> {
    let status = match args.status {
        StatusFilter::Active => Some(Status::Active),
        StatusFilter::Closed => Some(Status::Closed),
        StatusFilter::All => None,
    };
    // Checked before anything is read, so that a refused file costs nothing.
    let existing = if args.force {
        Existing::Replace
    } else {
        Existing::Refuse("add --force to replace it, or give a new file name")
    };
    let output = args
        .output
        .as_deref()
        .map(|path| OutputFile::check(path, &session.db_path()?, existing))
        .transpose()?;
    let tracker = session.tracker()?;
    match output {
        None => {
            let mut stdout = Stream::stdout();
            write(&tracker, status, args.format, |text| stdout.put(text))?;
            stdout.finish()?;
            Ok(String::new())
        }
        Some(file) => {
            let mut count = 0;
            file.write_with(|handle, _| {
                let failed = |source| Error::Write {
                    path: file.given().to_path_buf(),
                    source,
                };
                let mut buffered = std::io::BufWriter::with_capacity(64 * 1024, &mut *handle);
                count = write(&tracker, status, args.format, |text| {
                    buffered.write_all(text.as_bytes()).map_err(failed)
                })?;
                buffered.flush().map_err(failed)?;
                drop(buffered);
                handle.sync_all().map_err(failed)
            })?;
            Ok(format!(
                "Exported {} to {}.\n",
                plural(count as i64, "prospect"),
                file.shown()
            ))
        }
    }
}

/// Writes the export through `out`, one prospect at a time; returns how many were written.
fn write(
    tracker: &Tracker,
    status: Option<Status>,
    format: Format,
    mut out: impl FnMut(&str) -> Result<()>,
) -> Result<usize> {
    let mut count = 0;
    match format {
        Format::Csv => {
            out(&csv_out::header())?;
            tracker.each_exported(status, |record: Exported| {
                count += 1;
                out(&csv_out::line(&record))
            })?;
        }
        Format::Json => {
            let items = tracker.value_items(&ValueSelection::All, true)?;
            let (mut archive, head) = archive::Streamed::head(tracker.now(), &items);
            out(&head)?;
            tracker.each_exported(status, |record: Exported| {
                count += 1;
                out(&archive.prospect(&record))
            })?;
            out(&archive.tail())?;
        }
    }
    Ok(count)
}
