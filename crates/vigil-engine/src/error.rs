//! The one error type of `vigil-engine`, separating the user's mistakes from internal faults
//! (as milli does): the CLI prints the first as they are, and the second with a hint that the
//! store or the program is at fault.

/// What went wrong in the engine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One input could not be read or extracted (the batch goes on).
    #[error(transparent)]
    Input(#[from] vigil_text::Error),
    /// An id, option or file given by the user does not exist or is not valid.
    #[error("{0}")]
    User(String),
    /// The store could not be opened, read or written.
    #[error("store: {0}")]
    Store(#[from] rusqlite::Error),
    /// The store holds something it should not (a broken invariant): internal fault.
    #[error("store is inconsistent: {0}")]
    Corrupt(String),
    /// The vector index could not be read, written or searched.
    #[error(transparent)]
    Ann(#[from] crate::ann::AnnError),
    /// Reading a file, folder or URL failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
