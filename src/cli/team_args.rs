//! The command line of team mode's setting up: `team init` and `rep add|list|deactivate`,
//! kept beside args.rs so that the team's other commands can join them.

use clap::{Args, Subcommand};

use super::args::{CadenceFile, IMPORT_BOOK_HELP, ImportBookArgs, TeamCadenceCommand};

/// `followup team ...`
#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Make this PostgreSQL database a team's: you become its first manager, and each rep
    /// then sees only their own files and the pool
    #[command(after_help = TEAM_INIT_HELP)]
    Init(TeamInitArgs),
    /// The team's cadences and calendar, kept in the database for every rep
    #[command(subcommand)]
    Cadence(TeamCadenceCommand),
    /// Copy a personal SQLite book into the team's database, owned by one rep
    #[command(after_help = IMPORT_BOOK_HELP)]
    ImportBook(ImportBookArgs),
}

const TEAM_INIT_HELP: &str = "\
Example:
  followup team init --name \"Ruth Okafor\" --email ruth@acme.example

Run it once, connected as the role that owns the database's tables (the one that ran
followup there first). That role becomes the team's first manager, and row-level security
goes on: from then on a rep's connection reads and changes only the files they own and the
unassigned pool, whatever program it uses; a manager's reads and changes them all. Files
already in the book go to the pool. A second `team init` is refused.";

#[derive(Debug, Args)]
pub struct TeamInitArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// Your name, as the team will see it
    #[arg(long)]
    pub name: String,
    /// Your email: who you are to `--as` and `[me] email`
    #[arg(long, value_name = "EMAIL")]
    pub email: String,
    /// Your phone number, for your messages where your own [me] gives none
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
}

/// `followup rep ...`
#[derive(Debug, Subcommand)]
pub enum RepCommand {
    /// Add a rep to the team and print the SQL that gives them their database role
    #[command(after_help = REP_ADD_HELP)]
    Add(RepAddArgs),
    /// Every rep of the team, with the open files each holds
    #[command(after_help = "Example:\n  followup rep list\n  followup rep list --json")]
    List(RepListArgs),
    /// Stop a rep working the book: they keep their history, and their files stay theirs
    /// until reassigned
    #[command(
        after_help = "Example:\n  followup rep deactivate sam@acme.example\n\n\
        A deactivated rep's connection reads and changes nothing, and they get no new files. \
        To stop them connecting at all, a database administrator runs the ALTER ROLE ... \
        NOLOGIN it prints."
    )]
    Deactivate(RepDeactivateArgs),
    /// Change the phone number a rep's messages give
    #[command(after_help = REP_EDIT_HELP)]
    Edit(RepEditArgs),
}

const REP_EDIT_HELP: &str = "\
Examples:
  followup rep edit sam.ortiz@acme.example --phone \"+1 555 0142\"
  followup rep edit sam.ortiz@acme.example --phone none

A rep's messages give this number where their own cadence file's [me] gives none, and so do
a manager's views of the rep's files (`today --team`, `show`, `script`). For managers; `none`
clears it. The team's company comes from the [me] of its cadence file (`team cadence set`).";

const REP_ADD_HELP: &str = "\
Examples:
  followup rep add \"Sam Ortiz\" --email sam.ortiz@acme.example
  followup rep add \"Kim Lee\" --email kim@acme.example --role kim | sudo -u postgres psql sales
  followup rep add \"Lee Park\" --email lee@acme.example --manager --create-role

For managers. Each rep connects to the database as their own PostgreSQL role; --role names
it, else it is made from the email (sam.ortiz@... becomes sam_ortiz): lowercase letters,
digits and _ only. The rep is added, and the SQL that creates the role and grants it what
followup needs is printed, with comments, ready for a database administrator to run in psql.
With --create-role followup runs it itself, which needs the CREATEROLE attribute and the
tables' ownership; a role of that name that exists already is only granted. Then set the
rep's password (\\password ROLE in psql), or let them in by peer authentication.";

#[derive(Debug, Args)]
pub struct RepAddArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// The rep's name
    pub name: String,
    /// The rep's email: who they are to `--as` and `[me] email`
    #[arg(long, value_name = "EMAIL")]
    pub email: String,
    /// The rep sees and changes every file, and may add and deactivate reps
    #[arg(long)]
    pub manager: bool,
    /// Their PostgreSQL role [default: made from the email]
    #[arg(long, value_name = "ROLE")]
    pub role: Option<String>,
    /// The number their messages give where their own [me] gives none
    #[arg(long, value_name = "PHONE")]
    pub phone: Option<String>,
    /// Create the role and its grants now instead of printing the SQL for a DBA
    #[arg(long)]
    pub create_role: bool,
}

#[derive(Debug, Args)]
pub struct RepEditArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// The rep's email
    #[arg(value_name = "EMAIL")]
    pub email: String,
    /// The number their messages give where their own [me] gives none; `none` clears it
    #[arg(long, value_name = "PHONE")]
    pub phone: String,
}

#[derive(Debug, Args)]
pub struct RepListArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// An array of {id, name, email, role_name, manager, active, phone, open_files}
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct RepDeactivateArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// The rep's email
    #[arg(value_name = "EMAIL")]
    pub email: String,
}
