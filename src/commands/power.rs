//! `concord power AGREEMENT`: how much say each member really has on each decision.
//!
//! For every decision (or the one named), and every rule it has over time (or the rule in force
//! on a proposal's date), each voting member's declared share of the votes beside its Banzhaf
//! and Shapley–Shubik indices, exactly, with the flags dictator, veto player and dummy. The
//! game is the coalition engine's (see [`crate::coalitions`]): everyone eligible attends, the
//! members in favour form the coalition, the rest vote against; with `--proposal`, the
//! proposal's gain exclusions apply and its date picks the rule.
//!
//! Exit codes: 0 when every decision asked for was worked out; 1 when some could not be
//! (its votes weigh by a proposal's commitments, or it is too large to work out exactly);
//! 2 when a file cannot be read or has errors, or the decision named does not exist.

use std::path::Path;

use num_bigint::{BigInt, BigUint};
use rust_decimal::Decimal;

use crate::coalitions::{CastingHolder, CompileError, Game};
use crate::diagnostic::{AnyDiagnostic, Severity};
use std::sync::Arc;

use crate::load::{self, plain_io, LoadFailure, Source};
use crate::model::{
    Agreement, Decision, FigureName, FigureUnit, FileKind, MemberId, Proposal, TimedRule, WeightScheme,
};
use crate::power::{self, sensitivity, Fraction, Which};
use crate::results::power::{RuleNotAnalysed as NA, SensitivityNotAnalysed as SNA};
use crate::results::{finding, findings, JSON_SCHEMA_VERSION};
use num_traits::Zero;

/// The report types, built here and rendered by `report/`.
pub use crate::results::power::*;

/// What to work out.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only this decision.
    pub decision: Option<String>,
    /// Which indices.
    pub which: Option<Which>,
    /// A file holding a proposal whose exclusions and date apply.
    pub proposal: Option<std::path::PathBuf>,
    /// Also work out how far each member's weight can move before an outcome changes.
    pub sensitivity: bool,
}

fn which_name(which: Which) -> &'static str {
    match which {
        Which::Banzhaf => "banzhaf",
        Which::Shapley => "shapley",
        Which::All => "all",
    }
}

/// Works out the power of every member of the agreement at `path`.
pub fn power(path: &Path, options: &Options) -> PowerReport {
    let mut report = empty_report(path.display().to_string(), options);
    let Some(source) = read(&mut report, path) else { return report };
    power_of(report, source, options)
}

/// [`power()`] over a text already read (the browser playground has no files); the source's name
/// is used as its path.
pub fn power_source(source: Source, options: &Options) -> PowerReport {
    power_of(empty_report(source.name.clone(), options), source, options)
}

fn empty_report(agreement: String, options: &Options) -> PowerReport {
    let which = options.which.unwrap_or(Which::All);
    PowerReport {
        schema: JSON_SCHEMA_VERSION,
        agreement,
        title: None,
        proposal: None,
        index: which_name(which),
        rules: Vec::new(),
        sensitivity: None,
        problems: Vec::new(),
        messages: Vec::new(),
        elections_not_analysed: Vec::new(),
        decided_outside: Vec::new(),
        source: None,
        diagnostics: Vec::new(),
    }
}

fn power_of(mut report: PowerReport, source: Source, options: &Options) -> PowerReport {
    let which = options.which.unwrap_or(Which::All);
    let loaded = load::load(&source.text);
    let shared = Arc::new(source.clone());
    let errors: Vec<&AnyDiagnostic> =
        loaded.diagnostics.iter().filter(|d| d.severity_level() == Severity::Error).collect();
    report.problems.extend(findings(errors.iter().copied(), &source.text));
    report.diagnostics.extend(errors.into_iter().map(|d| (d.clone(), Arc::clone(&shared))));
    let agreement = match (loaded.agreement, loaded.kind) {
        (Some(a), FileKind::Agreement) => a,
        _ => {
            if report.problems.is_empty() {
                report.messages.push(format!("`{}` is not an agreement: it has no `agreement` header", source.name));
            }
            report.source = Some(source);
            return report;
        }
    };
    report.title = Some(agreement.title.node.clone());
    report.elections_not_analysed = agreement.elections.iter().map(|e| e.name.clone()).collect();
    if report.problems.is_empty() {
        let errors = super::checker_errors(&agreement);
        report.problems.extend(findings(errors.iter(), &source.text));
        report.diagnostics.extend(errors.into_iter().map(|d| (d, Arc::clone(&shared))));
    }
    report.source = Some(source);
    if !report.problems.is_empty() {
        return report;
    }
    let proposal = match &options.proposal {
        Some(p) => match read_proposal(&mut report, &agreement, p, options.decision.as_deref()) {
            Some(proposal) => Some(proposal),
            None => return report,
        },
        None => None,
    };
    report.proposal = proposal.as_ref().map(|p| p.title.node.clone());
    let decisions: Vec<&Decision> = match (&options.decision, &proposal) {
        (Some(name), _) => match agreement.decision_by_name(name) {
            Some(d) => vec![d],
            None => {
                let known: Vec<String> = agreement.decisions.iter().map(|d| format!("\"{}\"", d.name)).collect();
                report.messages.push(format!(
                    "the agreement has no decision called \"{name}\"; its decisions are {}",
                    known.join(", ")
                ));
                return report;
            }
        },
        (None, Some(p)) => match proposal_decision(&agreement, p) {
            Some(d) => vec![d],
            None => agreement.decisions.iter().collect(),
        },
        (None, None) => agreement.decisions.iter().collect(),
    };
    // A decision taken outside the meeting has no vote to analyse: said, not worked out.
    report.decided_outside = crate::power::outside::not_analysed(&decisions);
    let decisions: Vec<&Decision> = decisions.into_iter().filter(|d| d.outside.is_none()).collect();
    if options.sensitivity && proposal.is_none() {
        report.sensitivity = Some(decisions.iter().map(|d| decision_sensitivity(&agreement, d)).collect());
    }
    for decision in decisions {
        let rules: Vec<&TimedRule> = match &proposal {
            Some(p) if crate::model::proposer_rules::depends_on_proposer(decision) => {
                crate::model::proposer_rules::rule_of_proposal(&agreement, decision, p).into_iter().collect()
            }
            Some(p) => decision.rule_on(p.date.as_ref().map(|d| d.node)).into_iter().collect(),
            None => decision.rules.iter().collect(),
        };
        for rule in rules {
            report.rules.push(rule_power(&agreement, decision, rule, proposal.as_ref(), which));
        }
    }
    report
}

fn read(report: &mut PowerReport, path: &Path) -> Option<Source> {
    match load::read_source(path) {
        Ok(source) => Some(source),
        Err(LoadFailure::Io { error, .. }) => {
            report.messages.push(format!("cannot read `{}`: {}", path.display(), plain_io(&error)));
            None
        }
        Err(LoadFailure::Invalid { source, diagnostic }) => {
            report.problems.push(finding(&diagnostic, &source.text));
            report.diagnostics.push((*diagnostic, Arc::new(source)));
            None
        }
    }
}

fn read_proposal(
    report: &mut PowerReport,
    agreement: &Agreement,
    path: &Path,
    decision: Option<&str>,
) -> Option<Proposal> {
    let source = read(report, path)?;
    let loaded = load::load(&source.text);
    let (inputs, errors) = load::load_inputs(agreement, &loaded.file);
    let errors: Vec<AnyDiagnostic> =
        loaded.diagnostics.into_iter().chain(errors).filter(|d| d.severity_level() == Severity::Error).collect();
    if !errors.is_empty() {
        let shared = Arc::new(source.clone());
        report.problems.extend(findings(&errors, &source.text));
        for d in errors {
            report.diagnostics.push((d, Arc::clone(&shared)));
        }
        return None;
    }
    let mut proposals: Vec<Proposal> = inputs.proposals;
    proposals.extend(inputs.scenarios.into_iter().filter_map(|s| s.proposal));
    let wanted = |p: &Proposal| match decision {
        None => true,
        Some(name) => proposal_decision(agreement, p).is_none_or(|d| d.name == name),
    };
    let found = proposals.into_iter().find(wanted);
    if found.is_none() {
        report.messages.push(format!("`{}` has no proposal for this decision", source.name));
    }
    found
}

fn proposal_decision<'a>(agreement: &'a Agreement, proposal: &Proposal) -> Option<&'a Decision> {
    match &proposal.decision.as_ref()?.node {
        crate::model::inputs::DecisionRef::Known(id) => agreement.decision(*id),
        crate::model::inputs::DecisionRef::Unknown(_) => None,
    }
}

/// A decimal as an exact fraction.
fn decimal_fraction(d: Decimal) -> (BigInt, BigUint) {
    (BigInt::from(d.mantissa()), BigUint::from(10u32).pow(d.scale()))
}

/// The power of every voting member under one of a decision's rules.
pub fn rule_power(
    agreement: &Agreement,
    decision: &Decision,
    rule: &TimedRule,
    proposal: Option<&Proposal>,
    which: Which,
) -> RulePower {
    let mut out = RulePower {
        decision: decision.name.clone(),
        from: rule.from.map(|d| d.to_string()),
        until: rule.until.map(|d| d.to_string()),
        proposed_by: crate::model::proposer_rules::depends_on_proposer(decision).then(|| {
            rule.proposed_by.as_ref().map_or(RuleIsFor::AnyoneElse, |p| {
                RuleIsFor::Proposers(crate::eval::proposer::rule_proposers(p, agreement))
            })
        }),
        not_analysed: None,
        needs_proposal: false,
        method: None,
        monotone: true,
        total_swings: "0".to_string(),
        members: Vec::new(),
        not_voting: Vec::new(),
        attendance_quorum: decision.meetings.attendance_quorum.map(|q| crate::results::power::AttendanceQuorumMet {
            needed: q.at_least,
            attending: agreement.members.len(),
        }),
    };
    let electorate = match crate::weights::electorate(agreement, decision, proposal) {
        Ok(e) => e,
        Err(_) => {
            out.not_analysed = Some(NA::TooLargeToWeigh);
            return out;
        }
    };
    out.not_voting = electorate
        .voters
        .iter()
        .filter(|v| v.ineligible.is_some())
        .filter_map(|v| agreement.member(v.member).map(|m| m.key.clone()))
        .collect();
    // The casting vote's holder: the member named, or the one presiding or holding the office
    // at the proposal's meeting; without a proposal, the person presiding is not known.
    let game = match proposal {
        Some(p) => {
            Game::of_proposal(agreement, decision, &electorate, rule, CastingHolder::at_meeting(agreement, decision, p))
        }
        None => Game::of_decision(agreement, decision, &electorate, rule),
    };
    let game = match game {
        Ok(g) => g,
        Err(CompileError::WeightsUnknown) => {
            out.needs_proposal = true;
            out.not_analysed = Some(NA::WeightsNeedProposal);
            return out;
        }
        Err(CompileError::Overflow) => {
            out.not_analysed = Some(NA::TooLargeToWeigh);
            return out;
        }
        Err(CompileError::CastingHolderUnknown) => {
            out.needs_proposal = true;
            out.not_analysed =
                Some(NA::CastingHolderChanges { office: CastingHolder::office_name(agreement, decision) });
            return out;
        }
    };
    let computed = match power::power(&game, which) {
        Ok(p) => p,
        Err(_) => {
            out.not_analysed = Some(NA::TooLarge);
            return out;
        }
    };
    out.method = Some(computed.method);
    out.monotone = computed.monotone;
    out.total_swings = computed.total_swings.to_string();
    let (total_num, total_den) = decimal_fraction(electorate.total);
    for (member, p) in game.players.iter().zip(computed.players) {
        let Some(m) = agreement.member(*member) else { continue };
        let (num, den) = decimal_fraction(electorate.weight(*member));
        // (num / den) / (total_num / total_den)
        let share = if total_num.sign() == num_bigint::Sign::NoSign {
            num_traits::Zero::zero()
        } else {
            // BOUND: `BigInt` and `BigUint` multiplication is exact.
            #[allow(clippy::arithmetic_side_effects)]
            let (numerator, denominator) = (num * BigInt::from(total_den.clone()), den * total_num.magnitude());
            crate::exact::fraction(numerator, denominator)
        };
        out.members.push(MemberPower {
            member: m.key.clone(),
            name: m.name.clone(),
            weight_share: share,
            swings: p.swings.to_string(),
            banzhaf: p.banzhaf,
            shapley: p.shapley,
            dictator: p.dictator,
            veto_player: p.veto,
            dummy: p.dummy,
        });
    }
    out
}

/// What a weight counts under `decision`'s scheme, whether that is money, and a member's
/// declared figure under it.
fn declared(agreement: &Agreement, decision: &Decision, member: MemberId) -> (&'static str, bool, Option<Decimal>) {
    let m = agreement.member(member);
    match agreement.scheme_for(decision).node {
        WeightScheme::OneMemberOneVote => ("votes", false, Some(Decimal::ONE)),
        WeightScheme::Explicit => ("votes", false, m.and_then(|m| m.votes.map(|v| v.node))),
        WeightScheme::Proportional(figure) => {
            (figure.words(), figure.unit() == FigureUnit::Money, m.and_then(|m| m.figure(figure)))
        }
        WeightScheme::Committed(_) => ("contribution", true, m.and_then(|m| m.figure(FigureName::Contribution))),
    }
}

/// How far each voting member's weight can move on `decision` before an outcome changes.
pub fn decision_sensitivity(agreement: &Agreement, decision: &Decision) -> DecisionSensitivity {
    let (unit, money, _) = declared(agreement, decision, MemberId(0));
    let mut out = DecisionSensitivity {
        decision: decision.name.clone(),
        unit,
        money,
        not_analysed: None,
        needs_proposal: false,
        members: Vec::new(),
    };
    let electorate = match crate::weights::electorate(agreement, decision, None) {
        Ok(e) => e,
        Err(_) => {
            out.not_analysed = Some(SNA::TooLargeToWeigh);
            return out;
        }
    };
    // A weight on the electorate's scale times `per_weight` is the declared figure: the scale
    // is the figure itself unless exact fractions put every share over one denominator, and
    // then (no figure as written matching every weight) weights are given as shares of the votes.
    let per_weight = electorate.eligible().find_map(|v| {
        let (_, _, figure) = declared(agreement, decision, v.member);
        let figure = figure.filter(|f| !f.is_zero())?;
        let weight = to_fraction(v.weight);
        (!weight.is_zero()).then(|| to_fraction(figure) / weight)
    });
    let per_weight = per_weight.filter(|per| {
        electorate.eligible().all(|v| {
            let (_, _, figure) = declared(agreement, decision, v.member);
            to_fraction(v.weight) * per == to_fraction(figure.unwrap_or_default())
        })
    });
    if per_weight.is_none() {
        out.unit = "shares of the votes";
        out.money = false;
    }
    let members: Vec<MemberId> = electorate.eligible().map(|v| v.member).collect();
    for member in members {
        let stability = match sensitivity::stability(agreement, decision, &electorate, member) {
            Ok(Some(s)) => s,
            Ok(None) => continue,
            Err(refusal) => {
                out.members.clear();
                match refusal {
                    sensitivity::Refusal::WeightsUnknown => {
                        out.needs_proposal = true;
                        out.not_analysed = Some(SNA::WeightsNeedProposal);
                    }
                    sensitivity::Refusal::ReservedShares => {
                        out.not_analysed = Some(SNA::ReservedShares);
                    }
                    sensitivity::Refusal::CastingHolderUnknown => {
                        out.needs_proposal = true;
                        out.not_analysed = Some(SNA::CastingHolderChanges {
                            office: crate::coalitions::CastingHolder::office_name(agreement, decision),
                        });
                    }
                    sensitivity::Refusal::TooLarge => {
                        out.not_analysed = Some(SNA::TooLarge);
                    }
                }
                return out;
            }
        };
        let Some(m) = agreement.member(member) else { continue };
        let share = |w: &Fraction| {
            let whole = &stability.others + w;
            if whole.is_zero() {
                Fraction::zero()
            } else {
                w / whole
            }
        };
        let shown = |w: &Fraction| match &per_weight {
            Some(per) => w * per,
            None => share(w),
        };
        let limit = |l: &sensitivity::Limit| SensitivityLimit {
            weight: shown(&l.weight),
            share: share(&l.weight),
            changes_at: l.changes_at,
            rule_from: decision.rules.get(l.flip.rule).and_then(|r| r.from).map(|d| d.to_string()),
            in_favour: l.flip.coalition.iter().filter_map(|c| agreement.member(*c)).map(|c| c.key.clone()).collect(),
            passes_now: l.flip.passes_now,
        };
        out.members.push(MemberSensitivity {
            member: m.key.clone(),
            name: m.name.clone(),
            weight: shown(&stability.weight),
            share: share(&stability.weight),
            rise: stability.rise.as_ref().map(limit),
            fall: stability.fall.as_ref().map(limit),
        });
    }
    out
}

fn to_fraction(d: Decimal) -> Fraction {
    Fraction::new(BigInt::from(d.mantissa()), BigInt::from(10u32).pow(d.scale()))
}
