//! Files the tool writes (`export`, `agenda`, `backup`) and its standard output: never the
//! database, never half a file, never a file replaced by surprise, always private (issue 11).
//! The refusals themselves are in the bad-input catalogue of tests/errors.rs; a write that
//! fails halfway is tested in src/cli/output_file/tests.rs.

mod common;

use std::path::Path;
use std::process::Stdio;

use common::Followup;

fn book() -> Followup {
    fill(Followup::new())
}

/// The same book in a SQLite file whatever the suite's engine, for tests of the file itself
/// (backups, its companions, its permissions).
fn sqlite_book() -> Followup {
    fill(Followup::sqlite())
}

fn fill(f: Followup) -> Followup {
    f.add("Dana Whitfield", &["--company", "Lakeside Dental"]);
    f.add("Dan Brown", &[]);
    f
}

fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with("followup.db"))
        .collect();
    names.sort();
    names
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn an_export_over_the_database_is_refused_and_the_book_still_opens() {
    let f = sqlite_book();
    let before = f.snapshot();
    let db = f.db().display().to_string();
    f.run(&["export", "--force", "--output", &db])
        .fails(2)
        .stderr_contains("the database itself");
    f.run(&["agenda", "--ics", "--output", &db])
        .fails(2)
        .stderr_contains("the database itself");
    assert_eq!(f.snapshot(), before);
}

#[test]
fn an_export_replaces_a_file_only_with_force_and_keeps_it_private() {
    let f = book();
    let target = f.write("prospects.csv", "my own notes\n");
    f.run(&["export", "--output", "prospects.csv"])
        .fails(2)
        .stderr_contains("--force");
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "my own notes\n");

    f.ok(&["export", "--output", "prospects.csv", "--force"])
        .stdout_contains("Exported 2 prospects to prospects.csv.");
    let written = std::fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("id,name,"), "{written}");
    assert!(written.contains("Dana Whitfield"), "{written}");
    #[cfg(unix)]
    assert_eq!(mode(&target), 0o600);
    // Nothing else is left beside it: the temporary file became the export.
    assert_eq!(files_in(f.dir()), ["prospects.csv"]);
}

#[test]
fn an_agenda_file_is_refreshed_in_place() {
    let f = book();
    f.ok(&["agenda", "--ics", "--output", "followup.ics"]);
    f.ok(&["agenda", "--ics", "--output", "followup.ics"]);
    let feed = std::fs::read_to_string(f.dir().join("followup.ics")).unwrap();
    assert!(feed.starts_with("BEGIN:VCALENDAR"), "{feed}");
    assert_eq!(files_in(f.dir()), ["followup.ics"]);
}

#[test]
fn an_agenda_never_replaces_a_file_that_is_not_its_own() {
    let f = book();
    f.write("notes.txt", "my notes\n");
    f.write("empty.ics", "");
    let before = f.snapshot();
    f.run(&["agenda", "--ics", "--output", "notes.txt"])
        .fails(2)
        .stderr_contains("is not a calendar");
    f.run(&["agenda", "--json", "--output", "notes.txt"])
        .fails(2)
        .stderr_contains("already exists");
    assert_eq!(
        std::fs::read_to_string(f.dir().join("notes.txt")).unwrap(),
        "my notes\n"
    );
    assert_eq!(f.snapshot(), before);
    // An empty file, or one the feed wrote, is refreshed.
    f.ok(&["agenda", "--ics", "--output", "empty.ics"]);
    f.ok(&["agenda", "--ics", "--output", "empty.ics"]);
    assert_eq!(files_in(f.dir()), ["empty.ics", "notes.txt"]);
}

#[cfg(unix)]
#[test]
fn writing_through_a_link_replaces_its_target_and_keeps_the_link() {
    let f = book();
    std::fs::create_dir(f.dir().join("exports")).unwrap();
    let target = f.write("exports/latest.csv", "last week's\n");
    let link = f.dir().join("latest.csv");
    std::os::unix::fs::symlink("exports/latest.csv", &link).unwrap();

    f.run(&["export", "--output", "latest.csv"])
        .fails(2)
        .stderr_contains("already exists");
    f.ok(&["export", "--output", "latest.csv", "--force"]);
    assert!(std::fs::symlink_metadata(&link).unwrap().is_symlink());
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .contains("Dana Whitfield")
    );
    assert_eq!(mode(&target), 0o600);
    assert_eq!(files_in(&f.dir().join("exports")), ["latest.csv"]);
}

#[cfg(unix)]
#[test]
fn a_dangling_link_makes_a_private_file_where_it_points() {
    let f = sqlite_book();
    for (link, command) in [
        ("backup-link", &["backup", "backup-link"][..]),
        ("export-link", &["export", "--output", "export-link"][..]),
        ("agenda-link", &["agenda", "--output", "agenda-link"][..]),
    ] {
        let target = f.dir().join(format!("{link}.target"));
        std::os::unix::fs::symlink(&target, f.dir().join(link)).unwrap();
        f.ok(command);
        assert!(
            std::fs::symlink_metadata(f.dir().join(link))
                .unwrap()
                .is_symlink()
        );
        assert_eq!(mode(&target), 0o600, "{link}");
    }
    // The backup is a whole database.
    let copy = f.dir().join("backup-link.target");
    let listed = f.cmd(["list", "--json"]).env("FOLLOWUP_DB", &copy).run();
    listed.success();
    assert_eq!(listed.stdout_json().as_array().unwrap().len(), 2);
}

#[test]
fn a_backup_leaves_only_itself_and_a_refused_one_leaves_nothing() {
    let f = sqlite_book();
    let before = f.snapshot();
    f.run(&["backup", "followup.db-wal"]).fails(2);
    f.run(&["backup", "copy.db-journal"]).fails(2);
    assert_eq!(files_in(f.dir()), Vec::<String>::new());
    f.ok(&["backup", "copy.db"]);
    assert_eq!(files_in(f.dir()), ["copy.db"]);
    assert_eq!(f.snapshot(), before);
}

#[cfg(target_os = "linux")]
#[test]
fn standard_output_that_cannot_be_written_is_one_error_line() {
    use std::os::unix::fs::PermissionsExt;
    let f = sqlite_book();
    // A warning (a database others can read) is not printed beside the error either.
    std::fs::set_permissions(f.db(), std::fs::Permissions::from_mode(0o644)).unwrap();
    for args in [&["export"][..], &["list"], &["show", "dana", "--json"]] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .expect("/dev/full");
        let output = f.process(args).stdout(full).output().unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(1), "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.starts_with("error: cannot write to standard output"),
            "{args:?}: {stderr}"
        );
    }
}

#[test]
fn a_pipe_closed_early_ends_the_output_quietly() {
    let f = book();
    // Enough prospects that the export outgrows the pipe's buffer.
    let rows: String = (0..3000)
        .map(|n| format!("Person {n},Company {n},555-{n:04}\n"))
        .collect();
    f.write("many.csv", format!("Name,Company,Phone\n{rows}"));
    f.ok(&["import", "many.csv"]);
    let mut child = f
        .process(&["export"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8(output.stderr).unwrap(), "");
}
