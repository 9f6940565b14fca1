//! The working of missed meetings, their excuse and a quorum of members attending (issue 21),
//! in words.

use super::words::{date_words, list};
use crate::eval::meetings::{AbsenceWorking, AttendanceWorking, ExcuseWorking, LodgingWorking};
use crate::eval::{Evaluation, Invalidity};
use crate::model::meetings::OverLimit;

fn absence_sentence(a: &AbsenceWorking) -> String {
    let verdict = match a.runs_out {
        Some(r) if a.long_enough => {
            format!("by {} it had missed every meeting for {}, so the decision may be taken", date_words(r), a.period)
        }
        Some(r) => format!(
            "it will have missed every meeting for {} only on {}, so the decision cannot be taken yet",
            a.period,
            date_words(r)
        ),
        None => format!("{} from then runs past the calendar's end, so the decision cannot be taken", a.period),
    };
    format!(
        "Missed meetings (line {}: {}): {} last attended on {}; decided on {}: {verdict}.\n",
        a.clause.line,
        a.clause.text,
        a.member,
        date_words(a.last_attended),
        date_words(a.decided)
    )
}

fn excuse_sentence(e: &ExcuseWorking) -> String {
    let mut facts = Vec::new();
    if let Some(cause) = e.reasonable_cause {
        facts.push(if cause { "the absence had a reasonable cause" } else { "the absence had no reasonable cause" });
    }
    if let Some(future) = e.future_attendance {
        facts.push(if future {
            "the member will be able to attend future meetings"
        } else {
            "the member will not be able to attend future meetings"
        });
    }
    let verdict = if e.excused {
        "every part of the excuse is made out, so the member may not be removed"
    } else if facts.len() > 1 {
        "not every part of the excuse is made out, so it does not stop the decision"
    } else {
        "the excuse is not made out, so it does not stop the decision"
    };
    format!("Excuse (line {}: {}): the proposal says {}; {verdict}.\n", e.clause.line, e.clause.text, list(&facts))
}

fn attendance_sentence(a: &AttendanceWorking) -> String {
    let mut parts = Vec::new();
    if !a.voting.is_empty() {
        parts.push(format!("{} present and voting on it", list(&a.voting)));
    }
    if !a.without_a_vote.is_empty() {
        parts.push(format!("{} attending without a vote", list(&a.without_a_vote)));
    }
    let who = if parts.is_empty() { "nobody".to_string() } else { parts.join("; ") };
    let mut out = format!(
        "Quorum of those attending (line {}: {}): {who}: {} attending, at least {} needed, so it {}.\n",
        a.clause.line,
        a.clause.text,
        a.count,
        a.at_least,
        if a.held { "holds" } else { "does not hold" }
    );
    if !a.by_proxy.is_empty() {
        out.push_str(&format!(
            "  {} voted by proxy: the holder attends, not {}, so {} not counted again.\n",
            list(&a.by_proxy),
            if a.by_proxy.len() == 1 { "it" } else { "they" },
            if a.by_proxy.len() == 1 { "it is" } else { "they are" }
        ));
    }
    out
}

fn times(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn lodging_sentence(l: &LodgingWorking) -> String {
    let mut out = format!("Votes lodged in advance (line {}: {}):\n", l.clause.line, l.clause.text);
    if l.votes.is_empty() {
        out.push_str("  none.\n");
    }
    for v in &l.votes {
        let why = match (v.not_eligible, v.over_limit) {
            (true, _) => "disregarded: it does not vote on this decision".to_string(),
            (false, None) => "counted as its vote cast (it is not present, and is not counted towards a quorum)".to_string(),
            (false, Some(OverLimit::InARow { before, limit })) => format!(
                "not counted, so it is absent: it lodged its vote at the last {}, and at most {} in a row may be lodged",
                times(before, "meeting", "meetings"),
                times(limit, "meeting", "meetings")
            ),
            (false, Some(OverLimit::AYear { before, limit })) => format!(
                "not counted, so it is absent: it lodged its vote {} this year, and at most {} a year may be lodged",
                times(before, "time", "times"),
                times(limit, "time", "times")
            ),
            (false, Some(OverLimit::Unknown)) => {
                "not counted, so it is absent: the proposal does not say how often it lodged its vote before".to_string()
            }
        };
        out.push_str(&format!("  {} {}: {why}.\n", v.member, v.vote.words()));
    }
    out
}

/// The working lines of this family, for the report of one evaluation.
pub(super) fn meetings_human(e: &Evaluation) -> String {
    let Some(m) = &e.meetings else { return String::new() };
    let mut out = String::new();
    if let Some(a) = &m.absence {
        out.push_str(&absence_sentence(a));
    }
    if let Some(x) = &m.excuse {
        out.push_str(&excuse_sentence(x));
    }
    if let Some(a) = &m.attendance {
        out.push_str(&attendance_sentence(a));
    }
    if let Some(l) = &m.lodging {
        out.push_str(&lodging_sentence(l));
    }
    if out.is_empty() {
        out
    } else {
        format!("\n{out}")
    }
}

/// Why a proposal fails for this family, in words; `None` for the other reasons.
pub(super) fn meetings_words(reason: &Invalidity) -> Option<String> {
    Some(match reason {
        Invalidity::AbsenceTooShort { member, last_attended, period, runs_out } => match runs_out {
            Some(r) => format!(
                "{member} has not missed meetings for long enough: it last attended on {} and will have missed every meeting for {period} only on {}, the first day it can be decided",
                date_words(*last_attended),
                date_words(*r)
            ),
            None => format!(
                "{member} has not missed meetings for long enough: it last attended on {} and {period} from then runs past the calendar's end",
                date_words(*last_attended)
            ),
        },
        Invalidity::AbsenceExcused { member, reasonable_cause, future_attendance } => {
            let why = match (reasonable_cause, future_attendance) {
                (true, true) => "its absence had a reasonable cause and it will be able to attend future meetings",
                (true, false) => "its absence had a reasonable cause",
                _ => "it will be able to attend future meetings",
            };
            format!("the absence was excused: {why}, so {member} may not be removed for it")
        }
        Invalidity::NoAttendanceQuorum { attending, needed } => format!(
            "the quorum of those attending was not met: {attending} attended, voting or not, and at least {needed} must"
        ),
        _ => return None,
    })
}
