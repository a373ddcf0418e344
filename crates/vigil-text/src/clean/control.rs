//! Control characters left by extraction: C0 and C1 controls other than tab, line feed,
//! carriage return and form feed (those are whitespace or page breaks, handled elsewhere), and
//! byte-order marks. They are not text, break tokenisers and display oddly.
//!
//! Zero-width joiners and non-joiners stay: Persian, Indic and emoji text needs them.

use super::{Input, Rule, from_body};
use crate::{Removal, RemovalReason};

pub(crate) struct ControlChars;

impl Rule for ControlChars {
    fn find(&self, input: &Input<'_>) -> Vec<Removal> {
        let body = input.body();
        let found = body
            .text
            .char_indices()
            .filter(|&(_, c)| is_junk(c))
            .map(|(i, c)| (i, i + c.len_utf8(), RemovalReason::Markup));
        from_body(&body, found)
    }
}

fn is_junk(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}')) || c == '\u{feff}'
}

#[cfg(test)]
mod tests {
    use super::super::tests::body_after;
    use super::*;

    #[test]
    fn removes_controls_and_bom() {
        assert_eq!(
            body_after(&ControlChars, "\u{feff}Minsk\u{0}, 14 Sept\u{85}.", None),
            "Minsk, 14 Sept."
        );
        assert_eq!(
            body_after(&ControlChars, "مينسك\u{7}\u{1b} اليوم", None),
            "مينسك اليوم"
        );
        assert_eq!(
            body_after(&ControlChars, "明斯克\u{8}消息", None),
            "明斯克消息"
        );
    }

    #[test]
    fn keeps_joiners_tabs_and_breaks() {
        let text = "می\u{200c}خواهم\tक्\u{200d}ष\r\nline\u{c}page";
        assert_eq!(body_after(&ControlChars, text, None), text);
    }
}
