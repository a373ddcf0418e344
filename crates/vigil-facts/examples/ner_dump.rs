//! Prints the names the NER finds in a file, one `start end kind text` per line, and how fast
//! it found them: `cargo run --release -p vigil-facts --example ner_dump -- ar FILE...`.
//! A file ending in `.jsonl` is read as JSON Lines and the `text`, `text1` and `text2` fields
//! written in that language (`lang`, `lang1`, `lang2`) are tagged, without printing names.
//! With `--e5 MODEL_FILE` first, each text's e5 token states are computed (timed apart) and
//! the model that takes them tags it.

use std::time::Instant;

use vigil_facts::ner::{TokenVectors, find_names, recogniser, recogniser_with_vectors};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let e5 = if args.first().is_some_and(|a| a == "--e5") && args.len() > 1 {
        let path = args.remove(1);
        args.remove(0);
        Some(vigil_model::E5::load(std::path::Path::new(&path)).expect("the e5 model loads"))
    } else {
        None
    };
    let Some((lang, files)) = args.split_first() else {
        eprintln!("usage: ner_dump [--e5 MODEL_FILE] LANG FILE...");
        std::process::exit(2);
    };
    let layer = recogniser_with_vectors(lang).and_then(|r| r.vector_layer());
    // Load the model, the gazetteer and (for Chinese) jieba before timing.
    let _ = recogniser(lang);
    let _ = find_names("北京 القاهرة Paris", Some(lang), None);
    let (mut chars, mut names, mut seconds, mut encoding) = (0usize, 0usize, 0f64, 0f64);
    for file in files {
        let content = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let texts: Vec<String> = if file.ends_with(".jsonl") {
            texts_in(&content, lang)
        } else {
            vec![content]
        };
        for text in &texts {
            let started = Instant::now();
            let vectors = e5.as_ref().zip(layer).map(|(e5, layer)| {
                let s = e5.token_states_at(&[text.as_str()], layer).remove(0);
                TokenVectors {
                    spans: s.spans,
                    dim: s.dim,
                    layer: s.layer,
                    values: s.values,
                }
            });
            encoding += started.elapsed().as_secs_f64();
            let started = Instant::now();
            let found = find_names(text, Some(lang), vectors.as_ref());
            seconds += started.elapsed().as_secs_f64();
            chars += text.chars().count();
            names += found.len();
            if !file.ends_with(".jsonl") {
                for n in found {
                    println!(
                        "{} {} {:?} {}",
                        n.start,
                        n.end,
                        n.kind,
                        &text[n.start..n.end]
                    );
                }
            }
        }
    }
    eprintln!(
        "{names} names in {chars} characters: {:.3} ms per 1,000 characters ({:.1}M chars/s)",
        1000.0 * seconds / (chars.max(1) as f64 / 1000.0),
        chars as f64 / seconds.max(1e-9) / 1e6
    );
    if e5.is_some() {
        eprintln!(
            "e5 token states: {:.1} ms per 1,000 characters",
            1000.0 * encoding / (chars.max(1) as f64 / 1000.0)
        );
    }
}

/// The distinct texts in `lang` of a JSON Lines file.
fn texts_in(content: &str, lang: &str) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    for line in content.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        for (text, l) in [("text", "lang"), ("text1", "lang1"), ("text2", "lang2")] {
            if v[l] == lang
                && let Some(t) = v[text].as_str()
            {
                seen.insert(t.to_string());
            }
        }
    }
    seen.into_iter().collect()
}
