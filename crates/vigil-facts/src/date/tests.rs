use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;

/// The document's date in the tables below: Wednesday 16 September 2020.
const TODAY: &str = "2020-09-16";

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("test date")
}

/// `(passage, date, relative)` of every date fact in `text`, after checking each fact's text
/// is its range of the document.
fn dates_in(text: &str, lang: &str, today: Option<&str>) -> Vec<(String, Option<String>, bool)> {
    let doc = Document {
        text,
        lang: Some(lang),
        date: today.map(day),
        ..Document::default()
    };
    let mut out = Vec::new();
    DateExtractor.extract(&doc, &mut out);
    out.into_iter()
        .map(|f| {
            assert_eq!(f.text, text[f.start..f.end], "{text}");
            let Detail::Date(d) = f.detail else {
                panic!("not a date fact: {f:?}")
            };
            (f.text, d.date, d.relative)
        })
        .collect()
}

/// A table row: text, then the facts as `(passage, date, relative)`.
type Row = (
    &'static str,
    &'static [(&'static str, Option<&'static str>, bool)],
);

fn check(lang: &str, rows: &[Row]) {
    for (text, want) in rows {
        let got = dates_in(text, lang, Some(TODAY));
        let want: Vec<(String, Option<String>, bool)> = want
            .iter()
            .map(|&(p, d, r)| (p.to_string(), d.map(str::to_string), r))
            .collect();
        assert_eq!(got, want, "{lang}: {text}");
        // The passage is where the text says it, not merely equal to some substring.
        let doc = Document {
            text,
            lang: Some(lang),
            date: Some(day(TODAY)),
            ..Document::default()
        };
        let mut facts = Vec::new();
        DateExtractor.extract(&doc, &mut facts);
        for (fact, (passage, ..)) in facts.iter().zip(&want) {
            assert_eq!(
                Some(fact.start),
                text.find(passage.as_str()),
                "{text}: {passage}"
            );
            assert_eq!(fact.end, fact.start + passage.len());
        }
    }
}

#[test]
fn arabic() {
    check(
        "ar",
        &[
            (
                "وقال المتحدث أمس إن الشرطة اعتقلت 200 شخص.",
                &[("أمس", Some("2020-09-15"), true)],
            ),
            (
                "واجتمع المجلس يوم الاثنين الماضي في جنيف",
                &[("يوم الاثنين الماضي", Some("2020-09-14"), true)],
            ),
            (
                "جرت الانتخابات في 9 آب وأعلنت النتائج لاحقا",
                &[("9 آب", Some("2020-08-09"), true)],
            ),
            (
                "اعتمد القرار في 15 محرم 1442 هـ بالإجماع",
                &[("15 محرم 1442 هـ", Some("2020-09-03"), false)],
            ),
            (
                "تأسست الجمعية سنة 1442هـ",
                &[("1442هـ", Some("2020"), false)],
            ),
            (
                "قبل الانتخابات الرئاسية لعام 2020 وبعدها",
                &[("عام 2020", Some("2020"), false)],
            ),
            (
                "عقدت الجلسة اليوم الجمعة بطلب من ألمانيا",
                &[("اليوم الجمعة", Some("2020-09-16"), true)],
            ),
            (
                "وصلت البعثة قبل يومين إلى مينسك",
                &[("قبل يومين", Some("2020-09-14"), true)],
            ),
            ("احتفل العالم باليوم الدولي للسلام", &[]),
            (
                "انتهت المهلة في 30 يناير 2020م، ثم مددت",
                &[("30 يناير 2020م", Some("2020-01-30"), false)],
            ),
            ("اعتبارا من اليوم نفسه", &[]),
            ("وبحلول عام 2000 ق.م. نزحت القبائل", &[]),
            ("وصل أمس الاول", &[("أمس الاول", Some("2020-09-14"), true)]),
            (
                "يوم الأربعاء الموافق 5 فبراير 2020",
                &[("5 فبراير 2020", Some("2020-02-05"), false)],
            ),
            ("اعتقلت الشرطة 2020 متظاهرا", &[]),
            (
                "١٤ أيلول ٢٠٢٠",
                &[("١٤ أيلول ٢٠٢٠", Some("2020-09-14"), false)],
            ),
        ],
    );
}

#[test]
fn chinese() {
    check(
        "zh",
        &[
            ("他昨天抵达明斯克。", &[("昨天", Some("2020-09-15"), true)]),
            (
                "上周一，抗议者再次走上街头。",
                &[("上周一", Some("2020-09-07"), true)],
            ),
            (
                "抗议活动于周日举行。",
                &[("周日", Some("2020-09-13"), true)],
            ),
            ("8月9日举行的选举", &[("8月9日", Some("2020-08-09"), true)]),
            ("2020年举行了选举", &[("2020年", Some("2020"), false)]),
            ("自2020年9月以来", &[("2020年9月", Some("2020-09"), false)]),
            (
                "二〇二〇年九月十四日的信",
                &[("二〇二〇年九月十四日", Some("2020-09-14"), false)],
            ),
            ("理事会每周一开会，一周一次。", &[]),
            ("三天前发生了冲突", &[("三天前", Some("2020-09-13"), true)]),
            (
                "白俄罗斯9日举行总统选举，日本和中国关注。",
                &[("9日", Some("2020-09-09"), true)],
            ),
            (
                "会议将于二十日举行",
                &[("二十日", Some("2020-09-20"), true)],
            ),
            ("第3日", &[]),
        ],
    );
}

#[test]
fn thai() {
    check(
        "th",
        &[
            (
                "เมื่อวานนี้ตำรวจจับกุมผู้ประท้วง",
                &[("เมื่อวานนี้", Some("2020-09-15"), true)],
            ),
            (
                "การชุมนุมเมื่อวันจันทร์ที่ผ่านมา",
                &[("วันจันทร์ที่ผ่านมา", Some("2020-09-14"), true)],
            ),
            (
                "การเลือกตั้งเมื่อวันที่ 9 สิงหาคม 2563",
                &[("9 สิงหาคม 2563", Some("2020-08-09"), false)],
            ),
            ("ในปี 2563 มีการประท้วง", &[("ปี 2563", Some("2020"), false)]),
            (
                "วันจันทร์ที่ 14 กันยายน 2563",
                &[("14 กันยายน 2563", Some("2020-09-14"), false)],
            ),
            ("เมื่อ 2 ปีที่แล้ว", &[]),
        ],
    );
}

#[test]
fn english() {
    check(
        "en",
        &[
            (
                "Police detained 200 people on Sunday, the ministry said yesterday.",
                &[
                    ("Sunday", Some("2020-09-13"), true),
                    ("yesterday", Some("2020-09-15"), true),
                ],
            ),
            (
                "The vote took place on 9 August.",
                &[("9 August", Some("2020-08-09"), true)],
            ),
            ("the Aug. 9 vote", &[("Aug. 9", Some("2020-08-09"), true)]),
            (
                "Protests continued in September 2020.",
                &[("September 2020", Some("2020-09"), false)],
            ),
            ("Some 2020 protesters marched.", &[]),
            (
                "It was rigged in 2020, they said.",
                &[("2020", Some("2020"), false)],
            ),
            (
                "Talks began last week.",
                &[("last week", Some("2020-09-07"), true)],
            ),
            (
                "He fled three days ago.",
                &[("three days ago", Some("2020-09-13"), true)],
            ),
            ("Black Friday sales fell.", &[]),
            ("They meet every Monday.", &[]),
            ("Read it on today.com first.", &[]),
            (
                "Monday, 14 September 2020",
                &[("14 September 2020", Some("2020-09-14"), false)],
            ),
            (
                "The session ran from 9-11 August 2020.",
                &[("9-11 August 2020", Some("2020-08-09"), false)],
            ),
            ("Many may be freed; 10 may leave.", &[]),
        ],
    );
}

#[test]
fn russian() {
    check(
        "ru",
        &[
            (
                "Вчера в Минске задержали 200 человек.",
                &[("Вчера", Some("2020-09-15"), true)],
            ),
            (
                "Акция прошла в понедельник.",
                &[("понедельник", Some("2020-09-14"), true)],
            ),
            (
                "в сентябре 2020 года",
                &[("сентябре 2020 года", Some("2020-09"), false)],
            ),
            (
                "Выборы прошли в 2020 году.",
                &[("2020 году", Some("2020"), false)],
            ),
            (
                "14 сентября 2020 года",
                &[("14 сентября 2020 года", Some("2020-09-14"), false)],
            ),
            ("Он встретился с 2000 человек.", &[]),
            (
                "Это было два дня назад.",
                &[("два дня назад", Some("2020-09-14"), true)],
            ),
        ],
    );
}

#[test]
fn french() {
    check(
        "fr",
        &[
            (
                "Il a déclaré hier que",
                &[("hier", Some("2020-09-15"), true)],
            ),
            (
                "La police a agi lundi dernier.",
                &[("lundi dernier", Some("2020-09-14"), true)],
            ),
            (
                "le 1er août, à Minsk",
                &[("1er août", Some("2020-08-01"), true)],
            ),
            ("élu en 2020", &[("2020", Some("2020"), false)]),
            (
                "il y a deux jours",
                &[("il y a deux jours", Some("2020-09-14"), true)],
            ),
            ("aujourd’hui", &[("aujourd’hui", Some("2020-09-16"), true)]),
            ("Elle passe chaque mardi.", &[]),
        ],
    );
}

#[test]
fn spanish() {
    check(
        "es",
        &[
            (
                "Lo dijo ayer en Minsk.",
                &[("ayer", Some("2020-09-15"), true)],
            ),
            (
                "La policía actuó el lunes.",
                &[("lunes", Some("2020-09-14"), true)],
            ),
            ("Esta mañana hubo protestas.", &[]),
            ("Hoy en día nadie lo cree.", &[]),
            ("Visita el centro cada martes.", &[]),
            (
                "el 9 de agosto",
                &[("9 de agosto", Some("2020-08-09"), true)],
            ),
            ("Plácido Domingo cantó.", &[]),
            (
                "hace tres días",
                &[("hace tres días", Some("2020-09-13"), true)],
            ),
            (
                "en septiembre de 2020",
                &[("septiembre de 2020", Some("2020-09"), false)],
            ),
        ],
    );
}

#[test]
fn portuguese() {
    check(
        "pt",
        &[
            (
                "A polícia deteve 40 pessoas no domingo.",
                &[("domingo", Some("2020-09-13"), true)],
            ),
            (
                "Ontem e na segunda-feira passada.",
                &[
                    ("Ontem", Some("2020-09-15"), true),
                    ("segunda-feira passada", Some("2020-09-14"), true),
                ],
            ),
            ("Hoje em dia ninguém acredita.", &[]),
            ("Domingo Silva falou todo domingo.", &[]),
            (
                "há três dias",
                &[("há três dias", Some("2020-09-13"), true)],
            ),
            (
                "em 14 de fevereiro de 2020",
                &[("14 de fevereiro de 2020", Some("2020-02-14"), false)],
            ),
        ],
    );
}

#[test]
fn turkish() {
    check(
        "tr",
        &[
            (
                "Pazar günü 20 kişi gözaltına alındı.",
                &[("Pazar günü", Some("2020-09-13"), true)],
            ),
            ("Dün Ankara'da.", &[("Dün", Some("2020-09-15"), true)]),
            // "pazar" is also a market, "dünya" the world.
            ("Pazar yerinde dünya haberleri.", &[]),
            ("2019 yılında", &[("2019 yılında", Some("2019"), false)]),
            ("3 gün önce", &[("3 gün önce", Some("2020-09-13"), true)]),
        ],
    );
}

#[test]
fn japanese() {
    check(
        "ja",
        &[
            (
                "先週金曜日に東京で集会があった。",
                &[("先週金曜日", Some("2020-09-11"), true)],
            ),
            (
                "日曜日には大阪で。",
                &[("日曜日", Some("2020-09-13"), true)],
            ),
            (
                "令和2年8月9日に投票が行われた。",
                &[("令和2年8月9日", Some("2020-08-09"), false)],
            ),
            // "3日間" is three days, not the 3rd.
            ("3日間拘束された。", &[]),
            ("毎週月曜日に会議。", &[]),
        ],
    );
}

#[test]
fn german() {
    check(
        "de",
        &[
            (
                "Die Polizei nahm gestern 40 Menschen fest.",
                &[("gestern", Some("2020-09-15"), true)],
            ),
            (
                "Am vergangenen Montag trat der Rat zusammen.",
                &[("vergangenen Montag", Some("2020-09-14"), true)],
            ),
            (
                "Das Treffen findet am kommenden Dienstag in Wien statt.",
                &[("kommenden Dienstag", Some("2020-09-22"), true)],
            ),
            (
                "Die Wahl fand am 9. August 2020 statt.",
                &[("9. August 2020", Some("2020-08-09"), false)],
            ),
            // A weekday beside the full date adds nothing.
            (
                "Die Wahl fand am Sonntag, dem 9. August 2020, statt.",
                &[("9. August 2020", Some("2020-08-09"), false)],
            ),
            (
                "Im Juli stieg die Inflation auf 12 Prozent.",
                &[("Juli", Some("2020-07"), true)],
            ),
            (
                "Im vergangenen Jahr flohen mehr Menschen als je zuvor.",
                &[("vergangenen Jahr", Some("2019"), true)],
            ),
            (
                "Der Streik begann vor drei Tagen.",
                &[("vor drei Tagen", Some("2020-09-13"), true)],
            ),
            // The morning, not tomorrow.
            (
                "Heute Morgen versammelten sich Tausende.",
                &[("Heute", Some("2020-09-16"), true)],
            ),
            ("Der Markt öffnet jeden Sonntag.", &[]),
        ],
    );
}

#[test]
fn months_named_alone() {
    let rows: &[(&str, &str, &str, &str)] = &[
        ("en", "Protests began in March.", "March", "2020-03"),
        (
            "en",
            "Elections are due in November.",
            "November",
            "2020-11",
        ),
        ("en", "It was rigged in May, they say.", "May", "2020-05"),
        (
            "fr",
            "Les manifestations ont commencé en mars.",
            "mars",
            "2020-03",
        ),
        (
            "es",
            "Las protestas empezaron en marzo.",
            "marzo",
            "2020-03",
        ),
        ("ru", "Протесты начались в марте.", "марте", "2020-03"),
        ("ar", "بدأت الاحتجاجات في مارس الماضي", "مارس", "2020-03"),
        ("th", "การประท้วงเริ่มในเดือนมีนาคม", "มีนาคม", "2020-03"),
        ("zh", "抗议活动从去年3月开始", "去年3月", "2019-03"),
        ("zh", "抗议活动从3月份开始", "3月份", "2020-03"),
    ];
    for &(lang, text, passage, date) in rows {
        assert_eq!(
            dates_in(text, lang, Some(TODAY)),
            vec![(passage.to_string(), Some(date.to_string()), true)],
            "{text}"
        );
    }
    for (lang, text) in [
        ("en", "They may march in protest."),
        ("zh", "抗议持续了三个月，12个月后结束"),
        ("fr", "La mission vers Mars."),
        ("es", "Nació en Mar del Plata."),
        ("ar", "بعد أن لامس السعر 700 جنيه"),
    ] {
        assert_eq!(dates_in(text, lang, Some(TODAY)), vec![], "{text}");
    }
}

#[test]
fn relative_dates_without_a_document_date_are_null() {
    assert_eq!(
        dates_in("He said on Monday that 9 August was rigged.", "en", None),
        vec![
            ("Monday".to_string(), None, true),
            ("9 August".to_string(), None, true),
        ]
    );
    // A copyright line dates the year-less days and "this year" of a document without a date.
    assert_eq!(
        dates_in("The Aug. 9 vote was rigged.\n© 2020 The Press", "en", None),
        vec![("Aug. 9".to_string(), Some("2020-08-09".to_string()), true)]
    );
    assert_eq!(
        dates_in("قبل نهاية العام الجاري\n© 2020 الوكالة", "ar", None),
        vec![("العام الجاري".to_string(), Some("2020".to_string()), true)]
    );
    // The dates a report states are as often history: they do not date the document.
    assert_eq!(
        dates_in("أقر الدستور في 9 اغسطس 2009 وموازنة هذا العام", "ar", None),
        vec![
            (
                "9 اغسطس 2009".to_string(),
                Some("2009-08-09".to_string()),
                false
            ),
            ("هذا العام".to_string(), None, true),
        ]
    );
    // Two years stated: no telling which is the document's.
    assert_eq!(
        dates_in(
            "Elected in 2015 and in 2020, he spoke on 9 August.",
            "en",
            None
        ),
        vec![
            ("2015".to_string(), Some("2015".to_string()), false),
            ("2020".to_string(), Some("2020".to_string()), false),
            ("9 August".to_string(), None, true),
        ]
    );
}

#[test]
fn year_less_days_take_the_year_closest_to_the_document() {
    assert_eq!(
        dates_in("The protest on 20 December", "en", Some("2021-01-05")),
        vec![(
            "20 December".to_string(),
            Some("2020-12-20".to_string()),
            true
        )]
    );
}

#[test]
fn latin_words_are_read_only_in_their_language() {
    // German "hier" is "here".
    assert_eq!(dates_in("Wir sind hier.", "de", Some(TODAY)), vec![]);
}

proptest! {
    #[test]
    fn never_panics_and_text_is_its_range(
        text in "(\\PC|[0-9٠-٩๐-๙ 年月日\\-,.])*",
        lang in prop::sample::select(vec!["ar", "en", "fr", "es", "ru", "th", "zh"]),
    ) {
        let doc = Document {
            text: &text,
            lang: Some(lang),
            date: Some(day(TODAY)),
            ..Document::default()
        };
        let mut out = Vec::new();
        DateExtractor.extract(&doc, &mut out);
        for f in out {
            prop_assert_eq!(&f.text, &text[f.start..f.end]);
        }
    }

    #[test]
    fn date_words_in_noise(
        before in "\\PC{0,20}",
        after in "\\PC{0,20}",
        phrase in prop::sample::select(vec![
            "9 August 2020", "أمس", "上周一", "вчера", "el lunes", "15 محرم 1442 هـ", "ปี 2563",
            "in 2020", "9-11 August",
        ]),
    ) {
        let text = format!("{before} {phrase} {after}");
        let doc = Document { text: &text, date: Some(day(TODAY)), ..Document::default() };
        let mut out = Vec::new();
        DateExtractor.extract(&doc, &mut out);
        for f in out {
            prop_assert_eq!(&f.text, &text[f.start..f.end]);
        }
    }
}
