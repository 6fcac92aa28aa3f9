//! The schema, as a list of forward steps. The database's `user_version` says how many have
//! run; opening a file runs the missing ones, each in its own transaction.
//!
//! Shipped steps are never edited, only added to: a file made by any released version must
//! open with every later one. Each new step comes with a fixture database made by the version
//! before it, under tests/fixtures/.

use rusqlite::{Connection, TransactionBehavior};

use super::error::{Context, StoreError};

/// One schema change.
struct Migration {
    /// What the step adds, for readers of this file.
    #[allow(dead_code)]
    description: &'static str,
    sql: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        description: "prospects, their attempts, and a key-value table for bookkeeping",
        sql: "
        CREATE TABLE prospects (
            id              INTEGER PRIMARY KEY,
            name            TEXT NOT NULL,
            company         TEXT,
            phone           TEXT,
            email           TEXT,
            title           TEXT,
            prefers         TEXT,
            next_step       TEXT,
            topic           TEXT,
            assistant       TEXT,
            assistant_phone TEXT,
            note            TEXT,
            cadence         TEXT NOT NULL,
            start_date      TEXT NOT NULL,
            status          TEXT NOT NULL CHECK (status IN ('active', 'closed')),
            close_reason    TEXT,
            closed_at       TEXT,
            close_note      TEXT,
            recontact_on    TEXT,
            run_started_at  TEXT,
            created_at      TEXT NOT NULL,
            -- The earliest day the next action can be due, kept by the tracker on every write
            -- so that the morning list reads only what is due. NULL: nothing planned.
            due_on          TEXT
        );
        CREATE INDEX prospects_by_due_on ON prospects (due_on);

        CREATE TABLE attempts (
            id          INTEGER PRIMARY KEY,
            prospect_id INTEGER NOT NULL REFERENCES prospects (id) ON DELETE CASCADE,
            at          TEXT NOT NULL,
            channel     TEXT NOT NULL,
            outcome     TEXT NOT NULL,
            step        TEXT NOT NULL,
            note        TEXT,
            promise     TEXT,
            next_date   TEXT,
            logged_at   TEXT NOT NULL
        );
        CREATE INDEX attempts_by_prospect ON attempts (prospect_id, at, id);

        CREATE TABLE meta (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
    ",
    },
    Migration {
        description: "days off kept in the database: imported holidays and days away",
        sql: "
        -- `calendar import FILE`: the file's holidays, by the file's name, so that importing
        -- a newer copy of the same file replaces them.
        CREATE TABLE holidays (
            source      TEXT NOT NULL,
            day         TEXT NOT NULL,
            name        TEXT NOT NULL,
            imported_at TEXT NOT NULL,
            PRIMARY KEY (source, day)
        ) WITHOUT ROWID;

        -- `away FROM TO`: one row per calendar day the salesperson is out.
        CREATE TABLE away_days (
            day       TEXT PRIMARY KEY,
            marked_at TEXT NOT NULL
        ) WITHOUT ROWID;
    ",
    },
    Migration {
        description: "the prospect's time zone",
        sql: "
        -- An IANA name (`Europe/Berlin`), checked by the command that stores it. NULL: the
        -- prospect is in the salesperson's zone, which is all that schema 2 knew.
        ALTER TABLE prospects ADD COLUMN time_zone TEXT;
    ",
    },
    Migration {
        description: "what each logged attempt changed about its file, for `undo`",
        sql: "
        -- One row per attempt whose `log` closed, reopened or moved the re-contact of its
        -- file: the file as it was before (before_*) and as the attempt left it (after_*).
        -- Attempts logged by schema 3 have none; `undo` then leaves the file as it is.
        CREATE TABLE attempt_effects (
            attempt_id            INTEGER PRIMARY KEY
                                  REFERENCES attempts (id) ON DELETE CASCADE,
            before_status         TEXT NOT NULL,
            before_close_reason   TEXT,
            before_closed_at      TEXT,
            before_close_note     TEXT,
            before_recontact_on   TEXT,
            before_run_started_at TEXT,
            after_status          TEXT NOT NULL,
            after_close_reason    TEXT,
            after_closed_at       TEXT,
            after_close_note      TEXT,
            after_recontact_on    TEXT,
            after_run_started_at  TEXT
        );
    ",
    },
    Migration {
        description: "the ground rules agreed with the prospect, and the company's main line",
        sql: "
        -- 1 when, at a conversation, the prospect agreed that a plain no is welcome (`log
        -- --ground-rules`, `edit --ground-rules yes`): the follow-up and rescue messages then
        -- recall it. Files of schema 4 and before have none on record.
        ALTER TABLE prospects ADD COLUMN ground_rules INTEGER NOT NULL DEFAULT 0;
        -- The company's switchboard (`--main-line`): with no assistant's number, the assistant
        -- step asks the front desk after the prospect.
        ALTER TABLE prospects ADD COLUMN main_line TEXT;
    ",
    },
    Migration {
        description: "lost deals kept on the drip",
        sql: "
        -- 1 for a file closed as lost and kept on the drip (`close --reason lost`, unless
        -- --no-drip): a value touch every drip_every_business_days of its cadence. The date of
        -- the next one is worked out from the history, not stored. Files closed by schema 5
        -- and before are not on the drip.
        ALTER TABLE prospects ADD COLUMN drip INTEGER NOT NULL DEFAULT 0;
        -- The same flag in what a logged attempt changed about its file, so that `undo` of a
        -- reply that reopened a file on the drip puts it back on the drip.
        ALTER TABLE attempt_effects ADD COLUMN before_drip INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE attempt_effects ADD COLUMN after_drip INTEGER NOT NULL DEFAULT 0;
    ",
    },
    Migration {
        description: "value items, the item each attempt carried, and the ground rules a log set",
        sql: "
        -- `value add`: something worth the prospect's time for a message to carry, kept for
        -- one prospect (prospect_id) or for every prospect with a topic (topic), never both.
        -- An item a touch carried is retired, not deleted, so history and stats still name it.
        CREATE TABLE value_items (
            id          INTEGER PRIMARY KEY,
            prospect_id INTEGER REFERENCES prospects (id) ON DELETE CASCADE,
            topic       TEXT,
            kind        TEXT NOT NULL,
            text        TEXT NOT NULL,
            added_at    TEXT NOT NULL,
            retired_at  TEXT,
            CHECK ((prospect_id IS NULL) <> (topic IS NULL))
        );
        CREATE INDEX value_items_by_prospect ON value_items (prospect_id);
        -- The item the attempt's message carried (NULL: none, or logged before this step).
        ALTER TABLE attempts ADD COLUMN value_item INTEGER
            REFERENCES value_items (id) ON DELETE SET NULL;
        -- Which items each prospect's touches carried, read once for a whole list.
        CREATE INDEX attempts_by_value_item ON attempts (prospect_id, value_item)
            WHERE value_item IS NOT NULL;
        -- 1 when this attempt's `log --ground-rules` put ground rules on a file that had none,
        -- so that `undo` can take them off again.
        ALTER TABLE attempts ADD COLUMN ground_rules_set INTEGER NOT NULL DEFAULT 0;
    ",
    },
    Migration {
        description: "a team: reps, the owner of each prospect, an audit of changes, team settings",
        sql: "
        -- The salespeople of a team book (PostgreSQL): each connects as their own database
        -- role (role_name), which is what row-level security checks. A deactivated rep keeps
        -- their row, so history and the audit still name them.
        CREATE TABLE reps (
            id        INTEGER PRIMARY KEY,
            name      TEXT NOT NULL,
            email     TEXT NOT NULL UNIQUE,
            role_name TEXT NOT NULL UNIQUE,
            manager   INTEGER NOT NULL DEFAULT 0,
            active    INTEGER NOT NULL DEFAULT 1,
            added_at  TEXT NOT NULL
        );
        -- Who works the file; NULL: the unassigned pool (and every file of a personal book).
        ALTER TABLE prospects ADD COLUMN owner INTEGER REFERENCES reps (id);
        CREATE INDEX prospects_by_owner ON prospects (owner, due_on);
        -- Who logged each touch (NULL: before this step, or a personal book).
        ALTER TABLE attempts ADD COLUMN rep INTEGER REFERENCES reps (id);
        -- Every change to a team book, appended in the transaction that made it: who (the
        -- database role), when (the database's clock), what, and the old and new values.
        -- prospect_id has no foreign key: the audit outlives a deleted file.
        CREATE TABLE audit (
            id          INTEGER PRIMARY KEY,
            at          TEXT NOT NULL,
            actor       TEXT NOT NULL,
            prospect_id INTEGER,
            action      TEXT NOT NULL,
            field       TEXT,
            old_value   TEXT,
            new_value   TEXT
        );
        CREATE INDEX audit_by_prospect ON audit (prospect_id, id);
        -- What a team shares and a rep's own cadence.toml does not decide (`team cadence set`).
        CREATE TABLE team_settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        -- The audit is append-only, for everyone: no change to a row, no row removed.
        CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit is append-only: its rows are never changed'); END;
        CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
        BEGIN SELECT RAISE(ABORT, 'the audit is append-only: its rows are never removed'); END;
    ",
    },
    Migration {
        description: "the per-touch facts of `stats`, their counts by day, closed files by reason, promises by prospect",
        sql: "
        -- What `stats` needs of each prospect's history (stats/facts.rs), kept by the tracker
        -- with the due dates: rewritten on every write to the prospect, and for every prospect
        -- when the rules change. One row per touch, or per day of calls to the assistant.
        CREATE TABLE touch_facts (
            prospect_id     INTEGER NOT NULL,
            day             TEXT NOT NULL,
            step            TEXT NOT NULL,
            channel         TEXT NOT NULL,
            answered        INTEGER NOT NULL,
            -- Its number in its run when it is the run's first answered touch, else 0.
            first_answer    INTEGER NOT NULL,
            opens_run       INTEGER NOT NULL,
            run             INTEGER NOT NULL,
            run_answered_on TEXT,
            value_item      INTEGER
        );
        CREATE INDEX touch_facts_by_prospect ON touch_facts (prospect_id);
        CREATE INDEX touch_facts_by_value_item ON touch_facts (value_item, day, answered)
            WHERE value_item IS NOT NULL;
        -- touch_facts counted by day and kind, kept with them: what the report sums.
        CREATE TABLE touch_days (
            day          TEXT NOT NULL,
            step         TEXT NOT NULL,
            channel      TEXT NOT NULL,
            answered     INTEGER NOT NULL,
            first_answer INTEGER NOT NULL,
            opens_run    INTEGER NOT NULL,
            touches      INTEGER NOT NULL,
            PRIMARY KEY (day, step, channel, answered, first_answer, opens_run)
        ) WITHOUT ROWID;
        -- The whole history's counts by kind, summed in this order without a sort.
        CREATE INDEX touch_days_by_kind
            ON touch_days (step, channel, answered, first_answer, day, touches);
        -- Every promised callback: what became of it once an attempt followed (NULL: none
        -- yet), and the end of its grace.
        CREATE TABLE promise_facts (
            prospect_id INTEGER NOT NULL,
            day         TEXT NOT NULL,
            settled     TEXT,
            deadline    TEXT NOT NULL
        );
        CREATE INDEX promise_facts_by_prospect ON promise_facts (prospect_id);
        CREATE INDEX promise_facts_by_day ON promise_facts (day, settled, deadline);
        CREATE INDEX prospects_by_closure ON prospects (close_reason, closed_at)
            WHERE close_reason IS NOT NULL;
        -- The promised calls of a prospect, one index probe: a limited morning reads the
        -- promises of the coming days through it (store/promises.rs).
        CREATE INDEX attempts_by_promise ON attempts (prospect_id, promise)
            WHERE promise IS NOT NULL;
        -- The facts are stored with the due dates: forgetting the rules they were computed
        -- under has the next command compute both.
        DELETE FROM meta WHERE key = 'rules_fingerprint';
    ",
    },
    Migration {
        description: "instants kept as instants on PostgreSQL (timestamptz)",
        sql: "
        -- Nothing changes in a file: its times stay the salesperson's wall clock, in the zone
        -- kept under the `clock_zone` bookkeeping key. The step exists so that a version
        -- means the same step on both engines (see pg_migrations.rs).
        SELECT 1;
    ",
    },
    Migration {
        description: "each rep's own days away, and the file a log claimed",
        sql: "
        -- The days away become someone's: on a team book each rep marks their own, and a
        -- file's dates skip its owner's (tracker/calendars.rs). rep NULL: the book's own days
        -- away, as before (a personal book has no other). The key was the day alone, so the
        -- table is made again with the rep beside it, keeping every row.
        CREATE TABLE away_days_by_rep (
            day       TEXT NOT NULL,
            marked_at TEXT NOT NULL,
            rep       INTEGER REFERENCES reps (id)
        );
        INSERT INTO away_days_by_rep (day, marked_at) SELECT day, marked_at FROM away_days;
        DROP TABLE away_days;
        ALTER TABLE away_days_by_rep RENAME TO away_days;
        -- One row per rep and day; the book's own (NULL) count as one more rep.
        CREATE UNIQUE INDEX away_days_once ON away_days (coalesce(rep, 0), day);
        -- 1 when this attempt's `log` claimed its file on a team book, which claimed_from
        -- held before (NULL: the pool), so that `undo` gives the file back.
        ALTER TABLE attempts ADD COLUMN claimed INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE attempts ADD COLUMN claimed_from INTEGER REFERENCES reps (id);
        -- Due dates computed with everyone's days away are computed again.
        DELETE FROM meta WHERE key = 'rules_fingerprint';
    ",
    },
    Migration {
        description: "the zone each stored due date was worked out in",
        sql: "
        -- A due date is worked out from the dates of instants, and a date depends on the
        -- zone it is read in. On a team book the zone of the session that stored it is kept
        -- beside it (pg_migrations.rs); a personal book is read in one zone, so here the
        -- column stays empty and exists for the two engines to keep the same columns.
        ALTER TABLE prospects ADD COLUMN due_zone TEXT;
    ",
    },
    Migration {
        description: "who did the work `stats` counts: the rep of each touch and promise, touches counted by day and rep",
        sql: "
        -- The rep who logged a touch's first attempt, or made a promise (attempts.rep), so
        -- that `stats --by-rep` sums stored rows rep by rep. NULL: no rep. A file has no
        -- reps (they live on a team's server), so every row of a file stays NULL.
        ALTER TABLE touch_facts ADD COLUMN rep INTEGER;
        ALTER TABLE promise_facts ADD COLUMN rep INTEGER;
        -- A rep's runs without a response are counted from this index (their touches lie
        -- scattered through the table).
        CREATE INDEX touch_facts_by_rep
            ON touch_facts (rep, day, channel, run_answered_on, prospect_id, run)
            WHERE rep IS NOT NULL;
        CREATE INDEX promise_facts_by_rep ON promise_facts (rep, day);
        -- The whole book's promises and closes are counted from their indexes alone, as
        -- before, though the statements now also ask whose they are.
        DROP INDEX promise_facts_by_day;
        CREATE INDEX promise_facts_by_day ON promise_facts (day, settled, deadline, rep);
        DROP INDEX prospects_by_closure;
        CREATE INDEX prospects_by_closure ON prospects (close_reason, closed_at, owner)
            WHERE close_reason IS NOT NULL;
        -- The day counts take the rep into their key: 0 for no rep, since a key holds two
        -- NULLs distinct. The key changes, so the table is made again and counted again.
        DROP TABLE touch_days;
        CREATE TABLE touch_days (
            day          TEXT NOT NULL,
            rep          INTEGER NOT NULL DEFAULT 0,
            step         TEXT NOT NULL,
            channel      TEXT NOT NULL,
            answered     INTEGER NOT NULL,
            first_answer INTEGER NOT NULL,
            opens_run    INTEGER NOT NULL,
            touches      INTEGER NOT NULL,
            PRIMARY KEY (day, rep, step, channel, answered, first_answer, opens_run)
        ) WITHOUT ROWID;
        CREATE INDEX touch_days_by_kind
            ON touch_days (step, channel, answered, first_answer, day, touches);
        CREATE INDEX touch_days_by_rep ON touch_days (rep, day);
        INSERT INTO touch_days
            (day, rep, step, channel, answered, first_answer, opens_run, touches)
        SELECT day, 0, step, channel, answered, first_answer, opens_run, COUNT(*)
        FROM touch_facts
        GROUP BY day, step, channel, answered, first_answer, opens_run;
    ",
    },
    Migration {
        description: "each rep's own phone number",
        sql: "
        -- What a rep's messages give as their number when their own [me] gives none (`rep
        -- add --phone`, `rep edit --phone`). A file has no reps, so it stays empty here.
        ALTER TABLE reps ADD COLUMN phone TEXT;
    ",
    },
    Migration {
        description: "each file's next action as it reads on any day",
        sql: "
        -- Kept by the tracker beside due_on on every write (store/planned.rs has its text), so
        -- that `list` shows every file's next step without reading a single history. NULL:
        -- never worked out; the engine answers for the file.
        ALTER TABLE prospects ADD COLUMN outlook TEXT;
    ",
    },
];

/// The schema version this build writes.
pub const CURRENT_VERSION: i64 = MIGRATIONS.len() as i64;

/// Brings the schema up to date, or refuses a file from a newer version without touching it.
pub(super) fn migrate(conn: &mut Connection, path: &std::path::Path) -> Result<(), StoreError> {
    let found = schema_version(conn)?;
    refuse_unknown(found, path)?;
    if found == 0 && has_tables(conn)? {
        // Version 0 with tables: some other program's database, not an empty file to set up.
        return Err(StoreError::NotADatabase {
            path: path.to_path_buf(),
            detail: "it holds tables of another program".to_string(),
        });
    }
    // Not negative: refused above.
    let done = usize::try_from(found).unwrap_or(MIGRATIONS.len());
    for (index, migration) in MIGRATIONS.iter().enumerate().skip(done) {
        let version = index as i64 + 1;
        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .context("starting a schema upgrade")?;
        // Another process may have upgraded the file while this one waited for the lock.
        if schema_version(&tx)? >= version {
            continue;
        }
        tx.execute_batch(migration.sql)
            .context("upgrading the schema")?;
        tx.pragma_update(None, "user_version", version)
            .context("recording the schema version")?;
        tx.commit().context("committing a schema upgrade")?;
    }
    Ok(())
}

/// A file written by a newer followup may hold data this version would misread or destroy;
/// one whose version is negative was never written by followup at all. Both are refused
/// before anything in them changes.
pub(super) fn refuse_unknown(found: i64, path: &std::path::Path) -> Result<(), StoreError> {
    if found < 0 {
        return Err(StoreError::UnknownSchema {
            path: path.to_path_buf(),
            found,
        });
    }
    if found > CURRENT_VERSION {
        return Err(StoreError::NewerSchema {
            path: path.to_path_buf(),
            found,
            known: CURRENT_VERSION,
        });
    }
    Ok(())
}

pub(super) fn schema_version(conn: &Connection) -> Result<i64, StoreError> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0))
        .context("reading the schema version")
}

fn has_tables(conn: &Connection) -> Result<bool, StoreError> {
    conn.query_row("SELECT EXISTS (SELECT 1 FROM sqlite_master)", [], |row| {
        row.get(0)
    })
    .context("inspecting the database")
}
