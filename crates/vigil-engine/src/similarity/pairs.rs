//! Profiles for a batch of documents: lexical parts, then every encoder's vectors (whole
//! document, title, and, when the features read them, paragraph chunks and the long document
//! vector) through the vector cache.

use super::features;
use super::profile::{self, DocVectors, Profile};
use super::vectors::CachedEncoder;

/// One document to profile.
#[derive(Debug, Clone, Copy)]
pub struct DocInput<'a> {
    pub title: &'a str,
    pub text: &'a str,
    pub lang: Option<&'a str>,
}

/// Profiles of `docs`, in order, with vectors from each encoder.
pub fn profiles(
    docs: &[DocInput<'_>],
    encoders: &mut [CachedEncoder<'_>],
) -> std::io::Result<Vec<Profile>> {
    let mut out: Vec<Profile> = docs
        .iter()
        .map(|d| Profile::new(d.title, d.text, d.lang))
        .collect();
    let whole: Vec<String> = docs
        .iter()
        .map(|d| profile::vector_text(d.title, d.text))
        .collect();
    for encoder in encoders.iter_mut() {
        let doc_vectors = encoder.encode(&whole.iter().map(String::as_str).collect::<Vec<_>>())?;
        let titled: Vec<&str> = docs
            .iter()
            .map(|d| d.title.trim())
            .filter(|t| !t.is_empty())
            .collect();
        let mut title_vectors = encoder.encode(&titled)?.into_iter();
        let chunks: Vec<Vec<String>> = if features::reads(encoder.name(), "chunk") {
            docs.iter().map(|d| profile::chunks(d.text)).collect()
        } else {
            vec![Vec::new(); docs.len()]
        };
        let flat: Vec<&str> = chunks.iter().flatten().map(String::as_str).collect();
        let mut chunk_vectors = encoder.encode(&flat)?.into_iter();
        let mut full_vectors = if features::reads(encoder.name(), "full") {
            let full: Vec<String> = docs
                .iter()
                .map(|d| profile::full_text(d.title, d.text))
                .collect();
            encoder.encode(&full.iter().map(String::as_str).collect::<Vec<_>>())?
        } else {
            Vec::new()
        }
        .into_iter();
        for ((p, d), (v, c)) in out
            .iter_mut()
            .zip(docs)
            .zip(doc_vectors.into_iter().zip(&chunks))
        {
            let title = if d.title.trim().is_empty() {
                None
            } else {
                title_vectors.next()
            };
            let chunks = chunk_vectors.by_ref().take(c.len()).collect();
            p.vectors.insert(
                encoder.name(),
                DocVectors {
                    doc: v,
                    title,
                    chunks,
                    full: full_vectors.next(),
                },
            );
        }
    }
    Ok(out)
}
