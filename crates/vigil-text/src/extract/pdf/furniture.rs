//! Page furniture of paginated documents: running headers and footers, page numbers and UN
//! document symbols at page edges. They interrupt the report's sentences at every page break
//! and would otherwise be read as body text (and repeated once per page).
//!
//! Only the first and last few lines of each page are candidates: the same words in the middle
//! of a page are body text.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::{Removal, RemovalReason};

/// How many non-empty lines at the top and at the bottom of a page can be furniture.
const EDGE: usize = 3;

/// Page numbers: "3", "- 3 -", "Page 3 of 10", "p. 3", "3/10", "iv", and a few languages'
/// words for "page".
static PAGE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            [-–—]?\s*\d{1,4}\s*[-–—]?
          | \d{1,4}\s*(?:/|of|de|von|sur|из|من)\s*\d{1,4}
          | (?:page|p\.|pg\.?|página|pagina|seite|страница|стр\.|صفحة|หน้า)\s*\d{1,4}
            (?:\s*(?:/|of|de|von|sur|из|من|จาก)\s*\d{1,4})?
          | 第\s*\d{1,4}\s*[页頁]
          | x{1,3}(?:ix|iv|v?i{0,3}) | ix | iv | v?i{1,3} | v
        )$",
    )
    .expect("valid regex")
});

/// UN document symbols and job numbers: "S/2020/123", "A/HRC/45/L.1", "E/CN.4/2005/1/Add.2",
/// "20-12345 (E)", "GE.20-12345 (F)" (optionally followed by the dates of the job line).
static UN_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
            [A-Z]{1,6}(?:\.\d{1,3})?(?:/[A-Za-z0-9.\-]{1,12}){1,6}
          | (?:GE\.)?\d{2}-\d{4,6}\s*(?:\([A-Z]\))?(?:\s+[\d\s]{0,20})?
        )$",
    )
    .expect("valid regex")
});

/// The furniture of `text`, whose pages are `pages` (byte ranges, in order).
pub(super) fn find(text: &str, pages: &[Range<usize>]) -> Vec<Removal> {
    let edges: Vec<Vec<Range<usize>>> = pages.iter().map(|p| edge_lines(text, p)).collect();
    // In how many pages each normalised edge line occurs.
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in &edges {
        let mut keys: Vec<String> = page.iter().map(|r| key(&text[r.clone()])).collect();
        keys.sort_unstable();
        keys.dedup();
        for k in keys
            .into_iter()
            .filter(|k| k.chars().any(char::is_alphabetic))
        {
            *seen.entry(k).or_default() += 1;
        }
    }
    let repeated_from = (pages.len().div_ceil(2)).max(2);
    let mut removed = Vec::new();
    for line in edges.iter().flatten() {
        let content = text[line.clone()].trim();
        let furniture = PAGE_NUMBER.is_match(content)
            || UN_SYMBOL.is_match(content) && content.chars().any(|c| c.is_ascii_digit())
            || pages.len() >= 2 && seen.get(&key(content)).is_some_and(|&n| n >= repeated_from);
        if furniture {
            let (start, end) = with_line_end(text, line.clone());
            removed.push(Removal::new(start, end, RemovalReason::PageFurniture));
        }
    }
    removed.sort_by_key(|r| r.start);
    // A footer taking its following line end and the last line taking its preceding one can
    // touch: merge rather than drop.
    let mut merged: Vec<Removal> = Vec::with_capacity(removed.len());
    for r in removed {
        match merged.last_mut() {
            Some(last) if r.start < last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The first and last [`EDGE`] non-empty lines of a page (each once).
fn edge_lines(text: &str, page: &Range<usize>) -> Vec<Range<usize>> {
    let mut lines = Vec::new();
    let mut at = page.start;
    for line in text[page.clone()].split('\n') {
        if !line.trim().is_empty() {
            lines.push(at..at + line.len());
        }
        at += line.len() + 1;
    }
    if lines.len() <= 2 * EDGE {
        // A short page: every line is at an edge, but only furniture patterns should apply to
        // a page that is mostly body; keep the count small for the repetition test.
        return lines;
    }
    let tail = lines.split_off(lines.len() - EDGE);
    lines.truncate(EDGE);
    lines.extend(tail);
    lines
}

/// A line's identity across pages: digits (page numbers, dates) and spacing ignored.
fn key(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut last_space = true;
    for c in line.trim().chars() {
        if c.is_numeric() {
            if !out.ends_with('#') {
                out.push('#');
            }
            last_space = false;
        } else if c.is_whitespace() {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
        } else {
            out.extend(c.to_lowercase());
            last_space = false;
        }
    }
    out.trim_end().to_string()
}

/// The line with its line end, so removing it leaves no empty line behind: the following `\n`,
/// or for a line at the very end, the preceding one.
fn with_line_end(text: &str, line: Range<usize>) -> (usize, usize) {
    let bytes = text.as_bytes();
    if bytes.get(line.end) == Some(&b'\n') {
        (line.start, line.end + 1)
    } else if line.start > 0 && bytes[line.start - 1] == b'\n' {
        (line.start - 1, line.end)
    } else {
        (line.start, line.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn removed_lines(text: &str, pages: &[Range<usize>]) -> Vec<String> {
        find(text, pages)
            .iter()
            .map(|r| text[r.start..r.end].trim().to_string())
            .collect()
    }

    fn pages_of(parts: &[&str]) -> (String, Vec<Range<usize>>) {
        let mut text = String::new();
        let mut ranges = Vec::new();
        for p in parts {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            let start = text.len();
            text.push_str(p);
            ranges.push(start..text.len());
        }
        (text, ranges)
    }

    #[test]
    fn page_numbers_in_many_forms() {
        for n in [
            "3",
            "- 3 -",
            "— 12 —",
            "Page 3 of 10",
            "page 3",
            "3/10",
            "Página 4 de 9",
            "iv",
            "صفحة 2",
        ] {
            assert!(PAGE_NUMBER.is_match(n), "{n}");
        }
        for not in [
            "2020 was a hard year",
            "Page three",
            "3 people died",
            "civil",
        ] {
            assert!(!PAGE_NUMBER.is_match(not), "{not}");
        }
    }

    #[test]
    fn un_symbols() {
        for s in [
            "S/2020/123",
            "A/HRC/45/L.1",
            "E/CN.4/2005/1/Add.2",
            "20-12345 (E)",
            "GE.20-12345 (F)",
            "20-12345 (E)    010120  020120",
        ] {
            assert!(UN_SYMBOL.is_match(s), "{s}");
        }
        for not in [
            "and/or",
            "The Council/Assembly met",
            "24/7 coverage",
            "20-year plan",
        ] {
            assert!(!UN_SYMBOL.is_match(not), "{not}");
        }
    }

    #[test]
    fn repeated_headers_and_footers_go_body_stays() {
        let bodies = [
            "The mission visited four provinces.\nIt met displaced families.\n\
             Aid convoys were delayed at checkpoints.\nFuel shortages persist.",
            "Schools reopened in Aden.\nTeachers have not been paid since March.\n\
             Cholera cases declined.\nThe port operates at half capacity.",
            "Partners call for funding.\nThe appeal is 30 per cent funded.\n\
             Food rations were cut.\nThe next report is due in May.",
        ];
        let page = |n: usize| {
            format!(
                "Situation Report No. {}\nOCHA Yemen\n{}\nwww.unocha.org\n{}",
                13 + n,
                bodies[n - 1],
                n
            )
        };
        let (p1, p2, p3) = (page(1), page(2), page(3));
        let (text, pages) = pages_of(&[&p1, &p2, &p3]);
        let removed = removed_lines(&text, &pages);
        // Twelve lines; the last two touch and are one removal.
        assert_eq!(removed.len(), 11, "{removed:?}");
        assert_eq!(removed[10], "www.unocha.org\n3");
        assert!(
            removed
                .iter()
                .all(|l| !l.contains("mission") && !l.contains("Fuel"))
        );
        // What is left joins cleanly: no empty lines where the furniture was.
        let body_text = crate::clean::Body::new(&text, &find(&text, &pages)).text;
        assert!(!body_text.contains("\n\n\n"), "{body_text:?}");
        assert!(body_text.starts_with("The mission visited"));
    }

    #[test]
    fn single_page_keeps_its_lines_except_numbers_and_symbols() {
        let (text, pages) =
            pages_of(&["S/2021/55\nLetter dated 3 March 2021\nThe Council met.\n- 1 -"]);
        assert_eq!(removed_lines(&text, &pages), ["S/2021/55", "- 1 -"]);
    }

    #[test]
    fn the_same_words_in_the_middle_of_pages_are_kept() {
        let mid = "Line one of the body.\nLine two.\nCasualties\nLine four.\nLine five.";
        let p = format!("Top A\nTop B\nTop C\n{mid}\nEnd A\nEnd B\nEnd C");
        let q = format!("Other 1\nOther 2\nOther 3\n{mid}\nLast 1\nLast 2\nLast 3");
        let (text, pages) = pages_of(&[&p, &q]);
        let removed = removed_lines(&text, &pages);
        assert!(!removed.iter().any(|l| l == "Casualties"), "{removed:?}");
    }
}
