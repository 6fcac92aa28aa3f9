//! What every command starts from: the cadence file, the database path, and the time.

use std::path::PathBuf;

use chrono::NaiveDateTime;

use super::args::Cli;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::store::Store;
use crate::tracker::Tracker;
use crate::when;

pub struct Session {
    pub config: Config,
    pub now: NaiveDateTime,
    db: Option<PathBuf>,
}

impl Session {
    /// Reads the clock pin and the cadence file; the database is opened only by the commands
    /// that need it.
    pub fn new(cli: &Cli, system_now: NaiveDateTime) -> Result<Session> {
        let now = match &cli.now {
            Some(text) => when::parse_now(text).map_err(|source| Error::When {
                flag: "--now",
                source,
            })?,
            None => system_now,
        };
        let given = cli.command.cadence_file().or(cli.cadence.as_ref()).cloned();
        let config = match given.or_else(user_cadence_file) {
            Some(path) => Config::load(&path)?,
            None => Config::built_in(),
        };
        Ok(Session {
            config,
            now,
            db: cli.db.clone(),
        })
    }

    /// Opens the database (creating it on first use) and the tracker over it.
    pub fn tracker(self) -> Result<Tracker> {
        let path = match self.db {
            Some(path) => path,
            None => default_db_path()?,
        };
        let store = Store::open(&path)?;
        if let Some(mode) = store.loose_permissions() {
            super::output::warning(&format!(
                "{} can be read by other users (mode {mode:o}); it holds people's contact details, \
                 so consider `chmod 600 {}`",
                path.display(),
                path.display()
            ));
        }
        Tracker::new(store, self.config, self.now)
    }

    /// The tracker over the database if it exists already; `None` without creating one. For
    /// commands that read the days off kept there but need no database of their own.
    pub fn existing_tracker(self) -> Result<Option<Tracker>> {
        let exists = match &self.db {
            Some(path) => path.exists(),
            None => default_db_path()?.exists(),
        };
        if exists {
            self.tracker().map(Some)
        } else {
            Ok(None)
        }
    }

    pub fn parse_date(&self, flag: &'static str, text: &str) -> Result<chrono::NaiveDate> {
        when::parse_date(text, self.now).map_err(|source| Error::When { flag, source })
    }

    pub fn parse_datetime(&self, flag: &'static str, text: &str) -> Result<NaiveDateTime> {
        when::parse_datetime(text, self.now, when::DEFAULT_TIME)
            .map_err(|source| Error::When { flag, source })
    }
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "followup")
}

/// `~/.config/followup/cadence.toml`, if the user has one.
fn user_cadence_file() -> Option<PathBuf> {
    let path = project_dirs()?.config_dir().join("cadence.toml");
    path.exists().then_some(path)
}

/// `~/.local/share/followup/followup.db` on Linux, the platform's data folder elsewhere.
fn default_db_path() -> Result<PathBuf> {
    project_dirs()
        .map(|dirs| dirs.data_dir().join("followup.db"))
        .ok_or_else(|| {
            Error::Invalid("cannot find a home folder for the database; pass --db PATH".into())
        })
}
