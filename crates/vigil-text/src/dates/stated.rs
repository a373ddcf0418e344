//! Every calendar date a text states, however much of it it states: a full date ("14
//! September 2020", "2020 年 9 月 14 日"), a month of a year ("September 2020", "в сентябре
//! 2020", "2020年9月", "กันยายน 2563"), a year written with 年 ("2020年"), a day of a month
//! without its year ("on 9 August", "Aug. 9", "9月9日", "9 آب"), and a range of days ("9-11
//! August 2020"), which states its first day.
//!
//! Years standing alone ("in 2020", "عام 2020") need a cue word to be told from counts, and
//! cue words are per language: the fact extractor reads those.

use std::sync::LazyLock;

use regex::Regex;

use super::find::{self, BUDDHIST_ERA_OFFSET, number, standalone};
use super::months::{month_names_pattern, month_number};

/// A date stated in text; `start..end` is the byte range of the words that state it. Fields
/// the text does not state are `None`: a year-less "9 August" has no `year`, "September
/// 2020" no `day`. Years are Gregorian (Buddhist-era years converted).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatedDate {
    pub start: usize,
    pub end: usize,
    pub year: Option<i32>,
    pub month: Option<u32>,
    pub day: Option<u32>,
}

/// How much of a date the text states.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Precision {
    /// Day, month and year, or day and month without the year.
    Day,
    /// A month of a year.
    Month,
    /// A year alone.
    Year,
}

impl StatedDate {
    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }
}

/// Which capture holds which part of a partial date.
#[derive(Debug, Clone, Copy)]
enum Parts {
    /// Day, month name, year, with the month's other name between ("14 آذار (مارس) 1998",
    /// "11 سبتمبر أيلول 2001": Arabic news often gives both calendars' names).
    DayNameYear,
    /// Day, month name (year-less).
    DayName,
    /// Month name, day (year-less).
    NameDay,
    /// Numeric month, day (year-less, CJK).
    MonthDay,
    /// Month name, year.
    NameYear,
    /// Year, numeric month (CJK).
    YearMonth,
    /// Year alone (CJK 年).
    Year,
    /// First day, last day, month name, optional year: "9-11 August 2020".
    DayRangeName,
    /// Month name, first day, last day, optional year: "August 9-11, 2020".
    NameDayRange,
}

/// English month names that are also common words ("may", "march"): only capitalised.
const WORD_LIKE_MONTHS: &[&str] = &["may", "march", "mar"];

static PARTIAL: LazyLock<Vec<(Regex, Parts)>> = LazyLock::new(|| {
    let m = month_names_pattern();
    let era = r"(?:พ\.\s?ศ\.|ค\.\s?ศ\.)?";
    let dash = r"(?:\s*[-–—]\s*|\s+(?:to|au|al|до|إلى|الى)\s+)";
    let han_day = "[一二三四五六七八九十]{1,3}";
    let han_year = "[〇零○一二三四五六七八九]{4}";
    [
        (
            format!(
                r"(?i)(\d{{1,2}}){dash}(\d{{1,2}})\s*(?:de\s+)?({m})\.?(?:,?\s*(?:de\s+|del\s+)?{era}\s*(\d{{4}}))?"
            ),
            Parts::DayRangeName,
        ),
        (
            format!(
                r"(?i)({m})\.?\s+(\d{{1,2}}){dash}(\d{{1,2}})(?:,?\s+(\d{{4}}))?"
            ),
            Parts::NameDayRange,
        ),
        (
            format!(r"(\d{{1,2}})\s*({m})\s*(?:[/(]\s*)?(?:{m})\s*\)?\s*,?\s*(\d{{4}})"),
            Parts::DayNameYear,
        ),
        (
            format!(r"({m})\s*(?:[/(]\s*)?(?:{m})\s*\)?\s*,?\s*(\d{{4}})"),
            Parts::NameYear,
        ),
        (
            format!(r"(?i)(\d{{1,2}})(?:st|nd|rd|th|er|º)?\.?\s*(?:de\s+)?({m})\.?"),
            Parts::DayName,
        ),
        (
            format!(r"(?i)({m})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?"),
            Parts::NameDay,
        ),
        (
            format!(r"(?i)({m})\.?,?\s+(?:de\s+|del\s+)?{era}\s*(\d{{4}})"),
            Parts::NameYear,
        ),
        (
            format!(r"(\d{{1,2}}|{han_day})\s*月\s*(\d{{1,2}}|{han_day})\s*[日号號]"),
            Parts::MonthDay,
        ),
        (
            format!(r"(\d{{4}}|{han_year})\s*年\s*(\d{{1,2}}|{han_day})\s*月"),
            Parts::YearMonth,
        ),
        (format!(r"(\d{{4}}|{han_year})\s*年"), Parts::Year),
    ]
    .into_iter()
    .map(|(p, o)| (Regex::new(&p).expect("valid regex"), o))
    .collect()
});

/// Every date `text` states, in order, none overlapping (of overlapping readings the
/// earliest, then the longest: "9 August 2020" rather than "August 2020").
pub fn find_dates(text: &str) -> Vec<StatedDate> {
    let mut out: Vec<StatedDate> = find::dates(text)
        .into_iter()
        .map(|f| {
            use chrono::Datelike;
            StatedDate {
                start: f.start,
                end: f.end,
                year: Some(f.date.year()),
                month: Some(f.date.month()),
                day: Some(f.date.day()),
            }
        })
        .collect();
    for (re, parts) in PARTIAL.iter() {
        for caps in re.captures_iter(text) {
            let Some(all) = caps.get(0) else { continue };
            if !standalone(text, all.start(), all.end()) {
                continue;
            }
            let part = |i: usize| caps.get(i).map(|m| m.as_str());
            let name = |i: usize| {
                let name = part(i)?;
                if WORD_LIKE_MONTHS.contains(&name) {
                    return None;
                }
                month_number(name)
            };
            let year = |i: usize| {
                part(i)
                    .and_then(number)
                    .and_then(|y| gregorian_year(y as i32))
            };
            let num = |i: usize| part(i).and_then(number);
            let (year, month, day) = match parts {
                Parts::DayNameYear => (year(3), name(2), num(1)),
                Parts::DayName => (None, name(2), num(1)),
                Parts::NameDay => (None, name(1), num(2)),
                Parts::MonthDay => (None, num(1), num(2)),
                Parts::NameYear => (year(2), name(1), None),
                Parts::YearMonth => (year(1), num(2), None),
                Parts::Year => (year(1), None, None),
                Parts::DayRangeName => {
                    if num(1) >= num(2) {
                        continue;
                    }
                    (part(4).map(|_| year(4)).unwrap_or(None), name(3), num(1))
                }
                Parts::NameDayRange => {
                    if num(2) >= num(3) {
                        continue;
                    }
                    (part(4).map(|_| year(4)).unwrap_or(None), name(1), num(2))
                }
            };
            // A year the text writes must be a plausible one.
            let year_written = match parts {
                Parts::NameYear | Parts::YearMonth | Parts::Year | Parts::DayNameYear => true,
                Parts::DayRangeName | Parts::NameDayRange => part(4).is_some(),
                _ => false,
            };
            let day_written = !matches!(parts, Parts::NameYear | Parts::YearMonth | Parts::Year);
            let month_written = !matches!(parts, Parts::Year);
            if (year_written && year.is_none())
                || (month_written && month.is_none())
                || (day_written && day.is_none())
            {
                continue;
            }
            // A day whose year follows but is no year we take ("15 February 1564") is no
            // year-less day.
            if !year_written && year_follows(&text[all.end()..]) {
                continue;
            }
            // "on 9 August." ends a sentence; "Aug." is an abbreviation.
            let name_group = match parts {
                Parts::DayName => 2,
                Parts::DayRangeName => 3,
                _ => 0,
            };
            let end = match caps.get(name_group).filter(|_| name_group > 0) {
                Some(name) if name.end() + 1 == all.end() && !is_abbreviation(name.as_str()) => {
                    name.end()
                }
                _ => all.end(),
            };
            if let Some(stated) = valid(all.start(), end, year, month, day) {
                out.push(stated);
            }
        }
    }
    out.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut kept: Vec<StatedDate> = Vec::with_capacity(out.len());
    for f in out {
        if kept.last().is_none_or(|k| f.start >= k.end) {
            kept.push(f);
        }
    }
    kept
}

/// Whether `after` starts with a year, perhaps after the month's other name in brackets.
fn year_follows(after: &str) -> bool {
    static YEAR: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^\s*(?:\(\s*[^()\d]{1,20}\)\s*)?,?\s*\d{3,4}\b").expect("valid regex")
    });
    YEAR.is_match(after)
}

/// Month abbreviations written with a dot ("Aug.", "sept.", "janv."); a dot after a full name
/// ("9 August.", "22 mai.") ends the sentence.
const ABBREVIATIONS: &[&str] = &[
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "janv",
    "févr", "avr", "juil", "déc",
];

fn is_abbreviation(name: &str) -> bool {
    ABBREVIATIONS.contains(&name.to_lowercase().as_str())
}

/// A date whose parts are a real month and a day that month can have.
fn valid(
    start: usize,
    end: usize,
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
) -> Option<StatedDate> {
    if month.is_some_and(|m| !(1..=12).contains(&m)) {
        return None;
    }
    if let (Some(m), Some(d)) = (month, day) {
        // A leap year admits every day a month can have (29 February without a year).
        chrono::NaiveDate::from_ymd_opt(year.unwrap_or(2020), m, d)?;
    }
    Some(StatedDate {
        start,
        end,
        year,
        month,
        day,
    })
}

/// The Gregorian year of a year as written: Buddhist-era years (Thai, 2400 and later) are
/// converted; years outside 1900–2100 are not taken for years.
pub fn gregorian_year(year: i32) -> Option<i32> {
    let year = if year >= 2400 {
        year - BUDDHIST_ERA_OFFSET
    } else {
        year
    };
    (1900..=2100).contains(&year).then_some(year)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Year, month, day and the passage.
    type Parts<'a> = (Option<i32>, Option<u32>, Option<u32>, &'a str);

    fn found(text: &str) -> Vec<Parts<'_>> {
        find_dates(text)
            .into_iter()
            .map(|d| (d.year, d.month, d.day, &text[d.start..d.end]))
            .collect()
    }

    #[test]
    fn partial_dates_in_many_languages() {
        let cases: &[(&str, Parts)] = &[
            (
                "Talks resumed in September 2020.",
                (Some(2020), Some(9), None, "September 2020"),
            ),
            (
                "в сентябре 2020 года",
                (Some(2020), Some(9), None, "сентябре 2020"),
            ),
            ("فى سبتمبر 2020", (Some(2020), Some(9), None, "سبتمبر 2020")),
            (
                "เมื่อเดือนกันยายน 2563",
                (Some(2020), Some(9), None, "กันยายน 2563"),
            ),
            ("自2020年9月以来", (Some(2020), Some(9), None, "2020年9月")),
            ("2020年的选举", (Some(2020), None, None, "2020年")),
            ("voted on 9 August.", (None, Some(8), Some(9), "9 August")),
            ("le 22 mai.", (None, Some(5), Some(22), "22 mai")),
            (
                "يوم الاربعاء 19 يوليوز",
                (None, Some(7), Some(19), "19 يوليوز"),
            ),
            (
                "عاش بين 14 آذار ( مارس ) 1998 و",
                (Some(1998), Some(3), Some(14), "14 آذار ( مارس ) 1998"),
            ),
            (
                "هجمات 11 سبتمبر أيلول 2001",
                (Some(2001), Some(9), Some(11), "11 سبتمبر أيلول 2001"),
            ),
            (
                "في ديسمبر/كانون الأول 2004",
                (Some(2004), Some(12), None, "ديسمبر/كانون الأول 2004"),
            ),
            (
                "من 10 إلى 30 يناير 2020م",
                (Some(2020), Some(1), Some(10), "10 إلى 30 يناير 2020"),
            ),
            (
                "في 30 يناير 2020م،",
                (Some(2020), Some(1), Some(30), "30 يناير 2020"),
            ),
            (
                "The vote took place on 9 August.",
                (None, Some(8), Some(9), "9 August"),
            ),
            ("voted on 9 August.", (None, Some(8), Some(9), "9 August")),
            ("le 22 mai.", (None, Some(5), Some(22), "22 mai")),
            (
                "يوم الاربعاء 19 يوليوز",
                (None, Some(7), Some(19), "19 يوليوز"),
            ),
            (
                "عاش بين 14 آذار ( مارس ) 1998 و",
                (Some(1998), Some(3), Some(14), "14 آذار ( مارس ) 1998"),
            ),
            (
                "هجمات 11 سبتمبر أيلول 2001",
                (Some(2001), Some(9), Some(11), "11 سبتمبر أيلول 2001"),
            ),
            (
                "في ديسمبر/كانون الأول 2004",
                (Some(2004), Some(12), None, "ديسمبر/كانون الأول 2004"),
            ),
            (
                "من 10 إلى 30 يناير 2020م",
                (Some(2020), Some(1), Some(10), "10 إلى 30 يناير 2020"),
            ),
            (
                "في 30 يناير 2020م،",
                (Some(2020), Some(1), Some(30), "30 يناير 2020"),
            ),
            (
                "The vote took place on 9 August.",
                (None, Some(8), Some(9), "9 August"),
            ),
            ("voted on 9 Aug. in", (None, Some(8), Some(9), "9 Aug.")),
            ("the Aug. 9 vote", (None, Some(8), Some(9), "Aug. 9")),
            ("في 9 آب الماضي", (None, Some(8), Some(9), "9 آب")),
            ("他于9月9日抵达", (None, Some(9), Some(9), "9月9日")),
            ("九月九日", (None, Some(9), Some(9), "九月九日")),
            ("le 1er août,", (None, Some(8), Some(1), "1er août")),
            ("el 9 de agosto", (None, Some(8), Some(9), "9 de agosto")),
            ("วันที่ 9 ส.ค.", (None, Some(8), Some(9), "9 ส.ค.")),
            (
                "from 9-11 August 2020",
                (Some(2020), Some(8), Some(9), "9-11 August 2020"),
            ),
            ("on August 9–11,", (None, Some(8), Some(9), "August 9–11")),
        ];
        for (text, want) in cases {
            assert_eq!(found(text), vec![*want], "{text}");
        }
    }

    #[test]
    fn full_dates_win_over_their_parts() {
        let text = "held on 9 August 2020 and 2020 年 9 月 14 日";
        let got = found(text);
        assert_eq!(
            got,
            vec![
                (Some(2020), Some(8), Some(9), "9 August 2020"),
                (Some(2020), Some(9), Some(14), "2020 年 9 月 14 日"),
            ]
        );
        assert_eq!(find_dates(text)[0].precision(), Precision::Day);
    }

    #[test]
    fn not_dates() {
        for text in [
            "the 10 may be freed",
            "150,000 march in Minsk",
            "774 people were arrested",
            "31 February",
            "13月5日",
            "30000年",
            "protesters in 2020",
            "born on 15 February 1564",
        ] {
            assert_eq!(found(text), vec![], "{text}");
        }
    }
}
