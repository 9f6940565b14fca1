//! Syntax tree to resolved agreement: names bound to ids, units checked, money exact.
//!
//! Lowering reports every problem it finds and still returns the best model it can, so the
//! checker and the REPL can go on with what was understood. A model returned alongside errors
//! must not be evaluated: callers check `errors.is_empty()` first.
//!
//! This room holds the walk over the file and the names shared by every part; the parts are
//! rooms of their own: `currency` (the currency and sums of money), `members` (members, kinds,
//! roles, figures, the voting scheme, blocs), `decisions` (rules, quorums, exclusions, vetoes,
//! casting votes, routes), `money` (waterfalls and the budget), `funds` (pooled funds, aligned budgets and risk pools), `membership` (joining and
//! leaving), `intended` (`expect … because` clauses) and `terms` (the syntax tree's words to
//! the model's own terms).

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::error::LowerError;
use super::*;
use crate::span::{Span, Spanned};
use crate::suggest::nearest;
use crate::syntax::ast::{self, AgreementClause, Block, Clause, CurrencyMark, Header, MemberRef};

mod blocs;
mod conditions;
mod currency;
mod decisions;
mod effects;
mod elections;
mod funds;
mod instalments;
mod intended;
mod matters;
mod meetings;
mod members;
mod membership;
mod money;
mod offices;
mod outcomes;
mod outside;
mod procedure;
mod proposer_rules;
mod stand_ins;
mod terms;

pub use intended::intentions;
pub(crate) use members::resolve_member;

/// The most members an agreement may have.
pub const MAX_MEMBERS: usize = 10_000;
/// The most decisions an agreement may have.
pub const MAX_DECISIONS: usize = 1_000;

/// What a file holds, judged by its blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum FileKind {
    /// An agreement.
    Agreement,
    /// A scenario file (`scenarios for …` or `scenario` blocks).
    Scenarios,
    /// Proposals or year-end results.
    Inputs,
    /// Nothing but comments.
    Empty,
}

impl FileKind {
    /// What the file holds, from its first block.
    pub fn of(file: &ast::File) -> FileKind {
        match file.blocks.first().map(|b| &b.header.node) {
            None => FileKind::Empty,
            Some(Header::ScenariosFor { .. } | Header::Scenario { .. }) => FileKind::Scenarios,
            Some(Header::Proposal { .. } | Header::Result { .. }) => FileKind::Inputs,
            Some(_) => FileKind::Agreement,
        }
    }
}

/// Currencies whose symbol and minor unit Concord knows.
pub const RESERVED_WORDS: [&str; 25] = [
    "a",
    "all",
    "an",
    "and",
    "any",
    "at",
    "bloc",
    "commissioners",
    "each",
    "eligible",
    "every",
    "fewer",
    "half",
    "less",
    "member",
    "members",
    "more",
    "no",
    "not",
    "only",
    "or",
    "the",
    "unanimous",
    "vote",
    "votes",
];

struct Lowerer<'f> {
    file: &'f ast::File,
    errors: Vec<LowerError>,
    currency: Currency,
    kinds: Vec<Kind>,
    kinds_declared: bool,
    members: Vec<Member>,
    blocs: Vec<Bloc>,
    decision_names: Vec<(String, Span)>,
    /// The funds' names and kinds, in the order written, so that waterfalls can name them.
    fund_names: Vec<(String, FundKind, Span)>,
    /// Members with `has a designated substitute`, with the clause.
    designated: std::collections::BTreeMap<MemberId, Span>,
    /// The agreement's offices (`the chair rotates between …`), once read.
    offices: Vec<chairs::Office>,
}

/// Resolves an agreement file. Returns the model (if the file has an agreement header) and
/// every problem found; a model with problems must not be evaluated.
pub fn lower_agreement(file: &ast::File) -> (Option<Agreement>, Vec<LowerError>) {
    let mut lowerer = Lowerer {
        file,
        errors: Vec::new(),
        currency: Currency { code: "GBP".into(), symbol: Some('£'), minor_unit: Decimal::new(1, 2), span: None },
        kinds: Vec::new(),
        kinds_declared: false,
        members: Vec::new(),
        blocs: Vec::new(),
        decision_names: Vec::new(),
        fund_names: Vec::new(),
        designated: Default::default(),
        offices: Vec::new(),
    };
    let agreement = lowerer.agreement();
    (agreement, lowerer.errors)
}

fn headers<'a>(file: &'a ast::File, keyword: &'static str) -> impl Iterator<Item = &'a Block> + 'a {
    file.blocks.iter().filter(move |b| b.header.node.keyword() == keyword)
}

impl<'f> Lowerer<'f> {
    fn agreement(&mut self) -> Option<Agreement> {
        let file = self.file;
        for block in &file.blocks {
            if matches!(
                block.header.node,
                Header::Proposal { .. } | Header::Result { .. } | Header::Scenario { .. } | Header::ScenariosFor { .. }
            ) {
                self.errors.push(LowerError::BlockNotAllowed {
                    block: block.header.node.keyword().to_string(),
                    file: "an agreement".into(),
                    at: block.header.span.into(),
                    help: "keep proposals, results and scenarios in their own file (`*.scenarios`), which names the agreement with `scenarios for \"file.concord\"`".into(),
                });
            }
        }
        let mut agreement_blocks = headers(file, "agreement");
        let Some(head) = agreement_blocks.next() else {
            self.errors.push(LowerError::MissingAgreement { at: Span::new(0, 0).into() });
            return None;
        };
        for extra in agreement_blocks {
            self.errors.push(LowerError::DuplicateAgreement {
                first: head.header.span.into(),
                second: extra.header.span.into(),
            });
        }
        let title = match &head.header.node {
            Header::Agreement { title } => title.clone(),
            _ => Spanned::new(String::new(), head.header.span),
        };

        // The header's clauses.
        let mut form = None;
        let mut effective = None;
        let mut period = None;
        let mut default_quorum_ast = None;
        let mut reconvened_quorum_ast = None;
        let mut currency_clause = None;
        let mut declared_kinds: Vec<ast::Ident> = Vec::new();
        let mut stand_in_clauses: Vec<(&AgreementClause, Span)> = Vec::new();
        let mut office_clauses: Vec<(&ast::OfficeClause, Span)> = Vec::new();
        for clause in &head.clauses {
            let Clause::Agreement(c) = &clause.node else { continue };
            match c {
                AgreementClause::Form(f) => self.once("the governance form", &mut form, *f, clause.span),
                AgreementClause::Currency { code, minor_unit } => {
                    self.once("the currency", &mut currency_clause, (code.clone(), *minor_unit), clause.span)
                }
                AgreementClause::Effective(d) => self.once("the effective date", &mut effective, *d, clause.span),
                AgreementClause::Period { from, to } => {
                    if to.node < from.node {
                        self.errors.push(LowerError::PeriodReversed { from: from.span.into(), to: to.span.into() });
                    }
                    self.once("the period", &mut period, (*from, *to), clause.span)
                }
                AgreementClause::Kinds(names) => declared_kinds.extend(names.iter().cloned()),
                AgreementClause::Quorum(rule) => {
                    self.once("the quorum", &mut default_quorum_ast, rule.clone(), clause.span)
                }
                AgreementClause::Substitutes(_) | AgreementClause::Proxies(_) | AgreementClause::ProxyLimit(_) => {
                    stand_in_clauses.push((c, clause.span))
                }
                AgreementClause::Office(office) => office_clauses.push((office, clause.span)),
                AgreementClause::ReconvenedQuorum(rule) => self.once(
                    "the quorum at a reconvened meeting",
                    &mut reconvened_quorum_ast,
                    rule.clone(),
                    clause.span,
                ),
            }
        }
        let form = form.map(|(f, _)| f);
        let effective = effective.map(|(d, _)| d);
        let period = period.map(|(p, _)| p);
        self.currency(currency_clause.map(|(c, _)| c));

        // Kinds.
        self.kinds_declared = !declared_kinds.is_empty();
        for name in &declared_kinds {
            self.check_identifier(name);
            if let Some(first) = self.kinds.iter().find(|k| k.name == name.node) {
                self.errors.push(LowerError::DuplicateName {
                    sort: "kind".into(),
                    name: name.node.clone(),
                    first: first.span.into(),
                    second: name.span.into(),
                });
                continue;
            }
            self.add_kind(name);
        }

        self.members();
        self.share_forms();
        self.blocs();
        self.offices = self.offices(&office_clauses);
        let voting = self.voting();

        // Decision names first, so membership and scenarios can refer to any of them.
        for block in headers(file, "decision") {
            let Header::Decision { name } = &block.header.node else { continue };
            if let Some((_, first)) = self.decision_names.iter().find(|(n, _)| *n == name.node) {
                self.errors.push(LowerError::DuplicateName {
                    sort: "decision".into(),
                    name: name.node.clone(),
                    first: (*first).into(),
                    second: name.span.into(),
                });
            }
            self.decision_names.push((name.node.clone(), name.span));
        }
        if self.decision_names.len() > MAX_DECISIONS {
            let at = self.decision_names.get(MAX_DECISIONS).map_or(Span::default(), |d| d.1);
            self.errors.push(LowerError::TooMany {
                sort: "decisions".into(),
                count: self.decision_names.len(),
                limit: MAX_DECISIONS,
                at: at.into(),
            });
        }
        let default_quorum = default_quorum_ast.and_then(|(rule, _)| self.rule(&rule));
        let default_reconvened_quorum = reconvened_quorum_ast.and_then(|(rule, _)| self.rule(&rule));
        let decisions: Vec<Decision> = headers(file, "decision")
            .enumerate()
            .map(|(i, block)| self.decision(DecisionId(i as u32), block))
            .collect();
        self.attendance_beside_default(&decisions, default_quorum.is_some() || default_reconvened_quorum.is_some());

        let funds = self.funds();
        let savings = self.single_block("savings").map(|block| self.savings(block));
        for step in savings.iter().flat_map(|w| &w.steps) {
            if matches!(step.node, SavingsStep::CarryForward { .. }) {
                self.errors
                    .push(crate::model::years::YearsError::CarryForwardOutsideFund { at: step.span.into() }.into());
            }
        }
        let deficits = self.single_block("deficits").map(|block| self.deficits(block));
        let budget = self.single_block("budget").map(|block| self.budget(block));
        let membership = self.single_block("membership").map(|block| self.membership(block)).unwrap_or_default();

        let stand_ins = self.stand_ins(&stand_in_clauses);
        let elections = self.elections(&voting);
        Some(Agreement {
            stand_ins,
            offices: std::mem::take(&mut self.offices),
            title,
            form: form.map(|f| f.map(Into::into)),
            currency: self.currency.clone(),
            effective,
            period,
            kinds: std::mem::take(&mut self.kinds),
            kinds_declared: self.kinds_declared,
            members: std::mem::take(&mut self.members),
            voting,
            blocs: std::mem::take(&mut self.blocs),
            decisions,
            default_quorum,
            default_reconvened_quorum,
            savings,
            deficits,
            budget,
            membership,
            funds,
            elections,
        })
    }

    /// Keeps the first of a clause that may be given once; reports a second.
    fn once<T>(&mut self, what: &str, slot: &mut Option<(T, Span)>, value: T, span: Span) {
        match slot {
            Some((_, first)) => self.errors.push(LowerError::DuplicateClause {
                what: what.to_string(),
                first: (*first).into(),
                second: span.into(),
            }),
            None => *slot = Some((value, span)),
        }
    }

    /// The one block with this keyword; reports any second one.
    fn single_block(&mut self, keyword: &'static str) -> Option<&'f Block> {
        let file = self.file;
        let mut blocks = headers(file, keyword);
        let first = blocks.next()?;
        for extra in blocks {
            self.errors.push(LowerError::DuplicateClause {
                what: format!("the `{keyword}` block"),
                first: first.header.span.into(),
                second: extra.header.span.into(),
            });
        }
        Some(first)
    }

    fn check_identifier(&mut self, name: &ast::Ident) {
        if RESERVED_WORDS.contains(&name.node.as_str()) {
            self.errors.push(LowerError::ReservedWord { name: name.node.clone(), at: name.span.into() });
        }
    }

    fn add_kind(&mut self, name: &ast::Ident) -> KindId {
        let id = KindId(self.kinds.len() as u32);
        self.kinds.push(Kind { id, name: name.node.clone(), span: name.span });
        id
    }

    /// A kind named in a member's `kinds` clause: declared, or new when none are declared.
    fn member_kind(&mut self, name: &ast::Ident) -> Option<KindId> {
        if let Some(kind) = self.kinds.iter().find(|k| k.name == name.node) {
            return Some(kind.id);
        }
        if self.kinds_declared {
            self.unknown("kind", name, self.kinds.iter().map(|k| k.name.clone()).collect());
            None
        } else {
            self.check_identifier(name);
            Some(self.add_kind(name))
        }
    }

    /// A kind named in a rule or clause: it must be declared or held by some member.
    fn kind_ref(&mut self, name: &ast::Ident) -> Option<KindId> {
        match self.kinds.iter().find(|k| k.name == name.node) {
            Some(kind) => Some(kind.id),
            None => {
                self.unknown("kind", name, self.kinds.iter().map(|k| k.name.clone()).collect());
                None
            }
        }
    }

    fn unknown(&mut self, sort: &str, name: &Spanned<String>, known: Vec<String>) {
        let help = match nearest(&name.node, known.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None if known.is_empty() => format!("no {sort} is declared yet; declare it before referring to it"),
            None => format!(
                "the {sort}s are: {}",
                known.iter().take(12).map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
                    + if known.len() > 12 { ", …" } else { "" }
            ),
        };
        self.errors.push(LowerError::UnknownName {
            sort: sort.to_string(),
            name: name.node.clone(),
            at: name.span.into(),
            help,
        });
    }
}
