//! The money engine returns its rules and remarks as plain data; `src/report/money_words.rs`
//! words them once, for the text and the JSON alike (issue 22). Through the real binary on the
//! bundled examples: every step's `rule` and every `notes` entry of the JSON is a string, and the
//! text report says the same words.

use assert_cmd::Command;

fn concord() -> Command {
    let mut cmd = Command::cargo_bin("concord").expect("binary built");
    cmd.env("NO_COLOR", "1");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// The report on stdout (the bundled scenarios include proposals refused as invalid, on purpose,
/// so the exit code is not asked about here).
fn output(args: &[&str]) -> String {
    let out = concord().args(args).output().expect("runs");
    assert!(!out.stdout.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every waterfall step (an object with `number`, `rule` and `notes`) and every fund line's notes.
fn collect(value: &serde_json::Value, steps: &mut Vec<(u64, String, Vec<String>)>, lines: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            let notes = || -> Vec<String> {
                map.get("notes")
                    .and_then(|n| n.as_array())
                    .map(|n| n.iter().map(|s| s.as_str().expect("a note is a string").to_string()).collect())
                    .unwrap_or_default()
            };
            if let (Some(number), Some(rule)) = (map.get("number").and_then(|n| n.as_u64()), map.get("rule")) {
                steps.push((number, rule.as_str().expect("a rule is a string").to_string(), notes()));
            } else if map.contains_key("to_fund_rule") {
                lines.extend(notes());
            }
            map.values().for_each(|v| collect(v, steps, lines));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect(v, steps, lines)),
        _ => {}
    }
}

#[test]
fn the_json_and_the_text_give_each_step_the_same_rule_and_notes() {
    let mut seen = 0;
    for name in
        ["hounslow-integrated-care-fund", "better-care-fund", "ealing-integrated-care-fund", "lead-provider-alliance"]
    {
        let agreement = format!("examples/{name}.concord");
        let scenarios = format!("examples/{name}.scenarios");
        let text = output(&["eval", &agreement, &scenarios]);
        let json: serde_json::Value =
            serde_json::from_str(&output(&["eval", "--format", "json", &agreement, &scenarios])).expect("JSON");
        let (mut steps, mut lines) = (Vec::new(), Vec::new());
        collect(&json, &mut steps, &mut lines);
        assert!(!steps.is_empty(), "{name} has waterfall steps");
        for (number, rule, notes) in &steps {
            assert!(!rule.is_empty(), "{name}: step {number} has a rule");
            assert!(text.contains(&format!("Step {number}: {rule}")), "{name}: step {number}: {rule}");
            for note in notes {
                assert!(text.contains(&format!("Note: {note}.")), "{name}: {note}");
                seen += 1;
            }
        }
        for note in &lines {
            assert!(text.contains(&format!(": {note}.")), "{name}: {note}");
            seen += 1;
        }
    }
    assert!(seen > 10, "the examples have notes to compare ({seen})");
}
