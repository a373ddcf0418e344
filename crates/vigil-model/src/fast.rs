//! The encoder as it runs in production: Q4 weights × int8 activations through
//! [`crate::kernels`], QKV fused into one product, many windows per batch stacked as rows with
//! no padding (attention stays inside each window), residual + LayerNorm fused, GELU fused
//! into the quantisation of its output. The element-wise code is written plainly and compiled
//! once per SIMD level (`target_feature` entry points), so the compiler vectorises it.

#![allow(clippy::needless_range_loop)] // lane loops index fixed-size register arrays

use std::ops::Range;

use crate::encoder::{Embeddings, Norm};
use crate::error::Result;
use crate::format::{Config, ModelFile};
use crate::kernels::{ActsView, Kernel, PackedQ4, QuantActs};

struct FastLayer {
    qkv: PackedQ4,
    qkv_b: Vec<f32>,
    ao: PackedQ4,
    ao_b: Vec<f32>,
    attn_norm: Norm,
    fi: PackedQ4,
    fi_b: Vec<f32>,
    fo: PackedQ4,
    fo_b: Vec<f32>,
    out_norm: Norm,
}

/// Packed transformer layers plus the kernel chosen for this CPU.
pub struct FastEncoder {
    config: Config,
    layers: Vec<FastLayer>,
    kernel: Kernel,
    /// Attention heads in bf16 (`vdpbf16ps`) when the CPU has AVX-512 BF16 and the head
    /// width is 32; `VIGIL_ATTENTION=f32` turns it off.
    bf16: bool,
}

/// Reusable buffers for one thread.
#[derive(Default)]
pub struct Scratch {
    x: Vec<f32>,
    qkv: Vec<f32>,
    ctx: Vec<f32>,
    tmp: Vec<f32>,
    ff: Vec<f32>,
    acts: QuantActs,
    attn: AttnBuf,
    /// The helper thread's attention buffers when one batch is shared by two threads.
    attn_aux: AttnBuf,
}

fn packed(
    file: &ModelFile,
    names: &[String],
    out: usize,
    inp: usize,
) -> Result<(PackedQ4, Vec<f32>)> {
    let mut blocks = Vec::new();
    let mut bias = Vec::new();
    for name in names {
        blocks.extend_from_slice(file.q4_tensor(&format!("{name}.w"), out, inp)?);
        bias.extend(file.f32_tensor(&format!("{name}.b"), out)?);
    }
    let rows = out * names.len();
    let w = PackedQ4::from_q4(&blocks, rows, inp).ok_or_else(|| crate::Error::Tensor {
        name: names.join("+"),
        what: format!("{rows}×{inp} does not fit the 16×32 packing"),
    })?;
    Ok((w, bias))
}

impl FastEncoder {
    pub fn load(file: &ModelFile) -> Result<FastEncoder> {
        let c = file.config;
        let (h, f) = (c.hidden, c.ffn);
        // The attention code keeps a head's query in a 64-float register tile.
        if h / c.heads > 64 {
            return Err(crate::Error::Tensor {
                name: "attention".into(),
                what: format!("head width {} exceeds the supported 64", h / c.heads),
            });
        }
        let mut layers = Vec::with_capacity(c.layers);
        for l in 0..c.layers {
            let n = |s: &str| vec![format!("l{l}.{s}")];
            let (qkv, qkv_b) = packed(
                file,
                &[format!("l{l}.q"), format!("l{l}.k"), format!("l{l}.v")],
                h,
                h,
            )?;
            let (ao, ao_b) = packed(file, &n("ao"), h, h)?;
            let (fi, fi_b) = packed(file, &n("fi"), f, h)?;
            let (fo, fo_b) = packed(file, &n("fo"), h, f)?;
            layers.push(FastLayer {
                qkv,
                qkv_b,
                ao,
                ao_b,
                attn_norm: Norm::load(file, &format!("l{l}.aln"), h)?,
                fi,
                fi_b,
                fo,
                fo_b,
                out_norm: Norm::load(file, &format!("l{l}.oln"), h)?,
            });
        }
        let kernel = Kernel::detect();
        #[cfg(target_arch = "x86_64")]
        let bf16 = kernel == Kernel::Avx512Vnni
            && h / c.heads == crate::kernels::attention_bf16::HEAD
            && crate::kernels::attention_bf16::available()
            && std::env::var("VIGIL_ATTENTION").map_or(true, |v| v != "f32");
        #[cfg(not(target_arch = "x86_64"))]
        let bf16 = false;
        Ok(FastEncoder {
            config: c,
            layers,
            kernel,
            bf16,
        })
    }

    pub fn kernel(&self) -> Kernel {
        self.kernel
    }

    /// Whether attention runs in bf16.
    pub fn bf16_attention(&self) -> bool {
        self.bf16
    }

    /// Turns bf16 attention off (f32), or back on where the CPU allows it.
    pub fn set_bf16_attention(&mut self, on: bool) {
        #[cfg(target_arch = "x86_64")]
        {
            self.bf16 = on
                && self.kernel == Kernel::Avx512Vnni
                && self.config.hidden / self.config.heads == crate::kernels::attention_bf16::HEAD
                && crate::kernels::attention_bf16::available();
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            let _ = on;
        }
    }

    /// Mean final hidden state of each window (`<s> … </s>` ids), all windows in one batch.
    pub fn forward(
        &self,
        file: &ModelFile,
        emb: &Embeddings,
        windows: &[&[u32]],
        s: &mut Scratch,
        threads: usize,
    ) -> Vec<Vec<f32>> {
        self.run(file, emb, windows, s, threads, self.layers.len());
        let h = self.config.hidden;
        let mut means = Vec::with_capacity(windows.len());
        let mut row = 0;
        for ids in windows {
            let mut mean = vec![0f32; h];
            for r in s.x[row * h..(row + ids.len()) * h].chunks_exact(h) {
                mean.iter_mut().zip(r).for_each(|(m, v)| *m += v);
            }
            mean.iter_mut().for_each(|m| *m /= ids.len().max(1) as f32);
            means.push(mean);
            row += ids.len();
        }
        means
    }

    /// Every hidden state of each window after the first `depth` layers (all of them: the
    /// final states), row after row (`ids.len() × hidden` floats per window), for callers
    /// that need the tokens and not only their mean.
    pub fn forward_rows(
        &self,
        file: &ModelFile,
        emb: &Embeddings,
        windows: &[&[u32]],
        s: &mut Scratch,
        threads: usize,
        depth: usize,
    ) -> Vec<Vec<f32>> {
        self.run(file, emb, windows, s, threads, depth);
        let h = self.config.hidden;
        let mut row = 0;
        windows
            .iter()
            .map(|ids| {
                let rows = s.x[row * h..(row + ids.len()) * h].to_vec();
                row += ids.len();
                rows
            })
            .collect()
    }

    /// Leaves the hidden states after the first `depth` layers of all windows' rows in `s.x`.
    fn run(
        &self,
        file: &ModelFile,
        emb: &Embeddings,
        windows: &[&[u32]],
        s: &mut Scratch,
        threads: usize,
        depth: usize,
    ) {
        s.x.clear();
        for ids in windows {
            emb.embed(file, ids, &mut s.x);
        }
        match self.kernel {
            // SAFETY: `Kernel::detect` only picks a level the CPU reports.
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx512Vnni => unsafe { self.layers_avx512(windows, s, threads, depth) },
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => unsafe { self.layers_avx2(windows, s, threads, depth) },
            _ => self.layers::<false>(windows, s, threads, depth),
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx512f,avx512bw,avx512vl,avx2,fma")]
    unsafe fn layers_avx512(
        &self,
        windows: &[&[u32]],
        s: &mut Scratch,
        threads: usize,
        depth: usize,
    ) {
        self.layers::<true>(windows, s, threads, depth)
    }

    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2,fma")]
    unsafe fn layers_avx2(
        &self,
        windows: &[&[u32]],
        s: &mut Scratch,
        threads: usize,
        depth: usize,
    ) {
        self.layers::<true>(windows, s, threads, depth)
    }

    #[inline(always)]
    fn layers<const F: bool>(
        &self,
        windows: &[&[u32]],
        s: &mut Scratch,
        threads: usize,
        depth: usize,
    ) {
        let c = &self.config;
        let (h, f) = (c.hidden, c.ffn);
        let rows: usize = windows.iter().map(|w| w.len()).sum();
        let k = self.kernel;
        s.ctx.resize(rows * h, 0.0);
        s.tmp.resize(rows * h, 0.0);
        s.qkv.resize(rows * 3 * h, 0.0);
        s.ff.resize(rows * f, 0.0);
        let par = if rows >= PAR_MIN_ROWS { threads } else { 1 };
        for layer in self.layers.iter().take(depth) {
            quantize(&mut s.acts, &s.x, rows, h, |v| v);
            gemm_par(k, s.acts.view(), &layer.qkv, &layer.qkv_b, &mut s.qkv, par);
            if par > 1 {
                let mid = rows / 2;
                let (c0, c1) = s.ctx.split_at_mut(mid * h);
                let (qkv, aux) = (&s.qkv, &mut s.attn_aux);
                std::thread::scope(|sc| {
                    sc.spawn(move || attend_dispatch(self, windows, qkv, mid..rows, c1, aux));
                    // Through the dispatcher: a closure body does not inherit this function's
                    // target features, and `mul_add` without FMA is a slow library call.
                    attend_dispatch(self, windows, qkv, 0..mid, c0, &mut s.attn);
                });
            } else {
                attend::<F>(self, windows, &s.qkv, 0..rows, &mut s.ctx, &mut s.attn);
            }
            quantize(&mut s.acts, &s.ctx, rows, h, |v| v);
            gemm_par(k, s.acts.view(), &layer.ao, &layer.ao_b, &mut s.tmp, par);
            add_norm(&mut s.x, &s.tmp, &layer.attn_norm, c.layer_norm_eps);
            quantize(&mut s.acts, &s.x, rows, h, |v| v);
            gemm_par(k, s.acts.view(), &layer.fi, &layer.fi_b, &mut s.ff, par);
            quantize(&mut s.acts, &s.ff, rows, f, gelu);
            gemm_par(k, s.acts.view(), &layer.fo, &layer.fo_b, &mut s.tmp, par);
            add_norm(&mut s.x, &s.tmp, &layer.out_norm, c.layer_norm_eps);
        }
    }
}

/// Quantises `map(x)` per block of 32 (the map is where GELU is fused).
#[inline(always)]
fn quantize(acts: &mut QuantActs, x: &[f32], rows: usize, cols: usize, map: impl Fn(f32) -> f32) {
    acts.quantize_with(x, rows, cols, map);
}

/// Buffers for one thread's attention.
#[derive(Default)]
struct AttnBuf {
    kt: Vec<f32>,
    v: Vec<f32>,
    scores: Vec<f32>,
    #[cfg(target_arch = "x86_64")]
    bf16: crate::kernels::attention_bf16::Bf16Buf,
}

/// Attention on the kernel's SIMD level (the helper thread starts without target features, so
/// it enters here).
fn attend_dispatch(
    e: &FastEncoder,
    windows: &[&[u32]],
    qkv: &[f32],
    rows: Range<usize>,
    ctx: &mut [f32],
    b: &mut AttnBuf,
) {
    match e.kernel {
        // SAFETY: `Kernel::detect` only picks a level the CPU reports.
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx512Vnni => unsafe { attend_avx512(e, windows, qkv, rows, ctx, b) },
        #[cfg(target_arch = "x86_64")]
        Kernel::Avx2 => unsafe { attend_avx2(e, windows, qkv, rows, ctx, b) },
        _ => attend::<false>(e, windows, qkv, rows, ctx, b),
    }
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx2,fma")]
unsafe fn attend_avx512(
    e: &FastEncoder,
    windows: &[&[u32]],
    qkv: &[f32],
    rows: Range<usize>,
    ctx: &mut [f32],
    b: &mut AttnBuf,
) {
    attend::<true>(e, windows, qkv, rows, ctx, b)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn attend_avx2(
    e: &FastEncoder,
    windows: &[&[u32]],
    qkv: &[f32],
    rows: Range<usize>,
    ctx: &mut [f32],
    b: &mut AttnBuf,
) {
    attend::<true>(e, windows, qkv, rows, ctx, b)
}

/// Scaled dot-product attention for the query rows `lo..hi` of the stacked windows (heads side
/// by side in `qkv`), written to `ctx`, which holds exactly those rows. Keys and values come
/// only from each query's own window: no padding, no cross-window work.
#[inline(always)]
fn attend<const F: bool>(
    e: &FastEncoder,
    windows: &[&[u32]],
    qkv: &[f32],
    rows: Range<usize>,
    ctx: &mut [f32],
    b: &mut AttnBuf,
) {
    let c = &e.config;
    let (lo, hi) = (rows.start, rows.end);
    let h = c.hidden;
    let dh = h / c.heads;
    let scale = 1.0 / (dh as f32).sqrt();
    let mut base = 0;
    for ids in windows {
        let n = ids.len();
        let (first, last) = (lo.max(base), hi.min(base + n));
        if first >= last {
            base += n;
            continue;
        }
        b.kt.resize(dh * n, 0.0);
        b.v.resize(n * dh, 0.0);
        b.scores.resize(QB * n, 0.0);
        for hd in 0..c.heads {
            #[cfg(target_arch = "x86_64")]
            if e.bf16 {
                let head = crate::kernels::attention_bf16::HeadRef {
                    qkv,
                    hidden: h,
                    base,
                    n,
                    head: hd,
                    scale,
                };
                // SAFETY: `bf16` is only set when the CPU has AVX-512 BF16.
                unsafe {
                    crate::kernels::attention_bf16::head(&head, first..last, ctx, lo, &mut b.bf16)
                };
                continue;
            }
            // Kᵀ (dh × n) and V (n × dh) of this head, contiguous.
            for j in 0..n {
                let row = &qkv[(base + j) * 3 * h..][..3 * h];
                let kj = &row[h + hd * dh..][..dh];
                for (d, &kv) in kj.iter().enumerate() {
                    b.kt[d * n + j] = kv;
                }
                b.v[j * dh..][..dh].copy_from_slice(&row[2 * h + hd * dh..][..dh]);
            }
            let mut i = first;
            while i < last {
                let qn = (last - i).min(QB);
                let mut q = [[0f32; 64]; QB];
                for (r, qr) in q.iter_mut().enumerate().take(qn) {
                    let src = &qkv[(i + r) * 3 * h + hd * dh..][..dh.min(64)];
                    for (d, &v) in src.iter().enumerate() {
                        qr[d] = v * scale;
                    }
                }
                let scores = &mut b.scores[..QB * n];
                head_scores::<F>(&q, qn, dh.min(64), &b.kt[..dh * n], n, scores);
                for r in 0..qn {
                    softmax(&mut scores[r * n..][..n]);
                }
                if dh == 32 && qn == QB {
                    let mut out = [[0f32; 32]; QB];
                    weighted_sum4::<F>(scores, n, &b.v[..n * dh], &mut out);
                    for (r, o) in out.iter().enumerate() {
                        ctx[(i + r - lo) * h + hd * dh..][..dh].copy_from_slice(o);
                    }
                } else {
                    for r in 0..qn {
                        let out = &mut ctx[(i + r - lo) * h + hd * dh..][..dh];
                        weighted_sum::<F>(&scores[r * n..][..n], &b.v[..n * dh], out);
                    }
                }
                i += qn;
            }
        }
        base += n;
    }
}

/// `out = x · Wᵀ + b`, the rows shared between two threads when there are enough of them.
fn gemm_par(
    k: Kernel,
    x: ActsView<'_>,
    w: &PackedQ4,
    bias: &[f32],
    out: &mut [f32],
    threads: usize,
) {
    if threads < 2 || x.rows < PAR_MIN_ROWS {
        return k.gemm(x, w, bias, out);
    }
    let (x0, x1) = x.split_at((x.rows / 2).next_multiple_of(4));
    let (o0, o1) = out.split_at_mut(x0.rows * w.out);
    std::thread::scope(|s| {
        s.spawn(move || k.gemm(x1, w, bias, o1));
        k.gemm(x0, w, bias, o0);
    });
}

/// Below this many rows a batch is not worth a second thread (thread start ≈ tens of µs).
const PAR_MIN_ROWS: usize = 96;

/// Queries per attention block: four share every key load (eight spill registers).
const QB: usize = 4;

/// `a · b + c`, fused when the caller was compiled with FMA (`F`), plain otherwise (a software
/// fused multiply-add would be far slower than two rounded operations).
#[inline(always)]
fn madd<const F: bool>(a: f32, b: f32, c: f32) -> f32 {
    if F { a.mul_add(b, c) } else { a * b + c }
}

/// `scores[r][j] = q_r · k_j` for `qn ≤ QB` (pre-scaled) queries, `kt` holding Kᵀ (`dh × n`):
/// a QB × 32 tile of sums stays in registers, so each key element is loaded once per tile
/// and each query element once per 32 keys.
#[inline(always)]
fn head_scores<const F: bool>(
    q: &[[f32; 64]; QB],
    qn: usize,
    dh: usize,
    kt: &[f32],
    n: usize,
    scores: &mut [f32],
) {
    let mut j = 0;
    while j + 32 <= n {
        score_tile::<F, 32>(q, qn, dh, kt, n, j, scores);
        j += 32;
    }
    while j + 16 <= n {
        score_tile::<F, 16>(q, qn, dh, kt, n, j, scores);
        j += 16;
    }
    for jj in j..n {
        for r in 0..qn {
            let mut acc = 0f32;
            for d in 0..dh {
                acc = madd::<F>(q[r][d], kt[d * n + jj], acc);
            }
            scores[r * n + jj] = acc;
        }
    }
}

#[inline(always)]
fn score_tile<const F: bool, const W: usize>(
    q: &[[f32; 64]; QB],
    qn: usize,
    dh: usize,
    kt: &[f32],
    n: usize,
    j: usize,
    scores: &mut [f32],
) {
    let mut acc = [[0f32; W]; QB];
    for d in 0..dh {
        let k = &kt[d * n + j..][..W];
        for r in 0..QB {
            let qd = q[r][d];
            for l in 0..W {
                acc[r][l] = madd::<F>(qd, k[l], acc[r][l]);
            }
        }
    }
    for r in 0..qn {
        scores[r * n + j..][..W].copy_from_slice(&acc[r]);
    }
}

/// The larger of two numbers, as one `maxps` (`f32::max` adds NaN handling we do not need:
/// activations here are finite).
#[inline(always)]
pub(crate) fn max(a: f32, b: f32) -> f32 {
    if a > b { a } else { b }
}

/// In-place softmax; max and sum kept in 16 lanes so the passes vectorise.
#[inline(always)]
pub(crate) fn softmax(x: &mut [f32]) {
    let mut lanes = [f32::NEG_INFINITY; 16];
    let mut chunks = x.chunks_exact(16);
    for c in &mut chunks {
        for l in 0..16 {
            lanes[l] = max(lanes[l], c[l]);
        }
    }
    let max = chunks.remainder().iter().fold(
        lanes.iter().fold(f32::NEG_INFINITY, |m, &v| max(m, v)),
        |m, &v| max(m, v),
    );
    for v in x.iter_mut() {
        *v = exp(*v - max);
    }
    let mut sums = [0f32; 16];
    let mut chunks = x.chunks_exact(16);
    for c in &mut chunks {
        for l in 0..16 {
            sums[l] += c[l];
        }
    }
    let sum = sums.iter().sum::<f32>() + chunks.remainder().iter().sum::<f32>();
    let inv = 1.0 / sum;
    for v in x.iter_mut() {
        *v *= inv;
    }
}

/// QB queries' `Σ_j p_rj · v_j` at once (head width 32): 2·QB independent register sums
/// hide the FMA latency and each `v_j` is loaded once for all of them.
#[inline(always)]
fn weighted_sum4<const F: bool>(p: &[f32], n: usize, v: &[f32], out: &mut [[f32; 32]; QB]) {
    let mut acc = [[0f32; 32]; QB];
    for (j, vj) in v.chunks_exact(32).enumerate().take(n) {
        for r in 0..QB {
            let pj = p[r * n + j];
            for l in 0..32 {
                acc[r][l] = madd::<F>(pj, vj[l], acc[r][l]);
            }
        }
    }
    *out = acc;
}

/// `out = Σ_j p_j · v_j`, accumulated in registers for the usual head width of 32.
#[inline(always)]
fn weighted_sum<const F: bool>(p: &[f32], v: &[f32], out: &mut [f32]) {
    let dh = out.len();
    if dh == 32 {
        let mut acc = [0f32; 32];
        for (&pj, vj) in p.iter().zip(v.chunks_exact(32)) {
            for l in 0..32 {
                acc[l] = madd::<F>(pj, vj[l], acc[l]);
            }
        }
        out.copy_from_slice(&acc);
    } else {
        out.fill(0.0);
        for (&pj, vj) in p.iter().zip(v.chunks_exact(dh)) {
            for (o, &x) in out.iter_mut().zip(vj) {
                *o += pj * x;
            }
        }
    }
}

/// `x = LayerNorm(x + y)`, row by row in one pass over each row.
#[inline(always)]
fn add_norm(x: &mut [f32], y: &[f32], norm: &Norm, eps: f32) {
    let n = norm.w.len();
    for (xr, yr) in x.chunks_exact_mut(n).zip(y.chunks_exact(n)) {
        let mut sum = [0f32; 16];
        for (xc, yc) in xr.chunks_exact_mut(16).zip(yr.chunks_exact(16)) {
            for i in 0..16 {
                xc[i] += yc[i];
                sum[i] += xc[i];
            }
        }
        let mean = sum.iter().sum::<f32>() / n as f32;
        let mut var = [0f32; 16];
        for xc in xr.chunks_exact(16) {
            for i in 0..16 {
                let d = xc[i] - mean;
                var[i] += d * d;
            }
        }
        let inv = 1.0 / (var.iter().sum::<f32>() / n as f32 + eps).sqrt();
        for ((v, w), b) in xr.iter_mut().zip(&norm.w).zip(&norm.b) {
            *v = (*v - mean) * inv * w + b;
        }
    }
}

/// 1.5 · 2²³: adding it to a float below 2²² in magnitude leaves the rounded integer in the
/// low mantissa bits.
pub(crate) const ROUND_MAGIC: f32 = 12_582_912.0;
pub(crate) const ROUND_MAGIC_BITS: i32 = 0x4B40_0000;

/// `e^x` to about 1 ulp for the softmax (Cephes polynomial), branch-free so it vectorises.
#[inline(always)]
pub fn exp(x: f32) -> f32 {
    let x = x.clamp(-87.0, 88.0);
    // Round to the nearest integer with the 1.5·2²³ trick: plain float and bit operations,
    // where `round() as i32` would be a scalar saturating conversion per element.
    let t = x * std::f32::consts::LOG2_E + ROUND_MAGIC;
    let n = t - ROUND_MAGIC;
    let n_int = (t.to_bits() as i32).wrapping_sub(ROUND_MAGIC_BITS);
    let r = x - n * 0.693_359_4 + n * 2.121_944_4e-4;
    let p = 1.987_569_1e-4f32;
    let p = p * r + 1.398_199_9e-3;
    let p = p * r + 8.333_452e-3;
    let p = p * r + 4.166_579_6e-2;
    let p = p * r + 1.666_666_5e-1;
    let p = p * r + 0.5;
    let y = p * r * r + r + 1.0;
    y * f32::from_bits((n_int.wrapping_add(127) as u32) << 23)
}

/// Exact-erf GELU, with erf from Abramowitz & Stegun 7.1.26 (absolute error < 1.5e-7).
#[inline(always)]
pub fn gelu(x: f32) -> f32 {
    let z = (x * std::f32::consts::FRAC_1_SQRT_2).abs();
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly = t
        * (0.254_829_6
            + t * (-0.284_496_74 + t * (1.421_413_7 + t * (-1.453_152 + t * 1.061_405_4))));
    let erf_abs = 1.0 - poly * exp(-z * z);
    let erf = if x < 0.0 { -erf_abs } else { erf_abs };
    0.5 * x * (1.0 + erf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exp_is_accurate() {
        for i in -8000..=800 {
            let x = i as f32 / 100.0;
            let want = f64::from(x).exp();
            let got = f64::from(exp(x));
            assert!(
                ((got - want) / want).abs() < 3e-7,
                "exp({x}) = {got}, want {want}"
            );
        }
    }

    #[test]
    fn gelu_matches_erf_definition() {
        for i in -1000..=1000 {
            let x = i as f32 / 100.0;
            let xd = f64::from(x);
            let want = 0.5 * xd * (1.0 + libm::erf(xd / std::f64::consts::SQRT_2));
            let got = f64::from(gelu(x));
            assert!(
                (got - want).abs() < 3e-6 * xd.abs().max(1.0),
                "gelu({x}) = {got}, want {want}"
            );
        }
    }
}
