//! Ingest: turns what the user names (files, folders, URLs, stdin) into records, processes
//! them and stores them in batches, reporting each outcome and each problem as it happens.
//!
//! A problem with one input or one record never stops the batch: it is reported to the
//! [`Observer`] with the input's name, and ingest goes on with the next.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use vigil_text::input::{self, Limits, Record};

use crate::document::{NewDocument, PutOutcome};
use crate::store::Store;
use crate::{Result, pipeline};

/// Documents per store transaction. Larger batches amortise the commit; a crash loses at most
/// one uncommitted batch, which the next run redoes.
const BATCH_DOCS: usize = 64;
/// A batch is committed at least this often, so a slow stream still shows up in the store.
const BATCH_AGE: Duration = Duration::from_millis(500);
/// How long an HTTP fetch may take in all.
const HTTP_TIMEOUT: Duration = Duration::from_secs(60);

/// One thing to ingest, as the user named it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a folder (read recursively, in sorted path order).
    Path(PathBuf),
    /// An http(s) URL.
    Url(String),
    /// JSON Lines on standard input (`-`).
    Stdin,
}

impl Input {
    /// Classifies a command-line argument.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else if arg.starts_with("http://") || arg.starts_with("https://") {
            Input::Url(arg.to_string())
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// Receives what ingest does, as it does it.
pub trait Observer {
    /// A record was stored (or found already stored).
    fn stored(&mut self, source: &str, outcome: &PutOutcome);
    /// One input or record failed; `input` names it (a path, `path:line`, a URL).
    fn failed(&mut self, input: &str, problem: &str);
    /// The number of files found, once folders are listed (for a progress bar).
    fn files_found(&mut self, _n: usize) {}
    /// One file (or URL, or stdin) has been read completely.
    fn file_done(&mut self, _name: &str) {}
}

/// Counts of what an ingest did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub added: u64,
    pub unchanged: u64,
    pub versions: u64,
    pub failed: u64,
}

/// Ingests `inputs` into `store`.
pub fn ingest(
    store: &mut dyn Store,
    inputs: &[Input],
    limits: Limits,
    observer: &mut dyn Observer,
) -> Result<Summary> {
    let mut run = Run {
        store,
        observer,
        limits,
        batch: Vec::new(),
        batch_started: Instant::now(),
        summary: Summary::default(),
    };
    let mut work = Vec::new();
    for input in inputs {
        match input {
            Input::Path(p) => match list_files(p) {
                Ok(files) => work.extend(files.into_iter().map(Work::File)),
                Err(e) => run.fail(&p.display().to_string(), &e.to_string()),
            },
            Input::Url(u) => work.push(Work::Url(u.clone())),
            Input::Stdin => work.push(Work::Stdin),
        }
    }
    run.observer.files_found(work.len());
    for item in work {
        let name = item.name();
        match item.open() {
            Ok((reader, content_type)) => {
                let records = input::records(name.clone(), content_type, reader, run.limits);
                for record in records {
                    match record {
                        Ok(record) => run.record(record)?,
                        Err(e) => run.fail(&name, &e.to_string()),
                    }
                }
            }
            Err(problem) => run.fail(&name, &problem),
        }
        run.observer.file_done(&name);
    }
    run.flush()?;
    Ok(run.summary)
}

/// One file, URL or stdin to read.
enum Work {
    File(PathBuf),
    Url(String),
    Stdin,
}

type Opened = (Box<dyn BufRead + Send>, Option<String>);

impl Work {
    fn name(&self) -> String {
        match self {
            Work::File(p) => p.display().to_string(),
            Work::Url(u) => u.clone(),
            Work::Stdin => "-".to_string(),
        }
    }

    fn open(&self) -> std::result::Result<Opened, String> {
        match self {
            Work::File(p) => {
                let f = std::fs::File::open(p).map_err(|e| io_problem(&e))?;
                Ok((Box::new(std::io::BufReader::new(f)), None))
            }
            Work::Url(u) => fetch(u),
            Work::Stdin => Ok((
                Box::new(std::io::BufReader::new(std::io::stdin())),
                Some("application/x-ndjson".to_string()),
            )),
        }
    }
}

/// A short, user-facing description of an I/O error (without Rust's "(os error 2)").
fn io_problem(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let s = e.to_string();
            match s.find(" (os error") {
                Some(i) => s[..i].to_string(),
                None => s,
            }
        }
    }
}

/// Lists a path: a file is itself; a folder is every file under it in sorted path order,
/// skipping hidden entries (`.git`, `.DS_Store`) which are never reports.
pub fn list_files(path: &Path) -> std::result::Result<Vec<PathBuf>, String> {
    let meta = std::fs::metadata(path).map_err(|e| io_problem(&e))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut out = Vec::new();
    let mut stack = vec![path.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(&dir)
            .map_err(|e| format!("{}: {}", dir.display(), io_problem(&e)))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                !p.file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.starts_with('.'))
            })
            .collect();
        entries.sort();
        // Depth-first in sorted order: push sub-folders in reverse so the smallest comes next.
        let mut subdirs = Vec::new();
        for p in entries {
            if p.is_dir() {
                subdirs.push(p);
            } else {
                out.push(p);
            }
        }
        stack.extend(subdirs.into_iter().rev());
    }
    out.sort();
    Ok(out)
}

/// Fetches a URL; the response's `Content-Type` goes along as the format and charset hint.
fn fetch(url: &str) -> std::result::Result<Opened, String> {
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(HTTP_TIMEOUT))
        .build()
        .into();
    let response = agent
        .get(url)
        .call()
        .map_err(|e| format!("fetch failed: {e}"))?;
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string);
    let reader = response.into_body().into_reader();
    Ok((Box::new(std::io::BufReader::new(reader)), content_type))
}

struct Run<'a> {
    store: &'a mut dyn Store,
    observer: &'a mut dyn Observer,
    limits: Limits,
    batch: Vec<NewDocument>,
    batch_started: Instant,
    summary: Summary,
}

impl Run<'_> {
    fn fail(&mut self, input: &str, problem: &str) {
        self.summary.failed += 1;
        self.observer.failed(input, problem);
    }

    fn record(&mut self, record: Record) -> Result<()> {
        let (id, _) = pipeline::record_id(&record);
        if self.store.contains(&id)? {
            self.summary.unchanged += 1;
            self.observer
                .stored(&record.source, &PutOutcome::Unchanged { id });
            return Ok(());
        }
        match pipeline::process(&record) {
            Ok(doc) => {
                if self.batch.is_empty() {
                    self.batch_started = Instant::now();
                }
                self.batch.push(doc);
                if self.batch.len() >= BATCH_DOCS || self.batch_started.elapsed() >= BATCH_AGE {
                    self.flush()?;
                }
            }
            Err(e) => self.fail(&record.source, &e.to_string()),
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.batch.is_empty() {
            return Ok(());
        }
        let outcomes = self.store.put_batch(&self.batch)?;
        for (doc, outcome) in self.batch.iter().zip(&outcomes) {
            match outcome {
                PutOutcome::Added { .. } => self.summary.added += 1,
                PutOutcome::Unchanged { .. } => self.summary.unchanged += 1,
                PutOutcome::NewVersion { .. } => self.summary.versions += 1,
            }
            self.observer.stored(&doc.source, outcome);
        }
        self.batch.clear();
        Ok(())
    }
}
