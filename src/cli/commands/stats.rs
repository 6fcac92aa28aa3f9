use crate::cli::args::StatsArgs;
use crate::cli::session::Session;
use crate::error::Result;
use crate::render::{json, stats};
use crate::stats::{ItemTally, Stats};

pub fn run(args: StatsArgs, session: Session) -> Result<String> {
    let since = args
        .since
        .as_deref()
        .map(|text| session.parse_date("--since", text))
        .transpose()?;
    let until = args
        .until
        .as_deref()
        .map(|text| session.parse_date("--until", text))
        .transpose()?;
    let width = session.width;
    let mut tracker = session.tracker()?;
    if args.by_rep {
        return super::stats_by_rep::run(&mut tracker, since, until, args.json, width);
    }
    let report = tracker.stats(since, until)?;
    let value_items = tracker.value_stats(since, until)?;
    Ok(if args.json {
        json::to_string(&WithValueItems {
            stats: &report,
            value_items: &value_items,
        })
    } else {
        let mut text = stats::render(&report, width);
        text.push_str(&stats::render_value_items(&value_items, width));
        text
    })
}

/// `stats --json`: every figure, and the value items ranked by reply rate.
#[derive(serde::Serialize)]
struct WithValueItems<'a> {
    #[serde(flatten)]
    stats: &'a Stats,
    value_items: &'a [ItemTally],
}
