//! How partners pay their contributions into a fund over the year: `members other than the host
//! pay their contributions in 4 equal instalments` (language reference §12; real clause C41).
//!
//! The model keeps the count and whether the host is left out; the split itself, to the minor
//! unit, is [`crate::money::instalments::split`], which the lowering also uses to refuse a count
//! that a contribution cannot be paid in.

use miette::{Diagnostic, SourceSpan};
use serde::Serialize;
use thiserror::Error;

use crate::span::Span;

/// The most instalments a year's contribution may be paid in: one a day.
pub const MAX_INSTALMENTS: u32 = 365;

/// `members other than the host pay their contributions in 4 equal instalments`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Instalments {
    /// How many instalments each contribution is paid in (1 to [`MAX_INSTALMENTS`]).
    pub count: u32,
    /// Whether the host is left out (`members other than the host …`); otherwise every
    /// contributing partner pays in instalments (`each partner pays its contribution …`).
    pub other_than_host: bool,
    /// Where the clause is written.
    pub span: Span,
}

/// A problem with a fund's instalments.
#[derive(Debug, Clone, PartialEq, Eq, Error, Diagnostic)]
pub enum InstalmentsError {
    /// `in 0 equal instalments`.
    #[error("a contribution cannot be paid in 0 instalments")]
    #[diagnostic(
        code(concord::model::no_instalments),
        help("write how many equal instalments each contribution is paid in, e.g. `in 4 equal instalments`; leave the clause out when contributions are paid at once")
    )]
    None {
        #[label("no instalments")]
        at: SourceSpan,
    },

    /// More instalments than one a day.
    #[error("{count} instalments is more than one a day for a year's contribution")]
    #[diagnostic(
        code(concord::model::too_many_instalments),
        help("a year's contribution can be paid in at most 365 instalments (one a day); quarterly is `in 4 equal instalments`, monthly `in 12 equal instalments`")
    )]
    MoreThanDaily {
        count: u32,
        #[label("more than 365")]
        at: SourceSpan,
    },

    /// A contribution too small for every instalment to be at least one minor unit.
    #[error("`{member}` contributes {amount}, which cannot be paid in {count} instalments of at least {unit} each")]
    #[diagnostic(
        code(concord::model::too_many_instalments),
        help("each instalment must be at least {unit}, so a contribution of {amount} can be paid in at most {most} instalments; write fewer instalments, or a larger contribution")
    )]
    TooMany {
        member: String,
        amount: String,
        unit: String,
        count: u32,
        most: String,
        #[label("{count} instalments")]
        at: SourceSpan,
        #[label("the contribution")]
        contribution: SourceSpan,
    },

    /// A contribution written to a fraction of the minor unit, which equal instalments to the
    /// minor unit cannot add up to.
    #[error("`{member}` contributes {amount}, which is not a whole number of {unit} and so cannot be paid in instalments of whole {unit}")]
    #[diagnostic(
        code(concord::model::instalments_of_part_unit),
        help("write the contribution to the currency's minor unit ({unit}), so that its instalments add up to it exactly")
    )]
    PartUnit {
        member: String,
        amount: String,
        unit: String,
        #[label("the instalments")]
        at: SourceSpan,
        #[label("not a whole number of {unit}")]
        contribution: SourceSpan,
    },

    /// `members other than the host …` in a fund with no host.
    #[error("“{fund}” has no host, so “members other than the host” names no one in particular")]
    #[diagnostic(
        code(concord::model::instalments_without_host),
        help("name the fund's host with `hosted by MEMBER`, or say that every partner pays in instalments: `each partner pays its contribution in 4 equal instalments`")
    )]
    WithoutHost {
        fund: String,
        #[label("this fund has no `hosted by` clause")]
        at: SourceSpan,
    },
}
