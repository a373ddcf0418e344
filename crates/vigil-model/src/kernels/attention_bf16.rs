//! One attention head in bf16 with AVX-512 BF16 (`vdpbf16ps`: 32 products per instruction,
//! twice the f32 rate), f32 accumulation and an f32 softmax. Head width 32 only.
//!
//! Keys are packed as `[dim pair][key][2]`, so one register holds 16 keys × 2 dims and the
//! query supplies a broadcast dim pair; values as `[key pair][dim][2]`, so one register holds
//! 16 dims × 2 keys and the probabilities supply a broadcast key pair.

#![cfg(target_arch = "x86_64")]

use std::arch::x86_64::*;
use std::ops::Range;

/// Head width this kernel is written for.
pub const HEAD: usize = 32;
/// Queries per block: four share every key and value load.
const QB: usize = 4;

pub fn available() -> bool {
    is_x86_feature_detected!("avx512f")
        && is_x86_feature_detected!("avx512bw")
        && is_x86_feature_detected!("avx512bf16")
}

/// Packed keys and values of one head, and the scores of one block of queries.
#[derive(Default)]
pub struct Bf16Buf {
    kp: Vec<u16>,
    vp: Vec<u16>,
    scores: Vec<f32>,
    probs: Vec<u16>,
}

/// Word indices that interleave dims 0..16 (and 16..32) of two bf16 rows `a`, `b` as
/// `a0 b0 a1 b1 …` (indices ≥ 32 pick from `b`).
const PAIR_LO: [u16; 32] = pair_index(0);
const PAIR_HI: [u16; 32] = pair_index(16);

const fn pair_index(first: u16) -> [u16; 32] {
    let mut idx = [0u16; 32];
    let mut i = 0;
    while i < 16 {
        idx[2 * i] = first + i as u16;
        idx[2 * i + 1] = 32 + first + i as u16;
        i += 1;
    }
    idx
}

/// f32 → bf16, rounding to nearest even (inputs here are finite).
fn bf16(x: f32) -> u16 {
    let bits = x.to_bits();
    ((bits + 0x7fff + ((bits >> 16) & 1)) >> 16) as u16
}

/// Where one head of one window lives in the stacked QKV rows.
pub struct HeadRef<'a> {
    /// QKV rows, `3 · hidden` floats each.
    pub qkv: &'a [f32],
    pub hidden: usize,
    /// First row of the window and its length.
    pub base: usize,
    pub n: usize,
    pub head: usize,
    pub scale: f32,
}

/// Attention of head `r.head` for the query rows `queries` (absolute rows, inside the window);
/// each result goes to `ctx[(row − ctx_row0) · hidden + head · 32..][..32]`.
///
/// # Safety
/// The CPU must support AVX-512 F/BW and BF16 ([`available`]).
#[target_feature(enable = "avx512f,avx512bw,avx512vl,avx512bf16,avx2,fma")]
pub unsafe fn head(
    r: &HeadRef<'_>,
    queries: Range<usize>,
    ctx: &mut [f32],
    ctx_row0: usize,
    b: &mut Bf16Buf,
) {
    let (h, n) = (r.hidden, r.n);
    let n32 = n.next_multiple_of(32);
    let stride = 3 * h;
    b.kp.clear();
    b.kp.resize(HEAD * n32, 0);
    b.vp.clear();
    b.vp.resize(HEAD * n32, 0);
    // SAFETY: CPU features as promised by the caller; every load reads 16 floats of a
    // 32-float head slice, every store writes 32 u16 of a slice of exactly that length.
    unsafe {
        // Interleaves two rows of 32 bf16 (keys j and j+1) into (j, j+1) pairs per dim.
        let lo_idx = _mm512_loadu_si512(PAIR_LO.as_ptr().cast());
        let hi_idx = _mm512_loadu_si512(PAIR_HI.as_ptr().cast());
        let row_bf16 = |j: usize, off: usize| -> __m512i {
            let x = &r.qkv[(r.base + j) * stride + off..][..HEAD];
            std::mem::transmute(_mm512_cvtne2ps_pbh(
                _mm512_loadu_ps(x[16..].as_ptr()),
                _mm512_loadu_ps(x.as_ptr()),
            ))
        };
        let (k_off, v_off) = (h + r.head * HEAD, 2 * h + r.head * HEAD);
        let mut words = [0u32; HEAD / 2];
        for j in 0..n {
            // Key j's 16 dim pairs go to 16 rows of the [dim pair][key] layout.
            _mm512_storeu_si512(words.as_mut_ptr().cast(), row_bf16(j, k_off));
            for (dp, &w) in words.iter().enumerate() {
                let at = (dp * n32 + j) * 2;
                b.kp[at] = w as u16;
                b.kp[at + 1] = (w >> 16) as u16;
            }
        }
        let mut j = 0;
        while j < n {
            let a = row_bf16(j, v_off);
            let c = if j + 1 < n {
                row_bf16(j + 1, v_off)
            } else {
                _mm512_setzero_si512()
            };
            let dst = &mut b.vp[(j / 2) * 2 * HEAD..][..2 * HEAD];
            _mm512_storeu_si512(
                dst.as_mut_ptr().cast(),
                _mm512_permutex2var_epi16(a, lo_idx, c),
            );
            _mm512_storeu_si512(
                dst[HEAD..].as_mut_ptr().cast(),
                _mm512_permutex2var_epi16(a, hi_idx, c),
            );
            j += 2;
        }
    }
    b.scores.resize(QB * n32, 0.0);
    b.probs.resize(QB * n32, 0);
    // SAFETY: the CPU features are the caller's promise; every load and store below reads or
    // writes a slice of exactly the register's width (`[..32]` u16 = 64 bytes, `[..16]` f32),
    // and the transmutes are between 64-byte vector types.
    unsafe {
        let mut i = queries.start;
        while i < queries.end {
            let qn = (queries.end - i).min(QB);
            // Query dim pairs as broadcastable 32-bit words.
            let mut qw = [[0u32; HEAD / 2]; QB];
            for (rr, w) in qw.iter_mut().enumerate().take(qn) {
                let q = &r.qkv[(i + rr) * stride + r.head * HEAD..][..HEAD];
                for (dp, word) in w.iter_mut().enumerate() {
                    *word = u32::from(bf16(q[2 * dp] * r.scale))
                        | (u32::from(bf16(q[2 * dp + 1] * r.scale)) << 16);
                }
            }
            // Scores, 16 keys per register, with each query's running maximum over real keys.
            let mut mx = [_mm512_set1_ps(f32::NEG_INFINITY); QB];
            let mut jb = 0;
            while jb < n32 {
                let mut acc = [_mm512_setzero_ps(); QB];
                for dp in 0..HEAD / 2 {
                    let kv: __m512bh = std::mem::transmute(_mm512_loadu_si512(
                        b.kp[(dp * n32 + jb) * 2..][..32].as_ptr().cast(),
                    ));
                    for rr in 0..QB {
                        let qb: __m512bh =
                            std::mem::transmute(_mm512_set1_epi32(qw[rr][dp] as i32));
                        acc[rr] = _mm512_dpbf16_ps(acc[rr], kv, qb);
                    }
                }
                let valid: __mmask16 = if jb + 16 <= n {
                    0xffff
                } else if jb >= n {
                    0
                } else {
                    (1u16 << (n - jb)) - 1
                };
                for rr in 0..qn {
                    _mm512_storeu_ps(b.scores[rr * n32 + jb..][..16].as_mut_ptr(), acc[rr]);
                    mx[rr] = _mm512_mask_max_ps(mx[rr], valid, mx[rr], acc[rr]);
                }
                jb += 16;
            }
            // exp and sum in one pass; probabilities stay unnormalised (in bf16) and the
            // context is divided by the sum at the end.
            let mut inv = [0f32; QB];
            for rr in 0..qn {
                let m = _mm512_reduce_max_ps(mx[rr]);
                let row = &mut b.scores[rr * n32..][..n32];
                let mut sums = [0f32; 16];
                let mut chunks = row[..n].chunks_exact_mut(16);
                for c in &mut chunks {
                    for l in 0..16 {
                        let e = crate::fast::exp(c[l] - m);
                        c[l] = e;
                        sums[l] += e;
                    }
                }
                let mut sum = 0f32;
                for v in chunks.into_remainder() {
                    *v = crate::fast::exp(*v - m);
                    sum += *v;
                }
                inv[rr] = 1.0 / (sum + sums.iter().sum::<f32>());
                row[n..].fill(0.0);
                for (c, out) in row
                    .chunks_exact(32)
                    .zip(b.probs[rr * n32..][..n32].chunks_exact_mut(32))
                {
                    let pair = _mm512_cvtne2ps_pbh(
                        _mm512_loadu_ps(c[16..].as_ptr()),
                        _mm512_loadu_ps(c.as_ptr()),
                    );
                    let bits: __m512i = std::mem::transmute(pair);
                    _mm512_storeu_si512(out.as_mut_ptr().cast(), bits);
                }
            }
            let mut lo = [_mm512_setzero_ps(); QB];
            let mut hi = [_mm512_setzero_ps(); QB];
            for jp in 0..n32 / 2 {
                let src = &b.vp[jp * 2 * HEAD..][..2 * HEAD];
                let v0: __m512bh = std::mem::transmute(_mm512_loadu_si512(src.as_ptr().cast()));
                let v1: __m512bh =
                    std::mem::transmute(_mm512_loadu_si512(src[HEAD..].as_ptr().cast()));
                for rr in 0..QB {
                    let p = &b.probs[rr * n32 + 2 * jp..][..2];
                    let pw = p.as_ptr().cast::<u32>().read_unaligned();
                    let pb: __m512bh = std::mem::transmute(_mm512_set1_epi32(pw as i32));
                    lo[rr] = _mm512_dpbf16_ps(lo[rr], v0, pb);
                    hi[rr] = _mm512_dpbf16_ps(hi[rr], v1, pb);
                }
            }
            for rr in 0..qn {
                let out = &mut ctx[(i + rr - ctx_row0) * h + r.head * HEAD..][..HEAD];
                let scale = _mm512_set1_ps(inv[rr]);
                _mm512_storeu_ps(out.as_mut_ptr(), _mm512_mul_ps(lo[rr], scale));
                _mm512_storeu_ps(out[16..].as_mut_ptr(), _mm512_mul_ps(hi[rr], scale));
            }
            i += qn;
        }
    }
}
