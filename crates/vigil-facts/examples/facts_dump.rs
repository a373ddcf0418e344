//! Prints the facts of each file as JSON lines: `facts_dump [--lang xx] FILE...`.
//! The language is detected when not given.

use std::process::ExitCode;

use vigil_facts::{Document, extract};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1).peekable();
    let mut lang: Option<String> = None;
    let mut files = Vec::new();
    while let Some(arg) = args.next() {
        if arg == "--lang" {
            lang = args.next();
        } else {
            files.push(arg);
        }
    }
    let mut status = ExitCode::SUCCESS;
    for file in files {
        let text = match std::fs::read_to_string(&file) {
            Ok(text) => text,
            Err(err) => {
                eprintln!("{file}: {err}");
                status = ExitCode::FAILURE;
                continue;
            }
        };
        let detected = lang
            .clone()
            .or_else(|| vigil_text::language::detect(&text).map(|d| d.lang.to_string()));
        let doc = Document {
            text: &text,
            lang: detected.as_deref(),
            ..Document::default()
        };
        let name = std::path::Path::new(&file)
            .file_name()
            .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
        for mut fact in extract(&doc) {
            fact.doc = name.clone();
            match serde_json::to_string(&fact) {
                Ok(line) => println!("{line}"),
                Err(err) => eprintln!("{file}: {err}"),
            }
        }
    }
    status
}
