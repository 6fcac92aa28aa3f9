//! `list`: every prospect in a status with its next action, or (`--drip`) the lost deals on
//! the drip with their next drip touch. The JSON is written element by element as the merged
//! scan reads the book; the table keeps only its compact rows.

use crate::cli::args::{ListArgs, StatusFilter};
use crate::cli::output::Stream;
use crate::cli::session::Session;
use crate::domain::{Prospect, Status};
use crate::error::Result;
use crate::render::dossier::ProspectView;
use crate::render::json::ArrayWriter;
use crate::render::listing::{self, ListEntry, ListRow};
use crate::render::view::ActionView;

pub fn run(args: ListArgs, session: Session) -> Result<String> {
    let status = match args.status {
        _ if args.drip => Some(Status::Closed),
        StatusFilter::Active => Some(Status::Active),
        StatusFilter::Closed => Some(Status::Closed),
        StatusFilter::All => None,
    };
    // Every prospect, or only those on the drip.
    let wanted = |prospect: &Prospect| {
        !args.drip || prospect.closed.as_ref().is_some_and(|closure| closure.drip)
    };
    let width = session.width;
    let tracker = session.tracker()?;
    let (config, now) = (tracker.config(), tracker.now());
    if !args.json {
        let mut rows = Vec::new();
        tracker.each_listed(status, |prospect, next| {
            if wanted(&prospect) {
                rows.push(ListRow::new(&prospect, next.as_ref(), config));
            }
            Ok(())
        })?;
        if args.drip && rows.is_empty() {
            return Ok(listing::NOBODY_ON_THE_DRIP.to_string());
        }
        return Ok(listing::render(&rows, width));
    }
    let mut stdout = Stream::stdout();
    let mut array = ArrayWriter::new(0);
    stdout.put(array.open())?;
    tracker.each_listed(status, |prospect, next| {
        if !wanted(&prospect) {
            return Ok(());
        }
        let entry = ListEntry {
            prospect: ProspectView::from(&prospect).with_next(next.as_ref()),
            next: next.as_ref().map(|due| ActionView::new(due, config, now)),
        };
        stdout.put(&array.element(&entry))
    })?;
    stdout.put(&array.close())?;
    stdout.put("\n")?;
    stdout.finish()?;
    Ok(String::new())
}
