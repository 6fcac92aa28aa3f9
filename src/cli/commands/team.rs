//! `followup team init`: a PostgreSQL database becomes a team's.

use crate::cli::session::Session;
use crate::cli::team_args::{TeamCommand, TeamInitArgs};
use crate::error::Result;
use crate::render::sanitize::clean;
use crate::store::StoreError;

pub fn run(command: TeamCommand, session: Session) -> Result<String> {
    match command {
        TeamCommand::Init(args) => init(args, session),
    }
}

/// Refuses a team command on a SQLite file before the file is opened (or made).
pub(super) fn server_only(session: &Session, what: &'static str) -> Result<()> {
    if session.location()?.is_server() {
        Ok(())
    } else {
        Err(StoreError::ServerOnly { what }.into())
    }
}

fn init(args: TeamInitArgs, session: Session) -> Result<String> {
    server_only(&session, "team init")?;
    let mut tracker = session.tracker()?;
    let rep = tracker.set_up_team(&args.name, &args.email)?;
    Ok(format!(
        "The team is set up: {} <{}> (role {}) is its first manager.\n\
         Row-level security is on: each rep's connection reads and changes only their own \
         files and the unassigned pool, and a manager's every file. The files already in the \
         book are in the pool.\n\
         Next: add each rep with `followup rep add NAME --email E`.\n",
        clean(&rep.name),
        clean(&rep.email),
        clean(&rep.role_name)
    ))
}
