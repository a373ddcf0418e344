//! Documents as the pipeline produces them and as the store returns them.

use serde::Serialize;
use vigil_text::Removal;

/// A paragraph of the body, as a range of the canonical text, with its language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Paragraph {
    pub start: usize,
    pub end: usize,
    pub lang: Option<String>,
}

/// A processed report, ready to be stored. Everything here is a pure function of the record
/// (source, raw bytes, container metadata), so processing the same input twice gives the same
/// document, which is what makes re-ingesting a no-op.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NewDocument {
    pub id: String,
    pub source: String,
    pub sha256: String,
    pub raw: Vec<u8>,
    pub format: &'static str,
    pub encoding: Option<&'static str>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub lang: Option<String>,
    /// ISO 8601 date or date-time.
    pub published: Option<String>,
    pub published_inferred: bool,
    pub content_id: String,
    pub credit: Option<String>,
    pub text: String,
    pub removed: Vec<Removal>,
    pub paragraphs: Vec<Paragraph>,
    /// What the report states (counts, votes, dates, names), with offsets into `text`;
    /// mentions get their entity ids when stored.
    pub facts: Vec<vigil_facts::Fact>,
}

/// A stored document: the processed report plus what the store adds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredDocument {
    pub id: String,
    pub seq: i64,
    pub source: String,
    pub sha256: String,
    pub format: String,
    pub encoding: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub author: Option<String>,
    pub lang: Option<String>,
    pub published: Option<String>,
    pub published_inferred: bool,
    pub content_id: String,
    pub credit: Option<String>,
    pub text: String,
    pub removed: Vec<Removal>,
    pub paragraphs: Vec<Paragraph>,
    /// RFC 3339 time the document was stored.
    pub ingested_at: String,
    /// The previous version of the same source, if this one replaced it.
    pub previous_version: Option<String>,
    pub story: Option<String>,
    pub storyline: Option<String>,
    pub copy_of: Option<String>,
    pub copy_kind: Option<String>,
}

impl StoredDocument {
    /// The body: the text with the removed ranges taken out.
    pub fn body(&self) -> vigil_text::clean::Body {
        vigil_text::clean::Body::new(&self.text, &self.removed)
    }
}

/// The fields of a document that listings show.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocSummary {
    pub id: String,
    pub seq: i64,
    pub source: String,
    pub title: Option<String>,
    pub lang: Option<String>,
    pub published: Option<String>,
    pub published_inferred: bool,
    pub story: Option<String>,
    pub storyline: Option<String>,
    pub copy_of: Option<String>,
    pub copy_kind: Option<String>,
}

/// What storing a document did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PutOutcome {
    /// A new document.
    Added { id: String },
    /// The same source and bytes were already stored: nothing changed.
    Unchanged { id: String },
    /// The source was stored before with other bytes: a new version, linked to the previous.
    NewVersion { id: String, previous: String },
}

impl PutOutcome {
    pub fn id(&self) -> &str {
        match self {
            PutOutcome::Added { id }
            | PutOutcome::Unchanged { id }
            | PutOutcome::NewVersion { id, .. } => id,
        }
    }
}
