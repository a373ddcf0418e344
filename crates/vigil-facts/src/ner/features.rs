//! Hashed features: each feature is a template number and one or more strings ("the word
//! two to the left is X"), hashed to 32 bits. The models store weights by hash, so features
//! need no vocabulary; a collision between two of the million or so features a model keeps is
//! rare and costs little.

/// The features of one sentence (or text), token by token.
#[derive(Debug, Clone, Default)]
pub(crate) struct Features {
    ids: Vec<u32>,
    /// Token `i`'s features are `ids[starts[i]..starts[i + 1]]`.
    starts: Vec<u32>,
}

impl Features {
    pub(crate) fn with_capacity(tokens: usize) -> Features {
        let mut starts = Vec::with_capacity(tokens + 1);
        starts.push(0);
        Features {
            ids: Vec::with_capacity(tokens * 48),
            starts,
        }
    }

    /// Ends the current token's features and starts the next token's.
    pub(crate) fn next_token(&mut self) {
        self.starts.push(self.ids.len() as u32);
    }

    /// Adds a feature of `template` with the given parts.
    pub(crate) fn add(&mut self, template: u8, parts: &[&str]) {
        let mut h = Hash::new(template);
        for part in parts {
            h = h.str(part);
        }
        self.ids.push(h.finish());
    }

    /// Adds a feature that is a template alone (a bias, or a yes/no property).
    pub(crate) fn flag(&mut self, template: u8) {
        self.ids.push(Hash::new(template).finish());
    }

    /// These features with `extra` ones added to each token (`extra[i]` for token `i`,
    /// already hashed with [`hash`]).
    pub(crate) fn with_extra(&self, extra: &[Vec<u32>]) -> Features {
        let mut f = Features::with_capacity(self.len());
        for i in 0..self.len() {
            f.ids.extend_from_slice(self.token(i));
            if let Some(more) = extra.get(i) {
                f.ids.extend_from_slice(more);
            }
            f.next_token();
        }
        f
    }

    pub(crate) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub(crate) fn token(&self, i: usize) -> &[u32] {
        &self.ids[self.starts[i] as usize..self.starts[i + 1] as usize]
    }
}

/// The hash of a feature of `template` with the given parts, as [`Features::add`] stores it.
pub(crate) fn hash(template: u8, parts: &[&str]) -> u32 {
    let mut h = Hash::new(template);
    for part in parts {
        h = h.str(part);
    }
    h.finish()
}

/// FxHash-style mixing over the bytes of the parts, with a separator byte that no UTF-8 string
/// contains between parts, and a final avalanche so the low bits can index a table. Fixed
/// constants: a model's hashes must mean the same on every machine and version.
#[derive(Clone, Copy)]
struct Hash(u64);

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

impl Hash {
    fn new(template: u8) -> Hash {
        Hash((u64::from(template) + 1).wrapping_mul(SEED))
    }

    fn word(self, w: u64) -> Hash {
        Hash((self.0.rotate_left(5) ^ w).wrapping_mul(SEED))
    }

    fn str(self, s: &str) -> Hash {
        let mut h = self;
        let mut chunks = s.as_bytes().chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            h = h.word(u64::from_le_bytes(word));
        }
        let mut tail = [0u8; 8];
        let rest = chunks.remainder();
        tail[..rest.len()].copy_from_slice(rest);
        // The length tells "ab" from "ab\0"; 0xFF separates this part from the next.
        h.word(u64::from_le_bytes(tail) ^ ((rest.len() as u64) << 56))
            .word(0xFF)
    }

    /// Never 0: the model's table uses 0 for an empty slot.
    fn finish(self) -> u32 {
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        x ^= x >> 33;
        ((x >> 32) as u32).max(1)
    }
}

/// Token `j`'s entry of a per-token table, or "-" before the first token and after the last
/// (feature functions look a few tokens either way).
pub(crate) fn at<S: AsRef<str>>(table: &[S], j: isize) -> &str {
    around(table, j, "-", "-")
}

/// Token `j`'s entry of a per-token table, or `before` / `after` past either end (sentence
/// boundaries as words of their own: "<s>", "</s>").
pub(crate) fn around<'a, S: AsRef<str>>(
    table: &'a [S],
    j: isize,
    before: &'a str,
    after: &'a str,
) -> &'a str {
    match usize::try_from(j) {
        Err(_) => before,
        Ok(j) => table.get(j).map_or(after, AsRef::as_ref),
    }
}

/// The gazetteer's tag for each token: `B-country`, `I-city`… or "" outside its mentions.
pub(crate) fn gazetteer_tags(text: &str, tokens: &[std::ops::Range<usize>]) -> Vec<&'static str> {
    let mut tags = vec![""; tokens.len()];
    let mentions = vigil_text::gazetteer::find(text);
    let mut i = 0;
    for m in &mentions {
        while i < tokens.len() && tokens[i].end <= m.start {
            i += 1;
        }
        let mut first = true;
        let mut j = i;
        while j < tokens.len() && tokens[j].start < m.end {
            tags[j] = match (m.kind, first) {
                (vigil_text::gazetteer::Kind::Country, true) => "B-country",
                (vigil_text::gazetteer::Kind::Country, false) => "I-country",
                (vigil_text::gazetteer::Kind::City, true) => "B-city",
                (vigil_text::gazetteer::Kind::City, false) => "I-city",
                (vigil_text::gazetteer::Kind::Org, true) => "B-org",
                (vigil_text::gazetteer::Kind::Org, false) => "I-org",
            };
            first = false;
            j += 1;
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_grouped_by_token_and_hashes_are_stable() {
        let mut f = Features::with_capacity(2);
        f.add(1, &["وزير"]);
        f.flag(2);
        f.next_token();
        f.add(1, &["وزير"]);
        f.add(1, &["وز", "ير"]);
        f.add(3, &["وزير"]);
        f.next_token();
        assert_eq!(f.len(), 2);
        assert_eq!(f.token(0).len(), 2);
        assert_eq!(f.token(0)[0], f.token(1)[0], "same template and value");
        assert_ne!(f.token(1)[0], f.token(1)[1], "parts are separated");
        assert_ne!(f.token(1)[0], f.token(1)[2], "templates differ");
        assert!(f.token(1).iter().all(|&h| h != 0));
        // A model trained today must read the same hashes tomorrow.
        assert_eq!(Hash::new(7).str("北京").finish(), 0xaf15_1d17);
    }
}
