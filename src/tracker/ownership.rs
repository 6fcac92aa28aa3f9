//! Who works which file of a team book: `assign` (one file, or the pool by round-robin),
//! `reassign` (every file of a rep who leaves), and the claim a rep's `log` makes on a file.
//!
//! Each change of owner appends an audit row in the same transaction, and stores the file's
//! due date again: its dates follow the days away of the rep who holds it (calendars.rs). The rep acting is the
//! database's word ([`Reader::session_rep`]: the rep whose role the session connected as), a
//! stand-in for the team's `Tracker::me()` of the `roles` work of issue 12.

use std::collections::HashMap;

use chrono::NaiveDateTime;

use super::{Due, Tracker, recompute_rep, store_plan};
use crate::assign::{self, Load, OwnershipError, TieBreak};
use crate::domain::{Prospect, ProspectId, Rep, Status};
use crate::error::{Error, Result};
use crate::store::{AuditEntry, Claim, Reader, StoreError, Writer};

/// The actor the audit names on a SQLite file (on PostgreSQL it is the connected role). Team
/// commands do not run on a file; a `log` there claims nothing and writes no audit.
const LOCAL_ACTOR: &str = "me";

/// One file given to a rep.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Assigned {
    pub id: ProspectId,
    pub name: String,
    /// Who held it before; `None`: the pool.
    pub from: Option<Rep>,
    pub to: Rep,
}

/// What `reassign` moved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reassigned {
    pub from: Rep,
    pub to: Rep,
    /// The files moved, open and closed, by id.
    pub ids: Vec<ProspectId>,
    /// How many of them are open (active).
    pub open: usize,
}

impl Tracker {
    /// The reps of the team: `None` on a SQLite file or a PostgreSQL book without reps, where
    /// nothing has an owner and lists show none.
    pub fn team(&self) -> Result<Option<Vec<Rep>>> {
        if self.store.path().is_some() {
            return Ok(None);
        }
        let reps = self.reps_once()?;
        Ok((!reps.is_empty()).then(|| reps.to_vec()))
    }

    /// Whether the book is a team's, as [`Tracker::team`] tells, without reading the reps
    /// when the session is a rep's (which the session knows from its start).
    pub fn is_team_book(&self) -> Result<bool> {
        if self.store.path().is_some() {
            return Ok(false);
        }
        if self.store.reader().session_rep()?.is_some() {
            return Ok(true);
        }
        Ok(self.team()?.is_some())
    }

    /// The manager running `what`, or the refusal: a SQLite file has no team, a role that is
    /// no rep has no rights, and a rep who is not a manager may not.
    pub fn manager(&self, what: &'static str) -> Result<Rep> {
        if self.store.path().is_some() {
            return Err(StoreError::ServerOnly { what }.into());
        }
        let me = self
            .store
            .reader()
            .session_rep()?
            .ok_or(OwnershipError::NotARep { what })?;
        if !me.manager {
            return Err(OwnershipError::NotAManager {
                what,
                email: me.email,
            }
            .into());
        }
        Ok(me)
    }

    /// Makes the morning list the whole team's (`today --team`): managers only.
    pub fn whole_team(&mut self) -> Result<()> {
        self.manager("today --team")?;
        self.agenda_of = None;
        Ok(())
    }

    /// The holder's email of each file of `due` (the pool's files are absent), from the owner
    /// each file carries: a rep's own files need nothing more read (the session knows its rep
    /// from its start), others' the team's reps, read once per command.
    pub fn owners_due(&self, due: &[Due]) -> Result<HashMap<ProspectId, String>> {
        let me = self.store.reader().session_rep()?;
        let mut owners = HashMap::new();
        for item in due {
            let Some(owner) = item.prospect.owner else {
                continue;
            };
            let email = match &me {
                Some(rep) if rep.id == owner => Some(rep.email.clone()),
                _ => self
                    .reps_once()?
                    .iter()
                    .find(|rep| rep.id == owner)
                    .map(|rep| rep.email.clone()),
            };
            if let Some(email) = email {
                owners.insert(item.prospect.id, email);
            }
        }
        Ok(owners)
    }

    /// Gives file `id` to the rep `rep` names (an email or a name): managers only, and never
    /// to a deactivated rep. `from` equal to `to` when it was theirs already (nothing written).
    pub fn assign(&mut self, id: ProspectId, rep: &str) -> Result<Assigned> {
        self.manager("assign")?;
        let prospect = self.prospect(id)?;
        let reps = self.store.reader().reps()?;
        let to = active(assign::find_rep(&reps, rep)?)?.clone();
        let from = self.store.reader().holder(id)?;
        let assigned = Assigned {
            id,
            name: prospect.contact.name.clone(),
            from,
            to,
        };
        if assigned.from.as_ref() == Some(&assigned.to) {
            return Ok(assigned);
        }
        let now = self.now;
        let moved = Prospect {
            owner: Some(assigned.to.id),
            ..prospect
        };
        self.write(|writer, rules| {
            writer.set_owner(id, Some(assigned.to.id))?;
            store_plan(writer, rules, &moved)?;
            audit_owner(
                writer,
                now,
                "assign",
                id,
                assigned.from.as_ref(),
                Some(&assigned.to),
            )?;
            Ok::<_, Error>(())
        })?;
        Ok(assigned)
    }

    /// Shares the open files of the pool among the active reps who are not managers, the one
    /// with the fewest open files first, equals drawn by `ties` (see [`assign::round_robin`]).
    pub fn assign_round_robin(&mut self, ties: &mut impl TieBreak) -> Result<Vec<Assigned>> {
        self.manager("assign --round-robin")?;
        let now = self.now;
        // Read and written under the write lock every command takes: no `log` can claim a
        // pool file between the reading of the pool and its sharing out.
        let assigned = self.write(|writer, rules| {
            let reader = writer.reader();
            let reps: HashMap<i64, Rep> = reader
                .reps()?
                .into_iter()
                .filter(|rep| rep.active && !rep.manager)
                .map(|rep| (rep.id, rep))
                .collect();
            let pool = reader.open_pool()?;
            if pool.is_empty() {
                return Ok(Vec::new());
            }
            if reps.is_empty() {
                return Err(OwnershipError::NoRepForPool.into());
            }
            let loads: Vec<Load> = reader
                .open_loads()?
                .into_iter()
                .filter(|(rep, _)| reps.contains_key(rep))
                .map(|(rep, open)| Load { rep, open })
                .collect();
            let names: HashMap<ProspectId, String> = reader
                .names()?
                .into_iter()
                .map(|entry| (entry.id, entry.name))
                .collect();
            let assigned: Vec<Assigned> = assign::round_robin(&loads, &pool, ties)
                .into_iter()
                .map(|(id, rep)| Assigned {
                    id,
                    name: names.get(&id).cloned().unwrap_or_default(),
                    from: None,
                    to: reps[&rep].clone(),
                })
                .collect();
            for file in &assigned {
                writer.set_owner(file.id, Some(file.to.id))?;
                if let Some(prospect) = reader.prospect(file.id)? {
                    store_plan(writer, rules, &prospect)?;
                }
                audit_owner(writer, now, "assign", file.id, None, Some(&file.to))?;
            }
            Ok::<_, Error>(assigned)
        })?;
        Ok(assigned)
    }

    /// Gives every file of the rep `from` names, open and closed, to the rep `to` names, in
    /// one transaction: for a rep who leaves. Managers only; `to` must be active.
    pub fn reassign(&mut self, from: &str, to: &str) -> Result<Reassigned> {
        self.manager("reassign")?;
        let reps = self.store.reader().reps()?;
        let from = assign::find_rep(&reps, from)?.clone();
        let to = active(assign::find_rep(&reps, to)?)?.clone();
        if from.id == to.id {
            return Err(OwnershipError::SameRep { email: to.email }.into());
        }
        let now = self.now;
        let (ids, open) = self.write(|writer, rules| {
            let ids = writer.move_files(from.id, to.id)?;
            // Their dates follow the new holder's days away now.
            recompute_rep(writer, rules, to.id)?;
            let mut open = 0;
            for &id in &ids {
                audit_owner(writer, now, "assign", id, Some(&from), Some(&to))?;
                if writer
                    .reader()
                    .prospect(id)?
                    .is_some_and(|prospect| prospect.status == Status::Active)
                {
                    open += 1;
                }
            }
            Ok::<_, Error>((ids, open))
        })?;
        Ok(Reassigned {
            from,
            to,
            ids,
            open,
        })
    }
}

fn active(rep: &Rep) -> Result<&Rep, OwnershipError> {
    if rep.active {
        Ok(rep)
    } else {
        Err(OwnershipError::InactiveRep {
            name: rep.name.clone(),
            email: rep.email.clone(),
        })
    }
}

/// What the claim of a `log` did.
pub(super) struct LogClaim {
    /// The rep to record on the attempt: the one logging.
    pub rep: i64,
    /// `Some(from)` when this log took the file, from the pool (`None`) or from a deactivated
    /// rep; `None` when it was the rep's already.
    pub took_from: Option<Option<i64>>,
}

/// The claim of a `log` on a team book, inside its transaction: the file becomes the logging
/// rep's (from the pool, or from a deactivated rep), or the log is refused, naming the rep who
/// holds it. `None` where there is no team (a SQLite file, a role that is no rep), where
/// nothing is claimed.
pub(super) fn claim_for_log(
    writer: &Writer<'_>,
    prospect: &Prospect,
    now: NaiveDateTime,
) -> Result<Option<LogClaim>> {
    let reader = writer.reader();
    let Some(me) = reader.session_rep()? else {
        return Ok(None);
    };
    let mut took_from = None;
    match writer.claim(prospect.id, me.id)? {
        Claim::Kept => {}
        Claim::Taken { from } => {
            took_from = Some(from);
            let from = from.map(|id| rep_by_id(reader, id)).transpose()?.flatten();
            audit_owner(writer, now, "claim", prospect.id, from.as_ref(), Some(&me))?;
        }
        Claim::Refused => {
            let holder = reader.holder(prospect.id)?;
            return Err(OwnershipError::HeldByAnother {
                id: prospect.id,
                prospect: crate::quote::brief(&prospect.contact.name).into_owned(),
                holder: holder.as_ref().map_or_else(
                    || "another rep".to_string(),
                    |rep| crate::quote::brief(&rep.name).into_owned(),
                ),
                email: holder.map_or_else(|| "unknown".to_string(), |rep| rep.email),
                me: me.email,
            }
            .into());
        }
    }
    Ok(Some(LogClaim {
        rep: me.id,
        took_from,
    }))
}

pub(super) fn rep_by_id(reader: Reader<'_>, id: i64) -> Result<Option<Rep>> {
    Ok(reader.reps()?.into_iter().find(|rep| rep.id == id))
}

/// The audit row of a change of owner: the reps' emails, none for the pool.
pub(super) fn audit_owner(
    writer: &Writer<'_>,
    at: NaiveDateTime,
    action: &'static str,
    id: ProspectId,
    from: Option<&Rep>,
    to: Option<&Rep>,
) -> Result<(), StoreError> {
    writer.append_audit(
        at,
        LOCAL_ACTOR,
        &AuditEntry {
            prospect_id: Some(id),
            action,
            field: Some("owner"),
            old_value: from.map(|rep| rep.email.clone()),
            new_value: to.map(|rep| rep.email.clone()),
        },
    )
}
