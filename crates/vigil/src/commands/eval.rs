//! `vigil eval …`: scores printed as one JSON line.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use vigil_engine::eval;
use vigil_engine::similarity::CachedEncoder;
use vigil_engine::vectors::Encoder;

use super::Status;
use crate::cli::EvalCommand;
use crate::output::json_line;

pub fn run(what: EvalCommand, data_dir: &Path) -> anyhow::Result<Status> {
    let report = match what {
        EvalCommand::Facts { file, json, errors } => {
            return super::eval_facts::run(&file, json, errors);
        }
        EvalCommand::Extraction { dir } => serde_json::to_value(eval::extraction::evaluate(&dir)?)?,
        EvalCommand::Language { file } => serde_json::to_value(eval::language::evaluate(&file)?)?,
        EvalCommand::Names { file } => super::eval_names::evaluate(&file)?,
        EvalCommand::Ner {
            file,
            lang,
            held_out,
            no_vectors,
            json,
        } => {
            let e5 = if no_vectors {
                None
            } else {
                crate::model::e5_if_present(data_dir)
            };
            return super::eval_ner::run(&file, &lang, held_out, e5.as_deref(), json);
        }
        EvalCommand::Similarity {
            file,
            scores,
            features,
        } => {
            let models = crate::model::ingest_encoders(data_dir);
            let encoders = ready(&models)?;
            let cache = vector_cache_dir(data_dir);
            let mut encoders = encoders
                .into_iter()
                .map(|e| CachedEncoder::open(e, Some(&cache)))
                .collect::<std::io::Result<Vec<_>>>()?;
            let mut out = std::io::stdout().lock();
            if let Some(dump) = features {
                let mut w = std::io::BufWriter::new(
                    std::fs::File::create(&dump)
                        .with_context(|| format!("cannot create {}", dump.display()))?,
                );
                eval::similarity::dump_features(&file, &mut encoders, &mut w)?;
                w.flush()?;
            }
            if scores {
                for s in eval::similarity::scores(&file, &mut encoders)? {
                    json_line(&mut out, &serde_json::to_value(s)?)?;
                }
                out.flush()?;
                return Ok(Status::Ok);
            }
            serde_json::to_value(eval::similarity::evaluate(&file, &mut encoders)?)?
        }
        EvalCommand::Clusters {
            file,
            features,
            shuffle,
        } => {
            let order =
                shuffle.map_or(eval::clusters::Order::File, eval::clusters::Order::Shuffled);
            // The encoders `vigil ingest` uses: the figure is what ingest assigns.
            let models = crate::model::ingest_encoders(data_dir);
            let encoders = ready(&models)?;
            let cache = Some(vector_cache_dir(data_dir));
            let report = match features {
                Some(dump) => {
                    let mut w = std::io::BufWriter::new(
                        std::fs::File::create(&dump)
                            .with_context(|| format!("cannot create {}", dump.display()))?,
                    );
                    let report = eval::clusters::evaluate_dumping(
                        &file,
                        &encoders,
                        cache.as_deref(),
                        order,
                        Some(&mut w),
                    )?;
                    w.flush()?;
                    report
                }
                None => eval::clusters::evaluate(&file, &encoders, cache.as_deref(), order)?,
            };
            serde_json::to_value(report)?
        }
    };
    let mut out = std::io::stdout().lock();
    json_line(&mut out, &report)?;
    out.flush()?;
    Ok(Status::Ok)
}

/// The encoders ingest uses (e5 and every other one the features read), loaded (fetched
/// first when needed), so an evaluation scores what ingest computes.
fn ready(models: &[crate::model::LazyEncoder]) -> anyhow::Result<Vec<&dyn Encoder>> {
    let encoders: Vec<&dyn Encoder> = models.iter().map(|e| e as &dyn Encoder).collect();
    vigil_engine::vectors::ready(&encoders).map_err(anyhow::Error::msg)?;
    Ok(encoders)
}

/// Vectors of evaluated texts: `$XDG_CACHE_HOME/vigil`, else `~/.cache/vigil`, else the data
/// directory.
fn vector_cache_dir(data_dir: &Path) -> PathBuf {
    std::env::var_os("XDG_CACHE_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .map_or_else(|| data_dir.join("cache"), |c| c.join("vigil"))
}
