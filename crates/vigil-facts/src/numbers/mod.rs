//! Numbers in text in every language Vigil reads, with byte ranges: digits of every script
//! with the locale's separators ("7,000", "7.000", "7 000", "1,5", "٧٬٠٠٠"), number words
//! ("forty-six", "ثلاثة", "三", "สามพัน", "двух"), scale words ("1.5亿", "15 ล้าน", "مليار"),
//! ranges, ordinals, approximation words and vague amounts ("thousands", "عشرات الآلاف").
//!
//! One mechanism for every language: the language's table ([`lang`]) is compiled into one
//! automaton ([`dict`]) run over the document's matching form ([`view`]); the grammar
//! ([`parse`]) reads numbers from the words it finds. The `quantity`, `percent` and `money`
//! extractors read what [`analyse`] returns.

mod dict;
mod digits;
mod lang;
mod parse;
#[cfg(test)]
mod tests;
mod view;

use std::cell::RefCell;
use std::rc::Rc;

use crate::Document;

pub(crate) use dict::{Generic, Hit, Side, W};
pub(crate) use parse::Number;

/// A number's unit marker, read by the grammar because it may stand on either side.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Marker {
    Percent,
    Currency(&'static str),
}

/// What the numbers extractors share about one stretch of text in one language.
pub(crate) struct Analysis {
    pub view: view::View,
    pub hits: Hits,
    pub numbers: Vec<Number>,
    pub spaced: bool,
    /// Words that may stand between a number and its noun.
    pub adjectives: usize,
    /// Ordinals follow their noun.
    pub noun_first: bool,
    /// What happened comes after what it counts (verb-final languages).
    pub cues_follow: bool,
    /// Byte offset of this stretch in the document.
    pub offset: usize,
}

impl Analysis {
    /// The document byte range and text of view range `start..end`.
    pub fn passage<'t>(&self, doc: &'t str, start: usize, end: usize) -> (usize, usize, &'t str) {
        let (s, e) = self.view.original(start, end);
        let (s, e) = (s + self.offset, e + self.offset);
        (s, e, &doc[s..e])
    }
}

/// Table words found in a view, by start and by end.
pub(crate) struct Hits {
    by_start: Vec<Hit>,
    by_end: Vec<Hit>,
}

impl Hits {
    fn new(mut hits: Vec<Hit>) -> Hits {
        hits.sort_by_key(|h| (h.start, std::cmp::Reverse(h.end), h.clitic));
        let mut by_end = hits.clone();
        by_end.sort_by_key(|h| (h.end, h.start));
        Hits {
            by_start: hits,
            by_end,
        }
    }

    /// Words starting at `at`, longest first.
    pub fn at(&self, at: usize) -> &[Hit] {
        let from = self.by_start.partition_point(|h| h.start < at);
        let to = self.by_start.partition_point(|h| h.start <= at);
        &self.by_start[from..to]
    }

    /// Words ending at `at`, longest first.
    pub fn ending_at(&self, at: usize) -> impl Iterator<Item = &Hit> {
        let from = self.by_end.partition_point(|h| h.end < at);
        let to = self.by_end.partition_point(|h| h.end <= at);
        self.by_end[from..to].iter()
    }

    /// Whether `at` lies inside a word that only looks like a numeral ([`W::NotNumber`]).
    pub fn inside_not_number(&self, at: usize) -> bool {
        let to = self.by_start.partition_point(|h| h.start <= at);
        // Such words are a few characters long: look back no further than the longest.
        self.by_start[..to]
            .iter()
            .rev()
            .take_while(|h| h.start + 16 > at)
            .any(|h| h.word == W::NotNumber && h.end > at)
    }

    /// The longest word at `at` that `pick` accepts.
    pub fn find<T>(&self, at: usize, mut pick: impl FnMut(&Hit) -> Option<T>) -> Option<(Hit, T)> {
        self.at(at).iter().find_map(|h| pick(h).map(|t| (*h, t)))
    }
}

/// What identifies a document's analysis: its text and languages.
#[derive(PartialEq)]
struct Key {
    text: String,
    lang: Option<String>,
    paragraphs: Vec<(usize, usize, Option<String>)>,
}

impl Key {
    fn of(doc: &Document) -> Key {
        Key {
            text: doc.text.to_string(),
            lang: doc.lang.map(str::to_string),
            paragraphs: doc
                .paragraphs
                .iter()
                .map(|&(s, e, l)| (s, e, l.map(str::to_string)))
                .collect(),
        }
    }
}

thread_local! {
    /// The last document analysed: the three extractors run one after the other on it.
    static LAST: RefCell<Option<(Key, Rc<Vec<Analysis>>)>> = const { RefCell::new(None) };
}

/// The numbers of `doc`, one analysis per stretch of one language.
pub(crate) fn analyse(doc: &Document) -> Rc<Vec<Analysis>> {
    let key = Key::of(doc);
    let cached = LAST.with_borrow(|last| {
        last.as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, a)| a.clone())
    });
    if let Some(found) = cached {
        return found;
    }
    let analyses = Rc::new(
        stretches(doc)
            .into_iter()
            .map(|(start, end, lang)| analyse_stretch(&doc.text[start..end], start, &lang))
            .collect::<Vec<_>>(),
    );
    LAST.with_borrow_mut(|last| *last = Some((key, analyses.clone())));
    analyses
}

/// The document cut where its paragraphs change language, each with the language to read.
fn stretches(doc: &Document) -> Vec<(usize, usize, String)> {
    let detected = || {
        doc.lang
            .map(str::to_string)
            .or_else(|| vigil_text::language::detect(doc.text).map(|d| d.lang.to_string()))
    };
    let main = detected().unwrap_or_else(|| "en".to_string());
    if doc.paragraphs.is_empty() {
        return vec![(0, doc.text.len(), main)];
    }
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    let mut at = 0;
    for &(s, e, lang) in &doc.paragraphs {
        let (s, e) = (s.clamp(at, doc.text.len()), e.min(doc.text.len()));
        if s >= e || !doc.text.is_char_boundary(s) || !doc.text.is_char_boundary(e) {
            continue;
        }
        let lang = lang.map(str::to_string).unwrap_or_else(|| main.clone());
        match out.last_mut() {
            Some(last) if last.2 == lang => last.1 = e,
            _ => {
                if s > at {
                    out.push((at, s, main.clone()));
                }
                out.push((s, e, lang));
            }
        }
        at = e;
    }
    if at < doc.text.len() {
        out.push((at, doc.text.len(), main));
    }
    out
}

fn analyse_stretch(text: &str, offset: usize, lang: &str) -> Analysis {
    let dict = dict::dict(lang);
    let view = view::View::new(text);
    let hits = Hits::new(dict.hits(&view.text));
    let numbers = parse::numbers(&view, &hits, dict.lang);
    Analysis {
        view,
        hits,
        numbers,
        spaced: dict.lang.spaced,
        adjectives: dict.lang.adjectives,
        noun_first: dict.lang.noun_first,
        cues_follow: dict.lang.cues_follow,
        offset,
    }
}
