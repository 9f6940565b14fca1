//! `concord test --update`: each failed expectation rewritten to what actually came out.

use std::path::Path;

use crate::load::plain_io;
use crate::results::test::TestReport;
use crate::span::line_col;

/// `--update`: rewrites each failed expectation that has a replacement to what actually came
/// out. Returns what changed, line by line, as `-`/`+` pairs, so nothing changes unseen.
pub fn update(report: &TestReport) -> Result<String, String> {
    let mut out = String::new();
    for file in &report.files {
        let mut edits: Vec<(crate::span::Span, String)> = file
            .scenarios
            .iter()
            .flat_map(|s| &s.mismatches)
            .filter_map(|m| m.replacement.clone().map(|r| (m.span, r)))
            .collect();
        if edits.is_empty() {
            continue;
        }
        let path = Path::new(&file.path);
        let mut text =
            std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {}", file.path, plain_io(&e)))?;
        edits.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
        out.push_str(&format!("--- {}\n+++ {} (updated)\n", file.path, file.path));
        let mut lines = Vec::new();
        for (span, replacement) in &edits {
            let old = text.get(span.start..span.end).unwrap_or("").to_string();
            lines.push(format!("@@ line {}\n- {old}\n+ {replacement}\n", line_col(&text, span.start).0));
            text.replace_range(span.start..span.end, replacement);
        }
        lines.reverse();
        out.push_str(&lines.concat());
        std::fs::write(path, text).map_err(|e| format!("cannot write {}: {}", file.path, plain_io(&e)))?;
    }
    let kept = report
        .files
        .iter()
        .flat_map(|f| &f.scenarios)
        .flat_map(|s| &s.mismatches)
        .filter(|m| m.replacement.is_none())
        .count();
    if out.is_empty() && kept == 0 {
        out.push_str("Nothing to update: every expectation already holds.\n");
    } else if kept > 0 {
        out.push_str(&format!(
            "{kept} failing {} left as written: what came out cannot stand as an expectation (a vote from a name that is not a member, or nothing worked out), so fix the scenario itself.\n",
            if kept == 1 { "expectation was" } else { "expectations were" }
        ));
    }
    Ok(out)
}
