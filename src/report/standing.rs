//! What the reports say of one member's standing in a vote that it takes no part in: why it
//! does not vote, and what became of a vote it cast anyway. Both the evaluation's list of
//! members and its conditions' tables say it, in the same words.

use rust_decimal::Decimal;

use super::words::num;
use crate::eval::{Evaluation, NotVoting, NotVotingReason, Standing};

/// Why `m` does not vote, with the clause that says so.
pub(super) fn not_voting_sentence(m: &Standing, nv: &NotVoting, e: &Evaluation) -> String {
    let clause = format!("line {}: {}", nv.clause.line, nv.clause.text);
    let mut s = match nv.reason {
        NotVotingReason::Observer => {
            format!("{} does not vote: it is an observer (line {}).", m.member, nv.clause.line)
        }
        NotVotingReason::Excluded => format!("{} does not vote on this decision ({clause}).", m.member),
        NotVotingReason::NotOfVotingKind => {
            format!("{} does not vote: only members of another kind vote on this decision ({clause}).", m.member)
        }
        NotVotingReason::OptedOut => {
            format!("{} does not vote on this proposal: it opted out of it ({clause}).", m.member)
        }
        NotVotingReason::Conflicted => format!(
            "{} does not vote on this proposal: it has a conflict of interest, and the other members present did not agree that it may take part ({clause}).",
            m.member
        ),
        NotVotingReason::Reserved => {
            format!("{} does not vote: the matter is reserved to another member, who alone decides it ({clause}).", m.member)
        }
        NotVotingReason::Concerned => {
            format!("{} does not vote on this proposal: it is the member the proposal concerns ({clause}).", m.member)
        }
        NotVotingReason::Gains => format!(
            "{} does not vote on this proposal: it gains {}, more than its limit of {} ({clause}).",
            m.member,
            money(nv.gain.unwrap_or_default(), e),
            money(nv.limit.unwrap_or_default(), e)
        ),
    };
    if nv.vote_disregarded {
        s.push_str(&format!(
            " It voted {} anyway: that vote is disregarded, and the rest of the vote stands.",
            m.vote.words()
        ));
    }
    s
}

/// An amount in the evaluation's currency.
fn money(value: Decimal, e: &Evaluation) -> String {
    match e.currency_symbol {
        Some(symbol) => format!("{symbol}{}", num(value)),
        None => format!("{} {}", num(value), e.currency),
    }
}
