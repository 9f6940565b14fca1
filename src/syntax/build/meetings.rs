//! Meetings (issue 21): the decision clauses for removal after missed meetings, its excuse and a
//! quorum of those attending, and the proposal lines giving their facts.

use super::super::ast::*;
use super::super::error::SyntaxError;
use super::super::grammar::Rule;
use super::{children, find, has, Builder, P};

impl Builder {
    /// A decision clause of this family (`inner` is a `meetings_clause`), or `None`.
    pub(super) fn meetings_clause(&self, inner: &P<'_>) -> Option<DecisionClause> {
        let one = children(inner).into_iter().next()?;
        Some(DecisionClause::Meetings(match one.as_rule() {
            Rule::absence_clause => MeetingsClause::Absence(self.duration(&self.need(&one, Rule::duration)?)?),
            Rule::excuse_clause => {
                let limbs: Vec<_> = children(&one).into_iter().filter(|p| p.as_rule() == Rule::excuse_limb).collect();
                MeetingsClause::Excuse {
                    reasonable_cause: limbs.iter().any(|l| has(l, Rule::reasonable_cause)),
                    future_attendance: limbs.iter().any(|l| has(l, Rule::future_attendance)),
                }
            }
            Rule::attendance_quorum => {
                let count = self.need(&one, Rule::integer)?;
                let n = self.count(&count)?;
                MeetingsClause::AttendanceQuorum(self.spanned(&count, n))
            }
            Rule::lodging_clause => {
                let mut limits = Vec::new();
                for limit in children(&one).into_iter().filter(|p| p.as_rule() == Rule::lodging_limit) {
                    let n = self.count(&self.need(&limit, Rule::integer)?)?;
                    let node =
                        if has(&limit, Rule::in_a_row) { LodgingLimit::InARow(n) } else { LodgingLimit::AYear(n) };
                    limits.push(self.spanned(&limit, node));
                }
                MeetingsClause::Lodging(limits)
            }
            _ => {
                self.shape(&one)?;
                return None;
            }
        }))
    }

    /// A proposal line of this family (`inner` is a `meetings_line`), or `None`.
    pub(super) fn meetings_line(&self, inner: &P<'_>) -> Option<ProposalClause> {
        let one = children(inner).into_iter().next()?;
        Some(ProposalClause::Meetings(match one.as_rule() {
            Rule::last_attended_line => MeetingsLine::LastAttended(self.date(&self.need(&one, Rule::date)?)?),
            Rule::cause_fact => MeetingsLine::ReasonableCause(!has(&one, Rule::no_cause)),
            Rule::future_fact => MeetingsLine::FutureAttendance(!has(&one, Rule::not_able)),
            Rule::attending_line => MeetingsLine::Attending(self.member_list(&self.need(&one, Rule::member_list)?)),
            Rule::lodged_line => {
                let mut votes = Vec::new();
                for vote in children(&one).into_iter().filter(|p| p.as_rule() == Rule::lodged_vote) {
                    let member = self.member_ref(&self.need(&vote, Rule::member_ref)?);
                    let choice = if has(&vote, Rule::in_favour) { VoteChoice::InFavour } else { VoteChoice::Against };
                    votes.push((member, choice));
                }
                MeetingsLine::Lodged(votes)
            }
            Rule::lodged_before_line => {
                let member = self.member_ref(&self.need(&one, Rule::member_ref)?);
                let not = has(&one, Rule::lodged_not);
                let before = if let Some(last) = find(&one, Rule::at_the_last) {
                    let n = match find(&last, Rule::integer) {
                        Some(i) => self.count(&i)?,
                        None => 1,
                    };
                    LodgedBefore::InARow(if not { 0 } else { n })
                } else if let Some(year) = find(&one, Rule::this_year) {
                    LodgedBefore::ThisYear(self.count(&self.need(&year, Rule::integer)?)?)
                } else {
                    LodgedBefore::ThisYear(0)
                };
                MeetingsLine::LodgedBefore { member, before }
            }
            _ => {
                self.shape(&one)?;
                return None;
            }
        }))
    }

    /// A whole number that fits, or a diagnostic.
    fn count(&self, pair: &P<'_>) -> Option<u32> {
        match pair.as_str().parse::<u32>() {
            Ok(n) => Some(n),
            Err(_) => {
                self.report(SyntaxError::NumberTooLarge {
                    text: pair.as_str().to_string(),
                    at: self.span(pair).into(),
                });
                None
            }
        }
    }
}
