//! `vigil eval similarity FILE`: Pearson correlation of the same-event score with the SemEval
//! 2022 Task 8 `Overall` label, overall and per language pair, with bootstrap intervals, beside
//! the baselines computed in the same run.
//!
//! FILE is JSON Lines of `{pair_id, lang1, lang2, title1, text1, title2, text2, labels}`. The
//! label runs 1 (very similar) to 4, so Pearson is reported against its negation: higher is
//! better. Document frequencies come from the documents of the file itself (no labels).

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::EvalError;
use crate::similarity::pairs::{self, DocInput};
use crate::similarity::{
    CachedEncoder, FEATURE_NAMES, Features, Idf, SameEventModel, feature_set_hash, features,
};

/// Bootstrap resamples for the 95% intervals.
const BOOTSTRAP_ROUNDS: usize = 1000;
const BOOTSTRAP_SEED: u64 = 0x5EED_2022;

#[derive(Debug, Deserialize)]
struct Row {
    pair_id: String,
    lang1: String,
    lang2: String,
    #[serde(default)]
    title1: String,
    text1: String,
    #[serde(default)]
    title2: String,
    text2: String,
    #[serde(default)]
    labels: Option<Labels>,
}

#[derive(Debug, Deserialize)]
struct Labels {
    #[serde(rename = "Overall")]
    overall: f64,
}

/// One pair's score (`--scores`).
#[derive(Debug, Clone, Serialize)]
pub struct PairScore {
    pub pair_id: String,
    pub score: f64,
}

/// Pearson and its interval on one slice of the pairs.
#[derive(Debug, Clone, Serialize)]
pub struct Correlation {
    pub pearson: Option<f64>,
    pub n: usize,
    pub ci95: Option<[f64; 2]>,
}

/// The report of `vigil eval similarity`.
#[derive(Debug, Clone, Serialize)]
pub struct SimilarityReport {
    pub pearson: Option<f64>,
    pub n: usize,
    pub ci95: Option<[f64; 2]>,
    pub per_pair: BTreeMap<String, Correlation>,
    /// Pearson of each single signal used alone as the score.
    pub baselines: BTreeMap<String, Option<f64>>,
    pub baselines_per_pair: BTreeMap<String, BTreeMap<String, Correlation>>,
    /// `fitted` or why the fitted model could not be used (the score is then `e5_doc`).
    pub model: String,
    /// True when the model was fitted on exactly these pairs: the figures are then an
    /// in-sample fit, not an estimate for unseen pairs (see the CV figures in weights.json).
    pub in_sample: bool,
    pub feature_set: String,
}

/// Every pair of the file with its features and label.
struct Scored {
    pair_id: String,
    lang_pair: String,
    label: Option<f64>,
    features: Features,
}

fn featurise<'a>(
    path: &Path,
    rows: &'a [Row],
    encoders: &mut [CachedEncoder<'_>],
) -> Result<Vec<Scored>, EvalError> {
    // Each distinct document once: articles recur across pairs.
    let mut index: HashMap<(&str, &str, &str), usize> = HashMap::new();
    let mut docs: Vec<DocInput<'_>> = Vec::new();
    let mut slot = |lang: &'a str, title: &'a str, text: &'a str| -> usize {
        let key = (lang, title, text);
        *index.entry(key).or_insert_with(|| {
            docs.push(DocInput {
                title,
                text,
                lang: Some(lang),
            });
            docs.len() - 1
        })
    };
    let ids: Vec<(usize, usize)> = rows
        .iter()
        .map(|r| {
            (
                slot(&r.lang1, &r.title1, &r.text1),
                slot(&r.lang2, &r.title2, &r.text2),
            )
        })
        .collect();
    let profiles = pairs::profiles(&docs, encoders).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut idf = Idf::default();
    for p in &profiles {
        idf.add(p);
    }
    Ok(rows
        .iter()
        .zip(ids)
        .map(|(r, (a, b))| Scored {
            pair_id: r.pair_id.clone(),
            lang_pair: format!("{}-{}", r.lang1, r.lang2),
            label: r.labels.as_ref().map(|l| l.overall),
            features: features(&profiles[a], &profiles[b], &idf),
        })
        .collect())
}

fn score_of(model: Option<&SameEventModel>, f: &Features) -> f64 {
    match model {
        Some(m) => f64::from(m.score(f)),
        None => f64::from(f.get("e5_doc").unwrap_or(0.0)),
    }
}

/// Scores every pair (labels not needed).
pub fn scores(
    path: &Path,
    encoders: &mut [CachedEncoder<'_>],
) -> Result<Vec<PairScore>, EvalError> {
    let rows = super::read_jsonl::<Row>(path)?;
    let model = SameEventModel::bundled().ok();
    Ok(featurise(path, &rows, encoders)?
        .into_iter()
        .map(|s| PairScore {
            score: score_of(model, &s.features),
            pair_id: s.pair_id,
        })
        .collect())
}

/// Writes one JSON line per pair with its features, vector products, label and language pair
/// (after a header naming the feature set), for `scripts/fit_same_event.py`.
pub fn dump_features(
    path: &Path,
    encoders: &mut [CachedEncoder<'_>],
    out: &mut dyn Write,
) -> Result<(), EvalError> {
    let rows = super::read_jsonl::<Row>(path)?;
    let scored = featurise(path, &rows, encoders)?;
    let io = |source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    };
    let header = serde_json::json!({"feature_set": feature_set_hash(), "features": FEATURE_NAMES});
    writeln!(out, "{header}").map_err(io)?;
    for s in scored {
        let line = serde_json::json!({
            "pair_id": s.pair_id, "lang_pair": s.lang_pair, "overall": s.label,
            "x": s.features.0, "products": s.features.products(),
        });
        writeln!(out, "{line}").map_err(io)?;
    }
    Ok(())
}

/// Scores every labelled pair and correlates.
pub fn evaluate(
    path: &Path,
    encoders: &mut [CachedEncoder<'_>],
) -> Result<SimilarityReport, EvalError> {
    let rows = super::read_jsonl::<Row>(path)?;
    let scored: Vec<Scored> = featurise(path, &rows, encoders)?
        .into_iter()
        .filter(|s| s.label.is_some())
        .collect();
    if scored.is_empty() {
        return Err(EvalError::Empty {
            path: path.to_path_buf(),
        });
    }
    let (model, model_status) = match SameEventModel::bundled() {
        Ok(m) => (Some(m), "fitted".to_string()),
        Err(e) => (None, e.to_string()),
    };
    let in_sample = model
        .and_then(|m| m.trained_on.as_deref())
        .is_some_and(|h| h == pair_ids_hash(scored.iter().map(|s| s.pair_id.as_str())));
    // Negated label: 1 = very similar becomes the highest.
    let gold: Vec<f64> = scored.iter().map(|s| -s.label.unwrap_or(0.0)).collect();
    let lang_pairs: Vec<&str> = scored.iter().map(|s| s.lang_pair.as_str()).collect();

    let main: Vec<f64> = scored
        .iter()
        .map(|s| score_of(model, &s.features))
        .collect();
    let overall = correlation(&main, &gold);
    let per_pair = per_lang_pair(&main, &gold, &lang_pairs);

    let mut baselines = BTreeMap::new();
    let mut baselines_per_pair = BTreeMap::new();
    for (label, feature) in [
        ("e5_cosine", "e5_doc"),
        ("use_cosine", "use_doc"),
        ("tfidf_cosine", "tfidf"),
    ] {
        let Some(values): Option<Vec<f64>> = scored
            .iter()
            .map(|s| s.features.get(feature).map(f64::from))
            .collect()
        else {
            continue;
        };
        baselines.insert(label.to_string(), pearson(&values, &gold));
        baselines_per_pair.insert(
            label.to_string(),
            per_lang_pair(&values, &gold, &lang_pairs),
        );
    }
    Ok(SimilarityReport {
        pearson: overall.pearson,
        n: overall.n,
        ci95: overall.ci95,
        per_pair,
        baselines,
        baselines_per_pair,
        model: model_status,
        in_sample,
        feature_set: feature_set_hash(),
    })
}

/// SHA-256 of the sorted pair ids, one per line (what the fitting script records).
pub fn pair_ids_hash<'a>(ids: impl Iterator<Item = &'a str>) -> String {
    use sha2::Digest;
    let mut ids: Vec<&str> = ids.collect();
    ids.sort_unstable();
    let mut h = sha2::Sha256::new();
    for id in ids {
        h.update(id.as_bytes());
        h.update(b"\n");
    }
    hex::encode(h.finalize())[..16].to_string()
}

fn per_lang_pair(x: &[f64], y: &[f64], groups: &[&str]) -> BTreeMap<String, Correlation> {
    let mut by: BTreeMap<&str, (Vec<f64>, Vec<f64>)> = BTreeMap::new();
    for ((&a, &b), &g) in x.iter().zip(y).zip(groups) {
        let e = by.entry(g).or_default();
        e.0.push(a);
        e.1.push(b);
    }
    by.into_iter()
        .map(|(g, (a, b))| (g.to_string(), correlation(&a, &b)))
        .collect()
}

fn correlation(x: &[f64], y: &[f64]) -> Correlation {
    Correlation {
        pearson: pearson(x, y),
        n: x.len(),
        ci95: bootstrap_ci(x, y, BOOTSTRAP_ROUNDS, BOOTSTRAP_SEED),
    }
}

/// Pearson correlation; `None` with fewer than two points or no variance.
pub fn pearson(x: &[f64], y: &[f64]) -> Option<f64> {
    let n = x.len().min(y.len());
    if n < 2 {
        return None;
    }
    let mx = x[..n].iter().sum::<f64>() / n as f64;
    let my = y[..n].iter().sum::<f64>() / n as f64;
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (a, b) in x[..n].iter().zip(&y[..n]) {
        sxy += (a - mx) * (b - my);
        sxx += (a - mx) * (a - mx);
        syy += (b - my) * (b - my);
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

/// Percentile 95% interval of Pearson over `rounds` resamples of the pairs with replacement,
/// from a fixed seed (so the same input always gives the same interval).
pub fn bootstrap_ci(x: &[f64], y: &[f64], rounds: usize, seed: u64) -> Option<[f64; 2]> {
    let n = x.len().min(y.len());
    if n < 3 || rounds == 0 {
        return None;
    }
    let mut rng = SplitMix64(seed);
    let mut stats = Vec::with_capacity(rounds);
    let (mut xs, mut ys) = (vec![0.0; n], vec![0.0; n]);
    for _ in 0..rounds {
        for i in 0..n {
            let j = rng.below(n);
            xs[i] = x[j];
            ys[i] = y[j];
        }
        if let Some(r) = pearson(&xs, &ys) {
            stats.push(r);
        }
    }
    if stats.is_empty() {
        return None;
    }
    stats.sort_by(f64::total_cmp);
    let at = |q: f64| stats[((q * (stats.len() - 1) as f64).round() as usize).min(stats.len() - 1)];
    Some([at(0.025), at(0.975)])
}

/// A small seeded generator (SplitMix64): deterministic everywhere, no dependency.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pearson_known_values() {
        let x = [1.0, 2.0, 3.0, 4.0, 5.0];
        assert!((pearson(&x, &[2.0, 4.0, 6.0, 8.0, 10.0]).unwrap() - 1.0).abs() < 1e-12);
        assert!((pearson(&x, &[5.0, 4.0, 3.0, 2.0, 1.0]).unwrap() + 1.0).abs() < 1e-12);
        // Hand-computed: x = 1,2,3 and y = 1,3,2 give r = 0.5.
        assert!((pearson(&[1.0, 2.0, 3.0], &[1.0, 3.0, 2.0]).unwrap() - 0.5).abs() < 1e-12);
        assert_eq!(pearson(&x, &[1.0; 5]), None, "no variance");
        assert_eq!(pearson(&[1.0], &[1.0]), None);
    }

    #[test]
    fn bootstrap_is_seeded_and_brackets_the_estimate() {
        let x: Vec<f64> = (0..200)
            .map(|i| f64::from(i % 17) + f64::from(i) * 0.01)
            .collect();
        let y: Vec<f64> = x
            .iter()
            .enumerate()
            .map(|(i, v)| v + f64::from((i * 7919 % 13) as u32))
            .collect();
        let r = pearson(&x, &y).unwrap();
        let a = bootstrap_ci(&x, &y, 500, 7).unwrap();
        assert_eq!(Some(a), bootstrap_ci(&x, &y, 500, 7));
        assert!(a[0] < r && r < a[1], "{a:?} around {r}");
        assert!(a[1] - a[0] < 0.3);
        // A perfect correlation stays perfect in every resample.
        let p = bootstrap_ci(&x, &x, 100, 1).unwrap();
        assert!((p[0] - 1.0).abs() < 1e-9 && (p[1] - 1.0).abs() < 1e-9);
    }

    /// Lexical signals only (no encoder): every pair read, TF-IDF correlates with the label.
    #[test]
    fn semeval_dev_without_vectors() {
        let shared = std::env::var_os("VIGIL_SHARED_DIR").map_or_else(
            || std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
            std::path::PathBuf::from,
        );
        let path = shared.join("data/semeval2022-task8/dev.jsonl");
        if !path.is_file() {
            eprintln!("skipping: {} is absent", path.display());
            return;
        }
        let report = evaluate(&path, &mut []).unwrap();
        assert_eq!(report.n, 1100);
        assert_eq!(report.per_pair["ar-ar"].n, 120);
        let tfidf = report.baselines["tfidf_cosine"].unwrap();
        assert!(tfidf > 0.3, "{tfidf}");
        assert!(!report.baselines.contains_key("e5_cosine"));
        assert!(!report.baselines.contains_key("use_cosine"));
    }

    #[test]
    fn pair_ids_hash_ignores_order() {
        assert_eq!(
            pair_ids_hash(["1_2", "3_4"].into_iter()),
            pair_ids_hash(["3_4", "1_2"].into_iter())
        );
    }
}
