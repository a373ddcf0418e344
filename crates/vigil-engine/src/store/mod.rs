//! The store: documents, their raw bytes and the audit log, behind a small trait so that the
//! embedded SQLite default and a later PostgreSQL backend are interchangeable.

mod sqlite;

pub use sqlite::SqliteStore;

use crate::Result;
use crate::audit::{Broken, Entry};
use crate::document::{DocSummary, NewDocument, PutOutcome, StoredDocument};
use crate::vectors::DocVector;

/// Everything the rest of Vigil asks of a store.
///
/// Writes are atomic per call: after a crash, a batch is either wholly stored (documents and
/// their audit entries) or not at all, so re-running an ingest finishes the job.
pub trait Store {
    /// Stores documents in one transaction, in order. A document whose id is already stored is
    /// `Unchanged`; one whose source is stored with other bytes is a `NewVersion`.
    fn put_batch(&mut self, docs: &[NewDocument]) -> Result<Vec<PutOutcome>>;
    /// Whether a document with this id is stored (lets ingest skip work it already did).
    fn contains(&self, id: &str) -> Result<bool>;
    fn get(&self, id: &str) -> Result<Option<StoredDocument>>;
    /// Every document, in ingest order.
    fn documents(&self) -> Result<Vec<DocSummary>>;
    /// The ids of every version of a source, oldest first.
    fn versions(&self, source: &str) -> Result<Vec<String>>;
    /// The raw bytes with this SHA-256.
    fn raw(&self, sha256: &str) -> Result<Option<Vec<u8>>>;
    /// The audit log, oldest first.
    fn log(&self) -> Result<Vec<Entry>>;
    /// Checks the audit log's hash chain and that every stored document still matches what its
    /// log entry recorded (raw bytes, text). Returns the number of entries checked.
    fn verify(&self) -> Result<Result<u64, Broken>>;
    /// Stores document vectors made by `model`, replacing any earlier vector of the same
    /// documents, in one transaction. Not audit-logged: vectors are derived from the logged text.
    fn put_vectors(&mut self, model: &str, vectors: &[(&str, &[f32])]) -> Result<()>;
    /// The stored vector of a document, if it has one.
    fn vector(&self, id: &str) -> Result<Option<DocVector>>;
    /// Ids of documents with no vector of `model`, in ingest order (what `reindex` fills in).
    fn docs_without_vector(&self, model: &str) -> Result<Vec<String>>;
}
