//! Language identification per document and per paragraph. Codes are ISO 639-1.

/// A detected language and how sure the detector is (0..1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    /// ISO 639-1 code.
    pub lang: &'static str,
    pub confidence: f32,
}

/// Detects the language of `text`, or `None` when it has too little language in it (numbers,
/// a URL, a few symbols).
pub fn detect(text: &str) -> Option<Detection> {
    let _ = text;
    todo!("language::detect")
}

/// Every language [`detect`] can return, as ISO 639-1 codes.
pub fn supported() -> &'static [&'static str] {
    &[]
}
