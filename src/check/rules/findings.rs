//! The findings of the coalition analyses, worded: a rule that never passes, both sides
//! passing, a dictator, a dummy, a veto nobody was granted, and gridlock.

use super::*;

pub(super) fn never_passes(ctx: &Ctx<'_>, rule: &TimedRule) -> CheckDiagnostic {
    let mut failing = Vec::new();
    if let Ok(voters) = Voters::new(ctx.agreement, ctx.decision, &ctx.electorate) {
        let everyone = vec![true; voters.players.len()];
        for part in conditions(&rule.rule) {
            let Rule::Condition(c) = &part.node else { continue };
            if let Ok(f) = voters.condition(c, Reading::FullAttendance) {
                if !f.holds(&everyone) {
                    failing.push(LabeledSpan::underline(part.span));
                }
            }
        }
    }
    NeverPasses {
        decision: ctx.name.clone(),
        witness: None,
        name: ctx.decision.name.clone(),
        rule: rule.rule.span.into(),
        failing,
    }
    .into()
}

pub(super) fn both_sides(
    ctx: &Ctx<'_>,
    rule: &TimedRule,
    first: Vec<String>,
    second: Vec<String>,
    others: &'static str,
) -> CheckDiagnostic {
    BothSidesPass {
        decision: ctx.name.clone(),
        witness: Some(Witness::BothSides { others, for_proposal: first.clone(), for_opposite: second.clone() }),
        name: ctx.decision.name.clone(),
        verb: if first.len() == 1 { "votes" } else { "vote" },
        for_proposal: names(first),
        for_opposite: names(second),
        others: if others == "abstain" { " while everyone else abstains" } else { "" },
        rule: rule.rule.span.into(),
    }
    .into()
}

/// What a finding about who matters means when the rule is not monotone (docs/semantics.md): it
/// is worked out over the ways of dividing the members into those in favour and those against,
/// and an abstention or an absence can count differently from either.
pub(super) fn non_monotone_note(rule: &TimedRule) -> &'static str {
    if crate::check::passing::monotone(&rule.rule) {
        ""
    } else {
        ". This rule is not monotone (a vote in favour can turn a pass into a fail), so this finding weighs every way of dividing the members into those in favour and those against; an abstention or an absence may count otherwise"
    }
}

pub(super) fn dictator(ctx: &Ctx<'_>, rule: &TimedRule, member: MemberId) -> CheckDiagnostic {
    let key = key(ctx.agreement, member);
    let member_at = ctx.agreement.member(member).map_or(rule.span, |m| m.span);
    let witness = Some(Witness::Alone { members: vec![key.clone()] });
    match &ctx.agreement.form {
        Some(form) if form.node.is_joint_commissioning() => DictatorJointCommissioning {
            decision: ctx.name.clone(),
            witness,
            name: ctx.decision.name.clone(),
            member: key,
            form: form.node.words(),
            rule: rule.rule.span.into(),
            member_at: member_at.into(),
            form_at: form.span.into(),
        }
        .into(),
        _ => Dictator {
            decision: ctx.name.clone(),
            witness,
            name: ctx.decision.name.clone(),
            member: key,
            rule: rule.rule.span.into(),
            member_at: member_at.into(),
        }
        .into(),
    }
}

pub(super) fn dummy(
    ctx: &Ctx<'_>,
    rule: &TimedRule,
    game: &Game,
    solver: &Solver,
    player: usize,
    member: MemberId,
) -> CheckDiagnostic {
    let key = key(ctx.agreement, member);
    let mut reason = dummy_reason(ctx, game, solver, player, &key);
    reason.push_str(non_monotone_note(rule));
    Dummy {
        decision: ctx.name.clone(),
        witness: Some(Witness::Dummy { member: key.clone(), reason: reason.clone() }),
        name: ctx.decision.name.clone(),
        member: key,
        member_at: ctx.agreement.member(member).map_or(rule.span, |m| m.span).into(),
        rule: rule.rule.span.into(),
        reason,
    }
    .into()
}

/// Why a member never matters, with the numbers when the rule is one weighted threshold whose
/// weights are the members' votes.
pub(super) fn dummy_reason(ctx: &Ctx<'_>, game: &Game, solver: &Solver, player: usize, key: &str) -> String {
    let generic = format!(
        "whichever way `{key}` votes, the outcome is the one the other members' votes already decide; if `{key}` should have a say, give it more votes or lower the threshold"
    );
    let Solver::Weighted(g) = solver else { return generic };
    let Some((lo, hi)) = g.dummy_gap(player) else { return generic };
    // Scaled weights back to the members' own votes, when they are in proportion.
    let user: Vec<Decimal> = game.players.iter().map(|m| ctx.electorate.weight(*m)).collect();
    let own = g.weights.get(player).copied().unwrap_or(0);
    let Some(own_user) = user.get(player).copied() else { return generic };
    if own == 0 {
        return generic;
    }
    let Some(ratio) = own_user.checked_div(Decimal::from(own)) else { return generic };
    // A product too large for a decimal is not any member's votes, so the weights are not in
    // proportion.
    let proportional = g.weights.iter().zip(&user).all(|(w, u)| Decimal::from(*w).checked_mul(ratio) == Some(*u));
    if !proportional {
        return generic;
    }
    // A weighted solver's weights add up to at most `weighted::MAX_TOTAL`, so these fit.
    let required: u64 = g.weights.iter().zip(&g.required).filter(|(_, r)| **r).map(|(w, _)| *w).sum();
    let (Some(lo), Some(hi)) = (lo.checked_add(required), hi.checked_add(required)) else { return generic };
    // Votes too many to show in the members' own terms are explained in general words instead.
    let show = |v: u64| Decimal::from(v).checked_mul(ratio).map(grouped);
    let (Some(lo_shown), Some(hi_shown), Some(quota_shown)) = (show(lo), show(hi), show(g.quota)) else {
        return generic;
    };
    let range = if lo == hi { format!("exactly {lo_shown}") } else { format!("between {lo_shown} and {hi_shown}") };
    format!(
        "`{key}` has {} of the votes; it would decide the outcome only if the others in favour held {range} (with {quota_shown} needed), and no combination of the other members' votes adds up to that; give it more votes or change the threshold",
        grouped(own_user),
    )
}

/// Members whose power to block alone the text says outright: veto clauses, a named member
/// whose agreement the rule requires, and unanimity (of everyone or of a kind).
pub(super) fn granted_vetoes(ctx: &Ctx<'_>, rule: &TimedRule) -> Vec<MemberId> {
    let agreement = ctx.agreement;
    let mut out = Vec::new();
    let of_kind = |kind: Option<KindId>| -> Vec<MemberId> {
        ctx.electorate
            .eligible()
            .map(|v| v.member)
            .filter(|m| kind.is_none_or(|k| agreement.member(*m).is_some_and(|x| x.is_of_kind(k))))
            .collect()
    };
    for veto in &ctx.decision.vetoes {
        match &veto.holder {
            VetoHolder::Member(m) => out.push(*m),
            VetoHolder::AnyMember(kind) => out.extend(of_kind(*kind)),
            VetoHolder::Bloc(_) => {}
        }
    }
    // Conditions every passing vote must meet: the rule's top-level `and`.
    let mut stack = vec![&rule.rule];
    while let Some(part) = stack.pop() {
        match &part.node {
            Rule::All(parts) => stack.extend(parts.iter()),
            Rule::Condition(Condition::Unanimous) => out.extend(of_kind(None)),
            Rule::Condition(Condition::Every { kind, side: Side::InFavour })
            | Rule::Condition(Condition::NoMember { kind, side: Side::Against }) => out.extend(of_kind(*kind)),
            Rule::Condition(Condition::Member { member, side: Side::InFavour }) => out.push(*member),
            _ => {}
        }
    }
    out
}

/// Decision-wide: a member can block and a blocked decision has nowhere to go.
pub(super) fn gridlock(ctx: &Ctx<'_>, blockable: bool, veto_players: &[MemberId], out: &mut Vec<CheckDiagnostic>) {
    let decision = ctx.decision;
    // A route, or a default that applies when it is rejected, says where a blocked decision goes.
    let has_route = decision.escalations.iter().any(|e| e.trigger == EscalationTrigger::Rejected) || decision.default.is_some()
        // A matter not agreed within a period of the request goes on when the period runs out.
            || decision.procedure.timed_escalation.is_some();
    if has_route || (!blockable && decision.vetoes.is_empty()) {
        return;
    }
    let (blockers, at) = match decision.vetoes.first() {
        Some(veto) if veto_players.is_empty() => ("a veto".to_string(), veto.span),
        _ => {
            let keys: Vec<String> = veto_players.iter().map(|m| key(ctx.agreement, *m)).collect();
            let blockers = if keys.len() > 3 && keys.len() == ctx.electorate.eligible().count() {
                "any one member".to_string()
            } else {
                names(keys)
            };
            let at = decision.rules.first().map_or(decision.span, |r| r.rule.span);
            (blockers, at)
        }
    };
    out.push(
        Gridlock {
            decision: ctx.name.clone(),
            witness: None,
            name: decision.name.clone(),
            blockers,
            at: at.into(),
            decision_at: decision.span.into(),
        }
        .into(),
    );
}
