//! What `concord power` worked out: every member's power under each rule, exactly.

use std::sync::Arc;

use serde::Serialize;

use super::Finding;
use crate::diagnostic::AnyDiagnostic;
use crate::load::Source;
use crate::power::{Fraction, Method};

/// Why a rule's voting power was not worked out. `report/power_words.rs` words it, for the
/// text and for the JSON's `not_analysed` string alike.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleNotAnalysed {
    /// The weights are beyond exact arithmetic.
    TooLargeToWeigh,
    /// Votes weigh by the budget each member commits to a proposal, and none was given.
    WeightsNeedProposal,
    /// The casting vote's holder changes from meeting to meeting and no proposal says who it
    /// is: the office's name when an office holds it, `None` when whoever presides does.
    CastingHolderChanges {
        /// The office holding the casting vote, if one does.
        office: Option<String>,
    },
    /// Working it out exactly would take more time or memory than allowed.
    TooLarge,
}

/// Why a decision's sensitivity was not worked out (words in `report/power_words.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SensitivityNotAnalysed {
    /// The weights are beyond exact arithmetic.
    TooLargeToWeigh,
    /// Votes weigh by the budget each member commits to a proposal.
    WeightsNeedProposal,
    /// Shares of the votes are reserved to a kind, so a member's own figure does not set its
    /// weight.
    ReservedShares,
    /// The casting vote's holder changes from meeting to meeting (the office's name, or `None`
    /// for whoever presides).
    CastingHolderChanges {
        /// The office holding the casting vote, if one does.
        office: Option<String>,
    },
    /// The weights are too many or too large to work out within the time and memory allowed.
    TooLarge,
}

/// Whom a rule chosen by who proposed is for: the proposers its `when proposed by` names, or
/// anyone else, for the plain rule beside them (worded in `report/power_words.rs`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RuleIsFor {
    /// The proposers its `when proposed by` names.
    Proposers(crate::results::terms::RuleProposers),
    /// Anyone the other rules do not name.
    AnyoneElse,
}

/// One member's power on one rule.
#[derive(Debug, Clone, Serialize)]
pub struct MemberPower {
    /// The member's identifier.
    pub member: String,
    /// Its name.
    pub name: String,
    /// Its declared share of the eligible votes.
    #[serde(serialize_with = "crate::exact::serialize_parts")]
    pub weight_share: Fraction,
    /// Its swings (raw Banzhaf): sets of the other members whose outcome its vote decides.
    pub swings: String,
    /// Normalised Banzhaf index; `null` when nobody's vote ever decides anything.
    #[serde(serialize_with = "crate::exact::serialize_parts_opt")]
    pub banzhaf: Option<Fraction>,
    /// Shapley–Shubik index; `null` when not asked for.
    #[serde(serialize_with = "crate::exact::serialize_parts_opt")]
    pub shapley: Option<Fraction>,
    /// Its vote alone decides the outcome.
    pub dictator: bool,
    /// Nothing passes without it.
    pub veto_player: bool,
    /// Its vote never changes the outcome.
    pub dummy: bool,
}

/// Every member's power under one rule of one decision.
#[derive(Debug, Clone, Serialize)]
pub struct RulePower {
    /// The decision's name.
    pub decision: String,
    /// First day the rule is in force (`YYYY-MM-DD`), if it has one.
    pub from: Option<String>,
    /// Last day the rule is in force, if it has one.
    pub until: Option<String>,
    /// For a decision whose rule depends on who proposed: whom the rule is for, in words
    /// (`“the Commission” or “the High Representative”`, or `anyone else`); absent otherwise
    /// (added in 1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proposed_by: Option<RuleIsFor>,
    /// Why the rule was not worked out (the JSON gives it in plain words); `null` when it was.
    pub not_analysed: Option<RuleNotAnalysed>,
    /// Whether it was not worked out only because the votes depend on a proposal (the budget
    /// each member commits to it), or who holds the casting vote does (the person presiding, an
    /// office's holder on the day; added in 1.4): not a failure, since `--proposal` gives the
    /// answer.
    pub needs_proposal: bool,
    /// How the counts were obtained: `classes`, `weighted` or `diagram`.
    pub method: Option<Method>,
    /// Whether voting in favour can never turn a pass into a failure. When false, the figures
    /// are net values (swings that break a pass count against) and no one is flagged a dictator.
    pub monotone: bool,
    /// Everyone's swings added up.
    pub total_swings: String,
    /// The voting members, in the agreement's order.
    pub members: Vec<MemberPower>,
    /// Members who do not vote on this decision (observers, excluded), by identifier.
    pub not_voting: Vec<String>,
    /// The decision's quorum of those attending, met because every member is taken to attend
    /// (added in 1.5); absent when the decision has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attendance_quorum: Option<AttendanceQuorumMet>,
}

/// A quorum of those attending that the indices take to be met: every member attends.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct AttendanceQuorumMet {
    /// How many must attend, at least.
    pub needed: u32,
    /// How many attend when every member does.
    pub attending: usize,
}

/// The report of `concord power`.
#[derive(Debug, Clone, Serialize)]
pub struct PowerReport {
    /// The JSON shape's version.
    #[serde(flatten)]
    pub schema: super::SchemaVersion,
    /// The agreement's path as given.
    pub agreement: String,
    /// Its title, when it could be read.
    pub title: Option<String>,
    /// The proposal's title, with `--proposal`.
    pub proposal: Option<String>,
    /// `banzhaf`, `shapley` or `all`.
    pub index: &'static str,
    /// One entry per rule worked out.
    pub rules: Vec<RulePower>,
    /// With `--sensitivity`: how far each member's weight can move on each decision.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sensitivity: Option<Vec<DecisionSensitivity>>,
    /// Problems that stopped everything: unreadable files, errors in their text.
    pub problems: Vec<Finding>,
    /// Plain-language problems without a place in a file.
    pub messages: Vec<String>,
    /// The agreement's elections, by name: `concord power` analyses decisions only, and says so
    /// (added in 1.4).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub elections_not_analysed: Vec<String>,
    /// The decisions a body outside the meeting takes, on which no member votes: not analysed
    /// (added in 1.5).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub decided_outside: Vec<DecidedOutside>,
    /// The agreement's text, for rendering.
    #[serde(skip)]
    pub source: Option<Source>,
    /// The diagnostics behind `problems`, with the text each points into.
    #[serde(skip)]
    pub diagnostics: Vec<(AnyDiagnostic, Arc<Source>)>,
}

impl PowerReport {
    /// 0 when everything asked for was worked out (a rule whose votes need a proposal is only
    /// noted), 1 when a rule could not be worked out exactly, 2 on a problem with the input.
    pub fn exit_code(&self) -> u8 {
        if !self.problems.is_empty() || !self.messages.is_empty() {
            2
        } else if self.rules.iter().any(|r| r.not_analysed.is_some() && !r.needs_proposal)
            || self.sensitivity.iter().flatten().any(|d| d.not_analysed.is_some() && !d.needs_proposal)
        {
            1
        } else {
            0
        }
    }
}

/// One end of the range a member's weight can move in (see [`MemberSensitivity`]).
#[derive(Debug, Clone, Serialize)]
pub struct SensitivityLimit {
    /// The weight at this end, in the decision's own terms (see [`DecisionSensitivity::unit`]).
    #[serde(serialize_with = "crate::exact::serialize_text")]
    pub weight: Fraction,
    /// The member's share of the eligible votes at that weight.
    #[serde(serialize_with = "crate::exact::serialize_text")]
    pub share: Fraction,
    /// `true`: an outcome changes at exactly this weight, so the range stops short of it;
    /// `false`: the range includes it and an outcome changes only beyond it.
    pub changes_at: bool,
    /// The first day the rule whose outcome changes is in force, when it has one.
    pub rule_from: Option<String>,
    /// A coalition whose outcome changes there: the members in favour (by identifier), every
    /// other eligible member voting against.
    pub in_favour: Vec<String>,
    /// Whether that coalition carries the decision today (and so would not at this weight).
    pub passes_now: bool,
}

/// How far one member's weight can move on one decision before the outcome of any coalition
/// under any of its rules changes.
#[derive(Debug, Clone, Serialize)]
pub struct MemberSensitivity {
    /// The member's identifier.
    pub member: String,
    /// Its name.
    pub name: String,
    /// Its weight today, in the decision's own terms.
    #[serde(serialize_with = "crate::exact::serialize_text")]
    pub weight: Fraction,
    /// Its share of the eligible votes today.
    #[serde(serialize_with = "crate::exact::serialize_text")]
    pub share: Fraction,
    /// How far it can rise; `null` when no rise changes any outcome.
    pub rise: Option<SensitivityLimit>,
    /// How far it can fall; `null` when it can fall to nothing and no outcome changes.
    pub fall: Option<SensitivityLimit>,
}

/// `power --sensitivity` for one decision.
#[derive(Debug, Clone, Serialize)]
pub struct DecisionSensitivity {
    /// The decision's name.
    pub decision: String,
    /// What a weight counts: `votes`, or the figure votes are in proportion to (`budget`,
    /// `equity`, `contribution`, …).
    pub unit: &'static str,
    /// Whether that figure is a sum of money.
    pub money: bool,
    /// Why it was not worked out (the JSON gives it in plain words); `null` when it was.
    pub not_analysed: Option<SensitivityNotAnalysed>,
    /// Whether it was not worked out only because votes weigh by a proposal's commitments.
    pub needs_proposal: bool,
    /// One entry per voting member, in the agreement's order.
    pub members: Vec<MemberSensitivity>,
}

/// A decision taken by a body outside the meeting, which `concord power` does not analyse: no
/// member's vote counts on it (added in 1.5).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecidedOutside {
    /// The decision's name.
    pub decision: String,
    /// The body that takes it.
    pub body: String,
}
