//! `concord check`: read and resolve agreements and scenario files, and report every problem.

use std::path::{Path, PathBuf};

use crate::diagnostic::{AnyDiagnostic, Severity};
use crate::load::{self, plain_io, LoadFailure, Source};
use crate::model::{FileKind, LowerError};
use crate::results::{finding, JSON_SCHEMA_VERSION};

/// The report types, built here and rendered by `report/`.
pub use crate::results::check::*;

/// Finds the files to check: each path, or every `.concord` and `.scenarios` file under a folder.
pub fn collect_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found);
            found.sort();
            out.extend(found);
        } else {
            out.push(path.clone());
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out);
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("concord" | "scenarios")) {
            out.push(path);
        }
    }
}

/// Checks every file.
pub fn check(paths: &[PathBuf]) -> CheckReport {
    let files: Vec<FileCheck> = collect_files(paths).iter().map(|p| check_file(p)).collect();
    let count = |severity| files.iter().flat_map(|f| &f.findings).filter(|d| d.severity == severity).count();
    CheckReport {
        schema: JSON_SCHEMA_VERSION,
        errors: count(Severity::Error),
        warnings: count(Severity::Warning),
        files,
    }
}

/// Checks one file from disk.
pub fn check_file(path: &Path) -> FileCheck {
    let name = path.display().to_string();
    match load::read_source(path) {
        Ok(source) => check_source(source, path.parent()),
        Err(LoadFailure::Io { error, .. }) => FileCheck {
            path: name,
            kind: None,
            summary: None,
            findings: Vec::new(),
            intended: Vec::new(),
            source: None,
            diagnostics: Vec::new(),
            unreadable: Some(plain_io(&error)),
        },
        Err(LoadFailure::Invalid { source, diagnostic }) => {
            let findings = vec![finding(&diagnostic, &source.text)];
            FileCheck {
                path: name,
                kind: None,
                summary: None,
                findings,
                intended: Vec::new(),
                source: Some(source),
                diagnostics: vec![*diagnostic],
                unreadable: None,
            }
        }
    }
}

/// Checks one text. `folder` is where a scenario file's agreement path is taken from.
pub fn check_source(source: Source, folder: Option<&Path>) -> FileCheck {
    let loaded = load::load(&source.text);
    let summary = match (&loaded.agreement, loaded.has_errors()) {
        (Some(a), false) => Some(AgreementSummary {
            title: a.title.node.clone(),
            members: a.members.len(),
            decisions: a.decisions.len(),
        }),
        _ => None,
    };
    let (diagnostics, intended) = diagnose(&loaded, folder);
    let findings = crate::report::findings(&diagnostics, &source.text);
    let because: Vec<String> = intended.iter().map(|i| i.because.clone()).collect();
    let intended_findings = crate::report::findings(intended.iter().map(|i| &i.diagnostic), &source.text);
    let intended = intended_findings
        .into_iter()
        .zip(because)
        .map(|(finding, because)| IntendedReport { finding, because })
        .collect();
    FileCheck {
        path: source.name.clone(),
        kind: Some(loaded.kind),
        summary,
        findings,
        intended,
        source: Some(source),
        diagnostics,
        unreadable: None,
    }
}

/// Every problem in a loaded text, as `concord check` reports it (and `concord lsp` shows it),
/// with the findings its `expect … because` clauses intend set apart.
pub fn diagnose(
    loaded: &load::Loaded,
    folder: Option<&Path>,
) -> (Vec<AnyDiagnostic>, Vec<crate::check::intended::Intended>) {
    let mut diagnostics = loaded.diagnostics.clone();
    if loaded.kind == FileKind::Scenarios && !loaded.has_errors() {
        diagnostics.extend(check_scenarios(loaded, folder));
    }
    // The checker's analyses run on agreements that resolved cleanly.
    if let (Some(agreement), false) = (&loaded.agreement, loaded.has_errors()) {
        diagnostics.extend(crate::check::check(agreement).into_iter().map(AnyDiagnostic::from));
    }
    // `expect … because "…"` clauses are weighed only once every analysis has run.
    if loaded.has_errors() {
        (diagnostics, Vec::new())
    } else {
        crate::check::intended::apply(&crate::model::intentions(&loaded.file), diagnostics)
    }
}

/// The agreement a scenario file names, read and resolved cleanly: its path, its text and
/// the model. Otherwise the diagnostics that say why not (no `scenarios for`, no such file, not
/// an agreement, an agreement with problems of its own).
pub fn scenarios_agreement(
    loaded: &load::Loaded,
    folder: Option<&Path>,
) -> Result<(std::path::PathBuf, Source, crate::model::Agreement), Vec<AnyDiagnostic>> {
    let Some(target) = crate::model::scenarios_target(&loaded.file) else {
        let at = loaded.file.blocks.first().map_or(crate::span::Span::default(), |b| b.header.span);
        return Err(vec![LowerError::from(crate::model::InputsError::IncompleteInput {
            what: "this scenario file does not say which agreement it tests".into(),
            at: at.into(),
            help: "start the file with `scenarios for \"agreement.concord\"`".into(),
        })
        .into()]);
    };
    let path = folder.unwrap_or(Path::new(".")).join(&target.node);
    let agreement_source = match load::read_source(&path) {
        Ok(s) => s,
        Err(failure) => {
            let reason = match failure {
                LoadFailure::Io { error, .. } => plain_io(&error),
                LoadFailure::Invalid { diagnostic, .. } => diagnostic.to_string(),
            };
            return Err(vec![LowerError::from(crate::model::InputsError::AgreementNotFound {
                path: target.node.clone(),
                reason,
                at: target.span.into(),
            })
            .into()]);
        }
    };
    let agreement = load::load(&agreement_source.text);
    if agreement.kind != FileKind::Agreement {
        return Err(vec![LowerError::from(crate::model::InputsError::AgreementNotFound {
            path: target.node.clone(),
            reason: "it is not an agreement (it has no `agreement` header)".into(),
            at: target.span.into(),
        })
        .into()]);
    }
    let has_errors = agreement.has_errors();
    let count = agreement.diagnostics.len().max(1);
    match agreement.agreement {
        Some(a) if !has_errors => Ok((path, agreement_source, a)),
        _ => Err(vec![LowerError::from(crate::model::InputsError::AgreementHasErrors {
            path: target.node.clone(),
            count,
            at: target.span.into(),
        })
        .into()]),
    }
}

/// Resolves a scenario file against the agreement it names.
fn check_scenarios(loaded: &load::Loaded, folder: Option<&Path>) -> Vec<AnyDiagnostic> {
    match scenarios_agreement(loaded, folder) {
        Ok((_, _, agreement)) => {
            let (inputs, mut diagnostics) = load::load_inputs(&agreement, &loaded.file);
            diagnostics.extend(unknown_voters(&agreement, &inputs).into_iter().map(AnyDiagnostic::from));
            diagnostics
        }
        Err(diagnostics) => diagnostics,
    }
}

/// Votes from names the agreement does not have, in scenarios that do not expect the proposal
/// to be invalid because of them: each most likely a typing slip, with the nearest member.
fn unknown_voters(agreement: &crate::model::Agreement, inputs: &crate::model::Inputs) -> Vec<LowerError> {
    use crate::model::inputs::{Expect, ExpectDetail, Voter};
    use crate::model::InvalidReason;
    let expects_it = |s: &crate::model::inputs::Scenario| {
        s.expectations.iter().any(|e| {
            matches!(&e.node, Expect::Outcome { detail: Some(d), .. }
                if matches!(d.node, ExpectDetail::Because(InvalidReason::UnknownMemberVoted)))
        })
    };
    // A member an earlier step of the scenario's sequence admits may vote once it has joined
    // (`crate::sequence`): its name is not a slip.
    let joiners = |s: &crate::model::inputs::Scenario| -> Vec<String> {
        s.earlier
            .iter()
            .filter_map(|e| match e {
                crate::model::scenario::Earlier::Proposal(p) => p.applicant.as_ref().map(|a| a.key.clone()),
                crate::model::scenario::Earlier::Result(_) => None,
            })
            .collect()
    };
    let scenario_proposals =
        inputs.scenarios.iter().filter(|s| !expects_it(s)).filter_map(|s| s.proposal.as_ref().map(|p| (p, joiners(s))));
    let mut out = Vec::new();
    for (proposal, joining) in inputs.proposals.iter().map(|p| (p, Vec::new())).chain(scenario_proposals) {
        for vote in &proposal.votes {
            let Voter::Unknown(name) = &vote.voter else { continue };
            if joining.contains(name) {
                continue;
            }
            let nearest = agreement.nearest_member(name);
            let help = match nearest {
                Some(key) => format!("did you mean `{key}`?"),
                None => "name a member of the agreement; a scenario that means this vote to make the proposal invalid says `expect invalid because an unknown member voted`".to_string(),
            };
            out.push(LowerError::from(crate::model::InputsError::UnknownVoter {
                name: name.clone(),
                help,
                at: vote.span.into(),
            }));
        }
    }
    out
}
