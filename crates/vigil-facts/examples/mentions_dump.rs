//! Prints the mentions of each file, then links them all through one entity table in the
//! order given and prints the entities named in more than one file:
//! `cargo run -p vigil-facts --example mentions_dump -- FILE...`
//!
//! The language is guessed from the script (enough for the seeds); each line is
//! `start..end kind subject_key entity confidence text`.

use std::collections::BTreeMap;

use vigil_facts::mentions::link_mentions;
use vigil_facts::names::{EntityTable, romanize};
use vigil_facts::{Detail, Document, extract};

fn main() {
    let mut table = EntityTable::new();
    let mut files_by_entity: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (n, path) in std::env::args().skip(1).enumerate() {
        let text = std::fs::read_to_string(&path).expect("a readable UTF-8 file");
        let doc = Document {
            lang: Some(guess_lang(&text)),
            ..Document::plain(&text)
        };
        let mut facts = extract(&doc);
        link_mentions(&mut table, &mut facts, &doc, None, None);
        println!("== {path} ({})", doc.lang.unwrap_or("?"));
        for fact in &facts {
            let (Detail::Person(m) | Detail::Organization(m) | Detail::Place(m)) = &fact.detail
            else {
                continue;
            };
            let entity = m.entity.clone().unwrap_or_default();
            files_by_entity.entry(entity.clone()).or_default().push(n);
            println!(
                "{}..{} {} {} {} {:.2} {} [{}]",
                fact.start,
                fact.end,
                fact.kind().as_str(),
                fact.subject_key.as_deref().unwrap_or("-"),
                entity,
                m.confidence.unwrap_or(0.0),
                fact.text,
                romanize(&fact.text)
            );
        }
    }
    println!("== entities named in more than one file");
    for entity in table.entities() {
        let files = files_by_entity.get(&entity.id).cloned().unwrap_or_default();
        let mut distinct = files.clone();
        distinct.dedup();
        if distinct.len() > 1 {
            let names: Vec<String> = entity.names.values().flatten().cloned().collect();
            println!(
                "{} {} files {:?}: {}",
                entity.id,
                entity.kind.as_str(),
                distinct,
                names.join(" | ")
            );
        }
    }
}

/// The language of a seed from its commonest script.
fn guess_lang(text: &str) -> &'static str {
    let count =
        |range: std::ops::RangeInclusive<char>| text.chars().filter(|c| range.contains(c)).count();
    let scripts = [
        ("ar", count('\u{600}'..='\u{6ff}')),
        ("th", count('\u{e00}'..='\u{e7f}')),
        ("zh", count('\u{4e00}'..='\u{9fff}')),
        ("ru", count('\u{400}'..='\u{4ff}')),
        ("en", count('a'..='z')),
    ];
    scripts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or("en", |(l, _)| l)
}
