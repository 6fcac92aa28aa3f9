//! The arguments of the manager's commands of a team book: `audit`, `team cadence` and
//! `team import-book`. Kept apart from the rest of the command line, which other team
//! commands also extend.

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::CadenceFile;

#[derive(Debug, Args)]
pub struct AuditArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// Only the changes to this prospect: an id (also of a deleted file), or part of the
    /// name or company of exactly one prospect
    pub prospect: Option<String>,
    /// Only the changes this rep made, by email or name
    #[arg(long, value_name = "REP")]
    pub rep: Option<String>,
    /// Only the changes from this day on
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

/// `audit --help`.
pub const AUDIT_HELP: &str = "\
Examples:
  followup audit
  followup audit dana
  followup audit --since mon --json

On a team's database, --rep picks one rep's changes: followup audit --rep sam@example.com.

Every change is recorded in the transaction that makes it: adds, edits (one row per field,
with the old and the new value), logs, closes, reopens, undos, deletes, imports, value items,
days away and imported holidays. On a team's PostgreSQL database the database names who made
it (the role they connected as); on a personal file, `me`. Oldest first.";

#[derive(Debug, Subcommand)]
pub enum TeamCadenceCommand {
    /// Check a cadence file as `cadence check` does and make it the team's (managers)
    #[command(after_help = SET_HELP)]
    Set(TeamCadenceSetArgs),
    /// Print the team's cadence file, as it was set
    #[command(
        after_help = "On the team's database:\n  followup team cadence show > team-cadence.toml"
    )]
    Show(TeamCadenceShowArgs),
}

const SET_HELP: &str = "\
On the team's database, as a manager:
  followup team cadence set team-cadence.toml

The file is checked exactly as `followup cadence check` checks it, and refused the same way.
From then on every command on the team's database takes the cadences, the calendar and the
messages from it, so that every rep computes the same due dates; [me] and your time zone still
come from your own cadence.toml, except the company of its [me], which signs every rep's
messages where their own gives none (a rep's phone: `followup rep edit EMAIL --phone`). Every
stored due date is recomputed in the same transaction.
Holiday calendar files ([calendar] holiday_calendars) are not read: import them for the whole
team with `followup calendar import FILE`.";

#[derive(Debug, Args)]
pub struct TeamCadenceSetArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// The cadence file to share
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct TeamCadenceShowArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
}

/// `team import-book --help`.
pub const IMPORT_BOOK_HELP: &str = "\
On the team's database, as a manager:
  followup team import-book ~/.local/share/followup/followup.db --owner sam@example.com

Copies every prospect of the file with its whole history (attempts, value items, ground rules,
the drip) in one transaction, owned by the rep. A prospect with the email (or, without an
email, the phone) of one already on file is skipped, naming the one it matched. The file is
opened read-only and left as it was; a file of an older followup is refused.";

#[derive(Debug, Args)]
pub struct ImportBookArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// The personal SQLite book
    #[arg(value_name = "FILE.db")]
    pub file: PathBuf,
    /// The rep who gets the files, by email or name
    #[arg(long, value_name = "REP")]
    pub owner: String,
    /// Print what was done as JSON
    #[arg(long)]
    pub json: bool,
}
