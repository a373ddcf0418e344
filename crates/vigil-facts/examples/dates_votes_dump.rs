//! Prints the `date` and `vote` facts of each file as JSON lines, for looking at them:
//! `cargo run -p vigil-facts --example dates_votes_dump -- FILE...`.
//!
//! The document's date is what ingest uses when metadata has none: the date the text states
//! for itself (`vigil_text::dates::infer_date`), or none.

use vigil_facts::{Document, Kind, extract};

fn main() {
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let date = vigil_text::dates::infer_date(&text)
            .and_then(|(d, _)| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok());
        let lang = vigil_text::language::detect(&text).map(|d| d.lang);
        let doc = Document {
            text: &text,
            lang,
            date,
            ..Document::default()
        };
        let name = std::path::Path::new(&path)
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        eprintln!("{name}: lang {lang:?}, document date {date:?}");
        for mut fact in extract(&doc) {
            if matches!(fact.kind(), Kind::Date | Kind::Vote) {
                fact.doc.clone_from(&name);
                println!("{}", serde_json::to_string(&fact).unwrap_or_default());
            }
        }
    }
}
