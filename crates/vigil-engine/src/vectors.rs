//! What ingest derives from each stored document: its vectors (from every encoder the
//! same-event features read: whole document, title, paragraph chunks) and, with an
//! [`Assigner`], its event and storyline.
//!
//! Vectors are stored under `<encoder>/<part>` (`e5/doc`, `e5/title`, `e5/chunks`, `e5/full`,
//! the parts [`crate::similarity::DocVectors`] holds); `e5/doc`
//! is the vector the neighbour index holds. All of it is derived data (a pure function of the
//! stored text, the models and, for stories, the arrival order), so vector writes are not
//! audit-logged and `vigil reindex` can always compute what is missing.

use crate::Result;
use crate::document::StoredDocument;
use crate::similarity::pairs::{self, DocInput};
use crate::similarity::{CachedEncoder, Profile};
use crate::store::Store;
use crate::stories::Assigner;
use crate::stories::assign::{INDEX_VECTOR, NewDoc, parse_day, vector_name};

pub use crate::similarity::{Encoder, cosine};

/// Documents profiled per call and stored per transaction by [`reindex`].
const REINDEX_BATCH: usize = 64;

/// What to derive from new documents: vectors from `encoders` (one must be named `e5`: its
/// document vector is what the index holds), and stories when `stories` is given.
pub struct Derive<'a> {
    pub encoders: Vec<&'a dyn Encoder>,
    pub stories: Option<&'a mut Assigner>,
    /// Where to keep a cache of vectors by text (evaluations re-run without re-encoding);
    /// `None` for ingest, whose store keeps every vector anyway.
    pub cache_dir: Option<std::path::PathBuf>,
}

/// The parts of a stored document its profile is made of.
#[derive(Debug, Clone)]
pub struct DocText {
    pub seq: i64,
    pub id: String,
    pub title: String,
    /// The body (the text with the removed ranges taken out).
    pub body: String,
    pub lang: Option<String>,
    pub published: Option<String>,
}

impl DocText {
    pub fn of(doc: &StoredDocument) -> DocText {
        DocText {
            seq: doc.seq,
            id: doc.id.clone(),
            title: doc.title.clone().unwrap_or_default(),
            body: doc.body().text,
            lang: doc.lang.clone(),
            published: doc.published.clone(),
        }
    }
}

/// Whether every encoder can be used; the first reason one cannot.
pub fn ready(encoders: &[&dyn Encoder]) -> Result<(), String> {
    encoders.iter().try_for_each(|e| e.ready())
}

/// Profiles `docs` with every encoder's vectors and stores the vectors, in one transaction
/// per vector name. Returns the profiles, ready for the assigner; their actors are the
/// documents' linked mentions, so link them ([`crate::facts::link_pending`]) first.
pub fn encode_and_store(
    store: &mut dyn Store,
    encoders: &[&dyn Encoder],
    cache_dir: Option<&std::path::Path>,
    docs: &[DocText],
) -> Result<Vec<NewDoc>> {
    let inputs: Vec<DocInput<'_>> = docs
        .iter()
        .map(|d| DocInput {
            title: &d.title,
            text: &d.body,
            lang: d.lang.as_deref(),
        })
        .collect();
    let mut cached = encoders
        .iter()
        .map(|e| CachedEncoder::open(*e, cache_dir))
        .collect::<std::io::Result<Vec<_>>>()?;
    let profiles = pairs::profiles(&inputs, &mut cached)?;
    for encoder in encoders {
        let name = encoder.name();
        let mut doc_rows = Vec::new();
        let mut title_rows = Vec::new();
        let mut chunk_rows = Vec::new();
        let mut full_rows = Vec::new();
        for (d, p) in docs.iter().zip(&profiles) {
            let Some(v) = p.vectors.get(name) else {
                continue;
            };
            if v.doc.is_empty() {
                continue;
            }
            doc_rows.push((d.id.as_str(), vec![v.doc.clone()]));
            if let Some(t) = &v.title {
                title_rows.push((d.id.as_str(), vec![t.clone()]));
            }
            if !v.chunks.is_empty() {
                chunk_rows.push((d.id.as_str(), v.chunks.clone()));
            }
            if let Some(f) = &v.full {
                full_rows.push((d.id.as_str(), vec![f.clone()]));
            }
        }
        for (part, rows) in [
            ("title", &title_rows),
            ("chunks", &chunk_rows),
            ("full", &full_rows),
            ("doc", &doc_rows),
        ] {
            let rows: Vec<(&str, &[Vec<f32>])> =
                rows.iter().map(|(id, v)| (*id, v.as_slice())).collect();
            if !rows.is_empty() {
                store.put_vectors(&vector_name(name, part), &rows)?;
            }
        }
    }
    docs.iter()
        .zip(profiles)
        .map(|(d, mut profile)| {
            with_published_date(&mut profile, d.published.as_deref());
            profile.actors = Some(crate::facts::actors(store, &d.id)?);
            Ok(NewDoc {
                seq: d.seq,
                id: d.id.clone(),
                profile,
            })
        })
        .collect()
}

/// A document's own date (metadata, or inferred by the pipeline) wins over the one the
/// profile finds in its text.
pub fn with_published_date(profile: &mut Profile, published: Option<&str>) {
    if let Some(day) = published.and_then(parse_day) {
        profile.date = Some(day);
    }
}

/// Computes what stored documents lack — vectors first (documents stored while no model
/// was available), then stories for documents in none — in batches, calling
/// `progress(done, total)` after each. Returns how many documents got vectors.
pub fn reindex(
    store: &mut dyn Store,
    derive: &mut Derive<'_>,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<usize> {
    let missing = store.docs_without_vector(INDEX_VECTOR)?;
    let mut done = 0;
    for ids in missing.chunks(REINDEX_BATCH) {
        let mut docs = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(doc) = store.get(id)? {
                docs.push(DocText::of(&doc));
            }
        }
        encode_and_store(store, &derive.encoders, derive.cache_dir.as_deref(), &docs)?;
        done += docs.len();
        progress(done, missing.len());
    }
    assign_pending(store, derive)?;
    Ok(done)
}

/// Assigns the stored documents that have vectors but no story yet (a crash between a
/// batch's vectors and its stories, or vectors computed by `reindex`), in ingest order.
/// Their mentions must be linked already: ingest links every batch it stores, and `reindex`
/// links what an interrupted ingest left first.
pub fn assign_pending(store: &mut dyn Store, derive: &mut Derive<'_>) -> Result<usize> {
    let Some(assigner) = derive.stories.as_deref_mut() else {
        return Ok(0);
    };
    let pending = store.docs_without_story()?;
    let mut n = 0;
    for batch in pending.chunks(REINDEX_BATCH) {
        let mut docs = Vec::new();
        for (_, id) in batch {
            if store.vectors(id, INDEX_VECTOR)?.is_none() {
                continue;
            }
            if let Some(doc) = store.get(id)? {
                docs.push(DocText::of(&doc));
            }
        }
        let profiles = stored_profiles(store, &derive.encoders, &docs)?;
        n += profiles.len();
        assigner.assign(store, profiles)?;
    }
    assigner.save(store)?;
    Ok(n)
}

/// Profiles of stored documents from their text and stored vectors (no encoding).
fn stored_profiles(
    store: &dyn Store,
    encoders: &[&dyn Encoder],
    docs: &[DocText],
) -> Result<Vec<NewDoc>> {
    let names: Vec<&'static str> = encoders.iter().map(|e| e.name()).collect();
    docs.iter()
        .map(|d| {
            Ok(NewDoc {
                seq: d.seq,
                id: d.id.clone(),
                profile: stored_profile(store, &names, d)?,
            })
        })
        .collect()
}

/// The profile of a stored document, exactly as [`encode_and_store`] made it at ingest:
/// from its text and the vectors stored under each encoder's name.
pub fn stored_profile(
    store: &dyn Store,
    encoders: &[&'static str],
    d: &DocText,
) -> Result<Profile> {
    let mut profile = Profile::new(&d.title, &d.body, d.lang.as_deref());
    with_published_date(&mut profile, d.published.as_deref());
    profile.actors = Some(crate::facts::actors(store, &d.id)?);
    for &name in encoders {
        let one = |part: &str| -> Result<Option<Vec<Vec<f32>>>> {
            store.vectors(&d.id, &vector_name(name, part))
        };
        let Some(doc) = one("doc")?.and_then(|v| v.into_iter().next()) else {
            continue;
        };
        profile.vectors.insert(
            name,
            crate::similarity::DocVectors {
                doc,
                title: one("title")?.and_then(|v| v.into_iter().next()),
                chunks: one("chunks")?.unwrap_or_default(),
                full: one("full")?.and_then(|v| v.into_iter().next()),
            },
        );
    }
    Ok(profile)
}

/// Little-endian f32 bytes, the stored form of a vector.
pub fn to_bytes(v: &[f32]) -> Vec<u8> {
    v.iter().flat_map(|x| x.to_le_bytes()).collect()
}

/// The inverse of [`to_bytes`]; `None` when the length is not a multiple of 4.
pub fn from_bytes(bytes: &[u8]) -> Option<Vec<f32>> {
    if !bytes.len().is_multiple_of(4) {
        return None;
    }
    Some(
        bytes
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_round_trip() {
        let v = vec![0.25f32, -1.5, 3.0e-7, f32::MAX];
        let b = to_bytes(&v);
        assert_eq!(b.len(), 16);
        assert_eq!(&b[..4], &0.25f32.to_le_bytes());
        assert_eq!(from_bytes(&b).unwrap(), v);
        assert_eq!(from_bytes(&b[..5]), None);
    }

    #[test]
    fn cosine_of_known_vectors() {
        assert!((cosine(&[1.0, 0.0], &[1.0, 0.0]) - 1.0).abs() < 1e-6);
        assert!(cosine(&[1.0, 0.0], &[0.0, 2.0]).abs() < 1e-6);
        assert!((cosine(&[1.0, 1.0], &[-1.0, -1.0]) + 1.0).abs() < 1e-6);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 0.0]), 0.0);
        assert_eq!(cosine(&[1.0], &[1.0, 0.0]), 0.0);
    }
}
