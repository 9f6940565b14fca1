//! The money clauses: share mixes, the savings and deficit waterfalls, the capitated budget.

use super::*;

impl<'f> Lowerer<'f> {
    pub(super) fn share_mix(&mut self, parts: &[ast::SharePart]) -> Vec<ShareMixPart> {
        parts
            .iter()
            .map(|p| ShareMixPart {
                weight: p.weight.as_ref().map_or(Percent(Decimal::ONE_HUNDRED), |w| Percent(w.node)),
                method: p.method.node,
                span: p.weight.as_ref().map_or(p.method.span, |w| w.span.join(p.method.span)),
            })
            .collect()
    }

    pub(super) fn savings(&mut self, block: &Block) -> Waterfall<SavingsStep> {
        let mut steps = Vec::new();
        for clause in &block.clauses {
            let Clause::Savings(step) = &clause.node else { continue };
            let node = match step {
                ast::SavingsStep::Reinvest { amount, fund, rounding } => SavingsStep::Reinvest {
                    rounding: self.stated_rounding(rounding.as_ref()),
                    amount: self.reinvest_amount(amount),
                    fund: fund.node.clone(),
                },
                ast::SavingsStep::Compensation => SavingsStep::Compensation,
                ast::SavingsStep::CarryForward { amount, subject_to, each_partner, rounding } => {
                    SavingsStep::CarryForward {
                        each_partner: *each_partner,
                        rounding: self.stated_rounding(rounding.as_ref()),
                        amount: self.reinvest_amount(amount),
                        subject_to: subject_to
                            .as_ref()
                            .and_then(|d| self.decision_ref(d).map(|id| Spanned::new(id, d.span))),
                    }
                }
                ast::SavingsStep::Share { parts, exemption } => {
                    SavingsStep::Share(self.share_mix(parts), self.exemption(exemption.as_ref()))
                }
            };
            steps.push(Spanned::new(node, clause.span));
        }
        self.pennies_to_members(
            &steps,
            |s| match s {
                SavingsStep::Reinvest { rounding, .. } | SavingsStep::CarryForward { rounding, .. } => *rounding,
                _ => None,
            },
            |s| matches!(s, SavingsStep::Share(..)),
        );
        Waterfall { steps, span: block.span }
    }

    fn reinvest_amount(&mut self, amount: &Spanned<ast::ReinvestAmount>) -> Reinvest {
        match &amount.node {
            ast::ReinvestAmount::Everything => Reinvest::Everything,
            ast::ReinvestAmount::TheRest => Reinvest::TheRest,
            ast::ReinvestAmount::Amount(a) => Reinvest::Fixed(self.money(&Spanned::new(a.clone(), amount.span))),
            ast::ReinvestAmount::Percent(p) => Reinvest::Percent(Percent(*p)),
        }
    }

    /// A step's stated rounding, its `to the nearest` amount in the agreement's currency.
    fn stated_rounding(&mut self, rounding: Option<&Spanned<ast::StatedRounding>>) -> Option<StatedRounding> {
        let r = rounding?;
        let nearest = r.node.nearest.as_ref().map(|a| self.money(a).0);
        Some(StatedRounding { up: r.node.up, nearest, pennies_to_members: r.node.pennies_to_members, span: r.span })
    }

    /// The pennies of a stated rounding go to the members only if the next step shares among
    /// them: otherwise the clause says something the waterfall does not do.
    fn pennies_to_members<S>(
        &mut self,
        steps: &[Spanned<S>],
        rounding: impl Fn(&S) -> Option<StatedRounding>,
        shares: impl Fn(&S) -> bool,
    ) {
        for (i, step) in steps.iter().enumerate() {
            let Some(r) = rounding(&step.node) else { continue };
            if !r.pennies_to_members {
                continue;
            }
            let next = i.checked_add(1).and_then(|n| steps.get(n));
            if !next.is_some_and(|n| shares(&n.node)) {
                self.errors
                    .push(LowerError::PenniesNotToMembers { at: r.span.into(), next: next.map(|n| n.span.into()) });
            }
        }
    }

    /// A share step's exemption, its threshold read in the figure's unit.
    fn exemption(&mut self, exemption: Option<&Spanned<ast::Exemption>>) -> Option<Exemption> {
        let e = exemption?;
        let threshold = self.figure(&e.node.figure, &e.node.below, e.node.below.span)?;
        if threshold.form != FigureForm::Plain {
            self.errors.push(LowerError::WrongUnit {
                figure: e.node.figure.node.words().to_string(),
                expected: "a percentage or an amount, to compare with".to_string(),
                at: e.node.below.span.into(),
                found: "a fraction or a number of shares".to_string(),
                help: format!("write the threshold as, for example, `{} below 10%`", e.node.figure.node.words()),
            });
            return None;
        }
        Some(Exemption { figure: e.node.figure.node, below: threshold.value, span: e.span })
    }

    pub(super) fn deficits(&mut self, block: &Block) -> Waterfall<DeficitStep> {
        let mut steps = Vec::new();
        for clause in &block.clauses {
            let Clause::Deficit(step) = &clause.node else { continue };
            let node = match step {
                ast::DeficitStep::Contingency => DeficitStep::Contingency,
                ast::DeficitStep::Insurance { cap } => DeficitStep::Insurance { cap: self.money(cap) },
                ast::DeficitStep::Commissioners { share, cap, rounding } => DeficitStep::Commissioners {
                    share: Percent(share.node),
                    cap: cap.as_ref().map(|c| self.money(c)),
                    rounding: self.stated_rounding(rounding.as_ref()),
                },
                ast::DeficitStep::RiskPool { pool, cap } => {
                    let Some(index) = self.fund_index(pool, Some(FundKind::RiskPool)) else { continue };
                    DeficitStep::RiskPool { pool: index, cap: cap.as_ref().map(|c| self.money(c)) }
                }
                ast::DeficitStep::Share { parts, exemption } => {
                    DeficitStep::Share(self.share_mix(parts), self.exemption(exemption.as_ref()))
                }
            };
            steps.push(Spanned::new(node, clause.span));
        }
        self.pennies_to_members(
            &steps,
            |s| match s {
                DeficitStep::Commissioners { rounding, .. } => *rounding,
                _ => None,
            },
            |s| matches!(s, DeficitStep::Share(..)),
        );
        Waterfall { steps, span: block.span }
    }

    pub(super) fn budget(&mut self, block: &Block) -> Budget {
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
}
