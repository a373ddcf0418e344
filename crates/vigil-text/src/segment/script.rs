//! Which script a character is written in, as far as word segmentation cares.

use std::collections::HashMap;
use std::sync::{LazyLock, Mutex};

use unicode_script::{Script, UnicodeScript};

/// Scripts written without spaces between words: each needs its own segmenter.
///
/// Digits of these scripts are *not* part of a run (`๒๕๖๓` is a number, handled by the
/// UAX #29 rules like any other number).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum RunScript {
    Thai,
    Lao,
    Khmer,
    Myanmar,
    /// Han ideographs and kana: Chinese or Japanese, told apart by language or by kana.
    HanKana,
}

impl RunScript {
    /// The run a character belongs to, or `None` for characters of space-separated scripts,
    /// digits, punctuation and spaces.
    pub(crate) fn of(c: char) -> Option<RunScript> {
        let u = c as u32;
        // ASCII and most alphabetic scripts fall here first: no lookup needed.
        if u < 0x0E01 {
            return None;
        }
        match u {
            // Letters and marks only: the baht sign and Thai/Lao/Khmer/Myanmar punctuation
            // are not words.
            0x0E01..=0x0E3A | 0x0E40..=0x0E4E => Some(RunScript::Thai),
            0x0E81..=0x0ECE | 0x0EDC..=0x0EDF => Some(RunScript::Lao),
            0x1000..=0x103F | 0x1050..=0x108F | 0x109A..=0x109D => Some(RunScript::Myanmar),
            0xAA60..=0xAA7F | 0xA9E0..=0xA9EF | 0xA9FA..=0xA9FE => Some(RunScript::Myanmar),
            0x1780..=0x17D3 | 0x17D7 | 0x17DC | 0x17DD => Some(RunScript::Khmer),
            // Prolonged sound mark (ー) and iteration marks are Common/Han but part of words.
            0x3005 | 0x3006 | 0x303B | 0x309D | 0x309E | 0x30FC..=0x30FE => {
                Some(RunScript::HanKana)
            }
            _ => match c.script() {
                Script::Han | Script::Hiragana | Script::Katakana => Some(RunScript::HanKana),
                _ => None,
            },
        }
    }
}

/// True for hiragana and katakana: a run holding them is Japanese whatever the language tag.
pub(crate) fn is_kana(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x309F | 0x30A0..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9D)
}

/// Lower-case ISO 15924 name of the script of a token: the first character that belongs
/// to a specific script decides; tokens of digits only are `common`.
pub(crate) fn token_script(token: &str) -> &'static str {
    token
        .chars()
        .map(|c| c.script())
        .find(|s| !matches!(s, Script::Common | Script::Inherited | Script::Unknown))
        .map_or("common", script_name)
}

/// Lower-case name of a script, as `'static` text.
pub(crate) fn script_name(script: Script) -> &'static str {
    match script {
        Script::Latin => "latin",
        Script::Arabic => "arabic",
        Script::Cyrillic => "cyrillic",
        Script::Greek => "greek",
        Script::Hebrew => "hebrew",
        Script::Han => "han",
        Script::Hiragana => "hiragana",
        Script::Katakana => "katakana",
        Script::Hangul => "hangul",
        Script::Thai => "thai",
        Script::Lao => "lao",
        Script::Khmer => "khmer",
        Script::Myanmar => "myanmar",
        Script::Devanagari => "devanagari",
        Script::Bengali => "bengali",
        Script::Gurmukhi => "gurmukhi",
        Script::Gujarati => "gujarati",
        Script::Tamil => "tamil",
        Script::Telugu => "telugu",
        Script::Kannada => "kannada",
        Script::Malayalam => "malayalam",
        Script::Sinhala => "sinhala",
        Script::Oriya => "oriya",
        Script::Armenian => "armenian",
        Script::Georgian => "georgian",
        Script::Ethiopic => "ethiopic",
        Script::Tibetan => "tibetan",
        Script::Mongolian => "mongolian",
        Script::Syriac => "syriac",
        Script::Thaana => "thaana",
        Script::Common => "common",
        Script::Inherited => "inherited",
        other => rare_script_name(other),
    }
}

/// Names of the remaining scripts, lower-cased once and kept for the life of the process
/// (at most one small string per script Unicode defines).
fn rare_script_name(script: Script) -> &'static str {
    static NAMES: LazyLock<Mutex<HashMap<Script, &'static str>>> =
        LazyLock::new(|| Mutex::new(HashMap::new()));
    let Ok(mut names) = NAMES.lock() else {
        return "unknown";
    };
    names
        .entry(script)
        .or_insert_with(|| Box::leak(script.full_name().to_lowercase().into_boxed_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_and_names() {
        assert_eq!(RunScript::of('ก'), Some(RunScript::Thai));
        assert_eq!(
            RunScript::of('๕'),
            None,
            "Thai digits are numbers, not run letters"
        );
        assert_eq!(RunScript::of('ສ'), Some(RunScript::Lao));
        assert_eq!(RunScript::of('ក'), Some(RunScript::Khmer));
        assert_eq!(RunScript::of('မ'), Some(RunScript::Myanmar));
        assert_eq!(RunScript::of('国'), Some(RunScript::HanKana));
        assert_eq!(RunScript::of('ー'), Some(RunScript::HanKana));
        assert_eq!(RunScript::of('a'), None);
        assert_eq!(RunScript::of('한'), None);
        assert_eq!(token_script("2020"), "common");
        assert_eq!(token_script("Мінск"), "cyrillic");
        assert_eq!(token_script("ᚠᚢᚦ"), "runic");
        assert_eq!(token_script("٢٠٢٠"), "arabic");
    }
}
