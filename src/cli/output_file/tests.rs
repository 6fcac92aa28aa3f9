//! The failures an integration test cannot cause on demand: a write that fails halfway (a
//! full disk) and a rename that fails.

use std::path::Path;

use super::*;

const KEEP: Existing = Existing::Refuse("give a new file name");

fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_write_that_fails_halfway_leaves_the_old_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("export.csv");
    std::fs::write(&target, "the old export").unwrap();
    let file = OutputFile::check(&target, &dir.path().join("db"), Existing::Replace).unwrap();
    let result = file.write_with(|temporary, _| {
        temporary.write_all(b"half of the new").unwrap();
        Err(Error::Write {
            path: target.clone(),
            source: std::io::Error::from(std::io::ErrorKind::StorageFull),
        })
    });
    assert!(result.is_err());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "the old export");
    assert_eq!(files_in(dir.path()), ["export.csv"]);
}

#[test]
fn a_rename_that_fails_removes_the_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("later-a-folder");
    let file = OutputFile::check(&target, &dir.path().join("db"), Existing::Replace).unwrap();
    // Between the check and the rename, the name becomes a folder that is not empty.
    std::fs::create_dir(&target).unwrap();
    std::fs::write(target.join("inside"), "x").unwrap();
    let error = file.write("text").unwrap_err();
    assert_eq!(error.exit_code(), 1, "{error}");
    assert_eq!(files_in(dir.path()), ["later-a-folder"]);
}

#[test]
fn a_file_that_appears_after_the_check_is_not_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("backup.db");
    let file = OutputFile::check(&target, &dir.path().join("db"), KEEP).unwrap();
    std::fs::write(&target, "someone else's").unwrap();
    let error = file.write("mine").unwrap_err();
    assert!(error.to_string().contains("already exists"), "{error}");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "someone else's");
    assert_eq!(files_in(dir.path()), ["backup.db"]);
}

#[test]
fn the_database_is_found_through_links_and_dots() {
    let dir = tempfile::tempdir().unwrap();
    let database = dir.path().join("book.db");
    std::fs::write(&database, "a database").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&database, dir.path().join("link.db")).unwrap();
    let refused = |path: &Path| {
        OutputFile::check(path, &database, Existing::Replace)
            .unwrap_err()
            .to_string()
    };
    assert!(refused(&dir.path().join("sub/../book.db")).contains("the database itself"));
    assert!(refused(&dir.path().join("book.db-wal")).contains("write-ahead log"));
    assert!(refused(&dir.path().join("sub/../book.db-journal")).contains("journal"));
    #[cfg(unix)]
    assert!(refused(&dir.path().join("link.db")).contains("the database itself"));
    // Named through a link too: the database given as the link finds the file itself.
    #[cfg(unix)]
    assert!(OutputFile::check(&database, &dir.path().join("link.db"), Existing::Replace).is_err());
}

#[cfg(unix)]
#[test]
fn links_are_followed_to_the_end_and_loops_refused() {
    let dir = tempfile::tempdir().unwrap();
    let one = dir.path().join("one");
    let two = dir.path().join("two");
    std::os::unix::fs::symlink("two", &one).unwrap();
    std::os::unix::fs::symlink("one", &two).unwrap();
    let error = OutputFile::check(&one, &dir.path().join("db"), Existing::Replace).unwrap_err();
    assert!(error.to_string().contains("symbolic links"), "{error}");
}
