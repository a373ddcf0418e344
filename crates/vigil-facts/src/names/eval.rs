//! Scoring the linker on name pairs across scripts (`eval/name-pairs.jsonl`): each pair is a
//! Latin name and a name in another script, and whether they are one entity.
//!
//! A pair counts as linked when the entity table, given each name alone in its own document
//! with no context, gives both the same id — the linker's own decision at its threshold, with
//! no help from events or co-occurring places. Ranking asks, for each true pair, whether the
//! right Latin name is the most similar of all the set's Latin names.

use crate::scoring::{f1, ratio};
use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::{DocContext, EntityTable, MentionInput, similarity};
use crate::Kind;

/// One line of the pairs file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct NamePair {
    pub a: String,
    pub a_lang: String,
    pub b: String,
    pub b_lang: String,
    pub kind: Kind,
    pub same: bool,
}

/// Counts for one group of pairs.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PairCounts {
    pub pairs: usize,
    pub true_positive: usize,
    pub false_positive: usize,
    pub false_negative: usize,
    pub true_negative: usize,
}

impl PairCounts {
    pub fn precision(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_positive)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.true_positive, self.true_positive + self.false_negative)
    }
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
    fn add(&mut self, same: bool, linked: bool) {
        self.pairs += 1;
        match (same, linked) {
            (true, true) => self.true_positive += 1,
            (false, true) => self.false_positive += 1,
            (true, false) => self.false_negative += 1,
            (false, false) => self.true_negative += 1,
        }
    }
}

/// One pair's outcome, for listing the mistakes.
#[derive(Debug, Clone, Serialize)]
pub struct PairOutcome {
    pub pair: NamePair,
    pub similarity: f32,
    pub linked: bool,
    /// For true pairs: the Latin name ranked most similar to `b`.
    pub best_latin: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct PairReport {
    pub overall: PairCounts,
    /// By the script of the non-Latin side ("arabic", "han", "cyrillic", "thai"…).
    pub by_script: BTreeMap<String, PairCounts>,
    /// True pairs whose Latin name ranks first among all Latin names of the set.
    pub ranked_first: usize,
    pub ranked: usize,
    pub outcomes: Vec<PairOutcome>,
}

impl PairReport {
    pub fn ranking_accuracy(&self) -> f64 {
        ratio(self.ranked_first, self.ranked)
    }
}

/// Reads a JSONL pairs file; blank lines are skipped.
pub fn parse_pairs(jsonl: &str) -> Result<Vec<NamePair>, serde_json::Error> {
    jsonl
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect()
}

/// Scores the linker on `pairs`.
pub fn score_pairs(pairs: &[NamePair]) -> PairReport {
    let latin: BTreeSet<&str> = pairs.iter().map(|p| p.a.as_str()).collect();
    let mut report = PairReport::default();
    for pair in pairs {
        let linked = links_alone(pair);
        report.overall.add(pair.same, linked);
        report
            .by_script
            .entry(script_of(&pair.b).to_string())
            .or_default()
            .add(pair.same, linked);
        let best_latin = pair.same.then(|| {
            latin
                .iter()
                .map(|l| (similarity(l, &pair.b), *l))
                .fold(
                    (f32::MIN, ""),
                    |best, c| if c.0 > best.0 { c } else { best },
                )
                .1
                .to_string()
        });
        if let Some(best) = &best_latin {
            report.ranked += 1;
            report.ranked_first += usize::from(*best == pair.a);
        }
        report.outcomes.push(PairOutcome {
            similarity: similarity(&pair.a, &pair.b),
            pair: pair.clone(),
            linked,
            best_latin,
        });
    }
    report
}

/// Whether a fresh table gives the two names, each alone in a document, one id.
fn links_alone(pair: &NamePair) -> bool {
    let mut table = EntityTable::new();
    let mut id = |name: &str, lang: &str| {
        let mention = MentionInput {
            kind: pair.kind,
            name,
            lang: Some(lang),
            gazetteer_key: None,
            vector: None,
        };
        table.link_document(&[mention], &DocContext::default())[0]
            .entity
            .clone()
    };
    let first = id(&pair.a, &pair.a_lang);
    first == id(&pair.b, &pair.b_lang)
}

/// The script of a name's first letter, by Unicode block.
pub fn script_of(name: &str) -> &'static str {
    let Some(c) = name.chars().find(|c| c.is_alphabetic()) else {
        return "other";
    };
    match c as u32 {
        0x0000..=0x024F | 0x1E00..=0x1EFF => "latin",
        0x0370..=0x03FF | 0x1F00..=0x1FFF => "greek",
        0x0400..=0x052F => "cyrillic",
        0x0590..=0x05FF => "hebrew",
        0x0600..=0x06FF | 0x0750..=0x077F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => "arabic",
        0x0900..=0x097F => "devanagari",
        0x0E00..=0x0E7F => "thai",
        0x3040..=0x30FF => "kana",
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => "han",
        0xAC00..=0xD7AF | 0x1100..=0x11FF => "hangul",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAIRS: &str = include_str!("../../eval/name-pairs.jsonl");

    #[test]
    fn pair_set_is_large_and_scripts_are_varied() {
        let pairs = parse_pairs(PAIRS).unwrap();
        assert!(pairs.len() >= 100);
        assert!(pairs.iter().filter(|p| !p.same).count() >= 20);
        let scripts: BTreeSet<&str> = pairs.iter().map(|p| script_of(&p.b)).collect();
        for script in ["arabic", "han", "cyrillic", "thai", "greek"] {
            assert!(scripts.contains(script), "{script}");
        }
        assert!(
            pairs
                .iter()
                .all(|p| script_of(&p.a) == "latin" && script_of(&p.b) != "latin")
        );
    }

    /// Floors under the measured figures, so that a change that makes linking worse fails.
    #[test]
    fn linking_on_the_pair_set_stays_above_its_floors() {
        let report = score_pairs(&parse_pairs(PAIRS).unwrap());
        let o = &report.overall;
        assert!(
            o.precision() >= PRECISION_FLOOR,
            "precision {:.3}",
            o.precision()
        );
        assert!(o.recall() >= RECALL_FLOOR, "recall {:.3}", o.recall());
        assert!(
            report.ranking_accuracy() >= RANKING_FLOOR,
            "ranking {:.3}",
            report.ranking_accuracy()
        );
    }

    const PRECISION_FLOOR: f64 = 0.95;
    const RECALL_FLOOR: f64 = 0.8;
    const RANKING_FLOOR: f64 = 0.95;
}
