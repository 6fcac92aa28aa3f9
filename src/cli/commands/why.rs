use crate::cli::args::ShowArgs;
use crate::cli::session::Session;
use crate::error::Result;
use crate::render::why::{self, WhyView};
use crate::render::{Width, capacity, json};
use crate::tracker::Fresh;

pub fn run(args: ShowArgs, session: Session) -> Result<String> {
    let width = session.width;
    // Where the daily capacity puts the prospect reads fresh due dates, kept only if the
    // command succeeds.
    session
        .tracker()?
        .fresh(|tracker| why(args, tracker, width))
}

fn why(args: ShowArgs, tracker: &Fresh<'_>, width: Width) -> Result<String> {
    let id = tracker.resolve(&args.prospect)?;
    let (prospect, mut explanation) = tracker.explain(id)?;
    if let Some(standing) = tracker.capacity_for(id)? {
        explanation.lines.push(capacity::why_line(&standing));
    }
    let view = WhyView::new(&prospect, &explanation);
    Ok(if args.json {
        json::to_string(&view)
    } else {
        why::render(&view, width)
    })
}
