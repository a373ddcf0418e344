//! Word segmentation for every script, with byte offsets into the input.

use serde::Serialize;

/// One word (or number) of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Lower-case ISO 15924 name of the token's script (`latin`, `arabic`, `thai`, `han`…).
    pub script: &'static str,
}

/// Splits `text` into words; whitespace and punctuation are not tokens.
pub fn segment(text: &str) -> Vec<Token> {
    let _ = text;
    todo!("segment")
}
