//! `when proposed by …, passes if …` (real clause C67) and `any 10 members jointly` (C97): the
//! proposers a clause names, the rules chosen by who proposed, and the checks that make that
//! choice settled (see [`crate::model::proposer_rules`]).

use super::*;
use crate::model::procedure::{Proposer, Proposers};
use crate::model::proposer_rules::ProposerError;

impl<'f> Lowerer<'f> {
    /// The proposers a `may be proposed only by` or `when proposed by` clause names, resolved.
    pub(super) fn proposer_list(&mut self, who: &[Spanned<ast::Proposer>]) -> Vec<Spanned<Proposer>> {
        let mut read = Vec::new();
        for one in who {
            let node = match &one.node {
                ast::Proposer::Member(m) => self.member_ref(&Spanned::new(m.clone(), one.span)).map(Proposer::Member),
                ast::Proposer::Kind(k) => self.kind_ref(k).map(Proposer::Kind),
                ast::Proposer::Body(b) => Some(Proposer::Body(b.clone())),
                ast::Proposer::Jointly(n) if *n < 2 => {
                    self.errors.push(ProposerError::JointTooFew { at: one.span.into() }.into());
                    None
                }
                ast::Proposer::Jointly(n) => Some(Proposer::Jointly(*n)),
                ast::Proposer::AnyMember => Some(Proposer::AnyMember),
            };
            read.extend(node.map(|n| Spanned::new(n, one.span)));
        }
        read
    }

    /// `when proposed by …, passes if RULE`: a rule for proposals by those it names.
    pub(super) fn proposer_rule(
        &mut self,
        decision: &mut Decision,
        who: &[Spanned<ast::Proposer>],
        rule: &Spanned<ast::Rule>,
        span: Span,
    ) {
        let who = self.proposer_list(who);
        let Some(rule) = self.rule(rule) else { return };
        let proposed_by = Some(Proposers { who, span });
        decision.rules.push(TimedRule { from: None, until: None, rule, span, proposed_by });
    }

    /// A decision whose rules depend on who proposed: none dated, one plain rule for anyone
    /// else, and nobody under two `when proposed by` clauses.
    pub(super) fn check_proposer_rules(&mut self, decision: &Decision) {
        let name = decision.name.clone();
        let by_proposer: Vec<&TimedRule> = decision.rules.iter().filter(|r| r.proposed_by.is_some()).collect();
        let Some(first) = by_proposer.first() else { return };
        if let Some(dated) = decision.rules.iter().find(|r| r.from.is_some() || r.until.is_some()) {
            self.errors.push(
                ProposerError::DatedAndByProposer {
                    decision: name.clone(),
                    by_proposer: first.span.into(),
                    dated: dated.span.into(),
                }
                .into(),
            );
            return;
        }
        let plain: Vec<&TimedRule> = decision.rules.iter().filter(|r| r.proposed_by.is_none()).collect();
        match plain.as_slice() {
            [] => self.errors.push(ProposerError::NoRuleOtherwise { decision: name.clone(), at: first.span.into() }.into()),
            [_] => {}
            [_, second, ..] => self.errors.push(LowerError::RuleDates {
                name: name.clone(),
                problem: "two rules in force".into(),
                date: "every day".into(),
                at: second.span.into(),
                help: "a decision whose rule depends on who proposed has one plain `passes if …`, for a proposal by anyone else".into(),
            }),
        }
        // Each proposer in one clause only: a member named twice or under a kind named in
        // another clause, a body named twice, two joint entries.
        let entries: Vec<(usize, &Spanned<Proposer>)> = by_proposer
            .iter()
            .enumerate()
            .flat_map(|(i, r)| r.proposed_by.iter().flat_map(move |p| p.who.iter().map(move |w| (i, w))))
            .collect();
        for (n, (i, a)) in entries.iter().enumerate() {
            for (j, b) in entries.iter().skip(n.saturating_add(1)) {
                if i == j {
                    continue;
                }
                if let Some(who) = self.overlap(&a.node, &b.node) {
                    self.errors.push(
                        ProposerError::InTwoRules {
                            decision: name.clone(),
                            who,
                            first: a.span.into(),
                            second: b.span.into(),
                        }
                        .into(),
                    );
                }
            }
        }
    }

    /// Who falls under both entries, in words, if anyone can.
    fn overlap(&self, a: &Proposer, b: &Proposer) -> Option<String> {
        let key = |m: MemberId| self.members.get(m.index()).map_or_else(String::new, |m| format!("`{}`", m.key));
        let of_kind = |m: MemberId, k: KindId| self.members.get(m.index()).is_some_and(|m| m.is_of_kind(k));
        match (a, b) {
            (Proposer::Member(x), Proposer::Member(y)) if x == y => Some(key(*x)),
            (Proposer::Member(m), Proposer::Kind(k)) | (Proposer::Kind(k), Proposer::Member(m)) if of_kind(*m, *k) => {
                Some(key(*m))
            }
            (Proposer::Kind(k), Proposer::Kind(l)) => {
                self.members.iter().find(|m| m.is_of_kind(*k) && m.is_of_kind(*l)).map(|m| format!("`{}`", m.key))
            }
            (Proposer::Body(x), Proposer::Body(y)) if x == y => Some(format!("“{x}”")),
            (Proposer::Jointly(_), Proposer::Jointly(_)) => Some("a joint proposal".to_string()),
            (Proposer::AnyMember, Proposer::Member(m)) | (Proposer::Member(m), Proposer::AnyMember) => Some(key(*m)),
            (Proposer::AnyMember, Proposer::Kind(k)) | (Proposer::Kind(k), Proposer::AnyMember) => {
                self.members.iter().find(|m| m.is_of_kind(*k)).map(|m| format!("`{}`", m.key))
            }
            (Proposer::AnyMember, Proposer::AnyMember) => Some("every member".to_string()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use miette::Diagnostic;

    fn codes(decision: &str) -> Vec<String> {
        let text = format!(
            "agreement \"T\"\n  kinds lay\nmember icb\nmember council\n  kinds lay\nmember trust\ndecision \"d\"\n{decision}"
        );
        crate::load::load(&text).diagnostics.iter().filter_map(|d| d.code().map(|c| c.to_string())).collect()
    }

    #[test]
    fn rules_by_proposer_read_and_need_a_rule_for_anyone_else() {
        let good = "  when proposed by \"the Commission\" or icb, passes if unanimous\n  passes if at least 2 members in favour\n";
        assert!(codes(good).is_empty(), "{:?}", codes(good));
        let none_else = "  when proposed by \"the Commission\", passes if unanimous\n";
        assert_eq!(codes(none_else), ["concord::model::no_rule_otherwise"]);
        let two_plain = "  when proposed by icb, passes if unanimous\n  passes if unanimous\n  passes if at least 1 member in favour\n";
        assert_eq!(codes(two_plain), ["concord::model::rule_dates"]);
    }

    #[test]
    fn rules_by_proposer_refuse_what_is_not_settled() {
        let dated = "  when proposed by icb, passes if unanimous\n  until 1 May 2027, passes if unanimous\n  from 2 May 2027, passes if unanimous\n";
        assert_eq!(codes(dated), ["concord::model::rule_by_date_and_proposer"]);
        let kind_and_member = "  when proposed by council, passes if unanimous\n  when proposed by lay members, passes if at least 1 member in favour\n  passes if unanimous\n";
        assert_eq!(codes(kind_and_member), ["concord::model::proposer_in_two_rules"]);
        let body_twice = "  when proposed by \"X\", passes if unanimous\n  when proposed by \"X\", passes if at least 1 member in favour\n  passes if unanimous\n";
        assert_eq!(codes(body_twice), ["concord::model::proposer_in_two_rules"]);
        let one_jointly = "  passes if unanimous\n  may be proposed only by icb or by any 1 members jointly\n";
        assert_eq!(codes(one_jointly), ["concord::model::joint_proposal_too_few"]);
    }
}
