//! Calendar dates, whole or in part: what `vigil_text::dates::find_dates` finds, months named
//! alone after a cue ("in March", "去年3月"), and Chinese days of this month ("9日"), placed in
//! time against the document's date.

use std::sync::LazyLock;

use regex::Regex;
use vigil_text::dates::{self, StatedDate};

use super::table::Lang;
use super::{Candidate, applies, cue_before, on_edges, resolve};
use crate::Document;

pub(super) fn calendar(doc: &Document, own_year: Option<i32>, out: &mut Vec<Candidate>) {
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

/// For a document without a date, the year of its copyright line ("© 2020"): its year-less
/// days ("the Aug. 9 vote") are then of that year, and "this year" / "last year" count from it.
/// The years of the dates it states are no guide: reports state history as often.
pub(super) fn own_year(text: &str) -> Option<i32> {
    static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:©|\(c\)|copyright)\s*(\d{4})(?-u:\b)").expect("valid regex")
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

/// Chinese news dates recent events by the day alone ("白俄罗斯9日举行总统选举": on the 9th):
/// the day of the month closest to the document's date.
pub(super) fn month_less_days(doc: &Document, out: &mut Vec<Candidate>) {
    static DAY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(\d{1,2}|[一二三四五六七八九十]{1,3})\s*日").expect("valid regex")
    });
    let text = doc.text;
    for caps in DAY.captures_iter(text) {
        let (Some(all), Some(n)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        // A day after its month ("9月9日") is a calendar date; "日本" is Japan; "3日間" is
        // three days.
        let before = text[..all.start()].trim_end().chars().next_back();
        let after = text[all.end()..].chars().next();
        if before.is_some_and(|c| {
            c.is_numeric() || "月年第".contains(c) || "一二三四五六七八九十".contains(c)
        }) || after.is_some_and(|c| "本内元間".contains(c))
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
pub(super) fn months_alone(doc: &Document, lang: &Lang, out: &mut Vec<Candidate>) {
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
pub(super) fn chinese_months_alone(doc: &Document, out: &mut Vec<Candidate>) {
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
