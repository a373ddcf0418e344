//! Bytes to text: the encoding from the BOM, then a declared charset, then the content.
//!
//! Detection of legacy encodings is `chardetng` (Firefox's detector); decoding is `encoding_rs`.
//! What neither does is here: refusing binary data instead of decoding it into mojibake
//! ([`binary`]), recognising UTF-16 that has no BOM ([`utf16`]), and the HTML standard's
//! `<meta charset>` prescan ([`prescan`]).
//!
//! How short a text may be and still be detected (measured by `cargo test -p vigil-text
//! detection_length -- --ignored --nocapture` on one news sentence per encoding, every prefix
//! from that length up detected right, in steps of five characters): Big5 2, GB18030 5,
//! Shift_JIS 5, windows-874 (Thai) 5, windows-1256 (Arabic) 8, windows-1251 (Russian) 9,
//! Latin-1 (French) 26 characters; UTF-16 without a BOM 2–3 characters in every script.
//! Latin-1 is the weak one: a French text needs accented letters before it differs from ASCII.

mod binary;
mod prescan;
mod utf16;

use encoding_rs::{Encoding, UTF_8};

use crate::{Error, Result};

/// Decoded text and the encoding it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// WHATWG name of the encoding (`UTF-8`, `windows-1256`, `GBK`…).
    pub encoding: &'static str,
}

/// Decodes plain text. Order: BOM, then `declared` (an HTTP or container charset), then the
/// content. Binary input is an error, not mojibake.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded> {
    decode_with(bytes, declared, None)
}

/// Decodes an HTML page: BOM, then `declared`, then `<meta charset>` in the first 1024 bytes
/// (the HTML standard's prescan), then the content.
pub fn decode_html(bytes: &[u8], declared: Option<&str>) -> Result<Decoded> {
    decode_with(bytes, declared, Some(prescan::meta_charset))
}

/// The kind of binary file `bytes` start like (PNG, ELF, ZIP…), for format sniffing.
pub(crate) fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    binary::magic(bytes)
}

/// How many bytes the content detector looks at: enough for any report's statistics, and it
/// keeps a 60 MB file from costing a full second pass.
const DETECT_WINDOW: usize = 1 << 20;

/// A scan of the bytes for an encoding the document declares about itself.
type Prescan = fn(&[u8]) -> Option<&'static Encoding>;

fn decode_with(bytes: &[u8], declared: Option<&str>, prescan: Option<Prescan>) -> Result<Decoded> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Error::Empty);
    }
    if let Some(kind) = binary::magic(bytes) {
        return Err(Error::Binary(kind.to_string()));
    }
    if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        return finish(encoding, &bytes[bom_len..]);
    }
    let declared = declared.and_then(|label| Encoding::for_label(label.trim().as_bytes()));
    let meta = prescan.and_then(|scan| scan(bytes));
    for encoding in declared.into_iter().chain(meta) {
        // A declared UTF-16 without a BOM is almost always a mislabelled ASCII-compatible page
        // (the HTML standard ignores it the same way); a declared charset that leaves many
        // undecodable bytes is wrong, and the content decides instead.
        if is_utf16(encoding) && !utf16::looks_like(bytes, encoding) {
            continue;
        }
        let (text, errors) = decode_counting(encoding, bytes);
        if mostly_valid(&text, errors) {
            return check(text, encoding);
        }
    }
    let encoding = detect(bytes)?;
    finish(encoding, bytes)
}

/// The content's encoding: UTF-16 by its shape, UTF-8 if (almost) valid, else `chardetng`.
fn detect(bytes: &[u8]) -> Result<&'static Encoding> {
    let window = &bytes[..bytes.len().min(DETECT_WINDOW)];
    let has_nul = memchr::memchr(0, window).is_some();
    // Valid UTF-8 is UTF-8, except that NULs make UTF-16 of Latin text valid UTF-8 too. (Short
    // lowercase ASCII read as UTF-16 is CJK ideographs: never try UTF-16 on valid UTF-8 text.)
    let utf8 = match std::str::from_utf8(window) {
        Ok(_) => true,
        // A multi-byte character cut by the end of the window.
        Err(e) => e.error_len().is_none() && window.len() < bytes.len(),
    };
    // Thai or Cyrillic UTF-16 without spaces is all bytes below 0x80: valid UTF-8, but full of
    // C0 control bytes that no UTF-8 text has.
    let controls = window
        .iter()
        .take(4096)
        .any(|&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c));
    if (has_nul || !utf8 || controls)
        && let Some(encoding) = utf16::detect(bytes)
    {
        return Ok(encoding);
    }
    if has_nul {
        return Err(Error::Binary("NUL bytes".to_string()));
    }
    if utf8 {
        return Ok(UTF_8);
    }
    // UTF-8 with a few damaged bytes is still UTF-8: legacy encodings almost never form valid
    // multi-byte UTF-8 sequences, so many valid ones against few errors settles it.
    let (text, errors) = decode_counting(UTF_8, window);
    let multibyte = text
        .chars()
        .filter(|&c| c > '\u{7f}' && c != '\u{fffd}')
        .count();
    if multibyte >= 8 && multibyte >= errors * 20 {
        return Ok(UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(window, window.len() == bytes.len());
    Ok(detector.guess(None, chardetng::Utf8Detection::Deny))
}

fn finish(encoding: &'static Encoding, bytes: &[u8]) -> Result<Decoded> {
    let (text, _) = decode_counting(encoding, bytes);
    check(text, encoding)
}

/// Refuses what decoded into nothing or into control characters.
fn check(text: String, encoding: &'static Encoding) -> Result<Decoded> {
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    if let Some(problem) = binary::garbage(&text) {
        return Err(Error::Binary(problem.to_string()));
    }
    Ok(Decoded {
        text,
        encoding: encoding.name(),
    })
}

/// Decodes without BOM sniffing (the BOM was handled first) and counts replacement characters
/// produced for malformed input.
fn decode_counting(encoding: &'static Encoding, bytes: &[u8]) -> (String, usize) {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let errors = if had_errors {
        text.chars().filter(|&c| c == '\u{fffd}').count()
    } else {
        0
    };
    (text.into_owned(), errors)
}

/// At most one undecodable sequence per 200 characters: a stray bad byte in a correctly
/// declared page, not a wrong declaration.
fn mostly_valid(text: &str, errors: usize) -> bool {
    errors == 0 || errors * 200 <= text.chars().count()
}

fn is_utf16(encoding: &'static Encoding) -> bool {
    encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE
}

#[cfg(test)]
mod tests;
