//! Names in scenario and input files: a vote from a name the agreement does not have is most
//! likely a typing slip, so every command says so, with the nearest member, and none takes the
//! slip's outcome for an answer.

use assert_cmd::Command;

fn concord() -> Command {
    let mut command = Command::cargo_bin("concord").unwrap_or_else(|e| panic!("{e}"));
    command.env("NO_COLOR", "1");
    command
}

/// A folder with the pooled-budget example and a scenario whose vote names `brentt`.
fn folder(label: &str, expectation: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("concord-names-{label}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let agreement =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/section-75-pooled-budget.concord"))
            .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("a.concord"), agreement).unwrap_or_else(|e| panic!("{e}"));
    let vote = "  propose \"commit pooled funds to a scheme\" on 1 June 2026\n  in favour: nwl-icb, brentt\n  against: clch, harrow\n";
    std::fs::write(
        dir.join("a.scenarios"),
        format!("scenarios for \"a.concord\"\n\nscenario \"typo\"\n{vote}  {expectation}\n"),
    )
    .unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(
        dir.join("p.proposals"),
        "proposal \"x\"\n  decision \"commit pooled funds to a scheme\"\n  in favour: nwl-icb, brentt\n",
    )
    .unwrap_or_else(|e| panic!("{e}"));
    dir
}

fn stdout(command: &mut Command) -> (Option<i32>, String) {
    let out = command.output().unwrap_or_else(|e| panic!("{e}"));
    (out.status.code(), String::from_utf8_lossy(&out.stdout).to_string())
}

#[test]
fn check_warns_of_an_unknown_voter_with_the_nearest_member() {
    let dir = folder("check", "expect passed");
    let (code, out) = stdout(concord().arg("check").arg(dir.join("a.scenarios")));
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("concord::model::unknown_voter") && out.contains("did you mean `brent`?"), "{out}");
    let (code, _) = stdout(concord().args(["check", "--deny", "warnings"]).arg(dir.join("a.scenarios")));
    assert_eq!(code, Some(1));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_scenario_that_expects_the_unknown_voter_gets_no_warning() {
    let dir = folder("expected", "expect invalid because an unknown member voted");
    let (code, out) = stdout(concord().args(["check", "--deny", "warnings"]).arg(dir.join("a.scenarios")));
    assert_eq!(code, Some(0), "{out}");
    let (code, out) = stdout(concord().arg("test").arg(dir.join("a.scenarios")));
    assert_eq!(code, Some(0), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn eval_exits_2_and_names_the_nearest_member() {
    let dir = folder("eval", "expect passed");
    let (code, out) = stdout(concord().arg("eval").arg(dir.join("a.concord")).arg(dir.join("p.proposals")));
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("`brentt` voted") && out.contains("did you mean `brent`?"), "{out}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn test_update_never_writes_a_slip_into_the_file() {
    let dir = folder("update", "expect passed");
    let before = std::fs::read_to_string(dir.join("a.scenarios")).unwrap_or_default();
    let (code, out) = stdout(concord().args(["test", "--update"]).arg(dir.join("a.scenarios")));
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("did you mean `brent`?"), "{out}");
    assert!(out.contains("left as written"), "{out}");
    assert_eq!(std::fs::read_to_string(dir.join("a.scenarios")).unwrap_or_default(), before);
    let _ = std::fs::remove_dir_all(dir);
}
