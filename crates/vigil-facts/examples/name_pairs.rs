//! Scores the name linker on a pairs file and lists its mistakes:
//! `cargo run -p vigil-facts --example name_pairs -- crates/vigil-facts/eval/name-pairs.jsonl`

use vigil_facts::names::eval::{parse_pairs, score_pairs};

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "crates/vigil-facts/eval/name-pairs.jsonl".into());
    let text = std::fs::read_to_string(&path).expect("a readable pairs file");
    let report = score_pairs(&parse_pairs(&text).expect("one JSON pair per line"));
    for o in &report.outcomes {
        let wrong = o.linked != o.pair.same;
        let misranked = o.best_latin.as_deref().is_some_and(|b| b != o.pair.a);
        if wrong || misranked || !o.pair.same {
            println!(
                "{} {:.3} {} | {} | best {:?}",
                if wrong { "WRONG " } else { "rank  " },
                o.similarity,
                o.pair.a,
                o.pair.b,
                o.best_latin
            );
        }
    }
    let o = &report.overall;
    println!(
        "pairs {} precision {:.3} recall {:.3} f1 {:.3} ranking {:.3}",
        o.pairs,
        o.precision(),
        o.recall(),
        o.f1(),
        report.ranking_accuracy()
    );
    for (script, c) in &report.by_script {
        println!(
            "  {script:<11} pairs {:>3} p {:.3} r {:.3} f1 {:.3}",
            c.pairs,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
}
