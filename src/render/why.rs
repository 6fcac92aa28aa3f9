//! `why` for people and for scripts: the explanation's lines, and its facts as JSON.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Serialize;

use super::sanitize::clean;
use super::{Width, table};
use crate::domain::{Prospect, Step};
use crate::explain::{Explanation, Line};

/// `why --json`.
#[derive(Debug, Clone, Serialize)]
pub struct WhyView {
    pub id: i64,
    pub name: String,
    pub cadence: String,
    /// The rule of cadence.md (1-7) that chose the next action.
    pub rule: u8,
    pub next: Option<NextView>,
    /// Attempts before the current run began, which no longer count.
    pub attempts_before_run: usize,
    pub touches: Vec<TouchView>,
    pub assistant_calls: Vec<NaiveDateTime>,
    pub unanswered: u32,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, Serialize)]
pub struct NextView {
    pub step: Step,
    pub due: NaiveDate,
    #[serde(serialize_with = "super::json::serialize_time")]
    pub time: Option<NaiveTime>,
    pub touch: Option<u32>,
}

/// One touch of the current run, as the engine counted it.
#[derive(Debug, Clone, Serialize)]
pub struct TouchView {
    pub date: NaiveDate,
    pub step: Step,
    pub attempts: u32,
    pub answered: bool,
}

impl WhyView {
    pub fn new(prospect: &Prospect, explanation: &Explanation) -> WhyView {
        let run = &explanation.run;
        WhyView {
            id: prospect.id,
            name: prospect.contact.name.clone(),
            cadence: prospect.cadence.clone(),
            rule: explanation.rule,
            next: explanation.next.as_ref().map(|next| NextView {
                step: next.step,
                due: next.due,
                time: next.time,
                touch: next.touch,
            }),
            attempts_before_run: run.before_run,
            touches: run
                .touches
                .iter()
                .map(|touch| TouchView {
                    date: touch.date,
                    step: touch.step,
                    attempts: touch.attempts,
                    answered: touch.answered,
                })
                .collect(),
            assistant_calls: run.assistant_calls.clone(),
            unanswered: run.unanswered,
            lines: explanation.lines.clone(),
        }
    }
}

/// One line per step of the reasoning, each led by the rule it applies, wrapped to `width`
/// with its continuation indented under the label.
pub fn render(view: &WhyView, width: Width) -> String {
    let heading = format!(
        "Why: {} (id {}), cadence {}",
        clean(&view.name),
        view.id,
        clean(&view.cadence)
    );
    let mut out = table::hanging(&heading, "", "  ", width);
    out.push('\n');
    for line in &view.lines {
        let text = format!("{}: {}", line.label, line.text);
        out.push_str(&table::hanging(&text, "  ", "    ", width));
        out.push('\n');
    }
    out
}
