//! One way to run SQL on either engine: the queries of the store are written once, with
//! `?1`-style parameters, and run on SQLite as they are or on PostgreSQL with `$1`.
//!
//! Rows come back as a [`Row`] whatever the engine, so that turning them into domain values
//! (rows.rs) is written once too. Where the two dialects differ, the caller matches on the
//! engine and picks its text (see [`Dialect`]).
//!
//! Instants: the store hands the tracker and takes from it wall-clock readings
//! (`NaiveDateTime`) in the salesperson's zone. SQLite keeps them as such. PostgreSQL keeps
//! `timestamptz` (pg_migrations.rs), and followup, not the server, decides which instant a
//! reading is: a bound `NaiveDateTime` is turned into one with the session's zone
//! ([`PgConn::zone`]) by `zones::stored_instant`, the rule of every other conversion (the
//! first of two when the clocks go back), and sent as `timestamptz`
//! ([`PgValue::Instant`]). [`Row::datetime`] turns the instants read back into that zone's
//! wall clock. The session's `TimeZone` is the same zone, but only dates instants on the
//! server (`at::date`) and names the zone of each stored due date (pg_migrations.rs); left
//! to read a bound wall-clock time, it would take the second 01:30 of the night the clocks
//! go back, not the first.

use std::cell::RefCell;
use std::collections::HashMap;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use chrono_tz::Tz;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::Type;

use super::error::{Context, DbError, StoreError};
use crate::domain::Rep;

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
    /// The statements run so far in this session, by their text as the store wrote it.
    statements: RefCell<HashMap<String, Cached>>,
    /// The rep this session is, read with the schema version by the session's first
    /// statement (reps.rs), until the session first writes: `None` when not known.
    session_rep: RefCell<Option<Option<Rep>>>,
    /// What else the same statement read, kept as long as the rep is: a rep's `today` needs
    /// the team's rules and the bookkeeping before anything else.
    first_reading: RefCell<Option<FirstReading>>,
    /// The salesperson's zone, also the session's `TimeZone`: the wall clock in which
    /// instants are read and written (see the module's doc).
    zone: Tz,
}

/// The small facts every command reads, as a session's first statement read them (reps.rs).
pub(super) struct FirstReading {
    /// `team_settings` by key (team_settings.rs).
    pub team_settings: HashMap<String, String>,
    /// `meta` by key, the store's bookkeeping.
    pub bookkeeping: HashMap<String, String>,
    /// Whether the session can see any value item (value.rs).
    pub any_value_items: bool,
}

/// What the session knows of a statement it has run (see [`PgConn::run`]).
enum Cached {
    /// Run this many times, each parsed on the fly.
    Unprepared(u32),
    /// Prepared: parsed and planned once for the rest of the session, like rusqlite's
    /// `prepare_cached`.
    Prepared(postgres::Statement),
}

/// How many runs of a statement go unprepared before the next prepares it. Preparing costs a
/// round trip of its own, which a statement run twice (a bookkeeping key read for two keys)
/// does not win back; one run in a loop (a page of a scan, the rows of an import) does.
const UNPREPARED_RUNS: u32 = 2;

/// A value bound to a parameter: anything both engines can take.
pub(super) trait Param {
    fn sqlite(&self) -> &dyn rusqlite::ToSql;
    /// The value as it goes to a PostgreSQL session whose zone is `zone`.
    fn postgres(&self, zone: Tz) -> PgValue<'_>;
}

/// A value as it goes to PostgreSQL, with its type when it has one: a statement whose values
/// all have one can be sent without being prepared first.
pub(super) enum PgValue<'v> {
    /// Sent as it is, as the first of [`SENT_AS`] it can be written as (`None`: none).
    AsIs(&'v (dyn postgres::types::ToSql + Sync), Option<Type>),
    /// A wall-clock reading, sent as the instant followup reads it as (`timestamptz`).
    Instant(Option<DateTime<Utc>>),
}

impl PgValue<'_> {
    fn typed(&self) -> (&(dyn postgres::types::ToSql + Sync), Option<Type>) {
        match self {
            PgValue::AsIs(value, ty) => (*value, ty.clone()),
            PgValue::Instant(at) => (at, Some(Type::TIMESTAMPTZ)),
        }
    }
}

/// The kinds of value sent to PostgreSQL as they are: every kind the store binds except
/// wall-clock readings, which go as instants (below). A new kind of value to bind is named
/// here; one left out does not build.
pub(super) trait SentAsIs {}

impl SentAsIs for i64 {}
impl SentAsIs for bool {}
impl SentAsIs for str {}
impl SentAsIs for String {}
impl SentAsIs for chrono::NaiveDate {}
impl SentAsIs for crate::domain::Channel {}
impl SentAsIs for crate::domain::CloseReason {}
impl SentAsIs for crate::domain::Outcome {}
impl SentAsIs for crate::domain::Preference {}
impl SentAsIs for crate::domain::Status {}
impl SentAsIs for crate::domain::Step {}
impl SentAsIs for crate::domain::ValueKind {}
impl<T: SentAsIs + ?Sized> SentAsIs for &T {}
impl<T: SentAsIs> SentAsIs for Option<T> {}

impl<T: rusqlite::ToSql + postgres::types::ToSql + Sync + SentAsIs> Param for T {
    fn sqlite(&self) -> &dyn rusqlite::ToSql {
        self
    }

    fn postgres(&self, _zone: Tz) -> PgValue<'_> {
        let ty = SENT_AS
            .iter()
            .find(|ty| <T as postgres::types::ToSql>::accepts(ty))
            .cloned();
        PgValue::AsIs(self, ty)
    }
}

/// A wall-clock reading of the salesperson's zone: SQLite keeps it as it is; PostgreSQL is
/// sent the instant it stands for (see the module's doc).
impl Param for NaiveDateTime {
    fn sqlite(&self) -> &dyn rusqlite::ToSql {
        self
    }

    fn postgres(&self, zone: Tz) -> PgValue<'_> {
        PgValue::Instant(Some(crate::zones::stored_instant(*self, zone)))
    }
}

impl Param for Option<NaiveDateTime> {
    fn sqlite(&self) -> &dyn rusqlite::ToSql {
        self
    }

    fn postgres(&self, zone: Tz) -> PgValue<'_> {
        PgValue::Instant(self.map(|at| crate::zones::stored_instant(at, zone)))
    }
}

/// The types the store's values are sent as, in order of preference: a Rust type is sent as
/// the first it can be written as (text for strings and the domain's names, bigint for
/// integers, and so on), which is the type of the columns they go to.
const SENT_AS: &[Type] = &[
    Type::INT8,
    Type::TEXT,
    Type::BOOL,
    Type::DATE,
    Type::FLOAT8,
    Type::INT4,
    Type::INT8_ARRAY,
    Type::TEXT_ARRAY,
];

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

    /// A stored date, read by position on SQLite as [`Row::datetime`] reads a date and time.
    pub(super) fn day(&self, index: usize) -> Result<NaiveDate, DbError> {
        if let Row::Sqlite(row) = self
            && let Ok(text) = row.get_ref(index).map_err(DbError::Sqlite)?.as_str()
            && let Some(day) = super::rows::parse_stored_day(text)
        {
            return Ok(day);
        }
        self.get(index)
    }

    pub(super) fn optional_day(&self, index: usize) -> Result<Option<NaiveDate>, DbError> {
        if let Row::Sqlite(row) = self
            && row.get_ref(index).map_err(DbError::Sqlite)? == rusqlite::types::ValueRef::Null
        {
            return Ok(None);
        }
        match self {
            Row::Sqlite(_) => self.day(index).map(Some),
            Row::Postgres(..) => self.get(index),
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

/// Every row of a result, and how many rows the statement changed.
fn drain(mut rows: postgres::RowIter<'_>) -> Result<(Vec<postgres::Row>, u64), postgres::Error> {
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(row);
    }
    Ok((out, rows.rows_affected().unwrap_or(0)))
}

impl PgConn {
    /// A session whose `TimeZone` is `zone` already (postgres_server.rs sets it).
    pub(super) fn new(client: postgres::Client, zone: Tz) -> PgConn {
        PgConn {
            client: RefCell::new(client),
            statements: RefCell::new(HashMap::new()),
            session_rep: RefCell::new(None),
            first_reading: RefCell::new(None),
            zone,
        }
    }

    /// The zone whose wall clock the session's instants are read and written in.
    pub(super) fn zone(&self) -> Tz {
        self.zone
    }

    /// Keeps the rep this session is (`None`: no rep's role), read before any write.
    pub(super) fn remember_session_rep(&self, rep: Option<Rep>) {
        *self.session_rep.borrow_mut() = Some(rep);
    }

    /// The rep [`PgConn::remember_session_rep`] kept, if the session has not written since.
    pub(super) fn known_session_rep(&self) -> Option<Option<Rep>> {
        self.session_rep.borrow().clone()
    }

    /// Keeps what the session's first statement read besides the version and the rep.
    pub(super) fn remember_first_reading(&self, reading: FirstReading) {
        *self.first_reading.borrow_mut() = Some(reading);
    }

    /// `look` applied to what [`PgConn::remember_first_reading`] kept, if the session has
    /// not written since.
    pub(super) fn kept<T>(&self, look: impl FnOnce(&FirstReading) -> T) -> Option<T> {
        self.first_reading.borrow().as_ref().map(look)
    }

    /// Runs one statement and reads its whole result, in as few round trips to the server as
    /// the session allows. A command is a short-lived process that runs most of its
    /// statements once, and each round trip is a wait on the server (a context switch on
    /// a local one, the network's latency on another): so a statement goes out parsed, bound
    /// and run in one message, with its values' types given ([`PgValue`]).
    /// One run more than [`UNPREPARED_RUNS`] times (a page of a scan, a loop of an import)
    /// is then prepared, once, and from then on only bound and run, as rusqlite's
    /// `prepare_cached` does. A value of a type outside [`SENT_AS`] makes it prepared from
    /// the first run.
    fn run(
        &self,
        sql: &str,
        params: &[(&(dyn postgres::types::ToSql + Sync), Option<Type>)],
    ) -> Result<(Vec<postgres::Row>, u64), postgres::Error> {
        let runs = match self.statements.borrow().get(sql) {
            Some(Cached::Prepared(statement)) => Err(statement.clone()),
            Some(Cached::Unprepared(runs)) => Ok(*runs),
            None => Ok(0),
        };
        let typed: Option<Vec<_>> = params
            .iter()
            .map(|(value, ty)| ty.clone().map(|ty| (*value, ty)))
            .collect();
        let statement = match (runs, typed) {
            (Err(statement), _) => statement,
            (Ok(runs), Some(typed)) if runs < UNPREPARED_RUNS => {
                let result = drain(
                    self.client
                        .borrow_mut()
                        .query_typed_raw(&postgres_text(sql), typed)?,
                )?;
                self.statements
                    .borrow_mut()
                    .insert(sql.to_string(), Cached::Unprepared(runs + 1));
                return Ok(result);
            }
            (Ok(_), typed) => {
                let statement = self.prepare(sql, typed.is_some().then_some(params))?;
                self.statements
                    .borrow_mut()
                    .insert(sql.to_string(), Cached::Prepared(statement.clone()));
                statement
            }
        };
        let values: Vec<_> = params.iter().map(|(value, _)| *value).collect();
        drain(self.client.borrow_mut().query_raw(&statement, values)?)
    }

    /// Prepares `sql`, with the types of `params` when they all have one, else with the types
    /// the server infers.
    fn prepare(
        &self,
        sql: &str,
        typed: Option<&[(&(dyn postgres::types::ToSql + Sync), Option<Type>)]>,
    ) -> Result<postgres::Statement, postgres::Error> {
        let text = postgres_text(sql);
        match typed {
            Some(params) => {
                let types: Vec<Type> = params.iter().filter_map(|(_, ty)| ty.clone()).collect();
                self.client.borrow_mut().prepare_typed(&text, &types)
            }
            None => self.client.borrow_mut().prepare(&text),
        }
    }

    /// The values of `params` as this session sends them.
    fn values<'v>(&self, params: &[&'v dyn Param]) -> Vec<PgValue<'v>> {
        params
            .iter()
            .map(|param| param.postgres(self.zone))
            .collect()
    }

    fn query(&self, sql: &str, params: &[&dyn Param]) -> Result<Vec<postgres::Row>, DbError> {
        let values = self.values(params);
        let typed: Vec<_> = values.iter().map(PgValue::typed).collect();
        self.run(sql, &typed)
            .map(|(rows, _)| rows)
            .map_err(DbError::Postgres)
    }

    /// A query with parameters only PostgreSQL takes (arrays).
    pub(super) fn query_postgres(
        &self,
        sql: &str,
        params: &[(&(dyn postgres::types::ToSql + Sync), Type)],
    ) -> Result<Vec<postgres::Row>, DbError> {
        let values: Vec<_> = params
            .iter()
            .map(|(value, ty)| (*value, Some(ty.clone())))
            .collect();
        self.run(sql, &values)
            .map(|(rows, _)| rows)
            .map_err(DbError::Postgres)
    }

    fn execute(&self, sql: &str, params: &[&dyn Param]) -> Result<u64, DbError> {
        let values = self.values(params);
        let typed: Vec<_> = values.iter().map(PgValue::typed).collect();
        self.run(sql, &typed)
            .map(|(_, changed)| changed)
            .map_err(DbError::Postgres)
    }

    /// Runs statements with no parameters and no rows (transaction control, schema changes),
    /// several in one round trip when separated by semicolons.
    pub(super) fn batch(&self, sql: &str) -> Result<(), postgres::Error> {
        self.client.borrow_mut().batch_execute(sql)
    }

    /// Starts a transaction that holds the advisory lock `key` until it ends, waiting for it
    /// at most `wait`, in one round trip. The wait is the transaction's own (`SET LOCAL`),
    /// not the session's: nothing outlives the transaction, as a pooler in transaction mode
    /// needs (docs/team.md).
    pub(super) fn begin_locked(&self, key: i64, wait: Duration) -> Result<(), postgres::Error> {
        // A write may change the session's own rep (`team init`, `rep deactivate`), the
        // team's settings (`team cadence set`), the bookkeeping or the value items: read them again
        // from now on.
        *self.session_rep.borrow_mut() = None;
        *self.first_reading.borrow_mut() = None;
        self.batch(&format!(
            "BEGIN; SET LOCAL lock_timeout = '{}ms'; SELECT pg_advisory_xact_lock({key})",
            wait.as_millis()
        ))
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
    /// statements: sent unprepared, in one round trip.
    pub(super) fn query_one_value<T: for<'a> postgres::types::FromSql<'a>>(
        &self,
        sql: &str,
    ) -> Result<T, postgres::Error> {
        self.client
            .borrow_mut()
            .query_typed_one(sql, &[])?
            .try_get(0)
    }

    /// The three values of the one row of a query without parameters, in one round trip.
    pub(super) fn query_one_row3<A, B, C>(&self, sql: &str) -> Result<(A, B, C), postgres::Error>
    where
        A: for<'a> postgres::types::FromSql<'a>,
        B: for<'a> postgres::types::FromSql<'a>,
        C: for<'a> postgres::types::FromSql<'a>,
    {
        let row = self.client.borrow_mut().query_typed_one(sql, &[])?;
        Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?))
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::domain::Status;

    /// Every kind of value the store binds is sent with the type of the columns it goes to,
    /// so that no statement needs a round trip of its own to be prepared.
    #[test]
    fn the_store_values_are_sent_with_their_column_types() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let instant = day.and_hms_opt(9, 0, 0).unwrap();
        let cases: [(&dyn Param, Type); 11] = [
            (&1_i64, Type::INT8),
            (&Some(1_i64), Type::INT8),
            (&"text", Type::TEXT),
            (&"text".to_string(), Type::TEXT),
            (&None::<String>, Type::TEXT),
            (&true, Type::BOOL),
            (&day, Type::DATE),
            (&Some(day), Type::DATE),
            (&instant, Type::TIMESTAMPTZ),
            (&None::<NaiveDateTime>, Type::TIMESTAMPTZ),
            (&Status::Active, Type::TEXT),
        ];
        for (value, expected) in cases {
            assert_eq!(value.postgres(Tz::UTC).typed().1, Some(expected));
        }
    }

    /// A wall-clock time goes to PostgreSQL as the instant zones.rs reads it as: on the night
    /// the clocks go back in New York, the first 01:30 (05:30 UTC), where the server, left
    /// to read it with its `TimeZone`, takes the second (06:30 UTC).
    #[test]
    fn a_wall_clock_time_is_sent_as_the_instant_zones_reads() {
        let new_york = chrono_tz::America::New_York;
        let twice = NaiveDate::from_ymd_opt(2026, 11, 1)
            .unwrap()
            .and_hms_opt(1, 30, 0)
            .unwrap();
        let sent = |value: &dyn Param| match value.postgres(new_york) {
            PgValue::Instant(at) => at,
            PgValue::AsIs(..) => panic!("a wall-clock time sent as it is"),
        };
        let first = crate::zones::stored_instant(twice, new_york);
        assert_eq!(first.to_rfc3339(), "2026-11-01T05:30:00+00:00");
        assert_eq!(sent(&twice), Some(first));
        assert_eq!(sent(&Some(twice)), Some(first));
        assert_eq!(sent(&None::<NaiveDateTime>), None);
        assert_eq!(
            sent(&super::super::stored_time::Stamp(Some(twice))),
            Some(first)
        );
    }
}
