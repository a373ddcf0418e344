//! Foreign people in Chinese: names transliterated syllable by syllable (斯维特兰娜·季哈诺夫斯卡娅,
//! 卢卡申科) from a small set of characters chosen for their sound.
//!
//! The statistical model, trained on MSRA (mostly Chinese names, and lists of them written with
//! no separator), cuts such names into two-character pieces. Two patterns find them reliably:
//! transliteration runs joined by the middle dot that Chinese writes only inside foreign names
//! ("乌尔马斯·赖因萨卢"), and a run of three or more after a title ("总统卢卡申科"). A run is
//! the longest stretch of transliteration characters, so the words around it ("外交部长",
//! "主持") stay out. Runs followed by a suffix that makes them a people or a language
//! (阿拉伯人, 阿拉伯语) are not names.
//!
//! The character set is the core of the usual transliteration tables (the syllables of the
//! Xinhua tables for English, Russian, French and other names): characters, not people.

use vigil_text::segment::CHINESE_TRANSLITERATION as TRANSLITERATION;

use crate::Kind;
use crate::ner::NameSpan;

/// Titles after which a transliteration run is a person.
const TITLES: &[&str] = &[
    "外交部长",
    "副总统",
    "总统",
    "总理",
    "首相",
    "外长",
    "部长",
    "大使",
    "副主席",
    "主席",
    "报告员",
    "发言人",
    "秘书长",
    "领导人",
    "议长",
    "国王",
    "先生",
    "女士",
    "夫人",
    "记者",
    "候选人",
];

/// A run followed by one of these names a people, a language or a place, not a person.
const NOT_PERSON_AFTER: &str = "人语族国州省市岛湾河山文式";

/// Middle dots Chinese writes between the parts of a foreign name.
const DOTS: &[char] = &['·', '・', '•', '‧', '∙'];

/// Whether `c` is a CJK unified ideograph (the common block).
pub(crate) fn is_han(c: Option<char>) -> bool {
    c.is_some_and(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

/// Words for a kind of body that name no particular one: "理事会" (the council) alone, like
/// "Police said" in English.
const GENERIC_BODIES: &[&str] = &[
    "理事会",
    "委员会",
    "政府",
    "警方",
    "议会",
    "法院",
    "军方",
    "当局",
    "部门",
    "会议",
];

/// Whether `name` is only a word for a kind of body.
pub(crate) fn generic_body(name: &str) -> bool {
    GENERIC_BODIES.contains(&name.trim())
}

/// Suffixes that make abstract nouns: "严重性" (seriousness), "失业率" (unemployment rate),
/// "民族主义" (nationalism). Their first character is often a surname too (严), and the model,
/// reading a few characters around, can take such a word for a person; no given name ends
/// in them.
const ABSTRACT_SUFFIXES: &[&str] = &["性", "率", "主义"];

/// Whether `name`, found as a person, is a Han abstract noun (no middle dot: foreign names
/// are transliterated, never built of these suffixes).
pub(crate) fn abstract_noun(name: &str) -> bool {
    !name.contains(DOTS)
        && is_han(name.chars().next())
        && ABSTRACT_SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Words that end the name of a building or a site: "万国宫" (the Palais des Nations),
/// "天安门广场", "首都机场". The model, reading a few characters around, takes some of these for
/// people; no given name ends in them.
const SITE_SUFFIXES: &[&str] = &[
    "宫",
    "广场",
    "大厦",
    "公园",
    "机场",
    "车站",
    "大街",
    "大道",
    "体育场",
    "博物馆",
    "纪念馆",
    "会议中心",
];

/// Whether `name`, found as a person, is a Han name of a building or site (no middle dot, as
/// for [`abstract_noun`]).
pub(crate) fn site(name: &str) -> bool {
    !name.contains(DOTS)
        && is_han(name.chars().next())
        && SITE_SUFFIXES.iter().any(|s| name.ends_with(s))
}

fn transliterates(c: char) -> bool {
    TRANSLITERATION.contains(c)
}

/// Foreign personal names in Chinese `text`, avoiding the ranges in `taken`.
pub(super) fn find(text: &str, taken: &[(usize, usize)]) -> Vec<NameSpan> {
    let mut found = dotted(text);
    found.extend(after_titles(text, &found));
    found.extend(before_titles(text, &found));
    found.retain(|n| !taken.iter().any(|&(s, e)| n.start < e && s < n.end));
    found.sort_by_key(|n| n.start);
    found
}

/// The byte range of the run of transliteration characters ending at `end`.
fn run_back(text: &str, end: usize) -> usize {
    let mut start = end;
    for c in text[..end].chars().rev() {
        if !transliterates(c) {
            break;
        }
        start -= c.len_utf8();
    }
    start
}

/// The byte range of the run of transliteration characters starting at `start`. A line
/// break inside the run (text taken from a PDF wraps mid-name: "斯特凡\n\n诺维奇") does not
/// end it.
fn run_forward(text: &str, start: usize) -> usize {
    let mut end = start;
    for (i, c) in text[start..].char_indices() {
        if transliterates(c) {
            end = start + i + c.len_utf8();
            continue;
        }
        if end > start && c.is_whitespace() && wraps(&text[start + i..]) {
            continue;
        }
        break;
    }
    end
}

/// Whether `rest` starts with whitespace holding a line break, then a transliteration
/// character.
fn wraps(rest: &str) -> bool {
    let gap: &str = rest
        .split(|c: char| !c.is_whitespace())
        .next()
        .unwrap_or("");
    gap.contains('\n') && rest[gap.len()..].chars().next().is_some_and(transliterates)
}

/// "A·B(·C)": every part a run of at least one transliteration character, two in the first.
fn dotted(text: &str) -> Vec<NameSpan> {
    let mut found: Vec<NameSpan> = Vec::new();
    let mut at = 0;
    while let Some(offset) = text[at..].find(DOTS) {
        let dot = at + offset;
        let dot_len = text[dot..].chars().next().map_or(1, char::len_utf8);
        at = dot + dot_len;
        if found.last().is_some_and(|n| n.end > dot) {
            continue;
        }
        let start = run_back(text, dot);
        let first = text[start..dot].chars().count();
        let mut end = run_forward(text, dot + dot_len);
        if first < 2 || end == dot + dot_len {
            continue;
        }
        // Further parts: "A·B·C".
        while let Some(next) = text[end..].chars().next().filter(|c| DOTS.contains(c)) {
            let after = run_forward(text, end + next.len_utf8());
            if after == end + next.len_utf8() {
                break;
            }
            end = after;
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

/// Titles Chinese writes after a name ("莫尔科夫大使", Ambassador Morkov; "普京总统").
const TITLES_AFTER: &[&str] = &[
    "大使",
    "先生",
    "女士",
    "夫人",
    "总统",
    "总理",
    "首相",
    "主席",
    "部长",
    "外长",
    "议长",
    "秘书长",
];

/// A run of three to eight transliteration characters straight before a title that follows
/// names, unless the gazetteer knows it or its end as a place ("俄罗斯总统", the Russian
/// president).
fn before_titles(text: &str, found: &[NameSpan]) -> Vec<NameSpan> {
    let mut out: Vec<NameSpan> = Vec::new();
    for title in TITLES_AFTER {
        for (end, _) in text.match_indices(title) {
            let start = run_back(text, end);
            let chars = text[start..end].chars().count();
            let known = found
                .iter()
                .chain(&out)
                .any(|n| n.start < end && start < n.end);
            let place = || {
                let run = &text[start..end];
                vigil_text::gazetteer::find(run)
                    .iter()
                    .any(|m| m.end == run.len())
            };
            if (3..=8).contains(&chars) && !known && !place() {
                out.push(NameSpan {
                    start,
                    end,
                    kind: Kind::Person,
                });
            }
        }
    }
    out
}

/// A run of three to eight transliteration characters straight after a title.
fn after_titles(text: &str, dotted: &[NameSpan]) -> Vec<NameSpan> {
    let mut found = Vec::new();
    for title in TITLES {
        for (at, _) in text.match_indices(title) {
            let start = at + title.len();
            if dotted.iter().any(|n| n.start <= start && start < n.end) {
                continue;
            }
            let end = run_forward(text, start);
            let chars = text[start..end].chars().count();
            let next = text[end..].chars().next();
            if (3..=8).contains(&chars) && !next.is_some_and(|c| NOT_PERSON_AFTER.contains(c)) {
                found.push(NameSpan {
                    start,
                    end,
                    kind: Kind::Person,
                });
            }
        }
    }
    found.sort_by_key(|n| n.start);
    found.dedup_by_key(|n| n.start);
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<&str> {
        find(text, &[])
            .iter()
            .map(|n| &text[n.start..n.end])
            .collect()
    }

    #[test]
    fn dotted_names_without_the_words_around_them() {
        assert_eq!(
            names("辩论会由爱沙尼亚共和国外交部长乌尔马斯·赖因萨卢主持。"),
            ["乌尔马斯·赖因萨卢"]
        );
        assert_eq!(
            names("候选人斯维特兰娜·季哈诺夫斯卡娅；法律专家沃尔哈·西亚霍维奇。"),
            ["斯维特兰娜·季哈诺夫斯卡娅", "沃尔哈·西亚霍维奇"]
        );
        assert_eq!(names("约翰·菲茨杰拉德·肯尼迪"), ["约翰·菲茨杰拉德·肯尼迪"]);
        // A line break inside a name, as text from PDFs has.
        assert_eq!(
            names("副主席瓦连钦·斯特凡\n\n诺维奇；"),
            ["瓦连钦·斯特凡\n\n诺维奇"]
        );
    }

    #[test]
    fn a_run_after_a_title_but_not_a_people_or_language() {
        assert_eq!(names("白俄罗斯总统卢卡申科表示"), ["卢卡申科"]);
        assert!(names("他的代表阿拉伯人发言").is_empty());
        assert!(names("总统府发表声明").is_empty());
        // Two characters after a title is too little to tell a name from a word.
        assert!(names("总统马林说").is_empty());
    }

    #[test]
    fn taken_ranges_are_left_alone() {
        let text = "会见了安东尼奥·古特雷斯";
        let start = text.find('安').unwrap();
        assert!(find(text, &[(start, text.len())]).is_empty());
        assert_eq!(names(text), ["安东尼奥·古特雷斯"]);
    }
}
