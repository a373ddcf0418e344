//! Unicode's own word-break test file (`testdata/WordBreakTest.txt`, Unicode 18, under the
//! Unicode licence stated in its header), run through [`segment`](super::segment): on every
//! line without a space-less script, the tokens must be exactly the standard's segments that
//! hold a letter or digit.
//!
//! Skipped lines: those with Thai, Lao, Khmer, Burmese, Han or kana (Vigil cuts them by
//! dictionary, the standard leaves them to implementations) and those with a no-break or thin
//! space (Vigil joins `150 000`).

use super::{RunScript, is_word, segment};

const WORD_BREAK_TEST: &str = include_str!("testdata/WordBreakTest.txt");

/// The text of one test line and the standard's segments.
fn parse(line: &str) -> Option<(String, Vec<String>)> {
    let rule = line.split('#').next()?.trim();
    if rule.is_empty() {
        return None;
    }
    let mut text = String::new();
    let mut segments = vec![String::new()];
    for part in rule.split_whitespace() {
        match part {
            "÷" => segments.push(String::new()),
            "×" => {}
            hex => {
                let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
                text.push(c);
                segments.last_mut()?.push(c);
            }
        }
    }
    Some((
        text,
        segments.into_iter().filter(|s| !s.is_empty()).collect(),
    ))
}

#[test]
fn unicode_word_break_test() {
    let mut checked = 0;
    for (number, line) in WORD_BREAK_TEST.lines().enumerate() {
        let Some((text, segments)) = parse(line) else {
            continue;
        };
        let skip = text.chars().any(|c| {
            RunScript::of(c).is_some() || matches!(c, '\u{00A0}' | '\u{202F}' | '\u{2009}')
        });
        if skip {
            continue;
        }
        let expected: Vec<&str> = segments
            .iter()
            .map(String::as_str)
            .filter(|s| is_word(s))
            .collect();
        let got: Vec<&str> = segment(&text)
            .iter()
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(got, expected, "line {}: {line}", number + 1);
        checked += 1;
    }
    assert!(checked > 1500, "only {checked} lines checked");
}
