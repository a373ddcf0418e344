//! `vigil facts` and `vigil entities` over real ingests: every fact points at its passage,
//! the seeds' stated numbers and dates come out, and filters behave.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::util::{Env, assert_offsets_valid, samples, shared};

/// The fields every fact carries, whatever its kind.
const COMMON: [&str; 9] = [
    "doc",
    "kind",
    "value",
    "unit",
    "subject",
    "subject_key",
    "text",
    "start",
    "end",
];

/// Ingests `path` text-only and returns the stored documents as `show --json` prints them.
fn ingest_and_show(env: &Env, path: &std::path::Path) -> Vec<Value> {
    env.ok(&["ingest", "--no-vectors", path.to_str().unwrap()]);
    env.json_lines(&["docs", "--json"])
        .iter()
        .map(|d| env.show(d["id"].as_str().unwrap()))
        .collect()
}

fn check_listing(env: &Env, docs: &[Value]) {
    let texts: BTreeMap<&str, &str> = docs
        .iter()
        .map(|d| (d["id"].as_str().unwrap(), d["text"].as_str().unwrap()))
        .collect();
    let facts = env.json_lines(&["facts", "--json"]);
    let shown: usize = docs
        .iter()
        .map(|d| d["facts"].as_array().unwrap().len())
        .sum();
    assert_eq!(facts.len(), shown, "`facts` lists what `show` carries");
    for f in &facts {
        for field in COMMON {
            assert!(f.get(field).is_some(), "{field} missing from {f}");
        }
        let text = texts[f["doc"].as_str().unwrap()];
        let (s, e) = (
            f["start"].as_u64().unwrap() as usize,
            f["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(text.get(s..e), f["text"].as_str(), "{f}");
    }
}

#[test]
fn sample_corpus_facts_point_at_their_passages() {
    let env = Env::new();
    let docs = ingest_and_show(&env, &samples());
    for d in &docs {
        assert_offsets_valid(d);
    }
    check_listing(&env, &docs);

    let id = docs[0]["id"].as_str().unwrap();
    let one = env.json_lines(&["facts", "--doc", id, "--json"]);
    assert!(one.iter().all(|f| f["doc"] == id));
    let dates = env.json_lines(&["facts", "--kind", "date", "--json"]);
    assert!(dates.iter().all(|f| f["kind"] == "date"));

    let bad = env.run(&["facts", "--kind", "weather"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("weather"));
    let missing = env.run(&["facts", "--doc", "doc_missing"]);
    assert!(!missing.status.success());
    assert!(String::from_utf8_lossy(&missing.stderr).contains("doc_missing"));
}

#[test]
fn seed_facts_point_at_their_passages() {
    let Some(shared) = shared() else { return };
    let env = Env::new();
    let docs = ingest_and_show(&env, &shared.join("seeds"));
    for d in &docs {
        assert_offsets_valid(d);
    }
    check_listing(&env, &docs);
}
