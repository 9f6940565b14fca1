//! The fund blocks: pooled funds, aligned budgets and risk pools, their lines, caps and hosts,
//! and each fund's own savings and deficit waterfalls.

use super::*;

impl<'f> Lowerer<'f> {
    /// The fund blocks, with their own waterfalls (`savings of "…"`, `deficits of "…"`).
    pub(super) fn funds(&mut self) -> Vec<FundDef> {
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
                incomes: Vec::new(),
                maladministration: None,
                uplift: None,
                contributors: None,
                instalments: None,
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
                            self.errors.push(LowerError::from(crate::model::InputsError::DuplicateContribution {
                                member: key,
                                fund: name.node.clone(),
                                first: (*first).into(),
                                second: clause.span.into(),
                            }));
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
                    ast::FundClause::Maladministration => match fund.maladministration {
                        Some(first) => self.errors.push(LowerError::DuplicateClause {
                            what: "the rule for an overspend caused by maladministration".into(),
                            first: first.into(),
                            second: clause.span.into(),
                        }),
                        None => fund.maladministration = Some(clause.span),
                    },
                    ast::FundClause::OnlyKindContributes(kind) => {
                        let Some(k) = self.kind_ref(kind) else { continue };
                        match fund.contributors {
                            Some(first) => self.errors.push(LowerError::DuplicateClause {
                                what: "the kind of member that contributes".into(),
                                first: first.span.into(),
                                second: clause.span.into(),
                            }),
                            None => fund.contributors = Some(Spanned::new(k, clause.span)),
                        }
                    }
                    ast::FundClause::Instalments { count, other_than_host } => match fund.instalments {
                        Some(first) => self.errors.push(LowerError::DuplicateClause {
                            what: "how contributions are paid over the year".into(),
                            first: first.span.into(),
                            second: clause.span.into(),
                        }),
                        None => {
                            fund.instalments = self.instalments(count, *other_than_host, clause.span);
                        }
                    },
                    ast::FundClause::Uplift(percent) => match fund.uplift {
                        Some(first) => self.errors.push(LowerError::DuplicateClause {
                            what: "how next year's contributions follow from this year's".into(),
                            first: first.span.into(),
                            second: clause.span.into(),
                        }),
                        None if percent.node < rust_decimal::Decimal::from(-100) => {
                            self.errors.push(
                                crate::model::years::YearsError::UpliftBelowNothing { at: percent.span.into() }.into(),
                            );
                        }
                        None => fund.uplift = Some(Spanned::new(Percent(percent.node), clause.span)),
                    },
                    ast::FundClause::Income { amount, measure, fall, target } => {
                        let money = self.money(amount);
                        fund.incomes.push(crate::model::ConditionalIncome {
                            amount: Spanned::new(money, amount.span),
                            measure: measure.clone(),
                            fall: *fall,
                            target: *target,
                            span: clause.span,
                        });
                    }
                    ast::FundClause::Line { name: line_name, budget, commissioners, risk, cap } => {
                        let Some(budget) = budget else {
                            self.errors.push(LowerError::from(crate::model::InputsError::MissingLineBudget {
                                line: line_name.node.clone(),
                                at: line_name.span.into(),
                            }));
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
            if let (Some(uplift), true) = (&fund.uplift, fund.contributions.is_empty()) {
                self.errors.push(
                    crate::model::years::YearsError::UpliftWithoutContributions {
                        fund: fund.name.clone(),
                        at: uplift.span.into(),
                    }
                    .into(),
                );
            }
            if let Some(only) = fund.contributors {
                for (id, span) in &contribution_spans {
                    let Some(member) = self.members.get(id.index()) else { continue };
                    if member.kinds.iter().any(|k| k.node == only.node) {
                        continue;
                    }
                    let kind =
                        self.kinds.iter().find(|k| k.id == only.node).map_or_else(String::new, |k| k.name.clone());
                    self.errors.push(
                        crate::model::years::YearsError::ContributorNotOfKind {
                            member: member.key.clone(),
                            kind,
                            fund: fund.name.clone(),
                            at: (*span).into(),
                            rule: only.span.into(),
                        }
                        .into(),
                    );
                }
            }
            self.conditions_apply(&fund);
            fund.host = host.map(|(h, _)| h);
            self.instalments_apply(&fund);
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
    pub(super) fn fund_index(&mut self, name: &Spanned<String>, kind: Option<FundKind>) -> Option<usize> {
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
            self.errors.push(LowerError::from(crate::model::InputsError::NotAFund {
                name: name.node.clone(),
                sort,
                at: name.span.into(),
                help,
            }));
        }
        found
    }
}
