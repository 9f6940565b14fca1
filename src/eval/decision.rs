//! Deciding one proposal: the electorate and ballots, then the rule, vetoes, quorum and ties
//! (measured in `conditions.rs` and `vetoes.rs`), then the outcome.
//!
//! In: the agreement, the proposal and their texts. Out: an [`Evaluation`]. Who votes and what
//! each vote weighs come from [`crate::weights::electorate`] (shared with the checker); this
//! module only counts ballots against those weights and compares exactly.
//!
//! The steps are those of docs/semantics.md, in its order, and its numbers are quoted below:
//! - (3) a vote from a member who is not eligible (an observer, an excluded member, a member who
//!   gains too much) is disregarded and the working says so; a vote from an unknown name makes
//!   the proposal invalid;
//! - (5) a bloc veto is used when more than half of the bloc's eligible votes cast are against; a
//!   statutory bloc veto applies when the proposal puts any bloc member's duties at risk;
//! - `each bloc …` fails when the agreement has no bloc (nothing can be measured);
//! - (7) a tie decides the proposal only when the rule would hold with the tie broken in favour
//!   (`conditions.rs`, the tipped reading); then the casting vote of an eligible, present holder
//!   settles it; a casting vote is never counted in any other condition, veto or quorum;
//! - (8) a proposal not carried takes the `on a tie` route when the votes tied and nothing
//!   settled them, else the `if rejected` route whatever the reason, else is deadlocked (a tie)
//!   or rejected.

use std::cell::RefCell;

use rust_decimal::Decimal;

use super::tally::{self, Ballot, Tally, TooLarge};
use super::{
    CastingUsed, Deadlock, DeadlockCause, Evaluation, Invalidity, Name, NotCounted, NotVoting, NotVotingReason,
    Outcome, OutcomeKind, Place, QuorumSource, ReservedSummary, Standing, VotingSummary,
};
use crate::model::inputs::{DecisionRef, Proposal, Voter};
use crate::model::{Agreement, Bloc, Decision, EscalationTrigger, KindId, MemberId, Unit, VoteChoice, WeightScheme};
use crate::span::{line_col, Span};
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
    Evaluator::new(agreement, sources.agreement).evaluate(proposal, sources.proposal)
}

/// An agreement made ready for evaluating many proposals against it: names are shared rather
/// than copied into each evaluation, and places already found in its text are remembered.
#[derive(Debug)]
pub struct Evaluator<'a> {
    agreement: &'a Agreement,
    text: &'a str,
    /// Each member's identifier, by member index.
    keys: Vec<Name>,
    /// Each member's display name, by member index.
    names: Vec<Name>,
    /// Each kind's name, by kind index.
    kinds: Vec<Name>,
    /// Each bloc's identifier and display name, by bloc index.
    blocs: Vec<(Name, Name)>,
    /// Places already looked up.
    places: RefCell<Vec<Place>>,
    /// Known (offset, line) pairs in the agreement's text, sorted, so that finding a line
    /// counts only the newlines since the nearest known offset.
    lines: RefCell<Vec<(usize, usize)>>,
}

impl<'a> Evaluator<'a> {
    /// Prepares `agreement`, read from `text`, for evaluation.
    pub fn new(agreement: &'a Agreement, text: &'a str) -> Evaluator<'a> {
        Evaluator {
            agreement,
            text,
            keys: Name::many(agreement.members.iter().map(|m| m.key.as_str())),
            names: Name::many(agreement.members.iter().map(|m| m.name.as_str())),
            kinds: Name::many(agreement.kinds.iter().map(|k| k.name.as_str())),
            blocs: Name::many(agreement.blocs.iter().map(|b| b.key.as_str()))
                .into_iter()
                .zip(Name::many(agreement.blocs.iter().map(|b| b.name.as_str())))
                .collect(),
            places: RefCell::new(Vec::new()),
            lines: RefCell::new(vec![(0, 1)]),
        }
    }

    /// The agreement being evaluated against.
    pub fn agreement(&self) -> &'a Agreement {
        self.agreement
    }

    /// Evaluates `proposal`, read from `proposal_text`: the outcome and all of its working.
    pub fn evaluate(&self, proposal: &Proposal, proposal_text: &str) -> Result<Evaluation, EvalError> {
        let agreement = self.agreement;
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

        let ctx = Context::new(self, decision, proposal)?;
        let mut invalid = ctx.vote_problems(proposal, proposal_text);
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
        let reconvened = proposal.reconvened.is_some();
        if let Some(quorum) = agreement.quorum_for(decision, reconvened) {
            let source = if quorum.own { QuorumSource::Decision } else { QuorumSource::Agreement };
            let mut result = ctx.rule_result(quorum.rule, Some(source)).map_err(too_large)?;
            result.reconvened = reconvened.then_some(quorum.reconvened);
            if !result.held {
                invalid.push(Invalidity::NoQuorum);
            }
            evaluation.quorum = Some(result);
        }

        if !invalid.is_empty() {
            evaluation.outcome.invalid = invalid;
            return Ok(evaluation);
        }
        // The first step that settles the proposal gives the outcome (docs/semantics.md 5–8).
        let vetoed_by: Vec<Name> = evaluation.vetoes.iter().flat_map(|v| v.exercised_by.iter().cloned()).collect();
        let mut result = outcome(OutcomeKind::Passed);
        let not_carried = if !vetoed_by.is_empty() {
            // (5) A veto was used.
            result.vetoed_by = vetoed_by;
            Some(DeadlockCause::Vetoed)
        } else if let Some(rule) = evaluation.rule.as_ref().filter(|r| !r.held) {
            // (6) The rule did not hold; (7) does a tie decide it?
            let tie = ctx.tie(proposal, rule);
            let cause = if !tie.decides {
                Some(DeadlockCause::Rejected)
            } else {
                match tie.casting_vote.as_ref().and_then(|c| c.cast.map(|cast| (c, cast))) {
                    Some((casting, cast)) => {
                        let id = decision.casting_vote.map_or(MemberId(0), |c| c.node);
                        result.casting_vote = Some(CastingUsed { member: casting.member.clone(), id, cast });
                        (cast != Ballot::InFavour).then_some(DeadlockCause::CastingVote)
                    }
                    None => Some(DeadlockCause::Tie),
                }
            };
            evaluation.tie = Some(tie);
            cause
        } else {
            // (6) The rule held.
            None
        };
        if let Some(cause) = not_carried {
            // (8) Where a proposal that is not carried goes.
            let route = match cause {
                DeadlockCause::Tie => {
                    ctx.route(EscalationTrigger::Tie).or_else(|| ctx.route(EscalationTrigger::Rejected))
                }
                _ => ctx.route(EscalationTrigger::Rejected),
            };
            result.deadlock = Some(match route {
                Some(route) => {
                    result.result = OutcomeKind::Escalated;
                    ctx.escalated(cause, route)
                }
                None => {
                    result.result =
                        if cause == DeadlockCause::Tie { OutcomeKind::Deadlocked } else { OutcomeKind::Rejected };
                    Deadlock { because: cause, escalated_to: None, then: Vec::new(), clause: None }
                }
            });
        }
        evaluation.outcome = result;
        Ok(evaluation)
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
        if from == offset {
            return line;
        }
        let newlines = self.text.get(from..offset).map_or(0, |s| count_newlines(s.as_bytes()));
        // BOUND: a line number is at most one more than the newlines before `offset`, fewer than the
        // bytes of the text; `at` indexes `lines` (or is zero), so one more is at most its length.
        #[allow(clippy::arithmetic_side_effects)]
        let (line, after) = (line + newlines, at + 1);
        lines.insert(after, (offset, line));
        line
    }
}

/// Counts newlines in chunks small enough for a byte counter, which the compiler turns into
/// wide vector compares (a whole agreement is scanned once per evaluation).
fn count_newlines(bytes: &[u8]) -> usize {
    // BOUND: a chunk has at most 255 bytes, so counting one per byte stays within a `u8`.
    #[allow(clippy::arithmetic_side_effects)]
    let in_chunk = |chunk: &[u8]| chunk.iter().fold(0u8, |n, b| n + u8::from(*b == b'\n'));
    bytes.chunks(255).map(|chunk| usize::from(in_chunk(chunk))).sum()
}

fn outcome(result: OutcomeKind) -> Outcome {
    Outcome { result, casting_vote: None, vetoed_by: Vec::new(), deadlock: None, invalid: Vec::new() }
}

/// Which members a condition counts.
#[derive(Clone, Copy)]
pub(super) enum Filter<'a> {
    All,
    Kind(KindId),
    Bloc(&'a Bloc),
}

/// Everything one evaluation needs, computed once.
pub(super) struct Context<'a> {
    pub(super) evaluator: &'a Evaluator<'a>,
    pub(super) agreement: &'a Agreement,
    pub(super) decision: &'a Decision,
    /// Per member (indexed by id): why it does not vote, if it does not.
    pub(super) ineligible: Vec<Option<Ineligibility>>,
    /// Per member: its weight (zero when it does not vote), restated when shares are reserved.
    pub(super) weights: Vec<Decimal>,
    /// The same weights as whole numbers, when every one is whole (then tallies add integers).
    pub(super) whole_weights: Option<Vec<i64>>,
    /// Per member: how it voted.
    pub(super) ballots: Vec<Ballot>,
    pub(super) total: Decimal,
    pub(super) one_vote: Decimal,
    pub(super) restated: bool,
}

impl<'a> Context<'a> {
    pub(super) fn new(
        evaluator: &'a Evaluator<'a>,
        decision: &'a Decision,
        proposal: &Proposal,
    ) -> Result<Context<'a>, EvalError> {
        let agreement = evaluator.agreement;
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
                // A tiny divisor (a reserved share of 0.000…1%) can make the quotients too large
                // to hold; then the weights stay as they are, which is just as exact.
                let divide = |w: Decimal| {
                    tally::divide_exactly(w, divisor).or_else(|| w.checked_div(divisor).map(|q| q.normalize()))
                };
                let restated_weights: Option<Vec<Decimal>> = weights.iter().map(|w| divide(*w)).collect();
                if let (Some(restated_weights), Some(restated_total)) = (restated_weights, divide(total)) {
                    // BOUND: dividing by 100 only makes a decimal smaller; it cannot overflow.
                    #[allow(clippy::arithmetic_side_effects)]
                    let restated_one_vote = restated_total / Decimal::ONE_HUNDRED;
                    weights = restated_weights;
                    total = restated_total;
                    one_vote = restated_one_vote;
                    restated = true;
                }
            }
        }
        // Every tally adds up the weights of some members, each at most once. A weight is below
        // zero only when reserved shares add up to more than 100% (an agreement the checker
        // refuses, but which the library may still be given): then the total can fit while the
        // weights above zero, added up, do not. So the weights above zero and those below zero
        // are each added up here; any tally lies between those two sums, so it fits too.
        let too_large = || EvalError::TooLarge { decision: decision.name.clone(), at: decision.span.into() };
        let (mut above, mut below) = (Decimal::ZERO, Decimal::ZERO);
        for weight in &weights {
            let side = if weight.is_sign_negative() { &mut below } else { &mut above };
            *side = side.checked_add(*weight).ok_or_else(too_large)?;
        }
        // Whole, non-negative weights whose sum fits a decimal: then every tally (a part of that
        // sum) fits too, and tallies can add integers.
        let whole_weights: Option<Vec<i64>> = weights
            .iter()
            .map(|w| {
                let w = w.normalize();
                if w.scale() == 0 && !w.is_sign_negative() {
                    i64::try_from(w.mantissa()).ok()
                } else {
                    None
                }
            })
            .collect::<Option<Vec<i64>>>()
            .filter(|ws| Decimal::try_from_i128_with_scale(ws.iter().map(|w| i128::from(*w)).sum(), 0).is_ok());
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
            evaluator,
            agreement,
            decision,
            ineligible: electorate.voters.into_iter().map(|v| v.ineligible).collect(),
            weights,
            whole_weights,
            ballots,
            total,
            one_vote,
            restated,
        })
    }

    pub(super) fn place(&self, span: Span) -> Place {
        self.evaluator.place(span)
    }

    pub(super) fn eligible(&self, member: MemberId) -> bool {
        matches!(self.ineligible.get(member.index()), Some(None))
    }

    pub(super) fn ballot(&self, member: MemberId) -> Ballot {
        self.ballots.get(member.index()).copied().unwrap_or(Ballot::Absent)
    }

    pub(super) fn weight(&self, member: MemberId) -> Decimal {
        self.weights.get(member.index()).copied().unwrap_or(Decimal::ZERO)
    }

    pub(super) fn key(&self, member: MemberId) -> Name {
        self.evaluator.keys.get(member.index()).cloned().unwrap_or_else(|| Name::from(""))
    }

    pub(super) fn kind_name(&self, kind: KindId) -> String {
        self.agreement.kind(kind).map_or_else(String::new, |k| k.name.clone())
    }

    pub(super) fn kind_key(&self, kind: KindId) -> Name {
        self.evaluator.kinds.get(kind.index()).cloned().unwrap_or_else(|| Name::from(""))
    }

    pub(super) fn bloc_names(&self, bloc: &Bloc) -> (Name, Name) {
        self.evaluator.blocs.get(bloc.id.index()).cloned().unwrap_or_else(|| (Name::from(""), Name::from("")))
    }

    /// Votes that make the proposal invalid: from names the agreement does not have (step 3).
    /// A vote from a member who is not eligible is not a problem: it is disregarded, and its
    /// standing says so.
    pub(super) fn vote_problems(&self, proposal: &Proposal, source: &str) -> Vec<Invalidity> {
        let line_of = |vote: &crate::model::inputs::Vote| line_col(source, vote.span.start).0;
        proposal
            .votes
            .iter()
            .filter_map(|vote| match &vote.voter {
                Voter::Unknown(key) => Some(Invalidity::UnknownMemberVoted {
                    member: key.clone(),
                    line: line_of(vote),
                    nearest: self.agreement.nearest_member(key).map(str::to_string),
                }),
                Voter::Known(_) => None,
            })
            .collect()
    }

    pub(super) fn voting_summary(&self) -> VotingSummary {
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

    pub(super) fn not_voting(&self, member: MemberId) -> Option<NotVoting> {
        let why = self.ineligible.get(member.index())?.as_ref()?;
        let voted = self.ballot(member) != Ballot::Absent;
        Some(match why {
            Ineligibility::Observer { role } => NotVoting {
                reason: NotVotingReason::Observer,
                clause: self.place(*role),
                gain: None,
                limit: None,
                vote_disregarded: voted,
            },
            Ineligibility::Excluded { clause } => NotVoting {
                reason: NotVotingReason::Excluded,
                clause: self.place(*clause),
                gain: None,
                limit: None,
                vote_disregarded: voted,
            },
            Ineligibility::NotOfVotingKind { clause } => NotVoting {
                reason: NotVotingReason::NotOfVotingKind,
                clause: self.place(*clause),
                gain: None,
                limit: None,
                vote_disregarded: voted,
            },
            Ineligibility::Gains { clause, gain, limit } => NotVoting {
                reason: NotVotingReason::Gains,
                clause: self.place(*clause),
                gain: Some(*gain),
                limit: Some(*limit),
                vote_disregarded: voted,
            },
            Ineligibility::OptedOut { clause, .. } => NotVoting {
                reason: NotVotingReason::OptedOut,
                clause: self.place(*clause),
                gain: None,
                limit: None,
                vote_disregarded: voted,
            },
            Ineligibility::Concerned { clause, .. } => NotVoting {
                reason: NotVotingReason::Concerned,
                clause: self.place(*clause),
                gain: None,
                limit: None,
                vote_disregarded: voted,
            },
        })
    }

    pub(super) fn reason(&self, member: MemberId) -> Option<NotVotingReason> {
        Some(match self.ineligible.get(member.index())?.as_ref()? {
            Ineligibility::Observer { .. } => NotVotingReason::Observer,
            Ineligibility::Excluded { .. } => NotVotingReason::Excluded,
            Ineligibility::NotOfVotingKind { .. } => NotVotingReason::NotOfVotingKind,
            Ineligibility::Gains { .. } => NotVotingReason::Gains,
            Ineligibility::Concerned { .. } => NotVotingReason::Concerned,
            Ineligibility::OptedOut { .. } => NotVotingReason::OptedOut,
        })
    }

    pub(super) fn standings(&self) -> Vec<Standing> {
        self.agreement
            .members
            .iter()
            .map(|m| {
                let weight = self.weight(m.id);
                let eligible = self.eligible(m.id);
                let member = self.key(m.id);
                let name = self.evaluator.names.get(m.id.index()).cloned().unwrap_or_else(|| Name::from(""));
                Standing {
                    id: m.id,
                    member,
                    name,
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
    // BOUND: each member is counted at most once (a bloc lists a member once). Heads are at most
    // the number of members, which the loader holds to 10,000. Whole weights are zero or more and
    // their sum fits a decimal (checked in `Context::new`), so a part of that sum fits an `i128`.
    // Other weights: any sum of some of them lies between the sum of those below zero and the
    // sum of those above, and `Context::new` checks that both fit.
    #[allow(clippy::arithmetic_side_effects)]
    pub(super) fn tally(&self, filter: Filter<'_>, unit: Unit) -> (Tally, Vec<NotCounted>) {
        // Heads are counted in integers and weights summed as decimals, by ballot.
        let mut heads = [0u32; 4];
        let mut whole = [0i128; 4];
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
                    Unit::Votes => match &self.whole_weights {
                        Some(ws) => {
                            if let Some(w) = whole.get_mut(slot) {
                                *w += i128::from(ws.get(member.index()).copied().unwrap_or(0));
                            }
                        }
                        None => {
                            if let Some(w) = weights.get_mut(slot) {
                                *w += self.weight(member);
                            }
                        }
                    },
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
        // Whole-number sums are parts of a total that fits a decimal (checked when the weights
        // were made whole), so they always convert back.
        let [in_favour, against, abstaining, absent] = match (unit, &self.whole_weights) {
            (Unit::Members, _) => heads.map(Decimal::from),
            (Unit::Votes, Some(_)) => whole.map(|w| Decimal::try_from_i128_with_scale(w, 0).unwrap_or(Decimal::ZERO)),
            (Unit::Votes, None) => weights,
        };
        (Tally { in_favour, against, abstaining, absent }, not_counted)
    }

    pub(super) fn filter(kind: Option<KindId>) -> Filter<'static> {
        kind.map_or(Filter::All, Filter::Kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::CastingUnused;
    use crate::load::{load, load_inputs};

    /// Evaluates the first proposal of `proposal` against `agreement`.
    fn run(agreement: &str, proposal: &str) -> Evaluation {
        let loaded = load(agreement);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let a = loaded.agreement.unwrap_or_else(|| unreachable!());
        let parsed = crate::syntax::parse(proposal);
        let (inputs, errors) = load_inputs(&a, &parsed.file);
        assert!(errors.is_empty() && parsed.errors.is_empty(), "{errors:?} {:?}", parsed.errors);
        let p = inputs.proposals.first().unwrap_or_else(|| unreachable!());
        evaluate(&a, p, Sources { agreement, proposal }).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn a_tally_too_large_to_add_up_is_an_error_even_when_the_total_fits() {
        // Reserved shares of 200.1% (which the checker refuses) weigh `mz` and `mw` below zero.
        // The total, 4 × 10^28, fits, but `mx` and `my` in favour weigh 8.004 × 10^28 together,
        // more than a decimal holds: that was a panic, and is now `figures_too_large`.
        let agreement = r#"agreement "Over"
  kinds acute, lay, care
member mz
  kinds care
  budget £400,000,000,000,000,000,000,000,000
member mw
  kinds care
  budget £1
member mx
  kinds acute
member my
  kinds lay
voting in proportion to budget
  acute members together hold 150.5% of the votes
  lay members together hold 49.6% of the votes
decision "d"
  passes if more than half of eligible votes in favour
"#;
        let proposal = "proposal \"p\"\n  decision \"d\"\n  in favour: mx, my\n  against: mz\n";
        let loaded = load(agreement);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let a = loaded.agreement.unwrap_or_else(|| unreachable!());
        let electorate = weights::electorate(&a, &a.decisions[0], None).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            electorate.total,
            Decimal::from_str_exact("40000000000000000000000000100").unwrap_or_else(|_| unreachable!())
        );
        let parsed = crate::syntax::parse(proposal);
        let (inputs, errors) = load_inputs(&a, &parsed.file);
        assert!(errors.is_empty());
        let p = inputs.proposals.first().unwrap_or_else(|| unreachable!());
        let result = evaluate(&a, p, Sources { agreement, proposal });
        assert!(matches!(&result, Err(EvalError::TooLarge { decision, .. }) if decision == "d"), "{result:?}");
        assert_eq!(
            result.err().and_then(|e| miette::Diagnostic::code(&e).map(|c| c.to_string())).as_deref(),
            Some("concord::eval::figures_too_large")
        );
    }

    const FOUR: &str = r#"agreement "Four"
member a1
member a2
member a3
  observer
member a4
decision "empty base"
  passes if at most 10% of votes cast against and fewer than 1/3 of votes present against
decision "needs votes cast"
  passes if at least half of votes cast in favour
decision "casting vote of an excluded member"
  passes if more than half of votes cast in favour
  a4 does not vote
  on a tie, a4 has the casting vote
  if rejected, escalate to "the board"
decision "gains"
  passes if more than half of eligible votes in favour
  members gaining more than 5% of their budget do not vote
"#;

    #[test]
    fn an_empty_base_carries_nothing() {
        let e = run(FOUR, "proposal \"p\"\n  decision \"empty base\"\n");
        let rule = e.rule.as_ref().unwrap_or_else(|| unreachable!());
        assert!(rule.conditions.iter().all(|c| c.held && c.measure.as_ref().is_some_and(|m| m.requirement.empty_base)));
        assert_eq!(e.outcome.result, OutcomeKind::Passed);
        let e = run(FOUR, "proposal \"p\"\n  decision \"needs votes cast\"\n  abstaining: a1\n");
        assert_eq!(e.outcome.result, OutcomeKind::Rejected);
        assert!(e.tie.as_ref().is_some_and(|t| !t.votes_cast && !t.tied));
    }

    #[test]
    fn a_casting_vote_held_by_someone_who_does_not_vote_cannot_settle_a_tie() {
        let e = run(
            FOUR,
            "proposal \"p\"\n  decision \"casting vote of an excluded member\"\n  in favour: a1\n  against: a2\n",
        );
        let casting = e.tie.as_ref().and_then(|t| t.casting_vote.as_ref()).unwrap_or_else(|| unreachable!());
        assert_eq!(casting.unused, Some(CastingUnused::NotEligible));
        // A tie that nothing settles takes the `if rejected` route when there is no `on a tie`
        // route (docs/semantics.md step 8).
        assert_eq!(e.outcome.result, OutcomeKind::Escalated);
        assert_eq!(e.outcome.deadlock.as_ref().map(|d| d.because), Some(DeadlockCause::Tie));
    }

    #[test]
    fn votes_from_members_who_do_not_vote_are_disregarded() {
        // a4 is excluded by name and votes anyway: its vote is counted nowhere, the rest stands.
        let e = run(FOUR, "proposal \"p\"\n  decision \"casting vote of an excluded member\"\n  in favour: a1, a4\n");
        assert!(e.outcome.invalid.is_empty());
        assert_eq!(e.outcome.result, OutcomeKind::Passed);
        let a4 = e.members.iter().find(|m| &*m.member == "a4").unwrap_or_else(|| unreachable!());
        assert!(a4.not_voting.as_ref().is_some_and(|nv| nv.vote_disregarded));
        // An observer's vote is disregarded too.
        let e = run(FOUR, "proposal \"p\"\n  decision \"empty base\"\n  in favour: a3\n");
        assert!(e.outcome.invalid.is_empty());
        let gains = FOUR.replace("member a2\n", "member a2\n  budget £100\n");
        // a2 gains 6% of its budget, over the decision's limit, and votes anyway: disregarded, so
        // a1 against decides it.
        let e = run(&gains, "proposal \"p\"\n  decision \"gains\"\n  a2 gains £6\n  in favour: a2\n  against: a1\n");
        assert!(e.outcome.invalid.is_empty());
        assert_eq!(e.outcome.result, OutcomeKind::Rejected);
        let e = run(&gains, "proposal \"p\"\n  decision \"gains\"\n  a2 gains £6\n  against: a1\n");
        assert!(e.outcome.invalid.is_empty());
        assert_eq!(e.outcome.result, OutcomeKind::Rejected);
    }
}
