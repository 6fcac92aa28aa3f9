use crate::cli::args::{ExportArgs, Format, StatusFilter};
use crate::cli::output;
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
    let tracker = session.tracker()?;
    let records = tracker.export(status)?;
    let text = match args.format {
        Format::Csv => csv_out::write(&records),
        Format::Json => archive::write(&records, tracker.now()),
    };
    match args.output {
        None => Ok(text),
        Some(path) => {
            output::write_file(&path, &text)?;
            Ok(format!(
                "Exported {} to {}.\n",
                plural(records.len() as i64, "prospect"),
                path.display()
            ))
        }
    }
}
