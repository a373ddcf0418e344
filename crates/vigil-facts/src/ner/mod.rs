//! Statistical named-entity recognition for names the gazetteer lacks: people, organisations
//! and places in running text, for the languages a model has been trained for.
//!
//! This is the interface the mention extractor calls; the trained models land with the NER
//! work (see the crate README). Until a language has a model, it finds nothing there.

use crate::Kind;

/// A name found in text: `start..end` are byte offsets into the text passed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameSpan {
    pub start: usize,
    pub end: usize,
    /// `Person`, `Organization` or `Place`.
    pub kind: Kind,
}

/// The names in `text`, written in `lang` (ISO 639-1), in order and without overlaps.
pub fn find_names(text: &str, lang: Option<&str>) -> Vec<NameSpan> {
    let _ = (text, lang);
    Vec::new()
}
