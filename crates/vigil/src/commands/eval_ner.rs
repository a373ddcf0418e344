//! `vigil eval ner FILE --lang ar|zh`: the committed NER model on a BIO file (one `token TAG`
//! per line, a blank line between sentences), scored the CoNLL way: an entity counts when its
//! exact tokens and type match; precision, recall and F1 per type and micro-averaged.
//!
//! Each sentence's tokens are joined into text as the language writes it (spaces for Arabic,
//! nothing for Chinese), the recogniser runs on that text as it would at ingest, and the names
//! it finds are mapped back to the tokens they cover. With `--held-out`, only the sentences
//! from the cut recorded in the model on are scored: on the file the model was trained from,
//! exactly the part it never saw. The committed models are trained on every sentence (more
//! data, better names); for them `--held-out` trains the same recipe on the sentences before
//! the language's cut and scores it on the rest (about a minute for ANERcorp), the estimate of
//! how the committed model does on text it never saw.
//!
//! When the e5 model file is at hand (`VIGIL_MODEL_PATH` or the model cache; it is not fetched
//! for this) and the language has a model that takes e5 token states, the states of every
//! sentence are computed and that model is scored; otherwise (or with `--no-vectors`) the
//! sparse-only model.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, bail};
use serde_json::{Value, json};
use vigil_facts::ner::eval::{Counts, Score, read_bio};
use vigil_facts::ner::training::{Data, held_out_cut, held_out_score};
use vigil_facts::ner::{recogniser, recogniser_with_vectors};

use super::Status;
use crate::output::{Table, json_line};

pub fn run(
    file: &Path,
    lang: &str,
    held_out: bool,
    e5: Option<&Path>,
    json: bool,
) -> anyhow::Result<Status> {
    let report = evaluate(file, lang, held_out, e5)?;
    let mut out = std::io::stdout().lock();
    if json {
        json_line(&mut out, &report)?;
    } else {
        print_table(&report, &mut out)?;
    }
    out.flush()?;
    Ok(Status::Ok)
}

/// `{"lang","file","held_out","sentences","vectors","model":{…},"overall":{…},
/// "per_type":{type:{…}}}`, each score `{"precision","recall","f1","gold","predicted",
/// "correct"}`. `e5` is the e5 model file, to score the model that takes its token states.
pub fn evaluate(
    file: &Path,
    lang: &str,
    held_out: bool,
    e5: Option<&Path>,
) -> anyhow::Result<Value> {
    let with_vectors = e5.zip(recogniser_with_vectors(lang));
    let Some(model) = with_vectors.map(|w| w.1).or_else(|| recogniser(lang)) else {
        bail!("no NER model for language {lang:?} (there are models for ar and zh)");
    };
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let sentences =
        read_bio(&text).with_context(|| format!("{} is not a BIO file", file.display()))?;
    let info = model.info();
    if held_out {
        let same_file = file.file_name().and_then(|n| n.to_str()) == Some(&info.training_file);
        if !same_file || sentences.len() != info.sentences as usize {
            bail!(
                "--held-out needs the file the model was trained from ({}, {} sentences); {} has {}",
                info.training_file,
                info.sentences,
                file.display(),
                sentences.len()
            );
        }
    }
    // A model trained on every sentence of the file has nothing held out: its recipe is
    // trained again on the sentences before the language's cut and scored on the rest.
    let retrain = held_out && info.held_out_from >= info.sentences;
    let from = match (held_out, retrain) {
        (false, _) => 0,
        (true, false) => info.held_out_from as usize,
        (true, true) => held_out_cut(lang, &sentences),
    };
    let encoded = if retrain {
        &sentences[..]
    } else {
        &sentences[from..]
    };
    let vectors = match with_vectors {
        Some((path, _)) => {
            let e5 = vigil_model::E5::load(path)
                .with_context(|| format!("cannot load the e5 model {}", path.display()))?;
            let texts: Vec<String> = encoded
                .iter()
                .map(|s| model.sentence_text(&s.tokens))
                .collect();
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            crate::model::ner_vectors(&e5, lang, &texts)
        }
        None => None,
    };
    let score: Score = if retrain {
        held_out_score(&Data {
            lang,
            sentences: &sentences,
            held_out_from: from,
            training_file: &info.training_file,
            vectors: vectors.as_deref(),
        })?
    } else {
        model.evaluate(encoded, vectors.as_deref())
    };
    let scored = &sentences[from..];
    let per_type: serde_json::Map<String, Value> = score
        .per_type
        .iter()
        .map(|(kind, c)| (kind.clone(), counts(c)))
        .collect();
    Ok(json!({
        "lang": lang,
        "file": file.display().to_string(),
        "held_out": held_out,
        "retrained": retrain,
        "sentences": scored.len(),
        "vectors": vectors.is_some(),
        "model": {
            "training_file": info.training_file,
            "held_out_from": info.held_out_from,
            "sentences": info.sentences,
            "feature_version": info.feature_version,
            "vector_layer": model.vector_layer(),
        },
        "overall": counts(&score.overall()),
        "per_type": per_type,
    }))
}

fn counts(c: &Counts) -> Value {
    json!({
        "precision": round(c.precision()),
        "recall": round(c.recall()),
        "f1": round(c.f1()),
        "gold": c.gold,
        "predicted": c.predicted,
        "correct": c.correct,
    })
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn print_table(report: &Value, out: &mut impl Write) -> std::io::Result<()> {
    let mut t = Table::new(vec![
        "TYPE",
        "PRECISION",
        "RECALL",
        "F1",
        "GOLD",
        "PREDICTED",
    ]);
    let pct = |v: &Value| format!("{:.1}", 100.0 * v.as_f64().unwrap_or(0.0));
    let per_type = report["per_type"].as_object().into_iter().flatten();
    for (kind, s) in per_type.chain([(&"overall".to_string(), &report["overall"])]) {
        t.row(vec![
            kind.clone(),
            pct(&s["precision"]),
            pct(&s["recall"]),
            pct(&s["f1"]),
            s["gold"].to_string(),
            s["predicted"].to_string(),
        ]);
    }
    t.print(out)?;
    let file = report["file"].as_str().unwrap_or_default();
    let with = if report["vectors"] == true {
        "with e5 token states"
    } else {
        "sparse features only"
    };
    let how = if report["retrained"] == true {
        " (held out: the committed recipe trained on the sentences before them)"
    } else {
        ""
    };
    writeln!(
        out,
        "\n{} sentences of {file}, {with}{how}",
        report["sentences"]
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_a_small_file_and_refuses_held_out_on_another() {
        let dir = std::env::temp_dir().join(format!("vigil-eval-ner-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("mini.txt");
        std::fs::write(&file, "زار O\nالرئيس O\nالمصري O\nالقاهرة B-LOC\n. O\n\n").unwrap();
        let report = evaluate(&file, "ar", false, None).unwrap();
        assert_eq!(report["sentences"], 1);
        assert_eq!(report["vectors"], false);
        assert_eq!(report["overall"]["gold"], 1);
        let f1 = report["overall"]["f1"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&f1));
        assert!(evaluate(&file, "ar", true, None).is_err());
        assert!(evaluate(&file, "fr", false, None).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
