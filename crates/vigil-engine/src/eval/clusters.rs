//! `vigil eval clusters FILE`: online event clustering scored with BCubed against gold
//! `cluster_id` (ECB+ format: `{doc_id, topic, cluster_id, lang, text}` per line).
//!
//! Only `text` and `lang` reach the clustering, in file order, through
//! [`OnlineClusters`]; `topic` is read by the one-cluster-per-topic baseline and `cluster_id`
//! by the scorer. Document frequencies grow as documents arrive, as they would in a store.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::EvalError;
use crate::similarity::pairs::{self, DocInput};
use crate::similarity::{CachedEncoder, Idf, OnlineClusters, SameEventModel, features};

/// Same-event score a document needs (average over a cluster's members) to join it.
pub const ASSIGN_THRESHOLD: f32 = 0.5;

#[derive(Debug, Deserialize)]
struct Row {
    #[serde(default)]
    topic: Option<serde_json::Value>,
    cluster_id: serde_json::Value,
    #[serde(default)]
    lang: Option<String>,
    text: String,
}

/// BCubed precision, recall and F1.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BCubed {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

/// One baseline: its F1 and, for thresholded ones, the threshold.
#[derive(Debug, Clone, Serialize)]
pub struct Baseline {
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
    pub n_pred: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub threshold: Option<f32>,
}

/// The report of `vigil eval clusters`.
#[derive(Debug, Clone, Serialize)]
pub struct ClustersReport {
    pub bcubed_p: f64,
    pub bcubed_r: f64,
    pub bcubed_f1: f64,
    pub n_docs: usize,
    pub n_gold: usize,
    pub n_pred: usize,
    /// The score the assignment used: `same_event` (fitted model) or `e5_doc` (no model).
    pub score: String,
    pub threshold: f32,
    pub baselines: BTreeMap<String, f64>,
    pub baselines_detail: BTreeMap<String, Baseline>,
    /// F1 of the same online assignment at other thresholds (how sensitive the figure is).
    pub threshold_sweep: Vec<(f32, f64)>,
}

/// BCubed of a predicted clustering against gold labels (same length, any label type).
pub fn bcubed<P: Eq + std::hash::Hash, G: Eq + std::hash::Hash>(
    pred: &[P],
    gold: &[G],
) -> Option<BCubed> {
    let n = pred.len();
    if n == 0 || gold.len() != n {
        return None;
    }
    let mut pred_size: HashMap<&P, usize> = HashMap::new();
    let mut gold_size: HashMap<&G, usize> = HashMap::new();
    let mut both: HashMap<(&P, &G), usize> = HashMap::new();
    for (p, g) in pred.iter().zip(gold) {
        *pred_size.entry(p).or_default() += 1;
        *gold_size.entry(g).or_default() += 1;
        *both.entry((p, g)).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (p, g) in pred.iter().zip(gold) {
        let shared = both[&(p, g)] as f64;
        precision += shared / pred_size[p] as f64;
        recall += shared / gold_size[g] as f64;
    }
    precision /= n as f64;
    recall /= n as f64;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Some(BCubed {
        precision,
        recall,
        f1,
    })
}

/// Pairwise scores `s[i][j]` for `j < i`, each computed when document `i` arrives (with the
/// document frequencies of documents `0..=i`).
type Lower = Vec<Vec<f32>>;

fn online_scores(
    rows: &[Row],
    encoders: &mut [CachedEncoder<'_>],
    path: &Path,
    mut dump: Option<&mut dyn Write>,
) -> Result<(Lower, Lower, Lower), EvalError> {
    let docs: Vec<DocInput<'_>> = rows
        .iter()
        .map(|r| DocInput {
            title: "",
            text: &r.text,
            lang: r.lang.as_deref(),
        })
        .collect();
    let profiles = pairs::profiles(&docs, encoders).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let model = SameEventModel::bundled().ok();
    let mut idf = Idf::default();
    let (mut main, mut e5, mut tfidf) = (Vec::new(), Vec::new(), Vec::new());
    for (i, p) in profiles.iter().enumerate() {
        idf.add(p);
        let mut row = Vec::with_capacity(i);
        let mut row_e5 = Vec::with_capacity(i);
        let mut row_tfidf = Vec::with_capacity(i);
        for (j, q) in profiles[..i].iter().enumerate() {
            let f = features(p, q, &idf);
            let cos = f.get("e5_doc").unwrap_or(0.0);
            row.push(model.map_or(cos, |m| m.event_score(&f)));
            if let Some(out) = dump.as_deref_mut() {
                dump_pair(out, rows, i, j, &f).map_err(|source| EvalError::Io {
                    path: path.to_path_buf(),
                    source,
                })?;
            }
            row_e5.push(cos);
            row_tfidf.push(f.get("tfidf").unwrap_or(0.0));
        }
        main.push(row);
        e5.push(row_e5);
        tfidf.push(row_tfidf);
    }
    Ok((main, e5, tfidf))
}

/// One pair for `scripts/fit_same_event.py --events`: pairs within a topic (where the hard
/// cases are) and pairs across topics whose e5 cosine is high.
fn dump_pair(
    out: &mut dyn Write,
    rows: &[Row],
    i: usize,
    j: usize,
    f: &crate::similarity::Features,
) -> std::io::Result<()> {
    let (a, b) = (&rows[i], &rows[j]);
    let same_topic = a.topic.is_some() && a.topic == b.topic;
    if !same_topic && f.get("e5_doc").unwrap_or(0.0) < 0.8 {
        return Ok(());
    }
    let topic = |r: &Row| r.topic.as_ref().map(label).unwrap_or_default();
    let line = serde_json::json!({
        "i": i, "j": j, "topic": topic(a), "topic_j": topic(b), "same_topic": same_topic,
        "same": a.cluster_id == b.cluster_id, "x": f.0,
    });
    writeln!(out, "{line}")
}

/// Online assignment in arrival order at `threshold` over precomputed scores.
fn assign(scores: &Lower, threshold: f32) -> Vec<usize> {
    let mut clusters = OnlineClusters::new(threshold);
    for row in scores {
        clusters.assign(|j| row.get(j).copied().unwrap_or(0.0));
    }
    clusters.assignment().to_vec()
}

fn baseline(pred: &[usize], gold: &[String], threshold: Option<f32>) -> Option<Baseline> {
    let b = bcubed(pred, gold)?;
    let n_pred = pred.iter().collect::<std::collections::HashSet<_>>().len();
    Some(Baseline {
        f1: b.f1,
        precision: b.precision,
        recall: b.recall,
        n_pred,
        threshold,
    })
}

/// The best F1 over a sweep of thresholds: an oracle (it reads the gold labels to choose).
fn oracle(scores: &Lower, gold: &[String], lo: f32, hi: f32, step: f32) -> Option<Baseline> {
    let mut best: Option<Baseline> = None;
    let mut t = lo;
    while t <= hi + 1e-6 {
        let b = baseline(&assign(scores, t), gold, Some(t))?;
        if best.as_ref().is_none_or(|x| b.f1 > x.f1) {
            best = Some(b);
        }
        t += step;
    }
    best
}

fn label(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

pub fn evaluate(
    path: &Path,
    encoders: &mut [CachedEncoder<'_>],
) -> Result<ClustersReport, EvalError> {
    evaluate_dumping(path, encoders, None)
}

/// [`evaluate`], also writing pair features and gold same-event labels to `dump` (after a
/// header naming the feature set) for fitting the event model.
pub fn evaluate_dumping(
    path: &Path,
    encoders: &mut [CachedEncoder<'_>],
    mut dump: Option<&mut dyn Write>,
) -> Result<ClustersReport, EvalError> {
    let rows = super::read_jsonl::<Row>(path)?;
    let gold: Vec<String> = rows.iter().map(|r| label(&r.cluster_id)).collect();
    if let Some(out) = dump.as_deref_mut() {
        let header = serde_json::json!({
            "feature_set": crate::similarity::feature_set_hash(),
            "features": crate::similarity::FEATURE_NAMES,
            "n_docs": rows.len(),
            "gold": gold,
        });
        writeln!(out, "{header}").map_err(|source| EvalError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    }
    let (main, e5, tfidf) = online_scores(&rows, encoders, path, dump)?;
    let model = SameEventModel::bundled().ok();
    let fitted = model.is_some();
    let threshold = match model {
        Some(m) => m.event_threshold(ASSIGN_THRESHOLD),
        None => 0.88,
    };
    let pred = assign(&main, threshold);
    let empty = || EvalError::Empty {
        path: path.to_path_buf(),
    };
    let score = bcubed(&pred, &gold).ok_or_else(empty)?;

    let mut detail = BTreeMap::new();
    let topics: Vec<String> = rows
        .iter()
        .map(|r| r.topic.as_ref().map(label).unwrap_or_default())
        .collect();
    let mut topic_ids: HashMap<&str, usize> = HashMap::new();
    let per_topic: Vec<usize> = topics
        .iter()
        .map(|t| {
            let next = topic_ids.len();
            *topic_ids.entry(t.as_str()).or_insert(next)
        })
        .collect();
    detail.insert(
        "one_cluster_per_topic".into(),
        baseline(&per_topic, &gold, None),
    );
    detail.insert(
        "e5_threshold_oracle".into(),
        oracle(&e5, &gold, 0.80, 0.97, 0.005),
    );
    detail.insert(
        "tfidf_threshold_oracle".into(),
        oracle(&tfidf, &gold, 0.02, 0.6, 0.02),
    );
    let detail: BTreeMap<String, Baseline> = detail
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .collect();
    let threshold_sweep = (1..20)
        .map(|k| k as f32 * 0.05)
        .filter_map(|t| Some((t, bcubed(&assign(&main, t), &gold)?.f1)))
        .collect();
    Ok(ClustersReport {
        bcubed_p: score.precision,
        bcubed_r: score.recall,
        bcubed_f1: score.f1,
        n_docs: rows.len(),
        n_gold: gold.iter().collect::<std::collections::HashSet<_>>().len(),
        n_pred: pred.iter().collect::<std::collections::HashSet<_>>().len(),
        score: if fitted { "same_event" } else { "e5_doc" }.into(),
        threshold,
        baselines: detail.iter().map(|(k, v)| (k.clone(), v.f1)).collect(),
        baselines_detail: detail,
        threshold_sweep,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bcubed_perfect_and_all_in_one() {
        let gold = ["a", "a", "b", "b", "b"];
        let perfect = bcubed(&[1, 1, 2, 2, 2], &gold).unwrap();
        assert_eq!(
            (perfect.precision, perfect.recall, perfect.f1),
            (1.0, 1.0, 1.0)
        );
        // One cluster: precision = (2·2/5 + 3·3/5)/5 = 13/25, recall 1.
        let one = bcubed(&[0; 5], &gold).unwrap();
        assert!((one.precision - 13.0 / 25.0).abs() < 1e-12);
        assert_eq!(one.recall, 1.0);
        // Singletons: precision 1, recall = (2·1/2 + 3·1/3)/5 = 2/5.
        let single = bcubed(&[0, 1, 2, 3, 4], &gold).unwrap();
        assert_eq!(single.precision, 1.0);
        assert!((single.recall - 0.4).abs() < 1e-12);
        assert!((single.f1 - 2.0 * 0.4 / 1.4).abs() < 1e-12);
    }

    #[test]
    fn bcubed_split_cluster() {
        // Gold {0,1,2}{3}; predicted {0,1}{2,3}.
        let b = bcubed(&["x", "x", "y", "y"], &[1, 1, 1, 2]).unwrap();
        // Precision: 1, 1, 1/2, 1/2 → 0.75. Recall: 2/3, 2/3, 1/3, 1 → 2/3.
        assert!((b.precision - 0.75).abs() < 1e-12);
        assert!((b.recall - 2.0 / 3.0).abs() < 1e-12);
        assert_eq!(bcubed::<u8, u8>(&[], &[]), None);
        assert_eq!(bcubed(&[1], &[1, 2]), None);
    }

    fn shared_file(rel: &str) -> Option<std::path::PathBuf> {
        let shared = std::env::var_os("VIGIL_SHARED_DIR").map_or_else(
            || std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
            std::path::PathBuf::from,
        );
        let path = shared.join(rel);
        if path.is_file() {
            Some(path)
        } else {
            eprintln!("skipping: {} is absent", path.display());
            None
        }
    }

    /// Lexical signals only (no encoder): the file's shape and the per-topic baseline.
    #[test]
    fn ecbplus_dev_without_vectors() {
        let Some(path) = shared_file("data/ecbplus/dev.jsonl") else {
            return;
        };
        let report = evaluate(&path, &mut []).unwrap();
        assert_eq!((report.n_docs, report.n_gold), (462, 40));
        let per_topic = report.baselines["one_cluster_per_topic"];
        // Two events per topic: one cluster per topic keeps recall at 1 and halves precision.
        assert!(per_topic > 0.5 && per_topic < 0.8, "{per_topic}");
        assert!(report.bcubed_f1 > 0.3, "{report:?}");
    }

    #[test]
    fn assignment_at_threshold() {
        let scores: Lower = vec![vec![], vec![0.9], vec![0.1, 0.2], vec![0.8, 0.7, 0.0]];
        assert_eq!(assign(&scores, 0.5), vec![0, 0, 1, 0]);
        assert_eq!(assign(&scores, 0.95), vec![0, 1, 2, 3]);
    }
}
