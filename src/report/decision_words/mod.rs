//! A decision's rules in plain English, as a governance lead would say them to a board.
//!
//! Used by the REPL's `:explain` and `:rules`. Each condition gets one sentence that states its
//! exact meaning, including how abstentions and absences count (see the language reference).

mod meetings;
mod outside;
mod procedure;

use crate::model::{
    conditions, Agreement, Base, BlocSelection, Comparator, Condition, Decision, EscalationTrigger, Exclusion,
    Proportion, Rule, Scope, Side, Unit, VetoHolder, WeightScheme,
};
use crate::span::Spanned;

fn proportion(p: &Proportion) -> String {
    p.words()
}

fn comparator(c: Comparator) -> &'static str {
    match c {
        Comparator::AtLeast => "at least",
        Comparator::MoreThan => "more than",
        Comparator::AtMost => "at most",
        Comparator::LessThan => "fewer than",
    }
}

fn kind_name(agreement: &Agreement, kind: Option<crate::model::KindId>) -> String {
    kind.and_then(|k| agreement.kind(k)).map(|k| format!("{} ", k.name)).unwrap_or_default()
}

fn base(agreement: &Agreement, b: &Base) -> String {
    let kind = kind_name(agreement, b.kind);
    let votes_of = match b.unit {
        Unit::Votes => "the weighted votes of ",
        Unit::Members => "",
    };
    match b.scope {
        Scope::Eligible => format!("{votes_of}all eligible {kind}members, present or not,"),
        Scope::Cast => {
            format!("{votes_of}the eligible {kind}members who voted for or against (abstentions and absences left out)")
        }
        Scope::Present => format!("{votes_of}the eligible {kind}members present (for, against or abstaining)"),
    }
}

fn side(s: Side) -> &'static str {
    match s {
        Side::InFavour => "in favour",
        Side::Against => "against",
        Side::Present => "present",
        Side::Abstaining => "abstaining",
        Side::Voting => "present and voting",
    }
}

/// One condition, as a sentence.
pub fn condition(agreement: &Agreement, c: &Condition) -> String {
    match c {
        Condition::Unanimous => {
            "every eligible member must vote in favour: one abstention or absence is enough to fail".to_string()
        }
        Condition::Every { kind, side: s } => {
            format!(
                "every eligible {}member must be {} (fails if there is none)",
                kind_name(agreement, *kind),
                side(*s)
            )
        }
        Condition::NoMember { kind, side: s } => format!(
            "no eligible {}member may be {}; abstaining or staying away does not count against",
            kind_name(agreement, *kind),
            side(*s)
        ),
        Condition::HalfPlusOne { base: b, side: s } => {
            format!("half of {} plus one vote must be {}", base(agreement, b), side(*s))
        }
        Condition::Threshold { comparator: cmp, proportion: p, base: b, side: s } => {
            format!("{} {} of {} must be {}", comparator(*cmp), proportion(&p.node), base(agreement, b), side(*s))
        }
        Condition::Count { comparator: cmp, count, kind, side: s, .. } => format!(
            "{} {} eligible {}{} must be {}",
            comparator(*cmp),
            count.node,
            kind_name(agreement, *kind),
            if count.node == 1 { "member" } else { "members" },
            side(*s)
        ),
        Condition::Bloc { blocs, comparator: cmp, proportion: p, base: b } => {
            let who = match blocs {
                BlocSelection::Each => "within each bloc".to_string(),
                BlocSelection::One(id) => {
                    format!("within the {} bloc", agreement.bloc(*id).map_or("?", |bloc| bloc.key.as_str()))
                }
            };
            format!("{who}, {} {} of {} must be in favour", comparator(*cmp), proportion(&p.node), base(agreement, b))
        }
        Condition::BlocPosition { blocs } => match blocs {
            BlocSelection::Each => "each bloc must be in favour, by its own rule".to_string(),
            BlocSelection::One(id) => format!(
                "the {} bloc must be in favour, by its own rule",
                agreement.bloc(*id).map_or("?", |bloc| bloc.key.as_str())
            ),
        },
        Condition::Member { member, side: s } => {
            let name = agreement.member(*member).map_or("?".to_string(), |m| format!("{} ({})", m.key, m.name));
            format!("{name} must be {}", side(*s))
        }
    }
}

/// A rule as numbered sentences joined by "and" / "or".
pub fn rule(agreement: &Agreement, rule: &Spanned<Rule>) -> String {
    // BOUND: `depth` is one per level of the rule walked (the parser allows 32 levels of
    // parentheses), and a rule in memory has fewer levels than `usize::MAX`.
    #[allow(clippy::arithmetic_side_effects)]
    fn walk(agreement: &Agreement, rule: &Rule, depth: usize, out: &mut String) {
        let indent = "  ".repeat(depth + 1);
        match rule {
            Rule::Condition(c) => out.push_str(&format!("{indent}- {}\n", condition(agreement, c))),
            Rule::All(parts) | Rule::Any(parts) => {
                let how = if matches!(rule, Rule::All(_)) {
                    "all of these must hold:"
                } else {
                    "at least one of these must hold:"
                };
                out.push_str(&format!("{indent}{how}\n"));
                for p in parts {
                    walk(agreement, &p.node, depth + 1, out);
                }
            }
        }
    }
    let mut out = String::new();
    walk(agreement, &rule.node, 0, &mut out);
    out
}

/// Everything about how a decision is made.
pub fn decision(agreement: &Agreement, decision: &Decision) -> String {
    if let Some(body) = &decision.outside {
        return outside::words(agreement, decision, body);
    }
    let mut out = format!("Decision “{}”\n", decision.name);
    let scheme = match &agreement.scheme_for(decision).node {
        WeightScheme::OneMemberOneVote => "one member, one vote".to_string(),
        WeightScheme::Proportional(f) => format!("votes weigh in proportion to each member's {}", f.words()),
        WeightScheme::Committed(crate::model::CommitScope::Proposal) => {
            "votes weigh in proportion to the budget each member commits to the proposal".to_string()
        }
        WeightScheme::Committed(crate::model::CommitScope::Pool) => {
            "votes weigh in proportion to each member's contribution to the pool".to_string()
        }
        WeightScheme::Explicit => "each member has the votes set for it".to_string(),
    };
    out.push_str(&format!("  Voting: {scheme}.\n"));
    for reserved in &agreement.voting.reserved {
        let kind = agreement.kind(reserved.kind.node).map_or("?", |k| k.name.as_str());
        out.push_str(&format!(
            "  The {kind} members together hold {}% of all votes, shared equally.\n",
            reserved.share.node.0.normalize()
        ));
    }
    out.push_str("  Observers never vote.\n");
    for exclusion in &decision.exclusions {
        let text = match exclusion {
            Exclusion::Gain { comparator: c, share, figure, .. } => format!(
                "A member gaining {} {}% of its {} from the proposal does not vote on it.",
                comparator(*c),
                share.0.normalize(),
                figure.words()
            ),
            Exclusion::OnlyKind { kind, .. } => format!("Only {}members vote.", kind_name(agreement, Some(*kind))),
            Exclusion::Kind { kind, .. } => format!("{}members do not vote.", kind_name(agreement, Some(*kind))),
            Exclusion::Member { member, .. } => {
                format!("{} does not vote.", agreement.member(*member).map_or("?", |m| m.key.as_str()))
            }
            Exclusion::Concerned { .. } => "The member a proposal concerns does not vote on it.".to_string(),
            Exclusion::OptOut { .. } => "A member may opt out of a proposal; it then does not vote on it.".to_string(),
            Exclusion::Conflict { comparator: c, proportion, .. } => format!(
                "A member a proposal names as conflicted votes on it only if {} {} of the other members present agree.",
                comparator(*c),
                proportion.words()
            ),
            Exclusion::ReservedTo { member, .. } => format!(
                "The matter is reserved to {}: no other member votes on it.",
                agreement.member(*member).map_or("?", |m| m.key.as_str())
            ),
        };
        out.push_str(&format!("  {text}\n"));
    }
    let by_proposer = crate::model::proposer_rules::depends_on_proposer(decision);
    for timed in &decision.rules {
        let when = match (timed.from, timed.until, &timed.proposed_by) {
            (_, _, Some(who)) => format!(
                "When proposed by {} (the proposal says `proposed by:`), it passes when",
                crate::eval::proposer::rule_proposers(who, agreement)
            ),
            _ if by_proposer => "When proposed by anyone else, it passes when".to_string(),
            (Some(from), Some(until), None) => {
                format!("From {} until {} it passes when", from.words(), until.words())
            }
            (Some(from), _, None) => format!("From {} it passes when", from.words()),
            (_, Some(until), None) => format!("Until {} it passes when", until.words()),
            _ => "It passes when".to_string(),
        };
        out.push_str(&format!("  {when}\n{}", rule(agreement, &timed.rule)));
        let n = conditions(&timed.rule).len();
        if n > 1 {
            out.push_str(&format!("  ({n} conditions)\n"));
        }
    }
    match agreement.ordinary_quorum(decision) {
        Some(q) => out.push_str(&format!("  Quorum — without it the vote is invalid:\n{}", rule(agreement, q))),
        None if decision.matters.reserved_alone() => {
            out.push_str("  No quorum applies: the matter is not the meeting's to decide.\n")
        }
        None if decision.meetings.attendance_quorum.is_some() => {}
        None => out.push_str("  No quorum is set.\n"),
    }
    if let Some(lower) = agreement.quorum_for(decision, true).filter(|q| q.reconvened) {
        out.push_str(&format!(
            "  At a meeting reconvened for want of a quorum, this quorum replaces it:\n{}",
            rule(agreement, lower.rule)
        ));
    }
    for veto in &decision.vetoes {
        let who = match &veto.holder {
            VetoHolder::Member(m) => agreement.member(*m).map_or("?".to_string(), |m| m.key.clone()),
            VetoHolder::AnyMember(kind) => format!("any eligible {}member", kind_name(agreement, *kind)),
            VetoHolder::Bloc(BlocSelection::Each) => {
                if agreement.blocs.iter().all(|b| b.own_rule.is_none() && b.casting_vote.is_none()) {
                    "each bloc (by more than half of its votes cast against)".to_string()
                } else {
                    "each bloc (when it is against by its own rule, stated in the part on voting)".to_string()
                }
            }
            VetoHolder::Bloc(BlocSelection::One(b)) => match agreement.bloc(*b) {
                Some(bloc) if bloc.casting_vote.is_some() => format!(
                    "the {} bloc (by {} against, or its casting vote within the bloc)",
                    bloc.key,
                    bloc.rule_words()
                ),
                Some(bloc) => format!("the {} bloc (by {} against)", bloc.key, bloc.rule_words()),
                None => "the ? bloc".to_string(),
            },
        };
        let when = match (veto.statutory_only, veto.on_loss) {
            (true, true) => " when the proposal puts its statutory duties at risk and it loses by the proposal",
            (true, false) => " when the proposal puts its statutory duties at risk",
            (false, true) => " when it loses by the proposal (the proposal says so: `MEMBER loses …`)",
            (false, false) => "",
        };
        out.push_str(&format!("  Veto: {who} may block it by voting against{when}.\n"));
    }
    if let Some(casting) = &decision.casting_vote {
        let who = agreement.member(casting.node).map_or("?", |m| m.key.as_str());
        out.push_str(&format!("  On a tie (as much weight for as against), {who} has the casting vote.\n"));
    }
    if let Some(office) = decision.casting_office.and_then(|o| agreement.offices.get(o.node.0 as usize)) {
        out.push_str(&format!(
            "  On a tie (as much weight for as against), whoever holds the {} at the meeting has the casting vote (the proposal's date, and where several may hold it its `presiding:` line, say who).\n",
            office.name
        ));
    }
    if decision.casting_presiding.is_some() {
        out.push_str(
            "  On a tie (as much weight for as against), the member presiding at the meeting (the proposal's `presiding:` line) has the casting vote.\n",
        );
    }
    for escalation in &decision.escalations {
        let when = match escalation.trigger {
            EscalationTrigger::Tie => "On a tie",
            EscalationTrigger::Rejected => "If it does not pass",
        };
        let steps: Vec<String> = escalation.steps.iter().map(|(body, _)| format!("“{}”", body.node)).collect();
        out.push_str(&format!("  {when}, the matter goes to {}.\n", steps.join(", then ")));
    }
    if let Some(default) = &decision.default {
        out.push_str(&format!(
            "  If it is not carried (a tie included) and no route takes it, it is rejected and the default applies: “{}”.\n",
            default.text
        ));
    }
    out.push_str(&matters(agreement, decision));
    out.push_str(&procedure::words(agreement, &decision.procedure));
    out.push_str(&meetings::words(&decision.meetings));
    for effect in &decision.effects {
        out.push_str(&format!("  {}\n", crate::report::kinds_words::effect(agreement, &effect.node)));
    }
    out
}

/// A matter reserved to one partner, and approvals outside the meeting, in words.
fn matters(agreement: &Agreement, decision: &Decision) -> String {
    use crate::model::matters::ReservedAlso;
    let mut out = String::new();
    if let Some(reserved) = &decision.matters.reserved {
        let who = agreement.member(reserved.member).map_or("?", |m| m.key.as_str());
        out.push_str(&match reserved.also {
            ReservedAlso::Nothing => format!("  The matter is reserved to {who}: {who} alone decides it, by its own vote.\n"),
            ReservedAlso::OwnGovernance => format!(
                "  The matter is reserved to {who}: {who} alone decides it, by its own vote, and its own governance must also approve.\n"
            ),
            ReservedAlso::Meeting => format!(
                "  The matter is reserved to {who}, and the meeting must also pass it: the rule above includes {who} voting in favour.\n"
            ),
        });
    }
    let approvers: Vec<String> = decision.matters.approvals.iter().map(|a| a.approver.words(agreement)).collect();
    match approvers.as_slice() {
        [] => {}
        [one] => out.push_str(&format!(
            "  Once the vote passes it, it also needs the approval of {one}, outside the meeting: until that is given it is passed subject to it; if it is withheld, it is rejected.\n"
        )),
        many => out.push_str(&format!(
            "  Once the vote passes it, it also needs the approval of {}, outside the meeting: until every one is given it is passed subject to them; if one is withheld, it is rejected.\n",
            super::words::list(many)
        )),
    }
    out
}
