//! Changing the days off kept in the database (`calendar import`, `away`) and reading the
//! calendar in effect (`calendar show`).
//!
//! Every change recomputes the stored due dates in the same transaction: a new holiday or a
//! day away moves every gap that spans it, and the morning list must never read dates
//! computed under the old calendar. On a team book the holidays are the team's, changed by
//! a manager for every file, and the days away are the rep's at the keyboard, whose change
//! moves that rep's files only (calendars.rs).

use chrono::{Datelike, NaiveDate};

use super::{Tracker, audit, load_rules, recompute_due_dates, recompute_rep};
use crate::assign::OwnershipError;
use crate::days_off::{self, Year};
use crate::error::{Error, Result};
use crate::holidays::{HolidayFile, HolidayList, Source};
use crate::store::Writer;

/// The longest stretch `away` marks at once: a year, so that a typo in a year cannot write
/// thousands of rows.
pub const MAX_AWAY_DAYS: i64 = 366;

/// What `calendar import` did, or would do.
#[derive(Debug, Clone)]
pub struct HolidayImport {
    /// The name the holidays are kept under: the file's name.
    pub source: String,
    pub file: HolidayFile,
    /// Holidays imported earlier from a file of the same name, now replaced.
    pub replaced: usize,
    /// Prospects whose next action moved.
    pub moved: usize,
}

/// What a change of the stored days off did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaysOffChange {
    /// Days marked or unmarked.
    pub days: usize,
    /// Prospects whose next action moved.
    pub moved: usize,
}

impl Tracker {
    /// Copies the holidays of `file` into the database under `source`, replacing those
    /// imported before under the same name. With `dry_run`, only says what it would do.
    pub fn import_holidays(
        &mut self,
        source: &str,
        file: HolidayFile,
        dry_run: bool,
    ) -> Result<HolidayImport> {
        let replaced = self
            .store
            .reader()
            .imported_holidays()?
            .iter()
            .find(|list| list.source == Source::Imported(source.to_string()))
            .map_or(0, |list| list.holidays.len());
        let mut report = HolidayImport {
            source: source.to_string(),
            file,
            replaced,
            moved: 0,
        };
        if dry_run {
            return Ok(report);
        }
        self.teams_holidays("calendar import")?;
        let now = self.now;
        let holidays = report.file.holidays.clone();
        let what = format!("{source}: {} holidays", holidays.len());
        report.moved = self.change_days_off("calendar-import", what, None, |writer| {
            writer.replace_imported_holidays(source, &holidays, now)?;
            Ok(())
        })?;
        Ok(report)
    }

    /// Forgets the holidays imported from `source`, or from every file; returns how many.
    pub fn clear_holidays(&mut self, source: Option<&str>) -> Result<DaysOffChange> {
        if let Some(source) = source {
            let imported: Vec<String> = self
                .store
                .reader()
                .imported_holidays()?
                .into_iter()
                .filter_map(|list| match list.source {
                    Source::Imported(name) => Some(name),
                    _ => None,
                })
                .collect();
            if !imported.iter().any(|name| name == source) {
                return Err(Error::Invalid(format!(
                    "no holidays were imported from {}; imported: {}",
                    crate::quote::quoted(source),
                    if imported.is_empty() {
                        "none".to_string()
                    } else {
                        imported.join(", ")
                    }
                )));
            }
        }
        self.teams_holidays("calendar clear")?;
        let mut days = 0;
        let what = source.unwrap_or("every imported file").to_string();
        let moved = self.change_days_off("calendar-clear", what, None, |writer| {
            days = writer.clear_imported_holidays(source)?;
            Ok(())
        })?;
        Ok(DaysOffChange { days, moved })
    }

    /// Marks the days from `from` to `to`, both included, as days away.
    pub fn mark_away(&mut self, from: NaiveDate, to: NaiveDate) -> Result<DaysOffChange> {
        check_range(from, to)?;
        let rep = self.whose_days_away("away")?;
        let now = self.now;
        let mut days = 0;
        let moved = self.change_days_off("away", format!("{from} to {to}"), rep, |writer| {
            days = writer.mark_away(rep, from, to, now)?;
            Ok(())
        })?;
        Ok(DaysOffChange { days, moved })
    }

    /// Unmarks the days away from `from` to `to`, or all of them.
    pub fn clear_away(&mut self, range: Option<(NaiveDate, NaiveDate)>) -> Result<DaysOffChange> {
        if let Some((from, to)) = range
            && to < from
        {
            return Err(backwards(from, to));
        }
        let rep = self.whose_days_away("away --clear")?;
        let mut days = 0;
        let what = match range {
            Some((from, to)) => format!("{from} to {to}"),
            None => "every day away".to_string(),
        };
        let moved = self.change_days_off("away-clear", what, rep, |writer| {
            days = writer.clear_away(rep, range)?;
            Ok(())
        })?;
        Ok(DaysOffChange { days, moved })
    }

    /// The stretches of consecutive days away, first and last day, in order: the book's, or
    /// on a team book those of the rep at the keyboard.
    pub fn away_periods(&self) -> Vec<(NaiveDate, NaiveDate)> {
        days_off::stretches(self.rules.mine.calendar.away_days())
    }

    /// The holidays in effect with where each comes from, in every source.
    pub fn holiday_lists(&self) -> &[HolidayList] {
        &self.rules.mine.holiday_lists
    }

    /// The calendar of `year` as the rules see it: days off and business days by month.
    pub fn calendar_year(&self, year: i32) -> Result<Year> {
        if !(1900..=9999).contains(&year) {
            return Err(Error::Invalid(format!(
                "--year {year} is outside the years followup handles (1900-9999)"
            )));
        }
        Ok(days_off::year(
            &self.rules.mine.calendar,
            &self.rules.mine.holiday_lists,
            year,
        ))
    }

    /// The current year, for `calendar show` without `--year`.
    pub fn this_year(&self) -> i32 {
        self.today().year()
    }

    /// Runs a change of the stored days off, then recomputes the due dates under the new
    /// calendar, all in one transaction; returns how many due dates moved. `rep`: the days
    /// away of that rep of a team changed, and only their files move; `None`: every file.
    /// The change is audited as `action`, with `what` as its new value.
    fn change_days_off(
        &mut self,
        action: &'static str,
        what: String,
        rep: Option<i64>,
        work: impl FnOnce(&Writer<'_>) -> Result<()>,
    ) -> Result<usize> {
        let file_config = &self.file_config;
        let server = self.store.path().is_none();
        let now = self.now;
        let stale = self.stale;
        let (moved, rules) = self.store.write(|writer| {
            work(writer)?;
            audit::record(writer, now, None, action, None, None, Some(what))?;
            let rules = load_rules(file_config, writer.reader(), server)?;
            let moved = match rep {
                // Dates computed under other rules are all recomputed anyway.
                Some(rep) if !stale => recompute_rep(writer, &rules, rep)?,
                _ => recompute_due_dates(writer, &rules)?,
            };
            Ok::<_, Error>((moved, rules))
        })?;
        self.rules = rules;
        self.stale = false;
        Ok(moved)
    }

    /// Whose days away `away` marks or clears: the book's own (`None`) on a personal book,
    /// the rep's at the keyboard on a team's; refused for a role that is no rep there.
    fn whose_days_away(&self, what: &'static str) -> Result<Option<i64>> {
        if !self.rules.is_team() {
            return Ok(None);
        }
        match self.rules.me() {
            Some(me) => Ok(Some(me)),
            None => Err(OwnershipError::NotARep { what }.into()),
        }
    }

    /// The holidays of a team book are the whole team's and move every file: a manager's
    /// to change. A personal book's are its owner's.
    fn teams_holidays(&self, what: &'static str) -> Result<()> {
        if self.rules.is_team() {
            self.manager(what)?;
        }
        Ok(())
    }
}

fn check_range(from: NaiveDate, to: NaiveDate) -> Result<()> {
    if to < from {
        return Err(backwards(from, to));
    }
    let days = (to - from).num_days() + 1;
    if days > MAX_AWAY_DAYS {
        return Err(Error::Invalid(format!(
            "{from} to {to} is {days} days; give at most {MAX_AWAY_DAYS} at a time"
        )));
    }
    Ok(())
}

fn backwards(from: NaiveDate, to: NaiveDate) -> Error {
    Error::Invalid(format!(
        "the range ends ({to}) before it starts ({from}); give FROM then TO"
    ))
}
