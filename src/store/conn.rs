//! One way to run SQL on either engine: the queries of the store are written once, with
//! `?1`-style parameters, and run on SQLite as they are or on PostgreSQL with `$1`.
//!
//! Rows come back as a [`Row`] whatever the engine, so that turning them into domain values
//! (rows.rs) is written once too. Where the two dialects differ, the caller matches on the
//! engine and picks its text (see [`Dialect`]).
//!
//! Instants: the store hands the tracker and takes from it wall-clock readings
//! (`NaiveDateTime`) in the salesperson's zone. SQLite keeps them as such. PostgreSQL keeps
//! `timestamptz` (pg_migrations.rs), and a session holds the salesperson's zone twice over: as
//! its `TimeZone` setting, by which the server reads every bound wall-clock time as an
//! instant (parameters meant for a `timestamptz` are declared `timestamp`, see
//! [`PgConn::statement`]), and in [`PgConn`], by which [`Row::datetime`] turns the instants
//! it reads back into that zone's wall clock.

use std::cell::RefCell;
use std::collections::HashMap;

use chrono::NaiveDateTime;
use chrono_tz::Tz;
use postgres::types::Type;

use super::error::{Context, DbError, StoreError};

/// Which engine a connection speaks to, for the few statements whose text differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dialect {
    Sqlite,
    Postgres,
}

/// A connection to either engine, borrowed from the store (or from its open transaction).
#[derive(Clone, Copy)]
pub(super) enum Conn<'c> {
    Sqlite(&'c rusqlite::Connection),
    Postgres(&'c PgConn),
}

/// A PostgreSQL session. The client sits in a cell because the store's readers share it, as
/// they share SQLite's connection; one query borrows it at a time.
pub(super) struct PgConn {
    client: RefCell<postgres::Client>,
    /// Prepared statements by their text as the store wrote it, like rusqlite's
    /// `prepare_cached`: a statement is parsed and planned once per session.
    statements: RefCell<HashMap<String, postgres::Statement>>,
    /// The salesperson's zone, also the session's `TimeZone`: the wall clock in which
    /// instants are read and written.
    zone: Tz,
}

/// A value bound to a parameter: anything both engines can take.
pub(super) trait Param {
    fn sqlite(&self) -> &dyn rusqlite::ToSql;
    fn postgres(&self) -> &(dyn postgres::types::ToSql + Sync);
}

impl<T: rusqlite::ToSql + postgres::types::ToSql + Sync> Param for T {
    fn sqlite(&self) -> &dyn rusqlite::ToSql {
        self
    }

    fn postgres(&self) -> &(dyn postgres::types::ToSql + Sync) {
        self
    }
}

/// A value read from a column: anything both engines can give.
pub(super) trait Column: Sized {
    fn sqlite(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<Self>;
    fn postgres(row: &postgres::Row, index: usize) -> Result<Self, postgres::Error>;
}

impl<T> Column for T
where
    T: rusqlite::types::FromSql + for<'a> postgres::types::FromSql<'a>,
{
    fn sqlite(row: &rusqlite::Row<'_>, index: usize) -> rusqlite::Result<Self> {
        row.get(index)
    }

    fn postgres(row: &postgres::Row, index: usize) -> Result<Self, postgres::Error> {
        row.try_get(index)
    }
}

/// One row of a result, from either engine.
pub(super) enum Row<'r> {
    Sqlite(&'r rusqlite::Row<'r>),
    /// With the zone whose wall clock the session's instants are read in.
    Postgres(&'r postgres::Row, Tz),
}

impl Row<'_> {
    pub(super) fn get<T: Column>(&self, index: usize) -> Result<T, DbError> {
        match self {
            Row::Sqlite(row) => T::sqlite(row, index).map_err(DbError::Sqlite),
            Row::Postgres(row, _) => T::postgres(row, index).map_err(DbError::Postgres),
        }
    }

    /// A stored date and time, as the salesperson's wall clock reads it. SQLite keeps them as
    /// text, read by position many times faster than chrono's general parser (see
    /// `rows::parse_stored`); PostgreSQL sends instants, binary, put in the session's zone.
    pub(super) fn datetime(&self, index: usize) -> Result<NaiveDateTime, DbError> {
        match self {
            Row::Sqlite(row) => {
                if let Ok(text) = row.get_ref(index).map_err(DbError::Sqlite)?.as_str()
                    && let Some(datetime) = super::rows::parse_stored(text)
                {
                    return Ok(datetime);
                }
                self.get(index)
            }
            Row::Postgres(row, zone) => {
                if row.columns()[index].type_() == &Type::TIMESTAMPTZ {
                    let instant: chrono::DateTime<chrono::Utc> =
                        row.try_get(index).map_err(DbError::Postgres)?;
                    return Ok(instant.with_timezone(zone).naive_local());
                }
                self.get(index)
            }
        }
    }

    pub(super) fn optional_datetime(&self, index: usize) -> Result<Option<NaiveDateTime>, DbError> {
        match self {
            Row::Sqlite(row) => {
                if row.get_ref(index).map_err(DbError::Sqlite)? == rusqlite::types::ValueRef::Null {
                    return Ok(None);
                }
                self.datetime(index).map(Some)
            }
            Row::Postgres(row, zone) => {
                if row.columns()[index].type_() == &Type::TIMESTAMPTZ {
                    let instant: Option<chrono::DateTime<chrono::Utc>> =
                        row.try_get(index).map_err(DbError::Postgres)?;
                    return Ok(instant.map(|instant| instant.with_timezone(zone).naive_local()));
                }
                self.get(index)
            }
        }
    }
}

/// `?1` becomes `$1`: the store's statements use SQLite's numbered parameters, which have the
/// same meaning as PostgreSQL's. None of them has a `?` inside a string literal.
fn postgres_text(sql: &str) -> String {
    sql.replace('?', "$")
}

impl PgConn {
    /// A session whose `TimeZone` is `zone` already (postgres_server.rs sets it).
    pub(super) fn new(client: postgres::Client, zone: Tz) -> PgConn {
        PgConn {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
            zone,
        }
    }

    /// The zone whose wall clock the session's instants are read and written in.
    pub(super) fn zone(&self) -> Tz {
        self.zone
    }

    /// The statement of `sql`, prepared once per session. A parameter the server takes for a
    /// `timestamptz` is declared `timestamp` instead: the store binds wall-clock readings,
    /// which the `postgres` crate sends only as `timestamp`, and the server turns them into
    /// instants with the session's `TimeZone`, the salesperson's zone.
    fn statement(&self, sql: &str) -> Result<postgres::Statement, postgres::Error> {
        if let Some(statement) = self.statements.borrow().get(sql) {
            return Ok(statement.clone());
        }
        let text = postgres_text(sql);
        let mut statement = self.client.borrow_mut().prepare(&text)?;
        if statement.params().contains(&Type::TIMESTAMPTZ) {
            let types: Vec<Type> = statement
                .params()
                .iter()
                .map(|kind| match *kind {
                    Type::TIMESTAMPTZ => Type::TIMESTAMP,
                    ref other => other.clone(),
                })
                .collect();
            statement = self.client.borrow_mut().prepare_typed(&text, &types)?;
        }
        self.statements
            .borrow_mut()
            .insert(sql.to_string(), statement.clone());
        Ok(statement)
    }

    fn query(&self, sql: &str, params: &[&dyn Param]) -> Result<Vec<postgres::Row>, DbError> {
        let values: Vec<_> = params.iter().map(|param| param.postgres()).collect();
        self.query_postgres(sql, &values)
    }

    /// A query with parameters only PostgreSQL takes (arrays).
    pub(super) fn query_postgres(
        &self,
        sql: &str,
        params: &[&(dyn postgres::types::ToSql + Sync)],
    ) -> Result<Vec<postgres::Row>, DbError> {
        let statement = self.statement(sql).map_err(DbError::Postgres)?;
        self.client
            .borrow_mut()
            .query(&statement, params)
            .map_err(DbError::Postgres)
    }

    fn execute(&self, sql: &str, params: &[&dyn Param]) -> Result<u64, DbError> {
        let statement = self.statement(sql).map_err(DbError::Postgres)?;
        let values: Vec<_> = params.iter().map(|param| param.postgres()).collect();
        self.client
            .borrow_mut()
            .execute(&statement, &values)
            .map_err(DbError::Postgres)
    }

    /// Runs statements with no parameters and no rows (transaction control, schema changes).
    pub(super) fn batch(&self, sql: &str) -> Result<(), postgres::Error> {
        self.client.borrow_mut().batch_execute(sql)
    }
}

impl<'c> Conn<'c> {
    /// Every row of one query, each read by `read`; `context` says what was being read.
    pub(super) fn rows<T>(
        &self,
        sql: &str,
        params: &[&dyn Param],
        mut read: impl FnMut(&Row<'_>) -> Result<T, DbError>,
        context: &'static str,
    ) -> Result<Vec<T>, StoreError> {
        match self {
            Conn::Sqlite(conn) => {
                let mut run = || -> Result<Vec<T>, DbError> {
                    let mut statement = conn.prepare_cached(sql)?;
                    let mut rows = statement.query(rusqlite::params_from_iter(
                        params.iter().map(|param| param.sqlite()),
                    ))?;
                    let mut out = Vec::new();
                    while let Some(row) = rows.next()? {
                        out.push(read(&Row::Sqlite(row))?);
                    }
                    Ok(out)
                };
                run().context(context)
            }
            Conn::Postgres(conn) => {
                let mut run = || -> Result<Vec<T>, DbError> {
                    conn.query(sql, params)?
                        .iter()
                        .map(|row| read(&Row::Postgres(row, conn.zone)))
                        .collect()
                };
                run().context(context)
            }
        }
    }

    /// The first row of a query, if any.
    pub(super) fn first<T>(
        &self,
        sql: &str,
        params: &[&dyn Param],
        mut read: impl FnMut(&Row<'_>) -> Result<T, DbError>,
        context: &'static str,
    ) -> Result<Option<T>, StoreError> {
        match self {
            Conn::Sqlite(conn) => {
                let mut run = || -> Result<Option<T>, DbError> {
                    let mut statement = conn.prepare_cached(sql)?;
                    let mut rows = statement.query(rusqlite::params_from_iter(
                        params.iter().map(|param| param.sqlite()),
                    ))?;
                    match rows.next()? {
                        Some(row) => Ok(Some(read(&Row::Sqlite(row))?)),
                        None => Ok(None),
                    }
                };
                run().context(context)
            }
            Conn::Postgres(conn) => {
                let mut run = || -> Result<Option<T>, DbError> {
                    conn.query(sql, params)?
                        .first()
                        .map(|row| read(&Row::Postgres(row, conn.zone)))
                        .transpose()
                };
                run().context(context)
            }
        }
    }

    /// The one row a query always returns (an aggregate, an `INSERT ... RETURNING`).
    pub(super) fn one<T>(
        &self,
        sql: &str,
        params: &[&dyn Param],
        read: impl FnMut(&Row<'_>) -> Result<T, DbError>,
        context: &'static str,
    ) -> Result<T, StoreError> {
        self.first(sql, params, read, context)?
            .ok_or(StoreError::Corrupt {
                what: "query result",
                value: format!("no row while {context}"),
            })
    }

    /// Runs an `INSERT` of one row and returns the id it was given. SQLite answers a
    /// `RETURNING` clause through a temporary table it sets up and tears down for every
    /// statement (a third of the time of a large import went there); its last inserted row id
    /// is the same answer for free. PostgreSQL has no such thing and returns the id.
    pub(super) fn insert(
        &self,
        sql: &str,
        params: &[&dyn Param],
        context: &'static str,
    ) -> Result<i64, StoreError> {
        match self {
            Conn::Sqlite(conn) => {
                self.execute(sql, params, context)?;
                Ok(conn.last_insert_rowid())
            }
            Conn::Postgres(_) => self.one(
                &format!("{sql} RETURNING id"),
                params,
                |row| row.get(0),
                context,
            ),
        }
    }

    /// Runs a statement; returns how many rows it changed.
    pub(super) fn execute(
        &self,
        sql: &str,
        params: &[&dyn Param],
        context: &'static str,
    ) -> Result<usize, StoreError> {
        match self {
            Conn::Sqlite(conn) => conn
                .prepare_cached(sql)
                .and_then(|mut statement| {
                    statement.execute(rusqlite::params_from_iter(
                        params.iter().map(|param| param.sqlite()),
                    ))
                })
                .context(context),
            Conn::Postgres(conn) => conn
                .execute(sql, params)
                .map(|count| usize::try_from(count).unwrap_or(usize::MAX))
                .context(context),
        }
    }
}

impl PgConn {
    /// The one value of a query without parameters, for bookkeeping outside the store's
    /// statements.
    pub(super) fn query_one_value<T: for<'a> postgres::types::FromSql<'a>>(
        &self,
        sql: &str,
    ) -> Result<T, postgres::Error> {
        self.client.borrow_mut().query_one(sql, &[])?.try_get(0)
    }

    /// The three values of the one row of a query without parameters.
    pub(super) fn query_one_row3<A, B, C>(&self, sql: &str) -> Result<(A, B, C), postgres::Error>
    where
        A: for<'a> postgres::types::FromSql<'a>,
        B: for<'a> postgres::types::FromSql<'a>,
        C: for<'a> postgres::types::FromSql<'a>,
    {
        let row = self.client.borrow_mut().query_one(sql, &[])?;
        Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?))
    }
}
