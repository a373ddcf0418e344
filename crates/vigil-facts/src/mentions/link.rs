//! Filling in the entity ids of one document's mentions, for the engine at ingest.

use crate::names::{DocContext, EntityTable, MentionInput};
use crate::{Detail, Document, Fact, Kind};

/// The vectors of names (one per name, in order) from a multilingual sentence encoder, for
/// linking names that translate ([`crate::names::meaning`]).
pub type NameVectors<'a> = &'a dyn Fn(&[&str]) -> Vec<Vec<f32>>;

/// Links `doc`'s mention facts through `table` (gazetteer mentions keep their key's id) and
/// writes each one's `entity` and `confidence`. `event` is the document's story, if known;
/// `vectors`, if given, is asked for the vectors of the organisation and place names outside
/// the gazetteer.
pub fn link_mentions(
    table: &mut EntityTable,
    facts: &mut [Fact],
    doc: &Document,
    event: Option<&str>,
    vectors: Option<NameVectors>,
) {
    let mut mentions: Vec<(usize, MentionInput)> = facts
        .iter()
        .enumerate()
        .filter(|(_, f)| f.kind().is_mention())
        .map(|(i, f)| {
            let key = f.subject_key.as_deref().filter(|k| !k.starts_with("name:"));
            let input = MentionInput {
                kind: f.kind(),
                name: f.subject.as_deref().unwrap_or(&f.text),
                lang: doc.lang_at(f.start),
                gazetteer_key: key,
                vector: None,
            };
            (i, input)
        })
        .collect();
    let translatable: Vec<usize> = (0..mentions.len())
        .filter(|&j| {
            let m = &mentions[j].1;
            m.gazetteer_key.is_none() && matches!(m.kind, Kind::Organization | Kind::Place)
        })
        .collect();
    let found: Vec<Vec<f32>> = match vectors {
        Some(encode) if !translatable.is_empty() => {
            let names: Vec<&str> = translatable.iter().map(|&j| mentions[j].1.name).collect();
            encode(&names)
        }
        _ => Vec::new(),
    };
    if found.len() == translatable.len() {
        for (&j, v) in translatable.iter().zip(&found) {
            mentions[j].1.vector = Some(v.as_slice());
        }
    }
    let inputs: Vec<MentionInput> = mentions.iter().map(|(_, m)| m.clone()).collect();
    let links = table.link_document(
        &inputs,
        &DocContext {
            event,
            gazetteer_keys: Vec::new(),
        },
    );
    let positions: Vec<usize> = mentions.iter().map(|(i, _)| *i).collect();
    for (i, link) in positions.into_iter().zip(links) {
        if let Detail::Person(m) | Detail::Organization(m) | Detail::Place(m) = &mut facts[i].detail
        {
            m.entity = Some(link.entity);
            m.confidence = Some(link.confidence);
        }
    }
}
