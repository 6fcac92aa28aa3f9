use crate::cli::args::ProspectArg;
use crate::cli::session::Session;
use crate::domain::Status;
use crate::error::Result;
use crate::render::day;
use crate::render::sanitize::clean;

pub fn run(args: ProspectArg, session: Session) -> Result<String> {
    let mut tracker = session.tracker()?;
    let id = tracker.resolve_preferring(&args.prospect, Some(Status::Closed))?;
    let prospect = tracker.reopen(id)?;
    Ok(format!(
        "Reopened prospect {}: {}. A follow-up is due today ({}).\n",
        prospect.id,
        clean(&prospect.contact.name),
        day(tracker.today())
    ))
}
