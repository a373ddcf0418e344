//! When a name found in the normalised text counts as a mention: the rules at its edges (word
//! boundaries, Arabic proclitics, Russian and Ukrainian case endings) and of its case.
//!
//! The automaton reports every occurrence of every name, inside words too; these rules decide.
//! Each check looks at a bounded number of characters around the occurrence, so matching stays
//! linear in the text whatever it holds.

use std::borrow::Cow;

use unicode_normalization::char::is_combining_mark;
use unicode_script::{Script, UnicodeScript};

use crate::normalize::normalize;
use crate::segment::script::RunScript;

/// How one name may match: its edges and its case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Rule {
    start: Start,
    end: End,
    case: Case,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Start {
    /// Not preceded by a letter or digit of a script written with spaces.
    Word,
    /// Arabic: a word boundary, or proclitics only (`و ف ب ل ك`, the article): "وبولندا".
    ArabicClitics,
    /// Chinese, Japanese, Thai: names sit inside runs of letters without spaces.
    Free,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    Word,
    /// Korean particles attach to the noun ("폴란드는"); Chinese, Japanese and Thai have no
    /// spaces.
    Free,
    /// The name is a stem that must be followed by one of these case endings and then a word
    /// boundary (`""` when the bare stem is a form).
    Endings(&'static [&'static str]),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Case {
    /// Scripts without case, or a name written in lower case in the data.
    Any,
    /// The words that start with a capital in the data must in the text: "Turkey" and
    /// "China" count, "turkey" and "china" do not, nor Spanish "la reunión" for "la Réunion".
    /// One flag per word of the name.
    Capitals(Box<[bool]>),
    /// Short abbreviations match only as written ("US", "WHO", "ООН"), and not inside a run of
    /// capitals (a headline "LET US SEE").
    Exact(Box<str>),
}

/// Russian and Ukrainian endings by the ending of the name's nominative (nouns only; the
/// plural names, such as "Нидерланды", keep the nominative only).
const ENDINGS_A: &[&str] = &["а", "ы", "и", "і", "е", "у", "ой", "ою", "ей"];
const ENDINGS_YA: &[&str] = &["я", "и", "і", "ї", "е", "ю", "ей", "ею", "єю"];
const ENDINGS_SOFT: &[&str] = &["ь", "и", "і", "ью", "я", "ю", "е", "ем"];
const ENDINGS_Y: &[&str] = &["й", "я", "ю", "е", "ем", "ї", "єм"];
const ENDINGS_HARD: &[&str] = &["", "а", "у", "е", "і", "ом", "ові", "ови"];

/// The patterns to search for one name of the data, each with its rule; normalised as the
/// text will be.
pub(super) fn compile(name: &str) -> Vec<(String, Rule)> {
    let pattern = matching_form(&normalize(name).text).into_owned();
    if pattern.is_empty() {
        return Vec::new();
    }
    let abbreviation = is_abbreviation(name);
    let case = if abbreviation {
        Case::Exact(name.into())
    } else {
        let capitals: Box<[bool]> = name
            .split_whitespace()
            .map(|word| word.chars().next().is_some_and(char::is_uppercase))
            .collect();
        if capitals.contains(&true) {
            Case::Capitals(capitals)
        } else {
            Case::Any
        }
    };
    let first = pattern.chars().find(|c| c.is_alphabetic());
    let script = first.map_or(Script::Common, |c| c.script());
    if pattern.chars().any(|c| RunScript::of(c).is_some()) {
        return vec![(pattern, rule(Start::Free, End::Free, case))];
    }
    match script {
        Script::Hangul => vec![(pattern, rule(Start::Word, End::Free, case))],
        Script::Arabic => {
            let mut out = Vec::new();
            // "ل" before the article drops its alef: "للمملكة المتحدة" is ل + المملكة.
            if let Some(rest) = pattern.strip_prefix("ال") {
                out.push((
                    format!("لل{rest}"),
                    rule(Start::ArabicClitics, End::Word, Case::Any),
                ));
            }
            out.push((pattern, rule(Start::ArabicClitics, End::Word, case)));
            out
        }
        Script::Cyrillic if !abbreviation && !pattern.contains([' ', '-']) => {
            let (stem, endings) = cyrillic_stem(&pattern);
            vec![(
                stem.to_string(),
                rule(Start::Word, End::Endings(endings), case),
            )]
        }
        _ => vec![(pattern, rule(Start::Word, End::Word, case))],
    }
}

fn rule(start: Start, end: End, case: Case) -> Rule {
    Rule { start, end, case }
}

/// The searched form: normalised text with `ё` read as `е` (Russian writes either; both are
/// two bytes, so the offsets of the normalised text still hold).
pub(super) fn matching_form(normalized: &str) -> Cow<'_, str> {
    if normalized.contains('ё') {
        Cow::Owned(normalized.replace('ё', "е"))
    } else {
        Cow::Borrowed(normalized)
    }
}

/// A stem and the endings that may follow it; names whose stem would be shorter than three
/// letters, and indeclinable ones ("Перу", "Того"), match as written.
fn cyrillic_stem(pattern: &str) -> (&str, &'static [&'static str]) {
    let Some(last) = pattern.chars().next_back() else {
        return (pattern, &[""]);
    };
    let stem = &pattern[..pattern.len() - last.len_utf8()];
    let (stem, endings) = match last {
        'а' => (stem, ENDINGS_A),
        'я' => (stem, ENDINGS_YA),
        'ь' => (stem, ENDINGS_SOFT),
        'й' => (stem, ENDINGS_Y),
        c if c.is_alphabetic() && !"оеиуюыэіїє".contains(c) => (pattern, ENDINGS_HARD),
        _ => return (pattern, &[""]),
    };
    if stem.chars().count() < 3 {
        return (pattern, &[""]);
    }
    (stem, endings)
}

/// All capitals and at most six letters, in a script with case: "US", "UNHCR", "ООН".
fn is_abbreviation(name: &str) -> bool {
    let letters = name.chars().filter(|c| c.is_alphabetic()).count();
    letters > 0
        && letters <= 6
        && name.chars().any(char::is_uppercase)
        && !name.chars().any(char::is_lowercase)
}

impl Rule {
    /// Where the mention ends in `hay` (the matching form of the text) when the occurrence
    /// `start..end` counts, else `None`. `original` is the text and `original_start` where
    /// the occurrence starts in it (cases are checked there: the matching form is folded).
    pub(super) fn accept(
        &self,
        hay: &str,
        start: usize,
        end: usize,
        original: &str,
        original_start: usize,
        original_end: impl Fn(usize) -> usize,
    ) -> Option<usize> {
        let starts = match self.start {
            Start::Word => !hay[..start].chars().next_back().is_some_and(is_word_char),
            Start::ArabicClitics => arabic_prefix_ok(&hay[..start]),
            Start::Free => true,
        };
        if !starts {
            return None;
        }
        let end = match self.end {
            End::Word => (!hay[end..].chars().next().is_some_and(is_word_char)).then_some(end)?,
            End::Free => end,
            End::Endings(endings) => endings
                .iter()
                .filter(|ending| hay[end..].starts_with(*ending))
                .filter(|ending| {
                    !hay[end + ending.len()..]
                        .chars()
                        .next()
                        .is_some_and(is_word_char)
                })
                .map(|ending| end + ending.len())
                .max()?,
        };
        let written = original.get(original_start..)?;
        let case_ok = match &self.case {
            Case::Any => true,
            Case::Capitals(capitals) => {
                let span = original.get(original_start..original_end(end))?;
                capitals_kept(span, capitals)
            }
            Case::Exact(form) => {
                written.starts_with(&**form)
                    && original_end(end) == original_start + form.len()
                    && !among_capitals(original, original_start, original_start + form.len())
            }
        };
        case_ok.then_some(end)
    }
}

/// Whether the words of `span` flagged in `capitals` do not start in lower case. When the
/// text splits the name into other words than the data (a hyphen for a space), only the first
/// word is checked.
fn capitals_kept(span: &str, capitals: &[bool]) -> bool {
    let starts_lower = |word: &str| word.chars().next().is_some_and(char::is_lowercase);
    if span.split_whitespace().count() != capitals.len() {
        return !(capitals.first() == Some(&true) && starts_lower(span));
    }
    span.split_whitespace()
        .zip(capitals)
        .all(|(word, &capital)| !capital || !starts_lower(word))
}

/// A letter, digit or mark of a script written with spaces: what continues a word. Letters of
/// Chinese, Japanese and Thai do not (a Latin name may stand right after "在").
fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() || is_combining_mark(c)) && RunScript::of(c).is_none()
}

/// Whether `before` (the text up to a name) ends at a word boundary or with Arabic proclitics:
/// an optional `و`/`ف`, an optional `ب`/`ل`/`ك`, an optional article `ال` ("وبالولايات",
/// "فالمغرب"). At most four letters are looked at.
fn arabic_prefix_ok(before: &str) -> bool {
    let mut prefix: Vec<char> = Vec::with_capacity(5);
    for c in before.chars().rev() {
        if !is_word_char(c) {
            break;
        }
        if prefix.len() == 4 {
            return false;
        }
        prefix.push(c);
    }
    prefix.reverse();
    let mut rest = &prefix[..];
    if let [first, tail @ ..] = rest
        && matches!(first, 'و' | 'ف')
    {
        rest = tail;
    }
    if let [first, tail @ ..] = rest
        && matches!(first, 'ب' | 'ل' | 'ك')
    {
        rest = tail;
    }
    matches!(rest, [] | ['ا', 'ل'])
}

/// Whether the words on both sides of `start..end` are in capitals too: an abbreviation inside
/// a headline set in capitals is as likely an ordinary word ("LET US", "WHO SAID").
fn among_capitals(text: &str, start: usize, end: usize) -> bool {
    // Capital letters, not letters without case: "G20" stands among Chinese characters
    // ("使G20峰会") as it does among spaces.
    let capitals = |word: &str| word.chars().count() >= 2 && word.chars().all(char::is_uppercase);
    let before: String = {
        let mut word: Vec<char> = text[..start]
            .chars()
            .rev()
            .take(64)
            .skip_while(|c| !c.is_alphabetic())
            .take(12)
            .take_while(|c| c.is_alphabetic())
            .collect();
        word.reverse();
        word.into_iter().collect()
    };
    let after: String = text[end..]
        .chars()
        .take(64)
        .skip_while(|c| !c.is_alphabetic())
        .take(12)
        .take_while(|c| c.is_alphabetic())
        .collect();
    capitals(&before) && capitals(&after)
}
