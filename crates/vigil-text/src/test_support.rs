//! What the crate's tests share: finding `../shared` (the seeds and evaluation data kept beside
//! the repository). Tests that need it skip, with a message, only when it is absent.

use std::path::PathBuf;

/// `path` under the shared folder: `../shared` beside the repository, or `VIGIL_SHARED_DIR`
/// (for checkouts elsewhere, such as git worktrees). `None`, with a message, when absent.
pub(crate) fn shared(path: &str) -> Option<PathBuf> {
    let root = std::env::var_os("VIGIL_SHARED_DIR").map_or_else(
        || PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
        PathBuf::from,
    );
    let p = root.join(path);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("skipped: {} is absent (needs ../shared)", p.display());
        None
    }
}

/// The text of the seed whose file name starts with `prefix` (`"003"`).
pub(crate) fn seed(prefix: &str) -> Option<String> {
    let dir = shared("seeds")?;
    let path = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })?;
    std::fs::read_to_string(path).ok()
}
