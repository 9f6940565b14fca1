//! Substitutes and proxies: the agreement's `members may vote by substitute`,
//! `members may vote by proxy` and `no member may hold more than N proxies`, and the members'
//! `has a designated substitute` (gathered while the members are read).

use super::Lowerer;
use crate::model::offices::StandIns;
use crate::model::LowerError;
use crate::span::Span;
use crate::syntax::ast::AgreementClause;

impl Lowerer<'_> {
    /// The agreement's stand-in clauses, read once the kinds are known.
    pub(super) fn stand_ins(&mut self, clauses: &[(&AgreementClause, Span)]) -> StandIns {
        let mut out = StandIns { designated: std::mem::take(&mut self.designated), ..StandIns::default() };
        for (clause, span) in clauses {
            match clause {
                AgreementClause::Substitutes(kind) | AgreementClause::Proxies(kind) => {
                    let kind = match kind {
                        Some(k) => match self.kind_ref(k) {
                            Some(id) => Some(id),
                            None => continue,
                        },
                        None => None,
                    };
                    let list = if matches!(clause, AgreementClause::Substitutes(_)) {
                        &mut out.substitutes
                    } else {
                        &mut out.proxies
                    };
                    if let Some((_, first)) = list.iter().find(|(k, _)| *k == kind) {
                        self.errors.push(LowerError::DuplicateClause {
                            what: "the same permission".into(),
                            first: (*first).into(),
                            second: (*span).into(),
                        });
                    } else {
                        list.push((kind, *span));
                    }
                }
                AgreementClause::ProxyLimit(limit) => match out.proxy_limit {
                    Some(first) => self.errors.push(LowerError::DuplicateClause {
                        what: "the limit on proxies".into(),
                        first: first.span.into(),
                        second: (*span).into(),
                    }),
                    None => out.proxy_limit = Some(*limit),
                },
                _ => {}
            }
        }
        if let Some(limit) = out.proxy_limit.filter(|_| out.proxies.is_empty()) {
            // A limit on proxies where no member may vote by proxy says nothing: refused.
            self.errors.push(LowerError::from(crate::model::ProceedingsError::ProxyLimitWithoutProxies {
                at: limit.span.into(),
            }));
        }
        out
    }
}
