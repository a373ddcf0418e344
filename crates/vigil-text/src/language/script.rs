//! Which writing system a letter belongs to, and which languages each writing system can mean.
//!
//! Language identification starts here: most scripts are written by one language Vigil knows
//! (Thai, Greek, Korean, Georgian, the Indic scripts...), and deciding them by script alone is
//! both exact and free. Only scripts shared by several languages (Latin, Cyrillic, Arabic,
//! Devanagari) go on to the n-gram model.

/// A writing system, as far as language identification cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Script {
    Latin,
    Cyrillic,
    Arabic,
    Devanagari,
    Greek,
    Armenian,
    Hebrew,
    Thaana,
    Bengali,
    Gurmukhi,
    Gujarati,
    Oriya,
    Tamil,
    Telugu,
    Kannada,
    Malayalam,
    Sinhala,
    Thai,
    Lao,
    Tibetan,
    Myanmar,
    Georgian,
    Hangul,
    Ethiopic,
    Khmer,
    Mongolian,
    Kana,
    Han,
    Yi,
    CanadianSyllabics,
}

impl Script {
    /// Every script, in the order of the per-script tallies in [`ScriptCounts`].
    pub(crate) const ALL: [Script; 30] = [
        Script::Latin,
        Script::Cyrillic,
        Script::Arabic,
        Script::Devanagari,
        Script::Greek,
        Script::Armenian,
        Script::Hebrew,
        Script::Thaana,
        Script::Bengali,
        Script::Gurmukhi,
        Script::Gujarati,
        Script::Oriya,
        Script::Tamil,
        Script::Telugu,
        Script::Kannada,
        Script::Malayalam,
        Script::Sinhala,
        Script::Thai,
        Script::Lao,
        Script::Tibetan,
        Script::Myanmar,
        Script::Georgian,
        Script::Hangul,
        Script::Ethiopic,
        Script::Khmer,
        Script::Mongolian,
        Script::Kana,
        Script::Han,
        Script::Yi,
        Script::CanadianSyllabics,
    ];

    /// The language a script means on its own, for scripts that one language Vigil knows owns.
    /// Kana means Japanese even amid Han characters; see [`ScriptCounts::dominant`].
    pub(crate) fn sole_language(self) -> Option<&'static str> {
        Some(match self {
            Script::Greek => "el",
            Script::Armenian => "hy",
            Script::Hebrew => "he",
            Script::Thaana => "dv",
            Script::Bengali => "bn",
            Script::Gurmukhi => "pa",
            Script::Gujarati => "gu",
            Script::Oriya => "or",
            Script::Tamil => "ta",
            Script::Telugu => "te",
            Script::Kannada => "kn",
            Script::Malayalam => "ml",
            Script::Sinhala => "si",
            Script::Thai => "th",
            Script::Lao => "lo",
            Script::Tibetan => "bo",
            Script::Myanmar => "my",
            Script::Georgian => "ka",
            Script::Hangul => "ko",
            Script::Ethiopic => "am",
            Script::Khmer => "km",
            Script::Mongolian => "mn",
            Script::Kana => "ja",
            Script::Han => "zh",
            Script::Yi => "ii",
            Script::CanadianSyllabics => "iu",
            Script::Latin | Script::Cyrillic | Script::Arabic | Script::Devanagari => return None,
        })
    }

    /// How much one letter of this script weighs when scripts are compared: a Han character,
    /// a kana or a Hangul syllable carries about as much text as two or three Latin letters.
    fn weight(self) -> u32 {
        match self {
            Script::Han | Script::Kana | Script::Hangul | Script::Yi => 3,
            _ => 1,
        }
    }

    fn index(self) -> usize {
        Script::ALL.iter().position(|s| *s == self).unwrap_or(0)
    }
}

/// The script of a letter, or `None` for digits, punctuation, symbols, spaces and letters of
/// scripts no language Vigil knows is written in.
pub(crate) fn script_of(c: char) -> Option<Script> {
    let cp = c as u32;
    if cp < 0x80 {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    // Blocks made only of letters (and marks that belong to words) are answered without the
    // general Unicode lookup, which dominates the cost of detection otherwise.
    match cp {
        0x00C0..=0x00D6 | 0x00D8..=0x00F6 | 0x00F8..=0x024F | 0x1E00..=0x1EFF => {
            return Some(Script::Latin);
        }
        0x0400..=0x0481 | 0x048A..=0x04FF => return Some(Script::Cyrillic),
        0x0621..=0x063A | 0x0641..=0x064A => return Some(Script::Arabic),
        0x0E01..=0x0E3A | 0x0E40..=0x0E4E => return Some(Script::Thai),
        0x3041..=0x3096 | 0x30A1..=0x30FA => return Some(Script::Kana),
        0x4E00..=0x9FFF => return Some(Script::Han),
        0xAC00..=0xD7A3 => return Some(Script::Hangul),
        _ => {}
    }
    if !c.is_alphabetic() {
        // Combining marks that are not `Alphabetic` (virama, nukta, Thai tone marks) still
        // belong to their script's words.
        if !is_mark_in_word_script(cp) {
            return None;
        }
    }
    Some(match cp {
        0x00C0..=0x024F | 0x0250..=0x02AF | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF => {
            Script::Latin
        }
        0xFF21..=0xFF3A | 0xFF41..=0xFF5A => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0530..=0x058F | 0xFB13..=0xFB17 => Script::Armenian,
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => {
            Script::Arabic
        }
        0x0780..=0x07BF => Script::Thaana,
        0x0900..=0x097F | 0xA8E0..=0xA8FF => Script::Devanagari,
        0x0980..=0x09FF => Script::Bengali,
        0x0A00..=0x0A7F => Script::Gurmukhi,
        0x0A80..=0x0AFF => Script::Gujarati,
        0x0B00..=0x0B7F => Script::Oriya,
        0x0B80..=0x0BFF => Script::Tamil,
        0x0C00..=0x0C7F => Script::Telugu,
        0x0C80..=0x0CFF => Script::Kannada,
        0x0D00..=0x0D7F => Script::Malayalam,
        0x0D80..=0x0DFF => Script::Sinhala,
        0x0E00..=0x0E7F => Script::Thai,
        0x0E80..=0x0EFF => Script::Lao,
        0x0F00..=0x0FFF => Script::Tibetan,
        0x1000..=0x109F | 0xAA60..=0xAA7F | 0xA9E0..=0xA9FF => Script::Myanmar,
        0x10A0..=0x10FF | 0x1C90..=0x1CBF | 0x2D00..=0x2D2F => Script::Georgian,
        0x1100..=0x11FF | 0x3130..=0x318F | 0xA960..=0xA97F | 0xAC00..=0xD7FF | 0xFFA0..=0xFFDC => {
            Script::Hangul
        }
        0x1200..=0x139F | 0x2D80..=0x2DDF | 0xAB00..=0xAB2F => Script::Ethiopic,
        0x1400..=0x167F | 0x18B0..=0x18FF => Script::CanadianSyllabics,
        0x1780..=0x17FF | 0x19E0..=0x19FF => Script::Khmer,
        0x1800..=0x18AF => Script::Mongolian,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Kana,
        0x3005 | 0x3007 | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => Script::Han,
        0x20000..=0x3FFFF => Script::Han,
        0xA000..=0xA4CF => Script::Yi,
        _ => return None,
    })
}

/// Non-alphabetic combining marks that are part of words in Brahmic and South-East Asian
/// scripts (virama, nukta, tone marks).
fn is_mark_in_word_script(cp: u32) -> bool {
    matches!(cp, 0x0900..=0x0DFF | 0x0E00..=0x0EFF | 0x0F00..=0x109F | 0x1780..=0x17FF)
        && !matches!(
            cp,
            0x0964 | 0x0965 | 0x0E3F | 0x0E4F | 0x0E5A | 0x0E5B | 0x104A | 0x104B
        )
        && !is_digit_in_block(cp)
}

/// Digits of the Brahmic and South-East Asian blocks: numbers are not language.
fn is_digit_in_block(cp: u32) -> bool {
    let low = cp & 0x7F;
    match cp {
        0x0900..=0x0DFF => (0x66..=0x6F).contains(&low) || (0x0DE6..=0x0DEF).contains(&cp),
        0x0E50..=0x0E59 | 0x0ED0..=0x0ED9 | 0x0F20..=0x0F33 | 0x1040..=0x1049 => true,
        0x1090..=0x1099 | 0x17E0..=0x17E9 => true,
        _ => false,
    }
}

/// Letters per script in a text, weighted (see [`Script::weight`]).
#[derive(Debug, Default, Clone)]
pub(crate) struct ScriptCounts {
    counts: [u32; Script::ALL.len()],
}

impl ScriptCounts {
    pub(crate) fn of(text: &str) -> Self {
        let mut counts = ScriptCounts::default();
        for c in text.chars() {
            if let Some(script) = script_of(c) {
                counts.counts[script.index()] += script.weight();
            }
        }
        counts
    }

    pub(crate) fn total(&self) -> u32 {
        self.counts.iter().sum()
    }

    pub(crate) fn get(&self, script: Script) -> u32 {
        self.counts[script.index()]
    }

    /// The script most of the text is written in, and its share of all letters. A text mostly
    /// in Thai with "SDG" and "UN" in it is Thai. Kana decides for Japanese as soon as it is a
    /// real part of a Han text, since Japanese mixes both and Chinese never uses kana.
    pub(crate) fn dominant(&self) -> Option<(Script, f32)> {
        let total = self.total();
        if total == 0 {
            return None;
        }
        let (best, &count) = self
            .counts
            .iter()
            .enumerate()
            .max_by_key(|&(i, c)| (*c, std::cmp::Reverse(i)))?;
        let mut script = Script::ALL[best];
        let mut count = count;
        let kana = self.get(Script::Kana);
        if script == Script::Han && kana * 10 >= count {
            script = Script::Kana;
            count += kana;
        } else if script == Script::Kana {
            count += self.get(Script::Han);
        }
        Some((script, (count as f32 / total as f32).min(1.0)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_belong_to_their_script() {
        assert_eq!(script_of('a'), Some(Script::Latin));
        assert_eq!(script_of('ş'), Some(Script::Latin));
        assert_eq!(script_of('ж'), Some(Script::Cyrillic));
        assert_eq!(script_of('ب'), Some(Script::Arabic));
        assert_eq!(script_of('ก'), Some(Script::Thai));
        assert_eq!(script_of('่'), Some(Script::Thai), "Thai tone mark");
        assert_eq!(script_of('्'), Some(Script::Devanagari), "virama");
        assert_eq!(script_of('中'), Some(Script::Han));
        assert_eq!(script_of('の'), Some(Script::Kana));
        assert_eq!(script_of('한'), Some(Script::Hangul));
        assert_eq!(script_of('7'), None);
        assert_eq!(script_of('๗'), None, "Thai digit");
        assert_eq!(script_of('٣'), None, "Arabic-Indic digit");
        assert_eq!(script_of('।'), None, "danda");
        assert_eq!(script_of('，'), None);
    }

    #[test]
    fn thai_with_latin_acronyms_is_mostly_thai() {
        let counts = ScriptCounts::of("กระทรวงมหาดไทย (MoI) ร่วมกับ UNDP ขับเคลื่อน SDG ในระดับพื้นที่");
        assert_eq!(counts.dominant().map(|d| d.0), Some(Script::Thai));
    }

    #[test]
    fn kana_among_han_is_japanese() {
        let counts = ScriptCounts::of("東京都は新型コロナウイルスの感染者を確認した");
        assert_eq!(counts.dominant().map(|d| d.0), Some(Script::Kana));
        let counts = ScriptCounts::of("联合国开发计划署与内政部在曼谷签署合作协议");
        assert_eq!(counts.dominant().map(|d| d.0), Some(Script::Han));
    }
}
