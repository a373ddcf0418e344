//! Years standing alone, which need a cue word to be told from counts: "in 2020", "عام 2020",
//! "2020 году", "ปี 2563" (Buddhist era); "2020 protesters" is no date.

use std::sync::LazyLock;

use regex::Regex;
use vigil_text::dates;

use super::table::Lang;
use super::{Candidate, applies, cue_after, cue_before, near};
use crate::Document;

/// Years standing alone after a cue word: "in 2020", "عام 2020", "2020 году", "ปี 2563".
pub(super) fn years(doc: &Document, lang: &Lang, out: &mut Vec<Candidate>) {
    static FOUR_DIGITS: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"\d{4}").expect("valid regex"));
    let text = doc.text;
    for m in FOUR_DIGITS.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        if !applies(lang, doc, start) || !lone_number(text, start, end) {
            continue;
        }
        let Some(written) = crate::count::read(m.as_str()) else {
            continue;
        };
        let year = if lang.buddhist_era {
            dates::gregorian_year(written as i32)
        } else {
            Some(written as i32).filter(|y| (1900..=2100).contains(y))
        };
        let Some(year) = year else { continue };
        if before_the_era(&text[end..]) {
            continue;
        }
        let noun_start = cue_before(lang, text, start, lang.year_noun_before);
        let after_word =
            noun_start.is_none() && cue_before(lang, text, start, lang.year_after_word).is_some();
        let noun_end = cue_after(lang, text, end, lang.year_noun_after);
        if noun_start.is_none() && !after_word && noun_end.is_none() {
            continue;
        }
        out.push(Candidate::absolute(
            noun_start.unwrap_or(start),
            noun_end.unwrap_or(end),
            format!("{year:04}"),
        ));
    }
}

/// Whether a year is followed by a mark of the years before the common era ("2000 ق.م.",
/// "500 BC", "300 av. J.-C.", "до н. э.").
fn before_the_era(after: &str) -> bool {
    const MARKS: &[&str] = &[
        "ق.م",
        "ق. م",
        "قبل الميلاد",
        "bc",
        "b.c.",
        "bce",
        "av. j.-c.",
        "av. j-c",
        "a. c.",
        "a.c.",
        "до н. э",
        "до н.э",
        "до нашей эры",
    ];
    let head = near(after.trim_start(), 0, 30).to_lowercase();
    MARKS
        .iter()
        .any(|m| head.starts_with(m) && !head[m.len()..].starts_with(char::is_alphabetic))
}

/// A run of digits that is not part of a longer number ("12,2020", "2020.5").
fn lone_number(text: &str, start: usize, end: usize) -> bool {
    let mut before = text[..start].chars().rev();
    let mut after = text[end..].chars();
    let digit = |c: Option<char>| c.is_some_and(|c| c.is_numeric());
    let (b1, b2) = (before.next(), before.next());
    let (a1, a2) = (after.next(), after.next());
    let sep = |c: Option<char>| c.is_some_and(|c| ",./:-".contains(c));
    let joins = |c1, c2| digit(c1) || (sep(c1) && digit(c2));
    !joins(b1, b2) && !joins(a1, a2)
}
