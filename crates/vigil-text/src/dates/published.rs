//! Normalising a stated publication date from metadata (RSS, JSON-LD, meta tags, JSON Lines).

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};

use super::find;

/// Date-times with an offset that RFC 3339 itself rejects but pages write.
const ZONED: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f %z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M%z",
    "%Y-%m-%dT%H:%M:%S%.f%:z",
    "%Y-%m-%d %H:%M:%S%.f%:z",
];

/// Date-times without a zone: only the date is kept, since the instant is unknown.
const NAIVE: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
];

const DATES: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d", "%d.%m.%Y"];

/// Normalises a stated publication date (ISO 8601, RFC 2822, RFC 3339, common page formats) to
/// ISO 8601: `YYYY-MM-DD`, or `YYYY-MM-DDTHH:MM:SSZ` (in UTC) when a time and a zone are given.
/// `None` if unreadable.
pub fn parse_published(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    if let Some(utc) = zoned(s) {
        return Some(utc.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    }
    date_only(s).map(|d| d.format("%Y-%m-%d").to_string())
}

fn zoned(s: &str) -> Option<DateTime<Utc>> {
    let utc = |d: DateTime<chrono::FixedOffset>| d.with_timezone(&Utc);
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return Some(utc(d));
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(utc(d));
    }
    // "2021-03-05 10:00:00Z", "… UTC", "… GMT": a zone written as a letter or a name.
    let bare = ["Z", " UTC", " GMT", " Z"]
        .iter()
        .find_map(|z| s.strip_suffix(z))
        .map(|rest| rest.trim_end());
    if let Some(rest) = bare
        && let Some(naive) = NAIVE
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(rest, f).ok())
    {
        return Some(naive.and_utc());
    }
    ZONED
        .iter()
        .find_map(|f| DateTime::parse_from_str(s, f).ok())
        .map(utc)
}

fn date_only(s: &str) -> Option<NaiveDate> {
    if let Some(naive) = NAIVE
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
    {
        return Some(naive.date());
    }
    if let Some(d) = DATES
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(s, f).ok())
    {
        return find::make_date(
            chrono::Datelike::year(&d),
            chrono::Datelike::month(&d),
            chrono::Datelike::day(&d),
        );
    }
    if let Some(d) = slashed(s) {
        return Some(d);
    }
    if let Some(d) = timestamp(s) {
        return Some(d);
    }
    find::dates(s).first().map(|f| f.date)
}

/// `05/03/2021`: day and month are told apart only when one of them is over 12 (or equal).
fn slashed(s: &str) -> Option<NaiveDate> {
    // A time may follow: "14/09/2020 21:30".
    let s = s.split_whitespace().next()?;
    let mut parts = s.split('/');
    let (a, b, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 {
        return None;
    }
    let (a, b, y) = (find::number(a)?, find::number(b)?, find::number(y)?);
    let (m, d) = match (a > 12, b > 12) {
        (true, false) => (b, a),
        (false, true) => (a, b),
        _ if a == b => (a, b),
        _ => return None,
    };
    find::make_date(y as i32, m, d)
}

/// Unix time in seconds or milliseconds, as some feeds and APIs give it.
fn timestamp(s: &str) -> Option<NaiveDate> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = s.parse().ok()?;
    let secs = match s.len() {
        9 | 10 => n,
        12 | 13 => n / 1000,
        _ => return None,
    };
    DateTime::from_timestamp(secs, 0).map(|d| d.date_naive())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_formats() {
        let cases = [
            ("2020-09-14", "2020-09-14"),
            ("2020-09-14T21:30:00+03:00", "2020-09-14T18:30:00Z"),
            ("2020-09-14T21:30:00.123Z", "2020-09-14T21:30:00Z"),
            ("2020-09-15T01:30:00+0300", "2020-09-14T22:30:00Z"),
            ("2020-09-14 21:30:00 UTC", "2020-09-14T21:30:00Z"),
            ("Mon, 14 Sep 2020 21:30:00 +0300", "2020-09-14T18:30:00Z"),
            ("Mon, 14 Sep 2020 21:30:00 GMT", "2020-09-14T21:30:00Z"),
            ("2020-09-14T21:30:00", "2020-09-14"),
            ("20200914", "2020-09-14"),
            ("1600119000", "2020-09-14"),
        ];
        for (s, want) in cases {
            assert_eq!(parse_published(s).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn page_formats_in_many_languages() {
        let cases = [
            ("March 5, 2021", "2021-03-05"),
            ("Published: Sept. 14, 2020 10:32 AM ET", "2020-09-14"),
            ("5 mars 2021", "2021-03-05"),
            ("2021年3月5日 10:30", "2021-03-05"),
            ("الاثنين 14 سبتمبر 2020", "2020-09-14"),
            ("١٤ أيلول ٢٠٢٠", "2020-09-14"),
            ("14 сентября 2020, 18:05", "2020-09-14"),
            ("14 ก.ย. 2563", "2020-09-14"),
            ("14.09.2020", "2020-09-14"),
            ("25/12/2020", "2020-12-25"),
            ("14/09/2020 21:30", "2020-09-14"),
            ("二〇二〇年九月十四日", "2020-09-14"),
        ];
        for (s, want) in cases {
            assert_eq!(parse_published(s).as_deref(), Some(want), "{s}");
        }
    }

    #[test]
    fn unreadable_or_ambiguous() {
        for s in [
            "",
            "yesterday",
            "05/03/2021",
            "2020-13-45",
            "not a date 12",
            "99999999999",
        ] {
            assert_eq!(parse_published(s), None, "{s}");
        }
    }
}
