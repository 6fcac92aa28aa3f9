//! The operations of a salesperson's day (add, log, close, reopen, edit) and the views they
//! read (the morning list, a prospect's file, the list of files), over a store, a cadence file
//! and a clock reading that the caller passes in.
//!
//! Every write runs in one transaction and ends by storing the prospect's next due date, so
//! that the morning list can read only what is due.

mod audit;
mod by_rep;
mod calendars;
mod capacity;
mod days_off;
mod drip;
mod export;
mod handover;
mod import;
mod import_book;
mod import_keys;
mod matching;
mod ownership;
mod refusals;
mod requests;
mod team;
mod team_cadence;
mod undo;
mod value;
mod window;

use std::cmp::Reverse;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

pub use capacity::{Morning, Moved, Schedule, Standing};
pub use days_off::{DaysOffChange, HolidayImport, MAX_AWAY_DAYS};
pub use import::{ImportReport, NAMED_PREFERENCES, NAMED_SKIPS, SkippedRow};
pub use import_book::{BookAdded, BookImport, BookSkipped};
pub use ownership::{Assigned, Reassigned};
pub use requests::{CloseRequest, LogEntry, NewProspect, ProspectPatch, Recontact};
pub use team::{Identity, IdentitySource, RepAdded, RepLine, RepRequest, TeamError};
pub use team_cadence::{TeamCadenceSet, team_rules};
pub use undo::{FileAfterUndo, UndoPlan, Undone};
pub use value::{MAX_VALUE_CHARS, Removed, ValueSelection};
pub use window::Glimpse;

use crate::cadence::Cadence;
use crate::channel;
use crate::config::{Config, DEFAULT_CADENCE};
use crate::domain::checks::{self, Part};
use crate::domain::{
    Attempt, Channel, CloseReason, Closure, Outcome, Prospect, ProspectId, ProspectLine, Response,
    Status, Step, ValueItem,
};
use crate::engine::{self, Glance, NextAction};
use crate::error::{Error, Result};
use crate::explain::{self, Explanation};
use crate::facts::MessageFacts;
use crate::script;
use crate::stats::facts::Facts;
use crate::stats::{self, Period, Stats};
use crate::store::{Effect, FactScope, NewAttempt, Planned, Reader, Selection, Store, Writer};
use crate::timeline::{self, TimelineRow};
use by_rep::marks_of;
use calendars::Rules;
use refusals::{already_closed, closed_file, in_recontact, mismatch};

/// The meta key under which the fingerprint of the rules behind the stored due dates is kept.
const RULES_KEY: &str = "rules_fingerprint";

/// The meta key of the zone whose wall clock the stored times are in: the salesperson's zone
/// at the first write. A SQLite file's times carry no offset, so reading them in another zone
/// would move every promise; `clock_zone_changed` lets the front end say so. PostgreSQL keeps
/// instants (`timestamptz`), read in each session's zone: there the key only told the upgrade
/// to `timestamptz` which zone the older wall-clock times were in (pg_migrations.rs).
const CLOCK_KEY: &str = "clock_zone";

/// A prospect with its next action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub prospect: Prospect,
    pub action: NextAction,
    /// When the touch after this one falls due if this one goes unanswered: the day the
    /// message can announce.
    pub following: Option<NaiveDate>,
    /// What the prospect's history lets the message say.
    pub facts: MessageFacts,
    /// A value item was next for this touch but its message, a text with no room for it and
    /// no address to email it to, cannot carry it.
    pub value_left_out: bool,
}

/// A prospect's whole file.
#[derive(Debug, Clone)]
pub struct Dossier {
    pub prospect: Prospect,
    pub attempts: Vec<Attempt>,
    pub next: Option<Due>,
    /// The value items the attempts' messages carried: `(attempt id, item)`.
    pub carried: Vec<(i64, ValueItem)>,
}

/// What `log` did.
#[derive(Debug, Clone)]
pub struct Logged {
    pub attempt: Attempt,
    /// The number of the touch the attempt made, if it was a new touch.
    pub touch: Option<u32>,
    pub prospect: Prospect,
    pub next: Option<Due>,
}

/// How much a command's write adds to the book: what decides its journal (see
/// `Store::write_growing`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Growth {
    /// A few rows, as every command but an import writes.
    Some,
    /// Enough that writing the new pages once instead of twice pays: an import.
    Much,
}

/// A store, a cadence file and the time, together.
pub struct Tracker {
    store: Store,
    /// The cadence file's rules with the days off kept in the database added to its calendar:
    /// what every date is computed with, file by file (each with its owner's days away on a
    /// team book: see calendars.rs).
    rules: Rules,
    /// The cadence file's rules alone, to add the days off to again when they change.
    file_config: Config,
    now: NaiveDateTime,
    /// The stored due dates were computed under other rules (another cadence file, an older
    /// engine) and are recomputed in the first write, so a command that fails before writing
    /// leaves the file untouched.
    stale: bool,
    /// The zone the stored times were written in (`CLOCK_KEY`), as read when the tracker was
    /// made, with the rules' fingerprint; `None` before the first write.
    clock_zone: Option<String>,
    /// The value items and their uses, once read (see `next_value_item`); `Some(None)`:
    /// read, and no item was ever added. Every write forgets it.
    value_book: std::cell::RefCell<Option<Option<std::rc::Rc<value::ValueBook>>>>,
    /// Who the person at the keyboard says they are (`--as`, `[me] email`): see team.rs.
    identity: Option<Identity>,
    /// On a team book, the rep whose lists these are: the morning list and the coming days
    /// hold their files and the pool's. `None`: every file (a personal book, a role that is
    /// no rep, or a manager's `today --team`).
    agenda_of: Option<i64>,
    /// The reps of a team book, once read (see handover.rs).
    reps: std::cell::OnceCell<Vec<crate::domain::Rep>>,
}

impl Tracker {
    /// A tracker over `store` with the rules of `config`, at the moment `now`. Nothing is
    /// written until an operation needs to.
    pub fn new(store: Store, config: Config, now: NaiveDateTime) -> Result<Tracker> {
        let rules = load_rules(&config, store.reader(), store.path().is_none())?;
        // The session's rep on a team book, as their morning list is theirs.
        let agenda_of = rules.me();
        let [fingerprint, clock_zone] = store.reader().metas([RULES_KEY, CLOCK_KEY])?;
        let stale = fingerprint.as_deref() != Some(&rules.fingerprint());
        let file_config = config;
        Ok(Tracker {
            store,
            rules,
            file_config,
            now,
            stale,
            clock_zone,
            value_book: std::cell::RefCell::new(None),
            identity: None,
            agenda_of,
            reps: std::cell::OnceCell::new(),
        })
    }

    /// Moves the tracker's clock, for callers that replay a history.
    pub fn set_now(&mut self, now: NaiveDateTime) {
        self.now = now;
    }

    /// Gives the store back, for callers that need another configuration over it.
    pub fn into_store(self) -> Store {
        self.store
    }

    /// The rules with the days away of the person at the keyboard (see calendars.rs).
    /// The zone the audit's texts name beside a time: a team book's readers sit in many.
    fn audit_zone(&self) -> Option<chrono_tz::Tz> {
        self.store
            .path()
            .is_none()
            .then_some(self.rules.mine.zones.mine)
    }

    pub fn config(&self) -> &Config {
        &self.rules.mine
    }

    /// The rules a file's dates follow: those of the rep who holds it on a team book.
    pub fn config_for(&self, prospect: &Prospect) -> &Config {
        self.rules.of(prospect.owner)
    }

    pub fn now(&self) -> NaiveDateTime {
        self.now
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date()
    }

    pub fn store(&self) -> &Store {
        &self.store
    }

    /// Brings the stored due dates in line with the cadence file if its rules changed since
    /// they were computed.
    pub fn refresh(&mut self) -> Result<()> {
        self.fresh(|_| Ok(()))
    }

    /// Runs a command's reads of what is due (the morning list, the coming days) over due
    /// dates that agree with the cadence file. When its rules changed since the due dates
    /// were stored, they are recomputed first, in one transaction with `work`'s reads, and
    /// kept only if `work` succeeds: a command that fails changes nothing, not even this
    /// bookkeeping.
    pub fn fresh<T>(&mut self, work: impl FnOnce(&Fresh<'_>) -> Result<T>) -> Result<T> {
        if !self.stale {
            return work(&Fresh(self));
        }
        let tracker = &*self;
        let value = tracker.store.write_while_reading(|writer| {
            recompute_due_dates(writer, &tracker.rules)?;
            work(&Fresh(tracker))
        })?;
        self.stale = false;
        Ok(value)
    }

    /// Runs one command's writes in one transaction, recomputing stale due dates first within
    /// it, so that they commit or roll back together.
    fn write<T>(&mut self, work: impl FnOnce(&Writer<'_>, &Rules) -> Result<T>) -> Result<T> {
        self.write_as(Growth::Some, work)
    }

    /// [`Tracker::write`] for a write of the given growth: one that adds much to the book
    /// (an import) runs under SQLite's rollback journal where it can (`Store::write_growing`).
    fn write_as<T>(
        &mut self,
        growth: Growth,
        work: impl FnOnce(&Writer<'_>, &Rules) -> Result<T>,
    ) -> Result<T> {
        let rules = &self.rules;
        let stale = self.stale;
        let on_file = self.store.path().is_some();
        let inside = |writer: &Writer<'_>| {
            if stale {
                recompute_due_dates(writer, rules)?;
            }
            if on_file && writer.reader().meta(CLOCK_KEY)?.is_none() {
                writer.set_meta(CLOCK_KEY, rules.mine.zones.mine.name())?;
            }
            work(writer, rules)
        };
        let value = match growth {
            Growth::Some => self.store.write(inside),
            Growth::Much => self.store.write_growing(inside),
        }?;
        self.stale = false;
        // What was written may be an item, or an attempt that carried one.
        *self.value_book.borrow_mut() = None;
        Ok(value)
    }

    /// The zone the stored times were written in, when it is not the salesperson's zone now
    /// (`[calendar] time_zone` changed, or the system's zone did).
    /// Never on PostgreSQL, whose instants read right in any zone.
    pub fn clock_zone_changed(&self) -> Result<Option<String>> {
        if self.store.path().is_none() {
            return Ok(None);
        }
        let stored = self.clock_zone.clone();
        let mine = self.rules.mine.zones.mine;
        Ok(stored.filter(|name| {
            // A name this build cannot read is a change worth the warning too.
            crate::zones::parse(name).map_or(true, |stored| !crate::zones::same_clock(stored, mine))
        }))
    }

    // ---- finding prospects: see matching.rs ----

    pub fn prospect(&self, id: ProspectId) -> Result<Prospect> {
        match self.store.reader().prospect(id)? {
            Some(prospect) => Ok(prospect),
            // Seen a moment ago, a pool file may have gone to another rep since: said as such,
            // not as an id that does not exist.
            None => Err(self.hidden_file(id)?.unwrap_or(Error::NoSuchId(id))),
        }
    }

    /// The cadence a prospect follows, or an error that says how to fix a missing one.
    pub fn cadence_of(&self, prospect: &Prospect) -> Result<&Cadence> {
        self.cadence(&prospect.cadence)
    }

    pub fn cadence(&self, name: &str) -> Result<&Cadence> {
        self.rules
            .mine
            .cadence(name)
            .ok_or_else(|| Error::UnknownCadence {
                name: name.to_string(),
                file: self.rules.mine.origin.describe(),
                known: self
                    .rules
                    .mine
                    .cadence_names()
                    .into_iter()
                    .map(String::from)
                    .collect(),
            })
    }

    // ---- reading ----

    /// Prospects in a status (all for `None`), each with its next action.
    pub fn list(&self, status: Option<Status>) -> Result<Vec<(Prospect, Option<Due>)>> {
        let mut listed = Vec::new();
        self.each_listed(status, |prospect, next| {
            listed.push((prospect, next));
            Ok(())
        })?;
        Ok(listed)
    }

    /// Visits the prospects in a status (all for `None`) by id, each with its next action, as
    /// the merged scan reads them: `list` prints each before reading the next.
    pub fn each_listed(
        &self,
        status: Option<Status>,
        mut visit: impl FnMut(Prospect, Option<Due>) -> Result<()>,
    ) -> Result<()> {
        self.store
            .reader()
            .each_with_attempts(Selection::Status(status), |prospect, attempts| {
                let next = self.due(&prospect, &attempts)?;
                visit(prospect, next)
            })
    }

    /// Like [`Tracker::each_listed`], with the next action alone: what the `list` table shows.
    /// What only its message needs (the touch after it, the history's facts, the value item)
    /// is not worked out; it cost as much again as the action itself.
    pub fn each_next_action(
        &self,
        status: Option<Status>,
        mut visit: impl FnMut(Prospect, Option<NextAction>) -> Result<()>,
    ) -> Result<()> {
        self.store
            .reader()
            .each_with_attempts(Selection::Status(status), |prospect, attempts| {
                let next = self.next_action(&prospect, &attempts)?;
                visit(prospect, next)
            })
    }

    /// Visits the prospects in a status (all for `None`) by id, each as a line of the `list`
    /// table shows it: the file, what it shows of its next action today, and the rules of
    /// the rep who holds it. On a file that is the stored outlook as it reads today (brought
    /// up to date first if the rules changed: see [`Tracker::fresh`]), and no history is
    /// read. A server's stored dates depend on the zone of the session that wrote them (see
    /// `Selection::DueBy`), so there the engine works each out from its history.
    pub fn each_line(
        &mut self,
        status: Option<Status>,
        mut visit: impl FnMut(ProspectLine, Option<Glance>, &Config) -> Result<()>,
    ) -> Result<()> {
        if self.store.path().is_none() {
            return self.each_next_action(status, |prospect, next| {
                let config = self.config_for(&prospect);
                let next = next.as_ref().map(NextAction::glance);
                visit(ProspectLine::from(prospect), next, config)
            });
        }
        let today = self.today();
        self.fresh(|fresh| {
            let reader = fresh.store.reader();
            reader.each_line(status, |line, planned| {
                let next = match planned {
                    Planned::Action(outlook) => Some(outlook.on(today).glance),
                    Planned::Nothing => None,
                    // The engine answers, and names a cadence the file no longer has.
                    Planned::Unworked(_) => fresh
                        .unplanned_next_action(&fresh.prospect(line.id)?)?
                        .as_ref()
                        .map(NextAction::glance),
                };
                let config = fresh.rules.of(line.owner);
                visit(line, next, config)
            })
        })
    }

    pub fn dossier(&self, id: ProspectId) -> Result<Dossier> {
        let reader = self.store.reader();
        let prospect = self.prospect(id)?;
        let attempts = reader.attempts(id)?;
        let next = self.due(&prospect, &attempts)?;
        let mut carried = Vec::new();
        for (attempt, item) in reader.value_uses(id)? {
            if let Some(item) = reader.value_item(item)? {
                carried.push((attempt, item));
            }
        }
        Ok(Dossier {
            prospect,
            attempts,
            next,
            carried,
        })
    }

    /// Every figure of `stats` for the days from `since` (the beginning if `None`) to `until`
    /// (today if `None`), both included, from the counts kept with the due dates (brought up
    /// to date first if the rules changed). On a team book a rep's are their own work (the
    /// touches they logged, the promises they made, the files they hold): their line of
    /// `stats --by-rep`; a manager's are the team's.
    pub fn stats(&mut self, since: Option<NaiveDate>, until: Option<NaiveDate>) -> Result<Stats> {
        let period = self.period(since, until)?;
        let rep = self.own_work_of()?;
        let query = stats::stored::Query::new(period, &self.rules.mine, self.now, rep);
        let counts = self.fresh(|fresh| Ok(fresh.store.reader().stat_counts(&query)?))?;
        Ok(stats::stored::from_counts(&counts, period))
    }

    /// The rep whose own work `stats` counts: the session's rep on a team book, unless a
    /// manager; `None` (everyone's) otherwise.
    fn own_work_of(&self) -> Result<Option<i64>> {
        if self.store.path().is_some() {
            return Ok(None);
        }
        Ok(self
            .store
            .reader()
            .session_rep()?
            .filter(|me| !me.manager)
            .map(|me| me.id))
    }

    /// The value items carried by touches from `since` to `until` (today if `None`), ranked
    /// by reply rate, from the counts kept with the due dates. On a team book a rep's are
    /// the touches they logged, as in [`Tracker::stats`]; a manager's are the team's.
    pub fn value_stats(
        &mut self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<Vec<stats::ItemTally>> {
        let until = until.unwrap_or(self.today());
        let rep = self.own_work_of()?;
        let rows =
            self.fresh(|fresh| Ok(fresh.store.reader().value_item_counts(since, until, rep)?))?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let mut tallies: std::collections::BTreeMap<i64, stats::Tally> = Default::default();
        for (item, answered, touches) in rows {
            let tally = tallies.entry(item).or_default();
            let touches = u32::try_from(touches).unwrap_or(u32::MAX);
            tally.touches += touches;
            tally.answered += if answered { touches } else { 0 };
        }
        let items = self.store.reader().value_items()?;
        Ok(stats::rank_item_tallies(&items, &tallies))
    }

    /// The period of a report, refused when it runs backwards.
    fn period(&self, since: Option<NaiveDate>, until: Option<NaiveDate>) -> Result<Period> {
        let until = until.unwrap_or(self.today());
        if let Some(since) = since
            && since > until
        {
            return Err(Error::Invalid(format!(
                "--since {since} is after --until {until}; give a period that runs forward"
            )));
        }
        Ok(Period { since, until })
    }

    /// [`Tracker::stats`] by reading every attempt and running the engine over each history:
    /// what the stored counts stand for, kept to check them against.
    pub fn recount_stats(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<Stats> {
        let Period { since, until } = self.period(since, until)?;
        let reader = self.store.reader();
        // Every earlier attempt counts (a run's first touches may come before the period);
        // none after the horizon can change a figure.
        let attempts =
            reader.attempts_between(None, Some(stats::horizon(until, &self.rules.mine)))?;
        let prospects = reader.prospects(None)?;
        Ok(stats::compute(
            &attempts,
            &prospects,
            &self.rules.mine,
            Period { since, until },
            self.now,
        ))
    }

    /// [`Tracker::value_stats`] by reading every attempt (see [`stats::rank_value_items`]),
    /// to check the stored counts against.
    pub fn recount_value_stats(
        &self,
        since: Option<NaiveDate>,
        until: Option<NaiveDate>,
    ) -> Result<Vec<stats::ItemTally>> {
        let until = until.unwrap_or(self.today());
        let reader = self.store.reader();
        let carried: std::collections::BTreeMap<i64, i64> =
            reader.all_value_uses()?.into_iter().collect();
        if carried.is_empty() {
            return Ok(Vec::new());
        }
        let attempts =
            reader.attempts_between(None, Some(stats::horizon(until, &self.rules.mine)))?;
        Ok(stats::rank_value_items(
            &attempts,
            &reader.prospects(None)?,
            &reader.value_items()?,
            &carried,
            &self.rules.mine,
            Period { since, until },
        ))
    }

    /// A prospect with the explanation of its next action, rule by rule (`why`).
    pub fn explain(&self, id: ProspectId) -> Result<(Prospect, Explanation)> {
        let prospect = self.prospect(id)?;
        let attempts = self.store.reader().attempts(id)?;
        let cadence = self.cadence_of(&prospect)?;
        let calendar = &self.rules.of(prospect.owner).calendar;
        let promised_by =
            match engine::next_action(&prospect, &attempts, cadence, calendar, self.today()) {
                Some(action) => self.promised_by(&prospect, &attempts, &action)?,
                None => None,
            };
        let explanation = explain::explain(
            &prospect,
            &attempts,
            cadence,
            calendar,
            self.now,
            promised_by.as_ref(),
        );
        Ok((prospect, explanation))
    }

    /// The dated plan of a cadence for a prospect starting on `start` who never answers.
    pub fn timeline(&self, cadence: &str, start: NaiveDate) -> Result<Vec<TimelineRow>> {
        Ok(timeline::timeline(
            self.cadence(cadence)?,
            &self.rules.mine.calendar,
            start,
        ))
    }

    /// The next action of a prospect, with the day of the touch after it.
    pub(super) fn due(&self, prospect: &Prospect, attempts: &[Attempt]) -> Result<Option<Due>> {
        let Some(action) = self.next_action(prospect, attempts)? else {
            return Ok(None);
        };
        Ok(Some(self.with_following(
            prospect,
            attempts,
            self.cadence_of(prospect)?,
            action,
        )?))
    }

    /// The engine's next action for a prospect, under the rules of the rep who holds it.
    fn next_action(&self, prospect: &Prospect, attempts: &[Attempt]) -> Result<Option<NextAction>> {
        let cadence = self.cadence_of(prospect)?;
        let calendar = &self.rules.of(prospect.owner).calendar;
        Ok(engine::next_action(
            prospect,
            attempts,
            cadence,
            calendar,
            self.today(),
        ))
    }

    /// [`Tracker::next_action`] with the prospect's history read: for a file whose stored
    /// outlook was never worked out (see store/planned.rs).
    fn unplanned_next_action(&self, prospect: &Prospect) -> Result<Option<NextAction>> {
        let attempts = self.store.reader().attempts(prospect.id)?;
        self.next_action(prospect, &attempts)
    }

    /// An action with the day of the touch after it, which its message announces.
    fn with_following(
        &self,
        prospect: &Prospect,
        attempts: &[Attempt],
        cadence: &Cadence,
        action: NextAction,
    ) -> Result<Due> {
        let config = self.rules.of(prospect.owner);
        let calendar = &config.calendar;
        let on = action.due.max(self.today());
        let following = engine::following_touch(prospect, attempts, cadence, calendar, &action, on);
        let mut facts = MessageFacts::of(prospect, attempts);
        // Before the value item is fitted: the opening that names who promised is part of
        // the text it must fit in.
        facts.promised_by = self.promised_by(prospect, attempts, &action)?;
        let caller = self.caller(prospect)?;
        facts.new_voice = self.new_voice(caller, attempts);
        facts.handed_over = self.handed_over(caller, attempts);
        facts.signer = self.signer(prospect)?;
        let mut value_left_out = false;
        if crate::value::carried_by(action.step) {
            facts.value = self.next_value_item(prospect)?;
            if script::drops_value_item(prospect, &action, following, &facts, config) {
                facts.value = None;
                value_left_out = true;
            }
        }
        Ok(Due {
            prospect: prospect.clone(),
            action,
            following,
            facts,
            value_left_out,
        })
    }

    /// What `script` writes the message of: the next action, or the step named (see
    /// [`script::named_step`]); `None` when nothing is planned and no step is named.
    pub fn scripted(&self, id: ProspectId, step: Option<Step>) -> Result<Option<Due>> {
        let prospect = self.prospect(id)?;
        let attempts = self.store.reader().attempts(id)?;
        let cadence = self.cadence_of(&prospect)?;
        let next = engine::next_action(
            &prospect,
            &attempts,
            cadence,
            &self.rules.of(prospect.owner).calendar,
            self.today(),
        );
        let action = match step {
            None => next,
            Some(step) => Some(script::named_step(next.as_ref(), step, self.today())),
        };
        action
            .map(|action| self.with_following(&prospect, &attempts, cadence, action))
            .transpose()
    }

    // ---- writing ----

    pub fn add(&mut self, new: NewProspect) -> Result<Prospect> {
        let name = new.contact.name.trim();
        if name.is_empty() {
            return Err(Error::Invalid("a prospect needs a name".into()));
        }
        checks::contact(&new.contact).map_err(|problem| Error::Invalid(problem.to_string()))?;
        if !new.allow_duplicate {
            self.refuse_duplicate(&new.contact)?;
        }
        let cadence = new.cadence.unwrap_or_else(|| DEFAULT_CADENCE.to_string());
        self.cadence(&cadence)?;
        let mut prospect = Prospect {
            id: 0,
            contact: new.contact.clone(),
            cadence,
            start: new.start.unwrap_or(self.today()),
            status: Status::Active,
            closed: None,
            recontact_on: None,
            run_started_at: None,
            created_at: self.now,
            owner: None,
        };
        prospect.contact.name = name.to_string();
        let now = self.now;
        self.write(|writer, rules| {
            prospect.id = writer.insert_prospect(&prospect)?;
            store_plan(writer, rules, &prospect)?;
            let name = Some(prospect.contact.name.clone());
            audit::record(writer, now, Some(prospect.id), "add", None, None, name)?;
            Ok::<_, Error>(prospect)
        })
    }

    pub fn edit(&mut self, id: ProspectId, mut patch: ProspectPatch) -> Result<Prospect> {
        if patch.is_empty() {
            return Err(Error::Invalid(
                "nothing to change; give at least one field, such as --phone or --next-step".into(),
            ));
        }
        let mut prospect = self.prospect(id)?;
        let before = prospect.clone();
        if let Some(name) = patch.name.take() {
            let name = name.trim().to_string();
            if name.is_empty() {
                return Err(Error::Invalid("a prospect's name cannot be empty".into()));
            }
            prospect.contact.name = name;
        }
        if let Some(cadence) = patch.cadence.take() {
            self.cadence(&cadence)?;
            prospect.cadence = cadence;
        }
        if let Some(start) = patch.start.take() {
            prospect.start = start;
        }
        if let Some(drip) = patch.drip.take() {
            self.set_drip(&mut prospect, drip)?;
        }
        patch.apply(&mut prospect.contact);
        checks::contact(&prospect.contact)
            .map_err(|problem| Error::Invalid(problem.to_string()))?;
        let now = self.now;
        self.write(|writer, rules| {
            writer.update_prospect(&prospect)?;
            store_plan(writer, rules, &prospect)?;
            audit::record_changes(writer, now, &before, &prospect)?;
            Ok::<_, Error>(prospect)
        })
    }

    /// Records an attempt, the step it fulfilled, and what it changes about the file: a "no"
    /// closes it, an answer on a closed file reopens it, an unanswered re-contact pushes the
    /// next one back.
    pub fn log(&mut self, id: ProspectId, entry: LogEntry) -> Result<Logged> {
        let mut prospect = self.prospect(id)?;
        // On a team book the file is the logging rep's once logged (claimed, or the log is
        // refused): its dates follow their days away from this touch on.
        if let Some(me) = self.rules.me() {
            prospect.owner = Some(me);
        }
        let cadence = self.cadence_of(&prospect)?.clone();
        let calendar = &self.rules.of(prospect.owner).calendar;
        let attempts = self.store.reader().attempts(id)?;
        let channel = match entry.channel {
            Some(channel) => channel,
            None => self.assumed_channel(&prospect, &attempts)?,
        };
        let outcome = entry
            .outcome
            .unwrap_or_else(|| Outcome::default_for(channel));
        if !channel.allows(outcome) {
            return Err(mismatch(channel, entry.channel.is_none(), outcome));
        }
        let at = entry.at.unwrap_or(self.now);
        checks::attempt(
            at,
            entry.promise,
            entry.next,
            entry.note.as_deref(),
            self.today(),
        )
        .map_err(|problem| {
            Error::Invalid(problem.describe(|part| match part {
                Part::At => "--at",
                Part::Promise => "--promise",
                Part::Next => "--next",
            }))
        })?;
        if !entry.force {
            if let Some(promise) = entry.promise {
                self.on_a_business_day(&prospect, "--promise", promise.date(), || {
                    promise.format("%a %Y-%m-%d %H:%M").to_string()
                })?;
            }
            if let Some(next) = entry.next {
                self.on_a_business_day(&prospect, "--next", next, || {
                    next.format("%a %Y-%m-%d").to_string()
                })?;
            }
        }

        if entry.ground_rules && !is_conversation(channel, outcome) {
            return Err(Error::Invalid(format!(
                "--ground-rules records what they agreed in a conversation, and a {channel} \
                 with outcome {outcome} is not one; log the call or meeting where you spoke \
                 with --outcome connected (or meeting), or set it with `followup edit {id} \
                 --ground-rules yes`"
            )));
        }
        // Kept on the attempt, so that `undo` takes them off again.
        let sets_ground_rules = entry.ground_rules && !prospect.contact.ground_rules;
        if entry.ground_rules {
            prospect.contact.ground_rules = true;
        }
        let carried = self.item_carried(&prospect, &attempts, at, channel, outcome)?;

        let mut history: Vec<Attempt> = attempts
            .into_iter()
            .filter(|attempt| attempt.at <= at)
            .collect();
        let before = prospect.file_state();
        // What a closed file has planned: its re-contact, or its next drip touch.
        let planned = match prospect.status {
            Status::Closed => {
                engine::next_action(&prospect, &history, &cadence, calendar, at.date())
            }
            Status::Active => None,
        };
        if prospect.status == Status::Closed {
            if entry.reopen {
                // The new run starts with this attempt, which therefore counts in it.
                prospect.status = Status::Active;
                prospect.closed = None;
                prospect.recontact_on = None;
                prospect.run_started_at = Some(at);
            } else if !in_recontact(&prospect, &history, at, outcome)
                && !drip::in_drip(&prospect, &history, planned.as_ref(), at, outcome)
            {
                return Err(closed_file(&prospect, planned.as_ref()));
            }
        }
        let fulfilled = match prospect.status {
            Status::Active => engine::step_fulfilled(
                &prospect,
                &history,
                &cadence,
                calendar,
                at.date(),
                channel,
                outcome,
            ),
            Status::Closed => engine::Fulfilled {
                step: match planned {
                    _ if channel == Channel::Assistant => Step::Assistant,
                    Some(action) if action.step == Step::Drip => Step::Drip,
                    _ => Step::Recontact,
                },
                touch: None,
            },
        };
        // Only a message to the prospect carries an item (not the call to the assistant).
        let carried = carried.filter(|_| crate::value::carried_by(fulfilled.step));
        let mut new = NewAttempt {
            prospect_id: id,
            at,
            channel,
            outcome,
            step: fulfilled.step,
            note: entry.note,
            promise: entry.promise,
            next: entry.next,
            logged_at: self.now,
        };
        if new.promise.is_none() && new.next.is_none() && prospect.status == Status::Active {
            history.push(new.as_attempt());
            new.promise = engine::implied_promise(&prospect, &history, &cadence, calendar);
        }

        match (prospect.status, outcome.response()) {
            (_, Response::Declined) => {
                prospect.status = Status::Closed;
                prospect.closed = Some(Closure {
                    reason: CloseReason::NotInterested,
                    at,
                    note: None,
                    // They said no: no drip follows.
                    drip: false,
                });
                prospect.recontact_on = None;
            }
            (Status::Closed, Response::Answered) => {
                prospect.status = Status::Active;
                prospect.closed = None;
                prospect.recontact_on = None;
                prospect.run_started_at = Some(at);
            }
            (Status::Closed, Response::None)
                if channel != Channel::Assistant && prospect.recontact_on.is_some() =>
            {
                prospect.recontact_on = cadence.recontact_after(at.date());
            }
            _ => {}
        }

        let after = prospect.file_state();
        let now = self.now;
        let audit_zone = self.audit_zone();
        let attempt_id = self.write(|writer, rules| {
            // On a team book the file becomes the rep's, or the log is refused, before
            // anything is written.
            let claim = ownership::claim_for_log(writer, &prospect, now)?;
            let attempt_id = writer.insert_attempt(&new)?;
            let what = Some(audit::describe_attempt(&new.as_attempt(), audit_zone));
            audit::record(writer, now, Some(id), "log", None, None, what)?;
            if let Some(claim) = claim {
                writer.set_attempt_rep(attempt_id, claim.rep)?;
                // Kept on the attempt, so that `undo` gives the file back.
                if let Some(from) = claim.took_from {
                    writer.mark_claimed(attempt_id, from)?;
                }
            }
            if let Some(item) = carried {
                writer.set_attempt_value(attempt_id, item)?;
            }
            if sets_ground_rules {
                writer.mark_ground_rules_set(attempt_id)?;
            }
            if after != before {
                writer.record_effect(attempt_id, &Effect { before, after })?;
            }
            writer.update_prospect(&prospect)?;
            store_plan(writer, rules, &prospect)?;
            Ok::<_, Error>(attempt_id)
        })?;
        let dossier = self.dossier(id)?;
        let attempt = dossier
            .attempts
            .iter()
            .find(|attempt| attempt.id == attempt_id)
            .cloned()
            .unwrap_or_else(|| new.as_attempt());
        Ok(Logged {
            attempt,
            touch: fulfilled.touch,
            prospect: dossier.prospect,
            next: dossier.next,
        })
    }

    /// Refuses a date agreed with the prospect that falls on a day off (a day not worked, a
    /// holiday, a day away): most often a slip ("tomorrow" said on a Friday), and a call that
    /// would not be made. `log --force` keeps it.
    /// The channel `log` records when none is given: the one the morning list suggested for
    /// the prospect's next action, so that doing what the list said and logging it with no
    /// flags records what was done (an email to an email-only prospect is not a voicemail);
    /// a call when nothing is planned or nothing on file reaches them. Never the assistant:
    /// a call to the assistant is logged with `--channel assistant`, and an answer logged
    /// while that call is next came from the prospect.
    fn assumed_channel(&self, prospect: &Prospect, attempts: &[Attempt]) -> Result<Channel> {
        let (step, promised) = match self.due(prospect, attempts)? {
            Some(due) if due.action.step != Step::Assistant => {
                (due.action.step, due.action.promised())
            }
            _ => (Step::FollowUp, false),
        };
        let suggested = channel::reach(&prospect.contact, step, promised).channel();
        Ok(suggested.unwrap_or(Channel::Call))
    }

    fn on_a_business_day(
        &self,
        prospect: &Prospect,
        flag: &'static str,
        day: NaiveDate,
        when: impl FnOnce() -> String,
    ) -> Result<()> {
        let calendar = &self.rules.of(prospect.owner).calendar;
        match calendar.day_off(day) {
            None => Ok(()),
            Some(off) => Err(Error::DayOff {
                flag,
                when: when(),
                day,
                off,
                next: calendar.roll_forward(day),
            }),
        }
    }

    /// The day a closed file's re-contact is really due: its date rolled forward to a business
    /// day (rule 7), the day every message should name.
    pub fn recontact_day(&self, prospect: &Prospect) -> Option<NaiveDate> {
        prospect
            .recontact_on
            .map(|day| self.rules.of(prospect.owner).calendar.roll_forward(day))
    }

    /// Closes an active file. A closed one is refused, so that a script closing the same file
    /// twice learns it did nothing; `reopen` first to close it for another reason.
    pub fn close(&mut self, id: ProspectId, request: CloseRequest) -> Result<Prospect> {
        checks::text("note", request.note.as_deref(), checks::LONG_TEXT)
            .map_err(|problem| Error::Invalid(problem.to_string()))?;
        let mut prospect = self.prospect(id)?;
        if let (Status::Closed, Some(closure)) = (prospect.status, &prospect.closed) {
            // The one change `close` makes to a closed file: a new re-contact date, given
            // with the reason it is closed for.
            let moves_recontact =
                closure.reason == request.reason && request.recontact != Recontact::ByReason;
            if !moves_recontact {
                return Err(already_closed(&prospect, closure));
            }
            let before = prospect.clone();
            prospect.recontact_on = match request.recontact {
                Recontact::On(day) => Some(day),
                _ => None,
            };
            let now = self.now;
            return self.write(|writer, rules| {
                writer.update_prospect(&prospect)?;
                store_plan(writer, rules, &prospect)?;
                audit::record_changes(writer, now, &before, &prospect)?;
                Ok::<_, Error>(prospect)
            });
        }
        let drip = self.drip_on_close(&prospect, &request)?;
        let before = audit::describe_status(&prospect);
        let cadence = self.cadence_of(&prospect)?;
        prospect.recontact_on = match request.recontact {
            Recontact::On(day) => Some(day),
            Recontact::Never => None,
            Recontact::ByReason if request.reason == CloseReason::NoResponse => {
                cadence.recontact_after(self.today())
            }
            Recontact::ByReason => None,
        };
        prospect.status = Status::Closed;
        prospect.closed = Some(Closure {
            reason: request.reason,
            at: self.now,
            note: request.note,
            drip,
        });
        self.store_status_change(prospect, "close", before)
    }

    /// Makes a closed file active again, starting a new run with a follow-up due today.
    pub fn reopen(&mut self, id: ProspectId) -> Result<Prospect> {
        let mut prospect = self.prospect(id)?;
        if prospect.status == Status::Active {
            return Err(Error::Invalid(format!(
                "prospect {id} ({}) is already active; `followup show {id}` shows its next action",
                prospect.contact.name
            )));
        }
        let before = audit::describe_status(&prospect);
        prospect.status = Status::Active;
        prospect.closed = None;
        prospect.recontact_on = None;
        prospect.run_started_at = Some(self.now);
        self.store_status_change(prospect, "reopen", before)
    }

    /// Stores `prospect` with its new status and due date, and the change in the audit as
    /// `action`, from `before` (as [`audit::describe_status`] says it) to its status now.
    fn store_status_change(
        &mut self,
        prospect: Prospect,
        action: &'static str,
        before: String,
    ) -> Result<Prospect> {
        let now = self.now;
        self.write(|writer, rules| {
            writer.update_prospect(&prospect)?;
            store_plan(writer, rules, &prospect)?;
            let after = Some(audit::describe_status(&prospect));
            audit::record(
                writer,
                now,
                Some(prospect.id),
                action,
                Some("status"),
                Some(before),
                after,
            )?;
            Ok::<_, Error>(prospect)
        })
    }
}

/// A tracker whose stored due dates agree with the cadence file, inside
/// [`Tracker::fresh`]: the reads that select prospects by their stored due date are only
/// offered here, so that none can read dates computed under other rules.
pub struct Fresh<'t>(&'t Tracker);

impl std::ops::Deref for Fresh<'_> {
    type Target = Tracker;

    fn deref(&self) -> &Tracker {
        self.0
    }
}

impl Fresh<'_> {
    /// The morning list: every next action due on or before today, in the order to work it.
    pub fn agenda(&self) -> Result<Vec<Due>> {
        let today = self.today();
        let reader = self.store.reader();
        let mut due = Vec::new();
        reader.each_with_attempts_for(
            self.rules.due_by(today),
            self.agenda_of,
            |prospect, attempts| {
                if let Some(next) = self.due(&prospect, &attempts)?
                    && next.action.due <= today
                {
                    due.push(next);
                }
                Ok::<_, Error>(())
            },
        )?;
        due.sort_by_cached_key(agenda_key);
        Ok(due)
    }

    /// The first action due after today, for a day with nothing to do.
    pub fn next_after_today(&self) -> Result<Option<Due>> {
        let reader = self.store.reader();
        let first = match self.agenda_of {
            Some(rep) => reader.first_due_after_for(self.today(), rep)?,
            None => reader.first_due_after(self.today())?,
        };
        let Some(prospect) = first else {
            return Ok(None);
        };
        let attempts = reader.attempts(prospect.id)?;
        self.due(&prospect, &attempts)
    }
}

/// The rules of the cadence file with the days off stored in the database: each file's own
/// on a team book (`server`: a server's database, with reps), for the session's rep.
fn load_rules(config: &Config, reader: Reader<'_>, server: bool) -> Result<Rules> {
    if !server {
        return Rules::load(config, reader, None);
    }
    // The session's rep is read with the schema's version, so a rep's session knows it is on
    // a team book without another round trip; any other role asks whether there are reps.
    let team = match reader.session_rep()? {
        Some(me) => Some(Some(me.id)),
        None => (!reader.reps()?.is_empty()).then_some(None),
    };
    Rules::load(config, reader, team)
}

/// Stores every prospect's due date again under `rules`, and their fingerprint. Returns how
/// many due dates changed.
///
/// On a team's database, row-level security may show this session only some files (a
/// rep's own and the pool). It then recomputes those, which its own reads need, but leaves
/// the fingerprint alone: stamped, it would tell every later session, a manager's
/// included, that the files this one never saw follow the new rules. The session stays
/// stale and recomputes again next time, until one that sees every file (a manager's, or
/// `team cadence set`) recomputes them all and stamps it.
fn recompute_due_dates(writer: &Writer<'_>, rules: &Rules) -> Result<usize> {
    let whole_book = writer.reader().sees_whole_book()?;
    let changed = recompute(writer, rules, FactScope::Visible, whole_book)?;
    if whole_book {
        writer.set_meta(RULES_KEY, &rules.fingerprint())?;
    }
    Ok(changed)
}

/// Stores the due dates of rep `rep`'s files again under `rules` (their days away changed);
/// returns how many changed. The fingerprint is left alone: it leaves the days away out.
fn recompute_rep(writer: &Writer<'_>, rules: &Rules, rep: i64) -> Result<usize> {
    recompute(writer, rules, FactScope::OwnedBy(rep), false)
}

/// The due dates and the facts of `stats` of the files `scope` picks, stored again (their
/// facts forgotten and taken out of the day counts beforehand), each file under its owner's
/// rules; their touches counted by day again. `whole_book`: the session sees every file.
/// Returns how many due dates changed.
fn recompute(
    writer: &Writer<'_>,
    rules: &Rules,
    scope: FactScope,
    whole_book: bool,
) -> Result<usize> {
    // The facts of `stats` depend on the same rules: stored again beside the dates.
    writer.forget_stat_facts(scope, whole_book)?;
    let selection = match scope {
        FactScope::Visible => Selection::Status(None),
        FactScope::OwnedBy(rep) => Selection::Owner(rep),
    };
    let reader = writer.reader();
    let mut plans = Vec::new();
    // The facts' rows are written as the scan goes (other tables than the one it reads), a
    // batch of files at a time, then counted by day.
    let mut facts_due = Vec::with_capacity(FILES_PER_BATCH);
    let store_facts = |facts_due: &mut Vec<(ProspectId, Facts)>| {
        let files: Vec<_> = facts_due.iter().map(|(id, facts)| (*id, facts)).collect();
        writer.insert_stat_facts_of(&files)?;
        facts_due.clear();
        Ok::<_, Error>(())
    };
    reader.each_with_records(selection, |prospect, records| {
        let config = rules.of(prospect.owner);
        let (attempts, facts) = by_rep::facts_of_records(&prospect, records, config);
        plans.push((prospect.id, planned(config, &prospect, &attempts)));
        facts_due.push((prospect.id, facts));
        if facts_due.len() == FILES_PER_BATCH {
            store_facts(&mut facts_due)?;
        }
        Ok::<_, Error>(())
    })?;
    store_facts(&mut facts_due)?;
    writer.count_touch_days(scope, whole_book)?;
    let mut changed = 0;
    for batch in plans.chunks(FILES_PER_BATCH) {
        let ids = batch.iter().map(|(id, _)| *id);
        let (first, last) = (ids.clone().min(), ids.max());
        let (Some(first), Some(last)) = (first, last) else {
            continue;
        };
        let stored = reader.plans_between(first, last)?;
        for (id, planned) in batch {
            let was = stored.get(id);
            if was != Some(planned) {
                writer.set_planned(*id, planned)?;
                // An outlook worked out for the first time is no change of date.
                if was.map(Planned::due_on) != Some(planned.due_on()) {
                    changed += 1;
                }
            }
        }
    }
    Ok(changed)
}

/// How many files [`recompute`] stores the figures of, or reads the due dates of, at a
/// time: a round trip each on a server, instead of one per file.
const FILES_PER_BATCH: usize = 256;

/// Stores a prospect's next action (the earliest day it can be due, and its outlook), under
/// the rules of the rep who holds it. A prospect whose cadence the file no longer defines is
/// marked due from its start, so the morning list surfaces it (and the error that says how to
/// fix it) rather than silently dropping it.
///
/// The facts `stats` counts are stored with it: they change with the same writes.
fn store_plan(writer: &Writer<'_>, rules: &Rules, prospect: &Prospect) -> Result<()> {
    let config = rules.of(prospect.owner);
    let reader = writer.reader();
    let attempts = reader.attempts(prospect.id)?;
    writer.set_planned(prospect.id, &planned(config, prospect, &attempts))?;
    let marks = reader.attempt_marks(prospect.id)?;
    let facts = Facts::of(prospect, &attempts, |id| marks_of(&marks, id), config);
    writer.replace_stat_facts(prospect.id, &facts)?;
    Ok(())
}

/// A file's next action as it is stored (see store/planned.rs): its outlook under the rules
/// of `config`, or, for a cadence the file no longer defines, due from its start.
fn planned(config: &Config, prospect: &Prospect, attempts: &[Attempt]) -> Planned {
    match config.cadence(&prospect.cadence) {
        Some(cadence) => Planned::of(engine::outlook(
            prospect,
            attempts,
            cadence,
            &config.calendar,
        )),
        None => Planned::Unworked(Some(prospect.start)),
    }
}

/// The order of the morning list (cli.md): promised calls first by time, then by due date
/// (oldest first), then later steps before earlier ones, then by name. A promise missed this
/// morning (see [`crate::promise::late_by`]) is a promised call whose time is the earliest, so
/// it comes at the very top without a rule of its own; from the next day on it is an overdue
/// touch like any other (rule 1). Sorted as keys, each made once: `agenda` sorts thousands of
/// actions, and comparing names case-insensitively at each comparison was most of its sort.
pub fn agenda_key(due: &Due) -> Rank {
    let action = &due.action;
    Rank::of(
        &due.prospect,
        action.promised(),
        action.due,
        action.time,
        action.step,
    )
}

/// What [`agenda_key`] orders an action by, whether it comes whole from the engine or as a
/// stored outlook reads it (see window.rs). The fields compare in the order they are declared.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Rank {
    /// Promised calls first.
    not_promised: bool,
    due: NaiveDate,
    time: Option<NaiveTime>,
    /// Later steps first.
    urgency: Reverse<u8>,
    /// The name in lower case.
    name: String,
    id: ProspectId,
}

impl Rank {
    fn of(
        prospect: &Prospect,
        promised: bool,
        due: NaiveDate,
        time: Option<NaiveTime>,
        step: Step,
    ) -> Rank {
        Rank {
            not_promised: !promised,
            due,
            time,
            urgency: Reverse(step.urgency()),
            name: prospect.contact.name.to_lowercase(),
            id: prospect.id,
        }
    }
}

/// A conversation with the prospect themselves, where ground rules can be agreed: a call that
/// connected or a meeting, by phone or in person (not an email, a text or the assistant).
fn is_conversation(channel: Channel, outcome: Outcome) -> bool {
    matches!(channel, Channel::Call | Channel::InPerson)
        && matches!(outcome, Outcome::Connected | Outcome::Meeting)
}
