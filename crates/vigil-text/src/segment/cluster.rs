//! Dictionary word search over syllable clusters, for the scripts of South-East Asia (Thai,
//! Lao, Khmer, Burmese) that write words without spaces.
//!
//! A word may only end where a syllable may end: each language file says where that is not
//! the case (before a vowel sign, after a leading vowel, after a Khmer coeng…). Among all ways
//! to cut the run into dictionary words and unknown stretches, the search picks the cheapest:
//! every unknown stretch costs [`UNKNOWN_STRETCH`] plus one per character, every token one.
//! Counting stretches rather than only unknown characters keeps a name missing from the
//! dictionary whole (`เบลารุส`) instead of cutting it around a short word it happens to
//! contain (`เบ|ลา|รุส`), while counting characters stops an unknown stretch from swallowing
//! known words next to it.

use std::ops::Range;

use super::Segmenter;
use super::dictionary::Dictionary;

/// Cost of starting a stretch of characters that no dictionary word covers.
const UNKNOWN_STRETCH: u32 = 5;

/// Where one script's syllables hold together.
pub(crate) trait Syllables: Sync + Send {
    /// Whether a word boundary is impossible between `chars[i - 1]` and `chars[i]`
    /// (`0 < i < chars.len()`).
    fn holds_together(&self, chars: &[char], i: usize) -> bool;
}

/// A segmenter for one South-East Asian script: a dictionary plus the script's syllable rules.
pub(crate) struct ClusterSegmenter<S> {
    dictionary: Option<Dictionary>,
    syllables: S,
}

impl<S: Syllables> ClusterSegmenter<S> {
    pub(crate) fn new(dictionary: &'static str, syllables: S) -> Self {
        ClusterSegmenter {
            dictionary: Dictionary::extended(dictionary),
            syllables,
        }
    }
}

#[derive(Clone, Copy)]
struct Step {
    cost: u32,
    /// Character index where the last token of the best path to here starts.
    from: usize,
    /// Whether the path to `from` itself ended with an unknown stretch.
    from_unknown: bool,
}

impl<S: Syllables> Segmenter for ClusterSegmenter<S> {
    fn segment_run(&self, run: &str, out: &mut Vec<Range<usize>>) {
        let (offsets, chars): (Vec<usize>, Vec<char>) = run.char_indices().unzip();
        let n = chars.len();
        if n == 0 {
            return;
        }
        let boundary: Vec<bool> = (0..=n)
            .map(|i| i == 0 || i == n || !self.syllables.holds_together(&chars, i))
            .collect();

        // best[i][u]: cheapest cut of chars[..i] whose last token is unknown (u = 1) or a word.
        let mut best: Vec<[Option<Step>; 2]> = vec![[None, None]; n + 1];
        best[0][0] = Some(Step {
            cost: 0,
            from: 0,
            from_unknown: false,
        });
        let mut word_ends = Vec::new();
        for i in 0..n {
            if !boundary[i] || best[i].iter().all(Option::is_none) {
                continue;
            }
            let Some(next_boundary) = (i + 1..=n).find(|&j| boundary[j]) else {
                continue;
            };
            word_ends.clear();
            if let Some(dictionary) = &self.dictionary {
                dictionary.prefixes(&chars[i..], |len, _| {
                    if boundary[i + len] {
                        word_ends.push(i + len);
                    }
                });
            }
            for last_unknown in [false, true] {
                let Some(here) = best[i][usize::from(last_unknown)] else {
                    continue;
                };
                let mut relax = |end: usize, cost: u32, unknown: bool| {
                    let slot = &mut best[end][usize::from(unknown)];
                    if slot.is_none_or(|s| cost < s.cost) {
                        *slot = Some(Step {
                            cost,
                            from: i,
                            from_unknown: last_unknown,
                        });
                    }
                };
                for &end in &word_ends {
                    relax(end, here.cost + 1, false);
                }
                // One syllable cluster that no word covers; it joins the previous unknown
                // stretch when there is one.
                let width = u32::try_from(next_boundary - i).unwrap_or(u32::MAX);
                let start = if last_unknown { 0 } else { UNKNOWN_STRETCH + 1 };
                relax(next_boundary, here.cost + start + width, true);
            }
        }

        // Walk back from the cheapest end, merging consecutive unknown clusters.
        let mut tokens: Vec<(usize, usize, bool)> = Vec::new();
        let mut at = n;
        let mut unknown = match best[n] {
            [Some(word), Some(unk)] => unk.cost < word.cost,
            [_, other] => other.is_some(),
        };
        while at > 0 {
            let Some(step) = best[at][usize::from(unknown)] else {
                // Cannot happen (the unknown-cluster edge always exists); keep the run whole.
                tokens = vec![(0, n, true)];
                break;
            };
            match tokens.last_mut() {
                Some(last) if unknown && last.2 && last.0 == at => last.0 = step.from,
                _ => tokens.push((step.from, at, unknown)),
            }
            at = step.from;
            unknown = step.from_unknown;
        }
        let byte = |i: usize| offsets.get(i).copied().unwrap_or(run.len());
        out.extend(
            tokens
                .iter()
                .rev()
                .map(|&(start, end, _)| byte(start)..byte(end)),
        );
    }
}

/// No word boundary before a combining mark (vowel signs, tone marks, viramas…): the shared
/// rule of every script here.
pub(crate) fn is_mark(c: char) -> bool {
    unicode_normalization::char::is_combining_mark(c)
}
