//! Where a sitting of `go` stands: the actions not reached yet, those skipped, and the
//! entries logged, newest last, so that `u` can take back the last one and put its prospect
//! back in front. Plain values, no terminal and no database.

use std::collections::VecDeque;

use chrono::NaiveDateTime;

use crate::domain::ProspectId;
use crate::render::card::Tally;

/// One entry logged in this sitting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub prospect: ProspectId,
    pub name: String,
    pub attempt: i64,
    /// The call back the attempt promised, if any.
    pub promise: Option<NaiveDateTime>,
}

#[derive(Debug, Clone, Default)]
pub struct Queue {
    ahead: VecDeque<ProspectId>,
    skipped: Vec<ProspectId>,
    done: Vec<Entry>,
    /// How many actions the list had: the "of 12" of each card.
    total: usize,
}

impl Queue {
    /// The morning list's prospects, in its order.
    pub fn new(ids: Vec<ProspectId>) -> Queue {
        Queue {
            total: ids.len(),
            ahead: ids.into(),
            ..Queue::default()
        }
    }

    /// The prospect whose action is on screen.
    pub fn current(&self) -> Option<ProspectId> {
        self.ahead.front().copied()
    }

    /// "3 of 12": the current action's place among those worked and to work.
    pub fn place(&self) -> (usize, usize) {
        (self.done.len() + self.skipped.len() + 1, self.total)
    }

    /// The current action stays due; it is offered again at the end.
    pub fn skip(&mut self) {
        if let Some(id) = self.ahead.pop_front() {
            self.skipped.push(id);
        }
    }

    /// The current action is no longer due (logged by another command meanwhile).
    pub fn drop_current(&mut self) {
        if self.ahead.pop_front().is_some() {
            self.total = self.total.saturating_sub(1);
        }
    }

    pub fn logged(&mut self, entry: Entry) {
        if self.ahead.front() == Some(&entry.prospect) {
            self.ahead.pop_front();
        }
        self.done.push(entry);
    }

    /// The entry `u` would take back.
    pub fn last(&self) -> Option<&Entry> {
        self.done.last()
    }

    /// The last entry was taken back: its prospect's action is current again.
    pub fn undone(&mut self) -> Option<Entry> {
        let entry = self.done.pop()?;
        self.ahead.push_front(entry.prospect);
        Some(entry)
    }

    /// At the end of the list, the skipped actions become the list again; false when none
    /// was skipped.
    pub fn again(&mut self) -> bool {
        if !self.ahead.is_empty() || self.skipped.is_empty() {
            return false;
        }
        self.ahead = std::mem::take(&mut self.skipped).into();
        true
    }

    pub fn skipped(&self) -> usize {
        self.skipped.len()
    }

    pub fn tally(&self) -> Tally {
        Tally {
            done: self.done.len(),
            skipped: self.skipped.len(),
            left: self.ahead.len(),
            promises: self
                .done
                .iter()
                .filter_map(|entry| entry.promise.map(|at| (entry.name.clone(), at)))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(prospect: ProspectId, attempt: i64) -> Entry {
        Entry {
            prospect,
            name: format!("p{prospect}"),
            attempt,
            promise: None,
        }
    }

    #[test]
    fn a_sitting_logs_skips_and_takes_back() {
        let mut queue = Queue::new(vec![1, 2, 3]);
        assert_eq!((queue.current(), queue.place()), (Some(1), (1, 3)));
        queue.logged(entry(1, 10));
        queue.skip();
        assert_eq!((queue.current(), queue.place()), (Some(3), (3, 3)));
        assert_eq!(queue.undone().map(|entry| entry.attempt), Some(10));
        assert_eq!(
            queue.current(),
            Some(1),
            "the prospect taken back is current"
        );
        queue.logged(entry(1, 11));
        queue.logged(entry(3, 12));
        assert_eq!(queue.current(), None);
        let tally = queue.tally();
        assert_eq!((tally.done, tally.skipped, tally.left), (2, 1, 0));
        assert!(queue.again());
        assert_eq!(queue.current(), Some(2));
        assert!(!queue.again(), "not while an action is ahead");
    }

    #[test]
    fn quitting_leaves_what_was_not_reached() {
        let mut queue = Queue::new(vec![1, 2, 3]);
        queue.skip();
        let tally = queue.tally();
        assert_eq!((tally.done, tally.skipped, tally.left), (0, 1, 2));
        assert!(queue.undone().is_none());
    }
}
