//! Power indices on whole agreements against brute force: random small alliances (up to 10
//! members, explicit votes, two kinds and two blocs) with rules mixing weighted thresholds, class
//! majorities, head counts, a named member's consent, bloc majorities, vetoes and casting votes,
//! joined by `and` / `or`. Every coalition is listed and each member's marginals counted by
//! coalition size; the engine's counts must match exactly, whichever method it picks.

use concord::coalitions::Game;
use concord::power::{contributions, power, Which};
use num_bigint::BigInt;
use proptest::prelude::*;

const CONDITIONS: &[&str] = &[
    "at least 2/3 of eligible votes in favour",
    "more than half of eligible votes in favour",
    "at least 70% of eligible votes in favour",
    "more than half of eligible acute members in favour",
    "at least 3 members in favour",
    "m1 in favour",
    "each bloc in favour by more than half of its votes",
    "the health bloc in favour by at least half of its members",
    "fewer than 2 members against",
    "at most 80% of eligible votes in favour",
    "every eligible care member in favour",
    "half the eligible votes plus one in favour",
];

fn agreement(votes: &[u8], kinds: &[bool], rule: &[usize], or: bool, extras: u8) -> String {
    let mut text = String::from("agreement \"Random alliance\"\n  kinds acute, care\n\n");
    for (i, (v, k)) in votes.iter().zip(kinds).enumerate() {
        // The first two members fix one of each kind, so no kind or bloc is empty.
        let kind = if i == 0 {
            "acute"
        } else if i == 1 {
            "care"
        } else if *k {
            "acute"
        } else {
            "care"
        };
        text.push_str(&format!("member m{i}\n  kinds {kind}\n  votes {v}\n"));
    }
    text.push_str("\nvoting as set for each member\n\nbloc health\n  members of kind acute\nbloc social\n  members of kind care\n\n");
    let joined: Vec<&str> = rule.iter().map(|c| CONDITIONS[*c % CONDITIONS.len()]).collect();
    let connective = if or { " or " } else { " and " };
    let body = if joined.len() == 3 {
        // Mix the connectives with parentheses.
        let other = if or { " and " } else { " or " };
        format!("({}{other}{}){connective}{}", joined[0], joined[1], joined[2])
    } else {
        joined.join(connective)
    };
    text.push_str(&format!("decision \"pass\"\n  passes if {body}\n"));
    if extras & 1 == 1 {
        text.push_str("  m0 may veto\n");
    }
    if extras & 2 == 2 {
        text.push_str("  on a tie, m1 has the casting vote\n");
    }
    text
}

fn brute(game: &Game) -> Vec<Vec<BigInt>> {
    let n = game.players.len();
    let mut out = vec![vec![BigInt::from(0); n.max(1)]; n];
    for bits in 0u32..(1 << n) {
        let a: Vec<bool> = (0..n).map(|i| bits >> i & 1 == 1).collect();
        let size = a.iter().filter(|b| **b).count();
        let v = game.passes(&a);
        for i in (0..n).filter(|i| !a[*i]) {
            let mut with = a.clone();
            with[i] = true;
            out[i][size] += i64::from(game.passes(&with)) - i64::from(v);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn agreements_match_brute_force(
        votes in prop::collection::vec(0u8..10, 2..=10),
        kinds in prop::collection::vec(any::<bool>(), 10),
        rule in prop::collection::vec(0usize..100, 1..=3),
        or in any::<bool>(),
        extras in 0u8..4,
    ) {
        let text = agreement(&votes, &kinds[..votes.len()], &rule, or, extras);
        let loaded = concord::load::load(&text);
        prop_assume!(!loaded.has_errors());
        let agreement = loaded.agreement.unwrap();
        let decision = &agreement.decisions[0];
        let electorate = concord::weights::electorate(&agreement, decision, None).unwrap();
        let game = Game::of_decision(&agreement, decision, &electorate, &decision.rules[0]).unwrap();
        let want = brute(&game);
        let got = contributions(&game, Which::All).unwrap();
        prop_assert_eq!(&got.by_size.iter().map(|r| r.to_vec()).collect::<Vec<_>>(), &want, "{}", text);
        // Shapley–Shubik adds up to v(everyone) − v(nobody), exactly.
        let n = game.players.len();
        let p = power(&game, Which::All).unwrap();
        let expected = i64::from(game.passes(&vec![true; n])) - i64::from(game.passes(&vec![false; n]));
        let mut num = BigInt::from(0);
        let mut den = BigInt::from(1);
        for x in &p.players {
            let f = x.shapley.clone().unwrap();
            let d = f.denom().clone();
            num = num * &d + f.numer() * &den;
            den *= d;
        }
        prop_assert_eq!(num, den * expected, "{}", text);
        // Flags by their definitions, over every coalition.
        let all: Vec<Vec<bool>> = (0u32..(1 << n)).map(|b| (0..n).map(|i| b >> i & 1 == 1).collect()).collect();
        for (i, x) in p.players.iter().enumerate() {
            let dummy = all.iter().filter(|a| !a[i]).all(|a| {
                let mut with = a.clone();
                with[i] = true;
                game.passes(a) == game.passes(&with)
            });
            let passing: Vec<&Vec<bool>> = all.iter().filter(|a| game.passes(a)).collect();
            let veto = !passing.is_empty() && passing.iter().all(|a| a[i]);
            let dictator = all.iter().all(|a| game.passes(a) == a[i]);
            prop_assert_eq!((x.dummy, x.veto, x.dictator), (dummy, veto, dictator), "member {} of {}", i, text);
        }
    }
}
