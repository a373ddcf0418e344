//! Identifiers. Kinds are visible in the id: `doc_…`, later `ev_…` and `sl_…`.

use sha2::{Digest, Sha256};

/// SHA-256 of raw bytes, lower-case hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// A document's id: derived from its source and the SHA-256 of its raw bytes (DESIGN.md), so
/// the same input always gets the same id and the same bytes from another source another one.
/// 20 hex digits (80 bits) keep ids short while collisions stay out of reach for any corpus.
pub fn document_id(source: &str, sha256: &str) -> String {
    let mut h = Sha256::new();
    h.update(source.as_bytes());
    h.update([0u8]);
    h.update(sha256.as_bytes());
    let digest = hex::encode(h.finalize());
    format!("doc_{}", &digest[..20])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_bytes_from_two_sources_are_two_documents() {
        let sha = sha256_hex("Лукашенко встретился с Путиным в Сочи.".as_bytes());
        let a = document_id("https://example.org/a", &sha);
        let b = document_id("https://example.org/b", &sha);
        assert_ne!(a, b);
        assert_eq!(a, document_id("https://example.org/a", &sha));
        assert!(a.starts_with("doc_") && a.len() == 24);
    }
}
