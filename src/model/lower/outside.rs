//! A decision taken by a body outside the meeting (C51): `decided by "BODY"` read into
//! [`OutsideBody`], and the refusal of every clause about the meeting's vote beside it (no
//! member votes on such a decision, so those clauses have no meaning).

use super::*;
use crate::model::outside::OutsideBody;
use crate::model::OutsideError;

impl<'f> Lowerer<'f> {
    /// `decided by "BODY"`, given once.
    pub(super) fn outside_clause(&mut self, decision: &mut Decision, body: &Spanned<String>, span: Span) {
        match &decision.outside {
            Some(first) => self.errors.push(LowerError::DuplicateClause {
                what: "the body outside the meeting that decides it".to_string(),
                first: first.span.into(),
                second: span.into(),
            }),
            None => decision.outside = Some(OutsideBody { body: body.node.clone(), span }),
        }
    }

    /// Once the decision is read: each clause about the meeting's vote on a decision the
    /// meeting does not take is refused. What a decision taken outside the meeting may say
    /// besides is who may propose it, its notice, a cure period, the missed meetings it rests on
    /// and their excuse, and what changes on passing.
    pub(super) fn finish_outside(&mut self, decision: &Decision, block: &Block) {
        let Some(outside) = &decision.outside else { return };
        for clause in &block.clauses {
            let Clause::Decision(c) = &clause.node else { continue };
            if !about_the_vote(c) {
                continue;
            }
            self.errors.push(LowerError::Outside(Box::new(OutsideError::MeetingClause {
                decision: decision.name.clone(),
                body: outside.body.clone(),
                at: clause.span.into(),
                outside: outside.span.into(),
            })));
        }
    }
}

/// Whether the clause is about the meeting's vote (and so has no meaning beside `decided by`).
fn about_the_vote(clause: &ast::DecisionClause) -> bool {
    use ast::DecisionClause as C;
    match clause {
        C::Outside(_) | C::Proposers(_) | C::Notice(_) | C::Cure(_) | C::Effect(_) => false,
        C::Meetings(m) => matches!(m, ast::MeetingsClause::AttendanceQuorum(_) | ast::MeetingsClause::Lodging(_)),
        C::Rule { .. }
        | C::Voting(_)
        | C::Quorum(_)
        | C::ReconvenedQuorum(_)
        | C::GainExclusion { .. }
        | C::OnlyKind(_)
        | C::KindExcluded(_)
        | C::MemberExcluded(_)
        | C::ConcernedExcluded
        | C::OptOutAllowed
        | C::Veto { .. }
        | C::CastingVote(_)
        | C::CastingVotePresiding
        | C::CastingVoteOffice(_)
        | C::Escalation { .. }
        | C::Default(_)
        | C::Reserved { .. }
        | C::Approval(_)
        | C::Conflict(_)
        | C::TimedEscalation { .. }
        | C::Postponement { .. }
        | C::ProposerRule { .. }
        | C::MeetingCallers(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use miette::Diagnostic;

    fn codes(decision: &str) -> Vec<String> {
        let text = format!("agreement \"T\"\nmember icb\nmember council\ndecision \"d\"\n  decided by \"the Welsh Ministers\"\n{decision}");
        crate::load::load(&text).diagnostics.iter().filter_map(|d| d.code().map(|c| c.to_string())).collect()
    }

    #[test]
    fn the_clause_reads_and_needs_no_rule() {
        let text = "agreement \"T\"\nmember icb\nmember council\ndecision \"d\"\n  decided by \"the Welsh Ministers\"\n  only after the member concerned has missed every meeting for 6 months\n  unless the absence had a reasonable cause\n  a proposal needs 7 days' notice\n";
        let loaded = crate::load::load(text);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let agreement = loaded.agreement.unwrap_or_else(|| unreachable!());
        let body = agreement.decisions[0].outside.as_ref().map(|o| o.body.as_str());
        assert_eq!(body, Some("the Welsh Ministers"));
        assert!(agreement.decisions[0].rules.is_empty());
    }

    #[test]
    fn clauses_about_the_vote_are_refused() {
        for clause in [
            "  passes if unanimous\n",
            "  quorum at least 2 members present\n",
            "  icb may veto\n",
            "  on a tie, icb has the casting vote\n",
            "  the member concerned does not vote\n",
            "  if rejected, escalate to \"the board\"\n",
            "  if rejected, the default is \"nothing changes\"\n",
            "  subject to the approval of \"NHS England\"\n",
            "  quorum at least 2 members attending, voting or not\n",
        ] {
            assert_eq!(codes(clause), ["concord::model::clause_on_outside_decision"], "{clause}");
        }
        assert_eq!(codes("  decided by \"the Senedd\"\n"), ["concord::model::duplicate_clause"]);
        assert!(codes("  on passing, the member concerned leaves\n").is_empty());
    }
}
