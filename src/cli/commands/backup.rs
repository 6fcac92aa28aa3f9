use crate::cli::args::BackupArgs;
use crate::cli::output_file::{Existing, OutputFile};
use crate::cli::session::Session;
use crate::error::Result;
use crate::quote;
use crate::render::sanitize::clean;
use crate::store::StoreError;

pub fn run(args: BackupArgs, session: Session) -> Result<String> {
    if session.location()?.is_server() {
        return Err(StoreError::SqliteOnly {
            what: "backup",
            instead: "back up a PostgreSQL database with the server's own tools (pg_dump)",
        }
        .into());
    }
    // Refusing to overwrite keeps an older backup from being lost to a typo; no folder is made
    // for it, since a mistyped folder would hide the backup where no one looks.
    let file = OutputFile::check(
        &args.file,
        &session.db_path()?,
        Existing::Refuse("give a new file name for the backup"),
    )?
    .refuse_companion_names()?;
    let tracker = session.tracker()?;
    // SQLite's online backup fills a temporary file, renamed into place once complete.
    file.write_with(|_, temporary| Ok(tracker.store().backup_to(temporary)?))?;
    Ok(format!(
        "Backed up {} to {}.\n",
        clean(&quote::path(std::path::Path::new(
            &tracker.store().describe()
        ))),
        file.shown()
    ))
}
