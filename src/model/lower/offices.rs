//! Offices (`the chair rotates between …`), the casting vote of an office, and the limits on the
//! make-up of the membership (issue 21, items 1 and 3).

use super::*;
use crate::model::chairs::{Holder, Holding, Office, OfficeId, Term};
use crate::model::makeup::{Limit, LimitKind};
use crate::syntax::ast::{MakeupLimit, OfficeClause, OfficeHolder, OfficeHolding};

impl<'f> Lowerer<'f> {
    /// The agreement's offices, from its `the OFFICE …` clauses (grouped by office, in the order
    /// each is first named).
    pub(super) fn offices(&mut self, clauses: &[(&OfficeClause, Span)]) -> Vec<Office> {
        let mut offices: Vec<Office> = Vec::new();
        for (clause, span) in clauses {
            if let (Some(from), Some(to)) = (clause.from, clause.to) {
                if to.node < from.node {
                    self.errors.push(LowerError::PeriodReversed { from: from.span.into(), to: to.span.into() });
                    continue;
                }
            }
            let Some(holding) = self.holding(&clause.holding) else { continue };
            let term = Term { from: clause.from.map(|d| d.node), to: clause.to.map(|d| d.node), holding, span: *span };
            match offices.iter_mut().find(|o| o.name == clause.office.node) {
                Some(office) => office.terms.push(term),
                None => {
                    self.check_identifier(&clause.office);
                    offices.push(Office {
                        id: OfficeId(offices.len() as u32),
                        name: clause.office.node.clone(),
                        span: clause.office.span,
                        terms: vec![term],
                    })
                }
            }
        }
        // The chair said two ways: a member's fixed `chair` role and clauses of its own.
        if let Some(office) = offices.iter().find(|o| o.name == "chair") {
            if let Some(role) = self.members.iter().find_map(|m| m.roles.get(&crate::model::Role::Chair)) {
                self.errors.push(LowerError::from(crate::model::OfficesError::OfficeAndRole {
                    office: "chair".into(),
                    role: (*role).into(),
                    at: office.span.into(),
                }));
            }
        }
        offices
    }

    fn holding(&mut self, holding: &Spanned<OfficeHolding>) -> Option<Holding> {
        Some(match &holding.node {
            OfficeHolding::Member(m) => Holding::Member(self.member_ref(m)?),
            OfficeHolding::OneOf(kind) => Holding::OneOf(self.kind_ref(kind)?),
            OfficeHolding::Alternates(between) => Holding::Alternates(self.holders(between)?),
            OfficeHolding::Rotates { between, every, from } => {
                if crate::model::chairs::months(every.node).is_none_or(|m| m == 0) {
                    self.errors
                        .push(LowerError::from(crate::model::OfficesError::RotationPeriod { at: every.span.into() }));
                    return None;
                }
                Holding::Rotates { between: self.holders(between)?, every: every.node, from: from.node }
            }
        })
    }

    fn holders(&mut self, between: &[Spanned<OfficeHolder>]) -> Option<Vec<Holder>> {
        let mut out = Vec::new();
        let mut ok = true;
        for holder in between {
            let resolved = match &holder.node {
                OfficeHolder::Member(m) => self.member_ref(&Spanned::new(m.clone(), holder.span)).map(Holder::Member),
                OfficeHolder::Kind(k) => {
                    let name = Spanned::new(k.clone(), holder.span);
                    self.kind_ref(&name).map(Holder::Kind)
                }
            };
            match resolved {
                Some(h) => out.push(h),
                None => ok = false,
            }
        }
        ok.then_some(out)
    }

    /// The office a decision's `on a tie, the OFFICE has the casting vote` names; reports one
    /// the agreement does not have.
    pub(super) fn office_ref(&mut self, name: &ast::Ident) -> Option<OfficeId> {
        match self.offices.iter().find(|o| o.name == name.node) {
            Some(office) => Some(office.id),
            None => {
                let known = self.offices.iter().map(|o| o.name.clone()).collect();
                self.unknown("office", name, known);
                None
            }
        }
    }

    /// The office `the chair` means in a casting vote, when the agreement has one by that name.
    pub(super) fn chair_office(&self) -> Option<OfficeId> {
        self.offices.iter().find(|o| o.name == "chair").map(|o| o.id)
    }

    /// A limit on the make-up of the membership.
    pub(super) fn makeup(&mut self, limit: &MakeupLimit, span: Span) -> Option<Limit> {
        let what = match limit {
            MakeupLimit::Count { at_least, at_most, kind } => {
                if let (Some(low), Some(high)) = (at_least, at_most) {
                    if low.node > high.node {
                        self.errors.push(LowerError::from(crate::model::ProceedingsError::LimitReversed {
                            at_least: low.node,
                            at_most: high.node,
                            at: span.into(),
                        }));
                        return None;
                    }
                }
                let kind = match kind {
                    Some(k) => Some(self.kind_ref(k)?),
                    None => None,
                };
                LimitKind::Count { at_least: at_least.map(|n| n.node), at_most: at_most.map(|n| n.node), kind }
            }
            MakeupLimit::Parity { first, second } => {
                let (first, second) = (self.kind_ref(first), self.kind_ref(second));
                LimitKind::Parity { first: first?, second: second? }
            }
            MakeupLimit::Apart { first, second, kinds } => {
                let (first, second) = (self.office_ref(first), self.office_ref(second));
                LimitKind::Apart { first: first?, second: second?, kinds: *kinds }
            }
            MakeupLimit::DrawnApart { kind } => LimitKind::DrawnApart { kind: self.kind_ref(kind)? },
        };
        Some(Limit { what, span })
    }
}
