//! `vigil ingest`: progress on a terminal's stderr, one line per problem, a summary.

use std::io::{IsTerminal, Write};

use indicatif::{ProgressBar, ProgressStyle};
use vigil_engine::document::PutOutcome;
use vigil_engine::ingest::{self, Input, Observer};
use vigil_engine::store::SqliteStore;
use vigil_engine::vectors::Derive;
use vigil_text::input::Limits;

use super::Status;
use crate::output::json_line;

struct Reporter {
    progress: Option<ProgressBar>,
    json: bool,
    stdout: std::io::StdoutLock<'static>,
    write_error: Option<std::io::Error>,
}

impl Reporter {
    fn message(&self, line: &str) {
        match &self.progress {
            Some(bar) => bar.suspend(|| eprintln!("{line}")),
            None => eprintln!("{line}"),
        }
    }
}

impl Observer for Reporter {
    fn stored(&mut self, source: &str, outcome: &PutOutcome) {
        if !self.json || self.write_error.is_some() {
            return;
        }
        let (kind, previous) = match outcome {
            PutOutcome::Added { .. } => ("added", None),
            PutOutcome::Unchanged { .. } => ("unchanged", None),
            PutOutcome::NewVersion { previous, .. } => ("version", Some(previous.as_str())),
        };
        let value = serde_json::json!({
            "source": source, "id": outcome.id(), "outcome": kind, "previous_version": previous,
        });
        if let Err(e) = json_line(&mut self.stdout, &value) {
            self.write_error = Some(e);
        }
    }

    fn failed(&mut self, input: &str, problem: &str) {
        self.message(&format!("vigil: {input}: {problem}"));
    }

    fn vectors_pending(&mut self, why: &str) {
        self.message(&format!(
            "vigil: vectors pending: {why}; run `vigil reindex` later"
        ));
    }

    fn files_found(&mut self, n: usize) {
        if let Some(bar) = &self.progress {
            bar.set_length(n as u64);
        }
    }

    fn file_done(&mut self, _name: &str) {
        if let Some(bar) = &self.progress {
            bar.inc(1);
        }
    }
}

pub fn run(
    store: &mut SqliteStore,
    inputs: &[String],
    max_bytes: u64,
    json: bool,
    derive: Option<Derive<'_>>,
) -> anyhow::Result<Status> {
    let deriving = derive.is_some();
    let inputs: Vec<Input> = inputs.iter().map(|a| Input::parse(a)).collect();
    let progress = std::io::stderr().is_terminal().then(|| {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos}/{len} inputs [{elapsed}] {wide_bar}")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        bar
    });
    let mut reporter = Reporter {
        progress,
        json,
        stdout: std::io::stdout().lock(),
        write_error: None,
    };
    let limits = Limits {
        max_record_bytes: max_bytes,
    };
    let summary = ingest::ingest_with(store, &inputs, limits, &mut reporter, derive)?;
    if let Some(bar) = reporter.progress.take() {
        bar.finish_and_clear();
    }
    reporter.stdout.flush()?;
    if let Some(e) = reporter.write_error {
        return Err(e.into());
    }
    let vectors = match (deriving, summary.vectors_pending) {
        (false, _) => String::new(),
        (true, 0) => format!(", {} vectors", summary.vectors),
        (true, n) => format!(", {} vectors ({n} pending)", summary.vectors),
    };
    let stories = match summary.assigned {
        0 => String::new(),
        n => format!(
            ", {n} assigned to stories ({:.1} ms each)",
            summary.assign_micros as f64 / 1000.0 / n as f64
        ),
    };
    let entities = match summary.entity_links {
        0 => String::new(),
        n => format!(
            ", {n} mentions linked to entities ({:.1} ms)",
            summary.link_micros as f64 / 1000.0
        ),
    };
    let names = match summary.ner_vector_docs {
        0 => String::new(),
        n => format!(
            ", names of {n} with token states ({:.1} ms each)",
            summary.ner_vector_micros as f64 / 1000.0 / n as f64
        ),
    };
    eprintln!(
        "vigil: {} added, {} new versions, {} unchanged, {} failed{vectors}{stories}{names}{entities}",
        summary.added, summary.versions, summary.unchanged, summary.failed
    );
    Ok(if summary.failed > 0 {
        Status::Failed
    } else {
        Status::Ok
    })
}
