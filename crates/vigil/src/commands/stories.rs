//! `vigil stories`: events or storylines, oldest first, and the assigner ingest uses.

use std::io::Write;
use std::path::Path;

use vigil_engine::store::{SqliteStore, Store};
use vigil_engine::stories::{Assigner, HnswIndex, Level, NeighborIndex};
use vigil_engine::vectors::Encoder;

use super::Status;
use crate::cli::StoryLevel;
use crate::output::{Table, clip, json_line, or_dash};

/// The story assigner over `store`, with one HNSW index per encoder in
/// `<data-dir>/index/<store id>/<encoder>.ann`. An unreadable index file is moved aside
/// (`.corrupt`) with a warning and rebuilt from the store's vectors.
pub fn open_assigner(
    store: &mut SqliteStore,
    data_dir: &Path,
    encoders: &[&dyn Encoder],
) -> anyhow::Result<Assigner> {
    let dir = vigil_engine::stories::hnsw::index_dir(store, data_dir)?;
    let mut indexes: Vec<(&'static str, Box<dyn NeighborIndex>)> = Vec::new();
    for e in encoders {
        let path = dir.join(format!("{}.ann", e.name()));
        let index = match HnswIndex::open(&path) {
            Ok(index) => index,
            Err(problem) => {
                let aside = path.with_extension("ann.corrupt");
                eprintln!(
                    "vigil: {problem}; moved to {} and rebuilding from the store",
                    aside.display()
                );
                std::fs::rename(&path, &aside)?;
                HnswIndex::open(&path)?
            }
        };
        indexes.push((e.name(), Box::new(index)));
    }
    Ok(Assigner::open(store, indexes)?)
}

pub fn run(store: &SqliteStore, level: StoryLevel, json: bool) -> anyhow::Result<Status> {
    let level = match level {
        StoryLevel::Event => Level::Event,
        StoryLevel::Storyline => Level::Storyline,
    };
    let stories = store.stories(level)?;
    let mut out = std::io::stdout().lock();
    if json {
        for s in &stories {
            json_line(&mut out, &serde_json::to_value(s)?)?;
        }
    } else {
        let mut table = Table::new(vec!["ID", "DOCS", "LANGS", "FIRST", "LAST", "TITLE"]);
        for s in &stories {
            table.row(vec![
                s.id.clone(),
                s.n_docs.to_string(),
                clip(&s.langs.join(","), 14),
                or_dash(s.first_seen.as_deref()),
                or_dash(s.last_seen.as_deref()),
                clip(s.title.as_deref().unwrap_or("-"), 60),
            ]);
        }
        table.print(&mut out)?;
    }
    out.flush()?;
    Ok(Status::Ok)
}
