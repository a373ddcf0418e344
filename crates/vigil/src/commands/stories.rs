//! `vigil stories`: events or storylines, oldest first, and the assigner ingest uses.

use std::io::Write;
use std::path::Path;

use vigil_engine::store::{SqliteStore, Store};
use vigil_engine::stories::{Assigner, ExactIndex, Level, NeighborIndex};
use vigil_engine::vectors::Encoder;

use super::Status;
use crate::cli::StoryLevel;
use crate::output::{Table, clip, json_line, or_dash};

/// The story assigner over `store`, with the index of the data directory.
pub fn open_assigner(
    store: &SqliteStore,
    _data_dir: &Path,
    encoders: &[&dyn Encoder],
) -> anyhow::Result<Assigner> {
    let indexes = encoders
        .iter()
        .map(|e| {
            (
                e.name(),
                Box::new(ExactIndex::new()) as Box<dyn NeighborIndex>,
            )
        })
        .collect();
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
