//! The hidden state of every token of a text, with the byte range of the text it came from:
//! features for a tagger (named entities) rather than one vector for the whole text. The
//! final layer's states by default; [`E5::token_states_at`] stops after fewer layers (the
//! middle layers of e5-small tag names better than its last, which is trained to pool into
//! a sentence vector, and cost half as much).
//!
//! Each window is `<s> passage: … </s>`, like the passages e5 was trained on and the product
//! embeds (the prefix's own states are dropped). A text longer than one window is cut into
//! windows that overlap by [`OVERLAP`] tokens; a token takes its state from the window in
//! which it has the most context on its nearer side. States are returned as the encoder
//! leaves them, not L2-normalised: a tagger centres them on its training data's mean before
//! normalising (the shared component is large), which normalising here would distort.

use std::ops::Range;

use crate::e5::{E5, Kind, Output, WINDOW, Window};
use crate::error::Result;

/// Tokens two neighbouring windows share.
pub const OVERLAP: usize = 128;

/// One state per content token of a text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TokenStates {
    /// Byte range in the text of each token, in order, on character boundaries. A token that
    /// is only SentencePiece's space mark has an empty range where the next character starts.
    pub spans: Vec<(usize, usize)>,
    /// Width of a state (384 for e5-small).
    pub dim: usize,
    /// The layers the states come out of (12, the last, for e5-small's final states).
    pub layer: usize,
    /// `spans.len() × dim` floats, token after token.
    pub values: Vec<f32>,
}

impl TokenStates {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    /// The state of token `i`.
    pub fn state(&self, i: usize) -> &[f32] {
        &self.values[i * self.dim..(i + 1) * self.dim]
    }
}

/// Which encoder computes the states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Engine {
    Fast,
    Reference,
}

/// The windows of one text: where each starts among its content tokens.
struct Plan {
    spans: Vec<(usize, usize)>,
    /// `(first window, start of each window in content tokens)`.
    windows: Vec<usize>,
    first: usize,
}

impl E5 {
    /// The final state of every content token of `text` through the production encoder.
    pub fn token_states(&self, text: &str) -> TokenStates {
        self.token_states_at(&[text], self.layers())
            .pop()
            .unwrap_or_default()
    }

    /// The state after the first `layer` layers (at most all of them) of every content token
    /// of each of `texts`; many texts at once share batches and cores.
    pub fn token_states_at(&self, texts: &[&str], layer: usize) -> Vec<TokenStates> {
        self.states(texts, layer, Engine::Fast)
            .expect("the fast encoder does not fail")
    }

    /// [`E5::token_states_at`] of one text through the plain f32 encoder (slow; the
    /// yardstick in tests).
    pub fn token_states_reference(&self, text: &str, layer: usize) -> Result<TokenStates> {
        Ok(self
            .states(&[text], layer, Engine::Reference)?
            .pop()
            .unwrap_or_default())
    }

    fn states(&self, texts: &[&str], layer: usize, engine: Engine) -> Result<Vec<TokenStates>> {
        let layer = layer.min(self.layers());
        let tok = &self.tokenizer;
        let prefix = tok.encode(Kind::Passage.prefix().trim_end());
        let room = WINDOW - prefix.len();
        let mut plans = Vec::with_capacity(texts.len());
        let mut windows = Vec::new();
        for (t, text) in texts.iter().enumerate() {
            // The text alone tokenises as it would after the prefix: both start with `▁`.
            let pieces = tok.encode_with_spans(text);
            let first = windows.len();
            let starts = window_starts(pieces.len(), room);
            for &start in &starts {
                let end = (start + room).min(pieces.len());
                let mut ids = Vec::with_capacity(end - start + prefix.len() + 2);
                ids.push(tok.bos);
                ids.extend_from_slice(&prefix);
                ids.extend(pieces[start..end].iter().map(|p| p.0));
                ids.push(tok.eos);
                windows.push(Window {
                    text: t,
                    ids,
                    content: end - start,
                });
            }
            plans.push(Plan {
                spans: pieces.iter().map(|(_, r)| (r.start, r.end)).collect(),
                windows: starts,
                first,
            });
        }
        let rows = match engine {
            Engine::Fast => self.run_fast(&windows, Output::Rows(layer)),
            Engine::Reference => {
                self.run_reference(self.reference_weights()?, &windows, Output::Rows(layer))
            }
        };
        let dim = crate::DIM;
        let skip = 1 + prefix.len();
        Ok(plans
            .into_iter()
            .map(|plan| {
                let mut values = Vec::with_capacity(plan.spans.len() * dim);
                for j in 0..plan.spans.len() {
                    let w = best_window(&plan.windows, room, plan.spans.len(), j);
                    let row = skip + j - plan.windows[w];
                    values.extend_from_slice(&rows[plan.first + w][row * dim..(row + 1) * dim]);
                }
                TokenStates {
                    spans: plan.spans,
                    dim,
                    layer,
                    values,
                }
            })
            .collect())
    }
}

/// Where each window starts among `n` content tokens, `room` per window: one window if they
/// fit, otherwise steps of `room − OVERLAP` with the last window ending at the last token.
/// No window for no tokens.
fn window_starts(n: usize, room: usize) -> Vec<usize> {
    if n == 0 {
        return Vec::new();
    }
    if n <= room {
        return vec![0];
    }
    let stride = room.saturating_sub(OVERLAP).max(1);
    let mut starts: Vec<usize> = (0..)
        .map(|k| k * stride)
        .take_while(|&s| s + room < n)
        .collect();
    starts.push(n - room);
    starts
}

/// The window (index into `starts`) where token `j` has the most context on its nearer side.
fn best_window(starts: &[usize], room: usize, n: usize, j: usize) -> usize {
    let mut best: Option<(usize, usize)> = None;
    for (w, &start) in starts.iter().enumerate() {
        let range: Range<usize> = start..(start + room).min(n);
        if range.contains(&j) {
            let margin = (j - range.start).min(range.end - 1 - j);
            if best.is_none_or(|b| margin > b.1) {
                best = Some((w, margin));
            }
        }
    }
    best.map_or(0, |b| b.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_overlap_and_cover_every_token() {
        assert!(window_starts(0, 500).is_empty());
        assert_eq!(window_starts(500, 500), [0]);
        assert_eq!(window_starts(501, 500), [0, 1]);
        let starts = window_starts(1200, 500);
        assert_eq!(starts, [0, 372, 700]);
        for j in 0..1200 {
            let w = best_window(&starts, 500, 1200, j);
            assert!((starts[w]..starts[w] + 500).contains(&j), "token {j}");
        }
        // Near a window's end a token moves to the next window, where it is more central.
        assert_eq!(best_window(&starts, 500, 1200, 10), 0);
        assert_eq!(best_window(&starts, 500, 1200, 490), 1);
        assert_eq!(best_window(&starts, 500, 1200, 1199), 2);
    }
}
