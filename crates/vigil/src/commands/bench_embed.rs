//! `vigil bench embed`: the e5 encoder beside the reference engine.

use std::path::{Path, PathBuf};

use super::Status;

pub fn run(
    _data_dir: &Path,
    _texts: Option<PathBuf>,
    _docs: usize,
    _stream_docs: usize,
    _venv: Option<PathBuf>,
) -> anyhow::Result<Status> {
    anyhow::bail!("not written yet")
}
