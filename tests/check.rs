//! The checker's corpus: one minimal agreement per code (`tests/check/err_<code>*.concord`)
//! and clean ones (`ok_*.concord`), each with a snapshot of the exact report; plus the exit
//! codes and JSON of the real binary.

use std::path::Path;

use assert_cmd::Command;
use concord::check::CODES;
use concord::commands::check::{check_source, CheckReport, FileCheck};
use concord::diagnostic::Severity;
use concord::load::Source;
use concord::report::{check_human, Colour, JSON_SCHEMA_VERSION};

fn check_path(path: &Path) -> FileCheck {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = format!("tests/check/{}", path.file_name().and_then(|n| n.to_str()).unwrap_or_default());
    check_source(Source { name, text }, None)
}

fn report(file: FileCheck) -> CheckReport {
    let count = |s| file.findings.iter().filter(|f| f.severity == s).count();
    CheckReport {
        schema: JSON_SCHEMA_VERSION,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        files: vec![file],
    }
}

/// The code an `err_` file is named after (`err_dictator_warning` → `concord::check::dictator`).
fn expected_code(stem: &str) -> Option<&'static str> {
    let rest = stem.strip_prefix("err_")?;
    CODES
        .iter()
        .filter(|code| {
            let name = code.trim_start_matches("concord::check::");
            rest == name || rest.starts_with(&format!("{name}_"))
        })
        .max_by_key(|code| code.len())
        .copied()
}

#[test]
fn every_file_reports_what_its_name_says() {
    insta::glob!("check/*.concord", |path| {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        let file = check_path(path);
        if stem.starts_with("ok_") {
            let problems: Vec<&str> =
                file.findings.iter().filter(|f| f.severity != Severity::Advice).map(|f| f.code.as_str()).collect();
            assert!(problems.is_empty(), "{stem} should check clean, got {problems:?}");
        } else {
            let code = expected_code(&stem).unwrap_or_else(|| panic!("{stem} is not named after a code"));
            assert!(file.findings.iter().any(|f| f.code == code), "{stem} should report {code}");
        }
        insta::assert_snapshot!(check_human(&report(file), Colour::Off, 100));
    });
}

#[test]
fn every_code_in_the_catalogue_has_a_file_that_triggers_it() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check");
    let mut triggered: Vec<String> = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{e}")).flatten() {
        let stem = entry.path().file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        if !stem.starts_with("err_") {
            continue;
        }
        triggered.extend(check_path(&entry.path()).findings.into_iter().map(|f| f.code));
    }
    let missing: Vec<&&str> = CODES.iter().filter(|c| !triggered.iter().any(|t| t == **c)).collect();
    assert!(missing.is_empty(), "no err_ file triggers {missing:?}");
    // Every code is documented too.
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics-check.md"))
        .unwrap_or_default();
    let undocumented: Vec<&&str> = CODES.iter().filter(|c| !docs.contains(&format!("# expect: {c}"))).collect();
    assert!(undocumented.is_empty(), "docs/diagnostics-check.md lacks {undocumented:?}");
}

#[test]
fn luxembourg_is_a_dummy_in_the_eec_council_of_1958() {
    let file = check_path(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check/err_dummy.concord"));
    let dummies: Vec<String> = file
        .findings
        .iter()
        .filter(|f| f.code == "concord::check::dummy")
        .filter_map(|f| match &f.witness {
            Some(concord::check::Witness::Dummy { member, .. }) => Some(member.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(dummies, ["lu"]);
}

#[test]
fn half_of_the_votes_cast_lets_both_sides_pass() {
    let file = check_path(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/check/err_both_sides_pass.concord"));
    let witness =
        file.findings.iter().find(|f| f.code == "concord::check::both_sides_pass").and_then(|f| f.witness.clone());
    match witness {
        Some(concord::check::Witness::BothSides { for_proposal, for_opposite, .. }) => {
            assert!(!for_proposal.is_empty() && !for_opposite.is_empty());
            assert!(for_proposal.iter().all(|m| !for_opposite.contains(m)));
        }
        other => panic!("expected two coalitions, got {other:?}"),
    }
}

fn concord() -> Command {
    let mut cmd = Command::cargo_bin("concord").unwrap_or_else(|e| panic!("{e}"));
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

#[test]
fn warnings_alone_pass_unless_denied() {
    concord().args(["check", "--color", "never", "tests/check/err_dummy.concord"]).assert().code(0);
    concord().args(["check", "--deny", "warnings", "tests/check/err_dummy.concord"]).assert().code(1);
    concord().args(["check", "tests/check/err_dictator.concord"]).assert().code(1);
    concord().args(["check", "tests/check/ok_hillingdon.concord"]).assert().code(0);
}

#[test]
fn json_gives_the_witness_and_the_decision() {
    let out = concord().args(["check", "--format", "json", "tests/check/err_both_sides_pass.concord"]).output();
    let out = out.unwrap_or_else(|e| panic!("{e}"));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}"));
    let finding = &json["files"][0]["findings"][0];
    assert_eq!(finding["code"], "concord::check::both_sides_pass");
    assert_eq!(finding["decision"], "routine business");
    assert_eq!(finding["witness"]["kind"], "both_sides");
    assert_eq!(finding["witness"]["others"], "abstain");
    assert!(finding["labels"][0]["line"].as_u64().is_some());
}

#[test]
fn every_documented_example_triggers_its_code() {
    let docs = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/diagnostics-check.md"))
        .unwrap_or_else(|e| panic!("{e}"));
    let mut examples = 0;
    for block in docs.split("```concord\n").skip(1) {
        let text = block.split("```").next().unwrap_or_default();
        let Some(code) = text.lines().next().and_then(|l| l.strip_prefix("# expect: ")) else { continue };
        let file = check_source(Source { name: "example.concord".into(), text: text.to_string() }, None);
        assert!(file.findings.iter().any(|f| f.code == code), "the example for {code} does not trigger it");
        examples += 1;
    }
    assert_eq!(examples, CODES.iter().collect::<std::collections::BTreeSet<_>>().len());
}

#[test]
fn findings_on_a_rule_that_is_not_monotone_say_so() {
    let text = "agreement \"T\"\n\nmember hhft\nmember gpfed\nmember lbh\nmember cnwl\n\ndecision \"d\"\n  passes if (hhft in favour and lbh in favour and gpfed against) or at least 4 members in favour\n  if rejected, escalate to \"the board\"\n";
    let file = check_source(Source { name: "t.concord".into(), text: text.into() }, None);
    let veto = file.findings.iter().find(|f| f.code == "concord::check::unintended_veto");
    let help = veto.and_then(|f| f.help.clone()).unwrap_or_default();
    assert!(help.contains("This rule is not monotone"), "{:?}", file.findings);
    // A monotone rule's findings carry no such note.
    let monotone = text.replace(" and gpfed against", " and gpfed in favour");
    let file = check_source(Source { name: "t.concord".into(), text: monotone }, None);
    assert!(file.findings.iter().all(|f| !f.help.clone().unwrap_or_default().contains("not monotone")));
}
