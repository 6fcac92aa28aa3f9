//! `assign PROSPECT REP` and `assign --round-robin`: a manager gives files of a team book to
//! reps.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::cli::args::AssignArgs;
use crate::cli::session::Session;
use crate::error::{Error, Result};
use crate::render::sanitize::clean;
use crate::render::{json, plural};
use crate::tracker::Assigned;

/// One file given, as `--json` prints it.
#[derive(Serialize)]
struct AssignedView<'a> {
    id: i64,
    name: &'a str,
    owner: &'a str,
    /// The email of the rep who held it before; null: the pool.
    previous_owner: Option<&'a str>,
}

impl<'a> AssignedView<'a> {
    fn of(assigned: &'a Assigned) -> AssignedView<'a> {
        AssignedView {
            id: assigned.id,
            name: &assigned.name,
            owner: &assigned.to.email,
            previous_owner: assigned.from.as_ref().map(|rep| rep.email.as_str()),
        }
    }
}

pub fn run(args: AssignArgs, session: Session) -> Result<String> {
    let mut tracker = session.tracker()?;
    if args.round_robin {
        // The draw among equally loaded reps is seeded here, at the edge: the library draws
        // nothing of its own. The process id differs from one run to the next.
        let mut ties = fastrand::Rng::with_seed(u64::from(std::process::id()));
        let assigned = tracker.assign_round_robin(&mut ties)?;
        if args.json {
            return Ok(json::to_string(
                &assigned.iter().map(AssignedView::of).collect::<Vec<_>>(),
            ));
        }
        return Ok(shared_out(&assigned));
    }
    let (Some(prospect), Some(rep)) = (args.prospect, args.rep) else {
        return Err(Error::Invalid(
            "give a prospect and a rep (`followup assign 7 mia@example.com`), or \
             --round-robin to share out the pool"
                .into(),
        ));
    };
    // A team book and a manager first: that says more than a prospect not found.
    tracker.manager("assign")?;
    let id = tracker.resolve(&prospect)?;
    let assigned = tracker.assign(id, &rep)?;
    if args.json {
        return Ok(json::to_string(&AssignedView::of(&assigned)));
    }
    let to = format!(
        "{} ({})",
        clean(&assigned.to.name),
        clean(&assigned.to.email)
    );
    Ok(match &assigned.from {
        Some(from) if from.id == assigned.to.id => format!(
            "Prospect {id} ({}) is {to}'s already; nothing changed.\n",
            clean(&assigned.name)
        ),
        Some(from) => format!(
            "Gave prospect {id} ({}) to {to}; it was {}'s.\n",
            clean(&assigned.name),
            clean(&from.name)
        ),
        None => format!(
            "Gave prospect {id} ({}) to {to}, from the pool.\n",
            clean(&assigned.name)
        ),
    })
}

/// The summary of a round-robin: how many files each rep got, and which.
fn shared_out(assigned: &[Assigned]) -> String {
    if assigned.is_empty() {
        return "The pool has no open file to share out; nothing changed.\n".to_string();
    }
    let mut by_rep: BTreeMap<(String, String), Vec<i64>> = BTreeMap::new();
    for file in assigned {
        by_rep
            .entry((file.to.name.clone(), file.to.email.clone()))
            .or_default()
            .push(file.id);
    }
    let mut text = format!(
        "Shared {} of the pool among {}:\n",
        plural(assigned.len() as i64, "open file"),
        plural(by_rep.len() as i64, "rep")
    );
    for ((name, email), ids) in by_rep {
        let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
        text.push_str(&format!(
            "  {} ({}): {} ({})\n",
            clean(&name),
            clean(&email),
            plural(ids.len() as i64, "file"),
            ids.join(", ")
        ));
    }
    text
}
