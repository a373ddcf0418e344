//! Hijri dates ("15 محرم 1442 هـ", "محرم 1442", "1442هـ") and their Gregorian dates.
//!
//! Conversion uses the arithmetic (tabular) Islamic calendar with the civil epoch (16 July
//! 622 Julian) and the common leap-year cycle (years 2, 5, 7, 10, 13, 16, 18, 21, 24, 26 and 29
//! of 30). Saudi Umm al-Qura and sighting-based calendars can differ from it by a day or two;
//! no small, well-kept crate carries Umm al-Qura tables (ICU's calendar crate would, at a
//! dependency weight out of proportion to this use). A month or year alone is given as the
//! Gregorian month or year in which it begins.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

/// Hijri month names as Arabic news writes them.
static MONTHS: &[(&str, u32)] = &[
    ("محرم", 1),
    ("صفر", 2),
    ("ربيع الأول", 3),
    ("ربيع الاول", 3),
    ("ربيع الآخر", 4),
    ("ربيع الاخر", 4),
    ("ربيع الثاني", 4),
    ("جمادى الأولى", 5),
    ("جمادى الاولى", 5),
    ("جمادى الأول", 5),
    ("جمادى الآخرة", 6),
    ("جمادى الاخرة", 6),
    ("جمادى الثانية", 6),
    ("رجب", 7),
    ("شعبان", 8),
    ("رمضان", 9),
    ("شوال", 10),
    ("ذو القعدة", 11),
    ("ذي القعدة", 11),
    ("ذو الحجة", 12),
    ("ذي الحجة", 12),
];

/// What marks a year as Hijri.
/// (A bare "ه" must end a word; that is checked in code, because a Unicode word boundary in
/// the pattern would force the regex crate's slowest engine over every Arabic report.)
const ERA: &str = r"(?:للهجرة|هجرية|هجري|الهجري|هـ\.?|ه)";

/// A Hijri date found in text: Gregorian `date` at `precision`, over `start..end`.
pub(crate) struct Found {
    pub start: usize,
    pub end: usize,
    pub date: String,
}

static PATTERN: LazyLock<Regex> = LazyLock::new(|| {
    let mut names: Vec<&str> = MONTHS.iter().map(|&(n, _)| n).collect();
    names.sort_by_key(|n| std::cmp::Reverse(n.chars().count()));
    let names = names.join("|");
    // Day and month optional; a year without a month name needs the era mark.
    Regex::new(&format!(
        r"(?:(?:(\d{{1,2}})\s*)?({names})\s*(\d{{4}})(?:\s*{ERA})?|(\d{{4}})\s*{ERA})"
    ))
    .expect("valid regex")
});

/// Every Hijri date in `text`.
pub(crate) fn find(text: &str) -> Vec<Found> {
    let mut out = Vec::new();
    for caps in PATTERN.captures_iter(text) {
        let Some(all) = caps.get(0) else { continue };
        if all.as_str().ends_with('ه')
            && text[all.end()..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let read = |i: usize| caps.get(i).and_then(|m| crate::count::read(m.as_str()));
        let month = caps
            .get(2)
            .and_then(|m| MONTHS.iter().find(|(n, _)| *n == m.as_str()))
            .map(|&(_, n)| n);
        let year = read(3).or(read(4));
        let Some(year) = year.filter(|y| (1300..=1600).contains(y)) else {
            continue;
        };
        let date = match (read(1), month) {
            (Some(day), Some(month)) if (1..=30).contains(&day) => {
                to_gregorian(year as i64, month, day).map(|d| d.format("%Y-%m-%d").to_string())
            }
            (_, Some(month)) => {
                to_gregorian(year as i64, month, 1).map(|d| d.format("%Y-%m").to_string())
            }
            _ => to_gregorian(year as i64, 1, 1).map(|d| d.format("%Y").to_string()),
        };
        if let Some(date) = date {
            out.push(Found {
                start: all.start(),
                end: all.end(),
                date,
            });
        }
    }
    out
}

/// The Gregorian date of a day of the tabular Islamic calendar.
pub(crate) fn to_gregorian(year: i64, month: u32, day: u32) -> Option<NaiveDate> {
    if !(1..=12).contains(&month) || !(1..=30).contains(&day) {
        return None;
    }
    let month = month as i64;
    // Days since the epoch: whole years, leap days of the 30-year cycle, whole months
    // (alternately 30 and 29 days), then the day.
    let days =
        (year - 1) * 354 + (3 + 11 * year).div_euclid(30) + (59 * (month - 1) + 1) / 2 + day as i64;
    // 1 Muharram 1 AH (civil epoch) is 16 July 622 Julian, 19 July 622 proleptic Gregorian,
    // which is day 227,015 counting 1 January 1 CE as day 1.
    const EPOCH_CE_DAYS: i64 = 227_015;
    let ce = EPOCH_CE_DAYS - 1 + days;
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(ce).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabular_conversion() {
        for ((y, m, d), want) in [
            ((1442, 1, 1), "2020-08-20"),
            ((1441, 9, 1), "2020-04-24"),
            ((1, 1, 1), "0622-07-19"),
        ] {
            assert_eq!(
                to_gregorian(y, m, d).map(|d| d.to_string()).as_deref(),
                Some(want),
                "{y}-{m}-{d}"
            );
        }
    }
}
