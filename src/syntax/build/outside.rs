//! A decision taken by a body outside the meeting (C51): `decided by "BODY"` on a decision, and
//! `decided by "BODY": agreed` (or `not agreed`, `not yet decided`) on a proposal.

use super::super::ast::*;
use super::super::grammar::Rule;
use super::{first_meaningful, Builder, P};

impl Builder {
    /// `decided by "BODY"` (`inner` is an `outside_clause`).
    pub(super) fn outside_clause(&self, inner: &P<'_>) -> Option<DecisionClause> {
        Some(DecisionClause::Outside(self.string_child(inner)?))
    }

    /// `decided by "BODY": agreed` (`inner` is an `outside_line`).
    pub(super) fn outside_line(&self, inner: &P<'_>) -> Option<ProposalClause> {
        let body = self.string_child(inner)?;
        let verdict = self.need(inner, Rule::outside_verdict)?;
        let verdict = match first_meaningful(&verdict).map(|p| p.as_rule()) {
            Some(Rule::outside_agreed) => OutsideVerdict::Agreed,
            Some(Rule::outside_not_agreed) => OutsideVerdict::NotAgreed,
            _ => OutsideVerdict::NotYetDecided,
        };
        Some(ProposalClause::Outside(OutsideLine { body, verdict }))
    }
}
