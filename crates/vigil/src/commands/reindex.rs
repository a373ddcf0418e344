//! `vigil reindex`: extracts the facts, and computes the vectors and stories, that stored
//! documents lack (facts also when an older Vigil extracted them).

use std::io::Write;
use std::path::Path;

use vigil_engine::store::{SqliteStore, Store};
use vigil_engine::stories::assign::INDEX_VECTOR;
use vigil_engine::vectors::{self, Derive, Encoder};

use super::Status;
use crate::model::ingest_encoders;
use crate::output::json_line;

pub fn run(store: &mut SqliteStore, data_dir: &Path, json: bool) -> anyhow::Result<Status> {
    let encoders = ingest_encoders(data_dir);
    let encoders: Vec<&dyn Encoder> = encoders.iter().map(|e| e as &dyn Encoder).collect();
    let refreshed = vigil_engine::facts::refresh(store, &encoders)?;
    if refreshed > 0 {
        eprintln!("vigil: facts extracted again for {refreshed} documents");
    }
    // Mentions an interrupted ingest left unlinked, before any story is assigned: who a
    // report names is evidence for its event.
    vigil_engine::facts::link_pending(store, &encoders)?;
    // Nothing to do never needs a model.
    let pending = store.docs_without_vector(INDEX_VECTOR)?.len();
    let unassigned = store.docs_without_story()?.len();
    if pending + unassigned > 0 {
        vectors::ready(&encoders).map_err(anyhow::Error::msg)?;
    }
    // Documents without vectors were stored without the models: their names are found and
    // linked again with them before their stories are assigned (who a report names is
    // evidence for its event).
    let without_models = store.docs_without_vector(INDEX_VECTOR)?;
    let renamed = vigil_engine::facts::catch_up_names(store, &encoders, &without_models)?;
    if renamed > 0 {
        eprintln!("vigil: names found again with the encoder for {renamed} documents");
    }
    let mut assigner = super::stories::open_assigner(store, data_dir, &encoders)?;
    let mut derive = Derive {
        encoders,
        stories: Some(&mut assigner),
        cache_dir: None,
    };
    let n = vectors::reindex(store, &mut derive, &mut |done, total| {
        eprintln!("vigil: {done}/{total} vectors");
    })?;
    let mut out = std::io::stdout().lock();
    if json {
        json_line(
            &mut out,
            &serde_json::json!({"vectors": n, "facts": refreshed}),
        )?;
    } else {
        writeln!(out, "{n} vectors computed")?;
    }
    Ok(Status::Ok)
}
