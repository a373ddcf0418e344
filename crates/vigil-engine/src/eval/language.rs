//! `vigil eval language FILE`: per-language accuracy of language identification on paragraphs.
//!
//! FILE is JSON Lines, one `{"lang", "text"}` per line (other fields are ignored); build one
//! with `scripts/language-eval-set.mjs`. Every line is detected with
//! [`vigil_text::language::detect`] and compared with its `lang`.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use super::EvalError;
use serde::{Deserialize, Serialize};

/// Accuracy of language identification, overall and per gold language.
#[derive(Debug, Clone, Serialize)]
pub struct LanguageReport {
    /// Paragraphs evaluated.
    pub n: usize,
    /// Share of paragraphs whose detected language is the gold one (no answer counts as wrong).
    pub accuracy: f64,
    /// Paragraphs of the languages [`vigil_text::language::supported`] claims, and the accuracy
    /// on them.
    pub n_supported: usize,
    pub accuracy_supported: f64,
    /// The lowest accuracy among the claimed languages present in the file.
    pub min_supported_accuracy: Option<f64>,
    pub per_lang: BTreeMap<String, LangAccuracy>,
    /// Accuracy per source corpus (the part of a row's `source` before `:`), on the languages
    /// [`vigil_text::language::supported`] claims.
    pub per_source: BTreeMap<String, SourceAccuracy>,
    /// Detections per second on one core (the whole file, detection only, CPU time).
    pub detections_per_sec: f64,
    /// Mean detection time per paragraph, in microseconds.
    pub mean_micros: f64,
}

/// How one gold language fared.
#[derive(Debug, Clone, Serialize)]
pub struct LangAccuracy {
    pub n: usize,
    pub accuracy: f64,
    /// Of the paragraphs detected as this language, the share that really are.
    pub precision: Option<f64>,
    /// Whether [`vigil_text::language::supported`] claims this language.
    pub supported: bool,
    /// The wrong answer given most often (`"none"` for no answer), with its count.
    pub confusion: Option<(String, usize)>,
}

/// How the claimed languages fared on one source corpus.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SourceAccuracy {
    pub n: usize,
    pub accuracy: f64,
}

#[derive(Deserialize)]
struct Row {
    lang: String,
    text: String,
    /// Where the paragraph comes from (`udhr:eng`, `semeval2022`...), when the file says.
    #[serde(default)]
    source: Option<String>,
}

/// Runs language identification over `path` and scores it.
pub fn evaluate(path: &Path) -> Result<LanguageReport, EvalError> {
    let rows = super::read_jsonl::<Row>(path)?;
    let detected: Vec<Option<&'static str>> = rows
        .iter()
        .map(|r| vigil_text::language::detect(&r.text).map(|d| d.lang))
        .collect();
    Ok(score(&rows, &detected, time_detection(&rows)))
}

/// Seconds one pass of detection over `rows` takes, the best of three passes. Time is this
/// thread's CPU time where Linux tells it (`/proc/thread-self/schedstat`), so that other busy
/// processes on the machine do not count; wall-clock time elsewhere.
fn time_detection(rows: &[Row]) -> f64 {
    (0..3)
        .map(|_| {
            let (cpu, wall) = (thread_cpu_seconds(), Instant::now());
            for row in rows {
                std::hint::black_box(vigil_text::language::detect(std::hint::black_box(
                    &row.text,
                )));
            }
            match (cpu, thread_cpu_seconds()) {
                (Some(start), Some(end)) if end > start => end - start,
                _ => wall.elapsed().as_secs_f64(),
            }
        })
        .fold(f64::INFINITY, f64::min)
        .max(1e-9)
}

/// CPU time this thread has run, in seconds, on Linux.
fn thread_cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(nanos as f64 / 1e9)
}

fn score(rows: &[Row], detected: &[Option<&'static str>], elapsed: f64) -> LanguageReport {
    let supported = vigil_text::language::supported();
    #[derive(Default)]
    struct Tally {
        n: usize,
        right: usize,
        predicted: usize,
        confusions: BTreeMap<String, usize>,
    }
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    for (row, got) in rows.iter().zip(detected) {
        let t = tallies.entry(row.lang.as_str()).or_default();
        t.n += 1;
        if *got == Some(row.lang.as_str()) {
            t.right += 1;
        } else {
            *t.confusions
                .entry(got.unwrap_or("none").to_owned())
                .or_default() += 1;
        }
        if let Some(got) = got {
            tallies.entry(got).or_default().predicted += 1;
        }
    }
    let mut per_lang = BTreeMap::new();
    let (mut n_sup, mut right_sup, mut min_sup) = (0, 0, None::<f64>);
    for (lang, t) in &tallies {
        if t.n == 0 {
            continue;
        }
        let accuracy = t.right as f64 / t.n as f64;
        let is_supported = supported.contains(lang);
        if is_supported {
            n_sup += t.n;
            right_sup += t.right;
            min_sup = Some(min_sup.map_or(accuracy, |m| m.min(accuracy)));
        }
        let confusion = t
            .confusions
            .iter()
            .max_by_key(|(l, c)| (**c, std::cmp::Reverse(*l)))
            .map(|(l, c)| (l.clone(), *c));
        per_lang.insert(
            (*lang).to_owned(),
            LangAccuracy {
                n: t.n,
                accuracy,
                precision: (t.predicted > 0).then(|| t.right as f64 / t.predicted as f64),
                supported: is_supported,
                confusion,
            },
        );
    }
    let mut per_source: BTreeMap<String, SourceAccuracy> = BTreeMap::new();
    for (row, got) in rows.iter().zip(detected) {
        let Some(source) = &row.source else { continue };
        if !supported.contains(&row.lang.as_str()) {
            continue;
        }
        let name = source.split(':').next().unwrap_or(source);
        let s = per_source.entry(name.to_owned()).or_default();
        s.n += 1;
        if *got == Some(row.lang.as_str()) {
            s.accuracy += 1.0;
        }
    }
    for s in per_source.values_mut() {
        s.accuracy /= s.n as f64;
    }
    let right: usize = tallies.values().map(|t| t.right).sum();
    LanguageReport {
        n: rows.len(),
        accuracy: right as f64 / rows.len() as f64,
        n_supported: n_sup,
        accuracy_supported: if n_sup == 0 {
            0.0
        } else {
            right_sup as f64 / n_sup as f64
        },
        min_supported_accuracy: min_sup,
        per_lang,
        per_source,
        detections_per_sec: rows.len() as f64 / elapsed,
        mean_micros: elapsed * 1e6 / rows.len() as f64,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn write(lines: &str) -> PathBuf {
        let path = std::env::temp_dir().join(format!(
            "vigil-lang-eval-{}-{}.jsonl",
            std::process::id(),
            lines.len()
        ));
        std::fs::write(&path, lines).unwrap();
        path
    }

    #[test]
    fn scores_a_small_file() {
        let path = write(concat!(
            r#"{"lang":"en","text":"The committee will publish its findings on the election next week."}"#,
            "\n",
            r#"{"lang":"th","text":"คณะกรรมการการเลือกตั้งจะประกาศผลอย่างเป็นทางการในสัปดาห์หน้า"}"#,
            "\n\n",
            r#"{"lang":"de","text":"12345 67890"}"#,
            "\n",
        ));
        let report = evaluate(&path).unwrap();
        std::fs::remove_file(&path).ok();
        assert_eq!(report.n, 3);
        assert_eq!(report.per_lang["en"].accuracy, 1.0);
        assert_eq!(report.per_lang["th"].accuracy, 1.0);
        assert_eq!(report.per_lang["de"].accuracy, 0.0);
        assert_eq!(
            report.per_lang["de"].confusion,
            Some(("none".to_owned(), 1))
        );
        assert!((report.accuracy - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn a_malformed_line_is_named() {
        let path = write("{\"lang\":\"en\",\"text\":\"fine\"}\nnot json\n");
        let err = evaluate(&path).unwrap_err();
        std::fs::remove_file(&path).ok();
        assert!(matches!(err, EvalError::Json { line: 2, .. }), "{err}");
    }

    /// Prints the accuracy table for the file named by `VIGIL_LANG_EVAL`:
    /// `VIGIL_LANG_EVAL=/tmp/lang-eval.jsonl cargo test -p vigil-engine --release
    /// language_table -- --ignored --nocapture`.
    #[test]
    #[ignore = "needs an evaluation file built by scripts/language-eval-set.mjs"]
    fn language_table() {
        let Some(path) = std::env::var_os("VIGIL_LANG_EVAL") else {
            eprintln!("VIGIL_LANG_EVAL not set: skipping");
            return;
        };
        let start = Instant::now();
        let _ = vigil_text::language::detect("load the model");
        println!(
            "model loaded in {:.1} ms",
            start.elapsed().as_secs_f64() * 1e3
        );
        let report = evaluate(Path::new(&path)).unwrap();
        if let Some(langs) = std::env::var_os("VIGIL_LANG_EVAL_ERRORS") {
            let langs = langs.to_string_lossy().into_owned();
            for row in crate::eval::read_jsonl::<Row>(Path::new(&path)).unwrap() {
                let got = vigil_text::language::detect(&row.text);
                if langs.split(',').any(|l| l == row.lang) && got.map(|d| d.lang) != Some(&row.lang)
                {
                    println!("{} → {:?}: {}", row.lang, got, row.text);
                }
            }
        }
        println!("lang  claimed     n  accuracy  precision  confusion");
        for (lang, a) in &report.per_lang {
            println!(
                "{lang:4}  {:7}  {:4}  {:8.3}  {:9}  {}",
                if a.supported { "yes" } else { "" },
                a.n,
                a.accuracy,
                a.precision.map_or("-".to_owned(), |p| format!("{p:.3}")),
                a.confusion
                    .as_ref()
                    .map_or(String::new(), |(l, c)| format!("{l} ×{c}")),
            );
        }
        for (source, s) in &report.per_source {
            println!("source {source}: {:.4} on {}", s.accuracy, s.n);
        }
        println!(
            "overall {:.4} on {}; claimed {} languages: {:.4} on {}, min {:?}; {:.0} detections/s, {:.1} µs each",
            report.accuracy,
            report.n,
            report.per_lang.values().filter(|a| a.supported).count(),
            report.accuracy_supported,
            report.n_supported,
            report.min_supported_accuracy,
            report.detections_per_sec,
            report.mean_micros
        );
    }
}
