//! `concord power` through the real binary and the library: exit codes, exact JSON, the human
//! report, and known results on whole agreements.

use assert_cmd::Command;
use concord::commands::power::{power, Options};
use concord::report::{power::power_human, Colour};

fn concord() -> Command {
    let mut cmd = Command::cargo_bin("concord").unwrap_or_else(|e| panic!("binary not built: {e}"));
    cmd.env_remove("NO_COLOR");
    cmd
}

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = concord().args(args).output().unwrap_or_else(|e| panic!("{e}"));
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["--format", "json", "power"];
    all.extend_from_slice(args);
    let (code, stdout) = run(&all);
    assert_eq!(code, Some(0), "{stdout}");
    serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

fn fraction(v: &serde_json::Value) -> String {
    format!("{}/{}", v["numerator"].as_str().unwrap(), v["denominator"].as_str().unwrap())
}

fn temp_file(name: &str, text: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("concord-power-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap_or_else(|e| panic!("{e}"));
    path
}

#[test]
fn the_eec_report_reads_as_expected() {
    let report = power(std::path::Path::new("tests/power/eec-1958.concord"), &Options::default());
    assert_eq!(report.exit_code(), 0);
    insta::assert_snapshot!("power_eec_1958", power_human(&report, Colour::Off, 100, 2));
}

#[test]
fn the_eec_indices_are_exact_in_json() {
    let v = json(&["tests/power/eec-1958.concord"]);
    let rule = &v["rules"][0];
    assert_eq!(rule["total_swings"], "42");
    let members = rule["members"].as_array().unwrap();
    let banzhaf: Vec<String> = members.iter().map(|m| fraction(&m["banzhaf"])).collect();
    let shapley: Vec<String> = members.iter().map(|m| fraction(&m["shapley"])).collect();
    let share: Vec<String> = members.iter().map(|m| fraction(&m["weight_share"])).collect();
    assert_eq!(banzhaf, ["5/21", "5/21", "5/21", "1/7", "1/7", "0/1"]);
    assert_eq!(shapley, ["7/30", "7/30", "7/30", "3/20", "3/20", "0/1"]);
    assert_eq!(share, ["4/17", "4/17", "4/17", "2/17", "2/17", "1/17"]);
    assert_eq!(members[5]["member"], "luxembourg");
    assert_eq!(members[5]["dummy"], true);
    assert_eq!(members[5]["swings"], "0");
}

#[test]
fn banzhaf_alone_leaves_shapley_out() {
    let v = json(&["--index", "banzhaf", "tests/power/eec-1958.concord"]);
    assert_eq!(v["index"], "banzhaf");
    assert!(v["rules"][0]["members"][0]["shapley"].is_null());
    assert_eq!(fraction(&v["rules"][0]["members"][0]["banzhaf"]), "5/21");
    let (code, stdout) = run(&["power", "--index", "shapley", "tests/power/eec-1958.concord"]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("23.33%") && !stdout.contains("swings  "), "{stdout}");
}

#[test]
fn places_choose_the_rounding_shown() {
    let (code, stdout) = run(&["power", "--places", "4", "tests/power/eec-1958.concord"]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("23.8095%"), "{stdout}");
}

#[test]
fn an_unknown_decision_exits_2_and_lists_the_real_ones() {
    let (code, stdout) = run(&["power", "--decision", "nothing", "tests/power/eec-1958.concord"]);
    assert_eq!(code, Some(2));
    assert!(stdout.contains("no decision called \"nothing\"") && stdout.contains("\"qualified majority\""), "{stdout}");
}

#[test]
fn a_missing_file_exits_2() {
    let (code, stdout) = run(&["power", "tests/power/no-such-file.concord"]);
    assert_eq!(code, Some(2));
    assert!(stdout.contains("cannot read"), "{stdout}");
}

#[test]
fn weights_from_proposals_need_a_proposal() {
    let agreement = "examples/commissioning-management-organisation.concord";
    let (code, stdout) = run(&["power", "--decision", "approve a commissioning proposal", agreement]);
    // Noted, not a failure: `--proposal` gives the answer.
    assert_eq!(code, Some(0), "{stdout}");
    assert!(stdout.contains("not worked out"), "{stdout}");
    let v = json(&["--proposal", "examples/commissioning-management-organisation.scenarios", agreement]);
    let rule = &v["rules"][0];
    assert_eq!(rule["decision"], "approve a commissioning proposal");
    assert!(rule["not_analysed"].is_null());
    assert_eq!(fraction(&rule["members"][0]["weight_share"]), "1/2");
}

#[test]
fn a_proposal_applies_its_gain_exclusions() {
    let agreement = std::fs::canonicalize("examples/frailty-network.concord").unwrap();
    let scenarios = temp_file(
        "gain.scenarios",
        &format!(
            "scenarios for \"{}\"\n\nscenario \"pcn-north gains too much to vote\"\n  propose \"change financial flows\" on 1 June 2026\n  pcn-north gains £900,000\n  in favour: hhft\n",
            agreement.display()
        ),
    );
    let v = json(&["--proposal", scenarios.to_str().unwrap(), agreement.to_str().unwrap()]);
    let rule = &v["rules"][0];
    assert_eq!(rule["not_voting"], serde_json::json!(["pcn-north"]));
    let keys: Vec<&str> = rule["members"].as_array().unwrap().iter().map(|m| m["member"].as_str().unwrap()).collect();
    assert!(!keys.contains(&"pcn-north"));
}

#[test]
fn timed_rules_get_one_table_each() {
    let v = json(&["--decision", "agree a service specification", "examples/lead-provider-alliance.concord"]);
    let rules = v["rules"].as_array().unwrap();
    assert_eq!(rules.len(), 2);
    assert_eq!(rules[0]["until"], "2027-03-31");
    assert_eq!(rules[1]["from"], "2027-04-01");
    // Unanimity: everyone a veto player; later the lead provider keeps its veto alone.
    assert!(rules[0]["members"].as_array().unwrap().iter().all(|m| m["veto_player"] == true));
    let later: Vec<bool> = rules[1]["members"].as_array().unwrap().iter().map(|m| m["veto_player"] == true).collect();
    assert_eq!(later, [true, false, false, false]);
}

/// The US federal game (president, vice-president breaking Senate ties, 100 senators, 435
/// representatives, two-thirds override) as an agreement: 537 players, counted by class.
fn us_federal() -> String {
    let mut text = String::from("agreement \"US federal legislative system\"\n  kinds house, senate\n\n");
    text.push_str("member president\nmember vice-president\n");
    for i in 1..=100 {
        text.push_str(&format!("member s{i}\n  kinds senate\n"));
    }
    for i in 1..=435 {
        text.push_str(&format!("member h{i}\n  kinds house\n"));
    }
    text.push_str(
        "\nvoting one member one vote\n\ndecision \"enact a law\"\n  passes if (at least 218 house members in favour and at least 51 senate members in favour and president in favour)\n    or (at least 218 house members in favour and at least 50 senate members in favour and vice-president in favour and president in favour)\n    or (at least 290 house members in favour and at least 67 senate members in favour)\n",
    );
    text
}

#[test]
fn the_us_federal_game_is_exact_and_adds_up() {
    let path = temp_file("us-federal.concord", &us_federal());
    let v = json(&[path.to_str().unwrap()]);
    let rule = &v["rules"][0];
    assert_eq!(rule["method"], "classes");
    let members = rule["members"].as_array().unwrap();
    assert_eq!(members.len(), 537);
    // Interchangeable members have equal indices; the indices add up to exactly 1.
    let shapley: Vec<(num_bigint::BigInt, num_bigint::BigInt)> = members
        .iter()
        .map(|m| {
            (
                m["shapley"]["numerator"].as_str().unwrap().parse().unwrap(),
                m["shapley"]["denominator"].as_str().unwrap().parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(shapley[2], shapley[101]);
    assert_eq!(shapley[102], shapley[536]);
    let mut num = num_bigint::BigInt::from(0);
    let mut den = num_bigint::BigInt::from(1);
    for (n, d) in &shapley {
        num = num * d + n * &den;
        den *= d;
    }
    assert_eq!(num, den);
    assert!(members.iter().all(|m| m["dummy"] == false && m["dictator"] == false));
}

#[test]
fn the_docs_show_the_real_eec_table() {
    let report = power(std::path::Path::new("tests/power/eec-1958.concord"), &Options::default());
    let text = power_human(&report, Colour::Off, 100, 2);
    let docs = std::fs::read_to_string("docs/power.md").unwrap_or_else(|e| panic!("{e}"));
    let table: Vec<&str> = text.lines().skip_while(|l| !l.starts_with("decision ")).collect();
    assert!(table.len() == 8, "{text}");
    for line in table {
        assert!(docs.contains(line), "docs/power.md lacks the report line `{line}`");
    }
}

#[test]
fn a_rule_that_is_not_monotone_says_so() {
    let path = temp_file(
        "cap.concord",
        "agreement \"Capped\"\n\nmember m1\nmember m2\nmember m3\n\nvoting one member one vote\n\ndecision \"pass\"\n  passes if at least 1 members in favour and at most 2/3 of eligible votes in favour\n",
    );
    let v = json(&[path.to_str().unwrap()]);
    let rule = &v["rules"][0];
    assert_eq!(rule["monotone"], false);
    assert!(rule["members"].as_array().unwrap().iter().all(|m| m["dummy"] == false && m["veto_player"] == false));
    let (code, stdout) = run(&["power", path.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("voting in favour can turn a pass into a failure"), "{stdout}");
    assert!(stdout.contains("cancel out") && !stdout.contains("nobody's vote"), "{stdout}");
}

#[test]
fn huge_weights_fall_back_to_the_diagram_and_past_every_bound_say_so() {
    // 24 members weighing up to a billion votes: too heavy for the weight tables, fine for a diagram.
    let mut text = String::from("agreement \"Heavy\"\n\n");
    for i in 0..24u64 {
        text.push_str(&format!("member m{i}\n  votes {}\n", 1_000_000_007 + i * 7_919_011));
    }
    text.push_str(
        "\nvoting as set for each member\n\ndecision \"pass\"\n  passes if at least 2/3 of eligible votes in favour\n",
    );
    let path = temp_file("heavy.concord", &text);
    let v = json(&[path.to_str().unwrap()]);
    assert_eq!(v["rules"][0]["method"], "diagram");
    // 1,200 members in a composite rule, all with different weights: no method within bounds.
    let mut text = String::from("agreement \"Too large\"\n  kinds acute\n\n");
    for i in 0..1200u64 {
        text.push_str(&format!("member m{i}\n  kinds acute\n  votes {}\n", 1_000_003 + i * 7_919));
    }
    text.push_str("\nvoting as set for each member\n\ndecision \"pass\"\n  passes if at least 2/3 of eligible votes in favour or at least 1000 acute members in favour\n");
    let path = temp_file("too-large.concord", &text);
    let (code, stdout) = run(&["power", path.to_str().unwrap()]);
    assert_eq!(code, Some(1), "{stdout}");
    assert!(stdout.contains("not worked out: the rule is too large"), "{stdout}");
}

#[test]
fn flags_on_a_rule_that_is_not_monotone_come_from_the_diagram() {
    // m1 must vote in favour, and at most two members may: m1 is in every passing coalition;
    // m4 has no vote at all, so nothing depends on it.
    let path = temp_file(
        "cap-veto.concord",
        "agreement \"Capped with consent\"\n\nmember m1\n  votes 1\nmember m2\n  votes 1\nmember m3\n  votes 1\nmember m4\n  votes 0\n\nvoting as set for each member\n\ndecision \"pass\"\n  passes if m1 in favour and at most 2/3 of eligible votes in favour\n",
    );
    let v = json(&[path.to_str().unwrap()]);
    let rule = &v["rules"][0];
    assert_eq!(rule["monotone"], false);
    let flags: Vec<(bool, bool, bool)> = rule["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["veto_player"] == true, m["dummy"] == true, m["dictator"] == true))
        .collect();
    assert_eq!(flags, [(true, false, false), (false, false, false), (false, false, false), (false, true, false)]);
}

#[test]
fn a_bundled_example_report_reads_as_expected() {
    // The care trust: on commissioning, the ICB's quarter of the votes never decides anything.
    let report = power(std::path::Path::new("examples/care-trust.concord"), &Options::default());
    assert_eq!(report.exit_code(), 0);
    insta::assert_snapshot!("power_care_trust", power_human(&report, Colour::Off, 100, 2));
}
