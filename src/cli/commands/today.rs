use crate::cli::args::TodayArgs;
use crate::cli::session::Session;
use crate::error::Result;
use crate::render::view::ActionView;
use crate::render::{Width, agenda, capacity, day, json};
use crate::tracker::Fresh;

pub fn run(args: TodayArgs, session: Session) -> Result<String> {
    let width = session.width;
    // The whole command reads fresh due dates: recomputed under a changed cadence file, they
    // are kept only if it succeeds.
    session
        .tracker()?
        .fresh(|tracker| today(args, tracker, width))
}

fn today(args: TodayArgs, tracker: &Fresh<'_>, width: Width) -> Result<String> {
    let today = tracker.today();
    let now = tracker.now();
    let (due, moved, limits) = if args.all {
        (tracker.agenda()?, Vec::new(), tracker.limits())
    } else {
        let morning = tracker.morning()?;
        (morning.kept, morning.moved, morning.limits)
    };
    let views: Vec<ActionView> = due
        .iter()
        .map(|due| ActionView::new(due, tracker.config(), now))
        .collect();
    if args.json {
        return Ok(json::to_string(&views));
    }
    let mut notes = Vec::new();
    if tracker.config().calendar.is_away(today) {
        let back = tracker.config().calendar.roll_forward(today);
        // What is listed was due before you left: nothing new comes due while you are out.
        notes.push(if views.is_empty() {
            format!(
                "You are marked away today; nothing is scheduled before {}.",
                day(back)
            )
        } else {
            format!(
                "You are marked away today; nothing new comes due before {}, and what is \
                 below was due before you left.",
                day(back)
            )
        });
    }
    if !moved.is_empty() {
        notes.push(capacity::note(moved.len(), &limits));
    }
    if views.is_empty() && moved.is_empty() {
        let next = tracker
            .next_after_today()?
            .map(|due| ActionView::new(&due, tracker.config(), now));
        let any_prospect = next.is_some() || tracker.store().reader().has_prospects()?;
        let text = agenda::render_empty(today, next.as_ref(), any_prospect, width);
        return Ok(text + &capacity::notes(&notes, width));
    }
    let mut text = capacity::under_header(&agenda::render(today, &views, width), &notes, width);
    if !moved.is_empty() {
        text.push_str(&capacity::moved(&moved, today, width));
    }
    Ok(text)
}
