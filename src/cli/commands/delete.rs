use crate::cli::args::DeleteArgs;
use crate::cli::confirm::confirm;
use crate::cli::session::Session;
use crate::error::Result;
use crate::render::sanitize::clean;

pub fn run(args: DeleteArgs, session: Session) -> Result<String> {
    let mut tracker = session.tracker()?;
    // Deleting is for good: where several files match, say so rather than prefer one.
    let id = tracker.resolve_preferring(&args.prospect, None)?;
    let dossier = tracker.dossier(id)?;
    let name = clean(&dossier.prospect.contact.name);
    let history = match dossier.attempts.len() {
        1 => "its 1 logged attempt".to_string(),
        count => format!("its {count} logged attempts"),
    };
    let what = format!("delete prospect {id} ({name}) and {history}, for good");
    if !confirm(&what, args.yes)? {
        return Ok("Nothing was deleted.\n".to_string());
    }
    tracker.delete(id)?;
    Ok(format!("Deleted prospect {id} ({name}) and {history}.\n"))
}
