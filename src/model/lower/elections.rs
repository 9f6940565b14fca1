//! Elections: who may stand, who votes, how the election is won and how a tie is decided.

use super::*;
use crate::model::elections::{Candidates, Election, TieRule};
use crate::model::ElectionError;

impl Lowerer<'_> {
    pub(super) fn elections(&mut self, agreement_voting: &Voting) -> Vec<Election> {
        let file = self.file;
        let mut elections: Vec<Election> = Vec::new();
        for block in headers(file, "election") {
            let Header::Election { name } = &block.header.node else { continue };
            if let Some(first) = elections.iter().find(|e| e.name == name.node) {
                self.errors.push(LowerError::DuplicateName {
                    sort: "election".into(),
                    name: name.node.clone(),
                    first: first.span.into(),
                    second: name.span.into(),
                });
                continue;
            }
            if let Some(election) = self.election(name, block, &agreement_voting.scheme.node) {
                elections.push(election);
            }
        }
        elections
    }

    fn election(&mut self, name: &Spanned<String>, block: &Block, scheme: &WeightScheme) -> Option<Election> {
        let mut candidates: Option<(Spanned<Candidates>, Span)> = None;
        let mut plurality: Option<(Span, Span)> = None;
        let mut tie: Option<(Spanned<TieRule>, Span)> = None;
        let mut voting: Option<(Spanned<WeightScheme>, Span)> = None;
        let mut exclusions = Vec::new();
        for clause in &block.clauses {
            let Clause::Election(c) = &clause.node else { continue };
            let span = clause.span;
            match c {
                ast::ElectionClause::Candidates(which) => {
                    let resolved = match which {
                        ast::Candidates::Kind(kind) => self.kind_ref(kind).map(Candidates::Kind),
                        ast::Candidates::All => Some(Candidates::All),
                        ast::Candidates::Members(named) => {
                            let mut ids: Vec<Spanned<MemberId>> = Vec::new();
                            for m in named {
                                if let Some(id) = self.member_ref(m) {
                                    if let Some(first) = ids.iter().find(|i| i.node == id) {
                                        self.errors.push(
                                            ElectionError::Twice {
                                                what: "a candidate".into(),
                                                first: first.span.into(),
                                                second: m.span.into(),
                                            }
                                            .into(),
                                        );
                                        continue;
                                    }
                                    ids.push(Spanned::new(id, m.span));
                                }
                            }
                            Some(Candidates::Members(ids))
                        }
                    };
                    if let Some(r) = resolved {
                        self.once("who may stand", &mut candidates, Spanned::new(r, span), span);
                    }
                }
                ast::ElectionClause::Plurality => self.once("how the election is won", &mut plurality, span, span),
                ast::ElectionClause::Needs => {
                    self.errors.push(ElectionError::MajorityUnsupported { at: span.into() }.into())
                }
                ast::ElectionClause::TieByLot => {
                    self.once("how a tie is decided", &mut tie, Spanned::new(TieRule::Lot, span), span)
                }
                ast::ElectionClause::Casting(m)
                    if m.node == MemberRef::Role(ast::Role::Chair) && self.chair_office().is_some() =>
                {
                    self.election_office_casting(name, m.span)
                }
                ast::ElectionClause::Casting(m) => {
                    if let Some(id) = self.member_ref(m) {
                        let rule = TieRule::CastingVote(Spanned::new(id, m.span));
                        self.once("how a tie is decided", &mut tie, Spanned::new(rule, span), span);
                    }
                }
                ast::ElectionClause::Voting(s) => {
                    let scheme: Spanned<WeightScheme> = s.clone().map(Into::into);
                    if matches!(scheme.node, WeightScheme::Committed(CommitScope::Proposal)) {
                        self.errors.push(ElectionError::CommittedVoting { at: s.span.into() }.into());
                    } else {
                        self.once("the election's voting scheme", &mut voting, scheme, span);
                    }
                }
                ast::ElectionClause::OnlyKind(kind) => {
                    if let Some(k) = self.kind_ref(kind) {
                        exclusions.push(Exclusion::OnlyKind { kind: k, span });
                    }
                }
                ast::ElectionClause::KindExcluded(kind) => {
                    if let Some(k) = self.kind_ref(kind) {
                        exclusions.push(Exclusion::Kind { kind: k, span });
                    }
                }
                ast::ElectionClause::MemberExcluded(m) => {
                    if let Some(member) = self.member_ref(m) {
                        exclusions.push(Exclusion::Member { member, span });
                    }
                }
            }
        }
        // An election under the agreement's scheme of committed budgets has nothing committed.
        if voting.is_none() && matches!(scheme, WeightScheme::Committed(CommitScope::Proposal)) {
            self.errors.push(ElectionError::CommittedVoting { at: name.span.into() }.into());
        }
        let Some((candidates, _)) = candidates else {
            self.errors.push(ElectionError::NoCandidates { election: name.node.clone(), at: name.span.into() }.into());
            return None;
        };
        let Some((plurality, _)) = plurality else {
            self.errors.push(ElectionError::NoWinRule { election: name.node.clone(), at: name.span.into() }.into());
            return None;
        };
        let none_stand = match &candidates.node {
            Candidates::Kind(kind) => !self.members.iter().any(|m| m.is_of_kind(*kind)),
            Candidates::All => self.members.is_empty(),
            Candidates::Members(named) => named.is_empty(),
        };
        if none_stand {
            self.errors.push(
                ElectionError::EmptyCandidates { election: name.node.clone(), at: candidates.span.into() }.into(),
            );
        }
        Some(Election {
            name: name.node.clone(),
            span: name.span,
            candidates,
            plurality,
            tie: tie.map(|(t, _)| t),
            voting: voting.map(|(v, _)| v),
            exclusions,
        })
    }

    /// `on a tie, the chair has the casting vote` in an election, where the chair is an office
    /// whose holder changes: refused, since an election has no date to settle who holds it.
    fn election_office_casting(&mut self, name: &Spanned<String>, at: Span) {
        let example = self.members.first().map_or_else(|| "MEMBER".to_string(), |m| m.key.clone());
        self.errors.push(LowerError::from(crate::model::error::ElectionOfficeError::OfficeCasting {
            election: name.node.clone(),
            office: "chair".into(),
            example,
            at: at.into(),
        }));
    }
}
