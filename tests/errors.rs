//! Bad input, table-driven: each case must exit with cli.md's status, print one `error: `
//! line that names what was wrong, never panic, and leave the database exactly as it was.
//!
//! [`BAD_INPUT`] is the catalogue: every command, flag and date form, and every file problem
//! (missing, unreadable, read-only, a folder, not a database, not UTF-8) for the database, the
//! cadence file, imports, holiday calendars and backups; outputs that would overwrite the
//! database or the files beside it; long values. The tests after it look closer at some of
//! them; tests/output_files.rs and tests/terminal_safety.rs look at outputs and the screen.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{Followup, Run};
use serde_json::json;

/// A world with some data: Dana (two unanswered touches), Dan, Eve at "Dana Corp" (closed,
/// no response) and Nora on the nurture cadence. The clock reads Thu 2026-12-03 09:00, the day Dana's rescue is due.
fn world() -> Followup {
    world_on(Followup::new())
}

/// The same book in the world `f`.
fn world_on(mut f: Followup) -> Followup {
    let dana = f.add(
        "Dana Whitfield",
        &["--company", "Lakeside Dental", "--phone", "555-0147"],
    );
    f.log(dana, &[]);
    f.at("2026-11-27").log(dana, &["--channel", "email"]);
    f.add("Dan Brown", &["--company", "Acme"]);
    f.add("Eve", &["--company", "Dana Corp"]);
    f.ok(&["close", "eve", "--reason", "no-response"]);
    f.add("Nora Quist", &["--cadence", "nurture"]);
    f.at("2026-12-03");
    f
}

/// One bad command line: its exit status, what its message must mention, and the state of a
/// file it needs. Paths are relative to the world's folder, the command's working folder.
struct Case {
    args: &'static [&'static str],
    code: i32,
    mentions: &'static [&'static str],
    mode: Option<(&'static str, u32)>,
}

/// Bad input: exit 2.
const fn case(args: &'static [&'static str], mentions: &'static [&'static str]) -> Case {
    Case {
        args,
        code: 2,
        mentions,
        mode: None,
    }
}

/// A failure of the file system: exit 1.
const fn io(args: &'static [&'static str], mentions: &'static [&'static str]) -> Case {
    Case {
        args,
        code: 1,
        mentions,
        mode: None,
    }
}

/// A file system failure caused by `file` having permission bits `mode` while the command runs.
const fn with_mode(
    file: &'static str,
    mode: u32,
    args: &'static [&'static str],
    mentions: &'static [&'static str],
) -> Case {
    Case {
        args,
        code: 1,
        mentions,
        mode: Some((file, mode)),
    }
}

/// The files the catalogue's file problems point at, in the world's folder.
fn write_problem_files(f: &Followup) {
    std::fs::create_dir(f.dir().join("a-folder")).expect("a folder");
    f.write("notes.txt", "my notes, not a database\n".repeat(200));
    f.write("custom.toml", "[cadence.standard]\ngap_business_days = 2\n");
    f.write(
        "latin1.toml",
        b"[me]\nname = \"Zo\xeb\"\n\n[cadence.standard]\n",
    );
    f.write("broken.toml", "[cadence.standard\ngap_business_days = 4\n");
    f.write("unknown-key.toml", "[cadence.standard]\ngap_days = 4\n");
    f.write(
        "wrong-type.toml",
        "[cadence.standard]\nmax_touches = \"four\"\n",
    );
    f.write("leads.csv", "Name,Phone\nZoe Quinn,555-0199\n");
    f.write("bad-row.csv", "Name,Phone\nZoe Quinn,555-0199\n,555-0100\n");
    f.write("latin1.csv", b"Name,Company\nZo\xeb,Caf\xe9\n");
    f.write("not-an-export.json", r#"{"prospects": 3}"#);
    f.write("old-backup.db", "an earlier backup");
    #[cfg(unix)]
    if f.server().is_none() {
        std::os::unix::fs::symlink(f.db(), f.dir().join("link-to-db")).expect("a link");
    }
    f.write(
        "holidays.ics",
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\n\
         SUMMARY:Christmas\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    f.write(
        "latin1.ics",
        b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\nSUMMARY:No\xebl\r\n\
          END:VEVENT\r\nEND:VCALENDAR\r\n",
    );
    f.write(
        "missing-holidays.toml",
        "[calendar]\nholiday_calendars = [\"no-such.ics\"]\n\n[cadence.standard]\n",
    );
    f.write(
        "latin1-holidays.toml",
        "[calendar]\nholiday_calendars = [\"latin1.ics\"]\n\n[cadence.standard]\n",
    );
    f.write(
        "per-day.toml",
        "[calendar]\nmax_touches_per_day = -1\n\n[cadence.standard]\n",
    );
    write_damaged_files(f);
}

/// The files of issue 11's reading problems: damaged quotes, values longer than any name,
/// imports that bring what a command would refuse, files too large for their kind, a
/// database of an unknown schema. (A time the salesperson's own zone skips needs a world
/// whose clock is in that zone: see tests/time_zones.rs.)
fn write_damaged_files(f: &Followup) {
    // A hundred and one rows whose third opens a quote that never closes.
    let mut unclosed = String::from("Name,Phone\nZoe Quinn,555-0199\n\"Bo Berg,555-0100\n");
    for index in 0..99 {
        unclosed.push_str(&format!("Lead {index},555-{index:04}\n"));
    }
    f.write("unclosed.csv", unclosed);
    f.write(
        "stray-quote.csv",
        "Name,Company\nZoe Quinn,The \"Best\" Co\n",
    );
    f.write(
        "long-name.csv",
        format!("Name,Phone\n{},555-0199\n", "Zoe ".repeat(600)),
    );
    f.write("two-names.csv", "Name,Full Name\nZoe,Zoe Quinn\n");
    f.write(
        "unknown-cadence.json",
        r#"[{"name": "Zoe Quinn", "cadence": "does-not-exist"}]"#,
    );
    f.write(
        "future-attempt.json",
        r#"[{"name": "Zoe Quinn", "attempts": [{"at": "9999-12-31T09:00:00",
            "channel": "call", "outcome": "voicemail", "step": "first"}]}]"#,
    );
    f.write(
        "zero-holidays.toml",
        "[calendar]\nholiday_calendars = [\"/dev/zero\"]\n\n[cadence.standard]\n",
    );
    // Sparse: as large as the file system says, without the disk space.
    for (name, size) in [("huge.toml", 1 << 20), ("huge.ics", 16 << 20)] {
        let file = std::fs::File::create(f.dir().join(name)).expect("a file");
        file.set_len(size + 1).expect("a size");
    }
    let negative = f.dir().join("negative.db");
    let conn = rusqlite::Connection::open(&negative).expect("a database");
    conn.execute_batch("CREATE TABLE prospects (x TEXT); PRAGMA user_version = -1;")
        .expect("a negative version");
}

/// A value of 200 characters, which errors cut to 80.
const LONG: &str = concat!(
    "2026-12-01 and then some more words to make it long, ",
    "2026-12-01 and then some more words to make it long, ",
    "2026-12-01 and then some more words to make it long, ",
    "2026-12-01 and then some more words to ma"
);

const BAD_INPUT: &[Case] = &[
    // Prospects that cannot be found, or not told apart.
    case(&["log", "zzz"], &["zzz"]),
    case(&["show", "99"], &["99"]),
    case(&["show", "99999999999999999999"], &["99999999999999999999"]),
    case(&["close", "-1", "--reason", "won"], &["-1"]),
    case(&["log", ""], &[]),
    case(&["reopen", "nobody"], &["nobody"]),
    case(&["edit", "nobody", "--phone", "1"], &["nobody"]),
    // Dates and times.
    case(&["--now", "2026-13-01", "today"], &["--now", "2026-13-01"]),
    case(&["--now", "tomorrow", "today"], &["tomorrow"]),
    case(
        &["--now", "2026-12-03T25:00", "list"],
        &["2026-12-03T25:00"],
    ),
    case(&["--now", "03/12/2026", "show", "whit"], &["03/12/2026"]),
    case(
        &["log", "whit", "--at", "yesterdayy"],
        &["--at", "yesterdayy"],
    ),
    case(&["log", "whit", "--at", "2026-12-03T9"], &["2026-12-03T9"]),
    case(
        &["log", "whit", "--promise", "tomorrow 25:00"],
        &["--promise", "tomorrow 25:00"],
    ),
    case(&["log", "whit", "--promise", "someday"], &["someday"]),
    case(
        &["log", "whit", "--next", "2026-02-30"],
        &["--next", "2026-02-30"],
    ),
    case(
        &["log", "whit", "--next", "tomorrow 08:00"],
        &["tomorrow 08:00"],
    ),
    case(&["add", "Zed", "--start", "nope"], &["--start", "nope"]),
    case(&["edit", "whit", "--start", "31/12/2026"], &["31/12/2026"]),
    case(&["cadence", "show", "--start", "foo"], &["--start", "foo"]),
    case(
        &[
            "close",
            "whit",
            "--reason",
            "won",
            "--recontact",
            "2026-02-30",
        ],
        &["--recontact", "2026-02-30"],
    ),
    case(
        &[
            "close",
            "whit",
            "--reason",
            "lost",
            "--recontact",
            "nevermore",
        ],
        &["nevermore"],
    ),
    case(&["log", "whit", "--at", "2026-12-04"], &["2026-12-04"]),
    case(&["log", "whit", "--at", "tomorrow"], &["future"]),
    case(
        &["log", "whit", "--promise", "2026-12-03T08:00"],
        &["--promise"],
    ),
    case(&["log", "whit", "--next", "2026-12-01"], &["--next"]),
    // Usage: unknown commands, flags and values.
    case(&["frobnicate"], &["frobnicate"]),
    case(&["today", "--bogus"], &["--bogus"]),
    case(&["add", "Zed", "--colour", "red"], &["--colour"]),
    case(&["log", "whit", "--outcome", "maybe"], &["maybe"]),
    case(&["log", "whit", "--channel", "fax"], &["fax"]),
    case(&["close", "whit", "--reason", "bored"], &["bored"]),
    case(&["close", "whit"], &[]),
    case(&["add", "Zed", "--prefers", "fax"], &["fax"]),
    case(&["list", "--status", "open"], &["open"]),
    case(&["log"], &[]),
    case(&["add"], &[]),
    case(&["cadence"], &[]),
    case(&["cadence", "show", "nosuch"], &["nosuch"]),
    case(&["add", "Zed", "--cadence", "nosuch"], &["nosuch"]),
    case(&["edit", "whit", "--cadence", "nosuch"], &["nosuch"]),
    // Requests that make no sense.
    case(&["add", "   "], &[]),
    case(&["edit", "whit"], &[]),
    case(&["edit", "whit", "--name", ""], &[]),
    case(&["reopen", "whit"], &[]),
    // More date forms, and flags that take a date only.
    case(&["log", "whit", "--promise", "fri 24:00"], &["fri 24:00"]),
    case(&["log", "whit", "--at", "today 08:00:60"], &["08:00:60"]),
    case(&["add", "Zed", "--start", "fri 08:00"], &["fri 08:00"]),
    case(&["log", "whit", "--next", "frid"], &["frid"]),
    case(
        &["cadence", "show", "standard", "--start", "2026-12-03T08:00"],
        &["2026-12-03T08:00"],
    ),
    // The commands not named above.
    case(&["today", "extra"], &["extra"]),
    case(&["show", "whit", "--status", "all"], &["--status"]),
    case(&["list", "--json", "whit"], &["whit"]),
    // Taking things back needs a yes, which nobody can type into a pipe.
    case(&["undo"], &["--yes", "Dana Whitfield"]),
    case(&["delete", "whit"], &["--yes", "Dana Whitfield"]),
    case(&["delete", "nobody", "--yes"], &["nobody"]),
    // Active Dana Whitfield and closed Eve of Dana Corp: delete does not pick one.
    case(&["delete", "dana", "--yes"], &["Dana Whitfield", "Eve"]),
    // A channel and an outcome that cannot go together.
    case(
        &[
            "log",
            "whit",
            "--channel",
            "email",
            "--outcome",
            "voicemail",
        ],
        &[
            "voicemail",
            "email",
            "sent, bounced, replied, meeting, declined",
        ],
    ),
    case(
        &["log", "whit", "--outcome", "sent"],
        &["sent", "call", "voicemail"],
    ),
    case(
        &["log", "whit", "--channel", "text", "--outcome", "connected"],
        &["connected", "text"],
    ),
    // A closed file: logging to it needs a reopen, closing it again says it is closed.
    case(
        &["log", "eve"],
        &["closed", "followup reopen 3", "--reopen"],
    ),
    case(&["close", "eve", "--reason", "won"], &["already closed"]),
    case(
        &["close", "eve", "--reason", "no-response"],
        &["already closed"],
    ),
    // A prospect already on file, by phone (without an email) or by email.
    case(
        &["add", "D. Whitfield", "--phone", "(555) 0147"],
        &["Dana Whitfield", "phone", "--force"],
    ),
    case(&["cadence", "check", "extra"], &["extra"]),
    case(&["cadence", "list"], &["list"]),
    case(&["backup"], &["FILE"]),
    case(&["import"], &["FILE"]),
    case(&["export", "--format", "xml"], &["xml"]),
    case(&["export", "--status", "open"], &["open"]),
    case(&["agenda", "--days", "0"], &["--days"]),
    case(&["agenda", "--days", "many"], &["many"]),
    case(&["agenda", "--ics", "--json"], &["--ics"]),
    case(&["completions", "tcsh"], &["tcsh"]),
    case(&["completions"], &[]),
    case(&["man", "--bogus"], &["--bogus"]),
    case(&["man", "nosuch"], &["nosuch"]),
    case(
        &["man", "--output", "notes.txt"],
        &["notes.txt", "is a file"],
    ),
    // The database: a folder, not a database, a folder that cannot be made, no permission to
    // read it, no permission to write it.
    io(&["--db", "a-folder", "today"], &["a-folder"]),
    io(&["--db", "notes.txt", "list"], &["notes.txt"]),
    io(
        &["--db", "notes.txt/inside.db", "add", "Zed"],
        &["inside.db"],
    ),
    with_mode("followup.db", 0o000, &["today"], &["followup.db"]),
    with_mode("followup.db", 0o000, &["show", "whit"], &["followup.db"]),
    with_mode(
        "followup.db",
        0o444,
        &["add", "Zed"],
        &["followup.db", "read-only"],
    ),
    with_mode("followup.db", 0o444, &["log", "whit"], &["followup.db"]),
    with_mode(
        "followup.db",
        0o444,
        &["close", "whit", "--reason", "won"],
        &["followup.db"],
    ),
    with_mode(
        "followup.db",
        0o444,
        &["edit", "whit", "--phone", "1"],
        &["followup.db"],
    ),
    with_mode("followup.db", 0o444, &["reopen", "eve"], &["followup.db"]),
    with_mode(
        "followup.db",
        0o444,
        &["import", "leads.csv"],
        &["followup.db"],
    ),
    with_mode("followup.db", 0o444, &["today"], &["followup.db"]),
    // The cadence file: missing, a folder, unreadable, not UTF-8, not TOML, an unknown key,
    // a value of the wrong type.
    io(&["--cadence", "no-such.toml", "today"], &["no-such.toml"]),
    io(
        &["--cadence", "a-folder", "cadence", "check"],
        &["a-folder"],
    ),
    with_mode(
        "custom.toml",
        0o000,
        &["--cadence", "custom.toml", "list"],
        &["custom.toml"],
    ),
    case(
        &["--cadence", "latin1.toml", "cadence", "check"],
        &["latin1.toml", "UTF-8"],
    ),
    case(
        &["--cadence", "broken.toml", "today"],
        &["broken.toml", "line 1"],
    ),
    case(
        &["--cadence", "unknown-key.toml", "cadence", "show"],
        &["unknown-key.toml", "cadence.standard.gap_days"],
    ),
    case(
        &["--cadence", "wrong-type.toml", "cadence", "check"],
        &[
            "wrong-type.toml",
            "line 2",
            "cadence.standard.max_touches",
            "whole number",
        ],
    ),
    // Files to import: missing, a folder, unreadable, a bad row, not UTF-8, not an export,
    // options that do not fit.
    io(&["import", "no-such.csv"], &["no-such.csv"]),
    io(&["import", "a-folder"], &["a-folder"]),
    with_mode("leads.csv", 0o000, &["import", "leads.csv"], &["leads.csv"]),
    case(&["import", "bad-row.csv"], &["bad-row.csv", "row 3"]),
    case(&["import", "latin1.csv"], &["latin1.csv", "UTF-8"]),
    case(&["import", "not-an-export.json"], &["not-an-export.json"]),
    case(&["import", "leads.csv", "--map", "Cell"], &["--map"]),
    case(&["import", "leads.csv", "--map", "Cell=phone"], &["Cell"]),
    case(&["import", "leads.csv", "--format", "xml"], &["xml"]),
    // Backups and exports: a target that exists, a folder, a folder that does not exist.
    case(&["backup", "old-backup.db"], &["old-backup.db"]),
    case(&["backup", "a-folder"], &["a-folder"]),
    io(&["backup", "no-such-folder/copy.db"], &["no-such-folder"]),
    io(&["backup", "notes.txt/copy.db"], &["notes.txt"]),
    io(
        &["export", "--output", "no-such-folder/out.csv"],
        &["no-such-folder"],
    ),
    case(&["export", "--output", "a-folder"], &["a-folder"]),
    case(&["agenda", "--ics", "--output", "a-folder"], &["a-folder"]),
    // Writing over the open database or the files SQLite keeps beside it (issue 11), named
    // directly, through `..` or through a link: the book would be lost.
    case(
        &["export", "--output", "followup.db"],
        &["followup.db", "the database itself"],
    ),
    case(
        &["export", "--force", "--output", "a-folder/../followup.db"],
        &["the database itself"],
    ),
    case(
        &["export", "--output", "followup.db-wal"],
        &["write-ahead log"],
    ),
    case(
        &["export", "--output", "link-to-db"],
        &["link-to-db", "the database itself"],
    ),
    case(
        &["agenda", "--ics", "--output", "followup.db"],
        &["the database itself"],
    ),
    case(&["agenda", "--output", "followup.db-journal"], &["journal"]),
    case(
        &["agenda", "--output", "./followup.db-shm"],
        &["shared-memory"],
    ),
    case(&["backup", "followup.db"], &["the database itself"]),
    case(&["backup", "followup.db-wal"], &["write-ahead log"]),
    // A backup named as SQLite names the files beside a database would be deleted by it.
    case(&["backup", "copy.db-journal"], &["-journal"]),
    case(&["backup", "copy-WAL"], &["-wal"]),
    case(&["backup", "copy.db-shm"], &["-shm"]),
    // An export onto a file that exists needs --force, and --force needs a file.
    case(
        &["export", "--output", "notes.txt"],
        &["notes.txt", "--force"],
    ),
    case(
        &["export", "--format", "json", "-o", "leads.csv"],
        &["leads.csv", "--force"],
    ),
    case(&["export", "--force"], &["--output"]),
    // A long value is quoted short: its first 80 characters and its length (issue 11).
    case(&["log", "1", "--at", LONG], &["(200 characters)"]),
    case(&["show", LONG], &["(200 characters)"]),
    case(&["add", "Zoe", "--tz", LONG], &["(200 characters)"]),
    case(&["log", "1", "--outcome", LONG], &["(200 characters)"]),
    // Statistics, scripts, explanations and days away.
    case(&["stats", "--since", "someday"], &["--since", "someday"]),
    case(
        &["stats", "--since", "2026-12-03", "--until", "2026-11-01"],
        &["--since", "--until"],
    ),
    case(&["script", "zzz"], &["zzz"]),
    case(&["script", "whit", "--step", "bogus"], &["bogus"]),
    case(&["why", "nobody"], &["nobody"]),
    case(&["away", "2026-02-30"], &["2026-02-30"]),
    case(&["away", "2026-12-10", "2026-12-01"], &["2026-12-01"]),
    case(&["away", "--list", "2026-12-01"], &["--list"]),
    case(&["away", "--clear", "2026-12-01", "nope"], &["nope"]),
    with_mode(
        "followup.db",
        0o444,
        &["away", "2026-12-10"],
        &["followup.db"],
    ),
    // Holiday calendars: files to import and files the cadence file names.
    io(&["calendar", "import", "no-such.ics"], &["no-such.ics"]),
    io(&["calendar", "import", "a-folder"], &["a-folder"]),
    with_mode(
        "holidays.ics",
        0o000,
        &["calendar", "import", "holidays.ics"],
        &["holidays.ics"],
    ),
    with_mode(
        "followup.db",
        0o444,
        &["calendar", "import", "holidays.ics"],
        &["followup.db"],
    ),
    case(
        &["calendar", "import", "notes.txt"],
        &["notes.txt", "iCalendar"],
    ),
    case(
        &["calendar", "import", "latin1.ics"],
        &["latin1.ics", "UTF-8"],
    ),
    case(&["calendar", "clear"], &["NAME"]),
    case(&["calendar", "clear", "nosuch.ics"], &["nosuch.ics"]),
    case(&["calendar", "show", "--year", "99999"], &["99999"]),
    case(&["calendar", "show", "--year", "abc"], &["abc"]),
    io(
        &["--cadence", "missing-holidays.toml", "today"],
        &["missing-holidays.toml", "no-such.ics"],
    ),
    case(
        &["--cadence", "latin1-holidays.toml", "cadence", "check"],
        &["latin1-holidays.toml", "latin1.ics"],
    ),
    case(
        &["--cadence", "per-day.toml", "cadence", "check"],
        &["calendar.max_touches_per_day", "-1"],
    ),
    // Reading files: strict, bounded, all or nothing (issue 11).
    case(
        &["import", "unclosed.csv"],
        &["unclosed.csv", "row 3", "never closed"],
    ),
    case(&["import", "unclosed.csv", "--dry-run"], &["row 3"]),
    case(&["import", "stray-quote.csv"], &["row 2", "Company"]),
    case(
        &["import", "long-name.csv"],
        &["row 2", "name is 2399 characters long"],
    ),
    case(
        &["import", "unknown-cadence.json"],
        &["prospect 1", "does-not-exist"],
    ),
    case(
        &["import", "future-attempt.json"],
        &["9999-12-31", "future"],
    ),
    io(&["import", "/dev/zero"], &["/dev/zero", "a device"]),
    io(
        &["--cadence", "/dev/zero", "today"],
        &["/dev/zero", "a device"],
    ),
    io(
        &["calendar", "import", "/dev/urandom"],
        &["/dev/urandom", "a device"],
    ),
    io(
        &["--cadence", "zero-holidays.toml", "cadence", "check"],
        &["zero-holidays.toml", "/dev/zero"],
    ),
    case(
        &["--cadence", "huge.toml", "cadence", "check"],
        &["huge.toml", "1 MiB"],
    ),
    case(&["calendar", "import", "huge.ics"], &["huge.ics", "16 MiB"]),
    io(
        &["--db", "negative.db", "today"],
        &["negative.db", "schema version -1"],
    ),
    // A failed command changes nothing, not even the due dates kept for the morning list: a
    // cadence file without the nurture cadence Nora follows.
    case(&["--cadence", "custom.toml", "today"], &["nurture"]),
    case(
        &["--cadence", "custom.toml", "today", "--json"],
        &["nurture"],
    ),
    case(&["--cadence", "custom.toml", "agenda"], &["nurture"]),
    case(&["--cadence", "custom.toml", "why", "nora"], &["nurture"]),
    // Columns that would fill one field.
    case(
        &["import", "leads.csv", "--map", "Phone=name"],
        &["'Phone'", "'Name'"],
    ),
    case(
        &[
            "import",
            "leads.csv",
            "--map",
            "Phone=email",
            "--map",
            "phone=title",
        ],
        &["'Phone' is mapped twice"],
    ),
    case(&["import", "two-names.csv"], &["'Name', 'Full Name'"]),
];

/// Runs every case against one world, checking after each that the database files are
/// unchanged, and at the end that everything a user can read back, and every other file of the
/// world, is unchanged too.
#[track_caller]
fn check_cases(f: &Followup, cases: &[Case]) {
    let before = f.snapshot();
    let files = other_files(f);
    let modes_apply = permission_bits_apply(f.dir());
    let mut skipped = 0;
    for case in cases {
        if f.server().is_some() && about_the_sqlite_file(case) {
            continue;
        }
        let restore = match case.mode {
            Some(_) if !modes_apply => {
                skipped += 1;
                continue;
            }
            Some((file, mode)) => Some(set_mode(&f.dir().join(file), mode)),
            None => None,
        };
        let run = f.run(case.args);
        if let (Some((file, _)), Some(mode)) = (case.mode, restore) {
            set_mode(&f.dir().join(file), mode);
        }
        check_failure(&run, case.code, case.mentions);
        assert_eq!(
            f.db_files(),
            before.files,
            "the database changed after a failed command\n{run}"
        );
    }
    if skipped > 0 {
        eprintln!(
            "note: permission bits are not enforced here (running as root?); skipped the \
             {skipped} cases of unreadable and read-only files"
        );
    }
    assert_eq!(f.snapshot(), before);
    assert_eq!(
        other_files(f),
        files,
        "a failed command left or changed a file"
    );
}

/// Cases about the SQLite file itself (backups of it, writing over it or its companions),
/// which a world on PostgreSQL has no file for.
fn about_the_sqlite_file(case: &Case) -> bool {
    let names_the_file = |text: &str| text.contains("followup.db") || text.contains("link-to-db");
    case.args.contains(&"backup")
        || case.args.iter().any(|arg| names_the_file(arg))
        || case.mode.is_some_and(|(file, _)| names_the_file(file))
}

/// Whether a file without read permission is unreadable here: not for root.
fn permission_bits_apply(dir: &Path) -> bool {
    let probe = dir.join("permission-probe");
    std::fs::write(&probe, "x").expect("a probe file");
    set_mode(&probe, 0o000);
    let enforced = std::fs::read(&probe).is_err();
    std::fs::remove_file(&probe).expect("removing the probe");
    enforced
}

/// Sets a file's permission bits and returns the ones it had.
fn set_mode(path: &Path, mode: u32) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    let old = std::fs::metadata(path)
        .expect("the file exists")
        .permissions()
        .mode()
        & 0o777;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
    old
}

/// Every file and folder of the world except the database, with the files' bytes.
fn other_files(f: &Followup) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    fn walk(dir: &Path, out: &mut BTreeMap<PathBuf, Option<Vec<u8>>>) {
        for entry in std::fs::read_dir(dir).expect("listing a folder") {
            let path = entry.expect("an entry").path();
            if path.is_dir() {
                out.insert(path.clone(), None);
                walk(&path, out);
            } else {
                out.insert(
                    path.clone(),
                    Some(std::fs::read(&path).expect("reading a file")),
                );
            }
        }
    }
    let mut files = BTreeMap::new();
    walk(f.dir(), &mut files);
    files.retain(|path, _| {
        !path
            .file_name()
            .is_some_and(|name| name.to_string_lossy().starts_with("followup.db"))
    });
    files
}

#[track_caller]
fn check_failure(run: &Run, code: i32, mentions: &[&str]) {
    run.fails(code);
    for needle in mentions {
        run.stderr_contains(needle);
    }
}

#[test]
fn bad_input_gets_its_exit_status_and_one_error_line_and_leaves_the_database_unchanged() {
    let f = world();
    write_problem_files(&f);
    assert!(
        BAD_INPUT.len() >= 40,
        "the catalogue holds {}",
        BAD_INPUT.len()
    );
    check_cases(&f, BAD_INPUT);
}

#[test]
fn an_ambiguous_prospect_lists_the_candidates_with_their_ids() {
    let f = world();
    let before = f.snapshot();
    let run = f.run(&["log", "dan"]);
    run.fails(2);
    // "dan" is in Dana Whitfield, Dan Brown and the company Dana Corp.
    let line = run.stderr_line();
    for name in ["Dana Whitfield", "Dan Brown", "Eve"] {
        run.stderr_contains(name);
    }
    // A closed file is marked, which often tells the candidates apart.
    run.stderr_contains("3 Eve (Dana Corp, closed)");
    let numbers: Vec<&str> = line
        .split(|c: char| !c.is_ascii_digit())
        .filter(|word| !word.is_empty())
        .collect();
    for id in ["1", "2", "3"] {
        assert!(numbers.contains(&id), "candidate id {id} is listed\n{run}");
    }
    // The same for every command that takes a PROSPECT.
    for args in [
        &["show", "DAN"][..],
        &["edit", "dan", "--phone", "1"],
        &["close", "dan", "--reason", "won"],
        &["delete", "dan", "--yes"],
    ] {
        let run = f.run(args);
        run.fails(2).stderr_contains("Dan Brown");
    }
    assert_eq!(f.snapshot(), before);

    // Narrowed down, or by id, it is found.
    assert_eq!(f.json(&["show", "dan b", "--json"])["id"], json!(2));
    assert_eq!(f.json(&["show", "3", "--json"])["name"], json!("Eve"));
}

#[test]
fn a_bad_clock_in_followup_now_is_named() {
    let f = world();
    let before = f.db_files();
    for (value, command) in [("someday", "today"), ("2026-02-30", "list"), ("", "today")] {
        let run = f.cmd([command]).env("FOLLOWUP_NOW", value).run();
        run.fails(2).stderr_contains(&format!("'{value}'"));
    }
    assert_eq!(f.db_files(), before);
}

/// Invalid cadence files: (file text, what the message must name besides the file).
const BAD_CADENCE_FILES: &[(&str, &[&str])] = &[
    (
        "[cadence.standard]\ngap_business_days = 4\nbogus_key = 1\n",
        &["bogus_key", "line 3"],
    ),
    ("[mee]\nname = \"Sam\"\n\n[cadence.standard]\n", &["mee"]),
    (
        "[cadence.standard]\nmax_touches = 3\nrescue_after = 2\n",
        &["rescue_after", "max_touches", "line 3"],
    ),
    (
        "[cadence.standard]\n\n[cadence.tight]\nmax_touches = 5\nrescue_after = 4\n",
        &["cadence.tight.rescue_after"],
    ),
    (
        "[cadence.standard]\ngap_business_days = -1\n",
        &["gap_business_days", "-1"],
    ),
    (
        "[calendar]\nholidays = [\"2026-13-01\"]\n\n[cadence.standard]\n",
        &["holidays", "2026-13-01"],
    ),
    (
        "[calendar]\nworkdays = [\"mon\", \"funday\"]\n\n[cadence.standard]\n",
        &["workdays", "funday"],
    ),
    (
        "[cadence.standard]\npromise_time = \"8am\"\n",
        &["promise_time", "8am"],
    ),
    ("[cadence.standard]\ngap_business_days = \n", &["line 2"]),
    ("[cadence.fast]\ngap_business_days = 1\n", &["standard"]),
    (
        "[templates]\nfirst = \"Hi {bogus}\"\n\n[cadence.standard]\n",
        &["first", "bogus"],
    ),
];

#[test]
fn an_invalid_cadence_file_exits_2_naming_the_file_and_the_key() {
    let f = world();
    let before = f.snapshot();
    for (index, (text, mentions)) in BAD_CADENCE_FILES.iter().enumerate() {
        let name = format!("bad-{index}.toml");
        let path = f.write(&name, text);
        for command in [&["cadence", "check"][..], &["today"], &["log", "whit"]] {
            let mut args = vec!["--cadence", path.to_str().expect("UTF-8")];
            args.extend_from_slice(command);
            let run = f.run(&args);
            check_failure(&run, 2, mentions);
            run.stderr_contains(&name);
        }
        // The same file from FOLLOWUP_CADENCE, and as the user's own cadence file.
        let run = f
            .cmd(["cadence", "check"])
            .env("FOLLOWUP_CADENCE", &path)
            .run();
        check_failure(&run, 2, mentions);
        f.write(".config/followup/cadence.toml", text);
        let run = f.run(&["today"]);
        check_failure(&run, 2, mentions);
        run.stderr_contains("cadence.toml");
        std::fs::remove_file(f.dir().join(".config/followup/cadence.toml")).expect("removed");
        assert_eq!(f.db_files(), before.files, "{text}");
    }
    assert_eq!(f.snapshot(), before);
}

#[test]
fn a_db_that_is_a_folder_or_not_a_database_exits_1() {
    let f = world();
    let folder = f.dir().join("a-folder");
    std::fs::create_dir(&folder).expect("a folder");
    let garbage = f.write(
        "notes.txt",
        "these are my notes, not a database\n".repeat(200),
    );
    let garbage_bytes = std::fs::read(&garbage).expect("read");
    let under_a_file = garbage.join("inside.db");

    for (path, mentions) in [
        (&folder, "a-folder"),
        (&garbage, "notes.txt"),
        (&under_a_file, "inside.db"),
    ] {
        for command in [
            &["today"][..],
            &["add", "Zed"],
            &["list", "--json"],
            &["log", "1"],
        ] {
            let mut args = vec!["--db", path.to_str().expect("UTF-8")];
            args.extend_from_slice(command);
            check_failure(&f.run(&args), 1, &[mentions]);
            let run = f.cmd(command.to_vec()).env("FOLLOWUP_DB", path).run();
            check_failure(&run, 1, &[mentions]);
        }
    }
    assert_eq!(
        std::fs::read(&garbage).expect("read"),
        garbage_bytes,
        "left as it was"
    );
    let mut names: Vec<String> = std::fs::read_dir(f.dir())
        .expect("list")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name.starts_with("notes"))
        .collect();
    names.sort();
    assert_eq!(names, ["notes.txt"], "no -wal or -shm file beside it");
    assert_eq!(std::fs::read_dir(&folder).expect("list").count(), 0);
}

#[test]
fn extreme_input_never_panics() {
    let mut f = Followup::new();
    // A value longer than any name is refused, as an import refuses it.
    let long = "x".repeat(100_000);
    f.run(&["add", "Zed", "--company", &long])
        .fails(2)
        .stderr_contains("company is 100000 characters long");
    let long = "x".repeat(500);
    let strange = "Ann\u{1b}[31m Red\u{202e}\ttab\nnewline 🎉 Zoë";
    let id = f.add(
        strange,
        &["--company", &long, "--note", "'; DROP TABLE prospects; --"],
    );
    let shown = f.show(id);
    assert_eq!(shown["name"], json!(strange), "stored exactly");
    assert_eq!(shown["note"], json!("'; DROP TABLE prospects; --"));
    let run = f.ok(&["show", &id.to_string()]);
    assert!(
        !run.stdout.contains('\u{1b}'),
        "no raw escape reaches the terminal\n{run}"
    );
    f.ok(&["today"]);
    f.ok(&["list"]);

    // The edges of the calendar.
    for now in ["1900-01-01", "9999-12-31"] {
        f.at(now);
        let id = f.add("Edge Case", &[]);
        for args in [
            &["log", "edge", "--promise", "tomorrow 08:00"][..],
            &["log", "edge", "--next", "tomorrow"],
            &["log", "edge"],
            &["close", "edge", "--reason", "no-response"],
            &["today", "--json"],
            &["list", "--status", "all", "--json"],
            &["cadence", "show", "nurture", "--json"],
            &["reopen", "edge"],
            &["show", "edge", "--json"],
            &["close", "edge", "--reason", "lost", "--recontact", "mon"],
            &["edit", "edge", "--start", "today"],
        ] {
            let run = f.run(args);
            assert!(matches!(run.code, Some(0 | 2)), "{run}");
            if run.code == Some(2) {
                run.stderr_line();
            }
        }
        f.run(&["edit", &id.to_string(), "--name", &format!("Done {now}")]);
    }
    for value in [
        "0000-01-01",
        "+2026-11-23",
        "10000-01-01",
        "-1",
        "2026-11-23T23:59:60",
    ] {
        f.run(&["--now", value, "today"]).fails(2);
        f.run(&["log", "1", "--at", value]).fails(2);
    }
    f.run(&["show", &"9".repeat(40)]).fails(2);
}

#[test]
fn a_failing_command_with_another_cadence_file_leaves_the_database_unchanged() {
    let f = world();
    let custom = f.write(
        "custom.toml",
        "[calendar]\nholidays = []\n\n[cadence.standard]\ngap_business_days = 2\n",
    );
    let before = f.db_files();
    let run = f.run(&["--cadence", custom.to_str().expect("UTF-8"), "log", "zzz"]);
    run.fails(2);
    assert_eq!(f.db_files(), before, "the database changed\n{run}");
}

#[test]
fn a_missing_argument_is_named() {
    let f = world();
    f.run(&["log"]).fails(2).stderr_contains("PROSPECT");
    f.run(&["add"]).fails(2).stderr_contains("NAME");
    f.run(&["close", "whit"])
        .fails(2)
        .stderr_contains("--reason");
}

#[test]
fn the_cadence_file_may_be_given_after_the_command_too() {
    let f = world();
    let bad = f.write(
        "bad.toml",
        "[cadence.standard]\nrescue_after = 3\nmax_touches = 4\n",
    );
    let bad = bad.to_str().expect("UTF-8");
    for args in [
        &["today", "--cadence", bad][..],
        &["show", "whit", "--cadence", bad],
        &["cadence", "check", "--cadence", bad],
    ] {
        f.run(args)
            .fails(2)
            .stderr_contains("cadence.standard.rescue_after");
    }
    // After `add`, --cadence is the name of the prospect's cadence.
    f.run(&["add", "Zoe", "--cadence", "nurture"]).success();
}

/// Found by the catalogue: SQLite opened a read-only database read-only, and reading it left
/// read-only `-wal` and `-shm` files behind, so that the database stayed read-only after
/// `chmod 600`. It is now refused before anything is read.
#[test]
fn a_read_only_database_is_writable_again_once_its_mode_is_fixed() {
    // About the file's mode: SQLite only.
    let f = world_on(Followup::sqlite());
    if !permission_bits_apply(f.dir()) {
        eprintln!("note: permission bits are not enforced here (running as root?); skipped");
        return;
    }
    let before = f.db_files();
    set_mode(&f.db(), 0o444);
    for args in [
        &["today"][..],
        &["list"],
        &["show", "whit"],
        &["add", "Zed"],
    ] {
        f.run(args)
            .fails(1)
            .stderr_contains("read-only")
            .stderr_contains("chmod 600");
    }
    set_mode(&f.db(), 0o600);
    assert_eq!(f.db_files(), before);
    f.ok(&["add", "Zed"]);
    f.ok(&["log", "whit"]);
}

/// From a hostile tester: `today` under a cadence file without a cadence some prospect
/// follows exited 2, but had already stored the due dates recomputed under that file and
/// their fingerprint. Here the morning list itself succeeds (nothing is due) and the failure
/// comes after it, when the empty day looks for the next action.
#[test]
fn a_failed_command_keeps_no_due_date_recomputed_on_the_way() {
    let f = Followup::new();
    f.add("Ann Ames", &["--start", "2026-12-10"]);
    f.add(
        "Nora Quist",
        &["--cadence", "nurture", "--start", "2026-12-01"],
    );
    let without_nurture = f.write("custom.toml", "[cadence.standard]\ngap_business_days = 2\n");
    let before = f.db_files();
    for command in [
        &["today"][..],
        &["agenda", "--days", "20"],
        &["why", "nora"],
    ] {
        let mut args = vec!["--cadence", without_nurture.to_str().expect("UTF-8")];
        args.extend_from_slice(command);
        f.run(&args).fails(2).stderr_contains("nurture");
        assert_eq!(f.db_files(), before, "{command:?} changed the database");
    }
    // A command that succeeds keeps the recomputed dates: the next run has nothing to redo.
    let with_nurture = f.write(
        "both.toml",
        "[cadence.standard]\ngap_business_days = 2\n\n[cadence.nurture]\n",
    );
    let args = ["--cadence", with_nurture.to_str().expect("UTF-8"), "today"];
    f.ok(&args);
    let after = f.db_files();
    assert_ne!(after, before, "the new rules' fingerprint is stored");
    f.ok(&args);
    assert_eq!(f.db_files(), after);
}

/// Found by a hostile tester: `import /dev/zero` and friends grew memory without bound, and a
/// named pipe would wait for a writer forever. Neither is opened now.
#[test]
fn a_named_pipe_is_refused_without_waiting_for_a_writer() {
    let f = world();
    let fifo = f.dir().join("leads.csv");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|status| status.success()) {
        eprintln!("note: mkfifo is not available here; skipped");
        return;
    }
    let before = f.db_files();
    let fifo = fifo.to_str().expect("UTF-8");
    for args in [
        &["import", fifo][..],
        &["calendar", "import", fifo],
        &["--cadence", fifo, "today"],
    ] {
        f.run(args).fails(1).stderr_contains("a named pipe");
    }
    assert_eq!(f.db_files(), before);
}
