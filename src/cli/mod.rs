//! The command-line front end: parse, call the tracker, print. The clock reading comes in
//! from `main`; nothing here reads the system clock.

mod args;
mod commands;
mod confirm;
mod output;
mod output_file;
mod session;
mod signature;
mod team_args;

use std::ffi::OsString;
use std::process::ExitCode;

use chrono::NaiveDateTime;
use clap::Parser;
use clap::error::ErrorKind;

pub use args::Cli;
use session::Session;

/// Runs one command line. `system_clock` reads the system clock, used unless `--now` or
/// `FOLLOWUP_NOW` pins the time. Returns the exit status of cli.md.
pub fn run(
    arguments: impl IntoIterator<Item = OsString>,
    system_clock: fn() -> NaiveDateTime,
) -> ExitCode {
    let arguments: Vec<OsString> = arguments.into_iter().collect();
    // `followup` alone is someone finding their way: show them around, successfully.
    if arguments.len() <= 1 {
        use clap::CommandFactory;
        return output::print(&Cli::command().render_help().to_string());
    }
    let cli = match Cli::try_parse_from(arguments) {
        Ok(cli) => cli,
        Err(error) => return clap_exit(&error),
    };
    let warnings = output::Warnings::default();
    let prose = says_what_it_did(&cli.command);
    let result = match commands::without_session(&cli) {
        Some(result) => result,
        None => Session::new(&cli, system_clock, warnings.clone(), output::width())
            .and_then(|session| commands::run(cli.command, session)),
    };
    match result {
        Ok(text) => {
            // JSON is never wrapped: a line break inside a string would break it when copied.
            let text = if prose && !text.starts_with(['{', '[']) {
                output::prose(text)
            } else {
                text
            };
            // After the output, and only if it could be written: a failure is one line.
            let status = output::print(&text);
            if status == ExitCode::SUCCESS {
                warnings.flush();
            }
            status
        }
        // A streaming command whose reader went away: quiet, as `print` is.
        Err(crate::error::Error::OutputClosed) => {
            warnings.flush();
            ExitCode::SUCCESS
        }
        Err(error) => {
            output::error(&error.to_string());
            ExitCode::from(error.exit_code())
        }
    }
}

/// The commands whose output is sentences about what they did, which wrap at spaces on a
/// terminal (see [`output::prose`]). The others print tables and messages already fitted to
/// the width, or text to copy as it is: JSON, CSV, TOML, SQL, a script to read out.
fn says_what_it_did(command: &args::Command) -> bool {
    use args::{Command, RepCommand, TeamCadenceCommand, TeamCommand, ValueCommand};
    match command {
        Command::Add(_)
        | Command::Log(_)
        | Command::Assign(_)
        | Command::Reassign(_)
        | Command::Close(_)
        | Command::Undo(_)
        | Command::Delete(_)
        | Command::Reopen(_)
        | Command::Edit(_)
        | Command::Backup(_)
        | Command::Import(_)
        | Command::Away(_) => true,
        Command::Value(value) => !matches!(value, ValueCommand::List(_)),
        Command::Team(team) => !matches!(team, TeamCommand::Cadence(TeamCadenceCommand::Show(_))),
        Command::Rep(rep) => matches!(rep, RepCommand::Deactivate(_) | RepCommand::Edit(_)),
        _ => false,
    }
}

/// Help and version go to stdout with status 0. Usage errors become the one `error:` line of
/// cli.md, with a pointer to the help, and status 2.
fn clap_exit(error: &clap::Error) -> ExitCode {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            output::print(&error.render().to_string())
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            eprint!("{}", error.render());
            ExitCode::from(2)
        }
        _ => {
            // clap's first paragraph is the message; the rest (usage, tips) is left to --help.
            let rendered = error.render().to_string();
            let message = rendered
                .lines()
                .take_while(|line| !line.trim().is_empty())
                .map(str::trim)
                .collect::<Vec<_>>()
                .join(" ");
            let message = message.trim_start_matches("error:").trim();
            let message = shorten_quoted(message);
            output::error(&format!(
                "{message} (see `{} --help`)",
                command_path(&rendered)
            ));
            ExitCode::from(2)
        }
    }
}

/// The command a usage error is about, read from clap's usage line (`followup log`), so the
/// hint points at the help that answers it.
fn command_path(rendered: &str) -> String {
    rendered
        .lines()
        .find_map(|line| line.trim().strip_prefix("Usage: "))
        .map(|usage| {
            usage
                .split_whitespace()
                .take_while(|word| !word.starts_with(['[', '<', '-']))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|path| !path.is_empty())
        .unwrap_or_else(|| "followup".to_string())
}

/// clap quotes the value it refuses in full; a long one is cut as every error of ours cuts
/// it (`crate::quote`).
fn shorten_quoted(message: &str) -> String {
    let parts: Vec<&str> = message.split('\'').collect();
    // Odd-numbered parts lie between a pair of quotes; a last quote without its pair stays.
    let mut out = String::with_capacity(message.len().min(1_000));
    for (index, part) in parts.iter().enumerate() {
        match index {
            0 => out.push_str(part),
            index if index % 2 == 1 && index + 1 < parts.len() => {
                out.push_str(&crate::quote::quoted(part))
            }
            index if index % 2 == 1 => {
                out.push('\'');
                out.push_str(part);
            }
            _ => out.push_str(part),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn long_values_clap_quotes_are_cut() {
        let long = "x".repeat(500);
        let message = format!("invalid value '{long}' for '--channel <CHANNEL>'");
        let short = super::shorten_quoted(&message);
        assert!(short.starts_with(&format!(
            "invalid value '{}…' (500 characters)",
            "x".repeat(80)
        )));
        assert!(short.ends_with("for '--channel <CHANNEL>'"));
        assert_eq!(super::shorten_quoted("it's"), "it's");
    }
}
