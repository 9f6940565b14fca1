//! What a decision changes in the agreement when a proposal for it passes (`on passing, …`),
//! and [`apply`], which makes those changes to a copy of the agreement.
//!
//! A decision says what happens on passing ([`DecisionEffect`], the words, in `on_passing`); on a given proposal those words
//! come to definite changes ([`Effect`]): the member concerned is the proposal's `concerning:`
//! member, the applicant its `applicant:`. The evaluator lists the effects of a passed proposal;
//! [`apply`] returns the agreement as the proposal leaves it, or refuses a change that cannot be
//! made (language reference §9, "What a decision changes").

use miette::{Diagnostic, SourceSpan};
use rust_decimal::Decimal;
use serde::Serialize;
use thiserror::Error;

pub use super::on_passing::{DecisionEffect, Target};
pub use super::proposal::Applicant;
use super::proposal::Proposal;
use super::{Agreement, Decision, KindId, Member, MemberId, Role};
use crate::span::{Span, Spanned};

/// One change a passed proposal makes to the agreement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "effect")]
pub enum Effect {
    /// The role passes to `to`, from whoever held it.
    RoleMoves { role: Role, to: MemberId, span: Span },
    /// `member` leaves the agreement.
    Leaves { member: MemberId, span: Span },
    /// A new member joins.
    Joins { key: String, name: String, kinds: Vec<KindId>, votes: Option<Decimal>, span: Span },
}

/// A change the agreement cannot take.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("{message}")]
#[diagnostic(code(concord::model::effect_refused))]
pub struct EffectRefused {
    /// What cannot be done, in a lawyer's words.
    pub message: String,
    /// The clause or line that asks for it.
    #[label("asked for here")]
    pub at: Option<SourceSpan>,
    /// What to do instead.
    #[help]
    pub help: String,
}

fn refuse(message: String, span: Span, help: String) -> EffectRefused {
    EffectRefused { message, at: Some(span.into()), help }
}

/// The changes `decision`'s `on passing` clauses come to on `proposal`, in the order written.
/// Refused when the proposal does not name the member concerned or the applicant they need (the
/// reader refuses such a proposal first).
pub fn resolve(decision: &Decision, proposal: &Proposal) -> Result<Vec<Effect>, EffectRefused> {
    let mut out = Vec::new();
    for effect in &decision.effects {
        let concerned = || {
            proposal.concerning.as_ref().map(|c| c.node).ok_or_else(|| {
                refuse(
                    format!("the proposal does not say which member “{}” concerns", decision.name),
                    effect.span,
                    "add `concerning: MEMBER` to the proposal".into(),
                )
            })
        };
        out.push(match &effect.node {
            DecisionEffect::RoleMoves { role, to } => {
                let to = match to {
                    Target::Concerned => concerned()?,
                    Target::Member(m) => *m,
                };
                Effect::RoleMoves { role: *role, to, span: effect.span }
            }
            DecisionEffect::ConcernedLeaves => Effect::Leaves { member: concerned()?, span: effect.span },
            DecisionEffect::ApplicantJoins { kind, votes } => {
                let applicant = proposal.applicant.as_ref().ok_or_else(|| {
                    refuse(
                        format!("the proposal does not say who joins under “{}”", decision.name),
                        effect.span,
                        "add `applicant: ID \"NAME\"` to the proposal".into(),
                    )
                })?;
                Effect::Joins {
                    key: applicant.key.clone(),
                    name: applicant.name.clone(),
                    kinds: kind.iter().copied().collect(),
                    votes: *votes,
                    span: effect.span,
                }
            }
        });
    }
    Ok(out)
}

/// The agreement as `effects` leave it, applied in order to a copy of `agreement`.
///
/// Refused, leaving nothing changed: an effect naming a member the agreement does not have; a
/// role held by two members (which gives it up is not settled); a joining member whose identifier
/// a member has, or with a kind the agreement does not have; a leaving member who alone holds the
/// lead provider's, the chair's or the host's role, whom a clause of the agreement names (a
/// rule, a veto, a casting vote, a fund…), or whose bloc it would leave empty.
///
/// A role that moves moves the role itself (who `has_role`); a clause written with the role's
/// name (`the lead provider in favour`) was resolved to its holder's id when the agreement was
/// read, and still names that member. So this result only says whether the agreement can take
/// the changes: a scenario that follows the proposal is decided under the agreement read afresh
/// from its text with the changes made (`crate::sequence::following`), never under this copy.
pub fn apply(agreement: &Agreement, effects: &[Effect]) -> Result<Agreement, EffectRefused> {
    let mut next = agreement.clone();
    for effect in effects {
        match effect {
            Effect::RoleMoves { role, to, span } => move_role(&mut next, *role, *to, *span)?,
            Effect::Joins { key, name, kinds, votes, span } => join(&mut next, key, name, kinds, *votes, *span)?,
            Effect::Leaves { member, span } => leave(&mut next, *member, *span)?,
        }
    }
    Ok(next)
}

fn member_named(agreement: &Agreement, id: MemberId, span: Span) -> Result<&Member, EffectRefused> {
    agreement.member(id).ok_or_else(|| {
        refuse(
            "the member this change names is not a member of the agreement".into(),
            span,
            "name a member of the agreement as the agreement stands when the proposal passes".into(),
        )
    })
}

fn move_role(agreement: &mut Agreement, role: Role, to: MemberId, span: Span) -> Result<(), EffectRefused> {
    let new = member_named(agreement, to, span)?.key.clone();
    let holders: Vec<String> = agreement.members.iter().filter(|m| m.has_role(role)).map(|m| m.key.clone()).collect();
    if holders.len() > 1 {
        return Err(refuse(
            format!("the {} cannot pass to {new}: {} all hold that role", role.words(), holders.join(", ")),
            span,
            format!("amend the agreement so that one member is the {} first", role.words()),
        ));
    }
    for member in &mut agreement.members {
        member.roles.remove(&role);
    }
    if let Some(member) = agreement.members.get_mut(to.index()) {
        member.roles.insert(role, span);
    }
    Ok(())
}

fn join(
    agreement: &mut Agreement,
    key: &str,
    name: &str,
    kinds: &[KindId],
    votes: Option<Decimal>,
    span: Span,
) -> Result<(), EffectRefused> {
    if agreement.member_by_key(key).is_some() {
        return Err(refuse(
            format!("{key} cannot join: it is already a member"),
            span,
            "give the joining body an identifier no member has".into(),
        ));
    }
    if kinds.iter().any(|k| agreement.kind(*k).is_none()) {
        return Err(refuse(
            format!("{key} cannot join as a kind the agreement does not have"),
            span,
            "name one of the agreement's kinds".into(),
        ));
    }
    if agreement.members.len() >= super::MAX_MEMBERS {
        return Err(refuse(
            format!("{key} cannot join: the agreement already has {} members", super::MAX_MEMBERS),
            span,
            "Concord reads agreements of at most that many members".into(),
        ));
    }
    let id = MemberId(agreement.members.len() as u32);
    for bloc in &mut agreement.blocs {
        if bloc.of_kind.is_some_and(|k| kinds.contains(&k)) {
            bloc.members.push(id);
        }
    }
    agreement.members.push(Member {
        id,
        key: key.to_string(),
        name: name.to_string(),
        span,
        kinds: kinds.iter().map(|k| Spanned::new(*k, span)).collect(),
        roles: Default::default(),
        figures: Default::default(),
        votes: votes.map(|v| Spanned::new(v, span)),
        drawn_from: None,
    });
    Ok(())
}

fn leave(agreement: &mut Agreement, leaver: MemberId, span: Span) -> Result<(), EffectRefused> {
    let member = member_named(agreement, leaver, span)?;
    let key = member.key.clone();
    for role in [Role::LeadProvider, Role::Chair, Role::Host] {
        let others = agreement.members.iter().filter(|m| m.id != leaver && m.has_role(role)).count();
        if member.has_role(role) && others == 0 {
            return Err(refuse(
                format!("{key} cannot leave: it is the only {}", role.words()),
                span,
                format!(
                    "pass the {} to another member first (`on passing, the {} becomes …`)",
                    role.words(),
                    role.words()
                ),
            ));
        }
    }
    if let Some(bloc) = agreement.blocs.iter().find(|b| b.members == [leaver]) {
        return Err(refuse(
            format!("{key} cannot leave: it is the only member of the {} bloc", bloc.key),
            span,
            "amend the agreement's blocs first".into(),
        ));
    }
    let mut named: Vec<String> = Vec::new();
    super::renumber::renumber(agreement, &mut |id, place| {
        if *id == leaver {
            named.push(place());
        } else if *id > leaver {
            *id = MemberId(id.0.saturating_sub(1));
        }
    });
    if let Some(place) = named.first() {
        return Err(refuse(
            format!("{key} cannot leave by this decision alone: the agreement names it in {place}"),
            span,
            format!("amend the agreement so that it no longer names {key}, then let it leave"),
        ));
    }
    agreement.members.remove(leaver.index());
    for (i, member) in agreement.members.iter_mut().enumerate() {
        member.id = MemberId(i as u32);
    }
    for bloc in &mut agreement.blocs {
        bloc.members.retain(|m| *m != leaver);
        for m in &mut bloc.members {
            if *m > leaver {
                *m = MemberId(m.0.saturating_sub(1));
            }
        }
    }
    let designated = std::mem::take(&mut agreement.stand_ins.designated);
    agreement.stand_ins.designated = designated
        .into_iter()
        .filter(|(m, _)| *m != leaver)
        .map(|(m, s)| (if m > leaver { MemberId(m.0.saturating_sub(1)) } else { m }, s))
        .collect();
    Ok(())
}

/// Refuses a proposal that names no applicant for a decision that admits one, an applicant for a
/// decision that admits none, or an applicant who is already a member.
pub(super) fn check_applicant(
    decision: &Decision,
    proposal: &Proposal,
    agreement: &Agreement,
    at: Span,
    errors: &mut Vec<super::LowerError>,
) {
    use super::error::KindsError;
    let admits = decision.effects.iter().any(|e| matches!(e.node, DecisionEffect::ApplicantJoins { .. }));
    let wrap = |e: KindsError| super::LowerError::Kinds(Box::new(e));
    match (&proposal.applicant, admits) {
        (None, true) => errors.push(wrap(KindsError::MissingApplicant {
            decision: decision.name.clone(),
            at: proposal.decision.as_ref().map_or(at, |d| d.span).into(),
        })),
        (Some(a), false) => {
            errors.push(wrap(KindsError::ApplicantNotUsed { decision: decision.name.clone(), at: a.span.into() }))
        }
        (Some(a), true) if agreement.member_by_key(&a.key).is_some() => {
            errors.push(wrap(KindsError::ApplicantIsMember { applicant: a.key.clone(), at: a.span.into() }))
        }
        _ => {}
    }
}
