//! `vigil model fetch`: the e5 model into the data directory's cache, with its path and SHA-256.

use std::io::Write;
use std::path::Path;

use vigil_model::fetch::{E5_SHA256, sha256_file};

use super::Status;
use crate::cli::ModelCommand;
use crate::output::json_line;

pub fn run(data_dir: &Path, what: ModelCommand) -> anyhow::Result<Status> {
    match what {
        ModelCommand::Fetch { json } => {
            let path = crate::model::e5_path(data_dir)?;
            // The cache only ever holds a checked file; an override is the user's and is only
            // reported, so that a deliberately different file can still be used.
            let sha = sha256_file(&path)?;
            if sha != E5_SHA256 {
                eprintln!(
                    "vigil: warning: {} has SHA-256 {sha}, not the pinned {E5_SHA256}",
                    path.display()
                );
            }
            let mut out = std::io::stdout().lock();
            if json {
                json_line(
                    &mut out,
                    &serde_json::json!({"path": path, "sha256": sha, "pinned": sha == E5_SHA256}),
                )?;
            } else {
                writeln!(out, "{}\nsha256 {sha}", path.display())?;
            }
            Ok(Status::Ok)
        }
    }
}
