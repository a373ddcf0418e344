//! Blocking for the entity table: which entities are worth comparing a name with.
//!
//! Comparing a new name with every entity costs an edit distance per entity and name, which
//! grew to minutes on a few thousand news reports. A name that sounds alike enough to link
//! keeps most of its consonants, though scripts blur their voicing and place (Arabic has no p,
//! Chinese turns l into r and inserts vowels), so each name is indexed by the pairs of
//! consecutive consonants of its sound key after folding every consonant into a coarse class
//! and dropping the weak ones (h, y, w) that scripts add or drop. Entities sharing enough such
//! pairs with a name are its candidates; only they get the full similarity.
//!
//! The folding is one class per consonant (not the similarity's overlapping "near" groups,
//! which chain into one class), chosen so that the swaps scripts actually make stay inside a
//! class. A test checks that every true pair of the name-pair set with enough similarity to
//! link shares a block.

use std::collections::HashMap;

use super::similarity::NameKey;

/// A block: two consecutive coarse consonant classes.
pub type Block = [u8; 2];

/// At most this many candidates, the ones sharing the most blocks, get the full comparison.
pub const MAX_CANDIDATES: usize = 32;

/// The coarse class of a sound-key consonant, or `None` for vowels and weak consonants.
fn class(sound: u8) -> Option<u8> {
    Some(match sound {
        b'B' | b'P' | b'F' | b'W' => b'B',
        b'T' | b'D' => b'T',
        b'K' | b'G' | b'H' => b'K',
        b'S' | b'Z' | b'C' | b'J' => b'S',
        b'L' | b'R' => b'L',
        b'M' | b'N' => b'M',
        _ => return None,
    })
}

/// The blocks of a name: consonant-class pairs over its words joined, or the lone class of a
/// name with one consonant. Sorted, without repeats.
pub fn blocks(key: &NameKey) -> Vec<Block> {
    let mut classes: Vec<u8> = Vec::new();
    for word in &key.words {
        // `H` alone is breath (Arabic h, Chinese h-), dropped; a `K` from kh/q is kept.
        for &sound in word {
            if sound == b'H' || sound == b'Y' {
                continue;
            }
            if let Some(c) = class(sound) {
                classes.push(c);
            }
        }
    }
    let mut out: Vec<Block> = if classes.len() < 2 {
        classes.iter().map(|&c| [c, 0]).collect()
    } else {
        classes.windows(2).map(|w| [w[0], w[1]]).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// Whether two names share enough blocks to be worth comparing: a third of the shorter
/// one's. On the name-pair set every pair similar enough to link does (the lowest is "Li
/// Keqiang" and "李克强", one of three); names of different people with many consonants rarely
/// do.
pub fn shares_enough(a: &[Block], b: &[Block]) -> bool {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared > 0 && shared * 3 >= a.len().min(b.len())
}

/// Entities by block, for one kind of entity.
#[derive(Debug, Clone, Default)]
pub struct BlockIndex {
    postings: HashMap<Block, Vec<u32>>,
}

impl BlockIndex {
    /// Files entity `at` under every block of `key` (repeats are harmless: counted once).
    pub fn insert(&mut self, at: usize, key: &NameKey) {
        for block in blocks(key) {
            let list = self.postings.entry(block).or_default();
            if list.last() != Some(&(at as u32)) {
                list.push(at as u32);
            }
        }
    }

    /// The entities sharing a block with any of `keys`: the [`MAX_CANDIDATES`] sharing the
    /// most (ties to the older entity, so results are deterministic), in table order.
    pub fn candidates(&self, keys: &[NameKey]) -> Vec<usize> {
        let mut shared: HashMap<u32, u32> = HashMap::new();
        for key in keys {
            let own = blocks(key);
            let mut seen: Vec<u32> = Vec::new();
            for block in &own {
                for &at in self.postings.get(block).map(Vec::as_slice).unwrap_or(&[]) {
                    seen.push(at);
                }
            }
            seen.sort_unstable();
            // Count each entity's shared blocks for this key; keep the best key's count.
            let mut i = 0;
            while i < seen.len() {
                let j = seen[i..].iter().take_while(|&&x| x == seen[i]).count();
                let best = shared.entry(seen[i]).or_default();
                *best = (*best).max(j as u32);
                i += j;
            }
        }
        let mut ranked: Vec<(u32, u32)> = shared.into_iter().collect();
        ranked.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(MAX_CANDIDATES);
        let mut out: Vec<usize> = ranked.into_iter().map(|(at, _)| at as usize).collect();
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::eval::NamePair;
    use crate::names::{name_similarity, romanize};

    fn key(name: &str) -> NameKey {
        NameKey::of_romanized(&romanize(name))
    }

    /// Found as a candidate, and sharing enough blocks to be compared.
    fn found(a: &str, b: &str) -> bool {
        let mut index = BlockIndex::default();
        index.insert(0, &key(a));
        index.candidates(&[key(b)]) == [0] && shares_enough(&blocks(&key(a)), &blocks(&key(b)))
    }

    #[test]
    fn one_name_in_several_scripts_shares_blocks() {
        for other in ["Лукашенко", "لوكاشينكو", "卢卡申科", "ลูกาเชนโก"]
        {
            assert!(found("Lukashenko", other), "{other}");
        }
        assert!(found("Sanna Marin", "Marin"));
        assert!(found("Svetlana Tikhanovskaya", "斯韦特兰娜·季哈诺夫斯卡娅"));
    }

    #[test]
    fn the_best_sharing_entities_are_kept_when_many_share_a_block() {
        let mut index = BlockIndex::default();
        // Two hundred names sharing "sk" with the query, then the name itself.
        for i in 0..200 {
            index.insert(i, &key(&format!("Osk{}", "a".repeat(i % 7))));
        }
        index.insert(200, &key("Zelensky"));
        let found = index.candidates(&[key("Зеленский")]);
        assert_eq!(found.len(), MAX_CANDIDATES);
        assert!(found.contains(&200));
        assert!(index.candidates(&[key("Merkel")]).is_empty());
    }

    /// Every pair in the name-pair set that sounds alike enough to be linked (with the most
    /// context can add) is found by blocking.
    #[test]
    fn blocking_loses_no_linkable_pair_of_the_pair_set() {
        let pairs = include_str!("../../eval/name-pairs.jsonl");
        let lowest_linkable = super::super::LINK_THRESHOLD - super::super::CONTEXT_WEIGHT;
        let mut checked = 0;
        for line in pairs.lines().filter(|l| !l.trim().is_empty()) {
            let pair: NamePair = serde_json::from_str(line).unwrap();
            let (a, b) = (key(&pair.a), key(&pair.b));
            if name_similarity(&a, &b) < lowest_linkable {
                continue;
            }
            checked += 1;
            assert!(found(&pair.a, &pair.b), "{} / {}", pair.a, pair.b);
            assert!(found(&pair.b, &pair.a), "{} / {}", pair.b, pair.a);
        }
        assert!(checked > 100, "{checked}");
    }
}
