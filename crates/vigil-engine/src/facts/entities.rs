//! Entity ids for mentions. After a batch is stored (and its stories assigned), the person,
//! organisation and place mentions of every document not yet linked go through
//! `vigil_facts::mentions::link_mentions` and its entity table, in ingest order; the store
//! keeps the table one row per entity, and each mention's entity id and confidence beside its
//! fact.
//!
//! "Not yet linked" is read from the store (mentions whose entity is NULL), so a crash between
//! storing a batch and linking it, or facts re-extracted by `reindex`, are caught up by the
//! next run through this same path.

use std::collections::BTreeSet;

use vigil_facts::mentions::{NameVectors, link_mentions};
use vigil_facts::names::{Entity, EntityTable};
use vigil_facts::{Detail, Document};

use crate::similarity::Encoder;
use crate::store::{EntityLink, EntityRow, Store};
use crate::{Error, Result};

/// The encoder whose vectors link organisation and place names to their translations
/// (`vigil_facts::names::meaning`): the Universal Sentence Encoder, whose vectors of a short
/// name sit close to its translations and apart from other bodies' names, where e5's put
/// every short name of a body near every other (measured in the README).
pub const NAME_ENCODER: &str = "use";

/// Links every stored mention that has no entity yet; returns how many mentions were linked.
/// With [`NAME_ENCODER`] among `encoders`, names of organisations and places also link to
/// their translations.
pub fn link_pending(store: &mut dyn Store, encoders: &[&dyn Encoder]) -> Result<usize> {
    let pending = store.docs_with_unlinked_mentions()?;
    if pending.is_empty() {
        return Ok(0);
    }
    let mut table = load(store)?;
    let name_encoder = encoders
        .iter()
        .find(|e| e.name() == NAME_ENCODER && e.ready().is_ok());
    let encode = |names: &[&str]| match name_encoder {
        Some(e) => e.encode(names),
        None => Vec::new(),
    };
    let vectors: Option<NameVectors> = name_encoder.map(|_| &encode as NameVectors);
    let mut links = Vec::new();
    let mut touched = BTreeSet::new();
    for id in &pending {
        let Some(doc) = store.get(id)? else { continue };
        let mut facts = store.facts(Some(id), None)?;
        let view = Document {
            text: &doc.text,
            lang: doc.lang.as_deref(),
            paragraphs: doc
                .paragraphs
                .iter()
                .map(|p| (p.start, p.end, p.lang.as_deref()))
                .collect(),
            ..Document::default()
        };
        // No event context: ingest links a report's mentions before assigning it (who it
        // names is evidence for its event), so a refresh links without the event too and
        // gives what a fresh ingest in the same order would.
        link_mentions(&mut table, &mut facts, &view, None, vectors);
        for (n, fact) in facts.iter().enumerate() {
            if let Detail::Person(m) | Detail::Organization(m) | Detail::Place(m) = &fact.detail
                && let Some(entity) = m.entity.as_ref().filter(|e| !e.is_empty())
            {
                touched.insert(entity.clone());
                links.push(EntityLink {
                    doc: id.clone(),
                    n,
                    entity: entity.clone(),
                    confidence: m.confidence.unwrap_or(0.0),
                });
            }
        }
    }
    let rows = touched
        .iter()
        .filter_map(|id| table.get(id))
        .map(row)
        .collect::<Result<Vec<_>>>()?;
    store.put_entities(&rows, &links)?;
    Ok(links.len())
}

fn load(store: &dyn Store) -> Result<EntityTable> {
    let entities = store
        .entities()?
        .into_iter()
        .map(|r| {
            serde_json::from_str::<Entity>(&r.record)
                .map_err(|e| Error::Corrupt(format!("entity {}: {e}", r.id)))
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(EntityTable::from_entities(entities))
}

fn row(e: &Entity) -> Result<EntityRow> {
    Ok(EntityRow {
        id: e.id.clone(),
        kind: e.kind,
        record: serde_json::to_string(e).map_err(|e| Error::Corrupt(e.to_string()))?,
        mentions: e.mentions as i64,
    })
}
