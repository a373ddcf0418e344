//! Evaluation against labelled data: each file scores one stage and returns a report that the
//! CLI prints as JSON.

pub mod clusters;
pub mod extraction;
pub mod facts;
pub mod language;
pub mod similarity;
pub mod stream;

use std::io::BufRead;
use std::path::{Path, PathBuf};

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
    /// A labelled set that parses but contradicts itself (an annotation not at its offsets).
    #[error("{path}: {id}: {message}")]
    Invalid {
        path: PathBuf,
        id: String,
        message: String,
    },
    #[error("{path}: nothing could be scored")]
    Empty { path: PathBuf },
}

/// Reads a JSON Lines file of labelled rows (blank lines skipped), naming the line of any row
/// that does not parse. An empty file is an error: there would be nothing to score.
pub(crate) fn read_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, EvalError> {
    let io = |source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(io)?;
    let mut rows = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(io)?;
        if line.trim().is_empty() {
            continue;
        }
        rows.push(
            serde_json::from_str(&line).map_err(|source| EvalError::Json {
                path: path.to_path_buf(),
                line: i + 1,
                source,
            })?,
        );
    }
    if rows.is_empty() {
        return Err(EvalError::Empty {
            path: path.to_path_buf(),
        });
    }
    Ok(rows)
}
