//! Stories: each arriving report joins an **event** (one happening) and each event a
//! **storyline** (one developing situation), online, as reports are ingested.
//!
//! The data path, per new document (see [`assign::Assigner`]):
//! 1. its profile (terms, names, numbers, date) and vectors are computed once;
//! 2. the nearest-neighbour index over stored document vectors gives its K nearest earlier
//!    documents, each with the event it belongs to;
//! 3. the same-event model scores the document against each neighbour; under the fitted
//!    regroup rule, the document and every member of its neighbours' events are regrouped by
//!    average linkage ([`crate::similarity::regroup`]): groups keep the id of the oldest event
//!    whose founder they hold (others merge into it and redirect), a group without one is
//!    split off; under the older rules, [`crate::similarity::online::decide`] joins the best
//!    event, starts one, or merges the events the document bridges;
//! 4. a document that starts an event links it to the storyline of the neighbour it is most
//!    similar to by the looser storyline score (fitted on SemEval's graded pairs), when both
//!    are about a place in common (one of the places each names most, by gazetteer key, so
//!    across scripts) and are close in time; otherwise the event starts a storyline.
//!
//! Ids derive from the founding document's id, so they never change as reports arrive and the
//! same ingest gives the same ids. Merges and splits are written to the audit log.

pub mod assign;
pub mod hnsw;
pub mod index;

use serde::Serialize;

pub use assign::Assigner;
pub use hnsw::HnswIndex;
pub use index::{ExactIndex, NeighborIndex};

/// Which kind of story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Event,
    Storyline,
}

impl Level {
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Event => "event",
            Level::Storyline => "storyline",
        }
    }

    /// The id prefix of this level (`ev_`, `sl_`).
    pub fn prefix(self) -> &'static str {
        match self {
            Level::Event => "ev_",
            Level::Storyline => "sl_",
        }
    }

    /// The level an id names, from its prefix.
    pub fn of_id(id: &str) -> Option<Level> {
        if id.starts_with("ev_") {
            Some(Level::Event)
        } else if id.starts_with("sl_") {
            Some(Level::Storyline)
        } else {
            None
        }
    }

    /// The id of a story of this level founded by document `doc_id`: stable, because a
    /// document founds at most one story of each level.
    pub fn id_for(self, doc_id: &str) -> String {
        let hash = blake3::hash(format!("{}:{doc_id}", self.as_str()).as_bytes());
        format!("{}{}", self.prefix(), &hash.to_hex()[..20])
    }
}

/// A story as `vigil stories` lists it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StorySummary {
    pub id: String,
    pub level: Level,
    /// The title (else the first line) of its most central report.
    pub title: Option<String>,
    /// Member documents, in ingest order.
    pub docs: Vec<String>,
    /// A storyline's events, oldest first; `None` for an event.
    pub events: Option<Vec<String>>,
    /// Languages of its documents, most frequent first.
    pub langs: Vec<String>,
    pub n_docs: usize,
    /// Distinct sources (URL hosts for web documents, else the source names).
    pub n_sources: usize,
    /// Earliest and latest date its documents state or imply (the ingest days when none
    /// does).
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    /// When the story last changed (RFC 3339).
    pub updated: String,
}

/// A story as the assigner tracks it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryRow {
    pub id: String,
    pub level: Level,
    /// Sequence number of the founding document: the age order merges go by.
    pub founded: i64,
    /// An event's storyline (`None` for a storyline).
    pub storyline: Option<String>,
    /// Set once merged: the surviving story this id redirects to.
    pub merged_into: Option<String>,
}

/// What the assigner knows when it starts: every story and every assigned document.
#[derive(Debug, Clone, Default)]
pub struct StoryState {
    pub stories: Vec<StoryRow>,
    /// `(document seq, document id, event id)` of every assigned document, in ingest order.
    pub assigned: Vec<(i64, String, String)>,
}

/// One merge: `from` now redirects to `into`, because `by` (a document) bridged them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Merge {
    pub level: Level,
    pub from: String,
    pub into: String,
    pub by: String,
}

/// One split: reports of event `from` now form event `into` (new, or revived if it was
/// merged before), because regrouping at `by`'s arrival set them apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    pub from: String,
    pub into: String,
    pub by: String,
}

/// One change to the stories, in the order the assigner made it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoryOp {
    /// A story starts (or, when its id was merged before, lives again: ids derive from the
    /// founding document, so a group that regains its founder regains its id).
    Create(StoryRow),
    /// A document joins an event (and so the event's storyline), or moves to another.
    Assign {
        doc: String,
        event: String,
        storyline: String,
    },
    /// `from` redirects to `into` from now on; its documents (and, for a storyline, its
    /// events) move to `into`.
    Merge(Merge),
    /// Recorded in the audit log; the documents move by their own [`StoryOp::Assign`]s.
    Split(Split),
}

/// Everything one assignment step changes, written in one transaction.
#[derive(Debug, Clone, Default)]
pub struct StoryUpdate {
    pub ops: Vec<StoryOp>,
    /// `(story id, document id)`: the story's most central report, whose title it shows.
    pub central: Vec<(String, String)>,
}

/// Longest story title shown, in characters.
const TITLE_CHARS: usize = 120;

/// A document's headline: its title, else the first non-empty line of its body, shortened.
pub fn headline(doc: &crate::document::StoredDocument) -> Option<String> {
    let body = doc.body();
    let line = doc
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map(str::to_string)
        .or_else(|| {
            body.text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .map(str::to_string)
        })?;
    let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(match line.char_indices().nth(TITLE_CHARS) {
        Some((end, _)) => format!("{}…", &line[..end]),
        None => line,
    })
}

/// What counts as one source: the host of a web document, else the source name.
pub fn source_key(source: &str, url: Option<&str>) -> String {
    let url = url.unwrap_or(source);
    match url.split_once("://") {
        Some((_, rest)) => rest
            .split(['/', '?', '#'])
            .next()
            .unwrap_or(rest)
            .trim_start_matches("www.")
            .to_ascii_lowercase(),
        None => source.to_string(),
    }
}

#[cfg(test)]
mod tests;
