//! `concord lsp`: the checker in the drafter's editor, over the Language Server Protocol on
//! standard input and output.
//!
//! Built on rust-analyzer's synchronous `lsp-server`: one thread reads messages, one writes
//! them, and the loop in [`server`] answers in order. Changes queued while a check runs are
//! coalesced, so only the latest text is checked. The rooms:
//!
//! - [`server`]: the loop, and dispatch of each request and notification;
//! - [`transport`]: messages framed on standard input and output, trusting no frame;
//! - [`document`]: open documents, their analyses, and the last agreement that read;
//! - [`position`]: byte offsets ⇄ LSP positions (UTF-16 columns);
//! - [`names`]: the names declared and used in a text, read from its words;
//! - [`diagnostics`]: findings as LSP diagnostics;
//! - [`hover`], [`navigate`] (definition, references, rename), [`complete`], [`symbols`],
//!   [`format`](mod@format) and [`actions`] (code actions).

// `lsp_types::Uri` caches parts of itself inside, but hashes and compares by its text alone,
// so it is a sound map key (the protocol's own `WorkspaceEdit` is keyed by it).
#![allow(clippy::mutable_key_type)]

pub mod actions;
pub mod complete;
pub mod diagnostics;
pub mod document;
pub mod format;
pub mod hover;
pub mod names;
pub mod navigate;
pub mod position;
pub mod server;
pub mod symbols;
pub mod transport;

pub use server::{run, Server};
