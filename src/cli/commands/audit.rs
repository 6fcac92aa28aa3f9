//! `followup audit [PROSPECT] [--rep R] [--since D] [--json]`: the changes to the book.

use crate::cli::args::AuditArgs;
use crate::cli::session::Session;
use crate::domain::ProspectId;
use crate::error::Result;
use crate::render::{audit, json};

pub fn run(args: AuditArgs, session: Session) -> Result<String> {
    let since = args
        .since
        .as_deref()
        .map(|text| session.parse_date("--since", text))
        .transpose()?;
    let width = session.width;
    let tracker = session.tracker()?;
    let prospect = match args.prospect.as_deref() {
        None => None,
        // An id names a deleted file too, whose changes the audit keeps.
        Some(text) => match text.trim().parse::<ProspectId>() {
            Ok(id) if tracker.store().reader().prospect(id)?.is_none() => Some(id),
            _ => Some(tracker.resolve_preferring(text, None)?),
        },
    };
    let rows = tracker.audit(prospect, args.rep.as_deref(), since)?;
    Ok(if args.json {
        json::to_string(&rows)
    } else {
        audit::render(&rows, width)
    })
}
