//! Words of scripts written with spaces (Latin, Cyrillic, Greek, Arabic, Hebrew, Devanagari,
//! Hangul…) and numbers of every script: the Unicode word-break rules (UAX #29).
//!
//! UAX #29 already keeps `7,000`, `3.5`, `٢٠٢٠`, `1'000` and `l'homme` whole. One addition:
//! digit groups separated by a no-break or thin space (`150 000` in French or Russian
//! typography) are one number, because those spaces are only ever written inside numbers;
//! an ordinary space is not, as `in 2020 150 people` shows.

use std::ops::Range;

use icu_segmenter::WordSegmenter;
use icu_segmenter::options::WordBreakInvariantOptions;

use super::Segmenter;

pub(crate) struct Words;

pub(crate) static WORDS: Words = Words;

impl Segmenter for Words {
    fn segment_run(&self, run: &str, out: &mut Vec<Range<usize>>) {
        let segmenter =
            WordSegmenter::new_for_non_complex_scripts(WordBreakInvariantOptions::default());
        let first = out.len();
        let mut start = 0;
        for end in segmenter
            .segment_str(run)
            .iter_with_word_type()
            .map(|(end, _)| end)
        {
            // ICU4X marks a segment ending in a combining mark (`परिषद ने`, `مجلسُ`) as not
            // word-like, so words are recognised by their letters and digits instead.
            if end > start && run.get(start..end).is_some_and(super::is_word) {
                let continues = out.len() > first
                    && out
                        .last()
                        .is_some_and(|last| joins_number(run, last.clone(), start..end));
                match out.last_mut() {
                    Some(last) if continues => last.end = end,
                    _ => out.push(start..end),
                }
            }
            start = end;
        }
    }
}

/// Whether `next` continues the number `prev` across one no-break or thin space.
fn joins_number(text: &str, prev: Range<usize>, next: Range<usize>) -> bool {
    let Some(gap) = text.get(prev.end..next.start) else {
        return false;
    };
    let Some(word) = text.get(next.clone()) else {
        return false;
    };
    let group: String = word.chars().take_while(|c| c.is_ascii_digit()).collect();
    matches!(gap, "\u{00A0}" | "\u{202F}" | "\u{2009}")
        && text[prev]
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_digit())
        && group.len() == 3
        && word[group.len()..]
            .chars()
            .next()
            .is_none_or(|c| matches!(c, ',' | '.'))
}

#[cfg(test)]
mod tests {
    crate::segment::test_segmenter!(
        words,
        Some("en"),
        "latin",
        "[a-zA-Z0-9 ,.'%\u{00A0}-]{0,60}",
        [
            (
                "In 2020, more than 7,000 people were detained in Minsk.",
                &[
                    "In", "2020", "more", "than", "7,000", "people", "were", "detained", "in",
                    "Minsk"
                ]
            ),
            (
                "Unemployment rose to 3.5 % (80%).",
                &["Unemployment", "rose", "to", "3.5", "80"]
            ),
            (
                "L'ONU compte 150\u{00A0}000 réfugiés",
                &["L'ONU", "compte", "150\u{00A0}000", "réfugiés"]
            ),
            ("in 2020 150 people", &["in", "2020", "150", "people"]),
            (
                "U.S. e-mail co-operation",
                &["U.S", "e", "mail", "co", "operation"]
            ),
        ]
    );

    mod russian {
        crate::segment::test_segmenter!(
            russian,
            Some("ru"),
            "cyrillic",
            "[а-яА-ЯёЁ0-9 ,.\u{00A0}]{0,60}",
            [
                (
                    "Более 7\u{00A0}000 человек задержаны в Минске.",
                    &[
                        "Более",
                        "7\u{00A0}000",
                        "человек",
                        "задержаны",
                        "в",
                        "Минске"
                    ]
                ),
                (
                    "Лукашенко объявил о победе",
                    &["Лукашенко", "объявил", "о", "победе"]
                ),
            ]
        );
    }

    mod arabic {
        crate::segment::test_segmenter!(
            arabic,
            Some("ar"),
            "arabic",
            "[\u{0600}-\u{06FF} ]{0,60}",
            [
                (
                    "اعتقلت السلطات أكثر من ٧٠٠٠ شخص في مينسك.",
                    &[
                        "اعتقلت",
                        "السلطات",
                        "أكثر",
                        "من",
                        "٧٠٠٠",
                        "شخص",
                        "في",
                        "مينسك"
                    ]
                ),
                (
                    "مجلسُ الأمنِ، والأمم المتحدة",
                    &["مجلسُ", "الأمنِ", "والأمم", "المتحدة"]
                ),
            ]
        );
    }

    mod hebrew {
        crate::segment::test_segmenter!(
            hebrew,
            Some("he"),
            "hebrew",
            "[\u{0590}-\u{05FF} \"']{0,60}",
            [
                (
                    "מועצת הביטחון של האו\"ם התכנסה",
                    &["מועצת", "הביטחון", "של", "האו\"ם", "התכנסה"]
                ),
                (
                    "בשנת 2020 נעצרו 7,000 איש",
                    &["בשנת", "2020", "נעצרו", "7,000", "איש"]
                ),
            ]
        );
    }

    mod hindi {
        crate::segment::test_segmenter!(
            hindi,
            Some("hi"),
            "devanagari",
            "[\u{0900}-\u{097F} ]{0,60}",
            [
                (
                    "संयुक्त राष्ट्र सुरक्षा परिषद ने बैठक की।",
                    &["संयुक्त", "राष्ट्र", "सुरक्षा", "परिषद", "ने", "बैठक", "की"]
                ),
                ("२०२० में ७००० लोग", &["२०२०", "में", "७०००", "लोग"]),
            ]
        );
    }

    mod korean {
        crate::segment::test_segmenter!(
            korean,
            Some("ko"),
            "hangul",
            "[가-힣 0-9]{0,60}",
            [(
                "유엔 안전보장이사회는 2020년 회의를 열었다.",
                &["유엔", "안전보장이사회는", "2020년", "회의를", "열었다"]
            ),]
        );
    }
}
