//! `concord explain` on every bundled example: the schedule in text and markdown (snapshots),
//! and the HTML page's charts and escaping.

use std::path::Path;
use std::process::Command;

use concord::commands::explain::explain;
use concord::report::explain::{explain_html, explain_markdown, explain_text};

#[test]
fn every_example_as_text_and_markdown() {
    insta::glob!("../examples", "*.concord", |path| {
        let e = explain(path);
        assert_eq!(e.exit_code(), 0, "{}: {:?} {:?}", path.display(), e.problems, e.messages);
        assert!(!e.parts.is_empty() && !e.definitions.is_empty());
        insta::assert_snapshot!("text", explain_text(&e));
        insta::assert_snapshot!("markdown", explain_markdown(&e));
    });
}

/// Every defined term is defined once.
#[test]
fn terms_are_defined_once() {
    insta::glob!("../examples", "*.concord", |path| {
        let e = explain(path);
        let mut terms: Vec<&str> = e.definitions.iter().map(|d| d.term.as_str()).collect();
        let n = terms.len();
        terms.sort_unstable();
        terms.dedup();
        assert_eq!(terms.len(), n, "{}", path.display());
    });
}

/// One bar per member per series in each chart, and no user text left unescaped.
#[test]
fn html_has_one_bar_per_member_per_series_and_escapes_user_text() {
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|x| x != "concord") {
            continue;
        }
        let e = explain(&path);
        let html = explain_html(&e);
        assert!(html.starts_with("<!DOCTYPE html>") && html.ends_with("</html>\n"));
        assert!(
            !html.contains("http://")
                || html.matches("http://").count() == html.matches("xmlns=\"http://www.w3.org/2000/svg\"").count(),
            "no link out"
        );
        assert!(!html.contains("<script") && !html.contains("<link"));
        assert!(html.contains("@media print"));
        let charts: Vec<&str> = html.split("<svg").skip(1).collect();
        let analysed: Vec<_> = e.power.iter().filter(|r| r.not_analysed.is_none()).collect();
        assert_eq!(charts.len(), analysed.len(), "{}", path.display());
        for (chart, rule) in charts.iter().zip(&analysed) {
            let chart = &chart[..chart.find("</svg>").unwrap()];
            for m in &rule.members {
                let bars = chart.matches(&format!("class=\"bar\" data-member=\"{}\"", m.member)).count();
                assert_eq!(bars, 3, "{}: {} in {}", path.display(), m.member, rule.decision);
            }
            assert_eq!(chart.matches("class=\"bar\"").count(), 3 * rule.members.len());
        }
        // Every name appears escaped, never raw when it holds a character HTML gives meaning to.
        for p in &e.parts {
            for c in &p.clauses {
                if c.text.contains(['<', '>', '&', '"']) {
                    assert!(!html.contains(&c.text), "unescaped: {}", c.text);
                }
            }
        }
    }
}

#[test]
fn hostile_names_are_escaped() {
    let dir = std::env::temp_dir().join(format!("concord-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = std::fs::read_to_string("examples/lead-provider-alliance.concord")
        .unwrap()
        .replace("Age UK Norfolk", "Age <UK> & Norfolk");
    let path = dir.join("hostile.concord");
    std::fs::write(&path, text).unwrap();
    let e = explain(&path);
    assert_eq!(e.exit_code(), 0, "{:?}", e.problems);
    let html = explain_html(&e);
    assert!(!html.contains("<UK>"), "raw user text in the page");
    assert!(html.contains("Age &lt;UK&gt; &amp;"));
}

#[test]
fn cli_offers_every_format() {
    let bin = env!("CARGO_BIN_EXE_concord");
    let example = Path::new("examples/lead-provider-alliance.concord");
    for (format, starts) in
        [("human", "Schedule:"), ("markdown", "# Schedule:"), ("html", "<!DOCTYPE html>"), ("json", "{")]
    {
        let out = Command::new(bin).args(["explain", "--format", format]).arg(example).output().unwrap();
        assert!(out.status.success(), "{format}");
        assert!(String::from_utf8_lossy(&out.stdout).starts_with(starts), "{format}");
    }
    let out = Command::new(bin).args(["explain", "--format", "json"]).arg(example).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(json["definitions"].as_array().is_some_and(|d| !d.is_empty()));
    assert!(json["parts"][0]["clauses"][0]["number"] == "2.1");
    assert!(
        json["power"][0]["members"][0]["banzhaf"].is_object() || json["power"][0]["members"][0]["banzhaf"].is_string()
    );
    let missing = Command::new(bin).args(["explain", "no-such-file.concord"]).output().unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

/// The browser check (tests/browser/explain.mjs) when Chromium is installed; on CI a missing
/// Chromium is a failure, never a silent pass.
#[test]
fn html_opens_cleanly_in_chromium() {
    let chromium = Path::new("/usr/bin/chromium");
    let node_modules = Path::new("tests/browser/node_modules/playwright-core");
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    if !chromium.exists() || !node_modules.exists() {
        assert!(!ci, "CI=true but Chromium or tests/browser/node_modules is missing: run .ci/run's install step");
        eprintln!("skipped: /usr/bin/chromium or tests/browser/node_modules missing (run `npm ci` in tests/browser)");
        return;
    }
    let status = Command::new("node")
        .arg("tests/browser/explain.mjs")
        .env("CONCORD_BIN", env!("CARGO_BIN_EXE_concord"))
        .status()
        .unwrap();
    assert!(status.success());
}

/// `concord eval --format html`: a waterfall per year-end result, one step per party and member
/// and one for what is unallocated, every label the exact sum.
#[test]
fn eval_html_has_a_waterfall_per_result() {
    let out = Command::new(env!("CARGO_BIN_EXE_concord"))
        .args(["eval", "--format", "html"])
        .args(["examples/lead-provider-alliance.concord", "examples/lead-provider-alliance.scenarios"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let html = String::from_utf8(out.stdout).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && !html.contains("<script"));
    let charts: Vec<&str> = html.split("<svg").skip(1).collect();
    assert!(!charts.is_empty());
    for chart in charts {
        assert_eq!(chart.matches("class=\"step total\"").count(), 1);
        assert_eq!(chart.matches("data-step=\"unallocated\"").count(), 1);
        for member in ["nchc", "qeh", "nsft", "wnpc"] {
            assert_eq!(chart.matches(&format!("data-step=\"{member}\"")).count(), 1, "{member}");
        }
    }
    assert!(html.contains("<title>nchc: £320,000.00</title>"));
}
