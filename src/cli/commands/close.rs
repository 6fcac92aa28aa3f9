use crate::cli::args::CloseArgs;
use crate::cli::session::Session;
use crate::domain::Status;
use crate::engine::Basis;
use crate::error::Result;
use crate::render::sanitize::clean;
use crate::render::{day, plural};
use crate::tracker::{CloseRequest, Recontact};

pub fn run(args: CloseArgs, session: Session) -> Result<String> {
    let recontact = match args.recontact.as_deref().map(str::trim) {
        None => Recontact::ByReason,
        Some(text) if text.eq_ignore_ascii_case("never") => Recontact::Never,
        Some(text) => Recontact::On(session.parse_date("--recontact", text)?),
    };
    let mut tracker = session.tracker()?;
    let id = tracker.resolve(&args.prospect)?;
    let was_closed = tracker.prospect(id)?.status == Status::Closed;
    let prospect = tracker.close(
        id,
        CloseRequest {
            reason: args.reason,
            recontact,
            note: args.note.filter(|note| !note.trim().is_empty()),
            drip: match (args.drip, args.no_drip) {
                (true, _) => Some(true),
                (_, true) => Some(false),
                _ => None,
            },
        },
    )?;
    let drip = tracker
        .dossier(prospect.id)?
        .next
        .and_then(|due| match due.action.basis {
            Basis::Drip { every, .. } => Some((every, due.action.due)),
            _ => None,
        });
    let again = match (tracker.recontact_day(&prospect), drip) {
        (Some(on), _) => format!(" It comes back on {} for another try.", day(on)),
        (None, Some((every, first))) => format!(
            " It goes on the drip: a value touch every {}, the first on {}; a reply reopens it.",
            plural(i64::from(every), "business day"),
            day(first)
        ),
        (None, None) => " No re-contact is planned.".to_string(),
    };
    if was_closed {
        // The one change close makes to a closed file: its re-contact date.
        return Ok(format!(
            "Prospect {} ({}) stays closed ({}).{again}\n",
            prospect.id,
            clean(&prospect.contact.name),
            args.reason
        ));
    }
    Ok(format!(
        "Closed prospect {}: {} ({}).{again}\n",
        prospect.id,
        clean(&prospect.contact.name),
        args.reason
    ))
}
