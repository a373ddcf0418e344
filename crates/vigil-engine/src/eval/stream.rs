//! Evaluations that score stories run the documents through `vigil ingest`'s own code path:
//! a JSON Lines file of `{"text","lang"}` ingested into a temporary store, in order, with the
//! same encoders and assigner, so the figure is what a user of `vigil ingest` would get.

use std::io::Write;
use std::path::Path;

use super::EvalError;
use crate::ingest::{self, Input, Observer};
use crate::similarity::Profile;
use crate::store::{SqliteStore, Store};
use crate::stories::{Assigner, ExactIndex, NeighborIndex};
use crate::vectors::{Derive, DocText, Encoder, stored_profile};

/// One document of the stream: its text and, when the data gives it, its language.
#[derive(Debug, Clone)]
pub struct StreamDoc<'a> {
    pub text: &'a str,
    pub lang: Option<&'a str>,
}

/// What ingest made of each document of the stream, by position.
#[derive(Debug, Clone)]
pub struct StreamRun {
    /// The event and storyline of each document.
    pub stories: Vec<(String, String)>,
    /// Each document's profile as the assigner saw it (from the stored document), for the
    /// evaluation's baselines and for fitting the event model on exactly what ingest computes.
    pub profiles: Vec<Profile>,
    /// Milliseconds the assigner took to place each document (`Assigner::place_ms`).
    pub place_ms: Vec<f64>,
}

struct Quiet {
    failed: Vec<String>,
}

impl Observer for Quiet {
    fn stored(&mut self, _source: &str, _outcome: &crate::document::PutOutcome) {}
    fn failed(&mut self, input: &str, problem: &str) {
        self.failed.push(format!("{input}: {problem}"));
    }
}

/// Ingests `docs` in order into a temporary store and returns their stories and profiles.
/// A document that could not be stored or assigned fails the evaluation (naming it).
pub fn ingest_stream(
    docs: &[StreamDoc<'_>],
    encoders: &[&dyn Encoder],
    cache_dir: Option<&Path>,
    path: &Path,
) -> Result<StreamRun, EvalError> {
    let io = |source: std::io::Error| EvalError::Io {
        path: path.to_path_buf(),
        source,
    };
    let engine = |e: crate::Error| io(std::io::Error::other(e.to_string()));
    let dir = tempfile_dir().map_err(io)?;
    let file = dir.join("stream.jsonl");
    {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&file).map_err(io)?);
        for d in docs {
            let line = serde_json::json!({"text": d.text, "lang": d.lang});
            writeln!(out, "{line}").map_err(io)?;
        }
        out.flush().map_err(io)?;
    }
    let mut store = SqliteStore::open(&dir.join("vigil.db")).map_err(engine)?;
    let indexes = encoders
        .iter()
        .map(|e| {
            (
                e.name(),
                Box::new(ExactIndex::new()) as Box<dyn NeighborIndex>,
            )
        })
        .collect();
    let mut assigner = Assigner::open(&store, indexes).map_err(engine)?;
    let derive = Derive {
        encoders: encoders.to_vec(),
        stories: Some(&mut assigner),
        cache_dir: cache_dir.map(Path::to_path_buf),
    };
    let mut quiet = Quiet { failed: Vec::new() };
    ingest::ingest_with(
        &mut store,
        &[Input::Path(file.clone())],
        vigil_text::input::Limits::default(),
        &mut quiet,
        Some(derive),
    )
    .map_err(engine)?;
    let prefix = format!("{}:", file.display());
    let mut by_line: Vec<Option<(String, String, Profile)>> = vec![None; docs.len()];
    let names: Vec<&'static str> = encoders.iter().map(|e| e.name()).collect();
    for d in store.documents().map_err(engine)? {
        let line = d
            .source
            .strip_prefix(&prefix)
            .and_then(|n| n.parse::<usize>().ok());
        let (Some(line), Some(story), Some(storyline)) = (line, d.story, d.storyline) else {
            continue;
        };
        let Some(stored) = store.get(&d.id).map_err(engine)? else {
            continue;
        };
        let profile = stored_profile(&store, &names, &DocText::of(&stored)).map_err(engine)?;
        if let Some(slot) = by_line.get_mut(line.wrapping_sub(1)) {
            *slot = Some((story, storyline, profile));
        }
    }
    drop(store);
    let _ = std::fs::remove_dir_all(&dir);
    let mut run = StreamRun {
        stories: Vec::with_capacity(docs.len()),
        profiles: Vec::with_capacity(docs.len()),
        place_ms: assigner.place_ms().to_vec(),
    };
    for (i, slot) in by_line.into_iter().enumerate() {
        let Some((story, storyline, profile)) = slot else {
            let why = quiet
                .failed
                .first()
                .cloned()
                .unwrap_or_else(|| "no story".into());
            return Err(io(std::io::Error::other(format!(
                "document {} of the stream was not assigned ({why})",
                i + 1
            ))));
        };
        run.stories.push((story, storyline));
        run.profiles.push(profile);
    }
    Ok(run)
}

/// A fresh private directory under the system's temporary directory.
fn tempfile_dir() -> std::io::Result<std::path::PathBuf> {
    let base = std::env::temp_dir();
    for attempt in 0..100u32 {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let dir = base.join(format!(
            "vigil-eval-{}-{nanos}-{attempt}",
            std::process::id()
        ));
        match std::fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(std::io::Error::other("cannot create a temporary directory"))
}
