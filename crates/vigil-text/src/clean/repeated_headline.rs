//! The headline repeated at the top of the body: a page's title printed again as its first
//! paragraph, or the same paragraph twice in a row at the start (copy-pasted reports often
//! carry the headline twice).
//!
//! The headline is the report's `title`, not its body; a first paragraph equal to the title
//! goes. Without a title the first copy stays as the headline and the repeats go. Compared
//! case-, space- and edge-punctuation-insensitively; a title's site suffix
//! ("Headline | Site", "Headline - Site") is ignored.

use super::text::{self, fold};
use super::{Input, Rule, from_body};
use crate::{Removal, RemovalReason};

pub(crate) struct RepeatedHeadline;

/// Only the first paragraphs can hold a repeated headline.
const HEAD_PARAGRAPHS: usize = 3;
/// Shorter lines ("Update", "Minsk") may repeat for other reasons.
const MIN_HEADLINE_CHARS: usize = 8;
/// A paragraph longer than this is not a headline (and is not worth folding to compare).
const MAX_HEADLINE_BYTES: usize = 1200;

impl Rule for RepeatedHeadline {
    fn find(&self, input: &Input<'_>) -> Vec<Removal> {
        let body = input.body();
        let t = body.text.as_str();
        let lines = text::content_lines(t);
        let titles: Vec<String> = input.title.map(title_keys).unwrap_or_default();
        let mut found = Vec::new();
        let mut previous: Option<String> = None;
        for (i, line) in lines.iter().take(HEAD_PARAGRAPHS).enumerate() {
            let content = line.content(t);
            if content.len() > MAX_HEADLINE_BYTES {
                break;
            }
            let k = key(content);
            if k.chars().count() < MIN_HEADLINE_CHARS {
                break;
            }
            let repeat = titles.contains(&k) || previous.as_ref() == Some(&k);
            if repeat {
                let end = lines.get(i + 1).map_or(t.len(), |next| next.start);
                found.push((line.start, end, RemovalReason::RepeatedHeadline));
            } else if i > 0 {
                break;
            }
            previous = Some(k);
        }
        from_body(&body, found)
    }
}

/// The keys a title matches: the whole title, and its part before a site-name separator.
fn title_keys(title: &str) -> Vec<String> {
    let mut keys = vec![key(title)];
    for sep in [" | ", " - ", " — ", " – ", " :: ", " « "] {
        if let Some((head, _)) = title.rsplit_once(sep) {
            keys.push(key(head));
        }
    }
    keys.retain(|k| !k.is_empty());
    keys
}

fn key(s: &str) -> String {
    fold(s)
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::super::tests::body_after;
    use super::*;

    #[test]
    fn doubled_headline_appears_once() {
        let text = "ผู้ประท้วงหลายหมื่นคนเดินขบวนในกรุงมินสค์\n\nผู้ประท้วงหลายหมื่นคนเดินขบวนในกรุงมินสค์\n\nตำรวจจับกุมผู้ชุมนุมหลายร้อยคน";
        assert_eq!(
            body_after(&RepeatedHeadline, text, None),
            "ผู้ประท้วงหลายหมื่นคนเดินขบวนในกรุงมินสค์\n\nตำรวจจับกุมผู้ชุมนุมหลายร้อยคน"
        );
        let text = "Лукашенко встретился с Путиным в Сочи\nЛукашенко встретился с Путиным в Сочи.\nПереговоры длились четыре часа.";
        assert_eq!(
            body_after(&RepeatedHeadline, text, None),
            "Лукашенко встретился с Путиным в Сочи\nПереговоры длились четыре часа."
        );
    }

    #[test]
    fn first_paragraph_equal_to_title_goes() {
        let text = "مجلس حقوق الإنسان يعتمد قرارا بشأن بيلاروسيا\nاعتمد المجلس قرارا يطالب بتحقيقات.";
        assert_eq!(
            body_after(
                &RepeatedHeadline,
                text,
                Some("مجلس حقوق الإنسان يعتمد قرارا بشأن بيلاروسيا | أخبار الأمم المتحدة")
            ),
            "اعتمد المجلس قرارا يطالب بتحقيقات."
        );
        let text = "安理会讨论白俄罗斯人权\n\n安理会讨论白俄罗斯人权\n\n会议于9月4日举行。";
        assert_eq!(
            body_after(&RepeatedHeadline, text, Some("安理会讨论白俄罗斯人权")),
            "会议于9月4日举行。"
        );
    }

    #[test]
    fn different_or_later_paragraphs_stay() {
        let text = "Belarus leader visits Russia\nBelarus leader visits Russia for talks on loans.\nBelarus leader visits Russia";
        assert_eq!(body_after(&RepeatedHeadline, text, None), text);
        let text = "Update\nUpdate\nPolice moved in.";
        assert_eq!(body_after(&RepeatedHeadline, text, None), text);
        let text = "La police a arrêté 774 personnes.\nLe président s'est rendu à Sotchi.";
        assert_eq!(
            body_after(&RepeatedHeadline, text, Some("Loukachenko à Sotchi")),
            text
        );
    }
}
