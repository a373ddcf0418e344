//! Tests of the whole cleaning pass: merging, the no-panic property, and the real seeds.

use proptest::prelude::*;

use super::*;

/// The body after running one rule alone on `text`.
pub(crate) fn body_after(rule: &dyn Rule, text: &str, title: Option<&str>) -> String {
    let found = rule.find(&Input {
        text,
        title,
        removed: &[],
    });
    let removed = merge(text, Vec::new(), found);
    Body::new(text, &removed).text
}

fn body_of(text: &str, title: Option<&str>) -> String {
    Body::new(text, &clean(text, title, &[]).removed).text
}

#[test]
fn merge_keeps_first_reason_and_drops_bad_ranges() {
    let text = "Реклама\nМинск";
    let ad = Removal::new(0, 15, RemovalReason::Advertisement);
    let ws = Removal::new(10, 17, RemovalReason::Whitespace);
    let inside_char = Removal::new(16, 18, RemovalReason::Markup);
    let out_of_bounds = Removal::new(10, 99, RemovalReason::Markup);
    let merged = merge(text, vec![ad.clone()], vec![ws, inside_char, out_of_bounds]);
    assert_eq!(
        merged,
        vec![ad, Removal::new(15, 17, RemovalReason::Whitespace)]
    );
}

#[test]
fn extractor_removals_are_kept_and_skipped() {
    let text = "<nav>Home</nav>\nПолиция задержала 774 человека.\nAdvertisement\n";
    let nav = Removal::new(0, 16, RemovalReason::Navigation);
    let cleaned = clean(text, None, std::slice::from_ref(&nav));
    assert_eq!(cleaned.removed[0], nav);
    assert_eq!(
        Body::new(text, &cleaned.removed).text,
        "Полиция задержала 774 человека."
    );
}

#[test]
fn web_page_cleaned_end_to_end() {
    let text = "Belarus leader visits Putin\n\nShare this article\n\nBelarus' president visited Russia on Monday.  \n\nAdvertisement\n\nProtesters dismissed the vote as rigged.\n\n\n\nRead more: EU prepares sanctions\n\n© 2020 The Canadian Press\n";
    let cleaned = clean(text, Some("Belarus leader visits Putin"), &[]);
    assert_eq!(cleaned.credit.as_deref(), Some("© 2020 The Canadian Press"));
    assert_eq!(
        Body::new(text, &cleaned.removed).text,
        "Belarus' president visited Russia on Monday.\n\nProtesters dismissed the vote as rigged."
    );
    let reasons: Vec<&str> = cleaned.removed.iter().map(|r| r.reason.as_str()).collect();
    for reason in [
        "repeated-headline",
        "share",
        "advertisement",
        "navigation",
        "credit",
        "whitespace",
    ] {
        assert!(reasons.contains(&reason), "{reason} in {reasons:?}");
    }
}

#[test]
fn pdf_pages_rejoin_across_furniture() {
    let text = "S/2020/911\n\
        \n\
        Letter dated 14 September 2020 from the Permanent Representative of\n\
        Estonia to the United Nations addressed to the President of the Council\n\
        \n\
        \x20    I have the honour to transmit herewith the summary of the open\n\
        Arria-formula meeting on the human rights situation in Belarus, held on\n\
        4 September 2020. Participants called for the release of all political\n\
        prisoners and for an independent and impartial investigation of all inter-\n\
        \u{c}20-12345 (E)\n\
        2/3\n\
        S/2020/911\n\
        \x20    national human rights violations committed since the presidential\n\
        election, and for a national dialogue with the participation of all the\n\
        parts of society.\n\
        \n\
        (Signed) Sven Jürgenson\n\
        Permanent Representative\n";
    let cleaned = clean(text, None, &[]);
    let body = Body::new(text, &cleaned.removed).text;
    assert!(!body.contains("S/2020/911") && !body.contains("20-12345") && !body.contains("2/3"));
    assert!(
        body.contains("investigation of all international human rights violations"),
        "{body}"
    );
    assert!(body.starts_with(
        "Letter dated 14 September 2020 from the Permanent Representative of\nEstonia"
    ));
    assert!(body.contains("the President of the Council\n\nI have the honour to transmit herewith the summary of the open\nArria-formula"));
    assert!(
        body.ends_with("parts of society.\n\n(Signed) Sven Jürgenson\nPermanent Representative")
    );
    assert_eq!(
        crate::dates::infer_date(text).map(|(d, _)| d).as_deref(),
        Some("2020-09-14")
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn clean_never_panics_and_ranges_are_sound(
        text in "(\\PC|[\n \u{3000}\u{c}•©\\-]|中文|ไทย|\n\n| \n){0,200}",
        title in proptest::option::of("\\PC{0,20}"),
        already in proptest::collection::vec((0usize..400, 0usize..40, 0usize..3), 0..4),
    ) {
        // Arbitrary extractor removals, some out of bounds or inside characters.
        let reasons = [RemovalReason::Markup, RemovalReason::Navigation, RemovalReason::Cookie];
        let already: Vec<Removal> = already
            .into_iter()
            .map(|(s, len, r)| Removal::new(s, s + len, reasons[r]))
            .collect();
        let cleaned = clean(&text, title.as_deref(), &already);
        let mut at = 0;
        for r in &cleaned.removed {
            prop_assert!(r.start >= at && r.start < r.end && r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            at = r.end;
        }
        let body = Body::new(&text, &cleaned.removed);
        for (i, c) in body.text.char_indices() {
            let (s, e) = body.range_to_text(i, i + c.len_utf8());
            prop_assert_eq!(&text[s..e], c.to_string());
        }
    }

    #[test]
    fn wrapped_lines_never_panic(words in proptest::collection::vec("[a-zа-я中ก]{1,12}-?", 1..120)) {
        let mut text = String::new();
        for (i, w) in words.iter().enumerate() {
            text.push_str(w);
            text.push(if i % 7 == 6 { '\n' } else { ' ' });
        }
        let cleaned = clean(&text, None, &[]);
        let body = Body::new(&text, &cleaned.removed);
        prop_assert!(body.text.len() <= text.len());
    }
}

/// The seeds, when `../shared` is present next to the repository.
mod seeds {
    use super::*;

    use crate::test_support::seed;

    #[test]
    fn seed_003_chinese_letter_reflows() {
        let Some(text) = seed("003") else { return };
        let cleaned = clean(&text, None, &[]);
        let body = Body::new(&text, &cleaned.removed).text;
        println!("{body}");
        // Between two Han characters (or Han and CJK punctuation) no line break is left.
        let chars: Vec<char> = body.chars().collect();
        for w in chars.windows(3) {
            if w[1] == '\n' || w[1] == ' ' {
                let cjk = |c: char| text::class(c) == text::Class::NoSpace;
                assert!(
                    !(cjk(w[0]) && cjk(w[2]) && w[1] == '\n'),
                    "break left in {:?}",
                    w.iter().collect::<String>()
                );
            }
        }
        // Words cut by the wrap are whole again.
        for joined in [
            "安全理事会“阿里亚办法”公开会议的主席摘要",
            "白俄罗斯境内严重侵犯人权的行为",
            "活动家、人权维护者和记者",
            "其中包括 9 个安全理事会成员。",
            "白俄罗斯局势的非正式在线情况通报会。",
        ] {
            assert!(body.contains(joined), "{joined}");
        }
        // Paragraphs, headings and bullets stay apart.
        for para in [
            "\n\n导言\n\n",
            "\n\n常驻代表\n\n大使\n\n",
            "\n\n• 呼吁进行和平和包容各方的全国对话。\n\n",
        ] {
            assert!(body.contains(para), "{para:?}");
        }
        assert!(!body.starts_with(char::is_whitespace));
        assert!(!body.ends_with(char::is_whitespace));
        assert!(!body.contains(" \n") && !body.contains("\n ") && !body.contains("\n\n\n"));
        assert_eq!(cleaned.credit, None);
    }

    #[test]
    fn seed_002_thai_headline_once_and_no_tail() {
        let Some(text) = seed("002") else { return };
        let cleaned = clean(&text, None, &[]);
        let body = Body::new(&text, &cleaned.removed).text;
        println!("{body}");
        let headline = text.lines().next().unwrap_or_default().trim();
        assert_eq!(body.matches(headline).count(), 1);
        assert!(body.starts_with(headline));
        assert!(!body.contains("คืนยอดเสีย"));
        assert!(body.ends_with("ในการแก้ไขปัญหาเหล่านี้"));
        // With the headline as the title, the body starts at the report.
        let titled = body_of(&text, Some(headline));
        assert!(!titled.contains(headline));
        assert!(titled.starts_with("บทบาทของสหประชาชาติ"));
    }

    #[test]
    fn seed_004_credit() {
        let Some(text) = seed("004") else { return };
        let cleaned = clean(&text, None, &[]);
        assert_eq!(cleaned.credit.as_deref(), Some("© 2020 The Canadian Press"));
        let body = Body::new(&text, &cleaned.removed).text;
        assert!(!body.contains('©'));
        assert!(body.ends_with("she added."));
        assert_eq!(
            body.len(),
            text.trim_end().len() - "© 2020 The Canadian Press".len() - 1
        );
    }

    #[test]
    fn seeds_000_001_arabic_lose_nothing() {
        for id in ["000", "001"] {
            let Some(text) = seed(id) else { return };
            let cleaned = clean(&text, None, &[]);
            for r in &cleaned.removed {
                assert_eq!(r.reason, RemovalReason::Whitespace, "{id}: {r:?}");
                assert!(text[r.start..r.end].trim().is_empty(), "{id}: {r:?}");
            }
            assert_eq!(cleaned.credit, None);
        }
    }

    #[test]
    fn seed_dates() {
        let Some(letter) = seed("003") else { return };
        let (date, span) = crate::dates::infer_date(&letter).expect("003 is dated");
        assert_eq!(date, "2020-09-14");
        assert_eq!(&letter[span.start..span.end], "2020 年 9 月 14 日");
        for id in ["000", "001", "002", "004"] {
            let Some(text) = seed(id) else { return };
            assert_eq!(crate::dates::infer_date(&text), None, "{id}");
        }
    }
}

/// Real news articles in eight languages (`../shared/data`): cleaning must keep the report.
#[test]
fn real_articles_keep_their_text() {
    let Some(path) = crate::test_support::shared("data/semeval2022-task8/dev.jsonl") else {
        return;
    };
    let data = std::fs::read_to_string(&path).unwrap();
    let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).count();
    let (mut total, mut lost_total) = (0, 0);
    for line in data.lines() {
        let Ok(record) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        for k in ["1", "2"] {
            let text = record[format!("text{k}")].as_str().unwrap_or_default();
            let title = record[format!("title{k}")]
                .as_str()
                .filter(|t| !t.is_empty());
            let cleaned = clean(text, title, &[]);
            let lost: usize = cleaned
                .removed
                .iter()
                .filter(|r| r.reason != RemovalReason::RepeatedHeadline)
                .map(|r| visible(&text[r.start..r.end]))
                .sum();
            let n = visible(text);
            if n >= 1000 {
                assert!(lost * 5 < n, "lost {lost} of {n}: {:.200}", text);
            }
            total += n;
            lost_total += lost;
        }
    }
    // Boilerplate, credits and sign-offs are well under 1% of real articles.
    assert!(lost_total * 100 < total, "lost {lost_total} of {total}");
}
