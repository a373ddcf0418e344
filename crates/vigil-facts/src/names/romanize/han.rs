//! Chinese characters to toneless pinyin, respelt the way foreign names are spelt in Latin:
//! Chinese writes foreign names by sound, syllable by syllable ("卢卡申科" lu-ka-shen-ke for
//! Lukashenko), and pinyin's own letters (x, q, zh, c) stand for sounds Latin spells otherwise.

use pinyin::ToPinyin;

pub(super) fn romanize(word: &str) -> String {
    let mut out = String::new();
    for c in word.chars() {
        match reading(c) {
            Some(p) => out.push_str(&respell(p)),
            None => out.extend(c.is_ascii_alphanumeric().then_some(c)),
        }
    }
    out
}

/// The toneless pinyin a character has in a transliterated name: its first reading, except
/// for the few whose first reading is not the one names use ("布什" is bu-shi, Bush).
fn reading(c: char) -> Option<&'static str> {
    match c {
        '什' => Some("shi"),
        _ => c.to_pinyin().map(|p| p.plain()),
    }
}

/// Pinyin initials as a Latin reader would spell their sounds; "er" (尔, 尔 in "Vladimir") is
/// the r or l it stands for.
const INITIALS: &[(&str, &str)] = &[
    ("zh", "zh"),
    ("ch", "ch"),
    ("sh", "sh"),
    ("x", "s"),
    ("q", "ch"),
    ("c", "ts"),
];

fn respell(syllable: &str) -> String {
    if syllable == "er" {
        return "r".into();
    }
    // The -ng final stands for any nasal of the source ("特朗普" te-lang-pu is Trump).
    let syllable = syllable
        .strip_suffix("ng")
        .map_or(syllable.to_string(), |s| format!("{s}n"));
    let syllable = syllable.as_str();
    for (pinyin, latin) in INITIALS {
        if let Some(rest) = syllable.strip_prefix(pinyin) {
            return format!("{latin}{rest}");
        }
    }
    syllable.to_string()
}
