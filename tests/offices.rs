//! Offices that change from meeting to meeting (issue 21): the casting vote of the person
//! presiding, given on each proposal by `presiding: MEMBER`.
//!
//! - the bundled `examples/health-and-wellbeing-board` scenarios: the same tie passes or fails with who
//!   presided, and the working says who presided (snapshots of one passing and one failing
//!   explanation);
//! - the refusals: no `presiding:` line, a member presiding who is not listed, a `presiding:`
//!   line that changes nothing, two holders of one casting vote;
//! - a property: on generated boards and ballots the evaluator agrees with the reference
//!   evaluator (`concord::oracle`) on the outcome and on whose casting vote decided it, and the
//!   holder is always the member presiding.

use concord::eval::{evaluate, Sources};
use concord::model::inputs::Proposal;
use concord::model::{Agreement, MemberId};
use concord::oracle;
use concord::report::{eval_human, Colour};
use proptest::prelude::*;

fn agreement(text: &str) -> Agreement {
    let loaded = concord::load::load(text);
    loaded.agreement.unwrap_or_else(|| panic!("the agreement does not read"))
}

/// The proposals of `text` read against `agreement`, with the codes of the errors found.
fn proposals(agreement: &Agreement, text: &str) -> (Vec<Proposal>, Vec<String>) {
    let parsed = concord::syntax::parse(text);
    assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
    let (inputs, errors) = concord::load::load_inputs(agreement, &parsed.file);
    let codes = errors.iter().map(|e| e.code_string()).collect();
    (inputs.proposals, codes)
}

fn explain(example: &str, scenario: &str) -> String {
    let options = concord::commands::eval::EvalOptions {
        scenario: Some(scenario.to_string()),
        weights: concord::commands::eval::Weights::Hide,
        why: false,
    };
    let report = concord::commands::eval::eval(
        std::path::Path::new(&format!("examples/{example}.concord")),
        std::path::Path::new(&format!("examples/{example}.scenarios")),
        &options,
    );
    eval_human(&report, Colour::Off, 100)
}

#[test]
fn a_tie_goes_the_way_of_whoever_presided() {
    let passed =
        explain("health-and-wellbeing-board", "A tied plan at a meeting the Leader chairs goes the Leader's way");
    assert!(passed.contains("Outcome: passed on the casting vote of leader."), "{passed}");
    assert!(passed.contains("leader, who presided, has the casting vote"), "{passed}");
    insta::assert_snapshot!("offices__presiding_passed", passed);

    let rejected = explain("health-and-wellbeing-board", "The same tie at a meeting the ICB chairs goes the other way");
    assert!(rejected.contains("rejected on the casting vote of icb"), "{rejected}");
    assert!(rejected.contains("icb, who presided, has the casting vote"), "{rejected}");
    insta::assert_snapshot!("offices__presiding_rejected", rejected);
}

const BOARD: &str = "agreement \"Board\"
  kinds council, nhs

member mayor \"City Mayor\"
  kinds council
member ccg \"CCG Chair\"
  kinds nhs
member cfo \"CCG Chief Finance Officer\"
  kinds nhs

decision \"presided\"
  passes if more than half of votes cast in favour
  on a tie, the person presiding has the casting vote

decision \"plain\"
  passes if more than half of votes cast in favour
";

#[test]
fn who_presided_is_never_guessed() {
    let board = agreement(BOARD);
    let cases = [
        ("decision \"presided\"\n  in favour: mayor\n  against: ccg\n", "concord::model::missing_presiding"),
        (
            "decision \"presided\"\n  presiding: cfo\n  in favour: mayor\n  against: ccg\n",
            "concord::model::presiding_absent",
        ),
        (
            "decision \"plain\"\n  presiding: mayor\n  in favour: mayor\n  against: ccg\n",
            "concord::model::presiding_not_used",
        ),
    ];
    for (body, code) in cases {
        let (_, codes) = proposals(&board, &format!("proposal \"p\"\n  {body}"));
        assert_eq!(codes, vec![code.to_string()], "{body}");
    }
    // Presiding and abstaining is present: read without a refusal.
    let (read, codes) =
        proposals(&board, "proposal \"p\"\n  decision \"presided\"\n  presiding: cfo\n  abstaining: cfo\n  in favour: mayor\n  against: ccg\n");
    assert!(codes.is_empty(), "{codes:?}");
    assert_eq!(read[0].presiding.map(|p| p.node), Some(MemberId(2)));
}

#[test]
fn one_casting_vote_cannot_have_two_holders() {
    let text = BOARD.replace(
        "  on a tie, the person presiding has the casting vote\n",
        "  on a tie, the person presiding has the casting vote\n  on a tie, mayor has the casting vote\n",
    );
    let loaded = concord::load::load(&text);
    let codes: Vec<String> = loaded.diagnostics.iter().map(|e| e.code_string()).collect();
    assert!(codes.contains(&"concord::model::duplicate_clause".to_string()), "{codes:?}");
}

/// A board of `size` members, one vote each, whose decision gives the casting vote to the
/// person presiding; `excluded` does not vote on it.
fn board(size: usize, excluded: Option<usize>) -> String {
    let mut text = String::from("agreement \"Generated board\"\n");
    for i in 0..size {
        text.push_str(&format!("member m{i}\n"));
    }
    text.push_str("decision \"d\"\n  passes if more than half of votes cast in favour\n");
    if let Some(x) = excluded {
        text.push_str(&format!("  m{x} does not vote\n"));
    }
    text.push_str("  on a tie, the person presiding has the casting vote\n");
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_evaluator_and_the_oracle_agree_on_the_person_presiding(
        size in 2usize..7,
        ballots in proptest::collection::vec(0u8..3, 7),
        presiding in 0usize..7,
        excluded in proptest::option::of(0usize..7),
        line in 0u8..3,
    ) {
        let presiding = presiding % size;
        let excluded = excluded.map(|x| x % size);
        let text = board(size, excluded);
        let board = agreement(&text);
        let mut lists: [Vec<String>; 3] = Default::default();
        for (i, b) in ballots.iter().take(size).enumerate() {
            lists[*b as usize].push(format!("m{i}"));
        }
        // The member presiding is present: abstaining unless it voted.
        let name = format!("m{presiding}");
        if !lists.iter().any(|l| l.contains(&name)) {
            lists[2].push(name.clone());
        }
        let mut proposal = format!("proposal \"p\"\n  decision \"d\"\n  presiding: {name}\n");
        for (word, list) in ["in favour", "against", "abstaining"].iter().zip(&lists) {
            if !list.is_empty() {
                proposal.push_str(&format!("  {word}: {}\n", list.join(", ")));
            }
        }
        match line {
            1 => proposal.push_str("  casting vote: in favour\n"),
            2 => proposal.push_str("  casting vote: against\n"),
            _ => {}
        }
        let (read, codes) = proposals(&board, &proposal);
        prop_assert!(codes.is_empty(), "{codes:?}\n{proposal}");
        let p = &read[0];
        let real = evaluate(&board, p, Sources { agreement: &text, proposal: &proposal })
            .unwrap_or_else(|e| panic!("{e}"));
        let Ok(verdict) = oracle::decide(&board, p) else { return Ok(()) };
        let kind = oracle::OutcomeKind::from(real.outcome.result);
        prop_assert_eq!(kind, verdict.outcome, "{}\n{}", text, proposal);
        let cast_by = real.outcome.casting_vote.as_ref().map(|c| c.id);
        prop_assert_eq!(cast_by, verdict.casting_vote, "{}\n{}", text, proposal);
        if let Some(holder) = cast_by {
            prop_assert_eq!(holder, MemberId(presiding as u32));
        }
    }
}

#[test]
fn a_proxy_counts_where_the_agreement_allows_it_and_is_disregarded_where_not() {
    let counted = explain("mental-health-collaborative", "An absent trust's vote, cast by its proxy, counts");
    assert!(counted.contains("swlstg, by proxy slam"), "{counted}");
    insta::assert_snapshot!("offices__proxy_counted", counted);
    let disregarded = explain("mental-health-collaborative", "The independent-sector hospital cannot vote by proxy");
    assert!(
        disregarded.contains("the agreement does not let rsc vote by proxy, so rsc counts as absent"),
        "{disregarded}"
    );
    insta::assert_snapshot!("offices__proxy_disregarded", disregarded);
}

const PROXIES: &str = "agreement \"Proxies\"
  kinds nhs, lay
  only nhs members may vote by proxy
  no member may hold more than 1 proxy

member ann
  kinds nhs
member bea
  kinds nhs
member cal
  kinds lay

decision \"d\"
  passes if more than half of eligible votes in favour
";

#[test]
fn a_proxy_that_is_not_settled_is_refused() {
    let board = agreement(PROXIES);
    let cases = [
        ("in favour: ann, bea (by proxy bea)", "concord::model::own_proxy"),
        ("in favour: ann (by proxy cal)", "concord::model::proxy_holder_absent"),
        ("in favour: cal, ann (by proxy cal), bea (by proxy cal)", "concord::model::too_many_proxies"),
    ];
    for (votes, code) in cases {
        let (_, codes) = proposals(&board, &format!("proposal \"p\"\n  decision \"d\"\n  {votes}\n"));
        assert_eq!(codes, vec![code.to_string()], "{votes}");
    }
    let (read, codes) = proposals(&board, "proposal \"p\"\n  decision \"d\"\n  in favour: cal, ann (by proxy cal)\n");
    assert!(codes.is_empty(), "{codes:?}");
    assert_eq!(read[0].cast_by.len(), 1);
}

/// An agreement of `size` members of two kinds, where `nhs` members may vote by proxy and
/// `substitutes` says whether every member may vote by substitute.
fn stand_in_board(size: usize, substitutes: bool) -> String {
    let mut text = String::from("agreement \"Generated\"\n  kinds nhs, lay\n  only nhs members may vote by proxy\n");
    if substitutes {
        text.push_str("  members may vote by substitute\n");
    }
    for i in 0..size {
        text.push_str(&format!("member m{i}\n  kinds {}\n", if i % 2 == 0 { "nhs" } else { "lay" }));
    }
    text.push_str(
        "decision \"d\"\n  passes if more than half of eligible votes in favour\n  quorum at least 2 members present\n",
    );
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_evaluator_and_the_oracle_agree_on_substitutes_and_proxies(
        size in 2usize..7,
        ballots in proptest::collection::vec(0u8..3, 7),
        agents in proptest::collection::vec(0u8..3, 7),
        substitutes in any::<bool>(),
    ) {
        let text = stand_in_board(size, substitutes);
        let board = agreement(&text);
        // m0 votes in its own right and holds every proxy (there is no limit here).
        let mut lists: [Vec<String>; 3] = Default::default();
        for (i, b) in ballots.iter().take(size).enumerate() {
            let by = match agents.get(i) {
                Some(1) if i > 0 => " (by substitute)",
                Some(2) if i > 0 => " (by proxy m0)",
                _ => "",
            };
            lists[*b as usize].push(format!("m{i}{by}"));
        }
        let mut proposal = String::from("proposal \"p\"\n  decision \"d\"\n");
        for (word, list) in ["in favour", "against", "abstaining"].iter().zip(&lists) {
            if !list.is_empty() {
                proposal.push_str(&format!("  {word}: {}\n", list.join(", ")));
            }
        }
        let (read, codes) = proposals(&board, &proposal);
        prop_assert!(codes.is_empty(), "{codes:?}\n{proposal}");
        let p = &read[0];
        let real = evaluate(&board, p, Sources { agreement: &text, proposal: &proposal })
            .unwrap_or_else(|e| panic!("{e}"));
        let Ok(verdict) = oracle::decide(&board, p) else { return Ok(()) };
        let kind = oracle::OutcomeKind::from(real.outcome.result);
        prop_assert_eq!(kind, verdict.outcome, "{}\n{}", text, proposal);
        // A disallowed stand-in leaves its member absent; an allowed one never does.
        for m in &real.members {
            if let Some(c) = m.cast_in_place.as_deref() {
                prop_assert_eq!(c.disregarded, m.vote == concord::eval::Ballot::Absent, "{}", proposal);
                let lay = m.id.0 % 2 == 1;
                let allowed = match c.by {
                    concord::eval::StandIn::Proxy => !lay,
                    concord::eval::StandIn::Substitute => substitutes,
                };
                prop_assert_eq!(allowed, !c.disregarded, "{}", proposal);
            }
        }
    }
}
