//! Syntax tree to resolved agreement: names bound to ids, units checked, money exact.
//!
//! Lowering reports every problem it finds and still returns the best model it can, so the
//! checker and the REPL can go on with what was understood. A model returned alongside errors
//! must not be evaluated: callers check `errors.is_empty()` first.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::error::LowerError;
use super::*;
use crate::span::{Span, Spanned};
use crate::suggest::nearest;
use crate::syntax::ast::{self, AgreementClause, Block, Clause, CurrencyMark, Header, MemberRef};

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
const CURRENCIES: [(&str, Option<char>, u32); 10] = [
    ("GBP", Some('£'), 2),
    ("EUR", Some('€'), 2),
    ("USD", Some('$'), 2),
    ("AUD", Some('$'), 2),
    ("CAD", Some('$'), 2),
    ("NZD", Some('$'), 2),
    ("CHF", None, 2),
    ("SEK", None, 2),
    ("NOK", None, 2),
    ("JPY", None, 0),
];

fn currency_for_symbol(symbol: char) -> &'static str {
    match symbol {
        '€' => "EUR",
        '$' => "USD",
        _ => "GBP",
    }
}

/// Words of the language that cannot name a member, kind or bloc (the grammar's `reserved`).
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
        let mut currency_clause = None;
        let mut declared_kinds: Vec<ast::Ident> = Vec::new();
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
        self.blocs();
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
        let decisions: Vec<Decision> = headers(file, "decision")
            .enumerate()
            .map(|(i, block)| self.decision(DecisionId(i as u32), block))
            .collect();

        let funds = self.funds();
        let savings = self.single_block("savings").map(|block| self.savings(block));
        let deficits = self.single_block("deficits").map(|block| self.deficits(block));
        let budget = self.single_block("budget").map(|block| self.budget(block));
        let membership = self.single_block("membership").map(|block| self.membership(block)).unwrap_or_default();

        Some(Agreement {
            title,
            form,
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
            savings,
            deficits,
            budget,
            membership,
            funds,
        })
    }

    /// The fund blocks, with their own waterfalls (`savings of "…"`, `deficits of "…"`).
    fn funds(&mut self) -> Vec<FundDef> {
        let file = self.file;
        // Names first: fund and line names are one namespace, since a result's
        // `actual cost of "…"` may name either.
        let mut names: Vec<(String, Span)> = Vec::new();
        for block in &file.blocks {
            let Header::Fund { kind, name } = &block.header.node else { continue };
            let mut declared = vec![(name.node.clone(), name.span)];
            self.fund_names.push((name.node.clone(), *kind, name.span));
            for clause in &block.clauses {
                if let Clause::Fund(ast::FundClause::Line { name, .. }) = &clause.node {
                    declared.push((name.node.clone(), name.span));
                }
            }
            for (n, span) in declared {
                if let Some((_, first)) = names.iter().find(|(m, _)| *m == n) {
                    self.errors.push(LowerError::DuplicateName {
                        sort: "fund or line".into(),
                        name: n.clone(),
                        first: (*first).into(),
                        second: span.into(),
                    });
                } else {
                    names.push((n, span));
                }
            }
        }
        let mut funds = Vec::new();
        for block in &file.blocks {
            let Header::Fund { kind, name } = &block.header.node else { continue };
            let mut fund = FundDef {
                name: name.node.clone(),
                kind: *kind,
                span: block.header.span,
                block: block.span,
                host: None,
                contributions: Vec::new(),
                offset: None,
                cap: None,
                lines: Vec::new(),
                savings: None,
                deficits: None,
            };
            let mut host: Option<(Spanned<MemberId>, Span)> = None;
            let mut offset: Option<((), Span)> = None;
            let mut cap: Option<(FundCap, Span)> = None;
            let mut contribution_spans: Vec<(MemberId, Span)> = Vec::new();
            for clause in &block.clauses {
                let Clause::Fund(c) = &clause.node else { continue };
                match c {
                    ast::FundClause::HostedBy(member) => {
                        if let Some(id) = self.member_ref(member) {
                            self.once("the fund's host", &mut host, Spanned::new(id, member.span), clause.span);
                        }
                    }
                    ast::FundClause::Contributes { member, amount } => {
                        let Some(id) = self.member_ref(member) else { continue };
                        let money = self.money(amount);
                        if let Some((_, first)) = contribution_spans.iter().find(|(m, _)| *m == id) {
                            let key = self.members.get(id.index()).map_or_else(String::new, |m| m.key.clone());
                            self.errors.push(LowerError::DuplicateContribution {
                                member: key,
                                fund: name.node.clone(),
                                first: (*first).into(),
                                second: clause.span.into(),
                            });
                            continue;
                        }
                        contribution_spans.push((id, clause.span));
                        fund.contributions.push((id, Spanned::new(money, amount.span)));
                    }
                    ast::FundClause::Offset => self.once("the offsetting of lines", &mut offset, (), clause.span),
                    ast::FundClause::Cap { unless } => {
                        let unless =
                            unless.as_ref().and_then(|d| self.decision_ref(d).map(|id| Spanned::new(id, d.span)));
                        self.once(
                            "the cap on each partner's share",
                            &mut cap,
                            FundCap { unless, span: clause.span },
                            clause.span,
                        );
                    }
                    ast::FundClause::Line { name: line_name, budget, commissioners, risk, cap } => {
                        let Some(budget) = budget else {
                            self.errors.push(LowerError::MissingLineBudget {
                                line: line_name.node.clone(),
                                at: line_name.span.into(),
                            });
                            continue;
                        };
                        let budget = Spanned::new(self.money(budget), budget.span);
                        let commissioners = commissioners
                            .iter()
                            .filter_map(|p| {
                                let id = self.member_ref(&p.member)?;
                                Some((id, p.share.as_ref().map(|s| Percent(s.node)), p.member.span))
                            })
                            .collect();
                        let cap = cap.as_ref().map(|c| Spanned::new(self.money(c), c.span));
                        fund.lines.push(FundLine {
                            name: line_name.node.clone(),
                            budget,
                            commissioners,
                            risk: risk.map_or(RiskMode::FundRule, |r| r.node),
                            risk_span: risk.map(|r| r.span),
                            cap,
                            span: clause.span,
                        });
                    }
                }
            }
            fund.host = host.map(|(h, _)| h);
            fund.offset = offset.map(|(_, s)| s);
            fund.cap = cap.map(|(c, _)| c);
            funds.push(fund);
        }
        // The funds' own waterfalls.
        for block in &file.blocks {
            let (fund_name, savings) = match &block.header.node {
                Header::FundSavings { fund } => (fund, true),
                Header::FundDeficits { fund } => (fund, false),
                _ => continue,
            };
            let Some(index) = self.fund_index(fund_name, None) else { continue };
            let keyword = if savings { "savings of" } else { "deficits of" };
            let Some(fund) = funds.get_mut(index) else { continue };
            let already =
                if savings { fund.savings.as_ref().map(|w| w.span) } else { fund.deficits.as_ref().map(|w| w.span) };
            if let Some(first) = already {
                self.errors.push(LowerError::DuplicateClause {
                    what: format!("the `{keyword} \"{}\"` block", fund_name.node),
                    first: first.into(),
                    second: block.header.span.into(),
                });
                continue;
            }
            if savings {
                let w = self.savings(block);
                if let Some(fund) = funds.get_mut(index) {
                    fund.savings = Some(w);
                }
            } else {
                let w = self.deficits(block);
                if let Some(fund) = funds.get_mut(index) {
                    fund.deficits = Some(w);
                }
            }
        }
        funds
    }

    /// The index of the fund called `name`; with `kind`, only a fund of that kind.
    /// Reports `concord::model::not_a_fund` when there is none.
    fn fund_index(&mut self, name: &Spanned<String>, kind: Option<FundKind>) -> Option<usize> {
        let found = self.fund_names.iter().position(|(n, k, _)| *n == name.node && kind.is_none_or(|want| want == *k));
        if found.is_none() {
            let sort = match kind {
                Some(k) => format!("a {}", k.words()),
                None => "a fund".to_string(),
            };
            let candidates: Vec<&str> = self
                .fund_names
                .iter()
                .filter(|(_, k, _)| kind.is_none_or(|want| want == *k))
                .map(|(n, _, _)| n.as_str())
                .collect();
            let help = match (
                self.fund_names.iter().find(|(n, _, _)| *n == name.node),
                nearest(&name.node, candidates.iter().copied()),
            ) {
                (Some((_, k, _)), _) => format!(
                    "“{}” is a {}; only a {} can meet a deficit this way",
                    name.node,
                    k.words(),
                    kind.map_or("fund", FundKind::words)
                ),
                (None, Some(near)) => format!("did you mean “{near}”?"),
                (None, None) if candidates.is_empty() => format!(
                    "declare it with `{} \"{}\"` and its contributions",
                    kind.map_or("pooled fund", FundKind::words),
                    name.node
                ),
                (None, None) => format!(
                    "the agreement's {}s are: {}",
                    kind.map_or("fund", FundKind::words),
                    candidates.iter().map(|c| format!("“{c}”")).collect::<Vec<_>>().join(", ")
                ),
            };
            self.errors.push(LowerError::NotAFund { name: name.node.clone(), sort, at: name.span.into(), help });
        }
        found
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

    fn currency(&mut self, clause: Option<(Spanned<String>, Option<Spanned<Decimal>>)>) {
        match clause {
            Some((code, minor_unit)) => {
                let known = CURRENCIES.iter().find(|(c, _, _)| *c == code.node);
                let minor = match (&minor_unit, known) {
                    (Some(m), _) => {
                        let valid = m.node > Decimal::ZERO
                            && m.node <= Decimal::ONE
                            && (0..=12).any(|scale| m.node == Decimal::new(1, scale));
                        if !valid {
                            self.errors.push(LowerError::InvalidMinorUnit { at: m.span.into() });
                        }
                        m.node.normalize()
                    }
                    (None, Some((_, _, places))) => Decimal::new(1, *places),
                    (None, None) => {
                        self.errors.push(LowerError::UnknownCurrency { code: code.node.clone(), at: code.span.into() });
                        Decimal::new(1, 2)
                    }
                };
                self.currency = Currency {
                    code: code.node.clone(),
                    symbol: known.and_then(|(_, s, _)| *s),
                    minor_unit: minor,
                    span: Some(code.span),
                };
            }
            None => {
                // No currency clause: the first amount written decides it.
                let first_mark = self.file.blocks.iter().flat_map(|b| b.clauses.iter()).find_map(|c| match &c.node {
                    Clause::Member(ast::MemberClause::Figure { value, .. }) => match &value.node {
                        ast::FigureValue::Amount(a) => Some(a.currency.node.clone()),
                        _ => None,
                    },
                    _ => None,
                });
                let code = match first_mark {
                    Some(CurrencyMark::Symbol(s)) => currency_for_symbol(s).to_string(),
                    Some(CurrencyMark::Code(c)) => c,
                    None => "GBP".to_string(),
                };
                let known = CURRENCIES.iter().find(|(c, _, _)| *c == code);
                self.currency = Currency {
                    code,
                    symbol: known.and_then(|(_, s, _)| *s),
                    minor_unit: Decimal::new(1, known.map_or(2, |(_, _, p)| *p)),
                    span: None,
                };
            }
        }
    }

    /// Converts an amount, checking its currency.
    fn money(&mut self, amount: &Spanned<ast::Amount>) -> Money {
        let matches = match &amount.node.currency.node {
            CurrencyMark::Symbol(s) => self.currency.symbol == Some(*s),
            CurrencyMark::Code(c) => *c == self.currency.code,
        };
        if !matches {
            self.errors.push(LowerError::CurrencyMismatch {
                currency: self.currency.code.clone(),
                at: amount.node.currency.span.into(),
                declared: self.currency.span.map(Into::into),
            });
        }
        Money(amount.node.value)
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

    fn members(&mut self) {
        let file = self.file;
        for block in headers(file, "member") {
            let Header::Member { id, name } = &block.header.node else { continue };
            self.check_identifier(id);
            if let Some(first) = self.members.iter().find(|m| m.key == id.node) {
                self.errors.push(LowerError::DuplicateName {
                    sort: "member".into(),
                    name: id.node.clone(),
                    first: first.span.into(),
                    second: id.span.into(),
                });
                continue;
            }
            if self.members.len() == MAX_MEMBERS {
                self.errors.push(LowerError::TooMany {
                    sort: "members".into(),
                    count: headers(file, "member").count(),
                    limit: MAX_MEMBERS,
                    at: id.span.into(),
                });
                break;
            }
            let mut member = Member {
                id: MemberId(self.members.len() as u32),
                key: id.node.clone(),
                name: name.as_ref().map_or_else(|| id.node.clone(), |n| n.node.clone()),
                span: id.span,
                kinds: Vec::new(),
                roles: BTreeMap::new(),
                figures: BTreeMap::new(),
                votes: None,
            };
            for clause in &block.clauses {
                let Clause::Member(c) = &clause.node else { continue };
                match c {
                    ast::MemberClause::Kinds(names) => {
                        for kind_name in names {
                            if let Some(kind) = self.member_kind(kind_name) {
                                if !member.is_of_kind(kind) {
                                    member.kinds.push(Spanned::new(kind, kind_name.span));
                                }
                            }
                        }
                    }
                    ast::MemberClause::Role(role) => {
                        if let Some(first) = member.roles.get(role) {
                            self.errors.push(LowerError::DuplicateClause {
                                what: format!("the role `{}`", role.words()),
                                first: (*first).into(),
                                second: clause.span.into(),
                            });
                        } else {
                            member.roles.insert(*role, clause.span);
                        }
                    }
                    ast::MemberClause::Votes(v) => {
                        if let Some(first) = &member.votes {
                            self.errors.push(LowerError::DuplicateClause {
                                what: "the member's votes".into(),
                                first: first.span.into(),
                                second: clause.span.into(),
                            });
                        } else {
                            member.votes = Some(*v);
                        }
                    }
                    ast::MemberClause::Figure { name: figure, value } => {
                        if let Some(first) = member.figures.get(&figure.node) {
                            self.errors.push(LowerError::DuplicateClause {
                                what: format!("the member's {}", figure.node.words()),
                                first: first.span.into(),
                                second: clause.span.into(),
                            });
                            continue;
                        }
                        if let Some(f) = self.figure(figure, value, clause.span) {
                            member.figures.insert(figure.node, f);
                        }
                    }
                }
            }
            self.members.push(member);
        }
    }

    fn figure(&mut self, name: &Spanned<FigureName>, value: &Spanned<ast::FigureValue>, span: Span) -> Option<Figure> {
        let expected = name.node.unit();
        let (found, found_words) = match &value.node {
            ast::FigureValue::Amount(_) => (FigureUnit::Money, "an amount"),
            ast::FigureValue::Percent(_) => (FigureUnit::Percent, "a percentage"),
            ast::FigureValue::Number(_) => (FigureUnit::Number, "a plain number"),
        };
        // A performance score may be written as a percentage: it is the same number.
        let accepted = found == expected || (expected == FigureUnit::Number && found == FigureUnit::Percent);
        if !accepted {
            let (expected_words, example) = match expected {
                FigureUnit::Money => ("an amount of money", format!("{} £1,000,000", name.node.words())),
                FigureUnit::Percent => ("a percentage", format!("{} 40%", name.node.words())),
                FigureUnit::Number => ("a plain number (a score)", format!("{} 82", name.node.words())),
            };
            self.errors.push(LowerError::WrongUnit {
                figure: name.node.words().to_string(),
                expected: expected_words.to_string(),
                at: value.span.into(),
                found: found_words.to_string(),
                help: format!("write it as, for example, `{example}`"),
            });
            return None;
        }
        let number = match &value.node {
            ast::FigureValue::Amount(a) => self.money(&Spanned::new(a.clone(), value.span)).0,
            ast::FigureValue::Percent(p) | ast::FigureValue::Number(p) => *p,
        };
        Some(Figure { value: number, unit: expected, span })
    }

    fn voting(&mut self) -> Voting {
        let file = self.file;
        let default = Voting {
            scheme: Spanned::new(WeightScheme::OneMemberOneVote, Span::default()),
            declared: false,
            reserved: Vec::new(),
        };
        let Some(block) = self.single_block("voting") else { return default };
        let mut scheme: Option<(Spanned<WeightScheme>, Span)> = None;
        if let Header::Voting { scheme: Some(s) } = &block.header.node {
            scheme = Some((s.clone(), s.span));
        }
        let mut reserved = Vec::new();
        for clause in &block.clauses {
            let Clause::Voting(c) = &clause.node else { continue };
            match c {
                ast::VotingClause::Scheme(s) => {
                    self.once("the voting scheme", &mut scheme, Spanned::new(s.clone(), clause.span), clause.span)
                }
                ast::VotingClause::Reserved { kind, share } => {
                    if let Some(k) = self.kind_ref(kind) {
                        reserved.push(ReservedShare { kind: Spanned::new(k, kind.span), share: share.map(Percent) });
                    }
                }
            }
        }
        let _ = file;
        match scheme {
            Some((s, _)) => Voting { scheme: s, declared: true, reserved },
            None => Voting { reserved, ..default },
        }
    }

    fn blocs(&mut self) {
        let file = self.file;
        for block in headers(file, "bloc") {
            let Header::Bloc { id, name } = &block.header.node else { continue };
            self.check_identifier(id);
            if let Some(first) = self.blocs.iter().find(|b| b.key == id.node) {
                self.errors.push(LowerError::DuplicateName {
                    sort: "bloc".into(),
                    name: id.node.clone(),
                    first: first.span.into(),
                    second: id.span.into(),
                });
                continue;
            }
            let mut members = Vec::new();
            let mut of_kind = None;
            for clause in &block.clauses {
                let Clause::Bloc(c) = &clause.node else { continue };
                match c {
                    ast::BlocClause::OfKind(kind) => {
                        if let Some(k) = self.kind_ref(kind) {
                            of_kind = Some(k);
                            for member in &self.members {
                                if member.is_of_kind(k) && !members.contains(&member.id) {
                                    members.push(member.id);
                                }
                            }
                        }
                    }
                    ast::BlocClause::Members(list) => {
                        for m in list {
                            if let Some(id) = self.member_ref(m) {
                                if !members.contains(&id) {
                                    members.push(id);
                                }
                            }
                        }
                    }
                }
            }
            self.blocs.push(Bloc {
                id: BlocId(self.blocs.len() as u32),
                key: id.node.clone(),
                name: name.as_ref().map_or_else(|| id.node.clone(), |n| n.node.clone()),
                span: id.span,
                members,
                of_kind,
            });
        }
    }

    fn bloc_ref(&mut self, name: &ast::Ident) -> Option<BlocId> {
        match self.blocs.iter().find(|b| b.key == name.node) {
            Some(b) => Some(b.id),
            None => {
                self.unknown("bloc", name, self.blocs.iter().map(|b| b.key.clone()).collect());
                None
            }
        }
    }

    fn bloc_selection(&mut self, subject: &ast::BlocSubject) -> Option<BlocSelection> {
        match subject {
            ast::BlocSubject::Each => Some(BlocSelection::Each),
            ast::BlocSubject::Named(name) => self.bloc_ref(name).map(BlocSelection::One),
        }
    }

    /// Resolves a member named by identifier or role.
    fn member_ref(&mut self, member: &Spanned<MemberRef>) -> Option<MemberId> {
        resolve_member(&self.members, member, true, &mut self.errors)
    }

    fn decision_ref(&mut self, name: &Spanned<String>) -> Option<DecisionId> {
        match self.decision_names.iter().position(|(n, _)| *n == name.node) {
            Some(i) => Some(DecisionId(i as u32)),
            None => {
                let known = self.decision_names.iter().map(|(n, _)| n.clone()).collect();
                self.unknown("decision", name, known);
                None
            }
        }
    }

    fn decision(&mut self, id: DecisionId, block: &Block) -> Decision {
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
            exclusions: Vec::new(),
            vetoes: Vec::new(),
            casting_vote: None,
            escalations: Vec::new(),
        };
        let mut voting: Option<(Spanned<WeightScheme>, Span)> = None;
        let mut quorum: Option<(Spanned<Rule>, Span)> = None;
        let mut casting: Option<(Spanned<MemberId>, Span)> = None;
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
                    decision.rules.push(TimedRule { from, until, rule, span: clause.span });
                }
                ast::DecisionClause::Voting(s) => {
                    self.once("the decision's voting scheme", &mut voting, s.clone(), clause.span)
                }
                ast::DecisionClause::Quorum(rule) => {
                    if let Some(r) = self.rule(rule) {
                        self.once("the quorum", &mut quorum, r, clause.span);
                    }
                }
                ast::DecisionClause::GainExclusion { comparator, share, figure } => {
                    decision.exclusions.push(Exclusion::Gain {
                        comparator: comparator.node,
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
                ast::DecisionClause::MemberExcluded(m) => {
                    if let Some(member) = self.member_ref(m) {
                        decision.exclusions.push(Exclusion::Member { member, span: clause.span });
                    }
                }
                ast::DecisionClause::Veto { holder, statutory } => {
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
                        decision.vetoes.push(Veto { holder, statutory_only: statutory.is_some(), span: clause.span });
                    }
                }
                ast::DecisionClause::CastingVote(m) => {
                    if let Some(member) = self.member_ref(m) {
                        self.once("the casting vote", &mut casting, Spanned::new(member, m.span), clause.span);
                    }
                }
                ast::DecisionClause::Escalation { trigger, steps } => decision.escalations.push(Escalation {
                    trigger: trigger.node,
                    steps: steps.iter().map(|s| (s.node.body.clone(), s.node.within)).collect(),
                    span: clause.span,
                }),
            }
        }
        decision.voting = voting.map(|(s, _)| s);
        decision.quorum = quorum.map(|(q, _)| q);
        decision.casting_vote = casting.map(|(c, _)| c);
        if decision.rules.is_empty() {
            // Only report a missing rule when none was written (not when one failed to read).
            let wrote_rule =
                block.clauses.iter().any(|c| matches!(c.node, Clause::Decision(ast::DecisionClause::Rule { .. })));
            if !wrote_rule && block.unreadable == 0 {
                self.errors.push(LowerError::MissingRule { name: decision.name.clone(), at: decision.span.into() });
            }
        } else {
            self.check_rule_dates(&decision, block.span);
        }
        decision
    }

    /// Every day must have exactly one rule in force. The days worth testing are the ends of
    /// each rule's period and the days either side of them.
    fn check_rule_dates(&mut self, decision: &Decision, block_span: Span) {
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

    fn rule(&mut self, rule: &Spanned<ast::Rule>) -> Option<Spanned<Rule>> {
        let node = match &rule.node {
            ast::Rule::All(parts) => Rule::All(parts.iter().map(|p| self.rule(p)).collect::<Option<Vec<_>>>()?),
            ast::Rule::Any(parts) => Rule::Any(parts.iter().map(|p| self.rule(p)).collect::<Option<Vec<_>>>()?),
            ast::Rule::Condition(c) => Rule::Condition(self.condition(c)?),
        };
        Some(Spanned::new(node, rule.span))
    }

    fn optional_kind(&mut self, kind: &Option<ast::Ident>) -> Option<Option<KindId>> {
        match kind {
            Some(k) => self.kind_ref(k).map(Some),
            None => Some(None),
        }
    }

    fn base(&mut self, base: &ast::Base) -> Option<Base> {
        Some(Base { kind: self.optional_kind(&base.kind)?, unit: base.unit, scope: base.scope })
    }

    fn condition(&mut self, condition: &ast::Condition) -> Option<Condition> {
        Some(match condition {
            ast::Condition::Unanimous => Condition::Unanimous,
            ast::Condition::Every { kind, side } => Condition::Every { kind: self.optional_kind(kind)?, side: *side },
            ast::Condition::NoMember { kind, side } => {
                Condition::NoMember { kind: self.optional_kind(kind)?, side: *side }
            }
            ast::Condition::HalfPlusOne { base, side } => {
                Condition::HalfPlusOne { base: self.base(base)?, side: *side }
            }
            ast::Condition::Threshold { comparator, proportion, base, side } => Condition::Threshold {
                comparator: *comparator,
                proportion: *proportion,
                base: self.base(base)?,
                side: *side,
            },
            ast::Condition::Count { comparator, count, kind, side } => Condition::Count {
                comparator: *comparator,
                count: *count,
                kind: self.optional_kind(kind)?,
                side: *side,
            },
            ast::Condition::Bloc { subject, comparator, proportion, base } => Condition::Bloc {
                blocs: self.bloc_selection(&subject.node)?,
                comparator: *comparator,
                proportion: *proportion,
                base: self.base(base)?,
            },
            ast::Condition::Member { member, side } => {
                Condition::Member { member: self.member_ref(member)?, side: *side }
            }
        })
    }

    fn share_mix(&mut self, parts: &[ast::SharePart]) -> Vec<ShareMixPart> {
        parts
            .iter()
            .map(|p| ShareMixPart {
                weight: p.weight.as_ref().map_or(Percent(Decimal::ONE_HUNDRED), |w| Percent(w.node)),
                method: p.method.node,
                span: p.weight.as_ref().map_or(p.method.span, |w| w.span.join(p.method.span)),
            })
            .collect()
    }

    fn savings(&mut self, block: &Block) -> Waterfall<SavingsStep> {
        let mut steps = Vec::new();
        for clause in &block.clauses {
            let Clause::Savings(step) = &clause.node else { continue };
            let node = match step {
                ast::SavingsStep::Reinvest { amount, fund } => SavingsStep::Reinvest {
                    amount: match &amount.node {
                        ast::ReinvestAmount::Everything => Reinvest::Everything,
                        ast::ReinvestAmount::TheRest => Reinvest::TheRest,
                        ast::ReinvestAmount::Amount(a) => {
                            Reinvest::Fixed(self.money(&Spanned::new(a.clone(), amount.span)))
                        }
                        ast::ReinvestAmount::Percent(p) => Reinvest::Percent(Percent(*p)),
                    },
                    fund: fund.node.clone(),
                },
                ast::SavingsStep::Compensation => SavingsStep::Compensation,
                ast::SavingsStep::Share { parts } => SavingsStep::Share(self.share_mix(parts)),
            };
            steps.push(Spanned::new(node, clause.span));
        }
        Waterfall { steps, span: block.span }
    }

    fn deficits(&mut self, block: &Block) -> Waterfall<DeficitStep> {
        let mut steps = Vec::new();
        for clause in &block.clauses {
            let Clause::Deficit(step) = &clause.node else { continue };
            let node = match step {
                ast::DeficitStep::Contingency => DeficitStep::Contingency,
                ast::DeficitStep::Insurance { cap } => DeficitStep::Insurance { cap: self.money(cap) },
                ast::DeficitStep::Commissioners { share, cap } => {
                    DeficitStep::Commissioners { share: Percent(share.node), cap: cap.as_ref().map(|c| self.money(c)) }
                }
                ast::DeficitStep::RiskPool { pool, cap } => {
                    let Some(index) = self.fund_index(pool, Some(FundKind::RiskPool)) else { continue };
                    DeficitStep::RiskPool { pool: index, cap: cap.as_ref().map(|c| self.money(c)) }
                }
                ast::DeficitStep::Share { parts } => DeficitStep::Share(self.share_mix(parts)),
            };
            steps.push(Spanned::new(node, clause.span));
        }
        Waterfall { steps, span: block.span }
    }

    fn budget(&mut self, block: &Block) -> Budget {
        let mut budget = Budget { span: block.span, ..Budget::default() };
        let mut capitated: Option<(Spanned<Money>, Span)> = None;
        for clause in &block.clauses {
            let Clause::Budget(line) = &clause.node else { continue };
            match line {
                ast::BudgetLine::Capitated(amount) => {
                    let money = Spanned::new(self.money(amount), amount.span);
                    self.once("the capitated budget", &mut capitated, money, clause.span);
                }
                ast::BudgetLine::Line { kind, name, amount, statutory_minimum, providers } => {
                    let amount_money = Spanned::new(self.money(amount), amount.span);
                    let minimum = statutory_minimum.as_ref().map(|m| Spanned::new(self.money(m), m.span));
                    let providers = providers
                        .iter()
                        .filter_map(|p| {
                            let id = self.member_ref(&p.member)?;
                            Some((id, p.share.as_ref().map(|s| Percent(s.node)), p.member.span))
                        })
                        .collect();
                    budget.lines.push(BudgetLine {
                        kind: *kind,
                        name: name.as_ref().map(|n| n.node.clone()),
                        amount: amount_money,
                        statutory_minimum: minimum,
                        providers,
                        span: clause.span,
                    });
                }
            }
        }
        budget.capitated = capitated.map(|(c, _)| c);
        budget
    }

    fn membership(&mut self, block: &Block) -> Membership {
        let mut membership = Membership::default();
        for clause in &block.clauses {
            let Clause::Membership(c) = &clause.node else { continue };
            match c {
                ast::MembershipClause::JoiningDecidedBy(name) => {
                    membership.joining = self.decision_ref(name).map(|d| Spanned::new(d, name.span));
                }
                ast::MembershipClause::JoiningAccession => membership.accession = Some(clause.span),
                ast::MembershipClause::LeavingNotice(d) => membership.notice = Some(*d),
                ast::MembershipClause::LeavingDecidedBy(name) => {
                    membership.leaving = self.decision_ref(name).map(|d| Spanned::new(d, name.span));
                }
                ast::MembershipClause::LeavingForfeits(f) => membership.forfeits.push(*f),
                ast::MembershipClause::LeavingLosesSay => membership.loses_say = Some(clause.span),
                ast::MembershipClause::LeavingPays(a) => membership.penalty = Some(Spanned::new(self.money(a), a.span)),
                ast::MembershipClause::ExpulsionDecidedBy(name) => {
                    membership.expulsion = self.decision_ref(name).map(|d| Spanned::new(d, name.span));
                }
            }
        }
        membership
    }
}

/// Resolves a member named by identifier or by a role only one member holds.
///
/// `same_file` says whether `member` is written in the agreement's own file; only then can a
/// diagnostic point at the members' clauses too.
pub(crate) fn resolve_member(
    members: &[Member],
    member: &Spanned<MemberRef>,
    same_file: bool,
    errors: &mut Vec<LowerError>,
) -> Option<MemberId> {
    match &member.node {
        MemberRef::Id(key) => match members.iter().find(|m| m.key == *key) {
            Some(m) => Some(m.id),
            None => {
                let help = match super::nearest_member(members, key) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None if members.is_empty() => {
                        "no member is declared yet; declare it with `member ID \"Name\"`".to_string()
                    }
                    None => format!(
                        "the members are: {}",
                        members.iter().take(12).map(|m| format!("`{}`", m.key)).collect::<Vec<_>>().join(", ")
                            + if members.len() > 12 { ", …" } else { "" }
                    ),
                };
                errors.push(LowerError::UnknownName {
                    sort: "member".into(),
                    name: key.clone(),
                    at: member.span.into(),
                    help,
                });
                None
            }
        },
        MemberRef::Role(role) => {
            let holders: Vec<&Member> = members.iter().filter(|m| m.has_role(*role)).collect();
            match holders.as_slice() {
                [one] => Some(one.id),
                [] => {
                    errors.push(LowerError::RoleNotHeld {
                        role: role.words().to_string(),
                        at: member.span.into(),
                        help: format!("add `{}` under the member who holds it", role.words()),
                    });
                    None
                }
                [first, second, ..] => {
                    let label = |m: &Member| same_file.then(|| m.roles.get(role).copied().unwrap_or(m.span).into());
                    errors.push(LowerError::RoleAmbiguous {
                        role: role.words().to_string(),
                        holders: format!("`{}` and `{}`", first.key, second.key),
                        at: member.span.into(),
                        first: label(first),
                        second: label(second),
                    });
                    None
                }
            }
        }
    }
}

impl Date {
    /// The day after, if there is one in the calendar Concord reads.
    pub fn next(self) -> Option<Date> {
        let days = days_in_month(self.year, self.month);
        if self.day < days {
            self.day.checked_add(1).map(|day| Date { day, ..self })
        } else if self.month < 12 {
            self.month.checked_add(1).map(|month| Date { month, day: 1, ..self })
        } else {
            self.year.checked_add(1).map(|year| Date { year, month: 1, day: 1 })
        }
    }

    /// The day before, if there is one in the calendar Concord reads.
    pub fn previous(self) -> Option<Date> {
        if self.day > 1 {
            self.day.checked_sub(1).map(|day| Date { day, ..self })
        } else if self.month > 1 {
            self.month.checked_sub(1).map(|month| Date { month, day: days_in_month(self.year, month), ..self })
        } else {
            self.year.checked_sub(1).map(|year| Date { year, month: 12, day: 31 })
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(year: u16, month: u8, day: u8) -> Date {
        Date { year, month, day }
    }

    #[test]
    fn days_before_and_after_cross_months_and_years() {
        assert_eq!(date(2026, 2, 28).next(), Some(date(2026, 3, 1)));
        assert_eq!(date(2028, 2, 28).next(), Some(date(2028, 2, 29)));
        assert_eq!(date(2026, 12, 31).next(), Some(date(2027, 1, 1)));
        assert_eq!(date(u16::MAX, 12, 31).next(), None);
        assert_eq!(date(2026, 3, 1).previous(), Some(date(2026, 2, 28)));
        assert_eq!(date(2026, 3, 2).previous(), Some(date(2026, 3, 1)));
        assert_eq!(date(2026, 1, 1).previous(), Some(date(2025, 12, 31)));
        assert_eq!(date(0, 1, 1).previous(), None);
    }
}
