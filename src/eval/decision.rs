//! Deciding one proposal: the electorate, each condition of the rule, vetoes, quorum, ties.
//!
//! In: the agreement, the proposal and their texts. Out: an [`Evaluation`]. Who votes and what
//! each vote weighs come from [`crate::weights::electorate`] (shared with the checker); this
//! module only counts ballots against those weights and compares exactly.
//!
//! Meanings (the language reference says the same):
//! - a vote from a member whose gain under the proposal is over the decision's limit is set
//!   aside (it is not counted, and the vote stands without it); a vote from an unknown member,
//!   an observer, or a member the decision's clauses exclude makes the proposal invalid;
//! - a bloc veto is used when more than half of the bloc's eligible votes cast are against; a
//!   statutory bloc veto applies when the proposal puts any bloc member's duties at risk;
//! - `each bloc …` fails when the agreement has no bloc (nothing can be measured);
//! - the first step that settles a proposal gives the outcome: a casting vote decides a tie for
//!   good (a casting vote against is a rejection, not escalated); a tie that no casting vote
//!   settles goes to the `on a tie` route, else stays deadlocked with no route; `if rejected`
//!   escalates a proposal the rule (or a veto) rejected.

use rust_decimal::Decimal;

use super::tally::{self, Ballot, Comparison, Relation, Tally, TooLarge};
use super::{
    BaseSize, BlocMeasure, CastingSource, CastingUnused, CastingUsed, CastingVote, Combination, ConditionKind,
    ConditionResult, Deadlock, DeadlockCause, EscalationStep, Evaluation, Invalidity, Measure, MemberTest, NotCounted,
    NotVoting, NotVotingReason, Outcome, OutcomeKind, Place, ProportionOut, QuorumSource, Requirement, ReservedSummary,
    RuleResult, Standing, TieResult, VetoHolderResult, VetoInapplicable, VetoResult, VotingSummary,
};
use crate::model::inputs::{DecisionRef, Proposal, Voter};
use crate::model::{
    Agreement, Base, Bloc, BlocSelection, Comparator, Condition, Decision, EscalationTrigger, KindId, MemberId,
    Proportion, Rule, Scope, Side, Unit, VetoHolder, VoteChoice, WeightScheme,
};
use crate::span::{line_col, Span, Spanned};
use crate::weights::{self, Ineligibility, WeightsOverflow};

/// The texts an agreement and a proposal were read from, for quoting their words.
#[derive(Debug, Clone, Copy)]
pub struct Sources<'a> {
    /// The agreement's text.
    pub agreement: &'a str,
    /// The text the proposal (or scenario) was read from.
    pub proposal: &'a str,
}

/// Why a proposal could not be evaluated at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, miette::Diagnostic)]
pub enum EvalError {
    /// The weights themselves overflow.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Weights(#[from] WeightsOverflow),
    /// A comparison's products overflow.
    #[error("the votes on decision `{decision}` are too large to compare exactly")]
    #[diagnostic(
        code(concord::eval::figures_too_large),
        help("votes are compared exactly; figures this large exceed 28 significant digits — express budgets in thousands, or weigh by a smaller figure")
    )]
    TooLarge {
        /// The decision's name.
        decision: String,
        /// The decision.
        #[label("this decision")]
        at: miette::SourceSpan,
    },
}

/// Evaluates `proposal` against `agreement`: the outcome and all of its working.
pub fn evaluate(agreement: &Agreement, proposal: &Proposal, sources: Sources<'_>) -> Result<Evaluation, EvalError> {
    let mut evaluation = Evaluation {
        proposal: proposal.title.node.clone(),
        decision: None,
        date: proposal.date.map(|d| d.node),
        currency: agreement.currency.code.clone(),
        currency_symbol: agreement.currency.symbol,
        voting: None,
        members: Vec::new(),
        rule: None,
        vetoes: Vec::new(),
        quorum: None,
        tie: None,
        outcome: outcome(OutcomeKind::Invalid),
    };
    let decision = match proposal.decision.as_ref().map(|d| &d.node) {
        None => {
            evaluation.outcome.invalid.push(Invalidity::NoDecision);
            return Ok(evaluation);
        }
        Some(DecisionRef::Unknown(name)) => {
            evaluation.decision = Some(name.clone());
            evaluation.outcome.invalid.push(Invalidity::UnknownDecision { name: name.clone() });
            return Ok(evaluation);
        }
        Some(DecisionRef::Known(id)) => match agreement.decision(*id) {
            Some(d) => d,
            None => {
                evaluation.outcome.invalid.push(Invalidity::UnknownDecision { name: String::new() });
                return Ok(evaluation);
            }
        },
    };
    evaluation.decision = Some(decision.name.clone());
    let too_large = |_: TooLarge| EvalError::TooLarge { decision: decision.name.clone(), at: decision.span.into() };

    let ctx = Context::new(agreement, decision, proposal, sources)?;
    let mut invalid = ctx.vote_problems(proposal, sources.proposal);
    evaluation.voting = Some(ctx.voting_summary());
    evaluation.members = ctx.standings();

    // The rule in force on the proposal's date.
    let dated = decision.rules.iter().any(|r| r.from.is_some() || r.until.is_some());
    let in_force = match (dated, proposal.date) {
        (true, None) => {
            invalid.push(Invalidity::NoDate);
            None
        }
        (_, date) => {
            let rule = decision.rule_on(date.map(|d| d.node));
            if rule.is_none() {
                if let Some(date) = date {
                    invalid.push(Invalidity::NoRuleInForce { date: date.node });
                }
            }
            rule
        }
    };
    if let Some(timed) = in_force {
        let mut rule = ctx.rule_result(&timed.rule, None).map_err(too_large)?;
        rule.from = timed.from;
        rule.until = timed.until;
        evaluation.rule = Some(rule);
    }

    evaluation.vetoes = ctx.vetoes(proposal).map_err(too_large)?;
    let quorum = match (&decision.quorum, &agreement.default_quorum) {
        (Some(q), _) => Some((q, QuorumSource::Decision)),
        (None, Some(q)) => Some((q, QuorumSource::Agreement)),
        (None, None) => None,
    };
    if let Some((rule, source)) = quorum {
        let result = ctx.rule_result(rule, Some(source)).map_err(too_large)?;
        if !result.held {
            invalid.push(Invalidity::NoQuorum);
        }
        evaluation.quorum = Some(result);
    }

    if !invalid.is_empty() {
        evaluation.outcome.invalid = invalid;
        return Ok(evaluation);
    }
    // The first step that settles the proposal gives the outcome.
    let vetoed_by: Vec<String> = evaluation.vetoes.iter().flat_map(|v| v.exercised_by.iter().cloned()).collect();
    let rule_held = evaluation.rule.as_ref().is_some_and(|r| r.held);
    let mut result = outcome(OutcomeKind::Rejected);
    let mut escalate = None;
    if !vetoed_by.is_empty() {
        result.vetoed_by = vetoed_by;
        escalate = Some(DeadlockCause::Vetoed);
    } else if rule_held {
        result.result = OutcomeKind::Passed;
    } else {
        let tie = ctx.tie(proposal);
        if tie.tied {
            match tie.casting_vote.as_ref().and_then(|c| c.cast.map(|cast| (c, cast))) {
                Some((casting, cast)) => {
                    result.result = if cast == Ballot::InFavour { OutcomeKind::Passed } else { OutcomeKind::Rejected };
                    let id = decision.casting_vote.map_or(MemberId(0), |c| c.node);
                    result.casting_vote = Some(CastingUsed { member: casting.member.clone(), id, cast });
                }
                None => {
                    result.result = OutcomeKind::Deadlocked;
                    result.deadlock = Some(match ctx.route(EscalationTrigger::Tie) {
                        Some(route) => ctx.escalated(DeadlockCause::Tie, route),
                        None => {
                            Deadlock { because: DeadlockCause::Tie, escalated_to: None, then: Vec::new(), clause: None }
                        }
                    });
                }
            }
        } else {
            escalate = Some(DeadlockCause::Rejected);
        }
        evaluation.tie = Some(tie);
    }
    if let (Some(cause), Some(route)) = (escalate, ctx.route(EscalationTrigger::Rejected)) {
        result.result = OutcomeKind::Deadlocked;
        result.deadlock = Some(ctx.escalated(cause, route));
    }
    evaluation.outcome = result;
    Ok(evaluation)
}

/// Counts newlines in chunks small enough for a byte counter, which the compiler turns into
/// wide vector compares (a whole agreement is scanned once per evaluation).
fn count_newlines(bytes: &[u8]) -> usize {
    bytes.chunks(255).map(|chunk| usize::from(chunk.iter().fold(0u8, |n, b| n + u8::from(*b == b'\n')))).sum()
}

fn outcome(result: OutcomeKind) -> Outcome {
    Outcome { result, casting_vote: None, vetoed_by: Vec::new(), deadlock: None, invalid: Vec::new() }
}

/// Which members a condition counts.
#[derive(Clone, Copy)]
enum Filter<'a> {
    All,
    Kind(KindId),
    Bloc(&'a Bloc),
}

/// Everything one evaluation needs, computed once.
struct Context<'a> {
    agreement: &'a Agreement,
    decision: &'a Decision,
    text: &'a str,
    /// Per member (indexed by id): why it does not vote, if it does not.
    ineligible: Vec<Option<Ineligibility>>,
    /// Per member: its weight (zero when it does not vote), restated when shares are reserved.
    weights: Vec<Decimal>,
    /// Per member: how it voted.
    ballots: Vec<Ballot>,
    total: Decimal,
    one_vote: Decimal,
    restated: bool,
    /// Places already looked up (few distinct clauses, many members).
    places: std::cell::RefCell<Vec<Place>>,
    /// Known (offset, line) pairs in the agreement's text, sorted, so that finding a line
    /// counts only the newlines since the nearest known offset.
    lines: std::cell::RefCell<Vec<(usize, usize)>>,
}

impl<'a> Context<'a> {
    fn new(
        agreement: &'a Agreement,
        decision: &'a Decision,
        proposal: &Proposal,
        sources: Sources<'a>,
    ) -> Result<Context<'a>, EvalError> {
        let electorate = weights::electorate(agreement, decision, Some(proposal))?;
        let mut weights: Vec<Decimal> = electorate.voters.iter().map(|v| v.weight).collect();
        let mut total = electorate.total;
        let mut one_vote = electorate.one_vote;
        let mut restated = false;
        // Reserved shares make weights on a large common scale; restate them in smallest whole
        // terms so that the report reads "27 of 40" rather than "10,800 of 16,000". Dividing
        // every weight by a common divisor is exact and keeps every proportion.
        if !agreement.voting.reserved.is_empty() {
            let nonzero = weights.iter().copied().filter(|w| !w.is_zero());
            if let Some(divisor) = tally::common_divisor(nonzero).filter(|d| *d != Decimal::ONE) {
                for w in &mut weights {
                    *w = tally::divide_exactly(*w, divisor).unwrap_or_else(|| (*w / divisor).normalize());
                }
                total = tally::divide_exactly(total, divisor).unwrap_or_else(|| (total / divisor).normalize());
                one_vote = total / Decimal::ONE_HUNDRED;
                restated = true;
            }
        }
        let mut ballots = vec![Ballot::Absent; agreement.members.len()];
        for vote in &proposal.votes {
            if let Voter::Known(id) = vote.voter {
                if let Some(slot) = ballots.get_mut(id.index()) {
                    *slot = match vote.choice {
                        VoteChoice::InFavour => Ballot::InFavour,
                        VoteChoice::Against => Ballot::Against,
                        VoteChoice::Abstaining => Ballot::Abstaining,
                    };
                }
            }
        }
        Ok(Context {
            agreement,
            decision,
            text: sources.agreement,
            ineligible: electorate.voters.into_iter().map(|v| v.ineligible).collect(),
            weights,
            ballots,
            total,
            one_vote,
            restated,
            places: std::cell::RefCell::new(Vec::new()),
            lines: std::cell::RefCell::new(vec![(0, 1)]),
        })
    }

    fn place(&self, span: Span) -> Place {
        let mut places = self.places.borrow_mut();
        if let Some(found) = places.iter().find(|p| p.span == span) {
            return found.clone();
        }
        let place = Place::on_line(self.text, span, self.line(span.start));
        places.push(place.clone());
        place
    }

    fn line(&self, offset: usize) -> usize {
        let mut lines = self.lines.borrow_mut();
        let at = lines.partition_point(|(o, _)| *o <= offset).saturating_sub(1);
        let (from, line) = lines.get(at).copied().unwrap_or((0, 1));
        let newlines = self.text.get(from..offset).map_or(0, |s| count_newlines(s.as_bytes()));
        let line = line + newlines;
        lines.insert(at + 1, (offset, line));
        line
    }

    fn eligible(&self, member: MemberId) -> bool {
        matches!(self.ineligible.get(member.index()), Some(None))
    }

    fn ballot(&self, member: MemberId) -> Ballot {
        self.ballots.get(member.index()).copied().unwrap_or(Ballot::Absent)
    }

    fn weight(&self, member: MemberId) -> Decimal {
        self.weights.get(member.index()).copied().unwrap_or(Decimal::ZERO)
    }

    fn key(&self, member: MemberId) -> String {
        self.agreement.member(member).map_or_else(String::new, |m| m.key.clone())
    }

    fn kind_name(&self, kind: KindId) -> String {
        self.agreement.kind(kind).map_or_else(String::new, |k| k.name.clone())
    }

    /// Votes that make the proposal invalid: from unknown names, observers, excluded members.
    fn vote_problems(&self, proposal: &Proposal, source: &str) -> Vec<Invalidity> {
        let mut problems = Vec::new();
        let line_of = |vote: &crate::model::inputs::Vote| line_col(source, vote.span.start).0;
        for vote in &proposal.votes {
            match &vote.voter {
                Voter::Unknown(key) => {
                    problems.push(Invalidity::UnknownMemberVoted { member: key.clone(), line: line_of(vote) })
                }
                Voter::Known(id) => match self.ineligible.get(id.index()).and_then(Option::as_ref) {
                    Some(Ineligibility::Observer { .. }) => {
                        problems.push(Invalidity::ObserverVoted { member: self.key(*id), line: line_of(vote) })
                    }
                    Some(Ineligibility::Excluded { clause } | Ineligibility::NotOfVotingKind { clause }) => problems
                        .push(Invalidity::ExcludedMemberVoted {
                            member: self.key(*id),
                            line: line_of(vote),
                            clause: self.place(*clause),
                        }),
                    Some(Ineligibility::Gains { .. }) | None => {}
                },
            }
        }
        problems
    }

    fn voting_summary(&self) -> VotingSummary {
        let scheme = match &self.agreement.scheme_for(self.decision).node {
            WeightScheme::OneMemberOneVote => "one member one vote".to_string(),
            WeightScheme::Proportional(figure) => format!("in proportion to {}", figure.words()),
            WeightScheme::Committed(crate::model::CommitScope::Proposal) => {
                "in proportion to budget committed to the proposal".to_string()
            }
            WeightScheme::Committed(crate::model::CommitScope::Pool) => {
                "in proportion to budget committed to the pool".to_string()
            }
            WeightScheme::Explicit => "as set for each member".to_string(),
        };
        let reserved = self
            .agreement
            .voting
            .reserved
            .iter()
            .map(|r| ReservedSummary { kind: self.kind_name(r.kind.node), percent: r.share.node.0 })
            .collect();
        VotingSummary { scheme, reserved, total: self.total, one_vote: self.one_vote, restated: self.restated }
    }

    fn not_voting(&self, member: MemberId) -> Option<NotVoting> {
        let why = self.ineligible.get(member.index())?.as_ref()?;
        let voted = self.ballot(member) != Ballot::Absent;
        Some(match why {
            Ineligibility::Observer { role } => NotVoting {
                reason: NotVotingReason::Observer,
                clause: self.place(*role),
                gain: None,
                limit: None,
                vote_set_aside: false,
            },
            Ineligibility::Excluded { clause } => NotVoting {
                reason: NotVotingReason::Excluded,
                clause: self.place(*clause),
                gain: None,
                limit: None,
                vote_set_aside: false,
            },
            Ineligibility::NotOfVotingKind { clause } => NotVoting {
                reason: NotVotingReason::NotOfVotingKind,
                clause: self.place(*clause),
                gain: None,
                limit: None,
                vote_set_aside: false,
            },
            Ineligibility::Gains { clause, gain, limit } => NotVoting {
                reason: NotVotingReason::Gains,
                clause: self.place(*clause),
                gain: Some(*gain),
                limit: Some(*limit),
                vote_set_aside: voted,
            },
        })
    }

    fn reason(&self, member: MemberId) -> Option<NotVotingReason> {
        Some(match self.ineligible.get(member.index())?.as_ref()? {
            Ineligibility::Observer { .. } => NotVotingReason::Observer,
            Ineligibility::Excluded { .. } => NotVotingReason::Excluded,
            Ineligibility::NotOfVotingKind { .. } => NotVotingReason::NotOfVotingKind,
            Ineligibility::Gains { .. } => NotVotingReason::Gains,
        })
    }

    fn standings(&self) -> Vec<Standing> {
        self.agreement
            .members
            .iter()
            .map(|m| {
                let weight = self.weight(m.id);
                let eligible = self.eligible(m.id);
                Standing {
                    id: m.id,
                    member: m.key.clone(),
                    name: m.name.clone(),
                    vote: self.ballot(m.id),
                    eligible,
                    not_voting: self.not_voting(m.id).map(Box::new),
                    weight,
                    share: None,
                    share_percent: None,
                }
            })
            .collect()
    }

    /// Counts the eligible members a filter selects, by ballot, in votes or heads; and lists
    /// the members it selects who do not vote.
    fn tally(&self, filter: Filter<'_>, unit: Unit) -> (Tally, Vec<NotCounted>) {
        // Heads are counted in integers and weights summed as decimals, by ballot.
        let mut heads = [0u32; 4];
        let mut weights = [Decimal::ZERO; 4];
        let mut not_counted = Vec::new();
        let mut count = |member: MemberId| match self.ineligible.get(member.index()) {
            Some(None) => {
                let slot = match self.ballot(member) {
                    Ballot::InFavour => 0,
                    Ballot::Against => 1,
                    Ballot::Abstaining => 2,
                    Ballot::Absent => 3,
                };
                match unit {
                    Unit::Members => {
                        if let Some(h) = heads.get_mut(slot) {
                            *h += 1;
                        }
                    }
                    Unit::Votes => {
                        if let Some(w) = weights.get_mut(slot) {
                            *w += self.weight(member);
                        }
                    }
                }
            }
            _ => {
                if let Some(reason) = self.reason(member) {
                    not_counted.push(NotCounted { member: self.key(member), reason });
                }
            }
        };
        match filter {
            Filter::All => self.agreement.members.iter().for_each(|m| count(m.id)),
            Filter::Kind(kind) => {
                self.agreement.members.iter().filter(|m| m.is_of_kind(kind)).for_each(|m| count(m.id))
            }
            Filter::Bloc(bloc) => bloc.members.iter().for_each(|m| count(*m)),
        }
        let [in_favour, against, abstaining, absent] = match unit {
            Unit::Members => heads.map(Decimal::from),
            Unit::Votes => weights,
        };
        (Tally { in_favour, against, abstaining, absent }, not_counted)
    }

    fn filter(kind: Option<KindId>) -> Filter<'static> {
        kind.map_or(Filter::All, Filter::Kind)
    }

    fn rule_result(&self, rule: &Spanned<Rule>, source: Option<QuorumSource>) -> Result<RuleResult, TooLarge> {
        let mut conditions = Vec::new();
        let combination = self.combine(rule, &mut conditions)?;
        Ok(RuleResult {
            place: self.place(rule.span),
            from: None,
            until: None,
            source,
            held: combination.held(),
            conditions,
            combination,
        })
    }

    /// Evaluates every condition (no short cut, so each is reported) in the order written.
    fn combine(&self, rule: &Spanned<Rule>, out: &mut Vec<ConditionResult>) -> Result<Combination, TooLarge> {
        Ok(match &rule.node {
            Rule::Condition(condition) => {
                let number = out.len() + 1;
                let result = self.condition(number, condition, rule.span)?;
                let held = result.held;
                out.push(result);
                Combination::Condition { number, held }
            }
            Rule::All(parts) => {
                let parts = parts.iter().map(|p| self.combine(p, out)).collect::<Result<Vec<_>, _>>()?;
                let held = parts.iter().all(Combination::held);
                Combination::All { parts, held }
            }
            Rule::Any(parts) => {
                let parts = parts.iter().map(|p| self.combine(p, out)).collect::<Result<Vec<_>, _>>()?;
                let held = parts.iter().any(Combination::held);
                Combination::Any { parts, held }
            }
        })
    }

    fn condition(&self, number: usize, condition: &Condition, span: Span) -> Result<ConditionResult, TooLarge> {
        let mut result = ConditionResult {
            number,
            kind: ConditionKind::Unanimous,
            place: self.place(span),
            held: false,
            measure: None,
            blocs: Vec::new(),
            member: None,
        };
        let measure = match condition {
            Condition::Unanimous => self.every(None, Side::InFavour),
            Condition::Every { kind, side } => {
                result.kind = ConditionKind::Every;
                self.every(*kind, *side)
            }
            Condition::NoMember { kind, side } => {
                result.kind = ConditionKind::NoMember;
                self.no_member(*kind, *side)
            }
            Condition::HalfPlusOne { base, side } => {
                result.kind = ConditionKind::HalfPlusOne;
                self.half_plus_one(base, *side)?
            }
            Condition::Threshold { comparator, proportion, base, side } => {
                result.kind = ConditionKind::Threshold;
                self.threshold(Self::filter(base.kind), base, *side, *comparator, proportion)?
            }
            Condition::Count { comparator, count, kind, side } => {
                result.kind = ConditionKind::Count;
                self.count(*comparator, count.node, *kind, *side)
            }
            Condition::Bloc { blocs, comparator, proportion, base } => {
                result.kind = ConditionKind::Bloc;
                let selected: Vec<&Bloc> = match blocs {
                    BlocSelection::Each => self.agreement.blocs.iter().collect(),
                    BlocSelection::One(id) => self.agreement.bloc(*id).into_iter().collect(),
                };
                for bloc in selected {
                    let measure = self.threshold(Filter::Bloc(bloc), base, Side::InFavour, *comparator, proportion)?;
                    result.blocs.push(BlocMeasure {
                        bloc: bloc.key.clone(),
                        name: bloc.name.clone(),
                        held: measure.0,
                        measure: measure.1,
                    });
                }
                result.held = !result.blocs.is_empty() && result.blocs.iter().all(|b| b.held);
                return Ok(result);
            }
            Condition::Member { member, side } => {
                result.kind = ConditionKind::Member;
                let eligible = self.eligible(*member);
                let vote = self.ballot(*member);
                result.held = eligible && vote.is_on(*side);
                result.member = Some(MemberTest { member: self.key(*member), side: *side, vote, eligible });
                return Ok(result);
            }
        };
        result.held = measure.0;
        result.measure = Some(measure.1);
        Ok(result)
    }

    fn measure(
        &self,
        unit: Unit,
        kind: Option<KindId>,
        side: Side,
        tally: Tally,
        not_counted: Vec<NotCounted>,
    ) -> Measure {
        Measure {
            unit,
            kind: kind.map(|k| self.kind_name(k)),
            side,
            counted: tally.on(side),
            tally,
            not_counted,
            base: None,
            requirement: Requirement {
                relation: Relation::Equals,
                proportion: None,
                count: None,
                plus: None,
                required: Decimal::ZERO,
                required_exact: true,
                comparison: Comparison::new(Decimal::ZERO, Relation::Equals, Decimal::ZERO),
                empty_base: false,
            },
        }
    }

    /// `every [K] member SIDE` (and `unanimous`): everyone eligible on the side; fails when
    /// nobody is eligible.
    fn every(&self, kind: Option<KindId>, side: Side) -> (bool, Measure) {
        let (tally, not_counted) = self.tally(Self::filter(kind), Unit::Members);
        let mut measure = self.measure(Unit::Members, kind, side, tally, not_counted);
        let base = tally.eligible();
        measure.base = Some(BaseSize { scope: Scope::Eligible, size: base });
        measure.requirement.required = base;
        measure.requirement.comparison = Comparison::new(measure.counted, Relation::Equals, base);
        measure.requirement.empty_base = base.is_zero();
        (measure.requirement.comparison.holds && !base.is_zero(), measure)
    }

    /// `no [K] member SIDE`: nobody eligible on the side.
    fn no_member(&self, kind: Option<KindId>, side: Side) -> (bool, Measure) {
        let (tally, not_counted) = self.tally(Self::filter(kind), Unit::Members);
        let mut measure = self.measure(Unit::Members, kind, side, tally, not_counted);
        measure.requirement.comparison = Comparison::new(measure.counted, Relation::Equals, Decimal::ZERO);
        (measure.requirement.comparison.holds, measure)
    }

    /// `CMP N [K] members SIDE`: a head count.
    fn count(&self, comparator: Comparator, count: u32, kind: Option<KindId>, side: Side) -> (bool, Measure) {
        let (tally, not_counted) = self.tally(Self::filter(kind), Unit::Members);
        let mut measure = self.measure(Unit::Members, kind, side, tally, not_counted);
        let relation = Relation::of(comparator);
        let required = Decimal::from(count);
        measure.requirement.relation = relation;
        measure.requirement.count = Some(count);
        measure.requirement.required = required;
        measure.requirement.comparison = Comparison::new(measure.counted, relation, required);
        (measure.requirement.comparison.holds, measure)
    }

    /// `half the BASE plus one SIDE`: at least half the base plus one vote.
    fn half_plus_one(&self, base: &Base, side: Side) -> Result<(bool, Measure), TooLarge> {
        let (tally, not_counted) = self.tally(Self::filter(base.kind), base.unit);
        let mut measure = self.measure(base.unit, base.kind, side, tally, not_counted);
        let size = tally.base(base.scope);
        let one = match base.unit {
            Unit::Members => Decimal::ONE,
            Unit::Votes => self.one_vote,
        };
        let comparison = tally::half_plus_one(measure.counted, size, one)?;
        let required = (size / Decimal::TWO).checked_add(one).ok_or(TooLarge)?;
        measure.base = Some(BaseSize { scope: base.scope, size });
        measure.requirement = Requirement {
            relation: Relation::AtLeast,
            proportion: None,
            count: None,
            plus: Some(one),
            required: required.normalize(),
            required_exact: true,
            comparison,
            empty_base: size.is_zero(),
        };
        Ok((comparison.holds, measure))
    }

    /// `CMP P of BASE SIDE`, within the members a filter selects.
    fn threshold(
        &self,
        filter: Filter<'_>,
        base: &Base,
        side: Side,
        comparator: Comparator,
        proportion: &Spanned<Proportion>,
    ) -> Result<(bool, Measure), TooLarge> {
        let (tally, not_counted) = self.tally(filter, base.unit);
        let kind = match filter {
            Filter::Kind(k) => Some(k),
            _ => None,
        };
        let mut measure = self.measure(base.unit, kind, side, tally, not_counted);
        let size = tally.base(base.scope);
        let relation = Relation::of(comparator);
        let (numerator, denominator) = (proportion.node.numerator, proportion.node.denominator);
        let comparison = tally::proportion(measure.counted, relation, numerator, denominator, size)?;
        let (required, required_exact) = tally::required(numerator, denominator, size).ok_or(TooLarge)?;
        let empty_base = size.is_zero();
        let held =
            if empty_base { matches!(relation, Relation::AtMost | Relation::FewerThan) } else { comparison.holds };
        measure.base = Some(BaseSize { scope: base.scope, size });
        measure.requirement = Requirement {
            relation,
            proportion: Some(ProportionOut { text: self.place(proportion.span).text, numerator, denominator }),
            count: None,
            plus: None,
            required,
            required_exact,
            comparison,
            empty_base,
        };
        Ok((held, measure))
    }

    fn vetoes(&self, proposal: &Proposal) -> Result<Vec<VetoResult>, TooLarge> {
        let at_risk = |member: MemberId| proposal.duties_at_risk.iter().any(|d| d.node == member);
        let mut out = Vec::new();
        for veto in &self.decision.vetoes {
            let mut holders = Vec::new();
            match &veto.holder {
                VetoHolder::Member(member) => holders.push(self.member_veto(*member, veto.statutory_only, &at_risk)),
                VetoHolder::AnyMember(kind) => {
                    for m in self.agreement.members.iter().filter(|m| kind.is_none_or(|k| m.is_of_kind(k))) {
                        holders.push(self.member_veto(m.id, veto.statutory_only, &at_risk));
                    }
                }
                VetoHolder::Bloc(selection) => {
                    let blocs: Vec<&Bloc> = match selection {
                        BlocSelection::Each => self.agreement.blocs.iter().collect(),
                        BlocSelection::One(id) => self.agreement.bloc(*id).into_iter().collect(),
                    };
                    for bloc in blocs {
                        holders.push(self.bloc_veto(bloc, veto.statutory_only, &at_risk)?);
                    }
                }
            }
            let exercised_by = holders.iter().filter(|h| h.exercised).map(|h| h.holder.clone()).collect();
            out.push(VetoResult {
                place: self.place(veto.span),
                statutory_only: veto.statutory_only,
                holders,
                exercised_by,
            });
        }
        Ok(out)
    }

    fn member_veto(&self, member: MemberId, statutory: bool, at_risk: &dyn Fn(MemberId) -> bool) -> VetoHolderResult {
        let vote = self.ballot(member);
        let not_applicable = if !self.eligible(member) {
            Some(VetoInapplicable::NotEligible)
        } else if statutory && !at_risk(member) {
            Some(VetoInapplicable::DutiesNotAtRisk)
        } else {
            None
        };
        VetoHolderResult {
            holder: self.key(member),
            bloc: false,
            applies: not_applicable.is_none(),
            exercised: not_applicable.is_none() && vote == Ballot::Against,
            not_applicable,
            vote: Some(vote),
            tally: None,
        }
    }

    fn bloc_veto(
        &self,
        bloc: &Bloc,
        statutory: bool,
        at_risk: &dyn Fn(MemberId) -> bool,
    ) -> Result<VetoHolderResult, TooLarge> {
        let (tally, _) = self.tally(Filter::Bloc(bloc), Unit::Votes);
        let has_voter = bloc.members.iter().any(|m| self.eligible(*m));
        let not_applicable = if !has_voter {
            Some(VetoInapplicable::NoEligibleMember)
        } else if statutory && !bloc.members.iter().any(|m| at_risk(*m)) {
            Some(VetoInapplicable::DutiesNotAtRisk)
        } else {
            None
        };
        // More than half of the bloc's votes cast against: 2 × against > for + against.
        let twice_against = tally.against.checked_mul(Decimal::TWO).ok_or(TooLarge)?;
        let exercised = not_applicable.is_none() && twice_against > tally.base(Scope::Cast);
        Ok(VetoHolderResult {
            holder: bloc.key.clone(),
            bloc: true,
            applies: not_applicable.is_none(),
            not_applicable,
            vote: None,
            tally: Some(tally),
            exercised,
        })
    }

    /// The tie check: the rule did not hold, someone voted for or against, and the eligible
    /// weight in favour equals the weight against.
    fn tie(&self, proposal: &Proposal) -> TieResult {
        let (tally, _) = self.tally(Filter::All, Unit::Votes);
        let votes_cast = self
            .agreement
            .members
            .iter()
            .any(|m| self.eligible(m.id) && matches!(self.ballot(m.id), Ballot::InFavour | Ballot::Against));
        let tied = votes_cast && tally.in_favour == tally.against;
        let casting_vote = match (tied, self.decision.casting_vote) {
            (true, Some(holder)) => Some(self.casting(holder, proposal)),
            _ => None,
        };
        TieResult { in_favour: tally.in_favour, against: tally.against, votes_cast, tied, casting_vote }
    }

    fn casting(&self, holder: Spanned<MemberId>, proposal: &Proposal) -> CastingVote {
        let mut vote = CastingVote {
            member: self.key(holder.node),
            clause: self.place(holder.span),
            cast: None,
            from: None,
            unused: None,
        };
        if !self.eligible(holder.node) {
            vote.unused = Some(CastingUnused::NotEligible);
            return vote;
        }
        let line = proposal.casting_vote.and_then(|c| match c.node {
            VoteChoice::InFavour => Some(Ballot::InFavour),
            VoteChoice::Against => Some(Ballot::Against),
            VoteChoice::Abstaining => None,
        });
        let own = Some(self.ballot(holder.node)).filter(|b| matches!(b, Ballot::InFavour | Ballot::Against));
        match (line, own) {
            (Some(cast), _) => {
                vote.cast = Some(cast);
                vote.from = Some(CastingSource::Proposal);
            }
            (None, Some(cast)) => {
                vote.cast = Some(cast);
                vote.from = Some(CastingSource::OwnVote);
            }
            (None, None) => vote.unused = Some(CastingUnused::NoDirection),
        }
        vote
    }

    fn route(&self, trigger: EscalationTrigger) -> Option<&'a crate::model::Escalation> {
        self.decision.escalations.iter().find(|e| e.trigger == trigger)
    }

    fn escalated(&self, cause: DeadlockCause, route: &crate::model::Escalation) -> Deadlock {
        let mut steps =
            route.steps.iter().map(|(body, within)| EscalationStep::new(&body.node, within.map(|w| w.node)));
        let first = steps.next();
        Deadlock { because: cause, escalated_to: first, then: steps.collect(), clause: Some(self.place(route.span)) }
    }
}
