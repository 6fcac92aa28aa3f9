//! One file per command. Each turns its arguments into a request, calls the tracker, and
//! returns the text to print.

mod add;
mod backup;
mod cadence;
mod close;
mod edit;
mod list;
mod log;
mod reopen;
mod script;
mod show;
mod stats;
mod today;
mod why;

use super::args::Command;
use super::session::Session;
use crate::error::Result;

pub fn run(command: Command, session: Session) -> Result<String> {
    match command {
        Command::Add(args) => add::run(args, session),
        Command::Log(args) => log::run(args, session),
        Command::Today(args) => today::run(args, session),
        Command::Close(args) => close::run(args, session),
        Command::Reopen(args) => reopen::run(args, session),
        Command::Show(args) => show::run(args, session),
        Command::List(args) => list::run(args, session),
        Command::Edit(args) => edit::run(args, session),
        Command::Backup(args) => backup::run(args, session),
        Command::Cadence(command) => cadence::run(command, session),
        Command::Script(args) => script::run(args, session),
        Command::Stats(args) => stats::run(args, session),
        Command::Why(args) => why::run(args, session),
    }
}

/// Text typed for an optional field: blank means "none".
fn non_blank(text: Option<String>) -> Option<String> {
    text.map(|text| text.trim().to_string())
        .filter(|text| !text.is_empty())
}
