//! Normalisation for matching: NFKC, case folding, per-script folding (Arabic letters and
//! diacritics, full-width forms) and every script's digits to ASCII, with a map back to the
//! original byte offsets. The original text is never changed.

/// A matching form of some text and the map back to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    /// For each byte of `text`, the byte offset in the original where the character it came
    /// from starts; one extra entry at the end holds the original length.
    map: Vec<u32>,
}

impl Normalized {
    /// The original byte range that normalised range `start..end` came from.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let _ = (start, end);
        todo!()
    }
}

/// Normalises `text` for matching.
pub fn normalize(text: &str) -> Normalized {
    let _ = text;
    todo!("normalize")
}
