//! Document vectors: what the engine asks of an embedding model, and what text of a document
//! it embeds.
//!
//! The engine depends on the [`Embedder`] trait only, so it builds and is tested without a
//! model; the CLI plugs in `vigil-model`'s encoder.
//!
//! Vectors are derived data (a pure function of the stored text and the model), so their
//! writes are not audit-logged: `log --verify` checks the text they are computed from, and
//! `vigil reindex` can always recompute them.

use crate::Result;
use crate::document::StoredDocument;
use crate::store::Store;

/// Documents embedded per call and stored per transaction by [`reindex`].
const REINDEX_BATCH: usize = 64;

/// The model name stored with vectors when an embedder does not say otherwise.
pub const DEFAULT_MODEL: &str = "multilingual-e5-small-q4";

/// Turns document texts into vectors.
pub trait Embedder {
    /// One vector per text, in order. Texts are documents (title, newline, body); the embedder
    /// adds whatever prefix its model was trained with (e5: `passage: `).
    fn embed(&self, texts: &[&str]) -> Vec<Vec<f32>>;

    /// The name stored with each vector, so vectors of different models are never mixed.
    fn model(&self) -> &str {
        DEFAULT_MODEL
    }

    /// Whether the model can be used, loading it on first call if the embedder is lazy. An
    /// `Err` says why not (one line); ingest then stores documents without vectors.
    fn ready(&self) -> Result<(), String> {
        Ok(())
    }
}

/// A stored vector and the model that made it.
#[derive(Debug, Clone, PartialEq)]
pub struct DocVector {
    pub model: String,
    pub vector: Vec<f32>,
}

/// The text of a document that its vector is made of: title, newline, body (body alone when
/// there is no title).
pub fn document_text(title: Option<&str>, body: &str) -> String {
    match title.filter(|t| !t.trim().is_empty()) {
        Some(t) => format!("{t}\n{body}"),
        None => body.to_string(),
    }
}

/// [`document_text`] of a stored document.
pub fn stored_text(doc: &StoredDocument) -> String {
    document_text(doc.title.as_deref(), &doc.body().text)
}

/// Computes the vectors that stored documents lack for `embedder`'s model (the model was
/// unavailable at ingest, or a crash came between a batch and its vectors), in batches,
/// calling `progress(done, total)` after each. Returns how many were stored.
pub fn reindex(
    store: &mut dyn Store,
    embedder: &dyn Embedder,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<usize> {
    let missing = store.docs_without_vector(embedder.model())?;
    let mut done = 0;
    for ids in missing.chunks(REINDEX_BATCH) {
        let mut found = Vec::with_capacity(ids.len());
        let mut texts = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(doc) = store.get(id)? {
                texts.push(stored_text(&doc));
                found.push(id.as_str());
            }
        }
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let vecs = embedder.embed(&refs);
        let pairs: Vec<(&str, &[f32])> = found
            .iter()
            .zip(&vecs)
            .map(|(id, v)| (*id, v.as_slice()))
            .collect();
        store.put_vectors(embedder.model(), &pairs)?;
        done += pairs.len();
        progress(done, missing.len());
    }
    Ok(done)
}

/// Cosine similarity; 0 when either vector is zero or their lengths differ.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    let (mut dot, mut na, mut nb) = (0f64, 0f64, 0f64);
    for (x, y) in a.iter().zip(b) {
        dot += f64::from(*x) * f64::from(*y);
        na += f64::from(*x) * f64::from(*x);
        nb += f64::from(*y) * f64::from(*y);
    }
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        (dot / (na.sqrt() * nb.sqrt())) as f32
    }
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

    #[test]
    fn document_text_joins_title_and_body() {
        assert_eq!(
            document_text(Some("台风登陆"), "气象台发布预警。"),
            "台风登陆\n气象台发布预警。"
        );
        assert_eq!(document_text(Some("  "), "body"), "body");
        assert_eq!(document_text(None, "body"), "body");
    }
}
