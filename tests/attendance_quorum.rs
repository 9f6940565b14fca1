//! A quorum of those attending (`quorum at least N members attending, voting or not`) through the
//! real binary, under the reading of `concord power`, `concord diff` and the checker: every
//! member of the agreement attends (docs/semantics.md step 4, docs/power.md "Who attends").
//!
//! - a quorum the agreement's members cannot make is an error of the checker, with no coalition
//!   finding beside it, and `concord power` refuses the agreement as for any unreachable quorum;
//! - with every member there, a consensus rule passes with nobody voting: the checker says so;
//! - `concord eval --why` finds the vote that makes the quorum, and says when none can;
//! - `concord diff` says when the quorum changes, though no coalition does.

use assert_cmd::Command;

fn concord() -> Command {
    let mut cmd = Command::cargo_bin("concord").unwrap_or_else(|e| panic!("binary not built: {e}"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env("NO_COLOR", "1");
    cmd
}

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = concord().args(args).output().unwrap_or_else(|e| panic!("{e}"));
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn json(args: &[&str]) -> serde_json::Value {
    let (_, text) = run(&[&["--format", "json"], args].concat());
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

const UNMET: &str = "tests/attendance/unmet.concord";
const COMMITTEE: &str = "tests/attendance/committee.concord";

#[test]
fn a_quorum_no_meeting_can_make_is_an_error_with_nothing_beside_it() {
    let (code, text) = run(&["check", UNMET]);
    assert_eq!(code, Some(1), "{text}");
    let report = json(&["check", UNMET]);
    let message = report["files"][0]["findings"][0]["message"].as_str().unwrap_or_default();
    assert!(
        message.ends_with("it needs at least 6 members attending, and the agreement has only 5 members"),
        "{report}"
    );
    let codes: Vec<&str> =
        report["files"][0]["findings"].as_array().into_iter().flatten().filter_map(|f| f["code"].as_str()).collect();
    // icb's veto and the missing route would be an unintended gridlock if the quorum held.
    assert_eq!(codes, ["concord::check::attendance_quorum_unreachable"], "{report}");
}

#[test]
fn power_refuses_it_as_it_refuses_any_quorum_that_cannot_be_met() {
    let (code, _) = run(&["power", UNMET]);
    assert_eq!(code, Some(2));
    let report = json(&["power", UNMET]);
    assert_eq!(report["rules"].as_array().map(Vec::len), Some(0), "{report}");
    assert_eq!(report["problems"][0]["code"], "concord::check::attendance_quorum_unreachable", "{report}");
    let ordinary = json(&["power", "tests/check/err_quorum_unreachable.concord"]);
    assert_eq!(ordinary["rules"].as_array().map(Vec::len), Some(0), "{ordinary}");
    assert_eq!(ordinary["problems"][0]["code"], "concord::check::quorum_unreachable", "{ordinary}");
}

#[test]
fn with_every_member_there_a_consensus_passes_with_nobody_voting() {
    let report = json(&["check", COMMITTEE]);
    let findings = report["files"][0]["findings"].as_array().cloned().unwrap_or_default();
    let without_support: Vec<&serde_json::Value> =
        findings.iter().filter(|f| f["code"] == "concord::check::passes_without_support").collect();
    assert_eq!(without_support.len(), 1, "{report}");
    assert_eq!(without_support[0]["decision"], "agree by consensus", "{report}");
    // Power with everyone there: the quorum is met, and the members share the power equally.
    let power = json(&["power", COMMITTEE]);
    let plan = &power["rules"][0];
    assert_eq!(plan["decision"], "approve the annual plan", "{power}");
    let swings: Vec<&str> =
        plan["members"].as_array().into_iter().flatten().filter_map(|m| m["swings"].as_str()).collect();
    // Each swings where two of the other three are in favour: C(3, 2) = 3.
    assert_eq!(swings, ["3", "3", "3", "3"], "{power}");
    assert_eq!(plan["attendance_quorum"]["needed"], 5, "{power}");
    assert_eq!(plan["attendance_quorum"]["attending"], 5, "{power}");
    let (_, text) = run(&["power", COMMITTEE]);
    assert!(text.contains("  attending: every member (5), so its quorum of at least 5 attending is met\n"), "{text}");
    // A decision without such a quorum has no such field.
    let other = json(&["power", "examples/regional-joint-committee-attendance.concord"]);
    let rules = other["rules"].as_array().cloned().unwrap_or_default();
    let joint = rules.iter().find(|r| r["decision"] == "agree a joint position");
    assert!(joint.is_some_and(|r| r.get("attendance_quorum").is_none()), "{other}");
    let plan = rules.iter().find(|r| r["decision"] == "approve the annual plan");
    assert_eq!(plan.map(|r| r["attendance_quorum"]["needed"].clone()), Some(4.into()), "{other}");
}

#[test]
fn why_not_finds_the_vote_that_makes_the_quorum() {
    let (code, text) = run(&[
        "eval",
        "--why",
        COMMITTEE,
        "tests/attendance/committee.scenarios",
        "--scenario",
        "The hospice away, the adviser there",
    ]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.contains("- Hospice (hospice) attending and voting in favour"), "{text}");
    let (_, none) = run(&[
        "eval",
        "--why",
        COMMITTEE,
        "tests/attendance/committee.scenarios",
        "--scenario",
        "The adviser away: no vote can make five",
    ]);
    assert!(none.contains("What would it take: no change of votes can carry it"), "{none}");
    let what = text.split("What would it take").nth(1).unwrap_or_default();
    insta::assert_snapshot!("attendance_quorum__why_not", what);
    let report = json(&[
        "eval",
        "--why",
        COMMITTEE,
        "tests/attendance/committee.scenarios",
        "--scenario",
        "The hospice away, the adviser there",
    ]);
    let why = &report["evaluations"][0]["why"];
    assert_eq!(why["blocking"][0]["kind"], "attendance_quorum", "{report}");
    assert_eq!(why["blocking"][0]["attending"], 4, "{report}");
    assert_eq!(why["beyond_votes"], serde_json::Value::Null, "{report}");
}

#[test]
fn diff_says_when_the_quorum_of_those_attending_changes() {
    let (code, text) = run(&["diff", COMMITTEE, "tests/attendance/committee-lower.concord"]);
    assert_eq!(code, Some(1), "{text}");
    assert!(
        text.contains("its quorum of those attending changed: at least 5 members attending, voting or not before, at least 4 members attending, voting or not now"),
        "{text}"
    );
    assert!(!text.contains("The two versions mean the same"), "{text}");
    let report = json(&["diff", COMMITTEE, "tests/attendance/committee-lower.concord"]);
    let plan = &report["changes"]["decisions"][0];
    assert_eq!(plan["attendance_quorum"]["old"], 5, "{report}");
    assert_eq!(plan["attendance_quorum"]["new"], 4, "{report}");
    assert!(report["changes"]["decisions"][1].get("attendance_quorum").is_none(), "{report}");
    // The same version against itself means the same.
    let (same, _) = run(&["diff", COMMITTEE, COMMITTEE]);
    assert_eq!(same, Some(0));
}
