//! Small text facts the cleaning rules share: lines with offsets, character classes by script,
//! sentence-final punctuation of every script, display width.

use unicode_width::UnicodeWidthChar;

/// One line of a text: `start..end` is the whole line without its `\n`; `content` is the line
/// with leading and trailing whitespace trimmed (empty range for a blank line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Line {
    pub start: usize,
    pub end: usize,
    pub content_start: usize,
    pub content_end: usize,
}

impl Line {
    pub fn is_blank(&self) -> bool {
        self.content_start == self.content_end
    }
    pub fn content<'a>(&self, text: &'a str) -> &'a str {
        &text[self.content_start..self.content_end]
    }
    /// Leading whitespace, in characters (a tab counts as one).
    pub fn indent(&self, text: &str) -> usize {
        text[self.start..self.content_start].chars().count()
    }
}

/// The lines of `text` that hold something besides whitespace: what every line-based rule
/// looks at.
pub(crate) fn content_lines(text: &str) -> Vec<Line> {
    lines(text).into_iter().filter(|l| !l.is_blank()).collect()
}

/// Every line of `text`, split at `\n` (a `\r` before it is whitespace, trimmed off `content`).
pub(crate) fn lines(text: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut at = 0;
    for raw in text.split('\n') {
        let start = at;
        let end = start + raw.len();
        at = end + 1;
        let lead = raw.len() - raw.trim_start_matches(is_space).len();
        let trimmed = raw.trim_matches(is_space);
        let (cs, ce) = if trimmed.is_empty() {
            (end, end)
        } else {
            (start + lead, start + lead + trimmed.len())
        };
        out.push(Line {
            start,
            end,
            content_start: cs,
            content_end: ce,
        });
    }
    out
}

/// Whitespace within a line: everything `char::is_whitespace` says except `\n` (so `\r`, tabs,
/// no-break and ideographic spaces, form feeds), plus zero-width spaces.
pub(crate) fn is_space(c: char) -> bool {
    c != '\n' && (c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}')
}

/// How a character behaves at a line join.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    /// A script written without spaces between words (Han, kana, Thai, Lao, Khmer, Burmese,
    /// Tibetan), or full-width/CJK punctuation: nothing goes between two of these.
    NoSpace,
    /// A letter or digit of a script that separates words with spaces.
    Spaced,
    /// Anything else: punctuation, symbols.
    Other,
}

pub(crate) fn class(c: char) -> Class {
    let u = c as u32;
    let no_space = matches!(u,
        0x0E00..=0x0EFF      // Thai, Lao
        | 0x0F00..=0x0FFF    // Tibetan
        | 0x1000..=0x109F    // Myanmar
        | 0x1780..=0x17FF    // Khmer
        | 0x19E0..=0x19FF    // Khmer symbols
        | 0x2E80..=0x2FDF    // CJK radicals
        | 0x3000..=0x303F    // CJK symbols and punctuation
        | 0x3040..=0x30FF    // kana
        | 0x3100..=0x312F    // bopomofo
        | 0x31F0..=0x31FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F    // CJK compatibility forms
        | 0xFF00..=0xFF60    // full-width forms
        | 0xFF61..=0xFF9F    // half-width kana
        | 0x20000..=0x3FFFF
    );
    if no_space {
        Class::NoSpace
    } else if c.is_alphanumeric() {
        Class::Spaced
    } else {
        Class::Other
    }
}

/// Punctuation that ends a sentence, in any script.
pub(crate) fn is_sentence_final(c: char) -> bool {
    matches!(
        c,
        '.' | '!'
            | '?'
            | '…'
            | '。'
            | '．'
            | '！'
            | '？'
            | '｡'
            | '؟'
            | '۔'
            | '।'
            | '॥'
            | '။'
            | '።'
            | '፧'
            | '։'
            | '჻'
            | '།'
            | '៕'
            | '៖'
            | '‼'
            | '⁇'
    )
}

/// Closing quotes and brackets that may follow sentence-final punctuation.
pub(crate) fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | '›' | ')' | ']' | '）' | '」' | '』' | '】' | '〉' | '》'
    )
}

/// Whether `s` ends like a sentence: final punctuation, possibly followed by closers.
pub(crate) fn ends_sentence(s: &str) -> bool {
    s.trim_end_matches(|c| is_closer(c) || is_space(c))
        .chars()
        .next_back()
        .is_some_and(is_sentence_final)
}

/// Display width in terminal columns (CJK counts two, combining marks zero).
pub(crate) fn width(s: &str) -> usize {
    s.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// Lower-cased, whitespace-collapsed form used to compare short lines. Tatweel (Arabic
/// elongation, "إعـلان") and the dot Turkish "İ" leaves after lower-casing are dropped, so
/// spellings of one word compare equal.
pub(crate) fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if is_space(c) || c == '\n' {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.extend(
            c.to_lowercase()
                .filter(|&l| l != '\u{640}' && l != '\u{307}'),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_keep_offsets_and_trim() {
        let text = "  abc \r\n\n 中文";
        let ls = lines(text);
        assert_eq!(ls.len(), 3);
        assert_eq!(ls[0].content(text), "abc");
        assert!(ls[1].is_blank());
        assert_eq!(ls[2].content(text), "中文");
        assert_eq!(ls[0].indent(text), 2);
    }

    #[test]
    fn sentence_ends_in_many_scripts() {
        assert!(ends_sentence("Он ушёл."));
        assert!(ends_sentence("他走了。”"));
        assert!(ends_sentence("هل ذهب؟"));
        assert!(ends_sentence("वह गया।"));
        assert!(!ends_sentence("the meeting of the"));
        assert!(!ends_sentence("ในประเทศ"));
    }

    #[test]
    fn classes() {
        assert_eq!(class('中'), Class::NoSpace);
        assert_eq!(class('ก'), Class::NoSpace);
        assert_eq!(class('，'), Class::NoSpace);
        assert_eq!(class('ж'), Class::Spaced);
        assert_eq!(class('ب'), Class::Spaced);
        assert_eq!(class('-'), Class::Other);
        assert_eq!(width("中a"), 3);
        assert_eq!(fold("  إعـلان \u{200b}"), "إعلان");
        assert_eq!(fold("İÇİN  Ramazan"), "için ramazan");
    }
}
