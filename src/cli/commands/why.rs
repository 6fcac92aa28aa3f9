use crate::cli::args::ShowArgs;
use crate::cli::session::Session;
use crate::error::Result;
use crate::render::why::{self, WhyView};
use crate::render::{capacity, json};

pub fn run(args: ShowArgs, session: Session) -> Result<String> {
    let width = session.width;
    let mut tracker = session.tracker()?;
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
