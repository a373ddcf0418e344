//! The SentencePiece unigram tokenizer of the Universal Sentence Encoder, read from `sp.model`
//! (a `ModelProto` protobuf) and run the way the reference package runs it: the `nmt_nfkc`
//! normaliser through the precompiled double-array charsmap, whitespace escaping to `▁`, then a
//! Viterbi search over the piece scores. Every piece, control pieces included, can match text,
//! and each uncovered character becomes its own `unk`, as in the package.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::path::{Path, PathBuf};

use prost::Message;

use crate::error::{Error, Result};

pub const UNK: u32 = 0;
pub const BOS: u32 = 1;
pub const EOS: u32 = 2;

/// `▁`, which stands for a space inside pieces.
const SPACE_SYMBOL: &[u8] = "\u{2581}".as_bytes();

// The parts of sentencepiece_model.proto the tokenizer reads; prost skips the other fields.

#[derive(Clone, PartialEq, Message)]
struct ModelProto {
    #[prost(message, repeated, tag = "1")]
    pieces: Vec<PieceProto>,
    #[prost(message, optional, tag = "2")]
    trainer_spec: Option<TrainerSpec>,
    #[prost(message, optional, tag = "3")]
    normalizer_spec: Option<NormalizerSpec>,
}

#[derive(Clone, PartialEq, Message)]
struct PieceProto {
    #[prost(string, optional, tag = "1")]
    piece: Option<String>,
    #[prost(float, optional, tag = "2")]
    score: Option<f32>,
}

#[derive(Clone, PartialEq, Message)]
struct TrainerSpec {
    /// 1 = unigram (the default), 2 = BPE, 3 = word, 4 = char.
    #[prost(int32, optional, tag = "3")]
    model_type: Option<i32>,
}

#[derive(Clone, PartialEq, Message)]
struct NormalizerSpec {
    #[prost(string, optional, tag = "1")]
    name: Option<String>,
    #[prost(bytes = "vec", optional, tag = "2")]
    precompiled_charsmap: Option<Vec<u8>>,
    #[prost(bool, optional, tag = "3")]
    add_dummy_prefix: Option<bool>,
    #[prost(bool, optional, tag = "4")]
    remove_extra_whitespaces: Option<bool>,
    #[prost(bool, optional, tag = "5")]
    escape_whitespaces: Option<bool>,
}

const UNIGRAM: i32 = 1;

/// A loaded unigram SentencePiece model.
pub struct SentencePiece {
    normalizer: Normalizer,
    trie: Trie,
    scores: Vec<f32>,
    /// Score of an `unk` node: the lowest piece score minus 10.
    unk_score: f64,
}

impl SentencePiece {
    pub fn load(path: &Path) -> Result<SentencePiece> {
        let bytes =
            std::fs::read(path).map_err(Error::io(format!("reading {}", path.display())))?;
        SentencePiece::from_bytes(&bytes, path)
    }

    /// Parses a serialized `ModelProto`; `path` only names the file in errors.
    pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<SentencePiece> {
        let err = |what: String| Error::SentencePiece {
            path: PathBuf::from(path),
            what,
        };
        let model = ModelProto::decode(bytes).map_err(|e| err(format!("not a model: {e}")))?;
        let model_type = model
            .trainer_spec
            .as_ref()
            .and_then(|t| t.model_type)
            .unwrap_or(UNIGRAM);
        if model_type != UNIGRAM {
            return Err(err(format!("model type {model_type} is not unigram")));
        }
        if model.pieces.len() <= EOS as usize || model.pieces.len() > (1 << 24) {
            return Err(err(format!("{} pieces", model.pieces.len())));
        }
        let spec = model.normalizer_spec.unwrap_or_default();
        let normalizer = Normalizer::new(
            spec.precompiled_charsmap.as_deref().unwrap_or_default(),
            spec.add_dummy_prefix.unwrap_or(true),
            spec.remove_extra_whitespaces.unwrap_or(true),
            spec.escape_whitespaces.unwrap_or(true),
        )
        .map_err(err)?;
        let mut trie = Trie::default();
        let mut scores = Vec::with_capacity(model.pieces.len());
        for (id, piece) in model.pieces.iter().enumerate() {
            let text = piece
                .piece
                .as_deref()
                .ok_or_else(|| err(format!("piece {id} has no text")))?;
            trie.insert(text, id as u32);
            scores.push(piece.score.unwrap_or(0.0));
        }
        let min = scores.iter().copied().fold(f32::INFINITY, f32::min);
        Ok(SentencePiece {
            normalizer,
            trie,
            unk_score: f64::from(min) - 10.0,
            scores,
        })
    }

    /// Number of pieces (ids are `0..len`).
    pub fn len(&self) -> usize {
        self.scores.len()
    }

    pub fn is_empty(&self) -> bool {
        self.scores.is_empty()
    }

    /// The text as the segmenter sees it: normalised, spaces escaped as `▁`.
    pub fn normalize(&self, text: &str) -> String {
        self.normalizer.normalize(text)
    }

    /// Piece ids of `text`, without `<s>`/`</s>`; an empty normalised text is one `unk`.
    pub fn encode(&self, text: &str) -> Vec<u32> {
        let normalized = self.normalize(text);
        if normalized.is_empty() {
            return vec![UNK];
        }
        self.viterbi(&normalized)
    }

    /// Best segmentation by total score. Ties keep the earliest-starting piece, as the strict
    /// `>` of the package's left-to-right search does; sums are in f64 like Python's floats.
    fn viterbi(&self, text: &str) -> Vec<u32> {
        let chars: Vec<char> = text.chars().collect();
        let len = chars.len();
        let mut best = vec![-1e38f64; len + 1];
        best[0] = 0.0;
        let mut start_of = vec![0usize; len + 1];
        let mut piece_of = vec![UNK; len + 1];
        for i in 0..len {
            let base = best[i];
            let mut node = Trie::ROOT;
            let mut has_single = false;
            for (j, &c) in chars.iter().enumerate().skip(i) {
                let Some(next) = self.trie.child(node, c) else {
                    break;
                };
                node = next;
                if let Some(id) = self.trie.piece(node) {
                    let end = j + 1;
                    let score = base + f64::from(self.scores[id as usize]);
                    if score > best[end] {
                        best[end] = score;
                        start_of[end] = i;
                        piece_of[end] = id;
                    }
                    has_single |= end == i + 1;
                }
            }
            if !has_single {
                let score = base + self.unk_score;
                if score > best[i + 1] {
                    best[i + 1] = score;
                    start_of[i + 1] = i;
                    piece_of[i + 1] = UNK;
                }
            }
        }
        let mut ids = Vec::new();
        let mut p = len;
        while p > 0 {
            ids.push(piece_of[p]);
            p = start_of[p];
        }
        ids.reverse();
        ids
    }
}

/// A character trie of the pieces: one hash lookup per (node, character).
#[derive(Default)]
struct Trie {
    children: HashMap<u64, u32, BuildHasherDefault<MulHasher>>,
    /// Piece id + 1 per node; 0 for a node that only leads to longer pieces.
    pieces: Vec<u32>,
}

impl Trie {
    const ROOT: u32 = 0;

    fn key(node: u32, c: char) -> u64 {
        (u64::from(node) << 21) | u64::from(c)
    }

    fn insert(&mut self, piece: &str, id: u32) {
        if self.pieces.is_empty() {
            self.pieces.push(0);
        }
        let mut node = Self::ROOT;
        for c in piece.chars() {
            let fresh = self.pieces.len() as u32;
            let next = *self.children.entry(Self::key(node, c)).or_insert(fresh);
            if next == fresh {
                self.pieces.push(0);
            }
            node = next;
        }
        // Like the package's dict, a later duplicate piece replaces an earlier one.
        if node != Self::ROOT {
            self.pieces[node as usize] = id + 1;
        }
    }

    fn child(&self, node: u32, c: char) -> Option<u32> {
        self.children.get(&Self::key(node, c)).copied()
    }

    fn piece(&self, node: u32) -> Option<u32> {
        self.pieces
            .get(node as usize)
            .and_then(|&p| p.checked_sub(1))
    }
}

/// Multiply-and-fold hashing for the trie's integer keys (SipHash would dominate the walk).
#[derive(Default)]
struct MulHasher(u64);

impl Hasher for MulHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(u64::from(b));
        }
    }

    fn write_u64(&mut self, n: u64) {
        let m = u128::from(self.0 ^ n) * 0x9E37_79B9_7F4A_7C15u128;
        self.0 = (m as u64) ^ ((m >> 64) as u64);
    }
}

/// The `nmt_nfkc` normaliser: longest-match replacement through a darts-clone double array,
/// plus the whitespace rules of the normaliser spec.
struct Normalizer {
    /// Double-array units; empty when the model has no charsmap.
    units: Vec<u32>,
    /// NUL-terminated replacement strings the trie's values point into.
    replacements: Vec<u8>,
    add_dummy_prefix: bool,
    remove_extra_whitespaces: bool,
    escape_whitespaces: bool,
}

impl Normalizer {
    fn new(
        charsmap: &[u8],
        add_dummy_prefix: bool,
        remove_extra_whitespaces: bool,
        escape_whitespaces: bool,
    ) -> Result<Normalizer, String> {
        let (units, replacements) = if charsmap.is_empty() {
            (Vec::new(), Vec::new())
        } else {
            let size = charsmap
                .get(..4)
                .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]) as usize)
                .ok_or("precompiled charsmap shorter than its header")?;
            let trie = charsmap
                .get(4..4 + size)
                .filter(|_| size % 4 == 0 && size > 0)
                .ok_or_else(|| format!("precompiled charsmap announces a {size}-byte trie"))?;
            let units = trie
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect();
            (units, charsmap[4 + size..].to_vec())
        };
        Ok(Normalizer {
            units,
            replacements,
            add_dummy_prefix,
            remove_extra_whitespaces,
            escape_whitespaces,
        })
    }

    fn offset(unit: u32) -> usize {
        ((unit >> 10) << ((unit & 0x200) >> 6)) as usize
    }

    /// The longest charsmap key at the start of `data`: its replacement and the bytes it
    /// consumes; without a match, the first character unchanged.
    fn normalize_prefix<'a>(&'a self, data: &'a [u8]) -> (&'a [u8], usize) {
        let mut best_len = 0;
        let mut best_value = 0usize;
        if let Some(&root) = self.units.first() {
            let mut node = Self::offset(root);
            for (i, &c) in data.iter().enumerate() {
                node ^= usize::from(c);
                let Some(&unit) = self.units.get(node) else {
                    break;
                };
                if unit & 0x8000_00FF != u32::from(c) {
                    break;
                }
                node ^= Self::offset(unit);
                if unit & 0x100 != 0 {
                    let Some(&value) = self.units.get(node) else {
                        break;
                    };
                    best_len = i + 1;
                    best_value = (value & 0x7FFF_FFFF) as usize;
                }
            }
        }
        if best_len == 0 || best_value >= self.replacements.len() {
            let len = char_len(data);
            return (&data[..len], len);
        }
        let tail = &self.replacements[best_value..];
        let end = tail.iter().position(|&b| b == 0).unwrap_or(tail.len());
        (&tail[..end], best_len)
    }

    fn normalize(&self, text: &str) -> String {
        let raw = text.as_bytes();
        let mut pos = 0;
        let strip = self.remove_extra_whitespaces;
        if strip {
            while pos < raw.len() {
                let (piece, used) = self.normalize_prefix(&raw[pos..]);
                if piece != b" " {
                    break;
                }
                pos += used;
            }
        }
        if pos >= raw.len() {
            return String::new();
        }
        let space: &[u8] = if self.escape_whitespaces {
            SPACE_SYMBOL
        } else {
            b" "
        };
        let mut out = Vec::with_capacity(raw.len() + raw.len() / 4 + 3);
        if self.add_dummy_prefix {
            out.extend_from_slice(space);
        }
        let mut prev_space = strip;
        while pos < raw.len() {
            let (mut piece, used) = self.normalize_prefix(&raw[pos..]);
            pos += used;
            if strip && prev_space {
                while let Some(rest) = piece.strip_prefix(b" ") {
                    piece = rest;
                }
            }
            if piece.is_empty() {
                continue;
            }
            if piece.contains(&b' ') {
                for &b in piece {
                    if b == b' ' {
                        out.extend_from_slice(space);
                    } else {
                        out.push(b);
                    }
                }
                prev_space = piece.last() == Some(&b' ');
            } else {
                out.extend_from_slice(piece);
                prev_space = false;
            }
        }
        if strip {
            while out.ends_with(space) {
                out.truncate(out.len() - space.len());
            }
        }
        match String::from_utf8(out) {
            Ok(s) => s,
            // Only a corrupt charsmap can cut a character in half.
            Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        }
    }
}

/// Byte length of the UTF-8 character starting `data` (1 for a stray byte).
fn char_len(data: &[u8]) -> usize {
    let first = data[0];
    let len = match first {
        0x00..=0x7F => 1,
        _ if first >> 5 == 0x6 => 2,
        _ if first >> 4 == 0xE => 3,
        _ if first >> 3 == 0x1E => 4,
        _ => 1,
    };
    if len > data.len() || data[1..len].iter().any(|&b| b & 0xC0 != 0x80) {
        1
    } else {
        len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(pieces: &[(&str, f32)], normalizer: Option<NormalizerSpec>) -> Vec<u8> {
        ModelProto {
            pieces: pieces
                .iter()
                .map(|&(p, s)| PieceProto {
                    piece: Some(p.to_string()),
                    score: Some(s),
                })
                .collect(),
            trainer_spec: Some(TrainerSpec {
                model_type: Some(1),
            }),
            normalizer_spec: normalizer,
        }
        .encode_to_vec()
    }

    const PIECES: &[(&str, f32)] = &[
        ("<unk>", 0.0),
        ("<s>", 0.0),
        ("</s>", 0.0),
        ("▁", -2.0),
        ("▁new", -3.0),
        ("s", -2.5),
        ("▁news", -4.0),
        ("▁n", -6.0),
        ("ew", -6.0),
        ("▁مرحبا", -5.0),
    ];

    #[test]
    fn viterbi_prefers_the_best_total_score() {
        let sp = SentencePiece::from_bytes(&model(PIECES, None), Path::new("t")).unwrap();
        // "▁news" (-4) beats "▁new"+"s" (-5.5) and "▁n"+"ew"+"s".
        assert_eq!(sp.encode("news"), [6]);
        assert_eq!(sp.encode("  news   مرحبا "), [6, 9]);
        // Characters no piece covers are one unk each.
        assert_eq!(sp.encode("news 水水"), [6, 3, UNK, UNK]);
        assert_eq!(sp.encode("   "), [UNK]);
        assert_eq!(sp.normalize("  a   b  "), "▁a▁b");
    }

    #[test]
    fn refuses_non_unigram_and_garbage() {
        let mut bpe = ModelProto::decode(&model(PIECES, None)[..]).unwrap();
        bpe.trainer_spec = Some(TrainerSpec {
            model_type: Some(2),
        });
        let err = SentencePiece::from_bytes(&bpe.encode_to_vec(), Path::new("t"))
            .err()
            .unwrap();
        assert!(err.to_string().contains("not unigram"), "{err}");
        assert!(SentencePiece::from_bytes(b"\xff\xff\xff", Path::new("t")).is_err());
        let bad_map = NormalizerSpec {
            precompiled_charsmap: Some(vec![0xff, 0xff, 0, 0, 1, 2]),
            ..Default::default()
        };
        let err = SentencePiece::from_bytes(&model(PIECES, Some(bad_map)), Path::new("t"))
            .err()
            .unwrap();
        assert!(err.to_string().contains("charsmap"), "{err}");
    }
}
