//! The SQLite store: what is written reads back the same, failed writes leave nothing, and
//! files that are not ours are refused without being changed.

use std::path::PathBuf;

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::domain::{CloseReason, Closure, Contact, Preference};

fn date(text: &str) -> NaiveDate {
    text.parse().expect("a YYYY-MM-DD date")
}

fn datetime(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S").expect("a YYYY-MM-DDTHH:MM:SS time")
}

/// An active prospect with only a name.
fn plain(name: &str) -> Prospect {
    Prospect {
        id: 0,
        contact: Contact {
            name: name.to_string(),
            ..Contact::default()
        },
        cadence: "standard".to_string(),
        start: date("2026-11-23"),
        status: Status::Active,
        closed: None,
        recontact_on: None,
        run_started_at: None,
        created_at: datetime("2026-11-23T08:30:00"),
        owner: None,
    }
}

/// A prospect with every field set, closure included.
fn full() -> Prospect {
    Prospect {
        id: 0,
        contact: Contact {
            name: "Dana Whitfield".to_string(),
            company: Some("Northwind Traders".to_string()),
            phone: Some("+1 555-0142".to_string()),
            email: Some("dana@northwind.example".to_string()),
            title: Some("Head of Facilities".to_string()),
            prefers: Some(Preference::Email),
            next_step: Some("a trial order of 20 chairs".to_string()),
            topic: Some("ergonomic chairs".to_string()),
            assistant: Some("Lee O'Brien".to_string()),
            assistant_phone: Some("555-0143".to_string()),
            note: Some("Met at the expo; 'Robert'); DROP TABLE prospects;--".to_string()),
            time_zone: Some("Europe/Berlin".to_string()),
            ground_rules: true,
            main_line: Some("555-0140".to_string()),
        },
        cadence: "as-promised".to_string(),
        start: date("2026-11-24"),
        status: Status::Closed,
        closed: Some(Closure {
            reason: CloseReason::NoResponse,
            at: datetime("2026-12-15T17:05:09"),
            note: Some("four touches, no answer".to_string()),
            drip: false,
        }),
        recontact_on: Some(date("2027-03-15")),
        run_started_at: Some(datetime("2026-12-01T09:00:00")),
        created_at: datetime("2026-11-23T08:30:00"),
        owner: None,
    }
}

fn attempt(prospect_id: ProspectId, at: &str, channel: Channel, outcome: Outcome) -> NewAttempt {
    NewAttempt {
        prospect_id,
        at: datetime(at),
        channel,
        outcome,
        step: Step::FollowUp,
        note: None,
        promise: None,
        next: None,
        logged_at: datetime("2026-12-31T18:00:00"),
    }
}

fn insert(store: &mut Store, prospect: &Prospect) -> ProspectId {
    store
        .write(|writer| writer.insert_prospect(prospect))
        .expect("insert a prospect")
}

fn names(prospects: &[Prospect]) -> Vec<&str> {
    prospects
        .iter()
        .map(|prospect| prospect.contact.name.as_str())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// In memory
// ---------------------------------------------------------------------------------------------

#[test]
fn a_prospect_reads_back_equal_with_every_field() {
    let mut store = Store::in_memory().unwrap();
    let written = full();
    let id = insert(&mut store, &written);
    let read = store
        .reader()
        .prospect(id)
        .unwrap()
        .expect("the prospect is stored");
    assert_eq!(read, Prospect { id, ..written });

    // And a prospect with only a name reads back with its empty fields empty.
    let id = insert(&mut store, &plain("Ann Lee"));
    let read = store.reader().prospect(id).unwrap().unwrap();
    assert_eq!(
        read,
        Prospect {
            id,
            ..plain("Ann Lee")
        }
    );
    assert_eq!(store.reader().prospect(id + 100).unwrap(), None);
}

#[test]
fn an_update_rewrites_every_field() {
    let mut store = Store::in_memory().unwrap();
    let id = insert(&mut store, &full());
    let reopened = Prospect {
        id,
        status: Status::Active,
        closed: None,
        recontact_on: None,
        contact: Contact {
            name: "Dana W. Whitfield".to_string(),
            email: None,
            ..full().contact
        },
        ..full()
    };
    store
        .write(|writer| writer.update_prospect(&reopened))
        .unwrap();
    assert_eq!(store.reader().prospect(id).unwrap(), Some(reopened));
}

#[test]
fn prospects_are_listed_by_id_and_filtered_by_status() {
    let mut store = Store::in_memory().unwrap();
    let a = insert(&mut store, &plain("Ann"));
    let b = insert(&mut store, &full());
    let c = insert(&mut store, &plain("Cy"));
    let reader = store.reader();
    let ids = |prospects: Vec<Prospect>| prospects.iter().map(|p| p.id).collect::<Vec<_>>();
    assert_eq!(ids(reader.prospects(None).unwrap()), [a, b, c]);
    assert_eq!(ids(reader.prospects(Some(Status::Active)).unwrap()), [a, c]);
    assert_eq!(ids(reader.prospects(Some(Status::Closed)).unwrap()), [b]);
    let entries = reader.names().unwrap();
    assert_eq!(
        entries[1],
        NameEntry {
            id: b,
            name: "Dana Whitfield".to_string(),
            company: Some("Northwind Traders".to_string()),
            status: Status::Closed,
        }
    );
}

#[test]
fn attempts_read_back_in_the_order_they_happened_then_by_id() {
    let mut store = Store::in_memory().unwrap();
    let dana = insert(&mut store, &plain("Dana"));
    let other = insert(&mut store, &plain("Other"));
    let mut full_attempt = attempt(
        dana,
        "2026-11-23T10:00:00",
        Channel::Call,
        Outcome::Voicemail,
    );
    full_attempt.step = Step::First;
    full_attempt.note = Some("left a message with the promise".to_string());
    full_attempt.promise = Some(datetime("2026-11-24T08:15:00"));
    full_attempt.next = Some(date("2026-12-10"));
    let logged = [
        // Logged in this order; the second is back-dated, the third shares the first's time.
        full_attempt,
        attempt(dana, "2026-11-23T09:00:00", Channel::Email, Outcome::Sent),
        attempt(dana, "2026-11-23T10:00:00", Channel::Text, Outcome::Sent),
        attempt(
            other,
            "2026-11-20T10:00:00",
            Channel::Call,
            Outcome::NoAnswer,
        ),
        attempt(
            dana,
            "2026-11-27T16:45:30",
            Channel::Assistant,
            Outcome::Replied,
        ),
    ];
    let ids = store
        .write(|writer| {
            logged
                .iter()
                .map(|attempt| writer.insert_attempt(attempt))
                .collect::<Result<Vec<_>, _>>()
        })
        .unwrap();

    let read = store.reader().attempts(dana).unwrap();
    let order: Vec<i64> = read.iter().map(|attempt| attempt.id).collect();
    assert_eq!(order, [ids[1], ids[0], ids[2], ids[4]]);
    assert_eq!(
        read[1],
        Attempt {
            id: ids[0],
            ..logged[0].as_attempt()
        },
        "every field reads back"
    );
    assert_eq!(
        read[3],
        Attempt {
            id: ids[4],
            ..logged[4].as_attempt()
        }
    );
    assert_eq!(store.reader().attempts(other).unwrap().len(), 1);
}

#[test]
fn attempts_in_a_period_are_read_prospect_by_prospect_bounds_half_open() {
    let mut store = Store::in_memory().unwrap();
    let dana = insert(&mut store, &plain("Dana"));
    let other = insert(&mut store, &plain("Other"));
    let logged = [
        attempt(
            dana,
            "2026-11-23T10:00:00",
            Channel::Call,
            Outcome::Voicemail,
        ),
        attempt(
            other,
            "2026-11-23T09:00:00",
            Channel::Call,
            Outcome::NoAnswer,
        ),
        attempt(dana, "2026-11-20T23:59:59", Channel::Email, Outcome::Sent),
        attempt(
            other,
            "2026-11-30T00:00:00",
            Channel::Call,
            Outcome::Voicemail,
        ),
        attempt(dana, "2026-11-21T00:00:00", Channel::Text, Outcome::Sent),
        attempt(dana, "2026-11-23T10:00:00", Channel::Email, Outcome::Sent),
    ];
    let ids = store
        .write(|writer| {
            logged
                .iter()
                .map(|attempt| writer.insert_attempt(attempt))
                .collect::<Result<Vec<_>, _>>()
        })
        .unwrap();
    let read = |from: Option<&str>, to: Option<&str>| -> Vec<i64> {
        store
            .reader()
            .attempts_between(from.map(datetime), to.map(datetime))
            .unwrap()
            .iter()
            .map(|attempt| attempt.id)
            .collect()
    };
    // Dana's first, in time order (ties by id), then the other prospect's.
    assert_eq!(
        read(None, None),
        [ids[2], ids[4], ids[0], ids[5], ids[1], ids[3]]
    );
    // From is included, to is not.
    assert_eq!(
        read(Some("2026-11-21T00:00:00"), Some("2026-11-30T00:00:00")),
        [ids[4], ids[0], ids[5], ids[1]]
    );
    assert_eq!(read(None, Some("2026-11-21T00:00:00")), [ids[2]]);
    assert_eq!(read(Some("2026-11-30T00:00:00"), None), [ids[3]]);
    let all = store.reader().attempts_between(None, None).unwrap();
    assert_eq!(
        all[2],
        Attempt {
            id: ids[0],
            ..logged[0].as_attempt()
        },
        "every field reads back"
    );
}

#[test]
fn a_write_that_fails_leaves_nothing_behind() {
    let mut store = Store::in_memory().unwrap();
    let kept = insert(&mut store, &plain("Kept"));
    store
        .write(|writer| writer.set_meta("rules", "one"))
        .unwrap();

    let result: Result<(), StoreError> = store.write(|writer| {
        writer.insert_prospect(&full())?;
        writer.insert_attempt(&attempt(
            kept,
            "2026-11-23T10:00:00",
            Channel::Call,
            Outcome::Voicemail,
        ))?;
        writer.update_prospect(&Prospect {
            id: kept,
            ..plain("Renamed")
        })?;
        writer.set_planned(kept, &Planned::Unworked(Some(date("2026-11-23"))))?;
        writer.set_meta("rules", "two")?;
        // Inside the write, the changes are visible...
        assert_eq!(writer.reader().prospects(None)?.len(), 2);
        Err(StoreError::Corrupt {
            what: "test",
            value: "stop here".to_string(),
        })
    });
    assert!(matches!(result, Err(StoreError::Corrupt { .. })));

    // ...and after it, none of them are.
    let reader = store.reader();
    assert_eq!(names(&reader.prospects(None).unwrap()), ["Kept"]);
    assert!(reader.attempts(kept).unwrap().is_empty());
    assert!(
        reader
            .prospects_due_by(date("2099-01-01"))
            .unwrap()
            .is_empty()
    );
    assert_eq!(reader.meta("rules").unwrap().as_deref(), Some("one"));

    // The store is still usable afterwards.
    insert(&mut store, &plain("After"));
    assert_eq!(store.reader().prospects(None).unwrap().len(), 2);
}

#[test]
fn an_attempt_for_a_missing_prospect_is_refused() {
    let mut store = Store::in_memory().unwrap();
    let result = store.write(|writer| {
        writer.insert_attempt(&attempt(
            42,
            "2026-11-23T10:00:00",
            Channel::Call,
            Outcome::Voicemail,
        ))
    });
    assert!(
        matches!(result, Err(StoreError::Sqlite { .. })),
        "{result:?}"
    );
}

#[test]
fn what_is_due_is_found_by_its_due_date() {
    let mut store = Store::in_memory().unwrap();
    let later = insert(&mut store, &plain("Later"));
    let soon = insert(&mut store, &plain("Soon"));
    let never = insert(&mut store, &plain("Never"));
    let also_soon = insert(&mut store, &plain("Also soon"));
    store
        .write(|writer| {
            writer.set_planned(later, &Planned::Unworked(Some(date("2026-11-27"))))?;
            writer.set_planned(soon, &Planned::Unworked(Some(date("2026-11-23"))))?;
            writer.set_planned(never, &Planned::Nothing)?;
            writer.set_planned(also_soon, &Planned::Unworked(Some(date("2026-11-23"))))
        })
        .unwrap();

    let reader = store.reader();
    let due_by = |day: &str| names(&reader.prospects_due_by(date(day)).unwrap()).join(", ");
    let first_after = |day: &str| {
        reader
            .first_due_after(date(day))
            .unwrap()
            .map(|prospect| prospect.contact.name)
    };
    let table = [
        // (day, due on or before it, the first due after it)
        ("2026-11-22", "", Some("Soon")),
        ("2026-11-23", "Soon, Also soon", Some("Later")),
        ("2026-11-26", "Soon, Also soon", Some("Later")),
        ("2026-11-27", "Soon, Also soon, Later", None),
        ("2099-12-31", "Soon, Also soon, Later", None),
    ];
    for (day, due, next) in table {
        assert_eq!(due_by(day), due, "due by {day}");
        assert_eq!(first_after(day).as_deref(), next, "first due after {day}");
    }

    // Clearing a due date takes the prospect off the list; moving it moves it.
    store
        .write(|writer| {
            writer.set_planned(soon, &Planned::Nothing)?;
            writer.set_planned(later, &Planned::Unworked(Some(date("2026-11-20"))))
        })
        .unwrap();
    let reader = store.reader();
    assert_eq!(
        names(&reader.prospects_due_by(date("2026-11-23")).unwrap()),
        ["Later", "Also soon"]
    );
    assert_eq!(reader.first_due_after(date("2026-11-23")).unwrap(), None);
}

#[test]
fn meta_values_of_several_keys_come_back_in_the_order_asked() {
    let mut store = Store::in_memory().unwrap();
    assert_eq!(store.reader().metas(["a", "b"]).unwrap(), [None, None]);
    store
        .write(|writer| {
            writer.set_meta("b", "2")?;
            writer.set_meta("c", "3")
        })
        .unwrap();
    assert_eq!(
        store.reader().metas(["a", "b", "c"]).unwrap(),
        [None, Some("2".to_string()), Some("3".to_string())]
    );
    assert_eq!(
        store.reader().metas(["c", "b"]).unwrap(),
        [Some("3".to_string()), Some("2".to_string())]
    );
}

#[test]
fn meta_values_are_kept_and_overwritten() {
    let mut store = Store::in_memory().unwrap();
    assert_eq!(store.reader().meta("rules_fingerprint").unwrap(), None);
    store
        .write(|writer| writer.set_meta("rules_fingerprint", "abc"))
        .unwrap();
    assert_eq!(
        store.reader().meta("rules_fingerprint").unwrap().as_deref(),
        Some("abc")
    );
    store
        .write(|writer| {
            writer.set_meta("rules_fingerprint", "def")?;
            writer.set_meta("other", "")
        })
        .unwrap();
    let reader = store.reader();
    assert_eq!(
        reader.meta("rules_fingerprint").unwrap().as_deref(),
        Some("def")
    );
    assert_eq!(reader.meta("other").unwrap().as_deref(), Some(""));
}

// ---------------------------------------------------------------------------------------------
// On disk
// ---------------------------------------------------------------------------------------------

fn user_version(path: &Path) -> i64 {
    rusqlite::Connection::open(path)
        .unwrap()
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap()
}

#[test]
fn a_new_file_and_its_folder_are_created_private() {
    let temp = tempfile::tempdir().unwrap();
    let folder = temp.path().join("followup");
    let path = folder.join("followup.db");
    let store = Store::open(&path).unwrap();
    assert_eq!(store.path(), Some(path.as_path()));
    assert!(path.is_file());
    drop(store);
    assert_eq!(user_version(&path), CURRENT_VERSION);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(&path), 0o600, "the database file");
        assert_eq!(mode(&folder), 0o700, "its folder");
    }
}

#[test]
fn reopening_a_file_keeps_its_data() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("followup.db");
    let id = {
        let mut store = Store::open(&path).unwrap();
        let id = insert(&mut store, &full());
        store
            .write(|writer| {
                writer.insert_attempt(&attempt(
                    id,
                    "2026-11-23T10:00:00",
                    Channel::Call,
                    Outcome::Voicemail,
                ))?;
                writer.set_planned(id, &Planned::Unworked(Some(date("2026-11-27"))))?;
                writer.set_meta("rules_fingerprint", "abc")
            })
            .unwrap();
        id
    };
    let store = Store::open(&path).unwrap();
    let reader = store.reader();
    assert_eq!(
        reader.prospect(id).unwrap(),
        Some(Prospect { id, ..full() })
    );
    assert_eq!(reader.attempts(id).unwrap().len(), 1);
    assert_eq!(
        names(&reader.prospects_due_by(date("2026-11-27")).unwrap()),
        ["Dana Whitfield"]
    );
    assert_eq!(
        reader.meta("rules_fingerprint").unwrap().as_deref(),
        Some("abc")
    );
}

#[test]
fn a_file_that_is_not_a_database_is_refused_unchanged() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("notes.txt");
    let text = "Call Dana on Monday.\n".repeat(200);
    std::fs::write(&path, &text).unwrap();
    match Store::open(&path) {
        Err(StoreError::NotADatabase { path: named, .. }) => assert_eq!(named, path),
        Err(other) => panic!("expected NotADatabase, got {other:?}"),
        Ok(_) => panic!("opened a text file as a database"),
    }
    assert_eq!(std::fs::read_to_string(&path).unwrap(), text);
    assert_eq!(
        files_in(temp.path()),
        ["notes.txt"],
        "nothing created beside it"
    );
}

#[test]
fn a_directory_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    match Store::open(temp.path()) {
        Err(StoreError::IsADirectory { path }) => assert_eq!(path, temp.path()),
        Err(other) => panic!("expected IsADirectory, got {other:?}"),
        Ok(_) => panic!("opened a directory as a database"),
    }
}

/// A database written by a later followup: schema version 99, one table of its own.
fn newer_database(folder: &Path) -> PathBuf {
    let path = folder.join("followup.db");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "CREATE TABLE future (x TEXT); INSERT INTO future VALUES ('from the future');
         PRAGMA user_version = 99;",
    )
    .unwrap();
    path
}

fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_database_from_a_newer_version_is_refused() {
    let temp = tempfile::tempdir().unwrap();
    let path = newer_database(temp.path());

    match Store::open(&path) {
        Err(StoreError::NewerSchema {
            path: named,
            found,
            known,
        }) => {
            assert_eq!(named, path);
            assert_eq!(found, 99);
            assert_eq!(known, CURRENT_VERSION);
        }
        Err(other) => panic!("expected NewerSchema, got {other:?}"),
        Ok(_) => panic!("opened a database from a newer version"),
    }
    // No migration ran: the version, the tables and the data are the newer version's.
    assert_eq!(user_version(&path), 99);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(tables, ["future"]);
    drop(conn);
    assert_eq!(
        files_in(temp.path()),
        ["followup.db"],
        "no journal left behind"
    );
}

#[test]
fn a_database_from_a_newer_version_is_left_byte_for_byte_as_it_was() {
    let temp = tempfile::tempdir().unwrap();
    let path = newer_database(temp.path());
    let before = std::fs::read(&path).unwrap();
    assert!(matches!(
        Store::open(&path),
        Err(StoreError::NewerSchema { found: 99, .. })
    ));
    let after = std::fs::read(&path).unwrap();
    let changed: Vec<usize> = (0..before.len().min(after.len()))
        .filter(|index| before[*index] != after[*index])
        .collect();
    assert!(
        before == after,
        "the file's bytes changed at offsets {changed:?} (sizes {} and {})",
        before.len(),
        after.len()
    );
}

/// From a hostile tester: a `user_version` of -1 skipped every migration (a negative count
/// read as a huge one) and the file was switched to WAL before the first query failed.
#[test]
fn a_database_with_a_negative_schema_version_is_refused_untouched() {
    for version in [-1, i64::from(i32::MIN)] {
        let temp = tempfile::tempdir().unwrap();
        let path = temp.path().join("followup.db");
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE prospects (x TEXT); PRAGMA user_version = {version};"
        ))
        .unwrap();
        drop(conn);
        let before = std::fs::read(&path).unwrap();
        match Store::open(&path) {
            Err(StoreError::UnknownSchema { found, .. }) => assert_eq!(found, version),
            Err(other) => panic!("expected UnknownSchema, got {other:?}"),
            Ok(_) => panic!("opened a database of schema {version}"),
        }
        assert_eq!(std::fs::read(&path).unwrap(), before, "schema {version}");
        assert_eq!(files_in(temp.path()), ["followup.db"]);
    }
}

/// Opening a file of the current schema does no set-up work: nothing is switched or upgraded,
/// the file is not written, while a new file is set up on its first opening.
#[test]
fn a_current_database_opens_without_set_up_work() {
    let temp = tempfile::tempdir().unwrap();
    let path = temp.path().join("followup.db");
    drop(Store::open(&path).unwrap());
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(journal_mode(&conn), "wal", "a new file is set up");
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .unwrap();
    assert_eq!(version, CURRENT_VERSION);
    drop(conn);
    let before = std::fs::read(&path).unwrap();
    let store = Store::open(&path).unwrap();
    assert!(store.reader().prospects(None).unwrap().is_empty());
    drop(store);
    assert!(
        std::fs::read(&path).unwrap() == before,
        "the file was written"
    );
}

/// A book of the current schema found under a rollback journal, as an import under one (see
/// journal.rs) leaves it when its process dies before putting the book back, is put back in WAL
/// when it is opened, its journal played back first.
#[test]
fn a_book_left_under_a_rollback_journal_is_put_back_in_wal() {
    let temp = tempfile::tempdir().unwrap();
    let cut = cut_short(temp.path());
    let store = Store::open(&cut).unwrap();
    let Engine::Sqlite { conn, .. } = &store.engine else {
        panic!("a file opens on SQLite");
    };
    assert_eq!(journal_mode(conn), "wal");
    let names: Vec<String> = store
        .reader()
        .prospects(None)
        .unwrap()
        .into_iter()
        .map(|prospect| prospect.contact.name)
        .collect();
    assert_eq!(names, ["Dana Whitfield"]);
    drop(store);
    assert!(!temp.path().join("cut.db-journal").exists());
}

/// A book cut short halfway through a write under the rollback journal is not read for
/// `team import-book` as if whole: its half-written pages are refused, not copied.
#[test]
fn a_book_cut_short_under_a_rollback_journal_is_not_read_as_it_lies() {
    let temp = tempfile::tempdir().unwrap();
    let cut = cut_short(temp.path());
    assert!(Store::open_read_only(&cut).is_err());
    assert!(temp.path().join("cut.db-journal").exists());
}

/// In `dir`, `cut.db` and its journal as a process killed halfway through a write under the
/// rollback journal leaves them: one prospect, Dana Whitfield, stored; 2,000 more written past
/// the book's end, and the journal that undoes them.
fn cut_short(dir: &std::path::Path) -> PathBuf {
    let path = dir.join("followup.db");
    let mut store = Store::open(&path).unwrap();
    store
        .write(|w| w.insert_prospect(&plain("Dana Whitfield")))
        .unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    drop(conn);
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "cache_size", 1).unwrap();
    conn.execute_batch(
        "BEGIN IMMEDIATE;
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
         INSERT INTO prospects (name, cadence, start_date, status, created_at)
             SELECT 'Lead ' || i, 'standard', '2026-11-23', 'active', '2026-11-23 08:00:00'
             FROM n;",
    )
    .unwrap();
    let cut = dir.join("cut.db");
    std::fs::copy(&path, &cut).unwrap();
    std::fs::copy(dir.join("followup.db-journal"), dir.join("cut.db-journal")).unwrap();
    drop(conn);
    assert!(std::fs::metadata(&cut).unwrap().len() > std::fs::metadata(&path).unwrap().len());
    cut
}

fn journal_mode(conn: &rusqlite::Connection) -> String {
    conn.pragma_query_value(None, "journal_mode", |row| row.get(0))
        .unwrap()
}

#[test]
fn a_personal_book_has_no_reps_and_its_audit_names_the_local_user() {
    let mut store = Store::in_memory().unwrap();
    assert_eq!(store.reader().reps().unwrap(), []);
    assert_eq!(store.reader().session_rep().unwrap(), None);
    let id = store
        .write(|w| {
            let id = w.insert_prospect(&plain("Dana Whitfield"))?;
            w.append_audit(
                datetime("2026-12-01T09:00:00"),
                "dana@example.com",
                &AuditEntry {
                    prospect_id: Some(id),
                    action: "add",
                    field: None,
                    old_value: None,
                    new_value: Some("Dana Whitfield".into()),
                },
            )?;
            Ok::<_, StoreError>(id)
        })
        .unwrap();
    let Engine::Sqlite { conn, .. } = &store.engine else {
        unreachable!("an in-memory store is SQLite")
    };
    let row: (String, String, i64, String) = conn
        .query_row(
            "SELECT at, actor, prospect_id, new_value FROM audit",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .unwrap();
    assert_eq!(
        row,
        (
            "2026-12-01 09:00:00".to_string(),
            "dana@example.com".to_string(),
            id,
            "Dana Whitfield".to_string()
        )
    );
}

#[test]
fn the_added_audit_names_each_prospect_of_every_run_of_ids_once_in_order() {
    let mut store = Store::in_memory().unwrap();
    let rows = store
        .write(|w| {
            for name in ["Ann", "Bo", "Cy", "Dee", "Eve", "Fay"] {
                w.insert_prospect(&plain(name))?;
            }
            // Three runs: 2 and 3, 5 and 6, then 1 on its own.
            let mut ids = AddedIds::default();
            for id in [2, 3, 5, 6, 1] {
                ids.push(id);
            }
            assert_eq!(ids.runs(), 3);
            w.append_added_audit(datetime("2026-12-01T09:00:00"), "me", "import", &ids)?;
            w.reader().audit(&AuditFilter::default())
        })
        .unwrap();
    let named: Vec<(Option<ProspectId>, &str, Option<&str>)> = rows
        .iter()
        .map(|row| {
            (
                row.prospect_id,
                row.action.as_str(),
                row.new_value.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        named,
        [
            (Some(2), "import", Some("Bo")),
            (Some(3), "import", Some("Cy")),
            (Some(5), "import", Some("Eve")),
            (Some(6), "import", Some("Fay")),
            (Some(1), "import", Some("Ann")),
        ]
    );
}

/// A book with reps 1 (active) and 2 (deactivated), and files: one each, and one in the pool.
fn owned_book() -> (Store, [ProspectId; 3]) {
    let mut store = Store::in_memory().unwrap();
    let ids = [plain("Mine"), plain("Theirs"), plain("Pool")].map(|p| insert(&mut store, &p));
    store
        .write(|writer| {
            writer.conn().execute(
                "INSERT INTO reps (id, name, email, role_name, manager, active, added_at)
                 VALUES (1, 'Mia', 'mia@example.com', 'mia', 0, 1, '2026-11-20 09:00:00'),
                        (2, 'Omar', 'omar@example.com', 'omar', 0, 1, '2026-11-20 09:00:00')",
                &[],
                "adding reps",
            )?;
            for id in ids {
                writer.set_planned(id, &Planned::Unworked(Some(date("2026-11-23"))))?;
            }
            assert_eq!(writer.set_owner(ids[0], Some(1))?, None);
            writer.set_owner(ids[1], Some(2))?;
            Ok::<_, StoreError>(())
        })
        .unwrap();
    (store, ids)
}

#[test]
fn a_reps_scan_holds_their_files_and_the_pools_only() {
    let (store, [mine, _, pool]) = owned_book();
    let mut seen = Vec::new();
    store
        .reader()
        .each_with_attempts_for(
            Selection::DueBy {
                day: date("2026-11-23"),
                slack: date("2026-11-24"),
            },
            Some(1),
            |p, _| {
                seen.push(p.id);
                Ok::<_, StoreError>(())
            },
        )
        .unwrap();
    assert_eq!(seen, [mine, pool]);
    assert_eq!(store.reader().open_pool().unwrap(), [pool]);
    assert_eq!(store.reader().open_loads().unwrap(), [(1, 1), (2, 1)]);
}

#[test]
fn a_claim_takes_the_pool_or_a_deactivated_reps_file_and_refuses_an_active_reps() {
    let (mut store, [mine, theirs, pool]) = owned_book();
    store
        .write(|writer| {
            assert_eq!(writer.claim(mine, 1)?, Claim::Kept);
            assert_eq!(writer.claim(pool, 1)?, Claim::Taken { from: None });
            assert_eq!(writer.claim(theirs, 1)?, Claim::Refused);
            assert_eq!(writer.reader().holder(theirs)?.unwrap().id, 2);
            writer.conn().execute(
                "UPDATE reps SET active = 0 WHERE id = 2",
                &[],
                "deactivating",
            )?;
            assert_eq!(writer.claim(theirs, 1)?, Claim::Taken { from: Some(2) });
            assert_eq!(writer.move_files(1, 2)?, [mine, theirs, pool]);
            Ok::<_, StoreError>(())
        })
        .unwrap();
}

/// Variants of [`full`] and [`plain`], in stretches of 30 that share their cadence, start,
/// status, creation time and due date (a full run of the batch statement, then shorter
/// ones), each prospect with its own name and some with a title, a note or a drip.
fn assorted(index: usize) -> (Prospect, Planned) {
    let stretch = index / 30;
    let mut prospect = if stretch == 2 { full() } else { plain("Bo") };
    prospect.contact.name = format!("{} {index}", prospect.contact.name);
    if index % 4 == 1 {
        prospect.contact.title = Some(format!("Title {index}"));
    }
    if index % 5 == 2 {
        prospect.contact.note = None;
    }
    if index % 6 == 3
        && let Some(closure) = &mut prospect.closed
    {
        closure.drip = true;
        closure.note = None;
    }
    let glance = |step, days, touch| crate::engine::Glance {
        step,
        due: date("2026-11-23") + chrono::Days::new(days),
        touch,
    };
    let planned = match stretch {
        0 => Planned::Unworked(Some(date("2026-11-23"))),
        3 => Planned::Nothing,
        1 | 2 => Planned::Action(crate::engine::Outlook {
            first: glance(Step::First, stretch as u64, Some(1)),
            promise: crate::engine::Promised::No,
            gives_way_to: None,
        }),
        _ => Planned::Action(crate::engine::Outlook {
            first: glance(Step::Assistant, stretch as u64, None),
            promise: crate::engine::Promised::OnADayAway,
            gives_way_to: Some(glance(Step::Fire, 7, Some(4))),
        }),
    };
    (prospect, planned)
}

/// Every prospect of the book with its stored plan, by id.
fn stored_with_plans(store: &Store) -> Vec<(Prospect, Planned)> {
    let reader = store.reader();
    let mut plans = Vec::new();
    reader
        .each_line(None, |line, planned| {
            plans.push((line.id, planned));
            Ok::<_, StoreError>(())
        })
        .unwrap();
    let prospects = reader.prospects(None).unwrap();
    assert_eq!(
        prospects
            .iter()
            .map(|prospect| prospect.id)
            .collect::<Vec<_>>(),
        plans.iter().map(|(id, _)| *id).collect::<Vec<_>>()
    );
    prospects
        .into_iter()
        .zip(plans)
        .map(|(prospect, (_, planned))| (prospect, planned))
        .collect()
}

#[test]
fn prospects_stored_many_to_a_statement_read_back_as_if_stored_one_by_one() {
    let mut one_by_one = Store::in_memory().unwrap();
    let mut batched = Store::in_memory().unwrap();
    for store in [&mut one_by_one, &mut batched] {
        store
            .write(|writer| {
                // A book whose last prospect was deleted: the new ids follow the largest left.
                for name in ["Ann", "Cy", "Dee"] {
                    writer.insert_prospect(&plain(name))?;
                }
                writer.delete_prospect(3)
            })
            .unwrap();
    }
    // Two full runs of the statement, a run cut short by a read, and the rest at the end.
    let count = 123;
    let ids: Vec<ProspectId> = one_by_one
        .write(|writer| {
            (0..count)
                .map(|index| {
                    let (prospect, planned) = assorted(index);
                    writer.insert_whole_prospect(&prospect, &planned)
                })
                .collect::<Result<Vec<_>, StoreError>>()
        })
        .unwrap();
    let announced: Vec<ProspectId> = batched
        .write(|writer| {
            let mut prospects = writer.new_prospects()?;
            let mut ids = Vec::new();
            for index in 0..count {
                let (prospect, planned) = assorted(index);
                ids.push(prospects.add(&prospect, &planned)?);
                if index == 106 {
                    prospects.flush()?;
                    // What was added so far reads back at once.
                    let read = writer.reader().prospect(ids[index])?.expect("stored");
                    assert_eq!(read.contact.name, prospect.contact.name);
                }
            }
            prospects.flush()?;
            Ok::<_, StoreError>(ids)
        })
        .unwrap();
    assert_eq!(announced, ids);
    assert_eq!(ids, (3..3 + count as ProspectId).collect::<Vec<_>>());
    let stored = stored_with_plans(&batched);
    // Ann and Cy, then the new ones.
    assert_eq!(stored.len(), 2 + count);
    assert_eq!(stored, stored_with_plans(&one_by_one));
    assert_eq!(stored[1 + count].1, assorted(count - 1).1);
}
