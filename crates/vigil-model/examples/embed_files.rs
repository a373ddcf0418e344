//! Embeds whole files as passages and prints one JSON line per file: a quick way to compare
//! against another engine on real documents.
//!
//! `cargo run --release -p vigil-model --example embed_files -- FILE...`

use std::path::PathBuf;

use vigil_model::E5;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cache = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/tmp/model-cache"
    ));
    let model = E5::load(&vigil_model::fetch_e5(&cache)?)?;
    let files: Vec<String> = std::env::args().skip(1).collect();
    let texts: Vec<String> = files
        .iter()
        .map(std::fs::read_to_string)
        .collect::<Result<_, _>>()?;
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    for (file, v) in files.iter().zip(model.embed_passages(&refs)) {
        println!(
            "{}",
            serde_json::json!({"file": file, "vector": v.to_vec()})
        );
    }
    Ok(())
}
