//! `vigil-engine`: the pipeline that turns records into documents, and the store.
pub mod eval;
