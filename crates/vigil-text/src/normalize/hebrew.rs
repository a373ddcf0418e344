//! Hebrew points (niqqud) and cantillation marks are dropped: most text is written without
//! them, so pointed and unpointed spellings must match.

use super::CharNormalizer;

pub(crate) struct HebrewPoints;

impl CharNormalizer for HebrewPoints {
    fn normalize_char(&self, _c: char, _out: &mut Vec<char>) {}

    /// Points and accents U+0591–U+05C7, but not maqaf (U+05BE) or sof pasuq (U+05C3), which
    /// are punctuation, nor nun hafukha (U+05C6).
    fn should_normalize(&self, c: char) -> bool {
        matches!(
            c,
            '\u{0591}'
                ..='\u{05BD}'
                    | '\u{05BF}'
                    | '\u{05C1}'
                    | '\u{05C2}'
                    | '\u{05C4}'
                    | '\u{05C5}'
                    | '\u{05C7}'
        )
    }
}

#[cfg(test)]
mod tests {
    crate::normalize::test_normalizer!(
        hebrew,
        "[\u{0590}-\u{05FF}\u{FB1D}-\u{FB4F} ]{0,40}",
        [
            ("שָׁלוֹם", "שלום"),
            ("מוֹעֶצֶת הַבִּטָּחוֹן", "מועצת הבטחון"),
            ("בְּרֵאשִׁ֖ית", "בראשית"),
            ("תל־אביב", "תל־אביב"),
            ("ﬠﬡ", "עא"),
        ]
    );
}
