//! Trains the Arabic or Chinese NER model and prints its held-out score.
//!
//! The committed models are trained on every sentence of the shared files (`--all`): the
//! run first trains the same recipe on the sentences before the held-out cut and prints its
//! score on the rest, the estimate for text the model never saw, then trains on everything
//! and writes that model.
//!
//! ```text
//! cargo run --release -p vigil-facts --example train_ner -- --lang ar --all \
//!     --data ../shared/data/ner/arabic-anercorp/ANERCorp_CamelLab_train.txt \
//!     --out crates/vigil-facts/data/ner-ar.bin.gz
//! cargo run --release -p vigil-facts --example train_ner -- --lang zh --all \
//!     --data ../shared/data/ner/chinese-msra/dev_bio.txt \
//!     --out crates/vigil-facts/data/ner-zh.bin.gz
//! ```
//!
//! Held out: for Arabic the last sentences holding 1/6 of the words (CAMeL Lab's sequential
//! split of ANERcorp), for Chinese the second half of the sentences. Without `--all` the
//! written model is the one trained before the cut, which records it, so `vigil eval ner FILE
//! --held-out` scores exactly what it was not trained on; with a model trained on everything,
//! `--held-out` retrains the recipe before the cut itself. Options: `--epochs N` (default 10),
//! `--seed N`, `--min-weight X` (drop averaged weights below this share of the largest, to make
//! the file smaller), `--errors` (print every held-out miss and false alarm to stderr).
//!
//! `--e5 MODEL_FILE` trains the model that also takes the e5 encoder's token states, after
//! layer 6 of 12 by default (`--e5-layer N`): the states of every sentence are computed first
//! (15 s for ANERcorp on two cores) and cached under `/tmp` (`--cache FILE` to choose), keyed
//! by the model file's size, the layer and the sentences. The committed models:
//!
//! ```text
//! cargo run --release -p vigil-facts --example train_ner -- --lang ar --all \
//!     --data ../shared/data/ner/arabic-anercorp/ANERCorp_CamelLab_train.txt \
//!     --e5 e5-small-q4.bin --out crates/vigil-facts/data/ner-ar-e5.bin.gz
//! cargo run --release -p vigil-facts --example train_ner -- --lang zh --all \
//!     --data ../shared/data/ner/chinese-msra/dev_bio.txt \
//!     --e5 e5-small-q4.bin --out crates/vigil-facts/data/ner-zh-e5.bin.gz
//! ```
//!
//! The options start from the committed recipe (`Options::committed`: Arabic's vectors at 1.5
//! times a sparse feature's length). `--vector-scale X` overrides the length of a token's
//! vector against sparse features worth 1 each, `--vector-context N` (default 1) the
//! neighbours on each side it also sees; `--clusters 64,256` adds k-means cluster numbers of
//! the vectors as sparse features and `--no-vector-weights` keeps only those (measured: no
//! better than the weights alone).

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use vigil_facts::ner::TokenVectors;
use vigil_facts::ner::eval::{Score, Sentence, TokenSpan, read_bio, spans};
use vigil_facts::ner::training::{Data, Options, held_out_cut, sentence_text, train};

fn main() {
    if let Err(e) = run() {
        eprintln!("train_ner: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), Box<dyn std::error::Error>> {
    let mut lang = None;
    let mut data = None;
    let mut out: Option<PathBuf> = None;
    let mut overrides: Vec<(String, String)> = Vec::new();
    let mut all = false;
    let mut errors = false;
    let mut e5: Option<PathBuf> = None;
    let mut layer = 6;
    let mut cache: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--lang" => lang = Some(value()?),
            "--data" => data = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--epochs" | "--seed" | "--runs" | "--min-weight" | "--vector-scale"
            | "--vector-context" | "--clusters" => overrides.push((arg.clone(), value()?)),
            "--no-vector-weights" => overrides.push((arg.clone(), String::new())),
            "--all" => all = true,
            "--errors" => errors = true,
            "--e5" => e5 = Some(PathBuf::from(value()?)),
            "--cache" => cache = Some(PathBuf::from(value()?)),
            "--e5-layer" => layer = value()?.parse()?,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let lang = lang.ok_or("--lang ar|zh is required")?;
    let data = data.ok_or("--data FILE is required")?;
    let text = std::fs::read_to_string(&data)?;
    let sentences = read_bio(&text)?;
    let held_out_from = held_out_cut(&lang, &sentences);
    let mut options = Options::committed(&lang, e5.is_some());
    for (flag, value) in &overrides {
        match flag.as_str() {
            "--epochs" => options.epochs = value.parse()?,
            "--seed" => options.seed = value.parse()?,
            "--runs" => options.runs = value.parse()?,
            "--min-weight" => options.min_weight = value.parse()?,
            "--vector-scale" => options.vector_scale = value.parse()?,
            "--vector-context" => options.vector_context = value.parse()?,
            "--no-vector-weights" => options.vector_weights = false,
            _ => options.clusters = value.split(',').map(str::parse).collect::<Result<_, _>>()?,
        }
    }
    let training_file = data
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    eprintln!(
        "{} sentences; training on {held_out_from}, holding out {}",
        sentences.len(),
        sentences.len() - held_out_from
    );
    let vectors = match &e5 {
        Some(model) => Some(token_vectors(
            &lang,
            &sentences,
            model,
            layer,
            cache.as_deref(),
        )?),
        None => None,
    };
    let data = Data {
        lang: &lang,
        sentences: &sentences,
        held_out_from,
        training_file: &training_file,
        vectors: vectors.as_deref(),
    };
    let recogniser = train_reporting(&data, &options)?;
    let started = Instant::now();
    let held_out = &sentences[held_out_from..];
    let held_out_vectors = vectors.as_ref().map(|v| &v[held_out_from..]);
    let score = recogniser.evaluate(held_out, held_out_vectors);
    let chars: usize = held_out
        .iter()
        .flat_map(|s| s.tokens.iter())
        .map(|t| t.chars().count())
        .sum();
    eprintln!(
        "tagged {chars} characters in {:.2}s",
        started.elapsed().as_secs_f64()
    );
    print_score(&score);
    if errors {
        for (i, s) in held_out.iter().enumerate() {
            let v = held_out_vectors.map(|v| &v[i]);
            print_errors(
                &s.tokens,
                &spans(&s.tags),
                &recogniser.tag_sentence(&s.tokens, v),
            );
        }
    }
    let written = if all {
        eprintln!("training again on all {} sentences", sentences.len());
        train_reporting(
            &Data {
                held_out_from: sentences.len(),
                ..data
            },
            &options,
        )?
    } else {
        recogniser
    };
    let bytes = written.to_bytes();
    eprintln!(
        "{} features, {:.2} MB gzipped",
        written.n_features(),
        bytes.len() as f64 / 1e6
    );
    if let Some(out) = out {
        std::fs::write(&out, &bytes)?;
        eprintln!("wrote {}", out.display());
    }
    Ok(())
}

/// Trains, printing each epoch's share of wrong sentences.
fn train_reporting(
    data: &Data,
    options: &Options,
) -> Result<vigil_facts::ner::Recogniser, Box<dyn std::error::Error>> {
    let started = Instant::now();
    Ok(train(data, options, |epoch, wrong| {
        eprintln!(
            "epoch {epoch}: {:.1}% of sentences wrong ({:.1}s)",
            100.0 * wrong,
            started.elapsed().as_secs_f64()
        )
    })?)
}

/// The e5 token states of every sentence's text, from the cache when it has them.
fn token_vectors(
    lang: &str,
    sentences: &[Sentence],
    model: &Path,
    layer: usize,
    cache: Option<&Path>,
) -> Result<Vec<TokenVectors>, Box<dyn std::error::Error>> {
    let texts: Vec<String> = sentences
        .iter()
        .map(|s| sentence_text(lang, &s.tokens).ok_or("no such language"))
        .collect::<Result<_, _>>()?;
    // FNV-1a over the model's size, the layer and the texts: a changed file, layer or
    // sentence misses the cache.
    let mut key = 0xcbf2_9ce4_8422_2325u64;
    let size = (std::fs::metadata(model)?.len() ^ ((layer as u64) << 56)).to_le_bytes();
    let parts = std::iter::once(&size[..]).chain(texts.iter().map(|t| t.as_bytes()));
    for bytes in parts {
        for &b in bytes.iter().chain(&[0xFF]) {
            key = (key ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    let cache = cache.map_or_else(
        || std::env::temp_dir().join(format!("vigil-ner-e5-{lang}-{key:016x}.bin")),
        Path::to_path_buf,
    );
    if let Some(vectors) = read_cache(&cache, key, texts.len()) {
        eprintln!("token states from {}", cache.display());
        return Ok(vectors);
    }
    let e5 = vigil_model::E5::load(model)?;
    let started = Instant::now();
    let mut vectors = Vec::with_capacity(texts.len());
    let chars: usize = texts.iter().map(|t| t.chars().count()).sum();
    for chunk in texts.chunks(512) {
        let refs: Vec<&str> = chunk.iter().map(String::as_str).collect();
        for s in e5.token_states_at(&refs, layer) {
            vectors.push(TokenVectors {
                spans: s.spans,
                dim: s.dim,
                layer: s.layer,
                values: s.values,
            });
        }
        eprint!(
            "\rtoken states: {}/{} sentences",
            vectors.len(),
            texts.len()
        );
    }
    let secs = started.elapsed().as_secs_f64();
    let tokens: usize = vectors.iter().map(TokenVectors::len).sum();
    eprintln!(
        "\rtoken states of {} sentences ({chars} characters, {tokens} tokens) in {secs:.1}s: \
         {:.1} ms per 1,000 characters",
        texts.len(),
        1000.0 * secs / chars as f64 * 1000.0
    );
    write_cache(&cache, key, &vectors)?;
    Ok(vectors)
}

fn write_cache(path: &Path, key: u64, vectors: &[TokenVectors]) -> std::io::Result<()> {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    out.write_all(&key.to_le_bytes())?;
    out.write_all(&(vectors.len() as u64).to_le_bytes())?;
    for v in vectors {
        out.write_all(&(v.spans.len() as u64).to_le_bytes())?;
        out.write_all(&(v.dim as u64).to_le_bytes())?;
        out.write_all(&(v.layer as u64).to_le_bytes())?;
        for &(s, e) in &v.spans {
            out.write_all(&(s as u64).to_le_bytes())?;
            out.write_all(&(e as u64).to_le_bytes())?;
        }
        for x in &v.values {
            out.write_all(&x.to_le_bytes())?;
        }
    }
    out.flush()
}

fn read_cache(path: &Path, key: u64, count: usize) -> Option<Vec<TokenVectors>> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .ok()?
        .read_to_end(&mut bytes)
        .ok()?;
    let mut at = 0;
    let u64_at = |at: &mut usize| -> Option<u64> {
        let v = u64::from_le_bytes(bytes.get(*at..*at + 8)?.try_into().ok()?);
        *at += 8;
        Some(v)
    };
    if u64_at(&mut at)? != key || u64_at(&mut at)? as usize != count {
        return None;
    }
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let n = u64_at(&mut at)? as usize;
        let dim = u64_at(&mut at)? as usize;
        let layer = u64_at(&mut at)? as usize;
        let spans = (0..n)
            .map(|_| Some((u64_at(&mut at)? as usize, u64_at(&mut at)? as usize)))
            .collect::<Option<Vec<_>>>()?;
        let floats = bytes.get(at..at + n * dim * 4)?;
        at += n * dim * 4;
        let values = floats
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        out.push(TokenVectors {
            spans,
            dim,
            layer,
            values,
        });
    }
    Some(out)
}

/// Each gold entity missed (`-`) and each entity found wrongly (`+`), with the sentence.
fn print_errors(tokens: &[String], gold: &[TokenSpan], found: &[TokenSpan]) {
    let show = |s: &TokenSpan| tokens[s.start..s.end].join(" ");
    let missed: Vec<_> = gold.iter().filter(|g| !found.contains(g)).collect();
    let wrong: Vec<_> = found.iter().filter(|f| !gold.contains(f)).collect();
    if missed.is_empty() && wrong.is_empty() {
        return;
    }
    eprintln!("{}", tokens.join(" "));
    for g in missed {
        eprintln!("  - {} {}", g.kind, show(g));
    }
    for f in wrong {
        eprintln!("  + {} {}", f.kind, show(f));
    }
}

fn print_score(score: &Score) {
    println!(
        "{:<8} {:>9} {:>9} {:>9} {:>7}",
        "type", "precision", "recall", "f1", "gold"
    );
    let rows = score
        .per_type
        .iter()
        .map(|(k, c)| (k.as_str(), *c))
        .chain([("overall", score.overall())]);
    for (kind, c) in rows {
        println!(
            "{kind:<8} {:>9.4} {:>9.4} {:>9.4} {:>7}",
            c.precision(),
            c.recall(),
            c.f1(),
            c.gold
        );
    }
}
