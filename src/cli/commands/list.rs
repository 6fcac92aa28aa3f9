//! `list`: every prospect in a status with its next action, or (`--drip`) the lost deals on
//! the drip with their next drip touch. The JSON is written element by element as the merged
//! scan reads the book; the table a piece of compact rows at a time.

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
        _ if args.drip => Some(Status::Closed),
        StatusFilter::Active => Some(Status::Active),
        StatusFilter::Closed => Some(Status::Closed),
        StatusFilter::All => None,
    };
    // Every prospect, or only those on the drip.
    let wanted = |on_drip: bool| !args.drip || on_drip;
    let width = session.width;
    let mut tracker = session.tracker()?;
    let now = tracker.now();
    let mut stdout = Stream::stdout();
    if !args.json {
        let largest_id = tracker.store().reader().largest_id()?.unwrap_or(0);
        let mut table = listing::Streamed::new(width, largest_id);
        // What a table shows of each next action: no message.
        tracker.each_line(status, |line, next, config| {
            if !wanted(line.drip) {
                return Ok(());
            }
            match table.push(ListRow::new(line, next, config)) {
                Some(piece) => stdout.put(&piece),
                None => Ok(()),
            }
        })?;
        if args.drip && table.is_empty() {
            return Ok(listing::NOBODY_ON_THE_DRIP.to_string());
        }
        stdout.put(&table.finish())?;
        stdout.finish()?;
        return Ok(String::new());
    }
    let mut array = ArrayWriter::new(0);
    stdout.put(array.open())?;
    tracker.each_listed(status, |prospect, next| {
        if !wanted(prospect.closed.as_ref().is_some_and(|closure| closure.drip)) {
            return Ok(());
        }
        let entry = ListEntry {
            prospect: ProspectView::from(&prospect).with_next(next.as_ref()),
            next: next
                .as_ref()
                .map(|due| ActionView::new(due, tracker.config_for(&due.prospect), now)),
        };
        stdout.put(&array.element(&entry))
    })?;
    stdout.put(&array.close())?;
    stdout.put("\n")?;
    stdout.finish()?;
    Ok(String::new())
}
