//! `vigil eval …`: scores printed as one JSON line.

use super::Status;
use crate::cli::EvalCommand;

pub fn run(what: EvalCommand) -> anyhow::Result<Status> {
    match what {
        EvalCommand::Extraction { dir } => {
            anyhow::bail!("eval extraction {}: not available yet", dir.display())
        }
        EvalCommand::Language { file } => {
            anyhow::bail!("eval language {}: not available yet", file.display())
        }
    }
}
