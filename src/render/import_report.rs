//! The summary `import` ends with: what was added, what was skipped and why, and which
//! columns were not used.

use super::plural;
use super::sanitize::clean;
use crate::channel;
use crate::tracker::ImportReport;
use crate::transfer::Skip;

/// How many skipped prospects a dry run lists one by one; the counts by reason cover all.
const LISTED: usize = crate::tracker::NAMED_SKIPS;

/// The one warning line about imported prospects whose preferred channel lacks its detail;
/// `None` when there are none.
pub fn unusable_preferences(report: &ImportReport) -> Option<String> {
    /// How many are named before "and N more".
    const NAMED: usize = crate::tracker::NAMED_PREFERENCES;
    let count = report.unusable_count;
    if count == 0 {
        return None;
    }
    let mut named: Vec<String> = report
        .unusable_preferences
        .iter()
        .take(NAMED)
        .map(|(name, preference)| {
            let detail = match channel::needs(*preference) {
                "email" => "address",
                _ => "phone",
            };
            format!("{} ({preference}, no {detail})", clean(name))
        })
        .collect();
    if count > NAMED {
        named.push(format!("{} more", count - NAMED));
    }
    let verb = if count == 1 { "prefers" } else { "prefer" };
    Some(format!(
        "{} {verb} a channel with no detail on file: {}; followup suggests another channel \
         until you add one with `followup edit ID --phone ...` or `--email ...`",
        plural(count as i64, "imported prospect"),
        named.join(", ")
    ))
}

/// `kept_unknown`: `--keep-unknown` was given, so the unknown columns went to the notes.
pub fn render(report: &ImportReport, unknown_columns: &[String], kept_unknown: bool) -> String {
    let attempts = match report.attempts {
        0 => String::new(),
        n => format!(" with {}", plural(n as i64, "attempt")),
    };
    let prospects = plural(report.added as i64, "prospect");
    let mut out = if report.dry_run {
        format!("Dry run: would add {prospects}{attempts}. Nothing was written.\n")
    } else {
        format!("Added {prospects}{attempts}.\n")
    };
    let skipped = report.skipped_total();
    if skipped > 0 && report.dry_run {
        // A dry run is where rows get fixed before the real import: name each one.
        out.push_str(&format!("Would skip {skipped}:\n"));
        for row in report.skipped_rows.iter().take(LISTED) {
            let place = match row.row {
                Some(number) => format!("row {number}"),
                None => format!("prospect {}", row.number),
            };
            out.push_str(&format!("  {place}: {}: {}\n", clean(&row.name), row.skip));
        }
        let named = report.skipped_prospects();
        if named > LISTED {
            out.push_str(&format!("  ... and {} more\n", named - LISTED));
        }
        if let Some(blank) = report.skipped.get(&Skip::Blank) {
            out.push_str(&format!("  {}\n", plural(*blank as i64, "blank row")));
        }
    } else if skipped > 0 {
        out.push_str(&format!("Skipped {skipped}:\n"));
        for (reason, count) in &report.skipped {
            out.push_str(&format!("  {count} {reason}\n"));
        }
    }
    if !unknown_columns.is_empty() && kept_unknown {
        let names: Vec<String> = unknown_columns
            .iter()
            .map(|name| clean(name).into_owned())
            .collect();
        out.push_str(&format!(
            "Kept in each prospect's note: {} {}.\n",
            if names.len() == 1 {
                "column"
            } else {
                "columns"
            },
            names.join(", ")
        ));
    } else if !unknown_columns.is_empty() {
        let names: Vec<String> = unknown_columns
            .iter()
            .map(|name| clean(name).into_owned())
            .collect();
        out.push_str(&format!(
            "Not imported: {} {}. Keep them in the note with --keep-unknown, or use \
             --map COLUMN=FIELD.\n",
            if names.len() == 1 {
                "column"
            } else {
                "columns"
            },
            names.join(", ")
        ));
    }
    out
}
