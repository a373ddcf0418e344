//! The text numbers are read from: the document's matching form (lower case, Arabic letters
//! folded, every script's digits as ASCII, no-break and thin spaces as spaces, curly
//! apostrophes straight), with line breaks inside Chinese text removed, and a map from every
//! byte back to the original range it came from.

use vigil_text::normalize::normalize;

pub(crate) struct View {
    pub text: String,
    /// For each byte of `text`, the original byte range of the character it came from.
    origin: Vec<(u32, u32)>,
}

impl View {
    pub fn new(original: &str) -> View {
        let norm = normalize(original);
        let mut text = String::with_capacity(norm.text.len());
        let mut origin = Vec::with_capacity(norm.text.len());
        let chars: Vec<(usize, char)> = norm.text.char_indices().collect();
        let mut last_kept: Option<char> = None;
        for (i, &(at, c)) in chars.iter().enumerate() {
            if c.is_whitespace() && last_kept.is_some_and(is_han) {
                let next = chars[i..]
                    .iter()
                    .map(|&(_, c)| c)
                    .find(|c| !c.is_whitespace());
                if next.is_some_and(is_han) {
                    continue;
                }
            }
            let folded = match c {
                '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{00B4}' => '\'',
                '\u{2212}' => '-',
                c if c.is_whitespace() && c != '\n' => ' ',
                c => c,
            };
            let (start, end) = norm.original_range(at, at + c.len_utf8());
            text.push(folded);
            for _ in 0..folded.len_utf8() {
                origin.push((start as u32, end as u32));
            }
            last_kept = Some(c);
        }
        View { text, origin }
    }

    /// The original byte range of view range `start..end` (non-empty, on char boundaries).
    pub fn original(&self, start: usize, end: usize) -> (usize, usize) {
        let first = self.origin[start].0 as usize;
        let last = self.origin[end - 1].1 as usize;
        (first, last.max(first))
    }

    pub fn char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..).and_then(|s| s.chars().next())
    }

    pub fn char_before(&self, at: usize) -> Option<char> {
        self.text.get(..at).and_then(|s| s.chars().next_back())
    }
}

pub(crate) fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F)
        || matches!(c, '，' | '。' | '、' | '；' | '：')
}
