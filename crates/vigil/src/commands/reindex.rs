//! `vigil reindex`: computes the vectors that stored documents lack.

use std::io::Write;
use std::path::Path;

use vigil_engine::store::SqliteStore;
use vigil_engine::vectors::{self, Embedder};

use super::Status;
use crate::model::LazyE5;
use crate::output::json_line;

pub fn run(store: &mut SqliteStore, data_dir: &Path, json: bool) -> anyhow::Result<Status> {
    let e5 = LazyE5::new(data_dir);
    // Nothing to do never needs the model.
    let pending = vigil_engine::store::Store::docs_without_vector(store, e5.model())?.len();
    if pending > 0 {
        e5.ready().map_err(anyhow::Error::msg)?;
    }
    let n = vectors::reindex(store, &e5, &mut |done, total| {
        eprintln!("vigil: {done}/{total} vectors");
    })?;
    let mut out = std::io::stdout().lock();
    if json {
        json_line(&mut out, &serde_json::json!({"vectors": n}))?;
    } else {
        writeln!(out, "{n} vectors computed")?;
    }
    Ok(Status::Ok)
}
