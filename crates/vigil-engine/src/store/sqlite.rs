//! The embedded default store: one SQLite database in WAL mode.
//!
//! Raw bytes are stored once per SHA-256; documents reference them. Every write runs in one
//! `BEGIN IMMEDIATE` transaction together with its audit entries, so a killed process leaves
//! either the whole batch or none of it, and two processes writing at once take turns.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension, Row, params};

use vigil_facts::{Fact, Kind};

use super::{EntityLink, EntityRow, Store};
use crate::audit::{self, Broken, Entry};
use crate::document::{DocSummary, NewDocument, PutOutcome, StoredDocument};
use crate::ids::sha256_hex;
use crate::stories::{Level, StoryState, StorySummary, StoryUpdate};
use crate::vectors;
use crate::{Error, Result};

/// Bumped when the schema changes; opening a newer store with an older binary is refused.
/// 2: the `vectors` table (a version-1 store gains it on open: `CREATE TABLE IF NOT EXISTS`).
/// 3: vectors keyed by (document, name); the `stories` and `meta` tables.
/// 4: the `facts` and `entities` tables and `documents.facts_version`.
const SCHEMA_VERSION: i64 = 4;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS raw (
    sha256 TEXT PRIMARY KEY,
    bytes  BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    seq                INTEGER PRIMARY KEY AUTOINCREMENT,
    id                 TEXT NOT NULL UNIQUE,
    source             TEXT NOT NULL,
    sha256             TEXT NOT NULL REFERENCES raw(sha256),
    format             TEXT NOT NULL,
    encoding           TEXT,
    url                TEXT,
    title              TEXT,
    author             TEXT,
    lang               TEXT,
    published          TEXT,
    published_inferred INTEGER NOT NULL,
    content_id         TEXT NOT NULL,
    credit             TEXT,
    text               TEXT NOT NULL,
    removed            TEXT NOT NULL,
    paragraphs         TEXT NOT NULL,
    ingested_at        TEXT NOT NULL,
    previous_version   TEXT REFERENCES documents(id),
    story              TEXT,
    storyline          TEXT,
    copy_of            TEXT,
    copy_kind          TEXT,
    facts_version      INTEGER
);
CREATE INDEX IF NOT EXISTS documents_source ON documents(source, seq);
CREATE INDEX IF NOT EXISTS documents_content ON documents(content_id);
CREATE TABLE IF NOT EXISTS audit_log (
    seq       INTEGER PRIMARY KEY,
    at        TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL,
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS vectors (
    doc_id TEXT NOT NULL REFERENCES documents(id),
    model  TEXT NOT NULL,
    dim    INT NOT NULL,
    vector BLOB NOT NULL,
    PRIMARY KEY (doc_id, model)
);
CREATE TABLE IF NOT EXISTS stories (
    id          TEXT PRIMARY KEY,
    level       TEXT NOT NULL,
    founded     INTEGER NOT NULL,
    storyline   TEXT,
    merged_into TEXT,
    central_doc TEXT,
    updated     TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_level ON stories(level, founded);
CREATE INDEX IF NOT EXISTS documents_story ON documents(story);
CREATE INDEX IF NOT EXISTS documents_storyline ON documents(storyline);
CREATE TABLE IF NOT EXISTS meta (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS facts (
    doc_id      TEXT NOT NULL REFERENCES documents(id),
    n           INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    subject_key TEXT,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    fact        TEXT NOT NULL,
    entity      TEXT,
    confidence  REAL,
    PRIMARY KEY (doc_id, n)
);
CREATE INDEX IF NOT EXISTS facts_kind ON facts(kind, subject_key);
CREATE INDEX IF NOT EXISTS facts_entity ON facts(entity);
CREATE TABLE IF NOT EXISTS entities (
    id       TEXT PRIMARY KEY,
    kind     TEXT NOT NULL,
    record   TEXT NOT NULL,
    mentions INTEGER NOT NULL
);
";

/// A store in one SQLite file.
pub struct SqliteStore {
    pub(super) conn: Connection,
}

impl SqliteStore {
    /// Opens (creating if needed) the store at `path` (the `vigil.db` of a data directory).
    pub fn open(path: &Path) -> Result<SqliteStore> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        // WAL: readers never block the writer and a killed writer loses only its open
        // transaction. synchronous=NORMAL is durable against process crashes (the case the
        // kill test checks); only a power cut may lose the last commits, never consistency.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if version > SCHEMA_VERSION {
            return Err(Error::User(format!(
                "{} was written by a newer Vigil (schema {version}, this one knows {SCHEMA_VERSION})",
                path.display()
            )));
        }
        if version == 2 {
            // Version 2 keyed vectors by document alone; 3 keys them by (document, name) so
            // a document can hold several (title, paragraphs, a second encoder).
            conn.execute_batch(
                "BEGIN;
                 ALTER TABLE vectors RENAME TO vectors_v2;
                 CREATE TABLE vectors (
                     doc_id TEXT NOT NULL REFERENCES documents(id),
                     model  TEXT NOT NULL,
                     dim    INT NOT NULL,
                     vector BLOB NOT NULL,
                     PRIMARY KEY (doc_id, model)
                 );
                 INSERT INTO vectors SELECT doc_id, model, dim, vector FROM vectors_v2;
                 DROP TABLE vectors_v2;
                 COMMIT;",
            )?;
        }
        if (1..4).contains(&version) && !has_column(&conn, "documents", "facts_version")? {
            // Facts came with version 4: older documents have none until `vigil reindex`
            // extracts them (a NULL `facts_version`).
            conn.execute_batch("ALTER TABLE documents ADD COLUMN facts_version INTEGER;")?;
        }
        conn.execute_batch(SCHEMA)?;
        conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
        Ok(SqliteStore { conn })
    }

    /// An in-memory store, for tests and evaluation runs.
    pub fn in_memory() -> Result<SqliteStore> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch(SCHEMA)?;
        Ok(SqliteStore { conn })
    }
}

fn has_column(conn: &Connection, table: &str, column: &str) -> Result<bool> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))?;
    let names = stmt.query_map([], |r| r.get::<_, String>(0))?;
    for name in names {
        if name? == column {
            return Ok(true);
        }
    }
    Ok(false)
}

/// What an audit entry records about a stored document, so `verify` can notice a document
/// rewritten behind the store's back.
fn document_detail(doc: &NewDocument, previous: Option<&str>) -> String {
    serde_json::json!({
        "source": doc.source,
        "sha256": doc.sha256,
        "content_id": doc.content_id,
        "text_blake3": blake3_hex(&doc.text),
        "previous_version": previous,
    })
    .to_string()
}

fn blake3_hex(s: &str) -> String {
    blake3::hash(s.as_bytes()).to_hex().to_string()
}

pub(super) fn append_entry(
    tx: &rusqlite::Transaction<'_>,
    at: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> Result<()> {
    let last: Option<(i64, String)> = tx
        .query_row(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let (seq, prev) = match last {
        Some((s, h)) => (s + 1, h),
        None => (1, audit::GENESIS.to_string()),
    };
    let hash = audit::entry_hash(&prev, seq, at, action, subject, detail);
    tx.execute(
        "INSERT INTO audit_log (seq, at, action, subject, detail, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![seq, at, action, subject, detail, prev, hash],
    )?;
    Ok(())
}

pub(super) fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

const DOC_COLUMNS: &str = "id, seq, source, sha256, format, encoding, url, title, author, lang,
    published, published_inferred, content_id, credit, text, removed, paragraphs, ingested_at,
    previous_version, story, storyline, copy_of, copy_kind";

fn stored_from_row(r: &Row<'_>) -> rusqlite::Result<StoredDocument> {
    let json_col = |i: usize| -> rusqlite::Result<String> { r.get(i) };
    let removed: String = json_col(15)?;
    let paragraphs: String = json_col(16)?;
    let bad_json = |i, e: serde_json::Error| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    };
    Ok(StoredDocument {
        id: r.get(0)?,
        seq: r.get(1)?,
        source: r.get(2)?,
        sha256: r.get(3)?,
        format: r.get(4)?,
        encoding: r.get(5)?,
        url: r.get(6)?,
        title: r.get(7)?,
        author: r.get(8)?,
        lang: r.get(9)?,
        published: r.get(10)?,
        published_inferred: r.get(11)?,
        content_id: r.get(12)?,
        credit: r.get(13)?,
        text: r.get(14)?,
        removed: serde_json::from_str(&removed).map_err(|e| bad_json(15, e))?,
        paragraphs: serde_json::from_str(&paragraphs).map_err(|e| bad_json(16, e))?,
        ingested_at: r.get(17)?,
        previous_version: r.get(18)?,
        story: r.get(19)?,
        storyline: r.get(20)?,
        copy_of: r.get(21)?,
        copy_kind: r.get(22)?,
    })
}

impl Store for SqliteStore {
    fn facts(&self, doc: Option<&str>, kind: Option<Kind>) -> Result<Vec<Fact>> {
        match doc {
            Some(doc) => self.doc_facts(doc, kind),
            None => self.all_facts(kind),
        }
    }

    fn put_facts(&mut self, doc: &str, facts: &[Fact], version: i64) -> Result<()> {
        self.replace_doc_facts(doc, facts, version)
    }

    fn docs_with_stale_facts(&self, version: i64) -> Result<Vec<String>> {
        SqliteStore::docs_with_stale_facts(self, version)
    }

    fn docs_with_unlinked_mentions(&self) -> Result<Vec<String>> {
        self.unlinked_mention_docs()
    }

    fn clear_entities(&mut self) -> Result<()> {
        self.conn.execute_batch(
            "BEGIN; DELETE FROM entities; UPDATE facts SET entity = NULL, confidence = NULL
             WHERE entity IS NOT NULL; COMMIT;",
        )?;
        Ok(())
    }

    fn entities(&self) -> Result<Vec<EntityRow>> {
        self.entity_rows()
    }

    fn put_entities(&mut self, entities: &[EntityRow], links: &[EntityLink]) -> Result<()> {
        self.write_entities(entities, links)
    }

    fn put_batch(&mut self, docs: &[NewDocument]) -> Result<Vec<PutOutcome>> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let mut outcomes = Vec::with_capacity(docs.len());
        for doc in docs {
            let exists: bool = tx
                .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
                .exists([&doc.id])?;
            if exists {
                outcomes.push(PutOutcome::Unchanged { id: doc.id.clone() });
                continue;
            }
            let previous: Option<String> = tx
                .prepare_cached(
                    "SELECT id FROM documents WHERE source = ?1 ORDER BY seq DESC LIMIT 1",
                )?
                .query_row([&doc.source], |r| r.get(0))
                .optional()?;
            let at = now_rfc3339();
            tx.prepare_cached("INSERT OR IGNORE INTO raw (sha256, bytes) VALUES (?1, ?2)")?
                .execute(params![doc.sha256, doc.raw])?;
            let removed =
                serde_json::to_string(&doc.removed).map_err(|e| Error::Corrupt(e.to_string()))?;
            let paragraphs = serde_json::to_string(&doc.paragraphs)
                .map_err(|e| Error::Corrupt(e.to_string()))?;
            tx.prepare_cached(
                "INSERT INTO documents (id, source, sha256, format, encoding, url, title, author,
                    lang, published, published_inferred, content_id, credit, text, removed,
                    paragraphs, ingested_at, previous_version, facts_version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16,
                    ?17, ?18, ?19)",
            )?
            .execute(params![
                doc.id,
                doc.source,
                doc.sha256,
                doc.format,
                doc.encoding,
                doc.url,
                doc.title,
                doc.author,
                doc.lang,
                doc.published,
                doc.published_inferred,
                doc.content_id,
                doc.credit,
                doc.text,
                removed,
                paragraphs,
                at,
                previous,
                crate::facts::FACTS_VERSION,
            ])?;
            let action = if previous.is_some() {
                "version"
            } else {
                "ingest"
            };
            let detail = document_detail(doc, previous.as_deref());
            append_entry(&tx, &at, action, &doc.id, &detail)?;
            super::sqlite_facts::insert_facts(&tx, &doc.id, &doc.facts)?;
            outcomes.push(match previous {
                Some(previous) => PutOutcome::NewVersion {
                    id: doc.id.clone(),
                    previous,
                },
                None => PutOutcome::Added { id: doc.id.clone() },
            });
        }
        tx.commit()?;
        Ok(outcomes)
    }

    fn contains(&self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
            .exists([id])?)
    }

    fn get(&self, id: &str) -> Result<Option<StoredDocument>> {
        let sql = format!("SELECT {DOC_COLUMNS} FROM documents WHERE id = ?1");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], stored_from_row)
            .optional()?)
    }

    fn documents(&self) -> Result<Vec<DocSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, seq, source, title, lang, published, published_inferred, story,
                    storyline, copy_of, copy_kind
             FROM documents ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(DocSummary {
                id: r.get(0)?,
                seq: r.get(1)?,
                source: r.get(2)?,
                title: r.get(3)?,
                lang: r.get(4)?,
                published: r.get(5)?,
                published_inferred: r.get(6)?,
                story: r.get(7)?,
                storyline: r.get(8)?,
                copy_of: r.get(9)?,
                copy_kind: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn versions(&self, source: &str) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE source = ?1 ORDER BY seq")?;
        let rows = stmt.query_map([source], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn raw(&self, sha256: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .prepare_cached("SELECT bytes FROM raw WHERE sha256 = ?1")?
            .query_row([sha256], |r| r.get(0))
            .optional()?)
    }

    fn log(&self) -> Result<Vec<Entry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, at, action, subject, detail, prev_hash, hash FROM audit_log ORDER BY seq",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Entry {
                seq: r.get(0)?,
                at: r.get(1)?,
                action: r.get(2)?,
                subject: r.get(3)?,
                detail: r.get(4)?,
                prev_hash: r.get(5)?,
                hash: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn verify(&self) -> Result<Result<u64, Broken>> {
        let entries = self.log()?;
        let n = match audit::verify(entries.iter().cloned()) {
            Ok(n) => n,
            Err(broken) => return Ok(Err(broken)),
        };
        // The chain is intact; now check each document against the last entry about it.
        let mut last_entry = std::collections::HashMap::new();
        for e in &entries {
            if e.action == "ingest" || e.action == "version" {
                last_entry.insert(e.subject.as_str(), e);
            }
        }
        let mut stmt = self
            .conn
            .prepare("SELECT d.id, d.sha256, d.text, r.bytes FROM documents d JOIN raw r USING (sha256) ORDER BY d.seq")?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: String = r.get(0)?;
            let sha: String = r.get(1)?;
            let text: String = r.get(2)?;
            let bytes: Vec<u8> = r.get(3)?;
            let Some(entry) = last_entry.get(id.as_str()) else {
                return Ok(Err(Broken {
                    seq: 0,
                    problem: format!("document {id} has no audit entry"),
                }));
            };
            let detail: serde_json::Value =
                serde_json::from_str(&entry.detail).unwrap_or(serde_json::Value::Null);
            let problem = if sha256_hex(&bytes) != sha {
                Some("its raw bytes no longer match their SHA-256")
            } else if detail["sha256"] != serde_json::Value::String(sha.clone()) {
                Some("its SHA-256 differs from the one the log recorded")
            } else if detail["text_blake3"] != serde_json::Value::String(blake3_hex(&text)) {
                Some("its text differs from the text the log recorded")
            } else {
                None
            };
            if let Some(problem) = problem {
                return Ok(Err(Broken {
                    seq: entry.seq,
                    problem: format!("document {id}: {problem}"),
                }));
            }
        }
        Ok(Ok(n))
    }

    fn put_vectors(&mut self, model: &str, vectors: &[(&str, &[Vec<f32>])]) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        for (id, vs) in vectors {
            let dim = vs.first().map_or(0, Vec::len);
            if vs.iter().any(|v| v.len() != dim) {
                return Err(Error::Corrupt(format!(
                    "vectors {model} of {id} differ in length"
                )));
            }
            let bytes: Vec<u8> = vs.iter().flat_map(|v| vectors::to_bytes(v)).collect();
            tx.prepare_cached(
                "INSERT OR REPLACE INTO vectors (doc_id, model, dim, vector) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![id, model, dim as i64, bytes])?;
        }
        tx.commit()?;
        Ok(())
    }

    fn vectors(&self, id: &str, model: &str) -> Result<Option<Vec<Vec<f32>>>> {
        let row: Option<(i64, Vec<u8>)> = self
            .conn
            .prepare_cached("SELECT dim, vector FROM vectors WHERE doc_id = ?1 AND model = ?2")?
            .query_row([id, model], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?;
        let Some((dim, bytes)) = row else {
            return Ok(None);
        };
        let dim = usize::try_from(dim).unwrap_or(0);
        match vectors::from_bytes(&bytes) {
            Some(flat) if dim > 0 && flat.len().is_multiple_of(dim) => {
                Ok(Some(flat.chunks_exact(dim).map(<[f32]>::to_vec).collect()))
            }
            Some(flat) if flat.is_empty() => Ok(Some(Vec::new())),
            _ => Err(Error::Corrupt(format!(
                "vectors {model} of {id} have {} bytes for {dim} dimensions",
                bytes.len()
            ))),
        }
    }

    fn docs_without_vector(&self, model: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id FROM documents d LEFT JOIN vectors v ON v.doc_id = d.id AND v.model = ?1
             WHERE v.doc_id IS NULL ORDER BY d.seq",
        )?;
        let rows = stmt.query_map([model], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn doc_at(&self, seq: i64) -> Result<Option<StoredDocument>> {
        let sql = format!("SELECT {DOC_COLUMNS} FROM documents WHERE seq = ?1");
        Ok(self
            .conn
            .prepare_cached(&sql)?
            .query_row([seq], stored_from_row)
            .optional()?)
    }

    fn docs_without_story(&self) -> Result<Vec<(i64, String)>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT seq, id FROM documents WHERE story IS NULL ORDER BY seq")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn story_state(&self) -> Result<StoryState> {
        self.load_story_state()
    }

    fn put_stories(&mut self, update: &StoryUpdate) -> Result<()> {
        self.apply_story_update(update)
    }

    fn stories(&self, level: Level) -> Result<Vec<StorySummary>> {
        self.story_summaries(level)
    }

    fn story(&self, id: &str) -> Result<Option<StorySummary>> {
        self.story_summary(id)
    }

    fn meta(&self, name: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM meta WHERE name = ?1")?
            .query_row([name], |r| r.get(0))
            .optional()?)
    }

    fn put_meta(&mut self, name: &str, value: &[u8]) -> Result<()> {
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO meta (name, value) VALUES (?1, ?2)")?
            .execute(params![name, value])?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::document_id;

    fn doc(source: &str, text: &str) -> NewDocument {
        let raw = text.as_bytes().to_vec();
        let sha256 = sha256_hex(&raw);
        NewDocument {
            id: document_id(source, &sha256),
            source: source.to_string(),
            sha256,
            raw,
            format: "text",
            encoding: Some("UTF-8"),
            url: None,
            title: None,
            author: None,
            lang: None,
            published: None,
            published_inferred: false,
            content_id: blake3_hex(text),
            credit: None,
            text: text.to_string(),
            removed: Vec::new(),
            paragraphs: Vec::new(),
            facts: Vec::new(),
        }
    }

    const AR: &str = "اعتمد مجلس حقوق الإنسان قرارا بشأن بيلاروسيا بأغلبية 23 صوتا.";
    const ZH: &str = "安全理事会就白俄罗斯人权状况举行了会议。";

    #[test]
    fn reingesting_changes_nothing() {
        let mut s = SqliteStore::in_memory().unwrap();
        let first = s.put_batch(&[doc("a.txt", AR)]).unwrap();
        assert!(matches!(first[0], PutOutcome::Added { .. }));
        let again = s.put_batch(&[doc("a.txt", AR)]).unwrap();
        assert!(matches!(again[0], PutOutcome::Unchanged { .. }));
        assert_eq!(s.documents().unwrap().len(), 1);
        assert_eq!(s.log().unwrap().len(), 1);
    }

    #[test]
    fn same_text_from_another_source_is_a_second_document() {
        let mut s = SqliteStore::in_memory().unwrap();
        s.put_batch(&[doc("a.txt", AR), doc("b.txt", AR)]).unwrap();
        let docs = s.documents().unwrap();
        assert_eq!(docs.len(), 2);
        assert_ne!(docs[0].id, docs[1].id);
        // Raw bytes are stored once.
        let n: i64 = s
            .conn
            .query_row("SELECT count(*) FROM raw", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 1);
    }

    #[test]
    fn changed_bytes_from_the_same_source_are_a_new_version() {
        let mut s = SqliteStore::in_memory().unwrap();
        let v1 = s.put_batch(&[doc("https://example.org/x", ZH)]).unwrap();
        let edited = format!("{ZH}会议由爱沙尼亚主持。");
        let v2 = s
            .put_batch(&[doc("https://example.org/x", &edited)])
            .unwrap();
        match &v2[0] {
            PutOutcome::NewVersion { previous, .. } => assert_eq!(previous, v1[0].id()),
            other => panic!("expected a new version, got {other:?}"),
        }
        let versions = s.versions("https://example.org/x").unwrap();
        assert_eq!(
            versions,
            vec![v1[0].id().to_string(), v2[0].id().to_string()]
        );
        let stored = s.get(v2[0].id()).unwrap().unwrap();
        assert_eq!(stored.previous_version.as_deref(), Some(v1[0].id()));
        assert_eq!(
            s.get(v1[0].id()).unwrap().unwrap().text,
            ZH,
            "old version kept"
        );
        let log = s.log().unwrap();
        assert_eq!(
            log.iter().map(|e| e.action.as_str()).collect::<Vec<_>>(),
            ["ingest", "version"]
        );
    }

    #[test]
    fn verify_names_an_edited_log_entry() {
        let mut s = SqliteStore::in_memory().unwrap();
        s.put_batch(&[doc("a", AR), doc("b", ZH), doc("c", "Minsk, 14 September.")])
            .unwrap();
        assert_eq!(s.verify().unwrap(), Ok(3));
        s.conn
            .execute(
                "UPDATE audit_log SET subject = 'doc_forged' WHERE seq = 2",
                [],
            )
            .unwrap();
        assert_eq!(s.verify().unwrap().unwrap_err().seq, 2);
    }

    #[test]
    fn verify_notices_a_document_rewritten_behind_the_store() {
        let mut s = SqliteStore::in_memory().unwrap();
        s.put_batch(&[doc("a", AR), doc("b", ZH)]).unwrap();
        s.conn
            .execute(
                "UPDATE documents SET text = 'rewritten' WHERE source = 'b'",
                [],
            )
            .unwrap();
        let broken = s.verify().unwrap().unwrap_err();
        assert_eq!(broken.seq, 2);
        assert!(broken.problem.contains("text"), "{}", broken.problem);
    }

    #[test]
    fn vectors_are_stored_replaced_and_not_logged() {
        let mut s = SqliteStore::in_memory().unwrap();
        let out = s.put_batch(&[doc("a", AR), doc("b", ZH)]).unwrap();
        let (a, b) = (out[0].id(), out[1].id());
        assert_eq!(s.docs_without_vector("m").unwrap(), vec![a, b]);
        s.put_vectors("m", &[(a, &[vec![0.5, -0.25, 1.0]][..])])
            .unwrap();
        assert_eq!(
            s.vectors(a, "m").unwrap(),
            Some(vec![vec![0.5, -0.25, 1.0]])
        );
        assert_eq!(s.vectors(b, "m").unwrap(), None);
        assert_eq!(s.docs_without_vector("m").unwrap(), vec![b]);
        // A vector of another name does not count for this one, and both are kept.
        assert_eq!(s.docs_without_vector("other").unwrap(), vec![a, b]);
        let chunks = vec![vec![1.0, 0.0], vec![0.0, 1.0], vec![0.5, 0.5]];
        s.put_vectors("other", &[(a, &chunks[..])]).unwrap();
        assert_eq!(s.vectors(a, "other").unwrap(), Some(chunks));
        s.put_vectors("m", &[(a, &[vec![1.0, 0.0, 0.0]][..])])
            .unwrap();
        assert_eq!(s.vectors(a, "m").unwrap(), Some(vec![vec![1.0, 0.0, 0.0]]));
        assert!(
            s.put_vectors("m", &[(a, &[vec![1.0], vec![1.0, 2.0]][..])])
                .is_err(),
            "ragged vectors are refused"
        );
        assert_eq!(s.log().unwrap().len(), 2, "vector writes are not logged");
        assert_eq!(s.verify().unwrap(), Ok(2));
    }

    #[test]
    fn older_stores_are_migrated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vigil.db");
        {
            let mut old = SqliteStore::open(&path).unwrap();
            old.put_batch(&[doc("a", AR)]).unwrap();
            old.conn.execute_batch("DROP TABLE vectors").unwrap();
            old.conn.pragma_update(None, "user_version", 1).unwrap();
        }
        let mut s = SqliteStore::open(&path).unwrap();
        let version: i64 = s
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let id = s.documents().unwrap()[0].id.clone();
        assert_eq!(s.docs_without_vector("m").unwrap(), vec![id.clone()]);
        s.put_vectors("m", &[(id.as_str(), &[vec![1.0f32]][..])])
            .unwrap();
        assert!(s.vectors(&id, "m").unwrap().is_some());
        assert_eq!(s.verify().unwrap(), Ok(1));
        // A version-2 store (vectors keyed by document alone) keeps its vectors.
        s.conn
            .execute_batch(
                "DROP TABLE vectors;
                 CREATE TABLE vectors (doc_id TEXT PRIMARY KEY REFERENCES documents(id),
                     model TEXT NOT NULL, dim INT NOT NULL, vector BLOB NOT NULL);",
            )
            .unwrap();
        s.conn
            .execute(
                "INSERT INTO vectors VALUES (?1, 'old', 1, ?2)",
                params![id, vectors::to_bytes(&[2.0])],
            )
            .unwrap();
        s.conn.pragma_update(None, "user_version", 2).unwrap();
        drop(s);
        let mut s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.vectors(&id, "old").unwrap(), Some(vec![vec![2.0]]));
        s.put_vectors("new", &[(id.as_str(), &[vec![3.0f32]][..])])
            .unwrap();
        assert_eq!(s.vectors(&id, "old").unwrap(), Some(vec![vec![2.0]]));
    }

    #[test]
    fn facts_are_stored_with_their_document_and_older_stores_get_them_on_reindex() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vigil.db");
        let text = "Le Conseil a adopté la résolution par 23 voix contre 2.";
        let tally = text.find("23").unwrap()..text.find('.').unwrap();
        let mut d = doc("fr", text);
        let mut vote = vigil_facts::Fact::new(
            vigil_facts::Detail::Vote(vigil_facts::Vote {
                in_favour: Some(23),
                against: Some(2),
                ..Default::default()
            }),
            text,
            tally.start,
            tally.end,
        );
        vote.unit = Some(vigil_facts::Unit::Vote);
        d.facts = vec![vote.clone()];
        {
            let mut s = SqliteStore::open(&path).unwrap();
            s.put_batch(&[d.clone(), doc("ar", AR)]).unwrap();
            let stored = s.facts(Some(&d.id), None).unwrap();
            vote.doc = d.id.clone();
            assert_eq!(stored, vec![vote.clone()]);
            assert_eq!(stored[0].text, text[stored[0].start..stored[0].end]);
            assert!(
                s.docs_with_stale_facts(crate::facts::FACTS_VERSION)
                    .unwrap()
                    .is_empty()
            );
            // As a version-3 store left it: no facts column, no facts.
            s.conn
                .execute_batch(
                    "DELETE FROM facts; ALTER TABLE documents DROP COLUMN facts_version;",
                )
                .unwrap();
            s.conn.pragma_update(None, "user_version", 3).unwrap();
        }
        let s = SqliteStore::open(&path).unwrap();
        assert_eq!(
            s.docs_with_stale_facts(crate::facts::FACTS_VERSION)
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            s.facts(None, Some(vigil_facts::Kind::Vote)).unwrap(),
            Vec::<vigil_facts::Fact>::new()
        );
    }

    #[test]
    fn a_vector_of_an_unknown_document_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = SqliteStore::open(&dir.path().join("vigil.db")).unwrap();
        assert!(
            s.put_vectors("m", &[("doc_missing", &[vec![1.0f32]][..])])
                .is_err()
        );
    }
}
