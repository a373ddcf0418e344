//! Places and UN bodies named in a text, in any language and script, with their byte ranges.
//!
//! The names come from `data/gazetteer.tsv.gz`, built by `scripts/build-gazetteer.py` from
//! CLDR, pycountry, i18n-iso-countries and GeoNames (countries and territories in hundreds of
//! languages, cities of 500,000 people and more plus every capital) and a hand-written table of
//! UN bodies. One key names one place across languages: "Беларуси", "بيلاروسيا", "白俄罗斯" and
//! "Belarus" are all `country:BY`, so two reports in different scripts can be seen to name the
//! same places.
//!
//! Matching runs one Aho–Corasick automaton over the normalised text (`crate::normalize`:
//! case, accents and Arabic letter forms folded), keeps the occurrences that pass their name's
//! rules (`rules.rs`: word boundaries, Arabic proclitics, Russian case endings, case of
//! abbreviations), and of overlapping ones the leftmost, then the longest:
//! "大不列颠及北爱尔兰联合王国" is one mention of the United Kingdom, "Republic of Belarus" one of
//! Belarus. Words derived from names are not names: "Romanian" does not mention Romania, and
//! "woman" does not mention Oman.

use std::collections::{BTreeSet, HashMap};
use std::io::Read;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::normalize::{Normalized, normalize};

mod rules;
#[cfg(test)]
mod tests;

use rules::Rule;

/// What a key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    /// A country or territory with an ISO 3166-1 code (`country:BY`).
    Country,
    /// A city, by GeoNames id (`city:625144`).
    City,
    /// The United Nations, its bodies and agencies, the European Union and other
    /// intergovernmental bodies (`org:unsc`, `org:osce`).
    Org,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Country => "country",
            Kind::City => "city",
            Kind::Org => "org",
        }
    }

    fn parse(kind: &str) -> Option<Kind> {
        match kind {
            "country" => Some(Kind::Country),
            "city" => Some(Kind::City),
            "org" => Some(Kind::Org),
            _ => None,
        }
    }
}

/// One mention: `text[start..end]` is the name as the text writes it (with a Russian case
/// ending, or a contracted Arabic `لل`, when it has one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceMention {
    pub start: usize,
    pub end: usize,
    pub key: &'static str,
    pub kind: Kind,
}

/// Every mention in `text`, in order, none overlapping.
pub fn find(text: &str) -> Vec<PlaceMention> {
    find_normalized(text, &normalize(text))
}

/// [`find`] for a caller that already has `normalize(text)`.
pub fn find_normalized(text: &str, normalized: &Normalized) -> Vec<PlaceMention> {
    GAZETTEER.find(text, normalized)
}

/// The keys of the places and bodies `text` mentions.
pub fn keys(text: &str) -> BTreeSet<String> {
    find(text).into_iter().map(|m| m.key.to_string()).collect()
}

/// The usual name of `key` in language `lang` (ISO 639 code: "ar", "zh", "en"), for showing
/// an entity to a reader; `None` when the data has no name in that language.
pub fn name(key: &str, lang: &str) -> Option<&'static str> {
    let gazetteer: &'static Gazetteer = &GAZETTEER;
    let id = *gazetteer.key_ids.get(key)?;
    let names = &gazetteer.display[id as usize];
    let has = |list: &str| list.split(',').any(|l| l == lang);
    names
        .iter()
        .find(|n| has(&n.usual_in))
        .or_else(|| names.iter().find(|n| has(&n.langs)))
        .map(|n| &*n.name)
}

/// Drops mentions in Thai, Lao, Khmer or Burmese whose edges fall inside a word of the
/// dictionary segmentation: "ไทย" (Thailand) inside "มหาดไทย" (the interior ministry) is no
/// mention of Thailand. These scripts write no spaces, so substring matching alone cannot
/// tell; Chinese and Japanese names are long enough that their substrings rarely mislead.
fn on_dictionary_word_edges(text: &str, mentions: Vec<PlaceMention>) -> Vec<PlaceMention> {
    let dictionary_script = |m: &PlaceMention| {
        text[m.start..m.end].chars().next().is_some_and(|c| {
            !matches!(
                crate::segment::script::RunScript::of(c),
                None | Some(crate::segment::script::RunScript::HanKana)
            )
        })
    };
    if !mentions.iter().any(dictionary_script) {
        return mentions;
    }
    let edges: std::collections::HashSet<usize> = crate::segment::segment(text)
        .iter()
        .flat_map(|t| [t.start, t.end])
        .collect();
    // Thai fuses "ประเทศ" (country) with the name: ประเทศไทย is one dictionary word.
    const THAI_COUNTRY: &str = "ประเทศ";
    let starts_a_word = |start: usize| {
        edges.contains(&start)
            || (text[..start].ends_with(THAI_COUNTRY)
                && edges.contains(&(start - THAI_COUNTRY.len())))
    };
    mentions
        .into_iter()
        .filter(|m| !dictionary_script(m) || (starts_a_word(m.start) && edges.contains(&m.end)))
        .collect()
}

/// Drops a name written in the syllables of a foreign name that run on past it: "マリ"
/// (Mali) in "マリウポリ" (Mariupol), "马里" in "马里乌波尔". Japanese writes foreign names in
/// katakana and separates two of them with "・" or "の", so a katakana name with katakana
/// right beside it is part of a longer word. Chinese transliterates with a known set of
/// characters: a name made only of them is part of a longer name when one of them that ends
/// no other name stands before it, or two or more that start no other name follow it
/// (叙利亚阿勒颇, Aleppo in Syria, keeps both).
fn inside_no_foreign_name(text: &str, mentions: Vec<PlaceMention>) -> Vec<PlaceMention> {
    use crate::segment::CHINESE_TRANSLITERATION as SYLLABLES;
    let katakana = crate::segment::is_katakana_letter;
    let starts: BTreeSet<usize> = mentions.iter().map(|m| m.start).collect();
    let ends: BTreeSet<usize> = mentions.iter().map(|m| m.end).collect();
    mentions
        .into_iter()
        .filter(|m| {
            let name = &text[m.start..m.end];
            let before = text[..m.start].chars().next_back();
            let after = &text[m.end..];
            if name.chars().all(katakana) {
                return !(before.is_some_and(katakana)
                    || after.chars().next().is_some_and(katakana));
            }
            if name.chars().all(|c| SYLLABLES.contains(c)) {
                let run_before =
                    !ends.contains(&m.start) && before.is_some_and(|c| SYLLABLES.contains(c));
                let run_after = !starts.contains(&m.end)
                    && after.chars().take_while(|&c| SYLLABLES.contains(c)).count() >= 2;
                return !(run_before || run_after);
            }
            true
        })
        .collect()
}

/// How many keys and names the gazetteer holds (for reports and tests).
pub fn size() -> (usize, usize) {
    (GAZETTEER.keys.len(), GAZETTEER.names)
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let bytes = include_bytes!("../../data/gazetteer.tsv.gz");
    let mut tsv = String::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_string(&mut tsv)
        .expect("the embedded gazetteer is gzipped UTF-8");
    Gazetteer::parse(&tsv)
});

struct Gazetteer {
    automaton: AhoCorasick,
    /// For each pattern of the automaton, the names it stands for (several names of the data
    /// may share a matching form, each with its own rule).
    variants: Vec<Vec<Variant>>,
    keys: Vec<(Box<str>, Kind)>,
    key_ids: HashMap<Box<str>, u32>,
    /// Each key's names with their languages, usual names first (the data's order).
    display: Vec<Vec<DisplayName>>,
    names: usize,
}

/// One of a key's names, for [`name`].
struct DisplayName {
    name: Box<str>,
    /// The languages whose data gave it, comma-separated.
    langs: Box<str>,
    /// The languages in which it is the key's usual name ("爱沙尼亚" in `zh`, while
    /// "愛沙尼亞", which `zh-Hant` also gives to `zh`, is usual only in `yue`).
    usual_in: Box<str>,
}

struct Variant {
    key: u32,
    rule: Rule,
}

impl Gazetteer {
    fn parse(tsv: &str) -> Gazetteer {
        let mut keys: Vec<(Box<str>, Kind)> = Vec::new();
        let mut key_ids: HashMap<Box<str>, u32> = HashMap::new();
        let mut display: Vec<Vec<DisplayName>> = Vec::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_ids: HashMap<String, usize> = HashMap::new();
        let mut variants: Vec<Vec<Variant>> = Vec::new();
        let mut names = 0;
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let mut fields = line.split('\t');
            let (Some(key), Some(kind), Some(langs), Some(name)) =
                (fields.next(), fields.next(), fields.next(), fields.next())
            else {
                continue;
            };
            let Some(kind) = Kind::parse(kind) else {
                continue;
            };
            let key_id = *key_ids.entry(key.into()).or_insert_with(|| {
                keys.push((key.into(), kind));
                display.push(Vec::new());
                u32::try_from(keys.len() - 1).unwrap_or(u32::MAX)
            });
            display[key_id as usize].push(DisplayName {
                name: name.into(),
                langs: langs.into(),
                usual_in: fields.next().unwrap_or("").into(),
            });
            names += 1;
            for (pattern, rule) in rules::compile(name) {
                let id = *pattern_ids.entry(pattern.clone()).or_insert_with(|| {
                    patterns.push(pattern);
                    variants.push(Vec::new());
                    variants.len() - 1
                });
                let slot = &mut variants[id];
                if !slot.iter().any(|v| v.rule == rule) {
                    slot.push(Variant { key: key_id, rule });
                }
            }
        }
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("gazetteer names build an automaton");
        Gazetteer {
            automaton,
            variants,
            keys,
            key_ids,
            display,
            names,
        }
    }

    fn find(&'static self, text: &str, normalized: &Normalized) -> Vec<PlaceMention> {
        let hay = rules::matching_form(&normalized.text);
        let mut candidates: Vec<(usize, usize, u32)> = Vec::new();
        for m in self.automaton.find_overlapping_iter(&*hay) {
            let original_start = normalized.original_range(m.start(), m.end()).0;
            let original_end = |end: usize| normalized.original_range(m.start(), end).1;
            let Some(variants) = self.variants.get(m.pattern().as_usize()) else {
                continue;
            };
            let accepted = variants.iter().find_map(|v| {
                let end =
                    v.rule
                        .accept(&hay, m.start(), m.end(), text, original_start, original_end)?;
                Some((end, v.key))
            });
            if let Some((end, key)) = accepted {
                candidates.push((m.start(), end, key));
            }
        }
        // Leftmost first, then longest; then no overlaps.
        candidates.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut mentions = Vec::new();
        let mut covered = 0;
        for (start, end, key) in candidates {
            if start < covered {
                continue;
            }
            covered = end;
            let (start, end) = normalized.original_range(start, end);
            let (key, kind) = &self.keys[key as usize];
            mentions.push(PlaceMention {
                start,
                end,
                key,
                kind: *kind,
            });
        }
        let mentions = inside_no_foreign_name(text, mentions);
        on_dictionary_word_edges(text, mentions)
    }
}
