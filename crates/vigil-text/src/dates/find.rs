//! Finding calendar dates written out in text, in many languages and digit sets: "14 September
//! 2020", "March 5, 2021", "5 mars 2021", "14 сентября 2020", "١٤ أيلول ٢٠٢٠", "2020 年 9 月
//! 14 日", "14 กันยายน 2563" (Buddhist era), "2020-09-14", "14.09.2020", and year-less
//! datelines ("Sept. 14").

use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use super::months::{month_names_pattern, month_number};

/// A date found in text: `start..end` is the byte range that states it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Found {
    pub date: NaiveDate,
    pub start: usize,
    pub end: usize,
}

/// A month and day without a year ("Sept. 14"), for datelines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct MonthDay {
    pub month: u32,
    pub day: u32,
    pub start: usize,
    pub end: usize,
}

/// Buddhist-era years (Thai) are this much ahead of the Gregorian year.
pub(super) const BUDDHIST_ERA_OFFSET: i32 = 543;

static PATTERNS: LazyLock<Vec<(Regex, Order)>> = LazyLock::new(|| {
    let m = month_names_pattern();
    let era = r"(?:พ\.\s?ศ\.|ค\.\s?ศ\.)?";
    [
        (
            format!(
                r"(?i)(\d{{1,2}})(?:st|nd|rd|th|er|e|º)?\.?\s*(?:de\s+)?({m})\.?,?\s*(?:de\s+|del\s+)?{era}\s*(\d{{4}})"
            ),
            Order::Dmy,
        ),
        (
            // "May 2, 2013", and "May 2 , 2013" as tokenised corpora write it.
            format!(r"(?i)({m})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:\s*,)?\s+(\d{{4}})"),
            Order::Mdy,
        ),
        (
            r"(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일号號]?".to_string(),
            Order::Ymd,
        ),
        (
            r"([〇零○一二三四五六七八九]{4})\s*年\s*([一二三四五六七八九十]{1,3})\s*月\s*([一二三四五六七八九十]{1,3})\s*[日号]".to_string(),
            Order::Ymd,
        ),
        (
            // Japanese era years: "令和2年8月9日" is 9 August 2020.
            r"(令和|平成|昭和)\s*(\d{1,2}|元)\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日".to_string(),
            Order::EraYmd,
        ),
        (r"(\d{4})-(\d{2})-(\d{2})".to_string(), Order::Ymd),
        (r"(\d{1,2})\.(\d{1,2})\.(\d{4})".to_string(), Order::DmyNumeric),
    ]
    .into_iter()
    .map(|(p, o)| (Regex::new(&p).expect("valid regex"), o))
    .collect()
});

static YEARLESS: LazyLock<Vec<(Regex, Order)>> = LazyLock::new(|| {
    let m = month_names_pattern();
    [
        (format!(r"(?i)({m})\.?\s+(\d{{1,2}})"), Order::Mdy),
        (format!(r"(?i)(\d{{1,2}})\s+({m})\.?"), Order::Dmy),
    ]
    .into_iter()
    .map(|(p, o)| (Regex::new(&p).expect("valid regex"), o))
    .collect()
});

#[derive(Debug, Clone, Copy)]
enum Order {
    Dmy,
    Mdy,
    Ymd,
    DmyNumeric,
    /// A Japanese era, its year, the month and the day.
    EraYmd,
}

/// The Gregorian year before the first year of a Japanese era (令和元年 is 2019).
fn era_base(era: &str) -> Option<u32> {
    match era {
        "令和" => Some(2018),
        "平成" => Some(1988),
        "昭和" => Some(1925),
        _ => None,
    }
}

/// Every full date in `text`, by position (overlapping readings keep the earliest, longest).
pub(super) fn dates(text: &str) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    for (re, order) in PATTERNS.iter() {
        for caps in re.captures_iter(text) {
            let (Some(all), Some(a), Some(b), Some(c)) =
                (caps.get(0), caps.get(1), caps.get(2), caps.get(3))
            else {
                continue;
            };
            if !standalone(text, all.start(), all.end()) {
                continue;
            }
            let (y, m, d) = match order {
                Order::Dmy => (
                    number(c.as_str()),
                    month_number(b.as_str()),
                    number(a.as_str()),
                ),
                Order::Mdy => (
                    number(c.as_str()),
                    month_number(a.as_str()),
                    number(b.as_str()),
                ),
                Order::Ymd => (number(a.as_str()), number(b.as_str()), number(c.as_str())),
                Order::DmyNumeric => (number(c.as_str()), number(b.as_str()), number(a.as_str())),
                Order::EraYmd => {
                    let year_in_era = match b.as_str() {
                        "元" => Some(1),
                        digits => number(digits),
                    };
                    (
                        era_base(a.as_str())
                            .zip(year_in_era)
                            .map(|(base, y)| base + y),
                        number(c.as_str()),
                        caps.get(4).and_then(|d| number(d.as_str())),
                    )
                }
            };
            if let (Some(y), Some(m), Some(d)) = (y, m, d)
                && let Some(date) = make_date(y as i32, m, d)
            {
                out.push(Found {
                    date,
                    start: all.start(),
                    end: all.end(),
                });
            }
        }
    }
    out.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut kept: Vec<Found> = Vec::with_capacity(out.len());
    for f in out {
        if kept.last().is_none_or(|k| f.start >= k.end) {
            kept.push(f);
        }
    }
    kept
}

/// The first month-and-day without a year in `text`.
pub(super) fn month_day(text: &str) -> Option<MonthDay> {
    let mut best: Option<MonthDay> = None;
    for (re, order) in YEARLESS.iter() {
        let Some(caps) = re.captures_iter(text).find(|c| {
            c.get(0)
                .is_some_and(|a| standalone(text, a.start(), a.end()))
        }) else {
            continue;
        };
        let (Some(all), Some(a), Some(b)) = (caps.get(0), caps.get(1), caps.get(2)) else {
            continue;
        };
        let (m, d) = match order {
            Order::Mdy => (month_number(a.as_str()), number(b.as_str())),
            _ => (month_number(b.as_str()), number(a.as_str())),
        };
        if let (Some(month), Some(day)) = (m, d)
            && (1..=31).contains(&day)
            && best.is_none_or(|b| all.start() < b.start)
        {
            best = Some(MonthDay {
                month,
                day,
                start: all.start(),
                end: all.end(),
            });
        }
    }
    best
}

/// A match must not continue a longer number or word ("12014 May 2020", "Marchand 5").
pub(super) fn standalone(text: &str, start: usize, end: usize) -> bool {
    let mut before = text[..start].chars().rev();
    let mut after = text[end..].chars();
    let joins = |c: Option<char>| {
        c.is_some_and(|c| c.is_numeric() || (c.is_alphabetic() && !is_unspaced(c)))
    };
    // "2.10.2020.1" is a version, "1-14 May" a range: a separator followed by a digit joins.
    let joins_through = |first: Option<char>, second: Option<char>| {
        joins(first)
            || (first.is_some_and(|c| ".-/".contains(c)) && second.is_some_and(|c| c.is_numeric()))
    };
    let (mut a1, mut a2) = (after.next(), after.next());
    // Arabic marks a Gregorian year with م ("2020م"); the mark ends the date.
    if a1 == Some('م') && !a2.is_some_and(char::is_alphanumeric) {
        (a1, a2) = (None, None);
    }
    // ISO dates go on with a time: "2020-09-14T10:00".
    let iso_time = a1 == Some('T') && a2.is_some_and(|c| c.is_ascii_digit());
    !joins_through(before.next(), before.next()) && (iso_time || !joins_through(a1, a2))
}

/// Thai and CJK run words together, so a letter next to a date there does not extend it.
fn is_unspaced(c: char) -> bool {
    matches!(c as u32, 0x0E00..=0x0EFF | 0x3040..=0x30FF | 0x3400..=0x9FFF | 0xAC00..=0xD7AF)
}

/// A valid calendar date from a year that may be in the Buddhist era.
pub(super) fn make_date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let year = if year >= 2400 {
        year - BUDDHIST_ERA_OFFSET
    } else {
        year
    };
    if !(1900..=2100).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// The value of a run of decimal digits in any script (ASCII, Arabic-Indic, Persian,
/// Devanagari, Thai, full-width…), or of a Chinese numeral ("二〇二〇", "十四", "三十一").
pub(super) fn number(s: &str) -> Option<u32> {
    if s.chars().next().and_then(han_digit).is_some() {
        return han_number(s);
    }
    let mut n: u32 = 0;
    for c in s.chars() {
        n = n.checked_mul(10)?.checked_add(digit(c)?)?;
    }
    Some(n)
}

fn han_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|d| d == c)
        .or(matches!(c, '零' | '○').then_some(0))
        .map(|p| p as u32)
        .or((c == '十').then_some(10))
}

/// Years are written digit by digit ("二〇二〇"); days and months with tens ("二十一").
fn han_number(s: &str) -> Option<u32> {
    let digits: Vec<u32> = s.chars().map(han_digit).collect::<Option<_>>()?;
    if !s.contains('十') {
        return digits
            .iter()
            .try_fold(0u32, |n, &d| n.checked_mul(10)?.checked_add(d));
    }
    match digits.as_slice() {
        [10] => Some(10),
        [10, units] => Some(10 + units),
        [tens, 10] => Some(tens * 10),
        [tens, 10, units] => Some(tens * 10 + units),
        _ => None,
    }
}

fn digit(c: char) -> Option<u32> {
    const ZEROS: [u32; 12] = [
        0x30, 0x660, 0x6F0, 0x966, 0x9E6, 0xA66, 0xE50, 0xED0, 0xF20, 0x1040, 0x17E0, 0xFF10,
    ];
    let u = c as u32;
    ZEROS
        .iter()
        .find(|&&z| (z..z + 10).contains(&u))
        .map(|&z| u - z)
}

/// The latest date with this month and day that is not after `reference` (plus a day for
/// time zones): a dateline's year-less date is recent.
pub(super) fn resolve_year(month: u32, day: u32, reference: NaiveDate) -> Option<NaiveDate> {
    let limit = reference.succ_opt().unwrap_or(reference);
    (0..=4).find_map(|back| {
        NaiveDate::from_ymd_opt(reference.year() - back, month, day).filter(|d| *d <= limit)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Option<String> {
        dates(text).first().map(|f| f.date.to_string())
    }

    #[test]
    fn dates_in_many_languages_and_digits() {
        let cases = [
            ("14 September 2020", "2020-09-14"),
            ("March 5, 2021", "2021-03-05"),
            ("Posted on Thu Jun 13 , 2013 08 : 45 AM PDT", "2013-06-13"),
            ("Sept. 14, 2020", "2020-09-14"),
            ("5 mars 2021", "2021-03-05"),
            ("le 1er août 2020", "2020-08-01"),
            ("14 de marzo de 2021", "2021-03-14"),
            ("14 сентября 2020 года", "2020-09-14"),
            ("14 سبتمبر 2020", "2020-09-14"),
            ("١٤ أيلول ٢٠٢٠", "2020-09-14"),
            ("14 تشرين الأول 2020", "2020-10-14"),
            ("2020 年 9 月 14 日", "2020-09-14"),
            ("2021年3月5日", "2021-03-05"),
            ("二〇二〇年九月十四日", "2020-09-14"),
            ("二〇二〇年十二月三十一日", "2020-12-31"),
            ("令和2年8月9日", "2020-08-09"),
            ("平成元年1月8日", "1989-01-08"),
            ("昭和64年1月7日", "1989-01-07"),
            ("2020년 9월 14일", "2020-09-14"),
            ("14 กันยายน 2563", "2020-09-14"),
            ("วันที่ 14 ก.ย. พ.ศ. 2563", "2020-09-14"),
            ("2020-09-14T10:00:00Z", "2020-09-14"),
            ("14.09.2020", "2020-09-14"),
        ];
        for (text, want) in cases {
            assert_eq!(first(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn not_dates() {
        for text in [
            "31 February 2020",
            "12014 May 2020",
            "Marchand 5, 2020",
            "774 people were arrested",
            "version 2.10.2020.1",
        ] {
            assert_eq!(first(text), None, "{text}");
        }
    }

    #[test]
    fn year_less_datelines() {
        let md = month_day("MINSK, Sept. 14 (Reuters) -");
        assert_eq!(md.map(|m| (m.month, m.day)), Some((9, 14)));
        let reference = NaiveDate::from_ymd_opt(2020, 9, 15).unwrap_or_default();
        assert_eq!(
            resolve_year(9, 14, reference)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2020-09-14")
        );
        assert_eq!(
            resolve_year(12, 30, reference)
                .map(|d| d.to_string())
                .as_deref(),
            Some("2019-12-30")
        );
    }
}
