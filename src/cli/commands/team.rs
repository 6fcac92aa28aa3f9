//! `followup team ...`: a PostgreSQL database becomes a team's (`init`), the team's cadence
//! file (`cadence set|show`), and moving a personal book in (`import-book`).

use crate::cli::args::{ImportBookArgs, TeamCadenceCommand};
use crate::cli::session::Session;
use crate::cli::team_args::{TeamCommand, TeamInitArgs};
use crate::error::Result;
use crate::render::sanitize::clean;
use crate::render::{import_book, json, plural, table};
use crate::store::StoreError;

pub fn run(command: TeamCommand, session: Session) -> Result<String> {
    match command {
        TeamCommand::Init(args) => init(args, session),
        TeamCommand::Cadence(TeamCadenceCommand::Set(args)) => {
            server_only(&session, "team cadence set")?;
            let width = session.width;
            let mut tracker = session.tracker()?;
            let set = tracker.set_team_cadence(&args.file)?;
            Ok(format!(
                "{}\n",
                table::indented(
                    &clean(&format!(
                        "The team now follows {}: every rep's commands take its cadences, \
                         calendar and messages. {} moved.",
                        args.file.display(),
                        plural(set.moved as i64, "due date")
                    )),
                    "",
                    width
                )
            ))
        }
        TeamCommand::Cadence(TeamCadenceCommand::Show(_)) => {
            server_only(&session, "team cadence show")?;
            let tracker = session.tracker()?;
            Ok(match tracker.team_cadence()? {
                Some(text) => {
                    let text = crate::render::sanitize::for_terminal(&text).into_owned();
                    if text.ends_with('\n') {
                        text
                    } else {
                        format!("{text}\n")
                    }
                }
                None => "The team has no cadence file of its own yet: each rep's cadence.toml \
                         is used. `followup team cadence set FILE` shares one.\n"
                    .to_string(),
            })
        }
        TeamCommand::ImportBook(args) => import(args, session),
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
    let width = session.width;
    let mut tracker = session.tracker()?;
    let rep = tracker.set_up_team(&args.name, &args.email, args.phone.as_deref())?;
    let said = format!(
        "The team is set up: {} <{}> (role {}) is its first manager.\n\
         Row-level security is on: each rep's connection reads and changes only their own \
         files and the unassigned pool, and a manager's every file. The files already in the \
         book are in the pool.\n\
         Next: add each rep with `followup rep add NAME --email E`.\n",
        clean(&rep.name),
        clean(&rep.email),
        clean(&rep.role_name)
    );
    Ok(table::indented(&said, "", width) + "\n")
}

fn import(args: ImportBookArgs, session: Session) -> Result<String> {
    server_only(&session, "team import-book")?;
    let width = session.width;
    let mut tracker = session.tracker()?;
    let report = tracker.import_book(&args.file, &args.owner)?;
    Ok(if args.json {
        json::to_string(&report)
    } else {
        import_book::render(&report, width)
    })
}
