use crate::cli::args::JsonArg;
use crate::cli::session::Session;
use crate::error::Result;
use crate::render::view::ActionView;
use crate::render::{agenda, json};

pub fn run(args: JsonArg, session: Session) -> Result<String> {
    let mut tracker = session.tracker()?;
    let today = tracker.today();
    let now = tracker.now();
    let due = tracker.agenda()?;
    let views: Vec<ActionView> = due
        .iter()
        .map(|due| ActionView::new(due, tracker.config(), now))
        .collect();
    if args.json {
        return Ok(json::to_string(&views));
    }
    if views.is_empty() {
        let next = tracker
            .next_after_today()?
            .map(|due| ActionView::new(&due, tracker.config(), now));
        let any_prospect = next.is_some() || tracker.store().reader().has_prospects()?;
        return Ok(agenda::render_empty(today, next.as_ref(), any_prospect));
    }
    Ok(agenda::render(today, &views))
}
