//! Thai people: Thai writes no capitals and no spaces between words, so a name is found by
//! the title before it. After a title (นาย Mr, นาง Mrs, นางสาว Miss, ประธานาธิบดี president,
//! นายกรัฐมนตรี prime minister…) the name runs to the next space or punctuation, cut at the
//! first common word ("กล่าว" said, "ว่า" that); Thai writes a given name and surname with a
//! space between, so the next space-separated word, when short and not a common word, is the
//! surname. A title
//! followed by a gazetteer name (ประธานาธิบดีเบลารุส, the president of Belarus) names no one.
//! Foreign names transliterated without a title (โอเมอร์ ฟิชเชอร์) need a trained model and
//! are not found here.

use crate::Kind;
use crate::ner::NameSpan;

/// Titles, longest first so that นางสาว is not read as นาง + สาว.
const TITLES: &[&str] = &[
    "นายกรัฐมนตรี",
    "ประธานาธิบดี",
    "เลขาธิการ",
    "รัฐมนตรี",
    "นางสาว",
    "พลเอก",
    "พล.อ.",
    "ผู้นำ",
    "ดร.",
    "นาย",
    "นาง",
];

/// Common words that end a name written straight after a title.
const ENDS_NAME: &[&str] = &[
    "กล่าว",
    "ว่า",
    "ว่าการ",
    "ได้",
    "และ",
    "ที่",
    "ของ",
    "ใน",
    "จะ",
    "เป็น",
    "ให้",
    "กับ",
    "ซึ่ง",
    "ไป",
    "มา",
    "แล้ว",
    "ก็",
    "ยัง",
    "โดย",
    "จาก",
    "เพื่อ",
    "ถึง",
    "ต่อ",
    "เมื่อ",
    "นี้",
    "นั้น",
    "คน",
    "แห่ง",
    "ประจำ",
    "กระทรวง",
    // Bodies and groups a title heads ("ผู้นำฝ่ายค้าน", the opposition leader): no name.
    "ฝ่ายค้าน",
    "ฝ่าย",
    "รัฐบาล",
    "พรรค",
    "กลุ่ม",
    "ประเทศ",
    "ทหาร",
    "ตำรวจ",
    "ขบวนการ",
    "ผู้ประท้วง",
];

/// A name needs at least this many characters after its title.
const MIN_NAME_CHARS: usize = 2;
/// A surname after a personal title is at most this long (in characters).
const MAX_SURNAME_CHARS: usize = 16;

pub(super) fn find(text: &str, taken: &[(usize, usize)]) -> Vec<NameSpan> {
    if !TITLES.iter().any(|t| text.contains(t)) {
        return Vec::new();
    }
    // A title glued to the word before it ("ตัวแทนนาย…") counts only where the dictionary
    // segmentation starts a word: "นาย" inside "นายทหาร" (an officer) is no title.
    let word_starts: std::collections::HashSet<usize> = vigil_text::segment::segment(text)
        .iter()
        .map(|t| t.start)
        .collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let Some(title) = TITLES.iter().find(|t| rest.starts_with(**t)) else {
            at += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let title_start = at;
        let start = at + title.len();
        at = start;
        let after_letter = text[..title_start]
            .chars()
            .next_back()
            .is_some_and(is_thai_letter);
        if after_letter && !word_starts.contains(&title_start) {
            continue;
        }
        if taken.iter().any(|&(s, _)| s == start) {
            continue;
        }
        let mut end = run_end(text, start);
        if text[start..end].chars().count() < MIN_NAME_CHARS {
            continue;
        }
        end = with_surname(text, end);
        if taken.iter().any(|&(s, e)| start < e && s < end) {
            continue;
        }
        found.push(NameSpan {
            start,
            end,
            kind: Kind::Person,
        });
        at = end;
    }
    found
}

/// The end of a given name's surname, when one space-separated word of Thai follows.
fn with_surname(text: &str, given_end: usize) -> usize {
    if !text[given_end..].starts_with(' ') {
        return given_end;
    }
    let after = given_end + 1;
    if !text[after..].chars().next().is_some_and(is_thai_letter) {
        return given_end;
    }
    let first_word = vigil_text::segment::segment(&text[after..run_end_plain(text, after)])
        .first()
        .map(|t| &text[after + t.start..after + t.end]);
    if first_word.is_some_and(|w| ENDS_NAME.contains(&w)) {
        return given_end;
    }
    let surname_end = run_end(text, after);
    let chars = text[after..surname_end].chars().count();
    let whole_word = text[surname_end..]
        .chars()
        .next()
        .is_none_or(|c| !is_thai_letter(c));
    if (MIN_NAME_CHARS..=MAX_SURNAME_CHARS).contains(&chars) && whole_word {
        surname_end
    } else {
        given_end
    }
}

/// The end of the Thai letters from `start`.
fn run_end_plain(text: &str, start: usize) -> usize {
    start
        + text[start..]
            .chars()
            .take_while(|c| is_thai_letter(*c))
            .map(char::len_utf8)
            .sum::<usize>()
}

/// The end of the Thai letters from `start`, cut before the first word that ends a name.
fn run_end(text: &str, start: usize) -> usize {
    let run = run_end_plain(text, start) - start;
    let run_text = &text[start..start + run];
    let cut = vigil_text::segment::segment(run_text)
        .into_iter()
        .find(|t| ENDS_NAME.contains(&&run_text[t.start..t.end]))
        .map_or(run, |t| t.start);
    start + cut
}

fn is_thai_letter(c: char) -> bool {
    ('\u{0E01}'..='\u{0E4E}').contains(&c) && !matches!(c, '\u{0E3F}' | '\u{0E46}' | '\u{0E4F}')
}
