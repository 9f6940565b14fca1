//! `concord explain`'s words for a decision's clauses about meetings (issue 21): removal after
//! missed meetings, the excuse that stops it, and a quorum of members attending. Every field is
//! worded.

use crate::model::meetings::{Absence, AttendanceQuorum, Excuse, Lodging, Meetings};

/// One line per clause the decision has, indented as the rest of its schedule.
pub(super) fn words(meetings: &Meetings) -> String {
    let Meetings { absence, excuse, attendance_quorum, lodging } = meetings;
    let mut out = String::new();
    if let Some(Absence { period, span: _ }) = absence {
        out.push_str(&format!(
            "  It may be decided only once the member it concerns has missed every meeting for {}, counted from the last meeting it attended (each proposal says `concerning:` and `last attended on`); decided sooner, the proposal is invalid.\n",
            period.words()
        ));
    }
    if let Some(Excuse { reasonable_cause, future_attendance, span: _ }) = excuse {
        let limbs = match (reasonable_cause, future_attendance) {
            (true, true) => "its absence had a reasonable cause and it will be able to attend future meetings",
            (true, false) => "its absence had a reasonable cause",
            _ => "it will be able to attend future meetings",
        };
        out.push_str(&format!(
            "  The member may not be removed if {limbs}; each proposal says whether {}, and an excused absence makes the proposal invalid.\n",
            if *reasonable_cause && *future_attendance { "each was so" } else { "it was so" }
        ));
    }
    if let Some(AttendanceQuorum { at_least, span: _ }) = attendance_quorum {
        let members = if *at_least == 1 { "member" } else { "members" };
        out.push_str(&format!(
            "  Quorum of those attending — without it the vote is invalid: at least {at_least} {members} must attend, counting those who vote on it (in person or by substitute; a member voting by proxy does not attend) and those there without a vote on it, such as observers and members left out of this decision (each proposal lists them: `attending without a vote:`).\n"
        ));
    }
    if let Some(Lodging { in_a_row, a_year, span: _ }) = lodging {
        let mut limits = Vec::new();
        if let Some(n) = in_a_row {
            limits.push(format!("at most {} {} in a row", n.node, if n.node == 1 { "meeting" } else { "meetings" }));
        }
        if let Some(n) = a_year {
            limits.push(format!("at most {} {} a year", n.node, if n.node == 1 { "time" } else { "times" }));
        }
        let limits = if limits.is_empty() {
            String::new()
        } else {
            format!(
                ", {}; a vote lodged beyond that is not counted (each proposal says how often the member lodged its vote before)",
                limits.join(" and ")
            )
        };
        out.push_str(&format!(
            "  A member that cannot attend may lodge its vote, for or against, in advance{limits}. A lodged vote counts as the member's vote cast, never as its presence: it is not counted towards a quorum, and a rule counting votes or members present cannot be used with it.\n"
        ));
    }
    out
}
