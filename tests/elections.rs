//! Elections (C98): the bundled board's vice-chair election, the refusals, snapshots of the
//! count's explanation (a clear win, a tie decided by lot, a tie awaiting the lot), the
//! formatter's round trip, and a property holding the evaluator to the reference evaluator's
//! naive count (`concord::oracle::elections`).

use concord::model::elections::{Ballot, BallotVote};
use concord::model::{Agreement, MemberId};
use concord::oracle::elections::{elect, ElectionVerdict};
use concord::results::elections::{ElectedBy, ElectionOutcome, NotCountedReason};
use concord::span::{Span, Spanned};
use proptest::prelude::*;

const BOARD: &str = "examples/health-and-wellbeing-board";

fn explain(scenario: &str) -> String {
    let options = concord::commands::eval::EvalOptions {
        scenario: Some(scenario.to_string()),
        weights: concord::commands::eval::Weights::Hide,
        why: false,
    };
    let report = concord::commands::eval::eval(
        std::path::Path::new(&format!("{BOARD}.concord")),
        std::path::Path::new(&format!("{BOARD}.scenarios")),
        &options,
    );
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    concord::report::eval_human(&report, concord::report::Colour::Off, 100)
}

#[test]
fn the_count_is_explained() {
    insta::assert_snapshot!("election__clear_win", explain("The ICB is elected vice-chair with the most votes"));
    insta::assert_snapshot!("election__tie_by_lot", explain("A tie for vice-chair is decided by lot"));
    insta::assert_snapshot!("election__tie_awaiting_lot", explain("A tie for vice-chair awaits the lot"));
}

const AGREEMENT: &str = r#"agreement "Council"
  kinds core, ordinary

member ann
  kinds core
member ben
  kinds core
member cat
  kinds core
member x
  kinds ordinary
member y
  kinds ordinary
member z
  kinds ordinary
member w
  observer

election "deputy chair"
  candidates are the ordinary members
  only core members vote
  the candidate with the most votes is elected
  on a tie, it is decided by lot
"#;

/// The codes of the diagnostics a scenario file gives against [`AGREEMENT`].
fn codes(scenarios: &str) -> Vec<String> {
    let loaded = concord::load::load(AGREEMENT);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let agreement = loaded.agreement.unwrap_or_else(|| unreachable!());
    let parsed = concord::syntax::parse(scenarios);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let (_, errors) = concord::load::load_inputs(&agreement, &parsed.file);
    errors.iter().map(|e| e.code_string()).collect()
}

/// The votes [`AGREEMENT`]'s deputy chair election does not count, and why, in text and JSON.
#[test]
fn a_vote_not_counted_says_which_clause_leaves_it_out() {
    let loaded = concord::load::load(AGREEMENT);
    let agreement = loaded.agreement.unwrap_or_else(|| unreachable!());
    let parsed = concord::syntax::parse(
        "scenario \"s\"\n  elect \"deputy chair\"\n  ann votes for x\n  y votes for z\n  w votes for z\n",
    );
    let (inputs, errors) = concord::load::load_inputs(&agreement, &parsed.file);
    assert!(errors.is_empty(), "{errors:?}");
    let ballot = inputs.scenarios.first().and_then(|s| s.ballot.as_ref()).unwrap_or_else(|| unreachable!());
    let election = agreement.elections.first().unwrap_or_else(|| unreachable!());
    let result = concord::eval::elections::count(&agreement, election, ballot).unwrap_or_else(|e| panic!("{e:?}"));
    let reasons: Vec<_> = result.disregarded.iter().map(|d| (d.voter.as_str(), d.reason.clone())).collect();
    let only_core = NotCountedReason::OnlyKind { kind: "core".into() };
    assert_eq!(reasons, [("y", only_core), ("w", NotCountedReason::Observer)]);
    let json = serde_json::to_value(&result.disregarded).unwrap_or_default();
    let words: Vec<_> = json.as_array().into_iter().flatten().filter_map(|d| d["reason"].as_str()).collect();
    assert_eq!(words, ["only core members vote", "an observer never votes"]);
    let text = concord::report::elections::election_human(&result);
    assert!(text.contains("Not counted: y's vote for z, because only core members vote.\n"), "{text}");
    let other = [
        (NotCountedReason::KindExcluded { kind: "associate".into() }, "associate members do not vote"),
        (NotCountedReason::MemberExcluded { member: "hw".into() }, "hw does not vote"),
        (NotCountedReason::NotInElection, "it does not vote in this election"),
    ];
    for (reason, said) in other {
        assert_eq!(concord::report::elections::not_counted_words(&reason), said);
    }
}

#[test]
fn what_cannot_be_counted_is_refused() {
    let scenario = |lines: &str| format!("scenario \"s\"\n  elect \"deputy chair\"\n{lines}");
    let cases = [
        ("  votes for ann: ben\n", "concord::model::election_not_candidate"),
        ("  votes for x: ann\n  ben votes for y\n  ann votes for z\n", "concord::model::election_voted_twice"),
        ("  votes for x: q\n", "concord::model::unknown_name"),
        ("  ann votes for x\n  ben votes for y\n  the lot fell to z\n", "concord::model::election_lot_not_tied"),
        ("  ann votes for x\n  the lot fell to x\n", "concord::model::election_no_tie"),
        ("  ann votes for x\n  ben votes for y\n  the casting vote was for x\n", "concord::model::election_tie_rule"),
    ];
    for (lines, code) in cases {
        assert_eq!(codes(&scenario(lines)), [code], "{lines}");
    }
    assert_eq!(codes("scenario \"s\"\n  elect \"deputy chiar\"\n"), ["concord::model::unknown_name"]);
    assert_eq!(codes("scenario \"s\"\n  ann votes for x\n"), ["concord::model::election_not_held"]);
}

#[test]
fn an_election_block_says_what_it_needs() {
    let code = |election: &str| {
        let text = format!("agreement \"A\"\nmember ann\nmember ben\nelection \"e\"\n{election}");
        concord::load::load(&text).diagnostics.iter().map(|d| d.code_string()).collect::<Vec<_>>()
    };
    assert_eq!(code("  the candidate with the most votes is elected\n"), ["concord::model::election_candidates"]);
    assert_eq!(code("  candidates are the members\n"), ["concord::model::election_winner"]);
    assert_eq!(
        code("  candidates are ann and ben\n  the candidate with the most votes is elected\n  a candidate needs more than half of the votes cast, or the lowest is eliminated and the vote retaken\n"),
        ["concord::model::election_majority"]
    );
    assert!(code("  candidates are ann, ben\n  the candidate with the most votes is elected\n  on a tie, ann has the casting vote\n").is_empty());
}

#[test]
fn formatting_keeps_every_word() {
    let messy =
        AGREEMENT.replace("\n  candidates are", "\n      candidates are").replace("\nmember ben", "\n\n\nmember ben");
    let formatted = concord::fmt::layout(&messy, 100).unwrap_or_else(|e| panic!("{e:?}"));
    let canonical = concord::fmt::layout(AGREEMENT, 100).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(formatted, canonical);
    assert!(formatted.contains("\n  candidates are the ordinary members\n"), "{formatted}");
    assert_eq!(concord::fmt::layout(&formatted, 100).unwrap_or_else(|e| panic!("{e:?}")), formatted);
    let scenarios = "scenario \"s\"\n  elect \"deputy chair\"\n  votes for x:   ann,  ben\n  cat votes for y\n  the lot fell to x\n  expect tied between x and y\n";
    let tidy = scenarios.replace("x:   ann,  ben", "x: ann, ben");
    assert_eq!(concord::fmt::layout(scenarios, 100).unwrap_or_else(|e| panic!("{e:?}")), tidy);
}

fn board(kinds: &[bool], observer: usize, tie: u8, only_core: bool, weights: &[u8]) -> String {
    let mut text = String::from("agreement \"P\"\n  kinds core, ordinary\n\nvoting as set for each member\n\n");
    for (i, ordinary) in kinds.iter().enumerate() {
        let kind = if *ordinary { "ordinary" } else { "core" };
        let weight = weights.get(i).copied().unwrap_or(1);
        text.push_str(&format!("member m{i}\n  kinds {kind}\n  votes {weight}\n"));
        if i == observer {
            text.push_str("  observer\n");
        }
    }
    text.push_str("\nelection \"e\"\n  candidates are the ordinary members\n");
    if only_core {
        text.push_str("  only core members vote\n");
    }
    text.push_str("  the candidate with the most votes is elected\n");
    match tie {
        0 => text.push_str("  on a tie, it is decided by lot\n"),
        1 => text.push_str("  on a tie, m0 has the casting vote\n"),
        _ => {}
    }
    text
}

fn span() -> Span {
    Span::default()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// On generated councils and ballots the evaluator's count agrees with the reference's:
    /// who is elected and how, who is tied, no votes, and every refusal.
    #[test]
    fn the_evaluator_and_the_oracle_agree_on_elections(
        kinds in proptest::collection::vec(any::<bool>(), 3..8),
        observer in 0usize..10,
        tie in 0u8..3,
        only_core in any::<bool>(),
        weights in proptest::collection::vec(0u8..3, 8),
        choices in proptest::collection::vec(proptest::option::of(0usize..8), 8),
        lot in proptest::option::of(0usize..8),
        casting in any::<bool>(),
    ) {
        prop_assume!(kinds.iter().any(|k| *k));
        let text = board(&kinds, observer, tie, only_core, &weights);
        let loaded = concord::load::load(&text);
        prop_assert!(!loaded.has_errors(), "{:?}\n{text}", loaded.diagnostics);
        let agreement: Agreement = loaded.agreement.unwrap_or_else(|| unreachable!());
        let election = agreement.elections.first().unwrap_or_else(|| unreachable!());
        let candidates = election.candidates_in(&agreement);
        let pick = |i: usize| candidates.get(i % candidates.len()).copied().unwrap_or(MemberId(0));
        let votes = kinds
            .iter()
            .enumerate()
            .filter_map(|(i, _)| choices.get(i).copied().flatten().map(|c| (i, c)))
            .map(|(i, c)| BallotVote {
                voter: Spanned::new(MemberId(i as u32), span()),
                candidate: Spanned::new(pick(c), span()),
            })
            .collect();
        let recorded = lot.map(|l| Spanned::new(pick(l), span()));
        let ballot = Ballot {
            election: Spanned::new(0, span()),
            votes,
            lot: if casting { None } else { recorded },
            casting: if casting { recorded } else { None },
            expectations: Vec::new(),
        };
        let reference = elect(&agreement, election, &ballot).unwrap_or_else(|e| panic!("{e}"));
        let key = |m: MemberId| agreement.member(m).map_or_else(String::new, |m| m.key.clone());
        match concord::eval::elections::count(&agreement, election, &ballot) {
            Err(_) => prop_assert_eq!(reference, ElectionVerdict::Refused, "{}", text),
            Ok(result) => {
                let expected = match &reference {
                    ElectionVerdict::MostVotes(m) => ElectionOutcome::Elected { candidate: key(*m), by: ElectedBy::MostVotes },
                    ElectionVerdict::ByLot(m) => ElectionOutcome::Elected { candidate: key(*m), by: ElectedBy::Lot },
                    ElectionVerdict::ByCastingVote(m) => ElectionOutcome::Elected {
                        candidate: key(*m),
                        by: ElectedBy::CastingVote { holder: "m0".into() },
                    },
                    ElectionVerdict::NoVotes => ElectionOutcome::NoVotes,
                    ElectionVerdict::Tied(among) => match &result.outcome {
                        ElectionOutcome::Tied { among: got, .. } => {
                            prop_assert_eq!(got.clone(), among.iter().map(|m| key(*m)).collect::<Vec<_>>());
                            result.outcome.clone()
                        }
                        other => panic!("the oracle finds a tie, the evaluator {other:?}\n{text}"),
                    },
                    ElectionVerdict::Refused => panic!("the oracle refuses, the evaluator counts {:?}\n{text}", result.outcome),
                };
                prop_assert_eq!(result.outcome, expected, "{}", text);
            }
        }
    }
}

#[test]
fn diff_sees_an_election_change() {
    let load = |text: &str| {
        let loaded = concord::load::load(text);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        loaded.agreement.unwrap_or_else(|| unreachable!())
    };
    let old = load(AGREEMENT);
    let same = concord::diff::diff(&old, &load(&AGREEMENT.replace("  only core", "  # a comment\n  only core")));
    assert!(same.same_meaning(), "{same:?}");
    let changed = concord::diff::diff(&old, &load(&AGREEMENT.replace("  on a tie, it is decided by lot\n", "")));
    assert!(!changed.same_meaning());
    assert_eq!(
        changed.elections.iter().map(|e| (e.election.as_str(), e.change)).collect::<Vec<_>>(),
        [("deputy chair", "changed")]
    );
}

/// The JSON shape of an election item (docs/json.md, "An election's count").
#[test]
fn json_shape() {
    let options = concord::commands::eval::EvalOptions {
        scenario: Some("A tie for vice-chair awaits the lot".to_string()),
        weights: concord::commands::eval::Weights::Hide,
        why: false,
    };
    let report = concord::commands::eval::eval(
        std::path::Path::new(&format!("{BOARD}.concord")),
        std::path::Path::new(&format!("{BOARD}.scenarios")),
        &options,
    );
    let json = serde_json::to_value(&report).unwrap_or_else(|e| panic!("{e}"));
    let item = &json["evaluations"][0];
    assert_eq!(item["kind"], "election");
    assert_eq!(item["count"]["outcome"]["result"], "tied");
    assert_eq!(item["count"]["outcome"]["awaiting"], "lot");
    assert_eq!(item["count"]["tied"], serde_json::json!(["icb", "trust"]));
    insta::assert_snapshot!("election__json", serde_json::to_string_pretty(item).unwrap_or_default());
}
