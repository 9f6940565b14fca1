//! Terms of leaving that differ by kind: a member of two kinds whose own notice periods (or
//! sums) differ has no settled term, which is refused.

use super::diagnostics::{CheckDiagnostic, LeavingTermsConflict};
use crate::model::{leaving, Agreement};

pub(super) fn check(agreement: &Agreement, out: &mut Vec<CheckDiagnostic>) {
    let kind = |k: crate::model::KindId| agreement.kind(k).map_or_else(String::new, |k| k.name.clone());
    for member in &agreement.members {
        if let Err(conflict) = leaving::terms_for(agreement, member) {
            out.push(
                LeavingTermsConflict {
                    decision: None,
                    witness: None,
                    member: member.key.clone(),
                    term: conflict.term.to_string(),
                    first: conflict.first.1.node.clone(),
                    first_kind: kind(conflict.first.0),
                    second: conflict.second.1.node.clone(),
                    second_kind: kind(conflict.second.0),
                    first_at: conflict.first.1.span.into(),
                    second_at: conflict.second.1.span.into(),
                    member_at: member.span.into(),
                }
                .into(),
            );
        }
    }
}
