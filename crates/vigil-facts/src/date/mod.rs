//! `date` facts: the days, months and years a report states, resolved to the Gregorian
//! calendar as ISO `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
//!
//! Calendar dates come from `vigil_text::dates::find_dates` (full dates, months of years,
//! year-less days, ranges of days, in many languages and digit sets); this module adds what
//! needs per-language words (`lang/`): years standing alone after a cue ("in 2020", "عام
//! 2020", "ปี 2563"; "2020 protesters" is no date), relative dates ("yesterday", "أمس",
//! "上周一", "el lunes"), months named alone ("in March", "去年3月"), Chinese days of this
//! month ("9日"), and Hijri dates (`hijri.rs`).
//!
//! Decisions: a year-less day or a month named alone is the latest such before the document's
//! date, or one in the three months after it (a report speaks of the past and of what comes); "on
//! Monday" is the latest Monday on or before the document's date, "last Monday" the latest
//! before it; "last week" is that week's Monday; "last month" / "last year" are `YYYY-MM` /
//! `YYYY`; a range of days ("9-11 August") states its first day. Without a document date, a
//! year-less day or "this year" takes the year of the document's copyright line if it has
//! one; otherwise it, like any relative date, is a fact with `date: null` and `relative: true`.
//! A weekday written next to a full date ("Monday, 14 September 2020") adds nothing and is
//! dropped.

mod calendar;
mod hijri;
mod lang;
mod relative;
mod resolve;
mod table;
mod years;

use crate::{DateFields, Detail, Document, Extractor, Fact};
use relative::COMPILED;
use table::Lang;

/// Finds `date` facts.
pub struct DateExtractor;

impl Extractor for DateExtractor {
    fn extract(&self, doc: &Document, out: &mut Vec<Fact>) {
        let mut found = Vec::new();
        for h in hijri::find(doc.text) {
            found.push(Candidate::absolute(h.start, h.end, h.date));
        }
        for lang in lang::LANGS {
            years::years(doc, lang, &mut found);
        }
        let own_year = doc
            .date
            .is_none()
            .then(|| calendar::own_year(doc.text))
            .flatten();
        for compiled in COMPILED.iter() {
            relative::relative(doc, own_year, compiled, &mut found);
        }
        calendar::calendar(doc, own_year, &mut found);
        calendar::month_less_days(doc, &mut found);
        for lang in lang::LANGS {
            calendar::months_alone(doc, lang, &mut found);
        }
        calendar::chinese_months_alone(doc, &mut found);
        for c in &mut found {
            c.end = with_year_noun(doc.text, c.end);
        }
        found.sort_by_key(|c| (c.start, std::cmp::Reverse(c.end)));
        let mut kept: Vec<Candidate> = Vec::with_capacity(found.len());
        for c in found {
            if kept.last().is_none_or(|k| c.start >= k.end) {
                kept.push(c);
            }
        }
        // Sorted and apart: a weekday's date, if any, is its neighbour.
        let beside_a_date = |i: usize| {
            let w = &kept[i];
            let before = i.checked_sub(1).map(|j| &kept[j]);
            let after = kept.get(i + 1);
            before.is_some_and(|c| !c.weekday && joins(&doc.text[c.end..w.start]))
                || after.is_some_and(|c| !c.weekday && joins(&doc.text[w.end..c.start]))
        };
        for (i, c) in kept.iter().enumerate() {
            if c.weekday && beside_a_date(i) {
                continue;
            }
            out.push(Fact::new(
                Detail::Date(DateFields {
                    date: c.date.clone(),
                    relative: c.relative,
                }),
                doc.text,
                c.start,
                c.end,
            ));
        }
    }
}

/// A date found before overlaps are resolved.
struct Candidate {
    start: usize,
    end: usize,
    date: Option<String>,
    relative: bool,
    /// A weekday name, dropped when it stands next to a full date.
    weekday: bool,
}

impl Candidate {
    fn absolute(start: usize, end: usize, date: String) -> Candidate {
        Candidate {
            start,
            end,
            date: Some(date),
            relative: false,
            weekday: false,
        }
    }
}

/// A date ending in a year takes the year's noun after it ("14 сентября 2020 года",
/// "30 يناير 2020م"): the noun is part of the date, not a count of years.
fn with_year_noun(text: &str, end: usize) -> usize {
    let ends_in_year = text[..end]
        .chars()
        .rev()
        .take(4)
        .filter(|c| c.is_numeric())
        .count()
        == 4;
    if !ends_in_year {
        return end;
    }
    lang::LANGS
        .iter()
        .find_map(|lang| cue_after(lang, text, end, lang.year_noun_after))
        .unwrap_or(end)
}

/// What may stand between a weekday and the date it names: "Monday, 14 September",
/// "الاثنين 14 سبتمبر", "الأربعاء الموافق 5 فبراير" (the Wednesday falling on 5 February),
/// "วันจันทร์ที่ 14", "Sonntag, dem 9. März".
fn joins(gap: &str) -> bool {
    let gap = gap.trim_matches(|c: char| c.is_whitespace() || ",،(".contains(c));
    ["", "ที่", "الموافق", "الماضي الموافق", "dem", "den"].contains(&gap)
}

/// Whether `lang`'s words are read at byte `at`: words in their own script always, Latin
/// ones where the text is in that language or its language is unknown.
fn applies(lang: &Lang, doc: &Document, at: usize) -> bool {
    lang.own_script || doc.lang_at(at).is_none_or(|l| l == lang.code)
}

/// `text[start..end]`, both ends moved inward to character boundaries and `end` clamped: a
/// bounded look around a match, so long texts are not read again for every match.
fn near(text: &str, start: usize, end: usize) -> &str {
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = start.min(end);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    &text[start..end]
}

/// Whether `start..end` sits on word edges (for languages written with spaces), and not in
/// a web address ("today.com").
fn on_edges(lang: &Lang, text: &str, start: usize, end: usize) -> bool {
    let mut after = text[end..].chars();
    let mut before = text[..start].chars().rev();
    let dotted =
        |c1: Option<char>, c2: Option<char>| c1 == Some('.') && c2.is_some_and(char::is_alphabetic);
    starts_word(lang, text, start)
        && ends_word(lang, text, end)
        && !dotted(after.next(), after.next())
        && !dotted(before.next(), before.next())
}

/// Whether a word may start at `at`; an Arabic proclitic (و ف ب ل) may join it.
fn starts_word(lang: &Lang, text: &str, at: usize) -> bool {
    if !lang.spaced {
        return true;
    }
    let mut before = text[..at].chars().rev();
    match before.next() {
        None => true,
        Some(c) if !c.is_alphanumeric() => true,
        // ل before alef is no proclitic: "لامس" (touched) is not ل + "امس" (yesterday).
        Some(c)
            if lang.code == "ar"
                && ("وفب".contains(c) || (c == 'ل' && !text[at..].starts_with('ا'))) =>
        {
            !before.next().is_some_and(char::is_alphanumeric)
        }
        _ => false,
    }
}

/// Whether a word may end at `at`.
fn ends_word(lang: &Lang, text: &str, at: usize) -> bool {
    !lang.spaced || !text[at..].chars().next().is_some_and(char::is_alphanumeric)
}

/// Where the cue word ending just before `at` (spaces between allowed) starts.
fn cue_before(lang: &Lang, text: &str, at: usize, cues: &[&str]) -> Option<usize> {
    let before = text[..at].trim_end();
    let tail_as_written = near(before, before.len().saturating_sub(40), before.len());
    let tail = tail_as_written.to_lowercase();
    if tail.len() != tail_as_written.len() {
        return None;
    }
    let mut cues: Vec<&&str> = cues.iter().collect();
    cues.sort_by_key(|c| std::cmp::Reverse(c.len()));
    cues.into_iter().find_map(|cue| {
        let start = before.len().checked_sub(cue.len())?;
        (tail.ends_with(*cue) && starts_word(lang, text, start)).then_some(start)
    })
}

/// Where the cue word starting just after `at` (spaces between allowed) ends.
fn cue_after(lang: &Lang, text: &str, at: usize, cues: &[&str]) -> Option<usize> {
    let after = text[at..].trim_start();
    let offset = text.len() - after.len();
    cues.iter().find_map(|cue| {
        let head = after.get(..cue.len())?;
        let end = offset + cue.len();
        (head.to_lowercase() == *cue && ends_word(lang, text, end)).then_some(end)
    })
}

#[cfg(test)]
mod tests;
