//! `concord eval` on a scenario that follows others (`scenario "B" follows "A"`): decided, as
//! `concord test` decides it, under the agreement as the earlier steps left it
//! ([`crate::sequence::following`]), or refused with the reason
//! (`concord::eval::earlier_proposal_not_applied`).

use crate::diagnostic::AnyDiagnostic;
use crate::eval::InForce;
use crate::model::{Agreement, Inputs, Proposal};
use crate::money::MoneyError;

/// A scenario's proposal as the steps before it leave the agreement.
pub(crate) struct Changed {
    /// The agreement as they left it.
    pub agreement: Agreement,
    /// The proposal read again against it.
    pub proposal: Proposal,
    /// The changes in force.
    pub in_force: Vec<InForce>,
}

/// `Ok(None)` when `proposal` is not a scenario's that follows steps which changed the
/// agreement (it is then decided as read); `Err` a diagnostic on the scenario's name, in the
/// input text, when it cannot be worked out.
// The error is a single diagnostic on a rare path; boxing it would only move the cost.
#[allow(clippy::result_large_err)]
pub(crate) fn following(
    agreement: &Agreement,
    agreement_text: &str,
    input_text: &str,
    inputs: &Inputs,
    proposal: &Proposal,
) -> Result<Option<Changed>, AnyDiagnostic> {
    let Some(index) =
        inputs.scenarios.iter().position(|s| s.proposal.as_ref().is_some_and(|p| std::ptr::eq(p, proposal)))
    else {
        return Ok(None);
    };
    let Some(scenario) = inputs.scenarios.get(index).filter(|s| s.follows.is_some()) else { return Ok(None) };
    let refuse = |reason: String| refusal(scenario, reason);
    let follows = match earlier_steps(agreement, agreement_text, input_text, inputs, index) {
        Ok(None) => return Ok(None),
        Ok(Some(follows)) => follows,
        Err(reason) => return Err(refuse(reason)),
    };
    let errors = super::checker_errors(&follows.agreement);
    if let Some(first) = errors.first() {
        return Err(refuse(format!(
            "`concord check` finds errors in the agreement as the earlier steps changed it ({})",
            first.code_string()
        )));
    }
    let Some(proposal) = follows.scenario.proposal else {
        return Err(refuse("it proposes nothing once read against the agreement as changed".into()));
    };
    Ok(Some(Changed { agreement: follows.agreement, proposal, in_force: follows.in_force }))
}

/// A scenario's election that follows steps which changed the agreement: not counted yet, as
/// `concord test` does not count it (a vote of a member who left would otherwise be counted
/// under the agreement as written). `None` when the election's scenario follows no such step.
pub(crate) fn election_after_change(
    agreement: &Agreement,
    agreement_text: &str,
    input_text: &str,
    inputs: &Inputs,
    ballot: &crate::model::elections::Ballot,
) -> Option<AnyDiagnostic> {
    let index = inputs.scenarios.iter().position(|s| s.ballot.as_ref().is_some_and(|b| std::ptr::eq(b, ballot)))?;
    let scenario = inputs.scenarios.get(index).filter(|s| s.follows.is_some())?;
    match earlier_steps(agreement, agreement_text, input_text, inputs, index) {
        Ok(None) => None,
        Ok(Some(_)) => Some(refusal(
            scenario,
            "an election in a scenario that follows steps which changed the agreement is not counted yet; hold it in a scenario of its own".into(),
        )),
        Err(reason) => Some(refusal(scenario, reason)),
    }
}

/// The agreement as the steps before scenario `index` left it ([`crate::sequence::following`]),
/// the scenario file read again for it.
fn earlier_steps(
    agreement: &Agreement,
    agreement_text: &str,
    input_text: &str,
    inputs: &Inputs,
    index: usize,
) -> Result<Option<crate::sequence::Following>, String> {
    let file = crate::syntax::parse(input_text).file;
    crate::sequence::following(agreement_text, agreement, &file, &inputs.scenarios, index)
}

/// `concord::eval::earlier_proposal_not_applied` on the scenario's name.
fn refusal(scenario: &crate::model::Scenario, reason: String) -> AnyDiagnostic {
    MoneyError::EarlierProposalNotApplied { reason, title: scenario.name.node.clone(), at: scenario.name.span.into() }
        .into()
}
