//! Decisions: their rules and quorums, who does not vote, vetoes, casting votes and routes.

use super::*;

impl<'f> Lowerer<'f> {
    pub(super) fn decision_ref(&mut self, name: &Spanned<String>) -> Option<DecisionId> {
        match self.decision_names.iter().position(|(n, _)| *n == name.node) {
            Some(i) => Some(DecisionId(i as u32)),
            None => {
                let known = self.decision_names.iter().map(|(n, _)| n.clone()).collect();
                self.unknown("decision", name, known);
                None
            }
        }
    }

    pub(super) fn decision(&mut self, id: DecisionId, block: &Block) -> Decision {
        let name = match &block.header.node {
            Header::Decision { name } => name.clone(),
            _ => Spanned::new(String::new(), block.header.span),
        };
        let mut decision = Decision {
            id,
            name: name.node.clone(),
            span: name.span,
            rules: Vec::new(),
            voting: None,
            quorum: None,
            reconvened_quorum: None,
            exclusions: Vec::new(),
            vetoes: Vec::new(),
            casting_vote: None,
            casting_presiding: None,
            casting_office: None,
            escalations: Vec::new(),
            default: None,
            matters: Default::default(),
            procedure: Default::default(),
            meetings: Default::default(),
            outside: None,
            effects: Vec::new(),
        };
        let mut reserved_at = None;
        let mut voting: Option<(Spanned<WeightScheme>, Span)> = None;
        let mut quorum: Option<(Spanned<Rule>, Span)> = None;
        let mut reconvened: Option<(Spanned<Rule>, Span)> = None;
        let mut casting: Option<(Spanned<MemberId>, Span)> = None;
        let mut default: Option<(DefaultOutcome, Span)> = None;
        let mut casting_presiding: Option<(Span, Span)> = None;
        let mut casting_office: Option<(Spanned<crate::model::chairs::OfficeId>, Span)> = None;
        for clause in &block.clauses {
            let Clause::Decision(c) = &clause.node else { continue };
            match c {
                ast::DecisionClause::Rule { period, rule } => {
                    let Some(rule) = self.rule(rule) else { continue };
                    let (from, until) = match period.as_ref().map(|p| p.node) {
                        Some(ast::RulePeriod::From(d)) => (Some(d), None),
                        Some(ast::RulePeriod::Until(d)) => (None, Some(d)),
                        Some(ast::RulePeriod::Between(from, until)) => (Some(from), Some(until)),
                        None => (None, None),
                    };
                    decision.rules.push(TimedRule { from, until, rule, span: clause.span, proposed_by: None });
                }
                ast::DecisionClause::Voting(s) => {
                    self.once("the decision's voting scheme", &mut voting, s.clone().map(Into::into), clause.span)
                }
                ast::DecisionClause::Quorum(rule) => {
                    if let Some(r) = self.rule(rule) {
                        self.once("the quorum", &mut quorum, r, clause.span);
                    }
                }
                ast::DecisionClause::ReconvenedQuorum(rule) => {
                    if let Some(r) = self.rule(rule) {
                        self.once("the quorum at a reconvened meeting", &mut reconvened, r, clause.span);
                    }
                }
                ast::DecisionClause::GainExclusion { comparator, share, figure } => {
                    decision.exclusions.push(Exclusion::Gain {
                        comparator: comparator.node.into(),
                        share: Percent(share.node),
                        figure: figure.node,
                        span: clause.span,
                    })
                }
                ast::DecisionClause::OnlyKind(kind) => {
                    if let Some(k) = self.kind_ref(kind) {
                        decision.exclusions.push(Exclusion::OnlyKind { kind: k, span: clause.span });
                    }
                }
                ast::DecisionClause::KindExcluded(kind) => {
                    if let Some(k) = self.kind_ref(kind) {
                        decision.exclusions.push(Exclusion::Kind { kind: k, span: clause.span });
                    }
                }
                ast::DecisionClause::OptOutAllowed => {
                    decision.exclusions.push(Exclusion::OptOut { span: clause.span });
                }
                ast::DecisionClause::ConcernedExcluded => {
                    decision.exclusions.push(Exclusion::Concerned { span: clause.span });
                }
                ast::DecisionClause::MemberExcluded(m) => {
                    if let Some(member) = self.member_ref(m) {
                        decision.exclusions.push(Exclusion::Member { member, span: clause.span });
                    }
                }
                ast::DecisionClause::Reserved { .. }
                | ast::DecisionClause::Approval(_)
                | ast::DecisionClause::Conflict(_) => {
                    self.matters_clause(&mut decision, c, clause.span, &mut reserved_at);
                }
                ast::DecisionClause::Veto { holder, statutory, loss } => {
                    let resolved = match &holder.node {
                        ast::VetoHolder::Member(m) => {
                            self.member_ref(&Spanned::new(m.clone(), holder.span)).map(VetoHolder::Member)
                        }
                        ast::VetoHolder::AnyMember { kind } => match kind {
                            Some(k) => self.kind_ref(k).map(|k| VetoHolder::AnyMember(Some(k))),
                            None => Some(VetoHolder::AnyMember(None)),
                        },
                        ast::VetoHolder::Bloc(subject) => self.bloc_selection(subject).map(VetoHolder::Bloc),
                    };
                    if let Some(holder) = resolved {
                        decision.vetoes.push(Veto {
                            holder,
                            statutory_only: statutory.is_some(),
                            on_loss: loss.is_some(),
                            span: clause.span,
                        });
                    }
                }
                ast::DecisionClause::CastingVote(m)
                    if m.node == MemberRef::Role(ast::Role::Chair) && self.chair_office().is_some() =>
                {
                    // `the chair` is the office when the agreement has one by that name.
                    if let Some(office) = self.chair_office() {
                        self.once(
                            "the casting vote",
                            &mut casting_office,
                            Spanned::new(office, clause.span),
                            clause.span,
                        );
                    }
                }
                ast::DecisionClause::CastingVoteOffice(name) => {
                    if let Some(office) = self.office_ref(name) {
                        self.once(
                            "the casting vote",
                            &mut casting_office,
                            Spanned::new(office, clause.span),
                            clause.span,
                        );
                    }
                }
                ast::DecisionClause::CastingVote(m) => {
                    if let Some(member) = self.member_ref(m) {
                        self.once("the casting vote", &mut casting, Spanned::new(member, m.span), clause.span);
                    }
                }
                ast::DecisionClause::CastingVotePresiding => {
                    self.once("the casting vote", &mut casting_presiding, clause.span, clause.span);
                }
                ast::DecisionClause::Escalation { trigger, steps } => decision.escalations.push(Escalation {
                    trigger: trigger.node.into(),
                    steps: steps.iter().map(|s| (s.node.body.clone(), s.node.within)).collect(),
                    span: clause.span,
                }),
                ast::DecisionClause::Effect(effect) => {
                    if let Some(e) = self.effect(effect) {
                        decision.effects.push(Spanned::new(e, clause.span));
                    }
                }
                ast::DecisionClause::Default(text) => self.once(
                    "the default if rejected",
                    &mut default,
                    DefaultOutcome { text: text.node.clone(), span: clause.span },
                    clause.span,
                ),
                c @ (ast::DecisionClause::TimedEscalation { .. }
                | ast::DecisionClause::Proposers(_)
                | ast::DecisionClause::Postponement { .. }
                | ast::DecisionClause::Notice(_)
                | ast::DecisionClause::Cure(_)) => self.procedure_clause(&mut decision.procedure, c, clause.span),
                ast::DecisionClause::MeetingCallers(who) => {
                    if let Some(first) = decision.procedure.meeting_callers.as_ref().map(|c| c.span) {
                        self.errors.push(LowerError::DuplicateClause {
                            what: "who may call a meeting".to_string(),
                            first: first.into(),
                            second: clause.span.into(),
                        });
                    } else {
                        let who = self.proposer_list(who);
                        decision.procedure.meeting_callers =
                            Some(crate::model::procedure::Proposers { who, span: clause.span });
                    }
                }
                ast::DecisionClause::ProposerRule { who, rule } => {
                    self.proposer_rule(&mut decision, who, rule, clause.span)
                }
                ast::DecisionClause::Meetings(m) => self.meetings_clause(&mut decision.meetings, m, clause.span),
                ast::DecisionClause::Outside(body) => self.outside_clause(&mut decision, body, clause.span),
            }
        }
        decision.voting = voting.map(|(s, _)| s);
        decision.quorum = quorum.map(|(q, _)| q);
        decision.reconvened_quorum = reconvened.map(|(q, _)| q);
        decision.casting_vote = casting.map(|(c, _)| c);
        decision.default = default.map(|(d, _)| d);
        self.default_and_route(&decision);
        self.finish_reserved(&mut decision);
        self.finish_meetings(&decision);
        self.finish_outside(&decision, block);
        self.effects_settled(&decision);
        decision.casting_presiding = casting_presiding.map(|(c, _)| c);
        decision.casting_office = casting_office.map(|(c, _)| c);
        // Two holders of one casting vote: which one casts it is not settled.
        let holders: Vec<Span> = [
            decision.casting_vote.map(|c| c.span),
            decision.casting_presiding,
            decision.casting_office.map(|c| c.span),
        ]
        .into_iter()
        .flatten()
        .collect();
        if let [first, second, ..] = holders.as_slice() {
            self.errors.push(LowerError::DuplicateClause {
                what: "the casting vote".to_string(),
                first: (*first).into(),
                second: (*second).into(),
            });
        }
        if decision.rules.is_empty() {
            // Only report a missing rule when none was written (not when one failed to read).
            let wrote_rule = block.clauses.iter().any(|c| {
                matches!(
                    c.node,
                    Clause::Decision(ast::DecisionClause::Rule { .. } | ast::DecisionClause::ProposerRule { .. })
                )
            });
            // A reserved matter with no rule has been reported already (`reserved_meeting_rule`).
            if !wrote_rule && block.unreadable == 0 && decision.matters.reserved.is_none() && decision.outside.is_none()
            {
                self.errors.push(LowerError::MissingRule { name: decision.name.clone(), at: decision.span.into() });
            }
        } else if crate::model::proposer_rules::depends_on_proposer(&decision) {
            self.check_proposer_rules(&decision);
        } else {
            self.check_rule_dates(&decision, block.span);
        }
        decision
    }

    /// Every day must have exactly one rule in force. The days worth testing are the ends of
    /// each rule's period and the days either side of them.
    pub(super) fn check_rule_dates(&mut self, decision: &Decision, block_span: Span) {
        if decision.rules.len() == 1 && decision.rules.iter().all(|r| r.from.is_none() && r.until.is_none()) {
            return;
        }
        let mut days = Vec::new();
        for rule in &decision.rules {
            for date in [rule.from, rule.until].into_iter().flatten() {
                days.extend([date.previous(), Some(date), date.next()].into_iter().flatten());
            }
        }
        days.sort();
        days.dedup();
        if days.is_empty() {
            // Several rules, none timed: every day has them all.
            if let Some(second) = decision.rules.get(1) {
                self.errors.push(LowerError::RuleDates {
                    name: decision.name.clone(),
                    problem: "two rules in force".into(),
                    date: "every day".into(),
                    at: second.span.into(),
                    help: "a decision has one rule; to change it over time, write `until DATE, passes if …` and `from DATE, passes if …`".into(),
                });
            }
            return;
        }
        for day in days {
            let in_force = decision
                .rules
                .iter()
                .filter(|r| r.from.is_none_or(|f| f <= day) && r.until.is_none_or(|u| day <= u))
                .count();
            if in_force != 1 {
                let (problem, help) = if in_force == 0 {
                    ("no rule in force", "make the periods meet: if one rule holds `until 31 March 2027`, the next holds `from 1 April 2027`")
                } else {
                    (
                        "more than one rule in force",
                        "make the periods meet without overlapping: `until 31 March 2027` and `from 1 April 2027`",
                    )
                };
                self.errors.push(LowerError::RuleDates {
                    name: decision.name.clone(),
                    problem: problem.into(),
                    date: day.to_string(),
                    at: block_span.into(),
                    help: help.into(),
                });
                return;
            }
        }
    }

    pub(super) fn rule(&mut self, rule: &Spanned<ast::Rule>) -> Option<Spanned<Rule>> {
        let node = match &rule.node {
            ast::Rule::All(parts) => Rule::All(parts.iter().map(|p| self.rule(p)).collect::<Option<Vec<_>>>()?),
            ast::Rule::Any(parts) => Rule::Any(parts.iter().map(|p| self.rule(p)).collect::<Option<Vec<_>>>()?),
            ast::Rule::Condition(ast::Condition::Represented { blocs }) => {
                return self.represented(*blocs, rule.span);
            }
            ast::Rule::Condition(c) => Rule::Condition(self.condition(c)?),
        };
        Some(Spanned::new(node, rule.span))
    }

    pub(super) fn optional_kind(&mut self, kind: &Option<ast::Ident>) -> Option<Option<KindId>> {
        match kind {
            Some(k) => self.kind_ref(k).map(Some),
            None => Some(None),
        }
    }

    pub(super) fn base(&mut self, base: &ast::Base) -> Option<Base> {
        Some(Base { kind: self.optional_kind(&base.kind)?, unit: base.unit.into(), scope: base.scope.into() })
    }

    pub(super) fn condition(&mut self, condition: &ast::Condition) -> Option<Condition> {
        Some(match condition {
            ast::Condition::Unanimous => Condition::Unanimous,
            ast::Condition::Every { kind, side } => {
                Condition::Every { kind: self.optional_kind(kind)?, side: (*side).into() }
            }
            ast::Condition::NoMember { kind, side } => {
                Condition::NoMember { kind: self.optional_kind(kind)?, side: (*side).into() }
            }
            ast::Condition::HalfPlusOne { base, side } => {
                Condition::HalfPlusOne { base: self.base(base)?, side: (*side).into() }
            }
            ast::Condition::Threshold { comparator, proportion, base, side } => Condition::Threshold {
                comparator: (*comparator).into(),
                proportion: proportion.map(Into::into),
                base: self.base(base)?,
                side: (*side).into(),
            },
            ast::Condition::Count { comparator, count, kind, side } => Condition::Count {
                comparator: (*comparator).into(),
                count: *count,
                kind: self.optional_kind(kind)?,
                side: (*side).into(),
                share: None,
            },
            ast::Condition::Membership { comparator, proportion, side, rounding } => {
                let membership = self.members.iter().filter(|m| !m.has_role(Role::Observer)).count();
                let membership = u32::try_from(membership).unwrap_or(u32::MAX);
                let share =
                    MembershipShare { proportion: proportion.node.into(), rounding: (*rounding).into(), membership };
                // A share too large to work out is larger than any membership.
                let count = share_of_membership(&share).unwrap_or(u32::MAX);
                Condition::Count {
                    comparator: (*comparator).into(),
                    count: Spanned::new(count, proportion.span),
                    kind: None,
                    side: (*side).into(),
                    share: Some(share),
                }
            }
            ast::Condition::BlocPosition { subject } => {
                Condition::BlocPosition { blocs: self.bloc_selection(&subject.node)? }
            }
            ast::Condition::Bloc { subject, comparator, proportion, base } => Condition::Bloc {
                blocs: self.bloc_selection(&subject.node)?,
                comparator: (*comparator).into(),
                proportion: proportion.map(Into::into),
                base: self.base(base)?,
            },
            // `every kind represented` stands for several conditions: `rule` reads it, and it
            // never reaches here.
            ast::Condition::Represented { .. } => return None,
            ast::Condition::Member { member, side } => {
                Condition::Member { member: self.member_ref(member)?, side: (*side).into() }
            }
        })
    }
}

/// The whole number of members a share of the membership comes to, rounded as it says; `None`
/// when the figures are too large to work out exactly.
pub fn share_of_membership(share: &MembershipShare) -> Option<u32> {
    use rust_decimal::prelude::ToPrimitive;
    let den = share.proportion.denominator;
    let product = share.proportion.numerator.checked_mul(Decimal::from(share.membership))?;
    // The quotient of two decimals can be inexact in its last digit, so the whole part is
    // settled by cross-multiplying: the largest `floor` with floor × den ≤ product.
    let mut floor = product.checked_div(den)?.floor();
    if floor.checked_mul(den)? > product {
        floor = floor.checked_sub(Decimal::ONE)?;
    }
    let next = floor.checked_add(Decimal::ONE)?;
    if next.checked_mul(den)? <= product {
        floor = next;
    }
    let whole = floor.checked_mul(den)? == product;
    let rounded = match share.rounding {
        Rounding::Up if !whole => floor.checked_add(Decimal::ONE)?,
        _ => floor,
    };
    rounded.to_u32()
}
