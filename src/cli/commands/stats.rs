use crate::cli::args::StatsArgs;
use crate::cli::session::Session;
use crate::error::Result;
use crate::render::{json, stats};

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
    let tracker = session.tracker()?;
    let report = tracker.stats(since, until)?;
    Ok(if args.json {
        json::to_string(&report)
    } else {
        stats::render(&report, width)
    })
}
