//! AVX-512 VNNI kernel: one `vpdpbusd` multiplies 16 columns × 4 inputs; a 4-row × 32-column
//! tile keeps 8 integer and 8 float accumulators in registers, and the per-block scales are
//! applied once per 32 inputs.

#![cfg(target_arch = "x86_64")]

use std::arch::x86_64::*;

use super::{ActsView, PANEL, PackedQ4};
use crate::format::Q4_BLOCK;

/// Rows per tile.
const MR: usize = 4;

pub fn available() -> bool {
    is_x86_feature_detected!("avx512f")
        && is_x86_feature_detected!("avx512bw")
        && is_x86_feature_detected!("avx512vnni")
}

pub fn gemm(x: &ActsView<'_>, w: &PackedQ4, bias: &[f32], out: &mut [f32]) {
    if !available() {
        return super::portable::gemm(x, w, bias, out);
    }
    let panels = w.out / PANEL;
    let mut p = 0;
    while p < panels {
        let two = p + 1 < panels;
        let mut m = 0;
        while m < x.rows {
            let rows = (x.rows - m).min(MR);
            // SAFETY: the CPU supports the features (checked above); shapes were checked by
            // `Kernel::gemm`, and `tile` only touches rows m..m+rows and panels p..p+NR.
            unsafe {
                match (rows, two) {
                    (4, true) => tile::<4, 2>(x, w, bias, out, m, p),
                    (3, true) => tile::<3, 2>(x, w, bias, out, m, p),
                    (2, true) => tile::<2, 2>(x, w, bias, out, m, p),
                    (1, true) => tile::<1, 2>(x, w, bias, out, m, p),
                    (4, false) => tile::<4, 1>(x, w, bias, out, m, p),
                    (3, false) => tile::<3, 1>(x, w, bias, out, m, p),
                    (2, false) => tile::<2, 1>(x, w, bias, out, m, p),
                    _ => tile::<1, 1>(x, w, bias, out, m, p),
                }
            }
            m += rows;
        }
        p += if two { 2 } else { 1 };
    }
}

#[target_feature(enable = "avx512f,avx512bw,avx512vnni")]
unsafe fn tile<const R: usize, const NR: usize>(
    x: &ActsView<'_>,
    w: &PackedQ4,
    bias: &[f32],
    out: &mut [f32],
    m0: usize,
    p0: usize,
) {
    let blocks = w.inp / Q4_BLOCK;
    let rows: [(&[i8], &[f32], &[i32]); R] = std::array::from_fn(|r| x.row(m0 + r));
    let panels: [(&[u8], &[f32]); NR] = std::array::from_fn(|j| w.panel(p0 + j));
    // Every row holds `blocks · 32` activations and every panel `blocks · 8` groups of 64
    // nibbles and `blocks · 16` scales (`ActsView::row`, `PackedQ4::panel`), so the pointer
    // arithmetic below stays inside them.
    let a: [*const i8; R] = std::array::from_fn(|r| rows[r].0.as_ptr());
    let wp: [*const u8; NR] = std::array::from_fn(|j| panels[j].0.as_ptr());
    let sp: [*const f32; NR] = std::array::from_fn(|j| panels[j].1.as_ptr());
    let mut accf = [[_mm512_setzero_ps(); NR]; R];
    for kb in 0..blocks {
        // Start each sum at −8·Σq (the nibbles' offset) instead of subtracting it afterwards.
        let mut acci: [[__m512i; NR]; R] =
            std::array::from_fn(|r| [_mm512_set1_epi32(-rows[r].2[kb]); NR]);
        for g in 0..Q4_BLOCK / 4 {
            // SAFETY: see above; group `kb·8 + g` of a panel, 4 activations at `kb·32 + 4g`.
            unsafe {
                let wv: [__m512i; NR] = std::array::from_fn(|j| {
                    _mm512_loadu_si512(wp[j].add((kb * 8 + g) * 64).cast())
                });
                for r in 0..R {
                    let av = _mm512_set1_epi32(
                        a[r].add(kb * Q4_BLOCK + g * 4)
                            .cast::<i32>()
                            .read_unaligned(),
                    );
                    for j in 0..NR {
                        acci[r][j] = _mm512_dpbusd_epi32(acci[r][j], wv[j], av);
                    }
                }
            }
        }
        // SAFETY: 16 scales per block in each panel.
        let sw: [__m512; NR] =
            std::array::from_fn(|j| unsafe { _mm512_loadu_ps(sp[j].add(kb * PANEL)) });
        for r in 0..R {
            let dx = _mm512_set1_ps(rows[r].1[kb]);
            for j in 0..NR {
                let v = _mm512_cvtepi32_ps(acci[r][j]);
                accf[r][j] = _mm512_fmadd_ps(v, _mm512_mul_ps(sw[j], dx), accf[r][j]);
            }
        }
    }
    for r in 0..R {
        for j in 0..NR {
            let col = (p0 + j) * PANEL;
            let b = &bias[col..][..PANEL];
            let dst = &mut out[(m0 + r) * w.out + col..][..PANEL];
            // SAFETY: both slices hold exactly 16 floats.
            unsafe {
                let v = _mm512_add_ps(accf[r][j], _mm512_loadu_ps(b.as_ptr()));
                _mm512_storeu_ps(dst.as_mut_ptr(), v);
            }
        }
    }
}
