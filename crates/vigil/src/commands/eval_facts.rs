//! `vigil eval facts FILE`: fact extraction against the hand-annotated sentences; with
//! `--errors`, every miss and false alarm as one JSON line on stderr for the extractor authors.

use std::io::Write;
use std::path::Path;

use vigil_engine::eval::facts::{self, FactsReport};

use super::Status;
use crate::output::{Table, json_line};

pub fn run(file: &Path, json: bool, errors: bool) -> anyhow::Result<Status> {
    let evaluation = facts::evaluate(file)?;
    if errors {
        let mut err = std::io::stderr().lock();
        for e in &evaluation.errors {
            json_line(&mut err, &serde_json::to_value(e)?)?;
        }
        err.flush()?;
    }
    let mut out = std::io::stdout().lock();
    if json {
        json_line(&mut out, &serde_json::to_value(&evaluation.report)?)?;
    } else {
        print_tables(&evaluation.report, &mut out)?;
    }
    out.flush()?;
    Ok(Status::Ok)
}

fn print_tables(r: &FactsReport, out: &mut impl Write) -> std::io::Result<()> {
    let pct = |x: f64| format!("{:.1}", 100.0 * x);
    let mut t = Table::new(vec![
        "SLICE",
        "PRECISION",
        "RECALL",
        "F1",
        "EXPECTED",
        "PREDICTED",
    ]);
    let rows = r.per_kind.iter().chain(r.per_lang.iter());
    for (name, s) in rows {
        t.row(vec![
            name.clone(),
            pct(s.precision),
            pct(s.recall),
            pct(s.f1),
            s.n_expected.to_string(),
            s.n_predicted.to_string(),
        ]);
    }
    t.row(vec![
        "all".into(),
        pct(r.precision),
        pct(r.recall),
        pct(r.f1),
        r.n_expected.to_string(),
        r.n_predicted.to_string(),
    ]);
    t.print(out)?;
    let span = r.span_exact.map_or("-".into(), pct);
    writeln!(
        out,
        "\n{} sentences; exact spans {span}% of pairs; {} predicted facts off their offsets",
        r.n_sentences, r.offsets_violations
    )?;
    for (name, a) in &r.attributes {
        let acc = a.accuracy.map_or("-".into(), pct);
        writeln!(out, "{name}: {acc}% of {}", a.n)?;
    }
    Ok(())
}
