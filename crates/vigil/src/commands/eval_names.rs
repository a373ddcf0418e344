//! `vigil eval names FILE`: the name linker on cross-script name pairs (JSON Lines
//! `{"a","a_lang","b","b_lang","kind","same"}`), at the linker's own threshold.

use std::path::Path;

use anyhow::Context;
use serde_json::{Value, json};
use vigil_facts::names::LINK_THRESHOLD;
use vigil_facts::names::eval::{PairCounts, parse_pairs, score_pairs};

/// `{"precision","recall","f1","n","threshold","ranking_accuracy","per_script":{…}}`.
pub fn evaluate(file: &Path) -> anyhow::Result<Value> {
    let text =
        std::fs::read_to_string(file).with_context(|| format!("cannot read {}", file.display()))?;
    let pairs =
        parse_pairs(&text).with_context(|| format!("{} is not name pairs", file.display()))?;
    let report = score_pairs(&pairs);
    let per_script: serde_json::Map<String, Value> = report
        .by_script
        .iter()
        .map(|(script, counts)| (script.clone(), scores(counts)))
        .collect();
    let mut out = scores(&report.overall);
    out["threshold"] = json!(round(f64::from(LINK_THRESHOLD)));
    out["ranking_accuracy"] = json!(round(report.ranking_accuracy()));
    out["ranked"] = json!(report.ranked);
    out["per_script"] = Value::Object(per_script);
    Ok(out)
}

fn scores(c: &PairCounts) -> Value {
    json!({
        "precision": round(c.precision()),
        "recall": round(c.recall()),
        "f1": round(c.f1()),
        "n": c.pairs,
        "same": c.true_positive + c.false_negative,
    })
}

fn round(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_overall_per_script_and_ranking() {
        let file =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../vigil-facts/eval/name-pairs.jsonl");
        let report = evaluate(&file).unwrap();
        assert!(report["n"].as_u64().unwrap() >= 100);
        for key in ["precision", "recall", "f1", "ranking_accuracy", "threshold"] {
            let value = report[key].as_f64().unwrap();
            assert!((0.0..=1.0).contains(&value), "{key} {value}");
        }
        for script in ["arabic", "han", "cyrillic", "thai", "greek"] {
            assert!(
                report["per_script"][script]["n"].as_u64().unwrap() > 0,
                "{script}"
            );
        }
    }
}
