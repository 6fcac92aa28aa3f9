//! What every command starts from: the cadence file, the database path, and the time.

use std::path::{Path, PathBuf};

use chrono::NaiveDateTime;

use super::args::Cli;
use super::output::Warnings;
use crate::config::Config;
use crate::error::{Error, Result};
use crate::input_file::{self, Kind};
use crate::render::Width;
use crate::store::{Location, Store};
use crate::tracker::{Identity, IdentitySource, Tracker};
use crate::when;

pub struct Session {
    pub config: Config,
    pub now: NaiveDateTime,
    /// Where `now` came from, to read again in a command that lasts (`go`).
    pub clock: Clock,
    /// How wide the text for people may be.
    pub width: Width,
    db: Option<PathBuf>,
    /// `--as` or `FOLLOWUP_REP`: who the person at the keyboard says they are.
    as_rep: Option<String>,
    /// Printed only if the command succeeds.
    warnings: Warnings,
}

impl Session {
    /// Reads the clock pin and the cadence file; the database is opened only by the commands
    /// that need it.
    pub fn new(
        cli: &Cli,
        system_clock: fn() -> NaiveDateTime,
        warnings: Warnings,
        width: Width,
    ) -> Result<Session> {
        let pinned = cli
            .now
            .as_deref()
            .map(when::parse_now)
            .transpose()
            .map_err(|source| Error::When {
                flag: "--now",
                source,
            })?;
        let given = cli.command.cadence_file().or(cli.cadence.as_ref()).cloned();
        let config = match given.or_else(user_cadence_file) {
            Some(path) => Config::load(&path)?,
            None => Config::built_in(),
        };
        let system = system_zone();
        let config = config.with_system_zone(system);
        // Everything is planned in the salesperson's wall clock: the system clock's reading is
        // moved to it when `[calendar] time_zone` names another zone. A pinned time is already
        // in it.
        let clock = Clock {
            pinned,
            system_clock,
            system,
            mine: config.zones.mine,
        };
        let now = clock.now();
        Ok(Session {
            config,
            now,
            clock,
            width,
            db: cli.db.clone(),
            as_rep: cli.as_rep.clone(),
            warnings,
        })
    }

    /// A handle on the warnings of this command, to keep after the session is spent on a
    /// tracker: they are printed only if the command succeeds.
    pub fn warnings(&self) -> Warnings {
        self.warnings.clone()
    }

    /// The database file, as `--db`, `FOLLOWUP_DB` or the default names it; not opened. For a
    /// PostgreSQL URL, the URL as a path: it names no file, so no file is taken for it.
    pub fn db_path(&self) -> Result<PathBuf> {
        match &self.db {
            Some(path) => Ok(path.clone()),
            None => default_db_path(),
        }
    }

    /// The database `--db`, `FOLLOWUP_DB` or the default names: a file or a server.
    pub fn location(&self) -> Result<Location> {
        Ok(Location::from_arg(&self.db_path()?))
    }

    /// Opens the database (creating it on first use) and the tracker over it.
    pub fn tracker(self) -> Result<Tracker> {
        let store = Store::open_at(&self.location()?, self.config.zones.mine)?;
        let shown = store.describe();
        if let Some(mode) = store.loose_permissions() {
            self.warnings.push(format!(
                "{shown} can be read by other users (mode {mode:o}); it holds people's contact \
                 details, so consider `chmod 600 {shown}`",
            ));
        }
        let identity = self.identity();
        // On a team's database, the team's cadences and calendar replace the file's.
        let (config, ignored) = crate::tracker::team_rules(&store, self.config)?;
        if let Some(file) = ignored {
            self.warnings.push(format!(
                "the cadences and calendar of {file} are not used here: this team's database \
                 has its own (`followup team cadence show`); [me] and your time zone still \
                 come from your file",
            ));
        }
        let mut tracker = Tracker::new(store, config, self.now)?;
        tracker.set_identity(identity);
        // In a team book, who you say you are must be who you connected as, before anything is
        // read or written; a deactivated rep stops here too. Messages then sign with the rep's
        // name where your own [me] gives none.
        if let Some(rep) = tracker.me()? {
            tracker.sign_as(&rep);
        }
        if let Some(stored) = tracker.clock_zone_changed()? {
            self.warnings.push(format!(
                "the times in {} were written in {stored} time, but your zone is now {}: \
                 promised calls are read as {} times; to keep them, set `time_zone = \"{stored}\"` \
                 under [calendar] in cadence.toml",
                shown,
                tracker.config().zones.mine.name(),
                tracker.config().zones.mine.name(),
            ));
        }
        Ok(tracker)
    }

    /// Who the person at the keyboard says they are: `--as` (or `FOLLOWUP_REP`), else
    /// `[me] email` of the cadence file.
    fn identity(&self) -> Option<Identity> {
        let given = |text: &Option<String>| {
            text.as_deref()
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(str::to_string)
        };
        let (email, source) = match given(&self.as_rep) {
            Some(email) => (email, IdentitySource::Flag),
            None => (
                given(&self.config.identity_email)?,
                IdentitySource::CadenceFile,
            ),
        };
        Some(Identity { email, source })
    }

    /// The tracker over the database if it exists already; `None` without creating one. For
    /// commands that read the days off kept there but need no database of their own.
    pub fn existing_tracker(self) -> Result<Option<Tracker>> {
        let exists = match self.location()? {
            Location::File(path) => path.exists(),
            // A server's database exists before followup first writes to it.
            Location::Server(_) => true,
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

/// The time of the salesperson's wall clock: the pinned moment, or the system clock moved
/// to the zone everything is planned in. Read once per command; again only by a command
/// that lasts while people work (`go`, before each entry).
#[derive(Clone, Copy)]
pub struct Clock {
    pinned: Option<NaiveDateTime>,
    system_clock: fn() -> NaiveDateTime,
    system: chrono_tz::Tz,
    mine: chrono_tz::Tz,
}

impl Clock {
    pub fn now(&self) -> NaiveDateTime {
        self.pinned.unwrap_or_else(|| {
            let system_now = (self.system_clock)();
            crate::zones::convert(system_now, self.system, self.mine).unwrap_or(system_now)
        })
    }
}

/// The system's zone, for a cadence file without `[calendar] time_zone`: the `TZ` variable if
/// it names an IANA zone, else the zone /etc/localtime links to, else /etc/timezone, else UTC.
/// Only the zone's name is read here, never the clock.
fn system_zone() -> chrono_tz::Tz {
    let from_env = std::env::var("TZ")
        .ok()
        .map(|value| value.trim_start_matches(':').to_string());
    let from_link = || {
        std::fs::read_link("/etc/localtime")
            .ok()
            .and_then(|target| {
                let target = target.to_string_lossy().into_owned();
                target
                    .split_once("zoneinfo/")
                    .map(|(_, name)| name.to_string())
            })
    };
    let from_file = || {
        let bytes = input_file::read(Path::new("/etc/timezone"), Kind::Setting).ok()?;
        String::from_utf8(bytes).ok()
    };
    from_env
        .and_then(|name| crate::zones::parse(&name).ok())
        .or_else(|| from_link().and_then(|name| crate::zones::parse(&name).ok()))
        .or_else(|| from_file().and_then(|name| crate::zones::parse(&name).ok()))
        .unwrap_or(chrono_tz::Tz::UTC)
}

fn project_dirs() -> Option<directories::ProjectDirs> {
    directories::ProjectDirs::from("", "", "followup")
}

/// `~/.config/followup/cadence.toml`, if the user has one.
fn user_cadence_file() -> Option<PathBuf> {
    user_cadence_path().filter(|path| path.exists())
}

/// Where followup looks for the user's cadence file: `~/.config/followup/cadence.toml` on
/// Linux, the platform's configuration folder elsewhere.
pub(super) fn user_cadence_path() -> Option<PathBuf> {
    Some(project_dirs()?.config_dir().join("cadence.toml"))
}

/// `~/.local/share/followup/followup.db` on Linux, the platform's data folder elsewhere.
pub(super) fn default_db_path() -> Result<PathBuf> {
    project_dirs()
        .map(|dirs| dirs.data_dir().join("followup.db"))
        .ok_or_else(|| {
            Error::Invalid("cannot find a home folder for the database; pass --db PATH".into())
        })
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicI64, Ordering};

    use chrono::{NaiveDateTime, TimeDelta};

    use super::Clock;

    static READS: AtomicI64 = AtomicI64::new(0);

    /// A system clock that moves a minute at each reading.
    fn ticking() -> NaiveDateTime {
        let start = crate::when::parse_now("2026-11-23T09:00").unwrap();
        start + TimeDelta::minutes(READS.fetch_add(1, Ordering::SeqCst))
    }

    #[test]
    fn a_clock_reads_the_system_each_time_unless_pinned() {
        let utc = chrono_tz::Tz::UTC;
        let system = Clock {
            pinned: None,
            system_clock: ticking,
            system: utc,
            mine: utc,
        };
        assert!(
            system.now() < system.now(),
            "a sitting's entries get their own times"
        );
        let at = crate::when::parse_now("2026-12-01T10:00").unwrap();
        let pinned = Clock {
            pinned: Some(at),
            ..system
        };
        assert_eq!((pinned.now(), pinned.now()), (at, at));
    }
}
