//! The store: documents, their raw bytes and the audit log, behind a small trait so that the
//! embedded SQLite default and a later PostgreSQL backend are interchangeable.

mod sqlite;
mod sqlite_facts;
mod sqlite_stories;

pub use sqlite::SqliteStore;
pub use sqlite_facts::{EntityLink, EntityRow};

use vigil_facts::{Fact, Kind};

use crate::Result;
use crate::audit::{Broken, Entry};
use crate::document::{DocSummary, NewDocument, PutOutcome, StoredDocument};
use crate::stories::{Level, StoryState, StorySummary, StoryUpdate};

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
    /// Stores document vectors named `model` (`e5/doc`, `e5/chunks`: one or more vectors per
    /// document), replacing earlier ones of the same name, in one transaction. Not
    /// audit-logged: vectors are derived from the logged text.
    fn put_vectors(&mut self, model: &str, vectors: &[(&str, &[Vec<f32>])]) -> Result<()>;
    /// The stored vectors of a document under `model`, if any.
    fn vectors(&self, id: &str, model: &str) -> Result<Option<Vec<Vec<f32>>>>;
    /// Ids of documents with no vector of `model`, in ingest order (what `reindex` fills in).
    fn docs_without_vector(&self, model: &str) -> Result<Vec<String>>;
    /// The document with this sequence number.
    fn doc_at(&self, seq: i64) -> Result<Option<StoredDocument>>;
    /// `(seq, id)` of documents in no story, in ingest order.
    fn docs_without_story(&self) -> Result<Vec<(i64, String)>>;
    /// Every story (merged ones too) and every assignment, for the assigner to start from.
    fn story_state(&self) -> Result<StoryState>;
    /// Applies one assignment step in one transaction; merges are audit-logged.
    fn put_stories(&mut self, update: &StoryUpdate) -> Result<()>;
    /// Live stories of a level, oldest first.
    fn stories(&self, level: Level) -> Result<Vec<StorySummary>>;
    /// One story by id, following merge redirects (`None` for an unknown id).
    fn story(&self, id: &str) -> Result<Option<StorySummary>>;
    /// A named blob of derived state (document frequencies), if stored.
    fn meta(&self, name: &str) -> Result<Option<Vec<u8>>>;
    fn put_meta(&mut self, name: &str, value: &[u8]) -> Result<()>;

    /// The facts of document `doc` (every document's when `None`), in document then text
    /// order, of `kind` only when given.
    fn facts(&self, doc: Option<&str>, kind: Option<Kind>) -> Result<Vec<Fact>>;
    /// Replaces one document's facts (a re-extraction by `reindex`), recording `version`.
    fn put_facts(&mut self, doc: &str, facts: &[Fact], version: i64) -> Result<()>;
    /// Documents whose facts are missing or older than extraction `version`.
    fn docs_with_stale_facts(&self, version: i64) -> Result<Vec<String>>;
    /// Documents with person, organisation or place mentions not yet linked to an entity,
    /// in ingest order.
    fn docs_with_unlinked_mentions(&self) -> Result<Vec<String>>;
    /// Forgets every entity and every mention's link (before linking all mentions again, in
    /// ingest order, after facts were re-extracted).
    fn clear_entities(&mut self) -> Result<()>;
    /// Every entity the linker has created.
    fn entities(&self) -> Result<Vec<EntityRow>>;
    /// Stores changed entities and links mentions to them, in one transaction.
    fn put_entities(&mut self, entities: &[EntityRow], links: &[EntityLink]) -> Result<()>;
}
