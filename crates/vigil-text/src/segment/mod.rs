//! Word segmentation for every script, with byte offsets into the input.
//!
//! The text is cut into runs: stretches of a script written without spaces (Thai, Lao, Khmer,
//! Burmese, Chinese/Japanese) and everything else. Each run goes to the `Segmenter`
//! registered for its script and language (`SEGMENTERS`); the rest goes to the Unicode
//! word-break rules (`words.rs`). Tokens are words and numbers only, never spaces or punctuation.

use std::ops::Range;

use serde::Serialize;

mod burmese;
mod chinese;
mod cluster;
#[cfg(test)]
mod conformance;
mod dictionary;
mod japanese;
mod khmer;
mod lao;
pub(crate) mod script;
mod thai;
mod words;

pub use chinese::{CHINESE_TRANSLITERATION, jieba};
pub use japanese::is_katakana_letter;
use script::RunScript;

/// One word (or number) of the input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    /// Lower-case ISO 15924 name of the token's script (`latin`, `arabic`, `thai`, `han`…).
    pub script: &'static str,
}

/// Splits one run of text into words.
pub(crate) trait Segmenter: Sync + Send {
    /// Pushes the byte ranges (into `run`) of the words of `run`, in order.
    fn segment_run(&self, run: &str, out: &mut Vec<Range<usize>>);
}

/// Which segmenter handles a run: by script, then by language when one is given (a language
/// of `None` in the table is the script's default).
type Entry = (
    RunScript,
    Option<&'static str>,
    fn() -> &'static dyn Segmenter,
);

static SEGMENTERS: &[Entry] = &[
    (RunScript::Thai, None, || &*thai::THAI),
    (RunScript::Lao, None, || &*lao::LAO),
    (RunScript::Khmer, None, || &*khmer::KHMER),
    (RunScript::Myanmar, None, || &*burmese::BURMESE),
    (RunScript::HanKana, Some("ja"), || &japanese::JAPANESE),
    (RunScript::HanKana, None, || &chinese::CHINESE),
];

fn segmenter_for(script: RunScript, lang: Option<&str>) -> &'static dyn Segmenter {
    let exact = SEGMENTERS
        .iter()
        .find(|(s, l, _)| *s == script && l.is_some() && *l == lang);
    let default = || {
        SEGMENTERS
            .iter()
            .find(|(s, l, _)| *s == script && l.is_none())
    };
    exact
        .or_else(default)
        .map_or(&words::WORDS, |(_, _, get)| get())
}

/// Splits `text` into words; whitespace and punctuation are not tokens.
pub fn segment(text: &str) -> Vec<Token> {
    segment_with_lang(text, None)
}

/// Splits `text`, written in language `lang` (ISO 639-1) if known, into words.
///
/// The language matters for Han characters: Japanese text (`ja`) uses the Japanese dictionary
/// even in a run of kanji only; without it, runs with kana are Japanese and the rest Chinese.
pub fn segment_with_lang(text: &str, lang: Option<&str>) -> Vec<Token> {
    // `ja-JP`, `JA` and `ja` are all Japanese.
    let primary = lang
        .and_then(|l| l.split(['-', '_']).next())
        .map(str::to_ascii_lowercase);
    let lang = primary.as_deref();
    let mut ranges = Vec::with_capacity(text.len() / 5);
    let mut run_ranges = Vec::new();
    for (run, script) in runs(text) {
        let Some(piece) = text.get(run.clone()) else {
            continue;
        };
        let segmenter: &dyn Segmenter = match script {
            None => &words::WORDS,
            Some(RunScript::HanKana)
                if lang != Some("ja") && piece.chars().any(script::is_kana) =>
            {
                &japanese::JAPANESE
            }
            Some(script) => segmenter_for(script, lang),
        };
        run_ranges.clear();
        segmenter.segment_run(piece, &mut run_ranges);
        ranges.extend(
            run_ranges
                .iter()
                .map(|r| r.start + run.start..r.end + run.start),
        );
    }
    ranges
        .into_iter()
        .filter_map(|r| {
            let word = text.get(r.clone())?;
            is_word(word).then(|| Token {
                start: r.start,
                end: r.end,
                script: script::token_script(word),
            })
        })
        .collect()
}

/// Whether a segment is a word or number: it has a letter or digit that is not a combining
/// mark (a space followed by a stray vowel sign is not a word, nor is `_`).
fn is_word(segment: &str) -> bool {
    segment
        .chars()
        .any(|c| c.is_alphanumeric() && !unicode_normalization::char::is_combining_mark(c))
}

/// Maximal runs of one space-less script, and the stretches between them (`None`).
fn runs(text: &str) -> impl Iterator<Item = (Range<usize>, Option<RunScript>)> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, first) = chars.next()?;
        let script = RunScript::of(first);
        let mut end = start + first.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if RunScript::of(c) != script {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        Some((start..end, script))
    })
}

/// Checks what every segmenter must guarantee of its tokens on any input.
#[cfg(test)]
pub(crate) fn check_tokens(text: &str, tokens: &[Token]) -> Result<(), String> {
    let mut previous_end = 0;
    for t in tokens {
        if t.start >= t.end || t.start < previous_end {
            return Err(format!(
                "empty, unsorted or overlapping token {t:?} in {tokens:?}"
            ));
        }
        let Some(word) = text.get(t.start..t.end) else {
            return Err(format!("token {t:?} not on char boundaries of {text:?}"));
        };
        let spaces = word.chars().filter(|c| c.is_whitespace());
        if spaces
            .clone()
            .any(|c| !matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2009}'))
        {
            return Err(format!("token {word:?} holds whitespace"));
        }
        if !is_word(word) {
            return Err(format!("token {word:?} is not a word"));
        }
        previous_end = t.end;
    }
    Ok(())
}

/// The test every segmenter must pass: real examples with their expected words, checked
/// through the public [`segment_with_lang`] (so the run splitting and registry are tested
/// too), and a no-panic property with valid offsets over the script's characters and over
/// arbitrary Unicode.
#[cfg(test)]
macro_rules! test_segmenter {
    ($name:ident, $lang:expr, $script:expr, $alphabet:expr, [$(($text:expr, $expected:expr)),* $(,)?]) => {
        #[test]
        fn $name() {
            let cases: &[(&str, &[&str])] = &[$(($text, $expected)),*];
            for (text, expected) in cases {
                let tokens = $crate::segment::segment_with_lang(text, $lang);
                let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
                assert_eq!(&words, expected, "segmenting {text:?}");
                assert!(
                    tokens.iter().any(|t| t.script == $script),
                    "no {} token in {tokens:?}", $script
                );
                $crate::segment::check_tokens(text, &tokens).unwrap();
            }
        }

        mod properties {
            use proptest::prelude::*;

            proptest! {
                // Failures are kept as explicit examples in the tests, not in files.
                #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

                #[test]
                fn script_text_gives_valid_tokens(text in $alphabet) {
                    let tokens = $crate::segment::segment_with_lang(&text, $lang);
                    prop_assert_eq!($crate::segment::check_tokens(&text, &tokens), Ok(()));
                }

                #[test]
                fn any_text_gives_valid_tokens(text in "\\PC{0,40}") {
                    let tokens = $crate::segment::segment_with_lang(&text, $lang);
                    prop_assert_eq!($crate::segment::check_tokens(&text, &tokens), Ok(()));
                }
            }
        }
    };
}
#[cfg(test)]
pub(crate) use test_segmenter;

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        segment(text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect()
    }

    #[test]
    fn mixed_scripts_in_one_text() {
        let text = "UN (สหประชาชาติ) 联合国 and ООН: 2020";
        assert_eq!(
            words(text),
            ["UN", "สหประชาชาติ", "联合国", "and", "ООН", "2020"]
        );
        let scripts: Vec<&str> = segment(text).iter().map(|t| t.script).collect();
        assert_eq!(
            scripts,
            ["latin", "thai", "han", "latin", "cyrillic", "common"]
        );
    }

    #[test]
    fn thai_with_latin_acronym_and_zero_width_space() {
        assert_eq!(
            words("เป้าหมาย SDGs ของ\u{200B}สหประชาชาติ"),
            ["เป้า", "หมาย", "SDGs", "ของ", "สหประชาชาติ"]
        );
    }

    #[test]
    fn kana_makes_a_run_japanese_without_a_language() {
        assert_eq!(
            words("東京に住んでいます"),
            ["東京", "に", "住", "んで", "い", "ます"]
        );
    }

    #[test]
    fn language_tags_with_regions() {
        let text = "国際連合";
        let ja: Vec<&str> = segment_with_lang(text, Some("ja-JP"))
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(
            ja,
            segment_with_lang(text, Some("ja"))
                .iter()
                .map(|t| &text[t.start..t.end])
                .collect::<Vec<_>>()
        );
    }

    #[test]
    fn long_runs_and_pathological_marks() {
        let thai = "ประเทศไทย".repeat(5_000);
        assert_eq!(segment(&thai).len(), 5_000);
        let marks = format!("ก{}", "\u{0E48}".repeat(50_000));
        check_tokens(&marks, &segment(&marks)).unwrap();
    }

    /// Inputs proptest once shrank failures to: symbols, radicals and marks after a space
    /// must not become tokens.
    #[test]
    fn symbols_and_stray_marks_are_not_words() {
        for text in [
            "_﹨",
            "႞",
            "᪠",
            "꫞",
            "⺛ ⺀ ⼀",
            "_ ",
            "א \u{591} ",
            "א \u{5b0}\"",
        ] {
            let tokens = segment(text);
            check_tokens(text, &tokens).unwrap();
            assert!(
                tokens
                    .iter()
                    .all(|t| !text[t.start..t.end].starts_with('_')),
                "{text:?}"
            );
        }
        assert_eq!(words("a \u{b3e}a"), ["a", "a"]);
        assert_eq!(words("𐣠 \u{11357}A"), ["𐣠", "A"]);
    }

    #[test]
    fn empty_and_blank() {
        assert!(segment("").is_empty());
        assert!(segment(" \n\t… —").is_empty());
    }

    use crate::test_support::seed;

    #[test]
    fn thai_seed_words_stay_whole() {
        let Some(text) = seed("002_") else { return };
        let tokens = segment_with_lang(&text, Some("th"));
        check_tokens(&text, &tokens).unwrap();
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        for whole in ["ประธานาธิบดี", "สหประชาชาติ", "เบลารุส", "7,000"]
        {
            assert!(words.contains(&whole), "{whole} not a token");
        }
        // สิทธิมนุษยชน may only be cut at its compound boundaries.
        let joined = words.join("|");
        assert!(joined.contains("สิทธิ|มนุษยชน") || joined.contains("สิทธิ|มนุษย|ชน"));
        // No token may start with a vowel sign, tone mark or following vowel.
        for w in &words {
            let first = w.chars().next().unwrap_or(' ');
            assert!(
                !cluster::is_mark(first) && !matches!(first, 'ะ' | 'า' | 'ำ'),
                "{w}"
            );
        }
    }

    #[test]
    fn chinese_seed_words_are_sensible() {
        let Some(text) = seed("003_") else { return };
        let tokens = segment_with_lang(&text, Some("zh"));
        check_tokens(&text, &tokens).unwrap();
        let words: Vec<&str> = tokens.iter().map(|t| &text[t.start..t.end]).collect();
        for whole in ["白俄罗斯", "人权", "联合国", "理事会", "爱沙尼亚", "2020"] {
            assert!(words.contains(&whole), "{whole} not a token");
        }
        assert!(words.join("|").contains("安全|理事会"));
    }
}
