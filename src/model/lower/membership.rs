//! Joining and leaving.

use super::*;

impl<'f> Lowerer<'f> {
    pub(super) fn membership(&mut self, block: &Block) -> Membership {
        let mut membership = Membership::default();
        for clause in &block.clauses {
            let Clause::Membership(c) = &clause.node else { continue };
            match c {
                ast::MembershipClause::JoiningDecidedBy(name) => {
                    membership.joining = self.decision_ref(name).map(|d| Spanned::new(d, name.span));
                }
                ast::MembershipClause::JoiningAccession => membership.accession = Some(clause.span),
                ast::MembershipClause::LeavingNotice(d, None) => {
                    if let Some(first) = membership.notice {
                        self.twice("the notice a leaving member gives", first.span, clause.span);
                    }
                    membership.notice = Some(*d);
                }
                ast::MembershipClause::LeavingNotice(d, Some(kind)) => {
                    if let Some(k) = self.kind_ref(kind) {
                        if let Some((_, first)) = membership.kind_notices.iter().find(|(x, _)| x.node == k) {
                            let what = format!("the notice a leaving {} member gives", kind.node);
                            self.twice(&what, first.span, clause.span);
                        }
                        membership.kind_notices.push((Spanned::new(k, kind.span), *d));
                    }
                }
                ast::MembershipClause::LeavingDecidedBy(name) => {
                    membership.leaving = self.decision_ref(name).map(|d| Spanned::new(d, name.span));
                }
                ast::MembershipClause::LeavingForfeits(f, None) => membership.forfeits.push(*f),
                ast::MembershipClause::LeavingForfeits(f, Some(kind)) => {
                    if let Some(k) = self.kind_ref(kind) {
                        membership.kind_forfeits.push((Spanned::new(k, kind.span), *f));
                    }
                }
                ast::MembershipClause::LeavingLosesSay => membership.loses_say = Some(clause.span),
                ast::MembershipClause::LeavingPays(a, None) => {
                    if let Some(first) = membership.penalty {
                        self.twice("the sum a leaving member pays", first.span, clause.span);
                    }
                    membership.penalty = Some(Spanned::new(self.money(a), a.span));
                }
                ast::MembershipClause::LeavingPays(a, Some(kind)) => {
                    if let Some(k) = self.kind_ref(kind) {
                        if let Some((_, first)) = membership.kind_penalties.iter().find(|(x, _)| x.node == k) {
                            let what = format!("the sum a leaving {} member pays", kind.node);
                            self.twice(&what, first.span, clause.span);
                        }
                        let money = Spanned::new(self.money(a), a.span);
                        membership.kind_penalties.push((Spanned::new(k, kind.span), money));
                    }
                }
                ast::MembershipClause::ExpulsionDecidedBy(name) => {
                    membership.expulsion = self.decision_ref(name).map(|d| Spanned::new(d, name.span));
                }
                ast::MembershipClause::Makeup(limit) => membership.makeup.extend(self.makeup(limit, clause.span)),
            }
        }
        membership
    }

    fn twice(&mut self, what: &str, first: Span, second: Span) {
        self.errors.push(LowerError::DuplicateClause {
            what: what.to_string(),
            first: first.into(),
            second: second.into(),
        });
    }
}
