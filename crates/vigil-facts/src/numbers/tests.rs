//! The number grammar alone, per language: each phrase must read as exactly one number
//! spanning all of it, with the stated value (or magnitude), approximation and ordinal flag.

use super::analyse;
use crate::{Approx, Document};

/// `(phrase, value, magnitude, approx, ordinal)`.
type Case = (&'static str, Option<f64>, Option<f64>, Option<Approx>, bool);

fn check(lang: &str, cases: &[Case]) {
    let mut errors = Vec::new();
    for &(phrase, value, magnitude, approx, ordinal) in cases {
        let doc = Document {
            text: phrase,
            lang: Some(lang),
            ..Document::default()
        };
        let analyses = analyse(&doc);
        let numbers = &analyses[0].numbers;
        let got = numbers.first().map(|n| {
            let (s, e, _) = analyses[0].passage(phrase, n.start, n.end);
            ((s, e), n.value, n.magnitude, n.approx, n.ordinal)
        });
        let want = Some(((0, phrase.len()), value, magnitude, approx, ordinal));
        if numbers.len() != 1 || got != want {
            errors.push(format!(
                "{phrase:?}: got {got:?} ({} numbers), want {want:?}",
                numbers.len()
            ));
        }
    }
    assert!(errors.is_empty(), "{lang}:\n{}", errors.join("\n"));
}

const fn v(phrase: &'static str, value: f64) -> Case {
    (phrase, Some(value), None, None, false)
}

const fn nth(phrase: &'static str, value: f64) -> Case {
    (phrase, Some(value), None, None, true)
}

const fn vague(phrase: &'static str, magnitude: f64) -> Case {
    (phrase, None, Some(magnitude), None, false)
}

const fn approx(phrase: &'static str, value: f64, approx: Approx) -> Case {
    (phrase, Some(value), None, Some(approx), false)
}

#[test]
fn english() {
    check(
        "en",
        &[
            v("forty-six", 46.0),
            v("half a million", 5e5),
            v("three hundred and five thousand", 305_000.0),
            v("two million three hundred thousand", 2_300_000.0),
            v("a dozen", 12.0),
            v("1,234,567", 1_234_567.0),
            v("1.5 billion", 1.5e9),
            nth("forty-sixth", 46.0),
            nth("46th", 46.0),
            vague("hundreds of thousands", 1e5),
            vague("several thousand", 1e3),
            vague("1000's", 1e3),
            approx("more than 7,000", 7000.0, Approx::Gt),
            approx("no fewer than 20", 20.0, Approx::Ge),
        ],
    );
}

#[test]
fn arabic() {
    check(
        "ar",
        &[
            v("ثلاثة آلاف وخمسمائة", 3500.0),
            v("خمسة وعشرون ألفا", 25_000.0),
            v("ثلاثة عشر", 13.0),
            v("إحدى عشرة", 11.0),
            v("٧٬٠٠٠", 7000.0),
            v("٣٫٥", 3.5),
            v("مليونين", 2e6),
            v("ألفا", 2000.0),
            v("ثلاثون ألفا", 30_000.0),
            v("ثلاثة عشر مليونا", 13e6),
            v("نصف مليون", 5e5),
            nth("السادسة والأربعين", 46.0),
            nth("الحادي عشر", 11.0),
            vague("عشرات الآلاف", 1e4),
            vague("مئات", 100.0),
            approx("ما لا يقل عن 300", 300.0, Approx::Ge),
            approx("قرابة ٥٠٠", 500.0, Approx::About),
        ],
    );
}

#[test]
fn chinese() {
    check(
        "zh",
        &[
            v("十二", 12.0),
            v("二十五", 25.0),
            v("三百零五", 305.0),
            v("三千五百万", 3.5e7),
            v("三亿五千万", 3.5e8),
            v("两万", 2e4),
            v("15万", 1.5e5),
            v("1.5亿", 1.5e8),
            v("５００", 500.0),
            nth("第46", 46.0),
            vague("数千", 1e3),
            vague("上万", 1e4),
            vague("数十万", 1e5),
            approx("逾3000", 3000.0, Approx::Gt),
            approx("3000多", 3000.0, Approx::Gt),
        ],
    );
}

#[test]
fn thai() {
    check(
        "th",
        &[
            v("สามพัน", 3000.0),
            v("หนึ่งแสนห้าหมื่น", 150_000.0),
            v("ยี่สิบเอ็ด", 21.0),
            v("๑๒", 12.0),
            v("15 ล้าน", 1.5e7),
            vague("หลายพัน", 1e3),
            approx("ประมาณ 80", 80.0, Approx::About),
            nth("ที่ 46", 46.0),
        ],
    );
}

#[test]
fn russian() {
    check(
        "ru",
        &[
            v("двести тридцать пять", 235.0),
            v("двух тысяч", 2000.0),
            v("полмиллиона", 5e5),
            v("1,5 млрд", 1.5e9),
            v("7 000", 7000.0),
            nth("46-я", 46.0),
            nth("сорок шестой", 46.0),
            vague("десятки тысяч", 1e4),
            vague("несколько тысяч", 1e3),
            approx("свыше 100", 100.0, Approx::Gt),
        ],
    );
}

#[test]
fn french_and_spanish() {
    check(
        "fr",
        &[
            v("1,5 million", 1.5e6),
            v("7 000", 7000.0),
            v("quatre-vingt-dix", 90.0),
            v("un demi-million", 5e5),
            nth("46e", 46.0),
            vague("des milliers", 1e3),
            approx("près de 300", 300.0, Approx::About),
        ],
    );
    check(
        "es",
        &[
            v("7.000", 7000.0),
            v("doscientos cincuenta", 250.0),
            v("10 mil", 10_000.0),
            v("medio millón", 5e5),
            v("1,5 millones", 1.5e6),
            vague("miles", 1e3),
            approx("alrededor de 150.000", 150_000.0, Approx::About),
        ],
    );
}
