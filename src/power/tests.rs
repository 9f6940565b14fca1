use num_bigint::{BigInt, BigUint};
use num_traits::Zero;
use proptest::prelude::*;

use super::*;
use crate::coalitions::formula::{Affine, Linear};
use crate::coalitions::weighted::WeightedGame;

fn threshold(weights: &[i128], quota: i128) -> Formula {
    let mut e = Affine::constant(-quota);
    for (i, w) in weights.iter().enumerate() {
        e.add_scaled(&Affine::var(i as u32), *w).unwrap();
    }
    Linear::at_least_zero(&e).unwrap()
}

fn weighted_game(weights: &[u64], quota: u64) -> Game {
    let w: Vec<i128> = weights.iter().map(|x| i128::from(*x)).collect();
    Game::from_formula(weights.len(), threshold(&w, i128::from(quota)))
}

/// Every coalition, by brute force.
fn brute(n: usize, formula: &Formula) -> Vec<Vec<BigInt>> {
    let mut out = vec![vec![BigInt::zero(); n.max(1)]; n];
    for bits in 0u32..(1 << n) {
        let a: Vec<bool> = (0..n).map(|i| bits >> i & 1 == 1).collect();
        let size = a.iter().filter(|b| **b).count();
        let v = formula.holds(&a);
        for i in 0..n {
            if a[i] {
                continue;
            }
            let mut with = a.clone();
            with[i] = true;
            let m = i64::from(formula.holds(&with)) - i64::from(v);
            out[i][size] += m;
        }
    }
    out
}

fn frac(n: i64, d: u64) -> Fraction {
    crate::exact::fraction(BigInt::from(n), BigUint::from(d))
}

fn shapleys(p: &Power) -> Vec<Fraction> {
    p.players.iter().map(|x| x.shapley.clone().unwrap()).collect()
}

fn banzhafs(p: &Power) -> Vec<Fraction> {
    p.players.iter().map(|x| x.banzhaf.clone().unwrap()).collect()
}

fn sum(fs: &[Fraction]) -> Fraction {
    fs.iter().fold(Fraction::zero(), |total, f| total + f)
}

#[test]
fn eec_1958_luxembourg_has_no_power() {
    let game = weighted_game(&[4, 4, 4, 2, 2, 1], 12);
    let p = power(&game, Which::All).unwrap();
    let swings: Vec<String> = p.players.iter().map(|x| x.swings.to_string()).collect();
    assert_eq!(swings, ["10", "10", "10", "6", "6", "0"]);
    assert_eq!(banzhafs(&p), vec![frac(5, 21), frac(5, 21), frac(5, 21), frac(1, 7), frac(1, 7), frac(0, 1)]);
    assert_eq!(shapleys(&p), vec![frac(7, 30), frac(7, 30), frac(7, 30), frac(3, 20), frac(3, 20), frac(0, 1)]);
    assert!(p.players[5].dummy);
    assert!(!p.players[0].dummy && !p.players[0].veto);
}

#[test]
fn a_simple_majority_holder_has_all_the_power() {
    // 51/48/1 at more than half: the member with 51 passes alone and nothing passes without it.
    let game = weighted_game(&[51, 48, 1], 51);
    let p = power(&game, Which::All).unwrap();
    assert_eq!(banzhafs(&p), vec![frac(1, 1), frac(0, 1), frac(0, 1)]);
    assert_eq!(shapleys(&p), vec![frac(1, 1), frac(0, 1), frac(0, 1)]);
    assert!(p.players[0].dictator && p.players[0].veto);
    assert!(p.players[1].dummy && p.players[2].dummy);
}

#[test]
fn fifty_forty_nine_one_is_not_a_dictatorship() {
    // The "50/49/1 at simple majority" does not give the largest all the power: at more
    // than half (51) it needs a partner, and the member with 1 vote has exactly the say of the
    // member with 49. At half (50) the two small members together pass as well.
    let p = power(&weighted_game(&[50, 49, 1], 51), Which::All).unwrap();
    assert_eq!(banzhafs(&p), vec![frac(3, 5), frac(1, 5), frac(1, 5)]);
    assert_eq!(shapleys(&p), vec![frac(2, 3), frac(1, 6), frac(1, 6)]);
    assert!(p.players[0].veto && !p.players[0].dictator);
    let p = power(&weighted_game(&[50, 49, 1], 50), Which::All).unwrap();
    assert!(p.players.iter().all(|x| !x.dictator && !x.veto && !x.dummy));
}

#[test]
fn every_method_agrees_on_the_eec() {
    let f = threshold(&[4, 4, 4, 2, 2, 1], 12);
    let want = brute(6, &f);
    assert_eq!(
        classes::Classes::of(6, &f).unwrap().contributions().by_size.iter().map(|r| r.to_vec()).collect::<Vec<_>>(),
        want
    );
    assert_eq!(diagram::contributions(6, &f).unwrap().by_size.iter().map(|r| r.to_vec()).collect::<Vec<_>>(), want);
    let w = WeightedGame { weights: vec![4, 4, 4, 2, 2, 1], quota: 12, required: vec![false; 6] };
    assert_eq!(
        weighted::contributions(&w, Which::All).unwrap().by_size.iter().map(|r| r.to_vec()).collect::<Vec<_>>(),
        want
    );
}

fn weighted_totals(weights: &[u64], required: &[bool], quota: u64) -> (Formula, WeightedGame) {
    let n = weights.len();
    let w: Vec<i128> = weights.iter().map(|x| i128::from(*x)).collect();
    let mut parts = vec![threshold(&w, i128::from(quota))];
    for (i, r) in required.iter().enumerate() {
        if *r {
            let mut unit = vec![0i128; n];
            unit[i] = 1;
            parts.push(threshold(&unit, 1));
        }
    }
    (Formula::and(parts), WeightedGame { weights: weights.to_vec(), quota, required: required.to_vec() })
}

fn composite() -> impl Strategy<Value = (usize, Formula)> {
    (1usize..=10).prop_flat_map(|n| {
        let lin = (prop::collection::vec(-3i128..=9, n), 0i128..30).prop_map(|(w, q)| threshold(&w, q));
        let leaf = prop::collection::vec(lin, 1..=3);
        (Just(n), leaf, any::<bool>(), prop::collection::vec(0usize..3, 0..=2)).prop_map(
            |(n, parts, top_and, split)| {
                // and / or of groups, mixing connectives one level deep.
                let mut groups: Vec<Vec<Formula>> = vec![Vec::new(); 3];
                for (i, p) in parts.into_iter().enumerate() {
                    let g = split.get(i).copied().unwrap_or(0);
                    groups[g].push(p);
                }
                let inner: Vec<Formula> = groups
                    .into_iter()
                    .filter(|g| !g.is_empty())
                    .map(|g| if top_and { Formula::or(g) } else { Formula::and(g) })
                    .collect();
                (n, if top_and { Formula::and(inner) } else { Formula::or(inner) })
            },
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn weighted_counts_match_brute_force(
        weights in prop::collection::vec(0u64..12, 1..=12),
        required_bits in any::<u16>(),
        quota_frac in 0u64..=100,
        sized in any::<bool>(),
    ) {
        let n = weights.len();
        let total: u64 = weights.iter().sum();
        let quota = total * quota_frac / 100;
        let required: Vec<bool> = (0..n).map(|i| required_bits >> i & 1 == 1 && i % 3 == 0).collect();
        let (f, w) = weighted_totals(&weights, &required, quota);
        let want = brute(n, &f);
        let which = if sized { Which::All } else { Which::Banzhaf };
        let got = weighted::contributions(&w, which).unwrap();
        if sized {
            prop_assert_eq!(&got.by_size.iter().map(|r| r.to_vec()).collect::<Vec<_>>(), &want);
        } else {
            let totals: Vec<BigInt> = want.iter().map(|r| r.iter().sum()).collect();
            let got_totals: Vec<BigInt> = got.by_size.iter().map(|r| r.iter().sum()).collect();
            prop_assert_eq!(got_totals, totals);
        }
        prop_assert_eq!(&classes::Classes::of(n, &f).unwrap().contributions().by_size.iter().map(|r| r.to_vec()).collect::<Vec<_>>(), &want);
        prop_assert_eq!(&diagram::contributions(n, &f).unwrap().by_size.iter().map(|r| r.to_vec()).collect::<Vec<_>>(), &want);
    }

    #[test]
    fn composite_counts_match_brute_force((n, f) in composite()) {
        let want = brute(n, &f);
        prop_assert_eq!(&classes::Classes::of(n, &f).unwrap().contributions().by_size.iter().map(|r| r.to_vec()).collect::<Vec<_>>(), &want);
        prop_assert_eq!(&diagram::contributions(n, &f).unwrap().by_size.iter().map(|r| r.to_vec()).collect::<Vec<_>>(), &want);
    }

    #[test]
    fn indices_add_up_to_one_on_monotone_rules(
        weights in prop::collection::vec(1u64..20, 1..=12),
        quota_frac in 1u64..=100,
    ) {
        let total: u64 = weights.iter().sum();
        let quota = (total * quota_frac / 100).max(1);
        let p = power(&weighted_game(&weights, quota), Which::All).unwrap();
        prop_assert!(p.monotone);
        prop_assert_eq!(sum(&shapleys(&p)), frac(1, 1));
        prop_assert_eq!(sum(&banzhafs(&p)), frac(1, 1));
        // Heavier members never have less power.
        for i in 0..weights.len() {
            for j in 0..weights.len() {
                if weights[i] == weights[j] {
                    prop_assert_eq!(&p.players[i].shapley, &p.players[j].shapley);
                    prop_assert_eq!(&p.players[i].banzhaf, &p.players[j].banzhaf);
                }
                if weights[i] > weights[j] {
                    prop_assert!(p.players[i].swings >= p.players[j].swings);
                }
            }
        }
    }

    #[test]
    fn symmetric_rules_give_equal_indices(n in 1usize..=40, k_frac in 1usize..=100) {
        let k = (n * k_frac).div_ceil(100).max(1) as u64;
        let p = power(&weighted_game(&vec![1; n], k), Which::All).unwrap();
        for x in &p.players {
            prop_assert_eq!(x.shapley.clone().unwrap(), frac(1, n as u64));
            prop_assert_eq!(x.banzhaf.clone().unwrap(), frac(1, n as u64));
        }
    }
}

#[test]
fn large_weighted_games_agree_across_methods() {
    // 30 members: too many coalitions to list, but the weighted and diagram methods must agree.
    let weights: Vec<u64> = (0..30).map(|i| (i * 37 % 23) + 1).collect();
    let total: u64 = weights.iter().sum();
    let w: Vec<i128> = weights.iter().map(|x| i128::from(*x)).collect();
    let f = threshold(&w, i128::from(total / 2 + 1));
    let g = WeightedGame { weights: weights.clone(), quota: total / 2 + 1, required: vec![false; 30] };
    let a = weighted::contributions(&g, Which::All).unwrap().by_size.iter().map(|r| r.to_vec()).collect::<Vec<_>>();
    let b = diagram::contributions(30, &f).unwrap().by_size.iter().map(|r| r.to_vec()).collect::<Vec<_>>();
    assert_eq!(a, b);
}
