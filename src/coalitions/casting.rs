//! Who holds a decision's casting vote, for the coalition analyses (`concord power`, the
//! checker's findings): the member named (`on a tie, hhft has the casting vote`), or, where the
//! decision gives it to the person presiding or to an office (`on a tie, the chair has the
//! casting vote`), whoever that is at a given meeting. Without a meeting that holder is not
//! known, and an analysis that needs it says so ([`super::CompileError::CastingHolderUnknown`])
//! rather than treat the casting vote as nobody's, which the evaluator never does.

use crate::model::{Agreement, Decision, MemberId, Proposal};

/// Who holds the casting vote in an analysis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CastingHolder {
    /// The decision gives no casting vote.
    Nobody,
    /// This member holds it.
    Member(MemberId),
    /// The person presiding, or an office's holder, who changes from meeting to meeting.
    NotKnown,
}

impl CastingHolder {
    /// The holder with no meeting in view: the member the decision names; an office's one
    /// holder when the agreement names a single member for it whatever the date; else not known.
    pub fn of_decision(agreement: &Agreement, decision: &Decision) -> CastingHolder {
        if let Some(office) = decision.casting_office.and_then(|o| agreement.offices.get(o.node.0 as usize)) {
            return match crate::model::chairs::may_hold(agreement, office, None) {
                Ok((_, crate::model::chairs::MayHold::Member(m))) if !office.dated() => CastingHolder::Member(m),
                _ => CastingHolder::NotKnown,
            };
        }
        match (decision.casting_vote, decision.casting_presiding) {
            (Some(named), _) => CastingHolder::Member(named.node),
            (None, Some(_)) => CastingHolder::NotKnown,
            (None, None) => CastingHolder::Nobody,
        }
    }

    /// The holder at `proposal`'s meeting (its date and `presiding:` line), as the evaluator
    /// finds it ([`crate::model::offices::casting_holder`]).
    pub fn at_meeting(agreement: &Agreement, decision: &Decision, proposal: &Proposal) -> CastingHolder {
        match crate::model::offices::casting_holder(agreement, decision, proposal) {
            Some(holder) => CastingHolder::Member(holder.node),
            None => CastingHolder::of_decision(agreement, decision),
        }
    }

    /// How the holder is chosen, in a reader's words, when it is not known.
    pub fn office_name(agreement: &Agreement, decision: &Decision) -> Option<String> {
        decision.casting_office.and_then(|o| agreement.offices.get(o.node.0 as usize)).map(|o| o.name.clone())
    }
}
