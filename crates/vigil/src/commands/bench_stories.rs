//! `vigil bench stories`: prints the story-assignment benchmark as a table (or JSON).

use std::io::Write;

use vigil_engine::bench::stories::{
    self, Assigner, CosineAssigner, RegroupAssigner, StoriesConfig,
};

use super::Status;
use crate::cli::BenchRule;
use crate::output::{Table, json_line};

pub fn run(
    config: &StoriesConfig,
    threshold: f32,
    rule: BenchRule,
    json: bool,
) -> anyhow::Result<Status> {
    let (mut regroup, mut join);
    let (assigner, described): (&mut dyn Assigner, &str) = match rule {
        BenchRule::Regroup => {
            regroup = RegroupAssigner::new(config.k, threshold);
            (&mut regroup, "regroup by average cosine linkage")
        }
        BenchRule::Join => {
            join = CosineAssigner {
                k: config.k,
                threshold,
            };
            (&mut join, "join the best event by cosine")
        }
    };
    eprintln!(
        "building a store of {} synthetic reports ({} threads)…",
        config.docs, config.build_threads
    );
    let r = stories::stories(config, assigner, &mut |line| eprintln!("{line}"))?;
    let mut out = std::io::stdout().lock();
    if json {
        json_line(&mut out, &serde_json::to_value(&r)?)?;
        return Ok(Status::Ok);
    }
    writeln!(
        out,
        "{} stored reports ({}-d, {} planted events), {} new reports, K={}, stand-in assigner \
         ({described}, ≥ {threshold})",
        r.docs, r.dims, r.events_planted, r.queries, r.k
    )?;
    let mut t = Table::new(vec!["MEASURE", "VALUE"]);
    let mut row = |name: &str, value: String| t.row(vec![name.to_string(), value]);
    row(
        "index build",
        match (r.build_seconds, r.build_docs_per_s) {
            (Some(s), Some(rate)) => {
                format!("{s:.1} s, {rate:.0} docs/s ({} threads)", r.build_threads)
            }
            _ => "loaded from --index-file".to_string(),
        },
    );
    row("search candidates", r.expansion_search.to_string());
    row("assign p50", format!("{:.3} ms", r.assign_ms.p50));
    row("assign p90", format!("{:.3} ms", r.assign_ms.p90));
    row("assign p99", format!("{:.3} ms", r.assign_ms.p99));
    row("assign max", format!("{:.3} ms", r.assign_ms.max));
    row("assign mean", format!("{:.3} ms", r.assign_ms.mean));
    row("index memory", format!("{:.0} MB", r.index_mb));
    row(
        "peak RSS",
        r.peak_rss_mb
            .map_or("-".to_string(), |mb| format!("{mb:.0} MB")),
    );
    row(
        &format!("recall@{}", r.k),
        format!("{:.4} ({} queries)", r.recall_at_k, r.recall_sample),
    );
    row("to planted event", format!("{:.4}", r.assigned_to_planted));
    row("events started", r.events_started.to_string());
    t.print(&mut out)?;
    Ok(Status::Ok)
}
