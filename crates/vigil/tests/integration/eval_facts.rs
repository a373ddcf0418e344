//! `vigil eval facts`: the report's contract on the repository's annotated set, and `--errors`
//! accounting for every unpaired fact.

use std::path::Path;

use crate::util::Env;

#[test]
fn reports_every_kind_and_lists_each_unpaired_fact() {
    let env = Env::new();
    let set = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../eval/facts.jsonl");
    let out = env.run(&["eval", "facts", set.to_str().unwrap(), "--json", "--errors"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON report");
    for key in [
        "n_sentences",
        "n_expected",
        "n_predicted",
        "precision",
        "recall",
        "f1",
    ] {
        assert!(report[key].is_number(), "{key} in {report}");
    }
    assert!(report["n_sentences"].as_u64().unwrap() >= 200);
    assert_eq!(
        report["offsets_violations"], 0,
        "a predicted fact off its offsets"
    );
    for kind in [
        "quantity",
        "percent",
        "money",
        "vote",
        "date",
        "person",
        "organization",
        "place",
    ] {
        assert!(report["per_kind"][kind]["f1"].is_number(), "{kind}");
    }
    assert!(report["per_lang"].as_object().unwrap().len() >= 6);
    let n = |k: &str| report[k].as_u64().unwrap();
    let matched: u64 = report["per_kind"]
        .as_object()
        .unwrap()
        .values()
        .map(|s| s["n_matched"].as_u64().unwrap())
        .sum();
    let errors: Vec<serde_json::Value> = String::from_utf8(out.stderr)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("error lines are JSON"))
        .collect();
    let unpaired = errors.iter().filter(|e| e["error"] != "attribute").count();
    assert_eq!(
        unpaired as u64,
        n("n_expected") + n("n_predicted") - 2 * matched,
        "one line per miss and per false alarm"
    );
    // Matched facts whose attributes differ come with the prediction and the fields.
    for e in errors.iter().filter(|e| e["error"] == "attribute") {
        assert!(e["got"]["kind"] == e["kind"], "{e}");
        assert!(!e["fields"].as_array().unwrap().is_empty(), "{e}");
    }
    for e in &errors {
        assert!(
            e["id"].is_string() && e["kind"].is_string() && e["text"].is_string(),
            "{e}"
        );
    }
}

#[test]
fn refuses_a_set_whose_passages_are_not_at_their_offsets() {
    let env = Env::new();
    let bad = env.write(
        "bad.jsonl",
        r#"{"id":"x","lang":"en","doc_date":null,"text":"In Minsk.","facts":[{"kind":"place","text":"Minsk","start":0,"end":5,"value":null,"unit":null,"subject_key":null}]}"#,
    );
    let out = env.run(&["eval", "facts", bad.to_str().unwrap(), "--json"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not the text at 0..5"));
}
