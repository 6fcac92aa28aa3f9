//! `followup cadence init`: a cadence file of one's own, signed with one's details, written
//! where followup will find it.

use std::path::{Path, PathBuf};

use super::non_blank;
use crate::cli::args::CadenceInitArgs;
use crate::cli::output;
use crate::cli::output_file::{Existing, OutputFile};
use crate::cli::session::{default_db_path, user_cadence_path};
use crate::config::{Config, Me, Origin, starter_file};
use crate::error::{Error, Result};
use crate::render::sanitize::clean;
use crate::render::table;

pub fn run(args: &CadenceInitArgs, target: Option<PathBuf>, db: Option<&Path>) -> Result<String> {
    let me = Me {
        name: non_blank(args.name.clone()),
        company: non_blank(args.company.clone()),
        phone: non_blank(args.phone.clone()),
        email: non_blank(args.email.clone()),
    };
    let (path, found_unasked) = match target {
        Some(path) => (path, false),
        None => {
            let path = user_cadence_path().ok_or_else(|| {
                Error::Invalid(
                    "cannot find a home folder for the cadence file; pass --cadence PATH".into(),
                )
            })?;
            // The default folder is ours to make; a folder the user names must exist.
            if let Some(folder) = path.parent() {
                std::fs::create_dir_all(folder).map_err(|source| Error::Write {
                    path: folder.to_path_buf(),
                    source,
                })?;
            }
            (path, true)
        }
    };
    let db = match db {
        Some(db) => db.to_path_buf(),
        None => default_db_path()?,
    };
    let file = OutputFile::check(
        &path,
        &db,
        Existing::Refuse("edit it (`followup cadence check` checks it), or move it away first"),
    )?;
    let text = starter_file(&me);
    // The file must read back as written: a detail that breaks it is refused here, not on
    // tomorrow's `today`.
    Config::parse(&text, Origin::File(path.clone()))?;
    file.write(&text)?;
    let signed: Vec<&str> = [&me.name, &me.company, &me.phone, &me.email]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    // The default place is shown as people know it, `~/.config/...`, not as /home/jo/...
    let home = directories::BaseDirs::new().map(|dirs| dirs.home_dir().to_path_buf());
    let shown = match (found_unasked, home) {
        (true, Some(home)) => path.strip_prefix(&home).map_or_else(
            |_| file.shown(),
            |inside| format!("~/{}", clean(&inside.display().to_string())),
        ),
        _ => file.shown(),
    };
    let mut out = format!(
        "Wrote {shown}: the built-in rules, {}.\n",
        match signed.is_empty() {
            true => "with no details of yours yet".to_string(),
            false => format!("signed {}", signed.join(", ")),
        }
    );
    let missing: Vec<&str> = [
        ("name", &me.name),
        ("company", &me.company),
        ("phone", &me.phone),
    ]
    .into_iter()
    .filter(|(_, value)| value.is_none())
    .map(|(key, _)| key)
    .collect();
    if !missing.is_empty() {
        out.push_str(&format!(
            "Add your {} under [me] before your first call.\n",
            missing.join(" and ")
        ));
    }
    out.push_str(match found_unasked {
        true => "followup reads it from now on.\nRun `followup cadence check` after each edit.\n",
        false => {
            "Point followup at it with --cadence PATH or FOLLOWUP_CADENCE.\nRun `followup \
             cadence check` after each edit.\n"
        }
    });
    Ok(table::indented(&out, "", output::width()) + "\n")
}
