use crate::cli::args::ShowArgs;
use crate::cli::session::Session;
use crate::cli::signature;
use crate::error::Result;
use crate::render::dossier::{self, DossierView};
use crate::render::json;

pub fn run(args: ShowArgs, session: Session) -> Result<String> {
    let width = session.width;
    let warnings = session.warnings();
    let tracker = session.tracker()?;
    let id = tracker.resolve(&args.prospect)?;
    warnings.extend(signature::warning(tracker.config()));
    let view = DossierView::new(&tracker.dossier(id)?, tracker.config(), tracker.now());
    Ok(if args.json {
        json::to_string(&view)
    } else {
        dossier::render(&view, width)
    })
}
