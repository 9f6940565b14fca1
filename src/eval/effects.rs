//! What a passed proposal changes in the agreement: each `on passing, …` clause of its decision,
//! as the proposal makes it definite, and whether the agreement can take the change
//! ([`crate::model::effects::apply`]).

use serde::Serialize;

use super::context::Context;
use super::{Name, Place};
use crate::model::effects::{self, Effect};
use crate::model::inputs::Proposal;
use crate::model::{leaving, Agreement, Decision, FigureName, MemberId};
use crate::results::terms::{Period, Refusal, RoleTerm, Term};

/// One change, in the working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "change")]
pub enum Change {
    /// A role passes to a member.
    RoleMoves {
        /// The role (in JSON, in words: `lead provider`, `chair` or `host`).
        role: RoleTerm,
        /// Who takes it.
        to: Name,
        /// Who held it (none when nobody did).
        from: Vec<Name>,
    },
    /// A member leaves, on its own terms.
    Leaves {
        member: Name,
        /// Its notice period, when the agreement sets one (in JSON, in words).
        notice: Option<Period>,
        /// Whether that notice period is its kind's own.
        notice_of_kind: Option<String>,
        /// The sum it pays, in words.
        pays: Option<String>,
        /// The figures it forfeits (in JSON, in words).
        forfeits: Vec<Term<FigureName>>,
        /// Whether it loses its say over capitated payments.
        loses_say: bool,
    },
    /// A member joins.
    Joins { member: String, name: String, kinds: Vec<String>, votes: Option<rust_decimal::Decimal> },
}

/// One `on passing` clause and the change it makes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EffectOut {
    /// The clause.
    pub clause: Place,
    /// The change.
    #[serde(flatten)]
    pub change: Change,
}

/// The changes an earlier step of a sequence made to the agreement a proposal is decided under
/// (`scenario "…" follows "…"`, [`crate::sequence::following`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InForce {
    /// The earlier proposal that passed.
    pub proposal: String,
    /// What it changed, clause by clause.
    pub effects: Vec<EffectOut>,
}

/// The changes of a passed proposal, the model's effects, and why the agreement cannot take
/// them, if it cannot.
pub(super) type Effects = (Vec<EffectOut>, Vec<Effect>, Option<Refusal>);

impl Context<'_> {
    pub(super) fn effects(&self, agreement: &Agreement, decision: &Decision, proposal: &Proposal) -> Effects {
        let resolved = match effects::resolve(decision, proposal) {
            Ok(r) => r,
            Err(e) => return (Vec::new(), Vec::new(), Some(Refusal { message: e.message, help: None })),
        };
        let out = resolved.iter().map(|e| self.effect_out(agreement, e)).collect();
        let refused =
            effects::apply(agreement, &resolved).err().map(|e| Refusal { message: e.message, help: Some(e.help) });
        (out, resolved, refused)
    }

    fn effect_out(&self, agreement: &Agreement, effect: &Effect) -> EffectOut {
        let kind_name = |k: crate::model::KindId| self.kind_name(k);
        let (span, change) = match effect {
            Effect::RoleMoves { role, to, span } => (
                *span,
                Change::RoleMoves {
                    role: Term(*role),
                    to: self.key(*to),
                    from: agreement.members.iter().filter(|m| m.has_role(*role)).map(|m| self.key(m.id)).collect(),
                },
            ),
            Effect::Leaves { member, span } => (*span, self.leaves(agreement, *member)),
            Effect::Joins { key, name, kinds, votes, span } => (
                *span,
                Change::Joins {
                    member: key.clone(),
                    name: name.clone(),
                    kinds: kinds.iter().map(|k| kind_name(*k)).collect(),
                    votes: *votes,
                },
            ),
        };
        EffectOut { clause: self.place(span), change }
    }

    fn leaves(&self, agreement: &Agreement, member: MemberId) -> Change {
        let terms = agreement.member(member).and_then(|m| leaving::terms_for(agreement, m).ok());
        let of_kind = |from: leaving::From| match from {
            leaving::From::Kind(k) => Some(self.kind_name(k)),
            leaving::From::General => None,
        };
        Change::Leaves {
            member: self.key(member),
            notice: terms.as_ref().and_then(|t| t.notice.map(|(d, _)| Term(d.node))),
            notice_of_kind: terms.as_ref().and_then(|t| t.notice.and_then(|(_, f)| of_kind(f))),
            pays: terms
                .as_ref()
                .and_then(|t| t.penalty.map(|(p, _)| crate::money::format_money(p.node.0, &agreement.currency))),
            forfeits: terms.as_ref().map_or_else(Vec::new, |t| t.forfeits.iter().map(|(f, _)| Term(f.node)).collect()),
            loses_say: terms.as_ref().is_some_and(|t| t.loses_say),
        }
    }
}
