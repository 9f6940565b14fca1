//! The engine against a brute-force oracle that lists every coalition, on random small games.

use proptest::prelude::*;

use super::formula::{Affine, Formula, Linear};
use super::*;

/// Every answer, by listing all 2^n coalitions.
struct Oracle {
    n: usize,
    passing: Vec<bool>,
}

impl Oracle {
    fn new(game: &Game) -> Oracle {
        let n = game.players.len();
        let passing = (0..1u32 << n).map(|bits| game.passes(&coalition(n, bits))).collect();
        Oracle { n, passing }
    }

    fn passes(&self, bits: u32) -> bool {
        self.passing[bits as usize]
    }

    fn can_pass(&self) -> bool {
        self.passing.iter().any(|p| *p)
    }

    fn alone(&self) -> Vec<usize> {
        (0..self.n).filter(|i| self.passes(1 << i)).collect()
    }

    fn vetoes(&self) -> Vec<usize> {
        if !self.can_pass() {
            return Vec::new();
        }
        (0..self.n).filter(|i| (0..1u32 << self.n).all(|s| !self.passes(s) || s >> i & 1 == 1)).collect()
    }

    fn swings(&self, i: usize) -> u64 {
        (0..1u32 << self.n).filter(|s| s >> i & 1 == 0).filter(|s| self.passes(*s) != self.passes(s | 1 << i)).count()
            as u64
    }

    fn both_sides(&self) -> bool {
        let all = (1u32 << self.n) - 1;
        (0..=all).any(|s| self.passes(s) && self.passes(all ^ s))
    }

    fn smallest_blocking(&self) -> Option<u32> {
        let all = (1u32 << self.n) - 1;
        (0..=all).filter(|b| !self.passes(all ^ b)).map(u32::count_ones).min()
    }
}

fn coalition(n: usize, bits: u32) -> Vec<bool> {
    (0..n).map(|i| bits >> i & 1 == 1).collect()
}

fn linear(coefficients: &[i64], bound: i64) -> Formula {
    let mut e = Affine::constant(-i128::from(bound));
    for (i, c) in coefficients.iter().enumerate() {
        e.add_scaled(&Affine::var(i as u32), i128::from(*c)).unwrap_or_default();
    }
    Linear::at_least_zero(&e).unwrap()
}

fn weighted_game() -> impl Strategy<Value = Game> {
    (1usize..=12)
        .prop_flat_map(|n| {
            (Just(n), proptest::collection::vec(0i64..20, n), 0i64..120, proptest::collection::vec(0..10u8, n))
        })
        .prop_map(|(n, weights, quota, req)| {
            let mut parts = vec![linear(&weights, quota)];
            for (i, r) in req.iter().enumerate() {
                if *r == 0 {
                    let mut single = vec![0; n];
                    single[i] = 1;
                    parts.push(linear(&single, 1));
                }
            }
            Game::from_formula(n, Formula::and(parts))
        })
}

fn composite_game() -> impl Strategy<Value = Game> {
    (1usize..=10)
        .prop_flat_map(|n| {
            let atom = (proptest::collection::vec(-6i64..12, n), -10i64..40).prop_map(|(c, b)| linear(&c, b));
            let tree = atom.prop_recursive(3, 12, 3, |inner| {
                prop_oneof![
                    proptest::collection::vec(inner.clone(), 1..4).prop_map(Formula::and),
                    proptest::collection::vec(inner, 1..4).prop_map(Formula::or),
                ]
            });
            (Just(n), tree)
        })
        .prop_map(|(n, formula)| Game::from_formula(n, formula))
}

fn diagram(game: &Game) -> Solver {
    let mut bdd = bdd::Bdd::new(game.players.len() as u32, 1_000_000);
    let root = bdd.formula(&game.formula).unwrap();
    Solver::Diagram(Diagram { bdd, root })
}

fn check_against_oracle(game: &Game, mut solver: Solver) -> Result<(), TestCaseError> {
    let oracle = Oracle::new(game);
    let n = oracle.n;
    for bits in 0..1u32 << n {
        prop_assert_eq!(solver.passes(&coalition(n, bits)), oracle.passes(bits));
    }
    prop_assert_eq!(solver.can_pass(), oracle.can_pass());
    match solver.passing_coalition() {
        Some(c) => prop_assert!(game.passes(&c)),
        None => prop_assert!(!oracle.can_pass()),
    }
    prop_assert_eq!(solver.passes_alone(), oracle.alone());
    prop_assert_eq!(solver.veto_players().unwrap(), oracle.vetoes());
    let dummies = solver.dummies().unwrap();
    let swings = solver.swing_counts().unwrap();
    for i in 0..n {
        let expected = oracle.swings(i);
        prop_assert_eq!(swings[i].to_u128(), Some(u128::from(expected)), "swings of player {}", i);
        prop_assert_eq!(dummies.contains(&i), expected == 0, "dummy {}", i);
        prop_assert_eq!(solver.is_critical(i).unwrap(), expected > 0);
        match solver.swing_witness(i).unwrap() {
            Some(mut c) => {
                prop_assert!(expected > 0);
                c[i] = false;
                let without = game.passes(&c);
                c[i] = true;
                prop_assert_ne!(without, game.passes(&c));
            }
            None => prop_assert_eq!(expected, 0),
        }
    }
    match solver.disjoint_passing().unwrap() {
        Some((a, b)) => {
            prop_assert!(game.passes(&a) && game.passes(&b));
            prop_assert!(a.iter().zip(&b).all(|(x, y)| !(x & y)));
        }
        None => prop_assert!(!oracle.both_sides()),
    }
    match solver.smallest_blocking() {
        Some(b) => {
            let rest: Vec<bool> = b.iter().map(|x| !x).collect();
            prop_assert!(!game.passes(&rest));
            prop_assert_eq!(Some(b.iter().filter(|x| **x).count() as u32), oracle.smallest_blocking());
        }
        None => prop_assert_eq!(oracle.smallest_blocking(), None),
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn weighted_method_matches_brute_force(game in weighted_game()) {
        let solver = game.solve(Limits::default()).unwrap();
        prop_assert!(matches!(solver, Solver::Weighted(_)));
        check_against_oracle(&game, solver)?;
        check_against_oracle(&game, diagram(&game))?;
    }

    #[test]
    fn diagrams_match_brute_force_on_composite_rules(game in composite_game()) {
        check_against_oracle(&game, diagram(&game))?;
    }

    #[test]
    fn a_dictator_makes_every_other_player_a_dummy(game in weighted_game()) {
        let solver = game.solve(Limits::default()).unwrap();
        let oracle = Oracle::new(&game);
        let dictators: Vec<usize> = (0..oracle.n)
            .filter(|i| (0..1u32 << oracle.n).all(|s| oracle.passes(s) == (s >> i & 1 == 1)))
            .collect();
        if let [d] = dictators.as_slice() {
            let dummies = solver.dummies().unwrap();
            prop_assert!((0..oracle.n).filter(|i| i != d).all(|i| dummies.contains(&i)));
        }
    }
}

fn cast_agreement(votes: &[u8], rule: &str) -> crate::model::Agreement {
    let mut text = String::from("agreement \"t\"\nvoting as set for each member\n");
    for (i, v) in votes.iter().enumerate() {
        text.push_str(&format!("member m{i}\n  votes {v}\n"));
    }
    text.push_str(&format!("decision \"d\"\n  passes if {rule}\n"));
    let loaded = crate::load::load(&text);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.agreement.unwrap_or_else(|| unreachable!())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn the_votes_cast_shortcut_agrees_with_the_diagram(
        votes in proptest::collection::vec(1u8..12, 1..7),
        share in prop_oneof![Just("1/3"), Just("2/5"), Just("half"), Just("3/5"), Just("45%")],
        strict in any::<bool>(),
    ) {
        let rule = format!("{} {share} of votes cast in favour", if strict { "more than" } else { "at least" });
        let a = cast_agreement(&votes, &rule);
        let d = &a.decisions[0];
        let e = crate::weights::electorate(&a, d, None).unwrap();
        let voters = Voters::new(&a, d, &e).unwrap();
        let fast = both_sides_cast_threshold(&voters, &a, d, &d.rules[0]).unwrap().unwrap();
        let slow = both_sides_abstaining(&voters, &a, d, &d.rules[0], Limits::default()).unwrap();
        prop_assert_eq!(fast.is_some(), slow.is_some());
        if let Some((f, against)) = fast {
            // Check the witness directly: both the proposal and its opposite pass.
            let w = |ps: &[usize]| ps.iter().map(|p| i128::from(votes[*p])).sum::<i128>();
            let (wf, wa) = (w(&f), w(&against));
            prop_assert!(f.iter().all(|p| !against.contains(p)));
            prop_assert!(!f.is_empty() && !against.is_empty());
            let p = &d.rules[0].rule;
            let _ = p;
            let ok = |t: i128| {
                let (n, dd) = match share { "1/3" => (1, 3), "2/5" => (2, 5), "half" => (1, 2), "3/5" => (3, 5), _ => (45, 100) };
                if strict { t * dd > n * (wf + wa) } else { t * dd >= n * (wf + wa) }
            };
            prop_assert!(ok(wf) && ok(wa));
        }
    }
}

fn loaded(text: &str) -> crate::model::Agreement {
    let loaded = crate::load::load(text);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    loaded.agreement.unwrap_or_else(|| unreachable!())
}

/// Votes whose scaled weights each fit an `i128` (6·10^37 and 1, in units of 10^-11 votes),
/// but twice or three times whose sum does not.
const HUGE_VOTES: &str = "agreement \"t\"
voting as set for each member
member alpha
  votes 600000000000000000000000000
member beta
  votes 600000000000000000000000000
member gamma
  votes 0.00000000001
";

#[test]
fn huge_weights_are_compared_exactly_once_divided_by_their_common_factor() {
    // `2·in favour − eligible ≥ 0`: the doubled coefficients used to be added up unchecked (a
    // panic in a debug build); divided by 2 they fit.
    let a = loaded(&format!("{HUGE_VOTES}decision \"d\"\n  passes if at least 50% of eligible votes in favour\n"));
    let d = &a.decisions[0];
    let e = crate::weights::electorate(&a, d, None).unwrap();
    let game = Game::of_decision(&a, d, &e, &d.rules[0]).unwrap();
    let passing: Vec<u32> = (0..8).filter(|bits| game.passes(&coalition(3, *bits))).collect();
    // Half the votes is 6·10^26 + 0.000000000005: alpha or beta, with anyone else.
    assert_eq!(passing, [3, 5, 6, 7]);
}

#[test]
fn weights_too_large_to_add_up_are_an_overflow_not_a_panic() {
    // Abstaining allowed, `3·in favour − against ≥ 0` over votes cast: each coefficient fits,
    // their magnitudes together (4·the total) do not. That sum used to overflow unchecked.
    let a = loaded(&format!("{HUGE_VOTES}decision \"d\"\n  passes if at least 25% of votes cast in favour\n"));
    let d = &a.decisions[0];
    let e = crate::weights::electorate(&a, d, None).unwrap();
    let voters = Voters::new(&a, d, &e).unwrap();
    let answer = both_sides_abstaining(&voters, &a, d, &d.rules[0], Limits::default());
    assert_eq!(answer, Err(BothSidesError::Compile(CompileError::Overflow)));
    // And the votes-cast shortcut, where 3·F does not fit for a member's votes F, declines
    // rather than overflow, leaving the question to the general method.
    assert_eq!(both_sides_cast_threshold(&voters, &a, d, &d.rules[0]), None);
}
