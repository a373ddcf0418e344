//! Inferring a document's own date from its text when the metadata has none: a dateline
//! ("MINSK, Sept. 14 (Reuters) -", "Geneva, 14 September 2020"), a date line at the top
//! ("14 September 2020", "الاثنين 14 سبتمبر 2020"), or a letter's date ("Letter dated 14
//! September 2020 from…", "2020 年 9 月 14 日…的信", "Письмо … от 14 сентября 2020 года").
//!
//! Conservative on purpose: only the start of the document is read, and a date there counts
//! only where such lines put it (at the start of one of the first lines, after a place and a
//! comma, after a weekday, after "dated"). A date inside a sentence ("On 9 August, Belarus
//! voted") is an event's date, not the document's.

use chrono::NaiveDate;

use super::find::{self, Found};
use crate::Span;

/// Only this much of the start of a document is read (whole characters).
const HEAD_BYTES: usize = 300;
/// A document's own date stands in one of its first lines.
const HEAD_LINES: usize = 3;
/// A dateline's place ("MINSK", "UNITED NATIONS, New York") is short.
const MAX_PLACE_CHARS: usize = 40;

/// Words after which a date is the date of the document ("Letter dated …", "بتاريخ …").
const DATED: &[&str] = &[
    "dated",
    "datée du",
    "en date du",
    "de fecha",
    "vom",
    "بتاريخ",
    "المؤرخة",
    "المؤرخ",
    "مؤرخة",
    "مؤرخ",
    "วันที่",
    "ลงวันที่",
    "日期",
    "日付",
];

/// Prepositions that date a document only in a letter's title ("Письмо … от 14 сентября").
const DATED_IN_LETTER: &[&str] = &["du", "del", "de", "от", "of"];

/// How letters and notes name themselves at the top.
const LETTER: &[&str] = &[
    "letter",
    "note verbale",
    "lettre",
    "carta",
    "письмо",
    "вербальная нота",
    "رسالة",
    "مذكرة شفوية",
    "หนังสือ",
];

/// Weekdays that may stand before a date line's date.
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "понедельник",
    "вторник",
    "среда",
    "четверг",
    "пятница",
    "суббота",
    "воскресенье",
    "الاثنين",
    "الإثنين",
    "الثلاثاء",
    "الأربعاء",
    "الخميس",
    "الجمعة",
    "السبت",
    "الأحد",
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
    "星期日",
    "วันจันทร์",
    "วันอังคาร",
    "วันพุธ",
    "วันพฤหัสบดี",
    "วันศุกร์",
    "วันเสาร์",
    "วันอาทิตย์",
];

/// Infers the document's own date from its text (a dateline at the start, a letter's date):
/// `YYYY-MM-DD`, and the byte range that states it.
pub fn infer_date(text: &str) -> Option<(String, Span)> {
    let head = head(text);
    find::dates(head)
        .into_iter()
        .find(|f| is_own_date(head, f.start, f.end))
        .map(|Found { date, start, end }| {
            (date.format("%Y-%m-%d").to_string(), Span::new(start, end))
        })
}

/// Like [`infer_date`], and also reads a year-less dateline ("MINSK, Sept. 14 (Reuters) -")
/// as the latest such date not after `reference` (the time the report arrived).
pub fn infer_date_near(text: &str, reference: NaiveDate) -> Option<(String, Span)> {
    if let Some(found) = infer_date(text) {
        return Some(found);
    }
    let head = head(text);
    let first_line = head.lines().find(|l| !l.trim().is_empty())?;
    let offset = first_line.as_ptr() as usize - head.as_ptr() as usize;
    let md = find::month_day(first_line)?;
    let (start, end) = (offset + md.start, offset + md.end);
    if !is_own_date(head, start, end) {
        return None;
    }
    let date = find::resolve_year(md.month, md.day, reference)?;
    Some((date.format("%Y-%m-%d").to_string(), Span::new(start, end)))
}

fn head(text: &str) -> &str {
    let mut cut = text.len().min(HEAD_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    &text[..cut]
}

/// Whether the date at `start..end` of `head` is where a document states its own date.
fn is_own_date(head: &str, start: usize, end: usize) -> bool {
    let line_start = head[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_index = head[..line_start]
        .split('\n')
        .filter(|l| !l.trim().is_empty())
        .count();
    if line_index >= HEAD_LINES {
        return false;
    }
    let prefix = head[line_start..start].trim();
    if prefix.is_empty() {
        return true;
    }
    let lower = prefix.to_lowercase();
    let last_word = lower
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or_default()
        .trim_end_matches([',', '،']);
    if DATED.iter().any(|d| lower.ends_with(d)) {
        return true;
    }
    let letter = LETTER.iter().any(|w| lower.starts_with(w));
    if letter
        && DATED_IN_LETTER
            .iter()
            .any(|d| lower.ends_with(&format!(" {d}")))
    {
        return true;
    }
    if WEEKDAYS.contains(&last_word) && lower.split_whitespace().count() <= 2 {
        return true;
    }
    // A dateline: a short place name and a separator ("MINSK,", "Genève —", "Published:").
    let _ = end;
    prefix.chars().count() <= MAX_PLACE_CHARS
        && prefix.ends_with([',', '،', '-', '–', '—', ':', '|', '/', '(', '：', '，'])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<String> {
        infer_date(text).map(|(d, _)| d)
    }

    #[test]
    fn datelines_and_letters() {
        let cases = [
            (
                "14 September 2020\n\nThe Security Council met today.",
                "2020-09-14",
            ),
            (
                "GENEVA, 14 September 2020 - The Human Rights Council",
                "2020-09-14",
            ),
            (
                "Letter dated 14 September 2020 from the Permanent Representative of Estonia",
                "2020-09-14",
            ),
            (
                "  2020 年 9 月 14 日爱沙尼亚常驻联合国代表给安全理事会主席的信",
                "2020-09-14",
            ),
            (
                "جنيف، ١٤ أيلول ٢٠٢٠ - اعتمد مجلس حقوق الإنسان قرارا",
                "2020-09-14",
            ),
            (
                "الاثنين 14 سبتمبر 2020\nيعقد مجلس الأمن اجتماعا",
                "2020-09-14",
            ),
            ("วันที่ 14 กันยายน พ.ศ. 2563\nสหประชาชาติเรียกร้อง", "2020-09-14"),
            (
                "Письмо Постоянного представителя Эстонии от 14 сентября 2020 года на имя Председателя",
                "2020-09-14",
            ),
            (
                "МИНСК, 14 сентября 2020 — Тысячи людей вышли на улицы.",
                "2020-09-14",
            ),
        ];
        for (text, want) in cases {
            assert_eq!(date(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn event_dates_are_not_the_document_date() {
        for text in [
            "Protesters in Belarus have dismissed the Aug. 9, 2020 vote as rigged.",
            "On 9 August 2020, Belarus held a presidential election.",
            "في 9 أغسطس 2020، أجرت بيلاروسيا انتخابات رئاسية",
            "白俄罗斯于 2020 年 8 月 9 日举行总统选举。",
            "La manifestation du 9 août 2020 a réuni des milliers de personnes.",
            "Протесты от 9 августа 2020 года продолжаются.",
            "First line.\nSecond line.\nThird line.\n14 September 2020",
        ] {
            assert_eq!(date(text), None, "{text}");
        }
        let long = format!("{}\n14 September 2020", "word ".repeat(80));
        assert_eq!(date(&long), None);
    }

    #[test]
    fn span_points_at_the_date() {
        let text = "GENEVA, 14 September 2020 - The Council";
        let (_, span) = infer_date(text).expect("a date");
        assert_eq!(&text[span.start..span.end], "14 September 2020");
    }

    #[test]
    fn year_less_dateline_uses_the_reference() {
        let reference = NaiveDate::from_ymd_opt(2020, 9, 15).unwrap_or_default();
        let text = "MINSK, Sept. 14 (Reuters) - Belarusian President Alexander Lukashenko";
        let (d, span) = infer_date_near(text, reference).expect("a date");
        assert_eq!(d, "2020-09-14");
        assert_eq!(&text[span.start..span.end], "Sept. 14");
        let text = "Protesters dismissed the Aug. 9 vote as rigged.";
        assert_eq!(infer_date_near(text, reference), None);
    }
}
