//! Outcomes beyond pass and fail: the findings a drafter's contradiction calls for.

use super::*;

impl<'f> Lowerer<'f> {
    /// `if rejected, the default is …` beside `if rejected, escalate to …` says two things
    /// happen to the same rejected proposal; which one the drafter meant is not settled, so
    /// the pair is refused rather than one silently read over the other.
    pub(super) fn default_and_route(&mut self, decision: &Decision) {
        let Some(default) = &decision.default else { return };
        if let Some(route) = decision.escalations.iter().find(|e| e.trigger == EscalationTrigger::Rejected) {
            self.errors.push(LowerError::from(crate::model::ProceedingsError::DefaultAndEscalation {
                decision: decision.name.clone(),
                default: default.span.into(),
                route: route.span.into(),
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use miette::Diagnostic;

    fn codes(decision: &str) -> Vec<String> {
        let text =
            format!("agreement \"T\"\nmember icb\nmember council\ndecision \"d\"\n  passes if unanimous\n{decision}");
        crate::load::load(&text).diagnostics.iter().filter_map(|d| d.code().map(|c| c.to_string())).collect()
    }

    #[test]
    fn a_default_is_read_into_the_model() {
        let text = "agreement \"T\"\nmember icb\ndecision \"d\"\n  passes if unanimous\n  if rejected, the default is \"keep it\"\n";
        let loaded = crate::load::load(text);
        assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
        let agreement = loaded.agreement.expect("an agreement");
        let default = agreement.decisions[0].default.as_ref().expect("a default");
        assert_eq!(default.text, "keep it");
        assert_eq!(text.get(default.span.start..default.span.end), Some("if rejected, the default is \"keep it\""));
    }

    #[test]
    fn a_default_beside_a_rejected_route_is_refused() {
        let both = "  if rejected, escalate to \"the board\"\n  if rejected, the default is \"keep it\"\n";
        assert_eq!(codes(both), ["concord::model::default_and_escalation"]);
    }

    #[test]
    fn a_default_beside_a_tie_route_stands_and_is_given_once() {
        assert!(codes("  on a tie, escalate to \"the board\"\n  if rejected, the default is \"keep it\"\n").is_empty());
        let twice = "  if rejected, the default is \"keep it\"\n  if rejected the default is \"spend it\"\n";
        assert_eq!(codes(twice), ["concord::model::duplicate_clause"]);
    }
}
