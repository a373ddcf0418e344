//! Where the shared seeds and evaluation data are (`../shared` beside the repository): one
//! answer for every crate's tests, so a checkout elsewhere (a git worktree) sets one variable.

use std::path::PathBuf;

/// The shared folder: `VIGIL_SHARED_DIR` (or the older `VIGIL_SHARED`) when set, else
/// `shared` beside the repository. It may not exist.
pub fn shared_dir() -> PathBuf {
    std::env::var_os("VIGIL_SHARED_DIR")
        .or_else(|| std::env::var_os("VIGIL_SHARED"))
        .map_or_else(
            || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
            PathBuf::from,
        )
}

/// `path` under the shared folder; `None`, with a message saying what is skipped, when it is
/// absent (the only case a test that needs it may skip).
pub fn shared(path: &str) -> Option<PathBuf> {
    let p = shared_dir().join(path);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent (needs ../shared)", p.display());
        None
    }
}
