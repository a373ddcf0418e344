//! Placing relative and year-less dates against the document's date.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use super::table::{Meaning, Which};

/// The `YYYY-MM-DD`, `YYYY-MM` or `YYYY` a relative phrase means on `today`.
pub(crate) fn relative(meaning: Meaning, today: NaiveDate) -> Option<String> {
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    match meaning {
        Meaning::Day(n) => shift_days(today, n).map(day),
        Meaning::Week(n) => shift_days(monday_of(today), 7 * n).map(day),
        Meaning::Month(n) => {
            let first = today.with_day(1)?;
            let month = if n < 0 {
                first.checked_sub_months(Months::new(n.unsigned_abs() as u32))
            } else {
                first.checked_add_months(Months::new(n as u32))
            }?;
            Some(month.format("%Y-%m").to_string())
        }
        Meaning::Year(n) => Some(format!("{:04}", today.year() as i64 + n)),
        Meaning::Weekday(weekday, which) => weekday_date(weekday, which, today).map(day),
    }
}

fn weekday_date(weekday: Weekday, which: Which, today: NaiveDate) -> Option<NaiveDate> {
    let back = (7 + today.weekday().num_days_from_monday() as i64
        - weekday.num_days_from_monday() as i64)
        % 7;
    match which {
        Which::Latest => shift_days(today, -back),
        Which::Previous => shift_days(today, -(if back == 0 { 7 } else { back })),
        Which::Next => shift_days(today, 7 - back),
        Which::InWeek(n) => shift_days(
            monday_of(today),
            7 * n + weekday.num_days_from_monday() as i64,
        ),
        Which::Days(n) => shift_days(today, n),
    }
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    shift_days(date, -(date.weekday().num_days_from_monday() as i64)).unwrap_or(date)
}

fn shift_days(date: NaiveDate, n: i64) -> Option<NaiveDate> {
    if n < 0 {
        date.checked_sub_days(Days::new(n.unsigned_abs()))
    } else {
        date.checked_add_days(Days::new(n as u64))
    }
}

/// How far ahead of the document's date a year-less day or month may lie: a report speaks of
/// the past, and of the coming weeks ("the vote on 20 December", written in October).
const AHEAD_DAYS: u64 = 90;

/// The year of a year-less day: the latest such day no more than [`AHEAD_DAYS`] after `today`.
pub(crate) fn year_of(month: u32, day: u32, today: NaiveDate) -> Option<NaiveDate> {
    let limit = today.checked_add_days(Days::new(AHEAD_DAYS))?;
    (today.year() - 1..=today.year() + 1)
        .rev()
        .filter_map(|y| NaiveDate::from_ymd_opt(y, month, day))
        .find(|d| *d <= limit)
}

/// The `YYYY-MM` of a month named alone ("in March"), placed as [`year_of`] places days; or of
/// that month `years` years away when the text says so ("去年3月", March last year).
pub(crate) fn month_alone(month: u32, years: Option<i64>, today: NaiveDate) -> Option<String> {
    let first = match years {
        Some(n) => NaiveDate::from_ymd_opt(i32::try_from(today.year() as i64 + n).ok()?, month, 1),
        None => year_of(month, 1, today),
    }?;
    Some(first.format("%Y-%m").to_string())
}

/// The date of a month-less day ("9日", the 9th of this month as Chinese news writes it): of
/// that day in the months around `today`, the closest to it.
pub(crate) fn month_of(day: u32, today: NaiveDate) -> Option<NaiveDate> {
    let this_month = today.with_day(1)?;
    [
        this_month.checked_sub_months(Months::new(1)),
        Some(this_month),
        this_month.checked_add_months(Months::new(1)),
    ]
    .into_iter()
    .flatten()
    .filter_map(|first| first.with_day(day))
    .min_by_key(|d| (*d - today).num_days().abs())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn weekdays_and_weeks() {
        // 2020-09-16 is a Wednesday.
        let today = date("2020-09-16");
        let at = |m| relative(m, today).unwrap();
        assert_eq!(
            at(Meaning::Weekday(Weekday::Mon, Which::Latest)),
            "2020-09-14"
        );
        assert_eq!(
            at(Meaning::Weekday(Weekday::Wed, Which::Latest)),
            "2020-09-16"
        );
        assert_eq!(
            at(Meaning::Weekday(Weekday::Wed, Which::Previous)),
            "2020-09-09"
        );
        assert_eq!(
            at(Meaning::Weekday(Weekday::Mon, Which::Next)),
            "2020-09-21"
        );
        assert_eq!(
            at(Meaning::Weekday(Weekday::Mon, Which::InWeek(-1))),
            "2020-09-07"
        );
        assert_eq!(
            at(Meaning::Weekday(Weekday::Sun, Which::InWeek(0))),
            "2020-09-20"
        );
        assert_eq!(at(Meaning::Week(-1)), "2020-09-07");
        assert_eq!(at(Meaning::Day(-2)), "2020-09-14");
        assert_eq!(at(Meaning::Month(-1)), "2020-08");
        assert_eq!(
            relative(Meaning::Month(-1), date("2020-01-31")).unwrap(),
            "2019-12"
        );
        assert_eq!(at(Meaning::Year(-1)), "2019");
    }

    #[test]
    fn month_less_days_take_the_closest_month() {
        assert_eq!(month_of(9, date("2020-09-14")), Some(date("2020-09-09")));
        assert_eq!(month_of(28, date("2020-10-02")), Some(date("2020-09-28")));
        assert_eq!(month_of(31, date("2020-10-02")), Some(date("2020-10-31")));
    }

    #[test]
    fn year_less_days_are_recent_or_coming() {
        let today = date("2021-01-05");
        assert_eq!(year_of(12, 20, today), Some(date("2020-12-20")));
        assert_eq!(year_of(1, 9, today), Some(date("2021-01-09")));
        assert_eq!(year_of(8, 9, date("2020-09-14")), Some(date("2020-08-09")));
        // Half a year back, not half a year ahead.
        assert_eq!(year_of(3, 9, date("2020-09-16")), Some(date("2020-03-09")));
        assert_eq!(year_of(1, 9, date("2020-12-20")), Some(date("2021-01-09")));
        let today = date("2020-09-16");
        assert_eq!(month_alone(11, None, today).as_deref(), Some("2020-11"));
        assert_eq!(month_alone(1, None, today).as_deref(), Some("2020-01"));
        assert_eq!(month_alone(3, Some(-1), today).as_deref(), Some("2019-03"));
    }
}
