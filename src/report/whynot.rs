//! "What would it take": the why-not answer of `concord eval --why` and the REPL's `:why`, in
//! sentences.

use super::words::list;
use crate::eval::{Ballot, OutcomeKind};
use crate::whynot::{Blocker, Change, WhyNot};

/// How many fixes or stops are listed before "and N more".
const SHOWN: usize = 12;

/// The answer in words, as a paragraph of the evaluation report.
pub fn why_human(why: &WhyNot) -> String {
    let mut out = String::new();
    if let Some(reason) = &why.beyond_votes {
        let reason = super::procedure::invalid_words(reason);
        out.push_str(&format!("\nWhat would it take: no change of votes can carry it, because {reason}.\n"));
        return out;
    }
    if let Some(before) = why.before_the_vote {
        let reason = match before {
            crate::whynot::BeforeTheVote::OutOfTime => {
                "it was decided after the last day allowed from the request, and the matter had already gone down the route"
            }
            crate::whynot::BeforeTheVote::Postponed => {
                "it was postponed before the votes were counted; only the members asking could withdraw their request"
            }
            crate::whynot::BeforeTheVote::DecidedOutside => {
                "it is decided by a body outside the meeting, and no member votes on it"
            }
        };
        out.push_str(&format!("\nWhat would it take: no change of votes can carry it, because {reason}.\n"));
        return out;
    }
    if why.outcome == OutcomeKind::Passed {
        out.push_str("\nWhat would stop it:\n");
        if why.pivots.is_empty() {
            out.push_str("  No single member changing its vote would stop it.\n");
            return out;
        }
        out.push_str("  Any one of these members alone would stop it by changing its vote:\n");
        // One line per member and outcome: "voting against, abstaining or staying away".
        let mut lines: Vec<(String, Vec<&'static str>, OutcomeKind)> = Vec::new();
        for pivot in &why.pivots {
            let who = format!("{} ({})", pivot.change.name, pivot.change.member);
            let how = if pivot.change.from == Ballot::Absent {
                attending(pivot.change.to)
            } else {
                ballot_verb(pivot.change.to)
            };
            match lines.last_mut() {
                Some((w, hows, o)) if *w == who && *o == pivot.outcome => hows.push(how),
                _ => lines.push((who, vec![how], pivot.outcome)),
            }
        }
        for (who, hows, outcome) in lines.iter().take(SHOWN) {
            let hows: Vec<String> = hows.iter().map(|h| h.to_string()).collect();
            out.push_str(&format!("  - {who}, {}: it would be {}.\n", or_list(&hows), outcome.words()));
        }
        more(&mut out, lines.len());
        return out;
    }
    out.push_str("\nWhat would it take to carry it:\n");
    if !why.blocking.is_empty() {
        let causes: Vec<String> = why.blocking.iter().map(blocker_words).collect();
        out.push_str(&format!("  It was held back by {}.\n", list(&causes)));
    }
    if why.fixes.is_empty() {
        if why.search.complete {
            out.push_str("  No change of votes by the members who vote on it would carry it.\n");
        } else {
            out.push_str(&format!(
                "  No change of votes by up to {} members would carry it; larger changes were not tried ({} tried).\n",
                why.search.sizes_searched, why.search.evaluations
            ));
        }
        return out;
    }
    let smallest = why.fixes.first().map_or(0, |f| f.changes.len());
    if why.fixes.len() == 1 && smallest == 1 {
        out.push_str("  This one change of vote would carry it:\n");
    } else if why.fixes.len() == 1 {
        out.push_str("  Only these changes of votes together would carry it, and each of them is needed:\n");
    } else {
        out.push_str(&format!(
            "  Any one of these {} changes of votes would carry it; each needs every change it lists:\n",
            why.fixes.len()
        ));
    }
    for (i, fix) in why.fixes.iter().take(SHOWN).enumerate() {
        let changes: Vec<String> = fix.changes.iter().map(change_words).collect();
        let casting = if fix.on_casting_vote { ", on the casting vote" } else { "" };
        let mark = if why.fixes.len() == 1 { "-".to_string() } else { format!("{}.", i.saturating_add(1)) };
        out.push_str(&format!("  {mark} {}{casting}\n", list(&changes)));
    }
    more(&mut out, why.fixes.len());
    if smallest > 1 {
        out.push_str(&format!("  No change of fewer than {smallest} members' votes would carry it.\n"));
    }
    if !why.search.complete {
        out.push_str(&format!(
            "  Only changes of up to {} members were tried in full ({} evaluations); larger ones may also carry it.\n",
            why.search.sizes_searched, why.search.evaluations
        ));
    }
    out
}

fn more(out: &mut String, count: usize) {
    if count > SHOWN {
        out.push_str(&format!("  … and {} more (all of them are in `--format json`).\n", count.saturating_sub(SHOWN)));
    }
}

fn blocker_words(blocker: &Blocker) -> String {
    match blocker {
        Blocker::Quorum { place } => format!("the quorum (“{}”, line {})", place.text, place.line),
        Blocker::AttendanceQuorum { attending, needed, place } => format!(
            "the quorum of those attending (“{}”, line {}): {attending} attended, voting or not, and at least {needed} must",
            place.text, place.line
        ),
        Blocker::Condition { place, .. } => format!("“{}” (line {}), which did not hold", place.text, place.line),
        Blocker::Veto { by, .. } => format!("the veto of {by}"),
        Blocker::Tie => "a tie that went against it".to_string(),
        Blocker::ApprovalWithheld { by } => format!("the approval of {by}, withheld outside the meeting"),
    }
}

fn change_words(change: &Change) -> String {
    let who = format!("{} ({})", change.name, change.member);
    match (change.from, change.to) {
        (Ballot::Absent, to) => format!("{who} {}", attending(to)),
        (_, Ballot::Absent) => format!("{who} staying away instead of {}", ballot_verb(change.from)),
        (from, to) => format!("{who} {} instead of {}", ballot_verb(to), ballot_verb(from)),
    }
}

fn attending(ballot: Ballot) -> &'static str {
    match ballot {
        Ballot::InFavour => "attending and voting in favour",
        Ballot::Against => "attending and voting against",
        Ballot::Abstaining => "attending and abstaining",
        Ballot::Absent => "staying away",
    }
}

/// "a, b or c".
fn or_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn ballot_verb(ballot: Ballot) -> &'static str {
    match ballot {
        Ballot::InFavour => "voting in favour",
        Ballot::Against => "voting against",
        Ballot::Abstaining => "abstaining",
        Ballot::Absent => "staying away",
    }
}
