//! Throughput of the USE encoder on whole news articles, next to the reference package and
//! the e5 encoder.
//!
//! `cargo run --release -p vigil-model --example use_bench -- [--docs N] [--e5 M]
//!  [--reference /path/to/venv/bin/python] [--data dev.jsonl]`
//!
//! Articles (title + newline + body) come from the SemEval-2022 task 8 dev set under
//! `../shared` (read only, never copied). `--reference` runs `scripts/bench_use_reference.py`
//! with that Python on the same texts and compares the vectors; `--e5 M` times e5 passages on
//! the first M articles.

use std::io::Write;
use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use vigil_model::{E5, Use};

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (na * nb)
}

/// CPU seconds this process has used (all threads): on a shared machine the wall clock says
/// more about the neighbours than about the code, so rates are given per CPU second too.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which ends with ')'): utime and stime are 12th and 13th.
    let rest = stat.rsplit(')').next().unwrap_or("");
    let f: Vec<f64> = rest
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    (f.get(11).copied().unwrap_or(0.0) + f.get(12).copied().unwrap_or(0.0)) / 100.0
}

/// Wall and CPU seconds of `f`.
fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, f64) {
    let (t, c) = (Instant::now(), cpu_seconds());
    let out = f();
    (out, t.elapsed().as_secs_f64(), cpu_seconds() - c)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let docs: usize = opt("--docs").map_or(Ok(300), |s| s.parse())?;
    let e5_docs: usize = opt("--e5").map_or(Ok(0), |s| s.parse())?;
    let data = opt("--data").map_or_else(
        || {
            PathBuf::from(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/../../../shared/data/semeval2022-task8/dev.jsonl"
            ))
        },
        PathBuf::from,
    );
    let raw = std::fs::read_to_string(&data)
        .map_err(|e| format!("{}: {e} (the benchmark reads ../shared)", data.display()))?;
    let mut texts = Vec::new();
    for line in raw.lines() {
        let row: serde_json::Value = serde_json::from_str(line)?;
        for side in ["1", "2"] {
            let title = row[format!("title{side}")].as_str().unwrap_or("");
            let body = row[format!("text{side}")].as_str().unwrap_or("");
            if !body.is_empty() && texts.len() < docs {
                texts.push(format!("{title}\n{body}"));
            }
        }
    }
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();

    let cache = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/tmp/model-cache"
    ));
    let t = Instant::now();
    let dir = vigil_model::fetch_use(&cache)?;
    let model = Use::load(&dir)?;
    let load = t.elapsed().as_secs_f64();
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .map_or("?", |l| l[name.len()..].trim())
            .to_string()
    };
    println!(
        "one model loaded: resident {}, peak during load {}",
        field("VmRSS:"),
        field("VmHWM:")
    );
    let t = Instant::now();
    let tokens: usize = refs.iter().map(|x| model.token_ids(x).len()).sum();
    let tok_secs = t.elapsed().as_secs_f64();
    println!(
        "{} articles, {:.0} chars and {:.0} USE tokens each on average; load {:.0} ms",
        texts.len(),
        chars as f64 / texts.len() as f64,
        tokens as f64 / texts.len() as f64,
        load * 1e3
    );
    println!(
        "vigil USE tokenizer: {:8.1} docs/s ({:.0} tokens/s, one thread)",
        texts.len() as f64 / tok_secs,
        tokens as f64 / tok_secs
    );
    let _ = model.embed(&refs[..refs.len().min(8)]);
    let mut ours = Vec::new();
    for threads in [1, 2] {
        let m = Use::load(&dir)?.with_threads(threads);
        let (v, secs, cpu) = timed(|| m.embed(&refs));
        ours = v;
        println!(
            "vigil USE, {threads} thread(s): {:8.1} docs/s ({:.0} tokens/s); {:.1} docs per CPU-second",
            texts.len() as f64 / secs,
            tokens as f64 / secs,
            texts.len() as f64 / cpu
        );
    }
    let q = Instant::now();
    for _ in 0..50 {
        let _ = model.embed(&["flood warning river valley"]);
    }
    println!(
        "vigil USE, one short query warm: {:.3} ms",
        q.elapsed().as_secs_f64() * 1e3 / 50.0
    );

    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    if let Some(hwm) = status.lines().find(|l| l.starts_with("VmHWM")) {
        println!(
            "peak memory so far (two models loaded): {}",
            hwm.trim_start_matches("VmHWM:").trim()
        );
    }

    if let Some(python) = opt("--reference") {
        let list = std::env::temp_dir().join(format!("use_bench_{}.jsonl", std::process::id()));
        let mut file = std::fs::File::create(&list)?;
        for text in &texts {
            writeln!(file, "{}", serde_json::json!({ "text": text }))?;
        }
        drop(file);
        let script = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/scripts/bench_use_reference.py"
        );
        let out = Command::new(&python).arg(script).arg(&list).output()?;
        let _ = std::fs::remove_file(&list);
        if !out.status.success() {
            return Err(String::from_utf8_lossy(&out.stderr).into_owned().into());
        }
        let reference: serde_json::Value = serde_json::from_slice(&out.stdout)?;
        let secs = reference["secs"].as_f64().unwrap_or(f64::NAN);
        let cpu = reference["cpu_s"].as_f64().unwrap_or(f64::NAN);
        let tok = reference["tokenize_secs"].as_f64().unwrap_or(f64::NAN);
        let cosines: Vec<f32> = reference["vectors"]
            .as_array()
            .into_iter()
            .flatten()
            .zip(&ours)
            .map(|(r, v)| {
                let r: Vec<f32> = r
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|x| x.as_f64().unwrap_or(0.0) as f32)
                    .collect();
                cosine(&r, v)
            })
            .collect();
        let min = cosines.iter().copied().fold(f32::INFINITY, f32::min);
        let mean = cosines.iter().sum::<f32>() / cosines.len().max(1) as f32;
        println!(
            "reference package (threads=2): {:8.1} docs/s, {:.1} docs per CPU-second ({:.0} \
             tokens/s; its tokenizer alone {:.1} docs/s); load {:.0} ms",
            texts.len() as f64 / secs,
            texts.len() as f64 / cpu,
            reference["tokens"].as_f64().unwrap_or(0.0) / secs,
            texts.len() as f64 / tok,
            reference["load_s"].as_f64().unwrap_or(f64::NAN) * 1e3
        );
        println!(
            "cosine to the reference over {} articles: min {min:.6}, mean {mean:.6}",
            cosines.len()
        );
    }

    if e5_docs > 0 {
        let path = vigil_model::fetch_e5(&cache)?;
        let e5 = E5::load(&path)?;
        let sub = &refs[..e5_docs.min(refs.len())];
        let _ = e5.embed_passages(&sub[..1]);
        let (_, secs, cpu) = timed(|| e5.embed_passages(sub));
        let m = Use::load(&dir)?;
        let (_, use_secs, use_cpu) = timed(|| m.embed(sub));
        println!(
            "same {} articles: e5 {:.2} docs/s ({:.2} per CPU-second), USE {:.1} docs/s ({:.1} \
             per CPU-second): USE is {:.0}x faster by wall clock, {:.0}x by CPU time",
            sub.len(),
            sub.len() as f64 / secs,
            sub.len() as f64 / cpu,
            sub.len() as f64 / use_secs,
            sub.len() as f64 / use_cpu,
            secs / use_secs,
            cpu / use_cpu
        );
    }
    Ok(())
}
