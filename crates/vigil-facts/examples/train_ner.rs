//! Trains the Arabic or Chinese NER model and prints its held-out score.
//!
//! ```text
//! cargo run --release -p vigil-facts --example train_ner -- --lang ar \
//!     --data ../shared/data/ner/arabic-anercorp/ANERCorp_CamelLab_train.txt \
//!     --out crates/vigil-facts/data/ner-ar.bin.gz
//! cargo run --release -p vigil-facts --example train_ner -- --lang zh \
//!     --data ../shared/data/ner/chinese-msra/dev_bio.txt \
//!     --out crates/vigil-facts/data/ner-zh.bin.gz
//! ```
//!
//! Held out: for Arabic the last sentences holding 1/6 of the words (CAMeL Lab's sequential
//! split of ANERcorp), for Chinese the second half of the sentences. The cut is recorded in
//! the model, so `vigil eval ner FILE --held-out` scores exactly what was not trained on.
//! Options: `--epochs N` (default 10), `--seed N`, `--min-weight X` (drop averaged weights
//! below this share of the largest, to make the file smaller), `--errors` (print every held-out
//! miss and false alarm to stderr).

use std::path::PathBuf;
use std::time::Instant;

use vigil_facts::ner::eval::{Score, TokenSpan, read_bio, spans, word_share_cut};
use vigil_facts::ner::training::{Data, Options, train};

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
    let mut options = Options::default();
    let mut errors = false;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().ok_or(format!("{arg} needs a value"));
        match arg.as_str() {
            "--lang" => lang = Some(value()?),
            "--data" => data = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--epochs" => options.epochs = value()?.parse()?,
            "--seed" => options.seed = value()?.parse()?,
            "--min-weight" => options.min_weight = value()?.parse()?,
            "--errors" => errors = true,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let lang = lang.ok_or("--lang ar|zh is required")?;
    let data = data.ok_or("--data FILE is required")?;
    let text = std::fs::read_to_string(&data)?;
    let sentences = read_bio(&text)?;
    let held_out_from = match lang.as_str() {
        "ar" => word_share_cut(&sentences, 6),
        _ => sentences.len() / 2,
    };
    let training_file = data
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    eprintln!(
        "{} sentences; training on {held_out_from}, holding out {}",
        sentences.len(),
        sentences.len() - held_out_from
    );
    let started = Instant::now();
    let recogniser = train(
        &Data {
            lang: &lang,
            sentences: &sentences,
            held_out_from,
            training_file: &training_file,
        },
        &options,
        |epoch, wrong| {
            eprintln!(
                "epoch {epoch}: {:.1}% of sentences wrong ({:.1}s)",
                100.0 * wrong,
                started.elapsed().as_secs_f64()
            )
        },
    )?;
    let bytes = recogniser.to_bytes();
    eprintln!(
        "{} features, {:.2} MB gzipped",
        recogniser.n_features(),
        bytes.len() as f64 / 1e6
    );
    if let Some(out) = out {
        std::fs::write(&out, &bytes)?;
        eprintln!("wrote {}", out.display());
    }
    let started = Instant::now();
    let held_out = &sentences[held_out_from..];
    let score = recogniser.evaluate(held_out);
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
        for s in held_out {
            print_errors(
                &s.tokens,
                &spans(&s.tags),
                &recogniser.tag_sentence(&s.tokens),
            );
        }
    }
    Ok(())
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
