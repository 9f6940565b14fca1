//! The properties the bodies assert, written apart from the engines they judge: a naive
//! comment scanner, the and/or of a rule's reported conditions, and exact sums.

use concord::eval::{Combination, Evaluation, OutcomeKind, RuleResult};
use concord::money::YearEndWorking;
use concord::span::Span;
use rust_decimal::Decimal;

/// Every comment in `text`: from a `#` outside a quoted name to the end of its line, trailing
/// blanks dropped. Lines end as the grammar says: `\r\n`, `\n` or `\r`.
pub fn comments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.split(['\n', '\r']) {
        let mut in_string = false;
        for (i, c) in line.char_indices() {
            match c {
                '"' => in_string = !in_string,
                '#' if !in_string => {
                    out.push(line.get(i..).unwrap_or("").trim_end().to_string());
                    break;
                }
                _ => {}
            }
        }
    }
    out
}

/// The comments of `before` that `after` lacks (counting repeats), in order.
pub fn lost_comments(before: &str, after: &str) -> Vec<String> {
    let mut kept = comments(after);
    let mut lost = Vec::new();
    for comment in comments(before) {
        match kept.iter().position(|c| *c == comment) {
            Some(i) => {
                kept.swap_remove(i);
            }
            None => lost.push(comment),
        }
    }
    lost
}

/// Recomputes a combination from the conditions' own results; `None` when it names a
/// condition that is not there.
fn combine(combination: &Combination, held: &[bool]) -> Option<bool> {
    match combination {
        Combination::Condition { number, .. } => held.get(number.checked_sub(1)?).copied(),
        Combination::All { parts, .. } => {
            let mut all = true;
            for part in parts {
                all &= combine(part, held)?;
            }
            Some(all)
        }
        Combination::Any { parts, .. } => {
            let mut any = false;
            for part in parts {
                any |= combine(part, held)?;
            }
            Some(any)
        }
    }
}

/// Every part's `held` agrees with its own parts.
fn consistent(combination: &Combination, held: &[bool]) -> bool {
    let parts = match combination {
        Combination::Condition { .. } => &[][..],
        Combination::All { parts, .. } | Combination::Any { parts, .. } => parts.as_slice(),
    };
    combine(combination, held) == Some(combination.held()) && parts.iter().all(|p| consistent(p, held))
}

/// A rule's (or quorum's) reported conditions combine to what it says.
pub fn assert_rule(what: &str, rule: &RuleResult) {
    let held: Vec<bool> = rule.conditions.iter().map(|c| c.held).collect();
    for (i, c) in rule.conditions.iter().enumerate() {
        assert_eq!(c.number, i + 1, "{what}: conditions are not numbered in order");
    }
    assert!(consistent(&rule.combination, &held), "{what}: the combination disagrees with its conditions: {rule:#?}");
    assert_eq!(rule.held, rule.combination.held(), "{what}: the rule's result is not its combination's: {rule:#?}");
}

/// An evaluation's outcome agrees with its working.
pub fn assert_evaluation(e: &Evaluation) {
    if let Some(rule) = &e.rule {
        assert_rule("rule", rule);
    }
    if let Some(quorum) = &e.quorum {
        assert_rule("quorum", quorum);
    }
    let outcome = &e.outcome;
    match outcome.result {
        // A body outside the meeting decided it: no vote, rule or quorum was looked at.
        OutcomeKind::Passed if outcome.decided_outside.is_some() => {
            assert!(outcome.invalid.is_empty() && e.rule.is_none(), "passed outside yet voted on: {e:#?}")
        }
        OutcomeKind::Passed => {
            assert!(outcome.invalid.is_empty(), "passed yet invalid: {outcome:?}");
            assert!(outcome.vetoed_by.is_empty(), "passed yet vetoed: {outcome:?}");
            assert!(e.quorum.as_ref().is_none_or(|q| q.held), "passed without a quorum: {e:#?}");
            let rule = e.rule.as_ref().unwrap_or_else(|| panic!("passed with no rule: {e:#?}"));
            if outcome.casting_vote.is_some() {
                assert!(
                    e.tie.as_ref().is_some_and(|t| t.tied && t.decides),
                    "passed on a casting vote without a tie that decides it: {e:#?}"
                );
            } else {
                assert!(rule.held, "passed though its conditions combine to false: {e:#?}");
            }
        }
        OutcomeKind::Invalid => assert!(!outcome.invalid.is_empty(), "invalid without a reason: {outcome:?}"),
        OutcomeKind::Deadlocked => assert!(
            outcome.deadlock.as_ref().is_some_and(|d| d.escalated_to.is_none())
                && e.tie.as_ref().is_some_and(|t| t.tied && t.decides),
            "deadlocked without a tie that decides it: {outcome:?}"
        ),
        OutcomeKind::Escalated => assert!(
            outcome.deadlock.as_ref().is_some_and(|d| d.escalated_to.is_some()),
            "escalated to nobody: {outcome:?}"
        ),
        OutcomeKind::Rejected => {
            assert!(outcome.deadlock.as_ref().is_some_and(|d| d.escalated_to.is_none()), "rejected without a reason")
        }
        OutcomeKind::Postponed => assert!(
            outcome.postponement.as_ref().is_some_and(|p| p.held && !p.asked_by.is_empty()),
            "postponed though nobody holding enough asked: {outcome:?}"
        ),
        OutcomeKind::Awaiting => assert!(
            outcome.decided_outside.is_some() && outcome.invalid.is_empty(),
            "awaiting no body's decision: {outcome:?}"
        ),
    }
    // The outcome serialises as one of the seven words (docs/semantics.md).
    let json = serde_json::to_value(outcome).unwrap_or_default();
    let word = json.get("result").and_then(|r| r.as_str()).unwrap_or("");
    assert!(["passed", "rejected", "escalated", "deadlocked", "invalid", "postponed", "awaiting"].contains(&word), "unknown outcome {word:?}");
}

/// The members' shares, the parties' amounts and what is unallocated add up to the year's
/// result exactly, and nobody gets or bears a negative amount.
pub fn assert_money(w: &YearEndWorking) {
    let mut total = w.unallocated;
    for amount in w.members.iter().map(|m| m.amount).chain(w.parties.iter().map(|p| p.amount)) {
        total = total.checked_add(amount).unwrap_or_else(|| panic!("the shares overflow: {w:#?}"));
        assert!(amount >= Decimal::ZERO, "a negative share {amount}: {w:#?}");
    }
    assert_eq!(total, w.result.abs(), "the shares do not add up to the result: {w:#?}");
    if let Some(waterfall) = &w.waterfall {
        assert_eq!(waterfall.amount, w.result.abs(), "the waterfall does not run the whole result: {w:#?}");
    }
}

/// A span lies inside a text of `len` bytes.
pub fn assert_inside(span: Span, text: &str) {
    assert!(
        span.start <= span.end
            && span.end <= text.len()
            && text.is_char_boundary(span.start)
            && text.is_char_boundary(span.end),
        "span {span:?} is outside a text of {} bytes or not on a character boundary",
        text.len()
    );
}

/// Every `{start, end}` object in a serialised tree is a span inside the text.
pub fn walk_spans(value: &serde_json::Value, text: &str) {
    match value {
        serde_json::Value::Object(map) => {
            if let (Some(start), Some(end)) =
                (map.get("start").and_then(|v| v.as_u64()), map.get("end").and_then(|v| v.as_u64()))
            {
                assert_inside(Span::new(start as usize, end as usize), text);
            }
            map.values().for_each(|v| walk_spans(v, text));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| walk_spans(v, text)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_skip_quoted_hashes_and_split_on_every_line_end() {
        let text = "agreement \"A # B\" # one\r\n  # two\rmember x # three\n";
        assert_eq!(comments(text), vec!["# one", "# two", "# three"]);
        assert_eq!(lost_comments(text, "# two\n# one\n"), vec!["# three"]);
    }
}
