//! One file per command. Each returns whether everything it was asked to do succeeded.

mod bench;
mod bench_embed;
mod bench_stories;
mod docs;
mod embed;
mod entities;
mod eval;
mod eval_facts;
mod eval_names;
mod eval_ner;
mod facts;
mod ingest;
mod log;
mod model;
mod reindex;
mod show;
mod similar;
mod stories;
mod tokens;

use std::path::Path;

use anyhow::{Context, bail};
use vigil_engine::store::SqliteStore;

use crate::cli::{Cli, Command};

/// How a command ended when it could run.
pub enum Status {
    Ok,
    /// Some inputs or checks failed (already reported on stderr).
    Failed,
}

pub fn run(cli: Cli) -> anyhow::Result<Status> {
    let data_dir = cli.data_dir.as_path();
    match cli.command {
        Command::Ingest {
            inputs,
            max_bytes,
            json,
            no_vectors,
        } => {
            let mut store = open_or_create(data_dir)?;
            if no_vectors {
                return ingest::run(&mut store, &inputs, max_bytes, json, None);
            }
            let models = crate::model::ingest_encoders(data_dir);
            let encoders: Vec<&dyn vigil_engine::vectors::Encoder> = models
                .iter()
                .map(|e| e as &dyn vigil_engine::vectors::Encoder)
                .collect();
            let mut assigner = stories::open_assigner(&mut store, data_dir, &encoders)?;
            let derive = vigil_engine::vectors::Derive {
                encoders,
                stories: Some(&mut assigner),
                cache_dir: None,
            };
            ingest::run(&mut store, &inputs, max_bytes, json, Some(derive))
        }
        Command::Stories { level, json } => stories::run(&open_existing(data_dir)?, level, json),
        Command::Reindex { json } => reindex::run(&mut open_existing(data_dir)?, data_dir, json),
        Command::Model { what } => model::run(data_dir, what),
        Command::Embed { model, query, .. } => embed::run(data_dir, model, query),
        Command::Similar { a, b, model, json } => similar::run(data_dir, &a, &b, model, json),
        Command::Docs { json } => docs::run(&open_existing(data_dir)?, json),
        Command::Show { id, json } => show::run(&open_existing(data_dir)?, &id, json),
        Command::Facts {
            doc,
            story,
            kind,
            json,
        } => facts::run(
            &open_existing(data_dir)?,
            doc.as_deref(),
            story.as_deref(),
            kind.as_deref(),
            json,
        ),
        Command::Entities { json } => entities::run(&open_existing(data_dir)?, json),
        Command::Tokens { id, json } => tokens::run(&open_existing(data_dir)?, &id, json),
        Command::Log { verify, json } => log::run(&open_existing(data_dir)?, verify, json),
        Command::Bench { what } => bench::run(data_dir, what),
        Command::Eval { what } => eval::run(what, data_dir),
    }
}

const DB_FILE: &str = "vigil.db";

fn open_or_create(data_dir: &Path) -> anyhow::Result<SqliteStore> {
    std::fs::create_dir_all(data_dir)
        .with_context(|| format!("cannot create data directory {}", data_dir.display()))?;
    Ok(SqliteStore::open(&data_dir.join(DB_FILE))?)
}

/// Read-only commands never create a data directory: a mistyped `--data-dir` is an error, not
/// an empty listing.
fn open_existing(data_dir: &Path) -> anyhow::Result<SqliteStore> {
    let db = data_dir.join(DB_FILE);
    if !db.exists() {
        bail!(
            "no Vigil store in {} (ingest something first, or pass --data-dir)",
            data_dir.display()
        );
    }
    Ok(SqliteStore::open(&db)?)
}

/// Looks a document up, with a clear message when the id is unknown.
fn get_document(
    store: &SqliteStore,
    id: &str,
) -> anyhow::Result<vigil_engine::document::StoredDocument> {
    use vigil_engine::store::Store;
    match store.get(id)? {
        Some(doc) => Ok(doc),
        None => bail!("no document with id {id}"),
    }
}
