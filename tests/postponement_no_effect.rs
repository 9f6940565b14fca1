//! `concord::check::postponement_no_effect`: a postponement clause whose share is already a
//! blocking minority (every group that may ask could defeat the proposal by voting against it),
//! or that any one member holds alone, is warned of; a near-blocking minority (Ioannina) is not.
//! A property holds the finding to the evaluator: where it is reported, no proposal that those
//! asking could postpone passes with them voting against.

use assert_cmd::Command;
use proptest::prelude::*;

fn check(path: &str) -> (Option<i32>, String) {
    let out = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["check", "--deny", "warnings", path])
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr))
}

#[test]
fn a_blocking_minority_asking_for_time_is_warned_of() {
    let (code, text) = check("tests/check/err_postponement_no_effect.concord");
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("concord::check::postponement_no_effect"), "{text}");
    let source =
        std::fs::read_to_string("tests/check/err_postponement_no_effect.concord").unwrap_or_else(|e| panic!("{e}"));
    let agreement = concord::load::load(&source).agreement.unwrap_or_else(|| panic!("reads"));
    let words: Vec<String> = concord::check::check(&agreement).iter().map(|d| d.to_string()).collect();
    assert!(
        words.iter().any(|w| w.contains("never gives a minority a say it does not already have")
            && w.contains("(even the smallest such group, `icb` and `council`)")),
        "{words:?}"
    );
}

#[test]
fn a_near_blocking_minority_is_not() {
    let (code, text) = check("tests/check/ok_postponement_near_blocking.concord");
    assert_eq!(code, Some(0), "{text}");
    let (code, text) = check("examples/community-partnership-procedure.concord");
    assert_eq!(code, Some(0), "{text}");
}

#[test]
fn any_one_member_holding_the_share_is_warned_of() {
    let text = "agreement \"Three\"\nmember a1\nmember a2\nmember a3\ndecision \"d\"\n  passes if more than half of votes cast in favour\n  members holding at least 30% of eligible votes who ask may have it postponed\n";
    let found = concord::check::check(&concord::load::load(text).agreement.unwrap_or_else(|| panic!("reads")));
    let words: Vec<String> = found.iter().map(|d| d.to_string()).collect();
    assert!(words.iter().any(|w| w.contains("lets any one member put off every proposal")), "{words:?}");
}

fn agreement(votes: &[u8], threshold: u8, share: u8) -> String {
    let mut text = "agreement \"Generated\"\n".to_string();
    for (i, v) in votes.iter().enumerate() {
        text.push_str(&format!("\nmember m{i}\n  votes {v}\n"));
    }
    text.push_str(&format!(
        "\ndecision \"d\"\n  passes if at least {threshold}% of eligible votes in favour\n  members holding at least {share}% of eligible votes who ask may have it postponed\n"
    ));
    text
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn where_the_clause_is_said_to_give_no_say_those_asking_could_defeat_it_anyway(
        votes in proptest::collection::vec(1u8..5, 2..6),
        threshold in 10u8..100,
        share in 5u8..95,
        asking in proptest::collection::vec(any::<bool>(), 6),
    ) {
        let text = agreement(&votes, threshold, share);
        let loaded = concord::load::load(&text);
        let Some(a) = loaded.agreement else { return Ok(()) };
        let found = concord::check::check(&a);
        let no_say = found.iter().any(|d| d.to_string().contains("never gives a minority a say"));
        if !no_say {
            return Ok(());
        }
        // Any group: if it may have the proposal postponed, then with it voting against and
        // everyone else in favour (and nobody asking) the proposal does not pass.
        let group: Vec<String> =
            (0..votes.len()).filter(|i| asking.get(*i).copied().unwrap_or(false)).map(|i| format!("m{i}")).collect();
        let rest: Vec<String> =
            (0..votes.len()).filter(|i| !asking.get(*i).copied().unwrap_or(false)).map(|i| format!("m{i}")).collect();
        if group.is_empty() {
            return Ok(());
        }
        let mut asked = format!("proposal \"p\"\n  decision \"d\"\n  asking for postponement: {}\n", group.join(", "));
        asked.push_str(&format!("  against: {}\n", group.join(", ")));
        if !rest.is_empty() {
            asked.push_str(&format!("  in favour: {}\n", rest.join(", ")));
        }
        let parsed = concord::syntax::parse(&asked);
        let (inputs, errors) = concord::load::load_inputs(&a, &parsed.file);
        prop_assert!(errors.is_empty(), "{asked}");
        let evaluator = concord::eval::Evaluator::new(&a, &text);
        let postponed = evaluator.evaluate(&inputs.proposals[0], &asked).unwrap_or_else(|e| panic!("{e}"));
        if postponed.outcome.result != concord::eval::OutcomeKind::Postponed {
            return Ok(());
        }
        let voted = asked.replace(&format!("  asking for postponement: {}\n", group.join(", ")), "");
        let parsed = concord::syntax::parse(&voted);
        let (inputs, errors) = concord::load::load_inputs(&a, &parsed.file);
        prop_assert!(errors.is_empty(), "{voted}");
        let e = evaluator.evaluate(&inputs.proposals[0], &voted).unwrap_or_else(|e| panic!("{e}"));
        prop_assert_ne!(e.outcome.result, concord::eval::OutcomeKind::Passed, "{}\n{}", text, voted);
    }
}
