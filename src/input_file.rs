//! Reading the files a user names: the cadence file, holiday calendars, files to import. The
//! one place that opens them, so that each is read with a size limit suited to its kind.
//!
//! A path can name anything: `/dev/zero`, a named pipe, a folder, a log file of gigabytes.
//! Reading it whole would grow memory without bound or wait forever, so only a regular file
//! is opened (a pipe is taken on standard input only), and the limit is checked while
//! reading, not only from the size the file system reports: a file can grow while it is read.

use std::fmt;
use std::fs::FileType;
use std::io::{IsTerminal, Read};
use std::os::fd::AsFd;
use std::os::unix::fs::FileTypeExt;
use std::path::Path;

const KIB: u64 = 1024;
const MIB: u64 = 1024 * KIB;
const GIB: u64 = 1024 * MIB;

/// What a file is read as; each kind has its own limit, far above any real file of the kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// cadence.toml: a few kilobytes of settings and messages. 1 MiB.
    CadenceFile,
    /// An iCalendar file of holidays: a country's calendar for decades is about a megabyte.
    /// 16 MiB.
    Calendar,
    /// A CSV or JSON file to import: a million prospects with every column, or a backup with
    /// their histories. 1 GiB.
    Import,
    /// A one-line system setting such as /etc/timezone. 4 KiB.
    Setting,
}

impl Kind {
    /// The most bytes a file of this kind may hold.
    pub const fn limit(self) -> u64 {
        match self {
            Kind::CadenceFile => MIB,
            Kind::Calendar => 16 * MIB,
            Kind::Import => GIB,
            Kind::Setting => 4 * KIB,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Kind::CadenceFile => "a cadence file",
            Kind::Calendar => "a holiday calendar",
            Kind::Import => "a file to import",
            Kind::Setting => "a setting",
        }
    }
}

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Missing, no permission, or the read failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A folder, a device, a pipe or a socket: nothing with an end to read to.
    #[error("it is {0}, not a file")]
    NotAFile(&'static str),
    /// More bytes than a file of its kind can sensibly hold.
    #[error("it holds more than {}, the most {} may hold; is it the right file?", size(kind.limit()), kind.describe())]
    TooLarge { kind: Kind },
}

impl ReadError {
    /// A file too large is the user's input at fault; the others are the file system's.
    pub fn is_bad_input(&self) -> bool {
        matches!(self, ReadError::TooLarge { .. })
    }
}

/// Reads a whole file of `kind`, refusing anything but a regular file and any file over the
/// kind's limit.
pub fn read(path: &Path, kind: Kind) -> Result<Vec<u8>, ReadError> {
    // Checked before opening: opening a named pipe waits for a writer, maybe forever.
    let metadata = std::fs::metadata(path)?;
    check_type(metadata.file_type())?;
    if metadata.len() > kind.limit() {
        return Err(ReadError::TooLarge { kind });
    }
    let file = std::fs::File::open(path)?;
    // The path may have been replaced between the two looks; the open file is what is read.
    check_type(file.metadata()?.file_type())?;
    read_bounded(file, kind)
}

/// Opens a file of `kind` to be read in pieces, as often as needed (see [`from_start`]),
/// refusing what [`read`] refuses before reading anything: a file too large by its size, or
/// anything but a regular file.
pub fn open(path: &Path, kind: Kind) -> Result<std::fs::File, ReadError> {
    let metadata = std::fs::metadata(path)?;
    check_type(metadata.file_type())?;
    if metadata.len() > kind.limit() {
        return Err(ReadError::TooLarge { kind });
    }
    let file = std::fs::File::open(path)?;
    check_type(file.metadata()?.file_type())?;
    Ok(file)
}

/// `file` from its first byte, at most one byte past the limit of `kind`: the caller counts
/// what it reads and refuses a file that grew past the limit with [`too_large`].
pub fn from_start(file: &std::fs::File, kind: Kind) -> std::io::Result<impl Read + '_> {
    let mut file = file;
    std::io::Seek::seek(&mut file, std::io::SeekFrom::Start(0))?;
    Ok(file.take(kind.limit() + 1))
}

/// The refusal of a file of `kind` found to hold `bytes` while it was read, if too many.
pub fn too_large(bytes: u64, kind: Kind) -> Result<(), ReadError> {
    if bytes > kind.limit() {
        return Err(ReadError::TooLarge { kind });
    }
    Ok(())
}

/// Reads standard input, as `import -` does: a pipe, a redirected file or what is typed,
/// within the limit. A device redirected to it (`< /dev/zero`) is refused unread.
pub fn read_stdin(kind: Kind) -> Result<Vec<u8>, ReadError> {
    let stdin = std::io::stdin();
    if !stdin.is_terminal() {
        let file = std::fs::File::from(stdin.as_fd().try_clone_to_owned()?);
        let metadata = file.metadata()?;
        let file_type = metadata.file_type();
        if !file_type.is_fifo() && !file_type.is_socket() {
            check_type(file_type)?;
            if metadata.len() > kind.limit() {
                return Err(ReadError::TooLarge { kind });
            }
        }
    }
    read_bounded(stdin.lock(), kind)
}

/// Reads at most one byte more than the limit, so that a larger input is known to be larger
/// without reading it all.
pub fn read_bounded(reader: impl Read, kind: Kind) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::new();
    reader.take(kind.limit() + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > kind.limit() {
        return Err(ReadError::TooLarge { kind });
    }
    Ok(bytes)
}

fn check_type(file_type: FileType) -> Result<(), ReadError> {
    let what = if file_type.is_file() {
        return Ok(());
    } else if file_type.is_dir() {
        "a folder"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else if file_type.is_fifo() {
        "a named pipe"
    } else if file_type.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    };
    Err(ReadError::NotAFile(what))
}

/// A size in words: "1 MiB", "16 MiB", "1 GiB", "4 KiB".
fn size(bytes: u64) -> impl fmt::Display {
    let (value, unit) = if bytes >= GIB {
        (bytes / GIB, "GiB")
    } else if bytes >= MIB {
        (bytes / MIB, "MiB")
    } else {
        (bytes / KIB, "KiB")
    };
    format!("{value} {unit}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_within_its_limit_is_read_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cadence.toml");
        std::fs::write(&path, "[cadence.standard]\n").unwrap();
        assert_eq!(
            read(&path, Kind::CadenceFile).unwrap(),
            b"[cadence.standard]\n"
        );
    }

    #[test]
    fn a_file_over_its_limit_is_refused_by_its_size() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.toml");
        let file = std::fs::File::create(&path).unwrap();
        // Sparse: no disk space, but the size the file system reports.
        file.set_len(Kind::CadenceFile.limit() + 1).unwrap();
        let error = read(&path, Kind::CadenceFile).unwrap_err();
        assert!(error.is_bad_input());
        assert!(error.to_string().contains("1 MiB"), "{error}");
    }

    #[test]
    fn a_stream_is_cut_at_the_limit_while_it_is_read() {
        // An endless reader, as /dev/zero is: refused after limit + 1 bytes.
        let endless = std::io::repeat(0);
        let error = read_bounded(endless, Kind::Setting).unwrap_err();
        assert!(matches!(error, ReadError::TooLarge { .. }));
        let exact = std::io::repeat(b'x').take(Kind::Setting.limit());
        assert_eq!(
            read_bounded(exact, Kind::Setting).unwrap().len() as u64,
            Kind::Setting.limit()
        );
    }

    #[test]
    fn devices_folders_and_pipes_are_refused_without_reading() {
        let dir = tempfile::tempdir().unwrap();
        for (path, what) in [
            (Path::new("/dev/zero"), "a device"),
            (Path::new("/dev/urandom"), "a device"),
            (dir.path(), "a folder"),
        ] {
            let error = read(path, Kind::Import).unwrap_err();
            assert!(!error.is_bad_input());
            assert!(error.to_string().contains(what), "{path:?}: {error}");
        }
        let missing = read(&dir.path().join("none"), Kind::Import).unwrap_err();
        assert!(matches!(missing, ReadError::Io(_)));
    }

    #[test]
    fn limits_in_words() {
        assert_eq!(size(Kind::CadenceFile.limit()).to_string(), "1 MiB");
        assert_eq!(size(Kind::Calendar.limit()).to_string(), "16 MiB");
        assert_eq!(size(Kind::Import.limit()).to_string(), "1 GiB");
        assert_eq!(size(Kind::Setting.limit()).to_string(), "4 KiB");
    }
}
