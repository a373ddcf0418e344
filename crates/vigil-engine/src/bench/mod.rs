//! `vigil bench …`: the engine side of the benchmarks. Each prints through the CLI.

pub mod ingest;
pub mod stories;

pub use ingest::{IngestBench, Row, ingest, synthetic};
pub mod planted;
