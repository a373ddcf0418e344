//! The persisted neighbour index of a data directory: [`crate::ann::AnnIndex`] (HNSW, i8
//! cosine) behind [`NeighborIndex`], created at the first vector (when its dimensions are
//! known) and saved to its file when the assigner saves.

use std::path::{Path, PathBuf};

use super::index::NeighborIndex;
use crate::Result;
use crate::ann::{AnnError, AnnIndex};

/// One encoder's HNSW index, kept in `path`.
#[derive(Debug)]
pub struct HnswIndex {
    path: PathBuf,
    index: Option<AnnIndex>,
}

impl HnswIndex {
    /// The index saved at `path` (an empty one when there is no file; its dimensions are
    /// then set by the first vector). A truncated or corrupt file is an error: the index is
    /// derived data, so the caller may move it aside and start empty, to be rebuilt from the
    /// store.
    pub fn open(path: &Path) -> Result<HnswIndex, AnnError> {
        let index = match crate::ann::saved_dims(path)? {
            Some(d) => Some(AnnIndex::open(path, d)?),
            None => None,
        };
        Ok(HnswIndex {
            path: path.to_path_buf(),
            index,
        })
    }

    fn index_for(&mut self, dims: usize) -> Result<&mut AnnIndex> {
        if self.index.is_none() {
            self.index = Some(AnnIndex::open(&self.path, dims).map_err(ann_error)?);
        }
        self.index
            .as_mut()
            .ok_or_else(|| crate::Error::Corrupt("vector index vanished".into()))
    }
}

fn ann_error(e: AnnError) -> crate::Error {
    crate::Error::Corrupt(e.to_string())
}

impl NeighborIndex for HnswIndex {
    fn add(&mut self, key: u64, vector: &[f32]) -> Result<()> {
        let index = self.index_for(vector.len())?;
        if index.contains(key) {
            return Ok(());
        }
        index.add(key, vector).map_err(ann_error)
    }

    fn search(&self, vector: &[f32], k: usize) -> Result<Vec<(u64, f32)>> {
        match &self.index {
            Some(index) if !index.is_empty() => index.search(vector, k).map_err(ann_error),
            _ => Ok(Vec::new()),
        }
    }

    fn contains(&self, key: u64) -> bool {
        self.index.as_ref().is_some_and(|i| i.contains(key))
    }

    fn len(&self) -> usize {
        self.index.as_ref().map_or(0, AnnIndex::len)
    }

    fn save(&mut self) -> Result<()> {
        match &self.index {
            Some(index) => {
                if let Some(dir) = self.path.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                index.save(&self.path).map_err(ann_error)
            }
            None => Ok(()),
        }
    }
}

/// Name of the store's identity in its metadata: index files live under it, so a store
/// deleted and made anew never reads the old store's index (whose keys name other documents).
const STORE_ID: &str = "store.id";

/// The folder of a store's index files: `<data-dir>/index/<store id>`, the id made (and kept
/// in the store's metadata) on first use.
pub fn index_dir(store: &mut dyn crate::store::Store, data_dir: &Path) -> Result<PathBuf> {
    let id = match store.meta(STORE_ID)? {
        Some(id) => String::from_utf8_lossy(&id).into_owned(),
        None => {
            let seed = format!(
                "{:?}-{}-{}",
                std::time::SystemTime::now(),
                std::process::id(),
                data_dir.display()
            );
            let id = blake3::hash(seed.as_bytes()).to_hex()[..16].to_string();
            store.put_meta(STORE_ID, id.as_bytes())?;
            id
        }
    };
    Ok(data_dir.join("index").join(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn saved_and_reopened_answers_the_same() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("index").join("e5.ann");
        // Distinct pseudo-random vectors (a fixed LCG).
        let mut state = 12345u64;
        let vectors: Vec<Vec<f32>> = (0..200)
            .map(|_| {
                (0..16)
                    .map(|_| {
                        state = state
                            .wrapping_mul(6364136223846793005)
                            .wrapping_add(1442695040888963407);
                        ((state >> 33) % 1000) as f32 / 500.0 - 1.0
                    })
                    .collect()
            })
            .collect();
        let mut index = HnswIndex::open(&path).unwrap();
        assert!(index.search(&vectors[0], 5).unwrap().is_empty());
        for (i, v) in vectors.iter().enumerate() {
            index.add(i as u64, v).unwrap();
        }
        index.add(3, &vectors[9]).unwrap();
        assert_eq!(index.len(), 200, "a present key is left as it is");
        let before = index.search(&vectors[42], 5).unwrap();
        assert_eq!(before[0].0, 42);
        index.save().unwrap();
        let reopened = HnswIndex::open(&path).unwrap();
        assert_eq!(reopened.len(), 200);
        assert_eq!(reopened.search(&vectors[42], 5).unwrap(), before);
        std::fs::write(&path, b"VIGILANN but not really").unwrap();
        assert!(HnswIndex::open(&path).is_err());
        std::fs::write(&path, b"VIG").unwrap();
        assert!(HnswIndex::open(&path).is_err());
    }
}
