//! Whose days away a file's dates skip.
//!
//! A personal book has one set of days away, the salesperson's, kept in the database beside
//! the imported holidays. On a team book each rep marks their own, and every date of a file
//! (its due date, the touch after it, what `log` accepts) is worked out with the days away
//! of the rep who holds it. A file of the pool, or of a rep who was deactivated, skips no
//! one's: only the team's holidays. The holidays are the team's, the same for every file.
//!
//! Row-level security shows a rep their own days away only, and a manager everyone's, which
//! is also what each of them needs: a rep sees their own files and the pool's.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::config::Config;
use crate::error::Result;
use crate::store::{Reader, Selection};

/// The rules every date of the book is computed with, file by file.
#[derive(Debug, Clone)]
pub(super) struct Rules {
    /// The rules with the days away of the person at the keyboard: the book's own on a
    /// personal book, the session's rep's on a team's (none for a role that is no rep).
    /// What a command about no file in particular uses (`calendar show`, `timeline`).
    pub mine: Config,
    /// On a team book, the rules of the other files; `None` on a personal book, where every
    /// file follows `mine`.
    team: Option<Team>,
}

#[derive(Debug, Clone)]
struct Team {
    /// The team's rules and holidays with no one's days away: the pool's.
    pool: Config,
    /// The rep the session is, whose rules are `mine`.
    me: Option<i64>,
    /// The other active reps with days away that the session may read (every one of them
    /// for a manager), with their rules.
    others: HashMap<i64, Config>,
}

impl Rules {
    /// The rules of `file_config` with the days off kept in the database. `team`: the
    /// book is a team's (a server's database with reps), with the rep the session is.
    pub fn load(
        file_config: &Config,
        reader: Reader<'_>,
        team: Option<Option<i64>>,
    ) -> Result<Rules> {
        let Some(me) = team else {
            let (holidays, away) = reader.days_off()?;
            return Ok(Rules {
                mine: file_config.clone().with_days_off(holidays, away),
                team: None,
            });
        };
        let (holidays, reps_away) = reader.team_days_off()?;
        let pool = file_config.clone().with_days_off(holidays, Vec::new());
        let mut days: HashMap<i64, Vec<chrono::NaiveDate>> = HashMap::new();
        for (rep, day) in reps_away {
            days.entry(rep).or_default().push(day);
        }
        let mut others: HashMap<i64, Config> = days
            .into_iter()
            .map(|(rep, days)| (rep, pool.clone().with_days_off(Vec::new(), days)))
            .collect();
        let mine = me
            .and_then(|me| others.remove(&me))
            .unwrap_or_else(|| pool.clone());
        Ok(Rules {
            mine,
            team: Some(Team { pool, me, others }),
        })
    }

    /// The rules of a file held by `owner` (`None`: the pool, or a personal book's file).
    pub fn of(&self, owner: Option<i64>) -> &Config {
        let Some(team) = &self.team else {
            return &self.mine;
        };
        match owner {
            Some(rep) if Some(rep) == team.me => &self.mine,
            Some(rep) => team.others.get(&rep).unwrap_or(&team.pool),
            None => &team.pool,
        }
    }

    /// Every file's messages sign as the session's rep where their `[me]` says nothing (see
    /// [`Config::sign_as_rep`]): the rules differ from file to file by days away alone.
    pub fn sign_as_rep(&mut self, name: &str, email: &str, phone: Option<&str>) {
        self.mine.sign_as_rep(name, email, phone);
        if let Some(team) = &mut self.team {
            team.pool.sign_as_rep(name, email, phone);
            for config in team.others.values_mut() {
                config.sign_as_rep(name, email, phone);
            }
        }
    }

    /// The prospects whose next action may be due on or before `day`, for any file this
    /// session reads: on a team book the stored due dates of another zone are read up to
    /// the business day after `day`, under the calendar of every file (see
    /// [`Selection::DueBy`]).
    pub fn due_by(&self, day: NaiveDate) -> Selection {
        let next = |config: &Config| config.calendar.add_business_days(day, 1);
        let mut slack = next(&self.mine);
        if let Some(team) = &self.team {
            for config in std::iter::once(&team.pool).chain(team.others.values()) {
                slack = slack.max(next(config));
            }
        }
        Selection::DueBy { day, slack }
    }

    /// The rep the session is on a team book.
    pub fn me(&self) -> Option<i64> {
        self.team.as_ref().and_then(|team| team.me)
    }

    /// Whether the book is a team's, whose days away are each rep's.
    pub fn is_team(&self) -> bool {
        self.team.is_some()
    }

    /// The fingerprint the stored due dates are stamped with. On a team book it leaves the
    /// days away out: they differ from rep to rep, and a change to one rep's recomputes that
    /// rep's files there and then (`away`).
    pub fn fingerprint(&self) -> String {
        match &self.team {
            Some(team) => team.pool.rules_fingerprint(),
            None => self.mine.rules_fingerprint(),
        }
    }
}
