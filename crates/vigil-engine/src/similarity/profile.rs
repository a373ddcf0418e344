//! What the same-event score knows about one document: normalised terms, names and numbers,
//! its date, and the vectors each available encoder gave it.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use vigil_text::{dates, gazetteer, normalize, segment};

/// Longest text, in bytes, the lexical features read (the head of a long report carries the
/// event; the tail is background).
const MAX_LEXICAL_BYTES: usize = 20_000;
/// Paragraph chunks embedded per document for the best-matching-paragraph features.
pub const MAX_CHUNKS: usize = 8;
/// Lines are merged into chunks of at least this many bytes (single sentences are too thin).
const MIN_CHUNK_BYTES: usize = 300;

/// Vectors one encoder gave a document.
#[derive(Debug, Clone, Default)]
pub struct DocVectors {
    /// The whole document (title, newline, text).
    pub doc: Vec<f32>,
    /// The title alone, when there is one.
    pub title: Option<Vec<f32>>,
    /// The first [`MAX_CHUNKS`] paragraph chunks ([`chunks`]), when the features read them.
    pub chunks: Vec<Vec<f32>>,
    /// Title and the text's first [`FULL_CHARS`] characters ([`full_text`]), when the
    /// features read it.
    pub full: Option<Vec<f32>>,
}

/// One document, ready to be compared.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    pub lang: Option<String>,
    /// Normalised word counts of the text (title included).
    pub terms: HashMap<String, u32>,
    /// Counts of character 4-grams of the normalised words (with `_` marking word edges):
    /// overlap that survives compounds, clitics and suffixes (German, Arabic, Turkish).
    pub grams: HashMap<String, u32>,
    /// Normalised word counts of the title alone.
    pub title_terms: HashMap<String, u32>,
    /// Normalised capitalised words not at a sentence start: names, in scripts with case.
    pub names: BTreeSet<String>,
    /// [`Profile::names`] transliterated to lowercase ASCII letters and digits
    /// ([`name_key`]), so that one name written in two scripts or spellings meets.
    pub name_keys: BTreeSet<String>,
    /// Numbers (ASCII digits after normalisation) of two or more digits.
    pub numbers: BTreeSet<String>,
    /// Gazetteer keys of the places and UN bodies it names (`country:BY`, `org:unsc`): the
    /// same in every language and script.
    pub places: BTreeSet<String>,
    /// The [`LEAD_PLACES`] places (not bodies) it names most often, earliest first on ties:
    /// where its story is, as opposed to every country it mentions in passing.
    pub lead_places: BTreeSet<String>,
    pub date: Option<NaiveDate>,
    /// Who the report names, by linked entity id: filled by the engine from the stored,
    /// linked mentions (`facts::actors`); `None` where none were read (`eval similarity`'s
    /// unstored pairs), so the actor features are unknown rather than zero.
    pub actors: Option<Actors>,
    /// By encoder name (`e5`, later `use`).
    pub vectors: BTreeMap<&'static str, DocVectors>,
}

/// The people and organisations a report names, as entity ids (`ent_…`) from the name
/// linker, which joins one name written in several scripts ("لوكاشينكو", "卢卡申科",
/// "Lukashenko"): who an event is about, comparable across languages where words are not.
/// Gazetteer places and UN bodies are left out: [`Profile::places`] already has them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Actors {
    pub persons: BTreeSet<String>,
    pub orgs: BTreeSet<String>,
}

impl Profile {
    /// Lexical profile of a document; vectors are added by the caller.
    pub fn new(title: &str, text: &str, lang: Option<&str>) -> Profile {
        let head = head(text, MAX_LEXICAL_BYTES);
        let mentions: Vec<&'static str> = gazetteer::find(title)
            .into_iter()
            .chain(gazetteer::find(head))
            .map(|m| m.key)
            .collect();
        let mut profile = Profile {
            lang: lang.map(str::to_owned),
            date: dates::infer_date(text)
                .and_then(|(d, _)| NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
            places: mentions.iter().map(|k| k.to_string()).collect(),
            lead_places: lead_places(&mentions),
            ..Profile::default()
        };
        for (source, is_title) in [(title, true), (head, false)] {
            for token in segment::segment_with_lang(source, lang) {
                let Some(word) = source.get(token.start..token.end) else {
                    continue;
                };
                let norm = match_form(word);
                if norm.is_empty() {
                    continue;
                }
                if norm.bytes().all(|b| b.is_ascii_digit()) {
                    if norm.len() >= 2 {
                        profile.numbers.insert(norm.clone());
                    }
                } else if is_name(source, token.start, word) {
                    let key = name_key(&norm);
                    if !key.is_empty() {
                        profile.name_keys.insert(key);
                    }
                    profile.names.insert(norm.clone());
                }
                if is_title {
                    *profile.title_terms.entry(norm.clone()).or_default() += 1;
                } else {
                    add_grams(&norm, &mut profile.grams);
                }
                *profile.terms.entry(norm).or_default() += 1;
            }
        }
        profile
    }
}

/// How many of its most-named places make a report's [`Profile::lead_places`].
pub const LEAD_PLACES: usize = 2;

/// The [`LEAD_PLACES`] place keys named most often among `mentions` (in text order), the
/// earlier first named winning ties; UN and other bodies (`org:`) are not places.
fn lead_places(mentions: &[&'static str]) -> BTreeSet<String> {
    let mut counts: Vec<(&str, usize, usize)> = Vec::new();
    for (at, key) in mentions.iter().enumerate() {
        if key.starts_with("org:") {
            continue;
        }
        match counts.iter_mut().find(|(k, _, _)| k == key) {
            Some((_, n, _)) => *n += 1,
            None => counts.push((key, 1, at)),
        }
    }
    counts.sort_by(|a, b| b.1.cmp(&a.1).then(a.2.cmp(&b.2)));
    counts
        .into_iter()
        .take(LEAD_PLACES)
        .map(|(k, _, _)| k.to_string())
        .collect()
}

/// Characters of the text the document vector reads: the lead, where a report states its
/// event. Encoding whole long articles costs several times more on a CPU and the score
/// gains little from the background in their tails.
pub const VECTOR_HEAD_CHARS: usize = 600;

/// The text the document vector is computed from: title, newline, the text's first
/// [`VECTOR_HEAD_CHARS`] characters.
pub fn vector_text(title: &str, text: &str) -> String {
    with_title(title, char_head(text, VECTOR_HEAD_CHARS))
}

fn with_title(title: &str, lead: &str) -> String {
    if title.trim().is_empty() {
        lead.to_owned()
    } else {
        format!("{title}\n{lead}")
    }
}

/// The first `chars` characters of `text`.
fn char_head(text: &str, chars: usize) -> &str {
    match text.char_indices().nth(chars) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// Characters of the text the long document vector reads: most reports whole.
pub const FULL_CHARS: usize = 4000;

/// The text of the long document vector: title, newline, the text's first [`FULL_CHARS`]
/// characters.
pub fn full_text(title: &str, text: &str) -> String {
    with_title(title, char_head(text, FULL_CHARS))
}

/// Paragraph chunks: non-empty lines merged until each holds [`MIN_CHUNK_BYTES`], at most
/// [`MAX_CHUNKS`] of them.
pub fn chunks(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(line);
        if current.len() >= MIN_CHUNK_BYTES {
            out.push(std::mem::take(&mut current));
            if out.len() == MAX_CHUNKS {
                return out;
            }
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Character n-gram width of [`Profile::grams`].
const GRAM: usize = 4;

fn add_grams(word: &str, out: &mut HashMap<String, u32>) {
    let chars: Vec<char> = std::iter::once('_')
        .chain(word.chars())
        .chain(std::iter::once('_'))
        .collect();
    if chars.len() <= GRAM {
        *out.entry(chars.iter().collect()).or_default() += 1;
        return;
    }
    for window in chars.windows(GRAM) {
        *out.entry(window.iter().collect()).or_default() += 1;
    }
}

/// The matching form of a word: `vigil_text::normalize`, plus dotless ı as i (Turkish
/// names are written with and without it: Elazığ, Elazig).
fn match_form(word: &str) -> String {
    let norm = normalize::normalize(word).text;
    if norm.contains('ı') {
        norm.replace('ı', "i")
    } else {
        norm
    }
}

/// A name in Latin letters: transliterated (`Путин` and `Putin` both `putin`), lowercased,
/// letters and digits only.
pub fn name_key(name: &str) -> String {
    deunicode::deunicode(name)
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn head(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A capitalised word that does not start a sentence or line (those are capitalised anyway).
fn is_name(text: &str, start: usize, word: &str) -> bool {
    let Some(first) = word.chars().next() else {
        return false;
    };
    if !first.is_uppercase() {
        return false;
    }
    let before = text.get(..start).unwrap_or("");
    match before
        .trim_end_matches([' ', '\t', '"', '\'', '«', '“', '('])
        .chars()
        .last()
    {
        None => false,
        Some(c) => !matches!(c, '.' | '!' | '?' | '\n' | ':' | '…'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_numbers_and_folded_terms() {
        let p = Profile::new(
            "Erdbeben in der Türkei",
            "Am Montag traf ein Beben die Stadt İzmir. Mehr als 120 Menschen starben, sagte Präsident Erdoğan.",
            Some("de"),
        );
        assert!(p.names.contains("izmir"), "{:?}", p.names);
        assert!(p.names.contains("erdogan"), "{:?}", p.names);
        assert!(
            !p.names.contains("am"),
            "sentence-initial words are not names"
        );
        assert!(!p.names.contains("mehr"));
        assert_eq!(p.numbers.iter().collect::<Vec<_>>(), ["120"]);
        assert!(p.name_keys.contains("erdogan"), "{:?}", p.name_keys);
        assert_eq!(p.title_terms.get("turkei"), Some(&1));
        assert_eq!(p.grams.get("_izm"), Some(&1));
        assert_eq!(
            p.grams.get("_tur"),
            None,
            "the title is not in the text's grams"
        );
    }

    #[test]
    fn lead_places_are_the_most_named_not_every_one_named() {
        let p = Profile::new(
            "Belarus: protests go on",
            "Protests in Belarus entered a sixth week. Police in Minsk detained hundreds. \
             The EU, Germany and Poland condemned the crackdown in Belarus; the UN called for calm.",
            Some("en"),
        );
        assert!(p.places.contains("country:DE") && p.places.contains("country:PL"));
        assert!(p.lead_places.contains("country:BY"), "{:?}", p.lead_places);
        assert_eq!(p.lead_places.len(), LEAD_PLACES);
        assert!(
            !p.lead_places.contains("country:PL"),
            "named once, after the others"
        );
        assert!(p.lead_places.iter().all(|k| !k.starts_with("org:")));
    }

    #[test]
    fn names_meet_across_scripts() {
        assert_eq!(name_key("Путин"), name_key("Putin"));
        assert_eq!(name_key("Ελλάδα"), "ellada");
        assert_eq!(name_key("O'Brien"), "obrien");
    }

    #[test]
    fn arabic_digits_become_numbers() {
        let p = Profile::new("", "قتل ١٢٠ شخصا في الزلزال.", Some("ar"));
        assert!(p.numbers.contains("120"), "{:?}", p.numbers);
        assert!(p.names.is_empty());
    }

    #[test]
    fn chunks_merge_short_lines_and_stop() {
        let text = "Short line one.\nShort line two.\n".repeat(200);
        let c = chunks(&text);
        assert_eq!(c.len(), MAX_CHUNKS);
        assert!(c.iter().all(|c| c.len() >= MIN_CHUNK_BYTES));
        assert_eq!(chunks("one\n\ntwo"), vec!["one\ntwo".to_string()]);
    }
}
