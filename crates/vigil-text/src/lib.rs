//! `vigil-text`: everything Vigil does to one report before models and storage see it.
//!
//! The data path, in order (see `ARCHITECTURE.md` at the repository root):
//!
//! ```text
//! read (input) → decode → extract → clean → normalize → language → segment → fingerprint
//! ```
//!
//! Every stage keeps byte offsets into the stored canonical `text` of a document: cleaning
//! records which ranges are not body text instead of editing it, normalisation keeps a map back
//! to original offsets, and tokens carry their original byte range.

pub mod clean;
pub mod dates;
pub mod decode;
mod error;
pub mod extract;
pub mod fingerprint;
pub mod gazetteer;
pub mod input;
pub mod language;
pub mod normalize;
pub mod segment;
pub mod shared_data;
mod span;
#[cfg(test)]
mod test_support;

pub use error::{Error, Result};
pub use span::{Removal, RemovalReason, Span};
