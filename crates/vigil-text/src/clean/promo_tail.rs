//! A short fragment stuck on the end of a report that has nothing to do with it: a spam
//! anchor or shop line left by a scraper ("คืนยอดเสีย", "best online casino").
//!
//! The last paragraph goes when all of these hold: it is very short (a few words) and far
//! shorter than the report's paragraphs; it is not a sentence (no sentence-final punctuation)
//! nor a label (no colon); it is not a signature (no letter closing before it, no "(Signed)",
//! not a capitalised name) nor a date; and it shares almost nothing with the report (under a
//! third of its words, or for unspaced scripts its character trigrams, occur in the rest).
//! A real closing line ("The talks continue.", "Sviatlana Tsikhanouskaya", "Minsk") stays.

use std::collections::HashSet;

use super::text::{self, Class, class, ends_sentence, fold};
use super::{Input, Rule, from_body};
use crate::{Removal, RemovalReason};

pub(crate) struct PromoTail;

const MAX_TAIL_CHARS: usize = 40;
const MAX_TAIL_WORDS: usize = 6;
/// The tail is at most this fraction of the median paragraph.
const MAX_SHARE_OF_MEDIAN: usize = 3;
/// Paragraphs before the tail: a report, not a list of short lines.
const MIN_PARAGRAPHS: usize = 3;
/// Below this share of the tail's words (or trigrams) found in the report, it is unrelated.
const MAX_RELATEDNESS: f64 = 1.0 / 3.0;

/// Closings that put a signature, not an unrelated fragment, at the end of a letter.
const CLOSINGS: &[&str] = &[
    "sincerely",
    "yours",
    "regards",
    "respectfully",
    "(signed)",
    "cordialement",
    "veuillez agréer",
    "(signé)",
    "mit freundlichen grüßen",
    "atentamente",
    "с уважением",
    "(подпись)",
    "وتفضلوا",
    "مع خالص",
    "(توقيع)",
    "(التوقيع)",
    "此致",
    "敬礼",
    "(签名)",
    "（签名）",
    "(簽名)",
    "ขอแสดงความนับถือ",
    "(ลงชื่อ)",
    "敬具",
];

impl Rule for PromoTail {
    fn find(&self, input: &Input<'_>) -> Vec<Removal> {
        let body = input.body();
        let t = body.text.as_str();
        let lines = text::content_lines(t);
        let Some((last, rest)) = lines.split_last() else {
            return Vec::new();
        };
        if rest.len() < MIN_PARAGRAPHS {
            return Vec::new();
        }
        let tail = last.content(t);
        let report = &t[..last.start];
        let mut lengths: Vec<usize> = rest.iter().map(|l| l.content(t).chars().count()).collect();
        lengths.sort_unstable();
        let median = lengths[lengths.len() / 2];
        let closing_before = rest.iter().rev().take(3).any(|l| has_closing(l.content(t)));
        let unrelated = tail.chars().count() * MAX_SHARE_OF_MEDIAN <= median
            && is_fragment(tail)
            && !closing_before
            && !has_closing(tail)
            && !is_name(tail)
            && crate::dates::infer_date(tail).is_none()
            && relatedness(tail, report) < MAX_RELATEDNESS;
        if !unrelated {
            return Vec::new();
        }
        from_body(&body, [(last.start, t.len(), RemovalReason::Promo)])
    }
}

/// A few words, not a sentence, not a label.
fn is_fragment(s: &str) -> bool {
    s.chars().count() <= MAX_TAIL_CHARS
        && s.split_whitespace().count() <= MAX_TAIL_WORDS
        && !ends_sentence(s)
        && !s.contains([':', '：', '©'])
        && s.chars().any(char::is_alphabetic)
}

fn has_closing(s: &str) -> bool {
    let lower = s.to_lowercase();
    CLOSINGS.iter().any(|c| lower.contains(c))
}

/// May be a name (a signature, an author, a place): one to four capitalised words; in a
/// spaced script without case (Arabic, Hebrew, Georgian…) any one to three words; or a
/// transliterated name with a middle dot ("斯文·于尔根松").
fn is_name(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    let initials: Vec<char> = words.iter().filter_map(|w| w.chars().next()).collect();
    let capitalised = (1..=4).contains(&words.len()) && initials.iter().all(|c| c.is_uppercase());
    let caseless = (1..=3).contains(&words.len())
        && initials.iter().all(|&c| {
            c.is_alphabetic()
                && !c.is_uppercase()
                && !c.is_lowercase()
                && class(c) != Class::NoSpace
        });
    capitalised || caseless || s.contains(['·', '・'])
}

/// The share of the tail's words (spaced scripts) or character trigrams (unspaced scripts)
/// that occur in the report.
fn relatedness(tail: &str, report: &str) -> f64 {
    let unspaced = tail.chars().any(|c| class(c) == Class::NoSpace);
    let units: Vec<String> = if unspaced {
        let chars: Vec<char> = tail.chars().filter(|c| !c.is_whitespace()).collect();
        chars.windows(3).map(|w| w.iter().collect()).collect()
    } else {
        tail.split_whitespace()
            .map(|w| {
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
            })
            .filter(|w| !w.is_empty())
            .collect()
    };
    if units.is_empty() {
        return 1.0;
    }
    let found = if unspaced {
        units.iter().filter(|u| report.contains(u.as_str())).count()
    } else {
        let report = fold(report);
        let words: HashSet<&str> = report.split(|c: char| !c.is_alphanumeric()).collect();
        units.iter().filter(|u| words.contains(u.as_str())).count()
    };
    found as f64 / units.len() as f64
}

#[cfg(test)]
mod tests {
    use super::super::tests::body_after;
    use super::*;

    const REPORT_EN: &str = "Thousands of protesters marched through Minsk on Sunday, demanding the resignation of the president.\n\nPolice detained more than 700 people across the country, the interior ministry said on Monday.\n\nThe European Union has said it does not recognise the result of the August election.\n\n";
    const REPORT_TH: &str = "ผู้ประท้วงหลายหมื่นคนเดินขบวนในกรุงมินสค์เมื่อวันอาทิตย์ เรียกร้องให้ประธานาธิบดีลาออกจากตำแหน่ง\n\nตำรวจควบคุมตัวผู้ชุมนุมมากกว่า 700 คนทั่วประเทศ กระทรวงมหาดไทยระบุเมื่อวันจันทร์\n\nสหภาพยุโรประบุว่าไม่ยอมรับผลการเลือกตั้งเมื่อเดือนสิงหาคม และเตรียมมาตรการคว่ำบาตร\n\n";

    #[test]
    fn unrelated_tails_go() {
        let text = format!("{REPORT_TH}แทงบอลออนไลน์");
        assert_eq!(body_after(&PromoTail, &text, None), REPORT_TH);
        let text = format!("{REPORT_EN}best online casino bonus");
        assert_eq!(body_after(&PromoTail, &text, None), REPORT_EN);
        let report_zh = "数万名抗议者周日在明斯克游行，要求总统辞职，并要求释放所有被拘留的人。\n\n内政部说，警方在全国拘留了七百多人，其中大部分在首都。\n\n欧洲联盟表示不承认八月选举的结果，并正在准备制裁措施。\n\n";
        let text = format!("{report_zh}网上赌场注册送彩金");
        assert_eq!(body_after(&PromoTail, &text, None), report_zh);
    }

    #[test]
    fn real_endings_stay() {
        for tail in [
            "The talks continue.",
            "Sviatlana Tsikhanouskaya",
            "Minsk",
            "Minsk, 14 September 2020",
            "protesters marched in minsk",
            "Source: Belta",
            "تغريد خضور",
        ] {
            let text = format!("{REPORT_EN}{tail}");
            assert_eq!(body_after(&PromoTail, &text, None), text, "{tail}");
        }
        let text = format!("{REPORT_TH}ตำรวจควบคุมตัวผู้ชุมนุม");
        assert_eq!(body_after(&PromoTail, &text, None), text);
        let letter = format!("{REPORT_EN}Yours sincerely,\n\nzhang wei");
        assert_eq!(body_after(&PromoTail, &letter, None), letter);
    }

    #[test]
    fn short_documents_are_left_alone() {
        let text = "Minsk protests\n\nbest online casino";
        assert_eq!(body_after(&PromoTail, text, None), text);
    }
}
