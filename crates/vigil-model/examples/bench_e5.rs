//! Throughput of the e5 encoder at ~128, ~256 and ~512 tokens per document.
//!
//! `cargo run --release -p vigil-model --example bench_e5 -- [OUT.jsonl]`
//!
//! Documents are cut from the parity fixture's texts (12 languages) to the target length.
//! With OUT.jsonl, writes each document and its vector so `scripts/bench_reference.py` can time
//! the reference engine on the same texts and compare the vectors.

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use vigil_model::E5;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let t0 = Instant::now();
    let cache = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/tmp/model-cache"
    ));
    let path = vigil_model::fetch_e5(&cache)?;
    let model = E5::load(&path)?;
    let load = t0.elapsed();
    eprintln!(
        "load {:.0} ms, kernel {:?}",
        load.as_secs_f64() * 1e3,
        model.kernel()
    );

    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("../tests/fixtures/e5_parity.json"))?;
    let sources: Vec<String> = fixture["cases"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|c| c["group"] == "medium" || c["group"] == "long")
        .filter_map(|c| c["text"].as_str().map(str::to_string))
        .collect();
    let mut dump = std::env::args()
        .nth(1)
        .map(std::fs::File::create)
        .transpose()?;

    // One short query, warm.
    let q = Instant::now();
    let _ = model.embed_queries(&["flood warning river valley"]);
    let cold = q.elapsed();
    let q = Instant::now();
    let reps = 20;
    for _ in 0..reps {
        let _ = model.embed_queries(&["flood warning river valley"]);
    }
    eprintln!(
        "short query: first {:.2} ms, warm {:.2} ms",
        cold.as_secs_f64() * 1e3,
        q.elapsed().as_secs_f64() * 1e3 / reps as f64
    );

    for (target, count) in [(128usize, 64usize), (256, 32), (512, 16)] {
        let docs: Vec<String> = (0..count)
            .map(|i| cut(&model, &sources[i % sources.len()], i, target))
            .collect();
        let tokens: usize = docs
            .iter()
            .map(|d| model.token_ids(&format!("passage: {d}")).len() + 2)
            .sum();
        let refs: Vec<&str> = docs.iter().map(String::as_str).collect();
        let t = Instant::now();
        let cpu = cpu_seconds();
        let vectors = model.embed_passages(&refs);
        let secs = t.elapsed().as_secs_f64();
        let cpu = cpu_seconds() - cpu;
        println!(
            "~{target:>3} tokens: {count:>3} docs in {secs:.3} s = {:7.1} docs/s, {:8.0} tokens/s \
             ({cpu:.2} CPU-s: {:.0} tokens per CPU-second)",
            count as f64 / secs,
            tokens as f64 / secs,
            tokens as f64 / cpu
        );
        if target == 512 {
            // One long document alone: the encoder shares its single batch between the cores.
            let t = Instant::now();
            let cpu = cpu_seconds();
            let _ = model.embed_passages(&refs[..1]);
            println!(
                "one ~512-token document alone: {:.1} ms wall, {:.0} ms CPU",
                t.elapsed().as_secs_f64() * 1e3,
                (cpu_seconds() - cpu) * 1e3
            );
        }
        if let Some(out) = dump.as_mut() {
            for (d, v) in docs.iter().zip(&vectors) {
                writeln!(
                    out,
                    "{}",
                    serde_json::json!({"size": target, "text": d, "vector": v.to_vec()})
                )?;
            }
        }
    }
    Ok(())
}

/// User + system CPU time of this process (Linux; 0 elsewhere). On a shared machine this says
/// more about the code than wall time does.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit(')')
        .next()
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // After the command name: state is field 0, utime 11, stime 12 (clock ticks, 100 Hz).
    (ticks(11) + ticks(12)) / 100.0
}

/// A piece of `source` (rotated by `shift` sentences' worth of characters) of about `target` tokens.
fn cut(model: &E5, source: &str, shift: usize, target: usize) -> String {
    let chars: Vec<char> = source.chars().collect();
    let start = (shift * 37) % (chars.len() / 4).max(1);
    let text: String = chars[start..]
        .iter()
        .chain(chars[..start].iter())
        .cycle()
        .take(chars.len() * 4)
        .collect();
    let chars: Vec<char> = text.chars().collect();
    let (mut lo, mut hi) = (1usize, chars.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let piece: String = chars[..mid].iter().collect();
        if model.token_ids(&format!("passage: {piece}")).len() + 2 < target {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    chars[..lo].iter().collect()
}
