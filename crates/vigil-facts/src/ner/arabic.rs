//! Arabic: words as ANERcorp cuts them (on spaces and punctuation, clitics left attached),
//! and their features — the word and its folded form, its letters at either end, its stem
//! without the conjunction, preposition and article it may carry, the same for its neighbours,
//! and the gazetteer's places and bodies.

use std::ops::Range;

use super::features::{Features, around, at, gazetteer_tags};

/// Bump when the features change: a model trained on other features is not used.
pub(crate) const FEATURE_VERSION: u16 = 1;

/// The words and punctuation of `text`: runs of letters, digits and combining marks (a
/// number keeps its decimal point), and every other non-space character alone.
pub(crate) fn tokenize(text: &str) -> Vec<Range<usize>> {
    let mut tokens = Vec::with_capacity(text.len() / 8);
    let mut word: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let next = chars.peek().map(|&(_, c)| c);
        let in_number = matches!(c, '.' | ',' | '٫' | '٬')
            && word.is_some_and(|s| text[s..at].chars().all(is_digit))
            && next.is_some_and(is_digit);
        if is_word_char(c) || in_number {
            word.get_or_insert(at);
            continue;
        }
        if let Some(start) = word.take() {
            tokens.push(start..at);
        }
        if !c.is_whitespace() && !is_invisible(c) {
            tokens.push(at..at + c.len_utf8());
        }
    }
    if let Some(start) = word {
        tokens.push(start..text.len());
    }
    tokens
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('٠'..='٩').contains(&c) || ('۰'..='۹').contains(&c)
}

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}' | '\u{0300}'..='\u{036F}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c) || c == '\u{200C}' || c == '\u{200D}'
}

/// Direction marks and the like: neither words nor punctuation.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
    )
}

/// The matching form of a word: no diacritics or tatweel, one alef, ى as ي, ة as ه, digits
/// as 0, Latin in lower case.
pub(crate) fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            'ى' => out.push('ي'),
            'ة' => out.push('ه'),
            '\u{0640}' => {}
            c if is_mark(c) || c == '\u{200C}' || c == '\u{200D}' => {}
            c if is_digit(c) => out.push('0'),
            c if c.is_uppercase() => out.extend(c.to_lowercase()),
            c => out.push(c),
        }
    }
    out
}

/// Proclitics, longest first: conjunction (و، ف), preposition (ب، ك، ل), article (ال); لل is
/// ل + ال.
const PROCLITICS: &[&str] = &[
    "وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "ولل", "فلل", "لل", "ال", "و", "ف", "ب",
    "ل",
];

/// The folded word without its proclitics, and the proclitics ("" when none): a proclitic
/// is taken off only if at least two letters (three after a single letter) remain.
pub(crate) fn strip_proclitics(folded: &str) -> (&str, &str) {
    for p in PROCLITICS {
        if let Some(rest) = folded.strip_prefix(p) {
            let min = if p.chars().count() == 1 { 3 } else { 2 };
            if rest.chars().count() >= min {
                return (rest, p);
            }
        }
    }
    (folded, "")
}

/// Where a name found by the model starts once a conjunction or preposition written onto its
/// first word is left out: ANERcorp tags "ودارفور" (and Darfur) whole, but the name is
/// "دارفور", and a name with "و" or "ب" on it would be another entity. Many names begin
/// with these letters (وليد، بغداد، لبنان، فرنسا), so a letter is only taken off with
/// evidence that it is a clitic: the article follows it ("والخرطوم"), or the rest of the
/// word stands alone elsewhere in the text, or is a name the gazetteer knows.
pub(crate) fn start_without_clitic(text: &str, start: usize, end: usize) -> usize {
    let first_word_end = text[start..end]
        .find(char::is_whitespace)
        .map_or(end, |i| start + i);
    let word = &text[start..first_word_end];
    // At most a conjunction, then at most a preposition: و، ف، وب، فل، ب، ل، ك (each letter
    // two bytes).
    let letter = |s: &str, letters: &[char]| if s.starts_with(letters) { 2 } else { 0 };
    let conjunction = letter(word, &['و', 'ف']);
    let preposition = letter(&word[conjunction..], &['ب', 'ل', 'ك']);
    [conjunction + preposition, conjunction]
        .into_iter()
        .filter(|&cut| cut > 0)
        .find(|&cut| {
            let rest = &word[cut..];
            rest.chars().count() >= 3
                && (rest.starts_with("ال") || stands_alone(text, rest, start) || known_place(rest))
        })
        .map_or(start, |cut| start + cut)
}

/// Whether `word` stands in `text` as a word of its own, somewhere other than at `at`.
fn stands_alone(text: &str, word: &str, at: usize) -> bool {
    text.match_indices(word).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        let after = text[i + word.len()..].chars().next();
        i != at
            && !before.is_some_and(char::is_alphabetic)
            && !after.is_some_and(char::is_alphabetic)
    })
}

/// Whether the gazetteer knows `word` as one whole name.
fn known_place(word: &str) -> bool {
    vigil_text::gazetteer::find(word)
        .first()
        .is_some_and(|m| m.start == 0 && m.end == word.len())
}

/// What kind of token it is, for a feature: Arabic, Latin, digits, punctuation or mixed.
fn shape(word: &str) -> &'static str {
    let (mut arabic, mut latin, mut digit, mut other) = (false, false, false, false);
    for c in word.chars() {
        if is_digit(c) {
            digit = true;
        } else if ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{0750}'..='\u{077F}').contains(&c) {
            arabic = true;
        } else if c.is_alphabetic() {
            latin = true;
        } else {
            other = true;
        }
    }
    match (arabic, latin, digit, other) {
        (true, false, false, false) => "ar",
        (false, true, false, false) => "lat",
        (false, false, true, false) => "num",
        (false, false, false, true) => "punct",
        (false, false, true, true) => "numpunct",
        _ => "mixed",
    }
}

fn length_bucket(n: usize) -> &'static str {
    match n {
        0..=2 => "1-2",
        3 => "3",
        4 => "4",
        5 => "5",
        6..=7 => "6-7",
        _ => "8+",
    }
}

/// First or last `n` characters of `s` (all of it when shorter).
fn head(s: &str, n: usize) -> &str {
    s.char_indices().nth(n).map_or(s, |(at, _)| &s[..at])
}

fn tail(s: &str, n: usize) -> &str {
    let count = s.chars().count();
    if count <= n {
        return s;
    }
    s.char_indices()
        .nth(count - n)
        .map_or(s, |(at, _)| &s[at..])
}

/// Feature templates (numbers are part of the model: renumbering needs a new FEATURE_VERSION).
mod t {
    pub const BIAS: u8 = 0;
    pub const WORD: u8 = 1;
    pub const RAW: u8 = 2;
    pub const PREFIX: u8 = 3; // 3, 4, 5
    pub const SUFFIX: u8 = 6; // 6, 7, 8
    pub const STEM: u8 = 9;
    pub const CLITIC: u8 = 10;
    pub const SHAPE: u8 = 11;
    pub const WORD_AT: u8 = 12; // 12..=15: −2, −1, +1, +2
    pub const STEM_AT: u8 = 16; // 16..=19
    pub const BIGRAM: u8 = 20; // 20..=22: (−1,0), (0,+1), (−2,−1)
    pub const GAZ: u8 = 24; // 24..=28: −2..+2
    pub const SHAPES: u8 = 29;
    pub const SUFFIX_AT: u8 = 30; // 30..=33
    pub const STEM_BIGRAM: u8 = 34; // (stem −1, stem 0), (stem 0, stem +1)
    pub const GAZ_WORD: u8 = 36;
}

/// The features of every token of `text` (`tokens` are byte ranges into it).
pub(crate) fn features(text: &str, tokens: &[Range<usize>]) -> Features {
    let n = tokens.len();
    let raw: Vec<&str> = tokens.iter().map(|r| &text[r.clone()]).collect();
    let folded: Vec<String> = raw.iter().map(|w| fold(w)).collect();
    let stems: Vec<(&str, &str)> = folded.iter().map(|w| strip_proclitics(w)).collect();
    let shapes: Vec<&str> = raw.iter().map(|w| shape(w)).collect();
    let gaz = gazetteer_tags(text, tokens);
    let word = |j: isize| around(&folded, j, "<s>", "</s>");
    let stem = |j: isize| -> &str {
        if j < 0 || j as usize >= n {
            word(j)
        } else {
            stems[j as usize].0
        }
    };
    let gaz_at = |j: isize| at(&gaz, j);
    let shape_at = |j: isize| at(&shapes, j);
    let mut f = Features::with_capacity(n);
    for i in 0..n {
        let k = i as isize;
        let w = folded[i].as_str();
        f.flag(t::BIAS);
        f.add(t::WORD, &[w]);
        if raw[i] != w {
            f.add(t::RAW, &[raw[i]]);
        }
        let (s, clitic) = stems[i];
        for len in 1..=3 {
            f.add(t::PREFIX + len as u8 - 1, &[head(s, len)]);
            f.add(t::SUFFIX + len as u8 - 1, &[tail(s, len)]);
        }
        f.add(t::STEM, &[s]);
        f.add(t::CLITIC, &[clitic]);
        f.add(t::SHAPE, &[shapes[i], length_bucket(s.chars().count())]);
        for (slot, d) in [-2isize, -1, 1, 2].into_iter().enumerate() {
            f.add(t::WORD_AT + slot as u8, &[word(k + d)]);
            f.add(t::STEM_AT + slot as u8, &[stem(k + d)]);
            let neighbour = word(k + d);
            f.add(
                t::SUFFIX_AT + slot as u8,
                &[tail(stem(k + d), 2), head(neighbour, 2)],
            );
        }
        f.add(t::BIGRAM, &[word(k - 1), w]);
        f.add(t::BIGRAM + 1, &[w, word(k + 1)]);
        f.add(t::BIGRAM + 2, &[word(k - 2), word(k - 1)]);
        f.add(t::STEM_BIGRAM, &[stem(k - 1), s]);
        f.add(t::STEM_BIGRAM + 1, &[s, stem(k + 1)]);
        for (slot, d) in (-2isize..=2).enumerate() {
            let g = gaz_at(k + d);
            if !g.is_empty() {
                f.add(t::GAZ + slot as u8, &[g]);
            }
        }
        if !gaz[i].is_empty() {
            f.add(t::GAZ_WORD, &[gaz[i], word(k - 1)]);
        }
        f.add(t::SHAPES, &[shape_at(k - 1), shapes[i], shape_at(k + 1)]);
        f.next_token();
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn tokenizes_like_anercorp() {
        assert_eq!(
            words("قال الوزير (د ب أ): إن 3.5% من «المساعدات»، وصلت."),
            [
                "قال",
                "الوزير",
                "(",
                "د",
                "ب",
                "أ",
                ")",
                ":",
                "إن",
                "3.5",
                "%",
                "من",
                "«",
                "المساعدات",
                "»",
                "،",
                "وصلت",
                "."
            ]
        );
        assert_eq!(words("مُحَمَّد\u{200F} عليّ"), ["مُحَمَّد", "عليّ"]);
        assert!(tokenize("").is_empty());
        assert_eq!(words("2020."), ["2020", "."]);
    }

    #[test]
    fn a_clitic_comes_off_a_name_only_with_evidence() {
        fn cut<'t>(text: &'t str, name: &str) -> &'t str {
            let start = text.find(name).unwrap();
            &text[start_without_clitic(text, start, start + name.len())..start + name.len()]
        }
        // "دارفور" stands alone elsewhere in the text: the "و" of "ودارفور" is "and".
        let text = "الوضع في دارفور خطير. وزار المبعوث الخرطوم ودارفور.";
        assert_eq!(cut(text, "ودارفور"), "دارفور");
        // A name the gazetteer knows, after "and with": "وبالخرطوم"; the article shows it.
        assert_eq!(cut("ثم وبالخرطوم", "وبالخرطوم"), "الخرطوم");
        assert_eq!(cut("زار ولبنان", "ولبنان"), "لبنان");
        // No evidence: Walid, Baghdad and an unknown region keep their letters.
        assert_eq!(cut("التقى وليد المعلم", "وليد المعلم"), "وليد المعلم");
        assert_eq!(cut("في بغداد", "بغداد"), "بغداد");
        assert_eq!(cut("زار وكردفان", "وكردفان"), "وكردفان");
    }

    #[test]
    fn folds_letter_forms_and_strips_proclitics() {
        assert_eq!(fold("إِلى"), "الي");
        assert_eq!(fold("المدرسـة"), "المدرسه");
        assert_eq!(fold("٢٠٢٠"), "0000");
        assert_eq!(strip_proclitics("والعراق"), ("عراق", "وال"));
        assert_eq!(strip_proclitics("للامم"), ("امم", "لل"));
        assert_eq!(strip_proclitics("بغداد"), ("غداد", "ب"));
        assert_eq!(strip_proclitics("بان"), ("بان", ""), "too short to strip");
        assert_eq!(strip_proclitics("ال"), ("ال", ""));
    }

    #[test]
    fn every_token_gets_features_and_gazetteer_tags_follow_mentions() {
        let text = "زار الوزير بغداد أمس";
        let tokens = tokenize(text);
        let f = features(text, &tokens);
        assert_eq!(f.len(), 4);
        assert!((0..4).all(|i| f.token(i).len() > 20));
        let gaz = gazetteer_tags(text, &tokens);
        assert_eq!(gaz, ["", "", "B-city", ""]);
    }
}
