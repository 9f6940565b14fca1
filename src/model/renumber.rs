//! Every place a clause of the agreement names a member by id, for [`super::effects::apply`]:
//! a member leaving must not be named anywhere, and every member after it moves down one.
//!
//! Every struct is taken apart field by field, with no `..`: a field added to the model that
//! holds a member must be visited here, or this does not compile.

use super::on_passing::{DecisionEffect, Target};
use super::{Agreement, Bloc, Condition, Decision, Exclusion, FundDef, FundLine, MemberId, Rule, VetoHolder};
use crate::span::Spanned;

/// Calls `f` on every member id a clause names, with a description of the place (in words, for a
/// refusal). Members' own ids, blocs' member lists and designated substitutes are not visited:
/// [`super::effects::apply`] handles them itself.
pub(super) fn renumber(agreement: &mut Agreement, f: &mut dyn FnMut(&mut MemberId, &dyn Fn() -> String)) {
    let Agreement {
        stand_ins: _,
        title: _,
        form: _,
        currency: _,
        effective: _,
        period: _,
        kinds: _,
        kinds_declared: _,
        members: _,
        voting: _,
        blocs,
        decisions,
        default_quorum,
        default_reconvened_quorum,
        savings: _,
        deficits: _,
        budget,
        membership: _,
        funds,
        offices,
        elections,
    } = agreement;
    for election in elections.iter_mut() {
        let name = election.name.clone();
        for m in election.member_ids_mut() {
            f(m, &|| format!("election `{name}`"));
        }
    }
    for office in offices.iter_mut() {
        let super::chairs::Office { id: _, name, span: _, terms } = office;
        let place = || format!("who holds the office of {name}");
        for term in terms.iter_mut() {
            match &mut term.holding {
                super::chairs::Holding::Member(m) => f(m, &place),
                super::chairs::Holding::OneOf(_) => {}
                super::chairs::Holding::Alternates(between) | super::chairs::Holding::Rotates { between, .. } => {
                    for holder in between.iter_mut() {
                        if let super::chairs::Holder::Member(m) = holder {
                            f(m, &place);
                        }
                    }
                }
            }
        }
    }
    for quorum in [default_quorum, default_reconvened_quorum].into_iter().flatten() {
        rule_members(quorum, &mut |m| f(m, &|| "the agreement's quorum".to_string()));
    }
    for bloc in blocs.iter_mut() {
        let Bloc { id: _, key, name: _, span: _, members: _, of_kind: _, own_rule: _, casting_vote } = bloc;
        if let Some(c) = casting_vote {
            f(&mut c.node, &|| format!("the casting vote within the {key} bloc"));
        }
    }
    for decision in decisions.iter_mut() {
        decision_members(decision, f);
    }
    if let Some(budget) = budget {
        for line in &mut budget.lines {
            for (m, _, _) in &mut line.providers {
                f(m, &|| "the capitated budget".to_string());
            }
        }
    }
    for fund in funds.iter_mut() {
        let FundDef {
            name,
            kind: _,
            span: _,
            block: _,
            host,
            contributions,
            offset: _,
            cap: _,
            lines,
            savings: _,
            deficits: _,
            incomes: _,
            maladministration: _,
            uplift: _,
            contributors: _,
            instalments: _,
        } = fund;
        let place = || format!("“{name}”");
        if let Some(h) = host {
            f(&mut h.node, &place);
        }
        for (m, _) in contributions.iter_mut() {
            f(m, &place);
        }
        for line in lines.iter_mut() {
            let FundLine { name: _, budget: _, commissioners, risk: _, risk_span: _, cap: _, span: _ } = line;
            for (m, _, _) in commissioners.iter_mut() {
                f(m, &place);
            }
        }
    }
}

fn decision_members(decision: &mut Decision, f: &mut dyn FnMut(&mut MemberId, &dyn Fn() -> String)) {
    let Decision {
        id: _,
        name,
        span: _,
        rules,
        voting: _,
        quorum,
        reconvened_quorum,
        exclusions,
        vetoes,
        casting_vote,
        casting_presiding: _,
        escalations: _,
        default: _,
        effects,
        casting_office: _,
        matters,
        procedure,
        meetings: _,
        outside: _,
    } = decision;
    let name = name.clone();
    for rule in rules.iter_mut() {
        rule_members(&mut rule.rule, &mut |m| f(m, &|| format!("the rule of “{name}”")));
    }
    for q in [quorum, reconvened_quorum].into_iter().flatten() {
        rule_members(q, &mut |m| f(m, &|| format!("the quorum of “{name}”")));
    }
    for exclusion in exclusions.iter_mut() {
        if let Exclusion::Member { member, .. } = exclusion {
            f(member, &|| format!("who does not vote on “{name}”"));
        }
    }
    for veto in vetoes.iter_mut() {
        if let Some(m) = veto_member(&mut veto.holder) {
            f(m, &|| format!("a veto on “{name}”"));
        }
    }
    if let Some(c) = casting_vote {
        f(&mut c.node, &|| format!("the casting vote on “{name}”"));
    }
    let super::matters::Matters { reserved, approvals } = matters;
    if let Some(r) = reserved {
        f(&mut r.member, &|| format!("the matter “{name}” is reserved to"));
    }
    for approval in approvals.iter_mut() {
        if let super::matters::Approver::Governance(m) = &mut approval.approver {
            f(m, &|| format!("an approval “{name}” needs"));
        }
    }
    if let Some(proposers) = &mut procedure.proposers {
        for who in proposers.who.iter_mut() {
            if let super::procedure::Proposer::Member(m) = &mut who.node {
                f(m, &|| format!("who may propose “{name}”"));
            }
        }
    }
    for effect in effects.iter_mut() {
        if let DecisionEffect::RoleMoves { to: Target::Member(m), .. } = &mut effect.node {
            f(m, &|| format!("what “{name}” does on passing"));
        }
    }
}

/// Every member a rule names.
fn rule_members(rule: &mut Spanned<Rule>, f: &mut dyn FnMut(&mut MemberId)) {
    match &mut rule.node {
        Rule::Condition(Condition::Member { member, .. }) => f(member),
        Rule::Condition(_) => {}
        Rule::All(parts) | Rule::Any(parts) => parts.iter_mut().for_each(|p| rule_members(p, f)),
    }
}

/// Every member a veto names.
fn veto_member(holder: &mut VetoHolder) -> Option<&mut MemberId> {
    match holder {
        VetoHolder::Member(m) => Some(m),
        VetoHolder::AnyMember(_) | VetoHolder::Bloc(_) => None,
    }
}
