//! The words of one language that numbers are made of and counted with, as one automaton
//! over the [`View`](super::view::View) text: every form of every entry, with Arabic clitics
//! (و، ب، ل، ال …) generated, matched in one pass; the parser then asks what starts or ends
//! at a position.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::{Approx, Unit};

use super::lang::{self, Lang};

/// Which side of the number a marker stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Side {
    Before,
    After,
}

/// The place of a number word in a numeral.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Place {
    /// 0–999 said in one word or phrase ("forty", "ثلاثمائة", "三", "สาม").
    Small,
    /// A Chinese or Thai digit word, which may also be read digit by digit ("一九四五").
    Digit,
    /// Multiplies within a group of thousands: hundred, 十, 百, 千, ร้อย, พัน, หมื่น, แสน.
    Multiplier,
    /// Closes a group: thousand, million, 万, 亿, ล้าน, тысяч, مليار.
    Scale,
    /// A scale abbreviation read only after a currency ("$3m", "$1bn").
    MoneyScale,
}

/// What a number word means when nothing precedes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Alone {
    /// Its own value ("three", "ألف", "万").
    One,
    /// A vague amount of its order ("thousands", "آلاف", "тысячи").
    Vague,
    /// Not a number by itself ("hundred", "thousand" in English).
    No,
    /// Two of its order by itself, one of its order after a number: Arabic "ألفا" is the
    /// dual "two thousand" in "ألفا شخص" but the accusative "thousand" in "ثلاثون ألفا".
    Dual,
}

/// A person noun or classifier whose specific meaning may come from the words around it
/// ("774 individuals had been arrested").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Generic {
    /// A specific counted thing.
    No,
    /// People, persons, individuals, คน, 人, أشخاص: a nearby cue says who.
    Person,
    /// Years, عاما, ปี, лет: a duration unless an age cue is near.
    Years,
    /// A classifier (个): only a fact when a counted noun follows.
    Classifier,
    /// A one-character noun that counts only right after its number ("两国", "三国"),
    /// never found by looking further ("一个国际…").
    Bound,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum W {
    Num {
        value: f64,
        place: Place,
        alone: Alone,
        ordinal: bool,
    },
    /// "several", "a few", 数, 几, หลาย, несколько: a vague amount when a scale follows.
    Several,
    /// "dozens", "hundreds", عشرات, сотни, 上万: a vague amount of this magnitude.
    Vague(f64),
    Approx(Approx, Side),
    /// "between", "from", من, entre, от, ระหว่าง.
    RangeFrom,
    /// "-", "to", 至, إلى, ถึง, до; a weak one ("and", و, et) only after a `RangeFrom`.
    RangeTo {
        weak: bool,
    },
    /// "of", "de", من between an amount and its noun.
    Of,
    /// "and" inside a numeral ("hundred and five", "vingt et un").
    And,
    /// After digits: "th", "-я", "e", "º".
    OrdinalSuffix,
    /// Before the number: 第, ที่, №.
    OrdinalPrefix,
    Percent(Side),
    /// Tenths, after the number: Chinese "三成" is 30%.
    Tenths,
    Currency(&'static str, Side),
    /// A counted thing: `key` is language-independent.
    Noun {
        key: &'static str,
        unit: Unit,
        generic: Generic,
        /// Arabic duals carry their number: "دولتين" is two states.
        implied: Option<f64>,
    },
    /// A word near a generic noun that says what is counted ("arrested", مسجونين, 被拘留);
    /// `lead` cues may stand before a bare number ("aged 66").
    Cue {
        key: &'static str,
        unit: Unit,
        lead: bool,
    },
    /// A month name: a number next to it is a date, not a count.
    Month,
    /// A word that makes the number after it a reference, not a count: "article 19",
    /// "resolution 2231", "المادة 3", "page 12".
    Reference,
    /// A word written with numeral characters that is not a number: 万国 ("all nations", as
    /// in 万国宫, the Palais des Nations), 统一 ("unify"), 一些 ("some").
    NotNumber,
}

impl W {
    /// Whether Arabic clitics attach to this kind of word.
    fn takes_clitics(&self) -> bool {
        matches!(
            self,
            W::Num { .. }
                | W::Noun { .. }
                | W::Cue { .. }
                | W::Vague(_)
                | W::Several
                | W::Month
                | W::Reference
                | W::Currency(..)
                | W::Approx(..)
                | W::RangeFrom
        )
    }
}

/// One matched word: view byte range, entry, and the clitic it carries.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub word: W,
    /// Bytes of clitic before the word and its article ("و" of "والأربعين"), 0 if none.
    pub clitic: usize,
}

pub(crate) struct Dict {
    pub lang: &'static Lang,
    automaton: AhoCorasick,
    entries: Vec<(W, usize)>,
}

impl Dict {
    fn build(lang: &'static Lang) -> Dict {
        let mut patterns: Vec<String> = Vec::new();
        let mut entries = Vec::new();
        let clitics: Vec<String> = lang.clitics.iter().map(|c| fold(c)).collect();
        let all = lang.words.iter().chain(lang::COMMON.iter());
        let months = vigil_text::dates::MONTHS
            .iter()
            .map(|(m, _)| (*m, W::Month));
        let generated: Vec<(String, W)> = lang.compounds.map(|f| f()).unwrap_or_default();
        let generated = generated.iter().map(|(form, w)| (form.as_str(), *w));
        for (forms, word) in all.copied().chain(months).chain(generated) {
            for written in forms.split('|') {
                let form = fold(written.trim());
                if form.is_empty() {
                    continue;
                }
                if word.takes_clitics() {
                    let has_article = written.trim().starts_with("ال");
                    for clitic in &clitics {
                        if clitic.ends_with("ال") && has_article {
                            continue;
                        }
                        patterns.push(format!("{clitic}{form}"));
                        entries.push((word, bound_len(clitic)));
                    }
                }
                patterns.push(form);
                entries.push((word, 0));
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("number word tables build an automaton");
        Dict {
            lang,
            automaton,
            entries,
        }
    }

    /// Every word of the table in `text`, whole words only in spaced scripts.
    pub fn hits(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        for m in self.automaton.find_overlapping_iter(text) {
            let (word, clitic) = self.entries[m.pattern().as_usize()];
            let (start, mut end) = (m.start(), m.end());
            if self.lang.spaced && !whole_word(text, start, end) {
                match self.suffixed_end(text, start, end, &word) {
                    Some(word_end) => end = word_end,
                    None => continue,
                }
            }
            hits.push(Hit {
                start,
                end,
                word,
                clitic,
            });
        }
        hits
    }
}

impl Dict {
    /// In an open-ended language, the end of the word that a counted noun or cue of a long
    /// enough stem starts ("kişi" in "kişinin", "yaralan" in "yaralandığını"); `None` when
    /// the match does not start a word or may not take a suffix.
    fn suffixed_end(&self, text: &str, start: usize, end: usize, word: &W) -> Option<usize> {
        let takes_suffix = matches!(word, W::Noun { .. } | W::Cue { .. });
        let stem = &text[start..end];
        if !self.lang.open_ended
            || !takes_suffix
            || stem.chars().count() < lang::OPEN_STEM_CHARS
            || text[..start]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphabetic() || is_mark(c))
        {
            return None;
        }
        let rest = &text[end..];
        let suffix = rest
            .char_indices()
            .find(|&(_, c)| !(c.is_alphabetic() || is_mark(c)))
            .map_or(rest.len(), |(at, _)| at);
        // A noun takes only the endings of a noun: "kişinin", "göstericiyi", "gazetecilerin",
        // not "kişisel" (personal) or "insani" (humanitarian, read as "insan" + "i" would be
        // the accusative, a risk the list takes). Verbs (cues) take any ending.
        if matches!(word, W::Noun { .. }) && !NOUN_ENDING.is_match(&rest[..suffix]) {
            return None;
        }
        Some(end + suffix)
    }
}

/// Turkish noun endings, as the text is matched (accents folded, so "ü" reads "u"): plural,
/// possessive, then case.
static NOUN_ENDING: LazyLock<regex::Regex> = LazyLock::new(|| {
    regex::Regex::new(r"^(l[ae]r)?(s?[iıu])?([ny]?[iıu]n?|[ny]?[ae]|n?[dt][ae]n?|y?l[ae]|ki)?$")
        .expect("valid regex")
});

/// A match is a whole word unless a letter continues it on either side (digits may touch it:
/// "46th", "$3m").
fn whole_word(text: &str, start: usize, end: usize) -> bool {
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let joins = |edge: Option<char>, neighbour: Option<char>| {
        edge.is_some_and(|c| c.is_alphabetic())
            && neighbour.is_some_and(|c| c.is_alphabetic() || is_mark(c))
    };
    !joins(first, before) && !joins(last, after)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x064B..=0x065F | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E)
}

/// The part of a clitic that is not the article: a passage starts after "و" or "ب" but keeps
/// "ال" ("الآلاف", "والأربعين" → "الأربعين").
fn bound_len(clitic: &str) -> usize {
    if clitic == "لل" {
        "ل".len()
    } else {
        clitic.strip_suffix("ال").unwrap_or(clitic).len()
    }
}

/// A table form in the view's matching form.
fn fold(form: &str) -> String {
    super::view::View::new(form).text
}

static DICTS: LazyLock<HashMap<&'static str, Dict>> = LazyLock::new(|| {
    lang::ALL
        .iter()
        .map(|lang| (lang.code, Dict::build(lang)))
        .collect()
});

/// The table of language `code` ("zh", "zh-Hans", "AR"); English words for languages
/// without one.
pub(crate) fn dict(code: &str) -> &'static Dict {
    let base = code
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    if let Some(dict) = DICTS.get(base.as_str()) {
        return dict;
    }
    if lang::DECIMAL_COMMA.contains(&base.as_str()) {
        return &DICTS["en-decimal-comma"];
    }
    &DICTS["en"]
}
