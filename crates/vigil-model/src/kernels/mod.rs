//! Quantised matrix products for the encoder's linear layers: Q4_0 weights (kept exact, one
//! unpacked nibble per byte) times int8 activations quantised per block of 32, like the
//! reference engine, with the integer dot products in SIMD.
//!
//! `y[m][n] = bias[n] + Σ_kb dw[n][kb] · dx[m][kb] · Σ_{k in kb} (nibble[n][k] − 8) · q[m][k]`,
//! computed as `Σ nibble·q − 8·Σ q` so the unsigned×signed `vpdpbusd` does the inner sum.
//!
//! [`PackedQ4`] lays out 16 output columns × 4 inputs per 64 bytes, the shape one AVX-512
//! `vpdpbusd` consumes; the AVX2 and portable kernels read the same layout. The kernel is
//! picked once at run time ([`Kernel::detect`]).

// Kernels index small register arrays by lane and row; iterators would only obscure that.
#[allow(clippy::needless_range_loop)]
pub mod attention_bf16;
#[allow(clippy::needless_range_loop)]
mod avx2;
#[allow(clippy::needless_range_loop)]
mod avx512;
#[allow(clippy::needless_range_loop)]
mod portable;

use crate::format::{Q4_BLOCK, Q4_BLOCK_BYTES};
use crate::quant::f16_to_f32;

/// Output columns per panel.
pub const PANEL: usize = 16;
/// Inputs per `vpdpbusd` lane.
const GROUP: usize = 4;

/// A `[out, in]` Q4_0 matrix, repacked for the kernels.
pub struct PackedQ4 {
    pub out: usize,
    pub inp: usize,
    /// Panel-major: `[out / 16][in / 4][16][4]` nibbles (0..=15), one per byte.
    nibbles: Vec<u8>,
    /// `[out / 16][in / 32][16]` block scales.
    scales: Vec<f32>,
}

impl PackedQ4 {
    /// Repacks row-major Q4_0 blocks; `None` if the shapes do not fit the layout.
    pub fn from_q4(blocks: &[u8], out: usize, inp: usize) -> Option<PackedQ4> {
        if !out.is_multiple_of(PANEL) || !inp.is_multiple_of(Q4_BLOCK) {
            return None;
        }
        let blocks_per_row = inp / Q4_BLOCK;
        if blocks.len() != out * blocks_per_row * Q4_BLOCK_BYTES {
            return None;
        }
        let mut nibbles = vec![0u8; out * inp];
        let mut scales = vec![0f32; out * blocks_per_row];
        for n in 0..out {
            let (panel, j) = (n / PANEL, n % PANEL);
            for kb in 0..blocks_per_row {
                let b = &blocks[(n * blocks_per_row + kb) * Q4_BLOCK_BYTES..][..Q4_BLOCK_BYTES];
                scales[(panel * blocks_per_row + kb) * PANEL + j] =
                    f16_to_f32(u16::from_le_bytes([b[0], b[1]]));
                for (t, &q) in b[2..].iter().enumerate() {
                    for (k, nib) in [
                        (kb * Q4_BLOCK + t, q & 0x0f),
                        (kb * Q4_BLOCK + t + 16, q >> 4),
                    ] {
                        let at =
                            ((panel * (inp / GROUP) + k / GROUP) * PANEL + j) * GROUP + k % GROUP;
                        nibbles[at] = nib;
                    }
                }
            }
        }
        Some(PackedQ4 {
            out,
            inp,
            nibbles,
            scales,
        })
    }

    fn panel(&self, p: usize) -> (&[u8], &[f32]) {
        let kb = self.inp / Q4_BLOCK;
        (
            &self.nibbles[p * self.inp * PANEL..][..self.inp * PANEL],
            &self.scales[p * kb * PANEL..][..kb * PANEL],
        )
    }
}

/// Activations quantised to int8 per row and block of 32, with what the kernels need per block.
#[derive(Default)]
pub struct QuantActs {
    pub rows: usize,
    pub cols: usize,
    q: Vec<i8>,
    /// `[rows][cols / 32]` scales.
    d: Vec<f32>,
    /// `[rows][cols / 32]` 8 · Σ q, the correction for the nibbles' +8 offset.
    corr: Vec<i32>,
}

impl QuantActs {
    /// Quantises `x` (`rows × cols`, `cols` a multiple of 32), reusing the buffers.
    pub fn quantize(&mut self, x: &[f32], rows: usize, cols: usize) {
        self.quantize_with(x, rows, cols, |v| v)
    }

    /// Quantises `map(x)`: the element-wise step before a product (GELU) costs no extra pass.
    #[inline(always)]
    pub fn quantize_with(&mut self, x: &[f32], rows: usize, cols: usize, map: impl Fn(f32) -> f32) {
        let blocks = cols / Q4_BLOCK;
        self.rows = rows;
        self.cols = cols;
        self.q.resize(rows * cols, 0);
        self.d.resize(rows * blocks, 0.0);
        self.corr.resize(rows * blocks, 0);
        for ((xb, qb), (d, corr)) in x
            .chunks_exact(Q4_BLOCK)
            .zip(self.q.chunks_exact_mut(Q4_BLOCK))
            .zip(self.d.iter_mut().zip(self.corr.iter_mut()))
            .take(rows * blocks)
        {
            let mut vals = [0f32; Q4_BLOCK];
            for (v, &x) in vals.iter_mut().zip(xb) {
                *v = map(x);
            }
            let mut lanes = [0f32; 16];
            for half in vals.chunks_exact(16) {
                for l in 0..16 {
                    lanes[l] = crate::fast::max(lanes[l], half[l].abs());
                }
            }
            let amax = lanes.iter().fold(0f32, |m, &v| crate::fast::max(m, v));
            let scale = amax / 127.0;
            let inv = if scale > 0.0 { 1.0 / scale } else { 0.0 };
            let mut sum = 0i32;
            for (q, v) in qb.iter_mut().zip(&vals) {
                // Round to nearest with the 1.5·2²³ trick (|v·inv| ≤ 127), so this vectorises.
                let r = ((v * inv + crate::fast::ROUND_MAGIC).to_bits() as i32)
                    .wrapping_sub(crate::fast::ROUND_MAGIC_BITS);
                *q = r as i8;
                sum += r;
            }
            *d = scale;
            *corr = 8 * sum;
        }
    }

    /// All rows, as the kernels read them.
    pub fn view(&self) -> ActsView<'_> {
        let kb = self.cols / Q4_BLOCK;
        ActsView {
            rows: self.rows,
            cols: self.cols,
            q: &self.q[..self.rows * self.cols],
            d: &self.d[..self.rows * kb],
            corr: &self.corr[..self.rows * kb],
        }
    }
}

/// A run of rows of [`QuantActs`]; splitting one lets two threads share a product.
#[derive(Clone, Copy)]
pub struct ActsView<'a> {
    pub rows: usize,
    pub cols: usize,
    q: &'a [i8],
    d: &'a [f32],
    corr: &'a [i32],
}

impl<'a> ActsView<'a> {
    fn row(&self, m: usize) -> (&'a [i8], &'a [f32], &'a [i32]) {
        let kb = self.cols / Q4_BLOCK;
        (
            &self.q[m * self.cols..][..self.cols],
            &self.d[m * kb..][..kb],
            &self.corr[m * kb..][..kb],
        )
    }

    /// Rows `..m` and `m..` (`m` clamped to the row count).
    pub fn split_at(self, m: usize) -> (ActsView<'a>, ActsView<'a>) {
        let m = m.min(self.rows);
        let kb = self.cols / Q4_BLOCK;
        let (q0, q1) = self.q.split_at(m * self.cols);
        let (d0, d1) = self.d.split_at(m * kb);
        let (c0, c1) = self.corr.split_at(m * kb);
        let part = |rows, q, d, corr| ActsView {
            rows,
            cols: self.cols,
            q,
            d,
            corr,
        };
        (part(m, q0, d0, c0), part(self.rows - m, q1, d1, c1))
    }
}

/// The SIMD level the kernels run at, decided once from the CPU.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kernel {
    Avx512Vnni,
    Avx2,
    Portable,
}

impl Kernel {
    /// The best kernel this CPU supports (`VIGIL_KERNEL=portable|avx2` forces a lower one).
    pub fn detect() -> Kernel {
        let forced = std::env::var("VIGIL_KERNEL").ok();
        let best = Self::best();
        match forced.as_deref() {
            Some("portable") => Kernel::Portable,
            Some("avx2") if best != Kernel::Portable => Kernel::Avx2,
            _ => best,
        }
    }

    fn best() -> Kernel {
        #[cfg(target_arch = "x86_64")]
        {
            if avx512::available() {
                return Kernel::Avx512Vnni;
            }
            if avx2::available() {
                return Kernel::Avx2;
            }
        }
        Kernel::Portable
    }

    /// `out[m][n] = bias[n] + (x · Wᵀ)[m][n]` for all rows of `x`; `out` is `rows × w.out`.
    pub fn gemm(self, x: ActsView<'_>, w: &PackedQ4, bias: &[f32], out: &mut [f32]) {
        let x = &x;
        if x.cols != w.inp || bias.len() != w.out || out.len() != x.rows * w.out {
            // Shapes come from the validated model; a mismatch is a bug, not an input.
            debug_assert!(false, "gemm shape mismatch");
            return;
        }
        match self {
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx512Vnni => avx512::gemm(x, w, bias, out),
            #[cfg(target_arch = "x86_64")]
            Kernel::Avx2 => avx2::gemm(x, w, bias, out),
            _ => portable::gemm(x, w, bias, out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A Q4_0 matrix with varied scales and every nibble value.
    fn sample_q4(out: usize, inp: usize, seed: u32) -> Vec<u8> {
        let mut s = seed;
        let mut next = move || {
            s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            s >> 8
        };
        let mut bytes = Vec::new();
        for _ in 0..out * inp / Q4_BLOCK {
            let d = 0.001 + (next() % 1000) as f32 / 20_000.0;
            bytes.extend_from_slice(&f32_to_f16(d).to_le_bytes());
            for _ in 0..16 {
                bytes.push((next() & 0xff) as u8);
            }
        }
        bytes
    }

    fn f32_to_f16(v: f32) -> u16 {
        // Positive normal values only, truncating: enough for test scales.
        let bits = v.to_bits();
        let exp = ((bits >> 23) & 0xff) as i32 - 127 + 15;
        ((exp as u32) << 10 | ((bits >> 13) & 0x3ff)) as u16
    }

    fn sample_acts(rows: usize, cols: usize) -> Vec<f32> {
        (0..rows * cols)
            .map(|i| {
                ((i * 7919 % 1000) as f32 / 250.0 - 2.0) * if i % 97 == 0 { 20.0 } else { 1.0 }
            })
            .collect()
    }

    /// Dequantised f32 product, the ground truth for the quantised kernels.
    fn exact(x: &[f32], w: &[u8], bias: &[f32], rows: usize, out: usize, inp: usize) -> Vec<f32> {
        let wf = crate::quant::dequantize(w, out, inp);
        let mut y = vec![0f32; rows * out];
        for m in 0..rows {
            for n in 0..out {
                y[m * out + n] = bias[n]
                    + (0..inp)
                        .map(|k| x[m * inp + k] * wf[n * inp + k])
                        .sum::<f32>();
            }
        }
        y
    }

    fn check(kernel: Kernel) {
        for (rows, out, inp) in [(1, 16, 32), (3, 32, 64), (7, 48, 384), (13, 64, 1536 / 4)] {
            let w = sample_q4(out, inp, rows as u32);
            let packed = PackedQ4::from_q4(&w, out, inp).unwrap();
            let x = sample_acts(rows, inp);
            let bias: Vec<f32> = (0..out).map(|n| n as f32 / 10.0).collect();
            let mut acts = QuantActs::default();
            acts.quantize(&x, rows, inp);
            let mut got = vec![0f32; rows * out];
            kernel.gemm(acts.view(), &packed, &bias, &mut got);
            let mut want = vec![0f32; rows * out];
            portable::gemm(&acts.view(), &packed, &bias, &mut want);
            // Two halves of the rows give the same product as the whole.
            let (top, bottom) = acts.view().split_at(rows / 2);
            let mut halves = vec![0f32; rows * out];
            let (h0, h1) = halves.split_at_mut(top.rows * out);
            kernel.gemm(top, &packed, &bias, h0);
            kernel.gemm(bottom, &packed, &bias, h1);
            assert_eq!(halves, got);
            let truth = exact(&x, &w, &bias, rows, out, inp);
            let scale = truth.iter().fold(0f32, |m, v| m.max(v.abs()));
            for i in 0..got.len() {
                assert!(
                    (got[i] - want[i]).abs() <= 1e-4 * scale,
                    "{kernel:?} {rows}x{out}x{inp} at {i}: {} vs {}",
                    got[i],
                    want[i]
                );
                assert!(
                    (got[i] - truth[i]).abs() <= 0.02 * scale,
                    "{kernel:?} vs f32 at {i}: {} vs {}",
                    got[i],
                    truth[i]
                );
            }
        }
    }

    #[test]
    fn portable_matches_f32() {
        check(Kernel::Portable);
    }

    #[test]
    fn detected_kernel_matches_portable() {
        check(Kernel::best());
    }

    #[test]
    fn avx2_matches_portable_when_available() {
        #[cfg(target_arch = "x86_64")]
        if avx2::available() {
            check(Kernel::Avx2);
        }
    }
}
