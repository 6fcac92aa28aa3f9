//! The round-robin of `assign --round-robin`: each file of the pool goes to the eligible rep
//! with the fewest open files at that moment; among several with the fewest, one at random.
//!
//! Filling the lightest rep first means nobody ends more than one file above another eligible
//! rep, except a rep who started above (files are never taken away here). The draw among
//! equals is what keeps the same rep from always getting the odd file out.

/// A rep's open files before the round-robin.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Load {
    pub rep: i64,
    pub open: usize,
}

/// Picks one of `n` equally loaded reps (`n >= 1`): the source of the randomness, handed in so
/// that the library draws nothing of its own and a test can replay a draw from its seed.
pub trait TieBreak {
    fn pick(&mut self, n: usize) -> usize;
}

/// A seeded generator: the same seed, the same draws.
impl TieBreak for fastrand::Rng {
    fn pick(&mut self, n: usize) -> usize {
        self.usize(..n)
    }
}

/// Shares out `pool` (file ids, in the order to hand them out) among the reps of `loads`:
/// `(file, rep)` pairs, one per file, none when there is no rep.
pub fn round_robin(loads: &[Load], pool: &[i64], ties: &mut impl TieBreak) -> Vec<(i64, i64)> {
    let mut open: Vec<Load> = loads.to_vec();
    // The order reps are listed in must not matter: the draw picks among them by id.
    open.sort_by_key(|load| load.rep);
    open.dedup_by_key(|load| load.rep);
    if open.is_empty() {
        return Vec::new();
    }
    let mut assigned = Vec::with_capacity(pool.len());
    let mut lightest = Vec::with_capacity(open.len());
    for &file in pool {
        let fewest = open.iter().map(|load| load.open).min().unwrap_or(0);
        lightest.clear();
        lightest.extend(
            open.iter()
                .enumerate()
                .filter(|(_, load)| load.open == fewest)
                .map(|(index, _)| index),
        );
        let chosen = lightest[ties.pick(lightest.len()).min(lightest.len() - 1)];
        open[chosen].open += 1;
        assigned.push((file, open[chosen].rep));
    }
    assigned
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use proptest::prelude::*;

    use super::*;

    /// Always the first of the equals: a draw a test can predict.
    struct First;

    impl TieBreak for First {
        fn pick(&mut self, _: usize) -> usize {
            0
        }
    }

    fn load(rep: i64, open: usize) -> Load {
        Load { rep, open }
    }

    fn counts(loads: &[Load], assigned: &[(i64, i64)]) -> BTreeMap<i64, usize> {
        let mut counts: BTreeMap<i64, usize> =
            loads.iter().map(|load| (load.rep, load.open)).collect();
        for (_, rep) in assigned {
            *counts.get_mut(rep).unwrap() += 1;
        }
        counts
    }

    #[test]
    fn the_lightest_rep_is_filled_first() {
        let loads = [load(1, 3), load(2, 0), load(3, 1)];
        let assigned = round_robin(&loads, &[10, 11, 12, 13], &mut First);
        // Rep 2 catches up with rep 3, then both with rep 1.
        assert_eq!(assigned, [(10, 2), (11, 2), (12, 3), (13, 2)]);
        assert_eq!(
            counts(&loads, &assigned),
            BTreeMap::from([(1, 3), (2, 3), (3, 2)])
        );
    }

    #[test]
    fn no_rep_no_assignment_and_no_pool_no_change() {
        assert_eq!(round_robin(&[], &[1, 2], &mut First), []);
        assert_eq!(round_robin(&[load(1, 0)], &[], &mut First), []);
    }

    #[test]
    fn equals_are_drawn_at_random_and_the_same_seed_draws_the_same() {
        let loads = [load(1, 0), load(2, 0), load(3, 0)];
        let first_files: Vec<i64> = (0..40)
            .map(|seed| round_robin(&loads, &[7], &mut fastrand::Rng::with_seed(seed))[0].1)
            .collect();
        for rep in 1..=3 {
            assert!(
                first_files.contains(&rep),
                "rep {rep} never drawn: {first_files:?}"
            );
        }
        let again: Vec<i64> = (0..40)
            .map(|seed| round_robin(&loads, &[7], &mut fastrand::Rng::with_seed(seed))[0].1)
            .collect();
        assert_eq!(first_files, again);
    }

    proptest! {
        /// No rep ends more than one file above another eligible rep, unless they started
        /// above; every file goes to exactly one listed rep.
        #[test]
        fn nobody_ends_more_than_one_above_another_unless_they_started_above(
            opens in proptest::collection::vec(0usize..12, 1..8),
            files in 0usize..40,
            seed in any::<u64>(),
        ) {
            let loads: Vec<Load> = opens
                .iter()
                .enumerate()
                .map(|(index, &open)| load(index as i64 + 1, open))
                .collect();
            let pool: Vec<i64> = (100..100 + files as i64).collect();
            let assigned = round_robin(&loads, &pool, &mut fastrand::Rng::with_seed(seed));
            prop_assert_eq!(
                assigned.iter().map(|(file, _)| *file).collect::<Vec<_>>(),
                pool.clone()
            );
            let end = counts(&loads, &assigned);
            for a in &loads {
                for b in &loads {
                    prop_assert!(
                        end[&a.rep] <= end[&b.rep] + 1 || end[&a.rep] == a.open,
                        "rep {} ends at {} (from {}), rep {} at {}",
                        a.rep, end[&a.rep], a.open, b.rep, end[&b.rep]
                    );
                }
            }
        }
    }
}
