//! What the crate's tests share: the seeds and evaluation data kept beside the repository
//! ([`crate::shared_data`]). Tests that need them skip, with a message, only when absent.

pub(crate) use crate::shared_data::shared;

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
