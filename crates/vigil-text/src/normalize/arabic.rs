//! Arabic letter folding for matching: the spellings of one word that writers mix.
//!
//! - alef with hamza or madda, and alef wasla (`أ إ آ ٱ ٲ ٳ`) → bare alef `ا`;
//! - hamza on waw `ؤ` → `و`, hamza on ya `ئ` and alef maqsura `ى` → `ي`;
//! - ta marbuta `ة` → `ه`;
//! - tatweel `ـ` (stretching) and harakat (U+064B–U+065F, superscript alef U+0670) removed.
//!
//! Persian and Urdu letters that stand for the same Arabic letter are folded too: keheh `ک` →
//! `ك`, Farsi yeh `ی` → `ي`, and the heh forms `ۀ ہ ۃ ھ` → `ه`. Arabic text is often typed
//! on Persian keyboards (and Persian names cited in Arabic), so without this the same word
//! fails to match; Persian-only letters (`پ چ ژ گ`) stay distinct.

use super::CharNormalizer;

pub(crate) struct ArabicFolding;

impl CharNormalizer for ArabicFolding {
    fn normalize_char(&self, c: char, out: &mut Vec<char>) {
        let folded = match c {
            'أ' | 'إ' | 'آ' | 'ٱ' | '\u{0672}' | '\u{0673}' => 'ا',
            'ؤ' => 'و',
            'ئ' | 'ى' | 'ی' => 'ي',
            'ة' | 'ۀ' | 'ہ' | 'ۃ' | 'ھ' => 'ه',
            'ک' => 'ك',
            'ـ' | '\u{064B}'..='\u{065F}' | '\u{0670}' => return,
            other => other,
        };
        out.push(folded);
    }

    fn should_normalize(&self, c: char) -> bool {
        matches!(
            c,
            '\u{0622}'..='\u{0626}'
                | 'ة'
                | 'ـ'
                | 'ى'
                | '\u{064B}'..='\u{065F}'
                | '\u{0670}'..='\u{0673}'
                | 'ک'
                | 'ھ'
                | 'ۀ'
                | 'ہ'
                | 'ۃ'
                | 'ی'
        )
    }
}

#[cfg(test)]
mod tests {
    crate::normalize::test_normalizer!(
        arabic,
        "[\u{0600}-\u{06FF}\u{FE70}-\u{FEFF} ]{0,40}",
        [
            ("الأمم المتحدة", "الامم المتحده"),
            ("إسرائيل وآسيا", "اسراييل واسيا"),
            ("مجلسُ الأمنِ الدوليّ", "مجلس الامن الدولي"),
            ("مـــينســـك", "مينسك"),
            ("مسؤول على مستشفى", "مسوول علي مستشفي"),
            ("ٱلرَّحْمَٰن", "الرحمن"),
            ("کشور ایران", "كشور ايران"),
            ("ۂ ب ف ي", "ۂ ب ف ي"),
            ("ﻻ ﷲ", "لا الله"),
        ]
    );
}
