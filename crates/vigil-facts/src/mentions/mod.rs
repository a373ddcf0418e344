//! `person`, `organization` and `place` mentions, with the entity ids that join them across
//! documents and scripts.
//!
//! Four sources, in the order their mentions win overlaps:
//! 1. the gazetteer (`vigil_text::gazetteer`): countries, cities, UN and other
//!    intergovernmental bodies and the main rights and relief organisations in every
//!    language, keyed (`country:BY`, `org:unhrc`) and so already linked (the entity id is a
//!    hash of the key);
//! 2. transliterated foreign names in Chinese (`chinese.rs`), which the model cuts up;
//! 3. the trained NER (`crate::ner`) for the languages that have a model (Arabic, Chinese),
//!    with people it split in two joined again, names in apposition to an Arabic title made
//!    people (`arabic.rs`), and misreadings the gazetteer can tell dropped ([`misread`]);
//! 4. cue words: capitalised runs in Latin, Cyrillic and Greek script (`capitalised.rs`),
//!    and titles before names in Thai (`thai.rs`).
//!
//! Names outside the gazetteer get a name key (`name:` and the romanisation) as
//! `subject_key`; their entity id comes from the [`EntityTable`](crate::names::EntityTable)
//! when the engine stores the document ([`link_mentions`]).

mod arabic;
mod capitalised;
mod chinese;
mod cues;
mod japanese;
mod link;
#[cfg(test)]
mod tests;
mod thai;

pub use link::{NameVectors, link_mentions};

use vigil_text::gazetteer;

use crate::names::{gazetteer_entity_id, name_key};
use crate::ner::{NameSpan, TokenVectors, find_names};
use crate::{Detail, Document, Extractor, Fact, Kind, Mention};

/// The mention extractor.
pub struct Mentions;

impl Extractor for Mentions {
    fn extract(&self, doc: &Document, out: &mut Vec<Fact>) {
        extract_with_vectors(doc, None, out);
    }
}

/// The mentions of `doc`, as [`Mentions`] finds them, with the encoder's token states of the
/// whole of `doc.text` (spans into it) for the NER models that take them: what the engine
/// calls when it has run the encoder over the document anyway.
pub fn extract_with_vectors(doc: &Document, vectors: Option<&TokenVectors>, out: &mut Vec<Fact>) {
    let text = doc.text;
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for place in gazetteer::find(text) {
        if inside_compound(text, place.start, place.end) {
            continue;
        }
        let kind = match place.kind {
            gazetteer::Kind::Org => Kind::Organization,
            gazetteer::Kind::Country | gazetteer::Kind::City => Kind::Place,
        };
        let mention = Mention {
            entity: Some(gazetteer_entity_id(place.key)),
            confidence: Some(1.0),
        };
        let mut fact = Fact::new(detail(kind, mention), text, place.start, place.end);
        fact.subject = Some(fact.text.clone());
        fact.subject_key = Some(place.key.to_string());
        out.push(fact);
        taken.push((place.start, place.end));
    }
    // Transliterated foreign names in Chinese first: the model cuts them into pieces.
    let mut names = by_paragraph(doc, |slice, _, lang| {
        if lang.is_some_and(|l| l.starts_with("zh")) {
            chinese::find(slice, &[])
        } else {
            Vec::new()
        }
    });
    // Foreign names in katakana, which only Japanese writes: over the whole text, so that a
    // name placed in one paragraph is a place in the next.
    names.extend(japanese::find(text));
    names.retain(|n| !overlaps(&taken, n));
    taken.extend(names.iter().map(|n| (n.start, n.end)));
    // Arabic public bodies by their head, before the model, which often cuts them short.
    let bodies = by_paragraph(doc, |slice, (start, _), lang| {
        if lang.is_some_and(|l| l.starts_with("ar")) {
            let local: Vec<(usize, usize)> = taken
                .iter()
                .filter(|&&(s, e)| e > start && s < start + slice.len())
                .map(|&(s, e)| (s.saturating_sub(start), e.saturating_sub(start)))
                .collect();
            arabic::bodies(slice, &local)
        } else {
            Vec::new()
        }
    });
    taken.extend(bodies.iter().map(|n| (n.start, n.end)));
    names.extend(bodies);
    let model = by_paragraph(doc, |slice, (start, end), lang| {
        let part = vectors.map(|v| v.slice(start, end));
        find_names(slice, lang, part.as_ref())
    });
    let mut model = merge_touching_people(text, model);
    retype_parts_of_people(text, &mut model);
    for name in model.iter_mut() {
        if name.kind == Kind::Person && chinese::site(&text[name.start..name.end]) {
            name.kind = Kind::Place;
        }
    }
    arabic::retype_after_titles(text, &taken, &mut model);
    arabic::retype_after_org_heads(text, &mut model);
    model.retain(|n| {
        let name = &text[n.start..n.end];
        !overlaps(&taken, n) && !misread(name, n.kind)
    });
    taken.extend(model.iter().map(|n| (n.start, n.end)));
    names.extend(model);
    let mut cued = capitalised::find(text, doc.lang, &taken);
    cued.extend(thai::find(text, &taken));
    cued.retain(|n| !overlaps(&taken, n));
    names.extend(cued);
    names.retain(|n| !not_a_name(&text[n.start..n.end]));
    for name in names {
        let mut fact = Fact::new(
            detail(name.kind, Mention::default()),
            text,
            name.start,
            name.end,
        );
        fact.subject = Some(fact.text.clone());
        fact.subject_key = Some(name_key(&fact.text));
        out.push(fact);
    }
}

fn detail(kind: Kind, mention: Mention) -> Detail {
    match kind {
        Kind::Person => Detail::Person(mention),
        Kind::Organization => Detail::Organization(mention),
        _ => Detail::Place(mention),
    }
}

/// Capitalised phrases that name a day of the year or a disease, which the capitalised
/// finder and the models take for people or bodies: "Happy New Year!", "فيروس كورونا".
/// Matched in lower case as the whole name or its last words, past a possessive or an
/// Arabic proclitic.
const NOT_NAMES: &[&str] = &[
    "new year",
    "new year's eve",
    "new year's day",
    "christmas",
    "christmas eve",
    "christmas day",
    "easter",
    "thanksgiving",
    "halloween",
    "ramadan",
    "año nuevo",
    "navidad",
    "nochebuena",
    "nochevieja",
    "semana santa",
    "nouvel an",
    "noël",
    "pâques",
    "neujahr",
    "weihnachten",
    "ostern",
    "silvester",
    "yılbaşı",
    "covid",
    "covid-19",
    "coronavirus",
    "коронавирус",
    "كورونا",
    "فيروس كورونا",
    "فايروس كورونا",
    "كوفيد",
    "كوفيد-19",
    "كوفيد 19",
    "رمضان",
    "عيد الفطر",
    "عيد الأضحى",
];

/// Whether a found name is one of [`NOT_NAMES`].
fn not_a_name(name: &str) -> bool {
    let lower = name.to_lowercase();
    let lower = lower
        .strip_suffix("'s")
        .or_else(|| lower.strip_suffix("’s"))
        .unwrap_or(&lower);
    // The phrase may close a longer run: "Happy New Year", "تفشي كورونا".
    let ends_with = |phrase: &&str| {
        lower
            .strip_suffix(phrase)
            .is_some_and(|head| head.is_empty() || head.ends_with(' '))
    };
    NOT_NAMES.iter().any(ends_with)
        || ["و", "ب", "ل", "ف"]
            .iter()
            .filter_map(|c| lower.strip_prefix(c))
            .any(|rest| NOT_NAMES.contains(&rest))
}

/// A gazetteer name hyphenated to a capitalised word is part of a longer name: "Ungern" (Hungary
/// in Swedish) in "Ungern-Sternberg".
fn inside_compound(text: &str, start: usize, end: usize) -> bool {
    let mut after = text[end..].chars();
    let mut before = text[..start].chars().rev();
    let joined_after = after.next() == Some('-') && after.next().is_some_and(char::is_uppercase);
    let joined_before =
        before.next() == Some('-') && before.next().is_some_and(char::is_alphabetic);
    joined_after || joined_before
}

fn overlaps(taken: &[(usize, usize)], name: &NameSpan) -> bool {
    taken.iter().any(|&(s, e)| name.start < e && s < name.end)
}

/// Names found by `find` paragraph by paragraph (given the paragraph's text, its byte range
/// in the document and its language), as document offsets.
fn by_paragraph(
    doc: &Document,
    find: impl Fn(&str, (usize, usize), Option<&str>) -> Vec<NameSpan>,
) -> Vec<NameSpan> {
    let whole = [(0, doc.text.len(), doc.lang)];
    let paragraphs: &[(usize, usize, Option<&str>)] = if doc.paragraphs.is_empty() {
        &whole
    } else {
        &doc.paragraphs
    };
    let mut names = Vec::new();
    for &(start, end, lang) in paragraphs {
        let Some(slice) = doc.text.get(start..end) else {
            continue;
        };
        for name in find(slice, (start, end), lang.or(doc.lang)) {
            if matches!(name.kind, Kind::Person | Kind::Organization | Kind::Place) {
                names.push(NameSpan {
                    start: name.start + start,
                    end: name.end + start,
                    kind: name.kind,
                });
            }
        }
    }
    names
}

/// Whether what separates two names is no more than a middle dot, a space, or (between Han
/// characters) a line break of text taken from a PDF.
fn joins_one_name(text: &str, end: usize, start: usize) -> bool {
    let gap = &text[end..start];
    gap.chars().all(|c| c == '·' || c == '・' || c == ' ')
        || (gap.chars().all(char::is_whitespace)
            && chinese::is_han(text[..end].chars().next_back())
            && chinese::is_han(text[start..].chars().next()))
}

/// Whether a name the model found is a misreading of something else, which its few words of
/// context cannot tell but the gazetteer can.
fn misread(name: &str, kind: Kind) -> bool {
    // A person's name holds no digits ("250万美" is a sum of money), and no name starts with
    // a count ("9 个会员国派部长级", nine member states sent ministers).
    let digits = kind == Kind::Person && name.contains(|c: char| c.is_ascii_digit());
    let count = name.starts_with(|c: char| c.is_ascii_digit());
    digits
        || count
        || gazetteer_name_wrapped(name)
        || (kind != Kind::Person && arabic::demonym(name))
        || (kind == Kind::Organization && chinese::generic_body(name))
        || (kind == Kind::Person && chinese::abstract_noun(name))
}

/// A name the gazetteer knows, cut by a line break of text taken from a PDF: the model's
/// pieces of it are no name ("白俄\n\n罗斯" is Belarus, "白俄罗\n\n斯境内" is "within
/// Belarus").
fn gazetteer_name_wrapped(name: &str) -> bool {
    let Some(gap) = name.find(char::is_whitespace) else {
        return false;
    };
    // Only a break between two Han characters: a space between words (Arabic) is no break.
    let after = name[gap..].trim_start();
    if !(chinese::is_han(name[..gap].chars().next_back()) && chinese::is_han(after.chars().next()))
    {
        return false;
    }
    let joined: String = name.chars().filter(|c| !c.is_whitespace()).collect();
    gazetteer::find(&joined)
        .iter()
        .any(|m| m.start < gap && gap < m.end)
}

/// A name the model typed as a place or organisation that is a person's full name, or one
/// word of it, elsewhere in the same document is that person: "تسيخانوسكايا" alone after
/// "سفياتلانا تسيخانوسكايا". The model types each occurrence from its own few words around;
/// the document as a whole knows better.
fn retype_parts_of_people(text: &str, names: &mut [NameSpan]) {
    let words_of = |n: &NameSpan| -> Vec<&str> {
        text[n.start..n.end]
            .split(|c: char| c.is_whitespace() || c == '·' || c == '・')
            .filter(|w| w.chars().count() >= 3)
            .collect()
    };
    let person_words: Vec<&str> = names
        .iter()
        .filter(|n| n.kind == Kind::Person)
        .flat_map(words_of)
        .collect();
    for name in names.iter_mut().filter(|n| n.kind != Kind::Person) {
        let words = words_of(name);
        if !words.is_empty() && words.iter().all(|w| person_words.contains(w)) {
            name.kind = Kind::Person;
        }
    }
}

/// One person the model tagged as two, back to back or across a middle dot or a space:
/// its Chinese training data lists names with no separator, so it learned to start a new
/// name every few characters ("斯维特" + "兰娜·" + "季哈").
fn merge_touching_people(text: &str, names: Vec<NameSpan>) -> Vec<NameSpan> {
    let mut merged: Vec<NameSpan> = Vec::with_capacity(names.len());
    for name in names {
        if let Some(last) = merged.last_mut()
            && last.kind == Kind::Person
            && name.kind == Kind::Person
            && last.end <= name.start
            && joins_one_name(text, last.end, name.start)
        {
            last.end = name.end;
            continue;
        }
        merged.push(name);
    }
    merged
}
