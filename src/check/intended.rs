//! Findings the agreement says it intends: `expect dummy because "…"`.
//!
//! An `expect` clause may stand in any block of an agreement. It names a finding (its code, or
//! the last part of it: `dummy` is `concord::check::dummy`) and gives the reason. It covers every
//! finding of that code with a label inside its block — a member's block covers the findings
//! about that member, a decision's block the findings about that decision — and, in the
//! `agreement` block, every finding of that code in the file. Covered findings are reported as
//! intended, with the reason, and do not count as warnings. Like rustc's `#[expect]`, a clause
//! that covers nothing is itself a warning (`concord::check::intended_finding_absent`), so a
//! reason cannot outlive what it explains. Only warnings and advice can be intended: a finding
//! that is an error here is reported as usual, and the clause with it
//! (`concord::check::intended_error`).

use crate::diagnostic::{AnyDiagnostic, Severity};
use crate::model::Intention;
use crate::span::Span;

use super::diagnostics::{IntendedError, IntendedFindingAbsent, UnknownFinding};
use super::{CheckDiagnostic, CODES};

/// A finding covered by an `expect` clause.
#[derive(Debug, Clone)]
pub struct Intended {
    pub diagnostic: AnyDiagnostic,
    /// The reason the clause gives.
    pub because: String,
    /// Where the clause is.
    pub at: Span,
}

/// The diagnostics of a file split into those still reported (with any the clauses themselves
/// raise) and those the agreement intends.
pub fn apply(clauses: &[Intention], diagnostics: Vec<AnyDiagnostic>) -> (Vec<AnyDiagnostic>, Vec<Intended>) {
    if clauses.is_empty() {
        return (diagnostics, Vec::new());
    }
    let mut used = vec![false; clauses.len()];
    let mut kept = Vec::new();
    let mut intended = Vec::new();
    let mut raised = Vec::new();
    for diagnostic in diagnostics {
        let code = diagnostic.code_string();
        let covering = clauses.iter().position(|c| c.code == code && covers(c, &diagnostic));
        match covering {
            Some(i) if diagnostic.severity_level() == Severity::Error => {
                if let Some(flag) = used.get_mut(i) {
                    if !*flag {
                        raised.push(intended_error(clauses.get(i)));
                    }
                    *flag = true;
                }
                kept.push(diagnostic);
            }
            Some(i) => {
                if let Some(flag) = used.get_mut(i) {
                    *flag = true;
                }
                let clause = clauses.get(i);
                intended.push(Intended {
                    diagnostic,
                    because: clause.map(|c| c.because.clone()).unwrap_or_default(),
                    at: clause.map(|c| c.at).unwrap_or_default(),
                });
            }
            None => kept.push(diagnostic),
        }
    }
    for (clause, used) in clauses.iter().zip(used) {
        if used {
            continue;
        }
        if !CODES.contains(&clause.code.as_str()) {
            raised.push(unknown(clause));
            continue;
        }
        let short = clause.code.rsplit("::").next().unwrap_or(&clause.code);
        raised.push(AnyDiagnostic::Check(CheckDiagnostic::IntendedFindingAbsent(IntendedFindingAbsent {
            decision: None,
            witness: None,
            what: format!("a `{short}` finding"),
            place: if clause.scope.is_none() { "anywhere in the agreement" } else { "in this block" }.to_string(),
            at: clause.at.into(),
        })));
    }
    kept.extend(raised);
    (kept, intended)
}

/// Whether the clause's block holds one of the diagnostic's labels.
fn covers(clause: &Intention, diagnostic: &AnyDiagnostic) -> bool {
    use miette::Diagnostic;
    let Some(scope) = clause.scope else { return true };
    diagnostic.labels().is_some_and(|mut labels| labels.any(|l| scope.start <= l.offset() && l.offset() < scope.end))
}

fn intended_error(clause: Option<&Intention>) -> AnyDiagnostic {
    AnyDiagnostic::Check(CheckDiagnostic::IntendedError(IntendedError {
        decision: None,
        witness: None,
        name: clause.map(|c| c.code.clone()).unwrap_or_default(),
        at: clause.map(|c| c.at).unwrap_or_default().into(),
    }))
}

fn unknown(clause: &Intention) -> AnyDiagnostic {
    let short = |code: &'static str| code.rsplit("::").next().unwrap_or(code);
    let written = clause.code.rsplit("::").next().unwrap_or(&clause.code);
    let nearest = crate::suggest::nearest(written, CODES.iter().map(|c| short(c)));
    let help = match nearest {
        Some(name) => format!(
            "did you mean `{name}`? Every finding is listed in the diagnostics catalogue (docs/diagnostics-check.md)"
        ),
        None => "every finding the checker reports is listed in the diagnostics catalogue (docs/diagnostics-check.md)"
            .to_string(),
    };
    AnyDiagnostic::Check(CheckDiagnostic::UnknownFinding(UnknownFinding {
        decision: None,
        witness: None,
        name: clause.name.clone(),
        help,
        at: clause.written.into(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) -> (Vec<String>, Vec<String>) {
        let loaded = crate::load::load(text);
        assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
        let agreement = loaded.agreement.as_ref().unwrap_or_else(|| panic!("an agreement"));
        let diagnostics = crate::check::check(agreement).into_iter().map(AnyDiagnostic::from).collect();
        let (kept, intended) = apply(&crate::model::intentions(&loaded.file), diagnostics);
        (kept.iter().map(|d| d.code_string()).collect(), intended.iter().map(|i| i.diagnostic.code_string()).collect())
    }

    const GRIDLOCK: &str = "agreement \"T\"\n\nmember hhft\nmember lbh\n\ndecision \"vary\"\n  passes if unanimous\n";

    #[test]
    fn an_expect_clause_covers_its_block() {
        assert_eq!(check(GRIDLOCK).0, ["concord::check::gridlock"]);
        let text = format!("{GRIDLOCK}  expect gridlock because \"each partner must agree\"\n");
        assert_eq!(check(&text), (vec![], vec!["concord::check::gridlock".to_string()]));
    }

    #[test]
    fn the_agreement_block_covers_the_file() {
        let text = GRIDLOCK.replace(
            "agreement \"T\"\n",
            "agreement \"T\"\n  expect finding concord::check::gridlock because \"by design\"\n",
        );
        assert_eq!(check(&text).1, ["concord::check::gridlock"]);
    }

    #[test]
    fn a_clause_in_another_block_covers_nothing() {
        let text = GRIDLOCK.replace("member lbh\n", "member lbh\n  expect gridlock because \"x\"\n");
        assert_eq!(check(&text).0, ["concord::check::gridlock", "concord::check::intended_finding_absent"]);
    }

    #[test]
    fn an_unknown_name_is_refused_with_a_suggestion() {
        let text = format!("{GRIDLOCK}  expect gridlok because \"x\"\n");
        let loaded = crate::load::load(&text);
        let agreement = loaded.agreement.as_ref().unwrap_or_else(|| panic!("an agreement"));
        let diagnostics = crate::check::check(agreement).into_iter().map(AnyDiagnostic::from).collect();
        let (kept, _) = apply(&crate::model::intentions(&loaded.file), diagnostics);
        let unknown = kept.iter().find(|d| d.code_string() == "concord::check::unknown_finding");
        let help = unknown.and_then(|d| miette::Diagnostic::help(d).map(|h| h.to_string())).unwrap_or_default();
        assert!(help.contains("did you mean `gridlock`"), "{help}");
    }
}
