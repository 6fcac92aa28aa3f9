use crate::cli::args::{ExportArgs, Format, StatusFilter};
use crate::cli::output_file::{Existing, OutputFile};
use crate::cli::session::Session;
use crate::domain::Status;
use crate::error::Result;
use crate::render::plural;
use crate::transfer::{archive, csv_out};

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
    let records = tracker.export(status)?;
    let text = match args.format {
        Format::Csv => csv_out::write(&records),
        Format::Json => archive::write(&records, tracker.now()),
    };
    match output {
        None => Ok(text),
        Some(file) => {
            file.write(&text)?;
            Ok(format!(
                "Exported {} to {}.\n",
                plural(records.len() as i64, "prospect"),
                file.shown()
            ))
        }
    }
}
