//! The database: the only module that speaks SQL. Two engines sit behind one interface: a
//! SQLite file (one salesperson) or a PostgreSQL server (a team). The tracker never knows
//! which.
//!
//! Every command's writes happen inside one [`Writer`], a transaction that commits only when
//! the whole command succeeded; dropping it rolls back. Reads go through a [`Reader`]. Values
//! are always bound as parameters, never spliced into SQL text. Statements are written once
//! (see conn.rs); the few whose text differs between the engines say so.

mod audit;
mod book_file;
mod conn;
mod days_off;
mod error;
mod history;
mod journal;
mod location;
mod migrations;
mod new_prospects;
mod ownership;
mod pg_migrations;
mod planned;
mod postgres_server;
mod promises;
mod reps;
mod rows;
mod stat_facts;
mod stored_time;
mod team;
mod team_settings;
mod value;

use std::cell::Cell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{NaiveDate, NaiveDateTime};
use postgres::types::Type;
use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use audit::{AddedIds, AuditEntry, AuditFilter, AuditRow, OwnChange};
use conn::{Conn, Dialect, Param, PgConn, Row};
pub use error::StoreError;
use error::{Context, DbError};
pub use history::{Effect, LastLogged};
pub use location::Location;
pub use migrations::CURRENT_VERSION;
pub use new_prospects::NewProspects;
pub use ownership::Claim;
pub use planned::Planned;
pub use stat_facts::FactScope;
pub use team::{
    NewRep, RoleMade, SessionRole, nologin_statement, quote_identifier, role_statements,
};

use crate::domain::{Attempt, Channel, Outcome, Prospect, ProspectId, ProspectLine, Status, Step};

/// The key of the advisory lock every write on PostgreSQL takes: "fup-writ" in ASCII.
const WRITE_LOCK: i64 = 0x6675_702d_7772_6974;

/// How long a command waits for another one holding the write lock before giving up.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// An open database.
pub struct Store {
    engine: Engine,
}

enum Engine {
    Sqlite {
        conn: Connection,
        path: PathBuf,
    },
    Postgres {
        /// Boxed: a session is much larger than SQLite's handle.
        conn: Box<PgConn>,
        /// Where the server is, without any password, for messages.
        target: String,
    },
}

/// Which prospects a scan of the book visits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    /// Those in a status; all of them for `None`.
    Status(Option<Status>),
    /// Those whose next action may be due on or before `day` (see `set_planned`). On a team
    /// book, a due date stored by a session in another time zone may be up to a business day
    /// later than this session's engine finds, the dates of the same instants being a day
    /// later there (pg_migrations.rs, the step of `due_zone`): those are read up to `slack`,
    /// the business day after `day` under every calendar the session uses.
    DueBy { day: NaiveDate, slack: NaiveDate },
    /// Those whose next action may be a promised call on a day after `after` through `last`
    /// (see `promises::promised_between`): a superset the engine narrows down.
    PromisedBetween { after: NaiveDate, last: NaiveDate },
    /// The files rep `.0` holds on a team book: those whose dates their days away move.
    Owner(i64),
}

impl Selection {
    /// The SQL condition on `prospects` and its parameters; the texts are fixed, the values
    /// are bound.
    fn condition(self, dialect: Dialect) -> (&'static str, Vec<Box<dyn Param>>) {
        match self {
            Selection::Status(None) => ("TRUE", Vec::new()),
            Selection::Status(Some(status)) => ("status = ?1", vec![Box::new(status)]),
            Selection::DueBy { day, .. } if dialect == Dialect::Sqlite => {
                ("due_on <= ?1", vec![Box::new(day)])
            }
            // The slack first, so that the index on the due date bounds the scan.
            Selection::DueBy { day, slack } => (
                "due_on <= ?2
                 AND (due_on <= ?1 OR due_zone IS DISTINCT FROM current_setting('TimeZone'))",
                vec![Box::new(day), Box::new(slack.max(day))],
            ),
            Selection::Owner(rep) => ("owner = ?1", vec![Box::new(rep)]),
            Selection::PromisedBetween { after, last } => {
                promises::promised_between(dialect, after, last)
            }
        }
    }

    /// [`Selection::condition`], narrowed to the files of rep `mine` and the pool's when
    /// given: a rep's morning list on a team book. The filter is SQL's, not row-level
    /// security's, so that it holds for a role that bypasses the policies too.
    fn scoped(self, dialect: Dialect, mine: Option<i64>) -> (String, Vec<Box<dyn Param>>) {
        let (condition, mut values) = self.condition(dialect);
        match mine {
            None => (condition.to_string(), values),
            Some(rep) => {
                values.push(Box::new(rep));
                let n = values.len();
                (
                    format!("({condition}) AND (owner = ?{n} OR owner IS NULL)"),
                    values,
                )
            }
        }
    }
}

/// A prospect's id, name and company: what `PROSPECT` arguments are matched against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameEntry {
    pub id: ProspectId,
    pub name: String,
    pub company: Option<String>,
    pub status: Status,
}

/// An attempt about to be recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewAttempt {
    pub prospect_id: ProspectId,
    pub at: NaiveDateTime,
    pub channel: Channel,
    pub outcome: Outcome,
    pub step: Step,
    pub note: Option<String>,
    pub promise: Option<NaiveDateTime>,
    pub next: Option<NaiveDate>,
    pub logged_at: NaiveDateTime,
}

/// A prospect's email and phone: what tells whether an imported prospect is already on file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactKeys {
    pub id: ProspectId,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// A stored attempt with when it was logged, for exports that must keep everything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttemptRecord {
    pub attempt: Attempt,
    pub logged_at: NaiveDateTime,
    /// The value item its message carried (`value add`), if any.
    pub value_item: Option<i64>,
}

impl NewAttempt {
    /// The attempt as it will read back, for running the engine before it is stored.
    pub fn as_attempt(&self) -> Attempt {
        Attempt {
            id: i64::MAX,
            prospect_id: self.prospect_id,
            at: self.at,
            channel: self.channel,
            outcome: self.outcome,
            step: self.step,
            note: self.note.clone(),
            promise: self.promise,
            next: self.next,
            rep: None,
        }
    }
}

impl Store {
    /// Opens the database `location` names: a SQLite file (see [`Store::open`]) or a
    /// PostgreSQL server (see [`Store::connect`]). `zone` is the salesperson's, the wall
    /// clock of every time the store reads and writes.
    pub fn open_at(location: &Location, zone: chrono_tz::Tz) -> Result<Store, StoreError> {
        match location {
            Location::File(path) => Store::open(path),
            Location::Server(url) => Store::connect(url, zone),
        }
    }

    /// Connects to the PostgreSQL database of the URL and brings its schema up to date. The
    /// server keeps instants; the session reads and writes them in `zone`'s wall clock (a
    /// SQLite file keeps the wall clock itself, which needs no zone here).
    pub fn connect(url: &str, zone: chrono_tz::Tz) -> Result<Store, StoreError> {
        let (conn, target) = postgres_server::connect(url, zone)?;
        pg_migrations::migrate(&conn).map_err(|error| team::no_access(&conn, &target, error))?;
        Ok(Store {
            engine: Engine::Postgres {
                conn: Box::new(conn),
                target,
            },
        })
    }

    /// Opens the database at `path`, creating it (and its folder) readable by its owner only
    /// if it does not exist, and upgrading its schema if it is older than this build.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        if path.is_dir() {
            return Err(StoreError::IsADirectory {
                path: path.to_path_buf(),
            });
        }
        if !path.exists() {
            create_private_file(path)?;
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .context("opening the database")?;
        // SQLite quietly opens a file it may not write read-only, and reading it would leave
        // read-only `-wal` and `-shm` files that keep it read-only after its mode is fixed.
        if conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false) {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
            });
        }
        Store::prepare(conn, path)
    }

    /// A private database in memory, for examples and tests.
    pub fn in_memory() -> Result<Store, StoreError> {
        let conn = Connection::open_in_memory().context("opening an in-memory database")?;
        Store::prepare(conn, Path::new(":memory:"))
    }

    fn prepare(mut conn: Connection, path: &Path) -> Result<Store, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)
            .context("setting the busy timeout")?;
        // Reading the schema version is the first read of the file: it tells whether the file
        // is a database at all, and a file from a newer followup is refused before anything
        // (even the journal mode) is changed in it.
        let version = migrations::schema_version(&conn).map_err(|error| match error {
            StoreError::Sqlite { source, .. } => not_a_database(path, source),
            other => other,
        })?;
        migrations::refuse_unknown(version, path)?;
        conn.pragma_update(None, "foreign_keys", true)
            .context("enabling foreign keys")?;
        // A file of this build's schema was set up when it was made or upgraded: the
        // write-ahead log is a lasting property of the file, so every command after the first
        // starts without that write and without looking for upgrades.
        let current = version == migrations::CURRENT_VERSION;
        // An in-memory database answers "memory" and stays so; files switch to WAL once, and
        // again when an import under the rollback journal ended before putting the book back
        // (journal.rs; SQLite has played its journal back by now, on the version's read).
        if !current || journal::left_out_of_wal(&conn)? {
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
                .context("enabling the write-ahead log")?;
        }
        conn.pragma_update(None, "synchronous", "NORMAL")
            .context("setting synchronous mode")?;
        if !current {
            migrations::migrate(&mut conn, path)?;
        }
        Ok(Store {
            engine: Engine::Sqlite {
                conn,
                path: path.to_path_buf(),
            },
        })
    }

    /// The SQLite file, or `None` on PostgreSQL.
    pub fn path(&self) -> Option<&Path> {
        match &self.engine {
            Engine::Sqlite { path, .. } => Some(path),
            Engine::Postgres { .. } => None,
        }
    }

    /// Where the data lives, for messages: the file's path or the server's address.
    pub fn describe(&self) -> String {
        match &self.engine {
            Engine::Sqlite { path, .. } => path.display().to_string(),
            Engine::Postgres { target, .. } => target.clone(),
        }
    }

    fn conn(&self) -> Conn<'_> {
        match &self.engine {
            Engine::Sqlite { conn, .. } => Conn::Sqlite(conn),
            Engine::Postgres { conn, .. } => Conn::Postgres(conn),
        }
    }

    pub fn reader(&self) -> Reader<'_> {
        Reader { conn: self.conn() }
    }

    /// Runs `work` in one transaction: committed if it returns `Ok`, rolled back otherwise,
    /// so a failed command leaves the database as it was. On SQLite the transaction is
    /// immediate: it holds the write lock from the start.
    pub fn write<T, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&Writer<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        match &mut self.engine {
            Engine::Sqlite { conn, .. } => {
                let tx = conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)
                    .context("starting a write")?;
                let writer = Writer { tx: Tx::Sqlite(tx) };
                let value = work(&writer)?;
                writer.commit()?;
                Ok(value)
            }
            Engine::Postgres { conn, .. } => Store::write_postgres(conn, work),
        }
    }

    fn write_postgres<T, E: From<StoreError>>(
        conn: &PgConn,
        work: impl FnOnce(&Writer<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        // Dropping the writer rolls back, whatever fails, the start included.
        let writer = Writer {
            tx: Tx::Postgres(PgTx {
                conn,
                open: Cell::new(true),
            }),
        };
        // One writer at a time, as SQLite's immediate transactions have it: commands read a
        // file, work out what changes and write it back, and must not interleave with another
        // command's doing the same. Readers are never held up. The wait ends after the
        // same time as SQLite's busy timeout.
        conn.begin_locked(WRITE_LOCK, BUSY_TIMEOUT)
            .context("waiting for another command's write")?;
        let value = work(&writer)?;
        writer.commit()?;
        Ok(value)
    }

    /// Runs `work` in one immediate transaction like [`Store::write`], leaving the store
    /// readable meanwhile: reads through [`Store::reader`] while `work` runs see what it wrote.
    /// For a command that reads over bookkeeping it brings up to date first, so that the
    /// bookkeeping is kept only if the whole command succeeds.
    pub fn write_while_reading<T, E: From<StoreError>>(
        &self,
        work: impl FnOnce(&Writer<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        match &self.engine {
            Engine::Sqlite { conn, .. } => {
                // Unchecked: the connection is shared with the readers, which is what is
                // wanted; no other transaction is open, since every write borrows the store
                // mutably.
                let tx = Transaction::new_unchecked(conn, TransactionBehavior::Immediate)
                    .context("starting a write")?;
                let writer = Writer { tx: Tx::Sqlite(tx) };
                let value = work(&writer)?;
                writer.commit()?;
                Ok(value)
            }
            // The session is shared with the readers the same way.
            Engine::Postgres { conn, .. } => Store::write_postgres(conn, work),
        }
    }

    /// The file's permission bits when people other than its owner may read or write it
    /// (`None` when it is private, on systems without Unix permissions, or on a server, whose
    /// roles say who reads what).
    pub fn loose_permissions(&self) -> Option<u32> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let path = self.path()?;
            let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
            (mode & 0o077 != 0).then_some(mode)
        }
        #[cfg(not(unix))]
        None
    }

    /// Copies the whole database into `target`, an empty file the caller made (private, and
    /// renamed into place by the caller once complete), with SQLite's online backup: a
    /// consistent snapshot even while other commands write.
    pub fn backup_to(&self, target: &Path) -> Result<(), StoreError> {
        match &self.engine {
            Engine::Sqlite { conn, .. } => conn
                .backup(
                    rusqlite::MAIN_DB,
                    target,
                    None::<fn(rusqlite::backup::Progress)>,
                )
                .context("backing up the database"),
            Engine::Postgres { .. } => Err(StoreError::SqliteOnly {
                what: "backup",
                instead: "back up a PostgreSQL database with the server's own tools (pg_dump)",
            }),
        }
    }
}

fn not_a_database(path: &Path, error: rusqlite::Error) -> StoreError {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => StoreError::NotADatabase {
            path: path.to_path_buf(),
            detail: error.to_string(),
        },
        _ => StoreError::Sqlite {
            context: "opening the database",
            source: error,
        },
    }
}

/// Creates the database file, and any missing folder, readable and writable by the owner only:
/// the file holds people's names and phone numbers.
fn create_private_file(path: &Path) -> Result<(), StoreError> {
    let failed = |source| StoreError::Create {
        path: path.to_path_buf(),
        source,
    };
    if let Some(folder) = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        && !folder.exists()
    {
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(folder).map_err(failed)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    match options.open(path) {
        Ok(_) => Ok(()),
        // Another command created it first: that is fine.
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(failed(error)),
    }
}

/// Read-only queries, usable on the store or inside a write.
#[derive(Clone, Copy)]
pub struct Reader<'c> {
    conn: Conn<'c>,
}

/// How many prospects a scan of a PostgreSQL book holds at a time.
const PAGE: i64 = 500;

/// A row of `id, name, email, phone`.
fn contact_keys(row: &Row<'_>) -> Result<ContactKeys, DbError> {
    Ok(ContactKeys {
        id: row.get(0)?,
        name: row.get(1)?,
        email: row.get(2)?,
        phone: row.get(3)?,
    })
}

impl Reader<'_> {
    /// Every row of one query, each read by `read`; `context` says what was being read.
    fn rows<T>(
        &self,
        sql: &str,
        params: &[&dyn Param],
        read: impl FnMut(&Row<'_>) -> Result<T, DbError>,
        context: &'static str,
    ) -> Result<Vec<T>, StoreError> {
        self.conn.rows(sql, params, read, context)
    }

    pub fn prospect(&self, id: ProspectId) -> Result<Option<Prospect>, StoreError> {
        self.conn.first(
            &format!(
                "SELECT {} FROM prospects WHERE id = ?1",
                rows::PROSPECT_COLUMNS
            ),
            &[&id],
            rows::prospect,
            "reading a prospect",
        )
    }

    /// Prospects in a status (all of them for `None`), by id.
    pub fn prospects(&self, status: Option<Status>) -> Result<Vec<Prospect>, StoreError> {
        self.rows(
            &format!(
                "SELECT {} FROM prospects WHERE status = ?1 OR ?1 IS NULL ORDER BY id",
                rows::PROSPECT_COLUMNS
            ),
            &[&status],
            rows::prospect,
            "listing prospects",
        )
    }

    /// Visits the prospects in a status (all for `None`) by id, each as a table's line shows
    /// it with its stored plan: one scan of `prospects` alone, each row given before the next
    /// is read (on SQLite; a server's client reads a result whole).
    pub fn each_line<E: From<StoreError>>(
        &self,
        status: Option<Status>,
        mut visit: impl FnMut(ProspectLine, Planned) -> Result<(), E>,
    ) -> Result<(), E> {
        const CONTEXT: &str = "listing prospects";
        let sql = format!(
            "SELECT {} FROM prospects WHERE status = ?1 OR ?1 IS NULL ORDER BY id",
            rows::LINE_COLUMNS
        );
        match self.conn {
            Conn::Sqlite(conn) => {
                let mut statement = conn.prepare_cached(&sql).context(CONTEXT)?;
                let found = statement
                    .query_and_then([status.sqlite()], |row| {
                        rows::prospect_line(&Row::Sqlite(row))
                    })
                    .context(CONTEXT)?;
                for row in found {
                    let (line, planned) = row.context(CONTEXT)?;
                    visit(line, planned)?;
                }
            }
            Conn::Postgres(_) => {
                for (line, planned) in self.rows(&sql, &[&status], rows::prospect_line, CONTEXT)? {
                    visit(line, planned)?;
                }
            }
        }
        Ok(())
    }

    /// Visits the selected prospects by id, each with its attempts in the order they
    /// happened. Two ordered scans merged side by side: one pass, holding one prospect's
    /// history at a time, instead of a query per prospect.
    pub fn each_with_attempts<E: From<StoreError>>(
        &self,
        selection: Selection,
        visit: impl FnMut(Prospect, Vec<Attempt>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.each_with_attempts_for(selection, None, visit)
    }

    /// Like [`Reader::each_with_attempts`], visiting only the files of rep `mine` and the
    /// pool's (owner NULL) when `mine` is given.
    pub fn each_with_attempts_for<E: From<StoreError>>(
        &self,
        selection: Selection,
        mine: Option<i64>,
        visit: impl FnMut(Prospect, Vec<Attempt>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.merged_scan(
            selection,
            mine,
            rows::ATTEMPT_COLUMNS,
            rows::attempt,
            |attempt| attempt.prospect_id,
            visit,
        )
    }

    /// Like [`Reader::each_with_attempts`], with when each attempt was logged: what `export`
    /// streams out, one prospect at a time, whatever the size of the book.
    pub fn each_with_records<E: From<StoreError>>(
        &self,
        selection: Selection,
        visit: impl FnMut(Prospect, Vec<AttemptRecord>) -> Result<(), E>,
    ) -> Result<(), E> {
        self.merged_scan(
            selection,
            None,
            &format!("{}, logged_at, value_item", rows::ATTEMPT_COLUMNS),
            |row| {
                Ok(AttemptRecord {
                    attempt: rows::attempt(row)?,
                    // Right after the columns of ATTEMPT_COLUMNS.
                    logged_at: row.datetime(10)?,
                    value_item: row.get(11)?,
                })
            },
            |record| record.attempt.prospect_id,
            visit,
        )
    }

    /// The merged scan behind both: `columns` of `attempts` read by `read`, each given to the
    /// prospect `owner` names.
    fn merged_scan<A, E: From<StoreError>>(
        &self,
        selection: Selection,
        mine: Option<i64>,
        columns: &str,
        read: impl Fn(&Row<'_>) -> Result<A, DbError>,
        owner: impl Fn(&A) -> ProspectId,
        visit: impl FnMut(Prospect, Vec<A>) -> Result<(), E>,
    ) -> Result<(), E> {
        match self.conn {
            Conn::Sqlite(conn) if matches!(selection, Selection::PromisedBetween { .. }) => {
                sqlite_promised_scan(conn, selection, mine, columns, read, visit)
            }
            Conn::Sqlite(conn) => {
                sqlite_merged_scan(conn, selection, mine, columns, read, owner, visit)
            }
            Conn::Postgres(pg) => {
                let condition = selection.scoped(Dialect::Postgres, mine);
                self.paged_scan(pg, condition, columns, read, owner, visit)
            }
        }
    }

    /// The merged scan on PostgreSQL, whose client reads a result whole: the selected
    /// prospects a page at a time, each page with its attempts, so that memory holds one
    /// page whatever the size of the book.
    fn paged_scan<A, E: From<StoreError>>(
        &self,
        pg: &PgConn,
        (condition, values): (String, Vec<Box<dyn Param>>),
        columns: &str,
        read: impl Fn(&Row<'_>) -> Result<A, DbError>,
        owner: impl Fn(&A) -> ProspectId,
        mut visit: impl FnMut(Prospect, Vec<A>) -> Result<(), E>,
    ) -> Result<(), E> {
        let next = values.len() + 1;
        let prospects_sql = format!(
            "SELECT {} FROM prospects WHERE ({condition}) AND id > ?{next}
             ORDER BY id LIMIT {PAGE}",
            rows::PROSPECT_COLUMNS
        );
        let attempts_sql = format!(
            "SELECT {columns} FROM attempts WHERE prospect_id = ANY(?1)
             ORDER BY prospect_id, at, id"
        );
        let mut after: ProspectId = ProspectId::MIN;
        loop {
            let mut params: Vec<&dyn Param> = values.iter().map(|value| value.as_ref()).collect();
            params.push(&after);
            let page = self.rows(&prospects_sql, &params, rows::prospect, "listing prospects")?;
            let Some(last) = page.last() else {
                return Ok(());
            };
            after = last.id;
            // A page short of full was the last: asking for the next would cost a round trip
            // to learn that it is empty.
            let last_page = (page.len() as i64) < PAGE;
            let ids: Vec<ProspectId> = page.iter().map(|prospect| prospect.id).collect();
            let attempts = pg
                .query_postgres(&attempts_sql, &[(&ids, Type::INT8_ARRAY)])
                .and_then(|rows| {
                    rows.iter()
                        .map(|row| read(&Row::Postgres(row, pg.zone())))
                        .collect::<Result<Vec<A>, DbError>>()
                })
                .context("reading attempts")?;
            let mut attempts = attempts.into_iter().peekable();
            for prospect in page {
                let mut history = Vec::new();
                while let Some(attempt) = attempts.next_if(|a| owner(a) <= prospect.id) {
                    if owner(&attempt) == prospect.id {
                        history.push(attempt);
                    }
                }
                visit(prospect, history)?;
            }
            if last_page {
                return Ok(());
            }
        }
    }

    /// Prospects whose next action may be due on or before `day`.
    pub fn prospects_due_by(&self, day: NaiveDate) -> Result<Vec<Prospect>, StoreError> {
        self.rows(
            &format!(
                "SELECT {} FROM prospects WHERE due_on <= ?1 ORDER BY due_on, id",
                rows::PROSPECT_COLUMNS
            ),
            &[&day],
            rows::prospect,
            "finding what is due",
        )
    }

    /// Like [`Reader::prospects_due_by`], each with its stored plan: what a table of the coming
    /// days shows, without the histories.
    pub fn planned_due_by(&self, day: NaiveDate) -> Result<Vec<(Prospect, Planned)>, StoreError> {
        self.rows(
            &format!(
                "SELECT {}, due_on, outlook FROM prospects WHERE due_on <= ?1 ORDER BY id",
                rows::PROSPECT_COLUMNS
            ),
            &[&day],
            rows::prospect_with_plan,
            "finding what is due",
        )
    }

    /// The prospect with the earliest next action after `day`, if any.
    pub fn first_due_after(&self, day: NaiveDate) -> Result<Option<Prospect>, StoreError> {
        self.conn.first(
            &format!(
                "SELECT {} FROM prospects WHERE due_on > ?1 ORDER BY due_on, id LIMIT 1",
                rows::PROSPECT_COLUMNS
            ),
            &[&day],
            rows::prospect,
            "finding the next action",
        )
    }

    /// Like [`Reader::first_due_after`], among the files of rep `mine` and the pool's.
    pub fn first_due_after_for(
        &self,
        day: NaiveDate,
        mine: i64,
    ) -> Result<Option<Prospect>, StoreError> {
        self.conn.first(
            &format!(
                "SELECT {} FROM prospects WHERE due_on > ?1 AND (owner = ?2 OR owner IS NULL)
                 ORDER BY due_on, id LIMIT 1",
                rows::PROSPECT_COLUMNS
            ),
            &[&day, &mine],
            rows::prospect,
            "finding the next action",
        )
    }

    /// A prospect's attempts, in the order they happened.
    pub fn attempts(&self, prospect: ProspectId) -> Result<Vec<Attempt>, StoreError> {
        self.rows(
            &format!(
                "SELECT {} FROM attempts WHERE prospect_id = ?1 ORDER BY at, id",
                rows::ATTEMPT_COLUMNS
            ),
            &[&prospect],
            rows::attempt,
            "reading attempts",
        )
    }

    /// Every prospect's attempts made in `[from, to)` (either bound left open with `None`),
    /// prospect by prospect, each prospect's in the order they happened: what `stats` reads.
    pub fn attempts_between(
        &self,
        from: Option<NaiveDateTime>,
        to: Option<NaiveDateTime>,
    ) -> Result<Vec<Attempt>, StoreError> {
        // Each bound's comparison comes first: PostgreSQL takes a parameter's type from its
        // first use, and `IS NULL` alone does not tell it.
        self.rows(
            &format!(
                "SELECT {} FROM attempts
                 WHERE (at >= ?1 OR ?1 IS NULL) AND (at < ?2 OR ?2 IS NULL)
                 ORDER BY prospect_id, at, id",
                rows::ATTEMPT_COLUMNS
            ),
            &[&from, &to],
            rows::attempt,
            "reading attempts in a period",
        )
    }

    /// Every prospect's email and phone, for telling whether an imported one is on file.
    pub fn contacts(&self) -> Result<Vec<ContactKeys>, StoreError> {
        self.rows(
            "SELECT id, name, email, phone FROM prospects ORDER BY id",
            &[],
            contact_keys,
            "reading contact details",
        )
    }

    /// The email and phone of one prospect: the exact check behind an import's fingerprints.
    pub fn contact_keys(&self, id: ProspectId) -> Result<Option<ContactKeys>, StoreError> {
        self.conn.first(
            "SELECT id, name, email, phone FROM prospects WHERE id = ?1",
            &[&id],
            contact_keys,
            "reading contact details",
        )
    }

    /// The emails and phones of the prospects with ids after `after` up to `up_to`, a page at
    /// a time in id order (an empty page at the end): an import reads a book of any size
    /// this way, holding one page.
    pub fn contacts_after(
        &self,
        after: ProspectId,
        up_to: ProspectId,
    ) -> Result<Vec<ContactKeys>, StoreError> {
        self.rows(
            &format!(
                "SELECT id, name, email, phone FROM prospects WHERE id > ?1 AND id <= ?2
                 ORDER BY id LIMIT {PAGE}"
            ),
            &[&after, &up_to],
            contact_keys,
            "reading contact details",
        )
    }

    /// Every prospect's id, name and company, for matching what the user typed.
    pub fn names(&self) -> Result<Vec<NameEntry>, StoreError> {
        self.rows(
            "SELECT id, name, company, status FROM prospects ORDER BY id",
            &[],
            |row| {
                Ok(NameEntry {
                    id: row.get(0)?,
                    name: row.get(1)?,
                    company: row.get(2)?,
                    status: row.get(3)?,
                })
            },
            "listing prospect names",
        )
    }

    /// The stored earliest due date of a prospect's next action (see `set_planned`).
    pub fn due_on(&self, id: ProspectId) -> Result<Option<NaiveDate>, StoreError> {
        self.conn.one(
            "SELECT due_on FROM prospects WHERE id = ?1",
            &[&id],
            |row| row.get(0),
            "reading a due date",
        )
    }

    /// The stored plans of the prospects whose ids run from `first` to `last`, by id.
    pub fn plans_between(
        &self,
        first: ProspectId,
        last: ProspectId,
    ) -> Result<HashMap<ProspectId, Planned>, StoreError> {
        let rows = self.rows(
            "SELECT id, due_on, outlook FROM prospects WHERE id BETWEEN ?1 AND ?2",
            &[&first, &last],
            |row| {
                let outlook: Option<String> = row.get(2)?;
                Ok((
                    row.get(0)?,
                    Planned::from_columns(row.get(1)?, outlook.as_deref()),
                ))
            },
            "reading due dates",
        )?;
        Ok(rows.into_iter().collect())
    }

    pub fn has_prospects(&self) -> Result<bool, StoreError> {
        self.conn.one(
            "SELECT EXISTS (SELECT 1 FROM prospects)",
            &[],
            |row| row.get(0),
            "counting prospects",
        )
    }

    /// The largest id in the book, of any status: the widest the id column of a table can be.
    pub fn largest_id(&self) -> Result<Option<ProspectId>, StoreError> {
        self.conn.one(
            "SELECT MAX(id) FROM prospects",
            &[],
            |row| row.get(0),
            "reading the largest id",
        )
    }

    /// A bookkeeping value: as the session's first statement read it on a server when
    /// nothing was written since (reps.rs), else from the table.
    pub fn meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        if let Some(kept) = self.kept_bookkeeping(key) {
            return Ok(kept);
        }
        self.conn.first(
            "SELECT value FROM meta WHERE key = ?1",
            &[&key],
            |row| row.get(0),
            "reading bookkeeping",
        )
    }

    /// The bookkeeping values of several keys, in their order, in one statement: one round
    /// trip to a server instead of one per key.
    pub fn metas<const N: usize>(
        &self,
        keys: [&str; N],
    ) -> Result<[Option<String>; N], StoreError> {
        if let Some(kept) = keys
            .iter()
            .map(|key| self.kept_bookkeeping(key))
            .collect::<Option<Vec<_>>>()
            && let Ok(kept) = kept.try_into()
        {
            return Ok(kept);
        }
        let placeholders: Vec<String> = (1..=N).map(|n| format!("?{n}")).collect();
        let params: Vec<&dyn Param> = keys.iter().map(|key| key as &dyn Param).collect();
        let found = self.rows(
            &format!(
                "SELECT key, value FROM meta WHERE key IN ({})",
                placeholders.join(", ")
            ),
            &params,
            |row| Ok((row.get::<String>(0)?, row.get::<String>(1)?)),
            "reading bookkeeping",
        )?;
        Ok(keys.map(|key| {
            found
                .iter()
                .find(|(stored, _)| stored == key)
                .map(|(_, value)| value.clone())
        }))
    }

    /// `key`'s bookkeeping value as a server session's first statement read it, if it did
    /// and nothing was written since.
    fn kept_bookkeeping(&self, key: &str) -> Option<Option<String>> {
        match self.conn {
            Conn::Postgres(pg) => pg.kept(|reading| reading.bookkeeping.get(key).cloned()),
            Conn::Sqlite(_) => None,
        }
    }
}

/// The promised calls of a few days on SQLite, as they are found: the candidates in the
/// order of the due-date index (each checked for a promise in the range through the
/// promises' index), each with its attempts read on its own. Nothing is gathered before the
/// first one comes out, so a caller that stops early (a day whose limit is reached) stops the
/// work; the merged scan would first collect every candidate of the range, twice.
fn sqlite_promised_scan<A, E: From<StoreError>>(
    conn: &Connection,
    selection: Selection,
    mine: Option<i64>,
    columns: &str,
    read: impl Fn(&Row<'_>) -> Result<A, DbError>,
    mut visit: impl FnMut(Prospect, Vec<A>) -> Result<(), E>,
) -> Result<(), E> {
    let (condition, values) = selection.scoped(Dialect::Sqlite, mine);
    let mut prospects = conn
        .prepare_cached(&format!(
            "SELECT {} FROM prospects WHERE {condition} ORDER BY due_on, id",
            rows::PROSPECT_COLUMNS
        ))
        .context("listing prospects")?;
    let mut attempts = conn
        .prepare_cached(&format!(
            "SELECT {columns} FROM attempts WHERE prospect_id = ?1 ORDER BY at, id"
        ))
        .context("reading attempts")?;
    let mut found = prospects
        .query(rusqlite::params_from_iter(
            values.iter().map(|value| value.sqlite()),
        ))
        .context("listing prospects")?;
    while let Some(row) = found.next().context("listing prospects")? {
        let prospect = rows::prospect(&Row::Sqlite(row)).context("reading a prospect")?;
        let history = attempts
            .query_and_then([prospect.id], |row| read(&Row::Sqlite(row)))
            .context("reading attempts")?
            .collect::<Result<Vec<A>, DbError>>()
            .context("reading an attempt")?;
        visit(prospect, history)?;
    }
    Ok(())
}

/// The merged scan on SQLite: both queries stream side by side over one connection.
fn sqlite_merged_scan<A, E: From<StoreError>>(
    conn: &Connection,
    selection: Selection,
    mine: Option<i64>,
    columns: &str,
    read: impl Fn(&Row<'_>) -> Result<A, DbError>,
    owner: impl Fn(&A) -> ProspectId,
    mut visit: impl FnMut(Prospect, Vec<A>) -> Result<(), E>,
) -> Result<(), E> {
    let (condition, values) = selection.scoped(Dialect::Sqlite, mine);
    let values = || values.iter().map(|value| value.sqlite());
    // A few due prospects among many are found through the due-date index; without the
    // subquery SQLite prefers scanning the whole table in id order to avoid a sort.
    let prospect_condition = match selection {
        Selection::DueBy { .. } | Selection::PromisedBetween { .. } | Selection::Owner(_) => {
            format!("id IN (SELECT id FROM prospects WHERE {condition})")
        }
        Selection::Status(_) => condition.clone(),
    };
    let mut prospects = conn
        .prepare_cached(&format!(
            "SELECT {} FROM prospects WHERE {prospect_condition} ORDER BY id",
            rows::PROSPECT_COLUMNS
        ))
        .context("listing prospects")?;
    // The whole book needs no filter: the subquery would have SQLite gather every id into a
    // temporary index before the first attempt comes out (most of the wait for the first row
    // of `list --status all` or `export`).
    let attempt_condition = match selection {
        Selection::Status(None) if mine.is_none() => condition.clone(),
        _ => format!("prospect_id IN (SELECT id FROM prospects WHERE {condition})"),
    };
    let mut attempts = conn
        .prepare_cached(&format!(
            "SELECT {columns} FROM attempts
             WHERE {attempt_condition}
             ORDER BY prospect_id, at, id"
        ))
        .context("reading attempts")?;
    let mut attempts = attempts
        .query_and_then(rusqlite::params_from_iter(values()), |row| {
            read(&Row::Sqlite(row))
        })
        .context("reading attempts")?
        .peekable();
    for prospect in prospects
        .query_and_then(rusqlite::params_from_iter(values()), |row| {
            rows::prospect(&Row::Sqlite(row))
        })
        .context("listing prospects")?
    {
        let prospect = prospect.context("reading a prospect")?;
        let mut history = Vec::new();
        while let Some(attempt) =
            attempts.next_if(|attempt| attempt.as_ref().map_or(true, |a| owner(a) <= prospect.id))
        {
            let attempt = attempt.context("reading an attempt")?;
            if owner(&attempt) == prospect.id {
                history.push(attempt);
            }
        }
        visit(prospect, history)?;
    }
    Ok(())
}

/// One command's writes: an open transaction.
pub struct Writer<'c> {
    tx: Tx<'c>,
}

enum Tx<'c> {
    Sqlite(Transaction<'c>),
    Postgres(PgTx<'c>),
}

/// A transaction on the PostgreSQL session, rolled back when dropped before its commit, as
/// rusqlite's transactions are.
struct PgTx<'c> {
    conn: &'c PgConn,
    open: Cell<bool>,
}

impl Drop for PgTx<'_> {
    fn drop(&mut self) {
        if self.open.get() {
            // Nothing more to do if this fails: the server ends the transaction with the
            // session, which ends with the command.
            let _ = self.conn.batch("ROLLBACK");
        }
    }
}

impl Writer<'_> {
    fn conn(&self) -> Conn<'_> {
        match &self.tx {
            Tx::Sqlite(tx) => Conn::Sqlite(tx),
            Tx::Postgres(tx) => Conn::Postgres(tx.conn),
        }
    }

    fn commit(self) -> Result<(), StoreError> {
        match self.tx {
            Tx::Sqlite(tx) => tx.commit().context("committing"),
            Tx::Postgres(tx) => {
                tx.conn.batch("COMMIT").context("committing")?;
                tx.open.set(false);
                Ok(())
            }
        }
    }

    pub fn reader(&self) -> Reader<'_> {
        Reader { conn: self.conn() }
    }

    /// Stores a new prospect with no plan yet (see `set_planned`) and returns its id.
    /// The `id` of `prospect` is ignored.
    pub fn insert_prospect(&self, prospect: &Prospect) -> Result<ProspectId, StoreError> {
        self.insert_whole_prospect(prospect, &Planned::Unworked(None))
    }

    /// Stores a new prospect with every field and its plan in one statement, the fast path
    /// of imports. The `id` of `prospect` is ignored; the new one is returned.
    pub fn insert_whole_prospect(
        &self,
        prospect: &Prospect,
        planned: &Planned,
    ) -> Result<ProspectId, StoreError> {
        let row = new_prospects::ProspectRow::new(prospect, planned);
        self.conn().insert(
            &new_prospects::INSERT_ONE,
            &row.values(),
            "adding a prospect",
        )
    }

    /// Writes every field of a stored prospect.
    pub fn update_prospect(&self, prospect: &Prospect) -> Result<(), StoreError> {
        let contact = &prospect.contact;
        let closed = prospect.closed.as_ref();
        self.conn().execute(
            "UPDATE prospects SET name = ?2, company = ?3, phone = ?4, email = ?5, title = ?6,
                prefers = ?7, next_step = ?8, topic = ?9, assistant = ?10,
                assistant_phone = ?11, note = ?12, cadence = ?13, start_date = ?14,
                status = ?15, close_reason = ?16, closed_at = ?17, close_note = ?18,
                recontact_on = ?19, run_started_at = ?20, time_zone = ?21,
                ground_rules = ?22, main_line = ?23, drip = ?24
             WHERE id = ?1",
            &[
                &prospect.id,
                &contact.name,
                &contact.company,
                &contact.phone,
                &contact.email,
                &contact.title,
                &contact.prefers,
                &contact.next_step,
                &contact.topic,
                &contact.assistant,
                &contact.assistant_phone,
                &contact.note,
                &prospect.cadence,
                &prospect.start,
                &prospect.status,
                &closed.map(|closure| closure.reason),
                &closed.map(|closure| closure.at),
                &closed.and_then(|closure| closure.note.as_deref()),
                &prospect.recontact_on,
                &prospect.run_started_at,
                &contact.time_zone,
                &contact.ground_rules,
                &contact.main_line,
                &closed.is_some_and(|closure| closure.drip),
            ],
            "updating a prospect",
        )?;
        Ok(())
    }

    pub fn insert_attempt(&self, attempt: &NewAttempt) -> Result<i64, StoreError> {
        self.conn().insert(
            "INSERT INTO attempts
                (prospect_id, at, channel, outcome, step, note, promise, next_date, logged_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            &[
                &attempt.prospect_id,
                &attempt.at,
                &attempt.channel,
                &attempt.outcome,
                &attempt.step,
                &attempt.note,
                &attempt.promise,
                &attempt.next,
                &attempt.logged_at,
            ],
            "recording an attempt",
        )
    }

    /// Records the prospect's next action: the earliest day it can be due and its outlook.
    pub fn set_planned(&self, id: ProspectId, planned: &Planned) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE prospects SET due_on = ?2, outlook = ?3 WHERE id = ?1",
            &[&id, &planned.due_on(), &planned.outlook_text()],
            "recording when the next action is due",
        )?;
        Ok(())
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&key, &value],
            "writing bookkeeping",
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests;
