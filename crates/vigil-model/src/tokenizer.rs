//! The e5 (XLM-R SentencePiece unigram) tokenizer, rebuilt from the tables in the model file:
//! per-code-point normalisation, space handling, then a Viterbi search for the segmentation
//! with the highest total piece score.

use std::ops::Range;

use crate::error::{Error, Result};
use crate::format::{MAX_PIECE_BYTES, ModelFile};

/// `▁`, SentencePiece's visible space.
const SPACE_MARK: char = '\u{2581}';

/// Tokenizer tables, owned so they outlive the file map and stay cheap to query.
pub struct Tokenizer {
    blob: Vec<u8>,
    /// `offsets[i]..offsets[i + 1]` is piece `i` in `blob`.
    offsets: Vec<u32>,
    scores: Vec<f32>,
    /// Open-addressing table of piece ids by FNV-1a hash of their bytes (`u32::MAX` = empty).
    slots: Vec<u32>,
    /// Sorted by code point: the replacement for each normalised code point.
    norm_keys: Vec<u32>,
    norm_values: Vec<Box<[char]>>,
    unk_score: f64,
    pub bos: u32,
    pub eos: u32,
    pub pad: u32,
    pub unk: u32,
}

impl std::fmt::Debug for Tokenizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tokenizer")
            .field("pieces", &self.scores.len())
            .finish()
    }
}

impl Tokenizer {
    /// Builds the tokenizer from a validated model file.
    pub fn from_file(file: &ModelFile) -> Result<Tokenizer> {
        let vocab = file.vocab;
        let mut blob = Vec::new();
        let mut offsets = Vec::with_capacity(vocab.count + 1);
        let mut scores = Vec::with_capacity(vocab.count);
        offsets.push(0u32);
        let mut min_score = f32::INFINITY;
        for id in 0..vocab.count {
            let piece = file
                .piece(id)
                .ok_or_else(|| corrupt_piece(id, "outside the blob"))?;
            if std::str::from_utf8(piece).is_err() {
                return Err(corrupt_piece(id, "not valid UTF-8"));
            }
            let score = file
                .score(id)
                .filter(|s| s.is_finite())
                .ok_or_else(|| corrupt_piece(id, "score is not finite"))?;
            blob.extend_from_slice(piece);
            offsets.push(blob.len() as u32);
            scores.push(score);
            min_score = min_score.min(score);
        }
        let mut norm_keys = Vec::new();
        let mut norm_values = Vec::new();
        for (cp, repl) in file.normalisation() {
            let Some(chars) = repl
                .iter()
                .map(|&c| char::from_u32(c))
                .collect::<Option<Box<[char]>>>()
            else {
                return Err(Error::Corrupt {
                    at: 0,
                    what: format!("normalisation of U+{cp:04X} maps to an invalid code point"),
                });
            };
            if norm_keys.last().is_some_and(|&last| last >= cp) {
                return Err(Error::Corrupt {
                    at: 0,
                    what: format!("normalisation table not sorted at U+{cp:04X}"),
                });
            }
            norm_keys.push(cp);
            norm_values.push(chars);
        }
        let mut tok = Tokenizer {
            blob,
            offsets,
            scores,
            slots: Vec::new(),
            norm_keys,
            norm_values,
            unk_score: f64::from(min_score) - 10.0,
            bos: vocab.bos,
            eos: vocab.eos,
            pad: vocab.pad,
            unk: vocab.unk,
        };
        tok.build_index();
        Ok(tok)
    }

    fn build_index(&mut self) {
        let n = self.scores.len();
        let size = (n * 2).next_power_of_two().max(16);
        self.slots = vec![u32::MAX; size];
        let mask = size - 1;
        // Special pieces (`<s>`, `<mask>`, …) match literal text too, as in the reference;
        // `<unk>` alone does not (it is what unmatched characters become).
        for id in 0..n {
            let piece = self.piece_bytes(id as u32);
            if piece.is_empty() || id as u32 == self.unk {
                continue;
            }
            let mut slot = fnv1a(piece) as usize & mask;
            while self.slots[slot] != u32::MAX {
                // A duplicate piece keeps its first id, as a dictionary built in id order would.
                if self.piece_bytes(self.slots[slot]) == piece {
                    break;
                }
                slot = (slot + 1) & mask;
            }
            if self.slots[slot] == u32::MAX {
                self.slots[slot] = id as u32;
            }
        }
    }

    fn piece_bytes(&self, id: u32) -> &[u8] {
        let i = id as usize;
        &self.blob[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }

    /// The text of piece `id`, if it exists.
    pub fn piece(&self, id: u32) -> Option<&str> {
        let i = id as usize;
        let range = *self.offsets.get(i)? as usize..*self.offsets.get(i + 1)? as usize;
        std::str::from_utf8(self.blob.get(range)?).ok()
    }

    /// Number of pieces in the vocabulary.
    pub fn vocab_size(&self) -> usize {
        self.scores.len()
    }

    /// The id of an exact piece, if the vocabulary has it.
    pub fn lookup(&self, piece: &[u8]) -> Option<u32> {
        self.lookup_hashed(piece, fnv1a(piece))
    }

    /// [`Tokenizer::lookup`] with the FNV-1a hash of `piece` already known, so the Viterbi
    /// search can extend one hash as its candidate grows instead of rehashing every prefix.
    fn lookup_hashed(&self, piece: &[u8], hash: u64) -> Option<u32> {
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            let id = self.slots[slot];
            if id == u32::MAX {
                return None;
            }
            if self.piece_bytes(id) == piece {
                return Some(id);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Steps 2 and 3 of the text pipeline: the normalisation table, then spaces as `▁`.
    pub fn normalize(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 8);
        let mut last_space = false;
        let mut first = true;
        for c in text.chars() {
            let mapped: &[char] = match self.norm_keys.binary_search(&(c as u32)) {
                Ok(i) => &self.norm_values[i],
                Err(_) => std::slice::from_ref(&c),
            };
            for &m in mapped {
                if first {
                    first = false;
                    if m != ' ' {
                        out.push(SPACE_MARK);
                    }
                }
                if m == ' ' {
                    if !last_space {
                        out.push(SPACE_MARK);
                    }
                    last_space = true;
                } else {
                    out.push(m);
                    last_space = false;
                }
            }
        }
        out
    }

    /// [`Tokenizer::normalize`], also giving for each byte of the result the source
    /// character it came from: `(start, end)` in `text`, and whether it stands for a space
    /// (a `▁` from whitespace or the one put before the text). A character the table expands
    /// to several gives each of them its own whole range.
    fn normalize_tracked(&self, text: &str) -> (String, Vec<Origin>) {
        let mut out = String::with_capacity(text.len() + 8);
        let mut origin = Vec::with_capacity(text.len() + 8);
        let mut last_space = false;
        let mut first = true;
        let mut push = |out: &mut String, c: char, o: Origin| {
            out.push(c);
            origin.extend(std::iter::repeat_n(o, c.len_utf8()));
        };
        for (at, c) in text.char_indices() {
            let mapped: &[char] = match self.norm_keys.binary_search(&(c as u32)) {
                Ok(i) => &self.norm_values[i],
                Err(_) => std::slice::from_ref(&c),
            };
            let here = Origin {
                start: at,
                end: at + c.len_utf8(),
                space: false,
            };
            for &m in mapped {
                if first {
                    first = false;
                    if m != ' ' {
                        let before = Origin {
                            end: at,
                            space: true,
                            ..here
                        };
                        push(&mut out, SPACE_MARK, before);
                    }
                }
                if m == ' ' {
                    if !last_space {
                        push(
                            &mut out,
                            SPACE_MARK,
                            Origin {
                                space: true,
                                ..here
                            },
                        );
                    }
                    last_space = true;
                } else {
                    push(&mut out, m, here);
                    last_space = false;
                }
            }
        }
        (out, origin)
    }

    /// Content token ids of `text` (no `<s>`/`</s>`), exactly as the model sees them.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        self.viterbi(&self.normalize(text))
            .into_iter()
            .map(|(id, _)| id)
            .collect()
    }

    /// [`Tokenizer::encode`] with the byte range in `text` each token came from: the source
    /// characters of its non-space part. A token that is only a space mark (`▁` before a
    /// character it cannot join) gets the empty range where the next character starts.
    /// Ranges are in order and on character boundaries; two tokens share a range only when
    /// normalisation expanded one character into both (`ﬁ` → `f`, `i`).
    pub fn encode_with_spans(&self, text: &str) -> Vec<(u32, Range<usize>)> {
        let (normalized, origin) = self.normalize_tracked(text);
        let mut out = Vec::new();
        for (id, piece) in self.viterbi(&normalized) {
            let mut span: Option<Range<usize>> = None;
            for o in origin[piece.clone()].iter().filter(|o| !o.space) {
                span = Some(match span {
                    None => o.start..o.end,
                    Some(s) => s.start.min(o.start)..s.end.max(o.end),
                });
            }
            let span = span.unwrap_or_else(|| {
                let end = origin[piece.end - 1].end;
                end..end
            });
            out.push((id, span));
        }
        out
    }

    /// The highest-scoring segmentation of an already normalised string: each piece's id and
    /// byte range in `s`.
    fn viterbi(&self, s: &str) -> Vec<(u32, Range<usize>)> {
        let bytes = s.as_bytes();
        let n = bytes.len();
        // best[i]: score of the best segmentation of bytes[..i]; from[i]: (start, id) of its last piece.
        let mut best = vec![f64::NEG_INFINITY; n + 1];
        let mut from = vec![(0usize, 0u32); n + 1];
        best[0] = 0.0;
        let mut start = 0;
        while start < n {
            let base = best[start];
            let char_len = utf8_len(bytes[start]);
            let mut covered = false;
            let mut end = start;
            let mut hash = FNV_OFFSET;
            let limit = (start + MAX_PIECE_BYTES).min(n);
            while end < limit {
                let next = end + utf8_len(bytes[end]);
                if next > limit {
                    break;
                }
                hash = fnv1a_extend(hash, &bytes[end..next]);
                end = next;
                if let Some(id) = self.lookup_hashed(&bytes[start..end], hash) {
                    if end == start + char_len {
                        covered = true;
                    }
                    let score = base + f64::from(self.scores[id as usize]);
                    if score > best[end] {
                        best[end] = score;
                        from[end] = (start, id);
                    }
                }
            }
            if !covered {
                let end = (start + char_len).min(n);
                let score = base + self.unk_score;
                if score > best[end] {
                    best[end] = score;
                    from[end] = (start, self.unk);
                }
            }
            start = (start + char_len).min(n);
        }
        let mut ids = Vec::new();
        let mut end = n;
        while end > 0 {
            let (start, id) = from[end];
            ids.push((id, start..end));
            end = start;
        }
        ids.reverse();
        ids
    }
}

/// Where a byte of the normalised text came from.
#[derive(Debug, Clone, Copy)]
struct Origin {
    start: usize,
    end: usize,
    space: bool,
}

fn corrupt_piece(id: usize, what: &str) -> Error {
    Error::Corrupt {
        at: 0,
        what: format!("piece {id} is {what}"),
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_extend(FNV_OFFSET, bytes)
}

fn fnv1a_extend(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Length of the UTF-8 sequence a leading byte starts (1 for stray continuation bytes, which
/// cannot occur in a `&str` at a char boundary).
fn utf8_len(b: u8) -> usize {
    match b {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}
