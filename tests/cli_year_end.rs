//! `concord eval AGREEMENT INPUT` on year-end results, through the real binary.

use assert_cmd::Command;

const CORPUS: &str = "tests/corpus/money";

fn concord() -> Command {
    let mut cmd = Command::cargo_bin("concord").expect("binary built");
    cmd.env("NO_COLOR", "1");
    cmd
}

#[test]
fn evaluates_every_result_and_exits_zero() {
    let output = concord()
        .args(["eval", &format!("{CORPUS}/hillingdon.concord"), &format!("{CORPUS}/year-end.scenarios")])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("# Year-end result: “Year ending 31 March 2027”"));
    assert!(text.contains("# Year-end result: “A bad year”"));
    assert!(text.contains("| Home Care Ltd                   |         £0.00 |         £0.00 | yes    |"));
}

#[test]
fn picks_one_scenario_by_name() {
    let output = concord()
        .args([
            "eval",
            &format!("{CORPUS}/hillingdon.concord"),
            &format!("{CORPUS}/year-end.scenarios"),
            "--scenario",
            "A bad year",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(!text.contains("Year ending 31 March 2027"));
    assert!(text.contains("A bad year"));
}

#[test]
fn json_has_the_documented_shape() {
    let output = concord()
        .args([
            "eval",
            "--format",
            "json",
            &format!("{CORPUS}/hillingdon.concord"),
            &format!("{CORPUS}/year-end.scenarios"),
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&output.stdout).expect("valid JSON");
    assert_eq!(json["schema"], 1);
    let first = &json["results"][0]["working"];
    assert_eq!(first["outcome"], "surplus");
    assert_eq!(first["result"], "2500000.00");
    assert_eq!(first["waterfall"]["steps"][0]["kind"], "reinvest");
    assert_eq!(first["waterfall"]["steps"][0]["taken"], "750000.00");
    assert_eq!(first["waterfall"]["steps"][1]["shares"][0]["member"], "hhft");
    let deficit = &json["results"][1]["working"];
    assert_eq!(deficit["outcome"], "deficit");
    assert_eq!(deficit["members"][3]["member"], "homecare");
    assert_eq!(deficit["members"][3]["amount"], "0.00");
    assert_eq!(deficit["unallocated"], "0.00");
}

#[test]
fn a_mix_that_does_not_add_up_exits_two() {
    let output = concord()
        .args(["eval", &format!("{CORPUS}/bad-mix.concord"), &format!("{CORPUS}/bad-mix.scenarios")])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("concord::eval::mix_not_whole"));
    assert!(text.contains("the parts of this share add up to 110%, not 100%"));
}

#[test]
fn a_missing_file_exits_two() {
    let output = concord()
        .args(["eval", &format!("{CORPUS}/nowhere.concord"), &format!("{CORPUS}/year-end.scenarios")])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("cannot read `tests/corpus/money/nowhere.concord`: there is no such file"));
}

#[test]
fn an_unknown_scenario_exits_two() {
    let output = concord()
        .args([
            "eval",
            &format!("{CORPUS}/hillingdon.concord"),
            &format!("{CORPUS}/year-end.scenarios"),
            "--scenario",
            "A bad yaer",
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let text = String::from_utf8_lossy(&output.stdout);
    assert!(text.contains("did you mean “A bad year”?"));
}
