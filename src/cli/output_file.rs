//! Writing an output file safely: the one way `export`, `agenda` and `backup` put a file on
//! disk.
//!
//! - The database and the files SQLite keeps beside it (`-wal`, `-shm`, `-journal`) are
//!   never a target: an export over the database once replaced a whole book with CSV. Paths
//!   are compared after following symbolic links and `..`, as the system will.
//! - The file is written to a temporary file in the target's folder and renamed over the
//!   target only once complete: a full disk or a failed backup leaves no truncated file
//!   behind, and whatever was there before stays intact.
//! - A file that exists is replaced only when the command allows it (`export --force`,
//!   `agenda`); otherwise the rename itself refuses, so no other program can slip a file in
//!   between the check and the write.
//! - A symbolic link is written through: its target is replaced (atomically, in the target's
//!   folder) and the link stays. A dangling link makes its target, private like any new file.
//! - Files are created readable and writable by their owner only: they hold people's contact
//!   details.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// What a command does with a file that exists already.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Refuse, with the words that say how to proceed (`add --force`...).
    Refuse(&'static str),
    /// Replace it, as `> FILE` would.
    Replace,
    /// Replace it only when it is empty or already holds this kind of file (its text starts
    /// with `starts_with`), as a calendar feed refreshed every morning does; anything else is
    /// refused naming `kind`: a mistyped name must not cost the user another file.
    ReplaceOwn {
        starts_with: &'static str,
        kind: &'static str,
    },
}

/// The suffixes of the files SQLite keeps beside a database, and deletes or reads as its own.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Symbolic links followed before giving up, as the system's own limit does.
const MAX_LINKS: usize = 40;

/// A checked place to write one file.
#[derive(Debug)]
pub struct OutputFile {
    /// As the user typed it, for messages.
    given: PathBuf,
    /// The real file the rename replaces: links followed, folder canonical.
    target: PathBuf,
    existing: Existing,
}

impl OutputFile {
    /// Checks that `given` may be written while `database` is open: not the database or one of
    /// its companions, not a folder, in a folder that exists, and not an existing file unless
    /// `existing` allows it.
    pub fn check(given: &Path, database: &Path, existing: Existing) -> Result<OutputFile> {
        let failed = |source| Error::Write {
            path: given.to_path_buf(),
            source,
        };
        if given.is_dir() {
            return Err(Error::Invalid(format!(
                "{} is a folder; give the name of a file to write",
                shown(given)
            )));
        }
        let target = resolve(given).map_err(failed)?;
        if let Some(what) = database_file(&target, database) {
            return Err(Error::Invalid(format!(
                "{} is {what}; writing there would destroy your prospects: choose another file",
                shown(given)
            )));
        }
        if let Existing::Refuse(advice) = existing
            && std::fs::symlink_metadata(&target).is_ok()
        {
            return Err(Error::Invalid(format!(
                "{} already exists; {advice}",
                shown(given)
            )));
        }
        if let Existing::ReplaceOwn { starts_with, kind } = existing
            && !empty_or_starting_with(&target, starts_with)
        {
            return Err(Error::Invalid(format!(
                "{} already exists and is not {kind}; followup replaces only {kind} it could \
                 have written: choose another file name, or remove that file first",
                shown(given)
            )));
        }
        Ok(OutputFile {
            given: given.to_path_buf(),
            target,
            existing,
        })
    }

    /// Refuses, beyond [`OutputFile::check`], any name that ends the way SQLite names the
    /// files beside a database: a database written there would be deleted or misread by
    /// SQLite when the database it seems to belong to is opened.
    pub fn refuse_companion_names(self) -> Result<OutputFile> {
        let name = self
            .target
            .file_name()
            .map(|name| name.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match COMPANIONS.iter().find(|suffix| name.ends_with(*suffix)) {
            Some(suffix) => Err(Error::Invalid(format!(
                "{} ends in {suffix}, a name SQLite gives its own files beside a database and \
                 may delete: choose a name without it, such as one ending in .db",
                shown(&self.given)
            ))),
            None => Ok(self),
        }
    }

    /// The path as the user gave it, for a success message: bounded, and with no control
    /// characters even when the message goes to a file.
    pub fn shown(&self) -> String {
        crate::render::sanitize::clean(&shown(&self.given)).into_owned()
    }

    /// The path as the user gave it, for errors (which the edge makes safe to show).
    pub fn given(&self) -> &Path {
        &self.given
    }

    /// Writes `text` to the file.
    pub fn write(&self, text: &str) -> Result<()> {
        self.write_with(|file, _| {
            file.write_all(text.as_bytes())
                .and_then(|()| file.sync_all())
                .map_err(|source| self.failed(source))
        })
    }

    /// Lets `fill` write the whole file, through the open temporary file or its path (SQLite's
    /// backup opens the path itself), then puts it in place. If `fill` fails, the temporary
    /// file is removed and the target left as it was.
    pub fn write_with(
        &self,
        fill: impl FnOnce(&mut std::fs::File, &Path) -> Result<()>,
    ) -> Result<()> {
        let folder = folder_of(&self.target);
        // tempfile creates the file with mode 0600 on Unix.
        let mut temporary = tempfile::Builder::new()
            .prefix(".followup-")
            .suffix(".tmp")
            .tempfile_in(folder)
            .map_err(|source| self.failed(source))?;
        let path = temporary.path().to_path_buf();
        fill(temporary.as_file_mut(), &path)?;
        let placed = match self.existing {
            Existing::Replace | Existing::ReplaceOwn { .. } => temporary.persist(&self.target),
            Existing::Refuse(_) => temporary.persist_noclobber(&self.target),
        };
        match placed {
            Ok(_) => {
                sync_folder(folder);
                Ok(())
            }
            // The temporary file goes with the error.
            Err(error) if error.error.kind() == std::io::ErrorKind::AlreadyExists => {
                Err(Error::Invalid(format!(
                    "{} already exists; {}",
                    shown(&self.given),
                    match self.existing {
                        Existing::Refuse(advice) => advice,
                        Existing::Replace | Existing::ReplaceOwn { .. } => "give a new file name",
                    }
                )))
            }
            Err(error) => Err(self.failed(error.error)),
        }
    }

    fn failed(&self, source: std::io::Error) -> Error {
        Error::Write {
            path: self.given.clone(),
            source,
        }
    }
}

/// `target` does not exist, is empty, or its text starts with `marker`. A file that cannot be
/// read is not ours to replace.
fn empty_or_starting_with(target: &Path, marker: &str) -> bool {
    use std::io::Read;
    let Ok(file) = std::fs::File::open(target) else {
        return std::fs::symlink_metadata(target).is_err();
    };
    let mut start = Vec::with_capacity(marker.len());
    match file.take(marker.len() as u64).read_to_end(&mut start) {
        Ok(0) => true,
        Ok(_) => start == marker.as_bytes(),
        Err(_) => false,
    }
}

/// A path for a message, of a bounded length (the edge escapes control characters).
fn shown(path: &Path) -> String {
    crate::quote::path(path)
}

/// What `target` is to the database at `database`, if it is the database or a companion.
fn database_file(target: &Path, database: &Path) -> Option<String> {
    let database = resolve(database).unwrap_or_else(|_| database.to_path_buf());
    let named = |suffix: &str| {
        let mut name = database.clone().into_os_string();
        name.push(suffix);
        PathBuf::from(name)
    };
    let describe = |suffix: &str| match suffix {
        "" => "the database itself".to_string(),
        "-wal" => "the database's write-ahead log".to_string(),
        "-shm" => "the database's shared-memory file".to_string(),
        _ => "the database's journal".to_string(),
    };
    ["", COMPANIONS[0], COMPANIONS[1], COMPANIONS[2]]
        .into_iter()
        .find(|suffix| {
            let file = named(suffix);
            *target == file || same_file(target, &file)
        })
        .map(describe)
}

/// Both paths name one existing file (a second mount of the folder, a case-insensitive
/// file system).
fn same_file(one: &Path, other: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(one), std::fs::metadata(other)) {
            (Ok(one), Ok(other)) => one.dev() == other.dev() && one.ino() == other.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = (one, other);
        false
    }
}

/// The file a write to `path` lands in: symbolic links followed (a dangling one to the file
/// it names), then the folder made canonical, since the file itself may not exist yet.
fn resolve(path: &Path) -> std::io::Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = std::fs::read_link(&path)?;
                // A relative link is read from the folder that holds it.
                path = folder_of(&path).join(link);
            }
            _ => return canonical_folder(&path),
        }
    }
    Err(std::io::Error::other("too many levels of symbolic links"))
}

fn canonical_folder(path: &Path) -> std::io::Result<PathBuf> {
    let Some(name) = path.file_name() else {
        // `..` or `/`: a folder, which the caller refuses.
        return std::fs::canonicalize(path);
    };
    let folder = folder_of(path);
    match std::fs::canonicalize(folder) {
        Ok(folder) if folder.is_dir() => Ok(folder.join(name)),
        Ok(_) => Err(std::io::Error::new(
            std::io::ErrorKind::NotADirectory,
            format!("{} is not a folder", folder.display()),
        )),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("the folder {} does not exist", folder.display()),
        )),
        Err(error) => Err(error),
    }
}

/// The folder that holds `path`: `.` for a bare file name.
fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Makes the rename itself durable. Best effort: some systems cannot open a folder to sync.
fn sync_folder(folder: &Path) {
    #[cfg(unix)]
    if let Ok(handle) = std::fs::File::open(folder) {
        let _ = handle.sync_all();
    }
    #[cfg(not(unix))]
    let _ = folder;
}

#[cfg(test)]
mod tests;
