//! What a team shares through its database rather than each rep's cadence.toml (the
//! team's cadence file), and whether this session sees the whole book.

use super::conn::Conn;
use super::error::StoreError;
use super::{Reader, Writer};

impl Reader<'_> {
    /// A team setting, if it was ever set: as the session's first statement read it when
    /// nothing was written since (reps.rs), else from the table.
    pub fn team_setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        if let Conn::Postgres(pg) = self.conn
            && let Some(known) = pg.kept(|reading| reading.team_settings.get(key).cloned())
        {
            return Ok(known);
        }
        self.conn.first(
            "SELECT value FROM team_settings WHERE key = ?1",
            &[&key],
            |row| row.get(0),
            "reading a team setting",
        )
    }

    /// Whether this session reads every prospect of the book: always on a SQLite file; on
    /// PostgreSQL, when row-level security does not narrow what it sees (not enabled on
    /// prospects, a superuser or a role that bypasses it, the table's owner unless forced)
    /// or the session is an active manager, whom the policies let see every file. What
    /// only holds for every file, such as the stamp that says the stored due dates follow
    /// the rules in effect, may only be written by such a session.
    pub fn sees_whole_book(&self) -> Result<bool, StoreError> {
        match self.conn {
            Conn::Sqlite(_) => Ok(true),
            Conn::Postgres(_) => self.conn.one(
                "SELECT NOT c.relrowsecurity
                     OR r.rolsuper OR r.rolbypassrls
                     OR (c.relowner = r.oid AND NOT c.relforcerowsecurity)
                     OR EXISTS (SELECT 1 FROM reps
                                WHERE role_name = current_user AND manager AND active)
                 FROM pg_class AS c, pg_roles AS r
                 WHERE c.oid = 'prospects'::regclass AND r.rolname = current_user",
                &[],
                |row| row.get(0),
                "telling whether this session sees every file",
            ),
        }
    }
}

impl Writer<'_> {
    pub fn set_team_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn().execute(
            "INSERT INTO team_settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&key, &value],
            "writing a team setting",
        )?;
        Ok(())
    }
}
