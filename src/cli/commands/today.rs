use std::collections::{BTreeMap, HashMap};

use crate::cli::args::TodayArgs;
use crate::cli::output::Warnings;
use crate::cli::session::Session;
use crate::cli::signature;
use crate::domain::Rep;
use crate::error::Result;
use crate::render::by_rep::{self, Holder, OwnedAction};
use crate::render::view::ActionView;
use crate::render::{Width, agenda, capacity, day, json};
use crate::tracker::Fresh;

pub fn run(args: TodayArgs, session: Session) -> Result<String> {
    let width = session.width;
    let warnings = session.warnings();
    let mut tracker = session.tracker()?;
    if args.team {
        // Managers only; refused before anything is read or written.
        tracker.whole_team()?;
    }
    // The whole command reads fresh due dates: recomputed under a changed cadence file, they
    // are kept only if it succeeds.
    tracker.fresh(|tracker| today(args, tracker, width, &warnings))
}

fn today(
    args: TodayArgs,
    tracker: &Fresh<'_>,
    width: Width,
    warnings: &Warnings,
) -> Result<String> {
    let today = tracker.today();
    let now = tracker.now();
    // A team's whole list is every action due: the daily capacity is each rep's own.
    let (due, moved, limits) = if args.all || args.team {
        (tracker.agenda()?, Vec::new(), tracker.limits())
    } else {
        let morning = tracker.morning()?;
        (morning.kept, morning.moved, morning.limits)
    };
    let views: Vec<ActionView> = due
        .iter()
        .map(|due| ActionView::new(due, tracker.config_for(&due.prospect), now))
        .collect();
    // The team's list carries no messages; a rep's and a salesperson's do.
    if !args.team && !views.is_empty() {
        warnings.extend(signature::warning(tracker.config()));
    }
    // On a team book each action has a holder (none: the pool); a personal book has none.
    let owners = if tracker.is_team_book()? {
        Some(tracker.owners_due(&due)?)
    } else {
        None
    };
    if args.json {
        return Ok(match &owners {
            Some(owners) => json::to_string(
                &views
                    .iter()
                    .map(|view| OwnedAction {
                        action: view,
                        owner: owners.get(&view.id).map(String::as_str),
                    })
                    .collect::<Vec<_>>(),
            ),
            None => json::to_string(&views),
        });
    }
    if let (true, Some(owners)) = (args.team, &owners) {
        let reps = tracker.team()?.unwrap_or_default();
        return Ok(by_rep::render_team(
            today,
            &grouped(views, &reps, owners),
            width,
        ));
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
    if let Some(owners) = &owners {
        let pool: Vec<i64> = views
            .iter()
            .map(|view| view.id)
            .filter(|id| !owners.contains_key(id))
            .collect();
        notes.extend(by_rep::pool_note(&pool));
    }
    if views.is_empty() && moved.is_empty() {
        let next = tracker
            .next_after_today()?
            .map(|due| ActionView::new(&due, tracker.config_for(&due.prospect), now));
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

/// The actions by the rep who holds each file, reps by name, the pool last; each group in the
/// order of the list.
fn grouped(
    views: Vec<ActionView>,
    reps: &[Rep],
    owners: &HashMap<i64, String>,
) -> Vec<(Holder, Vec<ActionView>)> {
    let names: HashMap<&str, &str> = reps
        .iter()
        .map(|rep| (rep.email.as_str(), rep.name.as_str()))
        .collect();
    let mut by_rep: BTreeMap<(String, String), Vec<ActionView>> = BTreeMap::new();
    let mut pool = Vec::new();
    for view in views {
        match owners.get(&view.id) {
            Some(email) => {
                let name = names.get(email.as_str()).copied().unwrap_or(email);
                by_rep
                    .entry((name.to_lowercase(), email.clone()))
                    .or_default()
                    .push(view);
            }
            None => pool.push(view),
        }
    }
    let mut groups: Vec<(Holder, Vec<ActionView>)> = by_rep
        .into_iter()
        .map(|((_, email), views)| {
            let name = names
                .get(email.as_str())
                .copied()
                .unwrap_or(&email)
                .to_string();
            (Some((name, email)), views)
        })
        .collect();
    if !pool.is_empty() {
        groups.push((None, pool));
    }
    groups
}
