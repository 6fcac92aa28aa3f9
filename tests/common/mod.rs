//! The harness every integration test uses: the real `followup` binary, run against a private
//! temporary folder, with a pinned clock and nothing from the user's environment.
//!
//! ```ignore
//! let mut f = Followup::new();
//! f.at("2026-11-23").run(&["add", "Dana"]).success();
//! let due = f.today_json();
//! f.run(&["log", "nobody"]).fails(2).stderr_contains("nobody");
//! ```
//!
//! Every run checks, whatever the test, that the binary did not panic and that its exit status
//! is one of the three of cli.md.
//!
//! The database is a SQLite file, or with `FOLLOWUP_TEST_ENGINE=postgres` a fresh database in
//! a throwaway PostgreSQL cluster (see cluster.rs): the same tests run on both engines. Tests
//! about the SQLite file itself (its bytes, its permissions, backups, fixtures) make their
//! world with [`Followup::sqlite`], which ignores the variable.

#![allow(dead_code)] // each test binary uses its own part of the harness

pub mod cluster;
pub mod team;
pub mod tmux;

use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

use serde_json::Value;
use tempfile::TempDir;

/// Monday 2026-11-23, the first day of cadence.md's worked examples.
pub const MONDAY: &str = "2026-11-23";

/// A private world for the binary: a temporary folder that holds the database and serves as
/// `$HOME`, and a clock that only moves when the test says so.
pub struct Followup {
    dir: TempDir,
    now: Option<String>,
    /// The PostgreSQL database's URL; `None` for the SQLite file in `dir`.
    server: Option<String>,
}

/// Which engine the suite runs on: `FOLLOWUP_TEST_ENGINE` is `sqlite` (or unset) or
/// `postgres`.
pub fn on_postgres() -> bool {
    match std::env::var("FOLLOWUP_TEST_ENGINE").as_deref() {
        Ok("postgres") => true,
        Ok("sqlite") | Err(_) => false,
        Ok(other) => panic!("FOLLOWUP_TEST_ENGINE is sqlite or postgres, not {other:?}"),
    }
}

impl Default for Followup {
    fn default() -> Self {
        Followup::new()
    }
}

impl Followup {
    /// A fresh world whose clock reads Mon 2026-11-23 09:00, on the engine the suite runs on.
    pub fn new() -> Followup {
        let mut world = Followup::sqlite();
        if on_postgres() {
            world.server = Some(cluster::required_cluster().new_database());
        }
        world
    }

    /// A fresh world on a SQLite file whatever the engine of the suite, for tests of the file
    /// itself.
    pub fn sqlite() -> Followup {
        Followup {
            dir: tempfile::Builder::new()
                .prefix("followup-itest")
                .tempdir()
                .expect("a temporary folder"),
            now: Some(MONDAY.to_string()),
            server: None,
        }
    }

    /// A fresh world on a database of the test cluster, or `None` (with the reason printed)
    /// when PostgreSQL is not installed: for tests of PostgreSQL itself.
    pub fn postgres() -> Option<Followup> {
        let cluster = cluster::cluster()?;
        let mut world = Followup::sqlite();
        world.server = Some(cluster.new_database());
        Some(world)
    }

    /// Makes this world's database a copy of `template`'s. A SQLite file is copied with the
    /// folder, by the caller; a PostgreSQL database is copied here, in the server.
    pub fn copy_database_of(&mut self, template: &Followup) {
        if let Some(url) = &template.server {
            self.server = Some(cluster::required_cluster().copy_database(url));
        }
    }

    /// The PostgreSQL database's URL, if the world is on one.
    pub fn server(&self) -> Option<&str> {
        self.server.as_deref()
    }

    /// What `FOLLOWUP_DB` is set to: the file's path or the database's URL.
    pub fn location(&self) -> std::ffi::OsString {
        match &self.server {
            Some(url) => url.into(),
            None => self.db().into_os_string(),
        }
    }

    /// Moves the clock (`FOLLOWUP_NOW`): `YYYY-MM-DD` (09:00) or `YYYY-MM-DDTHH:MM`.
    pub fn at(&mut self, now: &str) -> &mut Self {
        self.now = Some(now.to_string());
        self
    }

    /// Leaves `FOLLOWUP_NOW` unset, for tests of `--now` itself.
    pub fn unpinned(&mut self) -> &mut Self {
        self.now = None;
        self
    }

    pub fn now(&self) -> Option<&str> {
        self.now.as_deref()
    }

    /// The temporary folder, also `$HOME`.
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The SQLite file the harness points `FOLLOWUP_DB` at. A test that reads the file itself
    /// must make its world with [`Followup::sqlite`].
    #[track_caller]
    pub fn db(&self) -> PathBuf {
        assert!(
            self.server.is_none(),
            "this test reads the SQLite file: make its world with Followup::sqlite()"
        );
        self.sqlite_path()
    }

    fn sqlite_path(&self) -> PathBuf {
        self.dir().join("followup.db")
    }

    /// The one value (as text, or `None` for NULL or no row) of a query run behind the
    /// binary's back, on whichever engine the world is on. `sql` must read the same on both.
    pub fn sql_text(&self, sql: &str) -> Option<String> {
        match &self.server {
            Some(url) => cluster::required_cluster()
                .connect(url)
                .query_opt(sql, &[])
                .expect("querying the test database")
                .and_then(|row| row.get(0)),
            None => {
                use rusqlite::OptionalExtension;
                rusqlite::Connection::open(self.sqlite_path())
                    .expect("opening the database")
                    .query_row(sql, [], |row| row.get(0))
                    .optional()
                    .expect("querying the test database")
                    .flatten()
            }
        }
    }

    /// Writes a file into the temporary folder and returns its path.
    pub fn write(&self, name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir().join(name);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).expect("creating a folder");
        }
        std::fs::write(&path, contents).expect("writing a file");
        path
    }

    /// A command line about to run, to adjust before [`Invocation::run`].
    pub fn cmd<I, S>(&self, args: I) -> Invocation
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut command =
            assert_cmd::Command::cargo_bin("followup").expect("the followup binary is built");
        for (key, _) in std::env::vars_os() {
            let key_text = key.to_string_lossy();
            if key_text.starts_with("FOLLOWUP_") || key_text.starts_with("XDG_") {
                command.env_remove(&key);
            }
        }
        // Output is piped here, so `COLUMNS` sets its width: pinned like the clock, so that
        // text for people wraps the same everywhere; tests of the width set or remove it.
        command.env("COLUMNS", "100");
        command
            .current_dir(self.dir())
            .env("HOME", self.dir())
            .env("FOLLOWUP_DB", self.location());
        if let Some(now) = &self.now {
            command.env("FOLLOWUP_NOW", now);
        }
        let args: Vec<String> = args
            .into_iter()
            .map(|arg| arg.as_ref().to_string_lossy().into_owned())
            .collect();
        command.args(&args);
        Invocation { command, args }
    }

    /// The same command line as a plain process, for tests that choose where its standard
    /// output goes (`/dev/full`, a pipe closed early).
    pub fn process(&self, args: &[&str]) -> std::process::Command {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_followup"));
        for (key, _) in std::env::vars_os() {
            let key_text = key.to_string_lossy();
            if key_text.starts_with("FOLLOWUP_") || key_text.starts_with("XDG_") {
                command.env_remove(&key);
            }
        }
        command
            .current_dir(self.dir())
            .env("HOME", self.dir())
            .env("FOLLOWUP_DB", self.location())
            .args(args);
        if let Some(now) = &self.now {
            command.env("FOLLOWUP_NOW", now);
        }
        command
    }

    /// Runs `followup ARGS` with the clock and database of this world.
    #[track_caller]
    pub fn run(&self, args: &[&str]) -> Run {
        self.cmd(args).run()
    }

    /// Runs `followup ARGS` and checks that it succeeded.
    #[track_caller]
    pub fn ok(&self, args: &[&str]) -> Run {
        let run = self.run(args);
        run.success();
        run
    }

    /// `followup ARGS` that must succeed and print JSON.
    #[track_caller]
    pub fn json(&self, args: &[&str]) -> Value {
        self.ok(args).stdout_json()
    }

    /// Adds a prospect (`add NAME FLAGS... --json`) and returns its id.
    #[track_caller]
    pub fn add(&self, name: &str, flags: &[&str]) -> i64 {
        let mut args = vec!["add", name];
        args.extend_from_slice(flags);
        args.push("--json");
        let added = self.json(&args);
        added["id"]
            .as_i64()
            .unwrap_or_else(|| panic!("`add --json` gave no integer id: {added}"))
    }

    /// Logs an attempt to prospect `id` with the given flags, and checks it succeeded.
    #[track_caller]
    pub fn log(&self, id: i64, flags: &[&str]) -> Run {
        let id = id.to_string();
        let mut args = vec!["log", id.as_str()];
        args.extend_from_slice(flags);
        self.ok(&args)
    }

    /// `today --json`, as an array.
    #[track_caller]
    pub fn today_json(&self) -> Vec<Value> {
        match self.json(&["today", "--json"]) {
            Value::Array(items) => items,
            other => panic!("`today --json` is not an array: {other}"),
        }
    }

    /// `show ID --json`.
    #[track_caller]
    pub fn show(&self, id: i64) -> Value {
        self.json(&["show", &id.to_string(), "--json"])
    }

    /// Everything a user can read back: every prospect with its history and next action,
    /// and the database file's bytes (with any write-ahead log beside it), or on PostgreSQL
    /// every row of every table.
    #[track_caller]
    pub fn snapshot(&self) -> Snapshot {
        let list = self.json(&["list", "--status", "all", "--json"]);
        let shows = list
            .as_array()
            .expect("`list --json` is an array")
            .iter()
            .map(|entry| self.show(entry["id"].as_i64().expect("an id")))
            .collect();
        Snapshot {
            views: Value::Array(vec![list, Value::Array(shows)]),
            files: self.db_files(),
        }
    }

    /// The bytes of the database file and of its `-wal` and `-journal` companions, if any;
    /// on PostgreSQL, a dump of every table's rows in place of the file.
    pub fn db_files(&self) -> DbFiles {
        if let Some(url) = &self.server {
            return DbFiles {
                main: dump(url).into_bytes(),
                wal: None,
                journal: None,
            };
        }
        let read = |suffix: &str| {
            let mut path = self.sqlite_path().into_os_string();
            path.push(suffix);
            std::fs::read(PathBuf::from(path)).ok()
        };
        DbFiles {
            main: read("").expect("the database file exists"),
            wal: read("-wal").filter(|bytes| !bytes.is_empty()),
            journal: read("-journal").filter(|bytes| !bytes.is_empty()),
        }
    }
}

/// Every row of every table of the PostgreSQL database at `url`, as JSON, table by table and
/// in a fixed order.
fn dump(url: &str) -> String {
    let mut client = cluster::required_cluster().connect(url);
    let tables: Vec<String> = client
        .query(
            "SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
            &[],
        )
        .expect("listing tables")
        .iter()
        .map(|row| row.get(0))
        .collect();
    let mut out = String::new();
    for table in tables {
        out.push_str(&format!("-- {table}\n"));
        let sql = format!("SELECT row_to_json(t)::text AS row FROM \"{table}\" AS t ORDER BY 1");
        for row in client.query(&sql, &[]).expect("dumping a table") {
            out.push_str(row.get::<_, &str>(0));
            out.push('\n');
        }
    }
    out
}

/// The database files, byte for byte.
#[derive(PartialEq, Eq)]
pub struct DbFiles {
    pub main: Vec<u8>,
    pub wal: Option<Vec<u8>>,
    pub journal: Option<Vec<u8>>,
}

impl fmt::Debug for DbFiles {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let size = |bytes: &Option<Vec<u8>>| bytes.as_ref().map(Vec::len);
        f.debug_struct("DbFiles")
            .field("main_bytes", &self.main.len())
            .field("wal_bytes", &size(&self.wal))
            .field("journal_bytes", &size(&self.journal))
            .finish()
    }
}

/// What a user could see of the data, and the files that hold it.
#[derive(Debug, PartialEq)]
pub struct Snapshot {
    pub views: Value,
    pub files: DbFiles,
}

/// A command line, built but not yet run.
pub struct Invocation {
    command: assert_cmd::Command,
    args: Vec<String>,
}

impl Invocation {
    pub fn env(mut self, key: &str, value: impl AsRef<OsStr>) -> Invocation {
        self.command.env(key, value);
        self
    }

    pub fn env_remove(mut self, key: &str) -> Invocation {
        self.command.env_remove(key);
        self
    }

    #[track_caller]
    pub fn run(mut self) -> Run {
        let output = self.command.output().expect("running followup");
        let run = Run {
            args: self.args,
            code: output.status.code(),
            stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
            stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
        };
        assert!(
            !run.stderr.contains("panicked") && !run.stderr.contains("RUST_BACKTRACE"),
            "followup panicked\n{run}"
        );
        assert!(
            matches!(run.code, Some(0..=2)),
            "exit status outside cli.md's 0, 1, 2\n{run}"
        );
        run
    }
}

/// The result of one run of the binary, with assertions that name the command line and show
/// its output when they fail.
#[derive(Debug, Clone)]
pub struct Run {
    pub args: Vec<String>,
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "command: followup {}\nexit: {:?}\n--- stdout\n{}\n--- stderr\n{}",
            self.args.join(" "),
            self.code,
            self.stdout,
            self.stderr
        )
    }
}

impl Run {
    #[track_caller]
    pub fn success(&self) -> &Run {
        assert_eq!(self.code, Some(0), "expected success\n{self}");
        self
    }

    #[track_caller]
    pub fn code(&self, code: i32) -> &Run {
        assert_eq!(self.code, Some(code), "expected exit status {code}\n{self}");
        self
    }

    /// Exit status `code`, nothing on stdout, and on stderr the one `error: ` line of cli.md.
    #[track_caller]
    pub fn fails(&self, code: i32) -> &Run {
        self.code(code);
        assert_eq!(
            self.stdout, "",
            "a failed command printed to stdout\n{self}"
        );
        self.stderr_line();
        self
    }

    /// The single line on stderr, which must start with `error: `.
    #[track_caller]
    pub fn stderr_line(&self) -> &str {
        let line = self
            .stderr
            .strip_suffix('\n')
            .unwrap_or_else(|| panic!("stderr does not end with a newline\n{self}"));
        assert!(!line.contains('\n'), "stderr is not one line\n{self}");
        assert!(
            line.starts_with("error: "),
            "stderr does not start with `error: `\n{self}"
        );
        line
    }

    #[track_caller]
    pub fn stderr_contains(&self, needle: &str) -> &Run {
        assert!(
            self.stderr.contains(needle),
            "stderr does not contain {needle:?}\n{self}"
        );
        self
    }

    #[track_caller]
    pub fn stdout_contains(&self, needle: &str) -> &Run {
        assert!(
            self.stdout.contains(needle),
            "stdout does not contain {needle:?}\n{self}"
        );
        self
    }

    /// Like [`Run::stdout_contains`], but for a sentence that may be wrapped over several
    /// lines: any run of spaces, line breaks and indentation counts as one space.
    #[track_caller]
    pub fn stdout_says(&self, sentence: &str) -> &Run {
        let words = |text: &str| text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            words(&self.stdout).contains(&words(sentence)),
            "stdout does not say {sentence:?}\n{self}"
        );
        self
    }

    #[track_caller]
    pub fn stdout_json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("stdout is not JSON ({error})\n{self}"))
    }
}

/// The fields of one `today --json` element that the worked examples fix, for comparing
/// against a row of cadence.md.
#[derive(Debug, PartialEq, Eq)]
pub struct Due {
    pub step: String,
    pub due: String,
    pub touch: Option<i64>,
}

impl Due {
    pub fn of(item: &Value) -> Due {
        Due {
            step: item["step"].as_str().expect("step is a string").to_string(),
            due: item["due"].as_str().expect("due is a string").to_string(),
            touch: item["touch"].as_i64(),
        }
    }
}

/// The calendar dates from `from` to `to`, both included, as `YYYY-MM-DD`.
pub fn days(from: &str, to: &str) -> Vec<String> {
    let parse = |text: &str| chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("a date");
    let (mut day, last) = (parse(from), parse(to));
    let mut out = Vec::new();
    while day <= last {
        out.push(day.format("%Y-%m-%d").to_string());
        day = day.succ_opt().expect("a next day");
    }
    out
}

/// The names, in order, of `today --json` elements.
pub fn names(items: &[Value]) -> Vec<&str> {
    items
        .iter()
        .map(|item| item["name"].as_str().expect("name is a string"))
        .collect()
}

/// Dana Whitfield's details as the worked examples of cadence.md use them: what the messages
/// recall (company, topic, agreed next step) and a phone to call.
pub const DANA: [&str; 8] = [
    "--company",
    "Lakeside Dental",
    "--phone",
    "555-0147",
    "--topic",
    "ergonomic chairs",
    "--next-step",
    "a quote for 12 chairs",
];
