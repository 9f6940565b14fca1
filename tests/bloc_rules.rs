//! Blocs that decide by their own rule and casting vote (issue 21, item 7): on generated
//! agreements and ballots the evaluator agrees with the reference evaluator
//! (`concord::oracle`) on every outcome, and with the coalition engine (which `concord power`
//! and `concord check` use) on every full-attendance proposal; and the bundled example's
//! scenarios show a bloc's casting vote settling its position.

use concord::coalitions::Game;
use concord::eval::{evaluate, OutcomeKind, Sources};
use concord::model::Agreement;
use concord::oracle;
use proptest::prelude::*;

const RULES: [Option<&str>; 6] = [
    None,
    Some("decides by at least two thirds of its votes cast"),
    Some("decides by more than half of its eligible votes"),
    Some("decides by more than half of its members present"),
    Some("decides by at least 60% of its votes cast"),
    Some("decides by more than half of its votes cast"),
];

const DECISIONS: [&str; 3] = [
    "passes if each bloc in favour",
    "passes if the north bloc in favour and more than half of eligible votes in favour",
    "passes if more than half of votes cast in favour",
];

#[derive(Debug, Clone)]
struct Spec {
    votes: Vec<u8>,
    /// Which members are in bloc `a` (the rest are in bloc `b`).
    in_a: Vec<bool>,
    rules: [usize; 2],
    casting: [Option<usize>; 2],
    decision: usize,
    veto: bool,
    ballots: Vec<u8>,
}

fn spec() -> impl Strategy<Value = Spec> {
    (3usize..7).prop_flat_map(|n| {
        (
            proptest::collection::vec(1u8..4, n),
            proptest::collection::vec(any::<bool>(), n),
            [0usize..RULES.len(), 0usize..RULES.len()],
            [proptest::option::of(0usize..n), proptest::option::of(0usize..n)],
            0usize..DECISIONS.len(),
            any::<bool>(),
            proptest::collection::vec(0u8..4, n),
        )
            .prop_map(|(votes, in_a, rules, casting, decision, veto, ballots)| Spec {
                votes,
                in_a,
                rules,
                casting,
                decision,
                veto,
                ballots,
            })
    })
}

impl Spec {
    /// The members of bloc 0 (`a`) or 1 (`b`); each bloc has at least one member.
    fn bloc(&self, which: usize) -> Vec<usize> {
        let mut a: Vec<usize> = (0..self.votes.len()).filter(|i| self.in_a[*i]).collect();
        if a.is_empty() {
            a.push(0);
        }
        if a.len() == self.votes.len() {
            a.pop();
        }
        if which == 0 {
            a
        } else {
            (0..self.votes.len()).filter(|i| !a.contains(i)).collect()
        }
    }

    fn agreement(&self) -> String {
        let mut text = "agreement \"Blocs\"\n".to_string();
        for (i, v) in self.votes.iter().enumerate() {
            text.push_str(&format!("member m{i}\n  votes {v}\n"));
        }
        text.push_str("voting as set for each member\n");
        for (which, name) in ["north", "south"].iter().enumerate() {
            let members = self.bloc(which);
            let list: Vec<String> = members.iter().map(|m| format!("m{m}")).collect();
            text.push_str(&format!("bloc {name}\n  members {}\n", list.join(", ")));
            if let Some(rule) = RULES[self.rules[which]] {
                text.push_str(&format!("  {rule}\n"));
            }
            if let Some(h) = self.casting[which] {
                let holder = members[h % members.len()];
                text.push_str(&format!("  on a tie within the bloc, m{holder} has the casting vote\n"));
            }
        }
        text.push_str(&format!("decision \"d\"\n  {}\n", DECISIONS[self.decision]));
        if self.veto {
            text.push_str("  each bloc may veto\n");
        }
        text
    }

    fn proposal(&self) -> String {
        let mut lists: [Vec<String>; 3] = Default::default();
        for (i, b) in self.ballots.iter().enumerate() {
            if let Some(list) = lists.get_mut(*b as usize) {
                list.push(format!("m{i}"));
            }
        }
        let mut text = "proposal \"p\"\n  decision \"d\"\n".to_string();
        for (word, list) in ["in favour", "against", "abstaining"].iter().zip(&lists) {
            if !list.is_empty() {
                text.push_str(&format!("  {word}: {}\n", list.join(", ")));
            }
        }
        text
    }
}

fn agreement(text: &str) -> Agreement {
    let loaded = concord::load::load(text);
    assert!(!loaded.has_errors(), "{:?}\n{text}", loaded.diagnostics);
    loaded.agreement.unwrap_or_else(|| panic!("the agreement does not read"))
}

fn oracle_kind(kind: OutcomeKind) -> oracle::OutcomeKind {
    oracle::OutcomeKind::from(kind)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn the_evaluator_the_oracle_and_the_coalition_engine_agree_on_blocs(spec in spec()) {
        let text = spec.agreement();
        let a = agreement(&text);
        let proposal = spec.proposal();
        let parsed = concord::syntax::parse(&proposal);
        let (inputs, errors) = concord::load::load_inputs(&a, &parsed.file);
        prop_assert!(errors.is_empty(), "{errors:?}");
        let p = &inputs.proposals[0];
        let real = evaluate(&a, p, Sources { agreement: &text, proposal: &proposal }).unwrap_or_else(|e| panic!("{e}"));
        let verdict = oracle::decide(&a, p).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        prop_assert_eq!(oracle_kind(real.outcome.result), verdict.outcome, "{}\n{}", text, proposal);

        // With everyone present and voting for or against, the coalition engine's game says the same.
        if spec.ballots.iter().all(|b| *b < 2) {
            let decision = &a.decisions[0];
            let electorate = concord::weights::electorate(&a, decision, None).unwrap_or_else(|e| panic!("{e}"));
            let game = Game::of_decision(&a, decision, &electorate, &decision.rules[0])
                .unwrap_or_else(|_| panic!("no game\n{text}"));
            let coalition: Vec<bool> = game.players.iter().map(|m| spec.ballots[m.index()] == 0).collect();
            prop_assert_eq!(
                game.passes(&coalition),
                real.outcome.result == OutcomeKind::Passed,
                "{}\n{}", text, proposal
            );
        }
    }
}

fn explain(scenario: &str) -> String {
    let options = concord::commands::eval::EvalOptions {
        scenario: Some(scenario.to_string()),
        weights: concord::commands::eval::Weights::Hide,
        why: false,
    };
    let report = concord::commands::eval::eval(
        std::path::Path::new("examples/integrated-care-partnership.concord"),
        std::path::Path::new("examples/integrated-care-partnership.scenarios"),
        &options,
    );
    concord::report::eval_human(&report, concord::report::Colour::Off, 100)
}

#[test]
fn a_blocs_casting_vote_settles_a_tie_within_it() {
    let passed = explain("The County's casting vote carries the councils for the pooled funds");
    assert!(passed.contains("Outcome: passed"), "{passed}");
    assert!(passed.contains("county holds the casting vote within the bloc and voted in favour"), "{passed}");
    insta::assert_snapshot!("bloc_rules__casting_vote_passed", passed);
    let vetoed = explain("The County's casting vote puts the councils against: their veto");
    assert!(vetoed.contains("not carried (vetoed by councils)"), "{vetoed}");
    insta::assert_snapshot!("bloc_rules__casting_vote_vetoed", vetoed);
}
