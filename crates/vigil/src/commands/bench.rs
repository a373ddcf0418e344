//! `vigil bench …`: prints a table (or JSON) of throughput figures.

use std::io::Write;

use anyhow::Context;
use vigil_engine::bench;
use vigil_engine::bench::stories::StoriesConfig;
use vigil_text::input::{self, Limits};

use super::Status;
use crate::cli::BenchCommand;
use crate::output::{Table, json_line};

pub fn run(data_dir: &std::path::Path, what: BenchCommand) -> anyhow::Result<Status> {
    match what {
        BenchCommand::Embed {
            texts,
            docs,
            stream_docs,
            venv,
        } => super::bench_embed::run(data_dir, texts, docs, stream_docs, venv),
        BenchCommand::Stories {
            docs,
            queries,
            k,
            seed,
            threshold,
            rule,
            build_threads,
            recall_sample,
            expansion,
            index_file,
            json,
        } => {
            let threads = build_threads.unwrap_or_else(|| {
                std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get)
            });
            let config = StoriesConfig {
                docs,
                queries,
                k,
                seed,
                build_threads: threads,
                recall_sample,
                expansion_search: expansion,
                index_file,
                ..StoriesConfig::default()
            };
            super::bench_stories::run(&config, threshold, rule, json)
        }
        BenchCommand::Ingest {
            docs,
            size,
            from,
            json,
        } => {
            let records = match from {
                Some(path) => read_records(&path)?,
                None => bench::synthetic(docs, size),
            };
            let dir = tempfile::tempdir()?;
            let report = bench::ingest(&records, &dir.path().join("vigil.db"))?;
            let mut out = std::io::stdout().lock();
            if json {
                json_line(&mut out, &serde_json::to_value(&report)?)?;
            } else {
                writeln!(
                    out,
                    "{} reports, {:.1} MB ({} failed), one thread",
                    report.docs,
                    report.bytes as f64 / 1e6,
                    report.failed
                )?;
                let mut t = Table::new(vec![
                    "STAGE",
                    "SECONDS",
                    "DOCS/S",
                    "MB/S",
                    "CPU-S",
                    "DOCS/CPU-S",
                ]);
                let opt = |v: Option<f64>, digits: usize| {
                    v.map_or("-".to_string(), |v| format!("{v:.digits$}"))
                };
                for r in &report.rows {
                    t.row(vec![
                        r.stage.to_string(),
                        format!("{:.3}", r.seconds),
                        format!("{:.0}", r.docs_per_s),
                        format!("{:.2}", r.mb_per_s),
                        opt(r.cpu_seconds, 3),
                        opt(r.docs_per_cpu_s, 0),
                    ]);
                }
                t.print(&mut out)?;
                let share = report.facts_share;
                writeln!(
                    out,
                    "fact extraction: {:.1}% of ingest; ingest is {:.1}% slower with it than without",
                    share * 100.0,
                    share / (1.0 - share).max(1e-9) * 100.0
                )?;
            }
            Ok(Status::Ok)
        }
    }
}

/// Every record of a file or folder, read into memory (records that fail are skipped).
fn read_records(path: &std::path::Path) -> anyhow::Result<Vec<input::Record>> {
    let files = vigil_engine::ingest::list_files(path)
        .map_err(|problem| anyhow::anyhow!("{}: {problem}", path.display()))?;
    let mut records = Vec::new();
    for f in files {
        let reader = std::io::BufReader::new(
            std::fs::File::open(&f).with_context(|| format!("{}", f.display()))?,
        );
        let name = f.display().to_string();
        records.extend(input::records(name, None, Box::new(reader), Limits::default()).flatten());
    }
    Ok(records)
}
