//! `reassign --from REP --to REP`: every file of a rep who leaves, open and closed, to
//! another rep, in one transaction.

use serde::Serialize;

use crate::cli::args::ReassignArgs;
use crate::cli::session::Session;
use crate::error::Result;
use crate::render::sanitize::clean;
use crate::render::{json, plural};

#[derive(Serialize)]
struct ReassignedView<'a> {
    from: &'a str,
    to: &'a str,
    /// How many files moved, open and closed.
    moved: usize,
    open: usize,
    ids: &'a [i64],
}

pub fn run(args: ReassignArgs, session: Session) -> Result<String> {
    let mut tracker = session.tracker()?;
    let done = tracker.reassign(&args.from, &args.to)?;
    if args.json {
        return Ok(json::to_string(&ReassignedView {
            from: &done.from.email,
            to: &done.to.email,
            moved: done.ids.len(),
            open: done.open,
            ids: &done.ids,
        }));
    }
    let from = clean(&done.from.name);
    let to = format!("{} ({})", clean(&done.to.name), clean(&done.to.email));
    if done.ids.is_empty() {
        return Ok(format!("{from} holds no file; nothing changed.\n"));
    }
    Ok(format!(
        "Moved {} from {from} to {to}: {} open, {} closed.\n",
        plural(done.ids.len() as i64, "file"),
        done.open,
        done.ids.len() - done.open
    ))
}
