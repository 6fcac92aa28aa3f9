use crate::cli::args::BackupArgs;
use crate::cli::session::Session;
use crate::error::{Error, Result};

pub fn run(args: BackupArgs, session: Session) -> Result<String> {
    // Refusing to overwrite keeps an older backup from being lost to a typo.
    if args.file.exists() {
        return Err(Error::Invalid(format!(
            "{} already exists; give a new file name for the backup",
            args.file.display()
        )));
    }
    // Nor is a folder made for it: a mistyped folder would hide the backup where no one looks.
    if let Some(folder) = args
        .file
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        && !folder.is_dir()
    {
        return Err(Error::Write {
            path: args.file.clone(),
            source: std::io::Error::new(
                std::io::ErrorKind::NotFound,
                format!("the folder {} does not exist", folder.display()),
            ),
        });
    }
    let tracker = session.tracker()?;
    tracker.store().backup_to(&args.file)?;
    Ok(format!(
        "Backed up {} to {}.\n",
        tracker.store().path().display(),
        args.file.display()
    ))
}
