//! Facts at ingest: each new document's facts are extracted by `vigil-facts` in the pipeline
//! (a pure function of the document, so it runs in parallel with everything else) and stored
//! with the document in the same transaction. [`by_story`] groups a story's facts for
//! comparison across sources.

mod by_story;
mod entities;

pub use by_story::{FactGroup, GroupValue, by_story};
pub use entities::{NAME_ENCODER, link_pending};

use chrono::NaiveDate;
use vigil_facts::{Detail, Document, Fact};
use vigil_text::{Removal, RemovalReason};

use crate::Result;
use crate::document::{Paragraph, StoredDocument};
use crate::similarity::Actors;
use crate::similarity::vectors::Encoder;
use crate::store::Store;

/// Bumped whenever extraction changes what it finds (3: more gazetteer bodies, arrested and
/// prisoner keys, mention fixes; 4: German numerals, counted nouns and dates, sanctioned and
/// released keys, Chinese tenths, ages as person cues, Arabic public bodies, older country
/// names and short city exonyms; 5: Han abstract nouns are no people; 6: counts of people
/// keyed by what happened to them, ages set off by commas, `member`, more Portuguese and
/// Spanish body heads; 7: Russian "власти", Chinese sites are places, Arab currencies by
/// country, no Arabic count of a noun with the article, times of day are no durations,
/// names through two particles, never through "y" or into a verb; 8: Portuguese, Turkish
/// and Japanese number tables, distances and buildings counted in more languages, no
/// "و" or "ب" on an Arabic name found by the model when the text shows it is a clitic,
/// foreign names in Japanese katakana), so
/// `vigil reindex` re-extracts documents stored by an older version.
pub const FACTS_VERSION: i64 = 8;

/// The facts of one document: its stored `text`, language, date (ISO, possibly with a time)
/// and paragraphs; nothing is reported inside boilerplate `removed` ranges.
pub fn extract(
    text: &str,
    lang: Option<&str>,
    published: Option<&str>,
    paragraphs: &[Paragraph],
    removed: &[Removal],
) -> Vec<Fact> {
    vigil_facts::extract(&document(text, lang, published, paragraphs, removed))
}

/// The people and organisations `doc` names, by entity id, for the same-event score. Only
/// names outside the gazetteer count (their key is a `name:` key): gazetteer places and
/// bodies are already in the profile's places. Mentions not linked yet are skipped, so
/// call this after [`link_pending`].
pub fn actors(store: &dyn Store, doc: &str) -> Result<Actors> {
    let mut actors = Actors::default();
    for fact in store.facts(Some(doc), None)? {
        let (Detail::Person(m) | Detail::Organization(m)) = &fact.detail else {
            continue;
        };
        let named = fact
            .subject_key
            .as_deref()
            .is_some_and(|k| k.starts_with("name:"));
        let Some(entity) = m.entity.as_ref().filter(|e| named && !e.is_empty()) else {
            continue;
        };
        let set = if matches!(fact.detail, Detail::Person(_)) {
            &mut actors.persons
        } else {
            &mut actors.orgs
        };
        set.insert(entity.clone());
    }
    Ok(actors)
}

/// The languages whose NER model reads encoder token states, in the order to try them.
const VECTOR_NER_LANGS: &[&str] = &["ar", "zh"];

/// The NER language of a stored document that has a model reading token states: its own
/// language, else the first paragraph's in such a language.
fn vector_ner_lang(doc: &StoredDocument) -> Option<&'static str> {
    let of = |lang: Option<&str>| {
        let primary = lang?.split(['-', '_']).next()?;
        VECTOR_NER_LANGS.iter().copied().find(|l| *l == primary)
    };
    of(doc.lang.as_deref()).or_else(|| doc.paragraphs.iter().find_map(|p| of(p.lang.as_deref())))
}

/// When `doc` is in a language whose NER reads token states and one of `encoders` gives
/// them, stores its facts again with its names found that way (its mentions are then linked
/// like any new ones) and says so.
pub fn names_with_vectors(
    store: &mut dyn Store,
    encoders: &[&dyn Encoder],
    doc: &StoredDocument,
) -> Result<bool> {
    let Some(lang) = vector_ner_lang(doc) else {
        return Ok(false);
    };
    let Some(vectors) = encoders.iter().find_map(|e| e.ner_vectors(&doc.text, lang)) else {
        return Ok(false);
    };
    restore_with_vectors(store, doc, &vectors)?;
    Ok(true)
}

/// Documents stored before a model was at hand (`ingest --no-vectors`, or no model yet) had
/// their Arabic and Chinese names found without token states and every name linked without
/// name vectors, so translated bodies stayed apart. With `encoders` now, finds those names
/// again and links every mention from scratch, in ingest order: the store then holds what an
/// ingest with the models would have made. `docs` are the documents that lacked the models;
/// returns how many of them had their names found again.
pub fn catch_up_names(
    store: &mut dyn Store,
    encoders: &[&dyn Encoder],
    docs: &[String],
) -> Result<usize> {
    let mut renamed = 0;
    for id in docs {
        let Some(doc) = store.get(id)? else { continue };
        if names_with_vectors(store, encoders, &doc)? {
            renamed += 1;
        }
    }
    let translates = encoders
        .iter()
        .any(|e| e.name() == NAME_ENCODER && e.ready().is_ok());
    if renamed > 0 || (translates && !docs.is_empty()) {
        store.clear_entities()?;
        link_pending(store, encoders)?;
    }
    Ok(renamed)
}

/// Stores `doc`'s facts again, its names found with the encoder's token states of its text.
fn restore_with_vectors(
    store: &mut dyn Store,
    doc: &StoredDocument,
    vectors: &vigil_facts::ner::TokenVectors,
) -> Result<()> {
    let view = document(
        &doc.text,
        doc.lang.as_deref(),
        doc.published.as_deref(),
        &doc.paragraphs,
        &doc.removed,
    );
    let facts = vigil_facts::with_vector_mentions(&view, vigil_facts::extract(&view), vectors);
    store.put_facts(&doc.id, &facts, FACTS_VERSION)
}

fn document<'a>(
    text: &'a str,
    lang: Option<&'a str>,
    published: Option<&str>,
    paragraphs: &'a [Paragraph],
    removed: &[Removal],
) -> Document<'a> {
    Document {
        text,
        lang,
        date: published
            .and_then(|p| p.get(..10))
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()),
        paragraphs: paragraphs
            .iter()
            .map(|p| (p.start, p.end, p.lang.as_deref()))
            .collect(),
        skip: removed
            .iter()
            .filter(|r| !keeps_facts(r.reason))
            .map(|r| (r.start, r.end))
            .collect(),
    }
}

/// Removed ranges that are still the report's own words: re-flowed line breaks and spare
/// whitespace. Everything else removed (navigation, a promotional tail, the repeated headline,
/// page furniture) states no fact of the report's.
fn keeps_facts(reason: RemovalReason) -> bool {
    matches!(reason, RemovalReason::LineBreak | RemovalReason::Whitespace)
}

/// Re-extracts the facts of stored documents that have none yet or came from an older
/// extraction (`FACTS_VERSION`), in ingest order, then links every mention again from scratch
/// (so entity ids and counts are what a fresh ingest in the same order would give); returns
/// how many documents were re-extracted.
/// Arabic and Chinese names are found with `encoders`' token states when one gives them.
pub fn refresh(store: &mut dyn Store, encoders: &[&dyn Encoder]) -> Result<usize> {
    let stale = store.docs_with_stale_facts(FACTS_VERSION)?;
    if stale.is_empty() {
        return Ok(0);
    }
    store.clear_entities()?;
    for id in &stale {
        let Some(doc) = store.get(id)? else { continue };
        if !names_with_vectors(store, encoders, &doc)? {
            let facts = extract(
                &doc.text,
                doc.lang.as_deref(),
                doc.published.as_deref(),
                &doc.paragraphs,
                &doc.removed,
            );
            store.put_facts(id, &facts, FACTS_VERSION)?;
        }
    }
    link_pending(store, encoders)?;
    Ok(stale.len())
}
