//! The human report of `concord eval`: the outcome first, then the working, condition by
//! condition, in sentences that can be read aloud and a small table per condition.
//!
//! In: an [`EvalReport`]. Out: text. Figures are exact; percentages are rounded to two places
//! for display and say so where a rounded figure stands for a required amount.

use super::conditions::{combination_sentence, conditions_human};
use super::procedure::invalid_words;
use super::standing::not_voting_sentence;
use super::words::{ballot_phrase, date_words, list, num, percent, plural, table};
use super::Colour;
use crate::eval::{
    Ballot, CastingSource, CastingUnused, DeadlockCause, Evaluation, OutcomeKind, Standing, TieResult,
    VetoInapplicable, VetoResult,
};
use crate::model::Scope;
use crate::results::eval::{EvalItem, EvalReport, EvaluateReport, ItemSource, Weights};

/// The human report of `concord eval`.
pub fn eval_human(report: &EvalReport, colour: Colour, width: usize) -> String {
    let mut out = String::new();
    if !report.problems.is_empty() {
        for file in &report.problems {
            if let Some(reason) = &file.unreadable {
                out.push_str(&format!("✗ {}: cannot be read: {}\n", file.path, reason));
                continue;
            }
            if let Some(source) = &file.source {
                out.push_str(&super::render_all(&file.diagnostics, &file.path, &source.text, colour, width));
            }
        }
        out.push_str("Nothing was evaluated: fix the problems above and run `concord eval` again.\n");
        return out;
    }
    for (i, item) in report.evaluations.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        match item {
            EvalItem::Decision(d) => {
                out.push_str(&format!("{} “{}”\n", source_words(d.from), d.name));
                out.push_str(&evaluation_human(&d.evaluation, report.weights, colour));
                if let Some(why) = &d.why {
                    out.push_str(&super::whynot::why_human(why));
                }
            }
            EvalItem::Election(e) => {
                out.push_str(&format!("{} “{}”\n", source_words(e.from), e.name));
                out.push_str(&super::elections::election_human(&e.count));
            }
        }
    }
    out
}

fn source_words(from: ItemSource) -> &'static str {
    match from {
        ItemSource::Proposal => "Proposal",
        ItemSource::Scenario => "Scenario",
    }
}

/// One proposal's evaluation, in words.
pub fn evaluation_human(e: &Evaluation, weights: Weights, colour: Colour) -> String {
    let mut out = String::new();
    let date = e.date.map(|d| format!(", dated {}", date_words(d))).unwrap_or_default();
    match &e.decision {
        Some(name) => out.push_str(&format!("Decision “{name}”{date}.\n")),
        None => out.push_str(&format!("No decision named{date}.\n")),
    }
    let outcome = outcome_words(e);
    let outcome_style = match e.outcome.result {
        OutcomeKind::Passed => super::style::PASSED,
        OutcomeKind::Rejected | OutcomeKind::Invalid => super::style::FAILED,
        OutcomeKind::Escalated | OutcomeKind::Deadlocked | OutcomeKind::Postponed | OutcomeKind::Awaiting => {
            super::style::OPEN
        }
    };
    let headline = format!(
        "{}{}.\n",
        super::style::paint("Outcome: ", super::style::HEADLINE, colour),
        super::style::paint(&outcome, outcome_style, colour)
    );
    out.push_str(&headline);
    out.push_str(&super::blocs::in_force_human(e));

    out.push_str(&super::procedure::procedure_human(e));
    out.push_str(&super::meetings::meetings_human(e));
    out.push_str(&super::outside::outside_human(e));

    if let Some(voting) = &e.voting {
        out.push('\n');
        let eligible = e.members.iter().filter(|m| m.eligible).count();
        let mut scheme = voting.scheme.to_string();
        for r in &voting.reserved {
            scheme.push_str(&format!("; {} members together hold {}% of the votes", r.kind, num(r.percent)));
        }
        out.push_str(&format!(
            "Votes ({scheme}). {} {}, {eligible} of whom {} on this proposal.\n",
            e.members.len(),
            plural(e.members.len(), "member", "members"),
            plural(eligible, "votes", "vote")
        ));
        let attending = e.meetings.as_ref().and_then(|m| m.attendance.as_ref()).map(|a| a.without_a_vote.as_slice());
        let lodged: Vec<crate::eval::Name> = e
            .meetings
            .iter()
            .flat_map(|m| m.lodging.iter().flat_map(|l| &l.votes))
            .filter(|v| v.counted)
            .map(|v| v.member.clone())
            .collect();
        out.push_str(&format!("  {}\n", ballots_sentence(&e.members, attending.unwrap_or_default(), &lodged)));
        for m in &e.members {
            if let Some(c) = m.cast_in_place.as_deref() {
                out.push_str(&format!("  {}\n", super::stand_ins::cast_in_place_sentence(&m.member, c)));
            }
        }
        for m in e.members.iter().filter(|m| m.not_voting.is_some()) {
            if let Some(nv) = &m.not_voting {
                out.push_str(&format!("  {}\n", not_voting_sentence(m, nv, e)));
            }
        }
        out.push_str(&super::matters::votes_human(e));
        if weights == Weights::Show {
            out.push_str(&weights_table(e));
        }
    }

    if let Some(rule) = &e.rule {
        out.push('\n');
        let dates = match (rule.from, rule.until) {
            (Some(f), _) => format!(", in force from {}", date_words(f)),
            (None, Some(u)) => format!(", in force until {}", date_words(u)),
            (None, None) => String::new(),
        };
        out.push_str(&format!("The rule (line {}{dates}): passes if {}\n", rule.place.line, rule.place.text));
        out.push_str(&super::procedure::chosen_sentence(rule));
        out.push_str(&conditions_human(rule, e));
        out.push_str(&combination_sentence(rule, "rule"));
    }

    if !e.vetoes.is_empty() {
        out.push_str("\nVetoes\n");
        for veto in &e.vetoes {
            out.push_str(&veto_human(veto));
        }
    }

    if let Some(quorum) = &e.quorum {
        let agreement = matches!(quorum.source, Some(crate::eval::QuorumSource::Agreement));
        let whose = match (agreement, quorum.reconvened) {
            (true, None) => "the agreement's default",
            (true, Some(true)) => "the agreement's default at a reconvened meeting, which replaces the ordinary quorum",
            (true, Some(false)) => {
                "the agreement's default: the meeting is reconvened, but no lower quorum is set for it"
            }
            (false, None) => "the decision's own",
            (false, Some(true)) => "the decision's own at a reconvened meeting, which replaces the ordinary quorum",
            (false, Some(false)) => {
                "the decision's own: the meeting is reconvened, but the decision sets no lower quorum for it"
            }
        };
        out.push_str(&format!("\nQuorum ({whose}, line {}): {}\n", quorum.place.line, quorum.place.text));
        out.push_str(&conditions_human(quorum, e));
        out.push_str(&combination_sentence(quorum, "quorum"));
    }

    // A tie is told only when there was one: "no tie" on every decision says nothing.
    if let Some(tie) = e.tie.as_ref().filter(|t| t.tied) {
        out.push('\n');
        out.push_str(&tie_human(tie));
    }
    out.push_str(&super::matters::approvals_human(e));
    out.push_str(&super::blocs::effects_human(e));
    out
}

fn outcome_words(e: &Evaluation) -> String {
    let o = &e.outcome;
    let why = || -> String {
        let Some(d) = &o.deadlock else { return "it was not carried".to_string() };
        match d.because {
            DeadlockCause::Vetoed => format!("vetoed by {}", list(&o.vetoed_by)),
            DeadlockCause::Rejected => failed_words(e),
            DeadlockCause::CastingVote => match &o.casting_vote {
                Some(c) => format!("the votes tied and {} cast the casting vote against", c.member),
                None => "the votes tied and the casting vote was cast against".to_string(),
            },
            DeadlockCause::Tie => "the votes tied and nothing settled the tie".to_string(),
            DeadlockCause::ApprovalWithheld => {
                format!(
                    "approval withheld by {} (the meeting passed it)",
                    list(&o.withheld_by.iter().map(ToString::to_string).collect::<Vec<_>>())
                )
            }
            DeadlockCause::OutOfTime => match &o.timing {
                Some(t) => format!(
                    "it was not agreed within {} of the request (requested on {}, the last day {}, decided on {})",
                    t.period,
                    date_words(t.requested),
                    date_words(t.last_day),
                    date_words(t.decided)
                ),
                None => "it was not agreed in time".to_string(),
            },
            DeadlockCause::NotAgreedOutside => super::outside::not_agreed_words(o),
        }
    };
    match o.result {
        OutcomeKind::Passed | OutcomeKind::Awaiting if o.decided_outside.is_some() => super::outside::outcome_words(o),
        OutcomeKind::Awaiting => "awaiting the decision".to_string(),
        OutcomeKind::Passed if !o.awaiting.is_empty() => {
            format!("passed, subject to the approval of {}, not yet given", list(&o.awaiting.iter().map(ToString::to_string).collect::<Vec<_>>()))
        }
        OutcomeKind::Passed => match (&o.casting_vote, &e.rule) {
            (Some(c), _) => format!("passed on the casting vote of {}", c.member),
            (None, Some(rule)) if rule.conditions.len() == 1 => format!("passed: “{}” held", rule.place.text),
            (None, Some(_)) => "passed: the rule held".to_string(),
            (None, None) => "passed: the rule held".to_string(),
        },
        OutcomeKind::Rejected => {
            let words = match (&o.casting_vote, o.deadlock.as_ref().map(|d| d.because)) {
                (Some(c), Some(DeadlockCause::CastingVote)) => format!("rejected on the casting vote of {}", c.member),
                _ => format!("rejected: {}", why()),
            };
            match o.deadlock.as_ref().and_then(|d| d.default.as_ref()) {
                Some(d) => format!("{words}; the default applies (line {}): “{}”", d.clause.line, d.text),
                None => words,
            }
        }
        OutcomeKind::Escalated => {
            let Some(step) = o.deadlock.as_ref().and_then(|d| d.escalated_to.as_ref()) else {
                return format!("escalated: {}", why());
            };
            let mut route = format!("escalated to “{}”", step.body);
            if let Some(w) = &step.within {
                route.push_str(&format!(" within {w}"));
            }
            for later in o.deadlock.iter().flat_map(|d| &d.then) {
                route.push_str(&format!(", then “{}”", later.body));
                if let Some(w) = &later.within {
                    route.push_str(&format!(" within {w}"));
                }
            }
            if o.deadlock.as_ref().is_some_and(|d| d.because == DeadlockCause::OutOfTime) {
                return format!("{route}: {}", why());
            }
            format!("{route}: not carried ({})", why())
        }
        OutcomeKind::Deadlocked => match e.tie.as_ref().and_then(|t| t.casting_vote.as_ref()) {
            Some(c) => format!(
                "deadlocked: the votes tied, {}'s casting vote could not be used, and the decision gives no route out of a tie",
                c.member
            ),
            None => "deadlocked: the votes tied, and the decision gives neither a casting vote nor a route out of a tie"
                .to_string(),
        },
        OutcomeKind::Invalid => {
            let reasons: Vec<String> = o.invalid.iter().map(invalid_words).collect();
            format!("invalid: {}", reasons.join("; "))
        }
        OutcomeKind::Postponed => match &o.postponement {
            Some(p) => format!(
                "postponed: {} asked for it to be postponed, holding {} of {} eligible votes ({} needed)",
                list(&p.asked_by),
                num(p.weight),
                num(p.total),
                p.needed
            ),
            None => "postponed".to_string(),
        },
    }
}

/// Which conditions failed, by their words: the headline names the cause, not "the rule".
fn failed_words(e: &Evaluation) -> String {
    if let Some(quorum) = e.quorum.as_ref().filter(|q| !q.held) {
        return format!("the meeting was not quorate (“{}”)", quorum.place.text);
    }
    let Some(rule) = &e.rule else { return "the rule did not hold".to_string() };
    let failed: Vec<String> =
        rule.conditions.iter().filter(|c| !c.held).map(|c| format!("“{}”", c.place.text)).collect();
    match failed.as_slice() {
        [] => "the rule did not hold".to_string(),
        [one] if rule.conditions.len() == 1 => format!("{one} did not hold"),
        [one] => format!("the condition {one} did not hold"),
        many => format!("the conditions {} did not hold", list(many)),
    }
}

fn ballots_sentence(members: &[Standing], attending: &[crate::eval::Name], lodged: &[crate::eval::Name]) -> String {
    // Members listed as attending without a vote are not absent from the meeting.
    let there = |m: &Standing| attending.iter().any(|a| **a == *m.member);
    let names = |ballot: Ballot, without_a_vote: bool| -> String {
        // Each member by its name, its identifier after it in brackets: the short name the
        // rest of the working uses, as a schedule defines a party once.
        let found: Vec<String> = members
            .iter()
            .filter(|m| m.vote == ballot && (ballot != Ballot::Absent || there(m) == without_a_vote))
            .map(|m| {
                let by = match m.cast_in_place.as_deref().filter(|c| !c.disregarded) {
                    Some(c) => match &c.holder {
                        Some(h) => format!(", by proxy {h}"),
                        None => ", by substitute".to_string(),
                    },
                    None if lodged.iter().any(|l| **l == *m.member) => ", lodged in advance".to_string(),
                    None => String::new(),
                };
                if *m.name == *m.member {
                    if by.is_empty() {
                        m.member.to_string()
                    } else {
                        format!("{} ({})", m.member, by.trim_start_matches(", "))
                    }
                } else {
                    format!("{} ({}{by})", m.name, m.member)
                }
            })
            .collect();
        if found.is_empty() {
            "none".to_string()
        } else {
            list(&found)
        }
    };
    let attended = if attending.is_empty() {
        String::new()
    } else {
        format!("\n  Attending without a vote: {}.", names(Ballot::Absent, true))
    };
    format!(
        "In favour: {}.\n  Against: {}.\n  Abstaining: {}.{attended}\n  Absent: {}.",
        names(Ballot::InFavour, false),
        names(Ballot::Against, false),
        names(Ballot::Abstaining, false),
        names(Ballot::Absent, false)
    )
}

fn weights_table(e: &Evaluation) -> String {
    let mut rows =
        vec![["member".to_string(), "vote".to_string(), "weight".to_string(), "share of all votes".to_string()]];
    for m in &e.members {
        let (weight, share) = if m.eligible {
            let share = match (m.share.as_deref(), m.share_percent) {
                (Some(f), Some(p)) => format!("{f} ({})", percent(p)),
                _ => "0".to_string(),
            };
            (num(m.weight), share)
        } else {
            ("—".to_string(), "does not vote".to_string())
        };
        rows.push([m.member.to_string(), m.vote.words().to_string(), weight, share]);
    }
    if let Some(v) = &e.voting {
        rows.push(["total".to_string(), String::new(), num(v.total), "1 (100.00%)".to_string()]);
    }
    let mut out = table(&rows, &[false, false, true, false]);
    if e.voting.as_ref().is_some_and(|v| v.restated) {
        out.push_str(
            "  Weights are shown in smallest whole terms, keeping the reserved shares exact; only their proportions matter.\n",
        );
    }
    out
}

fn veto_human(veto: &VetoResult) -> String {
    let mut out = format!("  Line {}: {}\n", veto.place.line, veto.place.text);
    if !veto.exercised_by.is_empty() {
        out.push_str(&format!("    Used by {}", list(&veto.exercised_by)));
        let members: Vec<&str> = veto.holders.iter().filter(|h| h.exercised && !h.bloc).map(|h| &*h.holder).collect();
        if !members.is_empty() {
            out.push_str(", voting against");
        }
        if veto.statutory_only {
            out.push_str(", whose statutory duties the proposal puts at risk");
        }
        if veto.on_loss {
            out.push_str(", which the proposal says loses by it");
        }
        out.push_str(".\n");
    }
    for h in &veto.holders {
        if let Some(p) = &h.position {
            out.push_str(&super::words::indent(&super::blocs::position_human(p), "    "));
            let used = if h.exercised { "so it vetoed" } else { "so it did not veto" };
            out.push_str(&format!(
                "    The {} bloc is {}, {used}.\n",
                h.holder,
                match p.position {
                    crate::eval::Position::Against => "against",
                    crate::eval::Position::InFavour => "in favour",
                    _ => "of no position",
                }
            ));
            continue;
        }
        if h.exercised {
            if let Some(t) = &h.tally {
                out.push_str(&format!(
                    "    The {} bloc: {} against of {} cast, more than half.\n",
                    h.holder,
                    num(t.against),
                    num(t.base(Scope::Cast))
                ));
            }
            continue;
        }
        let line = match (h.not_applicable, h.bloc) {
            (Some(VetoInapplicable::DutiesNotAtRisk), false) => format!(
                "{}: does not apply, because the proposal does not put {}'s statutory duties at risk.",
                h.holder, h.holder
            ),
            (Some(VetoInapplicable::DutiesNotAtRisk), true) => format!(
                "The {} bloc: does not apply, because the proposal puts no bloc member's statutory duties at risk.",
                h.holder
            ),
            (Some(VetoInapplicable::NoLoss), false) => {
                format!(
                    "{}: does not apply, because the proposal does not say that {} loses by it.",
                    h.holder, h.holder
                )
            }
            (Some(VetoInapplicable::NoLoss), true) => format!(
                "The {} bloc: does not apply, because the proposal does not say that any bloc member loses by it.",
                h.holder
            ),
            (Some(VetoInapplicable::NotEligible), _) => {
                format!("{}: cannot veto, because it does not vote on this proposal.", h.holder)
            }
            (Some(VetoInapplicable::NoEligibleMember), _) => {
                format!("The {} bloc: cannot veto, because none of its members votes on this proposal.", h.holder)
            }
            (None, false) => {
                format!("{}: could veto, but voted {}, so did not.", h.holder, h.vote.map_or("nothing", ballot_phrase))
            }
            (None, true) => match &h.tally {
                Some(t) => format!(
                    "The {} bloc: {} against of {} cast, not more than half, so it did not veto.",
                    h.holder,
                    num(t.against),
                    num(t.base(Scope::Cast))
                ),
                None => format!("The {} bloc did not veto.", h.holder),
            },
        };
        out.push_str(&format!("    {line}\n"));
    }
    if veto.exercised_by.is_empty() {
        out.push_str("    Not used.\n");
    }
    out
}

fn tie_human(tie: &TieResult) -> String {
    if !tie.votes_cast {
        return "Tie: no eligible member voted for or against, so there is no tie.\n".to_string();
    }
    if !tie.tied {
        return format!(
            "Tie: {} in favour and {} against are not equal, so there is no tie.\n",
            num(tie.in_favour),
            num(tie.against)
        );
    }
    let mut out = format!("Tie: {} in favour and {} against: the votes tied.\n", num(tie.in_favour), num(tie.against));
    if !tie.decides {
        out.push_str(
            "  Even with the tie broken in favour the rule would not hold (a casting vote counts only towards a proportion of the whole meeting's votes, never as a member's consent, a kind's or a bloc's majority, a veto or the quorum), so the tie does not decide the proposal.\n",
        );
        return out;
    }
    let numbers: Vec<String> = tie.tipped.iter().map(|n| n.to_string()).collect();
    out.push_str(&match numbers.as_slice() {
        [] => "  With the tie broken in favour the rule would hold, so the tie decides the proposal.\n".to_string(),
        [one] => format!(
            "  With the tie broken in favour, condition {one} would hold and with it the rule, so the tie decides the proposal.\n"
        ),
        many => format!(
            "  With the tie broken in favour, conditions {} would hold and with them the rule, so the tie decides the proposal.\n",
            list(many)
        ),
    });
    match &tie.casting_vote {
        Some(c) => {
            let presided = match &c.office {
                Some(held) => crate::report::offices::held_words(held),
                None if c.presiding => ", who presided,".to_string(),
                None => String::new(),
            };
            out.push_str(&format!(
                "  {}{presided} has the casting vote (line {}: {}).",
                c.member, c.clause.line, c.clause.text
            ));
            match (c.cast, c.from, c.unused) {
                (Some(cast), Some(CastingSource::Proposal), _) => {
                    out.push_str(&format!(" As the proposal says, it is cast {}.\n", cast.words()))
                }
                (Some(cast), _, _) => {
                    out.push_str(&format!(" {} voted {}, so it casts it {}.\n", c.member, cast.words(), cast.words()))
                }
                (None, _, Some(CastingUnused::NotEligible)) => {
                    out.push_str(" But it does not vote on this proposal, so the casting vote cannot be used.\n")
                }
                (None, _, Some(CastingUnused::Absent)) => out.push_str(&format!(
                    " But {} was absent, and an absent member casts no vote, so the casting vote cannot be used.\n",
                    c.member
                )),
                (None, _, _) => out.push_str(&format!(
                    " But {} abstained and the proposal gives no `casting vote:` line, so the tie stands.\n",
                    c.member
                )),
            }
        }
        None => out.push_str("  No member has a casting vote on this decision.\n"),
    }
    out
}

/// The human report of `concord eval`: decisions first, then year-end results.
pub fn evaluate_human(report: &EvaluateReport, colour: Colour, width: usize) -> String {
    let mut parts = Vec::new();
    if let Some(d) = &report.decisions {
        parts.push(eval_human(d, colour, width));
    }
    if let Some(r) = &report.results {
        parts.push(super::money::year_end_human(r, colour, width));
    }
    parts.join("\n")
}

/// The JSON value of `concord eval`: the one report when there is one kind of input, else both
/// under `decisions` and `results` (see docs/reference.md).
pub fn evaluate_json(report: &EvaluateReport) -> serde_json::Value {
    match (&report.decisions, &report.results) {
        (Some(d), None) => serde_json::to_value(d).unwrap_or_default(),
        (None, Some(r)) => serde_json::to_value(r).unwrap_or_default(),
        _ => serde_json::json!({
            "schema": super::JSON_SCHEMA_VERSION.schema,
            "schema_minor": super::JSON_SCHEMA_VERSION.schema_minor,
            "decisions": report.decisions,
            "results": report.results,
        }),
    }
}

/// `concord eval --format markdown`: each proposal under a heading with its outcome in bold and
/// the working in a text block, then the year-end results, whose working is Markdown already.
pub fn evaluate_markdown(report: &EvaluateReport) -> String {
    let mut out = String::new();
    if let Some(d) = &report.decisions {
        if !d.problems.is_empty() {
            out.push_str("```text\n");
            out.push_str(&eval_human(d, Colour::Off, 100));
            out.push_str("```\n");
        }
        for item in &d.evaluations {
            let item = match item {
                EvalItem::Decision(item) => item,
                EvalItem::Election(e) => {
                    if !out.is_empty() {
                        out.push('\n');
                    }
                    out.push_str(&format!("## {} “{}”\n\n```text\n", source_words(e.from), e.name));
                    out.push_str(&super::elections::election_human(&e.count));
                    out.push_str("```\n");
                    continue;
                }
            };
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&format!("## {} “{}”\n\n", source_words(item.from), item.name));
            out.push_str(&format!("**Outcome: {}.**\n\n```text\n", outcome_words(&item.evaluation)));
            out.push_str(&evaluation_human(&item.evaluation, d.weights, Colour::Off));
            if let Some(why) = &item.why {
                out.push_str(&super::whynot::why_human(why));
            }
            out.push_str("```\n");
        }
    }
    if let Some(r) = &report.results {
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&super::money::year_end_human(r, Colour::Off, 100));
    }
    out
}
