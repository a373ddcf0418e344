//! How often a gazetteer mention falls on a gold location or organisation of an NER corpus in
//! the BIO format (one token per line, blank lines between sentences): an estimate of the
//! matcher's precision, with the mentions that miss printed for reading. Tokens are joined
//! without spaces for Chinese (`--join ''`) and with spaces otherwise.
//!
//! `cargo run --release -p vigil-text --example gazetteer_ner_check -- FILE [--join '']`

use std::collections::HashMap;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: gazetteer_ner_check FILE [--join SEPARATOR]");
        std::process::exit(2);
    };
    let join = match args.iter().position(|a| a == "--join") {
        Some(i) => args.get(i + 1).cloned().unwrap_or_default(),
        None => " ".to_string(),
    };
    let data = std::fs::read_to_string(path).expect("readable file");
    let (mut hits, mut misses, mut gold_places) = (0, 0, 0);
    let mut missed: HashMap<(String, &str), usize> = HashMap::new();
    for sentence in data.split("\n\n") {
        let mut text = String::new();
        // Byte ranges of gold LOC and ORG entities.
        let mut gold: Vec<(usize, usize)> = Vec::new();
        for line in sentence.lines() {
            let mut fields = line.split_whitespace();
            let (Some(token), Some(tag)) = (fields.next(), fields.next_back()) else {
                continue;
            };
            if !text.is_empty() {
                text.push_str(&join);
            }
            let start = text.len();
            text.push_str(token);
            let place = tag.ends_with("LOC") || tag.ends_with("ORG") || tag.ends_with("GPE");
            match (tag.starts_with("I-"), gold.last_mut()) {
                (true, Some(last)) if place && last.1 == start - join.len() => last.1 = text.len(),
                _ if place => {
                    gold.push((start, text.len()));
                    gold_places += usize::from(tag.ends_with("LOC"));
                }
                _ => {}
            }
        }
        for m in vigil_text::gazetteer::find(&text) {
            if gold.iter().any(|&(a, b)| m.start < b && a < m.end) {
                hits += 1;
            } else {
                misses += 1;
                *missed
                    .entry((text[m.start..m.end].to_string(), m.key))
                    .or_default() += 1;
            }
        }
    }
    let mut ranked: Vec<_> = missed.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    for ((name, key), n) in ranked.iter().take(60) {
        println!("{n}\t{key}\t{name}");
    }
    println!(
        "{hits} mentions on gold LOC/ORG, {misses} elsewhere: {:.1}% on gold ({gold_places} gold LOC)",
        100.0 * hits as f64 / (hits + misses).max(1) as f64
    );
}
