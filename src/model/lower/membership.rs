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
                ast::MembershipClause::LeavingNotice(d) => membership.notice = Some(*d),
                ast::MembershipClause::LeavingDecidedBy(name) => {
                    membership.leaving = self.decision_ref(name).map(|d| Spanned::new(d, name.span));
                }
                ast::MembershipClause::LeavingForfeits(f) => membership.forfeits.push(*f),
                ast::MembershipClause::LeavingLosesSay => membership.loses_say = Some(clause.span),
                ast::MembershipClause::LeavingPays(a) => membership.penalty = Some(Spanned::new(self.money(a), a.span)),
                ast::MembershipClause::ExpulsionDecidedBy(name) => {
                    membership.expulsion = self.decision_ref(name).map(|d| Spanned::new(d, name.span));
                }
                ast::MembershipClause::Makeup(limit) => membership.makeup.extend(self.makeup(limit, clause.span)),
            }
        }
        membership
    }
}
