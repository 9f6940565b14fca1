//! Outcomes beyond pass and fail (issue 21, item 8): a decision's clauses about time, who may
//! propose, postponement, notice and cure, read into [`Procedure`].

use super::*;
use crate::model::procedure::{Period, Postponement, Procedure, Proposers, TimedEscalation};

impl<'f> Lowerer<'f> {
    /// Reads one of the clauses into `procedure`; each may be given once.
    pub(super) fn procedure_clause(&mut self, procedure: &mut Procedure, clause: &ast::DecisionClause, span: Span) {
        let (what, first) = match clause {
            ast::DecisionClause::TimedEscalation { period, steps } => {
                let first = procedure.timed_escalation.as_ref().map(|t| t.span);
                if first.is_none() {
                    procedure.timed_escalation = Some(TimedEscalation {
                        period: period.node,
                        steps: steps.iter().map(|s| (s.node.body.clone(), s.node.within)).collect(),
                        span,
                    });
                }
                ("the escalation when the decision is not agreed in time", first)
            }
            ast::DecisionClause::Proposers(who) => {
                let first = procedure.proposers.as_ref().map(|p| p.span);
                if first.is_none() {
                    procedure.proposers = Some(Proposers { who: self.proposer_list(who), span });
                }
                ("who may propose", first)
            }
            ast::DecisionClause::Postponement { strictly, share } => {
                let first = procedure.postponement.as_ref().map(|p| p.span);
                if first.is_none() {
                    procedure.postponement =
                        Some(Postponement { strictly: *strictly, share: Percent(share.node), span });
                }
                ("who may have it postponed", first)
            }
            ast::DecisionClause::Notice(period) => {
                let first = procedure.notice.map(|p| p.span);
                if first.is_none() {
                    procedure.notice = Some(Period { period: period.node, span });
                }
                ("the notice a proposal needs", first)
            }
            ast::DecisionClause::Cure(period) => {
                let first = procedure.cure.map(|p| p.span);
                if first.is_none() {
                    procedure.cure = Some(Period { period: period.node, span });
                }
                ("the cure period", first)
            }
            _ => return,
        };
        if let Some(first) = first {
            self.errors.push(LowerError::DuplicateClause {
                what: what.to_string(),
                first: first.into(),
                second: span.into(),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use miette::Diagnostic;

    use crate::model::procedure::Proposer;

    fn load(decision: &str) -> crate::load::Loaded {
        let text = format!(
            "agreement \"T\"\n  kinds lay\nmember icb\nmember council\n  kinds lay\ndecision \"d\"\n  passes if unanimous\n{decision}"
        );
        crate::load::load(&text)
    }

    fn codes(decision: &str) -> Vec<String> {
        load(decision).diagnostics.iter().filter_map(|d| d.code().map(|c| c.to_string())).collect()
    }

    #[test]
    fn each_clause_is_read_into_the_model() {
        let loaded = load(concat!(
            "  if not agreed within 30 days of the request, escalate to \"the board\", then \"arbitration\"\n",
            "  may be proposed only by icb, lay members or \"the Commission\"\n",
            "  members holding at least 30% of eligible votes who ask may have it postponed\n",
            "  a proposal needs 7 days' notice\n",
            "  only after a breach unremedied for 1 month\n",
        ));
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let agreement = loaded.agreement.expect("an agreement");
        let p = &agreement.decisions[0].procedure;
        let timed = p.timed_escalation.as_ref().expect("timed");
        assert_eq!(timed.period.words(), "30 days");
        assert_eq!(timed.steps.len(), 2);
        let who: Vec<_> = p.proposers.as_ref().expect("proposers").who.iter().map(|w| w.node.clone()).collect();
        assert!(
            matches!(who.as_slice(), [Proposer::Member(_), Proposer::Kind(_), Proposer::Body(b)] if b == "the Commission")
        );
        let postponement = p.postponement.as_ref().expect("postponement");
        assert!(!postponement.strictly);
        assert_eq!(postponement.share.0.to_string(), "30");
        assert_eq!(p.notice.map(|n| n.period.words()).as_deref(), Some("7 days"));
        assert_eq!(p.cure.map(|n| n.period.words()).as_deref(), Some("1 month"));
    }

    #[test]
    fn each_clause_is_given_once_and_names_what_exists() {
        let twice = "  a proposal needs 7 days' notice\n  a proposal needs 14 days' notice\n";
        assert_eq!(codes(twice), ["concord::model::duplicate_clause"]);
        assert_eq!(codes("  may be proposed only by nobody\n"), ["concord::model::unknown_name"]);
    }
}
