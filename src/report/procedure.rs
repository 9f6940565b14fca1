//! The working of time, postponement and a proposal's standing (issue 21, item 8), in words.

use super::words::{date_words, list, num, percent};
use crate::eval::procedure::{Postponement, Timing};
use crate::eval::{Evaluation, Invalidity};

/// The sentence on time, for a decision with a time limit.
pub(super) fn timing_sentence(t: &Timing) -> String {
    let verdict = if t.in_time {
        "in time".to_string()
    } else {
        "after the last day: the matter had already gone down the route, and the votes below decide nothing".to_string()
    };
    format!(
        "Time (line {}: {}): requested on {}; {} from then runs to {}; decided on {}, {verdict}.\n",
        t.clause.line,
        t.clause.text,
        date_words(t.requested),
        t.period,
        date_words(t.last_day),
        date_words(t.decided)
    )
}

/// The sentence on a request for postponement.
pub(super) fn postponement_sentence(p: &Postponement) -> String {
    let share = if p.total.is_zero() {
        String::new()
    } else {
        p.weight
            .checked_mul(rust_decimal::Decimal::ONE_HUNDRED)
            .and_then(|w| w.checked_div(p.total))
            .map(|s| format!(" ({})", percent(s)))
            .unwrap_or_default()
    };
    let who = if p.asked_by.is_empty() { "no member who votes on it".to_string() } else { list(&p.asked_by) };
    let mut out = format!(
        "Postponement (line {}: {}): asked for by {who}, holding {} of {} eligible votes{share}; {} needed, so it {}.\n",
        p.clause.line,
        p.clause.text,
        num(p.weight),
        num(p.total),
        p.needed,
        if p.held { "is postponed" } else { "is not postponed" }
    );
    if !p.disregarded.is_empty() {
        out.push_str(&format!(
            "  {} asked too, but {} not vote on this decision: disregarded.\n",
            list(&p.disregarded),
            if p.disregarded.len() == 1 { "does" } else { "do" }
        ));
    }
    out
}

/// The working lines of this family, for the report of one evaluation.
pub(super) fn procedure_human(e: &Evaluation) -> String {
    let mut out = String::new();
    if let Some(t) = &e.outcome.timing {
        out.push_str(&timing_sentence(t));
    }
    if let Some(p) = &e.outcome.postponement {
        out.push_str(&postponement_sentence(p));
    }
    if let Some(j) = &e.jointly {
        let n = j.members.len();
        out.push_str(&format!(
            "Proposed jointly by {} {}: {}; the clause (line {}) needs at least {}, so {}.\n",
            n,
            if n == 1 { "member" } else { "different members" },
            j.members.join(", "),
            j.line,
            j.needed,
            if j.enough { "it was validly proposed" } else { "it was not validly proposed" }
        ));
    }
    if out.is_empty() {
        out
    } else {
        format!("\n{out}")
    }
}

/// Which rule who proposed chose (docs/semantics.md step 1), as a line under the rule.
pub(super) fn chosen_sentence(rule: &crate::eval::RuleResult) -> String {
    match &rule.chosen {
        None => String::new(),
        Some(c) => match &c.when_proposed_by {
            Some(who) => format!(
                "  It is the rule for a proposal made by {who}, and this one was proposed by {}.\n",
                c.proposer
            ),
            None => format!(
                "  It is the rule for a proposal made by anyone the decision's `when proposed by` does not name, and this one was proposed by {}.\n",
                c.proposer
            ),
        },
    }
}

/// Why a proposal's standing fails, in words; `None` for the other reasons.
pub(super) fn standing_words(reason: &Invalidity) -> Option<String> {
    Some(match reason {
        Invalidity::ProposerNotAllowed { proposer, line, jointly: None } => {
            format!("it was proposed by {proposer}, who may not propose it (line {line})")
        }
        Invalidity::ProposerNotAllowed { proposer, line, jointly: Some(count) } => match count.needed {
            Some(needed) => format!(
                "it was proposed by {proposer}: {} {}, fewer than the {needed} who must propose it together (line {line})",
                count.members,
                if count.members == 1 { "member" } else { "different members" }
            ),
            None => format!("it was proposed by {proposer}, and no members may propose it jointly (line {line})"),
        },
        Invalidity::MeetingNotCalled { caller, line } => {
            format!("the meeting was called by {caller}, who may not call it (line {line})")
        }
        Invalidity::NoProposer => {
            "the decision's rule depends on who proposed it, and the proposal does not say who did".to_string()
        }
        Invalidity::ProposerNotSettled { proposer } => format!(
            "it was proposed by {proposer}, and the decision's `when proposed by` names some of them but not all, so which rule holds is not settled"
        ),
        Invalidity::TooLittleNotice { given, needed, earliest } => format!(
            "too little notice was given: notice given on {} and {needed} notice needed, so the earliest day it could be decided was {}",
            date_words(*given),
            date_words(*earliest)
        ),
        Invalidity::CurePeriodNotRun { notified, period, runs_out } => format!(
            "the cure period has not run: the breach was notified on {} and the {period} to remedy it run to {}, the first day it can be decided",
            date_words(*notified),
            date_words(*runs_out)
        ),
        Invalidity::BreachRemedied { notified, remedied, period } => format!(
            "the breach was remedied: notified on {}, put right on {}, within the {period} allowed, so there is no ground",
            date_words(*notified),
            date_words(*remedied)
        ),
        _ => return None,
    })
}

/// Why a vote is invalid, in words.
pub(super) fn invalid_words(reason: &crate::eval::Invalidity) -> String {
    match reason {
        crate::eval::Invalidity::NoDecision => "the proposal does not say which decision it is for".to_string(),
        crate::eval::Invalidity::UnknownDecision { name } => format!("the agreement has no decision called “{name}”"),
        crate::eval::Invalidity::NoDate => {
            "the decision's rules change over time and the proposal has no date".to_string()
        }
        crate::eval::Invalidity::NoRuleInForce { date } => {
            format!("no rule of the decision is in force on {}", date_words(*date))
        }
        crate::eval::Invalidity::UnknownMemberVoted { member, line, nearest } => match nearest {
            Some(nearest) => format!(
                "`{member}` voted (input line {line}) but is not a member of the agreement (did you mean `{nearest}`?)"
            ),
            None => format!("`{member}` voted (input line {line}) but is not a member of the agreement"),
        },
        crate::eval::Invalidity::NoQuorum => "the quorum was not met".to_string(),
        other => standing_words(other).or_else(|| super::meetings::meetings_words(other)).unwrap_or_default(),
    }
}
