//! Reserved matters, approvals outside the meeting, conflicted members, vetoes on a loss and
//! quorums with every side represented (issue 21, items 4, 5 and 6), on the bundled
//! `examples/joint-commissioning-committee` and through the real binary:
//!
//! - explanation snapshots of one passing and one failing proposal for conflicts and approvals;
//! - the refusals when a proposal is read, each a diagnostic with its code (snapshots of the
//!   report a drafter sees);
//! - `concord test` on the example, and the JSON shape of an outcome passed subject to approval
//!   and of one rejected because an approval was withheld.

use assert_cmd::Command;
use concord::report::{eval_human, Colour};

fn explain(scenario: &str) -> String {
    let options = concord::commands::eval::EvalOptions {
        scenario: Some(scenario.to_string()),
        weights: concord::commands::eval::Weights::Hide,
        why: false,
    };
    let report = concord::commands::eval::eval(
        std::path::Path::new("examples/joint-commissioning-committee.concord"),
        std::path::Path::new("examples/joint-commissioning-committee.scenarios"),
        &options,
    );
    eval_human(&report, Colour::Off, 100)
}

fn concord() -> Command {
    let mut cmd = Command::cargo_bin("concord").unwrap_or_else(|e| panic!("binary not built: {e}"));
    cmd.env("NO_COLOR", "1");
    cmd
}

/// Writes `scenarios` beside a copy of the example and runs `concord test` on it.
fn test_scenarios(name: &str, scenarios: &str) -> (Option<i32>, String) {
    let dir = std::env::temp_dir().join(format!("concord-matters-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::copy("examples/joint-commissioning-committee.concord", dir.join("joint-commissioning-committee.concord"))
        .unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join(format!("{name}.scenarios"));
    std::fs::write(&path, scenarios).unwrap_or_else(|e| panic!("{e}"));
    let out = concord().arg("test").arg(&path).output().unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    let _ = std::fs::remove_dir_all(&dir);
    (out.status.code(), text.replace(&dir.display().to_string(), "DIR"))
}

#[test]
fn a_conflicted_member_takes_part_only_when_the_others_agree() {
    let allowed = explain("The others let the GP federation take part");
    assert!(allowed.contains("Outcome: passed"), "{allowed}");
    assert!(allowed.contains("2 of the 3 other members present agreed"), "{allowed}");
    assert!(allowed.contains("so gpfed takes part"), "{allowed}");
    insta::assert_snapshot!("matters__conflict_allowed", allowed);

    let refused = explain("The others do not let the GP federation take part: its vote is disregarded");
    assert!(refused.contains("so gpfed does not take part"), "{refused}");
    assert!(refused.contains("It voted in favour anyway: that vote is disregarded"), "{refused}");
    assert!(refused.contains("Outcome: deadlocked"), "{refused}");
    insta::assert_snapshot!("matters__conflict_refused", refused);
}

#[test]
fn approvals_come_after_the_vote() {
    let awaited = explain("Urgent care passes, awaiting NHS England");
    assert!(awaited.contains("Outcome: passed, subject to the approval of NHS England, not yet given."), "{awaited}");
    assert!(awaited.contains("Approvals outside the meeting"), "{awaited}");
    insta::assert_snapshot!("matters__approval_awaited", awaited);

    let withheld = explain("NHS England withholds its approval");
    assert!(
        withheld.contains("Outcome: rejected: approval withheld by NHS England (the meeting passed it)."),
        "{withheld}"
    );
    assert!(
        withheld.contains("not yet given: the proposal does not mention it, so it is taken as not yet given"),
        "{withheld}"
    );
    insta::assert_snapshot!("matters__approval_withheld", withheld);

    let rejected = explain("Approvals do not rescue a proposal the meeting rejected");
    assert!(rejected.contains("Not looked at: the meeting did not pass the proposal"), "{rejected}");
    assert!(rejected.starts_with("Scenario") && rejected.contains("Outcome: rejected"), "{rejected}");
}

#[test]
fn a_reserved_matter_and_a_veto_on_a_loss_say_why() {
    let precept = explain("The council sets the precept: the other votes are disregarded");
    assert!(precept.contains("The matter is reserved to council: council alone decides it"), "{precept}");
    assert!(precept.contains("icb does not vote: the matter is reserved to another member"), "{precept}");
    assert!(!precept.contains("Quorum"), "no quorum applies to a reserved matter: {precept}");

    let vetoed = explain("The trust loses by the change and vetoes it");
    assert!(vetoed.contains("Used by trust, voting against, which the proposal says loses by it."), "{vetoed}");
    let ordinary = explain("A member that loses nothing votes against: no veto");
    assert!(
        ordinary.contains("gpfed: does not apply, because the proposal does not say that gpfed loses by it."),
        "{ordinary}"
    );
}

#[test]
fn what_is_unsettled_is_refused_when_the_proposal_is_read() {
    let cases = [
        (
            "approval_not_needed",
            "  propose \"award the community services contract\"\n  in favour: council, icb, trust\n  approval of \"NHS England\": given\n  expect passed\n",
        ),
        (
            "missing_conflict_vote",
            "  propose \"award the community services contract\"\n  conflicted: gpfed\n  in favour: council, icb, gpfed\n  expect passed\n",
        ),
        (
            "conflicted_votes_on_itself",
            "  propose \"award the community services contract\"\n  conflicted: gpfed\n  on gpfed taking part, in favour: council, gpfed\n  in favour: council, icb, gpfed\n  expect passed\n",
        ),
        (
            "conflict_not_provided",
            "  propose \"set the adult social care precept\"\n  conflicted: icb\n  on icb taking part, in favour: council\n  in favour: council\n  expect passed\n",
        ),
        (
            "duplicate_clause",
            "  propose \"reconfigure urgent care\"\n  in favour: council, icb, trust\n  approval of \"NHS England\": given\n  approval of \"NHS England\": withheld\n  expect passed\n",
        ),
    ];
    for (code, body) in cases {
        let text = format!("scenarios for \"joint-commissioning-committee.concord\"\n\nscenario \"s\"\n{body}");
        let (status, out) = test_scenarios(code, &text);
        assert_eq!(status, Some(2), "{code}: {out}");
        assert!(out.contains(&format!("concord::model::{code}")), "{code}: {out}");
        insta::assert_snapshot!(format!("matters__refused_{code}"), out);
    }
}

#[test]
fn the_binary_runs_the_example_and_says_the_outcomes_in_json() {
    let out = concord()
        .args(["test", "examples/joint-commissioning-committee.scenarios"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.contains(", 0 failed"), "{stdout}");

    let json = |scenario: &str| -> serde_json::Value {
        let out = concord()
            .args([
                "eval",
                "examples/joint-commissioning-committee.concord",
                "examples/joint-commissioning-committee.scenarios",
                "--scenario",
                scenario,
                "--format",
                "json",
            ])
            .output()
            .unwrap_or_else(|e| panic!("{e}"));
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)))
    };
    let awaited = json("Urgent care passes, awaiting NHS England");
    let e = &awaited["evaluations"][0]["evaluation"];
    assert_eq!(e["outcome"]["result"], "passed", "{e}");
    assert_eq!(e["outcome"]["awaiting"], serde_json::json!(["NHS England"]), "{e}");
    assert_eq!(e["matters"]["approvals_looked_at"], true, "{e}");
    assert_eq!(e["matters"]["approvals"][0]["state"], "not_yet_given", "{e}");

    let withheld = json("NHS England withholds its approval");
    let e = &withheld["evaluations"][0]["evaluation"];
    assert_eq!(e["outcome"]["result"], "rejected", "{e}");
    assert_eq!(e["outcome"]["withheld_by"], serde_json::json!(["NHS England"]), "{e}");
    assert_eq!(e["outcome"]["deadlock"]["because"], "approval_withheld", "{e}");
    assert!(e["outcome"]["deadlock"]["escalated_to"].is_null(), "{e}");

    let conflict = json("The others do not let the GP federation take part: its vote is disregarded");
    let e = &conflict["evaluations"][0]["evaluation"];
    let c = &e["matters"]["conflicts"][0];
    assert_eq!(
        (c["member"].as_str(), c["in_favour"].as_u64(), c["others_present"].as_u64()),
        (Some("gpfed"), Some(1), Some(3))
    );
    assert_eq!(c["allowed"], false, "{e}");
    let gpfed = e["members"].as_array().and_then(|m| m.iter().find(|m| m["member"] == "gpfed")).cloned();
    assert_eq!(gpfed.map(|g| g["not_voting"]["reason"].clone()), Some(serde_json::json!("conflicted")));
}

#[test]
fn every_kind_represented_is_one_member_of_each_kind_present() {
    let agreement = "agreement \"Both sides\"\n  kinds council, nhs\n  quorum every kind represented\n\nmember c1\n  kinds council\nmember c2\n  kinds council\nmember n1\n  kinds nhs\n\ndecision \"d\"\n  passes if more than half of votes cast in favour\n";
    let loaded = concord::load::load(agreement);
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    let a = loaded.agreement.unwrap_or_else(|| unreachable!());
    let outcome = |votes: &str| {
        let text = format!("proposal \"p\"\n  decision \"d\"\n  in favour: {votes}\n");
        let parsed = concord::syntax::parse(&text);
        let (inputs, errors) = concord::load::load_inputs(&a, &parsed.file);
        assert!(errors.is_empty(), "{errors:?}");
        let p = &inputs.proposals[0];
        let e = concord::eval::evaluate(&a, p, concord::eval::Sources { agreement, proposal: &text })
            .unwrap_or_else(|e| panic!("{e}"));
        let v = concord::oracle::decide(&a, p).unwrap_or_else(|e| panic!("{e}"));
        (e.outcome.result, v.outcome)
    };
    use concord::eval::OutcomeKind as K;
    use concord::oracle::OutcomeKind as O;
    assert_eq!(outcome("c1, c2"), (K::Invalid, O::Invalid));
    assert_eq!(outcome("c1, n1"), (K::Passed, O::Passed));
    let none = concord::load::load(
        &agreement.replace("  kinds council, nhs\n", "").replace("  kinds council\n", "").replace("  kinds nhs\n", ""),
    );
    assert!(none.diagnostics.iter().any(|d| d.code_string() == "concord::model::nothing_represented"));
}

#[test]
fn why_not_says_no_change_of_votes_carries_a_proposal_whose_approval_was_withheld() {
    let out = concord()
        .args([
            "eval",
            "examples/joint-commissioning-committee.concord",
            "examples/joint-commissioning-committee.scenarios",
            "--scenario",
            "NHS England withholds its approval",
            "--why",
        ])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("It was held back by the approval of NHS England, withheld outside the meeting."), "{text}");
    assert!(text.contains("No change of votes by the members who vote on it would carry it."), "{text}");
}
