//! Accents of Latin and Greek letters are dropped for matching, as search engines do.
//!
//! Why strip them: the same name reaches Vigil with and without accents (`Tsikhanouskaya`,
//! `Lukašenka`/`Lukasenka`, wires in plain ASCII, Greek capitals written without tonos), and
//! a user types queries without them. What it costs: a few words that differ only by accent
//! merge (Spanish `año`/`ano`, Vietnamese tones); matching tolerates that, display never sees
//! it because offsets point to the original. Letters that are not a base plus an accent stay
//! (`ø`, `ł`, `đ`, `ı`). Cyrillic keeps its letters (`й` ≠ `и`, Belarusian `ў`) except
//! `ё` → `е`, which Russian print mostly omits; stray combining accents (Russian stress marks)
//! are dropped whatever the script.

use unicode_normalization::char::{decompose_canonical, is_combining_mark};

use super::CharNormalizer;

pub(crate) struct LatinGreekAccents;

impl CharNormalizer for LatinGreekAccents {
    fn normalize_char(&self, c: char, out: &mut Vec<char>) {
        match c {
            '\u{0300}'..='\u{036F}' => {}
            'ё' => out.push('е'),
            _ => decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    out.push(d);
                }
            }),
        }
    }

    fn should_normalize(&self, c: char) -> bool {
        matches!(
            c,
            '\u{00C0}'..='\u{024F}'
                | '\u{0300}'..='\u{036F}'
                | '\u{0370}'..='\u{03FF}'
                | '\u{1E00}'..='\u{1FFF}'
                | 'ё'
        )
    }
}

#[cfg(test)]
mod tests {
    crate::normalize::test_normalizer!(
        latin,
        "[a-zA-Zà-ÿĀ-ɏḀ-ỿΆ-ώа-яё\u{0300}-\u{036F} ]{0,40}",
        [
            ("Łukašenka Tsikhanoŭskaja", "łukasenka tsikhanouskaja"),
            ("Ангелина ёлка", "ангелина елка"),
            ("йод", "йод"),
            ("Ελλάδα ΑΘΉΝΑ", "ελλαδα αθηνα"),
            ("Nguyễn Phú Trọng", "nguyen phu trong"),
            ("ca\u{0301}fe\u{0301} x\u{0302}", "cafe x"),
            ("Søren Đặng", "søren đang"),
        ]
    );
}
