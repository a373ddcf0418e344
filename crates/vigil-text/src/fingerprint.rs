//! Content fingerprints: the exact-copy key of a document's body.

/// `content_id`: BLAKE3 of the normalised body, hex. Two reports with the same body after
/// normalisation (whitespace, Unicode forms, digits) share it.
pub fn content_id(body: &str) -> String {
    let normalized = crate::normalize::normalize(body);
    let words: Vec<&str> = normalized.text.split_whitespace().collect();
    let hash = blake3::hash(words.join(" ").as_bytes());
    hash.to_hex().to_string()
}
