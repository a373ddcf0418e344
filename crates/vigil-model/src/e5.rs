//! multilingual-e5-small: text in, L2-normalised 384-dim vectors out.
//!
//! Long texts are cut into windows of at most 510 content tokens (the prefix only in the
//! first), each wrapped in `<s> … </s>`; a text's vector is the mean of its window means,
//! weighted by content tokens, then L2-normalised.

use std::path::Path;

use crate::encoder::{self, Weights};
use crate::error::Result;
use crate::format::ModelFile;
use crate::tokenizer::Tokenizer;

/// Width of e5-small vectors.
pub const DIM: usize = 384;
/// Content tokens per window: 512 positions minus `<s>` and `</s>`.
pub const WINDOW: usize = 510;

/// What a text is, which decides the prefix e5 was trained with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Passage,
    Query,
}

impl Kind {
    pub fn prefix(self) -> &'static str {
        match self {
            Kind::Passage => "passage: ",
            Kind::Query => "query: ",
        }
    }
}

/// A loaded e5 model: the mapped file, its tokenizer and its weights.
pub struct E5 {
    file: ModelFile,
    tokenizer: Tokenizer,
    weights: Weights,
}

impl std::fmt::Debug for E5 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("E5").field("file", &self.file).finish()
    }
}

/// One window of one text, ready for the encoder.
struct Window {
    text: usize,
    /// `<s>`, content, `</s>`.
    ids: Vec<u32>,
    content: usize,
}

impl E5 {
    /// Maps the model file, validates it and prepares the weights.
    pub fn load(path: &Path) -> Result<E5> {
        Self::from_file(ModelFile::open(path)?)
    }

    /// Prepares an already opened (and validated) model file.
    pub fn from_file(file: ModelFile) -> Result<E5> {
        let tokenizer = Tokenizer::from_file(&file)?;
        let weights = Weights::load(&file)?;
        Ok(E5 {
            file,
            tokenizer,
            weights,
        })
    }

    pub fn tokenizer(&self) -> &Tokenizer {
        &self.tokenizer
    }

    /// Content token ids of `text` exactly as given (add the prefix yourself; no `<s>`/`</s>`).
    pub fn token_ids(&self, text: &str) -> Vec<u32> {
        self.tokenizer.encode(text)
    }

    /// Vectors of documents (`passage: ` prefix added here).
    pub fn embed_passages(&self, texts: &[&str]) -> Vec<[f32; DIM]> {
        self.embed(Kind::Passage, texts)
    }

    /// Vectors of search queries (`query: ` prefix added here).
    pub fn embed_queries(&self, texts: &[&str]) -> Vec<[f32; DIM]> {
        self.embed(Kind::Query, texts)
    }

    /// Vectors of `texts`, each prefixed for `kind`, in input order.
    pub fn embed(&self, kind: Kind, texts: &[&str]) -> Vec<[f32; DIM]> {
        let windows = self.windows(kind, texts);
        let means = self.run_reference(&windows);
        pool(texts.len(), &windows, &means)
    }

    fn windows(&self, kind: Kind, texts: &[&str]) -> Vec<Window> {
        let tok = &self.tokenizer;
        let mut windows = Vec::new();
        for (t, text) in texts.iter().enumerate() {
            let mut prefixed = String::with_capacity(kind.prefix().len() + text.len());
            prefixed.push_str(kind.prefix());
            prefixed.push_str(text);
            let ids = tok.encode(&prefixed);
            for chunk in ids.chunks(WINDOW) {
                let mut w = Vec::with_capacity(chunk.len() + 2);
                w.push(tok.bos);
                w.extend_from_slice(chunk);
                w.push(tok.eos);
                windows.push(Window {
                    text: t,
                    ids: w,
                    content: chunk.len(),
                });
            }
        }
        windows
    }

    /// The plain f32 encoder over every window, on all cores (windows split by token count).
    fn run_reference(&self, windows: &[Window]) -> Vec<Vec<f32>> {
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .min(windows.len().max(1));
        let mut means: Vec<Vec<f32>> = vec![Vec::new(); windows.len()];
        // Longest first, each to the least-loaded thread.
        let mut order: Vec<usize> = (0..windows.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(windows[i].ids.len()));
        let mut loads = vec![(0usize, Vec::new()); threads];
        for i in order {
            if let Some(slot) = loads.iter_mut().min_by_key(|(load, _)| *load) {
                slot.0 += windows[i].ids.len() * windows[i].ids.len().max(64);
                slot.1.push(i);
            }
        }
        let results: Vec<Vec<(usize, Vec<f32>)>> = std::thread::scope(|s| {
            let handles: Vec<_> = loads
                .iter()
                .map(|(_, mine)| {
                    s.spawn(move || {
                        mine.iter()
                            .map(|&i| {
                                (
                                    i,
                                    encoder::forward_window(
                                        &self.file,
                                        &self.weights,
                                        &windows[i].ids,
                                    ),
                                )
                            })
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles.into_iter().filter_map(|h| h.join().ok()).collect()
        });
        for (i, mean) in results.into_iter().flatten() {
            means[i] = mean;
        }
        means
    }
}

/// Weighted mean of window means per text, L2-normalised.
fn pool(texts: usize, windows: &[Window], means: &[Vec<f32>]) -> Vec<[f32; DIM]> {
    let mut out = vec![[0f32; DIM]; texts];
    let mut weight = vec![0f32; texts];
    for (w, mean) in windows.iter().zip(means) {
        let c = w.content as f32;
        for (o, m) in out[w.text].iter_mut().zip(mean) {
            *o += c * m;
        }
        weight[w.text] += c;
    }
    for (v, wsum) in out.iter_mut().zip(weight) {
        if wsum > 0.0 {
            v.iter_mut().for_each(|x| *x /= wsum);
        }
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
        if norm > 0.0 {
            v.iter_mut().for_each(|x| *x /= norm);
        }
    }
    out
}
