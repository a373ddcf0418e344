//! Filling in the entity ids of one document's mentions, for the engine at ingest.

use crate::names::{DocContext, EntityTable, MentionInput};
use crate::{Detail, Document, Fact};

/// Links `doc`'s mention facts through `table` (gazetteer mentions keep their key's id) and
/// writes each one's `entity` and `confidence`. `event` is the document's story, if known.
pub fn link_mentions(
    table: &mut EntityTable,
    facts: &mut [Fact],
    doc: &Document,
    event: Option<&str>,
) {
    let mentions: Vec<(usize, MentionInput)> = facts
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
            };
            (i, input)
        })
        .collect();
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
