use crate::cli::args::UndoArgs;
use crate::cli::confirm::confirm;
use crate::cli::session::Session;
use crate::domain::Attempt;
use crate::error::Result;
use crate::render::day;
use crate::render::sanitize::clean;
use crate::tracker::{FileAfterUndo, Tracker, Undone};

pub fn run(args: UndoArgs, session: Session) -> Result<String> {
    let mut tracker = session.tracker()?;
    // Closing a file by mistake is the other slip `undo` is for: when it was the last change,
    // it is what goes, not the attempt before it.
    if let Some(closed) = tracker.close_to_undo()? {
        let what = format!(
            "reopen {} (prospect {}), closed {}, as it was before",
            clean(&closed.contact.name),
            closed.id,
            closed
                .closed
                .as_ref()
                .map_or_else(String::new, |closure| format!(
                    "{} as {}",
                    closure.at.format("%a %Y-%m-%d %H:%M"),
                    closure.reason
                )),
        );
        if !confirm(&what, args.yes)? {
            return Ok("Nothing was changed.\n".to_string());
        }
        let prospect = tracker.undo_close(closed.id)?;
        return Ok(format!(
            "Took back the close of {} (prospect {}): the file is active again.\n{}",
            clean(&prospect.contact.name),
            prospect.id,
            next_line(&tracker, prospect.id)?
        ));
    }
    let Some(plan) = tracker.undo_plan()? else {
        return Ok("Nothing to undo: no attempt is logged.\n".to_string());
    };
    let what = format!(
        "remove {} with {} (prospect {}), logged {}",
        describe(&plan.last.attempt),
        clean(&plan.prospect.contact.name),
        plan.prospect.id,
        plan.last.logged_at.format("%a %Y-%m-%d %H:%M")
    );
    if !confirm(&what, args.yes)? {
        return Ok("Nothing was removed.\n".to_string());
    }
    let undone = tracker.undo(plan.last.attempt.id)?;
    said(&tracker, &undone)
}

/// What `undo` says it did: the attempt removed, what became of the file, and its next
/// action now. `go` says the same when its `u` takes back an entry.
pub(super) fn said(tracker: &Tracker, undone: &Undone) -> Result<String> {
    let id = undone.prospect.id;
    let mut out = format!(
        "Removed {} with {} (prospect {id}).\n",
        describe(&undone.attempt),
        clean(&undone.prospect.contact.name)
    );
    out.push_str(match undone.file {
        FileAfterUndo::Untouched => "",
        FileAfterUndo::PutBack => "The file is back as it was before that attempt.\n",
        FileAfterUndo::ChangedSince => {
            "The file was closed or reopened since, so its status is left as it is.\n"
        }
        FileAfterUndo::Unknown => {
            "That attempt was logged by an older followup, which did not keep what it changed: \
             the file's status is left as it is (use `followup reopen` or `close` to fix it).\n"
        }
    });
    if undone.ground_rules_removed {
        out.push_str("The ground rules that attempt recorded are off the file again.\n");
    }
    out.push_str(&next_line(tracker, id)?);
    Ok(out)
}

/// "Next: follow-up on Fri 2026-11-27." for the file, once `undo` has put it back.
fn next_line(tracker: &Tracker, id: i64) -> Result<String> {
    Ok(match tracker.dossier(id)?.next {
        Some(next) => format!("Next: {} on {}.\n", next.action.step, day(next.action.due)),
        None => "Nothing is planned for this file.\n".to_string(),
    })
}

/// "the call (voicemail) of Mon 2026-11-30 09:00".
fn describe(attempt: &Attempt) -> String {
    format!(
        "the {} ({}) of {}",
        attempt.channel,
        attempt.outcome,
        attempt.at.format("%a %Y-%m-%d %H:%M")
    )
}
