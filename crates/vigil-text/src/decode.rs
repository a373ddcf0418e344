//! Bytes to text: the encoding from the BOM, then a declared charset, then the content.

use crate::Result;

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
    let _ = (bytes, declared);
    todo!("decode")
}

/// Decodes an HTML page: BOM, then `declared`, then `<meta charset>` in the first 1024 bytes
/// (the HTML standard's prescan), then the content.
pub fn decode_html(bytes: &[u8], declared: Option<&str>) -> Result<Decoded> {
    let _ = (bytes, declared);
    todo!("decode_html")
}
