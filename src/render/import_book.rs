//! What `team import-book` did, as a few sentences.

use super::sanitize::clean;
use super::{Width, plural, table};
use crate::tracker::BookImport;

pub fn render(report: &BookImport, width: Width) -> String {
    let mut out = table::indented(
        &clean(&format!(
            "Copied {} from {} to {} <{}>, with {} and {}.",
            plural(report.added.len() as i64, "prospect"),
            report.file,
            report.owner.name,
            report.owner.email,
            plural(report.attempts as i64, "attempt"),
            plural(report.value_items as i64, "value item"),
        )),
        "",
        width,
    );
    out.push('\n');
    if report.days_away > 0 {
        let line = format!(
            "The book's days away are {}'s now: {} more, which their files skip.",
            report.owner.name,
            plural(report.days_away as i64, "day")
        );
        out.push_str(&table::indented(&clean(&line), "", width));
        out.push('\n');
    }
    if !report.skipped.is_empty() {
        out.push_str(&format!(
            "Skipped {} already on file:\n",
            plural(report.skipped.len() as i64, "prospect")
        ));
        for skipped in &report.skipped {
            let line = format!(
                "{} (book id {}): the same {} as prospect {} ({}) on file",
                skipped.name,
                skipped.book_id,
                skipped.matched_by,
                skipped.matched_id,
                skipped.matched_name
            );
            out.push_str(&table::hanging(&clean(&line), "  - ", "    ", width));
            out.push('\n');
        }
    }
    out
}
