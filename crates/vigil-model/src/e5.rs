//! multilingual-e5-small: text in, L2-normalised 384-dim vectors out.
//!
//! Long texts are cut into windows of at most 510 content tokens (the prefix only in the
//! first), each wrapped in `<s> … </s>`; a text's vector is the mean of its window means,
//! weighted by content tokens, then L2-normalised.

use std::path::Path;
use std::sync::OnceLock;

use crate::encoder::{self, Embeddings, Weights};
use crate::error::Result;
use crate::fast::{FastEncoder, Scratch};
use crate::format::ModelFile;
use crate::kernels::Kernel;
use crate::tokenizer::Tokenizer;

/// Width of e5-small vectors.
pub const DIM: usize = 384;
/// Content tokens per window: 512 positions minus `<s>` and `</s>`.
pub const WINDOW: usize = 510;
/// Rows (tokens) per encoder batch: enough to amortise the weights, small enough that the
/// activations stay in cache. A longer single window is still one batch.
const BATCH_ROWS: usize = 512;

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
    pub(crate) file: ModelFile,
    pub(crate) tokenizer: Tokenizer,
    pub(crate) embeddings: Embeddings,
    fast: FastEncoder,
    /// The f32 reference layers, built only if [`E5::embed_reference`] is called.
    reference: OnceLock<Result<Weights>>,
}

impl std::fmt::Debug for E5 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("E5").field("file", &self.file).finish()
    }
}

/// One window of one text, ready for the encoder.
pub(crate) struct Window {
    pub(crate) text: usize,
    /// `<s>`, content, `</s>`.
    pub(crate) ids: Vec<u32>,
    pub(crate) content: usize,
}

impl E5 {
    /// Maps the model file, validates it and prepares the weights.
    pub fn load(path: &Path) -> Result<E5> {
        Self::from_file(ModelFile::open(path)?)
    }

    /// Prepares an already opened (and validated) model file.
    pub fn from_file(file: ModelFile) -> Result<E5> {
        if file.config.hidden != DIM {
            return Err(crate::Error::Corrupt {
                at: 8,
                what: format!("hidden size {} is not e5-small's {DIM}", file.config.hidden),
            });
        }
        let tokenizer = Tokenizer::from_file(&file)?;
        let embeddings = Embeddings::load(&file)?;
        let fast = FastEncoder::load(&file)?;
        Ok(E5 {
            file,
            tokenizer,
            embeddings,
            fast,
            reference: OnceLock::new(),
        })
    }

    /// The SIMD level the encoder runs at on this CPU.
    pub fn kernel(&self) -> Kernel {
        self.fast.kernel()
    }

    /// Whether attention runs in bf16 (AVX-512 BF16 CPUs; `VIGIL_ATTENTION=f32` turns it off).
    pub fn bf16_attention(&self) -> bool {
        self.fast.bf16_attention()
    }

    /// Chooses f32 (`false`) or, where the CPU allows, bf16 attention.
    pub fn set_bf16_attention(&mut self, on: bool) {
        self.fast.set_bf16_attention(on);
    }

    /// Transformer layers of the model.
    pub fn layers(&self) -> usize {
        self.file.config.layers
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
        let means = self.run_fast(&windows, Output::Means);
        pool(texts.len(), &windows, &means)
    }

    /// Same as [`E5::embed`] through the plain f32 encoder (slow; the yardstick in tests).
    pub fn embed_reference(&self, kind: Kind, texts: &[&str]) -> Result<Vec<[f32; DIM]>> {
        let weights = self.reference_weights()?;
        let windows = self.windows(kind, texts);
        let means = self.run_reference(weights, &windows, Output::Means);
        Ok(pool(texts.len(), &windows, &means))
    }

    /// The f32 reference layers, loaded on first use.
    pub(crate) fn reference_weights(&self) -> Result<&Weights> {
        match self.reference.get_or_init(|| Weights::load(&self.file)) {
            Ok(w) => Ok(w),
            Err(e) => Err(crate::Error::Tensor {
                name: "reference weights".into(),
                what: e.to_string(),
            }),
        }
    }

    fn windows(&self, kind: Kind, texts: &[&str]) -> Vec<Window> {
        let tok = &self.tokenizer;
        let encode = |text: &&str| {
            let mut prefixed = String::with_capacity(kind.prefix().len() + text.len());
            prefixed.push_str(kind.prefix());
            prefixed.push_str(text);
            tok.encode(&prefixed)
        };
        // Tokenising is sequential per text; with many texts, share them among the cores.
        let threads = cores();
        let bytes: usize = texts.iter().map(|t| t.len()).sum();
        let ids: Vec<Vec<u32>> = if threads > 1 && texts.len() > 1 && bytes > 8192 {
            let per = texts.len().div_ceil(threads);
            std::thread::scope(|s| {
                let handles: Vec<_> = texts
                    .chunks(per)
                    .map(|chunk| s.spawn(move || chunk.iter().map(encode).collect::<Vec<_>>()))
                    .collect();
                handles.into_iter().flat_map(join).collect()
            })
        } else {
            texts.iter().map(encode).collect()
        };
        let mut windows = Vec::new();
        for (t, ids) in ids.iter().enumerate() {
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

    /// The quantised encoder: windows sorted by length, cut into batches of about
    /// `BATCH_ROWS` tokens, batches shared among the cores.
    pub(crate) fn run_fast(&self, windows: &[Window], output: Output) -> Vec<Vec<f32>> {
        let mut order: Vec<usize> = (0..windows.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(windows[i].ids.len()));
        let mut batches: Vec<Vec<usize>> = Vec::new();
        let mut rows = 0;
        for i in order {
            let n = windows[i].ids.len();
            match batches.last_mut() {
                Some(b) if rows + n <= BATCH_ROWS => b.push(i),
                _ => {
                    batches.push(vec![i]);
                    rows = 0;
                }
            }
            rows += n;
        }
        // One batch alone (a single long text, a handful of short ones) is shared by the
        // cores inside the encoder; several batches go to the cores whole.
        let inner = if batches.len() == 1 { cores() } else { 1 };
        run_shared(
            windows.len(),
            &batches,
            |b| cost(windows, b),
            |batch, scratch: &mut Scratch| {
                let ids: Vec<&[u32]> = batch.iter().map(|&i| windows[i].ids.as_slice()).collect();
                let (file, emb) = (&self.file, &self.embeddings);
                match output {
                    Output::Means => self.fast.forward(file, emb, &ids, scratch, inner),
                    Output::Rows(depth) => self
                        .fast
                        .forward_rows(file, emb, &ids, scratch, inner, depth),
                }
            },
        )
    }

    /// The plain f32 encoder over every window, on all cores.
    pub(crate) fn run_reference(
        &self,
        weights: &Weights,
        windows: &[Window],
        output: Output,
    ) -> Vec<Vec<f32>> {
        let batches: Vec<Vec<usize>> = (0..windows.len()).map(|i| vec![i]).collect();
        run_shared(
            windows.len(),
            &batches,
            |b| cost(windows, b),
            |batch, _: &mut ()| {
                batch
                    .iter()
                    .map(|&i| {
                        let (file, emb, ids) = (&self.file, &self.embeddings, &windows[i].ids);
                        match output {
                            Output::Means => encoder::forward_window(file, emb, weights, ids),
                            Output::Rows(depth) => {
                                encoder::forward_window_rows(file, emb, weights, ids, depth)
                            }
                        }
                    })
                    .collect()
            },
        )
    }
}

/// What the encoder gives back per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Output {
    /// The mean of its final hidden states.
    Means,
    /// All its hidden states after this many layers, row after row.
    Rows(usize),
}

/// Cores this process may use (affinity and cgroup limits included).
pub(crate) fn cores() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// A worker's result; a worker that panicked (a bug) re-raises here rather than leave a
/// hole that would shift every later vector.
fn join<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

/// Rough encoder cost of a batch: linear layers grow with tokens, attention with their square.
fn cost(windows: &[Window], batch: &[usize]) -> usize {
    batch
        .iter()
        .map(|&i| windows[i].ids.len() * (windows[i].ids.len() + 256))
        .sum()
}

/// Runs `work` over `batches` on all cores (each core takes the next-largest batch onto the
/// least-loaded list up front, no locking afterwards) and returns one mean per window.
fn run_shared<S: Default>(
    window_count: usize,
    batches: &[Vec<usize>],
    cost: impl Fn(&[usize]) -> usize,
    work: impl Fn(&[usize], &mut S) -> Vec<Vec<f32>> + Sync,
) -> Vec<Vec<f32>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(batches.len())
        .max(1);
    let mut order: Vec<usize> = (0..batches.len()).collect();
    order.sort_by_key(|&b| std::cmp::Reverse(cost(&batches[b])));
    let mut lists = vec![(0usize, Vec::new()); threads];
    for b in order {
        if let Some(list) = lists.iter_mut().min_by_key(|(load, _)| *load) {
            list.0 += cost(&batches[b]);
            list.1.push(b);
        }
    }
    let run_list = |list: &[usize]| {
        let mut scratch = S::default();
        let mut out = Vec::new();
        for &b in list {
            let means = work(&batches[b], &mut scratch);
            out.extend(batches[b].iter().copied().zip(means));
        }
        out
    };
    let results: Vec<Vec<(usize, Vec<f32>)>> = if threads == 1 {
        vec![run_list(&lists[0].1)]
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = lists
                .iter()
                .map(|(_, list)| s.spawn(|| run_list(list)))
                .collect();
            handles.into_iter().map(join).collect()
        })
    };
    let mut means = vec![Vec::new(); window_count];
    for (i, mean) in results.into_iter().flatten() {
        means[i] = mean;
    }
    means
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn model_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<E5>();
    }

    #[test]
    fn pooling_weights_windows_by_content_tokens() {
        let window = |text, content| Window {
            text,
            ids: vec![0; content + 2],
            content,
        };
        let windows = [window(0, 510), window(0, 10), window(1, 3)];
        let mut a = vec![0f32; DIM];
        a[0] = 1.0;
        let mut b = vec![0f32; DIM];
        b[1] = 1.0;
        let out = pool(2, &windows, &[a.clone(), b, a]);
        // 510 parts of x, 10 parts of y, then normalised.
        let norm = (510f32 * 510.0 + 100.0).sqrt();
        assert!((out[0][0] - 510.0 / norm).abs() < 1e-6);
        assert!((out[0][1] - 10.0 / norm).abs() < 1e-6);
        assert_eq!(out[1][0], 1.0);
    }
}
