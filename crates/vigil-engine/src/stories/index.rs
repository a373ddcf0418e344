//! The nearest-neighbour index stories are found through: keys are document sequence numbers,
//! values their `e5/doc` vectors. The index is derived data: the store is the truth, and an
//! index that lacks stored documents (a crash before it was saved, a deleted file) is caught
//! up from the store's vectors when the assigner opens.

use crate::Result;

/// What the assigner asks of a vector index.
pub trait NeighborIndex {
    /// Adds a vector under `key` (a key already present is left as it is).
    fn add(&mut self, key: u64, vector: &[f32]) -> Result<()>;
    /// The `k` nearest keys by cosine similarity, most similar first.
    fn search(&self, vector: &[f32], k: usize) -> Result<Vec<(u64, f32)>>;
    fn contains(&self, key: u64) -> bool;
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Writes the index where it is persisted (nothing for an in-memory index).
    fn save(&mut self) -> Result<()>;
}

/// Exact search over every vector: the reference the approximate index is measured against,
/// and the index of evaluation runs and tests, where stores are small.
#[derive(Debug, Clone, Default)]
pub struct ExactIndex {
    keys: Vec<u64>,
    /// Unit vectors, concatenated.
    vectors: Vec<f32>,
    dim: usize,
    present: std::collections::HashSet<u64>,
}

impl ExactIndex {
    pub fn new() -> ExactIndex {
        ExactIndex::default()
    }
}

impl NeighborIndex for ExactIndex {
    fn add(&mut self, key: u64, vector: &[f32]) -> Result<()> {
        if self.dim == 0 {
            self.dim = vector.len();
        }
        if vector.len() != self.dim {
            return Err(crate::Error::Corrupt(format!(
                "vector of {} dimensions in an index of {}",
                vector.len(),
                self.dim
            )));
        }
        if !self.present.insert(key) {
            return Ok(());
        }
        let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
        self.keys.push(key);
        self.vectors.extend(vector.iter().map(|x| x / norm));
        Ok(())
    }

    fn search(&self, vector: &[f32], k: usize) -> Result<Vec<(u64, f32)>> {
        if self.dim == 0 || vector.len() != self.dim || k == 0 {
            return Ok(Vec::new());
        }
        let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
        let mut scored: Vec<(u64, f32)> = self
            .vectors
            .chunks_exact(self.dim)
            .zip(&self.keys)
            .map(|(v, &key)| {
                let dot: f32 = v.iter().zip(vector).map(|(a, b)| a * b).sum();
                (key, dot / norm)
            })
            .collect();
        // Ties by key, so equal scores come out in insertion order on every run.
        let order = |a: &(u64, f32), b: &(u64, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
        if scored.len() > k {
            scored.select_nth_unstable_by(k - 1, order);
            scored.truncate(k);
        }
        scored.sort_by(order);
        Ok(scored)
    }

    fn contains(&self, key: u64) -> bool {
        self.present.contains(&key)
    }

    fn len(&self) -> usize {
        self.keys.len()
    }

    fn save(&mut self) -> Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_first_and_keys_unique() {
        let mut index = ExactIndex::new();
        index.add(1, &[1.0, 0.0]).unwrap();
        index.add(2, &[0.0, 1.0]).unwrap();
        index.add(3, &[0.7, 0.7]).unwrap();
        index.add(3, &[0.0, -1.0]).unwrap();
        assert_eq!(index.len(), 3);
        let found = index.search(&[1.0, 0.1], 2).unwrap();
        assert_eq!(found.iter().map(|f| f.0).collect::<Vec<_>>(), [1, 3]);
        assert!(index.add(4, &[1.0, 0.0, 0.0]).is_err());
    }
}
