//! The indexes of the tables an import fills, set aside while a large import stores its rows
//! and built again before it commits.
//!
//! Placing each of a million new rows in every index of `prospects` and `audit` is a search
//! of each index's tree per row; building an index once over rows already stored is a sort,
//! several times cheaper. So an import into a book that is small beside what it adds drops
//! those indexes inside its transaction and creates them again at its end. The definitions
//! are read from the schema itself (`sqlite_master`), never written out here, so what is built
//! again is exactly what the migrations made; and the drop is part of the transaction like
//! every row, so a failed import leaves the book, indexes and all, as it was. Other commands
//! reading meanwhile see the book as it was before the import began, indexes included.
//!
//! SQLite only: on PostgreSQL `DROP INDEX` locks the whole table, readers included, until
//! the commit, which would hold up every rep's `today` for as long as an import runs.

use super::conn::Conn;
use super::error::{Context, StoreError};
use super::{Reader, Writer, quote_identifier};

/// The indexes a writer dropped, with the statements that make them again.
#[derive(Debug, Default)]
#[must_use = "indexes set aside must be built again before the commit"]
pub struct SetAside {
    /// (name, `CREATE INDEX` statement), as `sqlite_master` keeps them.
    indexes: Vec<(String, String)>,
}

/// The tables an import adds rows to, whose indexes it may set aside.
const FILLED: &str = "('prospects', 'audit')";

impl Reader<'_> {
    /// The largest id of the tables an import fills: at least as many rows as any of them
    /// holds (0 for an empty book), what an import weighs its size against.
    pub fn bulk_size(&self) -> Result<i64, StoreError> {
        self.conn.one(
            "SELECT max(coalesce((SELECT max(id) FROM prospects), 0),
                        coalesce((SELECT max(id) FROM audit), 0))",
            &[],
            |row| row.get(0),
            "measuring the book",
        )
    }
}

impl Writer<'_> {
    /// Drops the indexes of the tables an import fills (on PostgreSQL, none: see the module
    /// doc), to be built again by [`Writer::restore_indexes`] before the commit.
    pub fn set_indexes_aside(&self) -> Result<SetAside, StoreError> {
        const CONTEXT: &str = "setting the indexes aside for a large import";
        let Conn::Sqlite(conn) = self.conn() else {
            return Ok(SetAside::default());
        };
        // `sql` is NULL for the indexes SQLite makes itself (a UNIQUE constraint's), which
        // cannot be dropped and are left alone.
        let indexes = self.reader().rows(
            &format!(
                "SELECT name, sql FROM sqlite_master
                 WHERE type = 'index' AND tbl_name IN {FILLED} AND sql IS NOT NULL
                 ORDER BY name"
            ),
            &[],
            |row| Ok((row.get::<String>(0)?, row.get::<String>(1)?)),
            CONTEXT,
        )?;
        for (name, _) in &indexes {
            // A name read from the schema, quoted: DDL takes no bound parameters.
            conn.execute_batch(&format!("DROP INDEX {}", quote_identifier(name)))
                .context(CONTEXT)?;
        }
        Ok(SetAside { indexes })
    }

    /// Builds again the indexes [`Writer::set_indexes_aside`] dropped, each over every row
    /// stored by now.
    pub fn restore_indexes(&self, aside: SetAside) -> Result<(), StoreError> {
        let Conn::Sqlite(conn) = self.conn() else {
            return Ok(());
        };
        for (_, sql) in &aside.indexes {
            conn.execute_batch(sql)
                .context("building the indexes again after a large import")?;
        }
        Ok(())
    }
}
