//! Issue 21, items 7 and 9, through the binary: blocs' own rules and casting votes, kinds' own
//! terms of leaving, and what a decision changes on passing, on the bundled
//! `examples/integrated-care-partnership` and on small files that the reader or the checker
//! refuses (snapshots of each diagnostic as a lawyer reads it).

use assert_cmd::Command;

fn concord() -> Command {
    let mut command = Command::cargo_bin("concord").unwrap_or_else(|e| panic!("{e}"));
    command.env("NO_COLOR", "1").current_dir(env!("CARGO_MANIFEST_DIR"));
    command
}

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = concord().args(args).output().unwrap_or_else(|e| panic!("{e}"));
    (out.status.code(), String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr))
}

const EXAMPLE: &str = "examples/integrated-care-partnership.concord";
const SCENARIOS: &str = "examples/integrated-care-partnership.scenarios";

#[test]
fn the_bundled_scenarios_pass() {
    let (code, out) = run(&["test", SCENARIOS]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("13 passed, 0 failed"), "{out}");
}

#[test]
fn the_json_lists_a_passed_proposals_changes_and_a_blocs_count() {
    // One scenario has a vote from a body that is not a partner, so `eval` exits 2 (§17), having
    // worked out every other proposal.
    let (code, out) = run(&["eval", "--format", "json", EXAMPLE, SCENARIOS]);
    assert_eq!(code, Some(2), "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let text = json.to_string();
    assert!(text.contains(r#""change":"role_moves""#) && text.contains(r#""to":"trust""#), "{text}");
    assert!(text.contains(r#""change":"leaves""#) && text.contains(r#""notice":"3 months""#), "{text}");
    assert!(text.contains(r#""notice_of_kind":"commercial""#) && text.contains(r#""pays":"£25,000.00""#), "{text}");
    assert!(text.contains(r#""change":"joins""#) && text.contains(r#""name":"Weald Carers Trust""#), "{text}");
    assert!(text.contains(r#""kind":"bloc_position""#) && text.contains(r#""position":"in_favour""#), "{text}");
    assert!(text.contains(r#""used":true"#), "a bloc's casting vote settled a position: {text}");
}

#[test]
fn the_working_of_a_leaver_uses_its_own_notice() {
    let (code, out) =
        run(&["eval", "--scenario", "The home care company leaves on its own, shorter, notice", EXAMPLE, SCENARIOS]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains("homecare leaves the agreement, on 3 months notice (the notice of a commercial member), paying £25,000.00 and forfeiting its investment."),
        "{out}"
    );
    insta::assert_snapshot!("kinds_cli__leaver_working", out);
    let (code, out) = run(&["eval", "--scenario", "Too few to change the lead provider", EXAMPLE, SCENARIOS]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("Outcome: rejected") && !out.contains("On passing"), "{out}");
    insta::assert_snapshot!("kinds_cli__rejected_changes_nothing", out);
}

#[test]
fn explain_words_the_blocs_rules_the_changes_and_each_members_terms() {
    let (code, out) = run(&["explain", EXAMPLE]);
    assert_eq!(code, Some(0), "{out}");
    assert!(
        out.contains(
            "The nhs bloc is in favour of a proposal when at least two thirds of its votes cast are in favour"
        ),
        "{out}"
    );
    assert!(out.contains("county has the casting vote within the bloc"), "{out}");
    assert!(out.contains("becomes the lead provider in place of the member who held that role"), "{out}");
    assert!(out.contains("A member of kind commercial leaving gives 3 months notice, instead of 12 months."), "{out}");
    assert!(out.contains("homecare (Weald Home Care Ltd), leaving, gives 3 months notice, pays £25,000.00"), "{out}");
}

#[test]
fn power_computes_a_game_of_blocs_with_rules_of_their_own_exactly() {
    let (code, out) = run(&["power", "--format", "json", EXAMPLE]);
    assert_eq!(code, Some(0), "{out}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    let rule = &json["rules"][0];
    assert_eq!(rule["decision"], "commit pooled funds");
    assert!(rule["not_analysed"].is_null(), "{rule}");
    // By hand: it passes when two of the three NHS partners and two of the three councils are in
    // favour (everyone attends, so the councils never tie): 4 × 4 of the 64 coalitions. icb
    // swings it when exactly one other NHS partner is in favour (2 ways) and the councils carry
    // (4 ways): 8 swings, as does every one of the six; 48 in all.
    assert_eq!(rule["total_swings"], "48", "{rule}");
    let members = rule["members"].as_array().cloned().unwrap_or_default();
    assert_eq!(members.len(), 6, "{rule}");
    assert!(members.iter().all(|m| m["swings"] == "8"), "{rule}");
}

/// A file of `text` in a fresh folder, and the human report of `concord check` on it.
fn check_text(label: &str, files: &[(&str, &str)]) -> (Option<i32>, String) {
    let dir = std::env::temp_dir().join(format!("concord-kinds-{label}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap_or_else(|e| panic!("{e}"));
    }
    let out = concord().arg("check").arg(dir.join(files[files.len() - 1].0)).output().unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    let text = String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code(), text.replace(dir.to_string_lossy().as_ref(), "DIR"))
}

const BLOCS: &str =
    "agreement \"Example\"\nmember icb\nmember county\nmember district\nbloc councils\n  members county, district\n";

#[test]
fn a_blocs_rule_that_is_not_settled_is_refused() {
    let text = format!(
        "{BLOCS}  decides by at least half of its votes cast\ndecision \"d\"\n  passes if each bloc in favour\n"
    );
    let (code, out) = check_text("rule", &[("a.concord", &text)]);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("concord::model::bloc_rule"), "{out}");
    insta::assert_snapshot!("kinds_cli__bloc_rule", out);
}

#[test]
fn a_casting_vote_from_outside_the_bloc_is_refused() {
    let text = format!("{BLOCS}  on a tie within the bloc, icb has the casting vote\ndecision \"d\"\n  passes if each bloc in favour\n");
    let (code, out) = check_text("casting", &[("a.concord", &text)]);
    assert_eq!(code, Some(2), "{out}");
    insta::assert_snapshot!("kinds_cli__bloc_casting_vote", out);
}

#[test]
fn contradictory_changes_and_a_missing_applicant_are_refused() {
    let text = "agreement \"Example\"\nmember icb\n  chair\nmember county\ndecision \"d\"\n  passes if unanimous\n  on passing, the chair becomes the member concerned\n  on passing, the chair becomes county\n";
    let (code, out) = check_text("unclear", &[("a.concord", text)]);
    assert_eq!(code, Some(2), "{out}");
    insta::assert_snapshot!("kinds_cli__effect_unclear", out);

    let agreement = "agreement \"Example\"\nmember icb\nmember county\ndecision \"admit\"\n  passes if unanimous\n  on passing, the applicant joins\n";
    let scenarios = "scenarios for \"a.concord\"\n\nscenario \"s\"\n  propose \"admit\"\n  in favour: icb, county\n  expect passed\n";
    let (code, out) = check_text("applicant", &[("a.concord", agreement), ("a.scenarios", scenarios)]);
    assert_eq!(code, Some(2), "{out}");
    insta::assert_snapshot!("kinds_cli__missing_applicant", out);
}

#[test]
fn two_notice_periods_for_one_member_are_refused() {
    let (code, out) = run(&["check", "tests/check/err_leaving_terms_conflict.concord"]);
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("`carers` has two notice periods on leaving"), "{out}");
}
