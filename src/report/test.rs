//! `concord test`'s reports: human, and JUnit XML for CI systems (JSON is the report itself).

use quick_xml::events::{BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;
use serde::{Serialize, Serializer};

use crate::report::{render_each, Colour};
use crate::results::eval::Weights;
use crate::results::test::{Explanation, Status, TestReport};

/// What actually happened in a failed scenario, in words: the evaluator's explanation of the
/// proposal, then the year-end working, both without colour (the text also goes into JSON and
/// JUnit).
pub fn explanation_text(explanation: &Explanation) -> String {
    let mut text = String::new();
    if let Some(e) = &explanation.evaluation {
        text.push_str(&super::eval::evaluation_human(e, Weights::Hide, Colour::Off));
    }
    if let Some(election) = &explanation.election {
        text.push_str(&super::elections::election_human(election));
    }
    if let Some(working) = &explanation.working {
        text.push_str(&super::money::working_human(working, Some(&explanation.agreement_title)));
    }
    text
}

/// In JSON an explanation is its text, as the human report shows it.
impl Serialize for Explanation {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&explanation_text(self))
    }
}

/// The closing line: `N passed, N failed` (and `, N skipped` when any were).
pub fn summary(report: &TestReport) -> String {
    let mut line = format!("{} passed, {} failed", report.passed, report.failed);
    if report.skipped > 0 {
        line.push_str(&format!(", {} skipped", report.skipped));
    }
    line
}

fn indent(text: &str, by: &str) -> String {
    text.lines().map(|l| if l.is_empty() { String::new() } else { format!("{by}{l}") }).collect::<Vec<_>>().join("\n")
}

/// The human report: each file, each scenario, each failure side by side with the working.
pub fn test_human(report: &TestReport, colour: Colour, width: usize) -> String {
    let mut out = String::new();
    for file in &report.files {
        match &file.agreement {
            Some(a) => out.push_str(&format!("{} (testing {a})\n", file.path)),
            None => out.push_str(&format!("{}\n", file.path)),
        }
        let rendered = file.rendered.iter().map(|(d, s)| (d, &**s));
        for text in render_each(rendered, colour, width, "") {
            out.push_str(&indent(&text, "  "));
            out.push('\n');
        }
        if !file.problems.is_empty() {
            out.push_str("  ✗ these scenarios could not be run: fix the problems above\n");
        }
        for scenario in &file.scenarios {
            match scenario.status {
                Status::Passed => out.push_str(&format!("  ✓ {}\n", scenario.name)),
                Status::Skipped => out.push_str(&format!("  - {} (skipped: it expects nothing)\n", scenario.name)),
                Status::Failed => {
                    out.push_str(&format!("  ✗ {} (line {})\n", scenario.name, scenario.line));
                    for m in &scenario.mismatches {
                        out.push_str(&format!("      line {}: {}\n", m.line, m.expectation.trim()));
                        out.push_str(&format!("        expected: {}\n", m.expected));
                        out.push_str(&format!("        actual:   {}\n", m.actual));
                    }
                    if let Some(explanation) = &scenario.explanation {
                        out.push_str("      What happened:\n");
                        out.push_str(&indent(&explanation_text(explanation), "        "));
                        out.push('\n');
                    }
                }
            }
        }
        out.push('\n');
    }
    if let Some(coverage) = &report.coverage {
        out.push_str("Coverage\n");
        for (agreement, decisions) in &coverage.decisions {
            out.push_str(&format!("  {agreement}\n"));
            for (name, d) in decisions {
                if d.scenarios == 0 {
                    out.push_str(&format!("    decision “{name}”: no scenario proposes it\n"));
                    continue;
                }
                let deciding = d.conditions.values().filter(|v| **v).count();
                match &d.decided_by {
                    Some(body) => out.push_str(&format!(
                        "    decision “{name}”, decided by “{body}”: {} scenario(s); of the body's {} decisions (agreed, not agreed), {deciding} decided an outcome\n",
                        d.scenarios,
                        d.conditions.len()
                    )),
                    None => out.push_str(&format!(
                        "    decision “{name}”: {} scenario(s); {deciding} of {} condition(s) decided an outcome\n",
                        d.scenarios,
                        d.conditions.len()
                    )),
                }
                for (condition, decided) in &d.conditions {
                    if !decided {
                        out.push_str(&format!("      never decided an outcome: {condition}\n"));
                    }
                }
            }
            for (name, e) in coverage.elections.get(agreement).into_iter().flatten() {
                out.push_str(&election_coverage(name, e));
            }
            if let Some((surplus, deficit)) = coverage.waterfalls.get(agreement) {
                let says = |n: usize| if n == 0 { "no scenario".to_string() } else { format!("{n} scenario(s)") };
                out.push_str(&format!(
                    "    savings waterfall: {}; deficit waterfall: {}\n",
                    says(*surplus),
                    says(*deficit)
                ));
            }
        }
        let (covered, total) = coverage.counts();
        out.push_str(&format!(
            "  In all: {covered} of {total} {} exercised ({}).\n",
            if total == 1 { "item" } else { "items" },
            super::words::percent(coverage.percent())
        ));
        if let Some(min) = report.min_coverage {
            if report.below_min_coverage() {
                out.push_str(&format!("  ✗ below the minimum of {}%\n", super::words::num(min)));
            } else {
                out.push_str(&format!("  ✓ at least the minimum of {}%\n", super::words::num(min)));
            }
        }
        out.push('\n');
    }
    if report.files.is_empty() {
        out.push_str("No scenario files were found.\n");
    } else if report.filter_matched_nothing() {
        let filter = report.filter.as_deref().unwrap_or("");
        out.push_str(&format!("No scenario's name contains “{filter}”, so nothing was tested.\n"));
    }
    out.push_str(&summary(report));
    out.push('\n');
    out
}

/// Text as XML 1.0 may carry it: the control characters it forbids (all but tab and newline)
/// are dropped. quick-xml escapes the rest.
fn xml_text(text: &str) -> String {
    text.chars().filter(|c| !c.is_control() || matches!(c, '\n' | '\t')).collect()
}

/// JUnit XML, as CI systems read it: a test suite per scenario file, a test case per scenario.
/// Written with quick-xml, which escapes every attribute and text.
pub fn test_junit(report: &TestReport) -> String {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing into a Vec cannot fail; an error would only leave the report short.
    let _ = junit(report, &mut writer);
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&String::from_utf8_lossy(&writer.into_inner()));
    out.push('\n');
    out
}

fn junit(report: &TestReport, w: &mut Writer<Vec<u8>>) -> std::io::Result<()> {
    let errors = report.files.iter().filter(|f| !f.problems.is_empty()).count();
    // BOUND: each scenario run is counted once, as passed, failed or skipped, so the three add up
    // to the number of scenarios run, one per scenario read.
    #[allow(clippy::arithmetic_side_effects)]
    let tests = report.passed + report.failed + report.skipped;
    let (tests, failed, skipped, errors) =
        (tests.to_string(), report.failed.to_string(), report.skipped.to_string(), errors.to_string());
    let suites = BytesStart::new("testsuites").with_attributes([
        ("name", "concord"),
        ("tests", tests.as_str()),
        ("failures", failed.as_str()),
        ("skipped", skipped.as_str()),
        ("errors", errors.as_str()),
    ]);
    w.write_event(Event::Start(suites))?;
    for file in &report.files {
        let count = |s: Status| file.scenarios.iter().filter(|x| x.status == s).count().to_string();
        let path = xml_text(&file.path);
        let (cases, failed, skipped) =
            (file.scenarios.len().to_string(), count(Status::Failed), count(Status::Skipped));
        let errors = usize::from(!file.problems.is_empty()).to_string();
        let suite = BytesStart::new("testsuite").with_attributes([
            ("name", path.as_str()),
            ("tests", cases.as_str()),
            ("failures", failed.as_str()),
            ("skipped", skipped.as_str()),
            ("errors", errors.as_str()),
        ]);
        w.write_event(Event::Start(suite))?;
        if !file.problems.is_empty() {
            let text: Vec<String> = file.problems.iter().map(|p| format!("{}: {}", p.code, p.message)).collect();
            let first = xml_text(text.first().map_or("", String::as_str));
            w.create_element("testcase")
                .with_attributes([("name", "(file)"), ("classname", path.as_str())])
                .write_inner_content(|w| {
                    w.create_element("error")
                        .with_attribute(("message", first.as_str()))
                        .write_text_content(BytesText::new(&xml_text(&text.join("\n"))))
                        .map(|_| ())
                })?;
        }
        for scenario in &file.scenarios {
            let (name, line) = (xml_text(&scenario.name), scenario.line.to_string());
            let case = w.create_element("testcase").with_attributes([
                ("name", name.as_str()),
                ("classname", path.as_str()),
                ("file", path.as_str()),
                ("line", line.as_str()),
            ]);
            match scenario.status {
                Status::Passed => {
                    case.write_empty()?;
                }
                Status::Skipped => {
                    case.write_inner_content(|w| {
                        w.create_element("skipped")
                            .with_attribute(("message", "it expects nothing"))
                            .write_empty()
                            .map(|_| ())
                    })?;
                }
                Status::Failed => {
                    let first = scenario.mismatches.first();
                    let message = first.map_or(String::new(), |m| format!("expected {}, got {}", m.expected, m.actual));
                    let mut body = String::new();
                    for m in &scenario.mismatches {
                        body.push_str(&format!(
                            "line {}: {}\nexpected: {}\nactual:   {}\n",
                            m.line,
                            m.expectation.trim(),
                            m.expected,
                            m.actual
                        ));
                    }
                    if let Some(e) = &scenario.explanation {
                        body.push('\n');
                        body.push_str(&explanation_text(e));
                    }
                    let message = xml_text(&message);
                    case.write_inner_content(|w| {
                        w.create_element("failure")
                            .with_attribute(("message", message.as_str()))
                            .write_text_content(BytesText::new(&xml_text(&body)))
                            .map(|_| ())
                    })?;
                }
            }
        }
        w.write_event(Event::End(BytesEnd::new("testsuite")))?;
    }
    w.write_event(Event::End(BytesEnd::new("testsuites")))
}

/// The report as Markdown, to paste into minutes or a pull request: a table per file, then each
/// failure with its expectations and, folded, what happened.
pub fn test_markdown(report: &TestReport) -> String {
    let cell = |text: &str| text.replace('|', "\\|").replace('\n', " ");
    let mut out = String::from("# Scenario results\n\n");
    out.push_str(&format!("**{}**\n", summary(report)));
    for file in &report.files {
        match &file.agreement {
            Some(a) => out.push_str(&format!("\n## `{}` (testing `{a}`)\n\n", file.path)),
            None => out.push_str(&format!("\n## `{}`\n\n", file.path)),
        }
        if !file.problems.is_empty() {
            out.push_str("The scenarios could not be run:\n\n");
            for p in &file.problems {
                let line = p.labels.first().map(|l| format!(" (line {})", l.line)).unwrap_or_default();
                out.push_str(&format!("- `{}`{line}: {}\n", p.code, p.message));
            }
            continue;
        }
        out.push_str("| Scenario | Line | Result |\n| --- | ---: | --- |\n");
        for s in &file.scenarios {
            let result = match s.status {
                Status::Passed => "passed",
                Status::Failed => "**failed**",
                Status::Skipped => "skipped (it expects nothing)",
            };
            out.push_str(&format!("| {} | {} | {result} |\n", cell(&s.name), s.line));
        }
        for s in file.scenarios.iter().filter(|s| s.status == Status::Failed) {
            out.push_str(&format!("\n### “{}” (line {})\n\n", s.name, s.line));
            for m in &s.mismatches {
                out.push_str(&format!(
                    "- line {}: `{}`: expected {}, actually {}\n",
                    m.line,
                    m.expectation.trim(),
                    m.expected,
                    m.actual
                ));
            }
            if let Some(explanation) = &s.explanation {
                out.push_str("\n<details><summary>What happened</summary>\n\n```text\n");
                out.push_str(&explanation_text(explanation));
                out.push_str("```\n\n</details>\n");
            }
        }
    }
    out
}

/// One election's line of `--coverage`: how many scenarios counted it, and whether its tie rule
/// ever decided a tie.
fn election_coverage(name: &str, e: &crate::results::test::ElectionCoverage) -> String {
    if e.scenarios == 0 {
        return format!("    election “{name}”: no scenario holds it\n");
    }
    let rule = match e.tie_rule {
        Some("lot") => "by lot",
        Some(_) => "by a casting vote",
        None => return format!("    election “{name}”: {} scenario(s); it says nothing about a tie\n", e.scenarios),
    };
    if e.ties_decided == 0 {
        format!("    election “{name}”: {} scenario(s); its tie rule ({rule}) never decided a tie\n", e.scenarios)
    } else {
        format!(
            "    election “{name}”: {} scenario(s); its tie rule ({rule}) decided a tie in {}\n",
            e.scenarios, e.ties_decided
        )
    }
}
