//! Meetings (issue 21): a decision's clauses about removal after missed meetings, its excuse and
//! a quorum of those attending, read into [`Meetings`], with the refusals of what they leave
//! unsettled.

use super::*;
use crate::model::meetings::{Absence, AttendanceQuorum, Excuse, Lodging, Meetings};
use crate::model::MeetingsError;

impl<'f> Lowerer<'f> {
    /// Reads one of the clauses into `meetings`; each may be given once.
    pub(super) fn meetings_clause(&mut self, meetings: &mut Meetings, clause: &ast::MeetingsClause, span: Span) {
        let (what, first) = match clause {
            ast::MeetingsClause::Absence(period) => {
                let first = meetings.absence.map(|a| a.span);
                if first.is_none() {
                    meetings.absence = Some(Absence { period: period.node, span });
                }
                ("the meetings the member concerned must have missed", first)
            }
            ast::MeetingsClause::Excuse { reasonable_cause, future_attendance } => {
                let first = meetings.excuse.map(|e| e.span);
                if first.is_none() {
                    meetings.excuse = Some(Excuse {
                        reasonable_cause: *reasonable_cause,
                        future_attendance: *future_attendance,
                        span,
                    });
                }
                ("what excuses the absence", first)
            }
            ast::MeetingsClause::AttendanceQuorum(count) => {
                let first = meetings.attendance_quorum.map(|q| q.span);
                if first.is_none() {
                    meetings.attendance_quorum = Some(AttendanceQuorum { at_least: count.node, span });
                }
                ("the quorum of members attending", first)
            }
            ast::MeetingsClause::Lodging(limits) => {
                let first = meetings.lodging.map(|l| l.span);
                if first.is_none() {
                    let mut lodging = Lodging { in_a_row: None, a_year: None, span };
                    for limit in limits {
                        let (slot, n, what) = match limit.node {
                            ast::LodgingLimit::InARow(n) => (&mut lodging.in_a_row, n, "how many meetings in a row"),
                            ast::LodgingLimit::AYear(n) => (&mut lodging.a_year, n, "how many times a year"),
                        };
                        match slot {
                            Some(first) => self.errors.push(LowerError::DuplicateClause {
                                what: format!("{what} a vote may be lodged"),
                                first: first.span.into(),
                                second: limit.span.into(),
                            }),
                            None => *slot = Some(Spanned::new(n, limit.span)),
                        }
                    }
                    meetings.lodging = Some(lodging);
                }
                ("who may lodge a vote in advance", first)
            }
        };
        if let Some(first) = first {
            self.errors.push(LowerError::DuplicateClause {
                what: what.to_string(),
                first: first.into(),
                second: span.into(),
            });
        }
    }

    /// The refusals once the decision is read: an excuse with nothing to excuse, and a quorum of
    /// those attending on a matter reserved to one partner alone (not the meeting's to decide).
    pub(super) fn finish_meetings(&mut self, decision: &Decision) {
        let m = &decision.meetings;
        if let (Some(excuse), None) = (m.excuse, m.absence) {
            self.errors.push(LowerError::Meetings(Box::new(MeetingsError::ExcuseWithoutAbsence {
                decision: decision.name.clone(),
                at: excuse.span.into(),
            })));
        }
        if let (Some(quorum), Some(reserved)) = (m.attendance_quorum, &decision.matters.reserved) {
            if decision.matters.reserved_alone() {
                let member = self.members.get(reserved.member.index()).map_or_else(String::new, |m| m.key.clone());
                self.errors.push(LowerError::from(crate::model::ProceedingsError::ReservedAlone {
                    decision: decision.name.clone(),
                    member,
                    what: "quorum".to_string(),
                    at: quorum.span.into(),
                    reserved: reserved.span.into(),
                }));
            }
        }
    }

    /// A quorum of those attending on a decision with no ordinary quorum of its own, where the
    /// agreement sets a default one: whether the default applies beside it is not settled.
    pub(super) fn attendance_beside_default(&mut self, decisions: &[Decision], default: bool) {
        if !default {
            return;
        }
        for d in decisions {
            if let (Some(q), None) = (d.meetings.attendance_quorum, &d.quorum) {
                self.errors.push(LowerError::Meetings(Box::new(MeetingsError::AttendanceBesideDefault {
                    decision: d.name.clone(),
                    at: q.span.into(),
                })));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use miette::Diagnostic;

    fn codes(agreement: &str, decision: &str) -> Vec<String> {
        let text = format!(
            "agreement \"T\"\n{agreement}member icb\nmember council\ndecision \"d\"\n  passes if unanimous\n{decision}"
        );
        crate::load::load(&text).diagnostics.iter().filter_map(|d| d.code().map(|c| c.to_string())).collect()
    }

    #[test]
    fn each_clause_reads_and_is_kept() {
        let text = "agreement \"T\"\nmember icb\nmember council\ndecision \"d\"\n  passes if unanimous\n  only after the member concerned has missed every meeting for 6 months\n  unless the absence had a reasonable cause and the member will be able to attend future meetings\n  quorum at least 2 members attending, voting or not\n";
        let loaded = crate::load::load(text);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let agreement = loaded.agreement.unwrap_or_else(|| unreachable!());
        let m = &agreement.decisions[0].meetings;
        assert_eq!(m.absence.map(|a| a.period.words()).as_deref(), Some("6 months"));
        assert!(m.excuse.is_some_and(|e| e.reasonable_cause && e.future_attendance));
        assert_eq!(m.attendance_quorum.map(|q| q.at_least), Some(2));
    }

    #[test]
    fn what_is_unsettled_is_refused() {
        assert_eq!(
            codes("", "  unless the absence had a reasonable cause\n"),
            ["concord::model::excuse_without_absence"]
        );
        assert_eq!(
            codes("  quorum at least 1 member present\n", "  quorum at least 2 members attending, voting or not\n"),
            ["concord::model::attendance_beside_default"]
        );
        assert!(codes(
            "  quorum at least 1 member present\n",
            "  quorum at least 1 member present\n  quorum at least 2 members attending, voting or not\n"
        )
        .is_empty());
        assert_eq!(
            codes(
                "",
                "  only after the member concerned has missed every meeting for 6 months\n  only after the member concerned has missed every meeting for 3 months\n"
            ),
            ["concord::model::duplicate_clause"]
        );
    }
}
