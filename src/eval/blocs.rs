//! A bloc's position: how it decides within itself, by its own rule and casting vote
//! (docs/semantics.md, steps 5 and 6).
//!
//! A side carries the bloc when it meets the bloc's rule (`decides by …`; without one, more than
//! half of its votes cast) on the bloc's eligible members' own votes. When neither side does and
//! the bloc is tied within itself (some weight cast, as much in favour as against), the bloc's
//! casting vote, if its holder is eligible and voted for or against, is one more vote of
//! vanishing size on the holder's side, counted in the bloc's base too: the holder's side
//! carries the bloc exactly when the rule would then hold. Otherwise the bloc takes no position.

use serde::Serialize;

use super::context::{Context, Filter};
use super::tally::{self, Ballot, Relation, TooLarge};
use super::{Measure, Name};
use crate::model::{Bloc, Comparator, Side};
use crate::results::terms::{BlocRule, Threshold};
use crate::span::Spanned;

/// Where a bloc stands on a proposal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Position {
    /// In favour, by its rule (or its casting vote).
    InFavour,
    /// Against, by its rule (or its casting vote).
    Against,
    /// Neither side met the bloc's rule.
    NoPosition,
    /// None of its members votes on the proposal.
    NoEligibleMember,
}

/// The bloc's casting vote on a tie within it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlocCasting {
    /// Its holder.
    pub holder: Name,
    /// How the holder voted.
    pub vote: Ballot,
    /// Whether the holder votes on the proposal.
    pub eligible: bool,
    /// Whether the casting vote settled the bloc's position.
    pub used: bool,
}

/// One bloc's internal count and how it was settled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlocPosition {
    /// The bloc's identifier.
    pub bloc: Name,
    /// Its display name.
    pub name: Name,
    /// The rule it decides by (in JSON, in words: `more than half of its votes cast`).
    pub rule: BlocRule,
    /// Whether the bloc states that rule itself (else it is the default).
    pub own_rule: bool,
    /// The side in favour measured against the rule.
    pub in_favour: Measure,
    /// The side against measured against the rule.
    pub against: Measure,
    /// Whether the bloc was tied within itself.
    pub tied: bool,
    /// Its casting vote, when the bloc has one.
    pub casting: Option<BlocCasting>,
    /// Where it stands.
    pub position: Position,
}

impl Context<'_> {
    /// Where `bloc` stands on the proposal, with its working.
    pub(super) fn bloc_position(&self, bloc: &Bloc) -> Result<BlocPosition, TooLarge> {
        let (comparator, proportion, base) = bloc.rule();
        let proportion = Spanned::new(proportion, bloc.own_rule.as_ref().map_or(bloc.span, |r| r.proportion.span));
        let rule = BlocRule { threshold: Threshold { comparator, proportion: proportion.node }, base };
        let (held_for, in_favour) =
            self.threshold(Filter::Bloc(bloc), &base, Side::InFavour, comparator, &proportion)?;
        let (held_against, against) =
            self.threshold(Filter::Bloc(bloc), &base, Side::Against, comparator, &proportion)?;
        let (t, _) = self.tally(Filter::Bloc(bloc), base.unit);
        let tied = !t.in_favour.is_zero() && t.in_favour == t.against;
        let has_voter = bloc.members.iter().any(|m| self.eligible(*m));
        let mut casting = bloc.casting_vote.as_ref().map(|h| BlocCasting {
            holder: self.key(h.node),
            vote: self.ballot(h.node),
            eligible: self.eligible(h.node),
            used: false,
        });
        let position = if !has_voter {
            Position::NoEligibleMember
        } else if held_for {
            Position::InFavour
        } else if held_against {
            Position::Against
        } else {
            let side = casting.as_ref().filter(|c| tied && c.eligible).and_then(|c| match c.vote {
                Ballot::InFavour => Some(Position::InFavour),
                Ballot::Against => Some(Position::Against),
                Ballot::Abstaining | Ballot::Absent => None,
            });
            // The tipped reading: the side's tally and the base each grow by ε. Under `at
            // least` that changes nothing (T + ε ≥ P(B + ε) iff T ≥ PB, as P ≤ 1); under `more
            // than` P < 1 it makes the comparison `at least` P.
            let numerator = proportion.node.numerator;
            let denominator = proportion.node.denominator;
            let tips = comparator == Comparator::MoreThan
                && numerator < denominator
                && tally::proportion(t.in_favour, Relation::AtLeast, numerator, denominator, t.base(base.scope))?.holds;
            match side {
                Some(s) if tips => {
                    if let Some(c) = casting.as_mut() {
                        c.used = true;
                    }
                    s
                }
                _ => Position::NoPosition,
            }
        };
        let (key, name) = self.bloc_names(bloc);
        let (mut in_favour, mut against) = (in_favour, against);
        for m in [&mut in_favour, &mut against] {
            if let Some(p) = m.requirement.proportion.as_mut() {
                p.text = Name::new(&proportion.node.words());
            }
        }
        Ok(BlocPosition {
            bloc: key,
            name,
            rule,
            own_rule: bloc.own_rule.is_some(),
            in_favour,
            against,
            tied,
            casting,
            position,
        })
    }
}

/// Whether the bloc's rule or casting vote differs from the default, so that its working is
/// shown with a veto (a bloc deciding by the default rule is shown as before).
pub(super) fn own_terms(bloc: &Bloc) -> bool {
    bloc.own_rule.is_some() || bloc.casting_vote.is_some()
}
