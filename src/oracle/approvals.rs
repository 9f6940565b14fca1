//! Step 9 of docs/semantics.md, "Approvals outside the meeting", written from its words alone.

use crate::model::inputs::Proposal;
use crate::model::matters::{ApprovalState, Approver};
use crate::model::Decision;

/// "A proposal the meeting passed needs every approval the decision asks for. An approval the
/// proposal enters as withheld rejects it; otherwise one entered as not yet given, or not
/// mentioned, leaves it passed, subject to that approval." Out: the approvers who withheld, and
/// those awaited, in the order the decision asks for them.
pub(super) fn approvals(decision: &Decision, proposal: &Proposal) -> (Vec<Approver>, Vec<Approver>) {
    let mut withheld = Vec::new();
    let mut awaited = Vec::new();
    for needed in &decision.matters.approvals {
        let entered = proposal.matters.approvals.iter().find(|a| a.approver == needed.approver);
        match entered.map(|a| a.state) {
            Some(ApprovalState::Given) => {}
            Some(ApprovalState::Withheld) => withheld.push(needed.approver.clone()),
            Some(ApprovalState::NotYetGiven) | None => awaited.push(needed.approver.clone()),
        }
    }
    (withheld, awaited)
}

#[cfg(test)]
mod tests {
    use crate::load::{load, load_inputs};
    use crate::model::matters::Approver;
    use crate::oracle::{decide, NotCarried, OutcomeKind, Verdict};

    const AGREEMENT: &str = r#"agreement "Approvals"
member council
member icb
member trust
decision "urgent care"
  passes if more than half of votes cast in favour
  subject to the approval of "NHS England"
  subject to the approval of council's own governance
  if rejected, escalate to "the chief executives"
decision "precept"
  reserved to council
decision "contract"
  passes if more than half of votes cast in favour
  a conflicted member takes part only if more than half of the other members present agree
  any member may veto when it loses by the proposal
"#;

    fn verdict(proposal: &str) -> Verdict {
        let a = load(AGREEMENT).agreement.unwrap_or_else(|| unreachable!());
        let parsed = crate::syntax::parse(proposal);
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let (inputs, errors) = load_inputs(&a, &parsed.file);
        assert!(errors.is_empty(), "{errors:?}");
        let p = inputs.proposals.first().unwrap_or_else(|| unreachable!());
        decide(&a, p).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn an_approval_not_mentioned_is_awaited_and_one_withheld_rejects_without_escalating() {
        let v = verdict("proposal \"p\"\n  decision \"urgent care\"\n  in favour: council, icb\n  approval of \"NHS England\": given\n");
        assert_eq!(v.outcome, OutcomeKind::Passed);
        assert_eq!(v.awaiting, vec![Approver::Governance(crate::model::MemberId(0))]);
        let v = verdict("proposal \"p\"\n  decision \"urgent care\"\n  in favour: council, icb\n  approval of \"NHS England\": withheld\n");
        assert_eq!(
            (v.outcome, v.not_carried, v.escalated_to),
            (OutcomeKind::Rejected, Some(NotCarried::ApprovalWithheld), None)
        );
        assert_eq!(v.withheld_by, vec![Approver::Body("NHS England".into())]);
    }

    #[test]
    fn an_approval_never_carries_a_proposal_the_meeting_rejected() {
        let v = verdict(
            "proposal \"p\"\n  decision \"urgent care\"\n  against: council, icb\n  approval of \"NHS England\": given\n  approval of council's own governance: given\n",
        );
        assert_eq!(v.outcome, OutcomeKind::Escalated);
        assert!(v.awaiting.is_empty() && v.withheld_by.is_empty());
    }

    #[test]
    fn a_reserved_matter_is_the_partner_s_alone_and_needs_no_quorum() {
        let v = verdict("proposal \"p\"\n  decision \"precept\"\n  in favour: council\n  against: icb, trust\n");
        assert_eq!(v.outcome, OutcomeKind::Passed);
        assert_eq!(v.disregarded.len(), 2);
        let v = verdict("proposal \"p\"\n  decision \"precept\"\n  against: council\n  in favour: icb, trust\n");
        assert_eq!(v.outcome, OutcomeKind::Rejected);
    }

    #[test]
    fn a_conflicted_member_the_others_do_not_let_in_is_disregarded() {
        let v = verdict(
            "proposal \"p\"\n  decision \"contract\"\n  conflicted: trust\n  on trust taking part, in favour: council\n  on trust taking part, against: icb\n  in favour: trust, council\n  against: icb\n",
        );
        // One of the two others agreed: not more than half, so the trust's vote is disregarded,
        // and the 1–1 tie nothing settles is deadlocked.
        assert_eq!(v.disregarded, vec![crate::model::MemberId(2)]);
        assert_eq!(v.outcome, OutcomeKind::Deadlocked);
        let v = verdict(
            "proposal \"p\"\n  decision \"contract\"\n  conflicted: trust\n  on trust taking part, in favour: council, icb\n  in favour: trust, council\n  against: icb\n",
        );
        assert_eq!(v.outcome, OutcomeKind::Passed);
    }

    #[test]
    fn a_veto_on_a_loss_is_open_only_to_a_member_the_proposal_says_loses() {
        let base = "proposal \"p\"\n  decision \"contract\"\n  in favour: council, trust\n  against: icb\n";
        assert_eq!(verdict(base).outcome, OutcomeKind::Passed);
        let v = verdict(&format!("{base}  icb loses £1\n"));
        assert_eq!(v.not_carried, Some(NotCarried::Vetoed));
        let v = verdict(&format!("{base}  icb gains £1\n"));
        assert_eq!(v.outcome, OutcomeKind::Passed);
    }
}
