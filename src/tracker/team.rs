//! Team mode: who the session is (the one place every team command asks), and setting a team
//! up: `team init`, `rep add`, `rep list`, `rep deactivate`.
//!
//! On PostgreSQL the acting rep is the database's word: the rep whose role the session
//! connected as, which row-level security goes by too. `--as EMAIL`, `FOLLOWUP_REP` and
//! `[me] email` say who the person at the keyboard means to be; when that is another rep than
//! the role's, the command is refused before anything is read or written. On a SQLite file
//! there are no reps: [`Tracker::me`] is `None`.

use super::Tracker;
use crate::domain::Rep;
use crate::domain::rep::{check_email, check_role_name, role_name_from_email};
use crate::error::Result;
use crate::store::{AuditEntry, NewRep, RoleMade, StoreError, role_statements};

/// Who the person at the keyboard says they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Identity {
    pub email: String,
    pub source: IdentitySource,
}

/// Where an [`Identity`] came from, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentitySource {
    /// `--as EMAIL` or `FOLLOWUP_REP`.
    Flag,
    /// `[me] email` of cadence.toml.
    CadenceFile,
}

impl IdentitySource {
    fn words(self) -> &'static str {
        match self {
            IdentitySource::Flag => "--as (or FOLLOWUP_REP)",
            IdentitySource::CadenceFile => "[me] email in cadence.toml",
        }
    }
}

/// A team command that cannot go ahead; each says what to do instead.
#[derive(Debug, thiserror::Error)]
pub enum TeamError {
    #[error(
        "{source_words} says you are {claimed}, but this session connected as the role \
         {role}, {who}; to work as {claimed}, {instead}, or else leave out {source_words}"
    )]
    NotThatRep {
        claimed: String,
        source_words: &'static str,
        role: String,
        /// Who the role is: "which is Dana <dana@...>'s" or "which is no rep's".
        who: String,
        /// How to be the claimed rep: connect as their role, or have them added.
        instead: String,
    },
    #[error("{what} needs a rep of the team, and the role {role} is none; {how}")]
    NotARep {
        what: &'static str,
        role: String,
        how: &'static str,
    },
    #[error("{what} is for managers, and {rep} is not one; ask a manager of the team")]
    NotAManager { what: &'static str, rep: String },
    #[error(
        "the rep {rep} (role {role}) was deactivated; ask a manager of the team if that is a \
         mistake"
    )]
    Deactivated { rep: String, role: String },
    #[error(
        "the team is set up already; its first manager is {first}. Add reps with `followup rep \
         add NAME --email E`"
    )]
    AlreadySetUp { first: String },
    #[error(
        "team init is run by the database's owner, the role {owner} (it made the tables), \
         not {role}; connect as {owner}"
    )]
    NotTheOwner { role: String, owner: String },
    #[error("{flag} {}: {why}", crate::quote::quoted(.value))]
    BadValue {
        flag: &'static str,
        value: String,
        why: &'static str,
    },
    #[error(
        "cannot use the role name {} ({why}, made from the email); give one with --role NAME",
        crate::quote::quoted(.role)
    )]
    BadDerivedRole { role: String, why: &'static str },
    #[error("{rep} already has the {what} {value}; each rep needs their own")]
    Taken {
        rep: String,
        what: &'static str,
        value: String,
    },
    #[error("no rep has the email {email}; `followup rep list` shows the team")]
    NoSuchRep { email: String },
    #[error(
        "{rep} owns the team's tables and runs its shared functions, so stays an active \
         manager"
    )]
    KeepsOwner { rep: String },
}

impl TeamError {
    /// 2 for what the user typed or asked that cannot be (cli.md's bad input), 1 for what
    /// the connection may not do.
    pub fn exit_code(&self) -> u8 {
        match self {
            TeamError::NotARep { .. }
            | TeamError::NotAManager { .. }
            | TeamError::Deactivated { .. }
            | TeamError::NotTheOwner { .. } => 1,
            TeamError::NotThatRep { .. }
            | TeamError::AlreadySetUp { .. }
            | TeamError::BadValue { .. }
            | TeamError::BadDerivedRole { .. }
            | TeamError::Taken { .. }
            | TeamError::NoSuchRep { .. }
            | TeamError::KeepsOwner { .. } => 2,
        }
    }
}

/// A rep to add with `rep add`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepRequest {
    pub name: String,
    pub email: String,
    /// `--role`; derived from the email when absent.
    pub role: Option<String>,
    pub manager: bool,
    /// `--phone`: the number their messages give where their own `[me]` gives none.
    pub phone: Option<String>,
    /// Run the statements that make the role instead of handing them to a DBA.
    pub create_role: bool,
}

/// What `rep add` did.
#[derive(Debug, Clone)]
pub struct RepAdded {
    pub rep: Rep,
    /// The statements that give the rep's role its login and grants.
    pub statements: Vec<String>,
    /// What `--create-role` did; `None`: the statements are for a DBA to run.
    pub made: Option<RoleMade>,
    /// The rep was on the team already, as given: nothing was added, only the role's SQL
    /// printed again or run.
    pub again: bool,
}

/// A rep as `rep list` shows them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RepLine {
    #[serde(flatten)]
    pub rep: Rep,
    /// Active files they hold.
    pub open_files: i64,
}

/// `Name <email>`, for messages.
pub(super) fn named(rep: &Rep) -> String {
    format!("{} <{}>", rep.name, rep.email)
}

fn same_email(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

impl Tracker {
    /// Who the person at the keyboard says they are, for [`Tracker::me`] to check.
    pub fn set_identity(&mut self, identity: Option<Identity>) {
        self.identity = identity;
    }

    /// The rep this session acts as: on PostgreSQL the rep of the role it connected as;
    /// `None` on a SQLite file, and for a role that is no rep's (before `team init`, or the
    /// superuser). Refused when the identity given names another rep than the role's, and
    /// for a deactivated rep.
    pub fn me(&self) -> Result<Option<Rep>> {
        let reader = self.store.reader();
        if self.store.path().is_some() {
            return Ok(None);
        }
        let session = reader.session_rep()?;
        if let Some(rep) = &session
            && !rep.active
        {
            return Err(TeamError::Deactivated {
                rep: named(rep),
                role: rep.role_name.clone(),
            }
            .into());
        }
        let Some(identity) = &self.identity else {
            return Ok(session);
        };
        match &session {
            Some(rep) if same_email(&rep.email, &identity.email) => return Ok(session),
            // Before the team is set up, `[me] email` is only the signature of messages.
            None if !reader.team_is_set_up()? => return Ok(None),
            _ => {}
        }
        let role = reader.session_role()?.role;
        let claimed = reader
            .reps()?
            .into_iter()
            .find(|rep| same_email(&rep.email, &identity.email));
        Err(TeamError::NotThatRep {
            claimed: identity.email.clone(),
            source_words: identity.source.words(),
            role,
            who: match &session {
                Some(rep) => format!("which is {}'s", named(rep)),
                None => "which is no rep's".to_string(),
            },
            instead: match claimed {
                Some(rep) => format!(
                    "connect as their role {} (the user of the --db URL)",
                    rep.role_name
                ),
                None => "a manager must first add them with `followup rep add`".to_string(),
            },
        }
        .into())
    }

    /// Messages of this session sign as `rep` (their row's name, email and phone) where the
    /// user's own `[me]` says nothing.
    pub fn sign_as(&mut self, rep: &Rep) {
        let phone = rep.phone.as_deref();
        self.rules.sign_as_rep(&rep.name, &rep.email, phone);
        self.file_config.sign_as_rep(&rep.name, &rep.email, phone);
    }

    /// The acting rep, for a command that needs one (`what` names it).
    pub fn require_rep(&self, what: &'static str) -> Result<Rep> {
        if self.store.path().is_some() {
            return Err(StoreError::ServerOnly { what }.into());
        }
        if let Some(rep) = self.me()? {
            return Ok(rep);
        }
        let reader = self.store.reader();
        let how = if reader.team_is_set_up()? {
            "ask a manager to run `followup rep add NAME --email E --role ROLE` and the SQL it \
             prints, then connect as that role"
        } else {
            "the team is not set up yet: the database's owner runs `followup team init --name \
             NAME --email E` first"
        };
        Err(TeamError::NotARep {
            what,
            role: reader.session_role()?.role,
            how,
        }
        .into())
    }

    /// The acting rep, who must be a manager.
    pub fn require_manager(&self, what: &'static str) -> Result<Rep> {
        let rep = self.require_rep(what)?;
        if !rep.manager {
            return Err(TeamError::NotAManager {
                what,
                rep: named(&rep),
            }
            .into());
        }
        Ok(rep)
    }

    /// `team init`: the connected role, which must own the tables, becomes the first manager,
    /// and row-level security goes on.
    pub fn set_up_team(&mut self, name: &str, email: &str, phone: Option<&str>) -> Result<Rep> {
        const WHAT: &str = "team init";
        if self.store.path().is_some() {
            return Err(StoreError::ServerOnly { what: WHAT }.into());
        }
        let (name, email) = (checked_name(name)?, checked_email(email)?);
        let phone = phone.map(checked_phone).transpose()?;
        let reader = self.store.reader();
        if reader.team_is_set_up()? {
            let first = reader.reps()?.into_iter().find(|rep| rep.manager);
            return Err(TeamError::AlreadySetUp {
                first: first.as_ref().map_or("gone".to_string(), named),
            }
            .into());
        }
        let session = reader.session_role()?;
        if session.role != session.tables_owner && !session.superuser {
            return Err(TeamError::NotTheOwner {
                role: session.role,
                owner: session.tables_owner,
            }
            .into());
        }
        refuse_taken(&reader.reps()?, email, &session.role)?;
        let now = self.now;
        let first = NewRep {
            name,
            email,
            role_name: &session.role,
            manager: true,
            phone,
        };
        self.write(|writer, _| {
            let rep = writer.set_up_team(&first, now)?;
            writer.append_audit(now, "me", &audit("team-init", rep.email.clone()))?;
            Ok(rep)
        })
    }

    /// `rep add`: a manager adds a rep; the statements that make their role come back to be
    /// printed, or have been run (`create_role`).
    pub fn add_rep(&mut self, request: &RepRequest) -> Result<RepAdded> {
        self.require_manager("rep add")?;
        let name = checked_name(&request.name)?;
        let email = checked_email(&request.email)?;
        let phone = request.phone.as_deref().map(checked_phone).transpose()?;
        let role = match &request.role {
            Some(role) => {
                check_role_name(role).map_err(|why| TeamError::BadValue {
                    flag: "--role",
                    value: role.clone(),
                    why,
                })?;
                role.clone()
            }
            None => {
                let role = role_name_from_email(email);
                check_role_name(&role).map_err(|why| TeamError::BadDerivedRole {
                    role: role.clone(),
                    why,
                })?;
                role
            }
        };
        let reader = self.store.reader();
        let reps = reader.reps()?;
        // The same rep again (same email, role and name): nothing new to record, but the role
        // may still be missing. `rep add` then prints its SQL again, or makes it with
        // --create-role, so that a first run without the flag is never a dead end.
        let again = reps
            .iter()
            .find(|rep| same_email(&rep.email, email) && rep.role_name == role && rep.name == name)
            .cloned();
        if again.is_none() {
            refuse_taken(&reps, email, &role)?;
        }
        let database = reader.session_role()?.database;
        let statements = role_statements(&role, &database);
        let now = self.now;
        if let Some(rep) = again {
            let made = match request.create_role {
                true => Some(self.write(|writer, _| Ok(writer.make_role(&role, &database)?))?),
                false => None,
            };
            return Ok(RepAdded {
                rep,
                statements,
                made,
                again: true,
            });
        }
        let new = NewRep {
            name,
            email,
            role_name: &role,
            manager: request.manager,
            phone,
        };
        let create_role = request.create_role;
        let (rep, made) = self.write(|writer, _| {
            let rep = writer.insert_rep(&new, now)?;
            writer.append_audit(now, "me", &audit("rep-add", rep.email.clone()))?;
            // In the same transaction: a refused CREATE ROLE leaves no rep behind.
            let made = match create_role {
                true => Some(writer.make_role(&role, &database)?),
                false => None,
            };
            Ok((rep, made))
        })?;
        Ok(RepAdded {
            rep,
            statements,
            made,
            again: false,
        })
    }

    /// `rep list`: every rep, active or not, with the active files each holds.
    pub fn team_reps(&self) -> Result<Vec<RepLine>> {
        if self.store.path().is_some() {
            return Err(StoreError::ServerOnly { what: "rep list" }.into());
        }
        let reader = self.store.reader();
        let counts: std::collections::HashMap<i64, i64> =
            reader.open_files()?.into_iter().collect();
        Ok(reader
            .reps()?
            .into_iter()
            .map(|rep| RepLine {
                open_files: counts.get(&rep.id).copied().unwrap_or(0),
                rep,
            })
            .collect())
    }

    /// `rep deactivate`: the rep keeps their history and their files until reassigned, and
    /// may no longer work the book. Returns them as they were.
    pub fn deactivate_rep(&mut self, email: &str) -> Result<Rep> {
        self.require_manager("rep deactivate")?;
        let rep = self.rep_by_email(email)?;
        let reader = self.store.reader();
        if rep.role_name == reader.session_role()?.tables_owner {
            return Err(TeamError::KeepsOwner { rep: named(&rep) }.into());
        }
        if rep.active {
            let now = self.now;
            let file_config = self.file_config.clone();
            let rules = self.write(|writer, _| {
                writer.deactivate_rep(rep.id)?;
                // Their files are anyone's to claim now, as the pool's are, and skip no one's
                // days away (calendars.rs): stored again under the pool's rules.
                let rules = super::load_rules(&file_config, writer.reader(), true)?;
                super::recompute_rep(writer, &rules, rep.id)?;
                writer.append_audit(
                    now,
                    "me",
                    &AuditEntry {
                        field: Some("active"),
                        old_value: Some("true".to_string()),
                        new_value: Some("false".to_string()),
                        ..audit("rep-deactivate", rep.email.clone())
                    },
                )?;
                Ok(rules)
            })?;
            self.rules = rules;
        }
        Ok(rep)
    }

    /// The rep whose email is `email` (in any case), active or not.
    fn rep_by_email(&self, email: &str) -> Result<Rep> {
        Ok(self
            .store
            .reader()
            .reps()?
            .into_iter()
            .find(|rep| same_email(&rep.email, email))
            .ok_or_else(|| TeamError::NoSuchRep {
                email: email.trim().to_string(),
            })?)
    }

    /// `rep edit --phone`: sets (or, with `None`, clears) the number a rep's messages give
    /// where their own `[me]` gives none. For managers: the reps' rows are the team's, which
    /// row-level security lets only managers change. Returns the rep as they were and as
    /// they are.
    pub fn set_rep_phone(&mut self, email: &str, phone: Option<&str>) -> Result<(Rep, Rep)> {
        self.require_manager("rep edit")?;
        let phone = phone.map(checked_phone).transpose()?;
        let rep = self.rep_by_email(email)?;
        if rep.phone.as_deref() == phone {
            return Ok((rep.clone(), rep));
        }
        let now = self.now;
        let field = format!("phone of {}", rep.email);
        let changed = self.write(|writer, _| {
            let changed = writer.set_rep_phone(rep.id, phone)?;
            writer.append_audit(
                now,
                "me",
                &AuditEntry {
                    prospect_id: None,
                    action: "rep-edit",
                    field: Some(&field),
                    old_value: rep.phone.clone(),
                    new_value: changed.phone.clone(),
                },
            )?;
            Ok(changed)
        })?;
        Ok((rep, changed))
    }
}

/// An audit entry for a change to the team (no prospect), naming the rep concerned.
fn audit(action: &'static str, email: String) -> AuditEntry<'static> {
    AuditEntry {
        prospect_id: None,
        action,
        field: Some("rep"),
        old_value: None,
        new_value: Some(email),
    }
}

fn checked_name(name: &str) -> Result<&str> {
    checked_line(
        name,
        "NAME",
        200,
        "a rep needs a name of one line, at most 200 characters",
    )
}

fn checked_phone(phone: &str) -> Result<&str> {
    checked_line(
        phone,
        "--phone",
        60,
        "a phone number is one line, at most 60 characters",
    )
}

/// `value` trimmed, when it is one line of at most `longest` characters; else refused as
/// `flag`'s, saying `why`.
fn checked_line<'a>(
    value: &'a str,
    flag: &'static str,
    longest: usize,
    why: &'static str,
) -> Result<&'a str> {
    let value = value.trim();
    if value.is_empty() || value.chars().any(char::is_control) || value.chars().count() > longest {
        return Err(TeamError::BadValue {
            flag,
            value: value.to_string(),
            why,
        }
        .into());
    }
    Ok(value)
}

fn checked_email(email: &str) -> Result<&str> {
    let email = email.trim();
    check_email(email).map_err(|why| TeamError::BadValue {
        flag: "--email",
        value: email.to_string(),
        why,
    })?;
    Ok(email)
}

/// Refuses an email or a role another rep has (emails in any case).
fn refuse_taken(reps: &[Rep], email: &str, role: &str) -> Result<()> {
    if let Some(rep) = reps.iter().find(|rep| same_email(&rep.email, email)) {
        return Err(TeamError::Taken {
            rep: named(rep),
            what: "email",
            value: rep.email.clone(),
        }
        .into());
    }
    if let Some(rep) = reps.iter().find(|rep| rep.role_name == role) {
        return Err(TeamError::Taken {
            rep: named(rep),
            what: "role",
            value: role.to_string(),
        }
        .into());
    }
    Ok(())
}
