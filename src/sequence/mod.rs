//! Scenarios that follow one another (`scenario "Year two" follows "Year one"`): the agreement
//! each step of a sequence is worked out under.
//!
//! A following year-end step starts from the fund balances carried forward and the contributions
//! the year before set (`crate::money` works that out). A following proposal step is decided
//! against the agreement as the steps before it left it ([`following`]): a proposal that passed
//! and changes the agreement (`on passing, …`) has its changes made to the agreement's own text
//! ([`amend`]), the agreement is read afresh from it (so a clause written with a role's name
//! names the role's new holder, a joiner is a member and a leaver is not), and the following
//! scenario is read again against that agreement. A year's result after such a change is still
//! refused ([`agreement_after`]).

mod amend;

pub use amend::amend;

use crate::eval::InForce;
use crate::model::scenario::Earlier;
use crate::model::{Agreement, Proposal, Scenario};
use crate::syntax::ast::{self, Header};

/// A scenario of a sequence, as the steps before it leave the agreement.
#[derive(Debug, Clone)]
pub struct Following {
    /// The agreement as the earlier steps left it.
    pub agreement: Agreement,
    /// The scenario read again against it.
    pub scenario: Scenario,
    /// The changes in force, step by step.
    pub in_force: Vec<InForce>,
}

/// The scenario `index` of a scenario file (`file` its syntax, `scenarios` what
/// [`crate::model::lower_inputs`] read from it against `agreement`, written as `agreement_text`)
/// as the steps before it leave the agreement: `Ok(None)` when they leave it as written, so that
/// the scenario as read stands. `Err` says, in a reader's words, why it cannot be worked out: a
/// change the agreement cannot take, or an agreement or scenario that cannot be read after it
/// (a clause still naming a member who left, a vote for a member who has not joined).
pub fn following(
    agreement_text: &str,
    agreement: &Agreement,
    file: &ast::File,
    scenarios: &[Scenario],
    index: usize,
) -> Result<Option<Following>, String> {
    let blocks: Vec<&ast::Block> =
        file.blocks.iter().filter(|b| matches!(b.header.node, Header::Scenario { .. })).collect();
    let mut chain = Vec::new();
    let mut at = scenarios.get(index).and_then(|s| s.follows.as_ref()).map(|f| f.node);
    while let Some(j) = at {
        // `follows` only names a scenario written before, so this ends.
        if j >= index || chain.contains(&j) {
            break;
        }
        chain.push(j);
        at = scenarios.get(j).and_then(|s| s.follows.as_ref()).map(|f| f.node);
    }
    chain.reverse();
    let mut changed: Option<(ast::File, Agreement)> = None;
    let mut in_force = Vec::new();
    for j in chain {
        let proposal = match &changed {
            None => scenarios.get(j).and_then(|s| s.proposal.clone()),
            Some((_, now)) => reread(now, blocks.get(j).copied(), AS_CHANGED)?.proposal,
        };
        let Some(proposal) = proposal else { continue };
        let under = changed.as_ref().map_or(agreement, |(_, a)| a);
        let Ok(evaluation) = crate::eval::Evaluator::new(under, agreement_text).evaluate(&proposal, "") else {
            continue;
        };
        if evaluation.outcome.result != crate::eval::OutcomeKind::Passed || evaluation.changes.is_empty() {
            continue;
        }
        let title = &proposal.title.node;
        if let Some(refused) = evaluation.effects_refused {
            return Err(format!("“{title}” passed, but its changes cannot be made: {}", refusal(&refused)));
        }
        let written;
        let syntax = match &changed {
            Some((syntax, _)) => syntax,
            None => {
                written = crate::syntax::parse(agreement_text).file;
                &written
            }
        };
        let amended = amend(syntax, under, &evaluation.changes)
            .map_err(|e| format!("“{title}” passed, but its changes cannot be made: {e}"))?;
        let (next, errors) = crate::model::lower_agreement(&amended);
        let next = match (next, errors.first()) {
            (Some(next), None) => next,
            (_, first) => {
                let why = first.map_or_else(|| "it cannot be read".to_string(), |e| e.to_string());
                return Err(format!(
                    "“{title}” passed, but the agreement as it changes cannot be read: {why} (amend the agreement so that it still reads after the change)"
                ));
            }
        };
        in_force.push(InForce { proposal: title.clone(), effects: evaluation.effects });
        changed = Some((amended, next));
    }
    let Some((_, agreement_now)) = changed else {
        // Unchanged: the scenario as read stands, but a member an earlier step would have
        // admitted was let through when it was read (`model::inputs::follow`); read it again
        // against the agreement as written, so that naming one who did not join is refused.
        let admits = scenarios
            .get(index)
            .is_some_and(|s| s.earlier.iter().any(|e| matches!(e, Earlier::Proposal(p) if p.applicant.is_some())));
        if admits {
            reread(agreement, blocks.get(index).copied(), AS_WRITTEN)?;
        }
        return Ok(None);
    };
    let agreement = agreement_now;
    let scenario = reread(&agreement, blocks.get(index).copied(), AS_CHANGED)?;
    Ok(Some(Following { agreement, scenario, in_force }))
}

const AS_CHANGED: &str = "read against the agreement as the steps before it changed it";
const AS_WRITTEN: &str = "read against the agreement as written (the steps before it changed nothing)";

/// A scenario block read again against `agreement` (`against` says which, for the reader).
fn reread(agreement: &Agreement, block: Option<&ast::Block>, against: &str) -> Result<Scenario, String> {
    let Some(block) = block else { return Err("the scenario cannot be found in its file".into()) };
    let (scenario, errors) = crate::model::inputs::lower_scenario(agreement, block);
    match (scenario, errors.first()) {
        (Some(scenario), None) => Ok(scenario),
        (_, Some(first)) => {
            let name = match &block.header.node {
                Header::Scenario { name, .. } => name.node.as_str(),
                _ => "",
            };
            Err(format!("“{name}”, {against}: {first}"))
        }
        (None, None) => Err("the scenario cannot be read".into()),
    }
}

/// Why the agreement cannot take a passed proposal's changes, for this module's messages: the
/// refusal's own message and help (diagnostic text, as the model gives it).
fn refusal(r: &crate::results::terms::Refusal) -> String {
    match &r.help {
        Some(help) => format!("{} ({help})", r.message),
        None => r.message.clone(),
    }
}

/// The agreement after `proposal` is decided under `agreement`, for a year's result that follows
/// it: `Ok(None)` when it is unchanged.
///
/// A passed proposal that changes the agreement (`on passing, …`) is refused here (`Err`, in
/// words for the reader), rather than guessed: a year's result names members, funds and figures
/// read against the agreement as written, and the money engine does not yet work a year out
/// against the agreement as amended. A following proposal is worked out instead by [`following`].
/// A change the agreement could not take at all says the evaluator's own reason.
pub fn agreement_after(agreement: &Agreement, proposal: &Proposal) -> Result<Option<Agreement>, String> {
    let Ok(evaluation) = crate::eval::Evaluator::new(agreement, "").evaluate(proposal, "") else {
        return Ok(None);
    };
    if evaluation.outcome.result != crate::eval::OutcomeKind::Passed || evaluation.changes.is_empty() {
        return Ok(None);
    }
    if let Some(refused) = evaluation.effects_refused {
        return Err(format!("“{}” passed, but its changes cannot be made: {}", proposal.title.node, refusal(&refused)));
    }
    Err(format!(
        "“{}” passed and changes the agreement; a year's result cannot yet follow a proposal that changes the agreement, since the result's figures are read against the agreement as written (work the year out in a scenario of its own against the agreement as amended)",
        proposal.title.node
    ))
}

/// The agreement a year's result that follows `earlier` is worked out under: `Ok(None)` when it
/// is `agreement` itself. Year-end steps do not change the agreement (their contributions and
/// balances are carried by the money engine).
pub fn agreement_for(agreement: &Agreement, earlier: &[Earlier]) -> Result<Option<Agreement>, String> {
    let mut changed: Option<Agreement> = None;
    for step in earlier {
        if let Earlier::Proposal(proposal) = step {
            if let Some(next) = agreement_after(changed.as_ref().unwrap_or(agreement), proposal)? {
                changed = Some(next);
            }
        }
    }
    Ok(changed)
}
