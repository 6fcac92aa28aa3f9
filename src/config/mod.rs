//! cadence.toml: the salesperson's details, calendar, cadences and message templates, loaded
//! and checked in full before any command uses them.
//!
//! A file is refused as a whole, with the key at fault, rather than half-used: a cadence that
//! cannot work would otherwise show up weeks later as a missed call.

mod error;
mod holiday_files;
mod raw;
mod starter;

pub use starter::starter_file;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{NaiveDate, NaiveTime, Weekday};

pub use error::ConfigError;
use error::Locator;
use raw::{RawCadence, RawCalendar, RawFile};

use crate::cadence::Cadence;
use crate::calendar::Calendar;
use crate::domain::Step;
use crate::holidays::{Holiday, HolidayList, Source};
use crate::input_file::{self, Kind, ReadError};
use crate::quote::quoted;
use crate::speaking;
use crate::templates::{self, Opening, Part, Templates};
use crate::zones::{self, CallHours};
use chrono_tz::Tz;

/// The cadence file shipped with followup, used when the user has none.
pub const BUILT_IN: &str = include_str!("../../cadence.toml");

/// The cadence new prospects follow unless told otherwise.
pub const DEFAULT_CADENCE: &str = "standard";

/// Upper bounds that keep date arithmetic finite and inside the calendar; far above any
/// sensible cadence.
const MAX_BUSINESS_DAYS: i64 = 1000;
const MAX_CALENDAR_DAYS: i64 = 3660;
const MAX_TOUCHES: i64 = 100;
/// A daily capacity above this is no capacity at all.
const MAX_PER_DAY: i64 = 10_000;

/// The salesperson, as `[me]` describes them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Me {
    pub name: Option<String>,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}

/// Where a configuration came from, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    BuiltIn,
    File(PathBuf),
    /// The team's file, kept in its database by `followup team cadence set`.
    Team,
    /// A rep's row in a team book (`rep add NAME --email E`): where `[me]` comes from for a rep
    /// with no cadence file of their own (see [`Config::sign_as_rep`]).
    Rep,
}

impl Origin {
    pub fn describe(&self) -> String {
        match self {
            Origin::BuiltIn => "built-in cadence.toml".to_string(),
            Origin::File(path) => path.display().to_string(),
            Origin::Team => "the team's cadence file (`followup team cadence show`)".to_string(),
            Origin::Rep => "your row in the team (`followup rep list`)".to_string(),
        }
    }
}

/// A checked cadence file.
#[derive(Debug, Clone)]
pub struct Config {
    pub me: Me,
    pub calendar: Calendar,
    /// Where the holidays of `calendar` come from, with their names, for `calendar show`.
    pub holiday_lists: Vec<HolidayList>,
    /// `[calendar] max_touches_per_day`: how many actions the morning list holds at most.
    pub max_touches_per_day: Option<u32>,
    /// The salesperson's zone and the prospects' call hours.
    pub zones: Zones,
    cadences: BTreeMap<String, Cadence>,
    pub templates: Templates,
    /// `[messages] words_per_minute`: the speaking rate a voicemail's length is estimated at.
    pub words_per_minute: u32,
    /// `[messages] filler`: phrases `cadence check` warns about (see [`crate::filler`]).
    pub filler: Vec<String>,
    pub origin: Origin,
    /// Where `me` came from: the team's rules replace `origin`, never the salesperson's `[me]`.
    pub me_origin: Origin,
    /// `[me] email` as a cadence file of the user's wrote it (never the built-in file's
    /// example): who they say they are in a team book.
    pub identity_email: Option<String>,
    /// The company of the team's cadence file's `[me]` (`team cadence set`): the one detail
    /// of that file's `[me]` that is every rep's, filled in where a rep's own says nothing.
    pub team_company: Option<String>,
}

impl Config {
    /// The configuration shipped inside the binary.
    pub fn built_in() -> Config {
        // Its templates are checked by a unit test rather than on every start: every command
        // reads this file, and its text never changes after the build.
        Config::read(BUILT_IN, Origin::BuiltIn, Checks::Trusted)
            .expect("the built-in cadence.toml is valid")
    }

    /// Reads and checks a cadence file.
    pub fn load(path: &Path) -> Result<Config, ConfigError> {
        let bytes = input_file::read(path, Kind::CadenceFile).map_err(|error| ConfigError {
            file: path.display().to_string(),
            key: None,
            line: None,
            message: match &error {
                // Named by --cadence or FOLLOWUP_CADENCE, so most likely a path mistyped, or a
                // file not made yet.
                ReadError::Io(io) if io.kind() == std::io::ErrorKind::NotFound => {
                    "no such file; `followup cadence init` makes it there when run with the \
                     same --cadence or FOLLOWUP_CADENCE, or name another file"
                        .to_string()
                }
                _ => error.to_string(),
            },
            unreadable: !error.is_bad_input(),
        })?;
        Config::from_bytes(&bytes, Origin::File(path.to_path_buf()))
    }

    /// Checks the bytes of a cadence file: refused unless they are UTF-8 text, then read as
    /// [`Config::parse`] reads text.
    pub fn from_bytes(bytes: &[u8], origin: Origin) -> Result<Config, ConfigError> {
        let text = std::str::from_utf8(bytes).map_err(|error| ConfigError {
            file: origin.describe(),
            key: None,
            line: None,
            message: format!(
                "not UTF-8 text (bad byte at offset {})",
                error.valid_up_to()
            ),
            unreadable: false,
        })?;
        Config::parse(text, origin)
    }

    /// Checks the text of a cadence file. Templates that the file leaves out come from the
    /// built-in file; the calendar, the cadences and `[me]` are the file's own.
    pub fn parse(text: &str, origin: Origin) -> Result<Config, ConfigError> {
        Config::read(text, origin, Checks::Templates)
    }

    /// [`Config::parse`], with the file's templates checked or trusted as `checks` says.
    fn read(text: &str, origin: Origin, checks: Checks) -> Result<Config, ConfigError> {
        let file = origin.describe();
        let locator = Locator { file: &file, text };
        let raw: RawFile = toml::from_str(text).map_err(|error| {
            locator.at_offset(error.span().map(|span| span.start), error.message().trim())
        })?;

        let base = match origin {
            Origin::BuiltIn => None,
            Origin::File(_) | Origin::Team | Origin::Rep => Some(Config::built_in()),
        };
        let mut templates = base
            .as_ref()
            .map(|base| base.templates.clone())
            .unwrap_or_default();
        // Shared messages first; a cadence's own ones are checked once the cadences are known.
        let mut own_tables = Vec::new();
        for (key, value) in raw.templates {
            match value {
                toml::Value::String(text) => {
                    match opening_key(&locator, checks, "templates", &key, &text)? {
                        Some((opening, part)) => templates.insert_opening(opening, part, text),
                        None => {
                            let (step, part) =
                                template_key(&locator, checks, "templates", &key, &text)?;
                            templates.insert(step, part, text);
                        }
                    }
                }
                toml::Value::Table(table) => own_tables.push((key, table)),
                _ => {
                    return Err(locator.at_key(
                        "templates",
                        &key,
                        "must be a message in quotes, or a table [templates.CADENCE] of \
                         messages for one cadence",
                    ));
                }
            }
        }
        if let Some(step) = templates.steps_without_script().next() {
            return Err(locator.at_key("templates", step.as_str(), "this step has no message"));
        }
        if let Some(key) = templates.openings_without_script().next() {
            return Err(locator.at_key(
                "templates",
                key,
                "the opening of a promised call has no message",
            ));
        }

        let mut cadences = BTreeMap::new();
        for (name, raw_cadence) in raw.cadence {
            let cadence = check_cadence(&locator, &name, raw_cadence)?;
            cadences.insert(name, cadence);
        }
        if !cadences.contains_key(DEFAULT_CADENCE) {
            return Err(locator.at_key(
                "cadence",
                DEFAULT_CADENCE,
                "there is no [cadence.standard] table; new prospects follow it unless told otherwise",
            ));
        }
        for (cadence, table) in own_tables {
            let table_name = format!("templates.{cadence}");
            if !cadences.contains_key(&cadence) {
                return Err(locator.at_table(
                    &table_name,
                    format!(
                        "there is no cadence {} for these messages; [templates.NAME] \
                         holds the messages of the cadence [cadence.NAME], and this file has: {}",
                        quoted(&cadence),
                        cadences.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                ));
            }
            for (key, value) in table {
                let toml::Value::String(text) = value else {
                    return Err(locator.at_key(&table_name, &key, "must be a message in quotes"));
                };
                if let Some((opening, part)) =
                    opening_key(&locator, checks, &table_name, &key, &text)?
                {
                    templates.insert_opening_for(&cadence, opening, part, text);
                    continue;
                }
                let (step, part) = template_key(&locator, checks, &table_name, &key, &text)?;
                templates.insert_for(&cadence, step, part, text);
            }
        }

        let words_per_minute = words_per_minute(&locator, raw.messages.words_per_minute)?;
        let filler = match raw.messages.filler {
            Some(phrases) => filler(&locator, phrases)?,
            None => base.as_ref().map_or_else(
                || {
                    crate::filler::DEFAULT_FILLER
                        .iter()
                        .map(|phrase| phrase.to_string())
                        .collect()
                },
                |base| base.filler.clone(),
            ),
        };
        let folder = match &origin {
            Origin::File(path) => path.parent(),
            // The team's file names no calendar files (`team cadence set` refuses them).
            Origin::BuiltIn | Origin::Team | Origin::Rep => None,
        };
        let raw_calendar = raw.calendar.unwrap_or_default();
        let max_touches_per_day = per_day(&locator, "calendar", raw_calendar.max_touches_per_day)?;
        let zones = check_zones(&locator, &raw_calendar)?;
        let holiday_lists = holiday_files::load(&locator, folder, &raw_calendar.holiday_calendars)?;
        let (calendar, own) = check_calendar(&locator, raw_calendar)?;
        let holiday_lists: Vec<HolidayList> = std::iter::once(own)
            .filter(|list| !list.holidays.is_empty())
            .chain(holiday_lists)
            .collect();
        let calendar = calendar.with_holidays(
            holiday_lists
                .iter()
                .flat_map(|list| list.holidays.iter().map(|holiday| holiday.date)),
        );
        let identity_email = match origin {
            // Who you are is never the team's to say.
            Origin::BuiltIn | Origin::Team | Origin::Rep => None,
            Origin::File(_) => raw.me.email.clone(),
        };
        Ok(Config {
            identity_email,
            // Never the example's details: a message must not give a stranger's name or number.
            me: Me {
                name: raw.me.name,
                company: raw.me.company,
                phone: raw.me.phone,
                email: raw.me.email,
            },
            calendar,
            holiday_lists,
            max_touches_per_day,
            zones,
            cadences,
            templates,
            words_per_minute,
            filler,
            me_origin: origin.clone(),
            origin,
            team_company: None,
        })
    }

    pub fn cadence(&self, name: &str) -> Option<&Cadence> {
        self.cadences.get(name)
    }

    pub fn cadences(&self) -> impl Iterator<Item = &Cadence> {
        self.cadences.values()
    }

    pub fn cadence_names(&self) -> Vec<&str> {
        self.cadences.keys().map(String::as_str).collect()
    }

    /// Changes whenever the rules that decide due dates change (calendar or cadences), so that
    /// dates stored from an older file can be recomputed. Templates do not take part.
    pub fn rules_fingerprint(&self) -> String {
        // FNV-1a: stable across Rust versions, unlike the standard library's hasher.
        let description = format!(
            "{}{:?}{:?}",
            crate::engine::RULES_VERSION,
            self.calendar,
            self.cadences
        );
        let hash = description
            .bytes()
            .fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
                (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
            });
        format!("{hash:016x}")
    }
}

/// Where the salesperson is, and when prospects take calls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zones {
    /// `[calendar] time_zone` as written; `None` when the file leaves it out.
    pub configured: Option<Tz>,
    /// The zone in effect: the configured one, else the system's (set by the session), else
    /// UTC until then.
    pub mine: Tz,
    /// `[calendar] call_hours`; `None`: no call window is worked out.
    pub call_hours: Option<CallHours>,
}

impl Config {
    /// Takes the system's zone where the file names none. The session looks it up, since
    /// finding it reads the environment and this module reads nothing.
    pub fn with_system_zone(mut self, system: Tz) -> Config {
        if self.zones.configured.is_none() {
            self.zones.mine = system;
        }
        self
    }
}

fn check_zones(locator: &Locator, raw: &RawCalendar) -> Result<Zones, ConfigError> {
    let configured = raw
        .time_zone
        .as_deref()
        .map(|name| {
            zones::parse(name)
                .map_err(|error| locator.at_key("calendar", "time_zone", error.to_string()))
        })
        .transpose()?;
    let call_hours = raw
        .call_hours
        .as_deref()
        .map(|text| {
            CallHours::parse(text).map_err(|error| locator.at_key("calendar", "call_hours", error))
        })
        .transpose()?;
    Ok(Zones {
        configured,
        mine: configured.unwrap_or(Tz::UTC),
        call_hours,
    })
}

/// Reads a template key (`rescue`, `rescue_subject`...) in `table` and checks its text.
fn template_key(
    locator: &Locator,
    checks: Checks,
    table: &str,
    key: &str,
    text: &str,
) -> Result<(Step, Part), ConfigError> {
    let (step, part) = Part::parse_key(key).ok_or_else(|| {
        locator.at_key(
            table,
            key,
            "not a template name: use a step (first, follow-up, rescue, assistant, fire, close, \
             next-step, recontact), optionally followed by _subject, _email or _text, or the \
             opening of a promised call (promise-kept, promise-missed, promise-handover, \
             promise-handover-missed), optionally followed by _email",
        )
    })?;
    checks.template(locator, table, key, text)?;
    Ok((step, part))
}

/// Reads the key of an opening of a promised call (`promise-kept`, `promise-missed_email`...)
/// and checks its text; `None` for any other key.
fn opening_key(
    locator: &Locator,
    checks: Checks,
    table: &str,
    key: &str,
    text: &str,
) -> Result<Option<(Opening, Part)>, ConfigError> {
    let Some(found) = Opening::parse_key(key) else {
        return Ok(None);
    };
    checks.template(locator, table, key, text)?;
    Ok(Some(found))
}

/// Whether a file's templates are checked as they are read.
#[derive(Debug, Clone, Copy)]
enum Checks {
    /// A file of the user's or the team's: each template is checked.
    Templates,
    /// The built-in file, checked by its unit test.
    Trusted,
}

impl Checks {
    fn template(
        self,
        locator: &Locator,
        table: &str,
        key: &str,
        text: &str,
    ) -> Result<(), ConfigError> {
        match self {
            Checks::Trusted => Ok(()),
            Checks::Templates => templates::check(text)
                .map_err(|error| locator.at_key(table, key, error.to_string())),
        }
    }
}

/// The same configuration with the days off kept in the database: imported holidays and the
/// days the salesperson is away. The tracker calls it once the database is open, so that every
/// date it computes, and the fingerprint of the rules, take them into account.
impl Config {
    /// This (a rep's own) configuration with the team's rules: the cadences, the calendar
    /// and the messages come from `team`, so that every rep computes the same due dates;
    /// `[me]`, the rep's time zone and call hours, their daily limit and how their messages
    /// are judged stay their own.
    ///
    /// Of the team file's `[me]`, only the company is taken, where the rep's own `[me]`
    /// gives none: the rest is whoever set the rules, and signs no one else's messages.
    pub fn with_team_rules(self, team: Config) -> Config {
        let mut config = Config {
            calendar: team.calendar,
            holiday_lists: team.holiday_lists,
            cadences: team.cadences,
            templates: team.templates,
            origin: Origin::Team,
            team_company: team.me.company,
            ..self
        };
        config.fill_team_company();
        config
    }

    /// The team's company where the salesperson's own `[me]` (not the built-in example's)
    /// gives none.
    fn fill_team_company(&mut self) {
        if self.me_origin != Origin::BuiltIn
            && let Some(company) = &self.team_company
        {
            self.me.company.get_or_insert_with(|| company.clone());
        }
    }

    /// Signs as `name <email>` (and `phone`, when the team keeps one), the rep a team book
    /// says this session is, where the user's own `[me]` says nothing: without a cadence file
    /// of their own, their messages carry the details of their rep row instead of the
    /// built-in example's (none of which are kept: a stranger's company and number must not
    /// be given out either); with one, the row fills only what it leaves out.
    pub fn sign_as_rep(&mut self, name: &str, email: &str, phone: Option<&str>) {
        if self.me_origin == Origin::BuiltIn {
            self.me = Me::default();
            self.me_origin = Origin::Rep;
        }
        self.me.name.get_or_insert_with(|| name.to_string());
        self.me.email.get_or_insert_with(|| email.to_string());
        if let Some(phone) = phone {
            self.me.phone.get_or_insert_with(|| phone.to_string());
        }
        self.fill_team_company();
    }

    /// Whether the file names holiday calendar files, which only its own folder holds.
    pub fn reads_calendar_files(&self) -> bool {
        self.holiday_lists
            .iter()
            .any(|list| matches!(list.source, Source::CalendarFile(_)))
    }

    pub fn with_days_off(
        mut self,
        imported: Vec<HolidayList>,
        away: impl IntoIterator<Item = NaiveDate>,
    ) -> Config {
        let dates: Vec<NaiveDate> = imported
            .iter()
            .flat_map(|list| list.holidays.iter().map(|holiday| holiday.date))
            .collect();
        self.calendar = self.calendar.with_holidays(dates).with_away(away);
        self.holiday_lists.extend(imported);
        self
    }
}

/// A `max_touches_per_day` value: 0 or absent means no limit.
/// `[messages] words_per_minute`, within [`speaking::WORDS_PER_MINUTE`].
fn words_per_minute(locator: &Locator, value: Option<i64>) -> Result<u32, ConfigError> {
    match value {
        None => Ok(speaking::DEFAULT_WORDS_PER_MINUTE),
        Some(value) if speaking::WORDS_PER_MINUTE.contains(&value) => Ok(value as u32),
        Some(value) => Err(locator.at_key(
            "messages",
            "words_per_minute",
            format!(
                "{value} is not a speaking rate; use {} to {} words a minute ({} is a calm pace)",
                speaking::WORDS_PER_MINUTE.start(),
                speaking::WORDS_PER_MINUTE.end(),
                speaking::DEFAULT_WORDS_PER_MINUTE
            ),
        )),
    }
}

/// `[messages] filler`: phrases with words in them, kept as written.
fn filler(locator: &Locator, phrases: Vec<String>) -> Result<Vec<String>, ConfigError> {
    let mut kept = Vec::new();
    for phrase in phrases {
        let phrase = phrase.trim().to_string();
        if phrase.is_empty() {
            return Err(locator.at_key(
                "messages",
                "filler",
                "holds an empty phrase, which every message would contain; remove it",
            ));
        }
        kept.push(phrase);
    }
    Ok(kept)
}

fn per_day(locator: &Locator, table: &str, value: Option<i64>) -> Result<Option<u32>, ConfigError> {
    match value {
        None | Some(0) => Ok(None),
        Some(value) if value < 0 => Err(locator.at_key(
            table,
            "max_touches_per_day",
            format!("{value} is negative; use 0 (no limit) or more"),
        )),
        Some(value) if value > MAX_PER_DAY => Err(locator.at_key(
            table,
            "max_touches_per_day",
            format!("{value} is too large; the most is {MAX_PER_DAY}, or 0 for no limit"),
        )),
        Some(value) => Ok(Some(value as u32)),
    }
}

/// The working week and the holidays written in the file itself.
fn check_calendar(
    locator: &Locator,
    raw: RawCalendar,
) -> Result<(Calendar, HolidayList), ConfigError> {
    let workdays = match raw.workdays {
        None => vec![
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ],
        Some(names) => names
            .iter()
            .map(|name| {
                name.parse::<Weekday>().map_err(|_| {
                    locator.at_key(
                        "calendar",
                        "workdays",
                        format!(
                            "{} is not a weekday (use mon, tue, wed, thu, fri, sat, sun)",
                            quoted(name)
                        ),
                    )
                })
            })
            .collect::<Result<_, _>>()?,
    };
    let holidays = raw
        .holidays
        .iter()
        .map(|value| {
            holiday(value).ok_or_else(|| {
                locator.at_key(
                    "calendar",
                    "holidays",
                    format!(
                        "{} is not a date; write holidays as \"YYYY-MM-DD\"",
                        match value.as_str() {
                            Some(text) => quoted(text),
                            None => quoted(&value.to_string()),
                        }
                    ),
                )
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    let list = HolidayList {
        source: Source::CadenceFile,
        holidays: holidays
            .iter()
            .map(|date| Holiday {
                date: *date,
                name: "holiday".to_string(),
            })
            .collect(),
        skipped: Vec::new(),
    };
    let calendar = Calendar::new(workdays, holidays)
        .map_err(|error| locator.at_key("calendar", "workdays", error.to_string()))?;
    Ok((calendar, list))
}

/// A holiday written as a quoted date or as a TOML date literal.
fn holiday(value: &toml::Value) -> Option<NaiveDate> {
    let text = match value {
        toml::Value::String(text) => text.clone(),
        toml::Value::Datetime(datetime) if datetime.time.is_none() => datetime.to_string(),
        _ => return None,
    };
    crate::when::parse_plain_date(&text)
}

fn check_cadence(locator: &Locator, name: &str, raw: RawCadence) -> Result<Cadence, ConfigError> {
    let table = format!("cadence.{name}");
    let defaults = Cadence::standard(name);
    let number = |key: &str, value: Option<i64>, default: u32, max: i64| match value {
        None => Ok(default),
        Some(value) if value < 0 => {
            Err(locator.at_key(&table, key, format!("{value} is negative; use 0 or more")))
        }
        Some(value) if value > max => Err(locator.at_key(
            &table,
            key,
            format!("{value} is too large; the most is {max}"),
        )),
        Some(value) => Ok(value as u32),
    };
    let optional = |value: u32| (value > 0).then_some(value);

    let gap = number(
        "gap_business_days",
        raw.gap_business_days,
        defaults.gap_business_days,
        MAX_BUSINESS_DAYS,
    )?;
    if gap == 0 {
        return Err(locator.at_key(
            &table,
            "gap_business_days",
            "must be at least 1, or every touch would fall on the same day",
        ));
    }
    let max_touches = number("max_touches", raw.max_touches, 4, MAX_TOUCHES)?;
    let rescue_after = number("rescue_after", raw.rescue_after, 2, MAX_TOUCHES)?;
    if rescue_after > 0 && max_touches > 0 && rescue_after + 2 > max_touches {
        return Err(locator.at_key(
            &table,
            "rescue_after",
            format!(
                "the rescue would come at touch {} but max_touches = {max_touches} puts the \
                 close-out at touch {max_touches}; the rescue must come before it \
                 (rescue_after + 2 <= max_touches)",
                rescue_after + 1
            ),
        ));
    }
    let promise_time = raw
        .promise_time
        .map(|text| {
            NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
                locator.at_key(
                    &table,
                    "promise_time",
                    format!(
                        "{} is not a time; write HH:MM, such as \"08:15\"",
                        quoted(&text)
                    ),
                )
            })
        })
        .transpose()?;

    Ok(Cadence {
        name: name.to_string(),
        gap_business_days: gap,
        max_touches: optional(max_touches),
        rescue_after: optional(rescue_after),
        rescue_min_span_days: number(
            "rescue_min_span_days",
            raw.rescue_min_span_days,
            defaults.rescue_min_span_days,
            MAX_CALENDAR_DAYS,
        )?,
        assistant_step: raw.assistant_step.unwrap_or(defaults.assistant_step),
        close_after_business_days: number(
            "close_after_business_days",
            raw.close_after_business_days,
            defaults.close_after_business_days,
            MAX_BUSINESS_DAYS,
        )?,
        recontact_after_days: number(
            "recontact_after_days",
            raw.recontact_after_days,
            defaults.recontact_after_days,
            MAX_CALENDAR_DAYS,
        )?,
        promise_time,
        max_touches_per_day: per_day(locator, &table, raw.max_touches_per_day)?,
        drip_every_business_days: optional(number(
            "drip_every_business_days",
            raw.drip_every_business_days,
            crate::cadence::DEFAULT_DRIP_EVERY_BUSINESS_DAYS,
            MAX_BUSINESS_DAYS,
        )?),
    })
}

/// Which steps a cadence can produce, for `cadence check`'s summary.
pub fn describe(cadence: &Cadence) -> String {
    let mut parts = vec![match cadence.gap_business_days {
        1 => "a touch every business day".to_string(),
        gap => format!("a touch every {gap} business days"),
    }];
    match cadence.rescue_after {
        Some(after) => parts.push(format!("{} after {after} unanswered", Step::Rescue)),
        None => parts.push("no rescue".to_string()),
    }
    match cadence.max_touches {
        Some(max) => parts.push(format!("close-out at touch {max}")),
        None => parts.push("no close-out".to_string()),
    }
    if let Some(time) = cadence.promise_time {
        parts.push(format!("promises each call at {}", time.format("%H:%M")));
    }
    if let Some(limit) = cadence.max_touches_per_day {
        parts.push(format!("at most {limit} a day"));
    }
    parts.join(", ")
}

/// What becomes of a lost deal of the cadence, for `cadence check`'s summary (`cadence show`
/// plans a prospect who never answers, whom the drip never reaches).
pub fn describe_drip(cadence: &Cadence) -> String {
    match cadence.drip_every_business_days {
        Some(every) => format!("lost deals drip every {every} business days"),
        None => "no drip after a lost deal".to_string(),
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod calendar_tests;
