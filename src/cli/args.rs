//! The command line, as clap reads it: flags close to what the user types. Values are turned
//! into checked requests by each command, so parsing and meaning stay apart.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::domain::{Channel, CloseReason, Outcome, Preference, Step};

/// A follow-up tracker for salespeople: who to call today, in what order, and what to say.
#[derive(Debug, Parser)]
#[command(
    name = "followup",
    version,
    about,
    after_help = "Every morning: `followup today`. After each call or email: `followup log`.\n\
                  Dates: YYYY-MM-DD, YYYY-MM-DDTHH:MM, today, tomorrow, yesterday, or a weekday \
                  (mon..sun, the next one), optionally followed by HH:MM."
)]
pub struct Cli {
    /// The database file [default: ~/.local/share/followup/followup.db]
    #[arg(long, global = true, env = "FOLLOWUP_DB", value_name = "PATH")]
    pub db: Option<PathBuf>,

    /// The cadence file [default: ~/.config/followup/cadence.toml if it exists, else the
    /// built-in one]. Give it before the command: after `add` and `edit`, --cadence names the
    /// cadence the prospect follows.
    #[arg(long, env = "FOLLOWUP_CADENCE", value_name = "PATH")]
    pub cadence: Option<PathBuf>,

    /// Pretend it is this moment: YYYY-MM-DD (09:00) or YYYY-MM-DDTHH:MM[:SS]
    #[arg(long, global = true, env = "FOLLOWUP_NOW", value_name = "DATETIME")]
    pub now: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Add a prospect to follow up; prints its id
    #[command(
        after_help = "Example:\n  followup add \"Dana Whitfield\" --company \"Lakeside Dental\" \
        --phone 555-0147 --email dana@lakeside.example --topic \"ergonomic chairs\" \
        --next-step \"a quote for 12 chairs\""
    )]
    Add(AddArgs),

    /// Record a call, email or text, and see what comes next
    #[command(
        after_help = "Examples:\n  followup log dana\n  followup log 3 --channel email\n  \
        followup log dana --outcome voicemail --promise \"tomorrow 08:15\"\n  \
        followup log dana --outcome replied --next fri --note \"wants the quote first\"\n\n\
        Defaults: --channel call; --outcome voicemail for calls, sent for emails and texts; --at now.\n\
        --outcome declined closes the file as not-interested."
    )]
    Log(LogArgs),

    /// The morning list: every action due today or earlier, in order, with what to say
    #[command(after_help = "Example:\n  followup today\n  followup today --now 2026-11-30 --json")]
    Today(JsonArg),

    /// Close a file: won, lost, or no reply
    #[command(after_help = "Examples:\n  followup close dana --reason won\n  \
        followup close 3 --reason no-response            # comes back in recontact_after_days\n  \
        followup close 3 --reason no-response --recontact 2027-03-01")]
    Close(CloseArgs),

    /// Make a closed file active again; a follow-up is due the same day
    #[command(after_help = "Example:\n  followup reopen dana")]
    Reopen(ProspectArg),

    /// A prospect's details, history, and next action with its message
    #[command(after_help = "Example:\n  followup show dana\n  followup show 3 --json")]
    Show(ShowArgs),

    /// Prospects with their next action
    #[command(after_help = "Example:\n  followup list\n  followup list --status all --json")]
    List(ListArgs),

    /// Change a prospect's details; an empty value clears a field
    #[command(
        after_help = "Examples:\n  followup edit dana --next-step \"a site visit on the 12th\"\n  \
        followup edit 3 --email \"\"            # clears the email\n  \
        followup edit 3 --cadence as-promised"
    )]
    Edit(EditArgs),

    /// Copy the database to a new file, safely, even while other commands run
    #[command(
        after_help = "Example:\n  followup backup ~/followup-2026-11-23.db\n\n\
        To restore, point followup at the copy (`--db FILE`), or move it over the database \
        while no followup command is running."
    )]
    Backup(BackupArgs),

    /// Inspect the cadence file
    #[command(subcommand)]
    Cadence(CadenceCommand),

    /// What works: reply rates by step and channel, kept promises, closed files, weekly touches
    #[command(after_help = STATS_HELP)]
    Stats(StatsArgs),

    /// The whole message for a prospect's next step (or a named one), ready to say or send
    #[command(
        after_help = "Examples:\n  followup script dana\n  followup script dana --email\n  \
        followup script 3 --step rescue --email\n\n\
        Where the file lacks a value the message needs, the text says so in brackets with the \
        command that sets it, e.g. [no topic on file: followup edit 3 --topic ...]."
    )]
    Script(ScriptArgs),

    /// Why the next action is what it is and when: the cadence's rules, step by step
    #[command(
        after_help = "Examples:\n  followup why dana\n  followup why 3 --json\n\n\
        Each line names the rule of the cadence (1-7, as in `followup cadence show`) or the knob \
        of cadence.toml it applies, with the dates it counted and the days it skipped."
    )]
    Why(ShowArgs),
}

/// The definitions behind `stats`, shown by `followup stats --help`.
const STATS_HELP: &str = "\
Examples:
  followup stats
  followup stats --since 2026-10-01 --until 2026-12-31 --json

Definitions:
  touch      All attempts to a prospect on one calendar date, except calls through the
             assistant and inbound replies (outcome `replied`), which are not touches. Its step
             and channel are those of the day's first attempt. For the `assistant` step, the
             calls through the assistant are counted the same way, one per prospect and date.
  response   An attempt to or from the prospect (not through the assistant) whose outcome is
             connected, replied, meeting or declined.
  answered   A touch is answered when a response is logged at or after the touch's first
             attempt, and both before the next touch to that prospect and no later than the
             day `gap_business_days` business days after the touch (the prospect's cadence),
             whichever comes first. A response on the same day as the touch answers it; a
             connected call is a touch and its own answer. A response after the next touch
             began answers that next touch instead.
  reply rate answered / touches.
  first response
             For each run of a prospect (from its start, and from its latest reopening), the
             number of the first answered touch, counted among the run's touches; a run counts
             if that touch falls in the period, or, as 'no response', if it has touches in the
             period and none answered by its end.
  rescue     The rescue reply rate is compared with the 75% the rescue advice claims only when
             at least 10 rescues were sent in the period.
  promises   A promised callback is kept when the next attempt on the prospect comes on the
             promised day no later than 30 minutes after the promised time; missed when it
             comes later or not at all (once those 30 minutes are over); early when it came on
             an earlier day; open while the time is still to come. Counted by promised date.
  closed     Files closed in the period, by the reason they are closed for now.
  weekly     Touches in each of the 8 weeks (Monday to Sunday) ending with the week of --until.

The period runs from --since (default: the first attempt) to --until (default: today), both
included; a touch belongs to it by its date.";

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The file to write; it must not exist yet
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct JsonArg {
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ProspectArg {
    /// An id, or part of the name or company of exactly one prospect
    pub prospect: String,
}

/// The fields of a prospect that `add` and `edit` share.
#[derive(Debug, Args, Default)]
pub struct FieldArgs {
    #[arg(long)]
    pub company: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
    /// Their job title
    #[arg(long)]
    pub title: Option<String>,
    /// The channel they asked to be followed up on
    #[arg(long, value_name = "CHANNEL")]
    pub prefers: Option<Preference>,
    /// The next step they agreed to, recalled by the rescue message
    #[arg(long, value_name = "TEXT")]
    pub next_step: Option<String>,
    /// What they asked about
    #[arg(long, value_name = "TEXT")]
    pub topic: Option<String>,
    /// Their assistant's name
    #[arg(long, value_name = "NAME")]
    pub assistant: Option<String>,
    #[arg(long, value_name = "PHONE")]
    pub assistant_phone: Option<String>,
    /// The cadence to follow, from cadence.toml [default: standard]
    #[arg(long, value_name = "NAME")]
    pub cadence: Option<String>,
    /// The day the first touch is due [default: today]
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The prospect's full name
    pub name: String,
    #[command(flatten)]
    pub fields: FieldArgs,
    /// Print the new prospect as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct EditArgs {
    /// An id, or part of the name or company of exactly one prospect
    pub prospect: String,
    /// A new name
    #[arg(long)]
    pub name: Option<String>,
    #[command(flatten)]
    pub fields: FieldArgs,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    /// An id, or part of the name or company of exactly one prospect
    pub prospect: String,
    /// How you reached them [default: call]
    #[arg(long)]
    pub channel: Option<Channel>,
    /// What happened [default: voicemail for a call, sent for an email or text]
    #[arg(long)]
    pub outcome: Option<Outcome>,
    /// When it happened, if not now
    #[arg(long, value_name = "DATETIME")]
    pub at: Option<String>,
    /// The callback you promised, e.g. "tomorrow 08:15"
    #[arg(long, value_name = "WHEN")]
    pub promise: Option<String>,
    /// The date you agreed for the next step
    #[arg(long, value_name = "DATE")]
    pub next: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Print the attempt and the next action as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CloseArgs {
    /// An id, or part of the name or company of exactly one prospect
    pub prospect: String,
    #[arg(long)]
    pub reason: CloseReason,
    /// When to try again, or `never` [default: recontact_after_days ahead for no-response]
    #[arg(long, value_name = "DATE|never")]
    pub recontact: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// An id, or part of the name or company of exactly one prospect
    pub prospect: String,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// The first day of the period [default: the beginning]
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// The last day of the period [default: today]
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Print JSON instead of tables
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ScriptArgs {
    /// An id, or part of the name or company of exactly one prospect
    pub prospect: String,
    /// The step to write the message for [default: the next action's]
    #[arg(long)]
    pub step: Option<Step>,
    /// Print the email (To, Subject and body) instead of what to say on the phone
    #[arg(long)]
    pub email: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Which files to list
    #[arg(long, value_enum, default_value = "active")]
    pub status: StatusFilter,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum StatusFilter {
    Active,
    Closed,
    All,
}

#[derive(Debug, Subcommand)]
pub enum CadenceCommand {
    /// The dates a cadence gives a prospect who never answers
    #[command(after_help = "Example:\n  followup cadence show standard --start 2026-11-23")]
    Show(CadenceShowArgs),
    /// Check the cadence file; exit 0 with a summary, or 2 with what is wrong
    Check,
}

#[derive(Debug, Args)]
pub struct CadenceShowArgs {
    /// The cadence [default: standard]
    pub name: Option<String>,
    /// The day the prospect is added [default: today]
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_tree_is_consistent() {
        use clap::CommandFactory;
        super::Cli::command().debug_assert();
    }
}
