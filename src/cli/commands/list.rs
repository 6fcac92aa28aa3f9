//! `list`: every prospect in a status with its next action. The JSON is written element by
//! element as the merged scan reads the book; the table keeps only its compact rows.

use crate::cli::args::{ListArgs, StatusFilter};
use crate::cli::output::Stream;
use crate::cli::session::Session;
use crate::domain::Status;
use crate::error::Result;
use crate::render::dossier::ProspectView;
use crate::render::json::ArrayWriter;
use crate::render::listing::{self, ListEntry, ListRow};
use crate::render::view::ActionView;

pub fn run(args: ListArgs, session: Session) -> Result<String> {
    let status = match args.status {
        StatusFilter::Active => Some(Status::Active),
        StatusFilter::Closed => Some(Status::Closed),
        StatusFilter::All => None,
    };
    let width = session.width;
    let tracker = session.tracker()?;
    let (config, now) = (tracker.config(), tracker.now());
    if !args.json {
        let mut rows = Vec::new();
        tracker.each_listed(status, |prospect, next| {
            rows.push(ListRow::new(&prospect, next.as_ref(), config));
            Ok(())
        })?;
        return Ok(listing::render(&rows, width));
    }
    let mut stdout = Stream::stdout();
    let mut array = ArrayWriter::new(0);
    stdout.put(array.open())?;
    tracker.each_listed(status, |prospect, next| {
        let entry = ListEntry {
            prospect: ProspectView::from(&prospect),
            next: next.as_ref().map(|due| ActionView::new(due, config, now)),
        };
        stdout.put(&array.element(&entry))
    })?;
    stdout.put(&array.close())?;
    stdout.put("\n")?;
    stdout.finish()?;
    Ok(String::new())
}
