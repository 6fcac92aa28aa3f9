//! One file per command. Each turns its arguments into a request, calls the tracker, and
//! returns the text to print.

mod add;
mod agenda;
mod assign;
mod audit;
mod away;
mod backup;
mod cadence;
mod cadence_init;
mod calendar;
mod close;
mod completions;
mod delete;
mod edit;
mod export;
mod go;
mod import;
mod list;
mod log;
mod man;
mod reassign;
mod reopen;
mod rep;
mod script;
mod show;
mod stats;
mod stats_by_rep;
mod team;
mod today;
mod undo;
mod value;
mod why;

use super::args::{CadenceCommand, Cli, Command};
use super::session::Session;
use crate::error::Result;

pub fn run(command: Command, session: Session) -> Result<String> {
    match command {
        Command::Add(args) => add::run(args, session),
        Command::Log(args) => log::run(args, session),
        Command::Today(args) => today::run(args, session),
        Command::Go(args) => go::run(args, session),
        Command::Close(args) => close::run(args, session),
        Command::Reopen(args) => reopen::run(args, session),
        Command::Undo(args) => undo::run(args, session),
        Command::Delete(args) => delete::run(args, session),
        Command::Show(args) => show::run(args, session),
        Command::List(args) => list::run(args, session),
        Command::Edit(args) => edit::run(args, session),
        Command::Backup(args) => backup::run(args, session),
        Command::Cadence(command) => cadence::run(command, session),
        Command::Script(args) => script::run(args, session),
        Command::Stats(args) => stats::run(args, session),
        Command::Why(args) => why::run(args, session),
        Command::Import(args) => import::run(args, session),
        Command::Export(args) => export::run(args, session),
        Command::Agenda(args) => agenda::run(args, session),
        Command::Calendar(command) => calendar::run(command, session),
        Command::Away(args) => away::run(args, session),
        Command::Value(command) => value::run(command, session),
        Command::Audit(args) => audit::run(args, session),
        Command::Team(command) => team::run(command, session),
        Command::Rep(command) => rep::run(command, session),
        Command::Completions(args) => Ok(completions::run(&args)),
        Command::Man(args) => man::run(&args, Some(&session.db_path()?)),
        Command::Assign(args) => assign::run(args, session),
        Command::Reassign(args) => reassign::run(args, session),
    }
}

/// The text of a command that needs no session (no cadence file, no database), so that it
/// works even when those are missing or broken. `--db` names a file that files written must
/// not replace.
pub fn without_session(cli: &Cli) -> Option<Result<String>> {
    let db = cli.db.as_deref();
    match &cli.command {
        Command::Completions(args) => Some(Ok(completions::run(args))),
        Command::Man(args) => Some(man::run(args, db)),
        Command::Cadence(CadenceCommand::Init(args)) => {
            let target = cli.command.cadence_file().or(cli.cadence.as_ref());
            Some(cadence_init::run(args, target.cloned(), db))
        }
        _ => None,
    }
}

/// Text typed for an optional field: blank means "none".
fn non_blank(text: Option<String>) -> Option<String> {
    text.map(|text| text.trim().to_string())
        .filter(|text| !text.is_empty())
}

/// `--tz ZONE`: a checked IANA name, or `None` for an empty value (which clears it on `edit`).
fn zone_flag(text: &str) -> Result<Option<String>> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    crate::zones::parse(text)
        .map(|zone| Some(zone.name().to_string()))
        .map_err(|source| crate::error::Error::Zone {
            flag: "--tz",
            source,
        })
}

/// The prospect's zone, if they have one this build knows.
fn their_zone(prospect: &crate::domain::Prospect) -> Option<chrono_tz::Tz> {
    crate::zones::named(prospect.contact.time_zone.as_deref())
}
