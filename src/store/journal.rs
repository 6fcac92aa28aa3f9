//! A write that grows the book by much (an import) under SQLite's rollback journal instead of
//! the write-ahead log, and the book put back in WAL afterwards, whatever happened.
//!
//! In WAL mode every page a transaction writes goes to the log, then into the file at the
//! checkpoint: a 300 MB import writes 600 MB. A rollback journal keeps a copy of the pages a
//! transaction changes that existed when it began; pages past the file's original end are
//! written straight into the file, since a rollback only has to cut the file back to its old
//! length. An import that grows the book therefore writes its new pages once.
//!
//! What stays as it was (docs/benchmarks.md, issue 15's seventh session, has the reasoning
//! from SQLite's documentation): the commit is atomic, and a crash or a power cut never leaves
//! a half-written book, because `synchronous` is FULL while the rollback journal is in use
//! (NORMAL is enough for WAL but not for a rollback journal on every file system). A power cut
//! just after the commit may undo it, as it may under WAL with NORMAL. What differs while the
//! import runs: another command reading the book waits for the import to end (within the
//! busy timeout) instead of reading beside it.
//!
//! Leaving WAL needs no other connection to the book: one that has it open holds a lock that
//! makes the switch fail at once, and the write then runs in WAL as any other. The way back to
//! WAL is taken after the commit or the rollback; should the process die before it, the next
//! open finds the book out of WAL (its rollback journal, if any, already played back by
//! SQLite) and puts it back (see `Store::prepare`).

use rusqlite::{Connection, ErrorCode};

use super::error::{Context, StoreError};
use super::{Engine, Store, Writer};

/// The journal mode every book on file is in between commands.
const WAL: &str = "wal";

impl Store {
    /// Runs `work` in one transaction like [`Store::write`], for a write that adds much to the
    /// book: on a SQLite file that no other connection has open, under a rollback journal (see
    /// the module's doc), the book back in WAL when it returns.
    pub fn write_growing<T, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&Writer<'_>) -> Result<T, E>,
    ) -> Result<T, E> {
        let switched = match &self.engine {
            Engine::Sqlite { conn, .. } => leave_wal(conn)?,
            Engine::Postgres { .. } => false,
        };
        let value = self.write(work);
        if switched && let Engine::Sqlite { conn, .. } = &self.engine {
            // After the commit or the rollback, whichever it was. A failure here leaves the
            // book's content as the write left it; the next open puts it back in WAL.
            let _ = back_to_wal(conn);
        }
        value
    }
}

/// The journal mode of the book `conn` has open: "wal" for a book on file, "memory" for one in
/// memory, "delete" for a book a growing write left (see the module's doc).
pub(super) fn journal_mode(conn: &Connection) -> Result<String, StoreError> {
    conn.pragma_query_value(None, "journal_mode", |row| row.get(0))
        .context("reading the journal mode")
}

/// Whether the book `conn` has open is on file and out of WAL: a growing write was cut short
/// before it put the book back.
pub(super) fn left_out_of_wal(conn: &Connection) -> Result<bool, StoreError> {
    let mode = journal_mode(conn)?;
    Ok(mode != WAL && mode != "memory")
}

/// Switches a book in WAL to a rollback journal with full syncs; `false` (and nothing changed)
/// when the book is not in WAL (one in memory) or another connection has it open.
fn leave_wal(conn: &Connection) -> Result<bool, StoreError> {
    if journal_mode(conn)? != WAL {
        return Ok(false);
    }
    // Full syncs first: the rollback journal must be on the disk before the file is written.
    conn.pragma_update(None, "synchronous", "FULL")
        .context("setting synchronous mode")?;
    let switched = conn.pragma_update_and_check(None, "journal_mode", "DELETE", |row| {
        row.get::<_, String>(0)
    });
    match switched {
        Ok(mode) if mode == "delete" => Ok(true),
        // Another connection has the book open (or the mode did not change): stay in WAL.
        Ok(_)
        | Err(rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error {
                code: ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked,
                ..
            },
            _,
        )) => {
            conn.pragma_update(None, "synchronous", "NORMAL")
                .context("setting synchronous mode")?;
            Ok(false)
        }
        Err(source) => Err(StoreError::Sqlite {
            context: "switching to the rollback journal",
            source,
        }),
    }
}

/// Puts the book back in WAL with the store's usual syncs.
pub(super) fn back_to_wal(conn: &Connection) -> Result<(), StoreError> {
    conn.pragma_update_and_check(None, "journal_mode", "WAL", |_| Ok(()))
        .context("enabling the write-ahead log")?;
    conn.pragma_update(None, "synchronous", "NORMAL")
        .context("setting synchronous mode")
}
