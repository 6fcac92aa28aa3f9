//! The capacity plan: what a day keeps, where the rest goes, and that nothing moves earlier.

use super::*;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Action {
    name: &'static str,
    due: NaiveDate,
    cadence: &'static str,
    promised: bool,
    /// A touch; `false` for the close chore and the other actions that are not touches.
    touch: bool,
}

impl Item for Action {
    fn due(&self) -> NaiveDate {
        self.due
    }
    fn cadence(&self) -> &str {
        self.cadence
    }
    fn pinned(&self) -> bool {
        self.promised
    }
    fn counted(&self) -> bool {
        self.touch
    }
}

fn action(name: &'static str, due: &str) -> Action {
    Action {
        name,
        due: date(due),
        cadence: "standard",
        promised: false,
        touch: true,
    }
}

/// The morning list's order, reduced to what these tests use: promises, then oldest first,
/// then by name.
fn order(action: &Action) -> (bool, NaiveDate, &'static str) {
    (!action.promised, action.due, action.name)
}

fn cap(per_day: u32) -> Limits {
    Limits {
        per_day: Some(per_day),
        per_cadence: BTreeMap::new(),
    }
}

/// Each placed action as (name, day, moved from).
fn days(plan: &Plan<Action>) -> Vec<(&'static str, String, Option<String>)> {
    plan.placed
        .iter()
        .map(|placed| {
            (
                placed.item.name,
                placed.on.to_string(),
                placed.moved_from.map(|day| day.to_string()),
            )
        })
        .collect()
}

const MONDAY: &str = "2026-11-30";

#[test]
fn without_limits_everything_due_is_kept_today() {
    let items = vec![action("b", "2026-11-27"), action("a", MONDAY)];
    let plan = plan(
        items,
        order,
        &Calendar::default(),
        date(MONDAY),
        date(MONDAY),
        &Limits::default(),
    );
    assert_eq!(
        days(&plan),
        [("b", MONDAY.into(), None), ("a", MONDAY.into(), None)]
    );
    assert!(plan.beyond.is_empty());
}

#[test]
fn the_oldest_are_kept_and_the_rest_spread_over_the_next_business_days() {
    // A rep back from a week away: seven actions due, three a day.
    let items = vec![
        action("a", "2026-11-23"),
        action("b", "2026-11-24"),
        action("c", "2026-11-25"),
        action("d", "2026-11-26"),
        action("e", "2026-11-27"),
        action("f", MONDAY),
        action("g", MONDAY),
    ];
    let plan = plan(
        items,
        order,
        &Calendar::default(),
        date(MONDAY),
        date("2026-12-04"),
        &cap(3),
    );
    let moved = Some(MONDAY.to_string());
    assert_eq!(
        days(&plan),
        [
            ("a", MONDAY.into(), None),
            ("b", MONDAY.into(), None),
            ("c", MONDAY.into(), None),
            ("d", "2026-12-01".into(), moved.clone()),
            ("e", "2026-12-01".into(), moved.clone()),
            ("f", "2026-12-01".into(), moved.clone()),
            ("g", "2026-12-02".into(), moved),
        ]
    );
}

#[test]
fn what_waits_goes_before_what_falls_due_later() {
    let items = vec![
        action("old-1", "2026-11-20"),
        action("old-2", "2026-11-20"),
        action("tuesday", "2026-12-01"),
    ];
    let plan = plan(
        items,
        order,
        &Calendar::default(),
        date(MONDAY),
        date("2026-12-04"),
        &cap(1),
    );
    assert_eq!(
        days(&plan),
        [
            ("old-1", MONDAY.into(), None),
            ("old-2", "2026-12-01".into(), Some(MONDAY.into())),
            ("tuesday", "2026-12-02".into(), Some("2026-12-01".into())),
        ]
    );
}

#[test]
fn promises_are_kept_on_their_day_whatever_the_limit() {
    let mut first = action("promised-1", MONDAY);
    first.promised = true;
    let mut second = action("promised-2", MONDAY);
    second.promised = true;
    let items = vec![action("overdue", "2026-11-25"), first, second];
    let plan = plan(
        items,
        order,
        &Calendar::default(),
        date(MONDAY),
        date("2026-12-04"),
        &cap(1),
    );
    assert_eq!(
        days(&plan),
        [
            ("promised-1", MONDAY.into(), None),
            ("promised-2", MONDAY.into(), None),
            ("overdue", "2026-12-01".into(), Some(MONDAY.into())),
        ]
    );
}

#[test]
fn a_cadence_can_have_a_limit_of_its_own() {
    let mut items: Vec<Action> = ["n1", "n2", "n3"]
        .into_iter()
        .map(|name| Action {
            cadence: "nurture",
            ..action(name, "2026-11-27")
        })
        .collect();
    items.push(action("s1", MONDAY));
    let limits = Limits {
        per_day: Some(10),
        per_cadence: BTreeMap::from([("nurture".to_string(), 1)]),
    };
    let plan = plan(
        items,
        order,
        &Calendar::default(),
        date(MONDAY),
        date("2026-12-04"),
        &limits,
    );
    assert_eq!(
        days(&plan),
        [
            ("n1", MONDAY.into(), None),
            ("s1", MONDAY.into(), None),
            ("n2", "2026-12-01".into(), Some(MONDAY.into())),
            ("n3", "2026-12-02".into(), Some(MONDAY.into())),
        ]
    );
}

#[test]
fn moves_skip_weekends_holidays_and_days_away() {
    let calendar = Calendar::default()
        .with_holidays([date("2026-12-01")])
        .with_away([date("2026-12-02")]);
    let items = vec![
        action("a", "2026-11-27"),
        action("b", "2026-11-27"),
        action("c", "2026-11-27"),
    ];
    // Friday, one a day: Monday, then Thursday after the holiday and the day away.
    let plan = plan(
        items,
        order,
        &calendar,
        date("2026-11-27"),
        date("2026-12-04"),
        &cap(1),
    );
    let on: Vec<String> = plan
        .placed
        .iter()
        .map(|placed| placed.on.to_string())
        .collect();
    assert_eq!(on, ["2026-11-27", MONDAY, "2026-12-03"]);
}

#[test]
fn what_does_not_fit_in_the_window_is_beyond_it() {
    let items = vec![
        action("a", MONDAY),
        action("b", MONDAY),
        action("later", "2026-12-10"),
    ];
    let plan = plan(
        items,
        order,
        &Calendar::default(),
        date(MONDAY),
        date(MONDAY),
        &cap(1),
    );
    assert_eq!(days(&plan), [("a", MONDAY.into(), None)]);
    // Only what was due within the window waits beyond it.
    assert_eq!(
        plan.beyond.iter().map(|item| item.name).collect::<Vec<_>>(),
        ["b"]
    );
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn any_action() -> impl Strategy<Value = Action> {
        const NAMES: [&str; 6] = ["a", "b", "c", "d", "e", "f"];
        (
            0usize..6,
            0u64..30,
            any::<bool>(),
            proptest::bool::weighted(0.2),
        )
            .prop_map(|(name, offset, nurture, promised)| Action {
                name: NAMES[name],
                due: date("2026-11-16") + chrono::Days::new(offset),
                cadence: if nurture { "nurture" } else { "standard" },
                promised,
                touch: true,
            })
    }

    proptest! {
        #[test]
        fn the_plan_only_moves_later_and_keeps_within_the_limits(
            items in proptest::collection::vec(any_action(), 0..40),
            per_day in 1u32..6,
            nurture in proptest::option::of(1u32..3),
            window in 0u32..15,
        ) {
            let calendar = Calendar::default().with_holidays([date("2026-12-08")]);
            let today = date(MONDAY);
            let last = calendar.add_business_days(today, window);
            let limits = Limits {
                per_day: Some(per_day),
                per_cadence: nurture.map(|n| ("nurture".to_string(), n)).into_iter().collect(),
            };
            let plan = plan(items.clone(), order, &calendar, today, last, &limits);
            let within = items.iter().filter(|item| natural_day(&calendar, today, item.due) <= last).count();
            prop_assert_eq!(plan.placed.len() + plan.beyond.len(), within);
            let mut per_day_count: BTreeMap<NaiveDate, (u32, u32)> = BTreeMap::new();
            for placed in &plan.placed {
                let natural = natural_day(&calendar, today, placed.item.due);
                // Never earlier than without limits, and only on a day it can be worked.
                prop_assert!(placed.on >= natural);
                prop_assert!(placed.on == today || calendar.is_business_day(placed.on));
                prop_assert_eq!(placed.moved_from, (placed.on > natural).then_some(natural));
                if placed.item.promised {
                    prop_assert_eq!(placed.on, natural);
                }
                let count = per_day_count.entry(placed.on).or_default();
                if placed.item.promised { count.1 += 1 } else { count.0 += 1 }
            }
            for (_, (others, promised)) in per_day_count {
                prop_assert!(others == 0 || others + promised <= per_day);
            }
        }
    }
}

#[test]
fn what_is_not_a_touch_neither_counts_nor_waits() {
    // Issue 10: a `close` (paperwork) took the day's only room and pushed a new lead on.
    let close = Action {
        touch: false,
        ..action("close", "2026-11-27")
    };
    let items = vec![
        close,
        action("a new lead", MONDAY),
        action("b later", MONDAY),
    ];
    let plan = plan(
        items,
        order,
        &Calendar::default(),
        date(MONDAY),
        date("2026-12-01"),
        &cap(1),
    );
    assert_eq!(
        days(&plan),
        [
            ("close", MONDAY.to_string(), None),
            ("a new lead", MONDAY.to_string(), None),
            (
                "b later",
                "2026-12-01".to_string(),
                Some(MONDAY.to_string())
            ),
        ]
    );
}

#[test]
fn sorted_by_key_sorts_stably_as_sort_by_key_does() {
    // Pairs ordered by their first half only: ties keep the order they came in.
    let mut rng = fastrand::Rng::with_seed(15);
    for length in [0, 1, 2, 7, 100, 1000] {
        let items: Vec<(u8, usize)> = (0..length).map(|place| (rng.u8(..5), place)).collect();
        let mut expected = items.clone();
        expected.sort_by_key(|item| item.0);
        assert_eq!(super::sorted_by_key(items, |item| item.0), expected);
    }
}
