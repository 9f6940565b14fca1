//! Whether a decision can pass at all, and whether it can pass with nobody in favour, asked of
//! the evaluator itself so that the checker's answer is a theorem the evaluator cannot
//! contradict (docs/semantics.md, "Never passes is a theorem").
//!
//! In: an agreement and one of its decisions' rules. Out: whether some proposal passes (decided
//! by the rule's shape when the rule is monotone, otherwise by trying every ballot of every
//! eligible member for small electorates), and whether an empty or all-abstaining meeting
//! passes it.

use crate::eval::{Evaluator, OutcomeKind};
use crate::model::inputs::{DecisionRef, Proposal, Vote, Voter};
use crate::model::{
    conditions, Agreement, Comparator, Condition, Decision, Exclusion, Rule, Side, TimedRule, VoteChoice,
};
use crate::span::{Span, Spanned};
use crate::weights::Electorate;

/// Most eligible members for which every ballot is tried (4^n proposals, twice).
const MOST_TRIED: usize = 5;

/// Whether a rule is monotone in the sense of docs/semantics.md: every condition counts
/// `in favour` (or `present`) upwards, so that everyone eligible present and in favour is the
/// best case for passing.
pub(super) fn monotone(rule: &Spanned<Rule>) -> bool {
    let up = |c: &Comparator| matches!(c, Comparator::AtLeast | Comparator::MoreThan);
    let on = |s: &Side| matches!(s, Side::InFavour | Side::Present | Side::Voting);
    conditions(rule).iter().all(|part| match &part.node {
        Rule::Condition(c) => match c {
            Condition::Unanimous | Condition::BlocPosition { .. } | Condition::Bloc { .. } => match c {
                Condition::Bloc { comparator, .. } => up(comparator),
                _ => true,
            },
            Condition::Every { side, .. } | Condition::Member { side, .. } | Condition::HalfPlusOne { side, .. } => {
                on(side)
            }
            Condition::Threshold { comparator, side, .. } | Condition::Count { comparator, side, .. } => {
                up(comparator) && on(side)
            }
            Condition::NoMember { .. } => false,
        },
        _ => true,
    })
}

/// A proposal for `decision` on a day its `rule` is in force, with the given ballots.
fn proposal(
    agreement: &Agreement,
    decision: &Decision,
    rule: &TimedRule,
    ballots: &[(crate::model::MemberId, VoteChoice)],
) -> Proposal {
    let date = rule.from.or(rule.until).map(|d| Spanned::new(d, Span::default()));
    Proposal {
        title: Spanned::new(String::new(), Span::default()),
        decision: Some(Spanned::new(DecisionRef::Known(decision.id), Span::default())),
        date,
        revenue: Default::default(),
        duties_at_risk: Vec::new(),
        commitments: Default::default(),
        votes: ballots
            .iter()
            .map(|(member, choice)| Vote { voter: Voter::Known(*member), choice: *choice, span: Span::default() })
            .collect(),
        casting_vote: None,
        applicant: None,
        reconvened: None,
        concerning: None,
        opted_out: Vec::new(),
        matters: Default::default(),
        presiding: None,
        cast_by: Vec::new(),
        facts: crate::model::procedure::ProposalFacts {
            proposed_by: crate::model::proposer_rules::witness_proposer(agreement, decision, rule)
                .map(|by| Spanned::new(by, Span::default())),
            ..Default::default()
        },
        attendance: everyone_else_attends(agreement, decision, ballots),
        outside: None,
    }
}

/// Where the decision counts those attending, voting or not: every member without a ballot is
/// there without a vote (the best case for that quorum, and the reading of
/// `crate::coalitions::attendance`); otherwise nothing is said of who attends.
fn everyone_else_attends(
    agreement: &Agreement,
    decision: &Decision,
    ballots: &[(crate::model::MemberId, VoteChoice)],
) -> crate::model::meetings::Attendance {
    if decision.meetings.attendance_quorum.is_none() {
        return Default::default();
    }
    let without_a_vote = agreement
        .members
        .iter()
        .filter(|m| !ballots.iter().any(|(voter, _)| *voter == m.id))
        .map(|m| Spanned::new(m.id, Span::default()))
        .collect();
    crate::model::meetings::Attendance { without_a_vote, ..Default::default() }
}

/// Whether the evaluator passes `proposal`.
fn passes(evaluator: &Evaluator<'_>, proposal: &Proposal) -> bool {
    evaluator.evaluate(proposal, "").is_ok_and(|e| e.outcome.result == OutcomeKind::Passed)
}

/// Whether some proposal passes `rule`, tried ballot by ballot (each eligible member in favour,
/// against, abstaining or absent, with and without `casting vote: in favour`). `None` when the
/// electorate is too large to try, or when the decision excludes members for their gains or
/// leaves out the member concerned (a proposal can then shrink the electorate in ways not tried
/// here).
pub(super) fn some_proposal_passes(
    agreement: &Agreement,
    decision: &Decision,
    electorate: &Electorate,
    rule: &TimedRule,
) -> Option<bool> {
    if decision.exclusions.iter().any(|e| {
        matches!(
            e,
            Exclusion::Gain { .. }
                | Exclusion::Concerned { .. }
                | Exclusion::OptOut { .. }
                | Exclusion::Conflict { .. }
        )
    }) {
        return None;
    }
    let players: Vec<_> = electorate.eligible().map(|v| v.member).collect();
    if players.len() > MOST_TRIED {
        return None;
    }
    let evaluator = Evaluator::new(agreement, "");
    let choices = [None, Some(VoteChoice::InFavour), Some(VoteChoice::Against), Some(VoteChoice::Abstaining)];
    let total = 4usize.checked_pow(u32::try_from(players.len()).ok()?)?;
    for mut code in 0..total {
        let mut ballots = Vec::with_capacity(players.len());
        for member in &players {
            if let Some(Some(choice)) = choices.get(code % 4) {
                ballots.push((*member, *choice));
            }
            code /= 4;
        }
        let mut p = proposal(agreement, decision, rule, &ballots);
        if passes(&evaluator, &p) {
            return Some(true);
        }
        if decision.casting_vote.is_some() || decision.casting_presiding.is_some() {
            // Where whoever presides has the casting vote, a member who voted in favour presides.
            if decision.casting_presiding.is_some() {
                p.presiding = ballots
                    .iter()
                    .find(|(_, c)| *c == VoteChoice::InFavour)
                    .map(|(m, _)| Spanned::new(*m, Span::default()));
            }
            p.casting_vote = Some(Spanned::new(VoteChoice::InFavour, Span::default()));
            if passes(&evaluator, &p) {
                return Some(true);
            }
        }
        if decision.casting_office.is_some()
            && office_casting_passes(agreement, decision, rule, &evaluator, &mut p, &ballots)
        {
            return Some(true);
        }
    }
    Some(false)
}

/// Where an office holds the casting vote: whether, on some day the office's holder can
/// change (within the rule's days), a member voting in favour who may hold the office then
/// (or the one member who does) carries the tie with it.
fn office_casting_passes(
    agreement: &Agreement,
    decision: &Decision,
    rule: &TimedRule,
    evaluator: &Evaluator<'_>,
    p: &mut Proposal,
    ballots: &[(crate::model::MemberId, VoteChoice)],
) -> bool {
    let Some(office) = decision.casting_office.and_then(|o| agreement.offices.get(o.node.0 as usize)) else {
        return false;
    };
    let in_rule = |d: &crate::calendar::Date| rule.from.is_none_or(|f| f <= *d) && rule.until.is_none_or(|u| *d <= u);
    let days: Vec<Option<crate::calendar::Date>> = if office.dated() {
        super::makeup::turning_days(agreement, &[office]).into_iter().filter(in_rule).map(Some).collect()
    } else {
        vec![p.date.map(|d| d.node)]
    };
    p.casting_vote = Some(Spanned::new(VoteChoice::InFavour, Span::default()));
    for day in days {
        p.date = day.map(|d| Spanned::new(d, Span::default()));
        let may = match crate::model::chairs::may_hold(agreement, office, day) {
            Ok((_, crate::model::chairs::MayHold::AnyOf(members))) => members,
            _ => Vec::new(),
        };
        p.presiding = ballots
            .iter()
            .find(|(m, c)| *c == VoteChoice::InFavour && may.contains(m))
            .map(|(m, _)| Spanned::new(*m, Span::default()));
        if passes(evaluator, p) {
            return true;
        }
    }
    false
}

/// Whether a meeting where nobody votes in favour passes `rule`: nobody present, or every
/// eligible member present and abstaining.
pub(super) fn passes_without_support(
    agreement: &Agreement,
    decision: &Decision,
    electorate: &Electorate,
    rule: &TimedRule,
) -> bool {
    let evaluator = Evaluator::new(agreement, "");
    let abstaining: Vec<_> = electorate.eligible().map(|v| (v.member, VoteChoice::Abstaining)).collect();
    passes(&evaluator, &proposal(agreement, decision, rule, &[]))
        || passes(&evaluator, &proposal(agreement, decision, rule, &abstaining))
}
