//! A scenario read again against the agreement as the steps before it left it (see
//! [`crate::sequence`]), and the one error of a following scenario that waits for that reading:
//! naming a member who joins in an earlier step.

use super::{InputLowerer, Scenario};
use crate::model::scenario::Earlier;
use crate::model::{Agreement, LowerError};
use crate::syntax::ast::{self, Header};

/// The scenario in `block` (a `scenario` block of a scenario file) resolved against
/// `agreement`. Its `follows` and earlier steps are left empty: the caller has worked them out.
pub fn lower_scenario(agreement: &Agreement, block: &ast::Block) -> (Option<Scenario>, Vec<LowerError>) {
    let by_key = agreement.members.iter().map(|m| (m.key.as_str(), m.id)).collect();
    let mut lowerer = InputLowerer { agreement, errors: Vec::new(), by_key };
    let scenario = match &block.header.node {
        Header::Scenario { name, .. } => Some(lowerer.scenario(name, block)),
        _ => None,
    };
    (scenario, lowerer.errors)
}

/// Leaves out of `errors` a following scenario's naming of a member who is not yet a member but
/// whom an earlier step of its sequence admits (`applicant: hospice …`): whether it is a member
/// when the scenario is decided is known only once the earlier steps are (`concord test` reads
/// the scenario again then, and reports the name if it is still not a member).
pub(super) fn defer_joiners(scenarios: &[Scenario], errors: &mut Vec<LowerError>) {
    let waiting: Vec<(crate::span::Span, Vec<&str>)> = scenarios
        .iter()
        .filter_map(|s| {
            let joiners: Vec<&str> = s
                .earlier
                .iter()
                .filter_map(|e| match e {
                    Earlier::Proposal(p) => p.applicant.as_ref().map(|a| a.key.as_str()),
                    Earlier::Result(_) => None,
                })
                .collect();
            (!joiners.is_empty()).then_some((s.span, joiners))
        })
        .collect();
    if waiting.is_empty() {
        return;
    }
    // The scenarios where a joiner's name waited; a `concerning:` that named it is then missing
    // too, and waits with it.
    let waits = |at: &miette::SourceSpan, name: &str| {
        waiting
            .iter()
            .position(|(span, joiners)| at.offset() >= span.start && at.offset() < span.end && joiners.contains(&name))
    };
    let waited: Vec<usize> = errors
        .iter()
        .filter_map(|e| match e {
            LowerError::UnknownName { sort, name, at, .. } if sort == "member" => waits(at, name),
            _ => None,
        })
        .collect();
    errors.retain(|e| match e {
        LowerError::UnknownName { sort, name, at, .. } if sort == "member" => waits(at, name).is_none(),
        LowerError::Proceedings(crate::model::ProceedingsError::MissingConcerned { at, .. }) => !waited
            .iter()
            .any(|i| waiting.get(*i).is_some_and(|(span, _)| at.offset() >= span.start && at.offset() < span.end)),
        _ => true,
    });
}
