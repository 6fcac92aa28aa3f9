use crate::cli::args::JsonArg;
use crate::cli::session::Session;
use crate::error::Result;
use crate::render::view::ActionView;
use crate::render::{agenda, json};

pub fn run(args: JsonArg, session: Session) -> Result<String> {
    let tracker = session.tracker()?;
    let today = tracker.today();
    let now = tracker.now();
    let view = |due: &crate::tracker::Due| {
        ActionView::new(&due.prospect, &due.action, tracker.config(), now)
    };
    let views: Vec<ActionView> = tracker.agenda()?.iter().map(view).collect();
    if args.json {
        return Ok(json::to_string(&views));
    }
    if views.is_empty() {
        let next = tracker.next_after_today()?;
        let any_prospect = next.is_some() || !tracker.store().reader().names()?.is_empty();
        return Ok(agenda::render_empty(
            today,
            next.as_ref().map(view).as_ref(),
            any_prospect,
        ));
    }
    Ok(agenda::render(today, &views))
}
