use std::path::Path;

use crate::cli::args::{CalendarClearArgs, CalendarCommand, CalendarImportArgs, CalendarShowArgs};
use crate::cli::session::Session;
use crate::error::{Error, Result};
use crate::holidays;
use crate::render::calendar::{self, CalendarView};
use crate::render::sanitize::clean;
use crate::render::{day, json, plural};

pub fn run(command: CalendarCommand, session: Session) -> Result<String> {
    match command {
        CalendarCommand::Show(args) => show(args, session),
        CalendarCommand::Import(args) => import(args, session),
        CalendarCommand::Clear(args) => clear(args, session),
    }
}

fn show(args: CalendarShowArgs, session: Session) -> Result<String> {
    let tracker = session.tracker()?;
    let year = tracker.calendar_year(args.year.unwrap_or(tracker.this_year()))?;
    let config = tracker.config();
    let view = CalendarView::new(
        &year,
        config.calendar.workdays(),
        &config.holiday_lists,
        config.max_touches_per_day,
    );
    Ok(if args.json {
        json::to_string(&view)
    } else {
        calendar::render(&view)
    })
}

fn import(args: CalendarImportArgs, session: Session) -> Result<String> {
    let path = &args.file;
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.clone(),
        source,
    })?;
    let shown = clean(&crate::quote::path(path)).into_owned();
    let text = String::from_utf8(bytes).map_err(|_| Error::HolidayFile {
        file: shown.clone(),
        source: holidays::IcsError {
            line: None,
            message: "not UTF-8 text; an iCalendar file is UTF-8".into(),
        },
    })?;
    let file = holidays::read(&text).map_err(|source| Error::HolidayFile {
        file: shown.clone(),
        source,
    })?;
    let source = file_name(path);
    let mut tracker = session.tracker()?;
    let report = tracker.import_holidays(&source, file, args.dry_run)?;
    let holidays = &report.file.holidays;
    let mut out = match (holidays.first(), holidays.last()) {
        (Some(first), Some(last)) => format!(
            "{} {} from {shown}, {} to {}",
            if args.dry_run {
                "Would import"
            } else {
                "Imported"
            },
            plural(holidays.len() as i64, "holiday"),
            day(first.date),
            day(last.date)
        ),
        _ => format!("{shown} holds no all-day events: nothing to import"),
    };
    if report.replaced > 0 {
        out.push_str(&format!(
            ", replacing the {} imported before from a file named {}",
            plural(report.replaced as i64, "holiday"),
            clean(&source)
        ));
    }
    out.push_str(".\n");
    for note in &report.file.skipped {
        out.push_str(&format!("Note: {}.\n", clean(note)));
    }
    if args.dry_run {
        out.push_str("Nothing was written (--dry-run).\n");
    } else {
        out.push_str(&moved_line(report.moved));
    }
    Ok(out)
}

fn clear(args: CalendarClearArgs, session: Session) -> Result<String> {
    let mut tracker = session.tracker()?;
    let change = tracker.clear_holidays(args.name.as_deref())?;
    let from = match &args.name {
        Some(name) => format!(" imported from {}", clean(name)),
        None => " imported".to_string(),
    };
    Ok(format!(
        "Forgot {}{from}.\n{}",
        plural(change.days as i64, "holiday"),
        moved_line(change.moved)
    ))
}

/// The name holidays are kept under: the file's own name, without its folder.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// How many prospects' next actions the change of calendar moved.
pub fn moved_line(moved: usize) -> String {
    match moved {
        0 => "No prospect's next action moved.\n".to_string(),
        moved => format!(
            "The next action of {} moved; `followup agenda` shows the new dates.\n",
            plural(moved as i64, "prospect")
        ),
    }
}
