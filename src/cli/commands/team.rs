//! `followup team ...`: the manager's commands of a team book (cadence, import-book).

use crate::cli::args::TeamCommand;
use crate::cli::session::Session;
use crate::error::Result;

pub fn run(command: TeamCommand, session: Session) -> Result<String> {
    match command {
        TeamCommand::Cadence(_) => todo!(),
        TeamCommand::ImportBook(_) => todo!(),
    }
}
