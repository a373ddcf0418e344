//! Page furniture of paginated documents (PDF text layers, UN and NGO documents): form feeds,
//! page numbers ("2/3", "- 2 -", "Page 2 of 5", "第 2 页", "Страница 2", "صفحة ٢", "หน้า 2"),
//! document symbols and job numbers ("S/2020/911", "A/HRC/45/L.1", "20-12345 (C)",
//! "GE.20-12345 (E)", "*2012345*"), recycling notes, and running headers or footers: a short
//! line that comes back on page after page.
//!
//! They are printed on every page, not written as part of the report, and they cut sentences
//! in two where pages break. Only whole lines are taken. A lone number is a page number only
//! where the document shows pages (a form feed, or several such lines), since a web page may
//! hold a lone number as content.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use regex::{Regex, RegexSet};

use super::line_breaks::{is_full_line, wrap_width};
use super::text::{self, Line, ends_sentence, fold};
use super::{Input, Rule, from_body};
use crate::{Removal, RemovalReason};

pub(crate) struct PageFurniture;

/// Furniture is a few words; longer lines are content.
const MAX_FURNITURE_CHARS: usize = 80;
/// Running headers are short; a repeated long line is content (a refrain, a quoted slogan).
const MAX_HEADER_CHARS: usize = 80;
/// A running header comes back at least this often…
const MIN_HEADER_REPEATS: usize = 3;
/// …in a document at least this long (in non-blank lines), so a web page's repeated
/// sub-headings are left alone.
const MIN_LINES_FOR_HEADERS: usize = 30;

static FURNITURE: LazyLock<RegexSet> = LazyLock::new(|| {
    RegexSet::new([
        // Document symbols: S/2020/911, A/HRC/45/L.1, E/CN.4/2005/L.10 (C).
        r"^[A-Z]{1,6}(?:/[A-Z0-9][A-Za-z0-9.\-]*){0,6}/[A-Z0-9.\-]*\d[A-Za-z0-9.\-]*(?:/[A-Za-z0-9.\-]+)*(?:\s*\([A-Z]\))?$",
        // Job numbers and barcodes: 20-12345 (C), GE.20-12345 (E) 150920 150920, *2012345*.
        r"^(?:[A-Z]{2}\.)?\d{2}-\d{4,6}\s*(?:\([A-Z]\))?(?:\s+\d{6}){0,2}(?:\s+\*\d{7,9}\*)?$",
        r"^\*\d{7,9}\*$",
        // Page numbers in many languages.
        r"^\d{1,4}\s*/\s*\d{1,4}$",
        r"^[-–—]\s*\d{1,4}\s*[-–—]$",
        r"^(?i:page|p\.|pg\.?|seite|página|pagina|страница|стр\.)\s*\d{1,4}(?:\s*(?i:of|sur|de|di|von|из|/)\s*\d{1,4})?$",
        r"^第\s*\d{1,4}\s*[页頁](?:\s*[,，]?\s*共\s*\d{1,4}\s*[页頁])?$",
        r"^(?:صفحة|الصفحة)\s*[\d٠-٩]{1,4}(?:\s*من\s*[\d٠-٩]{1,4})?$",
        r"^หน้า(?:ที่)?\s*[\d๐-๙]{1,4}(?:\s*(?:จาก|/)\s*[\d๐-๙]{1,4})?$",
        // Recycling notes printed in UN document footers.
        r"^(?i:please recycle|♲|请回收|請回收|prière de recycler|просьба отправить на вторичную переработку|يرجى إعادة الاستعمال)\s*♲?$",
    ])
    .expect("valid regexes")
});

static LONE_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[\d٠-٩۰-۹๐-๙]{1,4}$").expect("valid regex"));

impl Rule for PageFurniture {
    fn find(&self, input: &Input<'_>) -> Vec<Removal> {
        let body = input.body();
        let t = body.text.as_str();
        let lines = text::content_lines(t);
        let mut found: Vec<_> = t
            .char_indices()
            .filter(|&(_, c)| c == '\u{c}')
            .map(|(i, _)| (i, i + 1, RemovalReason::PageFurniture))
            .collect();
        let paged = !found.is_empty()
            || lines
                .iter()
                .filter(|l| LONE_NUMBER.is_match(l.content(t)))
                .count()
                >= 2;
        // Running headers only where there are pages: a web page may repeat a label.
        let width = wrap_width(t, &lines);
        let mut headers = if paged || width.is_some() {
            running_headers(t, &lines, width)
        } else {
            HashSet::new()
        };
        headers.extend(page_edge_lines(t, &lines));
        for (i, line) in lines.iter().enumerate() {
            let content = line.content(t).trim_matches('\u{c}').trim();
            if content.len() > MAX_FURNITURE_CHARS * 4
                || content.chars().count() > MAX_FURNITURE_CHARS
            {
                continue;
            }
            let furniture = FURNITURE.is_match(content)
                || (paged && LONE_NUMBER.is_match(content))
                || headers.contains(&header_key(content));
            if furniture {
                // The line goes with the blank lines after it, so the lines around it meet as
                // if the furniture had never been printed.
                let end = lines.get(i + 1).map_or(t.len(), |next| next.start);
                found.push((line.start, end, RemovalReason::PageFurniture));
            }
        }
        from_body(&body, found)
    }
}

/// Short lines that come back at least [`MIN_HEADER_REPEATS`] times in a long document, with
/// page numbers folded away ("Report on Belarus 3" and "… 4" are the same header).
/// In wrapped text (`width`), a line that fills the width is running text, not a header.
fn running_headers(t: &str, lines: &[Line], width: Option<usize>) -> HashSet<String> {
    if lines.len() < MIN_LINES_FOR_HEADERS {
        return HashSet::new();
    }
    let mut counts: HashMap<String, usize> = HashMap::new();
    for line in lines {
        let content = line.content(t);
        let full = width.is_some_and(|w| is_full_line(t, line, w));
        if content.chars().count() <= MAX_HEADER_CHARS && !ends_sentence(content) && !full {
            *counts.entry(header_key(content)).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|(k, n)| *n >= MIN_HEADER_REPEATS && k.chars().any(char::is_alphabetic))
        .map(|(k, _)| k)
        .collect()
}

/// In a document paged with form feeds: short lines that stand first or last on two or more
/// pages (headers and footers of even a short document).
fn page_edge_lines(t: &str, lines: &[Line]) -> HashSet<String> {
    let breaks: Vec<usize> = t.match_indices('\u{c}').map(|(i, _)| i).collect();
    if breaks.is_empty() {
        return HashSet::new();
    }
    let page_of = |l: &Line| breaks.partition_point(|&b| b < l.content_start);
    let mut edges: HashMap<String, HashSet<usize>> = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        let page = page_of(line);
        let first = i == 0 || page_of(&lines[i - 1]) != page;
        let last = lines.get(i + 1).is_none_or(|next| page_of(next) != page);
        let content = line.content(t);
        if (first || last) && content.chars().count() <= MAX_HEADER_CHARS {
            edges.entry(header_key(content)).or_default().insert(page);
        }
    }
    edges
        .into_iter()
        .filter(|(k, pages)| pages.len() >= 2 && k.chars().any(char::is_alphabetic))
        .map(|(k, _)| k)
        .collect()
}

fn header_key(line: &str) -> String {
    fold(line)
        .chars()
        .map(|c| if c.is_numeric() { '#' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::body_after;
    use super::*;

    #[test]
    fn symbols_job_numbers_and_page_numbers() {
        let text = "S/2020/911\n\nThe Council met on 4 September.\n\n20-12345 (C)\n\n2/3\n\nIt heard briefers.\n\nPage 3 of 5\n\n*2012345*";
        assert_eq!(
            body_after(&PageFurniture, text, None),
            "The Council met on 4 September.\n\nIt heard briefers.\n\n"
        );
    }

    #[test]
    fn page_numbers_in_other_scripts() {
        let text = "安理会举行了会议。\n第 2 页\n会议由爱沙尼亚主持。";
        assert_eq!(
            body_after(&PageFurniture, text, None),
            "安理会举行了会议。\n会议由爱沙尼亚主持。"
        );
        let text = "عقد المجلس اجتماعا.\nصفحة ٢ من ٥\nوترأس الاجتماع وزير.";
        assert_eq!(
            body_after(&PageFurniture, text, None),
            "عقد المجلس اجتماعا.\nوترأس الاجتماع وزير."
        );
        let text = "Совет провёл заседание\u{c}\nСтраница 2\nпо Беларуси.";
        assert_eq!(
            body_after(&PageFurniture, text, None),
            "Совет провёл заседание\nпо Беларуси."
        );
    }

    #[test]
    fn running_header_repeated_on_every_page() {
        // Four pages of wrapped prose, each under the same running header.
        let prose = "the special rapporteur received credible reports of arbitrary detention \
            and ill treatment of peaceful protesters in several cities and called on the \
            authorities to release all those held for exercising their rights and to open \
            an independent investigation into every allegation of torture without delay ";
        let mut text = String::new();
        for page in 1..=4 {
            text.push_str(&format!("Situation of human rights in Belarus {page}\n"));
            let mut line = String::new();
            let words: Vec<&str> = prose.split_whitespace().collect();
            let (a, b) = words.split_at(page * 9);
            let (c, d) = words.split_at(page * 9 + 4);
            for word in b.iter().chain(a).chain(d).chain(c) {
                if line.len() + word.len() > 60 {
                    text.push_str(&line);
                    text.push('\n');
                    line.clear();
                }
                line.push_str(word);
                line.push(' ');
            }
            text.push_str(line.trim_end());
            text.push_str(".\n");
        }
        let body = body_after(&PageFurniture, &text, None);
        assert!(!body.contains("Situation of human rights"), "{body}");
        assert_eq!(body.matches("rapporteur").count(), 8);
    }

    #[test]
    fn headers_and_footers_of_form_fed_pages() {
        let text = "Доклад о положении в Беларуси\nПравозащитники сообщили о задержаниях\nв Минске и других городах.\nООН, Женева\n\u{c}Доклад о положении в Беларуси\nВласти отрицают нарушения.\nООН, Женева\n";
        assert_eq!(
            body_after(&PageFurniture, text, None),
            "Правозащитники сообщили о задержаниях\nв Минске и других городах.\nВласти отрицают нарушения.\n"
        );
        // One page: its first line is a title, not a header.
        let text = "Доклад о положении в Беларуси\nВласти отрицают нарушения.\u{c}";
        assert_eq!(
            body_after(&PageFurniture, text, None),
            "Доклад о положении в Беларуси\nВласти отрицают нарушения."
        );
    }

    #[test]
    fn content_lines_stay() {
        let text = "Police detained 2/3 of the marchers.\n\n2020\n\nA/B testing is common.\n\nКонсультации S/2020 продолжаются.";
        assert_eq!(body_after(&PageFurniture, text, None), text);
        // A web page repeating a label keeps it.
        let mut text = String::new();
        for i in 0..12 {
            text.push_str(&format!(
                "#SONDAKİKA\nHaber {i}: yeni gelişmeler yaşandı.\nAyrıntılar geliyor.\n"
            ));
        }
        assert_eq!(body_after(&PageFurniture, &text, None), text);
        // A short web page repeating a sub-heading keeps it.
        let text = "Update\nPolice moved in.\nUpdate\nCrowds left.\nUpdate\nCalm returned.";
        assert_eq!(body_after(&PageFurniture, text, None), text);
    }
}
