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

mod hijri;
mod lang;
mod resolve;
mod table;

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;
use vigil_text::dates::{self, StatedDate};

use crate::{DateFields, Detail, Document, Extractor, Fact};
use table::{Lang, Meaning};

/// Finds `date` facts.
pub struct DateExtractor;

impl Extractor for DateExtractor {
    fn extract(&self, doc: &Document, out: &mut Vec<Fact>) {
        let mut found = Vec::new();
        for h in hijri::find(doc.text) {
            found.push(Candidate::absolute(h.start, h.end, h.date));
        }
        for compiled in COMPILED.iter() {
            years(doc, compiled.lang, &mut found);
        }
        let own_year = doc.date.is_none().then(|| own_year(doc.text)).flatten();
        for compiled in COMPILED.iter() {
            relative(doc, own_year, compiled, &mut found);
        }
        calendar(doc, own_year, &mut found);
        month_less_days(doc, &mut found);
        for compiled in COMPILED.iter() {
            months_alone(doc, compiled.lang, &mut found);
        }
        chinese_months_alone(doc, &mut found);
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

/// What may stand between a weekday and the date it names: "Monday, 14 September",
/// "الاثنين 14 سبتمبر", "الأربعاء الموافق 5 فبراير" (the Wednesday falling on 5 February),
/// "วันจันทร์ที่ 14".
fn joins(gap: &str) -> bool {
    let gap = gap.trim_matches(|c: char| c.is_whitespace() || ",،(".contains(c));
    ["", "ที่", "الموافق", "الماضي الموافق"].contains(&gap)
}

/// For a document without a date, the year of its copyright line ("© 2020"): its year-less
/// days ("the Aug. 9 vote") are then of that year, and "this year" / "last year" count from it.
/// The years of the dates it states are no guide: reports state history as often.
fn own_year(text: &str) -> Option<i32> {
    static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:©|\(c\)|copyright)\s*(\d{4})\b").expect("valid regex")
    });
    let mut years: Vec<i32> = COPYRIGHT
        .captures_iter(text)
        .filter_map(|c| c.get(1)?.as_str().parse().ok())
        .filter(|y| (1900..=2100).contains(y))
        .collect();
    years.sort_unstable();
    years.dedup();
    match years.as_slice() {
        [year] => Some(*year),
        _ => None,
    }
}

fn calendar(doc: &Document, own_year: Option<i32>, out: &mut Vec<Candidate>) {
    for StatedDate {
        start,
        end,
        year,
        month,
        day,
    } in dates::find_dates(doc.text)
    {
        let candidate = match (year, month, day) {
            (Some(y), Some(m), Some(d)) => {
                Candidate::absolute(start, end, format!("{y:04}-{m:02}-{d:02}"))
            }
            (Some(y), Some(m), None) => Candidate::absolute(start, end, format!("{y:04}-{m:02}")),
            (Some(y), None, _) => Candidate::absolute(start, end, format!("{y:04}")),
            (None, Some(m), Some(d)) => Candidate {
                start,
                end,
                date: match (doc.date, own_year) {
                    (Some(today), _) => resolve::year_of(m, d, today),
                    (None, Some(y)) => chrono::NaiveDate::from_ymd_opt(y, m, d),
                    (None, None) => None,
                }
                .map(|d| d.format("%Y-%m-%d").to_string()),
                relative: true,
                weekday: false,
            },
            _ => continue,
        };
        out.push(candidate);
    }
}

/// Chinese news dates recent events by the day alone ("白俄罗斯9日举行总统选举": on the 9th):
/// the day of the month closest to the document's date.
fn month_less_days(doc: &Document, out: &mut Vec<Candidate>) {
    static DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日").expect("valid regex")
    });
    let text = doc.text;
    for caps in DAY.captures_iter(text) {
        let (Some(all), Some(n)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        // A day after its month ("9月9日") is a calendar date; "日本" is Japan.
        let before = text[..all.start()].trim_end().chars().next_back();
        let after = text[all.end()..].chars().next();
        if before.is_some_and(|c| {
            c.is_numeric() || "月年第".contains(c) || "一二三四五六七八九十".contains(c)
        }) || after.is_some_and(|c| "本内元".contains(c))
        {
            continue;
        }
        let Some(day) = crate::count::read(n.as_str()).filter(|d| (1..=31).contains(d)) else {
            continue;
        };
        out.push(Candidate {
            start: all.start(),
            end: all.end(),
            date: doc
                .date
                .and_then(|today| resolve::month_of(day, today))
                .map(|d| d.format("%Y-%m-%d").to_string()),
            relative: true,
            weekday: false,
        });
    }
}

/// A month named alone after a cue ("in March", "في مارس", "в марте", "เดือนมีนาคม"): the
/// latest such month, or a coming one (see `resolve::month_alone`).
fn months_alone(doc: &Document, lang: &Lang, out: &mut Vec<Candidate>) {
    static MONTH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!("(?i)(?:{})", dates::month_names_pattern())).expect("valid regex")
    });
    if lang.month_after_word.is_empty() {
        return;
    }
    let text = doc.text;
    for m in MONTH.find_iter(text) {
        let (start, end) = (m.start(), m.end());
        if !applies(lang, doc, start)
            || !on_edges(lang, text, start, end)
            || (lang.capitals && !m.as_str().starts_with(char::is_uppercase))
            || cue_before(lang, text, start, lang.month_after_word).is_none()
        {
            continue;
        }
        // An abbreviation alone is rarely a month ("en Mar del Plata").
        const ABBREVIATIONS: &[&str] = &[
            "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        ];
        if ABBREVIATIONS.contains(&m.as_str().to_lowercase().as_str()) {
            continue;
        }
        let Some(month) = dates::month_number(m.as_str()) else {
            continue;
        };
        out.push(Candidate {
            start,
            end,
            date: doc
                .date
                .and_then(|today| resolve::month_alone(month, None, today)),
            relative: true,
            weekday: false,
        });
    }
}

/// "3月", "三月份", "去年3月" (March last year): a Chinese month without its year.
fn chinese_months_alone(doc: &Document, out: &mut Vec<Candidate>) {
    static MONTH: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(去年|今年|明年|前年)?(\d{1,2}|十[一二]?|[一二三四五六七八九])\s*月(?:份)?")
            .expect("valid regex")
    });
    let text = doc.text;
    for caps in MONTH.captures_iter(text) {
        let (Some(all), Some(n)) = (caps.get(0), caps.get(2)) else {
            continue;
        };
        let years = caps.get(1).map(|y| match y.as_str() {
            "去年" => -1,
            "明年" => 1,
            "前年" => -2,
            _ => 0,
        });
        // After a year ("2020年3月") or a count, or before a day, it is part of something else.
        let before = text[..all.start()].chars().next_back();
        let after = text[all.end()..].trim_start().chars().next();
        if (years.is_none()
            && before.is_some_and(|c| c.is_numeric() || "年个第一二三四五六七八九十".contains(c)))
            || after.is_some_and(|c| {
                c.is_numeric() || "日号".contains(c) || "一二三四五六七八九十".contains(c)
            })
        {
            continue;
        }
        let Some(month) = crate::count::read(n.as_str()).filter(|m| (1..=12).contains(m)) else {
            continue;
        };
        out.push(Candidate {
            start: all.start(),
            end: all.end(),
            date: doc
                .date
                .and_then(|today| resolve::month_alone(month, years, today)),
            relative: true,
            weekday: false,
        });
    }
}

/// Whether `lang`'s words are read at byte `at`: words in their own script always, Latin
/// ones where the text is in that language or its language is unknown.
fn applies(lang: &Lang, doc: &Document, at: usize) -> bool {
    lang.own_script || doc.lang_at(at).is_none_or(|l| l == lang.code)
}

/// One language's phrases compiled: a regex of every phrase, the meaning of each (with the
/// byte length of its cue), and the "N days ago" patterns.
struct Compiled {
    lang: &'static Lang,
    phrases: Regex,
    meanings: HashMap<String, (usize, Meaning)>,
    days_ago: Vec<Regex>,
}

static COMPILED: LazyLock<Vec<Compiled>> = LazyLock::new(|| {
    lang::LANGS
        .iter()
        .map(|&lang| {
            let mut meanings: HashMap<String, (usize, Meaning)> = HashMap::new();
            for &(phrase, meaning) in lang.phrases {
                meanings.insert(phrase.to_lowercase(), (0, meaning));
            }
            for &(cue, template, which) in lang.frames {
                for &(name, weekday) in lang.weekdays {
                    let phrase = format!("{cue}{}", template.replace("{d}", name));
                    meanings.insert(phrase, (cue.len(), Meaning::Weekday(weekday, which)));
                }
            }
            let mut keys: Vec<&String> = meanings.keys().collect();
            keys.sort_by_key(|k| std::cmp::Reverse(k.chars().count()));
            let alternation = keys
                .iter()
                .map(|k| regex::escape(k))
                .collect::<Vec<_>>()
                .join("|");
            let phrases = Regex::new(&format!("(?i)(?:{alternation})")).expect("valid regex");
            let days_ago = lang
                .days_ago
                .iter()
                .map(|t| {
                    let t = regex::escape(t)
                        .replace(r"\{n\}", &format!("({})", crate::count::pattern()));
                    Regex::new(&format!("(?i){t}")).expect("valid regex")
                })
                .collect();
            Compiled {
                lang,
                phrases,
                meanings,
                days_ago,
            }
        })
        .collect()
});

fn relative(doc: &Document, own_year: Option<i32>, compiled: &Compiled, out: &mut Vec<Candidate>) {
    let lang = compiled.lang;
    let text = doc.text;
    let resolve = |meaning: Meaning| match (doc.date, meaning) {
        (Some(today), _) => resolve::relative(meaning, today),
        (None, Meaning::Year(n)) => own_year.map(|y| format!("{:04}", y as i64 + n)),
        (None, _) => None,
    };
    for m in compiled.phrases.find_iter(text) {
        if !applies(lang, doc, m.start()) || !on_edges(lang, text, m.start(), m.end()) {
            continue;
        }
        let key = m.as_str().to_lowercase();
        let Some(&(cue_len, meaning)) = compiled.meanings.get(&key) else {
            continue;
        };
        if !guards_pass(lang, text, m.start(), m.end(), &key, meaning) {
            continue;
        }
        out.push(Candidate {
            start: m.start() + cue_len,
            end: m.end(),
            date: resolve(meaning),
            relative: true,
            weekday: matches!(meaning, Meaning::Weekday(..)),
        });
    }
    for re in &compiled.days_ago {
        for caps in re.captures_iter(text) {
            let (Some(all), Some(n)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            if !applies(lang, doc, all.start()) || !on_edges(lang, text, all.start(), all.end()) {
                continue;
            }
            let Some(n) = crate::count::read(n.as_str()) else {
                continue;
            };
            out.push(Candidate {
                start: all.start(),
                end: all.end(),
                date: resolve(Meaning::Day(-(n as i64))),
                relative: true,
                weekday: false,
            });
        }
    }
}

/// The checks that tell a phrase from the same letters meaning something else.
fn guards_pass(
    lang: &Lang,
    text: &str,
    start: usize,
    end: usize,
    key: &str,
    meaning: Meaning,
) -> bool {
    let before = text[..start].trim_end();
    let word_before = near(before, before.len().saturating_sub(40), before.len())
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    let from_start = near(text, start, start + 40).to_lowercase();
    let after = text[end..].trim_start();
    if lang
        .not_after
        .iter()
        .any(|(p, words)| *p == key && words.contains(&word_before.as_str()))
    {
        return false;
    }
    if lang
        .not_before_prefix
        .iter()
        .any(|(p, prefixes)| *p == key && prefixes.iter().any(|x| after.starts_with(x)))
    {
        return false;
    }
    if let Some(c) = text[..start].chars().next_back()
        && lang.not_after_chars.contains(c)
    {
        return false;
    }
    match meaning {
        Meaning::Weekday(..) => {
            (!lang.capitals || text[start..end].chars().any(char::is_uppercase))
                && !lang.weekday_names.contains(&word_before.as_str())
                && !lang.weekday_names.iter().any(|n| from_start.starts_with(n))
        }
        // "two years ago" is no "last year": a count just before makes it another phrase.
        Meaning::Week(_) | Meaning::Month(_) | Meaning::Year(_) => !ends_with_count(before),
        Meaning::Day(_) => true,
    }
}

fn ends_with_count(before: &str) -> bool {
    static COUNT_AT_END: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(r"(?i){}\s*$", crate::count::pattern())).expect("valid regex")
    });
    COUNT_AT_END.is_match(near(before, before.len().saturating_sub(30), before.len()))
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

/// Years standing alone after a cue word: "in 2020", "عام 2020", "2020 году", "ปี 2563".
fn years(doc: &Document, lang: &Lang, out: &mut Vec<Candidate>) {
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
