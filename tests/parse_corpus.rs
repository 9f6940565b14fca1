//! The reader's corpus: every `err_*.concord` must produce at least one error, every
//! `ok_*.concord` none; the exact report (code, message, labels, help, rendered text) is a
//! snapshot. Accepting a snapshot therefore cannot turn a failure into a pass.

use concord::load::load;
use concord::report::{finding, render, Colour};

#[test]
fn corpus() {
    insta::glob!("corpus/parse/*.concord", |path| {
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        let loaded = load(&text);
        if name.starts_with("err_") {
            assert!(!loaded.diagnostics.is_empty(), "{name} should report a problem");
        } else {
            assert!(loaded.diagnostics.is_empty(), "{name} should read cleanly: {:?}", loaded.diagnostics);
        }
        let mut report = String::new();
        for diagnostic in &loaded.diagnostics {
            let f = finding(diagnostic, &text);
            report.push_str(&format!("code: {}\nmessage: {}\n", f.code, f.message));
            for label in &f.labels {
                report.push_str(&format!(
                    "label: {}:{}-{}:{} {:?} {:?}\n",
                    label.line,
                    label.column,
                    label.end_line,
                    label.end_column,
                    text.get(label.span.start..label.span.end).unwrap_or("<outside the text>"),
                    label.message.as_deref().unwrap_or("")
                ));
            }
            report.push_str(&format!("help: {}\n\n", f.help.as_deref().unwrap_or("-")));
            report.push_str(&render(diagnostic, &name, &text, Colour::Off, 100));
            report.push('\n');
        }
        if report.is_empty() {
            report.push_str("no problems\n");
        }
        insta::assert_snapshot!(report);
    });
}
