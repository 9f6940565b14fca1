//! Ways out of a tie or a failed vote: casting votes and escalation routes.

use miette::LabeledSpan;

use super::diagnostics::*;
use super::key;
use crate::model::{Agreement, Decision, Exclusion, Role};

/// A casting vote held by an observer, or by a member the decision may exclude.
pub(super) fn check(agreement: &Agreement, decision: &Decision, out: &mut Vec<CheckDiagnostic>) {
    let Some(casting) = &decision.casting_vote else { return };
    let Some(member) = agreement.member(casting.node) else { return };
    let problem = if let Some(role) = member.roles.get(&Role::Observer) {
        Some((CannotVote::Observer, *role))
    } else {
        decision.exclusions.iter().find_map(|e| match e {
            Exclusion::Member { member: m, span } if *m == member.id => Some((CannotVote::Excluded, *span)),
            Exclusion::Kind { kind, span } if member.is_of_kind(*kind) => Some((CannotVote::Excluded, *span)),
            Exclusion::OnlyKind { kind, span } if !member.is_of_kind(*kind) => Some((CannotVote::Excluded, *span)),
            Exclusion::Gain { span, .. } | Exclusion::Concerned { span } | Exclusion::OptOut { span } => {
                Some((CannotVote::MayBeExcluded, *span))
            }
            _ => None,
        })
    };
    let Some((reason, because)) = problem else { return };
    out.push(
        CastingVoteUnusable {
            decision: Some(decision.name.clone()),
            witness: None,
            name: decision.name.clone(),
            member: key(agreement, member.id),
            at: casting.span.into(),
            because: because.into(),
            reason,
        }
        .into(),
    );
}

/// Escalation routes that lead from a decision, through decisions named as steps, back to it.
/// Each circle is reported once, at the first of its decisions in the text.
pub(super) fn check_loops(agreement: &Agreement, out: &mut Vec<CheckDiagnostic>) {
    // Edges: decision → (decision it escalates to, the clause).
    let edges: Vec<Vec<(usize, crate::span::Span)>> = agreement
        .decisions
        .iter()
        .map(|d| {
            d.escalations
                .iter()
                .flat_map(|e| e.steps.iter().map(move |(body, _)| (body, e.span)))
                .filter_map(|(body, span)| {
                    agreement.decisions.iter().position(|x| x.name == body.node).map(|i| (i, span))
                })
                .collect()
        })
        .collect();
    let mut reported: Vec<usize> = Vec::new();
    for start in 0..agreement.decisions.len() {
        if reported.contains(&start) {
            continue;
        }
        // Depth-first search for a path back to `start` through decisions after it.
        let mut stack: Vec<(usize, Vec<(usize, crate::span::Span)>)> = vec![(start, Vec::new())];
        let mut seen = vec![false; agreement.decisions.len()];
        let mut found = None;
        while let Some((at, path)) = stack.pop() {
            for (next, span) in edges.get(at).map(Vec::as_slice).unwrap_or(&[]) {
                let mut path = path.clone();
                path.push((*next, *span));
                if *next == start {
                    found = Some(path);
                    break;
                }
                if *next > start && !seen.get(*next).copied().unwrap_or(true) {
                    if let Some(s) = seen.get_mut(*next) {
                        *s = true;
                    }
                    stack.push((*next, path));
                }
            }
            if found.is_some() {
                break;
            }
        }
        let Some(path) = found else { continue };
        let name_of = |i: usize| agreement.decisions.get(i).map_or_else(String::new, |d| format!("“{}”", d.name));
        let mut words = vec![name_of(start)];
        words.extend(path.iter().map(|(i, _)| name_of(*i)));
        reported.extend(path.iter().map(|(i, _)| *i));
        let Some(decision) = agreement.decisions.get(start) else { continue };
        out.push(
            EscalationLoop {
                decision: Some(decision.name.clone()),
                witness: None,
                name: decision.name.clone(),
                path: words.join(" → "),
                steps: path.iter().map(|(_, span)| LabeledSpan::underline(*span)).collect(),
            }
            .into(),
        );
    }
}
