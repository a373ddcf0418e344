//! Reader for the `E5S1` model file: header, tokenizer tables, normalisation table and tensor
//! directory, all validated against the file length before anything is sliced.
//!
//! Layout (little-endian): see `docs/multilingual-e5-small-q4.md`. Every read goes through
//! [`Cursor`], which turns a short file into [`Error::Truncated`] instead of a panic.

use std::fs::File;
use std::path::Path;

use memmap2::Mmap;

use crate::error::{Error, Result};

const MAGIC: &[u8; 4] = b"E5S1";
const VERSION: u32 = 1;
/// Longest piece the format allows; the tokenizer relies on it to bound its search.
pub const MAX_PIECE_BYTES: usize = 48;
/// Bytes per Q4_0 block of 32 weights: f16 scale + 16 bytes of nibbles.
pub const Q4_BLOCK_BYTES: usize = 18;
pub const Q4_BLOCK: usize = 32;

/// Model dimensions from the header.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Config {
    pub hidden: usize,
    pub layers: usize,
    pub heads: usize,
    pub ffn: usize,
    pub vocab_rows: usize,
    pub max_positions: usize,
    pub type_vocab: usize,
    pub layer_norm_eps: f32,
    pub quant_block: usize,
}

/// How a tensor's bytes encode its values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DType {
    F32,
    Q4_0,
}

/// One validated entry of the tensor directory; `bytes` lies inside the file.
#[derive(Debug, Clone)]
pub struct TensorInfo {
    pub name: String,
    pub dtype: DType,
    pub elements: usize,
    pub offset: usize,
    pub size: usize,
}

/// Tokenizer tables as stored: piece `i` is `blob[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Clone, Copy)]
pub struct VocabSection {
    pub count: usize,
    pub bos: u32,
    pub eos: u32,
    pub pad: u32,
    pub unk: u32,
    /// Byte range of `u32 offsets[count + 1]`.
    offsets: (usize, usize),
    /// Byte range of `f32 scores[count]`.
    scores: (usize, usize),
    /// Byte range of the piece blob.
    blob: (usize, usize),
}

/// The file's bytes: mapped from disk, or owned (tests, embedded copies).
enum Bytes {
    Map(Mmap),
    Owned(Vec<u8>),
}

impl std::ops::Deref for Bytes {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            Bytes::Map(m) => m,
            Bytes::Owned(v) => v,
        }
    }
}

/// A memory-mapped, validated model file.
pub struct ModelFile {
    map: Bytes,
    pub config: Config,
    pub vocab: VocabSection,
    /// Byte range of the normalisation records and their count.
    norm: (usize, usize, usize),
    pub tensors: Vec<TensorInfo>,
}

impl std::fmt::Debug for ModelFile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModelFile")
            .field("len", &self.map.len())
            .field("config", &self.config)
            .field("tensors", &self.tensors.len())
            .finish()
    }
}

impl ModelFile {
    /// Maps and validates a model file.
    pub fn open(path: &Path) -> Result<ModelFile> {
        let file =
            File::open(path).map_err(Error::io(format!("opening model {}", path.display())))?;
        // SAFETY: the map is read-only and private to this process; the format is only ever
        // read through bounds-checked slices, so a concurrent truncation by another process
        // is the one hazard left, as with every memory-mapped reader.
        let map = unsafe { Mmap::map(&file) }
            .map_err(Error::io(format!("mapping model {}", path.display())))?;
        Self::parse(Bytes::Map(map))
    }

    /// Validates a model held in memory.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<ModelFile> {
        Self::parse(Bytes::Owned(bytes))
    }

    fn parse(map: Bytes) -> Result<ModelFile> {
        let mut c = Cursor::new(&map);
        let (config, vocab, norm) = parse_front(&mut c)?;
        let tensors = parse_directory(&mut c, map.len())?;
        Ok(ModelFile {
            map,
            config,
            vocab,
            norm,
            tensors,
        })
    }

    /// The raw bytes of the whole file.
    pub fn bytes(&self) -> &[u8] {
        &self.map
    }

    /// Piece `id` as stored (may be invalid UTF-8 in a damaged file; callers decide).
    pub fn piece(&self, id: usize) -> Option<&[u8]> {
        let start = self.offset_entry(id)? as usize;
        let end = self.offset_entry(id + 1)? as usize;
        self.map
            .get(self.vocab.blob.0 + start..self.vocab.blob.0 + end)
    }

    fn offset_entry(&self, i: usize) -> Option<u32> {
        if i > self.vocab.count {
            return None;
        }
        read_u32(&self.map, self.vocab.offsets.0 + 4 * i)
    }

    /// Score of piece `id`.
    pub fn score(&self, id: usize) -> Option<f32> {
        if id >= self.vocab.count {
            return None;
        }
        read_u32(&self.map, self.vocab.scores.0 + 4 * id).map(f32::from_bits)
    }

    /// Normalisation records: `(code point, replacement)`; an empty replacement deletes.
    pub fn normalisation(&self) -> Vec<(u32, Vec<u32>)> {
        let (start, end, count) = self.norm;
        let mut out = Vec::with_capacity(count);
        // Already validated in `parse_front`, so the cursor cannot fail here; stop quietly if it does.
        let mut c = Cursor::new(&self.map[start..end]);
        for _ in 0..count {
            let Ok((cp, repl)) = read_norm_record(&mut c) else {
                break;
            };
            out.push((cp, repl));
        }
        out
    }

    /// The directory entry called `name`.
    pub fn tensor(&self, name: &str) -> Result<&TensorInfo> {
        self.tensors
            .iter()
            .find(|t| t.name == name)
            .ok_or_else(|| Error::Tensor {
                name: name.to_string(),
                what: "missing from the tensor directory".into(),
            })
    }

    /// Bytes of a tensor (range validated when the directory was read).
    pub fn tensor_bytes(&self, info: &TensorInfo) -> &[u8] {
        &self.map[info.offset..info.offset + info.size]
    }

    /// An f32 tensor with exactly `elements` values, copied out of the map.
    pub fn f32_tensor(&self, name: &str, elements: usize) -> Result<Vec<f32>> {
        let info = self.expect(name, DType::F32, elements)?;
        Ok(self
            .tensor_bytes(info)
            .chunks_exact(4)
            .map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect())
    }

    /// A Q4_0 matrix of `rows × cols` values, as its raw blocks.
    pub fn q4_tensor(&self, name: &str, rows: usize, cols: usize) -> Result<&[u8]> {
        if !cols.is_multiple_of(Q4_BLOCK) {
            return Err(Error::Tensor {
                name: name.into(),
                what: format!("{cols} columns is not a multiple of {Q4_BLOCK}"),
            });
        }
        let info = self.expect(name, DType::Q4_0, rows * cols)?;
        Ok(self.tensor_bytes(info))
    }

    fn expect(&self, name: &str, dtype: DType, elements: usize) -> Result<&TensorInfo> {
        let info = self.tensor(name)?;
        if info.dtype != dtype || info.elements != elements {
            return Err(Error::Tensor {
                name: name.into(),
                what: format!(
                    "expected {dtype:?} with {elements} values, file has {:?} with {}",
                    info.dtype, info.elements
                ),
            });
        }
        Ok(info)
    }
}

fn parse_front(c: &mut Cursor) -> Result<(Config, VocabSection, (usize, usize, usize))> {
    let magic = c.take(4)?;
    if magic != MAGIC {
        return Err(c.corrupt(0, format!("magic is {magic:?}, expected \"E5S1\"")));
    }
    let version = c.u32()?;
    if version != VERSION {
        return Err(c.corrupt(4, format!("unsupported version {version}")));
    }
    let hidden = c.dim("hidden", 1 << 14)?;
    let layers = c.dim("layers", 256)?;
    let heads = c.dim("heads", 256)?;
    let ffn = c.dim("ffn", 1 << 16)?;
    let vocab_rows = c.dim("vocab rows", 1 << 24)?;
    let max_positions = c.dim("max positions", 1 << 16)?;
    let type_vocab = c.dim("type vocab", 1 << 10)?;
    let layer_norm_eps = c.f32()?;
    let quant_block = c.dim("quantization block", 1 << 10)?;
    if hidden % heads != 0 {
        return Err(c.corrupt(8, format!("hidden {hidden} not divisible by {heads} heads")));
    }
    if quant_block != Q4_BLOCK || hidden % Q4_BLOCK != 0 || ffn % Q4_BLOCK != 0 {
        return Err(c.corrupt(
            40,
            format!("quantization block {quant_block} does not fit the shapes"),
        ));
    }
    if !(layer_norm_eps.is_finite() && layer_norm_eps > 0.0) {
        return Err(c.corrupt(36, format!("layer-norm eps {layer_norm_eps}")));
    }
    let config = Config {
        hidden,
        layers,
        heads,
        ffn,
        vocab_rows,
        max_positions,
        type_vocab,
        layer_norm_eps,
        quant_block,
    };

    let count = c.dim("piece count", 1 << 24)?;
    let mut special = [0u32; 4];
    for s in &mut special {
        let at = c.pos;
        let id = c.i32()?;
        *s = u32::try_from(id)
            .ok()
            .filter(|&id| (id as usize) < count)
            .ok_or_else(|| {
                c.corrupt(at, format!("special token id {id} outside {count} pieces"))
            })?;
    }
    let blob_len = c.u64()?;
    let offsets = c.range(4 * (count + 1))?;
    let scores = c.range(4 * count)?;
    let blob_len =
        usize::try_from(blob_len).map_err(|_| c.corrupt(c.pos, "blob length overflows".into()))?;
    let blob = c.range(blob_len)?;
    // Offsets must rise, start at 0, end at the blob length, and keep pieces short.
    let bytes = c.data;
    let mut prev = 0u32;
    for i in 0..=count {
        let at = offsets.0 + 4 * i;
        let off = read_u32(bytes, at).unwrap_or(u32::MAX);
        let ok = if i == 0 {
            off == 0
        } else {
            off >= prev && (off - prev) as usize <= MAX_PIECE_BYTES
        };
        if !ok || off as usize > blob_len {
            return Err(c.corrupt(
                at,
                format!("piece offset {i} is {off} (previous {prev}, blob {blob_len})"),
            ));
        }
        prev = off;
    }
    if prev as usize != blob_len {
        return Err(c.corrupt(
            offsets.1,
            format!("pieces end at {prev}, blob has {blob_len} bytes"),
        ));
    }
    let vocab = VocabSection {
        count,
        bos: special[0],
        eos: special[1],
        pad: special[2],
        unk: special[3],
        offsets,
        scores,
        blob,
    };

    let entries = c.dim("normalisation entries", 1 << 22)?;
    let len = c.u32()? as usize;
    let (start, end) = c.range(len)?;
    let mut n = Cursor::new(&bytes[start..end]);
    for _ in 0..entries {
        read_norm_record(&mut n).map_err(|_| {
            c.corrupt(
                start + n.pos,
                "normalisation table overruns its length".into(),
            )
        })?;
    }
    if n.pos != len {
        return Err(c.corrupt(
            start + n.pos,
            format!("normalisation table has {} spare bytes", len - n.pos),
        ));
    }
    Ok((config, vocab, (start, end, entries)))
}

fn read_norm_record(c: &mut Cursor) -> Result<(u32, Vec<u32>)> {
    let cp = c.u32()?;
    let n = c.take(1)?[0] as usize;
    let mut repl = Vec::with_capacity(n);
    for _ in 0..n {
        repl.push(c.u32()?);
    }
    Ok((cp, repl))
}

fn parse_directory(c: &mut Cursor, file_len: usize) -> Result<Vec<TensorInfo>> {
    let count = c.dim("tensor count", 1 << 16)?;
    let mut tensors = Vec::with_capacity(count);
    for _ in 0..count {
        let at = c.pos;
        let name_len = c.u16()? as usize;
        let name = std::str::from_utf8(c.take(name_len)?)
            .map_err(|_| c.corrupt(at, "tensor name is not UTF-8".into()))?
            .to_string();
        let dtype = match c.take(1)?[0] {
            0 => DType::F32,
            1 => DType::Q4_0,
            other => {
                return Err(c.corrupt(at, format!("tensor `{name}` has unknown dtype {other}")));
            }
        };
        let elements = c.u32()? as usize;
        let offset = c.u64()?;
        let size = c.u64()?;
        let expected = match dtype {
            DType::F32 => Some(elements * 4),
            DType::Q4_0 => elements
                .is_multiple_of(Q4_BLOCK)
                .then(|| elements / Q4_BLOCK * Q4_BLOCK_BYTES),
        };
        if expected != Some(size as usize) {
            return Err(c.corrupt(
                at,
                format!("tensor `{name}`: {size} bytes for {elements} {dtype:?} values"),
            ));
        }
        let end = offset.checked_add(size).filter(|&e| e <= file_len as u64);
        let Some(end) = end else {
            return Err(Error::Truncated {
                at: offset,
                needed: size,
                len: file_len as u64,
            });
        };
        if offset < c.pos as u64 && end > 0 {
            // Tensors live after the directory; one overlapping the headers is a damaged file.
            return Err(c.corrupt(
                at,
                format!("tensor `{name}` at offset {offset} overlaps the headers"),
            ));
        }
        tensors.push(TensorInfo {
            name,
            dtype,
            elements,
            offset: offset as usize,
            size: size as usize,
        });
    }
    Ok(tensors)
}

fn read_u32(bytes: &[u8], at: usize) -> Option<u32> {
    let b = bytes.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// A bounds-checked little-endian reader over a byte slice.
struct Cursor<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(data: &'a [u8]) -> Self {
        Cursor { data, pos: 0 }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let (start, end) = self.range(n)?;
        Ok(&self.data[start..end])
    }

    fn range(&mut self, n: usize) -> Result<(usize, usize)> {
        let start = self.pos;
        match start.checked_add(n).filter(|&end| end <= self.data.len()) {
            Some(end) => {
                self.pos = end;
                Ok((start, end))
            }
            None => Err(Error::Truncated {
                at: start as u64,
                needed: n as u64,
                len: self.data.len() as u64,
            }),
        }
    }

    fn array<const N: usize>(&mut self) -> Result<[u8; N]> {
        let mut out = [0u8; N];
        out.copy_from_slice(self.take(N)?);
        Ok(out)
    }

    fn u16(&mut self) -> Result<u16> {
        self.array().map(u16::from_le_bytes)
    }
    fn u32(&mut self) -> Result<u32> {
        self.array().map(u32::from_le_bytes)
    }
    fn i32(&mut self) -> Result<i32> {
        self.array().map(i32::from_le_bytes)
    }
    fn u64(&mut self) -> Result<u64> {
        self.array().map(u64::from_le_bytes)
    }
    fn f32(&mut self) -> Result<f32> {
        self.array().map(f32::from_le_bytes)
    }

    /// A positive i32 dimension no larger than `max`.
    fn dim(&mut self, what: &str, max: usize) -> Result<usize> {
        let at = self.pos;
        let v = self.i32()?;
        match usize::try_from(v) {
            Ok(v) if v > 0 && v <= max => Ok(v),
            _ => Err(self.corrupt(at, format!("{what} is {v}"))),
        }
    }

    fn corrupt(&self, at: usize, what: String) -> Error {
        Error::Corrupt {
            at: at as u64,
            what,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_reports_truncation() {
        let mut c = Cursor::new(&[1, 0, 0]);
        assert!(matches!(
            c.u32(),
            Err(Error::Truncated {
                at: 0,
                needed: 4,
                len: 3
            })
        ));
        let mut c = Cursor::new(&[1, 0, 0, 0, 7]);
        assert_eq!(c.u32().unwrap(), 1);
        assert!(matches!(c.u16(), Err(Error::Truncated { at: 4, .. })));
    }

    #[test]
    fn dims_must_be_positive_and_bounded() {
        let bytes = (-5i32).to_le_bytes();
        let mut c = Cursor::new(&bytes);
        assert!(matches!(
            c.dim("hidden", 10),
            Err(Error::Corrupt { at: 0, .. })
        ));
        let bytes = 11i32.to_le_bytes();
        let mut c = Cursor::new(&bytes);
        assert!(c.dim("hidden", 10).is_err());
    }
}
