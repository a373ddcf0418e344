//! Facts and entities in the SQLite store.
//!
//! A fact is stored as its JSON with the columns queries filter on (kind, subject key,
//! entity) beside it. Entity ids are columns, not part of the JSON, because they are decided
//! after the document is stored (linking needs the other documents) and may be revised.

use rusqlite::{Transaction, params};
use vigil_facts::{Detail, Fact, Kind};

use super::sqlite::SqliteStore;
use crate::{Error, Result};

/// A stored entity: what the linker keeps about it (`record`, its own JSON) plus the columns
/// listings need.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityRow {
    pub id: String,
    pub kind: Kind,
    pub record: String,
    pub mentions: i64,
}

/// The entity a stored fact (document, position) links to, with the link's confidence.
#[derive(Debug, Clone, PartialEq)]
pub struct EntityLink {
    pub doc: String,
    pub n: usize,
    pub entity: String,
    pub confidence: f32,
}

pub(super) fn insert_facts(tx: &Transaction<'_>, doc_id: &str, facts: &[Fact]) -> Result<()> {
    let mut stmt = tx.prepare_cached(
        "INSERT INTO facts (doc_id, n, kind, subject_key, start, end, fact, entity, confidence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    for (n, fact) in facts.iter().enumerate() {
        let mut bare = fact.clone();
        bare.doc = String::new();
        // Entity ids are the linker's to give, with the entity table's counts and context, even
        // where the extractor already knows one (a gazetteer key's): NULL marks "not linked".
        if let Detail::Person(m) | Detail::Organization(m) | Detail::Place(m) = &mut bare.detail {
            m.entity = None;
            m.confidence = None;
        }
        let json = serde_json::to_string(&bare).map_err(|e| Error::Corrupt(e.to_string()))?;
        stmt.execute(params![
            doc_id,
            n as i64,
            fact.kind().as_str(),
            fact.subject_key,
            fact.start as i64,
            fact.end as i64,
            json,
            None::<String>,
            None::<f64>,
        ])?;
    }
    Ok(())
}

fn fact_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Fact> {
    let doc: String = r.get(0)?;
    let json: String = r.get(1)?;
    let entity: Option<String> = r.get(2)?;
    let confidence: Option<f64> = r.get(3)?;
    let mut fact: Fact = serde_json::from_str(&json).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(1, rusqlite::types::Type::Text, Box::new(e))
    })?;
    fact.doc = doc;
    if let Detail::Person(m) | Detail::Organization(m) | Detail::Place(m) = &mut fact.detail {
        m.entity = entity;
        m.confidence = confidence.map(|c| c as f32);
    }
    Ok(fact)
}

impl SqliteStore {
    /// The facts of document `doc` (in text order), of one kind if given.
    pub(super) fn doc_facts(&self, doc: &str, kind: Option<Kind>) -> Result<Vec<Fact>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT doc_id, fact, entity, confidence FROM facts
             WHERE doc_id = ?1 AND (?2 IS NULL OR kind = ?2) ORDER BY n",
        )?;
        let rows = stmt.query_map(params![doc, kind.map(Kind::as_str)], fact_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every fact, in document then text order, of one kind if given.
    pub(super) fn all_facts(&self, kind: Option<Kind>) -> Result<Vec<Fact>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT f.doc_id, f.fact, f.entity, f.confidence FROM facts f
             JOIN documents d ON d.id = f.doc_id
             WHERE (?1 IS NULL OR f.kind = ?1) ORDER BY d.seq, f.n",
        )?;
        let rows = stmt.query_map(params![kind.map(Kind::as_str)], fact_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Replaces a document's facts with `facts`, extracted by extraction `version`.
    pub(super) fn replace_doc_facts(
        &mut self,
        doc: &str,
        facts: &[Fact],
        version: i64,
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM facts WHERE doc_id = ?1", [doc])?;
        insert_facts(&tx, doc, facts)?;
        tx.execute(
            "UPDATE documents SET facts_version = ?2 WHERE id = ?1",
            params![doc, version],
        )?;
        tx.commit()?;
        Ok(())
    }

    /// Documents whose facts are missing or came from an older extraction, oldest first.
    pub(super) fn docs_with_stale_facts(&self, version: i64) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM documents WHERE facts_version IS NULL OR facts_version < ?1
             ORDER BY seq",
        )?;
        let rows = stmt.query_map([version], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(super) fn unlinked_mention_docs(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id FROM documents d
             WHERE EXISTS (SELECT 1 FROM facts f WHERE f.doc_id = d.id AND f.entity IS NULL
                           AND f.kind IN ('person', 'organization', 'place'))
             ORDER BY d.seq",
        )?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    pub(super) fn entity_rows(&self) -> Result<Vec<EntityRow>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id, kind, record, mentions FROM entities ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            let kind: String = r.get(1)?;
            Ok((r.get(0)?, kind, r.get(2)?, r.get(3)?))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, kind, record, mentions): (String, String, String, i64) = row?;
            let kind = Kind::parse(&kind)
                .ok_or_else(|| Error::Corrupt(format!("entity {id} has kind {kind:?}")))?;
            out.push(EntityRow {
                id,
                kind,
                record,
                mentions,
            });
        }
        Ok(out)
    }

    /// Writes changed entities and the links of mentions to them, in one transaction.
    pub(super) fn write_entities(
        &mut self,
        entities: &[EntityRow],
        links: &[EntityLink],
    ) -> Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut put = tx.prepare_cached(
                "INSERT OR REPLACE INTO entities (id, kind, record, mentions) VALUES (?1, ?2, ?3, ?4)",
            )?;
            for e in entities {
                put.execute(params![e.id, e.kind.as_str(), e.record, e.mentions])?;
            }
            let mut link = tx.prepare_cached(
                "UPDATE facts SET entity = ?3, confidence = ?4 WHERE doc_id = ?1 AND n = ?2",
            )?;
            for l in links {
                link.execute(params![
                    l.doc,
                    l.n as i64,
                    l.entity,
                    f64::from(l.confidence)
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
}
