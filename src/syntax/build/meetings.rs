//! Meetings (issue 21): the decision clauses for removal after missed meetings, its excuse and a
//! quorum of those attending, and the proposal lines giving their facts.

use super::super::ast::*;
use super::super::error::SyntaxError;
use super::super::grammar::Rule;
use super::{children, has, Builder, P};

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
                let Ok(n) = count.as_str().parse::<u32>() else {
                    self.report(SyntaxError::NumberTooLarge {
                        text: count.as_str().to_string(),
                        at: self.span(&count).into(),
                    });
                    return None;
                };
                MeetingsClause::AttendanceQuorum(self.spanned(&count, n))
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
            _ => {
                self.shape(&one)?;
                return None;
            }
        }))
    }
}
