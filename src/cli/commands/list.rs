use crate::cli::args::{ListArgs, StatusFilter};
use crate::cli::session::Session;
use crate::domain::Status;
use crate::error::Result;
use crate::render::dossier::ProspectView;
use crate::render::json;
use crate::render::listing::{self, ListEntry};
use crate::render::view::ActionView;

pub fn run(args: ListArgs, session: Session) -> Result<String> {
    let status = match args.status {
        StatusFilter::Active => Some(Status::Active),
        StatusFilter::Closed => Some(Status::Closed),
        StatusFilter::All => None,
    };
    let width = session.width;
    let tracker = session.tracker()?;
    let entries: Vec<ListEntry> = tracker
        .list(status)?
        .iter()
        .map(|(prospect, action)| ListEntry {
            prospect: ProspectView::from(prospect),
            next: action
                .as_ref()
                .map(|due| ActionView::new(due, tracker.config(), tracker.now())),
        })
        .collect();
    Ok(if args.json {
        json::to_string(&entries)
    } else {
        listing::render(&entries, width)
    })
}
