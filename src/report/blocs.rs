//! The working of a bloc's position (its internal count and how it was settled) and of what a
//! passed proposal changes in the agreement.

use super::words::{ballot_phrase, indent, list, num};
use crate::eval::{BlocPosition, Change, Evaluation, Position};

/// One bloc's internal count, and how its position was settled.
pub(super) fn position_human(p: &BlocPosition) -> String {
    let whose = if p.own_rule { "its own rule" } else { "the rule for a bloc that states none" };
    let mut out = format!("The {} bloc ({}) decides by {} ({whose}).\n", p.bloc, p.name, p.rule);
    if p.position == Position::NoEligibleMember {
        out.push_str("  None of its members votes on this proposal, so it takes no position.\n");
        return out;
    }
    let t = &p.in_favour.tally;
    let unit = if p.in_favour.unit == crate::model::Unit::Members { "members" } else { "votes" };
    let base = p.in_favour.base.map_or(t.eligible(), |b| b.size);
    out.push_str(&format!(
        "  Its eligible members' {unit}: {} in favour, {} against, {} abstaining, {} absent; the base ({}) is {}.\n",
        num(t.in_favour),
        num(t.against),
        num(t.abstaining),
        num(t.absent),
        p.rule.base.bloc_words(),
        num(base)
    ));
    let r = &p.in_favour.requirement;
    let proportion = r.proportion.as_ref().map(|x| x.text.as_str()).unwrap_or_default();
    out.push_str(&format!(
        "  Required of either side: {} {proportion} of {}, that is {} {}.\n",
        r.relation.words(),
        num(base),
        r.relation.words(),
        num(r.required)
    ));
    for (label, m) in [("In favour", &p.in_favour), ("Against", &p.against)] {
        let c = &m.requirement.comparison;
        let reached = c.holds && !m.requirement.empty_base;
        let is = if c.holds { "is" } else { "is not" };
        let exactly = if r.required_exact {
            String::new()
        } else {
            format!(" (compared exactly: {} {is} {} {})", num(c.left), r.relation.words(), num(c.right))
        };
        out.push_str(&format!(
            "  {label}: {} {is} {} {}{exactly}, so that side {}.\n",
            num(m.counted),
            r.relation.words(),
            num(r.required),
            if reached { "reached the rule" } else { "did not reach it" }
        ));
    }
    let settled = match (&p.position, p.casting.as_ref().filter(|c| c.used)) {
        (Position::InFavour, Some(c)) | (Position::Against, Some(c)) => format!(
            "Its members tied and neither side reached the rule; {} holds the casting vote within the bloc and voted {}, so the bloc is {}.",
            c.holder,
            ballot_phrase(c.vote),
            position_words(p.position)
        ),
        (Position::InFavour, None) => "The side in favour reached the rule, so the bloc is in favour.".to_string(),
        (Position::Against, None) => "The side against reached the rule, so the bloc is against.".to_string(),
        (_, _) => match (&p.casting, p.tied) {
            (Some(c), true) if !c.eligible => format!(
                "Its members tied; {} holds its casting vote but does not vote on this proposal, so neither side reached the rule and the bloc takes no position.",
                c.holder
            ),
            (Some(c), true) if !matches!(c.vote, crate::eval::Ballot::InFavour | crate::eval::Ballot::Against) => format!(
                "Its members tied; {} holds its casting vote but voted {}, so it cast none: neither side reached the rule and the bloc takes no position.",
                c.holder,
                ballot_phrase(c.vote)
            ),
            (Some(c), true) => format!(
                "Its members tied; even with {}'s casting vote the rule would not be reached (a casting vote counts only where the tie, broken, would carry the rule), so the bloc takes no position.",
                c.holder
            ),
            _ => "Neither side reached the rule, so the bloc takes no position.".to_string(),
        },
    };
    out.push_str(&format!("  {settled}\n"));
    out
}

fn position_words(p: Position) -> &'static str {
    match p {
        Position::InFavour => "in favour",
        Position::Against => "against",
        Position::NoPosition | Position::NoEligibleMember => "of no position",
    }
}

/// A `bloc_position` condition: each bloc's count, then whether every one is in favour.
pub(super) fn positions_human(positions: &[BlocPosition]) -> String {
    let mut out = String::new();
    if positions.is_empty() {
        out.push_str("  The agreement has no bloc to ask, so this condition does not hold.\n");
    }
    for p in positions {
        out.push_str(&indent(&position_human(p), "  "));
    }
    if positions.len() > 1 {
        let not: Vec<&str> = positions.iter().filter(|p| p.position != Position::InFavour).map(|p| &*p.bloc).collect();
        if not.is_empty() {
            out.push_str("  Every bloc is in favour, so this condition held.\n");
        } else {
            out.push_str(&format!(
                "  Every bloc must be in favour; {} {} not, so this condition did not hold.\n",
                list(&not),
                if not.len() == 1 { "is" } else { "are" }
            ));
        }
    }
    out
}

/// What a passed proposal changes in the agreement.
pub(super) fn effects_human(e: &Evaluation) -> String {
    if e.effects.is_empty() {
        return String::new();
    }
    let mut out = "\nOn passing, the agreement changes:\n".to_string();
    for effect in &e.effects {
        out.push_str(&format!("  Line {}: {}: {}.\n", effect.clause.line, effect.clause.text, change_words(effect)));
    }
    if let Some(why) = &e.effects_refused {
        out.push_str(&format!("  But the agreement cannot take these changes: {why}.\n"));
    }
    out
}

/// In a scenario that follows others, the changes in force when it was decided.
pub(super) fn in_force_human(e: &Evaluation) -> String {
    if e.in_force.is_empty() {
        return String::new();
    }
    let mut out = "Decided under the agreement as the earlier steps changed it:\n".to_string();
    for step in &e.in_force {
        let changes: Vec<String> = step.effects.iter().map(change_words).collect();
        out.push_str(&format!("  “{}” passed: {}.\n", step.proposal, changes.join("; ")));
    }
    out
}

pub(super) fn change_words(effect: &crate::eval::EffectOut) -> String {
    {
        match &effect.change {
            Change::RoleMoves { role, to, from } => {
                let from: Vec<&str> = from.iter().map(|n| n.as_str()).filter(|n| *n != to.as_str()).collect();
                let instead = if from.is_empty() { String::new() } else { format!(", in place of {}", list(&from)) };
                format!("{to} becomes the {role}{instead}")
            }
            Change::Leaves { member, notice, notice_of_kind, pays, forfeits, loses_say } => {
                let mut terms = Vec::new();
                if let Some(n) = notice {
                    let whose =
                        notice_of_kind.as_ref().map(|k| format!(" (the notice of a {k} member)")).unwrap_or_default();
                    terms.push(format!("on {n} notice{whose}"));
                }
                if let Some(p) = pays {
                    terms.push(format!("paying {p}"));
                }
                for f in forfeits {
                    terms.push(format!("forfeiting its {f}"));
                }
                if *loses_say {
                    terms.push("losing its say over capitated payments".to_string());
                }
                let terms = if terms.is_empty() {
                    String::new()
                } else {
                    format!(", {}", list(&terms.iter().map(String::as_str).collect::<Vec<_>>()))
                };
                format!("{member} leaves the agreement{terms}")
            }
            Change::Joins { member, name, kinds, votes } => {
                let kind = if kinds.is_empty() { String::new() } else { format!(" as a {} member", kinds.join(", ")) };
                let votes = votes
                    .map(|v| {
                        let v = v.normalize();
                        format!(" with {} {}", num(v), if v == rust_decimal::Decimal::ONE { "vote" } else { "votes" })
                    })
                    .unwrap_or_default();
                format!("{member} ({name}) joins{kind}{votes}")
            }
        }
    }
}
