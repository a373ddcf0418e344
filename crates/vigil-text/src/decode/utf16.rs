//! UTF-16 without a BOM, which `chardetng` does not detect (browsers never guess UTF-16) but
//! which Windows tools still write.
//!
//! Two shapes give it away. Text in Latin script has a NUL in every other byte. Text in other
//! scripts (Arabic `06xx`, Cyrillic `04xx`, Thai `0Exx`) has no NULs but few distinct high
//! bytes, and decodes into letters of a handful of Unicode blocks; legacy-encoded or binary bytes
//! read as UTF-16 give unpaired surrogates, private-use and control characters, or characters
//! scattered over many blocks.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// How many bytes the shape tests look at.
const WINDOW: usize = 8192;

/// UTF-16LE or UTF-16BE if `bytes` have the shape of BOM-less UTF-16 text.
pub(super) fn detect(bytes: &[u8]) -> Option<&'static Encoding> {
    [UTF_16LE, UTF_16BE]
        .into_iter()
        .find(|&encoding| looks_like(bytes, encoding))
}

/// Whether `bytes` read as `encoding` (UTF-16LE or BE) are plausible text.
pub(super) fn looks_like(bytes: &[u8], encoding: &'static Encoding) -> bool {
    let window = &bytes[..bytes.len().min(WINDOW) & !1];
    if window.len() < 4 {
        return false;
    }
    // Every ASCII-compatible encoding keeps C0 control bytes out of text, while UTF-16 text has
    // them in its high bytes: 00 for Latin, 03–06 for Greek, Cyrillic, Hebrew, Arabic, 0E for
    // Thai; CJK text has them among its low bytes. Without any, the bytes are a legacy encoding
    // (Shift_JIS kanji read as UTF-16BE are valid CJK ideographs, for instance).
    if !window
        .iter()
        .any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
    {
        return false;
    }
    let high_first = encoding == UTF_16BE;
    let (mut nul_high, mut nul_low) = (0usize, 0usize);
    let mut highs = [0u32; 256];
    for pair in window.chunks_exact(2) {
        let (high, low) = if high_first {
            (pair[0], pair[1])
        } else {
            (pair[1], pair[0])
        };
        nul_high += usize::from(high == 0);
        nul_low += usize::from(low == 0);
        highs[usize::from(high)] += 1;
    }
    let units = window.len() / 2;
    // NULs in the low byte are the other byte order (or binary data).
    if nul_low * 20 > units {
        return false;
    }
    // The two most common high bytes (say 00 for spaces and 06 for Arabic letters) cover most
    // code units in single-script text; CJK text spreads over many and needs the letter test.
    let mut sorted = highs;
    sorted.sort_unstable_by(|a, b| b.cmp(a));
    let concentrated = (sorted[0] + sorted[1]) as usize * 10 >= units * 7;
    if !concentrated && nul_high * 5 < units {
        // Not enough shape to say UTF-16 without decoding: the letter test alone would accept
        // some legacy double-byte text read as Hangul syllables.
        return cjk_plausible(window, encoding);
    }
    plausible(window, encoding, 2)
}

/// Decodes the window and requires almost only letters, marks, digits, punctuation and
/// whitespace, from at most `max_blocks` dominant 128-code-point blocks covering 90%.
fn plausible(window: &[u8], encoding: &'static Encoding, max_blocks: usize) -> bool {
    // An unpaired surrogate is not UTF-16 text, except for a high surrogate cut off by the
    // window's end: forgive the last unit once.
    let text = encoding
        .decode_without_bom_handling_and_without_replacement(window)
        .or_else(|| {
            encoding.decode_without_bom_handling_and_without_replacement(
                &window[..window.len().saturating_sub(2)],
            )
        });
    let Some(text) = text else {
        return false;
    };
    let mut total = 0usize;
    let mut odd = 0usize;
    let mut blocks: Vec<(u32, usize)> = Vec::new();
    for c in text.chars() {
        total += 1;
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
            odd += 1;
            continue;
        }
        if ('\u{e000}'..='\u{f8ff}').contains(&c) || c == '\u{fffd}' {
            odd += 1;
            continue;
        }
        if c.is_ascii() {
            continue;
        }
        let block = u32::from(c) >> 7;
        match blocks.iter_mut().find(|(b, _)| *b == block) {
            Some((_, n)) => *n += 1,
            None => blocks.push((block, 1)),
        }
    }
    if total == 0 || odd * 50 > total {
        return false;
    }
    blocks.sort_unstable_by_key(|b| std::cmp::Reverse(b.1));
    let non_ascii: usize = blocks.iter().map(|b| b.1).sum();
    let top: usize = blocks.iter().take(max_blocks).map(|b| b.1).sum();
    non_ascii == 0 || top * 10 >= non_ascii * 9
}

/// CJK text in UTF-16: nearly all units in the CJK ideograph, kana, Hangul and CJK punctuation
/// ranges, with no control or private-use characters.
fn cjk_plausible(window: &[u8], encoding: &'static Encoding) -> bool {
    let Some(text) = encoding.decode_without_bom_handling_and_without_replacement(window) else {
        return false;
    };
    let mut total = 0usize;
    let mut cjk = 0usize;
    for c in text.chars() {
        total += 1;
        let is_cjk = matches!(c,
            '\u{3000}'..='\u{30ff}' // CJK punctuation, kana
            | '\u{3400}'..='\u{4dbf}'
            | '\u{4e00}'..='\u{9fff}'
            | '\u{ff00}'..='\u{ffef}'); // full-width forms
        let ok =
            c.is_ascii_graphic() || c.is_whitespace() || ('\u{2000}'..='\u{206f}').contains(&c);
        cjk += usize::from(is_cjk);
        if !is_cjk && !ok {
            return false;
        }
    }
    total > 0 && cjk * 2 >= total
}
