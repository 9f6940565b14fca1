//! A scenario that follows a proposal which passed and changes the agreement (`on passing, …`)
//! is decided under the agreement as that proposal left it (docs/semantics.md, "Sequences"):
//!
//! - the bundled-style fixture `tests/sequence/changes-on-passing.scenarios`: a role moved, then
//!   a clause written with the role's name (`the lead provider in favour`, `the lead provider has
//!   the casting vote`) counts the new holder; a member joined, then votes and may be concerned;
//!   a member left, then cannot vote; the same votes under the agreement as written come out as
//!   before;
//! - refusals (`tests/sequence/changes-refused.scenarios`): a change the agreement cannot take,
//!   and a following scenario that names a member who left; a failing step's working says which
//!   changes are in force;
//! - a property: on generated agreements, changes and ballots, the following step comes out as
//!   it does under the agreement written out with the changes made, by the evaluator and by the
//!   reference evaluator (`concord::oracle`).

use assert_cmd::Command;
use concord::model::Agreement;
use proptest::prelude::*;

fn concord_test(file: &str) -> (Option<i32>, String) {
    let out = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["test", file])
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn a_step_after_a_change_is_decided_under_the_agreement_as_changed() {
    let (code, text) = concord_test("tests/sequence/changes-on-passing.scenarios");
    assert_eq!(code, Some(0), "{text}");
    for passes in [
        "✓ The plan, with the new lead provider in favour",
        "✓ The plan, under the agreement as written",
        "✓ A tie, the new lead provider casting",
        "✓ A tie, the lead provider as written casting",
        "✓ After the hospice joins, it votes",
        "✓ The hospice's vote, under the agreement as written",
        "✓ The hospice is concerned",
        "✓ The hospice leads the plan",
        "✓ After vcs leaves, it cannot vote",
        "✓ After vcs leaves, two members decide",
    ] {
        assert!(text.contains(passes), "{passes}:\n{text}");
    }
    assert!(text.contains("13 passed, 0 failed"), "{text}");
}

#[test]
fn what_cannot_be_done_soundly_is_refused_and_the_working_says_what_is_in_force() {
    let (code, text) = concord_test("tests/sequence/changes-refused.scenarios");
    assert_eq!(code, Some(1), "{text}");
    // The only lead provider cannot leave: the change is refused, not half made.
    assert!(text.contains("✗ After nchc leaves"), "{text}");
    assert!(
        text.contains(
            "“nchc leaves” passed, but its changes cannot be made: nchc cannot leave: it is the only lead provider"
        ),
        "{text}"
    );
    // A member who left cannot be the member concerned.
    assert!(
        text.contains("“vcs is concerned after it left”, read against the agreement as the steps before it changed it: there is no member called `vcs`"),
        "{text}"
    );
    // A step decided under the changed agreement says which changes are in force.
    assert!(text.contains("✗ A wrong expectation after the move"), "{text}");
    assert!(text.contains("Decided under the agreement as the earlier steps changed it:"), "{text}");
    assert!(
        text.contains("“qeh becomes the lead provider” passed: qeh becomes the lead provider, in place of nchc."),
        "{text}"
    );
    assert!(text.contains("qeh voted against; the condition needs qeh in favour"), "{text}");
    // A member whose admission did not pass is no member: naming it is refused, not guessed.
    assert!(
        text.contains("“The hospice is concerned, though it never joined”, read against the agreement as written (the steps before it changed nothing): there is no member called `hospice`"),
        "{text}"
    );
    assert!(text.contains("4 passed, 4 failed"), "{text}");
}

#[test]
fn a_year_after_a_change_is_still_refused() {
    let (code, text) = concord_test("tests/sequence/year-after-change.scenarios");
    assert_eq!(code, Some(1), "{text}");
    assert!(text.contains("a year's result cannot yet follow a proposal that changes the agreement"), "{text}");
}

/// An agreement of `n` members `m0…`, `m{lead}` the lead provider.
fn agreement_text(keys: &[String], lead: &str, joined_votes: &[(String, u32)]) -> String {
    let mut text = "agreement \"Generated\"\n  kinds provider, voluntary\n".to_string();
    for key in keys {
        text.push_str(&format!("\nmember {key} \"{key}\"\n"));
        match joined_votes.iter().find(|(k, _)| k == key) {
            Some((_, votes)) => text.push_str(&format!("  kinds voluntary\n  votes {votes}\n")),
            None => text.push_str("  kinds provider\n"),
        }
        if key == lead {
            text.push_str("  lead provider\n");
        }
    }
    text.push_str(
        "
decision \"appoint\"
  passes if more than half of eligible members in favour
  on passing, the lead provider becomes the member concerned

decision \"admit\"
  passes if more than half of eligible members in favour
  on passing, the applicant joins as a voluntary member with 2 votes

decision \"leave\"
  passes if more than half of eligible members in favour
  on passing, the member concerned leaves

decision \"plan\"
  passes if the lead provider in favour and more than half of votes cast in favour
  on a tie, the lead provider has the casting vote
  if rejected, escalate to \"the board\"
",
    );
    text
}

fn read(text: &str) -> (concord::syntax::ast::File, Agreement) {
    let loaded = concord::load::load(text);
    assert!(!loaded.has_errors(), "{text}");
    let agreement = loaded.agreement.unwrap_or_else(|| panic!("{text}"));
    (loaded.file, agreement)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_following_step_is_decided_as_under_the_agreement_written_out_as_changed(
        n in 3usize..6,
        changes in proptest::collection::vec((0u8..3, 0usize..8), 1..4),
        ballot in proptest::collection::vec(0u8..4, 8),
    ) {
        let mut keys: Vec<String> = (0..n).map(|i| format!("m{i}")).collect();
        let mut lead = "m0".to_string();
        let mut joined: Vec<(String, u32)> = Vec::new();
        let written = agreement_text(&keys, &lead, &joined);
        // The steps, each passed by every member there is; the agreement written out as they
        // leave it is kept alongside.
        let mut file = "scenarios for \"a.concord\"\n".to_string();
        let mut previous: Option<String> = None;
        let mut steps = 0;
        for (step, (what, who)) in changes.iter().enumerate() {
            let name = format!("step {step}");
            let follows = previous.as_ref().map(|p| format!(" follows \"{p}\"")).unwrap_or_default();
            let everyone = keys.join(", ");
            let target = keys[who % keys.len()].clone();
            let body = match what {
                0 => {
                    lead = target.clone();
                    format!("  propose \"appoint\"\n  concerning: {target}\n")
                }
                1 => {
                    let key = format!("j{step}");
                    keys.push(key.clone());
                    joined.push((key.clone(), 2));
                    format!("  propose \"admit\"\n  applicant: {key} \"Joiner {step}\"\n")
                }
                _ => {
                    // The lead provider cannot leave (refused); another member can.
                    if target == lead || keys.len() <= 2 {
                        continue;
                    }
                    keys.retain(|k| *k != target);
                    joined.retain(|(k, _)| *k != target);
                    format!("  propose \"leave\"\n  concerning: {target}\n")
                }
            };
            file.push_str(&format!("\nscenario \"{name}\"{follows}\n{body}  in favour: {everyone}\n"));
            previous = Some(name);
            steps += 1;
        }
        let Some(previous) = previous else { return Ok(()) };
        let mut lists: [Vec<&str>; 3] = Default::default();
        for (key, b) in keys.iter().zip(&ballot) {
            if let Some(list) = lists.get_mut(usize::from(*b)) {
                list.push(key);
            }
        }
        let mut last = format!("\nscenario \"last\" follows \"{previous}\"\n  propose \"plan\"\n");
        for (word, list) in ["in favour", "against", "abstaining"].iter().zip(&lists) {
            if !list.is_empty() {
                last.push_str(&format!("  {word}: {}\n", list.join(", ")));
            }
        }
        file.push_str(&last);

        // The sequence, worked out from the agreement as written.
        let (_, agreement) = read(&written);
        let parsed = concord::syntax::parse(&file);
        prop_assert!(parsed.errors.is_empty(), "{:?}\n{file}", parsed.errors);
        let (inputs, errors) = concord::load::load_inputs(&agreement, &parsed.file);
        prop_assert!(errors.is_empty(), "{:?}\n{file}", errors.iter().map(|e| e.to_string()).collect::<Vec<_>>());
        let index = inputs.scenarios.len() - 1;
        let follows = concord::sequence::following(&written, &agreement, &parsed.file, &inputs.scenarios, index)
            .unwrap_or_else(|e| panic!("{e}\n{file}"))
            .unwrap_or_else(|| panic!("the steps change the agreement\n{file}"));
        let proposal = follows.scenario.proposal.clone().unwrap_or_else(|| panic!("a proposal"));
        let real = concord::eval::Evaluator::new(&follows.agreement, &written)
            .evaluate(&proposal, &file)
            .unwrap_or_else(|e| panic!("{e}"));
        let members: Vec<&str> = follows.agreement.members.iter().map(|m| m.key.as_str()).collect();
        prop_assert_eq!(&members, &keys.iter().map(String::as_str).collect::<Vec<_>>());

        // The agreement written out with the changes made, and the last step alone against it.
        let amended_text = agreement_text(&keys, &lead, &joined);
        let (_, amended) = read(&amended_text);
        let alone = format!("scenarios for \"a.concord\"\n{}", last.replace(&format!(" follows \"{previous}\""), ""));
        let parsed_alone = concord::syntax::parse(&alone);
        let (inputs_alone, errors) = concord::load::load_inputs(&amended, &parsed_alone.file);
        prop_assert!(errors.is_empty(), "{alone}");
        let p = inputs_alone.scenarios[0].proposal.clone().unwrap_or_else(|| panic!("a proposal"));
        let expected = concord::eval::Evaluator::new(&amended, &amended_text)
            .evaluate(&p, &alone)
            .unwrap_or_else(|e| panic!("{e}"));
        prop_assert_eq!(real.outcome.result, expected.outcome.result, "{}\n{}", amended_text, file);
        let key = |a: &Agreement, c: Option<concord::model::MemberId>| c.and_then(|id| a.member(id)).map(|m| m.key.clone());
        let real_casting = key(&follows.agreement, real.outcome.casting_vote.as_ref().map(|c| c.id));
        prop_assert_eq!(&real_casting, &key(&amended, expected.outcome.casting_vote.as_ref().map(|c| c.id)));
        if let Ok(verdict) = concord::oracle::decide(&amended, &p) {
            prop_assert_eq!(concord::oracle::OutcomeKind::from(real.outcome.result), verdict.outcome, "{}\n{}", amended_text, file);
            prop_assert_eq!(real_casting, key(&amended, verdict.casting_vote));
        }
        // Every step passed (every member in favour), so each one's changes are in force.
        prop_assert_eq!(follows.in_force.len(), steps);
    }
}

#[test]
fn concord_eval_decides_a_following_step_as_concord_test_does() {
    let out = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("{e}"))
        .args([
            "eval",
            "--scenario",
            "The plan, with the new lead provider in favour",
            "tests/sequence/changes-on-passing.concord",
            "tests/sequence/changes-on-passing.scenarios",
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("Outcome: passed"), "{text}");
    assert!(
        text.contains("“qeh becomes the lead provider” passed: qeh becomes the lead provider, in place of nchc."),
        "{text}"
    );
    // A step that cannot be worked out is a problem on the scenario's name, not an outcome.
    let out = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("{e}"))
        .args([
            "eval",
            "--scenario",
            "After nchc leaves",
            "tests/sequence/changes-on-passing.concord",
            "tests/sequence/changes-refused.scenarios",
        ])
        .env("NO_COLOR", "1")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("concord::eval::earlier_proposal_not_applied"), "{text}");
    assert!(text.contains("nchc cannot leave: it is the only lead provider"), "{text}");
}
