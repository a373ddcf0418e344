//! Lao: ICU's Lao word list searched over Lao syllable clusters.

use std::sync::LazyLock;

use super::cluster::{ClusterSegmenter, Syllables, is_mark};

pub(crate) static LAO: LazyLock<ClusterSegmenter<LaoSyllables>> =
    LazyLock::new(|| ClusterSegmenter::new("laodict", LaoSyllables));

pub(crate) struct LaoSyllables;

impl Syllables for LaoSyllables {
    fn holds_together(&self, chars: &[char], i: usize) -> bool {
        let (prev, next) = (chars[i - 1], chars[i]);
        is_mark(next)
            // Leading vowels ເ ແ ໂ ໃ ໄ precede the consonant of their syllable.
            || matches!(prev, 'ເ'..='ໄ')
            // Sara a, sara aa, sara am and the repetition mark never start a word.
            || matches!(next, 'ະ' | 'າ' | 'ຳ' | 'ໆ')
    }
}

#[cfg(test)]
mod tests {
    crate::segment::test_segmenter!(
        lao,
        Some("lo"),
        "lao",
        "[ກ-ໝ ]{0,60}",
        [
            ("ສະບາຍດີ ປະເທດລາວ", &["ສະບາຍດີ", "ປະເທດ", "ລາວ"]),
            (
                "ມະນຸດທຸກຄົນເກີດມາມີກຽດສັກສີ",
                &["ມະນຸດ", "ທຸກຄົນ", "ເກີດ", "ມາ", "ມີ", "ກຽດສັກສີ"]
            ),
            ("ພາສາລາວ ໒໐໒໐", &["ພາສາ", "ລາວ", "໒໐໒໐"]),
        ]
    );
}
