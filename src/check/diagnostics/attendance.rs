//! A quorum of those attending that no meeting can make (docs/semantics.md step 4).

use miette::{Diagnostic, SourceSpan};
use thiserror::Error;

use super::Witness;

/// `quorum at least N members attending, voting or not` with fewer than N members in the
/// agreement: even with every member there, voting or not, the meeting is not quorate.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
#[error("the quorum of those attending for decision `{name}` can never be met: it needs at least {needed} members attending, and the agreement has {members}")]
#[diagnostic(
    code(concord::check::attendance_quorum_unreachable),
    help("every member counts towards this quorum when it attends, observers and members who do not vote on this decision included, yet a meeting every member attends has {count} there, fewer than {needed}, so no proposal for it can be carried; ask for at most {count} members attending, voting or not, or add the members the quorum counts on")
)]
pub struct AttendanceQuorumUnreachable {
    pub decision: Option<String>,
    pub witness: Option<Witness>,
    pub name: String,
    pub needed: u32,
    /// The agreement's members, in words: `only 4 members`, `only one member`.
    pub members: String,
    /// How many members the agreement has.
    pub count: usize,
    #[label("needs this many attending")]
    pub quorum: SourceSpan,
    #[label("this decision")]
    pub at: SourceSpan,
}
code!(AttendanceQuorumUnreachable, "concord::check::attendance_quorum_unreachable");
