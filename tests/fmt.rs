//! Formatting round trips: reading the formatted text gives the same tree, and formatting
//! twice changes nothing. Checked on the corpus, the examples and generated agreements.

use concord::commands::fmt::format_source;
use concord::syntax::parse;
use proptest::prelude::*;

fn assert_round_trip(text: &str) {
    let before = parse(text);
    assert!(before.errors.is_empty(), "input must read cleanly: {:?}", before.errors.first());
    let formatted = format_source(text).unwrap_or_else(|e| panic!("format failed: {e:?}"));
    let after = parse(&formatted);
    assert!(after.errors.is_empty(), "formatted text must read cleanly: {:?}\n{formatted}", after.errors.first());
    assert_eq!(before.file, after.file, "formatting changed the meaning:\n{formatted}");
    let again = format_source(&formatted).unwrap_or_default();
    assert_eq!(formatted, again, "formatting is not stable");
    // Layout only: the same words, figures and comments, in the same order.
    let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    assert_eq!(
        words(text.trim_start_matches('\u{feff}')),
        words(&formatted),
        "formatting changed the words:\n{formatted}"
    );
}

#[test]
fn every_example_is_in_canonical_form() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["fmt", "--check", "examples"])
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
}

#[test]
fn the_diff_shows_what_fmt_would_change() {
    let dir = std::env::temp_dir().join(format!("concord-fmt-diff-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
    let path = dir.join("a.concord");
    std::fs::write(&path, "agreement  \"T\"\n      currency GBP\n").unwrap_or_else(|e| panic!("{e}"));
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_concord")).args(args).output().unwrap_or_else(|e| panic!("{e}"))
    };
    let p = path.to_string_lossy().to_string();
    let diff = run(&["fmt", "--diff", &p]);
    assert_eq!(diff.status.code(), Some(1));
    let shown = String::from_utf8_lossy(&diff.stdout);
    assert!(shown.contains("-agreement  \"T\"\n-      currency GBP\n+agreement \"T\"\n+  currency GBP\n"), "{shown}");
    let json = run(&["fmt", "--check", "--format", "json", &p]);
    assert_eq!(json.status.code(), Some(1));
    let value: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(value["files"][0]["status"], "not_canonical");
    assert_eq!(run(&["fmt", "--write", &p]).status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&path).unwrap_or_default(), "agreement \"T\"\n  currency GBP\n");
    assert_eq!(run(&["fmt", "--check", &p]).status.code(), Some(0));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn clean_files_round_trip() {
    let mut seen = 0;
    for dir in ["tests/corpus/parse", "examples", "tests/corpus/fmt"] {
        let Ok(entries) = std::fs::read_dir(dir) else { continue };
        for entry in entries.flatten() {
            let path = entry.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
            if name.starts_with("err_") || !(name.ends_with(".concord") || name.ends_with(".scenarios")) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            if parse(&text).errors.is_empty() {
                assert_round_trip(&text);
                seen += 1;
            }
        }
    }
    assert!(seen >= 2, "expected some clean files to format, saw {seen}");
}

fn condition() -> impl Strategy<Value = String> {
    let member = prop_oneof![Just("hhft"), Just("gp"), Just("the lead provider")];
    let side = prop_oneof![Just("in favour"), Just("against"), Just("present"), Just("abstaining")];
    let cmp = prop_oneof![Just("at least"), Just("more than"), Just("at most"), Just("fewer than")];
    let prop = prop_oneof![Just("70%"), Just("2/3"), Just("half"), Just("three quarters"), Just("12.5%")];
    let base = prop_oneof![
        Just("eligible votes"),
        Just("votes cast"),
        Just("members present"),
        Just("eligible primary-care members"),
        Just("acute votes cast")
    ];
    prop_oneof![
        Just("unanimous".to_string()),
        (member, side.clone()).prop_map(|(m, s)| format!("{m} {s}")),
        (cmp.clone(), prop, base.clone(), side.clone()).prop_map(|(c, p, b, s)| format!("{c} {p} of {b} {s}")),
        (cmp, 1u32..20, side.clone()).prop_map(|(c, n, s)| format!("{c} {n} members {s}")),
        (base, side).prop_map(|(b, s)| format!("half the {b} plus one {s}")),
        Just("no eligible member against".to_string()),
        Just("each bloc in favour by more than half of its votes cast".to_string()),
    ]
}

fn rule() -> impl Strategy<Value = String> {
    condition().prop_recursive(4, 24, 4, |inner| {
        (proptest::collection::vec(inner, 2..4), prop_oneof![Just(" and "), Just(" or ")], any::<bool>()).prop_map(
            |(parts, joiner, wrap)| {
                let parts: Vec<String> = parts.into_iter().map(|p| format!("({p})")).collect();
                let joined = parts.join(joiner);
                if wrap {
                    format!("({joined})")
                } else {
                    joined
                }
            },
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn generated_rules_round_trip(rule in rule(), amount in 0u64..10_000_000_000, pence in 0u32..100) {
        let text = format!(
            "agreement \"T\"\n  currency GBP\n\nmember hhft \"H\"\n  kinds acute\n  lead provider\n  budget £{amount}.{pence:02}\n\nmember gp\n  kinds primary-care\n\nbloc health\n  members hhft, gp\n\ndecision \"d\"\n  passes if {rule}\n  quorum at least 2 members present\n"
        );
        assert_round_trip(&text);
    }
}
