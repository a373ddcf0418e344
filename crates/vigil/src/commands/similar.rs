//! `vigil similar A B`: the cosine of two files' document vectors.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use vigil_engine::{pipeline, vectors};
use vigil_text::input::{self, Limits};

use super::Status;
use crate::model::{Encoder, ModelChoice};
use crate::output::json_line;

pub fn run(
    data_dir: &Path,
    a: &Path,
    b: &Path,
    model: ModelChoice,
    json: bool,
) -> anyhow::Result<Status> {
    // Read both first: a bad file is reported before the model is loaded.
    let texts = [document_text(a)?, document_text(b)?];
    let encoder = Encoder::load(model, data_dir)?;
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let v = encoder.embed(vigil_model::Kind::Passage, &refs);
    let cosine = vectors::cosine(&v[0], &v[1]);
    let mut out = std::io::stdout().lock();
    if json {
        json_line(&mut out, &serde_json::json!({"cosine": cosine}))?;
    } else {
        writeln!(out, "{cosine:.4}")?;
    }
    Ok(Status::Ok)
}

/// What ingest embeds for this file: its first record, extracted and cleaned, as title,
/// newline and the lead of the body.
fn document_text(path: &Path) -> anyhow::Result<String> {
    let file = std::fs::File::open(path).with_context(|| format!("{}", path.display()))?;
    let name = path.display().to_string();
    let mut records = input::records(
        name.clone(),
        None,
        Box::new(std::io::BufReader::new(file)),
        Limits::default(),
    );
    let record = match records.next() {
        Some(r) => r.with_context(|| name.clone())?,
        None => bail!("{name}: no report in this file"),
    };
    let doc = pipeline::process(&record).with_context(|| name.clone())?;
    let body = vigil_text::clean::Body::new(&doc.text, &doc.removed);
    Ok(vigil_engine::similarity::profile::vector_text(
        doc.title.as_deref().unwrap_or(""),
        &body.text,
    ))
}
