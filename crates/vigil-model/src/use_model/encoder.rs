//! The USE multilingual v3 forward pass, step for step as the package's numpy backend:
//! dequantised embedding rows → projection + LayerNorm → three residual n-gram CNN branches
//! (orders 2, 3, 5) → LayerNorm over [embedding | branches] → sum over tokens, projection,
//! divide by √tokens → a small MLP → tanh → L2 normalisation.
//!
//! Documents of a batch share one row buffer with [`GAP`] zero rows around each document, so a
//! convolution window never reaches into a neighbour (the package's zero padding) and every
//! window is a contiguous run of rows that the GEMM reads in place. What depends on the token
//! id alone (embedding, projection, the first convolution's per-tap products) runs once per
//! distinct id of the batch. The order of float sums differs from numpy's; the results agree to
//! cosine ≥ 0.999999 on the parity fixture.

use std::path::Path;

use super::gemm::{Packed, gemm};
use super::npz::Npz;
use crate::error::{Error, Result};

/// Output dimension.
pub const USE_DIM: usize = 512;
const EMB: usize = 512;
const CNN: usize = 256;
const CHUNKS: usize = 17;
const CHUNK_ROWS: usize = 7530;
/// Embedding-table rows: chunk `i` holds ids `i, i + 17, i + 34, …`.
pub const TABLE_ROWS: usize = CHUNKS * CHUNK_ROWS;
/// (n-gram order, left context) of the three branches.
const ORDERS: [(usize, usize); 3] = [(2, 0), (3, 1), (5, 2)];
/// Zero rows before, between and after documents: the widest reach of any window.
const GAP: usize = 2;
const FEAT: usize = EMB + 3 * CNN;
const HID: usize = 320;
/// `unique` entry of a padding row.
const NONE: u32 = u32::MAX;

struct Branch {
    order: usize,
    left: usize,
    /// `w1` with its taps side by side: `[256, order · 256]`, column block k = tap k.
    w1_taps: Packed,
    b1: Vec<f32>,
    w2: Packed,
    b2: Vec<f32>,
}

/// All weights, dequantisation constants and layer shapes of the encoder.
pub struct Weights {
    table: Vec<u8>,
    scale: [f32; CHUNKS],
    lo: [f32; CHUNKS],
    proj_w: Packed,
    proj_b: Vec<f32>,
    proj_ln_g: Vec<f32>,
    proj_ln_b: Vec<f32>,
    branches: Vec<Branch>,
    ln_g: Vec<f32>,
    ln_b: Vec<f32>,
    cnn_w: Packed,
    cnn_b: Vec<f32>,
    d0: Packed,
    d1: Packed,
    p1: Packed,
    d2: Packed,
    p3: Packed,
    d3: Packed,
    eps: f32,
}

impl Weights {
    pub fn load(path: &Path) -> Result<Weights> {
        let mut npz = Npz::open(path)?;
        let bad = |what: String| Error::Npz {
            path: path.to_path_buf(),
            what,
        };
        let pack = |b: &[f32], k: usize, n: usize| {
            Packed::new(b, k, n).ok_or_else(|| bad(format!("cannot pack a [{k}, {n}] matrix")))
        };
        let mut table = vec![0u8; TABLE_ROWS * EMB];
        for chunk in 0..CHUNKS {
            let q = npz.u8(&format!("q{}", chunk + 1), &[CHUNK_ROWS, EMB])?;
            for (row, src) in q.chunks_exact(EMB).enumerate() {
                let id = row * CHUNKS + chunk;
                table[id * EMB..][..EMB].copy_from_slice(src);
            }
        }
        let per_chunk = |v: Vec<f32>| -> [f32; CHUNKS] { v.try_into().unwrap_or([0.0; CHUNKS]) };
        let scale = per_chunk(npz.f32("scale", &[CHUNKS])?);
        let lo = per_chunk(npz.f32("lo", &[CHUNKS])?);

        let mut proj_w = vec![0f32; EMB * 3 * CNN];
        let mut proj_b = Vec::with_capacity(3 * CNN);
        let mut proj_ln_g = Vec::with_capacity(3 * CNN);
        let mut proj_ln_b = Vec::with_capacity(3 * CNN);
        let mut branches = Vec::with_capacity(3);
        for (i, (order, left)) in ORDERS.into_iter().enumerate() {
            // The three projections side by side: one [512, 768] matrix, as the package does.
            let w = npz.f32(&format!("proj{order}"), &[EMB, CNN])?;
            for (r, src) in w.chunks_exact(CNN).enumerate() {
                proj_w[r * 3 * CNN + i * CNN..][..CNN].copy_from_slice(src);
            }
            proj_b.extend(npz.f32(&format!("proj_b{order}"), &[CNN])?);
            proj_ln_g.extend(npz.f32(&format!("ln_g{order}"), &[CNN])?);
            proj_ln_b.extend(npz.f32(&format!("ln_b{order}"), &[CNN])?);
            let w1 = npz.f32(&format!("w1_{order}"), &[order * CNN, CNN])?;
            let mut taps = vec![0f32; w1.len()];
            for (k, tap) in w1.chunks_exact(CNN * CNN).enumerate() {
                for (row, src) in tap.chunks_exact(CNN).enumerate() {
                    taps[row * order * CNN + k * CNN..][..CNN].copy_from_slice(src);
                }
            }
            branches.push(Branch {
                order,
                left,
                w1_taps: pack(&taps, CNN, order * CNN)?,
                b1: npz.f32(&format!("b1_{order}"), &[CNN])?,
                w2: matrix(&mut npz, &format!("w2_{order}"), order * CNN, CNN, &pack)?,
                b2: npz.f32(&format!("b2_{order}"), &[CNN])?,
            });
        }
        let eps = npz.scalar("eps")?;
        if !(eps > 0.0 && eps < 1.0) {
            return Err(bad(format!("eps {eps} is not a small positive number")));
        }
        let proj_w = pack(&proj_w, EMB, 3 * CNN)?;
        Ok(Weights {
            table,
            scale,
            lo,
            proj_w,
            proj_b,
            proj_ln_g,
            proj_ln_b,
            branches,
            ln_g: npz.f32("ln_g", &[FEAT])?,
            ln_b: npz.f32("ln_b", &[FEAT])?,
            cnn_w: matrix(&mut npz, "cnn_W", FEAT, USE_DIM, &pack)?,
            cnn_b: npz.f32("cnn_b", &[USE_DIM])?,
            d0: matrix(&mut npz, "d0", EMB, HID, &pack)?,
            d1: matrix(&mut npz, "d1", HID, HID, &pack)?,
            p1: matrix(&mut npz, "p1", EMB, HID, &pack)?,
            d2: matrix(&mut npz, "d2", HID, USE_DIM, &pack)?,
            p3: matrix(&mut npz, "p3", HID, USE_DIM, &pack)?,
            d3: matrix(&mut npz, "d3", USE_DIM, USE_DIM, &pack)?,
            eps: eps as f32,
        })
    }
}

fn matrix(
    npz: &mut Npz,
    name: &str,
    k: usize,
    n: usize,
    pack: &impl Fn(&[f32], usize, usize) -> Result<Packed>,
) -> Result<Packed> {
    pack(&npz.f32(name, &[k, n])?, k, n)
}

/// Floats in one token's feature row: [embedding | three branches].
pub const FEAT_DIM: usize = FEAT;
/// Rows a token's output depends on, on each side: two stacked windows reaching two rows.
pub const CONTEXT: usize = 4;

/// A run of one document's tokens for [`Weights::pool`].
pub struct Segment<'a> {
    pub ids: &'a [u32],
    /// Leading and trailing context tokens that are not summed.
    pub skip: (usize, usize),
}

/// Reusable buffers of one worker, grown to the largest batch seen.
#[derive(Default)]
pub struct Scratch {
    feats: Vec<f32>,
    emb: Vec<f32>,
    x: Vec<f32>,
    taps: Vec<f32>,
    hidden: Vec<f32>,
    conv: Vec<f32>,
}

/// The first `len` floats of `v`, grown if needed. Old contents stay: every caller overwrites
/// or zeroes each row it later reads.
fn sized(v: &mut Vec<f32>, len: usize) -> &mut [f32] {
    if v.len() < len {
        v.resize(len, 0.0);
    }
    &mut v[..len]
}

impl Weights {
    /// Runs the token layers over `segments` and adds each segment's sum of normalised token
    /// features to its row of `sums` ([`FEAT_DIM`] floats per segment).
    ///
    /// A segment is a run of token ids (all `< TABLE_ROWS`) of which the first `skip.0` and
    /// last `skip.1` are context only: they feed the windows of their neighbours but are not
    /// summed. Outside a segment the document is zero-padded, as the package pads whole texts.
    pub fn pool(&self, segments: &[Segment<'_>], scratch: &mut Scratch, sums: &mut [f32]) {
        let docs: Vec<&[u32]> = segments.iter().map(|s| s.ids).collect();
        // Row of each segment's first token in the shared buffer.
        let mut starts = Vec::with_capacity(docs.len());
        let mut rows = GAP;
        for doc in &docs {
            starts.push(rows);
            rows += doc.len() + GAP;
        }
        // Everything up to the first convolution depends on the token id alone, so it runs
        // once per distinct id of the batch (news text repeats its pieces a lot). `unique[r]`
        // is row r's index among them, `NONE` for a padding row.
        let mut ids: Vec<u32> = docs.iter().flat_map(|d| d.iter().copied()).collect();
        ids.sort_unstable();
        ids.dedup();
        let mut unique = vec![NONE; rows];
        for (doc, &start) in docs.iter().zip(&starts) {
            for (t, id) in doc.iter().enumerate() {
                unique[start + t] = ids.binary_search(id).map_or(NONE, |u| u as u32);
            }
        }

        let n_ids = ids.len();
        let emb = sized(&mut scratch.emb, n_ids * EMB);
        for (&id, row) in ids.iter().zip(emb.chunks_exact_mut(EMB)) {
            let id = id as usize;
            let (s, l) = (self.scale[id % CHUNKS], self.lo[id % CHUNKS]);
            for (e, &q) in row.iter_mut().zip(&self.table[id * EMB..][..EMB]) {
                *e = f32::from(q) * s + l;
            }
        }
        let x = sized(&mut scratch.x, n_ids * 3 * CNN);
        gemm(emb, EMB, n_ids, &self.proj_w, x, 3 * CNN);
        for row in x.chunks_exact_mut(3 * CNN) {
            add(row, &self.proj_b);
            layer_norm(row, &self.proj_ln_g, &self.proj_ln_b, self.eps);
        }

        // [embedding | branch 2 | branch 3 | branch 5] per row, like the package's `feats`.
        let feats = sized(&mut scratch.feats, rows * FEAT);
        for (r, &u) in unique.iter().enumerate() {
            if u != NONE {
                feats[r * FEAT..][..EMB].copy_from_slice(&emb[u as usize * EMB..][..EMB]);
            }
        }

        let inner = rows - 2 * GAP;
        for (i, br) in self.branches.iter().enumerate() {
            // First convolution: each id's input times every tap's weights at once, then each
            // row adds up its window's taps (zero beyond the document).
            let width = br.order * CNN;
            let taps = sized(&mut scratch.taps, n_ids * width);
            gemm(&x[i * CNN..], 3 * CNN, n_ids, &br.w1_taps, taps, width);
            let hidden = sized(&mut scratch.hidden, rows * CNN);
            for (r, h) in hidden.chunks_exact_mut(CNN).enumerate() {
                let Some(u) = unique.get(r).filter(|&&u| u != NONE) else {
                    h.fill(0.0);
                    continue;
                };
                h.copy_from_slice(&br.b1);
                for k in 0..br.order {
                    // Content rows have at least GAP ≥ left rows before and after them.
                    let w = unique[r + k - br.left];
                    if w != NONE {
                        add(h, &taps[w as usize * width + k * CNN..][..CNN]);
                    }
                }
                let xs = &x[*u as usize * 3 * CNN + i * CNN..][..CNN];
                for (h, &xs) in h.iter_mut().zip(xs) {
                    *h = h.max(0.0) + xs;
                }
            }
            let first = (GAP - br.left) * CNN;
            let conv = sized(&mut scratch.conv, rows * CNN);
            gemm(
                &hidden[first..],
                CNN,
                inner,
                &br.w2,
                &mut conv[GAP * CNN..],
                CNN,
            );
            for (r, (c, h)) in conv
                .chunks_exact_mut(CNN)
                .zip(hidden.chunks_exact(CNN))
                .enumerate()
            {
                add_relu_residual(c, &br.b2, h);
                feats[r * FEAT + EMB + i * CNN..][..CNN].copy_from_slice(c);
            }
        }

        // LayerNorm each summed token row and add it up; the head projects the sum.
        for ((seg, &start), sum) in segments
            .iter()
            .zip(&starts)
            .zip(sums.chunks_exact_mut(FEAT))
        {
            let (from, to) = (start + seg.skip.0, start + seg.ids.len() - seg.skip.1);
            for row in feats[from * FEAT..to * FEAT].chunks_exact_mut(FEAT) {
                layer_norm(row, &self.ln_g, &self.ln_b, self.eps);
                add(sum, row);
            }
        }
    }

    /// From each document's feature sum (rows of `sums`) and token count to its L2-normalised
    /// [`USE_DIM`] vector in `out`. The output projection is linear, so projecting the sum is
    /// the package's sum-then-project; then ÷√tokens, the MLP and tanh.
    pub fn head(&self, sums: &[f32], lens: &[usize], out: &mut [Vec<f32>]) {
        let n = lens.len();
        let mut mean = vec![0f32; n * USE_DIM];
        gemm(sums, FEAT, n, &self.cnn_w, &mut mean, USE_DIM);
        for (row, &len) in mean.chunks_exact_mut(USE_DIM).zip(lens) {
            let len = len as f32;
            let inv = 1.0 / len.sqrt();
            for (m, &b) in row.iter_mut().zip(&self.cnn_b) {
                *m = (*m + len * b) * inv;
            }
        }

        let mut y0 = vec![0f32; n * HID];
        gemm(&mean, USE_DIM, n, &self.d0, &mut y0, HID);
        relu(&mut y0);
        let mut y1 = vec![0f32; n * HID];
        gemm(&mean, USE_DIM, n, &self.p1, &mut y1, HID);
        let mut t = vec![0f32; n * HID];
        gemm(&y0, HID, n, &self.d1, &mut t, HID);
        add(&mut y1, &t);
        relu(&mut y1);
        let mut y2 = vec![0f32; n * USE_DIM];
        gemm(&y1, HID, n, &self.d2, &mut y2, USE_DIM);
        relu(&mut y2);
        let mut z = vec![0f32; n * USE_DIM];
        gemm(&y1, HID, n, &self.p3, &mut z, USE_DIM);
        let mut t = vec![0f32; n * USE_DIM];
        gemm(&y2, USE_DIM, n, &self.d3, &mut t, USE_DIM);
        add(&mut z, &t);
        for (row, dst) in z.chunks_exact_mut(USE_DIM).zip(out.iter_mut()) {
            row.iter_mut().for_each(|v| *v = v.tanh());
            let norm2: f32 = row.iter().map(|v| v * v).sum();
            let inv = 1.0 / norm2.max(self.eps).sqrt();
            dst.clear();
            dst.extend(row.iter().map(|v| v * inv));
        }
    }
}

fn add(dst: &mut [f32], src: &[f32]) {
    for (d, &s) in dst.iter_mut().zip(src) {
        *d += s;
    }
}

fn relu(v: &mut [f32]) {
    v.iter_mut().for_each(|x| *x = x.max(0.0));
}

/// `h = max(h + b, 0) + residual`.
fn add_relu_residual(h: &mut [f32], b: &[f32], residual: &[f32]) {
    for ((h, &b), &r) in h.iter_mut().zip(b).zip(residual) {
        *h = (*h + b).max(0.0) + r;
    }
}

/// LayerNorm over one row, as numpy computes it: centre, mean of squares, scale.
fn layer_norm(row: &mut [f32], gamma: &[f32], beta: &[f32], eps: f32) {
    let n = row.len() as f32;
    let mean = lane_sum(row, |v| v) / n;
    row.iter_mut().for_each(|v| *v -= mean);
    let var = lane_sum(row, |v| v * v) / n;
    let inv = 1.0 / (var + eps).sqrt();
    for ((v, &g), &b) in row.iter_mut().zip(gamma).zip(beta) {
        *v = *v * inv * g + b;
    }
}

/// Σ f(v) over `row` in 16 independent lanes (vectorises; also more accurate than one chain).
fn lane_sum(row: &[f32], f: impl Fn(f32) -> f32) -> f32 {
    let mut lanes = [0f32; 16];
    let mut chunks = row.chunks_exact(16);
    for chunk in &mut chunks {
        for (l, &v) in lanes.iter_mut().zip(chunk) {
            *l += f(v);
        }
    }
    let tail: f32 = chunks.remainder().iter().map(|&v| f(v)).sum();
    lanes.iter().sum::<f32>() + tail
}
