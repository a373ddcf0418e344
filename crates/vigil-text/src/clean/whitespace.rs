//! Whitespace that carries nothing: blank space at the start and end of the document, the
//! indentation and trailing spaces of lines, blank lines beyond one between paragraphs, and
//! runs of spaces inside a line beyond the first.
//!
//! It runs last, on what the other rules left, so the body reads cleanly: paragraphs separated
//! by exactly one blank line where the text had one (a single line break stays single, since
//! cleaning removes and never inserts), words by one space.

use super::text::{self, is_space};
use super::{Input, Rule, from_body};
use crate::{Removal, RemovalReason};

pub(crate) struct Whitespace;

impl Rule for Whitespace {
    fn find(&self, input: &Input<'_>) -> Vec<Removal> {
        let body = input.body();
        let t = body.text.as_str();
        let lines = text::content_lines(t);
        let mut found = Vec::new();
        let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
            found.push((0, t.len(), RemovalReason::Whitespace));
            return from_body(&body, found);
        };
        found.push((0, first.content_start, RemovalReason::Whitespace));
        found.push((last.content_end, t.len(), RemovalReason::Whitespace));
        for pair in lines.windows(2) {
            gap(t, pair[0].content_end, pair[1].content_start, &mut found);
        }
        for line in &lines {
            inner_runs(t, line.content_start, line.content_end, &mut found);
        }
        from_body(&body, found)
    }
}

/// Between two lines: keeps the first two `\n` and removes every other character.
fn gap(t: &str, start: usize, end: usize, found: &mut Vec<(usize, usize, RemovalReason)>) {
    let mut kept = 0;
    let mut run = start;
    for (i, c) in t[start..end].char_indices() {
        let at = start + i;
        if c == '\n' && kept < 2 {
            kept += 1;
            found.push((run, at, RemovalReason::Whitespace));
            run = at + 1;
        }
    }
    found.push((run, end, RemovalReason::Whitespace));
}

/// Inside a line: every run of two or more spaces keeps its first character.
fn inner_runs(t: &str, start: usize, end: usize, found: &mut Vec<(usize, usize, RemovalReason)>) {
    let mut run: Option<usize> = None;
    for (i, c) in t[start..end].char_indices() {
        let at = start + i;
        match (is_space(c), run) {
            (true, None) => run = Some(at + c.len_utf8()),
            (true, Some(_)) => {}
            (false, Some(r)) => {
                found.push((r, at, RemovalReason::Whitespace));
                run = None;
            }
            (false, None) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::body_after;
    use super::*;

    #[test]
    fn trims_lines_and_collapses_blank_runs() {
        let text = "  Беларусь:  протесты \r\n\n\n\n   продолжаются.  \n";
        assert_eq!(
            body_after(&Whitespace, text, None),
            "Беларусь: протесты\n\nпродолжаются."
        );
    }

    #[test]
    fn ideographic_and_thai_spacing() {
        let text = "\u{3000}\u{3000}安理会举行会议。\u{3000}\n\n\n \nประชุม วันนี้ \n";
        assert_eq!(
            body_after(&Whitespace, text, None),
            "安理会举行会议。\n\nประชุม วันนี้"
        );
    }

    #[test]
    fn arabic_paragraphs_with_single_breaks_stay() {
        let text = "عقد المجلس اجتماعا.\nوقال الرئيس إن الوضع خطير.";
        assert_eq!(body_after(&Whitespace, text, None), text);
    }

    #[test]
    fn blank_document_becomes_empty() {
        assert_eq!(body_after(&Whitespace, " \n\t\n", None), "");
    }

    #[test]
    fn keeps_tidy_text_untouched() {
        let text = "Le Conseil s'est réuni.\n\nIl a adopté une résolution.";
        assert_eq!(body_after(&Whitespace, text, None), text);
    }
}
