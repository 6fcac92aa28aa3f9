//! Which value item a message carries: the picking rule, pure.
//!
//! A message that gives the prospect nothing ("just checking in") does not get returned, so
//! every touch carries one item the salesperson keeps (see `followup value add`): the
//! prospect's own items first, then those kept for their topic, each in the order added, and
//! never one that an earlier touch of theirs already carried. `log` records the item on the
//! attempt, so the next touch takes the next one.

use crate::domain::{Channel, Outcome, ProspectId, Step, ValueFor, ValueItem, ValueKind};

/// The longest value item: a message carries it whole, so it stays a few sentences.
pub const MAX_CHARS: usize = 500;

/// Whether `item` is offered to the prospect `id` with `topic`: kept for them, or kept for
/// their topic (the same words, whatever the case and the spaces around them).
pub fn applies_to(item: &ValueItem, id: ProspectId, topic: Option<&str>) -> bool {
    match &item.owner {
        ValueFor::Prospect(owner) => *owner == id,
        ValueFor::Topic(kept) => topic.is_some_and(|topic| same_topic(kept, topic)),
    }
}

/// Two topics are the same when they read the same, case aside.
pub fn same_topic(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// The items offered to the prospect `id`, in the order they are offered: their own first,
/// then their topic's, each in the order added. Retired items are never offered.
pub fn offered<'a>(
    items: &'a [ValueItem],
    id: ProspectId,
    topic: Option<&str>,
) -> Vec<&'a ValueItem> {
    let mut offered: Vec<&ValueItem> = items
        .iter()
        .filter(|item| item.retired_at.is_none() && applies_to(item, id, topic))
        .collect();
    offered.sort_by_key(|item| (matches!(item.owner, ValueFor::Topic(_)), item.id));
    offered
}

/// The item the prospect's next message carries: the first offered one that no touch of
/// theirs carried (`used`, the items their attempts recorded); `None` when none is left.
pub fn next_item<'a>(
    items: &'a [ValueItem],
    id: ProspectId,
    topic: Option<&str>,
    used: &[i64],
) -> Option<&'a ValueItem> {
    offered(items, id, topic)
        .into_iter()
        .find(|item| !used.contains(&item.id))
}

/// Whether the message of `step` carries a value item: every message to the prospect does
/// (a re-contact too); the call to the assistant (or the front desk) and the close (an
/// instruction to the salesperson) do not.
pub fn carried_by(step: Step) -> bool {
    !matches!(step, Step::Assistant | Step::Close)
}

/// Whether an attempt delivered its message, and so the item in it: a voicemail left, an
/// email or a text sent. A call nobody answered, a bounce, or the prospect's own reply
/// carried nothing of ours; a conversation is not a message left.
pub fn delivered(channel: Channel, outcome: Outcome) -> bool {
    channel != Channel::Assistant && matches!(outcome, Outcome::Voicemail | Outcome::Sent)
}

/// The item's text as a message says it: ending like a sentence, so that a template can
/// write "{value_line}" (or "{value_intro}: {value}") and go on with the next sentence.
pub fn as_sentence(text: &str) -> String {
    let text = text.trim();
    match text.chars().last() {
        Some('.' | '!' | '?' | '"' | ')') | None => text.to_string(),
        Some(_) => format!("{text}."),
    }
}

/// The item as a sentence of its own (`{value}`, which templates put where a sentence
/// starts): a fragment written in lower case ("ask for the free fitting") gets its capital.
pub fn as_opening_sentence(text: &str) -> String {
    let text = as_sentence(text);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if first.is_lowercase() => first.to_uppercase().chain(chars).collect(),
        _ => text,
    }
}

/// The item led in by the words of its kind, as a message says it (`{value_line}`). The
/// item stays as the salesperson wrote it; the lead-in ends with a colon before a fragment
/// ("Here's a tip: two chairs at elbow height") and with a full stop before a full sentence,
/// one that starts with a capital ("Here's a tip. A chair at elbow height..."), so that no
/// capital follows a colon and nothing is rewritten.
pub fn introduced(kind: ValueKind, text: &str) -> String {
    let text = as_sentence(text);
    let stop = if is_full_sentence(&text) { '.' } else { ':' };
    format!("{}{stop} {text}", kind.intro())
}

/// Whether an item reads as a sentence of its own: it starts with a capital letter.
fn is_full_sentence(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDateTime;

    use super::*;

    #[test]
    fn an_item_said_on_its_own_starts_with_a_capital_and_ends_like_a_sentence() {
        assert_eq!(
            as_opening_sentence("ask for the free fitting"),
            "Ask for the free fitting."
        );
        assert_eq!(
            as_opening_sentence("Which chair do you sit on?"),
            "Which chair do you sit on?"
        );
        assert_eq!(as_opening_sentence("élan matters"), "Élan matters.");
        assert_eq!(
            as_opening_sentence("2 in 3 clients say so"),
            "2 in 3 clients say so."
        );
        assert_eq!(as_opening_sentence(""), "");
    }

    fn item(id: i64, owner: ValueFor) -> ValueItem {
        ValueItem {
            id,
            owner,
            kind: ValueKind::Tip,
            text: format!("item {id}"),
            added_at: NaiveDateTime::default(),
            retired_at: None,
        }
    }

    fn topic(text: &str) -> ValueFor {
        ValueFor::Topic(text.to_string())
    }

    fn ids(items: &[&ValueItem]) -> Vec<i64> {
        items.iter().map(|item| item.id).collect()
    }

    #[test]
    fn the_prospects_own_items_come_before_the_topics_each_in_the_order_added() {
        let items = [
            item(1, topic("Ergonomic chairs")),
            item(2, ValueFor::Prospect(7)),
            item(3, ValueFor::Prospect(8)),
            item(4, topic("desks")),
            item(5, ValueFor::Prospect(7)),
            item(6, topic("  ergonomic CHAIRS ")),
        ];
        let offered = offered(&items, 7, Some("ergonomic chairs"));
        assert_eq!(ids(&offered), [2, 5, 1, 6]);
        assert_eq!(ids(&super::offered(&items, 7, None)), [2, 5]);
        assert_eq!(ids(&super::offered(&items, 9, Some("desks"))), [4]);
    }

    #[test]
    fn the_next_item_is_the_first_no_touch_carried() {
        let items = [
            item(1, topic("chairs")),
            item(2, ValueFor::Prospect(7)),
            item(3, ValueFor::Prospect(7)),
        ];
        let next = |used: &[i64]| next_item(&items, 7, Some("chairs"), used).map(|item| item.id);
        assert_eq!(next(&[]), Some(2));
        assert_eq!(next(&[2]), Some(3));
        assert_eq!(next(&[2, 3]), Some(1));
        // Carried out of order (an item added later for the prospect): the earliest left.
        assert_eq!(next(&[3]), Some(2));
        assert_eq!(next(&[1, 2, 3]), None);
    }

    #[test]
    fn an_item_reads_as_a_sentence() {
        assert_eq!(
            as_sentence(" Most clinics save a third "),
            "Most clinics save a third."
        );
        assert_eq!(
            as_sentence("Which room do they avoid?"),
            "Which room do they avoid?"
        );
        assert_eq!(as_sentence("Done."), "Done.");
    }

    #[test]
    fn the_lead_in_ends_with_a_full_stop_before_a_sentence_and_a_colon_before_a_fragment() {
        assert_eq!(
            introduced(ValueKind::Tip, "A chair at elbow height saves backs"),
            "Here's a tip. A chair at elbow height saves backs."
        );
        assert_eq!(
            introduced(ValueKind::Tip, "two chairs per desk, not one"),
            "Here's a tip: two chairs per desk, not one."
        );
        assert_eq!(
            introduced(ValueKind::Figure, "40% fewer complaints"),
            "Here's a figure worth knowing: 40% fewer complaints."
        );
        assert_eq!(
            introduced(ValueKind::Question, "Which room do they avoid?"),
            "Here's a question for you. Which room do they avoid?"
        );
    }

    #[test]
    fn a_retired_item_is_never_offered() {
        let mut retired = item(1, ValueFor::Prospect(7));
        retired.retired_at = Some(NaiveDateTime::default());
        let items = [retired, item(2, ValueFor::Prospect(7))];
        assert_eq!(next_item(&items, 7, None, &[]).map(|item| item.id), Some(2));
    }

    #[test]
    fn only_a_message_left_carries_an_item_and_only_on_a_touch() {
        assert!(delivered(Channel::Call, Outcome::Voicemail));
        assert!(delivered(Channel::Email, Outcome::Sent));
        assert!(delivered(Channel::Text, Outcome::Sent));
        for outcome in [
            Outcome::NoAnswer,
            Outcome::Bounced,
            Outcome::Connected,
            Outcome::Replied,
        ] {
            assert!(!delivered(Channel::Call, outcome), "{outcome}");
        }
        assert!(!delivered(Channel::Assistant, Outcome::Voicemail));
        assert!(carried_by(Step::Rescue) && carried_by(Step::Recontact));
        assert!(!carried_by(Step::Assistant) && !carried_by(Step::Close));
    }
}
