//! Dense features from a pretrained encoder's token states (multilingual e5 in the product):
//! the caller runs the encoder and hands the states in, so this crate needs no model.
//!
//! Each NER token (an Arabic word, a Chinese character) gets the mean of the states of the
//! encoder tokens that overlap it, minus the training data's mean state, scaled to a fixed
//! length; with a context window, its neighbours' vectors follow its own.

use std::ops::Range;

use super::features::hash;
use super::model::{centroid_from_i16, centroid_to_i16};

/// Bump when the pooling below changes: a model trained on other vectors is not used.
pub(crate) const VECTOR_VERSION: u16 = 1;

/// The encoder's state of every token of a text, with the byte range of the text each came
/// from (in order; an empty range covers nothing).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TokenVectors {
    pub spans: Vec<(usize, usize)>,
    /// Width of a state.
    pub dim: usize,
    /// The encoder layer the states come out of (a model is trained on one).
    pub layer: usize,
    /// `spans.len() × dim` floats, token after token.
    pub values: Vec<f32>,
}

impl TokenVectors {
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    fn state(&self, i: usize) -> &[f32] {
        &self.values[i * self.dim..(i + 1) * self.dim]
    }

    /// Whether the shape is consistent (a caller's mistake must not panic the tagger).
    pub(crate) fn is_valid(&self) -> bool {
        self.dim > 0 && self.values.len() == self.spans.len() * self.dim
    }

    /// The vectors of the part `start..end` of the text, with spans relative to `start`:
    /// what a paragraph of a document gets from the vectors of the whole document.
    pub fn slice(&self, start: usize, end: usize) -> TokenVectors {
        let mut out = TokenVectors {
            dim: self.dim,
            layer: self.layer,
            ..TokenVectors::default()
        };
        if !self.is_valid() {
            return out;
        }
        let first = self.spans.partition_point(|s| s.1 <= start);
        for i in first..self.spans.len() {
            let (s, e) = self.spans[i];
            if s >= end {
                break;
            }
            if e > start && s < end && s < e {
                out.spans.push((s.max(start) - start, e.min(end) - start));
                out.values.extend_from_slice(self.state(i));
            }
        }
        out
    }

    /// The mean state of the encoder tokens overlapping each of `tokens` (byte ranges into
    /// the same text); zeros where none does.
    pub(crate) fn pool(&self, tokens: &[Range<usize>]) -> Vec<f32> {
        let d = self.dim;
        let mut out = vec![0f32; tokens.len() * d];
        if !self.is_valid() {
            return out;
        }
        for (t, token) in tokens.iter().enumerate() {
            let first = self.spans.partition_point(|s| s.1 <= token.start);
            let mut count = 0;
            let row = &mut out[t * d..(t + 1) * d];
            for i in first..self.spans.len() {
                let (s, e) = self.spans[i];
                if s >= token.end {
                    break;
                }
                if s < e && e > token.start {
                    row.iter_mut().zip(self.state(i)).for_each(|(o, v)| *o += v);
                    count += 1;
                }
            }
            if count > 1 {
                row.iter_mut().for_each(|o| *o /= count as f32);
            }
        }
        out
    }
}

/// How a model turns pooled states into its features.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DenseSpec {
    /// Width of one encoder state.
    pub(crate) dim: usize,
    /// The encoder layer the states must come out of.
    pub(crate) layer: usize,
    /// Whether the vectors are features with weights of their own (else only their clusters).
    pub(crate) dense: bool,
    /// Neighbours on each side whose vectors follow the token's own (0 or more).
    pub(crate) context: usize,
    /// Length of each token's vector once centred.
    pub(crate) scale: f32,
    /// Mean pooled state over the training tokens, subtracted first.
    pub(crate) center: Vec<f32>,
    /// k-means centroids of the training tokens' unit vectors, one set per k: the nearest
    /// centroid's number is a sparse feature.
    pub(crate) clusters: Vec<Clusters>,
}

/// `k` centroids of `dim` floats each, one after the other.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Clusters {
    pub(crate) k: usize,
    pub(crate) centroids: Vec<f32>,
}

impl Clusters {
    /// The centroid nearest to unit vector `v` (largest dot product).
    fn nearest(&self, v: &[f32]) -> usize {
        let mut best = (0, f32::NEG_INFINITY);
        for (c, centroid) in self.centroids.chunks_exact(v.len()).enumerate() {
            let d: f32 = centroid.iter().zip(v).map(|(a, b)| a * b).sum();
            if d > best.1 {
                best = (c, d);
            }
        }
        best.0
    }
}

/// Cluster feature templates, apart from the languages' own (0..=63).
const CLUSTER: u8 = 100; // + level: the token's cluster
const CLUSTER_BEFORE: u8 = 110; // + level
const CLUSTER_AFTER: u8 = 120; // + level
const CLUSTER_PAIR: u8 = 130; // (before, own) at the first level

impl DenseSpec {
    /// Width of a token's dense features (0 when the vectors only give clusters).
    pub(crate) fn width(&self) -> usize {
        if self.dense {
            self.dim * (2 * self.context + 1)
        } else {
            0
        }
    }

    /// Each token's pooled state, centred, at length 1 (zeros where no state overlaps it).
    pub(crate) fn unit(&self, vectors: &TokenVectors, tokens: &[Range<usize>]) -> Vec<f32> {
        let mut own = vectors.pool(tokens);
        for row in own.chunks_exact_mut(self.dim) {
            if row.iter().all(|&x| x == 0.0) {
                continue;
            }
            row.iter_mut().zip(&self.center).for_each(|(x, c)| *x -= c);
            let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                row.iter_mut().for_each(|x| *x /= norm);
            }
        }
        own
    }

    /// The dense features of each token (`width()` floats per token) from its unit vector
    /// ([`DenseSpec::unit`]).
    pub(crate) fn features(&self, unit: &[f32]) -> Vec<f32> {
        let w = self.width();
        if w == 0 {
            return Vec::new();
        }
        let d = self.dim;
        let n = unit.len() / d;
        let mut out = vec![0f32; n * w];
        for i in 0..n {
            let lo = i as isize - self.context as isize;
            for (slot, j) in (lo..=(i + self.context) as isize).enumerate() {
                if j >= 0 && (j as usize) < n {
                    let j = j as usize;
                    let dst = &mut out[i * w + slot * d..i * w + (slot + 1) * d];
                    dst.iter_mut()
                        .zip(&unit[j * d..(j + 1) * d])
                        .for_each(|(o, x)| *o = x * self.scale);
                }
            }
        }
        out
    }

    /// The cluster features of each token (hashed), from the unit vectors.
    pub(crate) fn cluster_features(&self, unit: &[f32]) -> Vec<Vec<u32>> {
        let d = self.dim;
        let n = unit.len() / d;
        if self.clusters.is_empty() {
            return Vec::new();
        }
        // Per level, each token's cluster as text; "-" with no state, "<s>"/"</s>" outside.
        let ids: Vec<Vec<String>> = self
            .clusters
            .iter()
            .map(|c| {
                unit.chunks_exact(d)
                    .map(|v| {
                        if v.iter().all(|&x| x == 0.0) {
                            "-".to_string()
                        } else {
                            c.nearest(v).to_string()
                        }
                    })
                    .collect()
            })
            .collect();
        let at = |level: usize, j: isize| -> &str {
            if j < 0 {
                "<s>"
            } else if j as usize >= n {
                "</s>"
            } else {
                &ids[level][j as usize]
            }
        };
        (0..n)
            .map(|i| {
                let k = i as isize;
                let mut out = Vec::with_capacity(3 * ids.len() + 1);
                for level in 0..ids.len() {
                    let l = level as u8;
                    out.push(hash(CLUSTER + l, &[at(level, k)]));
                    out.push(hash(CLUSTER_BEFORE + l, &[at(level, k - 1)]));
                    out.push(hash(CLUSTER_AFTER + l, &[at(level, k + 1)]));
                }
                out.push(hash(CLUSTER_PAIR, &[at(0, k - 1), at(0, k)]));
                out
            })
            .collect()
    }
}

/// Spherical k-means of unit vectors (`dim` floats each): `k` centroids, started from
/// vectors picked by a fixed stride, refined `rounds` times.
pub(crate) fn kmeans(vectors: &[f32], dim: usize, k: usize, rounds: usize) -> Clusters {
    let n = vectors.len() / dim;
    let k = k.min(n).max(1);
    let mut clusters = Clusters {
        k,
        centroids: (0..k)
            .flat_map(|c| {
                let at = (c * n / k) * dim;
                vectors[at..at + dim].iter().copied()
            })
            .collect(),
    };
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get());
    for _ in 0..rounds {
        let chunk = n.div_ceil(threads).max(1) * dim;
        let assigned: Vec<usize> = std::thread::scope(|s| {
            let handles: Vec<_> = vectors
                .chunks(chunk)
                .map(|part| {
                    let c = &clusters;
                    s.spawn(move || {
                        part.chunks_exact(dim)
                            .map(|v| c.nearest(v))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_default())
                .collect()
        });
        let mut sums = vec![0f32; k * dim];
        for (v, &c) in vectors.chunks_exact(dim).zip(&assigned) {
            sums[c * dim..(c + 1) * dim]
                .iter_mut()
                .zip(v)
                .for_each(|(s, x)| *s += x);
        }
        for (c, sum) in sums.chunks_exact(dim).enumerate() {
            let norm = sum.iter().map(|x| x * x).sum::<f32>().sqrt();
            // An empty cluster keeps its old centroid.
            if norm > 0.0 {
                clusters.centroids[c * dim..(c + 1) * dim]
                    .iter_mut()
                    .zip(sum)
                    .for_each(|(o, x)| *o = x / norm);
            }
        }
    }
    // As the model file stores them, so training sees what tagging will.
    for x in &mut clusters.centroids {
        *x = centroid_from_i16(centroid_to_i16(*x));
    }
    clusters
}

/// The mean of pooled states over many texts' tokens: the centre of a [`DenseSpec`].
pub(crate) fn mean_state<'a>(
    dim: usize,
    texts: impl Iterator<Item = (&'a TokenVectors, &'a [Range<usize>])>,
) -> Vec<f32> {
    let mut sum = vec![0f64; dim];
    let mut n = 0usize;
    for (vectors, tokens) in texts {
        if vectors.dim != dim {
            continue;
        }
        for row in vectors.pool(tokens).chunks_exact(dim) {
            if row.iter().any(|&x| x != 0.0) {
                sum.iter_mut()
                    .zip(row)
                    .for_each(|(s, &x)| *s += f64::from(x));
                n += 1;
            }
        }
    }
    sum.into_iter()
        .map(|s| (s / n.max(1) as f64) as f32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vectors() -> TokenVectors {
        // "ab cd": tokens "a"(0..1) "b"(1..2), a lone space mark (3..3), "cd"(3..5).
        TokenVectors {
            spans: vec![(0, 1), (1, 2), (3, 3), (3, 5)],
            dim: 2,
            layer: 6,
            values: vec![1.0, 0.0, 3.0, 0.0, 9.0, 9.0, 0.0, 2.0],
        }
    }

    #[test]
    fn tokens_get_the_mean_of_the_states_they_overlap() {
        let v = vectors();
        let pooled = v.pool(&[0..2, 3..4, 4..5, 5..6]);
        // "ab" averages a and b; "c" and "d" share "cd"; the empty span counts for nothing.
        assert_eq!(pooled, [2.0, 0.0, 0.0, 2.0, 0.0, 2.0, 0.0, 0.0]);
    }

    #[test]
    fn slices_shift_spans_and_keep_overlapping_states() {
        let v = vectors();
        let s = v.slice(1, 4);
        assert_eq!(s.spans, [(0, 1), (2, 3)]);
        assert_eq!(s.values, [3.0, 0.0, 0.0, 2.0]);
        let broken = TokenVectors {
            values: vec![1.0],
            ..vectors()
        };
        assert!(broken.slice(0, 5).is_empty());
        assert_eq!(broken.pool(&[0..1, 1..2]), [0.0; 4]);
    }

    #[test]
    fn features_are_centred_scaled_and_carry_neighbours() {
        let spec = DenseSpec {
            dim: 2,
            layer: 6,
            dense: true,
            context: 1,
            scale: 5.0,
            center: vec![1.0, 0.0],
            clusters: vec![Clusters {
                k: 2,
                centroids: vec![1.0, 0.0, 0.0, 1.0],
            }],
        };
        let unit = spec.unit(&vectors(), &[0..1, 3..5]);
        let f = spec.features(&unit);
        assert_eq!(spec.width(), 6);
        // Token 0: (1,0) − centre = 0 → stays 0; token 1: (0,2) − (1,0) = (−1,2) → length 5.
        let t1 = &f[6 + 2..6 + 4];
        assert!((t1[0] * t1[0] + t1[1] * t1[1] - 25.0).abs() < 1e-3);
        assert_eq!(&f[0..2], [0.0, 0.0], "no left neighbour");
        assert_eq!(&f[4..6], t1, "token 0's right neighbour is token 1");
        // Token 1 is nearer the second centroid; token 0 has no state.
        let c = spec.cluster_features(&unit);
        assert_eq!(c[1][0], hash(CLUSTER, &["1"]));
        assert_eq!(c[0][0], hash(CLUSTER, &["-"]));
        assert_eq!(c[1][1], hash(CLUSTER_BEFORE, &["-"]));
        assert_eq!(c[0][1], hash(CLUSTER_BEFORE, &["<s>"]));
    }

    #[test]
    fn kmeans_separates_two_groups() {
        let s = std::f32::consts::FRAC_1_SQRT_2;
        let v = [1.0, 0.0, s, s, 0.0, 1.0, -s, s, 1.0, 0.0, 0.0, 1.0];
        let c = kmeans(&v, 2, 2, 5);
        assert_eq!(c.k, 2);
        assert_ne!(c.nearest(&[1.0, 0.0]), c.nearest(&[-s, s]));
    }
}
