//! `value add`, `value list`, `value remove`: the items each message carries.

use crate::cli::args::{ValueAddArgs, ValueCommand, ValueListArgs, ValueRemoveArgs};
use crate::cli::session::Session;
use crate::domain::ValueFor;
use crate::error::{Error, Result};
use crate::quote;
use crate::render::json;
use crate::render::sanitize::clean;
use crate::render::value::{self, ValueView};
use crate::tracker::{Removed, ValueSelection};

pub fn run(command: ValueCommand, session: Session) -> Result<String> {
    match command {
        ValueCommand::Add(args) => add(args, session),
        ValueCommand::List(args) => list(args, session),
        ValueCommand::Remove(args) => remove(args, session),
    }
}

fn add(args: ValueAddArgs, session: Session) -> Result<String> {
    let mut tracker = session.tracker()?;
    let (owner, text) = match (args.topic, args.words.as_slice()) {
        (Some(topic), [text]) => (ValueFor::Topic(topic), text.clone()),
        (Some(_), _) => {
            return Err(Error::Invalid(
                "with --topic, give only the item's text: followup value add --topic TOPIC \
                 \"TEXT\""
                    .into(),
            ));
        }
        (None, [prospect, text]) => (ValueFor::Prospect(tracker.resolve(prospect)?), text.clone()),
        (None, _) => {
            return Err(Error::Invalid(
                "give the prospect and the item's text: followup value add PROSPECT \"TEXT\" \
                 (or --topic TOPIC \"TEXT\" for everyone with that topic)"
                    .into(),
            ));
        }
    };
    let item = tracker.add_value_item(owner, args.kind, &text)?;
    let whom = match &item.owner {
        ValueFor::Prospect(id) => {
            let prospect = tracker.prospect(*id)?;
            format!("prospect {id} ({})", clean(&prospect.contact.name))
        }
        ValueFor::Topic(topic) => format!("every prospect with the topic {}", quote::quoted(topic)),
    };
    Ok(format!(
        "Added value item {} ({}) for {whom}.\n",
        item.id, item.kind
    ))
}

fn list(args: ValueListArgs, session: Session) -> Result<String> {
    let width = session.width;
    let tracker = session.tracker()?;
    let (selection, none) = match (&args.prospect, &args.topic) {
        (Some(prospect), _) => {
            let id = tracker.resolve(prospect)?;
            (
                ValueSelection::Prospect(id),
                format!(
                    "No value item for prospect {id}: add one with `followup value add {id} \"...\"`."
                ),
            )
        }
        (None, Some(topic)) => (
            ValueSelection::Topic(topic.clone()),
            format!(
                "No value item for the topic {}: add one with `followup value add --topic \
                 {} \"...\"`.",
                quote::quoted(topic),
                quote::quoted(topic)
            ),
        ),
        (None, None) => (
            ValueSelection::All,
            "No value items yet: add one with `followup value add PROSPECT \"...\"`.".to_string(),
        ),
    };
    let items = tracker.value_items(&selection, args.all)?;
    let used = match selection {
        ValueSelection::Prospect(id) => Some(tracker.value_items_used(id)?),
        _ => None,
    };
    let views: Vec<ValueView> = items
        .iter()
        .map(|item| ValueView {
            carried: used.as_ref().map(|used| used.contains(&item.id)),
            ..ValueView::new(item)
        })
        .collect();
    Ok(if args.json {
        json::to_string(&views)
    } else {
        value::render(&views, &none, width)
    })
}

fn remove(args: ValueRemoveArgs, session: Session) -> Result<String> {
    let mut tracker = session.tracker()?;
    let (item, removed) = tracker.remove_value_item(args.id)?;
    Ok(match removed {
        Removed::Deleted => format!("Removed value item {} ({}).\n", item.id, item.kind),
        Removed::Retired => format!(
            "Retired value item {} ({}): a touch carried it, so it stays in the history and \
             in stats, and no message offers it again.\n",
            item.id, item.kind
        ),
    })
}
