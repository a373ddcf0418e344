//! A trained model as the recogniser uses it, and its file format.
//!
//! The file (gzipped) is a header — format version, feature-set version, language, the
//! training file's name and the index of its first held-out sentence, the tags — then the
//! averaged weights quantised to 16 bits with one scale: the transitions, and for each
//! feature hash (sorted, delta-coded) a mask of the tags it has a nonzero weight for and those
//! weights. Features whose weights all round to zero are not stored. A model that uses an
//! encoder's token vectors (format 2) ends with their pooling (width, context, scale, centre)
//! and the dense weights per tag, as `f32` in the quantised weights' units.

use std::io::{Read, Write};

use super::features::Features;
use super::perceptron::{TagSet, dense_scores, viterbi};
use super::vectors::{Clusters, DenseSpec};

/// The layout of the file; bump when it changes. Format 1 (no dense part) is still read.
const FORMAT: u16 = 2;
const MAGIC: &[u8; 4] = b"VNER";

/// What a model file says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelInfo {
    /// ISO 639-1.
    pub lang: String,
    /// The version of the language's feature extraction the weights were trained with.
    pub feature_version: u16,
    /// File name of the labelled data it was trained on.
    pub training_file: String,
    /// Sentences of that file from this index on were held out (never trained on).
    pub held_out_from: u32,
    /// Sentences in that file.
    pub sentences: u32,
    /// The version of the token-vector pooling the model was trained with; 0 when it uses no
    /// vectors.
    pub vector_version: u16,
}

/// A model ready to tag.
pub(crate) struct Model {
    pub(crate) info: ModelInfo,
    pub(crate) tags: TagSet,
    /// The weight each tag gets from the sum of quantised weights, as `f32`.
    transition: Vec<f32>,
    table: Table,
    pub(crate) dense: Option<Dense>,
}

/// The dense part: how vectors become features, and a weight per tag and feature (tag after
/// tag), in the same units as the quantised sparse weights.
pub(crate) struct Dense {
    pub(crate) spec: DenseSpec,
    weights: Vec<f32>,
}

impl Model {
    /// Quantises averaged weights (`(hash, weight per tag)`, transitions as the perceptron
    /// lays them out, dense weights with their pooling) into a model. Weights smaller than
    /// `min_weight` times the largest are dropped.
    pub(crate) fn quantise(
        info: ModelInfo,
        tags: TagSet,
        features: &[(u32, Vec<f32>)],
        transition: &[f32],
        dense: Option<(DenseSpec, &[f32])>,
        min_weight: f32,
    ) -> Model {
        let max = features
            .iter()
            .flat_map(|(_, w)| w.iter())
            .chain(transition)
            .fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { 32_000.0 / max } else { 1.0 };
        let floor = (min_weight * 32_000.0).max(0.5);
        let q = |w: f32| {
            let v = (w * scale).round();
            if v.abs() < floor { 0 } else { v as i16 }
        };
        let mut rows: Vec<(u32, Vec<i16>)> = features
            .iter()
            .map(|(k, w)| (*k, w.iter().map(|&w| q(w)).collect::<Vec<i16>>()))
            .filter(|(_, w)| w.iter().any(|&w| w != 0))
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        let transition = transition.iter().map(|&w| (w * scale).round()).collect();
        let dense = dense.map(|(spec, w)| Dense {
            spec,
            weights: w.iter().map(|w| w * scale).collect(),
        });
        Model {
            info,
            table: Table::new(tags.len(), &rows),
            tags,
            transition,
            dense,
        }
    }

    /// How many features have weights.
    pub(crate) fn n_features(&self) -> usize {
        self.table.len
    }

    /// The best tags for the tokens of `features`, with `dense` features (the dense part's
    /// width per token; empty for none).
    pub(crate) fn decode(&self, features: &Features, dense: &[f32]) -> Vec<usize> {
        let t = self.tags.len();
        let mut sums = vec![0i32; t];
        let (width, weights) = match &self.dense {
            Some(d) if dense.len() == features.len() * d.spec.width() => {
                (d.spec.width(), d.weights.as_slice())
            }
            _ => (0, &[][..]),
        };
        viterbi(
            &self.tags,
            features.len(),
            |i, out| {
                sums.fill(0);
                for &key in features.token(i) {
                    if let Some(row) = self.table.get(key) {
                        for (s, &w) in sums.iter_mut().zip(row) {
                            *s += i32::from(w);
                        }
                    }
                }
                for (o, &s) in out.iter_mut().zip(&sums) {
                    *o = s as f32;
                }
                dense_scores(weights, &dense[i * width..(i + 1) * width], out);
            },
            &self.transition,
        )
    }

    /// The gzipped file.
    pub(crate) fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT.to_le_bytes());
        out.extend_from_slice(&self.info.feature_version.to_le_bytes());
        put_str(&mut out, &self.info.lang);
        put_str(&mut out, &self.info.training_file);
        out.extend_from_slice(&self.info.held_out_from.to_le_bytes());
        out.extend_from_slice(&self.info.sentences.to_le_bytes());
        out.extend_from_slice(&self.info.vector_version.to_le_bytes());
        out.push(self.tags.len() as u8);
        for name in self.tags.names() {
            put_str(&mut out, name);
        }
        for &w in &self.transition {
            out.extend_from_slice(&(w.clamp(-32_768.0, 32_767.0) as i16).to_le_bytes());
        }
        let rows = self.table.sorted_rows();
        put_varint(&mut out, rows.len() as u64);
        let mut last = 0u32;
        for (key, row) in rows {
            put_varint(&mut out, u64::from(key - last));
            last = key;
            let mask = row
                .iter()
                .enumerate()
                .filter(|(_, w)| **w != 0)
                .fold(0u64, |m, (c, _)| m | 1 << c);
            put_varint(&mut out, mask);
            for &w in row.iter().filter(|w| **w != 0) {
                // Zigzag: small magnitudes of either sign take one or two bytes.
                put_varint(
                    &mut out,
                    ((i64::from(w) << 1) ^ (i64::from(w) >> 63)) as u64,
                );
            }
        }
        match &self.dense {
            None => out.push(0),
            Some(d) => {
                out.push(1);
                out.extend_from_slice(&(d.spec.dim as u32).to_le_bytes());
                out.push(d.spec.layer as u8);
                out.push(u8::from(d.spec.dense));
                out.push(d.spec.context as u8);
                out.extend_from_slice(&d.spec.scale.to_le_bytes());
                for &x in d.spec.center.iter().chain(&d.weights) {
                    out.extend_from_slice(&x.to_le_bytes());
                }
                out.push(d.spec.clusters.len() as u8);
                for c in &d.spec.clusters {
                    out.extend_from_slice(&(c.k as u32).to_le_bytes());
                    for &x in &c.centroids {
                        out.extend_from_slice(&centroid_to_i16(x).to_le_bytes());
                    }
                }
            }
        }
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&out).expect("writing to memory");
        gz.finish().expect("writing to memory")
    }

    /// Reads a file written by [`Model::to_bytes`]; `None` when it is not one.
    pub(crate) fn from_bytes(gz: &[u8]) -> Option<Model> {
        let mut bytes = Vec::new();
        flate2::read::GzDecoder::new(gz)
            .read_to_end(&mut bytes)
            .ok()?;
        let mut r = Reader(&bytes);
        if r.take(4)? != MAGIC {
            return None;
        }
        let format = r.u16()?;
        if format != 1 && format != FORMAT {
            return None;
        }
        let feature_version = r.u16()?;
        let lang = r.str()?;
        let training_file = r.str()?;
        let held_out_from = r.u32()?;
        let sentences = r.u32()?;
        let vector_version = if format >= 2 { r.u16()? } else { 0 };
        let n_tags = usize::from(r.take(1)?[0]);
        let names = (0..n_tags).map(|_| r.str()).collect::<Option<Vec<_>>>()?;
        let tags = TagSet::from_names(names)?;
        let t = tags.len();
        let transition = (0..(t + 1) * t)
            .map(|_| r.u16().map(|w| f32::from(w as i16)))
            .collect::<Option<Vec<_>>>()?;
        let n = usize::try_from(r.varint()?).ok()?;
        let mut rows = Vec::with_capacity(n.min(bytes.len()));
        let mut key = 0u32;
        for _ in 0..n {
            key = key.checked_add(u32::try_from(r.varint()?).ok()?)?;
            let mask = r.varint()?;
            if mask >> t != 0 {
                return None;
            }
            let mut row = vec![0i16; t];
            for (c, w) in row.iter_mut().enumerate() {
                if mask & (1 << c) != 0 {
                    let z = r.varint()?;
                    *w = i16::try_from(((z >> 1) as i64) ^ -((z & 1) as i64)).ok()?;
                }
            }
            rows.push((key, row));
        }
        let dense = if format >= 2 && r.take(1)?[0] == 1 {
            let dim = r.u32()? as usize;
            let layer = usize::from(r.take(1)?[0]);
            let dense = r.take(1)?[0] == 1;
            let context = usize::from(r.take(1)?[0]);
            let scale = r.f32()?;
            if dim == 0 || dim > 1 << 16 || context > 8 || !scale.is_finite() {
                return None;
            }
            let width = if dense { dim * (2 * context + 1) } else { 0 };
            let center = (0..dim).map(|_| r.f32()).collect::<Option<Vec<_>>>()?;
            let weights = (0..t * width)
                .map(|_| r.f32())
                .collect::<Option<Vec<_>>>()?;
            let levels = usize::from(r.take(1)?[0]);
            let mut clusters = Vec::with_capacity(levels);
            for _ in 0..levels {
                let k = r.u32()? as usize;
                if k == 0 || k > 1 << 16 {
                    return None;
                }
                let centroids = (0..k * dim)
                    .map(|_| r.u16().map(|x| centroid_from_i16(x as i16)))
                    .collect::<Option<Vec<_>>>()?;
                clusters.push(Clusters { k, centroids });
            }
            let spec = DenseSpec {
                dim,
                layer,
                dense,
                context,
                scale,
                center,
                clusters,
            };
            Some(Dense { spec, weights })
        } else {
            None
        };
        // Vectors are needed exactly when there are dense weights.
        if dense.is_some() != (vector_version != 0) {
            return None;
        }
        let info = ModelInfo {
            lang,
            feature_version,
            training_file,
            held_out_from,
            sentences,
            vector_version,
        };
        Some(Model {
            info,
            table: Table::new(t, &rows),
            tags,
            transition,
            dense,
        })
    }
}

/// Feature hash → weights per tag: open addressing on the hash's low bits (the hashes are
/// already well mixed), so a lookup is one or two cache lines.
struct Table {
    t: usize,
    /// `(hash, row)`; hash 0 marks an empty slot.
    slots: Vec<(u32, u32)>,
    mask: usize,
    weights: Vec<i16>,
    len: usize,
}

impl Table {
    fn new(t: usize, rows: &[(u32, Vec<i16>)]) -> Table {
        let capacity = (rows.len() * 2).next_power_of_two().max(16);
        let mut table = Table {
            t,
            slots: vec![(0, 0); capacity],
            mask: capacity - 1,
            weights: Vec::with_capacity(rows.len() * t),
            len: 0,
        };
        for (key, row) in rows {
            if *key == 0 || table.get(*key).is_some() {
                continue;
            }
            let mut slot = *key as usize & table.mask;
            while table.slots[slot].0 != 0 {
                slot = (slot + 1) & table.mask;
            }
            table.slots[slot] = (*key, table.len as u32);
            table.weights.extend_from_slice(&row[..t]);
            table.len += 1;
        }
        table
    }

    fn get(&self, key: u32) -> Option<&[i16]> {
        let mut slot = key as usize & self.mask;
        loop {
            let (k, row) = self.slots[slot];
            if k == key {
                let at = row as usize * self.t;
                return Some(&self.weights[at..at + self.t]);
            }
            if k == 0 {
                return None;
            }
            slot = (slot + 1) & self.mask;
        }
    }

    fn sorted_rows(&self) -> Vec<(u32, &[i16])> {
        let mut rows: Vec<(u32, &[i16])> = self
            .slots
            .iter()
            .filter(|(k, _)| *k != 0)
            .map(|&(k, row)| {
                let at = row as usize * self.t;
                (k, &self.weights[at..at + self.t])
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }
}

/// Centroid components (of unit vectors, so within ±1) in 16 bits.
pub(crate) fn centroid_to_i16(x: f32) -> i16 {
    (x.clamp(-1.0, 1.0) * 32_767.0).round() as i16
}

pub(crate) fn centroid_from_i16(x: i16) -> f32 {
    f32::from(x) / 32_767.0
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    let len = s.len().min(u16::MAX as usize);
    out.extend_from_slice(&(len as u16).to_le_bytes());
    out.extend_from_slice(&s.as_bytes()[..len]);
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

struct Reader<'a>(&'a [u8]);

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if self.0.len() < n {
            return None;
        }
        let (head, rest) = self.0.split_at(n);
        self.0 = rest;
        Some(head)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn f32(&mut self) -> Option<f32> {
        Some(f32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    fn str(&mut self) -> Option<String> {
        let n = usize::from(self.u16()?);
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Some(v);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info() -> ModelInfo {
        ModelInfo {
            lang: "xx".into(),
            feature_version: 3,
            training_file: "toy.txt".into(),
            held_out_from: 10,
            sentences: 12,
            vector_version: 0,
        }
    }

    #[test]
    fn a_model_survives_its_file_and_drops_zero_features() {
        let tags = TagSet::new(&["PER"]);
        let features = vec![
            (5, vec![0.0, 2.0, -1.0]),
            (9, vec![0.0, 0.0, 0.0]),
            (70_000, vec![-4.0, 0.0, 0.5]),
        ];
        let transition: Vec<f32> = (0..12).map(|i| (i as f32 - 6.0) / 4.0).collect();
        let model = Model::quantise(info(), tags, &features, &transition, None, 0.0);
        assert_eq!(model.n_features(), 2);
        let back = Model::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(back.info, info());
        assert_eq!(back.tags, model.tags);
        assert_eq!(back.transition, model.transition);
        assert_eq!(back.table.sorted_rows(), model.table.sorted_rows());
        assert_eq!(back.table.get(5).unwrap(), [0, 16_000, -8_000]);
        assert!(back.table.get(9).is_none());
        assert!(back.table.get(1).is_none());
    }

    #[test]
    fn dense_weights_and_clusters_survive_the_file() {
        let tags = TagSet::new(&["PER"]);
        let spec = DenseSpec {
            dim: 2,
            layer: 6,
            dense: true,
            context: 1,
            scale: 1.5,
            center: vec![0.25, -0.5],
            clusters: vec![Clusters {
                k: 2,
                centroids: vec![1.0, 0.0, 0.0, -1.0],
            }],
        };
        let dense: Vec<f32> = (0..18).map(|i| i as f32 / 8.0 - 1.0).collect();
        let info = ModelInfo {
            vector_version: super::super::vectors::VECTOR_VERSION,
            ..info()
        };
        let features = vec![(5, vec![0.0, 2.0, -1.0])];
        let model = Model::quantise(
            info.clone(),
            tags,
            &features,
            &[0.0; 12],
            Some((spec.clone(), &dense)),
            0.0,
        );
        let back = Model::from_bytes(&model.to_bytes()).unwrap();
        assert_eq!(back.info, info);
        let (d, b) = (model.dense.unwrap(), back.dense.unwrap());
        assert_eq!(b.spec, spec);
        assert_eq!(b.weights, d.weights);
        // Weights are in the sparse weights' units: the largest sparse weight is 32,000.
        assert_eq!(d.weights[17], 1.125 * 16_000.0);
        // A file whose header wants vectors but has no dense part is refused.
        let plain = Model::quantise(
            info,
            TagSet::new(&["PER"]),
            &features,
            &[0.0; 12],
            None,
            0.0,
        );
        assert!(Model::from_bytes(&plain.to_bytes()).is_none());
    }

    #[test]
    fn broken_files_are_refused() {
        let model = Model::quantise(info(), TagSet::new(&["PER"]), &[], &[0.0; 12], None, 0.0);
        let bytes = model.to_bytes();
        assert!(Model::from_bytes(&bytes).is_some());
        assert!(Model::from_bytes(&bytes[..bytes.len() / 2]).is_none());
        assert!(Model::from_bytes(b"").is_none());
        assert!(Model::from_bytes(b"VNER not gzip").is_none());
    }
}
