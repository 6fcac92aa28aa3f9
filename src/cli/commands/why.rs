use crate::cli::args::ShowArgs;
use crate::cli::session::Session;
use crate::error::Result;
use crate::render::json;
use crate::render::why::{self, WhyView};

pub fn run(args: ShowArgs, session: Session) -> Result<String> {
    let tracker = session.tracker()?;
    let id = tracker.resolve(&args.prospect)?;
    let (prospect, explanation) = tracker.explain(id)?;
    let view = WhyView::new(&prospect, &explanation);
    Ok(if args.json {
        json::to_string(&view)
    } else {
        why::render(&view)
    })
}
