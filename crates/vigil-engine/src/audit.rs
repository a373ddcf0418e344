//! The audit log: every change to the store appends one entry, and each entry's hash covers
//! the previous entry's hash, so editing, deleting or reordering any entry breaks the chain
//! from that point on. The chain logic is independent of the storage backend.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The `prev_hash` of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// 1, 2, 3… without gaps.
    pub seq: i64,
    /// RFC 3339 UTC time of the change.
    pub at: String,
    /// What happened: `ingest`, `version`, later `merge`, `split`, `curate`, `delete`.
    pub action: String,
    /// What it happened to (a document, event or storyline id).
    pub subject: String,
    /// Details as a JSON object (hashes of the stored content, the previous version…), kept
    /// as the exact text that was hashed so no JSON library's key order can change the hash.
    pub detail: String,
    pub prev_hash: String,
    pub hash: String,
}

/// The hash of an entry's content chained to `prev_hash`; fields are separated by NUL bytes,
/// which none of them can contain, so no two different entries hash the same input.
pub fn entry_hash(
    prev_hash: &str,
    seq: i64,
    at: &str,
    action: &str,
    subject: &str,
    detail: &str,
) -> String {
    let mut h = Sha256::new();
    for part in [prev_hash, &seq.to_string(), at, action, subject, detail] {
        h.update(part.as_bytes());
        h.update([0u8]);
    }
    hex::encode(h.finalize())
}

/// Where the chain breaks, if it does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Broken {
    /// The first entry that does not verify.
    pub seq: i64,
    pub problem: String,
}

/// Checks a chain given in `seq` order. Returns the number of entries checked, or the first
/// broken link.
pub fn verify<I: IntoIterator<Item = Entry>>(entries: I) -> Result<u64, Broken> {
    let mut prev = GENESIS.to_string();
    let mut n = 0;
    for (expected_seq, e) in (1..).zip(entries) {
        if e.seq != expected_seq {
            return Err(Broken {
                seq: expected_seq,
                problem: format!("entry {expected_seq} is missing (next entry is {})", e.seq),
            });
        }
        if e.prev_hash != prev {
            return Err(Broken {
                seq: e.seq,
                problem: "its prev_hash does not match the hash of the entry before".into(),
            });
        }
        let recomputed = entry_hash(&e.prev_hash, e.seq, &e.at, &e.action, &e.subject, &e.detail);
        if recomputed != e.hash {
            return Err(Broken {
                seq: e.seq,
                problem: "its content does not match its hash (the entry was edited)".into(),
            });
        }
        prev = e.hash;
        n += 1;
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chain(n: i64) -> Vec<Entry> {
        let mut prev = GENESIS.to_string();
        (1..=n)
            .map(|seq| {
                let detail = serde_json::json!({"sha256": format!("{seq:064x}")}).to_string();
                let at = "2026-11-23T17:00:00Z".to_string();
                let subject = format!("doc_{seq:020}");
                let hash = entry_hash(&prev, seq, &at, "ingest", &subject, &detail);
                let e = Entry {
                    seq,
                    at,
                    action: "ingest".into(),
                    subject,
                    detail,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                e
            })
            .collect()
    }

    #[test]
    fn intact_chain_verifies() {
        assert_eq!(verify(chain(5)), Ok(5));
        assert_eq!(verify(Vec::new()), Ok(0));
    }

    #[test]
    fn edited_entry_is_named() {
        let mut c = chain(5);
        c[2].subject = "doc_forged".into();
        assert_eq!(verify(c).unwrap_err().seq, 3);
    }

    #[test]
    fn edited_entry_with_recomputed_hash_breaks_the_next_link() {
        let mut c = chain(5);
        c[2].action = "delete".into();
        c[2].hash = entry_hash(
            &c[2].prev_hash,
            3,
            &c[2].at,
            "delete",
            &c[2].subject,
            &c[2].detail,
        );
        assert_eq!(verify(c).unwrap_err().seq, 4);
    }

    #[test]
    fn deleted_entry_is_named() {
        let mut c = chain(5);
        c.remove(1);
        assert_eq!(verify(c).unwrap_err().seq, 2);
    }
}
