//! Khmer: ICU's Khmer word list searched over Khmer syllable clusters.

use std::sync::LazyLock;

use super::cluster::{ClusterSegmenter, Syllables, is_mark};

pub(crate) static KHMER: LazyLock<ClusterSegmenter<KhmerSyllables>> =
    LazyLock::new(|| ClusterSegmenter::new("khmerdict", KhmerSyllables));

/// Khmer coeng: the consonant after it is written below the previous one.
const COENG: char = '\u{17D2}';

pub(crate) struct KhmerSyllables;

impl Syllables for KhmerSyllables {
    fn holds_together(&self, chars: &[char], i: usize) -> bool {
        let (prev, next) = (chars[i - 1], chars[i]);
        is_mark(next) || prev == COENG || next == 'ៗ'
    }
}

#[cfg(test)]
mod tests {
    crate::segment::test_segmenter!(
        khmer,
        Some("km"),
        "khmer",
        "[ក-៝ ]{0,60}",
        [
            ("ប្រទេសកម្ពុជា", &["ប្រទេស", "កម្ពុជា"]),
            (
                "ព្រះរាជាណាចក្រកម្ពុជា ជាប្រទេសមួយនៅអាស៊ីអាគ្នេយ៍",
                &[
                    "ព្រះរាជាណាចក្រ",
                    "កម្ពុជា",
                    "ជា",
                    "ប្រទេស",
                    "មួយ",
                    "នៅ",
                    "អាស៊ី",
                    "អាគ្នេយ៍"
                ]
            ),
            (
                "មនុស្សទាំងអស់កើតមកមានសេរីភាព",
                &["មនុស្ស", "ទាំងអស់", "កើតមក", "មាន", "សេរីភាព"]
            ),
        ]
    );
}
