//! Japanese: ICU's Chinese/Japanese dictionary searched for the cheapest cut, as ICU4C's
//! `CjkBreakEngine` does (ICU4X's own segmenter takes the longest match from the left).
//!
//! Each dictionary word costs its dictionary value; a character no word covers costs
//! [`UNKNOWN_CHAR`]; a run of katakana (loanwords and foreign names, mostly missing from the
//! dictionary) may be one word at a cost that favours lengths 3–6.

use std::ops::Range;
use std::sync::LazyLock;

use super::Segmenter;
use super::dictionary::Dictionary;

static CJ_DICTIONARY: LazyLock<Option<Dictionary>> = LazyLock::new(Dictionary::cj);

/// Cost of a character that starts no dictionary word (ICU4C's `maxSnlp`).
const UNKNOWN_CHAR: u32 = 255;
/// Longest katakana run taken as one word.
const MAX_KATAKANA_GROUP: usize = 20;

/// ICU4C's cost of a katakana word of 0..=8 characters; longer ones cost the first value.
fn katakana_cost(len: usize) -> u32 {
    const COSTS: [u32; 9] = [8192, 984, 408, 240, 204, 252, 300, 372, 480];
    COSTS.get(len).copied().unwrap_or(COSTS[0])
}

/// A katakana letter or the long-vowel mark, as foreign names are spelt: not the middle dot
/// "・" that separates their parts, nor half-width forms. The gazetteer and the name finder
/// read names with it.
pub fn is_katakana_letter(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FA}' | '\u{30FC}')
}

fn is_katakana(c: char) -> bool {
    matches!(c, '\u{30A1}'..='\u{30FE}' | '\u{31F0}'..='\u{31FF}' | '\u{FF66}'..='\u{FF9F}')
        && c != '\u{30FB}'
}

pub(crate) struct Japanese;

pub(crate) static JAPANESE: Japanese = Japanese;

impl Segmenter for Japanese {
    fn segment_run(&self, run: &str, out: &mut Vec<Range<usize>>) {
        let (offsets, chars): (Vec<usize>, Vec<char>) = run.char_indices().unzip();
        let n = chars.len();
        if n == 0 {
            return;
        }
        // best[i] = (cost, start of the last word) of the cheapest cut of chars[..i].
        let mut best: Vec<(u32, usize)> = vec![(u32::MAX, 0); n + 1];
        best[0] = (0, 0);
        for i in 0..n {
            let here = best[i].0;
            if here == u32::MAX {
                continue;
            }
            let mut relax = |end: usize, cost: u32| {
                let cost = here.saturating_add(cost);
                if cost < best[end].0 {
                    best[end] = (cost, i);
                }
            };
            let mut single = false;
            if let Some(dictionary) = CJ_DICTIONARY.as_ref() {
                dictionary.prefixes(&chars[i..], |len, value| {
                    single |= len == 1;
                    relax(i + len, u32::try_from(value).unwrap_or(UNKNOWN_CHAR));
                });
            }
            if !single {
                relax(i + 1, UNKNOWN_CHAR);
            }
            let starts_katakana = is_katakana(chars[i]) && (i == 0 || !is_katakana(chars[i - 1]));
            if starts_katakana {
                let len = chars[i..].iter().take_while(|&&c| is_katakana(c)).count();
                if len < MAX_KATAKANA_GROUP {
                    relax(i + len, katakana_cost(len));
                }
            }
        }
        let mut tokens = Vec::new();
        let mut at = n;
        while at > 0 {
            let from = best[at].1;
            tokens.push(from..at);
            at = from;
        }
        let byte = |i: usize| offsets.get(i).copied().unwrap_or(run.len());
        out.extend(tokens.into_iter().rev().map(|t| byte(t.start)..byte(t.end)));
    }
}

#[cfg(test)]
mod tests {
    crate::segment::test_segmenter!(
        japanese,
        Some("ja"),
        "han",
        "[ぁ-んァ-ン一-龯ー、。 0-9]{0,40}",
        [
            // ICU's dictionary lacks 国連 and splits inflections (開|い|た): weak, but never
            // inside a loanword (ベラルーシ) or a dictionary word.
            (
                "国連安全保障理事会はベラルーシの人権について会合を開いた。",
                &[
                    "国",
                    "連",
                    "安全",
                    "保障",
                    "理事",
                    "会",
                    "は",
                    "ベラルーシ",
                    "の",
                    "人権",
                    "について",
                    "会合",
                    "を",
                    "開",
                    "い",
                    "た"
                ]
            ),
            (
                "すべての人間は、生れながらにして自由であり",
                &[
                    "すべて",
                    "の",
                    "人間",
                    "は",
                    "生れ",
                    "ながら",
                    "にし",
                    "て",
                    "自由",
                    "で",
                    "あり"
                ]
            ),
        ]
    );
}
