//! A decision's rule: impossible numbers, conditions that can never hold, and the coalition
//! analyses, through the coalition engine.

mod attendance;
mod casting;
mod findings;
use findings::*;

use miette::LabeledSpan;
use rust_decimal::Decimal;

use super::diagnostics::*;
use super::{grouped, key, names};
use crate::coalitions::{self, CompileError, Game, Limits, Reading, Solver, Voters};
use crate::model::{
    conditions, Agreement, BlocSelection, Comparator, Condition, Decision, EscalationTrigger, KindId, MemberId,
    ProportionForm, Rule, Side, TimedRule, Unit, VetoHolder, WeightScheme,
};
use crate::span::{Span, Spanned};
use crate::weights::{electorate, Electorate, Ineligibility};

/// What the coalition analyses are called in a "not analysed" note.
const ANALYSES: &str = "who can pass, block or decide it alone";
const BOTH_SIDES: &str = "whether a proposal and its opposite can both pass";

struct Ctx<'a> {
    agreement: &'a Agreement,
    decision: &'a Decision,
    electorate: Electorate,
    name: Option<String>,
}

impl Ctx<'_> {
    fn eligible_of_kind(&self, kind: Option<KindId>) -> usize {
        self.electorate
            .eligible()
            .filter(|v| match kind {
                None => true,
                Some(k) => self.agreement.member(v.member).is_some_and(|m| m.is_of_kind(k)),
            })
            .count()
    }

    fn kind_name(&self, kind: KindId) -> String {
        self.agreement.kind(kind).map_or_else(String::new, |k| k.name.clone())
    }
}

pub(super) fn check(agreement: &Agreement, decision: &Decision, limits: Limits, out: &mut Vec<CheckDiagnostic>) {
    let name = Some(decision.name.clone());
    let electorate = match electorate(agreement, decision, None) {
        Ok(e) => e,
        Err(_) => {
            out.push(not_analysed(decision, decision.span, ANALYSES, NotAnalysedReason::Overflow));
            return;
        }
    };
    let ctx = Ctx { agreement, decision, electorate, name };
    let quorum = agreement.ordinary_quorum(decision);

    let weights_unknown =
        matches!(agreement.scheme_for(decision).node, WeightScheme::Committed(crate::model::CommitScope::Proposal));
    let uses_votes = decision.rules.iter().any(|r| uses_votes(&r.rule)) || quorum.is_some_and(uses_votes);
    let zero_weights =
        !weights_unknown && uses_votes && ctx.electorate.total.is_zero() && ctx.electorate.eligible().next().is_some();
    if zero_weights {
        let scheme = agreement.scheme_for(decision);
        out.push(
            ZeroWeights {
                decision: ctx.name.clone(),
                witness: None,
                name: decision.name.clone(),
                scheme: (scheme.span != Span::default()).then(|| scheme.span.into()),
                at: decision.span.into(),
            }
            .into(),
        );
    }

    let mut quorum_error = false;
    if let Some(q) = quorum {
        let mut found = Vec::new();
        static_checks(&ctx, q, Place::Quorum, &mut found);
        quorum_error = !found.is_empty();
        out.extend(found);
        if !quorum_error && !quorum_reachable(&ctx, q) {
            quorum_error = true;
            out.push(
                QuorumUnreachable {
                    decision: ctx.name.clone(),
                    witness: None,
                    when: "",
                    name: decision.name.clone(),
                    eligible: ctx.electorate.eligible().count(),
                    quorum: q.span.into(),
                    at: decision.span.into(),
                }
                .into(),
            );
        }
    }
    if let Some(finding) = attendance::unreachable(agreement, decision) {
        quorum_error = true;
        out.push(finding);
    }
    // The lower quorum of a reconvened meeting is never used for the coalition analyses (they
    // ask about an ordinary meeting), but it too must be one that can be met.
    if let Some(lower) = agreement.quorum_for(decision, true).filter(|q| q.reconvened) {
        let mut found = Vec::new();
        static_checks(&ctx, lower.rule, Place::Quorum, &mut found);
        let static_error = !found.is_empty();
        out.extend(found);
        if !static_error && !quorum_reachable(&ctx, lower.rule) {
            out.push(
                QuorumUnreachable {
                    decision: ctx.name.clone(),
                    witness: None,
                    when: " at a reconvened meeting",
                    name: decision.name.clone(),
                    eligible: ctx.electorate.eligible().count(),
                    quorum: lower.rule.span.into(),
                    at: decision.span.into(),
                }
                .into(),
            );
        }
    }
    let mut blocked = false;
    let mut veto_players_any: Vec<MemberId> = Vec::new();
    for rule in &decision.rules {
        let mut found = Vec::new();
        static_checks(&ctx, &rule.rule, Place::Rule, &mut found);
        let specific = !found.is_empty() || zero_weights || quorum_error;
        out.extend(found);
        let casting = decision.casting_vote.is_some()
            || decision.casting_presiding.is_some()
            || decision.casting_office.is_some();
        if weights_unknown && (uses_votes || casting) {
            out.push(not_analysed(decision, rule.span, ANALYSES, NotAnalysedReason::WeightsUnknown));
            continue;
        }
        if quorum_error {
            continue;
        }
        let analysis = casting::analyse(&ctx, rule, quorum, limits, specific, out);
        blocked |= analysis.blockable;
        for m in analysis.veto_players {
            if !veto_players_any.contains(&m) {
                veto_players_any.push(m);
            }
        }
    }
    // A decision no meeting can be quorate for is not blocked by anyone: nothing carries it.
    if !quorum_error {
        gridlock(&ctx, blocked, &veto_players_any, out);
    }
}

fn not_analysed(decision: &Decision, at: Span, what: &'static str, why: NotAnalysedReason) -> CheckDiagnostic {
    NotAnalysed {
        decision: Some(decision.name.clone()),
        witness: None,
        name: decision.name.clone(),
        what,
        at: at.into(),
        why,
    }
    .into()
}

fn uses_votes(rule: &Spanned<Rule>) -> bool {
    conditions(rule).iter().any(|c| match &c.node {
        Rule::Condition(
            Condition::Threshold { base, .. } | Condition::HalfPlusOne { base, .. } | Condition::Bloc { base, .. },
        ) => base.unit == Unit::Votes,
        _ => false,
    })
}

/// Conditions that cannot work whatever the votes: out-of-range thresholds, counts above the
/// voters, members or kinds or blocs with nobody who may vote.
/// Where a rule stands: a quorum's over-large count is reported as an unreachable quorum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Rule,
    Quorum,
}

fn static_checks(ctx: &Ctx<'_>, rule: &Spanned<Rule>, place: Place, out: &mut Vec<CheckDiagnostic>) {
    let name = ctx.decision.name.clone();
    for part in conditions(rule) {
        let Rule::Condition(condition) = &part.node else { continue };
        match condition {
            Condition::Threshold { comparator, proportion, base, .. } => {
                range(ctx, *comparator, proportion, part.span, out);
                if let Some(k) = base.kind {
                    if counts_something(*comparator) && ctx.eligible_of_kind(Some(k)) == 0 {
                        out.push(empty_kind(ctx, k, part.span));
                    }
                }
            }
            Condition::HalfPlusOne { base, .. } => {
                if let Some(k) = base.kind {
                    if ctx.eligible_of_kind(Some(k)) == 0 {
                        out.push(empty_kind(ctx, k, part.span));
                    }
                }
            }
            Condition::Every { kind: Some(k), .. } if ctx.eligible_of_kind(Some(*k)) == 0 => {
                out.push(empty_kind(ctx, *k, part.span));
            }
            Condition::Count { comparator, count, kind, side, .. } => {
                let counted = |n: u32| if n == 1 { "member" } else { "members" };
                let available = ctx.eligible_of_kind(*kind);
                let too_many = match comparator {
                    Comparator::AtLeast => count.node as usize > available,
                    Comparator::MoreThan => count.node as usize >= available,
                    _ => false,
                };
                if too_many && available == 0 && kind.is_some() {
                    if let Some(k) = kind {
                        out.push(empty_kind(ctx, *k, part.span));
                    }
                } else if too_many && place == Place::Quorum {
                    let who = match kind {
                        Some(k) => format!("`{}` {} {}", ctx.kind_name(*k), counted(count.node), side.words()),
                        None => format!("{} {}", counted(count.node), side.words()),
                    };
                    out.push(
                        MembershipTooSmall {
                            decision: ctx.name.clone(),
                            witness: None,
                            name: name.clone(),
                            needed: format!("{} {}", comparator.words(), count.node),
                            who,
                            available,
                            at: count.span.into(),
                            condition: part.span.into(),
                        }
                        .into(),
                    );
                } else if too_many && place == Place::Rule {
                    let who = match kind {
                        Some(k) => format!("`{}` members {}", ctx.kind_name(*k), side.words()),
                        None => format!("members {}", side.words()),
                    };
                    out.push(
                        CountTooLarge {
                            decision: ctx.name.clone(),
                            witness: None,
                            name: name.clone(),
                            needed: format!("{} {}", comparator.words(), count.node),
                            who,
                            available,
                            at: count.span.into(),
                            condition: part.span.into(),
                        }
                        .into(),
                    );
                }
            }
            Condition::Bloc { blocs, comparator, proportion, .. } => {
                range(ctx, *comparator, proportion, part.span, out);
                let selected: Vec<&crate::model::Bloc> = match blocs {
                    BlocSelection::Each => ctx.agreement.blocs.iter().collect(),
                    BlocSelection::One(id) => ctx.agreement.bloc(*id).into_iter().collect(),
                };
                for bloc in selected {
                    let voting = bloc.members.iter().filter(|m| ctx.electorate.is_eligible(**m)).count();
                    if voting == 0 && counts_something(*comparator) {
                        out.push(
                            EmptyBloc {
                                decision: ctx.name.clone(),
                                witness: None,
                                name: name.clone(),
                                bloc: bloc.key.clone(),
                                at: part.span.into(),
                                bloc_at: bloc.span.into(),
                            }
                            .into(),
                        );
                    }
                }
            }
            Condition::Member { member, .. } => {
                if let Some((reason, because)) = cannot_vote(ctx, *member) {
                    out.push(
                        RequiredMemberCannotVote {
                            decision: ctx.name.clone(),
                            witness: None,
                            name: name.clone(),
                            member: key(ctx.agreement, *member),
                            reason,
                            at: part.span.into(),
                            because: because.into(),
                        }
                        .into(),
                    );
                }
            }
            _ => {}
        }
    }
}

/// Whether a comparator needs something to be counted (fails on an empty base).
fn counts_something(comparator: Comparator) -> bool {
    matches!(comparator, Comparator::AtLeast | Comparator::MoreThan)
}

/// Why a member never votes on this decision in general, with where that is said.
fn cannot_vote(ctx: &Ctx<'_>, member: MemberId) -> Option<(CannotVote, Span)> {
    match ctx.electorate.voters.get(member.index())?.ineligible.as_ref()? {
        Ineligibility::Observer { role } => Some((CannotVote::Observer, *role)),
        Ineligibility::Excluded { clause } | Ineligibility::NotOfVotingKind { clause } => {
            Some((CannotVote::Excluded, *clause))
        }
        Ineligibility::Reserved { clause } => Some((CannotVote::Excluded, *clause)),
        Ineligibility::Gains { clause, .. }
        | Ineligibility::Concerned { clause, .. }
        | Ineligibility::Conflicted { clause }
        | Ineligibility::OptedOut { clause, .. } => Some((CannotVote::MayBeExcluded, *clause)),
    }
}

fn empty_kind(ctx: &Ctx<'_>, kind: KindId, at: Span) -> CheckDiagnostic {
    EmptyKind {
        decision: ctx.name.clone(),
        witness: None,
        name: ctx.decision.name.clone(),
        kind: ctx.kind_name(kind),
        at: at.into(),
        kind_at: ctx.agreement.kind(kind).map_or(at, |k| k.span).into(),
    }
    .into()
}

fn range(
    ctx: &Ctx<'_>,
    comparator: Comparator,
    proportion: &Spanned<crate::model::Proportion>,
    condition: Span,
    out: &mut Vec<CheckDiagnostic>,
) {
    let p = &proportion.node;
    let (num, den) = (p.numerator, p.denominator);
    let problem = if num > den || (num == den && comparator == Comparator::MoreThan) {
        Some(RangeProblem::TooHigh)
    } else if num < Decimal::ZERO || (num.is_zero() && comparator == Comparator::AtLeast) {
        Some(RangeProblem::TooLow)
    } else {
        None
    };
    let Some(problem) = problem else { return };
    let value = match p.form {
        ProportionForm::Ratio => format!("{}/{}", grouped(num), grouped(den)),
        // A share far past 100% may be too large to show as a percentage; then it is shown as
        // the fraction it was read as.
        _ => match num.checked_mul(Decimal::ONE_HUNDRED).and_then(|n| n.checked_div(den)) {
            Some(percent) => format!("{}%", grouped(percent)),
            None if den == Decimal::ONE_HUNDRED => format!("{}%", grouped(num)),
            None => format!("{}/{}", grouped(num), grouped(den)),
        },
    };
    out.push(
        ThresholdOutOfRange {
            decision: ctx.name.clone(),
            witness: None,
            name: ctx.decision.name.clone(),
            value,
            at: proportion.span.into(),
            condition: condition.into(),
            problem,
        }
        .into(),
    );
}

/// Whether the quorum holds with every eligible member present and in favour.
fn quorum_reachable(ctx: &Ctx<'_>, quorum: &Spanned<Rule>) -> bool {
    let Ok(voters) = Voters::new(ctx.agreement, ctx.decision, &ctx.electorate) else { return true };
    match voters.rule(quorum, Reading::FullAttendance) {
        Ok(f) => f.holds(&vec![true; voters.players.len()]),
        Err(_) => true,
    }
}

/// What one rule's analysis found that the decision-wide gridlock check needs.
struct Analysis {
    /// Some member can block alone.
    blockable: bool,
    /// Members who can block alone.
    veto_players: Vec<MemberId>,
}

/// The analyses of one rule with the casting vote held by `casting` (for a casting vote that
/// changes hands from meeting to meeting, [`casting::analyse`] runs this once per holder).
fn analyse_held(
    ctx: &Ctx<'_>,
    rule: &TimedRule,
    quorum: Option<&Spanned<Rule>>,
    limits: Limits,
    specific_error: bool,
    casting: coalitions::CastingHolder,
    out: &mut Vec<CheckDiagnostic>,
) -> Analysis {
    let none = Analysis { blockable: false, veto_players: Vec::new() };
    let (agreement, decision) = (ctx.agreement, ctx.decision);
    let game = match Game::held_by(agreement, decision, &ctx.electorate, rule, casting) {
        Ok(g) => g,
        Err(CompileError::WeightsUnknown) => {
            out.push(not_analysed(decision, rule.span, ANALYSES, NotAnalysedReason::WeightsUnknown));
            return none;
        }
        Err(CompileError::Overflow) => {
            out.push(not_analysed(decision, rule.span, ANALYSES, NotAnalysedReason::Overflow));
            return none;
        }
        Err(CompileError::CastingHolderUnknown) => {
            out.push(not_analysed(decision, rule.span, ANALYSES, NotAnalysedReason::CastingHolderUnknown));
            return none;
        }
    };
    // With nobody in favour, a rule that still passes deserves a word (docs/semantics.md).
    if !specific_error && super::passing::passes_without_support(agreement, decision, &ctx.electorate, rule) {
        out.push(
            PassesWithoutSupport {
                decision: ctx.name.clone(),
                witness: None,
                name: decision.name.clone(),
                how: "a meeting where nobody votes, or where everyone abstains, carries it",
                rule: rule.rule.span.into(),
            }
            .into(),
        );
    }
    let everyone = vec![true; game.players.len()];
    if !game.passes(&everyone) {
        // Everyone in favour is the best case only for a monotone rule; any other rule is
        // tried ballot by ballot, and "never passes" is said only when that is proved.
        let never = super::passing::monotone(&rule.rule) && quorum.is_none_or(super::passing::monotone)
            || super::passing::some_proposal_passes(agreement, decision, &ctx.electorate, rule) == Some(false);
        if !specific_error && never {
            out.push(never_passes(ctx, rule));
        }
        return none;
    }
    let mut solver = match game.solve(limits) {
        Ok(s) => s,
        Err(_) => {
            out.push(not_analysed(decision, rule.span, ANALYSES, NotAnalysedReason::TooLarge));
            return none;
        }
    };
    let members = |coalition: &[bool]| -> Vec<String> {
        game.players.iter().zip(coalition).filter(|(_, c)| **c).map(|(m, _)| key(agreement, *m)).collect()
    };

    // A proposal and its opposite.
    match solver.disjoint_passing() {
        Ok(Some((a, b))) => out.push(both_sides(ctx, rule, members(&a), members(&b), "against")),
        Ok(None) if coalitions::rules::depends_on_attendance(decision, quorum, rule) => {
            let answer = Voters::new(agreement, decision, &ctx.electorate)
                .map(|v| v.with_casting(casting))
                .map_err(|_| coalitions::BothSidesError::TooLarge)
                .and_then(|voters| match coalitions::both_sides_cast_threshold(&voters, agreement, decision, rule) {
                    Some(fast) => fast.map_err(|_| coalitions::BothSidesError::TooLarge),
                    None => coalitions::both_sides_abstaining(&voters, agreement, decision, rule, limits),
                });
            match answer {
                Ok(Some((f, a))) => {
                    let keys = |ps: &[usize]| {
                        ps.iter().filter_map(|p| game.players.get(*p)).map(|m| key(agreement, *m)).collect()
                    };
                    out.push(both_sides(ctx, rule, keys(&f), keys(&a), "abstain"));
                }
                Ok(None) => {}
                Err(_) => out.push(not_analysed(decision, rule.span, BOTH_SIDES, NotAnalysedReason::TooLarge)),
            }
        }
        Ok(None) => {}
        Err(_) => out.push(not_analysed(decision, rule.span, BOTH_SIDES, NotAnalysedReason::TooLarge)),
    }

    // Members who pass it alone.
    let alone = solver.passes_alone();
    for p in &alone {
        let Some(member) = game.players.get(*p).copied() else { continue };
        // A matter reserved to one partner alone is meant to be that partner's alone.
        if ctx.decision.matters.reserved_alone() {
            continue;
        }
        out.push(dictator(ctx, rule, member));
    }
    if !alone.is_empty() {
        // Everyone else is powerless beside a dictator: the dictator finding says it all.
        return none;
    }

    // Members with votes who never matter.
    match solver.dummies() {
        Ok(dummies) => {
            for p in dummies {
                let Some(member) = game.players.get(p).copied() else { continue };
                if ctx.electorate.weight(member).is_zero() {
                    continue;
                }
                out.push(dummy(ctx, rule, &game, &solver, p, member));
            }
        }
        Err(_) => {
            out.push(not_analysed(decision, rule.span, "who can never change the outcome", NotAnalysedReason::TooLarge))
        }
    }

    // Members who block alone.
    let vetoes = match solver.veto_players() {
        Ok(v) => v,
        Err(_) => {
            out.push(not_analysed(decision, rule.span, "who can block it alone", NotAnalysedReason::TooLarge));
            return none;
        }
    };
    let veto_members: Vec<MemberId> = vetoes.iter().filter_map(|p| game.players.get(*p).copied()).collect();
    let granted = granted_vetoes(ctx, rule);
    let unintended: Vec<MemberId> = veto_members.iter().copied().filter(|m| !granted.contains(m)).collect();
    if !unintended.is_empty() {
        let smallest = solver.smallest_blocking().map(|b| members(&b)).unwrap_or_default();
        let first = key(agreement, unintended.first().copied().unwrap_or(MemberId(0)));
        let example = format!(
            "with every other member in favour and `{first}` against, the rule fails, so `{first}` alone decides that it does not pass{}",
            non_monotone_note(rule)
        );
        let keys: Vec<String> = unintended.iter().map(|m| key(agreement, *m)).collect();
        out.push(
            UnintendedVeto {
                decision: ctx.name.clone(),
                witness: Some(Witness::Blocking { members: keys.clone(), smallest_blocking: smallest }),
                name: decision.name.clone(),
                them: if keys.len() == 1 { "it" } else { "them" },
                members: names(keys),
                example,
                rule: rule.rule.span.into(),
                holders: unintended
                    .iter()
                    .filter_map(|m| agreement.member(*m))
                    .map(|m| LabeledSpan::underline(m.span))
                    .collect(),
            }
            .into(),
        );
    }
    Analysis { blockable: !veto_members.is_empty(), veto_players: veto_members }
}
