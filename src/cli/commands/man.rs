//! The manual: a page for `followup` and one per command (`followup-add(1)`, ...), from the
//! same definitions as `--help`, each with the sections a man page is expected to have.
//! Needs neither the database nor the cadence file.

use std::path::Path;

use clap::CommandFactory;

use crate::cli::args::{Cli, ManArgs};
use crate::cli::output_file::{Existing, OutputFile};
use crate::error::{Error, Result};

/// `followup man [COMMAND...]` prints a page; `--output DIR` writes them all.
pub fn run(args: &ManArgs, db: Option<&Path>) -> Result<String> {
    let pages = pages();
    if let Some(dir) = &args.output {
        let db = match db {
            Some(path) => path.to_path_buf(),
            None => crate::cli::session::default_db_path()?,
        };
        return write_all(dir, &pages, &db);
    }
    let wanted = std::iter::once("followup")
        .chain(args.command.iter().map(String::as_str))
        .collect::<Vec<_>>()
        .join("-");
    pages
        .into_iter()
        .find(|page| page.name == wanted)
        .map(|page| page.text)
        .ok_or_else(|| {
            Error::Invalid(format!(
                "there is no manual page for `{}`; `followup --help` lists the commands",
                wanted.replace('-', " ")
            ))
        })
}

/// One manual page: its name (`followup-calendar-import`) and its roff text.
struct Page {
    name: String,
    text: String,
}

/// Every page, the main one first.
fn pages() -> Vec<Page> {
    let mut command = Cli::command().disable_help_subcommand(true);
    // Building gives each subcommand its display name (`followup-add`).
    command.build();
    let mut pages = Vec::new();
    collect(&command, &mut pages);
    pages
}

fn collect(command: &clap::Command, pages: &mut Vec<Page>) {
    let name = command
        .get_display_name()
        .unwrap_or_else(|| command.get_name())
        .to_string();
    pages.push(Page {
        text: render(command, &name),
        name,
    });
    for sub in command.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        collect(sub, pages);
    }
}

/// A page: clap_mangen's title, name, synopsis, description, options and commands, then the
/// examples kept as typed, and what every page shares.
fn render(command: &clap::Command, name: &str) -> String {
    let man = clap_mangen::Man::new(command.clone())
        .source(concat!("followup ", env!("CARGO_PKG_VERSION")))
        .manual("followup manual");
    let mut page = Vec::new();
    // Rendering into memory cannot fail for want of space; an error would leave the page
    // short, not panic.
    let _ = man.render_title(&mut page);
    let _ = man.render_name_section(&mut page);
    let _ = man.render_synopsis_section(&mut page);
    let _ = man.render_description_section(&mut page);
    if command.get_arguments().any(|arg| !arg.is_hide_set()) {
        let _ = man.render_options_section(&mut page);
    }
    if command.has_subcommands() {
        let _ = man.render_subcommands_section(&mut page);
    }
    let mut page = String::from_utf8_lossy(&page).into_owned();
    if let Some(after) = command.get_after_help() {
        let after = after.to_string();
        // The heading says what `--help`'s first line does ("Examples:"); keep one of them.
        let (heading, after) = match after.split_once('\n') {
            Some((first, rest)) if first.starts_with("Example") => ("EXAMPLES", rest.to_string()),
            _ => ("NOTES", after),
        };
        page.push_str(&format!(".SH {heading}\n.nf\n{}\n.fi\n", escape(&after)));
    }
    page.push_str(SHARED);
    page.push_str(&see_also(name));
    page
}

/// Text as roff shows it literally: backslashes and hyphens escaped, no line read as a
/// request.
fn escape(text: &str) -> String {
    text.lines()
        .map(|line| {
            let line = line.replace('\\', "\\e").replace('-', "\\-");
            if line.starts_with(['.', '\'']) {
                format!("\\&{line}")
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The sections every page has: where followup looks for its files, and what its exit
/// status means (cli.md).
const SHARED: &str = r".SH ENVIRONMENT
.TP
\fBFOLLOWUP_DB\fR
The database, as \fB\-\-db\fR: a file path or a postgres:// URL.
.TP
\fBFOLLOWUP_CADENCE\fR
The cadence file, as \fB\-\-cadence\fR.
.TP
\fBFOLLOWUP_NOW\fR
Pins the clock, as \fB\-\-now\fR: YYYY\-MM\-DD (09:00) or YYYY\-MM\-DDTHH:MM[:SS].
.TP
\fBTZ\fR
The zone of the system clock, unless cadence.toml sets [calendar] time_zone.
.TP
\fBCOLUMNS\fR
The width of tables and messages when the output is not a terminal (80 without it); on a
terminal, its own width.
.TP
\fBNO_COLOR\fR
Set to anything, turns off the only styling followup writes: the bold headings and
coloured prompts of \fBfollowup go\fR. Everything else is plain text.
.SH FILES
.TP
\fI~/.local/share/followup/followup.db\fR
The database (on Linux; the platform's data folder elsewhere), created on first use,
readable by its owner only.
.TP
\fI~/.config/followup/cadence.toml\fR
Your cadence file, if it exists; otherwise the built\-in one is used.
.SH EXIT STATUS
.TP
\fB0\fR
Success.
.TP
\fB1\fR
A failure of the machine: the database or a file could not be read or written.
.TP
\fB2\fR
Bad input: a usage error, an unknown or ambiguous prospect, a bad date, an invalid cadence
file, a refused change. The database is left exactly as it was.
";

/// The main page points at every command's page; a command's page points back.
fn see_also(name: &str) -> String {
    let others = if name == "followup" {
        "followup\\-add(1), followup\\-log(1), followup\\-today(1) and the other pages listed \
         under COMMANDS"
            .to_string()
    } else {
        "followup(1)".to_string()
    };
    format!(".SH SEE ALSO\n{others}\n")
}

/// `--output DIR`: every page as `DIR/NAME.1`, through the safe writer (never over the
/// database `db`; an older page of the same name is replaced, as a new version should).
fn write_all(dir: &Path, pages: &[Page], db: &Path) -> Result<String> {
    // A path for the message: bounded, with no control characters, as every written path.
    let shown =
        |path: &Path| crate::render::sanitize::clean(&crate::quote::path(path)).into_owned();
    if dir.exists() && !dir.is_dir() {
        return Err(Error::Invalid(format!(
            "{} is a file; --output takes the folder to write the pages into",
            shown(dir)
        )));
    }
    std::fs::create_dir_all(dir).map_err(|source| Error::Write {
        path: dir.to_path_buf(),
        source,
    })?;
    for page in pages {
        let path = dir.join(format!("{}.1", page.name));
        OutputFile::check(&path, db, Existing::Replace)?.write(&page.text)?;
    }
    Ok(format!(
        "Wrote {} manual pages to {}; read one with `man -l {}`.\n",
        pages.len(),
        shown(dir),
        shown(&dir.join("followup-log.1"))
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_has_a_page_with_the_shared_sections() {
        let pages = pages();
        let names: Vec<&str> = pages.iter().map(|page| page.name.as_str()).collect();
        for name in [
            "followup",
            "followup-add",
            "followup-calendar-import",
            "followup-undo",
        ] {
            assert!(names.contains(&name), "{name} in {names:?}");
        }
        for page in &pages {
            for section in [
                ".SH ENVIRONMENT",
                ".SH FILES",
                ".SH EXIT STATUS",
                ".SH NAME",
            ] {
                assert!(page.text.contains(section), "{} lacks {section}", page.name);
            }
        }
    }
}
