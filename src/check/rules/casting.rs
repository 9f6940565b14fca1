//! The coalition analyses of a decision whose casting vote is the person presiding's, or an
//! office's (`on a tie, the chair has the casting vote`): its holder changes from meeting to
//! meeting, so each analysis is run once for every member who could hold it, and only what is
//! found whoever holds it is reported. When the holders' findings differ, the checker says
//! plainly that the rest depends on who holds the casting vote (`concord::check::not_analysed`,
//! advice), never reports a finding as if the casting vote were nobody's (the evaluator always
//! gives it to someone).

use super::*;
use crate::coalitions::CastingHolder;

/// More holders than this and the analyses are not run once each.
const MAX_HOLDERS: usize = 16;

/// Every member who could hold `decision`'s casting vote at some meeting while `rule` is in
/// force: for the person presiding, any member; for an office, whoever may hold it on any day
/// its holder can change.
fn holders(agreement: &Agreement, decision: &Decision, rule: &TimedRule) -> Vec<MemberId> {
    let Some(office) = decision.casting_office.and_then(|o| agreement.offices.get(o.node.0 as usize)) else {
        return agreement.members.iter().map(|m| m.id).collect();
    };
    let in_rule = |d: &crate::calendar::Date| rule.from.is_none_or(|f| f <= *d) && rule.until.is_none_or(|u| *d <= u);
    let mut days: Vec<Option<crate::calendar::Date>> = vec![None];
    days.extend(super::super::makeup::turning_days(agreement, &[office]).into_iter().filter(in_rule).map(Some));
    days.extend(rule.from.map(Some));
    let mut out: Vec<MemberId> = Vec::new();
    for day in days {
        let may = match crate::model::chairs::may_hold(agreement, office, day) {
            Ok((_, crate::model::chairs::MayHold::Member(m))) => vec![m],
            Ok((_, crate::model::chairs::MayHold::AnyOf(ms))) => ms,
            Err(_) => Vec::new(),
        };
        for m in may {
            if !out.contains(&m) {
                out.push(m);
            }
        }
    }
    out.sort();
    out
}

/// The analyses of `rule`, whoever holds the casting vote (see the module's words).
pub(super) fn analyse(
    ctx: &Ctx<'_>,
    rule: &TimedRule,
    quorum: Option<&Spanned<Rule>>,
    limits: Limits,
    specific_error: bool,
    out: &mut Vec<CheckDiagnostic>,
) -> Analysis {
    let (agreement, decision) = (ctx.agreement, ctx.decision);
    let fixed = CastingHolder::of_decision(agreement, decision);
    if fixed != CastingHolder::NotKnown {
        return analyse_held(ctx, rule, quorum, limits, specific_error, fixed, out);
    }
    let holders = holders(agreement, decision, rule);
    if holders.is_empty() || holders.len() > MAX_HOLDERS {
        out.push(not_analysed(decision, rule.span, ANALYSES, NotAnalysedReason::CastingHolderUnknown));
        return Analysis { blockable: false, veto_players: Vec::new() };
    }
    let mut runs: Vec<(Vec<CheckDiagnostic>, Analysis)> = Vec::new();
    for holder in holders {
        let mut found = Vec::new();
        let analysis =
            analyse_held(ctx, rule, quorum, limits, specific_error, CastingHolder::Member(holder), &mut found);
        runs.push((found, analysis));
    }
    let Some(((first, _), rest)) = runs.split_first() else {
        return Analysis { blockable: false, veto_players: Vec::new() };
    };
    // What every holder's analysis found, in the first's order.
    let common: Vec<CheckDiagnostic> =
        first.iter().filter(|d| rest.iter().all(|(found, _)| found.contains(d))).cloned().collect();
    let differs = runs.iter().any(|(found, _)| found.len() != common.len());
    out.extend(common);
    if differs {
        out.push(not_analysed(decision, rule.span, ANALYSES, NotAnalysedReason::CastingHolderUnknown));
    }
    let blockable = runs.iter().all(|(_, a)| a.blockable);
    let veto_players = runs
        .first()
        .map(|(_, a)| {
            a.veto_players.iter().copied().filter(|m| runs.iter().all(|(_, b)| b.veto_players.contains(m))).collect()
        })
        .unwrap_or_default();
    Analysis { blockable, veto_players }
}
