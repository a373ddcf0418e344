//! `vigil eval …`: scores printed as one JSON line.

use std::io::Write;

use vigil_engine::eval;

use super::Status;
use crate::cli::EvalCommand;
use crate::output::json_line;

pub fn run(what: EvalCommand) -> anyhow::Result<Status> {
    let report = match what {
        EvalCommand::Extraction { dir } => serde_json::to_value(eval::extraction::evaluate(&dir)?)?,
        EvalCommand::Language { file } => serde_json::to_value(eval::language::evaluate(&file)?)?,
    };
    let mut out = std::io::stdout().lock();
    json_line(&mut out, &report)?;
    out.flush()?;
    Ok(Status::Ok)
}
