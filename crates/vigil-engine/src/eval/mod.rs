//! Evaluation against labelled data: each file scores one stage and returns a report that the
//! CLI prints as JSON.

pub mod clusters;
pub mod extraction;
pub mod language;
pub mod similarity;

use std::path::PathBuf;

/// Why an evaluation could not run (a missing or malformed labelled file).
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// `line` is 1-based for JSON Lines files, 0 for a whole JSON document.
    #[error("{path}:{line}: not the expected JSON: {source}")]
    Json {
        path: PathBuf,
        line: usize,
        source: serde_json::Error,
    },
    #[error("{path}: nothing could be scored")]
    Empty { path: PathBuf },
}
