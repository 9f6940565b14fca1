//! A postponement clause that cannot make a difference (`members holding at least 30% of
//! eligible votes who ask may have it postponed`): every group of members holding that share
//! could already defeat the proposal by voting against it, so the clause gives no minority a say
//! it does not have; or each member alone holds the share, so any one member who asks puts off
//! every proposal. Both are warnings (`concord::check::postponement_no_effect`): the clause is
//! read and applied as written (docs/semantics.md, step 4b), but it is unlikely to be what the
//! drafters meant by a minority's right to ask for more time.

use rust_decimal::Decimal;

use super::diagnostics::*;
use crate::coalitions::Game;
use crate::model::{Agreement, Decision, MemberId};

/// Beyond this many voting members, every group of them is not tried (no finding is made).
const MAX_MEMBERS: usize = 16;

pub(super) fn check(agreement: &Agreement, decision: &Decision, out: &mut Vec<CheckDiagnostic>) {
    let Some(clause) = &decision.procedure.postponement else { return };
    let share = clause.share.0;
    // Out of range is its own error (`concord::check::postponement_out_of_range`).
    if share <= Decimal::ZERO || share > Decimal::ONE_HUNDRED {
        return;
    }
    let Ok(electorate) = crate::weights::electorate(agreement, decision, None) else { return };
    let players: Vec<(MemberId, Decimal)> =
        electorate.eligible().map(|v| (v.member, v.weight)).filter(|(_, w)| *w > Decimal::ZERO).collect();
    if players.is_empty() {
        return;
    }
    // Whether members weighing `weight` hold the share (as step 4b compares, cross-multiplied).
    let holds = |weight: Decimal| -> Option<bool> {
        let left = weight.checked_mul(Decimal::ONE_HUNDRED)?;
        let right = share.checked_mul(electorate.total)?;
        Some(if clause.strictly { left > right } else { left >= right })
    };
    let key = |m: MemberId| agreement.member(m).map_or_else(String::new, |m| format!("`{}`", m.key));
    let finding = |problem: String, help: &'static str| -> CheckDiagnostic {
        PostponementNoEffect {
            decision: Some(decision.name.clone()),
            witness: None,
            name: decision.name.clone(),
            problem,
            help,
            at: clause.span.into(),
        }
        .into()
    };
    if players.len() > 1 && players.iter().all(|(_, w)| holds(*w) == Some(true)) {
        out.push(finding(
            "lets any one member put off every proposal: each member alone holds that share of the eligible votes"
                .into(),
            "raise the share, so that asking for more time takes more than one member",
        ));
        return;
    }
    if players.len() > MAX_MEMBERS {
        return;
    }
    let games: Option<Vec<Game>> =
        decision.rules.iter().map(|rule| Game::of_decision(agreement, decision, &electorate, rule).ok()).collect();
    let Some(games) = games else { return };
    // A decision that never passes has its own finding; a postponement of it is not news.
    if games.iter().all(|g| !g.passes(&vec![true; g.players.len()])) {
        return;
    }
    let mut smallest: Option<Vec<MemberId>> = None;
    // BOUND: at most `MAX_MEMBERS` (16) players, so 2^16 groups.
    #[allow(clippy::arithmetic_side_effects)]
    for mask in 1u32..(1u32 << players.len()) {
        let asking: Vec<MemberId> =
            players.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, (m, _))| *m).collect();
        let mut weights = players.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, (_, w))| *w);
        let Some(weight) = weights.try_fold(Decimal::ZERO, |a, w| a.checked_add(w)) else { return };
        match holds(weight) {
            Some(true) => {}
            Some(false) => continue,
            None => return,
        }
        // Those asking vote against, everyone else in favour: does any rule still carry it?
        for game in &games {
            let coalition: Vec<bool> = game.players.iter().map(|m| !asking.contains(m)).collect();
            if game.passes(&coalition) {
                return;
            }
        }
        if smallest.as_ref().is_none_or(|s| asking.len() < s.len()) {
            smallest = Some(asking);
        }
    }
    let Some(smallest) = smallest else { return };
    let names: Vec<String> = smallest.iter().map(|m| key(*m)).collect();
    let group = match names.as_slice() {
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
        [] => String::new(),
    };
    out.push(finding(
        format!(
            "never gives a minority a say it does not already have: any members who hold that share can defeat the proposal by voting against it (even the smallest such group, {group})"
        ),
        "if the clause is meant for a minority too small to block the proposal, lower the share or raise the rule, so that fewer members may ask than it takes to defeat it; if delay by a blocking minority is meant, say so with `expect postponement_no_effect because \"…\"`",
    ));
}
