//! A casting vote given to the person presiding, or to an office (`on a tie, the chair has the
//! casting vote`), in `concord power` and the checker's coalition analyses (docs/semantics.md,
//! "The coalition analyses and the casting vote"):
//!
//! - `concord power` works a rule out with the holder at a proposal's meeting (`--proposal`, its
//!   date and `presiding:` line), and without one says plainly that the holder is not known
//!   rather than treat the casting vote as nobody's;
//! - the checker reports only what holds whoever holds the casting vote, and says the rest
//!   depends on who that is (it used to say each member could block alone, which is false at a
//!   meeting another member chairs);
//! - the bundled `examples/joint-committee` (a rotating chair);
//! - a property: on generated boards, presiding members and ballots with everyone present, the
//!   game `concord power` analyses passes exactly when the evaluator and the reference
//!   evaluator (`concord::oracle`) say the proposal passes.

use assert_cmd::Command;
use concord::coalitions::{CastingHolder, CompileError, Game};
use concord::model::Agreement;
use proptest::prelude::*;

fn concord(args: &[&str]) -> (Option<i32>, String) {
    let out = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code(), text)
}

#[test]
fn power_takes_the_holder_from_the_meeting_or_says_it_is_not_known() {
    let (code, text) = concord(&["power", "tests/casting/presided.concord"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("not worked out: the casting vote is held by whoever presides at the meeting"), "{text}");
    assert!(!text.contains("veto player"), "{text}");
    let (code, text) =
        concord(&["power", "--proposal", "tests/casting/presided-by-ca.proposal", "tests/casting/presided.concord"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("ca      50.00%  100.00%       2  100.00%  dictator: decides alone"), "{text}");
    assert!(text.contains("dummy: its vote never changes the outcome"), "{text}");
}

#[test]
fn power_on_a_rotating_chair_takes_the_chair_of_the_proposals_day() {
    let decision = "approve the joint commissioning plan";
    let (code, text) = concord(&["power", "--decision", decision, "examples/joint-committee.concord"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("the casting vote is held by whoever holds the office of chair at the meeting"), "{text}");
    let (code, text) = concord(&[
        "power",
        "--decision",
        decision,
        "--proposal",
        "examples/joint-committee.scenarios",
        "examples/joint-committee.concord",
    ]);
    assert_eq!(code, Some(0), "{text}");
    // The council member presiding holds the casting vote: it decides more ties than the rest.
    assert!(text.contains("cabinet  25.00%   50.00%       6   50.00%"), "{text}");
    assert!(text.contains("leader   25.00%   16.67%       2   16.67%"), "{text}");
}

#[test]
fn the_checker_reports_only_what_holds_whoever_presides() {
    let (code, text) = concord(&["check", "tests/casting/presided.concord"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(!text.contains("unintended_veto"), "{text}");
    assert!(!text.contains("gridlock"), "{text}");
    assert!(text.contains("concord::check::not_analysed"), "{text}");
    assert!(
        text.contains("the casting vote is held by whoever presides, or holds the office, at the meeting"),
        "{text}"
    );
    // The bundled agreements with a chair's casting vote stay clean.
    for example in ["joint-committee", "health-and-wellbeing-board", "joint-commissioning-committee"] {
        let (code, text) = concord(&["check", "--deny", "warnings", &format!("examples/{example}.concord")]);
        assert_eq!(code, Some(0), "{example}: {text}");
    }
}

fn board(weights: &[u8]) -> String {
    let mut text = "agreement \"Board\"\n".to_string();
    for (i, w) in weights.iter().enumerate() {
        text.push_str(&format!("\nmember m{i} \"Member {i}\"\n  votes {w}\n"));
    }
    text.push_str(
        "\ndecision \"presided\"\n  passes if more than half of votes cast in favour\n  on a tie, the person presiding has the casting vote\n",
    );
    text
}

fn read(text: &str) -> Agreement {
    let loaded = concord::load::load(text);
    assert!(!loaded.has_errors(), "{text}");
    loaded.agreement.unwrap_or_else(|| panic!("{text}"))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn the_game_power_analyses_passes_as_the_evaluator_decides(
        weights in proptest::collection::vec(1u8..4, 2..6),
        presiding in 0usize..6,
        coalition in proptest::collection::vec(any::<bool>(), 6),
    ) {
        let text = board(&weights);
        let agreement = read(&text);
        let decision = &agreement.decisions[0];
        let presiding = presiding % weights.len();
        let (mut favour, mut against) = (Vec::new(), Vec::new());
        for (i, in_favour) in coalition.iter().take(weights.len()).enumerate() {
            if *in_favour { favour.push(format!("m{i}")) } else { against.push(format!("m{i}")) }
        }
        let mut proposal = format!("proposal \"p\"\n  decision \"presided\"\n  presiding: m{presiding}\n");
        if !favour.is_empty() {
            proposal.push_str(&format!("  in favour: {}\n", favour.join(", ")));
        }
        if !against.is_empty() {
            proposal.push_str(&format!("  against: {}\n", against.join(", ")));
        }
        let parsed = concord::syntax::parse(&proposal);
        let (inputs, errors) = concord::load::load_inputs(&agreement, &parsed.file);
        prop_assert!(errors.is_empty(), "{proposal}");
        let p = &inputs.proposals[0];
        let real = concord::eval::Evaluator::new(&agreement, &text).evaluate(p, &proposal)
            .unwrap_or_else(|e| panic!("{e}"));
        let electorate = concord::weights::electorate(&agreement, decision, Some(p)).unwrap_or_else(|e| panic!("{e:?}"));
        let rule = &decision.rules[0];
        // Without a meeting the holder is not known: no game is made as if nobody held it.
        prop_assert_eq!(
            Game::of_decision(&agreement, decision, &electorate, rule).err(),
            Some(CompileError::CastingHolderUnknown)
        );
        let holder = CastingHolder::at_meeting(&agreement, decision, p);
        prop_assert_eq!(holder, CastingHolder::Member(concord::model::MemberId(presiding as u32)));
        let game = Game::of_proposal(&agreement, decision, &electorate, rule, holder)
            .unwrap_or_else(|e| panic!("{e:?}"));
        let ballot: Vec<bool> = coalition.iter().take(weights.len()).copied().collect();
        let passed = real.outcome.result == concord::eval::OutcomeKind::Passed;
        prop_assert_eq!(game.passes(&ballot), passed, "{}\n{}", text, proposal);
        if let Ok(verdict) = concord::oracle::decide(&agreement, p) {
            prop_assert_eq!(verdict.outcome == concord::oracle::OutcomeKind::Passed, passed, "{}\n{}", text, proposal);
        }
    }
}
