//! The command line, as clap derive structs. Doc comments become `--help`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Vigil turns a stream of reports in any language into stories.
#[derive(Debug, Parser)]
#[command(name = "vigil", version, about)]
pub struct Cli {
    /// The data directory (store, indexes, model cache).
    #[arg(
        long,
        global = true,
        env = "VIGIL_DATA_DIR",
        default_value = "./vigil-data"
    )]
    pub data_dir: PathBuf,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Ingest files, folders, JSON Lines, HTML, PDF, WARC, RSS/Atom, gzip of these, http(s)
    /// URLs; '-' reads JSON Lines from stdin.
    Ingest {
        /// Paths, URLs, or '-'.
        #[arg(required = true)]
        inputs: Vec<String>,
        /// Largest single report accepted, in bytes (after decompression).
        #[arg(long, default_value_t = 64 << 20)]
        max_bytes: u64,
        /// Print one JSON line per stored record ({"source","id","outcome"}).
        #[arg(long)]
        json: bool,
    },
    /// List every document, in ingest order.
    Docs {
        #[arg(long)]
        json: bool,
    },
    /// Show one document: text, body, removed ranges, paragraphs and languages.
    Show {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// The words of a document with their byte offsets into its text.
    Tokens {
        id: String,
        #[arg(long)]
        json: bool,
    },
    /// The audit log; --verify checks the hash chain and the stored documents.
    Log {
        #[arg(long)]
        verify: bool,
        #[arg(long)]
        json: bool,
    },
    /// Measure throughput and latency.
    Bench {
        #[command(subcommand)]
        what: BenchCommand,
    },
    /// Measure a stage against labelled data.
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
}

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Main-text extraction on a folder of html/<id>.html.gz + ground-truth.json.
    Extraction { dir: PathBuf },
    /// Language identification on JSON Lines {"lang","text"}.
    Language { file: PathBuf },
    /// Same-event score on SemEval-2022 Task 8 pairs: Pearson with `Overall`, per language pair.
    Similarity {
        file: PathBuf,
        /// Print one {"pair_id","score"} per pair instead (labels not needed).
        #[arg(long)]
        scores: bool,
        /// Write every pair's features as JSON Lines to this file (for fitting the model).
        #[arg(long)]
        features: Option<PathBuf>,
    },
    /// Online event clustering on documents with gold `cluster_id`: BCubed P/R/F1.
    Clusters {
        file: PathBuf,
        /// Write pair features and gold same-event labels to this file (for fitting).
        #[arg(long)]
        features: Option<PathBuf>,
    },
}

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// The whole ingest path without vectors, on one core: docs/s and MB/s.
    Ingest {
        /// Number of synthetic reports (ignored with --from).
        #[arg(long, default_value_t = 5000)]
        docs: usize,
        /// Size of each synthetic report in bytes.
        #[arg(long, default_value_t = 4096)]
        size: usize,
        /// Benchmark on the records of this file or folder instead (read into memory first).
        #[arg(long)]
        from: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}
