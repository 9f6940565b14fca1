//! The human report of a rule's (or quorum's) conditions: a small table per condition, then
//! what was required, what was counted and the exact comparison, in sentences.

use rust_decimal::Decimal;

use super::standing::not_voting_sentence;
use super::words::{ballot_phrase, held_words, indent, list, num, percent, plural, table};
use crate::eval::{
    Ballot, BaseSize, Combination, ConditionKind, ConditionResult, Evaluation, Measure, NotVotingReason, Relation,
    RuleResult,
};
use crate::model::{Scope, Side, Unit};

pub(super) fn conditions_human(rule: &RuleResult, e: &Evaluation) -> String {
    let mut out = String::new();
    let n = rule.conditions.len();
    for c in &rule.conditions {
        out.push_str(&condition_human(c, n, e));
    }
    out
}

pub(super) fn condition_human(c: &ConditionResult, of: usize, e: &Evaluation) -> String {
    let mut out = format!(
        "\nCondition {} of {of} (line {}): {} — {}\n",
        c.number,
        c.place.line,
        c.place.text,
        held_words(c.held)
    );
    match c.kind {
        ConditionKind::Member => {
            if let Some(t) = &c.member {
                let needs = t.side.words();
                if t.eligible {
                    out.push_str(&format!(
                        "  {} voted {}; the condition needs {} {needs}, so it {}.\n",
                        t.member,
                        ballot_phrase(t.vote),
                        t.member,
                        held_words(c.held)
                    ));
                } else {
                    let why = e
                        .members
                        .iter()
                        .find(|m| m.member == t.member)
                        .and_then(|m| m.not_voting.as_ref().map(|nv| not_voting_sentence(m, nv, e)))
                        .unwrap_or_default();
                    out.push_str(&format!("  {why} A member who does not vote cannot satisfy this condition.\n"));
                }
            }
        }
        ConditionKind::Bloc => {
            if c.blocs.is_empty() {
                out.push_str("  The agreement has no bloc to measure, so this condition does not hold.\n");
            }
            for b in &c.blocs {
                out.push_str(&format!("  The {} bloc ({}): {}\n", b.bloc, b.name, held_words(b.held)));
                out.push_str(&indent(&measure_human(&b.measure, c.kind, b.held), "  "));
            }
            if c.blocs.len() > 1 {
                let failed: Vec<&str> = c.blocs.iter().filter(|b| !b.held).map(|b| &*b.bloc).collect();
                if failed.is_empty() {
                    out.push_str("  Every bloc held, so this condition held.\n");
                } else {
                    out.push_str(&format!(
                        "  Every bloc must hold; {} did not, so this condition did not hold.\n",
                        list(&failed)
                    ));
                }
            }
        }
        ConditionKind::BlocPosition => out.push_str(&super::blocs::positions_human(&c.positions)),
        _ => {
            if let Some(m) = &c.measure {
                out.push_str(&measure_human(m, c.kind, c.held));
            }
        }
    }
    out
}

/// The table and sentences of one measurement.
pub(super) fn measure_human(m: &Measure, kind: ConditionKind, held: bool) -> String {
    let mut out = String::new();
    let counted_as = match m.unit {
        Unit::Votes => "weight",
        Unit::Members => "members",
    };
    let in_base = |side: Ballot| match m.base.map(|b| b.scope) {
        Some(Scope::Cast) => matches!(side, Ballot::InFavour | Ballot::Against),
        Some(Scope::Present) => side != Ballot::Absent,
        _ => true,
    };
    let base_size = m.base.map_or(m.tally.eligible(), |b| b.size);
    let share = |value: Decimal, side: Ballot| {
        if !in_base(side) {
            "not in the base".to_string()
        } else {
            crate::eval::tally::percent(value, base_size).map_or_else(|| "—".to_string(), percent)
        }
    };
    let kind_prefix = m.kind.as_ref().map(|k| format!("{k} ")).unwrap_or_default();
    let heading = match m.unit {
        Unit::Votes => format!("{kind_prefix}votes"),
        Unit::Members => format!("{kind_prefix}members"),
    };
    let share_of = if m.base.is_some() { "share of the base" } else { "share of eligible" };
    let mut rows = vec![[heading, counted_as.to_string(), share_of.to_string()]];
    for (label, value, ballot) in [
        ("in favour", m.tally.in_favour, Ballot::InFavour),
        ("against", m.tally.against, Ballot::Against),
        ("abstaining", m.tally.abstaining, Ballot::Abstaining),
        ("absent", m.tally.absent, Ballot::Absent),
    ] {
        rows.push([label.to_string(), num(value), share(value, ballot)]);
    }
    let base_label = match m.base {
        Some(b) => format!("the base: {}", base_words(m, b)),
        None => format!("eligible {}", if m.unit == Unit::Votes { "votes" } else { "members" }),
    };
    rows.push([base_label, num(base_size), if base_size.is_zero() { "—".to_string() } else { "100.00%".to_string() }]);
    out.push_str(&table(&rows, &[false, true, true]));
    if !m.not_counted.is_empty() {
        let names: Vec<String> =
            m.not_counted.iter().map(|n| format!("{} ({})", n.member, reason_words(n.reason))).collect();
        out.push_str(&format!("  Not counted, because they do not vote: {}.\n", list(&names)));
    }
    let counted = num(m.counted);
    let side = m.side.words();
    let r = &m.requirement;
    let is = |holds: bool| if holds { "is" } else { "is not" };
    match kind {
        ConditionKind::Unanimous | ConditionKind::Every => {
            if kind == ConditionKind::Unanimous {
                out.push_str(
                    "  Unanimous means every eligible member votes in favour: one abstention or absence makes it fail.\n",
                );
            }
            if r.empty_base {
                out.push_str(&format!(
                    "  There is no eligible {kind_prefix}member to count, so this condition does not hold.\n"
                ));
            } else {
                out.push_str(&format!(
                    "  Required: every one of the {} eligible {kind_prefix}members {side}. {counted} of {} {} {side}, so this condition {}.\n",
                    num(r.required),
                    num(r.required),
                    if m.counted == Decimal::ONE { "is" } else { "are" },
                    held_words(held)
                ));
            }
        }
        ConditionKind::NoMember => {
            out.push_str(&format!(
                "  Required: no eligible {kind_prefix}member {side}. {counted} {} {side}, so this condition {}.",
                if m.counted == Decimal::ONE { "is" } else { "are" },
                held_words(held)
            ));
            if m.side == Side::Against {
                out.push_str(" Abstaining and absence do not count against it.");
            }
            out.push('\n');
        }
        ConditionKind::Count => {
            let n = r.count.unwrap_or_default();
            if let Some(share) = &r.membership {
                let about = if share.value_exact { "" } else { "about " };
                let rounded = if share.value_exact && share.value == Decimal::from(n) {
                    "a whole number, so nothing is rounded".to_string()
                } else {
                    format!("{} to {n}", share.rounding)
                };
                out.push_str(&format!(
                    "  The membership is {} {} (observers are not counted in it); {} of it is {about}{}, {rounded}.\n",
                    share.membership,
                    plural(share.membership as usize, "member", "members"),
                    share.share,
                    num(share.value),
                ));
            }
            out.push_str(&format!(
                "  Required: {} {n} {kind_prefix}{} {side}. {counted} {side} {} {} {n}, so this condition {}.\n",
                r.relation.words(),
                plural(n as usize, "member", "members"),
                is(r.comparison.holds),
                r.relation.words(),
                held_words(held)
            ));
        }
        ConditionKind::HalfPlusOne => {
            let base = m.base.map(|b| base_words(m, b)).unwrap_or_default();
            let one = r.plus.unwrap_or(Decimal::ONE);
            let one_vote = if one == Decimal::ONE {
                "one vote".to_string()
            } else {
                format!("one vote (one percentage point of all eligible votes, {})", num(one))
            };
            out.push_str(&format!(
                "  Required: at least half of the {} {base} plus {one_vote}, that is at least {}.\n",
                num(base_size),
                num(r.required)
            ));
            out.push_str(&format!(
                "  {counted} {side} {} at least {}, so this condition {}.\n",
                is(r.comparison.holds),
                num(r.required),
                held_words(held)
            ));
            out.push_str(&format!(
                "  Compared exactly: 2 × {counted} = {} {} at least {} + 2 × {} = {}.\n",
                num(r.comparison.left),
                is(r.comparison.holds),
                num(base_size),
                num(r.plus.unwrap_or(Decimal::ONE)),
                num(r.comparison.right)
            ));
        }
        ConditionKind::Threshold | ConditionKind::Bloc | ConditionKind::BlocPosition => {
            let base = m.base.map(|b| base_words(m, b)).unwrap_or_default();
            let proportion = r.proportion.as_ref().map(|p| p.text.as_str()).unwrap_or_default();
            let relation = r.relation.words();
            let required = if r.required_exact {
                num(r.required)
            } else {
                format!("{} (rounded for display; compared exactly below)", num(r.required))
            };
            out.push_str(&format!(
                "  Required: {relation} {proportion} of the {} {base}, that is {relation} {required}.\n",
                num(base_size)
            ));
            if r.empty_base {
                let (verb, consequence) = match r.relation {
                    Relation::AtMost | Relation::FewerThan => ("holds", "nothing is carried against it"),
                    _ => ("does not hold", "nothing is carried"),
                };
                let article = if relation.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" };
                out.push_str(&format!(
                    "  The base is empty, so nothing can be measured and {article} “{relation}” condition {verb}: {consequence}.\n"
                ));
            } else {
                out.push_str(&format!(
                    "  {counted} {side} {} {relation} {}, so this condition {}.\n",
                    is(r.comparison.holds),
                    num(r.required),
                    held_words(held)
                ));
            }
            if let Some(p) = &r.proportion {
                out.push_str(&format!(
                    "  Compared exactly: {counted} × {} = {} {} {relation} {} × {} = {}.\n",
                    num(p.denominator),
                    num(r.comparison.left),
                    is(r.comparison.holds),
                    num(p.numerator),
                    num(base_size),
                    num(r.comparison.right)
                ));
            }
        }
        ConditionKind::Member => {}
    }
    out
}

fn base_words(m: &Measure, b: BaseSize) -> String {
    let kind = m.kind.as_ref().map(|k| format!("{k} ")).unwrap_or_default();
    let unit = match m.unit {
        Unit::Votes => "votes",
        Unit::Members => "members",
    };
    match b.scope {
        Scope::Eligible => format!("eligible {kind}{unit}"),
        Scope::Cast => match m.unit {
            Unit::Votes => format!("{kind}votes cast"),
            Unit::Members => format!("{kind}members voting for or against"),
        },
        Scope::Present => format!("{kind}{unit} present"),
    }
}

pub(super) fn reason_words(reason: NotVotingReason) -> &'static str {
    match reason {
        NotVotingReason::Observer => "an observer",
        NotVotingReason::Excluded => "excluded from this decision",
        NotVotingReason::NotOfVotingKind => "not of the kind that votes",
        NotVotingReason::Gains => "gains more than the decision allows a voter",
        NotVotingReason::Concerned => "the member the proposal concerns",
        NotVotingReason::OptedOut => "opted out of the proposal",
        NotVotingReason::Conflicted => "conflicted, and not allowed to take part",
        NotVotingReason::Reserved => "the matter is reserved to another member",
    }
}

pub(super) fn combination_sentence(rule: &RuleResult, what: &str) -> String {
    let results: Vec<String> = rule.conditions.iter().map(|c| format!("{} {}", c.number, held_words(c.held))).collect();
    if rule.conditions.len() == 1 {
        return format!(
            "\nThe {what} has one condition, which {}, so the {what} {}.\n",
            held_words(rule.held),
            held_words(rule.held)
        );
    }
    format!(
        "\nHow the conditions combine: {}. Condition {}; so the {what} {}.\n",
        expression(&rule.combination, true),
        list(&results),
        held_words(rule.held)
    )
}

fn expression(c: &Combination, top: bool) -> String {
    let join = |parts: &[Combination], word: &str| {
        let inner: Vec<String> = parts.iter().map(|p| expression(p, false)).collect();
        let text = inner.join(word);
        if top {
            text
        } else {
            format!("({text})")
        }
    };
    match c {
        Combination::Condition { number, .. } => number.to_string(),
        Combination::All { parts, .. } => join(parts, " and "),
        Combination::Any { parts, .. } => join(parts, " or "),
    }
}
