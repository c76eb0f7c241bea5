//! # bilan
//!
//! Reads news articles in French and English and turns them into normalized,
//! checkable claims: what happened, where, when, to whom, how many, and who
//! says so. Every mention and claim keeps its provenance: document id,
//! sentence index, byte offsets into the original text and the matched text.
//!
//! The pipeline is a chain of stages over a shared [`Document`]:
//!
//! ```text
//! input ─► language ─► sentences ─► dates ─► numbers ─► places ─► actors ─► claims ─► output
//!                                                                               │
//!                                                           eval (gold) ◄───────┤
//!                                                           check (refs) ◄──────┘
//! ```
//!
//! Each extraction stage implements [`Stage`]: it reads the document and the
//! annotations found so far and appends its own. See `ARCHITECTURE.md`.

pub mod actors;
pub mod check;
pub mod claims;
pub mod dates;
pub mod document;
pub mod error;
pub mod eval;
pub mod input;
pub mod invariants;
pub mod language;
#[cfg(feature = "ml")]
pub mod ml;
pub mod models;
pub mod numbers;
pub mod output;
pub mod pipeline;
pub mod places;
pub mod sentences;
pub mod text;

pub use document::{Annotations, DocDate, Document, Lang, Span};
pub use error::{DocError, ErrorKind};
pub use pipeline::{Pipeline, Stage};
