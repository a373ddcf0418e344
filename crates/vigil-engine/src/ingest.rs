//! Ingest: turns what the user names (files, folders, URLs, stdin) into records, processes
//! them and stores them in batches, reporting each outcome and each problem as it happens.
//!
//! A problem with one input or one record never stops the batch: it is reported to the
//! [`Observer`] with the input's name, and ingest goes on with the next.
//!
//! With a [`Derive`], each committed batch's new documents are embedded, their mentions
//! linked to entities, their vectors stored and their stories assigned right after it, in
//! that order (the people a report names are evidence for its event; separate transactions:
//! a crash in between leaves documents without links, vectors or stories, which the next
//! ingest or `reindex` fills in). If a model cannot be had, ingest says so once and goes on
//! storing documents, whose mentions are linked all the same.

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use vigil_text::input::{self, Limits, Record};

use crate::document::{NewDocument, PutOutcome};
use crate::store::Store;
use crate::vectors::{self, Derive, DocText, Encoder};
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
    /// The embedder cannot be used (`why`): documents are stored without vectors from now on.
    /// Called at most once per ingest.
    fn vectors_pending(&mut self, _why: &str) {}
}

/// Counts of what an ingest did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub added: u64,
    pub unchanged: u64,
    pub versions: u64,
    pub failed: u64,
    /// Vectors computed and stored.
    pub vectors: u64,
    /// New documents stored without a vector (the model was unavailable).
    pub vectors_pending: u64,
    /// Documents assigned to stories, and the time the assigner took for them (candidate
    /// search, features, decision, store writes; not the encoding), in microseconds.
    pub assigned: u64,
    pub assign_micros: u64,
    /// Mentions of people, organisations and places linked to entities, and the time that
    /// took, in microseconds.
    pub entity_links: u64,
    pub link_micros: u64,
    /// Documents whose names were found again with encoder token states (Arabic, Chinese),
    /// and the time that took (the encoder pass included), in microseconds.
    pub ner_vector_docs: u64,
    pub ner_vector_micros: u64,
}

/// Ingests `inputs` into `store`, text only.
pub fn ingest(
    store: &mut dyn Store,
    inputs: &[Input],
    limits: Limits,
    observer: &mut dyn Observer,
) -> Result<Summary> {
    ingest_with(store, inputs, limits, observer, None)
}

/// Ingests `inputs` into `store`, deriving each new document's vectors and stories when
/// `derive` is given (after first finishing any documents an earlier run left without them).
pub fn ingest_with(
    store: &mut dyn Store,
    inputs: &[Input],
    limits: Limits,
    observer: &mut dyn Observer,
    derive: Option<Derive<'_>>,
) -> Result<Summary> {
    let mut run = Run {
        store,
        observer,
        derive,
        vectors_off: false,
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
    if !run.vectors_off
        && let Some(derive) = run.derive.as_mut()
        && let Some(stories) = derive.stories.as_deref_mut()
    {
        stories.save(run.store)?;
    }
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
    derive: Option<Derive<'a>>,
    /// Set once an encoder turned out unusable: no more attempts in this run.
    vectors_off: bool,
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
        let batch = std::mem::take(&mut self.batch);
        let new: Vec<&NewDocument> = batch
            .iter()
            .zip(&outcomes)
            .filter(|(_, o)| !matches!(o, PutOutcome::Unchanged { .. }))
            .map(|(d, _)| d)
            .collect();
        self.derive(&new)?;
        // Without a model `derive` stops early; the names are linked all the same.
        let encoders = self
            .derive
            .as_ref()
            .map_or(&[][..], |d| d.encoders.as_slice());
        link(self.store, encoders, &mut self.summary)
    }

    /// Embeds and assigns documents just stored.
    fn derive(&mut self, docs: &[&NewDocument]) -> Result<()> {
        let Some(derive) = self.derive.as_mut() else {
            return Ok(());
        };
        if docs.is_empty() {
            return Ok(());
        }
        if !self.vectors_off
            && let Err(why) = vectors::ready(&derive.encoders)
        {
            self.vectors_off = true;
            self.observer.vectors_pending(&why);
        }
        if self.vectors_off {
            self.summary.vectors_pending += docs.len() as u64;
            return Ok(());
        }
        if self.summary.vectors == 0 {
            // The first batch with a model: finish what an earlier run left undone first, so
            // stories keep arrival order.
            vectors::assign_pending(self.store, derive)?;
        }
        let mut texts = Vec::with_capacity(docs.len());
        for d in docs {
            let stored = self.store.get(&d.id)?.ok_or_else(|| {
                crate::Error::Corrupt(format!("{} vanished after it was stored", d.id))
            })?;
            texts.push(DocText::of(&stored));
            // Names again with the encoder's token states, for the languages whose NER
            // model reads them (before the mentions are linked).
            let started = Instant::now();
            if crate::facts::names_with_vectors(self.store, &derive.encoders, &stored)? {
                self.summary.ner_vector_docs += 1;
                self.summary.ner_vector_micros += started.elapsed().as_micros() as u64;
            }
        }
        // Before the stories: who a report names (linked across scripts) is evidence of
        // its event, in any language.
        link(self.store, &derive.encoders, &mut self.summary)?;
        let new = vectors::encode_and_store(
            self.store,
            &derive.encoders,
            derive.cache_dir.as_deref(),
            &texts,
        )?;
        self.summary.vectors += new.len() as u64;
        if let Some(stories) = derive.stories.as_deref_mut() {
            let started = Instant::now();
            let n = new.len() as u64;
            stories.assign(self.store, new)?;
            self.summary.assigned += n;
            self.summary.assign_micros += started.elapsed().as_micros() as u64;
        }
        Ok(())
    }
}

/// Links the stored mentions not linked yet to entities, counting them and the time taken.
fn link(store: &mut dyn Store, encoders: &[&dyn Encoder], summary: &mut Summary) -> Result<()> {
    let started = Instant::now();
    summary.entity_links += crate::facts::link_pending(store, encoders)? as u64;
    summary.link_micros += started.elapsed().as_micros() as u64;
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::cell::{Cell, RefCell};

    use super::*;
    use crate::store::SqliteStore;

    /// Stands in for a model: a vector of (chars, lines, first char) of each text it is given,
    /// remembering the texts so tests can check what ingest embeds.
    struct Fake {
        available: Cell<bool>,
        seen: RefCell<Vec<String>>,
    }

    impl Fake {
        fn new(available: bool) -> Fake {
            Fake {
                available: Cell::new(available),
                seen: RefCell::new(Vec::new()),
            }
        }
    }

    impl vectors::Encoder for Fake {
        fn name(&self) -> &'static str {
            "e5"
        }

        fn encode(&self, texts: &[&str]) -> Vec<Vec<f32>> {
            self.seen
                .borrow_mut()
                .extend(texts.iter().map(|t| t.to_string()));
            texts
                .iter()
                .map(|t| {
                    let first = t.chars().next().map_or(0, u32::from);
                    vec![
                        t.chars().count() as f32,
                        t.lines().count() as f32,
                        first as f32,
                    ]
                })
                .collect()
        }

        fn ready(&self) -> Result<(), String> {
            if self.available.get() {
                Ok(())
            } else {
                Err("no model file".into())
            }
        }
    }

    #[derive(Default)]
    struct Log {
        pending: Vec<String>,
        failed: usize,
    }

    impl Observer for Log {
        fn stored(&mut self, _source: &str, _outcome: &PutOutcome) {}
        fn failed(&mut self, _input: &str, _problem: &str) {
            self.failed += 1;
        }
        fn vectors_pending(&mut self, why: &str) {
            self.pending.push(why.to_string());
        }
    }

    const REPORTS: &[(&str, &str)] = &[
        (
            "01-en.txt",
            "Council adopts resolution on Valdoria\n\nThe Human Rights Council adopted a resolution on Valdoria by 23 votes to 2 on Friday.",
        ),
        (
            "02-zh.txt",
            "人权理事会通过关于瓦尔多里亚的决议\n\n人权理事会星期五以23票赞成、2票反对通过了关于瓦尔多里亚的决议。",
        ),
        (
            "03-ar.txt",
            "مجلس حقوق الإنسان يعتمد قرارا بشأن فالدوريا\n\nاعتمد مجلس حقوق الإنسان يوم الجمعة قرارا بشأن فالدوريا بأغلبية 23 صوتا.",
        ),
    ];

    fn corpus() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in REPORTS {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        dir
    }

    fn derive(fake: &Fake) -> Option<Derive<'_>> {
        Some(Derive {
            encoders: vec![fake],
            stories: None,
            cache_dir: None,
        })
    }

    #[test]
    fn new_documents_get_the_vector_of_title_newline_lead_once() {
        let dir = corpus();
        let mut store = SqliteStore::in_memory().unwrap();
        let fake = Fake::new(true);
        let mut log = Log::default();
        let inputs = [Input::Path(dir.path().to_path_buf())];
        let summary = ingest_with(
            &mut store,
            &inputs,
            Limits::default(),
            &mut log,
            derive(&fake),
        )
        .unwrap();
        assert_eq!(
            (summary.added, summary.vectors, summary.vectors_pending),
            (3, 3, 0)
        );
        assert!(log.pending.is_empty());
        for doc in store.documents().unwrap() {
            let stored = store.get(&doc.id).unwrap().unwrap();
            let title = stored.title.clone().unwrap();
            let text = crate::similarity::profile::vector_text(&title, &stored.body().text);
            assert!(text.starts_with(&format!("{title}\n")), "{text}");
            let v = store.vectors(&doc.id, "e5/doc").unwrap().unwrap();
            assert_eq!(
                v,
                vec![vectors::Encoder::encode(&fake, &[&text])[0].clone()]
            );
            let t = store.vectors(&doc.id, "e5/title").unwrap().unwrap();
            assert_eq!(
                t,
                vec![vectors::Encoder::encode(&fake, &[&title])[0].clone()]
            );
        }
        // Re-ingesting embeds nothing again.
        let before = fake.seen.borrow().len();
        let again = ingest_with(
            &mut store,
            &inputs,
            Limits::default(),
            &mut log,
            derive(&fake),
        )
        .unwrap();
        assert_eq!((again.unchanged, again.vectors), (3, 0));
        assert_eq!(fake.seen.borrow().len(), before);
    }

    #[test]
    fn without_a_model_documents_are_stored_and_reindex_fills_vectors_later() {
        let dir = corpus();
        let mut store = SqliteStore::in_memory().unwrap();
        let fake = Fake::new(false);
        let mut log = Log::default();
        let inputs = [Input::Path(dir.path().to_path_buf())];
        let summary = ingest_with(
            &mut store,
            &inputs,
            Limits::default(),
            &mut log,
            derive(&fake),
        )
        .unwrap();
        assert_eq!(
            (summary.added, summary.vectors, summary.vectors_pending),
            (3, 0, 3)
        );
        assert_eq!(log.pending, ["no model file"], "warned exactly once");
        assert_eq!(log.failed, 0);
        assert_eq!(store.docs_without_vector("e5/doc").unwrap().len(), 3);
        assert!(fake.seen.borrow().is_empty());

        fake.available.set(true);
        let mut calls = Vec::new();
        let mut d = derive(&fake).unwrap();
        let n = vectors::reindex(&mut store, &mut d, &mut |done, total| {
            calls.push((done, total))
        })
        .unwrap();
        assert_eq!(n, 3);
        assert_eq!(calls, [(3, 3)]);
        assert!(store.docs_without_vector("e5/doc").unwrap().is_empty());
        assert_eq!(store.verify().unwrap(), Ok(3));
        // Nothing left to do the second time.
        assert_eq!(
            vectors::reindex(&mut store, &mut d, &mut |_, _| {}).unwrap(),
            0
        );
    }

    #[test]
    fn text_only_ingest_never_touches_vectors() {
        let dir = corpus();
        let mut store = SqliteStore::in_memory().unwrap();
        let mut log = Log::default();
        let inputs = [Input::Path(dir.path().to_path_buf())];
        let summary = ingest(&mut store, &inputs, Limits::default(), &mut log).unwrap();
        assert_eq!(
            (summary.added, summary.vectors, summary.vectors_pending),
            (3, 0, 0)
        );
        assert!(log.pending.is_empty());
        assert_eq!(store.docs_without_vector("e5/doc").unwrap().len(), 3);
    }
}
