//! `concord test` through the real binary: every bundled example, passing and failing files,
//! filters, JSON and JUnit shapes, `--update`, and files that cannot be run.

use assert_cmd::Command;

fn concord() -> Command {
    let mut cmd = Command::cargo_bin("concord").unwrap_or_else(|e| panic!("binary not built: {e}"));
    cmd.env("NO_COLOR", "1");
    cmd
}

fn run(args: &[&str]) -> (Option<i32>, String) {
    let out = concord().args(args).output().unwrap_or_else(|e| panic!("{e}"));
    (out.status.code(), String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn every_bundled_example_passes() {
    let (code, text) = run(&["test", "examples/"]);
    assert_eq!(code, Some(0), "{text}");
    let last = text.lines().last().unwrap_or_default();
    assert!(last.ends_with(" passed, 0 failed"), "{last}");
    let passed: usize = last.split(' ').next().and_then(|n| n.parse().ok()).unwrap_or(0);
    assert!(passed >= 80, "expected the examples' scenarios to run, got {last}");
}

#[test]
fn a_passing_file_with_a_skipped_scenario() {
    let (code, text) = run(&["test", "tests/scenarios/passing.scenarios"]);
    assert_eq!(code, Some(0), "{text}");
    assert!(text.ends_with("3 passed, 0 failed, 1 skipped\n"), "{text}");
}

#[test]
fn failures_show_expected_and_actual_side_by_side() {
    let (code, text) = run(&["test", "tests/scenarios/failing.scenarios"]);
    assert_eq!(code, Some(1));
    assert!(text.ends_with("0 passed, 2 failed\n"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn filter_and_fail_fast() {
    let (code, text) = run(&["test", "tests/scenarios/passing.scenarios", "--filter", "surplus"]);
    assert_eq!(code, Some(0));
    assert!(text.ends_with("1 passed, 0 failed\n"), "{text}");
    let (code, text) = run(&["test", "tests/scenarios/failing.scenarios", "--fail-fast"]);
    assert_eq!(code, Some(1));
    assert!(text.ends_with("0 passed, 1 failed\n"), "{text}");
}

#[test]
fn json_shape() {
    let (code, text) = run(&["test", "--format", "json", "tests/scenarios/failing.scenarios"]);
    assert_eq!(code, Some(1));
    let json: serde_json::Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(json["schema"], 1);
    assert_eq!(json["failed"], 2);
    let scenario = &json["files"][0]["scenarios"][0];
    assert_eq!(scenario["status"], "failed");
    assert_eq!(scenario["mismatches"][0]["expected"], "passed");
    assert_eq!(scenario["mismatches"][0]["actual"], "escalated to \"the commissioners\"");
    assert_eq!(scenario["mismatches"][0]["line"], 7);
}

/// The JUnit report read back by a real XML parser (quick-xml's): every element closes in
/// order, every entity is known, and the text unescapes to what was written.
fn assert_well_formed(xml: &str) {
    let mut reader = quick_xml::Reader::from_str(xml);
    reader.config_mut().check_end_names = true;
    let mut depth = 0usize;
    let mut saw_declaration = false;
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Decl(_)) => saw_declaration = true,
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Text(t)) => {
                t.decode().unwrap_or_else(|e| panic!("text that does not decode: {e}"));
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
            Err(e) => panic!("not well-formed XML at byte {}: {e}", reader.error_position()),
        }
    }
    assert!(saw_declaration, "no XML declaration");
    assert_eq!(depth, 0, "unclosed elements");
}

#[test]
fn junit_is_well_formed_and_counts_right() {
    let (code, text) = run(&["test", "--report", "junit", "tests/scenarios/"]);
    assert_eq!(code, Some(2), "a folder with unrunnable files exits 2");
    assert_well_formed(&text);
    assert!(
        text.contains("<testsuites name=\"concord\" tests=\"6\" failures=\"2\" skipped=\"1\" errors=\"2\">"),
        "{text}"
    );
    assert!(text.contains("<failure message=\"expected passed, got escalated to &quot;the commissioners&quot;\">"));
}

#[test]
fn unknown_names_and_missing_agreements_exit_2() {
    let (code, text) = run(&["test", "tests/scenarios/bad/unknown-member.scenarios"]);
    assert_eq!(code, Some(2));
    assert!(text.contains("concord::model::unknown_name") && text.contains("did you mean `hhft`?"), "{text}");
    let (code, text) = run(&["test", "tests/scenarios/bad/missing-agreement.scenarios"]);
    assert_eq!(code, Some(2));
    assert!(text.contains("concord::model::agreement_not_found"), "{text}");
}

#[test]
fn update_rewrites_failing_expectations_and_shows_the_change() {
    let dir = std::env::temp_dir().join(format!("concord-test-update-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    for name in ["network.concord", "failing.scenarios"] {
        std::fs::copy(format!("tests/scenarios/{name}"), dir.join(name)).unwrap_or_else(|e| panic!("{e}"));
    }
    let file = dir.join("failing.scenarios");
    let path = file.to_string_lossy().into_owned();
    let (code, text) = run(&["test", "--update", &path]);
    assert_eq!(code, Some(1), "the run that updates still reports the failures");
    assert!(text.contains("- expect passed\n+ expect escalated to \"the commissioners\""), "{text}");
    assert!(text.contains("- expect hhft receives £500,000\n+ expect hhft receives £400,000"), "{text}");
    let (code, text) = run(&["test", &path]);
    assert_eq!(code, Some(0), "{text}");
    let _ = std::fs::remove_dir_all(dir);
}
