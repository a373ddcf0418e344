//! Text encoders behind one trait, and an on-disk cache of their vectors keyed by the BLAKE3
//! of the encoder's name and the text, so evaluations re-run without re-encoding.

use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

/// Anything that turns texts into L2-normalised vectors (e5, USE): the one model interface of
/// the engine, for ingest and evaluation alike.
pub trait Encoder {
    /// Short stable name, used as the feature prefix and in the cache key (`e5`, `use`).
    fn name(&self) -> &'static str;
    /// Vectors of documents, in input order.
    fn encode(&self, texts: &[&str]) -> Vec<Vec<f32>>;

    /// Whether the model can be used, loading it on first call if the encoder is lazy. An
    /// `Err` says why not (one line); ingest then stores documents without vectors.
    fn ready(&self) -> Result<(), String> {
        Ok(())
    }

    /// Token states of `text` for the NER model of `lang` that takes them (spans into
    /// `text`), when this encoder is the one that model was trained on; `None` otherwise.
    fn ner_vectors(&self, text: &str, lang: &str) -> Option<vigil_facts::ner::TokenVectors> {
        let _ = (text, lang);
        None
    }
}

/// Cosine of two vectors (plain dot product renormalised, so unnormalised input is fine too);
/// 0 when either is zero or their lengths differ. Accumulates in f32: it runs dozens of times
/// per candidate pair on the assignment path.
pub fn cosine(a: &[f32], b: &[f32]) -> f32 {
    if a.len() != b.len() {
        return 0.0;
    }
    let (mut dot, mut na, mut nb) = (0.0f32, 0.0f32, 0.0f32);
    for (x, y) in a.iter().zip(b) {
        dot += x * y;
        na += x * x;
        nb += y * y;
    }
    if na == 0.0 || nb == 0.0 {
        return 0.0;
    }
    dot / (na.sqrt() * nb.sqrt())
}

/// An encoder with an append-only file of `[32-byte key][dim × f32 LE]` records beside it.
pub struct CachedEncoder<'a> {
    inner: &'a dyn Encoder,
    path: Option<PathBuf>,
    dim: Option<usize>,
    known: HashMap<[u8; 32], Vec<f32>>,
}

impl<'a> CachedEncoder<'a> {
    /// Loads the cache file `dir/vectors-<name>.bin` if present; `None` caches in memory only.
    /// A truncated or foreign file is ignored from the first bad record on.
    pub fn open(inner: &'a dyn Encoder, dir: Option<&Path>) -> std::io::Result<Self> {
        let mut cache = CachedEncoder {
            inner,
            path: None,
            dim: None,
            known: HashMap::new(),
        };
        let Some(dir) = dir else {
            return Ok(cache);
        };
        std::fs::create_dir_all(dir)?;
        let path = dir.join(format!("vectors-{}.bin", inner.name()));
        if let Ok(file) = File::open(&path) {
            let mut reader = BufReader::new(file);
            let mut header = [0u8; 4];
            if reader.read_exact(&mut header).is_ok() {
                let dim = u32::from_le_bytes(header) as usize;
                let mut record = vec![0u8; 32 + dim * 4];
                while reader.read_exact(&mut record).is_ok() {
                    let mut key = [0u8; 32];
                    key.copy_from_slice(&record[..32]);
                    let v = record[32..]
                        .chunks_exact(4)
                        .map(|c| f32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                        .collect();
                    cache.known.insert(key, v);
                }
                cache.dim = Some(dim);
                // A record cut short by a kill is dropped, so appends stay aligned.
                let whole = 4 + cache.known.len() as u64 * record.len() as u64;
                drop(reader);
                let file = OpenOptions::new().write(true).open(&path)?;
                if file.metadata()?.len() > whole {
                    file.set_len(whole)?;
                }
            }
        }
        cache.path = Some(path);
        Ok(cache)
    }

    pub fn name(&self) -> &'static str {
        self.inner.name()
    }

    fn key(&self, text: &str) -> [u8; 32] {
        let mut h = blake3::Hasher::new();
        h.update(self.inner.name().as_bytes());
        h.update(&[0]);
        h.update(text.as_bytes());
        *h.finalize().as_bytes()
    }

    /// Vectors of `texts`, encoding (in batches) only those not cached, then appending them.
    pub fn encode(&mut self, texts: &[&str]) -> std::io::Result<Vec<Vec<f32>>> {
        let keys: Vec<[u8; 32]> = texts.iter().map(|t| self.key(t)).collect();
        let mut missing: Vec<usize> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, k) in keys.iter().enumerate() {
            if !self.known.contains_key(k) && seen.insert(*k) {
                missing.push(i);
            }
        }
        for batch in missing.chunks(16) {
            let batch_texts: Vec<&str> = batch.iter().map(|&i| texts[i]).collect();
            let vectors = self.inner.encode(&batch_texts);
            let fresh: Vec<([u8; 32], Vec<f32>)> = batch
                .iter()
                .zip(vectors)
                .map(|(&i, v)| (keys[i], v))
                .collect();
            self.append(&fresh)?;
            self.known.extend(fresh);
        }
        Ok(keys
            .iter()
            .map(|k| self.known.get(k).cloned().unwrap_or_default())
            .collect())
    }

    fn append(&mut self, fresh: &[([u8; 32], Vec<f32>)]) -> std::io::Result<()> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let Some(dim) = fresh.first().map(|(_, v)| v.len()) else {
            return Ok(());
        };
        if self.dim.is_some_and(|d| d != dim) {
            return Ok(());
        }
        let mut out = BufWriter::new(OpenOptions::new().create(true).append(true).open(path)?);
        if self.dim.is_none() {
            out.write_all(&u32::try_from(dim).unwrap_or(0).to_le_bytes())?;
            self.dim = Some(dim);
        }
        for (key, v) in fresh {
            out.write_all(key)?;
            for x in v {
                out.write_all(&x.to_le_bytes())?;
            }
        }
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Lengths;
    impl Encoder for Lengths {
        fn name(&self) -> &'static str {
            "len"
        }
        fn encode(&self, texts: &[&str]) -> Vec<Vec<f32>> {
            texts
                .iter()
                .map(|t| vec![t.len() as f32, t.chars().count() as f32])
                .collect()
        }
    }

    #[test]
    fn cache_round_trips_through_disk() {
        let dir = std::env::temp_dir().join(format!("vigil-vectors-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let first = {
            let mut c = CachedEncoder::open(&Lengths, Some(&dir)).unwrap();
            c.encode(&["مرحبا", "สวัสดี", "mañana", "مرحبا"]).unwrap()
        };
        let mut again = CachedEncoder::open(&Lengths, Some(&dir)).unwrap();
        assert_eq!(again.known.len(), 3);
        assert_eq!(again.encode(&["mañana"]).unwrap()[0], first[2]);
        assert_eq!(first[0], vec![10.0, 5.0]);
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn cosine_of_opposites_and_zero() {
        assert!((cosine(&[1.0, 0.0], &[-2.0, 0.0]) + 1.0).abs() < 1e-6);
        assert_eq!(cosine(&[0.0, 0.0], &[1.0, 1.0]), 0.0);
    }
}
