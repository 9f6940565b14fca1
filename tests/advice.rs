//! Advice that proposes text must be right: a help line that says "write `X`" is applied here,
//! as a drafter would apply it, and the file must then read and check without that problem and
//! without any error. (A help once proposed `budget 0`, which Concord refuses.)

use assert_cmd::Command;
use serde_json::Value;

const HEAD: &str = "agreement \"Advice\"\n  period 1 April 2026 to 31 March 2027\n\n";

/// `concord check --format json` on `text` (an agreement, or a scenario file when `scenarios`
/// is given alongside it): every finding as (code, severity, help).
fn findings(text: &str, scenarios: Option<&str>) -> Vec<(String, String, String)> {
    let dir = std::env::temp_dir().join(format!("concord-advice-{}-{}", std::process::id(), scratch_name(text)));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(dir.join("a.concord"), text).unwrap_or_else(|e| panic!("{e}"));
    let target = match scenarios {
        Some(s) => {
            std::fs::write(dir.join("a.scenarios"), s).unwrap_or_else(|e| panic!("{e}"));
            dir.join("a.scenarios")
        }
        None => dir.join("a.concord"),
    };
    let out = Command::cargo_bin("concord")
        .unwrap_or_else(|e| panic!("{e}"))
        .args(["check", "--format", "json"])
        .arg(&target)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let _ = std::fs::remove_dir_all(&dir);
    let value: Value =
        serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    let mut all = Vec::new();
    for file in value["files"].as_array().into_iter().flatten() {
        for finding in file["findings"].as_array().into_iter().flatten() {
            let field = |name: &str| finding[name].as_str().unwrap_or("").to_string();
            all.push((field("code"), field("severity"), field("help")));
        }
    }
    all
}

/// A name for a scratch folder that differs between cases run at once.
fn scratch_name(text: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// The text between the `n`th pair of backticks of a help line.
fn snippet(help: &str, n: usize) -> String {
    help.split('`').skip(1).step_by(2).nth(n).unwrap_or_else(|| panic!("no snippet {n} in: {help}")).to_string()
}

/// Finds `code` on `broken`, applies its advice with `apply` (given the help line), and holds
/// the result to reading cleanly with no such finding.
fn advice_applied(
    broken: &str,
    scenarios: Option<&str>,
    code: &str,
    apply: impl Fn(&str, &str, Option<&str>) -> (String, Option<String>),
) {
    let before = findings(broken, scenarios);
    let help = before
        .iter()
        .find(|(c, _, _)| c == code)
        .map(|(_, _, help)| help.clone())
        .unwrap_or_else(|| panic!("{code} not reported on:\n{broken}\nfound {before:?}"));
    let (fixed, fixed_scenarios) = apply(&help, broken, scenarios);
    let after = findings(&fixed, fixed_scenarios.as_deref());
    assert!(
        after.iter().all(|(c, severity, _)| c != code && severity != "error"),
        "the advice `{help}`, applied, gives:\n{fixed}\n{}\n{after:?}",
        fixed_scenarios.unwrap_or_default()
    );
}

#[test]
fn a_missing_figure_is_given_as_the_help_writes_zero() {
    for (figure, value, method) in [("budget", "£5m", "by budget"), ("equity", "40%", "by equity")] {
        let broken = format!(
            "{HEAD}member aa \"A\"\n  {figure} {value}\nmember bb \"B\"\n\ndecision \"d\"\n  passes if unanimous\n  if rejected, escalate to \"the board\"\n\nsavings\n  the rest shared {method}\n"
        );
        advice_applied(&broken, None, "concord::check::partial_figure", |help, text, _| {
            // The help's second snippet is the figure at zero, e.g. `budget £0`.
            let zero = snippet(help, 1);
            (text.replace("member bb \"B\"\n", &format!("member bb \"B\"\n  {zero}\n")), None)
        });
    }
}

#[test]
fn a_capitalised_keyword_is_written_as_the_help_says() {
    let broken = format!(
        "{HEAD}member aa \"A\"\n\ndecision \"d\"\n  Passes if unanimous\n  if rejected, escalate to \"the board\"\n"
    );
    advice_applied(&broken, None, "concord::parse::capitalised_keyword", |help, text, _| {
        (text.replace("Passes", &snippet(help, 0)), None)
    });
    let header = format!("{HEAD}Member aa \"A\"\n");
    advice_applied(&header, None, "concord::parse::capitalised_keyword", |help, text, _| {
        (text.replace("Member", &snippet(help, 0)), None)
    });
}

#[test]
fn a_space_in_an_amount_is_taken_out_as_the_help_says() {
    let broken = format!("{HEAD}member aa \"A\"\n  budget £ 5m\n");
    advice_applied(&broken, None, "concord::parse::space_in_amount", |help, text, _| {
        (text.replace("£ 5m", &snippet(help, 0)), None)
    });
}

#[test]
fn an_indented_header_is_moved_as_the_help_says() {
    let broken = format!("{HEAD}member aa \"A\"\n  budget £5m\n  member bb \"B\"\n");
    advice_applied(&broken, None, "concord::parse::indented_header", |help, text, _| {
        let header = snippet(help, 0);
        (text.replace(&format!("  {header}"), &header), None)
    });
}

#[test]
fn a_misspelt_outcome_is_respelt_as_the_help_says() {
    let agreement = format!(
        "{HEAD}member aa \"A\"\n\ndecision \"d\"\n  passes if unanimous\n  if rejected, escalate to \"the board\"\n"
    );
    let scenarios = "scenarios for \"a.concord\"\n\nscenario \"x\"\n  propose \"d\" on 1 June 2026\n  in favour: aa\n  expect pass\n";
    advice_applied(&agreement, Some(scenarios), "concord::parse::unexpected_text", |help, text, scenarios| {
        assert!(help.starts_with("did you mean `passed`?"), "{help}");
        let fixed = scenarios.unwrap_or("").replace("expect pass\n", &format!("expect {}\n", snippet(help, 0)));
        (text.to_string(), Some(fixed))
    });
}

#[test]
fn a_misspelt_header_is_respelt_as_the_help_says() {
    let broken = format!("{HEAD}memebr aa \"A\"\n");
    advice_applied(&broken, None, "concord::parse::unknown_block", |help, text, _| {
        (text.replace("memebr", &snippet(help, 0)), None)
    });
}

#[test]
fn a_decision_with_no_way_out_of_deadlock_takes_the_route_the_help_writes() {
    let broken = format!("{HEAD}member aa \"A\"\nmember bb \"B\"\n\ndecision \"d\"\n  passes if unanimous\n");
    let before = findings(&broken, None);
    let Some((code, _, help)) = before.iter().find(|(_, _, help)| help.contains("if rejected, escalate to")) else {
        panic!("no finding proposes a route: {before:?}");
    };
    let code = code.clone();
    let help = help.clone();
    let route =
        help.split('`').skip(1).step_by(2).find(|s| s.starts_with("if rejected")).unwrap_or_default().to_string();
    let fixed = format!("{broken}  {route}\n");
    let after = findings(&fixed, None);
    assert!(after.iter().all(|(c, s, _)| *c != code && s != "error"), "`{route}` applied gives {after:?}");
}

#[test]
fn a_file_that_is_not_concord_is_said_to_be_so_once() {
    let notes =
        "Minutes of the board\nPresent: the chair and four members\nApologies from the council\nAny other business\n";
    let found = findings(notes, None);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "concord::parse::not_concord");
}

#[test]
fn votes_no_decision_counts_are_counted_as_the_help_says() {
    let broken = format!(
        "{HEAD}member aa \"A\"\n  votes 3\nmember bb \"B\"\n  votes 1\n\ndecision \"d\"\n  passes if more than half of eligible votes in favour\n  if rejected, escalate to \"the board\"\n"
    );
    advice_applied(&broken, None, "concord::check::votes_not_used", |help, text, _| {
        // The help's second snippet is the voting clause to add.
        (text.replace("member aa", &format!("{}\n\nmember aa", snippet(help, 1))), None)
    });
}
