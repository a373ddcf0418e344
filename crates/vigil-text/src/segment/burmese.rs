//! Burmese: ICU's Burmese word list searched over Myanmar syllable clusters.

use std::sync::LazyLock;

use super::cluster::{ClusterSegmenter, Syllables, is_mark};

pub(crate) static BURMESE: LazyLock<ClusterSegmenter<BurmeseSyllables>> =
    LazyLock::new(|| ClusterSegmenter::new("burmesedict", BurmeseSyllables));

/// Virama: the next consonant is stacked under this one.
const VIRAMA: char = '\u{1039}';
/// Asat: kills the vowel of the consonant before it, which then closes the previous syllable.
const ASAT: char = '\u{103A}';

pub(crate) struct BurmeseSyllables;

impl Syllables for BurmeseSyllables {
    fn holds_together(&self, chars: &[char], i: usize) -> bool {
        let (prev, next) = (chars[i - 1], chars[i]);
        is_mark(next)
            || prev == VIRAMA
            // A consonant carrying asat ends the previous syllable.
            || chars.get(i + 1) == Some(&ASAT)
    }
}

#[cfg(test)]
mod tests {
    crate::segment::test_segmenter!(
        burmese,
        Some("my"),
        "myanmar",
        "[က-႟ ]{0,60}",
        [
            (
                "လူတိုင်းသည် တူညီလွတ်လပ်သော ဂုဏ်သိက္ခာဖြင့်လည်းကောင်း",
                &[
                    "လူ",
                    "တိုင်း",
                    "သည်",
                    "တူညီ",
                    "လွတ်လပ်",
                    "သော",
                    "ဂုဏ်သိက္ခာ",
                    "ဖြင့်",
                    "လည်းကောင်း"
                ]
            ),
            ("ကျွန်တော်ကျောင်းသွားမယ်", &["ကျွန်တော်", "ကျောင်း", "သွား", "မယ်"]),
        ]
    );
}
