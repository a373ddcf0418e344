//! AVX2 kernel: `vpmaddubsw` + `vpmaddwd` stand in for `vpdpbusd` (nibbles ≤ 15 keep the
//! 16-bit pair sums far from saturation); 8 columns per register, two per panel.

#![cfg(target_arch = "x86_64")]

use std::arch::x86_64::*;

use super::{ActsView, PANEL, PackedQ4};
use crate::format::Q4_BLOCK;

const MR: usize = 4;

pub fn available() -> bool {
    is_x86_feature_detected!("avx2") && is_x86_feature_detected!("fma")
}

pub fn gemm(x: &ActsView<'_>, w: &PackedQ4, bias: &[f32], out: &mut [f32]) {
    if !available() {
        return super::portable::gemm(x, w, bias, out);
    }
    for p in 0..w.out / PANEL {
        let mut m = 0;
        while m < x.rows {
            let rows = (x.rows - m).min(MR);
            // SAFETY: features checked above; shapes checked by `Kernel::gemm`.
            unsafe {
                match rows {
                    4 => tile::<4>(x, w, bias, out, m, p),
                    3 => tile::<3>(x, w, bias, out, m, p),
                    2 => tile::<2>(x, w, bias, out, m, p),
                    _ => tile::<1>(x, w, bias, out, m, p),
                }
            }
            m += rows;
        }
    }
}

#[target_feature(enable = "avx2,fma")]
unsafe fn tile<const R: usize>(
    x: &ActsView<'_>,
    w: &PackedQ4,
    bias: &[f32],
    out: &mut [f32],
    m0: usize,
    p: usize,
) {
    let blocks = w.inp / Q4_BLOCK;
    let rows: [(&[i8], &[f32], &[i32]); R] = std::array::from_fn(|r| x.row(m0 + r));
    let (nib, scales) = w.panel(p);
    let ones = _mm256_set1_epi16(1);
    let mut accf = [[_mm256_setzero_ps(); 2]; R];
    for kb in 0..blocks {
        // Start each sum at −8·Σq (the nibbles' offset) instead of subtracting it afterwards.
        let mut acci: [[__m256i; 2]; R] =
            std::array::from_fn(|r| [_mm256_set1_epi32(-rows[r].2[kb]); 2]);
        for g in 0..Q4_BLOCK / 4 {
            let src = &nib[(kb * 8 + g) * 64..][..64];
            // SAFETY: 64 bytes, read as two 32-byte halves.
            let wv = unsafe {
                [
                    _mm256_loadu_si256(src.as_ptr().cast()),
                    _mm256_loadu_si256(src[32..].as_ptr().cast()),
                ]
            };
            for r in 0..R {
                let four = &rows[r].0[kb * Q4_BLOCK + g * 4..][..4];
                // SAFETY: exactly 4 bytes.
                let a = _mm256_set1_epi32(unsafe { four.as_ptr().cast::<i32>().read_unaligned() });
                for h in 0..2 {
                    let pairs = _mm256_maddubs_epi16(wv[h], a);
                    acci[r][h] = _mm256_add_epi32(acci[r][h], _mm256_madd_epi16(pairs, ones));
                }
            }
        }
        let sc = &scales[kb * PANEL..][..PANEL];
        // SAFETY: 16 floats, two halves of 8.
        let sw = unsafe {
            [
                _mm256_loadu_ps(sc.as_ptr()),
                _mm256_loadu_ps(sc[8..].as_ptr()),
            ]
        };
        for r in 0..R {
            let dx = _mm256_set1_ps(rows[r].1[kb]);
            for h in 0..2 {
                let v = _mm256_cvtepi32_ps(acci[r][h]);
                accf[r][h] = _mm256_fmadd_ps(v, _mm256_mul_ps(sw[h], dx), accf[r][h]);
            }
        }
    }
    for r in 0..R {
        let col = p * PANEL;
        let b = &bias[col..][..PANEL];
        let dst = &mut out[(m0 + r) * w.out + col..][..PANEL];
        for h in 0..2 {
            // SAFETY: 8 floats at offset 8·h of 16-float slices.
            unsafe {
                let v = _mm256_add_ps(accf[r][h], _mm256_loadu_ps(b[8 * h..].as_ptr()));
                _mm256_storeu_ps(dst[8 * h..].as_mut_ptr(), v);
            }
        }
    }
}
