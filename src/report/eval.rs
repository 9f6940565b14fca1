//! The human report of `concord eval`: the outcome first, then the working, condition by
//! condition, in sentences that can be read aloud and a small table per condition.
//!
//! In: an [`EvalReport`]. Out: text. Figures are exact; percentages are rounded to two places
//! for display and say so where a rounded figure stands for a required amount.

use rust_decimal::Decimal;

use super::{render, Colour};
use crate::commands::eval::{EvalItem, EvalReport, ItemSource, Weights};
use crate::eval::{
    Ballot, BaseSize, CastingSource, CastingUnused, Combination, ConditionKind, ConditionResult, DeadlockCause,
    Evaluation, Invalidity, Measure, NotVoting, NotVotingReason, OutcomeKind, Relation, RuleResult, Standing,
    TieResult, VetoInapplicable, VetoResult,
};
use crate::model::{Date, Scope, Side, Unit};

/// The human report of `concord eval`.
pub fn eval_human(report: &EvalReport, colour: Colour, width: usize) -> String {
    let mut out = String::new();
    if !report.problems.is_empty() {
        for file in &report.problems {
            if let Some(reason) = &file.unreadable {
                out.push_str(&format!("✗ {}: cannot be read: {}\n", file.path, reason));
                continue;
            }
            if let Some(source) = &file.source {
                for diagnostic in &file.diagnostics {
                    out.push_str(&render(diagnostic, &file.path, &source.text, colour, width));
                    out.push('\n');
                }
            }
        }
        out.push_str("Nothing was evaluated: fix the problems above and run `concord eval` again.\n");
        return out;
    }
    for (i, item) in report.evaluations.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match item {
            EvalItem::Decision(d) => {
                out.push_str(&format!("{} “{}”\n", source_words(d.from), d.name));
                out.push_str(&evaluation_human(&d.evaluation, report.weights, colour));
            }
            EvalItem::YearEnd(y) => {
                out.push_str(&format!("{} “{}”\n", source_words(y.from), y.name));
                out.push_str(&format!("Not evaluated: {}.\n", y.note));
            }
        }
    }
    out
}

fn source_words(from: ItemSource) -> &'static str {
    match from {
        ItemSource::Proposal => "Proposal",
        ItemSource::Result => "Year-end result",
        ItemSource::Scenario => "Scenario",
    }
}

/// One proposal's evaluation, in words.
pub fn evaluation_human(e: &Evaluation, weights: Weights, colour: Colour) -> String {
    let mut out = String::new();
    let date = e.date.map(|d| format!(", dated {}", date_words(d))).unwrap_or_default();
    match &e.decision {
        Some(name) => out.push_str(&format!("Decision “{name}”{date}.\n")),
        None => out.push_str(&format!("No decision named{date}.\n")),
    }
    let outcome = outcome_words(e);
    let headline = match colour {
        Colour::Off => format!("Outcome: {outcome}.\n"),
        Colour::On => {
            let code = match e.outcome.result {
                OutcomeKind::Passed => "32",
                OutcomeKind::Rejected | OutcomeKind::Invalid => "31",
                OutcomeKind::Deadlocked => "33",
            };
            format!("\x1b[1mOutcome: \x1b[{code}m{outcome}\x1b[0m.\n")
        }
    };
    out.push_str(&headline);

    if let Some(voting) = &e.voting {
        out.push('\n');
        let eligible = e.members.iter().filter(|m| m.eligible).count();
        let mut scheme = voting.scheme.clone();
        for r in &voting.reserved {
            scheme.push_str(&format!("; {} members together hold {}% of the votes", r.kind, num(r.percent)));
        }
        out.push_str(&format!(
            "Votes ({scheme}). {} {}, {eligible} of whom vote on this proposal.\n",
            e.members.len(),
            plural(e.members.len(), "member", "members")
        ));
        out.push_str(&format!("  {}\n", ballots_sentence(&e.members)));
        for m in e.members.iter().filter(|m| m.not_voting.is_some()) {
            if let Some(nv) = &m.not_voting {
                out.push_str(&format!("  {}\n", not_voting_sentence(m, nv, e)));
            }
        }
        if weights == Weights::Show {
            out.push_str(&weights_table(e));
        }
    }

    if let Some(rule) = &e.rule {
        out.push('\n');
        let dates = match (rule.from, rule.until) {
            (Some(f), _) => format!(", in force from {}", date_words(f)),
            (None, Some(u)) => format!(", in force until {}", date_words(u)),
            (None, None) => String::new(),
        };
        out.push_str(&format!("The rule (line {}{dates}): passes if {}\n", rule.place.line, rule.place.text));
        out.push_str(&conditions_human(rule, e));
        out.push_str(&combination_sentence(rule, "rule"));
    }

    if !e.vetoes.is_empty() {
        out.push_str("\nVetoes\n");
        for veto in &e.vetoes {
            out.push_str(&veto_human(veto));
        }
    }

    if let Some(quorum) = &e.quorum {
        let whose = match quorum.source {
            Some(crate::eval::QuorumSource::Agreement) => "the agreement's default",
            _ => "the decision's own",
        };
        out.push_str(&format!("\nQuorum ({whose}, line {}): {}\n", quorum.place.line, quorum.place.text));
        out.push_str(&conditions_human(quorum, e));
        out.push_str(&combination_sentence(quorum, "quorum"));
    }

    if let Some(tie) = &e.tie {
        out.push('\n');
        out.push_str(&tie_human(tie, e));
    }
    out
}

fn outcome_words(e: &Evaluation) -> String {
    let o = &e.outcome;
    match o.result {
        OutcomeKind::Passed => match &o.casting_vote {
            Some(c) => format!("passed on the casting vote of {}", c.member),
            None => "passed: the rule held".to_string(),
        },
        OutcomeKind::Rejected => {
            if !o.vetoed_by.is_empty() {
                format!("rejected: vetoed by {}", list(&o.vetoed_by))
            } else if let Some(c) = &o.casting_vote {
                format!("rejected on the casting vote of {}", c.member)
            } else {
                "rejected: the rule did not hold".to_string()
            }
        }
        OutcomeKind::Deadlocked => {
            let Some(d) = &o.deadlock else { return "deadlocked".to_string() };
            let why = match d.because {
                DeadlockCause::Tie => "the votes tied and no casting vote settled it".to_string(),
                DeadlockCause::Rejected => "the rule did not hold".to_string(),
                DeadlockCause::Vetoed => format!("vetoed by {}", list(&o.vetoed_by)),
            };
            match &d.escalated_to {
                Some(step) => {
                    let mut route = format!("escalated to “{}”", step.body);
                    if let Some(w) = &step.within {
                        route.push_str(&format!(" within {w}"));
                    }
                    for later in &d.then {
                        route.push_str(&format!(", then “{}”", later.body));
                        if let Some(w) = &later.within {
                            route.push_str(&format!(" within {w}"));
                        }
                    }
                    format!("deadlocked: {why}; {route}")
                }
                None => format!("deadlocked: {why}, and the decision gives no route out of a tie"),
            }
        }
        OutcomeKind::Invalid => {
            let reasons: Vec<String> = o.invalid.iter().map(invalid_words).collect();
            format!("invalid: {}", reasons.join("; "))
        }
    }
}

fn invalid_words(reason: &Invalidity) -> String {
    match reason {
        Invalidity::NoDecision => "the proposal does not say which decision it is for".to_string(),
        Invalidity::UnknownDecision { name } => format!("the agreement has no decision called “{name}”"),
        Invalidity::NoDate => "the decision's rules change over time and the proposal has no date".to_string(),
        Invalidity::NoRuleInForce { date } => format!("no rule of the decision is in force on {}", date_words(*date)),
        Invalidity::UnknownMemberVoted { member, line } => {
            format!("`{member}` voted (input line {line}) but is not a member of the agreement")
        }
        Invalidity::ObserverVoted { member, line } => {
            format!("{member} voted (input line {line}) but is an observer, and observers never vote")
        }
        Invalidity::ExcludedMemberVoted { member, line, clause } => format!(
            "{member} voted (input line {line}) but does not vote on this decision (agreement line {}: {})",
            clause.line, clause.text
        ),
        Invalidity::NoQuorum => "the quorum was not met".to_string(),
    }
}

fn ballots_sentence(members: &[Standing]) -> String {
    let names = |ballot: Ballot| -> String {
        let found: Vec<String> = members.iter().filter(|m| m.vote == ballot).map(|m| m.member.clone()).collect();
        if found.is_empty() {
            "none".to_string()
        } else {
            list(&found)
        }
    };
    format!(
        "In favour: {}. Against: {}. Abstaining: {}. Absent: {}.",
        names(Ballot::InFavour),
        names(Ballot::Against),
        names(Ballot::Abstaining),
        names(Ballot::Absent)
    )
}

fn not_voting_sentence(m: &Standing, nv: &NotVoting, e: &Evaluation) -> String {
    let clause = format!("line {}: {}", nv.clause.line, nv.clause.text);
    let mut s = match nv.reason {
        NotVotingReason::Observer => {
            format!("{} does not vote: it is an observer (line {}).", m.member, nv.clause.line)
        }
        NotVotingReason::Excluded => format!("{} does not vote on this decision ({clause}).", m.member),
        NotVotingReason::NotOfVotingKind => {
            format!("{} does not vote: only members of another kind vote on this decision ({clause}).", m.member)
        }
        NotVotingReason::Gains => format!(
            "{} does not vote on this proposal: it gains {}, more than its limit of {} ({clause}).",
            m.member,
            money(nv.gain.unwrap_or_default(), e),
            money(nv.limit.unwrap_or_default(), e)
        ),
    };
    if nv.vote_set_aside {
        s.push_str(&format!(" Its vote {} is set aside.", m.vote.words()));
    }
    s
}

fn weights_table(e: &Evaluation) -> String {
    let mut rows =
        vec![["member".to_string(), "vote".to_string(), "weight".to_string(), "share of all votes".to_string()]];
    for m in &e.members {
        let (weight, share) = if m.eligible {
            let share = match (m.share.as_deref(), m.share_percent) {
                (Some(f), Some(p)) => format!("{f} ({})", percent(p)),
                _ => "0".to_string(),
            };
            (num(m.weight), share)
        } else {
            ("—".to_string(), "does not vote".to_string())
        };
        rows.push([m.member.clone(), m.vote.words().to_string(), weight, share]);
    }
    if let Some(v) = &e.voting {
        rows.push(["total".to_string(), String::new(), num(v.total), "1 (100.00%)".to_string()]);
    }
    let mut out = table(&rows, &[false, false, true, false]);
    if e.voting.as_ref().is_some_and(|v| v.restated) {
        out.push_str(
            "  Weights are shown in smallest whole terms, keeping the reserved shares exact; only their proportions matter.\n",
        );
    }
    out
}

fn conditions_human(rule: &RuleResult, e: &Evaluation) -> String {
    let mut out = String::new();
    let n = rule.conditions.len();
    for c in &rule.conditions {
        out.push_str(&condition_human(c, n, e));
    }
    out
}

fn held_words(held: bool) -> &'static str {
    if held {
        "held"
    } else {
        "did not hold"
    }
}

fn condition_human(c: &ConditionResult, of: usize, e: &Evaluation) -> String {
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
                let needs = side_words(t.side);
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
                let failed: Vec<String> = c.blocs.iter().filter(|b| !b.held).map(|b| b.bloc.clone()).collect();
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
        _ => {
            if let Some(m) = &c.measure {
                out.push_str(&measure_human(m, c.kind, c.held));
            }
        }
    }
    out
}

fn indent(text: &str, by: &str) -> String {
    text.lines().map(|l| format!("{by}{l}\n")).collect()
}

/// The table and sentences of one measurement.
fn measure_human(m: &Measure, kind: ConditionKind, held: bool) -> String {
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
    let side = side_words(m.side);
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
        ConditionKind::Threshold | ConditionKind::Bloc => {
            let base = m.base.map(|b| base_words(m, b)).unwrap_or_default();
            let proportion = r.proportion.as_ref().map(|p| p.text.clone()).unwrap_or_default();
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
                out.push_str(&format!(
                    "  The base is empty, so nothing can be measured and an “{relation}” condition {verb}: {consequence}.\n"
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

fn reason_words(reason: NotVotingReason) -> &'static str {
    match reason {
        NotVotingReason::Observer => "an observer",
        NotVotingReason::Excluded => "excluded from this decision",
        NotVotingReason::NotOfVotingKind => "not of the kind that votes",
        NotVotingReason::Gains => "gains more than the decision allows a voter",
    }
}

fn combination_sentence(rule: &RuleResult, what: &str) -> String {
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

fn veto_human(veto: &VetoResult) -> String {
    let mut out = format!("  Line {}: {}\n", veto.place.line, veto.place.text);
    if !veto.exercised_by.is_empty() {
        out.push_str(&format!("    Used by {}", list(&veto.exercised_by)));
        let members: Vec<&str> =
            veto.holders.iter().filter(|h| h.exercised && !h.bloc).map(|h| h.holder.as_str()).collect();
        if !members.is_empty() {
            out.push_str(", voting against");
        }
        if veto.statutory_only {
            out.push_str(", whose statutory duties the proposal puts at risk");
        }
        out.push_str(".\n");
    }
    for h in &veto.holders {
        if h.exercised {
            if let Some(t) = &h.tally {
                out.push_str(&format!(
                    "    The {} bloc: {} against of {} cast, more than half.\n",
                    h.holder,
                    num(t.against),
                    num(t.in_favour + t.against)
                ));
            }
            continue;
        }
        let line = match (h.not_applicable, h.bloc) {
            (Some(VetoInapplicable::DutiesNotAtRisk), false) => format!(
                "{}: does not apply, because the proposal does not put {}'s statutory duties at risk.",
                h.holder, h.holder
            ),
            (Some(VetoInapplicable::DutiesNotAtRisk), true) => format!(
                "The {} bloc: does not apply, because the proposal puts no bloc member's statutory duties at risk.",
                h.holder
            ),
            (Some(VetoInapplicable::NotEligible), _) => {
                format!("{}: cannot veto, because it does not vote on this proposal.", h.holder)
            }
            (Some(VetoInapplicable::NoEligibleMember), _) => {
                format!("The {} bloc: cannot veto, because none of its members votes on this proposal.", h.holder)
            }
            (None, false) => format!(
                "{}: could veto, but voted {}, so did not.",
                h.holder,
                h.vote.map_or("nothing", ballot_phrase_static)
            ),
            (None, true) => match &h.tally {
                Some(t) => format!(
                    "The {} bloc: {} against of {} cast, not more than half, so it did not veto.",
                    h.holder,
                    num(t.against),
                    num(t.in_favour + t.against)
                ),
                None => format!("The {} bloc did not veto.", h.holder),
            },
        };
        out.push_str(&format!("    {line}\n"));
    }
    if veto.exercised_by.is_empty() {
        out.push_str("    Not used.\n");
    }
    out
}

fn tie_human(tie: &TieResult, e: &Evaluation) -> String {
    let unit = e.voting.as_ref().map_or("", |_| "");
    if !tie.votes_cast {
        return "Tie: no eligible member voted for or against, so there is no tie.\n".to_string();
    }
    if !tie.tied {
        return format!(
            "Tie: {}{unit} in favour and {} against are not equal, so there is no tie.\n",
            num(tie.in_favour),
            num(tie.against)
        );
    }
    let mut out = format!("Tie: {} in favour and {} against: the votes tied.\n", num(tie.in_favour), num(tie.against));
    match &tie.casting_vote {
        Some(c) => {
            out.push_str(&format!("  {} has the casting vote (line {}: {}).", c.member, c.clause.line, c.clause.text));
            match (c.cast, c.from, c.unused) {
                (Some(cast), Some(CastingSource::Proposal), _) => {
                    out.push_str(&format!(" As the proposal says, it is cast {}.\n", cast.words()))
                }
                (Some(cast), _, _) => {
                    out.push_str(&format!(" {} voted {}, so it casts it {}.\n", c.member, cast.words(), cast.words()))
                }
                (None, _, Some(CastingUnused::NotEligible)) => {
                    out.push_str(" But it does not vote on this proposal, so the casting vote cannot be used.\n")
                }
                (None, _, _) => out.push_str(&format!(
                    " But {} {} and the proposal gives no `casting vote:` line, so the tie stands.\n",
                    c.member,
                    if e.members.iter().any(|m| m.member == c.member && m.vote == Ballot::Abstaining) {
                        "abstained"
                    } else {
                        "was absent"
                    }
                )),
            }
        }
        None => out.push_str("  No member has a casting vote on this decision.\n"),
    }
    out
}

fn side_words(side: Side) -> &'static str {
    side.words()
}

fn ballot_phrase(ballot: Ballot) -> &'static str {
    ballot_phrase_static(ballot)
}

fn ballot_phrase_static(ballot: Ballot) -> &'static str {
    match ballot {
        Ballot::InFavour => "in favour",
        Ballot::Against => "against",
        Ballot::Abstaining => "to abstain",
        Ballot::Absent => "nothing (absent)",
    }
}

/// A small table: columns padded, numbers (flagged columns) right-aligned, indented four spaces.
fn table<const N: usize>(rows: &[[String; N]], right: &[bool; N]) -> String {
    let mut widths = [0usize; N];
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row.iter()) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    for row in rows {
        let mut line = String::from("   ");
        for ((cell, width), right) in row.iter().zip(widths.iter()).zip(right.iter()) {
            let pad = width.saturating_sub(cell.chars().count());
            line.push(' ');
            if *right {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
            line.push_str("  ");
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

/// An exact decimal with thousands grouped: `42,000,000`, `6.5`.
pub fn num(value: Decimal) -> String {
    let text = value.normalize().to_string();
    let (sign, digits) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (digits, None),
    };
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match fraction {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

fn percent(value: Decimal) -> String {
    format!("{:.2}%", value)
}

fn money(value: Decimal, e: &Evaluation) -> String {
    match e.currency_symbol {
        Some(symbol) => format!("{symbol}{}", num(value)),
        None => format!("{} {}", num(value), e.currency),
    }
}

fn date_words(date: Date) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let month = MONTHS.get(usize::from(date.month).saturating_sub(1)).copied().unwrap_or("?");
    format!("{} {month} {}", date.day, date.year)
}

fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn plural(n: usize, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_in_thousands() {
        assert_eq!(num(Decimal::new(42_000_000, 0)), "42,000,000");
        assert_eq!(num(Decimal::new(65, 1)), "6.5");
        assert_eq!(num(Decimal::new(100, 0)), "100");
        assert_eq!(num(Decimal::new(-1_234_500, 2)), "-12,345");
    }

    #[test]
    fn lists_read_aloud() {
        assert_eq!(list(&["a".into(), "b".into(), "c".into()]), "a, b and c");
        assert_eq!(list(&["a".into()]), "a");
    }
}
