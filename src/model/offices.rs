//! Offices that change from meeting to meeting (the person presiding), and votes cast in a
//! member's place (substitutes and proxies).
//!
//! A decision may give its casting vote to whoever presides (`on a tie, the person presiding has
//! the casting vote`) rather than to a named member. Who presided is a fact of the meeting, so the
//! proposal says it (`presiding: hhft`). The engines never guess it: a proposal for such a
//! decision with no `presiding:` line is refused when it is read (see `check_presiding`), and
//! [`casting_holder`] gives the one holder both the evaluator and the oracle use.

use std::collections::BTreeMap;

use serde::Serialize;

pub use crate::model::proposal::{Agent, CastBy};
use crate::model::proposal::{Proposal, Voter};
use crate::model::{Agreement, Decision, KindId, LowerError, MemberId};
use crate::span::{Span, Spanned};

/// Who may cast a member's vote in its place (`members may vote by substitute`,
/// `only commercial members may vote by proxy`, `no member may hold more than 1 proxy`, and a
/// member's `has a designated substitute`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct StandIns {
    /// `[only KIND] members may vote by substitute`: the kind (`None` for every member) and the clause.
    pub substitutes: Vec<(Option<KindId>, Span)>,
    /// `[only KIND] members may vote by proxy`.
    pub proxies: Vec<(Option<KindId>, Span)>,
    /// `no member may hold more than N proxies`.
    pub proxy_limit: Option<Spanned<u32>>,
    /// Members with `has a designated substitute`, with the clause.
    pub designated: BTreeMap<MemberId, Span>,
}

impl StandIns {
    /// Whether the agreement says nothing about substitutes or proxies.
    pub fn is_empty(&self) -> bool {
        self.substitutes.is_empty()
            && self.proxies.is_empty()
            && self.proxy_limit.is_none()
            && self.designated.is_empty()
    }
}

/// The clause that lets `member` vote through `agent`, or `None` when nothing does (its vote
/// is then disregarded: docs/semantics.md step 3). A substitute is allowed by a
/// `members may vote by substitute` covering one of the member's kinds (or every member), or by
/// the member's `has a designated substitute`; a proxy by a `members may vote by proxy` covering
/// it.
pub fn allowed_by(agreement: &Agreement, member: MemberId, agent: Agent) -> Option<Span> {
    let covers = |(kind, _): &&(Option<KindId>, Span)| match kind {
        None => true,
        Some(k) => agreement.member(member).is_some_and(|m| m.is_of_kind(*k)),
    };
    match agent {
        Agent::Substitute => agreement
            .stand_ins
            .designated
            .get(&member)
            .copied()
            .or_else(|| agreement.stand_ins.substitutes.iter().find(covers).map(|(_, s)| *s)),
        Agent::Proxy(_) => agreement.stand_ins.proxies.iter().find(covers).map(|(_, s)| *s),
    }
}

/// The refusals of docs/semantics.md step 3 for proxies, made when the proposal is read: a
/// member cannot hold its own proxy; a proxy holder casts the vote at the meeting, so it must be
/// listed there in its own right; and a holder with more proxies than the agreement allows
/// leaves unsettled which of them count.
pub(crate) fn check_proxies(proposal: &Proposal, agreement: &Agreement, errors: &mut Vec<LowerError>) {
    let key = |id: MemberId| agreement.member(id).map_or_else(String::new, |m| m.key.clone());
    let mut held: BTreeMap<MemberId, Vec<Span>> = BTreeMap::new();
    for cast in &proposal.cast_by {
        let Agent::Proxy(holder) = cast.agent else { continue };
        if holder == cast.member {
            errors.push(LowerError::from(crate::model::ProceedingsError::OwnProxy {
                member: key(holder),
                at: cast.span.into(),
            }));
            continue;
        }
        let present = proposal.votes.iter().any(|v| v.voter == Voter::Known(holder))
            && !proposal.cast_by.iter().any(|c| c.member == holder);
        if !present {
            errors.push(LowerError::from(crate::model::ProceedingsError::ProxyHolderAbsent {
                holder: key(holder),
                at: cast.span.into(),
            }));
        }
        held.entry(holder).or_default().push(cast.span);
    }
    if let Some(limit) = agreement.stand_ins.proxy_limit {
        for (holder, spans) in held {
            if let Some(over) = spans.get(limit.node as usize) {
                errors.push(LowerError::from(crate::model::ProceedingsError::TooManyProxies {
                    holder: key(holder),
                    limit: limit.node,
                    at: (*over).into(),
                    clause: limit.span.into(),
                }));
            }
        }
    }
}

/// Who holds the decision's casting vote at this proposal's meeting: the named member, or the
/// member the proposal says presided (spanned on the decision's clause, which the working cites).
/// `None` when the decision gives no casting vote, or gives it to the person presiding and the
/// proposal does not say who presided (a proposal `check_presiding` refuses).
/// Where the decision gives it to an office (`on a tie, the chair has the casting vote`), the
/// holder is whoever holds the office at the meeting ([`crate::model::chairs::seat`]).
pub fn casting_holder(agreement: &Agreement, decision: &Decision, proposal: &Proposal) -> Option<Spanned<MemberId>> {
    if let Some(office) = decision.casting_office {
        return crate::model::chairs::seat(agreement, decision, proposal).map(|s| Spanned::new(s.member, office.span));
    }
    match (decision.casting_vote, decision.casting_presiding) {
        (Some(named), _) => Some(named),
        (None, Some(clause)) => proposal.presiding.map(|p| Spanned::new(p.node, clause)),
        (None, None) => None,
    }
}

/// The refusals of docs/semantics.md step 1 for the person presiding: a decision that gives the
/// casting vote to the person presiding needs the proposal's `presiding:` line; a `presiding:`
/// line on a proposal for any other decision says nothing and is refused; and the member
/// presiding must be listed as present (voting or abstaining), since a member not listed is
/// absent.
pub(crate) fn check_presiding(
    decision: &Decision,
    proposal: &Proposal,
    agreement: &Agreement,
    at: Span,
    errors: &mut Vec<LowerError>,
) {
    match (decision.casting_presiding, proposal.presiding) {
        (Some(_), None) => errors.push(LowerError::from(crate::model::OfficesError::MissingPresiding {
            decision: decision.name.clone(),
            at: proposal.decision.as_ref().map_or(at, |d| d.span).into(),
        })),
        (None, Some(named)) => errors.push(LowerError::from(crate::model::OfficesError::PresidingNotUsed {
            decision: decision.name.clone(),
            at: named.span.into(),
        })),
        (Some(_), Some(named)) => {
            let listed = proposal.votes.iter().any(|v| v.voter == Voter::Known(named.node));
            if !listed {
                let member = agreement.member(named.node).map_or_else(String::new, |m| m.key.clone());
                errors.push(LowerError::from(crate::model::OfficesError::PresidingAbsent {
                    member,
                    at: named.span.into(),
                }));
            }
        }
        (None, None) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::proposal::{empty_proposal, Vote};
    use crate::model::VoteChoice;

    fn decision(named: Option<MemberId>, presiding: bool) -> Decision {
        Decision {
            id: crate::model::DecisionId(0),
            name: "d".into(),
            span: Span::default(),
            rules: Vec::new(),
            voting: None,
            quorum: None,
            reconvened_quorum: None,
            exclusions: Vec::new(),
            vetoes: Vec::new(),
            casting_vote: named.map(|m| Spanned::new(m, Span::default())),
            casting_presiding: presiding.then(|| Span::new(7, 9)),
            casting_office: None,
            escalations: Vec::new(),
            default: None,
            matters: Default::default(),
            procedure: Default::default(),
            meetings: Default::default(),
            outside: None,
            effects: Vec::new(),
        }
    }

    fn agreement() -> Agreement {
        crate::load::load("agreement \"a\"\n\nmember a\nmember b\nmember c\n").agreement.expect("reads")
    }

    fn proposal(presiding: Option<MemberId>) -> Proposal {
        let mut p = empty_proposal(Spanned::new("p".into(), Span::default()));
        p.presiding = presiding.map(|m| Spanned::new(m, Span::default()));
        p.votes.push(Vote { voter: Voter::Known(MemberId(1)), choice: VoteChoice::Abstaining, span: Span::default() });
        p
    }

    #[test]
    fn the_person_presiding_holds_the_casting_vote_on_the_decisions_clause() {
        let held = casting_holder(&agreement(), &decision(None, true), &proposal(Some(MemberId(1))));
        assert_eq!(held, Some(Spanned::new(MemberId(1), Span::new(7, 9))));
    }

    #[test]
    fn a_named_holder_is_the_holder_whoever_presides() {
        let held = casting_holder(&agreement(), &decision(Some(MemberId(2)), false), &proposal(Some(MemberId(1))));
        assert_eq!(held.map(|h| h.node), Some(MemberId(2)));
    }

    #[test]
    fn no_presiding_line_gives_no_holder_rather_than_a_guess() {
        assert_eq!(casting_holder(&agreement(), &decision(None, true), &proposal(None)), None);
    }
}
