//! The approximate-nearest-neighbour index over document vectors, from which story assignment
//! takes its candidates: an HNSW graph (usearch) under cosine, vectors stored as i8, keyed by
//! the document's store sequence number, persisted as one file in the data directory.
//!
//! **Quantisation.** Each vector is scaled so that its largest component is ±127 and rounded
//! (not usearch's own cast, which scales by the norm and truncates, using a fifth of the i8
//! range on 384-d unit vectors). Cosine ignores the per-vector scale, so no scale is stored;
//! on 384-d unit vectors the i8 cosine is within a few thousandths of the f32 one.
//!
//! **Determinism.** usearch draws node levels from a default-seeded generator, so the same
//! vectors inserted in the same order on one thread give the same graph and the same answers.
//! [`AnnIndex::extend_parallel`] gives that up for speed.
//!
//! **Threads.** usearch's index is `Send + Sync`: searches may run from many threads at once,
//! and adds may run beside them up to the number of threads reserved. Growing the capacity
//! must not run beside anything; here inserting takes `&mut self` and searching `&self`, so
//! the borrow checker enforces that (ingest inserts from one thread, as the story assignment
//! must be ordered anyway).
//!
//! **File.** A 64-byte header (magic, format version, dimensions, count, payload length and
//! BLAKE3 of the payload) then usearch's own serialisation. The header is checked before
//! usearch reads a byte, so a truncated or edited file is a typed error, never a crash inside
//! the C++ loader. Saving writes a temporary file beside the target and renames it over.

use std::io::Write;
use std::path::{Path, PathBuf};

use usearch::{Index, IndexOptions, MetricKind, ScalarKind};

/// Graph degree: usearch's default, a good recall/memory balance for a few hundred dimensions.
const CONNECTIVITY: usize = 16;
/// Candidates kept while inserting (usearch's default); higher builds a better graph slower.
const EXPANSION_ADD: usize = 128;
/// Candidates kept while searching, at least; searches for more neighbours keep as many.
/// Measured on a million clustered vectors (`vigil bench stories`, K=32): 64 (usearch's
/// default) found 80% of the exact top 32 and put 84% of new reports in their event; 256 found
/// 94% / 98.5% at p99 6.8 ms; 512 found 96% / 99.5% at p99 6.3 ms (a busy machine).
pub const DEFAULT_EXPANSION_SEARCH: usize = 512;
/// The index grows by at least this many slots, or a quarter of its size, when full.
const MIN_GROWTH: usize = 4096;

const MAGIC: &[u8; 8] = b"VIGILANN";
const FORMAT_VERSION: u32 = 1;
const HEADER_LEN: usize = 64;

/// What can go wrong with the vector index.
#[derive(Debug, thiserror::Error)]
pub enum AnnError {
    #[error("vector index {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("vector index {path} is truncated: {found} bytes where {expected} were expected")]
    Truncated {
        path: PathBuf,
        expected: u64,
        found: u64,
    },
    #[error("vector index {path} is corrupt: {reason}")]
    Corrupt { path: PathBuf, reason: String },
    #[error("vector index holds {found}-dimensional vectors, {expected} were expected")]
    Dimensions { expected: usize, found: usize },
    #[error("vector index already holds key {0}")]
    DuplicateKey(u64),
    #[error("vector for key {0} has a value that is not a finite number")]
    NotFinite(u64),
    /// An error raised by usearch itself (allocation, an internal invariant).
    #[error("vector index: {0}")]
    Library(String),
}

impl From<cxx::Exception> for AnnError {
    fn from(e: cxx::Exception) -> Self {
        AnnError::Library(e.what().to_string())
    }
}

/// An HNSW index from document keys to vectors under cosine similarity.
pub struct AnnIndex {
    inner: Index,
    dims: usize,
    /// Reused buffer for the quantised vector being inserted or searched.
    scratch: Vec<i8>,
}

impl std::fmt::Debug for AnnIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AnnIndex")
            .field("dims", &self.dims)
            .field("len", &self.len())
            .finish()
    }
}

fn options(dims: usize) -> IndexOptions {
    IndexOptions {
        dimensions: dims,
        metric: MetricKind::Cos,
        quantization: ScalarKind::I8,
        connectivity: CONNECTIVITY,
        expansion_add: EXPANSION_ADD,
        expansion_search: DEFAULT_EXPANSION_SEARCH,
        multi: false,
    }
}

/// `v` scaled so its largest magnitude is 127, rounded to i8 (all zeros for a zero vector).
pub fn quantize_into(v: &[f32], out: &mut Vec<i8>) {
    let max = v.iter().fold(0f32, |m, x| m.max(x.abs()));
    let scale = if max > 0.0 { 127.0 / max } else { 0.0 };
    out.clear();
    out.extend(
        v.iter()
            .map(|x| (x * scale).round().clamp(-127.0, 127.0) as i8),
    );
}

impl AnnIndex {
    /// An empty index for `dims`-dimensional vectors.
    pub fn new(dims: usize) -> Result<AnnIndex, AnnError> {
        let inner = Index::new(&options(dims))?;
        Ok(AnnIndex {
            inner,
            dims,
            scratch: Vec::with_capacity(dims),
        })
    }

    /// The index saved at `path`, or an empty one when there is no file there.
    pub fn open(path: &Path, dims: usize) -> Result<AnnIndex, AnnError> {
        let io = |source| AnnError::Io {
            path: path.to_path_buf(),
            source,
        };
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return AnnIndex::new(dims),
            Err(e) => return Err(io(e)),
        };
        let payload = check_header(path, &bytes, dims)?;
        let count = u64::from_le_bytes(bytes[16..24].try_into().unwrap_or_default());
        let index = AnnIndex::new(dims)?;
        index
            .inner
            .load_from_buffer(payload)
            .map_err(|e| AnnError::Corrupt {
                path: path.to_path_buf(),
                reason: e.what().to_string(),
            })?;
        let corrupt = |reason: String| AnnError::Corrupt {
            path: path.to_path_buf(),
            reason,
        };
        if index.inner.dimensions() != dims {
            return Err(AnnError::Dimensions {
                expected: dims,
                found: index.inner.dimensions(),
            });
        }
        if index.inner.scalar_kind() != ScalarKind::I8
            || index.inner.metric_kind() != MetricKind::Cos
        {
            return Err(corrupt("not an i8 cosine index".into()));
        }
        if index.inner.size() as u64 != count {
            return Err(corrupt(format!(
                "the header says {count} vectors, the graph holds {}",
                index.inner.size()
            )));
        }
        // The expansion factors are run-time settings, not part of the file.
        index.inner.change_expansion_add(EXPANSION_ADD);
        index
            .inner
            .change_expansion_search(DEFAULT_EXPANSION_SEARCH);
        Ok(index)
    }

    /// Writes the index to `path` (through a temporary file renamed over it, so a crash
    /// leaves the previous file whole). Holds a second copy of the index in memory meanwhile.
    pub fn save(&self, path: &Path) -> Result<(), AnnError> {
        let io = |source| AnnError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut payload = vec![0u8; self.inner.serialized_length()];
        self.inner.save_to_buffer(&mut payload)?;
        let mut header = Vec::with_capacity(HEADER_LEN);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        header.extend_from_slice(&(self.dims as u32).to_le_bytes());
        header.extend_from_slice(&(self.len() as u64).to_le_bytes());
        header.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        header.extend_from_slice(blake3::hash(&payload).as_bytes());
        debug_assert_eq!(header.len(), HEADER_LEN);

        let mut tmp_name = path.as_os_str().to_owned();
        tmp_name.push(".tmp");
        let tmp = PathBuf::from(tmp_name);
        let mut f = std::fs::File::create(&tmp).map_err(io)?;
        f.write_all(&header).map_err(io)?;
        f.write_all(&payload).map_err(io)?;
        f.sync_all().map_err(io)?;
        std::fs::rename(&tmp, path).map_err(io)
    }

    /// Candidates kept while searching (at least the number of neighbours asked for): the
    /// recall/latency knob, a run-time setting not stored in the file.
    pub fn set_expansion_search(&mut self, candidates: usize) {
        self.inner.change_expansion_search(candidates);
    }

    pub fn expansion_search(&self) -> usize {
        self.inner.expansion_search()
    }

    pub fn dims(&self) -> usize {
        self.dims
    }

    pub fn len(&self) -> usize {
        self.inner.size()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn contains(&self, key: u64) -> bool {
        self.inner.contains(key)
    }

    /// Bytes usearch has allocated: vectors, graph, key table and reserved capacity.
    pub fn memory_bytes(&self) -> usize {
        self.inner.memory_usage()
    }

    /// Inserts one vector (any scale; cosine ignores it) under `key`.
    pub fn add(&mut self, key: u64, vector: &[f32]) -> Result<(), AnnError> {
        self.check(key, vector)?;
        if self.inner.size() >= self.inner.capacity() {
            let capacity = self.inner.capacity();
            self.inner
                .reserve(capacity + MIN_GROWTH.max(capacity / 4))?;
        }
        quantize_into(vector, &mut self.scratch);
        self.inner.add(key, &self.scratch)?;
        Ok(())
    }

    /// Inserts `n` vectors from `threads` threads at once; `item(i)` gives the i-th key and
    /// vector. For bulk builds (a rebuild from the store, a benchmark): the graph then depends
    /// on thread timing, so answers are not reproducible run to run.
    pub fn extend_parallel<F>(&mut self, n: usize, threads: usize, item: F) -> Result<(), AnnError>
    where
        F: Fn(usize) -> (u64, Vec<f32>) + Sync,
    {
        let threads = threads.max(1);
        self.inner
            .reserve_capacity_and_threads(self.len() + n, threads)?;
        let inner = &self.inner;
        let dims = self.dims;
        let item = &item;
        let results: Vec<Result<(), AnnError>> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads)
                .map(|t| {
                    s.spawn(move || -> Result<(), AnnError> {
                        let mut q = Vec::with_capacity(dims);
                        for i in (t..n).step_by(threads) {
                            let (key, v) = item(i);
                            if v.len() != dims {
                                return Err(AnnError::Dimensions {
                                    expected: dims,
                                    found: v.len(),
                                });
                            }
                            if v.iter().any(|x| !x.is_finite()) {
                                return Err(AnnError::NotFinite(key));
                            }
                            quantize_into(&v, &mut q);
                            inner.add(key, &q)?;
                        }
                        Ok(())
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| {
                        Err(AnnError::Library("an insert thread panicked".into()))
                    })
                })
                .collect()
        });
        results.into_iter().collect()
    }

    /// The `k` stored keys most similar to `query`, best first, with their cosine similarity.
    pub fn search(&self, query: &[f32], k: usize) -> Result<Vec<(u64, f32)>, AnnError> {
        self.check_query(query)?;
        let mut q = Vec::with_capacity(self.dims);
        quantize_into(query, &mut q);
        Ok(matches(self.inner.search(&q, k)?))
    }

    /// Like [`search`](Self::search), among the keys for which `keep` is true (for narrowing
    /// candidates by date or shared names inside the graph walk).
    pub fn search_where(
        &self,
        query: &[f32],
        k: usize,
        keep: impl Fn(u64) -> bool,
    ) -> Result<Vec<(u64, f32)>, AnnError> {
        self.check_query(query)?;
        let mut q = Vec::with_capacity(self.dims);
        quantize_into(query, &mut q);
        Ok(matches(self.inner.filtered_search(&q, k, keep)?))
    }

    /// The exact top `k` by brute force over every stored vector (same i8 cosine): the
    /// reference that measures the graph's recall.
    pub fn search_exact(&self, query: &[f32], k: usize) -> Result<Vec<(u64, f32)>, AnnError> {
        self.check_query(query)?;
        let mut q = Vec::with_capacity(self.dims);
        quantize_into(query, &mut q);
        Ok(matches(self.inner.exact_search(&q, k)?))
    }

    fn check(&self, key: u64, vector: &[f32]) -> Result<(), AnnError> {
        self.check_query(vector)?;
        if vector.iter().any(|x| !x.is_finite()) {
            return Err(AnnError::NotFinite(key));
        }
        if self.inner.contains(key) {
            return Err(AnnError::DuplicateKey(key));
        }
        Ok(())
    }

    fn check_query(&self, vector: &[f32]) -> Result<(), AnnError> {
        if vector.len() != self.dims {
            return Err(AnnError::Dimensions {
                expected: self.dims,
                found: vector.len(),
            });
        }
        Ok(())
    }
}

fn matches(m: usearch::ffi::Matches) -> Vec<(u64, f32)> {
    m.keys
        .into_iter()
        .zip(m.distances)
        .map(|(key, distance)| (key, 1.0 - distance))
        .collect()
}

/// The payload after a header that matches `dims` and the payload's length and checksum.
/// The dimensions of the index saved at `path` (`None` when there is no file), from its
/// header alone, so a caller can open a saved index without knowing its model.
pub fn saved_dims(path: &Path) -> Result<Option<usize>, AnnError> {
    use std::io::Read;
    let mut file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(AnnError::Io {
                path: path.to_path_buf(),
                source,
            });
        }
    };
    let mut head = [0u8; 16];
    let n = file.read(&mut head).map_err(|source| AnnError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    if n < head.len() || &head[..8] != MAGIC {
        return Err(AnnError::Corrupt {
            path: path.to_path_buf(),
            reason: "not a Vigil vector index".into(),
        });
    }
    Ok(Some(
        u32::from_le_bytes([head[12], head[13], head[14], head[15]]) as usize,
    ))
}

fn check_header<'a>(path: &Path, bytes: &'a [u8], dims: usize) -> Result<&'a [u8], AnnError> {
    let corrupt = |reason: String| AnnError::Corrupt {
        path: path.to_path_buf(),
        reason,
    };
    if bytes.len() < HEADER_LEN {
        if !bytes.is_empty() && !MAGIC.starts_with(&bytes[..bytes.len().min(MAGIC.len())]) {
            return Err(corrupt("not a Vigil vector index".into()));
        }
        return Err(AnnError::Truncated {
            path: path.to_path_buf(),
            expected: HEADER_LEN as u64,
            found: bytes.len() as u64,
        });
    }
    let (header, payload) = bytes.split_at(HEADER_LEN);
    let u32_at = |at: usize| u32::from_le_bytes(header[at..at + 4].try_into().unwrap_or_default());
    let u64_at = |at: usize| u64::from_le_bytes(header[at..at + 8].try_into().unwrap_or_default());
    if &header[..8] != MAGIC {
        return Err(corrupt("not a Vigil vector index".into()));
    }
    let version = u32_at(8);
    if version != FORMAT_VERSION {
        return Err(corrupt(format!(
            "format version {version}, this program reads {FORMAT_VERSION}"
        )));
    }
    let found_dims = u32_at(12) as usize;
    if found_dims != dims {
        return Err(AnnError::Dimensions {
            expected: dims,
            found: found_dims,
        });
    }
    let payload_len = u64_at(24);
    if (payload.len() as u64) < payload_len {
        return Err(AnnError::Truncated {
            path: path.to_path_buf(),
            expected: HEADER_LEN as u64 + payload_len,
            found: bytes.len() as u64,
        });
    }
    if payload.len() as u64 > payload_len {
        return Err(corrupt(format!(
            "{} bytes past the end of the index",
            payload.len() as u64 - payload_len
        )));
    }
    if blake3::hash(payload).as_bytes() != &header[32..64] {
        return Err(corrupt("checksum mismatch".into()));
    }
    Ok(payload)
}

#[cfg(test)]
mod tests;
