//! Words for a bloc's own rule and casting vote, a decision's changes on passing, and each
//! member's terms of leaving: shared by `concord explain`, the REPL's `:explain` and the
//! evaluator's working.

use crate::model::effects::{DecisionEffect, Target};
use crate::model::leaving::{self, From};
use crate::model::{Agreement, Bloc, Member};

/// How a bloc decides within itself, as a sentence (none for a bloc with neither a rule nor a
/// casting vote of its own).
pub fn bloc_terms(agreement: &Agreement, bloc: &Bloc) -> Option<String> {
    if bloc.own_rule.is_none() && bloc.casting_vote.is_none() {
        return None;
    }
    let mut out = format!(
        "The {} bloc is in favour of a proposal when {} are in favour, and against it when {} are against",
        bloc.key,
        bloc.rule_words(),
        bloc.rule_words()
    );
    if let Some(holder) = bloc.casting_vote.as_ref().and_then(|h| agreement.member(h.node)) {
        out.push_str(&format!(
            "; when its members are tied (as much weight for as against) and neither side reaches that, {} has the casting vote within the bloc, cast as it voted, which counts only where it would carry the bloc's rule with the tie broken",
            holder.key
        ));
    }
    out.push('.');
    Some(out)
}

/// What a decision changes on passing, as a sentence.
pub fn effect(agreement: &Agreement, effect: &DecisionEffect) -> String {
    match effect {
        DecisionEffect::RoleMoves { role, to } => {
            let who = match to {
                Target::Concerned => "the member the proposal concerns (its `concerning:` line)".to_string(),
                Target::Member(m) => agreement.member(*m).map_or("?".to_string(), |m| format!("{} ({})", m.key, m.name)),
            };
            format!("If it passes, {who} becomes the {} in place of the member who held that role.", role.words())
        }
        DecisionEffect::ConcernedLeaves => {
            "If it passes, the member the proposal concerns (its `concerning:` line) leaves the agreement, on its own terms of leaving (the part on joining and leaving).".to_string()
        }
        DecisionEffect::ApplicantJoins { kind, votes } => {
            let mut out = "If it passes, the applicant the proposal names (its `applicant:` line) joins the agreement".to_string();
            if let Some(k) = kind.and_then(|k| agreement.kind(k)) {
                out.push_str(&format!(" as a member of kind {}", k.name));
            }
            if let Some(v) = votes {
                let n = v.normalize();
                out.push_str(&format!(" with {n} {}", if n == rust_decimal::Decimal::ONE { "vote" } else { "votes" }));
            }
            out.push('.');
            out
        }
    }
}

/// One member's terms of leaving, as a sentence, when any of them is a kind's own.
pub fn member_leaving(agreement: &Agreement, member: &Member) -> Option<String> {
    let terms = leaving::terms_for(agreement, member).ok()?;
    let own = |f: From| matches!(f, From::Kind(_));
    let any_own = terms.notice.is_some_and(|(_, f)| own(f))
        || terms.penalty.is_some_and(|(_, f)| own(f))
        || terms.forfeits.iter().any(|(_, f)| own(*f));
    if !any_own {
        return None;
    }
    let mut parts = Vec::new();
    if let Some((n, _)) = terms.notice {
        parts.push(format!("gives {} notice", n.node.words()));
    }
    if let Some((p, _)) = terms.penalty {
        parts.push(format!("pays {}", crate::money::format_money(p.node.0, &agreement.currency)));
    }
    for (f, _) in &terms.forfeits {
        parts.push(format!("forfeits its {}", f.node.words()));
    }
    Some(format!("{} ({}), leaving, {}.", member.key, member.name, parts.join(", ")))
}
