//! The summary `import` ends with: what was added, what was skipped and why, and which
//! columns were not used.

use super::plural;
use super::sanitize::clean;
use crate::tracker::ImportReport;

pub fn render(report: &ImportReport, unknown_columns: &[String]) -> String {
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
    if skipped > 0 {
        out.push_str(&format!("Skipped {skipped}:\n"));
        for (reason, count) in &report.skipped {
            out.push_str(&format!("  {count} {reason}\n"));
        }
    }
    if !unknown_columns.is_empty() {
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
