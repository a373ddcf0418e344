//! Stories in the SQLite store: the `stories` table (both levels; a merged story keeps its
//! row with `merged_into` set, which is its redirect) and the `story` / `storyline` columns of
//! `documents`. Listings are computed from the documents at read time, so they can never
//! disagree with the assignments.

use std::collections::{BTreeSet, HashMap};

use rusqlite::{OptionalExtension, params};

use super::sqlite::{SqliteStore, append_entry, now_rfc3339};
use crate::Result;
use crate::stories::{self, Level, StoryOp, StoryRow, StoryState, StorySummary, StoryUpdate};

fn level_from(s: &str) -> Level {
    if s == "storyline" {
        Level::Storyline
    } else {
        Level::Event
    }
}

impl SqliteStore {
    pub(super) fn load_story_state(&self) -> Result<StoryState> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, level, founded, storyline, merged_into FROM stories ORDER BY founded, id",
        )?;
        let stories = stmt
            .query_map([], |r| {
                Ok(StoryRow {
                    id: r.get(0)?,
                    level: level_from(&r.get::<_, String>(1)?),
                    founded: r.get(2)?,
                    storyline: r.get(3)?,
                    merged_into: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, id, story FROM documents WHERE story IS NOT NULL ORDER BY seq",
        )?;
        let assigned = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(StoryState { stories, assigned })
    }

    pub(super) fn apply_story_update(&mut self, update: &StoryUpdate) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let at = now_rfc3339();
        for op in &update.ops {
            match op {
                StoryOp::Create(row) => {
                    tx.prepare_cached(
                        "INSERT INTO stories (id, level, founded, storyline, merged_into, updated)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                         ON CONFLICT(id) DO UPDATE SET storyline = excluded.storyline,
                             merged_into = excluded.merged_into, updated = excluded.updated",
                    )?
                    .execute(params![
                        row.id,
                        row.level.as_str(),
                        row.founded,
                        row.storyline,
                        row.merged_into,
                        at
                    ])?;
                }
                StoryOp::Assign {
                    doc,
                    event,
                    storyline,
                } => {
                    tx.prepare_cached(
                        "UPDATE documents SET story = ?1, storyline = ?2 WHERE id = ?3",
                    )?
                    .execute(params![event, storyline, doc])?;
                    tx.prepare_cached("UPDATE stories SET updated = ?1 WHERE id IN (?2, ?3)")?
                        .execute(params![at, event, storyline])?;
                }
                StoryOp::Merge(m) => {
                    tx.prepare_cached(
                        "UPDATE stories SET merged_into = ?1, updated = ?2 WHERE id = ?3",
                    )?
                    .execute(params![m.into, at, m.from])?;
                    tx.prepare_cached("UPDATE stories SET updated = ?1 WHERE id = ?2")?
                        .execute(params![at, m.into])?;
                    let column = match m.level {
                        Level::Event => "story",
                        Level::Storyline => "storyline",
                    };
                    tx.execute(
                        &format!("UPDATE documents SET {column} = ?1 WHERE {column} = ?2"),
                        params![m.into, m.from],
                    )?;
                    if m.level == Level::Storyline {
                        tx.prepare_cached(
                            "UPDATE stories SET storyline = ?1 WHERE storyline = ?2",
                        )?
                        .execute(params![m.into, m.from])?;
                    }
                    let detail = serde_json::json!({
                        "level": m.level.as_str(), "into": m.into, "by": m.by,
                    })
                    .to_string();
                    append_entry(&tx, &at, "merge", &m.from, &detail)?;
                }
                StoryOp::Split(split) => {
                    tx.prepare_cached("UPDATE stories SET updated = ?1 WHERE id IN (?2, ?3)")?
                        .execute(params![at, split.from, split.into])?;
                    let detail =
                        serde_json::json!({"level": "event", "into": split.into, "by": split.by})
                            .to_string();
                    append_entry(&tx, &at, "split", &split.from, &detail)?;
                }
            }
        }
        for (story, doc) in &update.central {
            tx.prepare_cached("UPDATE stories SET central_doc = ?1 WHERE id = ?2")?
                .execute(params![doc, story])?;
        }
        tx.commit()?;
        Ok(())
    }

    pub(super) fn story_summaries(&self, level: Level) -> Result<Vec<StorySummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id FROM stories WHERE level = ?1 AND merged_into IS NULL ORDER BY founded, id",
        )?;
        let ids: Vec<String> = stmt
            .query_map([level.as_str()], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(s) = self.summary_of_live(&id)? {
                out.push(s);
            }
        }
        Ok(out)
    }

    pub(super) fn story_summary(&self, id: &str) -> Result<Option<StorySummary>> {
        let mut id = id.to_string();
        // Redirects only point to older stories, so the chain ends; the bound guards against
        // a hand-edited cycle.
        for _ in 0..1000 {
            let next: Option<Option<String>> = self
                .conn
                .prepare_cached("SELECT merged_into FROM stories WHERE id = ?1")?
                .query_row([&id], |r| r.get(0))
                .optional()?;
            match next {
                None => return Ok(None),
                Some(None) => return self.summary_of_live(&id),
                Some(Some(into)) => id = into,
            }
        }
        Err(crate::Error::Corrupt(format!(
            "story {id} redirects in a cycle"
        )))
    }

    fn summary_of_live(&self, id: &str) -> Result<Option<StorySummary>> {
        let row: Option<(String, Option<String>, String)> = self
            .conn
            .prepare_cached("SELECT level, central_doc, updated FROM stories WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((level, central, updated)) = row else {
            return Ok(None);
        };
        let level = level_from(&level);
        let column = match level {
            Level::Event => "story",
            Level::Storyline => "storyline",
        };
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT id, lang, published, ingested_at, source, url FROM documents
             WHERE {column} = ?1 ORDER BY seq"
        ))?;
        type Member = (
            String,
            Option<String>,
            Option<String>,
            String,
            String,
            Option<String>,
        );
        let members: Vec<Member> = stmt
            .query_map([id], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut langs: HashMap<String, usize> = HashMap::new();
        let mut sources = BTreeSet::new();
        // Dates the documents state (or the pipeline inferred); ingest days only when none has
        // one, so one undated report does not stretch a 2020 story to today.
        let (mut dated, mut ingested) = (BTreeSet::new(), BTreeSet::new());
        for (_, lang, published, ingested_at, source, url) in &members {
            if let Some(l) = lang {
                *langs.entry(l.clone()).or_default() += 1;
            }
            sources.insert(stories::source_key(source, url.as_deref()));
            match published.as_deref().and_then(|p| p.get(..10)) {
                Some(day) => dated.insert(day.to_string()),
                None => ingested.insert(ingested_at.get(..10).unwrap_or("").to_string()),
            };
        }
        let days = if dated.is_empty() { ingested } else { dated };
        let mut langs: Vec<(String, usize)> = langs.into_iter().collect();
        langs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let events = match level {
            Level::Event => None,
            Level::Storyline => {
                let mut stmt = self.conn.prepare_cached(
                    "SELECT id FROM stories WHERE level = 'event' AND storyline = ?1
                     AND merged_into IS NULL ORDER BY founded, id",
                )?;
                Some(
                    stmt.query_map([id], |r| r.get(0))?
                        .collect::<rusqlite::Result<Vec<String>>>()?,
                )
            }
        };
        let central = central.or_else(|| members.first().map(|m| m.0.clone()));
        let title = match central {
            Some(doc) => {
                use super::Store;
                self.get(&doc)?.as_ref().and_then(stories::headline)
            }
            None => None,
        };
        Ok(Some(StorySummary {
            id: id.to_string(),
            level,
            title,
            n_docs: members.len(),
            docs: members.into_iter().map(|m| m.0).collect(),
            events,
            langs: langs.into_iter().map(|(l, _)| l).collect(),
            n_sources: sources.len(),
            first_seen: days.first().cloned(),
            last_seen: days.last().cloned(),
            updated,
        }))
    }
}
