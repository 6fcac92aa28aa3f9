//! `followup team ...`: the manager's commands of a team book: the team's cadence file,
//! and moving a personal book in.

use crate::cli::args::{ImportBookArgs, TeamCadenceCommand, TeamCommand};
use crate::cli::session::Session;
use crate::error::Result;
use crate::render::{import_book, json, plural, table};

pub fn run(command: TeamCommand, session: Session) -> Result<String> {
    match command {
        TeamCommand::Cadence(TeamCadenceCommand::Set(args)) => {
            let width = session.width;
            let mut tracker = session.tracker()?;
            let set = tracker.set_team_cadence(&args.file)?;
            Ok(format!(
                "{}\n",
                table::indented(
                    &format!(
                        "The team now follows {}: every rep's commands take its cadences, \
                         calendar and messages. {} moved.",
                        args.file.display(),
                        plural(set.moved as i64, "due date")
                    ),
                    "",
                    width
                )
            ))
        }
        TeamCommand::Cadence(TeamCadenceCommand::Show(_)) => {
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

fn import(args: ImportBookArgs, session: Session) -> Result<String> {
    let width = session.width;
    let mut tracker = session.tracker()?;
    let report = tracker.import_book(&args.file, &args.owner)?;
    Ok(if args.json {
        json::to_string(&report)
    } else {
        import_book::render(&report, width)
    })
}
