//! No input can panic, hang or overflow the reader; every span lies inside its source.

use concord::load::load;
use concord::span::Span;
use proptest::prelude::*;

const SAMPLE: &str = include_str!("corpus/parse/ok_full_rule.concord");

/// Every span a finding reports lies inside the source, on character boundaries.
fn assert_spans_inside(text: &str) {
    let loaded = load(text);
    for diagnostic in &loaded.diagnostics {
        let finding = concord::report::finding(diagnostic, text);
        for label in finding.labels {
            assert!(label.span.end <= text.len(), "label {:?} outside a text of {} bytes", label.span, text.len());
            assert!(text.is_char_boundary(label.span.start) && text.is_char_boundary(label.span.end));
        }
    }
    for block in &loaded.file.blocks {
        assert_inside(block.span, text);
        assert_inside(block.header.span, text);
        for clause in &block.clauses {
            assert_inside(clause.span, text);
        }
    }
    // The tree serialises with every node's span; walk them all.
    let json = serde_json::to_value(&loaded.file).unwrap_or_default();
    walk_spans(&json, text);
}

fn assert_inside(span: Span, text: &str) {
    assert!(span.start <= span.end && span.end <= text.len(), "span {span:?} outside a text of {} bytes", text.len());
}

fn walk_spans(value: &serde_json::Value, text: &str) {
    match value {
        serde_json::Value::Object(map) => {
            if let (Some(start), Some(end)) =
                (map.get("start").and_then(|v| v.as_u64()), map.get("end").and_then(|v| v.as_u64()))
            {
                assert_inside(Span::new(start as usize, end as usize), text);
                assert!(start <= end);
            }
            map.values().for_each(|v| walk_spans(v, text));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| walk_spans(v, text)),
        _ => {}
    }
}

/// Pieces that make mutated agreements likelier to reach deep into the grammar.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("(".to_string()),
        Just(")".to_string()),
        Just("\n".to_string()),
        Just("\n  ".to_string()),
        Just(" and ".to_string()),
        Just(" or ".to_string()),
        Just("\"".to_string()),
        Just("#".to_string()),
        Just("£".to_string()),
        Just("70%".to_string()),
        Just("9999999999999999999999999999999".to_string()),
        Just(",000".to_string()),
        Just("in favour".to_string()),
        Just("member ".to_string()),
        Just("decision \"".to_string()),
        "[a-z ]{0,12}",
        any::<char>().prop_map(|c| c.to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,400}") {
        assert_spans_inside(&text);
    }

    #[test]
    fn mutated_agreements_never_panic(
        edits in proptest::collection::vec((0usize..SAMPLE.len(), 0usize..8, fragment()), 1..6)
    ) {
        let mut text = SAMPLE.to_string();
        for (at, cut, insert) in edits {
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + cut).min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.replace_range(at..end, &insert);
        }
        assert_spans_inside(&text);
    }
}

#[test]
fn ten_thousand_nested_parentheses_are_refused() {
    let text = format!(
        "agreement \"T\"\nmember x\ndecision \"d\"\n  passes if {}x in favour{}\n",
        "(".repeat(10_000),
        ")".repeat(10_000)
    );
    let loaded = load(&text);
    assert!(loaded.diagnostics.iter().any(|d| d.code_string() == "concord::parse::too_deeply_nested"));
}

#[test]
fn a_long_chain_of_conditions_is_read_without_recursion_trouble() {
    let chain = vec!["x in favour"; 3_000].join(" and ");
    let text = format!("agreement \"T\"\nmember x\ndecision \"d\"\n  passes if {chain}\n");
    let loaded = load(&text);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics.first());
}

#[test]
fn an_oversized_clause_is_refused() {
    let text = format!("agreement \"{}\"\n", "x".repeat(70_000));
    let loaded = load(&text);
    assert!(loaded.diagnostics.iter().any(|d| d.code_string() == "concord::parse::clause_too_long"));
}

#[test]
fn a_forty_digit_amount_is_a_diagnostic() {
    let text = "agreement \"T\"\nmember x\n  budget £1234567890123456789012345678901234567890\n";
    let loaded = load(text);
    assert!(loaded.diagnostics.iter().any(|d| d.code_string() == "concord::parse::number_too_large"));
}
