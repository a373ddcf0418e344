//! Lists the most frequent gazetteer matches in a JSON Lines file of reports (every string
//! field whose name starts with `text` or `title`), with the key each went to: the way to spot
//! ordinary words the gazetteer mistakes for names, and to time matching on real text.
//!
//! `cargo run --release -p vigil-text --example gazetteer_scan -- FILE.jsonl [TOP]`

use std::collections::HashMap;
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: gazetteer_scan FILE.jsonl [TOP]");
        std::process::exit(2);
    };
    let top: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(200);
    let data = std::fs::read_to_string(&path).expect("readable file");
    let mut texts = Vec::new();
    for line in data.lines() {
        let Ok(serde_json::Value::Object(record)) = serde_json::from_str(line) else {
            continue;
        };
        for (field, value) in record {
            if let (true, Some(text)) = (
                field.starts_with("text") || field.starts_with("title"),
                value.as_str(),
            ) {
                texts.push(text.to_string());
            }
        }
    }
    let started = Instant::now();
    vigil_text::gazetteer::size();
    eprintln!("loaded in {:?}", started.elapsed());
    let started = Instant::now();
    let mut counts: HashMap<(String, &str), usize> = HashMap::new();
    let mut total = 0;
    for text in &texts {
        for m in vigil_text::gazetteer::find(text) {
            *counts
                .entry((text[m.start..m.end].to_string(), m.key))
                .or_default() += 1;
            total += 1;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    for text in &texts {
        std::hint::black_box(vigil_text::normalize::normalize(text));
    }
    let normalizing = started.elapsed().as_secs_f64();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut ranked: Vec<_> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for ((name, key), n) in ranked.iter().take(top) {
        println!("{n}\t{key}\t{name}");
    }
    eprintln!(
        "{} texts, {:.1} MB, {total} mentions in {seconds:.2}s ({:.1} MB/s, {:.0} texts/s; \
         normalising alone takes {normalizing:.2}s)",
        texts.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / seconds,
        texts.len() as f64 / seconds
    );
}
