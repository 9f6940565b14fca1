//! Concord: a language for alliance agreements between health and social care partners.
//!
//! The pipeline, each stage a module:
//!
//! ```text
//! text ─ syntax::parse ─▶ syntax::ast::File ─ model::lower ─▶ model::Agreement ─▶ check / eval
//!                                                                              └▶ report (human | json)
//! ```
//!
//! `syntax` reads text into a typed tree with a span on every node, reporting every syntax
//! error it can find; `model` resolves names and units into the exact model that every later
//! stage reads, in its own terms (`model::terms`), so the engines (`check`, `eval`, `oracle`,
//! `power`, `coalitions`, `weights`) import nothing from `syntax` and a change of wording stops
//! at `model::lower`; `calendar` holds the dates and periods every layer shares; `commands` runs
//! the engines for each subcommand and builds its result (`results`, plain data); `report`
//! alone turns results and diagnostics into what the command line prints, as text or JSON. Nothing here prints or exits: the binary in
//! `main.rs` does that.

#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used, clippy::panic, clippy::indexing_slicing))]
#![cfg_attr(not(test), deny(clippy::arithmetic_side_effects))]

pub mod calendar;
pub mod check;
pub mod coalitions;
pub mod commands;
pub mod diagnostic;
pub mod diff;
pub mod digits;
pub mod eval;
pub mod exact;
pub mod fmt;
pub mod load;
#[cfg(feature = "cli")]
pub mod lsp;
pub mod model;
pub mod money;
pub mod oracle;
pub mod power;
pub mod repl;
pub mod report;
pub mod results;
pub mod sequence;
pub mod span;
pub mod suggest;
pub mod syntax;
pub mod weights;
pub mod whynot;
