//! Plain Rust kernel over the packed layout: the fallback, and the yardstick in tests.

use super::{ActsView, GROUP, PANEL, PackedQ4};
use crate::format::Q4_BLOCK;

pub fn gemm(x: &ActsView<'_>, w: &PackedQ4, bias: &[f32], out: &mut [f32]) {
    let blocks = w.inp / Q4_BLOCK;
    for p in 0..w.out / PANEL {
        let (nib, scales) = w.panel(p);
        for m in 0..x.rows {
            let (q, d, corr) = x.row(m);
            let mut acc = [0f32; PANEL];
            for kb in 0..blocks {
                let mut isum = [0i32; PANEL];
                for k in kb * Q4_BLOCK..(kb + 1) * Q4_BLOCK {
                    let base = ((k / GROUP) * PANEL) * GROUP + k % GROUP;
                    let a = i32::from(q[k]);
                    for (j, s) in isum.iter_mut().enumerate() {
                        *s += i32::from(nib[base + j * GROUP]) * a;
                    }
                }
                for j in 0..PANEL {
                    acc[j] += (isum[j] - corr[kb]) as f32 * (scales[kb * PANEL + j] * d[kb]);
                }
            }
            let row = &mut out[m * w.out + p * PANEL..][..PANEL];
            for ((o, a), b) in row.iter_mut().zip(acc).zip(&bias[p * PANEL..]) {
                *o = a + b;
            }
        }
    }
}
