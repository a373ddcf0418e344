//! `vigil-engine`: the pipeline that turns records into documents, the store and its audit
//! log, and evaluation against labelled data. Knows nothing of HTTP or terminals.

pub mod ann;
pub mod audit;
pub mod bench;
pub mod document;
mod error;
pub mod eval;
pub mod facts;
pub mod ids;
pub mod ingest;
pub mod pipeline;
pub mod similarity;
pub mod store;
pub mod stories;
pub mod vectors;

pub use error::{Error, Result};
