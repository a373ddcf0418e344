//! `person`, `organization` and `place` mentions, with the entity ids that join them across
//! documents and scripts.
//!
//! Three sources, in the order their mentions win overlaps:
//! 1. the gazetteer (`vigil_text::gazetteer`): countries, cities and UN bodies in every
//!    language, keyed (`country:BY`, `org:unhrc`) and so already linked (the entity id is a
//!    hash of the key);
//! 2. the trained NER (`crate::ner`) for the languages that have a model (Arabic, Chinese);
//! 3. cue words: capitalised runs in Latin, Cyrillic and Greek script (`capitalised.rs`),
//!    and titles before names in Thai (`thai.rs`).
//!
//! Names outside the gazetteer get a name key (`name:` and the romanisation) as
//! `subject_key`; their entity id comes from the [`EntityTable`](crate::names::EntityTable)
//! when the engine stores the document ([`link_mentions`]).

mod capitalised;
mod cues;
mod link;
#[cfg(test)]
mod tests;
mod thai;

pub use link::link_mentions;

use vigil_text::gazetteer;

use crate::names::{gazetteer_entity_id, name_key};
use crate::ner::{NameSpan, TokenVectors, find_names};
use crate::{Detail, Document, Extractor, Fact, Kind, Mention};

/// The mention extractor.
pub struct Mentions;

impl Extractor for Mentions {
    fn extract(&self, doc: &Document, out: &mut Vec<Fact>) {
        extract_with_vectors(doc, None, out);
    }
}

/// The mentions of `doc`, as [`Mentions`] finds them, with the encoder's token states of the
/// whole of `doc.text` (spans into it) for the NER models that take them: what the engine
/// calls when it has run the encoder over the document anyway.
pub fn extract_with_vectors(doc: &Document, vectors: Option<&TokenVectors>, out: &mut Vec<Fact>) {
    let text = doc.text;
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for place in gazetteer::find(text) {
        if inside_compound(text, place.start, place.end) {
            continue;
        }
        let kind = match place.kind {
            gazetteer::Kind::Org => Kind::Organization,
            gazetteer::Kind::Country | gazetteer::Kind::City => Kind::Place,
        };
        let mention = Mention {
            entity: Some(gazetteer_entity_id(place.key)),
            confidence: Some(1.0),
        };
        let mut fact = Fact::new(detail(kind, mention), text, place.start, place.end);
        fact.subject = Some(fact.text.clone());
        fact.subject_key = Some(place.key.to_string());
        out.push(fact);
        taken.push((place.start, place.end));
    }
    let mut names = model_names(doc, vectors);
    names.retain(|n| !overlaps(&taken, n));
    taken.extend(names.iter().map(|n| (n.start, n.end)));
    let mut cued = capitalised::find(text, doc.lang, &taken);
    cued.extend(thai::find(text, &taken));
    cued.retain(|n| !overlaps(&taken, n));
    names.extend(cued);
    for name in names {
        let mut fact = Fact::new(
            detail(name.kind, Mention::default()),
            text,
            name.start,
            name.end,
        );
        fact.subject = Some(fact.text.clone());
        fact.subject_key = Some(name_key(&fact.text));
        out.push(fact);
    }
}

fn detail(kind: Kind, mention: Mention) -> Detail {
    match kind {
        Kind::Person => Detail::Person(mention),
        Kind::Organization => Detail::Organization(mention),
        _ => Detail::Place(mention),
    }
}

/// A gazetteer name hyphenated to a capitalised word is part of a longer name: "Ungern" (Hungary
/// in Swedish) in "Ungern-Sternberg".
fn inside_compound(text: &str, start: usize, end: usize) -> bool {
    let mut after = text[end..].chars();
    let mut before = text[..start].chars().rev();
    let joined_after = after.next() == Some('-') && after.next().is_some_and(char::is_uppercase);
    let joined_before =
        before.next() == Some('-') && before.next().is_some_and(char::is_alphabetic);
    joined_after || joined_before
}

fn overlaps(taken: &[(usize, usize)], name: &NameSpan) -> bool {
    taken.iter().any(|&(s, e)| name.start < e && s < name.end)
}

/// The trained model's names, paragraph by paragraph in each paragraph's language.
fn model_names(doc: &Document, vectors: Option<&TokenVectors>) -> Vec<NameSpan> {
    let whole = [(0, doc.text.len(), doc.lang)];
    let paragraphs: &[(usize, usize, Option<&str>)] = if doc.paragraphs.is_empty() {
        &whole
    } else {
        &doc.paragraphs
    };
    let mut names = Vec::new();
    for &(start, end, lang) in paragraphs {
        let Some(slice) = doc.text.get(start..end) else {
            continue;
        };
        let part = vectors.map(|v| v.slice(start, end));
        for name in find_names(slice, lang.or(doc.lang), part.as_ref()) {
            if matches!(name.kind, Kind::Person | Kind::Organization | Kind::Place) {
                names.push(NameSpan {
                    start: name.start + start,
                    end: name.end + start,
                    kind: name.kind,
                });
            }
        }
    }
    names
}
