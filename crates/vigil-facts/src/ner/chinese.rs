//! Chinese: one token per character, tagged with the characters around it, the jieba word
//! that holds it (the word, the character's place in it, its part of speech: `nr` person,
//! `ns` place, `nt` organisation are strong hints), the gazetteer's places and bodies, and
//! whether it is a common surname.

use std::ops::Range;

use super::features::{Features, around, at, gazetteer_tags};

/// Bump when the features change: a model trained on other features is not used.
pub(crate) const FEATURE_VERSION: u16 = 2;

/// Every character that is not a space or an invisible mark is a token.
pub(crate) fn tokenize(text: &str) -> Vec<Range<usize>> {
    text.char_indices()
        .filter(|&(_, c)| !c.is_whitespace() && !is_invisible(c))
        .map(|(at, c)| at..at + c.len_utf8())
        .collect()
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The most common single-character surnames (a fixed list of family names, no given
/// names), and the compound ones.
const SURNAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤温";
const COMPOUND_SURNAMES: &[&str] = &[
    "欧阳", "司马", "诸葛", "上官", "司徒", "东方", "皇甫", "令狐", "慕容", "尉迟", "公孙", "夏侯",
    "长孙", "宇文", "端木", "独孤",
];

fn is_surname(c: char) -> bool {
    SURNAMES.contains(c)
}

/// What kind of character: Han, a Chinese numeral, a digit, Latin, punctuation, other.
fn char_type(c: char) -> &'static str {
    if "零〇一二三四五六七八九十百千万亿两".contains(c) {
        "cnum"
    } else if c.is_ascii_digit() || ('０'..='９').contains(&c) {
        "digit"
    } else if ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c) {
        "han"
    } else if c.is_alphabetic() {
        "latin"
    } else if c.is_ascii_punctuation() || ('\u{3000}'..='\u{303F}').contains(&c) {
        "punct"
    } else if ('\u{FF00}'..='\u{FFEF}').contains(&c) {
        "fullwidth"
    } else {
        "other"
    }
}

/// One jieba word: its text, part of speech and byte range.
struct Word<'a> {
    text: &'a str,
    pos: &'a str,
    range: Range<usize>,
}

/// Jieba's words (with its hidden Markov model for unknown words) and, for each token, the
/// index of the word holding it.
fn words<'a>(text: &'a str, tokens: &[Range<usize>]) -> (Vec<Word<'a>>, Vec<usize>) {
    let jieba = vigil_text::segment::jieba();
    let words: Vec<Word> = jieba
        .tag(text, true)
        .into_iter()
        .filter(|t| !t.word.trim().is_empty())
        .map(|t| Word {
            text: t.word,
            pos: t.tag,
            range: t.byte_start..t.byte_end,
        })
        .collect();
    let mut of_token = Vec::with_capacity(tokens.len());
    let mut w = 0;
    for token in tokens {
        while w + 1 < words.len() && words[w].range.end <= token.start {
            w += 1;
        }
        of_token.push(w);
    }
    (words, of_token)
}

/// Feature templates (numbers are part of the model: renumbering needs a new FEATURE_VERSION).
mod t {
    pub const BIAS: u8 = 0;
    pub const CHAR_AT: u8 = 1; // 1..=5: −2..+2
    pub const BIGRAM: u8 = 6; // 6..=9: (−2,−1) (−1,0) (0,+1) (+1,+2)
    pub const SKIP: u8 = 10; // (−1,+1)
    pub const TRIGRAM: u8 = 11; // (−1,0,+1)
    pub const TYPES: u8 = 12;
    pub const WORD: u8 = 14;
    pub const PLACE: u8 = 15; // B, M, E, S in the word
    pub const POS: u8 = 16;
    pub const POS_PLACE: u8 = 17;
    pub const WORD_PLACE: u8 = 18;
    pub const POS_LEN: u8 = 19;
    pub const WORD_BEFORE: u8 = 20;
    pub const WORD_AFTER: u8 = 21;
    pub const POS_BEFORE: u8 = 22;
    pub const POS_AFTER: u8 = 23;
    pub const POS_TRIPLE: u8 = 24;
    pub const GAZ: u8 = 25; // 25..=27: −1..+1
    pub const SURNAME: u8 = 28; // 28..=30: at 0, −1, −2
    pub const COMPOUND_SURNAME: u8 = 31;
    pub const CHAR_PLACE: u8 = 32;
    pub const DICT: u8 = 33; // a dictionary word of 2+ characters holds this one: place, length
    pub const DICT_LONGEST: u8 = 34;
}

/// The dictionary words of two or more characters that hold each token (jieba's every-word
/// cut), as `(token, place in the word: B, M or E, the word's length)` sorted by token.
fn dictionary_spans(text: &str, tokens: &[Range<usize>]) -> Vec<(u32, u8, u8)> {
    let mut out = Vec::with_capacity(tokens.len() * 3);
    let jieba = vigil_text::segment::jieba();
    let mut i = 0;
    for word in jieba.cut_all(text) {
        let len = word.end - word.start;
        if len < 2 {
            continue;
        }
        while i < tokens.len() && tokens[i].end <= word.byte_start {
            i += 1;
        }
        let mut j = i;
        while j < tokens.len() && tokens[j].start < word.byte_end {
            let place = if tokens[j].start == word.byte_start {
                b'B'
            } else if tokens[j].end == word.byte_end {
                b'E'
            } else {
                b'M'
            };
            out.push((j as u32, place, len.min(9) as u8));
            j += 1;
        }
    }
    out.sort_by_key(|d| d.0);
    out
}

/// The features of every token of `text` (`tokens` are byte ranges into it).
pub(crate) fn features(text: &str, tokens: &[Range<usize>]) -> Features {
    let n = tokens.len();
    let chars: Vec<&str> = tokens.iter().map(|r| &text[r.clone()]).collect();
    let first = |s: &str| s.chars().next().unwrap_or(' ');
    let types: Vec<&str> = chars.iter().map(|c| char_type(first(c))).collect();
    let gaz = gazetteer_tags(text, tokens);
    let (words, word_of) = words(text, tokens);
    let dictionary = dictionary_spans(text, tokens);
    let ch = |j: isize| around(&chars, j, "<s>", "</s>");
    let type_at = |j: isize| at(&types, j);
    let surname_at = |j: isize| j >= 0 && (j as usize) < n && is_surname(first(chars[j as usize]));
    let mut f = Features::with_capacity(n);
    let mut buf = String::new();
    let mut dict_at = 0;
    for i in 0..n {
        let k = i as isize;
        f.flag(t::BIAS);
        for (slot, d) in (-2isize..=2).enumerate() {
            f.add(t::CHAR_AT + slot as u8, &[ch(k + d)]);
        }
        for (slot, d) in (-2isize..=1).enumerate() {
            f.add(t::BIGRAM + slot as u8, &[ch(k + d), ch(k + d + 1)]);
        }
        f.add(t::SKIP, &[ch(k - 1), ch(k + 1)]);
        f.add(t::TRIGRAM, &[ch(k - 1), ch(k), ch(k + 1)]);
        f.add(t::TYPES, &[type_at(k - 1), type_at(k), type_at(k + 1)]);
        if let Some(word) = words.get(word_of[i]) {
            let token = &tokens[i];
            let inside = word.range.start <= token.start && token.end <= word.range.end;
            let place = match (
                !inside || token.start == word.range.start,
                !inside || token.end == word.range.end,
            ) {
                (true, true) => "S",
                (true, false) => "B",
                (false, true) => "E",
                (false, false) => "M",
            };
            let len = word.text.chars().count().min(5);
            buf.clear();
            buf.push(char::from(b'0' + len as u8));
            f.add(t::WORD, &[word.text]);
            f.add(t::PLACE, &[place]);
            f.add(t::POS, &[word.pos]);
            f.add(t::POS_PLACE, &[word.pos, place]);
            f.add(t::WORD_PLACE, &[word.text, place]);
            f.add(t::POS_LEN, &[word.pos, &buf]);
            f.add(t::CHAR_PLACE, &[chars[i], place]);
            let w = word_of[i];
            let before = w.checked_sub(1).and_then(|b| words.get(b));
            let after = words.get(w + 1);
            let (pos_before, pos_after) =
                (before.map_or("-", |x| x.pos), after.map_or("-", |x| x.pos));
            f.add(t::WORD_BEFORE, &[before.map_or("<s>", |x| x.text)]);
            f.add(t::WORD_AFTER, &[after.map_or("</s>", |x| x.text)]);
            f.add(t::POS_BEFORE, &[pos_before]);
            f.add(t::POS_AFTER, &[pos_after]);
            f.add(t::POS_TRIPLE, &[pos_before, word.pos, pos_after]);
        }
        for (slot, d) in (-1isize..=1).enumerate() {
            let j = k + d;
            if j >= 0 && (j as usize) < n && !gaz[j as usize].is_empty() {
                f.add(t::GAZ + slot as u8, &[gaz[j as usize]]);
            }
        }
        for (slot, d) in [0isize, -1, -2].into_iter().enumerate() {
            if surname_at(k + d) {
                f.flag(t::SURNAME + slot as u8);
            }
        }
        let mut longest: Option<(u8, u8)> = None;
        while dict_at < dictionary.len() && dictionary[dict_at].0 as usize == i {
            let (_, place, len) = dictionary[dict_at];
            dict_at += 1;
            let tag = [place, b'0' + len];
            f.add(t::DICT, &[std::str::from_utf8(&tag).unwrap_or("")]);
            if longest.is_none_or(|l| len > l.1) {
                longest = Some((place, len));
            }
        }
        if let Some((place, len)) = longest {
            let tag = [place, b'0' + len];
            f.add(t::DICT_LONGEST, &[std::str::from_utf8(&tag).unwrap_or("")]);
        }
        if i + 1 < n {
            let pair = &text[tokens[i].start..tokens[i + 1].end];
            if COMPOUND_SURNAMES.contains(&pair) {
                f.flag(t::COMPOUND_SURNAME);
            }
        }
        f.next_token();
    }
    f
}

/// A foreign name is written with a dot between its parts (克劳斯·金克尔) and the tagger,
/// which sees a character at a time, often cuts it there: two names with only a name dot
/// between them, one of them a person, are one person.
pub(crate) fn join_dotted_names(text: &str, entities: &mut Vec<super::Entity<'_>>) {
    let mut i = 0;
    while i + 1 < entities.len() {
        let (a, b) = (entities[i], entities[i + 1]);
        let between = &text[a.end..b.start];
        let mut chars = between.chars();
        let dotted = chars.next().is_some_and(is_name_dot) && chars.next().is_none();
        let person = |k: &str| k == "PER";
        if dotted && (person(a.kind) || person(b.kind)) {
            let kind = if person(a.kind) { a.kind } else { b.kind };
            entities[i].end = b.end;
            entities[i].kind = kind;
            entities.remove(i + 1);
        } else {
            i += 1;
        }
    }
}

/// Name-joining dots: `·` and its look-alikes.
fn is_name_dot(c: char) -> bool {
    matches!(c, '·' | '•' | '‧' | '・' | '･')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_token_per_visible_character() {
        let text = "外交部长 王毅\n访问北京。";
        let tokens: Vec<&str> = tokenize(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(tokens.concat(), "外交部长王毅访问北京。");
        assert_eq!(tokens.len(), 11);
    }

    #[test]
    fn words_hold_their_characters() {
        let text = "外交部长访问北京";
        let tokens = tokenize(text);
        let (words, of) = words(text, &tokens);
        for (token, w) in tokens.iter().zip(&of) {
            let word = &words[*w];
            assert!(word.range.start <= token.start && token.end <= word.range.end);
        }
        let f = features(text, &tokens);
        assert_eq!(f.len(), tokens.len());
        assert_eq!(gazetteer_tags(text, &tokens)[6..], ["B-city", "I-city"]);
    }

    #[test]
    fn dotted_foreign_names_are_one_person() {
        use super::super::Entity;
        let text = "克劳斯·金克尔和王毅在北京";
        let at = |s: &str| text.find(s).unwrap();
        let e = |s: &str, kind| Entity {
            start: at(s),
            end: at(s) + s.len(),
            kind,
        };
        let mut found = vec![e("克劳斯", "PER"), e("金克尔", "LOC"), e("王毅", "PER")];
        join_dotted_names(text, &mut found);
        assert_eq!(found.len(), 2);
        assert_eq!(&text[found[0].start..found[0].end], "克劳斯·金克尔");
        assert_eq!(found[0].kind, "PER");
        // Only a dot between them joins two names.
        let mut apart = vec![e("王毅", "PER"), e("北京", "LOC")];
        join_dotted_names(text, &mut apart);
        assert_eq!(apart.len(), 2);
        let mut places = vec![e("克劳斯", "LOC"), e("金克尔", "LOC")];
        join_dotted_names(text, &mut places);
        assert_eq!(places.len(), 2, "no person, no joining");
    }

    #[test]
    fn character_types() {
        assert_eq!(char_type('北'), "han");
        assert_eq!(char_type('三'), "cnum");
        assert_eq!(char_type('7'), "digit");
        assert_eq!(char_type('，'), "fullwidth");
        assert_eq!(char_type('。'), "punct");
        assert!(is_surname('王') && !is_surname('的'));
    }
}
