//! The one error type of `vigil-text`.
//!
//! Every variant is a problem with one input, worded so that the CLI can print
//! `input: message` as a single line a user understands.

/// Why a report could not be read or extracted.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The input holds no bytes, or nothing that could be a report.
    #[error("empty input")]
    Empty,
    /// The input looks like binary data (images, executables, archives we do not read).
    #[error("binary content ({0}), not a report")]
    Binary(String),
    /// The input exceeds a size limit (also raised when decompression would exceed it).
    #[error("too large: {what} exceeds the limit of {limit} bytes")]
    TooLarge { what: String, limit: u64 },
    /// A container or document is malformed: bad JSON, truncated gzip, broken PDF…
    #[error("malformed {format}: {detail}")]
    Malformed {
        format: &'static str,
        detail: String,
    },
    /// The bytes are valid but hold no text to extract (a PDF without a text layer, say).
    #[error("no text found ({0})")]
    NoText(String),
    /// A file or URL could not be read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
