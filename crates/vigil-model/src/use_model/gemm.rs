//! f32 matrix products for the USE encoder: `C = A · B` with `B` row-major `[k, n]` as the
//! package stores its weights (`x @ W`). `A` rows may overlap (row stride `lda` < `k`), which
//! is how the n-gram convolutions read a window of consecutive token rows without copying.
//!
//! Tiles of up to 12 rows × 32 columns keep their sums in registers: AVX-512 intrinsics where
//! the CPU has them, otherwise the same loop compiled for AVX2+FMA or plain SSE2 and left to
//! the auto-vectoriser. Picked once per process.

use std::sync::LazyLock;

/// Columns per tile; every `n` the encoder uses (256, 320, 512, 768) is a multiple.
pub const NR: usize = 32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Isa {
    Avx512,
    Avx2,
    Portable,
}

static ISA: LazyLock<Isa> = LazyLock::new(detect);

fn detect() -> Isa {
    #[cfg(target_arch = "x86_64")]
    {
        if is_x86_feature_detected!("avx512f") {
            return Isa::Avx512;
        }
        if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
            return Isa::Avx2;
        }
    }
    Isa::Portable
}

/// A weight matrix `[k, n]` repacked panel by panel: for each block of [`NR`] columns, its `k`
/// rows of `NR` values one after another, so a tile streams one contiguous run.
pub struct Packed {
    k: usize,
    n: usize,
    data: Vec<f32>,
}

impl Packed {
    /// Packs a row-major `[k, n]` matrix; `None` if `n` is not a multiple of [`NR`] or the
    /// slice does not hold `k · n` values.
    pub fn new(b: &[f32], k: usize, n: usize) -> Option<Packed> {
        if !n.is_multiple_of(NR) || k == 0 || b.len() != k * n {
            return None;
        }
        let mut data = Vec::with_capacity(k * n);
        for j in (0..n).step_by(NR) {
            for p in 0..k {
                data.extend_from_slice(&b[p * n + j..][..NR]);
            }
        }
        Some(Packed { k, n, data })
    }

    fn panel(&self, j: usize) -> &[f32] {
        &self.data[j * self.k..][..self.k * NR]
    }
}

/// `c[i*ldc + j] = Σ_p a[i*lda + p] · b[p, j]` for `i < m`, `j < b.n()`, `p < b.k()`.
///
/// Panics if the slices are too short for the shapes: the encoder's shapes are fixed at load,
/// so that would be a bug here, not bad input.
pub fn gemm(a: &[f32], lda: usize, m: usize, b: &Packed, c: &mut [f32], ldc: usize) {
    if m == 0 {
        return;
    }
    let (k, n) = (b.k, b.n);
    assert!(n <= ldc, "C rows too narrow");
    assert!(a.len() >= (m - 1) * lda + k, "A too short");
    assert!(c.len() >= (m - 1) * ldc + n, "C too short");
    let shape = Shape { lda, k, ldc };
    match *ISA {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: AVX-512F was detected; the asserts above bound every access the tiles make.
        Isa::Avx512 => unsafe { avx512::gemm(a, m, b, c, shape) },
        #[cfg(target_arch = "x86_64")]
        // SAFETY: AVX2 and FMA were detected.
        Isa::Avx2 => unsafe { gemm_avx2(a, m, b, c, shape) },
        _ => portable(a, m, b, c, shape),
    }
}

#[derive(Clone, Copy)]
struct Shape {
    lda: usize,
    k: usize,
    ldc: usize,
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn gemm_avx2(a: &[f32], m: usize, b: &Packed, c: &mut [f32], s: Shape) {
    portable(a, m, b, c, s)
}

/// Rows per portable tile: 4 × 32 sums fill the 16 AVX2 registers.
const MR_PORTABLE: usize = 4;

#[inline(always)]
fn portable(a: &[f32], m: usize, b: &Packed, c: &mut [f32], s: Shape) {
    let mut i = 0;
    while i < m {
        let rows = (m - i).min(MR_PORTABLE);
        for j in (0..b.n).step_by(NR) {
            let panel = b.panel(j);
            match rows {
                4 => tile::<4>(a, panel, c, s, i, j),
                3 => tile::<3>(a, panel, c, s, i, j),
                2 => tile::<2>(a, panel, c, s, i, j),
                _ => tile::<1>(a, panel, c, s, i, j),
            }
        }
        i += rows;
    }
}

#[inline(always)]
fn tile<const R: usize>(a: &[f32], panel: &[f32], c: &mut [f32], s: Shape, i: usize, j: usize) {
    let mut acc = [[0f32; NR]; R];
    let rows: [&[f32]; R] = std::array::from_fn(|r| &a[(i + r) * s.lda..][..s.k]);
    for (p, brow) in panel.chunks_exact(NR).enumerate() {
        for r in 0..R {
            let x = rows[r][p];
            for (acc, &w) in acc[r].iter_mut().zip(brow) {
                *acc += x * w;
            }
        }
    }
    for r in 0..R {
        c[(i + r) * s.ldc + j..][..NR].copy_from_slice(&acc[r]);
    }
}

#[cfg(target_arch = "x86_64")]
mod avx512 {
    use std::arch::x86_64::*;

    use super::{NR, Packed, Shape};

    /// Rows per tile: 12 × 2 accumulators + 2 weight vectors + 1 broadcast of 32 registers.
    const MR: usize = 12;

    /// # Safety
    /// AVX-512F must be available and the slices long enough for `m` rows of `s`.
    #[target_feature(enable = "avx512f")]
    pub unsafe fn gemm(a: &[f32], m: usize, b: &Packed, c: &mut [f32], s: Shape) {
        let mut i = 0;
        while i < m {
            let rows = (m - i).min(MR);
            for j in (0..b.n).step_by(NR) {
                let panel = b.panel(j);
                // SAFETY: rows i..i+rows < m and columns j..j+NR ≤ n, checked by the caller.
                unsafe {
                    match rows {
                        12 => tile::<12>(a, panel, c, s, i, j),
                        11 => tile::<11>(a, panel, c, s, i, j),
                        10 => tile::<10>(a, panel, c, s, i, j),
                        9 => tile::<9>(a, panel, c, s, i, j),
                        8 => tile::<8>(a, panel, c, s, i, j),
                        7 => tile::<7>(a, panel, c, s, i, j),
                        6 => tile::<6>(a, panel, c, s, i, j),
                        5 => tile::<5>(a, panel, c, s, i, j),
                        4 => tile::<4>(a, panel, c, s, i, j),
                        3 => tile::<3>(a, panel, c, s, i, j),
                        2 => tile::<2>(a, panel, c, s, i, j),
                        _ => tile::<1>(a, panel, c, s, i, j),
                    }
                }
            }
            i += rows;
        }
    }

    #[target_feature(enable = "avx512f")]
    unsafe fn tile<const R: usize>(
        a: &[f32],
        panel: &[f32],
        c: &mut [f32],
        s: Shape,
        i: usize,
        j: usize,
    ) {
        let mut lo = [_mm512_setzero_ps(); R];
        let mut hi = [_mm512_setzero_ps(); R];
        let rows: [*const f32; R] = std::array::from_fn(|r| a[(i + r) * s.lda..][..s.k].as_ptr());
        let bp = panel.as_ptr();
        for p in 0..s.k {
            // SAFETY: the panel holds k rows of NR floats; each A row has k elements.
            unsafe {
                let b0 = _mm512_loadu_ps(bp.add(p * NR));
                let b1 = _mm512_loadu_ps(bp.add(p * NR + 16));
                for r in 0..R {
                    let x = _mm512_set1_ps(*rows[r].add(p));
                    lo[r] = _mm512_fmadd_ps(x, b0, lo[r]);
                    hi[r] = _mm512_fmadd_ps(x, b1, hi[r]);
                }
            }
        }
        for r in 0..R {
            let out = c[(i + r) * s.ldc + j..][..NR].as_mut_ptr();
            // SAFETY: `out` points at NR writable floats.
            unsafe {
                _mm512_storeu_ps(out, lo[r]);
                _mm512_storeu_ps(out.add(16), hi[r]);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn naive(a: &[f32], lda: usize, m: usize, k: usize, b: &[f32], n: usize) -> Vec<f32> {
        let mut c = vec![0f32; m * n];
        for i in 0..m {
            for j in 0..n {
                c[i * n + j] = (0..k).map(|p| a[i * lda + p] * b[p * n + j]).sum();
            }
        }
        c
    }

    #[test]
    fn matches_naive_product_with_overlapping_rows() {
        let (m, k, n, lda) = (27, 96, 64, 32);
        let a: Vec<f32> = (0..(m - 1) * lda + k)
            .map(|i| ((i * 7919) % 13) as f32 - 6.0)
            .collect();
        let b: Vec<f32> = (0..k * n)
            .map(|i| ((i * 104_729) % 11) as f32 * 0.5 - 2.5)
            .collect();
        let want = naive(&a, lda, m, k, &b, n);
        let packed = Packed::new(&b, k, n).unwrap();
        let mut got = vec![f32::NAN; m * n];
        gemm(&a, lda, m, &packed, &mut got, n);
        assert_eq!(got, want);
        let shape = Shape { lda, k, ldc: n };
        let mut port = vec![f32::NAN; m * n];
        portable(&a, m, &packed, &mut port, shape);
        assert_eq!(port, want);
        #[cfg(target_arch = "x86_64")]
        if is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma") {
            let mut avx2 = vec![f32::NAN; m * n];
            // SAFETY: the features were just detected.
            unsafe { gemm_avx2(&a, m, &packed, &mut avx2, shape) };
            assert_eq!(avx2, want);
        }
        assert!(Packed::new(&b, k, 48).is_none());
    }
}
