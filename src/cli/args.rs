//! The command line, as clap reads it: flags close to what the user types. Values are turned
//! into checked requests by each command, so parsing and meaning stay apart.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

pub use super::team_args::{RepCommand, TeamCommand};
use crate::domain::{Channel, CloseReason, Outcome, Preference, Step, ValueKind};

mod manager;
pub use manager::{AuditArgs, IMPORT_BOOK_HELP, ImportBookArgs, TeamCadenceCommand};

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
    /// The database: a SQLite file, or a team's PostgreSQL database as a postgres:// URL
    /// (postgresql:///sales?host=/var/run/postgresql) [default:
    /// ~/.local/share/followup/followup.db]
    #[arg(long, global = true, env = "FOLLOWUP_DB", value_name = "PATH|URL")]
    pub db: Option<PathBuf>,

    /// The cadence file [default: ~/.config/followup/cadence.toml if it exists, else the
    /// built-in one]. Also accepted after the command, except after `add` and `edit`, where
    /// --cadence names the cadence the prospect follows.
    #[arg(long, env = "FOLLOWUP_CADENCE", value_name = "PATH")]
    pub cadence: Option<PathBuf>,

    /// Who you are in a team book: a rep's email. The database checks it against the role you
    /// connect as [default: [me] email of cadence.toml]
    #[arg(long = "as", global = true, env = "FOLLOWUP_REP", value_name = "EMAIL")]
    pub as_rep: Option<String>,

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
        mut_arg("cadence", |arg| arg.help("The cadence to follow, a name from cadence.toml \
            [default: standard]")),
        mut_arg("start", |arg| arg.help("The day the first touch is due [default: today]")),
        after_help = "Example:\n  followup add \"Dana Whitfield\" --company \"Lakeside Dental\" \\\n      \
        --phone 555-0147 --email dana@lakeside.example \\\n      \
        --topic \"ergonomic chairs\" --next-step \"a quote for 12 chairs\"\n\n\
        A prospect with the email of one on file (or, without an email, the phone) is refused, \
        naming the one on file; --force adds it anyway."
    )]
    Add(AddArgs),

    /// Record a call, email or text, and see what comes next
    #[command(after_help = log_help())]
    Log(LogArgs),

    /// The morning list: every action due today or earlier, in order, with what to say
    #[command(
        after_help = "Example:\n  followup today\n  followup today --now 2026-11-30 --json\n\n\
        With max_touches_per_day set in cadence.toml, the list holds the most important actions \
        up to that number and says which ones move to the next business days; --all lists \
        everything due."
    )]
    Today(TodayArgs),

    /// Work today's list one action at a time, logging each with a key
    #[command(after_help = GO_HELP)]
    Go(GoArgs),

    /// Give a file of a team book to a rep, or share out the pool (managers)
    #[command(after_help = ASSIGN_HELP)]
    Assign(AssignArgs),

    /// Give every file of a rep who leaves to another rep (managers)
    #[command(
        after_help = "Example:\n  followup reassign --from omar@example.com --to mia@example.com\n\n\
        Every file of the first rep, open and closed, goes to the second in one transaction, \
        each change written to the audit. A deactivated rep can be named with --from, never \
        with --to."
    )]
    Reassign(ReassignArgs),

    /// Close a file: won, lost, or no reply
    #[command(after_help = "Examples:\n  followup close dana --reason won\n  \
        followup close 3 --reason no-response            # comes back in recontact_after_days\n  \
        followup close 3 --reason no-response --recontact 2027-03-01\n  \
        followup close 2 --reason lost                   # on the drip until they reply\n\n\
        A lost deal goes on the drip: a value touch every drip_every_business_days of its \
        cadence (60 by default), which `today` lists when due; a reply logged to one reopens the \
        file. --no-drip closes it without; not-interested never drips, since they said no. \
        On a file that is closed already, close only moves the re-contact date (the same \
        --reason with --recontact); anything else is refused, saying it is closed \
        (`edit --drip yes|no` puts a lost deal on the drip or takes it off).")]
    Close(CloseArgs),

    /// Take back your last close, or else the attempt logged last, putting its file back
    #[command(after_help = "Example:\n  followup undo --yes\n\n\
        When the last change you made was closing a file, undo reopens it as it was: the same \
        run, history and next action (run it again to take back the attempt before). \
        Otherwise it removes the attempt recorded last, whatever date --at gave it; if that \
        attempt closed the file (declined) or reopened it, the file is put back as it was. \
        Without --yes, undo shows what it would do and asks first on a terminal, and refuses \
        elsewhere.")]
    Undo(UndoArgs),

    /// Delete a prospect and its whole history, for good
    #[command(after_help = "Example:\n  followup delete 3 --yes\n\n\
        Without --yes, delete says what it removes and asks first on a terminal, and refuses \
        elsewhere. To stop following a prospect but keep the history, use `followup close`.")]
    Delete(DeleteArgs),

    /// Make a closed file active again; a follow-up is due the same day
    #[command(after_help = "Example:\n  followup reopen dana")]
    Reopen(ProspectArg),

    /// A prospect's details, history, and next action with its message
    #[command(after_help = "Example:\n  followup show dana\n  followup show 3 --json")]
    Show(ShowArgs),

    /// Prospects with their next action
    #[command(
        after_help = "Example:\n  followup list\n  followup list --status all --json\n  \
        followup list --drip                  # lost deals on the drip, with their next touch"
    )]
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
    #[command(
        subcommand,
        after_help = "Examples:\n  followup cadence check\n  followup cadence show standard --start 2026-11-23"
    )]
    Cadence(CadenceCommand),

    /// What works: reply rates by step and channel, kept promises, closed files, weekly touches
    #[command(after_help = STATS_HELP)]
    Stats(StatsArgs),

    /// The whole message for a prospect's next step (or a named one), ready to say or send
    #[command(
        after_help = "Examples:\n  followup script dana\n  followup script dana --email\n  \
        followup script 3 --step rescue --email\n\n\
        The message is written for the channel the prospect is reached on: what to say on a \
        call, the email itself, or one short text. A sentence that needs a fact the file \
        lacks (a topic, an earlier conversation) is said another way; a value a template \
        uses without such a choice shows in brackets with the command that sets it, e.g. \
        [no topic on file: followup edit 3 --topic ...]. A voicemail ends with how long it \
        takes to say, at [messages] words_per_minute of cadence.toml (150 unless set): 20 to \
        40 seconds is the length that gets returned."
    )]
    Script(ScriptArgs),

    /// Why the next action is what it is and when: the cadence's rules, step by step
    #[command(
        after_help = "Examples:\n  followup why dana\n  followup why 3 --json\n\n\
        Each line names the rule of the cadence it applies (1 to 7, as numbered in \
        docs/insights.md) or the knob of cadence.toml, with the dates it counted and the days it \
        skipped."
    )]
    Why(ShowArgs),
    /// Add prospects from a CSV file (a CRM or spreadsheet export) or a JSON export
    #[command(after_help = "Examples:\n  followup import leads.csv --dry-run\n  \
        followup import leads.csv --map \"Cell=phone\" --map \"Lead Source=ignore\"\n  \
        followup import backup.json              # restores an `export --format json`\n\n\
        Columns recognized without --map (any case): Name, Full Name, First Name + Last Name, \
        Company, Company Name, Account Name, Phone, Phone Number, Mobile Phone, Email, \
        Email Address, Title, Job Title, Company Phone, and followup's own fields: topic, \
        next_step, assistant, assistant_phone, main_line, prefers, cadence, start, note, \
        time_zone (or tz).\n\
        FIELD for --map is one of those own fields, name, first_name, last_name, company, phone, \
        email, title, or ignore.\n\
        A prospect with the email (or, without an email, the phone) of one on file is skipped. \
        A bad row stops the import and nothing is written; so do a quote left open, two \
        columns for one field, and a file over 1 GiB.")]
    Import(ImportArgs),

    /// Write prospects to CSV (for spreadsheets) or JSON (a backup that imports back)
    #[command(after_help = "Examples:\n  followup export --output prospects.csv\n  \
        followup export --format json --output backup.json\n  \
        followup export --status active --format csv | less\n\n\
        --output refuses a file that exists (add --force to replace it) and the database itself \
        and the files SQLite keeps beside it: an export written there would destroy the book.\n\
        In CSV, a cell that starts with =, +, -, @, a tab or a carriage return gets a leading ' \
        so that spreadsheets show it as text instead of running it as a formula.")]
    Export(ExportArgs),

    /// The actions planned for the coming business days, as a table or a calendar file
    #[command(
        after_help = "Examples:\n  followup agenda\n  followup agenda --days 10\n  \
        followup agenda --ics --output ~/followup.ics\n\n\
        Each prospect shows its next action only: what follows it depends on how they answer. \
        Overdue actions are listed on today."
    )]
    Agenda(AgendaArgs),

    /// The holidays and business days in effect, and holiday calendars to import
    #[command(
        subcommand,
        after_help = "Examples:\n  followup calendar show\n  followup calendar show --year 2027\n  \
        followup calendar import ~/Downloads/us-holidays.ics\n  followup calendar clear us-holidays.ics"
    )]
    Calendar(CalendarCommand),

    /// Value items: the tip, figure, customer's story or question each message carries
    #[command(
        subcommand,
        after_help = "Examples:\n  followup value add dana \"Clinics that switched to sit-stand desks cut back \
        complaints by a third\" --kind figure\n  \
        followup value add --topic \"standing desks\" \"Which room do your people avoid working \
        in, and why?\" --kind question\n  \
        followup value list dana\n  \
        followup value remove 2\n\n\
        Each touch's message carries the next item no earlier touch of that prospect carried: \
        their own items first, then those for their topic (the same words, any case), in the \
        order added. The voicemail announces it and the email beside it holds it; a text holds \
        it when it fits in 160 characters, and otherwise points at the email. `log` records \
        the item on the attempt, and `stats` ranks the items by reply rate."
    )]
    Value(ValueCommand),

    /// Mark days you are out: nothing is scheduled on them
    #[command(after_help = "Examples:\n  followup away 2026-12-21 2027-01-01\n  \
        followup away fri                     # one day\n  \
        followup away --list\n  \
        followup away --clear                 # every day away\n  \
        followup away --clear 2026-12-28 2027-01-01\n\n\
        Days away count like holidays: gaps between touches skip them, and what falls due while \
        you are out waits for your return. Set max_touches_per_day in cadence.toml to have it \
        spread over the days after your return.\n\n\
        On a team's database they are yours alone: they move the files you hold, not the \
        pool's or a teammate's, and no other rep sees them (a manager does).")]
    Away(AwayArgs),

    /// Who changed what and when: the audit of every change to the book
    #[command(after_help = manager::AUDIT_HELP)]
    Audit(AuditArgs),

    /// A team's shared book on PostgreSQL: set it up, share its cadences, move personal books in
    #[command(subcommand)]
    Team(TeamCommand),

    /// The reps of a team: add, list, deactivate
    #[command(subcommand)]
    Rep(RepCommand),

    /// Print a shell completion script
    #[command(
        after_help = "Examples:\n  followup completions bash > ~/.local/share/bash-completion/completions/followup\n  \
        followup completions zsh > ~/.zfunc/_followup\n  \
        followup completions fish > ~/.config/fish/completions/followup.fish"
    )]
    Completions(CompletionsArgs),

    /// Print a manual page (roff), or write them all to a folder
    #[command(after_help = "Examples:\n  followup man | man -l -\n  \
        followup man log | man -l -\n  \
        followup man --output ~/.local/share/man/man1")]
    Man(ManArgs),
}

/// `log --help`: examples, defaults, and the outcomes of each channel, read from the
/// domain's table so that the help cannot drift from what `log` accepts.
fn log_help() -> String {
    let outcomes: Vec<String> = Channel::ALL
        .iter()
        .map(|channel| {
            let words: Vec<&str> = channel.outcomes().iter().map(|o| o.as_str()).collect();
            format!("  {:<10} {}", channel.as_str(), words.join(", "))
        })
        .collect();
    format!(
        "Examples:\n  followup log dana\n  followup log 3 --channel email\n  \
         followup log dana --outcome voicemail --promise \"tomorrow 08:15\"\n  \
         followup log dana --promise \"tomorrow 08:15\" --their-time\n  \
         followup log dana --outcome replied --next fri --note \"wants the quote first\"\n\n\
         Defaults: --channel is the one `today` suggests for them (a call when none), \
         --outcome voicemail for calls, sent for emails and texts; \
         --at now. --outcome declined closes the file as not-interested.\n\n\
         The outcomes each channel can have:\n{}\n\n\
         A closed file takes a log when its re-contact is due (or they answer one); otherwise \
         reopen it first, or log with --reopen. `followup undo` takes back the last log.",
        outcomes.join("\n")
    )
}

/// `go --help`: the keys, and what is written when.
const GO_HELP: &str = "\
Example:
  followup go

Keys:
  call       v voicemail, n no answer, c connected, r replied, m meeting, d declined
  email      s sent, b bounced, r replied, m meeting, d declined
  then       p promise a call back, x agreed next date, t note; Enter logs it, Esc goes back
  any time   k skip for now, u undo the last entry of this sitting, o open the file,
             q quit, ? the keys

Each entry is written when Enter is pressed, in its own transaction, exactly as the same
`followup log` would write it: quitting, Ctrl-C or a closed terminal loses nothing logged
and writes nothing half-done. The list is today's, in its order. Without a terminal (or
with --no-input) go refuses: use `followup today` and `followup log` there.";

/// The file formats of `import` and `export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Json,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// The file to read, or - for standard input
    pub file: PathBuf,
    /// The file's format [default: json for a .json file, else csv]
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Which field a column fills, e.g. "Cell=phone"; FIELD `ignore` drops the column
    #[arg(long = "map", value_name = "COLUMN=FIELD")]
    pub maps: Vec<String>,
    /// Keep the cells of unrecognized columns in each prospect's note, as "Column: value"
    #[arg(long)]
    pub keep_unknown: bool,
    /// Check the file and report what would be added, without writing anything
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// CSV for spreadsheets, JSON for a backup that `import` reads back
    #[arg(long, value_enum, default_value = "csv")]
    pub format: Format,
    /// Which files to export
    #[arg(long, value_enum, default_value = "all")]
    pub status: StatusFilter,
    /// Write to this file (readable by you only) instead of standard output; it must not
    /// exist yet unless --force is given, and it may not be the database
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the --output file if it exists
    #[arg(long, requires = "output")]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct AgendaArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// How many business days, starting today
    #[arg(long, default_value_t = 5, value_name = "N",
          value_parser = clap::value_parser!(u32).range(1..=260))]
    pub days: u32,
    /// Write an iCalendar file (for Google Calendar, Outlook, Apple Calendar...)
    #[arg(long, conflicts_with = "json")]
    pub ics: bool,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
    /// Write to this file (readable by you only) instead of standard output; with --ics an
    /// existing calendar is replaced, so that a feed can be refreshed, but no other file, and
    /// never the database
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// The command whose page to print, e.g. `log` or `calendar import` [default: the main page]
    #[arg(value_name = "COMMAND", conflicts_with = "output")]
    pub command: Vec<String>,
    /// Write every page (followup.1, followup-add.1, ...) into this folder instead
    #[arg(long, short, value_name = "DIR")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `--cadence PATH` after a command other than `add` and `edit` (where `--cadence` names the
/// prospect's cadence): the same as giving it before the command.
#[derive(Debug, Args, Default)]
pub struct CadenceFile {
    /// The cadence file, as the global --cadence option
    #[arg(long = "cadence", value_name = "PATH")]
    pub path: Option<PathBuf>,
}

/// The definitions behind `stats`, shown by `followup stats --help`.
const STATS_HELP: &str = "\
Examples:
  followup stats
  followup stats --since 2026-10-01 --until 2026-12-31 --json

Definitions:
  touch      All attempts to a prospect on one calendar date, except calls through the
             assistant and answers that came to you. An answer is a reply (outcome `replied`,
             or any response by email or text) that comes first on its day, before your next
             touch was due, while your last touch stood unanswered: the rule `log` records
             replies by. Once the next touch is due, such a reply is taken as that touch,
             answered. A touch's step and channel are those of the day's first attempt. The
             step and channel tables count these touches, so they add up to the total.
  assistant  Calls through the assistant are not touches: they are counted apart, one per
             prospect and date, and answered when the prospect responds after them as after
             a touch.
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
  value items
             Each value item carried by touches in the period (the item `log` recorded on
             an attempt of the touch), with those touches and how many were answered, best
             reply rate first.

The period runs from --since (default: the first attempt) to --until (default: today), both
included; a touch belongs to it by its date.

On a team's database a manager's figures are the team's; a rep's are their own work: the
touches they logged and the promises they made (whoever holds the file now), the files they
hold, the runs they touched, and the value items their touches carried.

--by-rep (a team's PostgreSQL database; managers), per rep and for the team, with the
definitions above, so that the team's line is the manager's `followup stats`:
  touches    Touches (no replies that came to us, no calls through the assistant), each the
             rep's who logged its first attempt; no rep: work logged before the team.
  reply rate Touches answered, over touches.
  rescues    Touches whose step is rescue.
  promises   Callbacks promised (the rep's who logged the promise), by promised date; kept
             as above; open: its time (with the grace) has not come yet.
  closes     Files closed in the period, counted for the file's owner (no rep: the pool);
             won among them.";

#[derive(Debug, Subcommand)]
pub enum ValueCommand {
    /// Keep an item for a prospect, or with --topic for everyone with that topic
    #[command(
        after_help = "Examples:\n  followup value add 3 \"Most clinics we equip recover the \
        cost in under a year\" --kind figure\n  \
        followup value add --topic \"ergonomic chairs\" \"A chair set to the desk height saves \
        more backs than the dearest model\"\n\n\
        Write it in your own words and about their business: a message that only checks in \
        gives them no reason to answer."
    )]
    Add(ValueAddArgs),
    /// The items kept, in the order messages offer them
    #[command(
        after_help = "Examples:\n  followup value list\n  followup value list dana\n  \
        followup value list --topic \"ergonomic chairs\" --json"
    )]
    List(ValueListArgs),
    /// Remove an item; one a touch already carried is retired (kept for history and stats)
    #[command(after_help = "Example:\n  followup value remove 2")]
    Remove(ValueRemoveArgs),
}

#[derive(Debug, Args)]
pub struct ValueAddArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// The prospect (an id, or part of the name or company of exactly one), then the item's
    /// text; with --topic, the text alone
    #[arg(value_name = "PROSPECT TEXT", num_args = 1..=2, required = true)]
    pub words: Vec<String>,
    /// Keep the item for every prospect with this topic instead of for one prospect
    #[arg(long, value_name = "TOPIC")]
    pub topic: Option<String>,
    /// What the item is; it decides how a message introduces it
    #[arg(long, value_enum, default_value = "tip")]
    pub kind: ValueKind,
}

#[derive(Debug, Args)]
pub struct ValueListArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// Only the items offered to this prospect, with those their touches carried
    pub prospect: Option<String>,
    /// Only the items kept for this topic
    #[arg(long, value_name = "TOPIC", conflicts_with = "prospect")]
    pub topic: Option<String>,
    /// Retired items too
    #[arg(long)]
    pub all: bool,
    /// Print JSON instead of a table
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ValueRemoveArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// The item's id, as `value list` shows it
    pub id: i64,
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// The file to write; it must not exist yet, nor end in -wal, -shm or -journal
    pub file: PathBuf,
}

#[derive(Debug, Args)]
pub struct GoArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// Refuse instead of asking for keys, as a script would want
    #[arg(long)]
    pub no_input: bool,
}

#[derive(Debug, Args)]
pub struct TodayArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// Print JSON instead of a table (only the actions kept for today)
    #[arg(long)]
    pub json: bool,
    /// List everything due, ignoring max_touches_per_day
    #[arg(long)]
    pub all: bool,
    /// On a team book: everyone's actions, grouped by rep (managers only)
    #[arg(long)]
    pub team: bool,
}

const ASSIGN_HELP: &str = "Examples:\n  followup assign 7 mia@example.com\n  \
    followup assign \"Lakeside\" \"Mia Lund\"\n  followup assign --round-robin\n\n\
    A file with no owner is in the pool: any rep may take it by logging a touch to it. \
    --round-robin gives every open file of the pool to the active reps who are not \
    managers, one file at a time to the rep with the fewest open files (a draw among equals). \
    Deactivated reps get no files. Each change is written to the audit.";

#[derive(Debug, Args)]
pub struct AssignArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// An id, or part of the name or company of exactly one prospect
    #[arg(
        required_unless_present = "round_robin",
        conflicts_with = "round_robin"
    )]
    pub prospect: Option<String>,
    /// The rep who gets it: their email, or their name or part of it
    #[arg(
        required_unless_present = "round_robin",
        conflicts_with = "round_robin"
    )]
    pub rep: Option<String>,
    /// Share every open file of the pool among the active reps
    #[arg(long)]
    pub round_robin: bool,
    /// Print what was given to whom as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ReassignArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// The rep whose files move: their email, or their name or part of it
    #[arg(long, value_name = "REP")]
    pub from: String,
    /// The rep who takes them over (an active one)
    #[arg(long, value_name = "REP")]
    pub to: String,
    /// Print what moved as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Subcommand)]
pub enum CalendarCommand {
    /// The holidays and days away of a year, and its business days month by month
    #[command(
        after_help = "Examples:\n  followup calendar show\n  followup calendar show --year 2027 --json"
    )]
    Show(CalendarShowArgs),
    /// Add the all-day events of an iCalendar file (.ics) to your holidays
    #[command(
        after_help = "Examples:\n  followup calendar import us-holidays.ics --dry-run\n  \
        followup calendar import us-holidays.ics\n\n\
        The holidays are copied into the database under the file's name: importing a file of \
        the same name again replaces them. Only all-day events count; yearly repeat rules are \
        followed through 2099. To use a file without copying it, name it in cadence.toml: \
        [calendar] holiday_calendars = [\"us-holidays.ics\"]."
    )]
    Import(CalendarImportArgs),
    /// Forget imported holidays: those of one file, or all of them
    #[command(
        after_help = "Examples:\n  followup calendar clear us-holidays.ics\n  followup calendar clear --all"
    )]
    Clear(CalendarClearArgs),
}

#[derive(Debug, Args)]
pub struct CalendarShowArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// The year to show [default: this year]
    #[arg(long, value_name = "YEAR")]
    pub year: Option<i32>,
    /// Print JSON instead of tables
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CalendarImportArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// The iCalendar file
    pub file: PathBuf,
    /// Say what would be imported, without writing anything
    #[arg(long)]
    pub dry_run: bool,
}

#[derive(Debug, Args)]
pub struct CalendarClearArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// The name of the imported file, as `calendar show` lists it
    #[arg(required_unless_present = "all", conflicts_with = "all")]
    pub name: Option<String>,
    /// Forget every imported holiday
    #[arg(long)]
    pub all: bool,
}

#[derive(Debug, Args)]
pub struct AwayArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// The first day out
    #[arg(value_name = "FROM")]
    pub from: Option<String>,
    /// The last day out [default: FROM]
    #[arg(value_name = "TO", requires = "from")]
    pub to: Option<String>,
    /// List the days away (also what `followup away` alone does)
    #[arg(long, conflicts_with_all = ["from", "clear"])]
    pub list: bool,
    /// Unmark days away: all of them, or those from FROM to TO
    #[arg(long)]
    pub clear: bool,
}

#[derive(Debug, Args)]
pub struct UndoArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// Go ahead without asking
    #[arg(long, short)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct DeleteArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// An id, or part of the name or company of exactly one prospect
    pub prospect: String,
    /// Go ahead without asking
    #[arg(long, short)]
    pub yes: bool,
}

#[derive(Debug, Args)]
pub struct ProspectArg {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// An id, or part of the name or company of exactly one prospect
    pub prospect: String,
}

/// The fields of a prospect that `add` and `edit` share.
#[derive(Debug, Args, Default)]
pub struct FieldArgs {
    /// The company they work for
    #[arg(long)]
    pub company: Option<String>,
    /// The number to call or text them on
    #[arg(long)]
    pub phone: Option<String>,
    /// Their email address
    #[arg(long)]
    pub email: Option<String>,
    /// Their job title
    #[arg(long)]
    pub title: Option<String>,
    /// The channel they asked to be followed up on: call, email or text (used while the
    /// phone or email it needs is on file; otherwise followup warns and suggests another)
    #[arg(long, value_name = "CHANNEL", value_parser = parse_preference)]
    pub prefers: Option<Cleared<Preference>>,
    /// The next step they agreed to, recalled by the rescue message
    #[arg(long, value_name = "TEXT")]
    pub next_step: Option<String>,
    /// What they asked about
    #[arg(long, value_name = "TEXT")]
    pub topic: Option<String>,
    /// Their assistant's name
    #[arg(long, value_name = "NAME")]
    pub assistant: Option<String>,
    /// Their assistant's direct number
    #[arg(long, value_name = "PHONE")]
    pub assistant_phone: Option<String>,
    /// The company's main line: with no assistant's phone, the assistant step calls the
    /// front desk here
    #[arg(long, value_name = "PHONE")]
    pub main_line: Option<String>,
    /// The cadence to follow, a name from cadence.toml
    #[arg(long, value_name = "NAME")]
    pub cadence: Option<String>,
    /// The day the first touch is due
    #[arg(long, value_name = "DATE")]
    pub start: Option<String>,
    /// Anything worth remembering about them
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Their time zone, an IANA name such as Europe/Berlin ("" clears it)
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The prospect's full name
    pub name: String,
    #[command(flatten)]
    pub fields: FieldArgs,
    /// Add it even if a prospect on file has the same email (or phone, without an email)
    #[arg(long)]
    pub force: bool,
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
    /// Whether they agreed that a plain "no" is welcome (usually recorded with `log
    /// --ground-rules`); the follow-up and rescue messages recall it
    #[arg(long, value_name = "yes|no", value_parser = parse_yes_no)]
    pub ground_rules: Option<bool>,
    /// Put a file closed as lost on the drip (yes), or take a closed file off it (no)
    #[arg(long, value_name = "yes|no", value_parser = parse_yes_no)]
    pub drip: Option<bool>,
}

#[derive(Debug, Args)]
pub struct LogArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// An id, or part of the name or company of exactly one prospect
    pub prospect: String,
    /// How you reached them [default: the channel `today` suggests for them, else call]
    #[arg(long)]
    pub channel: Option<Channel>,
    /// What happened [default: voicemail for a call, sent for an email or text]
    #[arg(long)]
    pub outcome: Option<Outcome>,
    /// When it happened, if not now
    #[arg(long, value_name = "DATETIME")]
    pub at: Option<String>,
    /// The callback you promised, e.g. "tomorrow 08:15", in your time zone
    #[arg(long, value_name = "WHEN")]
    pub promise: Option<String>,
    /// Read the time of --promise in the prospect's zone (set with `edit --tz`), as you told them
    #[arg(long, requires = "promise")]
    pub their_time: bool,
    /// The date you agreed for the next step
    #[arg(long, value_name = "DATE")]
    pub next: Option<String>,
    /// What was said or left, in a few words
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// At this conversation they agreed that a plain "no" is welcome: the follow-up and
    /// rescue messages will recall it (only with --outcome connected or meeting)
    #[arg(long)]
    pub ground_rules: bool,
    /// Log to a closed file, reopening it: a new run of touches starts with this attempt
    #[arg(long)]
    pub reopen: bool,
    /// Keep a --promise or --next that falls on a weekend, a holiday or a day away
    #[arg(long)]
    pub force: bool,
    /// Print the attempt and the next action as JSON
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CloseArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// An id, or part of the name or company of exactly one prospect
    pub prospect: String,
    /// Why the file ends here
    #[arg(long)]
    pub reason: CloseReason,
    /// When to try again, or `never` [default: recontact_after_days ahead for no-response]
    #[arg(long, value_name = "DATE|never")]
    pub recontact: Option<String>,
    /// Why, in a few words, for when you look back
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Keep a lost deal on the drip: a value touch every drip_every_business_days (the
    /// default for --reason lost; never for not-interested)
    #[arg(long, conflicts_with = "no_drip")]
    pub drip: bool,
    /// Close a lost deal without the drip
    #[arg(long)]
    pub no_drip: bool,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// An id, or part of the name or company of exactly one prospect
    pub prospect: String,
    /// Print JSON instead of text
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// The first day of the period [default: the beginning]
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// The last day of the period [default: today]
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Per rep and for the team: touches, reply rate, rescues, promises kept, closes (a
    /// team's PostgreSQL database)
    #[arg(long)]
    pub by_rep: bool,
    /// Print JSON instead of tables
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct ScriptArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// An id, or part of the name or company of exactly one prospect
    pub prospect: String,
    /// The step to write the message for: first, follow-up, rescue, assistant, fire, close,
    /// next-step or recontact [default: the next action's]
    #[arg(long, value_parser = parse_step)]
    pub step: Option<Step>,
    /// Print the step's email (To, Subject and body) whatever the channel
    #[arg(long)]
    pub email: bool,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// Which files to list
    #[arg(long, value_enum, default_value = "active")]
    pub status: StatusFilter,
    /// Only the lost deals on the drip, with the date of each one's next drip touch
    #[arg(long, conflicts_with = "status")]
    pub drip: bool,
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
    #[command(after_help = "Examples:\n  followup cadence check\n  \
        followup --cadence ~/my-cadence.toml cadence check\n\n\
        A `warning:` line names each spoken message that, filled in with typical details, \
        takes less than 20 or more than 40 seconds to say at [messages] words_per_minute; \
        the file is still used.")]
    Check(CheckArgs),
    /// Write a cadence file of your own to edit: the built-in rules, signed with your details
    #[command(after_help = "Examples:\n  \
        followup cadence init --name \"Jo Brandt\" --company \"Brandt & Co\" --phone 555-0199\n  \
        followup --cadence ./work.toml cadence init --name \"Jo Brandt\"\n\n\
        The file goes to --cadence PATH, else ~/.config/followup/cadence.toml, where followup \
        finds it without being told. A file already there is never replaced. Details you leave \
        out stay out of your messages (they say \"our company\" or \"my usual number\" instead) \
        until you add them under [me]; run `followup cadence check` after each edit.")]
    Init(CadenceInitArgs),
}

#[derive(Debug, Args)]
pub struct CadenceInitArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
    /// Your name, as your messages sign it
    #[arg(long)]
    pub name: Option<String>,
    /// Your company
    #[arg(long)]
    pub company: Option<String>,
    /// The number prospects should call you back on
    #[arg(long)]
    pub phone: Option<String>,
    /// Your email address (also who you are in a team book)
    #[arg(long)]
    pub email: Option<String>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
}

#[derive(Debug, Args)]
pub struct CadenceShowArgs {
    #[command(flatten)]
    pub cadence_file: CadenceFile,
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
    use clap::CommandFactory;

    #[test]
    fn the_command_tree_is_consistent() {
        super::Cli::command().debug_assert();
    }

    /// Every command and every argument says what it is for in `--help`.
    #[test]
    fn every_command_and_argument_has_help() {
        fn walk(command: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in command.get_arguments() {
                let builtin = matches!(arg.get_id().as_str(), "help" | "version");
                if !builtin && arg.get_help().is_none() {
                    missing.push(format!("{path} {}", arg.get_id()));
                }
            }
            for sub in command.get_subcommands() {
                if sub.get_name() == "help" {
                    continue;
                }
                let sub_path = format!("{path} {}", sub.get_name());
                if sub.get_about().is_none() {
                    missing.push(sub_path.clone());
                }
                walk(sub, &sub_path, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&super::Cli::command(), "followup", &mut missing);
        assert!(missing.is_empty(), "without help: {missing:#?}");
    }
}

impl Command {
    /// The cadence file given after the command, if any.
    pub fn cadence_file(&self) -> Option<&PathBuf> {
        let file = match self {
            Command::Add(_) | Command::Edit(_) | Command::Completions(_) | Command::Man(_) => {
                return None;
            }
            Command::Log(args) => &args.cadence_file,
            Command::Today(args) => &args.cadence_file,
            Command::Go(args) => &args.cadence_file,
            Command::Close(args) => &args.cadence_file,
            Command::Assign(args) => &args.cadence_file,
            Command::Reassign(args) => &args.cadence_file,
            Command::Reopen(args) => &args.cadence_file,
            Command::Undo(args) => &args.cadence_file,
            Command::Delete(args) => &args.cadence_file,
            Command::Show(args) => &args.cadence_file,
            Command::List(args) => &args.cadence_file,
            Command::Backup(args) => &args.cadence_file,
            Command::Cadence(CadenceCommand::Show(args)) => &args.cadence_file,
            Command::Cadence(CadenceCommand::Check(args)) => &args.cadence_file,
            Command::Cadence(CadenceCommand::Init(args)) => &args.cadence_file,
            Command::Import(args) => &args.cadence_file,
            Command::Export(args) => &args.cadence_file,
            Command::Agenda(args) => &args.cadence_file,
            Command::Calendar(CalendarCommand::Show(args)) => &args.cadence_file,
            Command::Calendar(CalendarCommand::Import(args)) => &args.cadence_file,
            Command::Calendar(CalendarCommand::Clear(args)) => &args.cadence_file,
            Command::Away(args) => &args.cadence_file,
            Command::Value(ValueCommand::Add(args)) => &args.cadence_file,
            Command::Value(ValueCommand::List(args)) => &args.cadence_file,
            Command::Value(ValueCommand::Remove(args)) => &args.cadence_file,
            Command::Stats(args) => &args.cadence_file,
            Command::Script(args) => &args.cadence_file,
            Command::Why(args) => &args.cadence_file,
            Command::Team(TeamCommand::Init(args)) => &args.cadence_file,
            Command::Rep(RepCommand::Add(args)) => &args.cadence_file,
            Command::Rep(RepCommand::List(args)) => &args.cadence_file,
            Command::Rep(RepCommand::Deactivate(args)) => &args.cadence_file,
            Command::Rep(RepCommand::Edit(args)) => &args.cadence_file,
            Command::Audit(args) => &args.cadence_file,
            Command::Team(TeamCommand::Cadence(TeamCadenceCommand::Set(args))) => {
                &args.cadence_file
            }
            Command::Team(TeamCommand::Cadence(TeamCadenceCommand::Show(args))) => {
                &args.cadence_file
            }
            Command::Team(TeamCommand::ImportBook(args)) => &args.cadence_file,
        };
        file.path.as_ref()
    }
}

/// A value that may be given empty, to clear a field: `--prefers ""`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cleared<T>(pub Option<T>);

fn parse_preference(text: &str) -> Result<Cleared<Preference>, String> {
    if text.trim().is_empty() {
        return Ok(Cleared(None));
    }
    text.parse()
        .map(|value| Cleared(Some(value)))
        .map_err(|error: crate::domain::UnknownWord| error.to_string())
}

/// `yes` or `no`, for a flag that records whether something was agreed.
fn parse_yes_no(text: &str) -> Result<bool, String> {
    match text.trim().to_ascii_lowercase().as_str() {
        "yes" => Ok(true),
        "no" => Ok(false),
        _ => Err("say yes or no".to_string()),
    }
}

/// A step to write a message for. `promised` still parses, so that `script` can say what
/// became of it (old histories hold it), but is not offered: a promise no longer replaces the
/// step (cadence.md rule 1).
fn parse_step(text: &str) -> Result<Step, String> {
    text.parse()
        .map_err(|mut error: crate::domain::UnknownWord| {
            error
                .expected
                .retain(|word| *word != Step::Promised.as_str());
            error.to_string()
        })
}
