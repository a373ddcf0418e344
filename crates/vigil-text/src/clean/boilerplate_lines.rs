//! Whole lines that belong to the page, not the report: share buttons ("Share this article",
//! "Facebook Twitter WhatsApp", "分享到："), advertisement slots ("Advertisement", "إعلان",
//! "广告", "Реклама"), cookie banners ("We use cookies…"), navigation ("Read more: …",
//! "اقرأ أيضا", "相关阅读") and calls to subscribe or follow ("Subscribe to our newsletter").
//!
//! Only whole short lines are matched against the phrase table in [`super::phrases`]: the same
//! words inside a sentence ("Facebook said it removed the accounts") are the report.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::phrases::{SHARE_TOKENS, TABLES, Table};
use super::text::{self, fold};
use super::{Input, Rule, from_body};
use crate::{Removal, RemovalReason};

pub(crate) struct BoilerplateLines;

/// Lines longer than this are sentences, not buttons or labels (cookie banners excepted).
const MAX_LABEL_CHARS: usize = 160;
/// Cookie banners run to a few sentences.
const MAX_BANNER_CHARS: usize = 600;
/// Enough of a banner's start to hold the longest opening phrase.
const BANNER_OPENING_CHARS: usize = 80;

impl Rule for BoilerplateLines {
    fn find(&self, input: &Input<'_>) -> Vec<Removal> {
        let body = input.body();
        let t = body.text.as_str();
        let found = text::lines(t).into_iter().filter_map(|line| {
            let content = line.content(t);
            let reason = classify(content)?;
            // The line and its line break go; the whitespace rule tidies the blank lines.
            let end = (line.end + 1).min(t.len());
            Some((line.start, end, reason))
        });
        from_body(&body, found.collect::<Vec<_>>())
    }
}

/// The reason a whole line is boilerplate, if it is.
pub(crate) fn classify(line: &str) -> Option<RemovalReason> {
    let chars = line.chars().count();
    if chars == 0 || chars > MAX_BANNER_CHARS {
        return None;
    }
    if chars > MAX_LABEL_CHARS {
        // Only a banner can be this long; its opening words tell.
        let opening: String = line.chars().take(BANNER_OPENING_CHARS).collect();
        let key = fold(&opening);
        let cookie = TABLES.iter().find(|t| t.reason == RemovalReason::Cookie)?;
        return cookie
            .starts
            .iter()
            .any(|s| key.starts_with(s))
            .then_some(RemovalReason::Cookie);
    }
    let key = strip_decoration(&fold(line));
    if key.is_empty() {
        return None;
    }
    if let Some(&reason) = EXACT.get(key.trim_end_matches([':', '：', ' '])) {
        return Some(reason);
    }
    for table in &TABLES {
        if matches_table(table, &key, chars) {
            return Some(table.reason);
        }
    }
    if chars <= MAX_LABEL_CHARS && is_share_row(&key) {
        return Some(RemovalReason::Share);
    }
    None
}

/// Every exact phrase with its reason, for one lookup per line.
static EXACT: LazyLock<HashMap<&'static str, RemovalReason>> = LazyLock::new(|| {
    let mut map = HashMap::new();
    for table in &TABLES {
        for phrase in table.exact {
            map.entry(*phrase).or_insert(table.reason);
        }
    }
    map
});

fn matches_table(table: &Table, key: &str, chars: usize) -> bool {
    if chars <= MAX_LABEL_CHARS {
        for label in table.labels {
            if let Some(rest) = key.strip_prefix(label) {
                let rest = rest.trim_start();
                if rest.starts_with([':', '：', '»', '›', '|']) {
                    return true;
                }
            }
        }
    }
    table.starts.iter().any(|s| key.starts_with(s))
        && (chars <= MAX_LABEL_CHARS || table.reason == RemovalReason::Cookie)
}

/// A row of share buttons: two or more words, every one a share word or a count.
fn is_share_row(key: &str) -> bool {
    let mut words = 0;
    for w in key.split(|c: char| c.is_whitespace() || "|·•/,;:：、".contains(c)) {
        if w.is_empty()
            || w.chars()
                .all(|c| c.is_ascii_digit() || c == 'k' || c == '.')
        {
            continue;
        }
        if !SHARE_TOKENS.contains(&w) {
            return false;
        }
        words += 1;
    }
    words >= 2
}

/// Drops bullets, arrows and similar decoration around a label.
fn strip_decoration(key: &str) -> String {
    let deco = |c: char| "•·*►▶▸→←»«›‹|>-–—…#【】[]".contains(c) || c.is_whitespace() || c == '.';
    key.trim_start_matches(deco)
        .trim_end_matches(deco)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::super::tests::body_after;
    use super::*;

    #[test]
    fn share_lines_in_many_languages() {
        assert_eq!(classify("Share this article"), Some(RemovalReason::Share));
        assert_eq!(
            classify("Facebook Twitter WhatsApp"),
            Some(RemovalReason::Share)
        );
        assert_eq!(classify("分享到："), Some(RemovalReason::Share));
        assert_eq!(classify("شارك"), Some(RemovalReason::Share));
        assert_eq!(classify("แชร์"), Some(RemovalReason::Share));
        assert_eq!(classify("Поделиться"), Some(RemovalReason::Share));
        assert_eq!(classify("Tweet"), Some(RemovalReason::Share));
        assert_eq!(
            classify("Facebook | Twitter | Email 12"),
            Some(RemovalReason::Share)
        );
    }

    #[test]
    fn advertisement_cookie_navigation_promo() {
        assert_eq!(
            classify("Advertisement"),
            Some(RemovalReason::Advertisement)
        );
        assert_eq!(classify("إعلان"), Some(RemovalReason::Advertisement));
        assert_eq!(classify("广告"), Some(RemovalReason::Advertisement));
        assert_eq!(classify("Реклама"), Some(RemovalReason::Advertisement));
        assert_eq!(
            classify("We use cookies to give you the best experience. By continuing you agree."),
            Some(RemovalReason::Cookie)
        );
        assert_eq!(
            classify("Nous utilisons des cookies pour améliorer votre expérience."),
            Some(RemovalReason::Cookie)
        );
        assert_eq!(
            classify("Read more: Belarus opposition leader detained"),
            Some(RemovalReason::Navigation)
        );
        assert_eq!(classify("اقرأ أيضا"), Some(RemovalReason::Navigation));
        assert_eq!(classify("相关阅读"), Some(RemovalReason::Navigation));
        assert_eq!(
            classify("Читайте также: Лукашенко встретился с Путиным"),
            Some(RemovalReason::Navigation)
        );
        assert_eq!(
            classify("Subscribe to our newsletter"),
            Some(RemovalReason::Promo)
        );
        assert_eq!(
            classify("Подписывайтесь на наш канал в Telegram"),
            Some(RemovalReason::Promo)
        );
    }

    #[test]
    fn the_same_words_inside_sentences_stay() {
        assert_eq!(
            classify("Facebook said it removed the accounts on Monday."),
            None
        );
        assert_eq!(classify("Share prices fell sharply in Minsk."), None);
        assert_eq!(
            classify("Read more than 300 pages of the report, she said."),
            None
        );
        assert_eq!(classify("Реклама запрещена в государственных СМИ."), None);
        assert_eq!(classify("وقال إن الإعلان عن النتائج تأخر."), None);
        assert_eq!(classify("他在微博上分享了这段视频。"), None);
        assert_eq!(classify("ผู้ประท้วงแชร์ภาพบนโซเชียลมีเดีย"), None);
    }

    #[test]
    fn removes_lines_with_their_breaks() {
        let text = "Protesters gathered in Minsk.\nAdvertisement\nPolice detained 774 people.";
        assert_eq!(
            body_after(&BoilerplateLines, text, None),
            "Protesters gathered in Minsk.\nPolice detained 774 people."
        );
        let text =
            "احتج الآلاف في مينسك.\n\nاقرأ أيضا: لوكاشينكو يلتقي بوتين\n\nواعتقلت الشرطة المئات.";
        assert_eq!(
            body_after(&BoilerplateLines, text, None),
            "احتج الآلاف في مينسك.\n\n\nواعتقلت الشرطة المئات."
        );
    }
}
