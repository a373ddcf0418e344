//! `vigil eval clusters FILE`: online event clustering scored with BCubed against gold
//! `cluster_id` (ECB+ format: `{doc_id, topic, cluster_id, lang, text}` per line).
//!
//! Only `text` and `lang` reach the clustering, in file order or a seeded shuffle, through
//! [`decide`] over each arrival's [`NEIGHBORS`] nearest earlier documents, as ingest runs it;
//! `topic` is read by the one-cluster-per-topic baseline and `cluster_id` by the scorer.
//! Document frequencies grow as documents arrive, as they would in a store.

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::EvalError;
use super::stream::{StreamDoc, ingest_stream};
use crate::similarity::features::tfidf_cosine;
use crate::similarity::regroup;
use crate::similarity::{
    Decision, Encoder, Events, Idf, Linkage, Neighbor, Profile, Rule, SameEventModel, cosine,
    decide, features,
};

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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linkage: Option<String>,
}

/// The report of `vigil eval clusters`.
#[derive(Debug, Clone, Serialize)]
pub struct ClustersReport {
    /// F1 of replaying the rule ([`decide`], or the regroup replay) over the evaluation's own
    /// candidates: equal to `bcubed_f1` unless ingest and the evaluation disagree on
    /// candidates or scores (a bug).
    pub replay_f1: f64,
    pub bcubed_p: f64,
    pub bcubed_r: f64,
    pub bcubed_f1: f64,
    pub n_docs: usize,
    pub n_gold: usize,
    pub n_pred: usize,
    /// `file`, or `shuffled:SEED`.
    pub order: String,
    /// The score the assignment used: `same_event` (fitted event model) or `e5_doc`.
    pub score: String,
    pub threshold: f32,
    pub linkage: String,
    /// Earlier documents each arrival was compared with ([`NEIGHBORS`]).
    pub neighbors: usize,
    /// Merges decided by bridging reports.
    pub merges: usize,
    pub baselines: BTreeMap<String, f64>,
    pub baselines_detail: BTreeMap<String, Baseline>,
    /// Time the assigner took to place one report during the run (candidate search, pair
    /// scores, the decision or regroup; not encoding or storing), in milliseconds.
    pub place_ms: PlaceMs,
    /// F1 of the same online assignment at other thresholds (how sensitive the figure is;
    /// under the regroup rule, pairs keep the scores of the run at the fitted threshold).
    pub threshold_sweep: Vec<(f32, f64)>,
}

/// Distribution of per-report placement times.
#[derive(Debug, Clone, Serialize)]
pub struct PlaceMs {
    pub p50: f64,
    pub p99: f64,
    pub max: f64,
}

impl PlaceMs {
    fn of(ms: &[f64]) -> PlaceMs {
        let mut sorted = ms.to_vec();
        sorted.sort_by(f64::total_cmp);
        let at = |q: f64| {
            sorted
                .get(((sorted.len().max(1) - 1) as f64 * q).round() as usize)
                .copied()
                .unwrap_or(0.0)
        };
        PlaceMs {
            p50: at(0.5),
            p99: at(0.99),
            max: sorted.last().copied().unwrap_or(0.0),
        }
    }
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

/// Earlier documents each arrival is compared with: the K nearest by e5 cosine, as the ANN
/// index returns them at ingest (exact search here).
pub const NEIGHBORS: usize = 32;

/// One earlier document found for an arrival, with the scores the assignments read.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    doc: usize,
    /// The same-event score (the fitted model), else the e5 cosine.
    score: f32,
    e5: f32,
    tfidf: f32,
}

/// The candidates of each arrival, in arrival order.
type Found = Vec<Vec<Candidate>>;

/// For each arrival `i`, its candidates as the assigner finds them: the union of the
/// [`NEIGHBORS`] nearest earlier documents by each encoder's document vector (by TF-IDF
/// cosine without an encoder; ties to the earlier document), each pair scored when `i` arrives
/// (with the document frequencies of documents `0..=i`). When dumping, every earlier pair is
/// written too.
fn online_candidates(
    rows: &[&Row],
    profiles: &[Profile],
    path: &Path,
    mut dump: Option<&mut dyn Write>,
) -> Result<Found, EvalError> {
    let model = SameEventModel::bundled().ok();
    let mut idf = Idf::default();
    let mut found = Vec::with_capacity(rows.len());
    for (i, p) in profiles.iter().enumerate() {
        idf.add(p);
        let mut near: std::collections::BTreeSet<usize> = Default::default();
        let encoders: Vec<&str> = p.vectors.keys().copied().collect();
        let rank = |by: &dyn Fn(&Profile) -> f32| -> Vec<usize> {
            let mut scored: Vec<(f32, usize)> = profiles[..i]
                .iter()
                .enumerate()
                .map(|(j, q)| (by(q), j))
                .collect();
            scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            scored.into_iter().take(NEIGHBORS).map(|(_, j)| j).collect()
        };
        for encoder in &encoders {
            let Some(mine) = p.vectors.get(encoder) else {
                continue;
            };
            near.extend(rank(&|q: &Profile| {
                q.vectors
                    .get(encoder)
                    .map_or(-1.0, |v| cosine(&mine.doc, &v.doc))
            }));
        }
        if encoders.is_empty() {
            near.extend(rank(&|q: &Profile| {
                tfidf_cosine(&p.terms, &q.terms, &|t| idf.weight(t)).unwrap_or(0.0)
            }));
        }
        let candidate = |j: usize, f: &crate::similarity::Features| {
            let e5 = f.get("e5_doc").unwrap_or(0.0);
            Candidate {
                doc: j,
                score: model.map_or(e5, |m| m.event_score(f)),
                e5,
                tfidf: f.get("tfidf").unwrap_or(0.0),
            }
        };
        if let Some(out) = dump.as_deref_mut() {
            for (j, q) in profiles[..i].iter().enumerate() {
                dump_pair(out, rows, i, j, &features(p, q, &idf)).map_err(|source| {
                    EvalError::Io {
                        path: path.to_path_buf(),
                        source,
                    }
                })?;
            }
        }
        found.push(
            near.iter()
                .map(|&j| candidate(j, &features(p, &profiles[j], &idf)))
                .collect(),
        );
    }
    Ok(found)
}

/// One pair for `scripts/fit_same_event.py --events`: every earlier document, so the script
/// can rebuild each arrival's nearest neighbours; `fit` marks the pairs the model is fitted on
/// (within a topic, where the hard cases are, and across topics when the e5 cosine is high).
fn dump_pair(
    out: &mut dyn Write,
    rows: &[&Row],
    i: usize,
    j: usize,
    f: &crate::similarity::Features,
) -> std::io::Result<()> {
    let (a, b) = (rows[i], rows[j]);
    let same_topic = a.topic.is_some() && a.topic == b.topic;
    let fit = same_topic || f.get("e5_doc").unwrap_or(0.0) >= 0.8;
    let topic = |r: &Row| r.topic.as_ref().map(label).unwrap_or_default();
    let line = serde_json::json!({
        "i": i, "j": j, "topic": topic(a), "topic_j": topic(b), "same_topic": same_topic,
        "fit": fit, "same": a.cluster_id == b.cluster_id, "x": f.0,
    });
    writeln!(out, "{line}")
}

/// Online assignment in arrival order by `rule`, over the candidates' `score`: each
/// document's event, and the number of merges.
fn assign(found: &Found, rule: &Rule, score: fn(&Candidate) -> f32) -> (Vec<u64>, usize) {
    let mut events = Events::default();
    let mut merges = 0;
    for candidates in found {
        let neighbors: Vec<Neighbor> = candidates
            .iter()
            .map(|c| Neighbor {
                doc: c.doc,
                event: events.event_of(c.doc),
                score: score(c),
            })
            .collect();
        let decision = decide(&neighbors, &|e| events.size(e), rule);
        merges += usize::from(matches!(decision, Decision::Merge { .. }));
        events.apply(&decision);
    }
    (events.assignment().to_vec(), merges)
}

/// The regroup rule ([`Linkage::Regroup`]) replayed in memory over the candidates, with the
/// assigner's units and clustering ([`regroup`]): only event ids differ.
/// Pair scores are computed on first use with the document frequencies of that moment and
/// kept in `scores`, as the assigner does, so the replay of ingest's own run agrees with it.
fn regroup_replay(
    profiles: &[Profile],
    found: &Found,
    threshold: f32,
    scores: &mut HashMap<(usize, usize), f32>,
) -> Vec<u64> {
    let model = SameEventModel::bundled().ok();
    let mut idf = Idf::default();
    let mut event: Vec<u64> = Vec::with_capacity(profiles.len());
    let mut members: BTreeMap<u64, Vec<usize>> = BTreeMap::new();
    let mut fresh = 0u64;
    for (i, candidates) in found.iter().enumerate() {
        idf.add(&profiles[i]);
        event.push(u64::MAX);
        // As the assigner takes them; an event's earliest member is its founder.
        let found: Vec<(i64, u64, f32)> = candidates
            .iter()
            .map(|c| (c.doc as i64, event[c.doc], c.score))
            .collect();
        let touched = regroup::touched(
            &found,
            |e| members[e][0] as i64,
            |e| members[e].iter().map(|&m| m as i64).collect(),
        );
        let units = regroup::units(i as i64, touched, threshold);
        let groups = regroup::group(&units, threshold, &mut |x, y| {
            let (newer, older) = (x.max(y) as usize, x.min(y) as usize);
            Ok::<f32, std::convert::Infallible>(*scores.entry((newer, older)).or_insert_with(
                || {
                    let f = features(&profiles[newer], &profiles[older], &idf);
                    model.map_or(f.get("e5_doc").unwrap_or(0.0), |m| m.event_score(&f))
                },
            ))
        })
        .unwrap_or_else(|never| match never {});
        for group in groups {
            let mut docs: Vec<usize> = Vec::new();
            for &u in &group {
                let unit = &units[u];
                match (unit.event, unit.settled) {
                    // A settled event moves whole.
                    (Some(e), true) => docs.extend(members.remove(&e).unwrap_or_default()),
                    _ => docs.push(unit.docs[0] as usize),
                }
            }
            for &u in group.iter().filter(|&&u| !units[u].settled) {
                if let Some(e) = units[u].event
                    && let Some(m) = members.get_mut(&e)
                {
                    m.retain(|&d| d != units[u].docs[0] as usize);
                    if m.is_empty() {
                        members.remove(&e);
                    }
                }
            }
            docs.sort_unstable();
            for &d in &docs {
                event[d] = fresh;
            }
            members.insert(fresh, docs);
            fresh += 1;
        }
    }
    event
}

/// The online assignment `rule` in arrival order: [`assign`], or the regroup replay.
fn run_rule(
    profiles: &[Profile],
    found: &Found,
    rule: &Rule,
    scores: &mut HashMap<(usize, usize), f32>,
) -> (Vec<u64>, usize) {
    match rule.linkage {
        Linkage::Regroup => (regroup_replay(profiles, found, rule.threshold, scores), 0),
        _ => assign(found, rule, |c| c.score),
    }
}

fn baseline(
    pred: &[u64],
    gold: &[String],
    threshold: Option<f32>,
    linkage: Option<Linkage>,
) -> Option<Baseline> {
    let b = bcubed(pred, gold)?;
    let n_pred = pred.iter().collect::<std::collections::HashSet<_>>().len();
    Some(Baseline {
        f1: b.f1,
        precision: b.precision,
        recall: b.recall,
        n_pred,
        threshold,
        linkage: linkage.map(|l| format!("{l:?}")),
    })
}

/// The best F1 over both linkages and a sweep of thresholds: an oracle (it reads the gold
/// labels to choose), the most a score can do under [`decide`].
fn oracle(
    found: &Found,
    score: fn(&Candidate) -> f32,
    gold: &[String],
    (lo, hi, step): (f32, f32, f32),
) -> Option<Baseline> {
    let mut best: Option<Baseline> = None;
    for linkage in [Linkage::Max, Linkage::MeanOverSize] {
        let mut t = lo;
        while t <= hi + 1e-6 {
            let rule = Rule {
                linkage,
                threshold: t,
                merge_threshold: None,
            };
            let b = baseline(&assign(found, &rule, score).0, gold, Some(t), Some(linkage))?;
            if best.as_ref().is_none_or(|x| b.f1 > x.f1) {
                best = Some(b);
            }
            t += step;
        }
    }
    best
}

fn label(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The order documents arrive in: the file's, or a seeded shuffle of it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    #[default]
    File,
    Shuffled(u64),
}

pub fn evaluate(
    path: &Path,
    encoders: &[&dyn Encoder],
    cache_dir: Option<&Path>,
    order: Order,
) -> Result<ClustersReport, EvalError> {
    evaluate_dumping(path, encoders, cache_dir, order, None)
}

/// [`evaluate`], also writing pair features and gold same-event labels to `dump` (after a
/// header naming the feature set) for fitting the event model. Pair indices in the dump are
/// arrival indices.
pub fn evaluate_dumping(
    path: &Path,
    encoders: &[&dyn Encoder],
    cache_dir: Option<&Path>,
    order: Order,
    mut dump: Option<&mut dyn Write>,
) -> Result<ClustersReport, EvalError> {
    let file_rows = super::read_jsonl::<Row>(path)?;
    let rows: Vec<&Row> = match order {
        Order::File => file_rows.iter().collect(),
        Order::Shuffled(seed) => shuffled(file_rows.len(), seed)
            .into_iter()
            .map(|i| &file_rows[i])
            .collect(),
    };
    let gold: Vec<String> = rows.iter().map(|r| label(&r.cluster_id)).collect();
    if let Some(out) = dump.as_deref_mut() {
        let header = serde_json::json!({
            "feature_set": crate::similarity::feature_set_hash(),
            "features": crate::similarity::FEATURE_NAMES,
            "n_docs": rows.len(),
            "neighbors": NEIGHBORS,
            "gold": gold,
        });
        writeln!(out, "{header}").map_err(|source| EvalError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    }
    let stream: Vec<StreamDoc<'_>> = rows
        .iter()
        .map(|r| StreamDoc {
            text: &r.text,
            lang: r.lang.as_deref(),
        })
        .collect();
    let run = ingest_stream(&stream, encoders, cache_dir, path)?;
    let found = online_candidates(&rows, &run.profiles, path, dump)?;
    let model = SameEventModel::bundled().ok();
    let fitted = model.is_some_and(|m| m.events.is_some());
    let rule = crate::similarity::model::assignment_rule(model);
    // The figure is what `vigil ingest` assigned; the replay of `decide` over the same
    // candidates must agree with it (it drives the baselines and the threshold sweep).
    let mut event_ids: HashMap<&str, u64> = HashMap::new();
    let pred: Vec<u64> = run
        .stories
        .iter()
        .map(|(event, _)| {
            let next = event_ids.len() as u64;
            *event_ids.entry(event.as_str()).or_insert(next)
        })
        .collect();
    let mut pair_scores = HashMap::new();
    let (replayed, merges) = run_rule(&run.profiles, &found, &rule, &mut pair_scores);
    let empty = || EvalError::Empty {
        path: path.to_path_buf(),
    };
    let score = bcubed(&pred, &gold).ok_or_else(empty)?;

    let mut detail = BTreeMap::new();
    let mut topic_ids: HashMap<String, u64> = HashMap::new();
    let per_topic: Vec<u64> = rows
        .iter()
        .map(|r| {
            let next = topic_ids.len() as u64;
            *topic_ids
                .entry(r.topic.as_ref().map(label).unwrap_or_default())
                .or_insert(next)
        })
        .collect();
    detail.insert(
        "one_cluster_per_topic".into(),
        baseline(&per_topic, &gold, None, None),
    );
    detail.insert(
        "e5_threshold_oracle".into(),
        oracle(&found, |c| c.e5, &gold, (0.80, 0.97, 0.005)),
    );
    detail.insert(
        "tfidf_threshold_oracle".into(),
        oracle(&found, |c| c.tfidf, &gold, (0.02, 0.6, 0.02)),
    );
    let detail: BTreeMap<String, Baseline> = detail
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .collect();
    let threshold_sweep = (1..20)
        .map(|k| k as f32 * 0.05)
        .filter_map(|t| {
            let swept = Rule {
                threshold: t,
                ..rule
            };
            let swept = run_rule(&run.profiles, &found, &swept, &mut pair_scores).0;
            Some((t, bcubed(&swept, &gold)?.f1))
        })
        .collect();
    let replay_f1 = bcubed(&replayed, &gold).ok_or_else(empty)?.f1;
    Ok(ClustersReport {
        replay_f1,
        bcubed_p: score.precision,
        bcubed_r: score.recall,
        bcubed_f1: score.f1,
        n_docs: rows.len(),
        n_gold: gold.iter().collect::<std::collections::HashSet<_>>().len(),
        n_pred: pred.iter().collect::<std::collections::HashSet<_>>().len(),
        order: match order {
            Order::File => "file".into(),
            Order::Shuffled(seed) => format!("shuffled:{seed}"),
        },
        score: if fitted { "same_event" } else { "e5_doc" }.into(),
        threshold: rule.threshold,
        linkage: format!("{:?}", rule.linkage),
        neighbors: NEIGHBORS,
        merges,
        place_ms: PlaceMs::of(&run.place_ms),
        baselines: detail.iter().map(|(k, v)| (k.clone(), v.f1)).collect(),
        baselines_detail: detail,
        threshold_sweep,
    })
}

/// A permutation of `0..n` from `seed` (Fisher–Yates over SplitMix64): the same on every
/// platform and build, so a shuffled run can be repeated.
pub fn shuffled(n: usize, seed: u64) -> Vec<usize> {
    let mut state = seed;
    let mut next = move || {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    };
    let mut order: Vec<usize> = (0..n).collect();
    for i in (1..n).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        order.swap(i, j);
    }
    order
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

    #[test]
    fn assignment_over_neighbours() {
        let c = |doc, score| Candidate {
            doc,
            score,
            e5: 0.0,
            tfidf: 0.0,
        };
        let found: Found = vec![
            vec![],
            vec![c(0, 0.9)],
            vec![c(0, 0.1), c(1, 0.2)],
            vec![c(0, 0.8), c(1, 0.7)],
        ];
        let at = |threshold| Rule {
            linkage: Linkage::MeanOverSize,
            threshold,
            merge_threshold: None,
        };
        assert_eq!(assign(&found, &at(0.5), |c| c.score).0, vec![0, 0, 1, 0]);
        assert_eq!(assign(&found, &at(0.95), |c| c.score).0, vec![0, 1, 2, 3]);
    }

    #[test]
    fn shuffles_are_seeded_permutations() {
        let a = shuffled(100, 7);
        assert_eq!(a, shuffled(100, 7));
        assert_ne!(a, shuffled(100, 8));
        let mut sorted = a.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..100).collect::<Vec<_>>());
    }
}
