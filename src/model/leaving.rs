//! The terms on which one member leaves: its notice, what it pays and what it forfeits, with the
//! terms its kinds have of their own (language reference §14).
//!
//! A kind's notice period or sum replaces the general one for members of that kind; a kind's
//! forfeits add to the general ones. A member of two kinds whose own terms differ has no settled
//! notice (or sum): that is a contradiction, which [`terms_for`] reports and the checker refuses
//! (`concord::check::leaving_terms_conflict`).

use super::{Agreement, Duration, FigureName, KindId, Member, Money};
use crate::span::Spanned;

/// Where a term comes from: the general clause, or a kind's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum From {
    /// The clause for every member.
    General,
    /// The clause for this kind's members.
    Kind(KindId),
}

/// What one member's leaving comes to.
#[derive(Debug, Clone, PartialEq)]
pub struct Terms {
    /// The notice it gives, and where that comes from.
    pub notice: Option<(Spanned<Duration>, From)>,
    /// The sum it pays, and where that comes from.
    pub penalty: Option<(Spanned<Money>, From)>,
    /// The figures it forfeits (general ones first, each once).
    pub forfeits: Vec<(Spanned<FigureName>, From)>,
    /// Whether it loses its say over capitated payments.
    pub loses_say: bool,
}

/// Two of a member's kinds set different terms for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// `"notice period"` or `"sum paid"`.
    pub term: &'static str,
    /// The two kinds and what each says, in words.
    pub first: (KindId, Spanned<String>),
    pub second: (KindId, Spanned<String>),
}

/// The one value of a term for `member`: the first of its kinds' own values when they all agree,
/// else the general value.
fn pick<T: Copy + PartialEq>(
    member: &Member,
    own: &[(Spanned<KindId>, Spanned<T>)],
    general: Option<Spanned<T>>,
    term: &'static str,
    words: impl Fn(T) -> String,
) -> Result<Option<(Spanned<T>, From)>, Box<Conflict>> {
    let mine: Vec<&(Spanned<KindId>, Spanned<T>)> = own.iter().filter(|(k, _)| member.is_of_kind(k.node)).collect();
    if let Some(first) = mine.first() {
        if let Some(other) = mine.iter().find(|(_, v)| v.node != first.1.node) {
            return Err(Box::new(Conflict {
                term,
                first: (first.0.node, Spanned::new(words(first.1.node), first.1.span)),
                second: (other.0.node, Spanned::new(words(other.1.node), other.1.span)),
            }));
        }
        return Ok(Some((first.1, From::Kind(first.0.node))));
    }
    Ok(general.map(|g| (g, From::General)))
}

/// The terms on which `member` leaves, or the contradiction between two of its kinds' terms.
pub fn terms_for(agreement: &Agreement, member: &Member) -> Result<Terms, Box<Conflict>> {
    let m = &agreement.membership;
    let currency = &agreement.currency;
    let notice = pick(member, &m.kind_notices, m.notice, "notice period", |d: Duration| d.words())?;
    let penalty =
        pick(member, &m.kind_penalties, m.penalty, "sum paid", |a: Money| crate::money::format_money(a.0, currency))?;
    let mut forfeits: Vec<(Spanned<FigureName>, From)> = m.forfeits.iter().map(|f| (*f, From::General)).collect();
    for (kind, figure) in m.kind_forfeits.iter().filter(|(k, _)| member.is_of_kind(k.node)) {
        if !forfeits.iter().any(|(f, _)| f.node == figure.node) {
            forfeits.push((*figure, From::Kind(kind.node)));
        }
    }
    Ok(Terms { notice, penalty, forfeits, loses_say: m.loses_say.is_some() })
}

/// Whether the agreement sets any term of a kind's own.
pub fn by_kind(agreement: &Agreement) -> bool {
    let m = &agreement.membership;
    !(m.kind_notices.is_empty() && m.kind_penalties.is_empty() && m.kind_forfeits.is_empty())
}
