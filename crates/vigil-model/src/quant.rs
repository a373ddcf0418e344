//! Q4_0 blocks (ggml layout) and the f16 scales inside them.

use crate::format::{Q4_BLOCK, Q4_BLOCK_BYTES};

/// IEEE half → single precision, subnormals included.
pub fn f16_to_f32(h: u16) -> f32 {
    let sign = u32::from(h >> 15) << 31;
    let exp = u32::from((h >> 10) & 0x1f);
    let mant = u32::from(h & 0x3ff);
    let bits = match (exp, mant) {
        (0, 0) => sign,
        (0, m) => {
            // Subnormal: value is m · 2^-24; renormalise into an f32.
            let shift = m.leading_zeros() - 21;
            let m = (m << shift) & 0x3ff;
            sign | ((127 - 15 + 1 - shift) << 23) | (m << 13)
        }
        (0x1f, m) => sign | 0x7f80_0000 | (m << 13),
        (e, m) => sign | ((e + 127 - 15) << 23) | (m << 13),
    };
    f32::from_bits(bits)
}

/// Decodes one row of Q4_0 blocks into `out` (`out.len()` must be `blocks.len() / 18 * 32`).
pub fn dequantize_row(blocks: &[u8], out: &mut [f32]) {
    for (block, out) in blocks
        .chunks_exact(Q4_BLOCK_BYTES)
        .zip(out.chunks_exact_mut(Q4_BLOCK))
    {
        let d = f16_to_f32(u16::from_le_bytes([block[0], block[1]]));
        for (j, &q) in block[2..].iter().enumerate() {
            out[j] = (f32::from(q & 0x0f) - 8.0) * d;
            out[j + 16] = (f32::from(q >> 4) - 8.0) * d;
        }
    }
}

/// Decodes a whole `rows × cols` Q4_0 matrix.
pub fn dequantize(blocks: &[u8], rows: usize, cols: usize) -> Vec<f32> {
    let mut out = vec![0.0; rows * cols];
    let row_bytes = cols / Q4_BLOCK * Q4_BLOCK_BYTES;
    for (src, dst) in blocks
        .chunks_exact(row_bytes)
        .zip(out.chunks_exact_mut(cols))
    {
        dequantize_row(src, dst);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f16_values() {
        assert_eq!(f16_to_f32(0x3c00), 1.0);
        assert_eq!(f16_to_f32(0xc000), -2.0);
        assert_eq!(f16_to_f32(0x3555), 0.333_251_95);
        assert_eq!(f16_to_f32(0x0001), 2f32.powi(-24));
        assert_eq!(f16_to_f32(0x03ff), 1023.0 * 2f32.powi(-24));
        assert_eq!(f16_to_f32(0x7bff), 65504.0);
        assert!(f16_to_f32(0x7c00).is_infinite());
    }

    #[test]
    fn q4_block_layout() {
        let mut block = vec![0u8; 18];
        block[..2].copy_from_slice(&0x3800u16.to_le_bytes()); // 0.5
        block[2] = 0xF0; // weight 0 → (0-8)·0.5, weight 16 → (15-8)·0.5
        block[3] = 0x98; // weight 1 → 0, weight 17 → 0.5
        let mut out = [0f32; 32];
        dequantize_row(&block, &mut out);
        assert_eq!((out[0], out[16], out[1], out[17]), (-4.0, 3.5, 0.0, 0.5));
        assert_eq!(out[2], -4.0);
    }
}
