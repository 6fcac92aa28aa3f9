//! The team's rules, kept in its database (`followup team cadence set`): every rep computes
//! due dates with the same cadences and calendar, whatever their own cadence.toml says.
//!
//! Due dates are stored, and recomputed when the rules behind them change (see
//! `recompute_due_dates`). Setting the team's rules recomputes every file in the same
//! transaction, which only a session that sees every file may do: a manager's.

use std::path::Path;

use crate::config::{Config, Origin};
use crate::error::{Error, Result};
use crate::input_file::{self, Kind};
use crate::store::{Store, StoreError};

use super::{Tracker, audit, load_rules, recompute_due_dates};

/// The team setting that holds the team's cadence file, as it was set.
const KEY: &str = "cadence";

/// The configuration a command on `store` works with: on a team's database whose cadence
/// was set, `local` (the rep's own file) with the team's rules; otherwise `local` as it is.
/// The second value names the local file whose own cadences or calendar are set aside,
/// for a warning.
pub fn team_rules(store: &Store, local: Config) -> Result<(Config, Option<String>)> {
    if store.path().is_some() {
        return Ok((local, None));
    }
    let Some(text) = store.reader().team_setting(KEY)? else {
        return Ok((local, None));
    };
    let team = Config::parse(&text, Origin::Team)?;
    let ignored = match &local.origin {
        Origin::File(path) if local.rules_fingerprint() != team.rules_fingerprint() => {
            Some(path.display().to_string())
        }
        _ => None,
    };
    Ok((local.with_team_rules(team), ignored))
}

/// What `team cadence set` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TeamCadenceSet {
    /// Prospects whose stored due date moved.
    pub moved: usize,
}

impl Tracker {
    /// Checks `path` as `cadence check` does and makes it the team's rules, recomputing
    /// every stored due date in the same transaction. A team's database, and a manager's
    /// session, only.
    pub fn set_team_cadence(&mut self, path: &Path) -> Result<TeamCadenceSet> {
        if self.store.path().is_some() {
            return Err(StoreError::ServerOnly {
                what: "team cadence set",
            }
            .into());
        }
        // The very check of `cadence check`: the same errors, the same exit code.
        let checked = Config::load(path)?;
        if checked.reads_calendar_files() {
            return Err(Error::Invalid(format!(
                "{} names holiday calendar files ([calendar] holiday_calendars), which the \
                 other reps do not have; remove them and import each for the whole team with \
                 `followup calendar import FILE`",
                path.display()
            )));
        }
        if !self.store.reader().sees_whole_book()? {
            return Err(Error::Invalid(
                "only a manager sets the team's cadences: their due dates are recomputed for \
                 every file, and your role sees only some; ask a manager to run it"
                    .into(),
            ));
        }
        let bytes = input_file::read(path, Kind::CadenceFile)
            .map_err(|error| Error::Invalid(format!("cannot read {}: {error}", path.display())))?;
        let text = String::from_utf8(bytes)
            .map_err(|_| Error::Invalid(format!("{} is not UTF-8 text", path.display())))?;
        let team = Config::parse(&text, Origin::Team)?;
        let rules = self.file_config.clone().with_team_rules(team);
        let now = self.now;
        let (moved, loaded) = self.store.write(|writer| {
            writer.set_team_setting(KEY, &text)?;
            let loaded = load_rules(&rules, writer.reader(), true)?;
            let moved = recompute_due_dates(writer, &loaded)?;
            let what = Some(format!("{} ({})", path.display(), loaded.fingerprint()));
            audit::record(writer, now, None, "team-cadence", None, None, what)?;
            Ok::<_, Error>((moved, loaded))
        })?;
        self.file_config = rules;
        self.rules = loaded;
        self.stale = false;
        Ok(TeamCadenceSet { moved })
    }

    /// The team's cadence file as it was set; `None` if it never was.
    pub fn team_cadence(&self) -> Result<Option<String>> {
        if self.store.path().is_some() {
            return Err(StoreError::ServerOnly {
                what: "team cadence show",
            }
            .into());
        }
        Ok(self.store.reader().team_setting(KEY)?)
    }
}
