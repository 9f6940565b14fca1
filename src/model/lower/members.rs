//! Members, their kinds, roles and figures; the voting scheme; blocs.

use super::*;

impl<'f> Lowerer<'f> {
    pub(super) fn members(&mut self) {
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
                drawn_from: None,
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
                        if let Some(first) = member.roles.get(&Role::from(*role)) {
                            self.errors.push(LowerError::DuplicateClause {
                                what: format!("the role `{}`", role.words()),
                                first: (*first).into(),
                                second: clause.span.into(),
                            });
                        } else {
                            member.roles.insert((*role).into(), clause.span);
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
                    ast::MemberClause::DesignatedSubstitute => {
                        if let Some(first) = self.designated.get(&member.id) {
                            self.errors.push(LowerError::DuplicateClause {
                                what: "the member's designated substitute".into(),
                                first: (*first).into(),
                                second: clause.span.into(),
                            });
                        } else {
                            self.designated.insert(member.id, clause.span);
                        }
                    }
                    ast::MemberClause::DrawnFrom(organisation) => {
                        if let Some(first) = &member.drawn_from {
                            self.errors.push(LowerError::DuplicateClause {
                                what: "the organisation the member's seat is drawn from".into(),
                                first: first.span.into(),
                                second: clause.span.into(),
                            });
                        } else {
                            member.drawn_from = Some(organisation.clone());
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

    pub(super) fn figure(
        &mut self,
        name: &Spanned<FigureName>,
        value: &Spanned<ast::FigureValue>,
        span: Span,
    ) -> Option<Figure> {
        let expected = name.node.unit();
        let (found, found_words) = match &value.node {
            ast::FigureValue::Amount(_) => (FigureUnit::Money, "an amount"),
            ast::FigureValue::Percent(_) => (FigureUnit::Percent, "a percentage"),
            ast::FigureValue::Number(_) => (FigureUnit::Number, "a plain number"),
            // A fraction or a count of shares says what share of the whole a member holds.
            ast::FigureValue::Fraction { .. } => (FigureUnit::Percent, "a fraction"),
            ast::FigureValue::Shares(_) => (FigureUnit::Percent, "a number of shares"),
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
        let (number, form) = match &value.node {
            ast::FigureValue::Amount(a) => (self.money(&Spanned::new(a.clone(), value.span)).0, FigureForm::Plain),
            ast::FigureValue::Percent(p) | ast::FigureValue::Number(p) => (*p, FigureForm::Plain),
            ast::FigureValue::Fraction { numerator, denominator } => {
                // The nearest percentage, to show; the engines read the fraction itself.
                let shown = numerator
                    .checked_mul(Decimal::ONE_HUNDRED)
                    .and_then(|x| x.checked_div(*denominator))
                    .unwrap_or(Decimal::ZERO);
                (shown, FigureForm::Fraction { numerator: *numerator, denominator: *denominator })
            }
            ast::FigureValue::Shares(count) => (*count, FigureForm::Shares),
        };
        if expected != FigureUnit::Percent && form != FigureForm::Plain {
            self.errors.push(LowerError::WrongUnit {
                figure: name.node.words().to_string(),
                expected: "a plain number (a score)".to_string(),
                at: value.span.into(),
                found: found_words.to_string(),
                help: format!("write it as, for example, `{} 82`", name.node.words()),
            });
            return None;
        }
        Some(Figure { value: number, unit: expected, span, form })
    }

    /// A share figure written as shares by some members and as percentages or fractions by
    /// others has no settled meaning (three shares of what whole?): refused, naming one of each.
    pub(super) fn share_forms(&mut self) {
        for name in [FigureName::Equity, FigureName::RiskShare] {
            let figures = || self.members.iter().filter_map(move |m| Some((m, m.figures.get(&name)?)));
            let shares = figures().find(|(_, f)| f.form == FigureForm::Shares);
            let whole = figures().find(|(_, f)| f.form != FigureForm::Shares);
            if let (Some((sm, sf)), Some((wm, wf))) = (shares, whole) {
                let written =
                    if matches!(wf.form, FigureForm::Fraction { .. }) { "a fraction" } else { "a percentage" };
                let error = LowerError::SharesMixedWithPercentages {
                    figure: name.words().to_string(),
                    shares_member: sm.key.clone(),
                    shares: sf.span.into(),
                    whole_member: wm.key.clone(),
                    written: written.to_string(),
                    whole: wf.span.into(),
                    help: format!(
                        "write every member's `{0}` as a number of shares (`{0} 3 shares`), or every one as a percentage or a fraction of the whole (`{0} 3/7`)",
                        name.words()
                    ),
                };
                self.errors.push(error);
            }
        }
    }

    pub(super) fn voting(&mut self) -> Voting {
        let file = self.file;
        let default = Voting {
            scheme: Spanned::new(WeightScheme::OneMemberOneVote, Span::default()),
            declared: false,
            reserved: Vec::new(),
        };
        let Some(block) = self.single_block("voting") else { return default };
        let mut scheme: Option<(Spanned<WeightScheme>, Span)> = None;
        if let Header::Voting { scheme: Some(s) } = &block.header.node {
            scheme = Some((s.clone().map(Into::into), s.span));
        }
        let mut reserved = Vec::new();
        for clause in &block.clauses {
            let Clause::Voting(c) = &clause.node else { continue };
            match c {
                ast::VotingClause::Scheme(s) => self.once(
                    "the voting scheme",
                    &mut scheme,
                    Spanned::new(s.clone().into(), clause.span),
                    clause.span,
                ),
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

    pub(super) fn blocs(&mut self) {
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
            let mut own_rule: Option<(BlocRule, Span)> = None;
            let mut casting: Option<(Spanned<MemberId>, Span)> = None;
            for clause in &block.clauses {
                let Clause::Bloc(c) = &clause.node else { continue };
                match c {
                    ast::BlocClause::Rule { comparator, proportion, base } => {
                        if let Some(rule) = self.bloc_rule(&id.node, comparator, proportion, base, clause.span) {
                            self.once("the bloc's own rule", &mut own_rule, rule, clause.span);
                        }
                    }
                    ast::BlocClause::CastingVote(m) => {
                        if let Some(holder) = self.member_ref(m) {
                            let holder = Spanned::new(holder, m.span);
                            self.once("the casting vote within the bloc", &mut casting, holder, clause.span);
                        }
                    }
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
                own_rule: own_rule.map(|(r, _)| r),
                casting_vote: None,
            });
            if let Some((holder, _)) = casting {
                self.bloc_casting(holder);
            }
        }
    }

    pub(super) fn bloc_ref(&mut self, name: &ast::Ident) -> Option<BlocId> {
        match self.blocs.iter().find(|b| b.key == name.node) {
            Some(b) => Some(b.id),
            None => {
                self.unknown("bloc", name, self.blocs.iter().map(|b| b.key.clone()).collect());
                None
            }
        }
    }

    pub(super) fn bloc_selection(&mut self, subject: &ast::BlocSubject) -> Option<BlocSelection> {
        match subject {
            ast::BlocSubject::Each => Some(BlocSelection::Each),
            ast::BlocSubject::Named(name) => self.bloc_ref(name).map(BlocSelection::One),
        }
    }

    /// Resolves a member named by identifier or role.
    pub(super) fn member_ref(&mut self, member: &Spanned<MemberRef>) -> Option<MemberId> {
        if member.node == MemberRef::Role(ast::Role::Chair) && self.chair_office().is_some() {
            // The chair is an office whose holder changes: it is no one member to count.
            self.errors.push(LowerError::from(crate::model::OfficesError::OfficeNotAMember {
                office: "chair".into(),
                at: member.span.into(),
            }));
            return None;
        }
        resolve_member(&self.members, member, true, &mut self.errors)
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
            let role = Role::from(*role);
            let holders: Vec<&Member> = members.iter().filter(|m| m.has_role(role)).collect();
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
                    let label = |m: &Member| same_file.then(|| m.roles.get(&role).copied().unwrap_or(m.span).into());
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
