//! `stats` for a person: tables of reply rates, the rescue against its claim, and bar charts.

use super::fit::{self, Fit};
use super::sanitize::clean;
use super::{Width, chart, day, plural, table};
use crate::domain::Step;
use crate::stats::{ItemTally, Stats, Tally, Verdict};

/// "40%", or "-" when nothing was sent.
fn percent(tally: &Tally) -> String {
    tally
        .reply_rate()
        .map(|rate| format!("{:.0}%", rate * 100.0))
        .unwrap_or_else(|| "-".to_string())
}

fn tally_table(first: &str, rows: Vec<(String, Tally)>, width: Width) -> String {
    let rows: Vec<Vec<String>> = rows
        .into_iter()
        .map(|(label, tally)| {
            vec![
                label,
                tally.touches.to_string(),
                tally.answered.to_string(),
                percent(&tally),
            ]
        })
        .collect();
    fit::rows(
        width,
        &[
            (first, Fit::Whole),
            ("Touches", Fit::Whole),
            ("Answered", Fit::Whole),
            ("Reply rate", Fit::Wrap(5)),
        ],
        &rows,
    )
}

/// A sentence of the report on lines of its own, wrapped to `width`.
fn sentence(text: &str, width: Width) -> String {
    let mut out = table::indented(text, "", width);
    out.push('\n');
    out
}

/// `stats` for a person, its sentences wrapped to `width`.
pub fn render(stats: &Stats, width: Width) -> String {
    let since = stats
        .since
        .map(day)
        .unwrap_or_else(|| "the beginning".to_string());
    let mut out = sentence(
        &format!(
            "From {since} to {} (see `followup stats --help` for how each figure is counted).",
            day(stats.until)
        ),
        width,
    );
    out.push('\n');
    out.push_str(&sentence(
        &format!(
            "Touches: {}, answered {} ({}).",
            stats.total.touches,
            stats.total.answered,
            percent(&stats.total)
        ),
        width,
    ));
    if stats.assistant.touches > 0 {
        out.push_str(&sentence(
            &format!(
                "Calls through the assistant: {}, {} followed by an answer; they are not \
                 touches, so neither table below counts them.",
                stats.assistant.touches, stats.assistant.answered
            ),
            width,
        ));
    }
    out.push('\n');

    // `close` is not a step anyone plans to touch on; show it only if someone did.
    let steps = stats
        .by_step
        .iter()
        // `close` is paperwork, `promised` only in histories made before a promise kept the
        // step (cadence.md rule 1), and `drip` only for those who keep lost deals on the
        // drip: shown when something was counted under them.
        .filter(|row| {
            !matches!(row.step, Step::Close | Step::Promised | Step::Drip) || row.tally.touches > 0
        })
        .map(|row| (row.step.to_string(), row.tally))
        .collect();
    out.push_str(&format!(
        "By step\n{}\n\n",
        tally_table("Step", steps, width)
    ));
    let channels = stats
        .by_channel
        .iter()
        .map(|row| (row.channel.to_string(), row.tally))
        .collect();
    out.push_str(&format!(
        "By channel\n{}\n\n",
        tally_table("Channel", channels, width)
    ));

    out.push_str(&sentence(&rescue(stats), width));
    out.push('\n');
    out.push_str(&sentence(
        "Touches to the first response (runs of a prospect, by the touch answered first)",
        width,
    ));
    let first = &stats.first_response;
    if first.after_touches.is_empty() {
        out.push_str("  no first response in this period\n");
    } else {
        let rows: Vec<(String, u32)> = first
            .after_touches
            .iter()
            .map(|bucket| (plural(i64::from(bucket.touches), "touch"), bucket.runs))
            .collect();
        out.push_str(&chart::rows(&rows));
    }
    out.push_str(&format!(
        "  no response: {}\n",
        plural(i64::from(first.without_response), "run")
    ));

    let promises = &stats.promises;
    let settled = promises.kept + promises.missed;
    let kept_share = if settled > 0 {
        format!(
            " ({:.0}% kept)",
            f64::from(promises.kept) * 100.0 / f64::from(settled)
        )
    } else {
        String::new()
    };
    out.push('\n');
    out.push_str(&sentence(
        &format!(
            "Promised callbacks: {} kept, {} missed{kept_share}; {} overtaken by an earlier \
             attempt; {} still open.",
            promises.kept, promises.missed, promises.early, promises.open
        ),
        width,
    ));

    let closed: Vec<String> = stats
        .closed
        .iter()
        .filter(|row| row.files > 0)
        .map(|row| format!("{} {}", row.files, row.reason))
        .collect();
    out.push_str(&sentence(
        &format!(
            "Files closed: {}.",
            if closed.is_empty() {
                "none".to_string()
            } else {
                closed.join(", ")
            }
        ),
        width,
    ));

    out.push_str("\nTouches per week (weeks starting on)\n");
    let weeks: Vec<(String, u32)> = stats
        .weekly
        .iter()
        .map(|week| (day(week.week_of), week.touches))
        .collect();
    out.push_str(&chart::rows(&weeks));
    out
}

/// The rescue rate beside the claim, with the sample, and no verdict on too few rescues.
fn rescue(stats: &Stats) -> String {
    let check = &stats.rescue;
    let claimed = format!("{:.0}%", check.claimed_reply_rate * 100.0);
    let measured = format!(
        "Rescue messages: {} sent, {} answered ({})",
        check.tally.touches,
        check.tally.answered,
        percent(&check.tally)
    );
    match check.verdict {
        None => format!(
            "{measured}. The rescue advice claims about {claimed}; with fewer than {} rescues \
             sent, this says nothing either way.",
            check.min_sample
        ),
        Some(Verdict::Above) => format!("{measured}: above the {claimed} the advice claims."),
        Some(Verdict::AsClaimed) => format!("{measured}: the {claimed} the advice claims."),
        Some(Verdict::Below) => format!("{measured}: below the {claimed} the advice claims."),
    }
}

/// The value items carried in the period, best reply rate first; nothing when none was.
pub fn render_value_items(items: &[ItemTally], width: Width) -> String {
    if items.is_empty() {
        return String::new();
    }
    let rows: Vec<Vec<String>> = items
        .iter()
        .map(|item| {
            let retired = if item.retired { " (retired)" } else { "" };
            vec![
                format!("{} {}{retired}", item.kind, item.id),
                clean(&item.text).into_owned(),
                item.tally.touches.to_string(),
                item.tally.answered.to_string(),
                percent(&item.tally),
            ]
        })
        .collect();
    let mut out = String::from("\n");
    out.push_str(&sentence(
        "Value items by reply rate: keep what gets answered, rewrite what does not.",
        width,
    ));
    out.push_str(&fit::rows(
        width,
        &[
            ("Item", Fit::Whole),
            ("Text", Fit::Wrap(20)),
            ("Touches", Fit::Whole),
            ("Answered", Fit::Whole),
            ("Reply rate", Fit::Wrap(5)),
        ],
        &rows,
    ));
    out.push('\n');
    out
}
