//! Value items as `value list` shows them, and the line the morning list and `show` give the
//! item a message carries (or the command that adds one when none is left).

use chrono::NaiveDateTime;
use serde::Serialize;

use super::sanitize::clean;
use super::view::ActionView;
use super::{Width, plural, table};
use crate::domain::{ValueFor, ValueItem, ValueKind};
use crate::quote;

/// One item, as `value list --json` gives it and as `today --json` / `show --json` give the
/// item of an action (`value`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValueView {
    pub id: i64,
    /// The prospect it is kept for; `null` for a topic's item.
    pub prospect: Option<i64>,
    /// The topic it is kept for; `null` for a prospect's own item.
    pub topic: Option<String>,
    pub kind: ValueKind,
    pub text: String,
    pub added_at: NaiveDateTime,
    pub retired_at: Option<NaiveDateTime>,
    /// With `value list PROSPECT`: a touch of theirs carried it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub carried: Option<bool>,
}

impl ValueView {
    pub fn new(item: &ValueItem) -> ValueView {
        let (prospect, topic) = match &item.owner {
            ValueFor::Prospect(id) => (Some(*id), None),
            ValueFor::Topic(topic) => (None, Some(topic.clone())),
        };
        ValueView {
            id: item.id,
            prospect,
            topic,
            kind: item.kind,
            text: item.text.clone(),
            added_at: item.added_at,
            retired_at: item.retired_at,
            carried: None,
        }
    }

    /// "for prospect 3", "for topic \"ergonomic chairs\"".
    fn owner(&self) -> String {
        match (&self.prospect, &self.topic) {
            (Some(id), _) => format!("for prospect {id}"),
            (None, Some(topic)) => format!("for topic {}", quote::quoted(topic)),
            (None, None) => String::new(),
        }
    }
}

/// `value list`: each item on its lines, its text wrapped under its heading.
pub fn render(views: &[ValueView], none: &str, width: Width) -> String {
    if views.is_empty() {
        return format!("{}\n", table::indented(none, "", width));
    }
    let mut out = format!("{}:\n", plural(views.len() as i64, "value item"));
    for view in views {
        let mut heading = format!("{}. {} {}", view.id, view.kind, view.owner());
        match (view.retired_at, view.carried) {
            (Some(at), _) => heading.push_str(&format!(", retired {}", at.format("%Y-%m-%d"))),
            (None, Some(true)) => heading.push_str(", carried already"),
            _ => {}
        }
        out.push_str(&table::hanging(&clean(&heading), "  ", "      ", width));
        out.push('\n');
        out.push_str(&table::indented(&clean(&view.text), "      ", width));
        out.push('\n');
    }
    out
}

/// What a message block says of its value item: the item it carries, or, for a message that
/// should carry one, that none is left and how to add one; `None` for the other steps.
pub fn value_line(view: &ActionView, id: i64) -> Option<String> {
    match &view.value {
        Some(item) => Some(carried_line(item)),
        None if view.value_left_out => Some(left_out_line(id)),
        None if view.carries_value => Some(none_left_line(id)),
        None => None,
    }
}

/// The line under a message saying which item it carries: "Value: tip 4, \"...\"".
pub fn carried_line(item: &ValueView) -> String {
    format!("Value: {} {} ({})", item.kind, item.id, clean(&item.text))
}

/// The line under a text that has no room for the next item and no address to email it to.
pub fn left_out_line(id: i64) -> String {
    format!("Value item too long for a text; email it: followup edit {id} --email ...")
}

/// The line under a message that has no item left, with the command that adds one.
pub fn none_left_line(id: i64) -> String {
    format!("No value item for this touch; add one with followup value add {id} \"...\"")
}
