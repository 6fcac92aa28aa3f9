//! Setting a team up on PostgreSQL: the first manager, row-level security switched on, the
//! reps and the SQL that gives each their role.
//!
//! The policies themselves are made by the schema (pg_migrations.rs, step 8) and lie dormant
//! until `team init` enables them here, so that a book on a server stays one person's until
//! it becomes a team's. Role names cannot be bound parameters: they are checked by the caller
//! (`domain::rep::check_role_name`) and always written quoted ([`quote_identifier`]).

use chrono::NaiveDateTime;

use super::conn::Conn;
use super::error::{Context, StoreError};
use super::reps::{REP_COLUMNS, rep};
use super::{Reader, Writer};
use crate::domain::Rep;

/// The tables row-level security guards once the team is set up. Enabled and forced: the
/// tables' owner (the first manager) is held to the policies too.
const GUARDED: &[&str] = &[
    "prospects",
    "attempts",
    "attempt_effects",
    "value_items",
    "reps",
    "team_settings",
    "audit",
    // Each rep's days away are their own; the holidays, the team's (pg_migrations.rs, step 10).
    "away_days",
    "holidays",
    // A rep reads the facts of `stats` of the files they see, and of their own work
    // (pg_migrations.rs, step 11). `touch_days` (counts, no file) is every rep's.
    "touch_facts",
    "promise_facts",
];

/// What every rep's role is granted. Rows are the policies' business: reading and writing
/// `reps` and `team_settings` is granted to all, and the policies let only managers write.
/// The audit takes no UPDATE or DELETE from anyone (and a trigger refuses them anyway).
const GRANTS: &[(&str, &[&str])] = &[
    (
        "SELECT, INSERT, UPDATE, DELETE",
        &[
            "prospects",
            "attempts",
            "attempt_effects",
            "value_items",
            "reps",
            "team_settings",
            "meta",
            "holidays",
            "away_days",
            // What `stats` counts, kept by every write to a file (store/stat_facts.rs).
            "touch_facts",
            "touch_days",
            "promise_facts",
        ],
    ),
    ("SELECT, INSERT", &["audit"]),
    ("SELECT", &["followup_schema"]),
];

/// A rep to add, as `team init` and `rep add` were given them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRep<'a> {
    pub name: &'a str,
    pub email: &'a str,
    pub role_name: &'a str,
    pub manager: bool,
    pub phone: Option<&'a str>,
}

/// Who the session is and what it may do to the schema, for `team init`'s checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRole {
    /// `current_user`.
    pub role: String,
    /// The role that owns the tables (made them: ran the first followup on the database).
    pub tables_owner: String,
    pub superuser: bool,
    /// `current_database()`, for the grants.
    pub database: String,
}

/// What `--create-role` did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleMade {
    /// The role was created, with LOGIN, and granted what followup needs.
    Created,
    /// A role of that name existed already: it was only granted what followup needs.
    Granted,
}

/// `"name"`, with any `"` doubled: an identifier PostgreSQL reads as written.
pub fn quote_identifier(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The statements that give `role` its login and what followup needs on `database`, for a
/// database administrator to run (`rep add` prints them) or run by `rep add --create-role`.
/// `role` is quoted; it should also have been checked to be a plain name.
pub fn role_statements(role: &str, database: &str) -> Vec<String> {
    let role = quote_identifier(role);
    let mut statements = vec![
        format!("CREATE ROLE {role} LOGIN"),
        format!(
            "GRANT CONNECT ON DATABASE {} TO {role}",
            quote_identifier(database)
        ),
    ];
    statements.extend(grant_statements(&role));
    statements
}

/// The statement that stops a role connecting at all, for `rep deactivate` to print.
pub fn nologin_statement(role: &str) -> String {
    format!("ALTER ROLE {} NOLOGIN", quote_identifier(role))
}

/// The grants alone, for a role that exists (quoted already).
fn grant_statements(role: &str) -> Vec<String> {
    let mut statements = vec![format!("GRANT USAGE ON SCHEMA public TO {role}")];
    for (privileges, tables) in GRANTS {
        statements.push(format!(
            "GRANT {privileges} ON {} TO {role}",
            tables.join(", ")
        ));
    }
    // The ids of new rows (prospects, attempts, the audit) come from the tables' sequences.
    statements.push(format!(
        "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {role}"
    ));
    statements
}

fn server_only(conn: Conn<'_>, what: &'static str) -> Result<(), StoreError> {
    match conn {
        Conn::Sqlite(_) => Err(StoreError::ServerOnly { what }),
        Conn::Postgres(_) => Ok(()),
    }
}

impl Reader<'_> {
    /// Whether `team init` has run: row-level security is on for the prospects.
    pub fn team_is_set_up(&self) -> Result<bool, StoreError> {
        match self.conn {
            Conn::Sqlite(_) => Ok(false),
            Conn::Postgres(_) => Ok(self
                .conn
                .first(
                    "SELECT relrowsecurity FROM pg_class WHERE oid = to_regclass('prospects')",
                    &[],
                    |row| row.get::<bool>(0),
                    "reading whether the team is set up",
                )?
                .unwrap_or(false)),
        }
    }

    /// The session's role, the tables' owner, and the database.
    pub fn session_role(&self) -> Result<SessionRole, StoreError> {
        server_only(self.conn, "reading the session's role")?;
        self.conn.one(
            "SELECT current_user::text,
                    (SELECT pg_get_userbyid(relowner)::text FROM pg_class
                     WHERE oid = to_regclass('prospects')),
                    (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
                    current_database()::text",
            &[],
            |row| {
                Ok(SessionRole {
                    role: row.get(0)?,
                    tables_owner: row.get(1)?,
                    superuser: row.get(2)?,
                    database: row.get(3)?,
                })
            },
            "reading the session's role",
        )
    }

    /// Whether a role of this name exists on the server (roles are the whole server's, not
    /// one database's).
    pub fn role_exists(&self, role: &str) -> Result<bool, StoreError> {
        server_only(self.conn, "looking up a role")?;
        self.conn.one(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = ?1)",
            &[&role],
            |row| row.get(0),
            "looking up a role",
        )
    }

    /// How many active files each rep holds, `(rep id, count)`, for every rep: on
    /// PostgreSQL through `followup_open_files()`, which counts files the caller's policies
    /// hide.
    pub fn open_files(&self) -> Result<Vec<(i64, i64)>, StoreError> {
        let sql = match self.conn {
            Conn::Sqlite(_) => {
                "SELECT owner, count(*) FROM prospects
                 WHERE owner IS NOT NULL AND status = 'active' GROUP BY owner"
            }
            Conn::Postgres(_) => "SELECT rep, open_files FROM followup_open_files()",
        };
        self.rows(
            sql,
            &[],
            |row| Ok((row.get(0)?, row.get(1)?)),
            "counting each rep's open files",
        )
    }

    /// The rep who holds prospect `id`, whether or not the caller may see the prospect (on
    /// PostgreSQL through `followup_holder(bigint)`); `None` for the pool or no such prospect.
    pub fn holder(&self, id: crate::domain::ProspectId) -> Result<Option<Rep>, StoreError> {
        let sql = match self.conn {
            Conn::Sqlite(_) => format!(
                "SELECT {REP_COLUMNS} FROM reps
                 WHERE id = (SELECT owner FROM prospects WHERE id = ?1)"
            ),
            Conn::Postgres(_) => {
                format!("SELECT {REP_COLUMNS} FROM reps WHERE email = followup_holder(?1)")
            }
        };
        self.conn
            .first(&sql, &[&id], rep, "reading who holds a prospect")
    }
}

impl Writer<'_> {
    /// Makes `first` the first manager and switches row-level security on, in this
    /// transaction. The session must own the tables (or be a superuser).
    pub fn set_up_team(&self, first: &NewRep<'_>, at: NaiveDateTime) -> Result<Rep, StoreError> {
        server_only(self.conn(), "team init")?;
        // The row first: once the policies are on, only a manager may add one.
        let added = self.insert_rep(first, at)?;
        // The days away marked on the book so far were the one person's who sets the team
        // up: they become the first manager's, as the team's are each rep's own.
        self.conn().execute(
            "UPDATE away_days SET rep = ?1 WHERE rep IS NULL",
            &[&added.id],
            "keeping the days away of the first manager",
        )?;
        let switch_on: Vec<String> = GUARDED
            .iter()
            .map(|table| {
                format!(
                    "ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;\n\
                     ALTER TABLE {table} FORCE ROW LEVEL SECURITY;"
                )
            })
            .collect();
        run_statements(
            self.conn(),
            &switch_on.join("\n"),
            "switching row-level security on",
        )?;
        Ok(added)
    }

    /// Adds a rep; returns them with their id.
    pub fn insert_rep(&self, new: &NewRep<'_>, at: NaiveDateTime) -> Result<Rep, StoreError> {
        self.conn().one(
            &format!(
                "INSERT INTO reps (name, email, role_name, manager, active, added_at, phone)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 RETURNING {REP_COLUMNS}"
            ),
            &[
                &new.name,
                &new.email,
                &new.role_name,
                &new.manager,
                &true,
                &at,
                &new.phone,
            ],
            rep,
            "adding a rep",
        )
    }

    /// Sets or clears (`None`) the number rep `id`'s messages give.
    pub fn set_rep_phone(&self, id: i64, phone: Option<&str>) -> Result<Rep, StoreError> {
        self.conn().one(
            &format!("UPDATE reps SET phone = ?2 WHERE id = ?1 RETURNING {REP_COLUMNS}"),
            &[&id, &phone],
            rep,
            "changing a rep's phone",
        )
    }

    /// Marks a rep inactive: they keep their row, their history and (until reassigned) their
    /// files.
    pub fn deactivate_rep(&self, id: i64) -> Result<(), StoreError> {
        self.conn().execute(
            "UPDATE reps SET active = ?2 WHERE id = ?1",
            &[&id, &false],
            "deactivating a rep",
        )?;
        Ok(())
    }

    /// Creates `role` (or keeps the one of that name) and grants it what followup needs, in
    /// this transaction. Refused, with what is missing, when the session may not create roles
    /// or grant on the tables.
    pub fn make_role(&self, role: &str, database: &str) -> Result<RoleMade, StoreError> {
        server_only(self.conn(), "rep add --create-role")?;
        let made = if self.reader().role_exists(role)? {
            RoleMade::Granted
        } else {
            RoleMade::Created
        };
        let statements = match made {
            RoleMade::Created => role_statements(role, database),
            RoleMade::Granted => {
                let quoted = quote_identifier(role);
                let mut grants = vec![format!(
                    "GRANT CONNECT ON DATABASE {} TO {quoted}",
                    quote_identifier(database)
                )];
                grants.extend(grant_statements(&quoted));
                grants
            }
        };
        run_statements(
            self.conn(),
            &format!("{};", statements.join(";\n")),
            "creating the rep's role",
        )
        .map_err(refused_role)?;
        // A GRANT by a role without the right to grant is only a warning: check the effect.
        let granted: bool = self.conn().one(
            "SELECT has_table_privilege(?1, 'prospects', 'SELECT, INSERT, UPDATE, DELETE')",
            &[&role],
            |row| row.get(0),
            "checking the rep's grants",
        )?;
        if !granted {
            return Err(StoreError::NotAllowed {
                what: "rep add --create-role",
                needs: "to own the team's tables (or be a superuser) to grant on them",
                detail: "no privileges were granted".to_string(),
            });
        }
        Ok(made)
    }
}

/// Runs statements without parameters or rows (schema changes, roles) on the server.
fn run_statements(conn: Conn<'_>, sql: &str, context: &'static str) -> Result<(), StoreError> {
    match conn {
        Conn::Sqlite(_) => Err(StoreError::ServerOnly { what: context }),
        Conn::Postgres(pg) => pg.batch(sql).context(context),
    }
}

/// The first read of a team's database refused for want of grants: the role is no rep's
/// (or their grants were never run), which says more than "permission denied".
pub(super) fn no_access(conn: &super::conn::PgConn, target: &str, error: StoreError) -> StoreError {
    if !is_insufficient_privilege(&error) {
        return error;
    }
    match conn.query_one_value::<String>("SELECT current_user::text") {
        Ok(role) => StoreError::NoAccess {
            role,
            target: target.to_string(),
        },
        Err(_) => error,
    }
}

/// Refused the very first read, the schema's version: no grants at all. (A rep whose grants
/// are fine but who starts a newer followup before the owner has upgraded the schema is
/// refused later, while upgrading, with the server's own words.)
fn is_insufficient_privilege(error: &StoreError) -> bool {
    matches!(error, StoreError::Postgres { source, context: "reading the schema version" }
        if source.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE))
}

/// A refusal of CREATE ROLE or GRANT, said as what the session lacks.
fn refused_role(error: StoreError) -> StoreError {
    let StoreError::Postgres { source, .. } = &error else {
        return error;
    };
    let Some(db) = source.as_db_error() else {
        return error;
    };
    if *db.code() != postgres::error::SqlState::INSUFFICIENT_PRIVILEGE {
        return error;
    }
    let needs = if db.message().contains("create role") {
        "the CREATEROLE attribute (ALTER ROLE ... CREATEROLE, by a superuser)"
    } else {
        "to own the team's tables (or be a superuser) to grant on them"
    };
    StoreError::NotAllowed {
        what: "rep add --create-role",
        needs,
        detail: db.message().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_quoted_with_inner_quotes_doubled() {
        assert_eq!(quote_identifier("dana"), "\"dana\"");
        assert_eq!(quote_identifier("a\"; DROP"), "\"a\"\"; DROP\"");
    }

    #[test]
    fn the_role_statements_create_quote_and_grant() {
        let sql = role_statements("dana", "sales team");
        assert_eq!(sql[0], "CREATE ROLE \"dana\" LOGIN");
        assert_eq!(
            sql[1],
            "GRANT CONNECT ON DATABASE \"sales team\" TO \"dana\""
        );
        assert!(
            sql.iter()
                .any(|s| s == "GRANT SELECT, INSERT ON audit TO \"dana\"")
        );
        assert!(
            !sql.iter()
                .any(|s| s.contains("UPDATE") && s.contains(" audit "))
        );
    }
}
