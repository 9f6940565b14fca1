//! The evaluator's working, as plain data: who votes and with what weight, each condition with
//! its tallies and comparison, the vetoes, the quorum, any tie, and the outcome. `report/` turns
//! it into words; the JSON report is its serialisation.

use rust_decimal::Decimal;
use serde::{Serialize, Serializer};

use super::{Ballot, Comparison, Fraction, Name, Outcome, Place, Relation, Tally};
use crate::model::{Date, MemberId, Proportion, Rounding, Scope, Side, Unit, WeightScheme};
use crate::results::terms::Term;

/// The whole working of one proposal's evaluation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Evaluation {
    /// The proposal's title (a scenario's name, in a scenario file).
    pub proposal: String,
    /// The decision the proposal is for, as named.
    pub decision: Option<String>,
    /// The day it is decided.
    #[serde(serialize_with = "iso_date")]
    pub date: Option<Date>,
    /// The agreement's currency code, for the money figures (gains and limits).
    pub currency: String,
    /// The currency's symbol, for display.
    #[serde(skip)]
    pub currency_symbol: Option<char>,
    /// How votes are weighted on this decision (absent when the decision does not exist).
    pub voting: Option<VotingSummary>,
    /// Every member of the agreement: its vote, whether it votes here, its weight.
    pub members: Vec<Standing>,
    /// The rule in force and each of its conditions (absent when no rule could be chosen).
    pub rule: Option<RuleResult>,
    /// Every veto clause of the decision, and whether it was used.
    pub vetoes: Vec<VetoResult>,
    /// The quorum, when the decision (or the agreement) sets one.
    pub quorum: Option<RuleResult>,
    /// The tie check, made when the rule did not hold and there was no veto.
    pub tie: Option<TieResult>,
    /// A matter reserved to one partner, conflicted members' sub-votes and approvals outside the
    /// meeting (added in 1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matters: Option<Box<super::matters::MattersWorking>>,
    /// Missed meetings, their excuse and the quorum of members attending (added in 1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub meetings: Option<super::meetings::MeetingsWorking>,
    /// The outcome.
    pub outcome: Outcome,
    /// What a passed proposal changes in the agreement, clause by clause (added in 1.4).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub effects: Vec<super::EffectOut>,
    /// Why the agreement cannot take those changes, when it cannot (added in 1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effects_refused: Option<crate::results::terms::Refusal>,
    /// In a scenario that follows others, the changes their passed proposals made to the
    /// agreement this was decided under, step by step (added in 1.4).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub in_force: Vec<super::InForce>,
    /// The changes, for [`crate::model::effects::apply`].
    #[serde(skip)]
    pub changes: Vec<crate::model::effects::Effect>,
    /// A proposal made jointly, for a decision that counts those proposing (`any 10 members
    /// jointly`): who, how many and how many the clause needs (added in 1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jointly: Option<super::proposer::JointWorking>,
}

fn iso_date<S: Serializer>(date: &Option<Date>, s: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => s.collect_str(d),
        None => s.serialize_none(),
    }
}

/// How votes are weighted on the decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VotingSummary {
    /// The scheme (in JSON, in words: `one member one vote`, `in proportion to budget`, …).
    pub scheme: Term<WeightScheme>,
    /// Shares reserved for kinds of member.
    pub reserved: Vec<ReservedSummary>,
    /// The sum of the weights of every member who votes on this proposal.
    pub total: Decimal,
    /// The weight of "one vote" in `half … plus one`.
    pub one_vote: Decimal,
    /// Whether the weights shown are the scheme's weights restated in smallest whole terms
    /// (done when shares are reserved: only the proportions between weights matter).
    pub restated: bool,
}

/// A share of the votes reserved for one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReservedSummary {
    /// The kind.
    pub kind: String,
    /// The share, as a percentage of all votes.
    pub percent: Decimal,
}

impl Evaluation {
    /// Fills in every voting member's exact share of all votes (in lowest terms) and its
    /// percentage for display. Kept apart from [`evaluate`](super::evaluate) because reducing hundreds of
    /// fractions costs more than deciding the proposal; reports ask for it with `--weights`.
    pub fn add_shares(&mut self) {
        let Some(total) = self.voting.as_ref().map(|v| v.total) else { return };
        for m in self.members.iter_mut().filter(|m| m.eligible) {
            m.share = crate::exact::of_decimals(m.weight, total).map(Box::new);
            m.share_percent = super::tally::percent(m.weight, total);
        }
    }
}

/// One member's standing on the proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Standing {
    /// The member, for matching by id.
    #[serde(skip)]
    pub id: MemberId,
    /// Its identifier.
    pub member: Name,
    /// Its display name.
    pub name: Name,
    /// How it voted.
    pub vote: Ballot,
    /// Whether it votes on this proposal.
    pub eligible: bool,
    /// Why it does not vote, when it does not.
    pub not_voting: Option<Box<NotVoting>>,
    /// Its exact weight (zero when it does not vote).
    pub weight: Decimal,
    /// Its exact share of all votes, in lowest terms (`27/40`); filled in by
    /// [`Evaluation::add_shares`] (`--weights`), otherwise absent.
    #[serde(serialize_with = "crate::exact::serialize_text_opt")]
    pub share: Option<Box<Fraction>>,
    /// The same share as a percentage rounded to two places, for display only (with `share`).
    pub share_percent: Option<Decimal>,
    /// Who cast its vote in its place (a substitute or a proxy), when someone did.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cast_in_place: Option<Box<super::CastInPlace>>,
}

/// Why a member does not vote on this proposal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotVoting {
    /// The reason.
    pub reason: NotVotingReason,
    /// The clause that says so (the member's `observer` line, or the decision's clause).
    pub clause: Place,
    /// For a gain: what the proposal brings the member.
    pub gain: Option<Decimal>,
    /// For a gain: the most it may gain and still vote.
    pub limit: Option<Decimal>,
    /// Whether the member voted anyway: its vote is disregarded (counted nowhere; the rest of
    /// the vote stands), as docs/semantics.md step 3 says.
    pub vote_disregarded: bool,
}

/// The reasons a member does not vote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotVotingReason {
    /// An observer attends but never votes.
    Observer,
    /// The decision says it does not vote.
    Excluded,
    /// Only members of another kind vote on the decision.
    NotOfVotingKind,
    /// The proposal brings it more new revenue than the decision allows a voter to gain.
    Gains,
    /// The proposal concerns it, and the decision leaves the member concerned out.
    Concerned,
    /// It opted out of the proposal, as the decision lets it.
    OptedOut,
    /// The proposal names it conflicted, and the other members present did not agree that it
    /// may take part (added in 1.4).
    Conflicted,
    /// The matter is reserved to another member, who alone decides it (added in 1.4).
    Reserved,
}

/// A rule (or quorum) and how it was decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleResult {
    /// The whole rule as written.
    pub place: Place,
    /// First day in force, when the rule is dated.
    #[serde(serialize_with = "iso_date")]
    pub from: Option<Date>,
    /// Last day in force, when the rule is dated.
    #[serde(serialize_with = "iso_date")]
    pub until: Option<Date>,
    /// Where a quorum comes from (`decision` or `agreement`); absent for a rule.
    pub source: Option<QuorumSource>,
    /// For a quorum at a reconvened meeting: whether it is the lower quorum of such a meeting
    /// (`if reconvened, quorum …`), or the ordinary one because none lowers it. Absent at an
    /// ordinary meeting and for a rule.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reconvened: Option<bool>,
    /// Each condition, in the order written.
    pub conditions: Vec<ConditionResult>,
    /// How the conditions combine, with the result of each part.
    pub combination: Combination,
    /// Whether the rule held.
    pub held: bool,
    /// For a decision whose rule depends on who proposed: who did, and which rule that chose
    /// (added in 1.4). Absent otherwise, and for a quorum.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chosen: Option<super::proposer::ProposerChoice>,
}

/// Whether a quorum is the decision's own or the agreement's default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum QuorumSource {
    /// Set by the decision.
    Decision,
    /// The agreement's default quorum.
    Agreement,
}

/// How the conditions of a rule combine: one condition, or `and` / `or` over parts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Combination {
    /// One condition, by its number (from 1) in [`RuleResult::conditions`].
    Condition { number: usize, held: bool },
    /// Every part must hold (`and`).
    All { parts: Vec<Combination>, held: bool },
    /// At least one part must hold (`or`).
    Any { parts: Vec<Combination>, held: bool },
}

impl Combination {
    /// Whether this part held.
    pub fn held(&self) -> bool {
        match self {
            Combination::Condition { held, .. } | Combination::All { held, .. } | Combination::Any { held, .. } => {
                *held
            }
        }
    }
}

/// What kind of condition this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionKind {
    /// `unanimous`.
    Unanimous,
    /// `every [K] member SIDE`.
    Every,
    /// `no [K] member SIDE`.
    NoMember,
    /// `half the BASE plus one SIDE`.
    HalfPlusOne,
    /// `CMP P of BASE SIDE`.
    Threshold,
    /// `CMP N [K] members SIDE`.
    Count,
    /// `each bloc in favour by …` / `the X bloc in favour by …`.
    Bloc,
    /// `each bloc in favour` / `the X bloc in favour`: by each bloc's own rule.
    BlocPosition,
    /// `MEMBER SIDE`.
    Member,
}

/// One condition of a rule, with its working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConditionResult {
    /// Its number in the rule, from 1, in the order written.
    pub number: usize,
    /// What kind of condition it is.
    pub kind: ConditionKind,
    /// Its words and where they are.
    pub place: Place,
    /// Whether it held.
    pub held: bool,
    /// The measurement, for every kind but `bloc` and `member`.
    pub measure: Option<Measure>,
    /// One measurement per bloc, for a `bloc` condition.
    pub blocs: Vec<BlocMeasure>,
    /// Each bloc's position, for a `bloc_position` condition (added in 1.4).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<super::BlocPosition>,
    /// The member's vote, for a `member` condition.
    pub member: Option<MemberTest>,
}

/// What a condition counted and what it compared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Measure {
    /// Weighted votes or heads.
    #[serde(serialize_with = "unit_words")]
    pub unit: Unit,
    /// The kind of member counted, when the condition names one.
    pub kind: Option<Name>,
    /// The side counted.
    #[serde(serialize_with = "side_words")]
    pub side: Side,
    /// The eligible members counted, by how they voted (weights, or heads for `members`).
    pub tally: Tally,
    /// Members of the kind counted who do not vote, and why.
    pub not_counted: Vec<NotCounted>,
    /// What was counted on the side.
    pub counted: Decimal,
    /// The base the threshold is taken of (absent for counts and `no member`).
    pub base: Option<BaseSize>,
    /// The requirement and its exact comparison.
    pub requirement: Requirement,
}

/// A member left out of a condition's count.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NotCounted {
    /// The member.
    pub member: Name,
    /// Why.
    pub reason: NotVotingReason,
}

/// The base of a proportion.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BaseSize {
    /// Eligible, cast or present.
    #[serde(serialize_with = "scope_words")]
    pub scope: Scope,
    /// Its size: the weight (or heads) it holds.
    pub size: Decimal,
}

/// What a condition requires, and the exact comparison that decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirement {
    /// The test: at least, more than, at most, fewer than, or (for `every` and `no member`)
    /// equal to.
    pub relation: Relation,
    /// The proportion, for thresholds and blocs.
    pub proportion: Option<ProportionOut>,
    /// The number of members, for counts.
    pub count: Option<u32>,
    /// For a count written as a share of the membership: how the count was worked out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub membership: Option<MembershipOut>,
    /// For `half … plus one`: the weight of the one vote added.
    pub plus: Option<Decimal>,
    /// What is required, on the scale of `counted`: exact when `required_exact`, otherwise
    /// rounded to two places for display.
    pub required: Decimal,
    /// Whether `required` is exact.
    pub required_exact: bool,
    /// The comparison as decided, multiplied out so that no division rounds.
    pub comparison: Comparison,
    /// Whether the base was empty (nothing could be measured): `at least` and `more than` then
    /// fail, `at most` and `fewer than` hold.
    pub empty_base: bool,
}

/// A count written as a share of the membership (`at least half of the membership, rounded
/// up`), with the working: the share, the membership it is taken of, and the rounding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MembershipOut {
    /// The share (in JSON, as written: `half`, `2/3`, `60%`).
    pub share: Term<Proportion>,
    /// The number of members of the agreement who are not observers.
    pub membership: u32,
    /// The share of the membership before rounding (`3.5` for half of 7), to two places when
    /// not `value_exact`.
    pub value: Decimal,
    /// Whether `value` is exact.
    pub value_exact: bool,
    /// Which way it is rounded (in JSON, `rounded up` or `rounded down`).
    pub rounding: Term<Rounding>,
}

/// A proportion as written and as an exact fraction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProportionOut {
    /// As written (`70%`, `2/3`, `half`).
    pub text: Name,
    /// The numerator.
    pub numerator: Decimal,
    /// The denominator.
    pub denominator: Decimal,
}

/// One bloc's part in a bloc condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BlocMeasure {
    /// The bloc's identifier.
    pub bloc: Name,
    /// Its display name.
    pub name: Name,
    /// Its eligible members' votes against the threshold.
    pub measure: Measure,
    /// Whether it held for this bloc.
    pub held: bool,
}

/// A `MEMBER SIDE` condition's working.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MemberTest {
    /// The member.
    pub member: Name,
    /// The side required.
    #[serde(serialize_with = "side_words")]
    pub side: Side,
    /// How it voted.
    pub vote: Ballot,
    /// Whether it votes on this proposal (the condition fails when it does not).
    pub eligible: bool,
}

/// One veto clause and whether it was used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VetoResult {
    /// The clause.
    pub place: Place,
    /// Whether it applies only when the proposal puts the holder's statutory duties at risk.
    pub statutory_only: bool,
    /// Whether it applies only when the proposal says the holder loses by it (added in 1.4).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub on_loss: bool,
    /// Each possible holder (member or bloc) and what it did.
    pub holders: Vec<VetoHolderResult>,
    /// Who used the veto.
    pub exercised_by: Vec<Name>,
}

/// One possible veto holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct VetoHolderResult {
    /// The member's or bloc's identifier.
    pub holder: Name,
    /// Whether it is a bloc.
    pub bloc: bool,
    /// Whether the veto was open to it on this proposal.
    pub applies: bool,
    /// Why not, when it was not.
    pub not_applicable: Option<VetoInapplicable>,
    /// A member's vote.
    pub vote: Option<Ballot>,
    /// A bloc's eligible votes (weights) by side.
    pub tally: Option<Tally>,
    /// Whether it used the veto (a member by voting against; a bloc when its position, by its
    /// rule and casting vote, is against).
    pub exercised: bool,
    /// A bloc's internal count, when it has a rule or casting vote of its own (added in 1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<super::BlocPosition>,
}

/// Why a veto was not open to a holder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VetoInapplicable {
    /// The holder does not vote on this proposal.
    NotEligible,
    /// The veto applies only when statutory duties are at risk, and the proposal does not say
    /// they are.
    DutiesNotAtRisk,
    /// The veto applies only to a holder that loses by the proposal, and the proposal states no
    /// loss for it (added in 1.4).
    NoLoss,
    /// The bloc has no member who votes on this proposal.
    NoEligibleMember,
}

/// The tie check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TieResult {
    /// Eligible weight in favour.
    pub in_favour: Decimal,
    /// Eligible weight against.
    pub against: Decimal,
    /// Whether any eligible member voted in favour or against.
    pub votes_cast: bool,
    /// Whether the votes tied.
    pub tied: bool,
    /// Whether the tie decides the proposal: the rule, which did not hold, would hold with the
    /// tie broken in favour (docs/semantics.md step 7, the tipped reading).
    pub decides: bool,
    /// The conditions (by number) that stood exactly level and so would tip with the tie broken
    /// in favour.
    pub tipped: Vec<usize>,
    /// The casting vote, when the decision gives one and the tie decides the proposal.
    pub casting_vote: Option<CastingVote>,
}

/// The casting vote on a tie.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CastingVote {
    /// Who holds it.
    pub member: Name,
    /// The clause granting it.
    pub clause: Place,
    /// How it was cast (absent when it could not be).
    pub cast: Option<Ballot>,
    /// Where the way it was cast came from.
    pub from: Option<CastingSource>,
    /// Why it could not be used, when it was not.
    pub unused: Option<CastingUnused>,
    /// Whether it is held as the person presiding (the proposal's `presiding:` line) rather
    /// than by a member the decision names.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub presiding: bool,
    /// Where the decision gives it to an office (`on a tie, the chair has the casting vote`):
    /// how the holder holds that office at this meeting (added in 1.4).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<HeldOffice>,
}

/// How the holder of a casting vote holds the office the decision gives it to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HeldOffice {
    /// The office: `chair`.
    pub office: String,
    /// The meeting's date, when who holds the office depends on it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on: Option<crate::calendar::Date>,
    /// The agreement's clause that gives the holder the office then.
    pub clause: Place,
    /// Whether the clause lets several members hold it and the proposal's `presiding:` line
    /// says which one did.
    pub presided: bool,
}

/// Where the casting vote's direction came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CastingSource {
    /// The proposal's `casting vote:` line.
    Proposal,
    /// The holder's own vote.
    OwnVote,
}

/// Why a casting vote was not used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CastingUnused {
    /// The holder does not vote on this proposal.
    NotEligible,
    /// The holder was absent: an absent member casts no vote, casting or other.
    Absent,
    /// The holder abstained and the proposal gives no `casting vote:` line.
    NoDirection,
}

/// A side in the words of the JSON report (`in_favour`, `against`, `present`, `abstaining`).
pub fn side_key(side: Side) -> &'static str {
    match side {
        Side::InFavour => "in_favour",
        Side::Against => "against",
        Side::Present => "present",
        Side::Abstaining => "abstaining",
        Side::Voting => "voting",
    }
}

fn side_words<S: Serializer>(side: &Side, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(side_key(*side))
}

fn unit_words<S: Serializer>(unit: &Unit, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(match unit {
        Unit::Votes => "votes",
        Unit::Members => "members",
    })
}

fn scope_words<S: Serializer>(scope: &Scope, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(match scope {
        Scope::Eligible => "eligible",
        Scope::Cast => "cast",
        Scope::Present => "present",
    })
}
