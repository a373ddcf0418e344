//! The numbers extractors (`quantity`, `percent`, `money`) on sentences of our own, one table
//! per language: every fact found must be expected, with its exact passage and offsets, and
//! every expected fact found.

use proptest::prelude::*;
use serde_json::{Value, json};
use vigil_facts::{Document, extract};

/// `(passage, expected fields)`: the passage must occur once in the sentence.
type Expected<'a> = (&'a str, Value);

/// The differences between what `sentence` gives and `expected`, as messages.
fn check(lang: &str, sentence: &str, expected: &[Expected]) -> Vec<String> {
    let doc = Document {
        text: sentence,
        lang: Some(lang),
        ..Document::default()
    };
    let facts: Vec<_> = extract(&doc)
        .into_iter()
        .filter(|f| matches!(f.kind().as_str(), "quantity" | "percent" | "money"))
        .collect();
    let mut errors = Vec::new();
    for fact in &facts {
        assert_eq!(
            fact.text,
            &sentence[fact.start..fact.end],
            "offsets of {fact:?}"
        );
    }
    let found: Vec<&str> = facts.iter().map(|f| f.text.as_str()).collect();
    let wanted: Vec<&str> = expected.iter().map(|(p, _)| *p).collect();
    if found != wanted {
        errors.push(format!("{sentence:?}: found {found:?}, want {wanted:?}"));
        return errors;
    }
    for (fact, (passage, fields)) in facts.iter().zip(expected) {
        assert_eq!(
            sentence.matches(passage).count(),
            1,
            "{passage:?} is ambiguous"
        );
        let start = sentence.find(passage).unwrap();
        assert_eq!(
            (fact.start, fact.end),
            (start, start + passage.len()),
            "{passage:?}"
        );
        let json = serde_json::to_value(fact).unwrap();
        for (field, want) in fields.as_object().unwrap() {
            let got = &json[field];
            let same = match (got.as_f64(), want.as_f64()) {
                (Some(a), Some(b)) => (a - b).abs() <= 1e-9 * b.abs().max(1.0),
                _ => got == want,
            };
            if !same {
                errors.push(format!("{passage:?}: {field} is {got}, want {want}"));
            }
        }
    }
    errors
}

fn check_all(lang: &str, cases: &[(&str, &[Expected])]) {
    let errors: Vec<String> = cases
        .iter()
        .flat_map(|(sentence, expected)| check(lang, sentence, expected))
        .collect();
    assert!(errors.is_empty(), "{lang}:\n{}", errors.join("\n"));
}

fn q(value: f64, unit: &str, key: &str) -> Value {
    json!({"kind": "quantity", "value": value, "unit": unit, "subject_key": key, "approx": null, "ordinal": false})
}

fn q_approx(value: f64, unit: &str, key: &str, approx: &str) -> Value {
    json!({"kind": "quantity", "value": value, "unit": unit, "subject_key": key, "approx": approx})
}

fn q_range(value: f64, max: f64, unit: &str, key: &str) -> Value {
    json!({"kind": "quantity", "value": value, "value_max": max, "unit": unit, "subject_key": key})
}

fn vague(magnitude: f64, key: &str) -> Value {
    json!({"kind": "quantity", "value": null, "magnitude": magnitude, "subject_key": key})
}

fn nth(value: f64, unit: &str, key: &str) -> Value {
    json!({"kind": "quantity", "value": value, "unit": unit, "subject_key": key, "ordinal": true})
}

fn pct(value: f64, approx: Option<&str>) -> Value {
    json!({"kind": "percent", "value": value, "unit": "percent", "approx": approx})
}

fn money(value: f64, currency: &str) -> Value {
    json!({"kind": "money", "value": value, "unit": "currency", "currency": currency})
}

#[test]
fn arabic() {
    check_all(
        "ar",
        &[
            (
                "احتجزت السلطات خمس صحفيات، وقال شهود إن عشرات الآلاف نزحوا من بلدة الرمل.",
                &[
                    ("خمس صحفيات", q(5.0, "person", "detained")),
                    ("عشرات الآلاف نزحوا", vague(1e4, "displaced")),
                ],
            ),
            (
                "أعلنت الوزارة اعتقال أكثر من ٧٠٠٠ متظاهر خلال أربعة أيام.",
                &[
                    (
                        "أكثر من ٧٠٠٠ متظاهر",
                        q_approx(7000.0, "person", "arrested", "gt"),
                    ),
                    ("أربعة أيام", q(4.0, "day", "duration")),
                ],
            ),
            // A tally's numbers are the vote's, not quantities (the vote extractor wins).
            (
                "واعتمد القرار بأغلبية 25 صوتا مقابل صوتين وامتناع 20 دولة عن التصويت.",
                &[],
            ),
            (
                "شارك عشرات الآلاف من المتظاهرين في مسيرة الأحد.",
                &[("عشرات الآلاف من المتظاهرين", vague(10000.0, "protester"))],
            ),
            (
                "توفي الرئيس السابق البالغ من العمر 66 عاما، بعد أن حكم البلاد 26 عاما.",
                &[
                    ("البالغ من العمر 66 عاما", q(66.0, "year", "age")),
                    ("26 عاما", q(26.0, "year", "duration")),
                ],
            ),
            // A noun with the article after digits is not counted by them: "اليوم" is
            // today, and 18 is the gold's carat.
            (
                "وسجل سعر جرام الذهب عيار 18 اليوم 647 جنيها، وبقي 3 أيام على العيد.",
                &[("3 أيام", q(3.0, "day", "duration"))],
            ),
            (
                "وبلغت الغرامة 5 آلاف جنيه مصري، ورصدت الحكومة 2.5 مليار ريال سعودي للمشروع.",
                &[
                    ("5 آلاف جنيه مصري", money(5000.0, "EGP")),
                    ("2.5 مليار ريال سعودي", money(2.5e9, "SAR")),
                ],
            ),
            (
                "وستقدم المفوضة تقريرها في الدورة الثالثة والخمسين للمجلس.",
                &[("الدورة الثالثة والخمسين", nth(53.0, "session", "session"))],
            ),
            (
                "وأفاد التقرير بأن ما لا يقل عن ١٥٠ صحفيا تعرضوا للاعتقال في 9 أغسطس 2020.",
                &[(
                    "ما لا يقل عن ١٥٠ صحفيا",
                    q_approx(150.0, "person", "arrested", "ge"),
                )],
            ),
            (
                "فاز بنسبة ٨٠٫٥٪ من الأصوات، وبلغت المشاركة 60 في المائة.",
                &[
                    ("٨٠٫٥٪", pct(80.5, None)),
                    ("60 في المائة", pct(60.0, None)),
                ],
            ),
            (
                "قدم الاتحاد الأوروبي مليار دولار، ثم 53 مليون يورو أخرى.",
                &[
                    ("مليار دولار", money(1e9, "USD")),
                    ("53 مليون يورو", money(5.3e7, "EUR")),
                ],
            ),
            (
                "احتجزت السلطات من 10 إلى 20 معتقلا في كل مدينة، ورفضت ثلاثة تعديلات.",
                &[
                    (
                        "من 10 إلى 20 معتقلا",
                        q_range(10.0, 20.0, "person", "detained"),
                    ),
                    ("ثلاثة تعديلات", q(3.0, "amendment", "amendment")),
                ],
            ),
            (
                "التقى وفدا دولتين، وزار الوزير المنطقة مرتين.",
                &[
                    ("دولتين", q(2.0, "state", "state")),
                    ("مرتين", q(2.0, "item", "occurrence")),
                ],
            ),
            (
                "ولا يزال الآلاف مسجونين.",
                &[("الآلاف مسجونين", vague(1000.0, "prisoner"))],
            ),
            (
                "وقعت الحادثة في 27 أغسطس ونشر البيان رقم 2231 وفق المادة 3 من القرار 2231.",
                &[],
            ),
            (
                "اعترضت ثلاث دول، وامتنعت إحدى عشرة دولة، وأيد اثنا عشر صحفيا البيان مع خمسة معتقلين.",
                &[
                    ("ثلاث دول", q(3.0, "state", "state")),
                    ("إحدى عشرة دولة", q(11.0, "state", "state")),
                    ("اثنا عشر صحفيا", q(12.0, "person", "journalist")),
                    ("خمسة معتقلين", q(5.0, "person", "detained")),
                ],
            ),
        ],
    );
}

#[test]
fn chinese() {
    check_all(
        "zh",
        &[
            // Tenths: "三成" is 30%; "成为", "成员" are other words.
            (
                "近三成受访者反对，支持者约占六成，两到三成尚未决定。",
                &[
                    ("近三成", json!({"kind": "percent", "value": 30.0})),
                    ("六成", pct(60.0, None)),
                    (
                        "两到三成",
                        json!({"kind": "percent", "value": 20.0, "value_max": 30.0}),
                    ),
                ],
            ),
            ("他一成为主席就访问了成千上万的家庭。", &[]),
            (
                "警方拘留了7000多名抗议者。",
                &[(
                    "7000多名抗议者",
                    q_approx(7000.0, "person", "detained", "gt"),
                )],
            ),
            (
                "约15万人走上街头，数千人被拘留。",
                &[
                    (
                        "约15万人走上街头",
                        q_approx(150000.0, "person", "protester", "about"),
                    ),
                    ("数千人被拘留", vague(1000.0, "detained")),
                ],
            ),
            (
                "报告将提交人权理事会第46届会议。",
                &[("第46届会议", nth(46.0, "session", "session"))],
            ),
            (
                "他执政26年，现年66岁。",
                &[
                    ("26年", q(26.0, "year", "duration")),
                    ("66岁", q(66.0, "year", "age")),
                ],
            ),
            (
                "上万名示威者和两名记者在 2020 年 9 月 14 日被捕。",
                &[
                    ("上万名示威者", vague(10000.0, "protester")),
                    ("两名记者", q(2.0, "person", "journalist")),
                ],
            ),
            (
                "7000至8000人参加了集会，三个会员国拒绝参加。",
                &[
                    ("7000至8000人", q_range(7000.0, 8000.0, "person", "person")),
                    ("三个会员国", q(3.0, "state", "state")),
                ],
            ),
            (
                "百分之八十的选民投票，另有80％支持。",
                &[("百分之八十", pct(80.0, None)), ("80％", pct(80.0, None))],
            ),
            (
                "俄罗斯提供10亿美元贷款，涉及1.5亿人。",
                &[
                    ("10亿美元", money(1e9, "USD")),
                    ("1.5亿人", q(1.5e8, "person", "person")),
                ],
            ),
            ("这是唯一途径，一九四五年以来一直如此。", &[]),
            ("会议在日内瓦万国宫举行，一些国家统一了立场。", &[]),
            (
                "近万名民众和逾百名记者到场。",
                &[
                    ("近万名民众", q_approx(10000.0, "person", "person", "about")),
                    ("逾百名记者", q_approx(100.0, "person", "journalist", "gt")),
                ],
            ),
            (
                "中美两国同意向该国派遣一个国际监测团。",
                &[("两国", q(2.0, "state", "state"))],
            ),
        ],
    );
}

#[test]
fn thai() {
    check_all(
        "th",
        &[
            (
                "ตำรวจจับกุมผู้ประท้วงมากกว่า 7,000 คน",
                &[(
                    "ผู้ประท้วงมากกว่า 7,000 คน",
                    q_approx(7000.0, "person", "arrested", "gt"),
                )],
            ),
            (
                "มีผู้ชุมนุมประมาณหนึ่งแสนคน",
                &[(
                    "ผู้ชุมนุมประมาณหนึ่งแสนคน",
                    q_approx(100000.0, "person", "protester", "about"),
                )],
            ),
            (
                "ประธานาธิบดีอายุ 66 ปี",
                &[("อายุ 66 ปี", q(66.0, "year", "age"))],
            ),
            (
                "การประชุมครั้งที่ 46 จัดขึ้นที่เจนีวา",
                &[("การประชุมครั้งที่ 46", nth(46.0, "meeting", "meeting"))],
            ),
            (
                "ได้คะแนนร้อยละ 80 และเงินกู้ 500 ล้านบาท",
                &[
                    ("ร้อยละ 80", pct(80.0, None)),
                    ("500 ล้านบาท", money(5e8, "THB")),
                ],
            ),
            (
                "มีคนสามพันคนมาร่วม",
                &[("สามพันคน", q(3000.0, "person", "person"))],
            ),
            (
                "หลายพันคนถูกจับกุม",
                &[("หลายพันคนถูกจับกุม", vague(1000.0, "arrested"))],
            ),
            (
                "นักข่าว ๑๒ คน",
                &[("นักข่าว ๑๒ คน", q(12.0, "person", "journalist"))],
            ),
            (
                "ประชากร 15 ล้านคน",
                &[("15 ล้านคน", q(1.5e7, "person", "person"))],
            ),
        ],
    );
}

#[test]
fn english() {
    check_all(
        "en",
        &[
            (
                "Police detained more than 7,000 people in the first week.",
                &[(
                    "detained more than 7,000 people",
                    q_approx(7000.0, "person", "detained", "gt"),
                )],
            ),
            (
                "Forty-six journalists were arrested, and between 10 and 20 protesters were hurt.",
                &[
                    ("Forty-six journalists", q(46.0, "person", "arrested")),
                    (
                        "between 10 and 20 protesters",
                        q_range(10.0, 20.0, "person", "injured"),
                    ),
                ],
            ),
            (
                "Hundreds of thousands of people marched on Sunday.",
                &[(
                    "Hundreds of thousands of people marched",
                    vague(100000.0, "protester"),
                )],
            ),
            (
                "It reports to the 46th session of the council about the 66-year-old leader.",
                &[
                    ("46th session", nth(46.0, "session", "session")),
                    ("66-year-old", q(66.0, "year", "age")),
                ],
            ),
            (
                "He won 80.1 percent of the vote and a US$1bn loan; London gave £3m.",
                &[
                    ("80.1 percent", pct(80.1, None)),
                    ("US$1bn", money(1e9, "USD")),
                    ("£3m", money(3e6, "GBP")),
                ],
            ),
            (
                "On August 9, 2020, 32 countries signed; 7,000-8,000 detainees remain.",
                &[
                    ("32 countries", q(32.0, "state", "state")),
                    (
                        "7,000-8,000 detainees",
                        q_range(7000.0, 8000.0, "person", "detained"),
                    ),
                ],
            ),
            (
                "Resolution A/HRC/45/L.1, page 12; call +375 29 123 45 67 at 10:30; paragraph 3 of resolution 2231; article 19 of the Covenant.",
                &[],
            ),
            (
                "At least two people were killed and thousands of people fled.",
                &[
                    (
                        "At least two people were killed",
                        q_approx(2.0, "person", "killed", "ge"),
                    ),
                    ("thousands of people fled", vague(1000.0, "refugee")),
                ],
            ),
            (
                "The leader, aged 66, spoke.",
                &[("aged 66", q(66.0, "year", "age"))],
            ),
            (
                "Inflation rose to around 8% in 2020.",
                &[("around 8%", pct(8.0, Some("about")))],
            ),
        ],
    );
}

#[test]
fn russian() {
    check_all(
        "ru",
        &[
            (
                "Бюджет выделил 2 трлн рублей.",
                &[("2 трлн рублей", money(2e12, "RUB"))],
            ),
            (
                "Партия получила 112 мандатов, а трое журналистов задержаны.",
                &[
                    ("112 мандатов", q(112.0, "seat", "seat")),
                    ("трое журналистов", q(3.0, "person", "detained")),
                ],
            ),
            (
                "В Минске задержаны более 7 тысяч человек.",
                &[(
                    "задержаны более 7 тысяч человек",
                    q_approx(7000.0, "person", "detained", "gt"),
                )],
            ),
            (
                "46-я сессия совета и 66-летний президент.",
                &[
                    ("46-я сессия", nth(46.0, "session", "session")),
                    ("66-летний", q(66.0, "year", "age")),
                ],
            ),
            (
                "Кредит в 1,5 млрд долларов получил около 80 процентов голосов.",
                &[
                    ("1,5 млрд долларов", money(1.5e9, "USD")),
                    ("около 80 процентов", pct(80.0, Some("about"))),
                ],
            ),
            (
                "Представители двух государств и трёх журналистов.",
                &[
                    ("двух государств", q(2.0, "state", "state")),
                    ("трёх журналистов", q(3.0, "person", "journalist")),
                ],
            ),
            (
                "На улицы вышли десятки тысяч протестующих, от 10 до 20 человек ранены.",
                &[
                    ("десятки тысяч протестующих", vague(10000.0, "protester")),
                    (
                        "от 10 до 20 человек ранены",
                        q_range(10.0, 20.0, "person", "injured"),
                    ),
                ],
            ),
            (
                "Пришли 7 000 человек.",
                &[("7 000 человек", q(7000.0, "person", "person"))],
            ),
            (
                "Сорок шестая сессия; 7 тыс. человек; статья 19 закона.",
                &[
                    ("Сорок шестая сессия", nth(46.0, "session", "session")),
                    ("7 тыс. человек", q(7000.0, "person", "person")),
                ],
            ),
        ],
    );
}

#[test]
fn french() {
    check_all(
        "fr",
        &[
            (
                "Plus de 7 000 manifestants ont été interpellés dimanche.",
                &[(
                    "Plus de 7 000 manifestants",
                    q_approx(7000.0, "person", "arrested", "gt"),
                )],
            ),
            (
                "Environ 1,5 million de personnes et des milliers de détenus.",
                &[
                    (
                        "Environ 1,5 million de personnes",
                        q_approx(1.5e6, "person", "person", "about"),
                    ),
                    ("des milliers de détenus", vague(1000.0, "detained")),
                ],
            ),
            (
                "Un prêt de 5 millions d'euros, soit 80 pour cent du budget.",
                &[
                    ("5 millions d'euros", money(5e6, "EUR")),
                    ("80 pour cent", pct(80.0, None)),
                ],
            ),
            // A time of day is no duration.
            (
                "La réunion a repris vers 18 heures, après 9 heures de débat.",
                &[("9 heures", q(9.0, "hour", "duration"))],
            ),
            (
                "La 46e session du Conseil ; un homme âgé de 66 ans.",
                &[
                    ("46e session", nth(46.0, "session", "session")),
                    ("âgé de 66 ans", q(66.0, "year", "age")),
                ],
            ),
        ],
    );
}

#[test]
fn spanish() {
    check_all(
        "es",
        &[
            (
                "Pasadas las 18 horas del martes, tras seis horas de espera, llegó el papa.",
                &[("seis horas", q(6.0, "hour", "duration"))],
            ),
            (
                "Hubo más de 7.000 detenidos y alrededor de 150.000 manifestantes.",
                &[
                    (
                        "más de 7.000 detenidos",
                        q_approx(7000.0, "person", "detained", "gt"),
                    ),
                    (
                        "alrededor de 150.000 manifestantes",
                        q_approx(150000.0, "person", "protester", "about"),
                    ),
                ],
            ),
            (
                "Un crédito de 5 millones de dólares, el 80 por ciento del total.",
                &[
                    ("5 millones de dólares", money(5e6, "USD")),
                    ("80 por ciento", pct(80.0, None)),
                ],
            ),
            (
                "Miles de personas, entre 10 y 20 heridos y veintitrés votos.",
                &[
                    ("Miles de personas", vague(1000.0, "person")),
                    (
                        "entre 10 y 20 heridos",
                        q_range(10.0, 20.0, "person", "injured"),
                    ),
                    ("veintitrés votos", q(23.0, "vote", "vote")),
                ],
            ),
            (
                "Unos 1,5 millones de personas.",
                &[(
                    "Unos 1,5 millones de personas",
                    q_approx(1.5e6, "person", "person", "about"),
                )],
            ),
        ],
    );
}

#[test]
fn portuguese() {
    check_all(
        "pt",
        &[
            (
                "A polícia deteve mais de 300 manifestantes e 12 jornalistas no sábado.",
                &[
                    (
                        "mais de 300 manifestantes",
                        q_approx(300.0, "person", "detained", "gt"),
                    ),
                    ("12 jornalistas", q(12.0, "person", "journalist")),
                ],
            ),
            (
                "Pelo menos 45 pessoas morreram e 120 ficaram feridas após as chuvas.",
                &[
                    (
                        "Pelo menos 45 pessoas morreram",
                        q_approx(45.0, "person", "killed", "ge"),
                    ),
                    ("120 ficaram feridas", q(120.0, "person", "injured")),
                ],
            ),
            (
                "O governo anunciou 2,5 bilhões de reais, e 80 por cento dos recursos vão para a saúde.",
                &[
                    ("2,5 bilhões de reais", money(2.5e9, "BRL")),
                    ("80 por cento", pct(80.0, None)),
                ],
            ),
            (
                "Cerca de 1,2 milhão de pessoas foram deslocadas pelas cheias.",
                &[(
                    "Cerca de 1,2 milhão de pessoas foram deslocadas",
                    q_approx(1.2e6, "person", "displaced", "about"),
                )],
            ),
            (
                "Segundo os organizadores, 40 mil pessoas participaram; a polícia estimou 12 mil.",
                &[("40 mil pessoas", q(40000.0, "person", "person"))],
            ),
            // "um" and "uma" are articles unless a scale follows.
            (
                "Um manifestante e uma jornalista foram detidos; um milhão de euros.",
                &[("um milhão de euros", money(1e6, "EUR"))],
            ),
        ],
    );
}

/// Turkish suffixes ride on the stems: "kişinin", "göstericiyi", "yaralandı".
#[test]
fn turkish() {
    check_all(
        "tr",
        &[
            (
                "Polis, 150'den fazla göstericiyi gözaltına aldı.",
                &[(
                    "150'den fazla göstericiyi",
                    q_approx(150.0, "person", "detained", "gt"),
                )],
            ),
            (
                "Depremde en az 35 kişi hayatını kaybetti, 400'ü aşkın kişi yaralandı.",
                &[
                    (
                        "en az 35 kişi hayatını kaybetti",
                        q_approx(35.0, "person", "killed", "ge"),
                    ),
                    (
                        "400'ü aşkın kişi yaralandı",
                        q_approx(400.0, "person", "injured", "gt"),
                    ),
                ],
            ),
            (
                "Hükümet 3 milyar lira ve yüzde 20 destek açıkladı.",
                &[
                    ("3 milyar lira", money(3e9, "TRY")),
                    ("yüzde 20", pct(20.0, None)),
                ],
            ),
            (
                "Binlerce kişi sokaklara döküldü.",
                &[("Binlerce kişi sokaklara döküldü", vague(1e3, "protester"))],
            ),
            (
                "52 yaşındaki gazeteci iki yıldır cezaevinde.",
                &[
                    ("52 yaşındaki", q(52.0, "year", "age")),
                    ("iki yıldır", q(2.0, "year", "duration")),
                ],
            ),
            // "bir" alone is the article; a short stem does not start a longer word ("oy"
            // is no vote in "oyuncu", a player).
            ("Bir gazeteci ve 11 oyuncu.", &[]),
            (
                "Enflasyon yüzde 8,5 oldu.",
                &[("yüzde 8,5", pct(8.5, None))],
            ),
            // Accents are folded: "oldu" (became) is no "öldü" (died), "kişisel" (personal)
            // no "kişi" (person).
            ("Sayı 40 oldu, 12 kişisel veri.", &[]),
            // Digits after a scale add to it; a year after one does not.
            (
                "Enkaz altından 3 bin 500 kişi çıkarıldı; 10 milyon 2020 yılında.",
                &[("3 bin 500 kişi", q(3500.0, "person", "person"))],
            ),
            (
                "Mitinge 1 milyon 200 bin kişi katıldı.",
                &[("1 milyon 200 bin kişi", q(1.2e6, "person", "person"))],
            ),
        ],
    );
}

#[test]
fn japanese() {
    check_all(
        "ja",
        &[
            (
                "少なくとも25人が死亡し、約100人が負傷した。",
                &[
                    (
                        "少なくとも25人が死亡",
                        q_approx(25.0, "person", "killed", "ge"),
                    ),
                    (
                        "約100人が負傷",
                        q_approx(100.0, "person", "injured", "about"),
                    ),
                ],
            ),
            // What happened follows what it counts: the second count is of the injured.
            (
                "14人の死亡と230人の負傷を確認した。",
                &[
                    ("14人の死亡", q(14.0, "person", "killed")),
                    ("230人の負傷", q(230.0, "person", "injured")),
                ],
            ),
            (
                "政府は10億ドルの支援と3万人の避難を発表した。",
                &[
                    ("10億ドル", money(1e9, "USD")),
                    ("3万人の避難", q(30000.0, "person", "displaced")),
                ],
            ),
            ("内閣支持率は45%に下がった。", &[("45%", pct(45.0, None))]),
            (
                "倒壊した建物は約40棟、記者2名が3日間拘束された。",
                &[
                    ("約40棟", q_approx(40.0, "item", "building", "about")),
                    ("記者2名", q(2.0, "person", "journalist")),
                    ("3日間", q(3.0, "day", "duration")),
                ],
            ),
        ],
    );
}

#[test]
fn german() {
    check_all(
        "de",
        &[
            (
                "Mehr als 7.000 Demonstranten wurden festgenommen, etwa 1,5 Millionen Menschen.",
                &[
                    (
                        "Mehr als 7.000 Demonstranten",
                        q_approx(7000.0, "person", "arrested", "gt"),
                    ),
                    (
                        "etwa 1,5 Millionen Menschen",
                        q_approx(1.5e6, "person", "person", "about"),
                    ),
                ],
            ),
            (
                "Sechsundvierzig Journalisten sitzen in Haft, zweihundertfünfzig Soldaten wurden verletzt.",
                &[
                    (
                        "Sechsundvierzig Journalisten",
                        q(46.0, "person", "detained"),
                    ),
                    ("zweihundertfünfzig Soldaten", q(250.0, "person", "injured")),
                ],
            ),
            (
                "Zehntausende Demonstranten zogen durch Minsk; 17 Polizisten wurden verletzt.",
                &[
                    ("Zehntausende Demonstranten", vague(1e4, "protester")),
                    ("17 Polizisten", q(17.0, "person", "injured")),
                ],
            ),
            (
                "Die Schweiz gibt 12 Mio. Franken, Österreich 2 Mio. € und die EU eine Milliarde Euro.",
                &[
                    ("12 Mio. Franken", money(1.2e7, "CHF")),
                    ("2 Mio. €", money(2e6, "EUR")),
                    ("eine Milliarde Euro", money(1e9, "EUR")),
                ],
            ),
            (
                "Eine halbe Million Kinder ist unterernährt; der Zug hatte 40 Minuten Verspätung.",
                &[
                    ("Eine halbe Million Kinder", q(5e5, "person", "child")),
                    ("40 Minuten", q(40.0, "minute", "duration")),
                ],
            ),
            ("Ein Demonstrant sprach mit einer Journalistin.", &[]),
            (
                "Drei Journalisten und 80 Prozent; 10 Milliarden Euro.",
                &[
                    ("Drei Journalisten", q(3.0, "person", "journalist")),
                    ("80 Prozent", pct(80.0, None)),
                    ("10 Milliarden Euro", money(1e10, "EUR")),
                ],
            ),
        ],
    );
}

/// A death toll says what the bare number after it counts.
#[test]
fn death_tolls_before_the_number() {
    for (lang, sentence, passage, value, key) in [
        (
            "en",
            "The death toll rose to 14 on Monday.",
            "death toll rose to 14",
            14.0,
            "killed",
        ),
        (
            "en",
            "The number of injured reached 230.",
            "number of injured reached 230",
            230.0,
            "injured",
        ),
        (
            "es",
            "La cifra de muertos asciende a 14.",
            "cifra de muertos asciende a 14",
            14.0,
            "killed",
        ),
        (
            "pt",
            "O número de mortos subiu para 83.",
            "número de mortos subiu para 83",
            83.0,
            "killed",
        ),
        (
            "fr",
            "Le nombre de morts s'élève à 14.",
            "nombre de morts s'élève à 14",
            14.0,
            "killed",
        ),
        // "до" ends the phrase ("rose to"); it is no "up to" here.
        (
            "ru",
            "Число погибших выросло до 14.",
            "Число погибших выросло до 14",
            14.0,
            "killed",
        ),
        (
            "tr",
            "Selde ölü sayısı 27'ye yükseldi.",
            "ölü sayısı 27",
            27.0,
            "killed",
        ),
    ] {
        check_all(lang, &[(sentence, &[(passage, q(value, "person", key))])]);
    }
}

/// Languages without a table read digits and signs with their own decimal convention.
#[test]
fn languages_without_a_table() {
    check_all(
        "pl",
        &[(
            "Wzrost o 12,5% i $3 mln.",
            &[("12,5%", pct(12.5, None)), ("$3 mln", money(3e6, "USD"))],
        )],
    );
    check_all(
        "it",
        &[(
            "Un aumento del 7,5 % e 1.234 casi.",
            &[("7,5 %", pct(7.5, None))],
        )],
    );
    check_all(
        "zh-Hans",
        &[("三个会员国", &[("三个会员国", q(3.0, "state", "state"))])],
    );
    check_all(
        "fa",
        &[("تورم به ۳۵ درصد رسید.", &[("۳۵ درصد", pct(35.0, None))])],
    );
}

/// Without a stated language the document's is detected; paragraphs in another language are
/// read with their own table.
#[test]
fn language_detected_and_per_paragraph() {
    let text = "Police said more than 7,000 people were detained on Sunday.\nوقالت الشرطة إن أكثر من ثلاثة آلاف متظاهر اعتقلوا.";
    let split = text.find('\n').unwrap() + 1;
    let numeric = |doc: &Document| -> Vec<vigil_facts::Fact> {
        extract(doc)
            .into_iter()
            .filter(|f| f.kind() == vigil_facts::Kind::Quantity)
            .collect()
    };
    let plain = Document::plain(text);
    let facts = numeric(&plain);
    assert_eq!(facts.len(), 1, "{facts:?}");
    assert_eq!(facts[0].text, "more than 7,000 people were detained");
    let doc = Document {
        text,
        lang: Some("en"),
        paragraphs: vec![(0, split, Some("en")), (split, text.len(), Some("ar"))],
        ..Document::default()
    };
    let facts = numeric(&doc);
    let passages: Vec<&str> = facts.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(
        passages,
        [
            "more than 7,000 people were detained",
            "أكثر من ثلاثة آلاف متظاهر"
        ]
    );
    assert_eq!(facts[1].value, Some(3000.0));
    for fact in &facts {
        assert_eq!(fact.text, &text[fact.start..fact.end]);
    }
}

/// Facts in boilerplate ranges are dropped.
#[test]
fn nothing_from_skipped_ranges() {
    let text = "7,000 people were detained. Subscribe: 3 months for $10.";
    let skip_from = text.find("Subscribe").unwrap();
    let doc = Document {
        text,
        lang: Some("en"),
        skip: vec![(skip_from, text.len())],
        ..Document::default()
    };
    let passages: Vec<String> = extract(&doc).into_iter().map(|f| f.text).collect();
    assert_eq!(passages, ["7,000 people were detained"]);
}

#[test]
fn digits_of_every_script_and_separators() {
    check_all(
        "ar",
        &[
            (
                "اعتقل ۷۰۰۰ شخص",
                &[("اعتقل ۷۰۰۰ شخص", q(7000.0, "person", "arrested"))],
            ),
            (
                "أكثر من ٧٬٠٠٠ معتقل",
                &[(
                    "أكثر من ٧٬٠٠٠ معتقل",
                    q_approx(7000.0, "person", "detained", "gt"),
                )],
            ),
            (
                "بلغت النسبة ٪80 و80 ٪",
                &[("٪80", pct(80.0, None)), ("80 ٪", pct(80.0, None))],
            ),
            (
                "نحو مئات المعتقلين وحوالي 300 جريح",
                &[
                    (
                        "نحو مئات المعتقلين",
                        json!({"kind": "quantity", "value": null, "magnitude": 100.0, "subject_key": "detained", "approx": "about"}),
                    ),
                    (
                        "حوالي 300 جريح",
                        q_approx(300.0, "person", "injured", "about"),
                    ),
                ],
            ),
        ],
    );
    check_all(
        "en",
        &[
            (
                "१२ people and 1.5 million people",
                &[
                    ("१२ people", q(12.0, "person", "person")),
                    ("1.5 million people", q(1.5e6, "person", "person")),
                ],
            ),
            (
                "Dozens of journalists and fewer than 20 candidates; up to 3,000 refugees.",
                &[
                    ("Dozens of journalists", vague(10.0, "journalist")),
                    (
                        "fewer than 20 candidates",
                        q_approx(20.0, "person", "candidate", "lt"),
                    ),
                    (
                        "up to 3,000 refugees",
                        q_approx(3000.0, "person", "refugee", "le"),
                    ),
                ],
            ),
            (
                "The EU pledged €5 million.",
                &[("€5 million", money(5e6, "EUR"))],
            ),
        ],
    );
    check_all(
        "fr",
        &[
            (
                "Près de 7\u{a0}000 personnes et 1,5 % des voix.",
                &[
                    (
                        "Près de 7\u{a0}000 personnes",
                        q_approx(7000.0, "person", "person", "about"),
                    ),
                    ("1,5 %", pct(1.5, None)),
                ],
            ),
            (
                "Il y a 7\u{202f}000 réfugiés.",
                &[("7\u{202f}000 réfugiés", q(7000.0, "person", "refugee"))],
            ),
        ],
    );
    check_all(
        "es",
        &[(
            "Cerca de 7.000 personas y casi 20 periodistas.",
            &[
                (
                    "Cerca de 7.000 personas",
                    q_approx(7000.0, "person", "person", "about"),
                ),
                (
                    "casi 20 periodistas",
                    q_approx(20.0, "person", "journalist", "about"),
                ),
            ],
        )],
    );
    check_all(
        "ru",
        &[
            (
                "Свыше 1,5 тысячи человек, почти 20 журналистов; 1,5 млрд рублей.",
                &[
                    (
                        "Свыше 1,5 тысячи человек",
                        q_approx(1500.0, "person", "person", "gt"),
                    ),
                    (
                        "почти 20 журналистов",
                        q_approx(20.0, "person", "journalist", "about"),
                    ),
                    ("1,5 млрд рублей", money(1.5e9, "RUB")),
                ],
            ),
            (
                "Тысячи людей вышли на улицы.",
                &[("Тысячи людей вышли на улицы", vague(1000.0, "protester"))],
            ),
        ],
    );
    check_all(
        "zh",
        &[
            (
                "超过3000人被捕，逾百名记者，近万名抗议者。",
                &[
                    (
                        "超过3000人被捕",
                        q_approx(3000.0, "person", "arrested", "gt"),
                    ),
                    ("逾百名记者", q_approx(100.0, "person", "journalist", "gt")),
                    (
                        "近万名抗议者",
                        q_approx(10000.0, "person", "protester", "about"),
                    ),
                ],
            ),
            (
                "至少十二人死亡，三千五百万人口。",
                &[
                    ("至少十二人死亡", q_approx(12.0, "person", "killed", "ge")),
                    ("三千五百万人", q(3.5e7, "person", "person")),
                ],
            ),
        ],
    );
    check_all(
        "th",
        &[(
            "อย่างน้อย 20 คนได้รับบาดเจ็บ และ 7,000 กว่าคน",
            &[
                (
                    "อย่างน้อย 20 คนได้รับบาดเจ็บ",
                    q_approx(20.0, "person", "injured", "ge"),
                ),
                ("7,000 กว่าคน", q_approx(7000.0, "person", "person", "gt")),
            ],
        )],
    );
}

/// What the seeds state, by file: `(file prefix, kind, value or magnitude, subject key)`.
/// The seeds' text may not be copied here; the passages are checked by their offsets.
const SEED_FACTS: &[(&str, &str, f64, &str)] = &[
    ("000", "percent", 80.0, ""),
    ("000", "quantity", 1000.0, "prisoner"),
    ("000", "quantity", 100.0, "missing"),
    ("001", "quantity", 17.0, "amendment"),
    ("001", "quantity", 46.0, "session"),
    ("002", "quantity", 7000.0, "detained"),
    ("003", "quantity", 32.0, "state"),
    ("003", "quantity", 9.0, "state"),
    ("003", "quantity", 9.0, "state"),
    ("003", "quantity", 3.0, "state"),
    ("003", "quantity", 1.0, "state"),
    ("004", "quantity", 26.0, "duration"),
    ("004", "quantity", 150000.0, "protester"),
    ("004", "quantity", 774.0, "arrested"),
    ("004", "quantity", 66.0, "age"),
    ("004", "money", 1e9, ""),
    ("004", "quantity", 1000.0, "arrested"),
];

/// The resolution's tally (23 votes, two states, 22 states) is the vote extractor's; as
/// quantities it is allowed, not required.
const SEED_TALLY: &[(&str, f64, &str)] = &[
    ("001", 23.0, "vote"),
    ("001", 2.0, "state"),
    ("001", 22.0, "state"),
];

#[test]
fn seeds_give_their_numbers_and_nothing_else() {
    let shared = std::env::var_os("VIGIL_SHARED_DIR").map_or_else(
        || std::path::PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared")),
        std::path::PathBuf::from,
    );
    let Ok(dir) = std::fs::read_dir(shared.join("seeds")) else {
        eprintln!("skipping: no seeds under {}", shared.display());
        return;
    };
    let mut found = Vec::new();
    for entry in dir.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(entry.path()).unwrap();
        let lang = vigil_text::language::detect(&text).map(|d| d.lang);
        let doc = Document {
            text: &text,
            lang,
            ..Document::default()
        };
        for fact in extract(&doc) {
            assert_eq!(fact.text, &text[fact.start..fact.end]);
            if !matches!(fact.kind().as_str(), "quantity" | "percent" | "money") {
                continue;
            }
            assert!(fact.text.chars().count() < 60, "passage too long: {fact:?}");
            let json = serde_json::to_value(&fact).unwrap();
            let amount = fact.value.or(json["magnitude"].as_f64()).unwrap();
            let key = fact.subject_key.clone().unwrap_or_default();
            found.push((
                name[..3].to_string(),
                fact.kind().as_str().to_string(),
                amount,
                key,
            ));
        }
    }
    for &(file, kind, amount, key) in SEED_FACTS {
        let at = found.iter().position(|f| {
            (f.0.as_str(), f.1.as_str(), f.2, f.3.as_str()) == (file, kind, amount, key)
        });
        assert!(at.is_some(), "missing in {file}: {kind} {amount} {key}");
        found.remove(at.unwrap());
    }
    found.retain(|f| !SEED_TALLY.contains(&(f.0.as_str(), f.2, f.3.as_str())));
    assert!(found.is_empty(), "unexpected: {found:?}");
}

proptest! {
    #[test]
    fn no_input_panics_and_passages_are_exact(
        text in "[0-9٠-٩๐-๙,.٬٫ %٪$€-]{0,6}[a-z ÀÉ年万亿个人คนล้านพันแสนร้อยละ一二三十百千两ا-ي -]{0,30}[0-9 ,.]{0,8}(thousand|people|دولتين|آلاف|多名|ที่|th|-я)?",
        lang in prop::sample::select(vec!["en", "fr", "es", "de", "ru", "ar", "zh", "th", "xx"]),
    ) {
        let doc = Document { text: &text, lang: Some(lang), ..Document::default() };
        for fact in extract(&doc) {
            prop_assert_eq!(&fact.text, &text[fact.start..fact.end]);
            prop_assert!(fact.start < fact.end);
        }
    }
}

/// `(lang, sentence, passage)` cases that must each give one quantity: `value` people keyed
/// `key`.
fn check_key_in_languages(cases: &[(&str, &str, &str)], value: f64, key: &str) {
    for (lang, sentence, passage) in cases {
        check_all(lang, &[(sentence, &[(passage, q(value, "person", key))])]);
    }
}

/// Sanctions say whom they target, in every language with a table.
#[test]
fn sanctioned_officials() {
    check_key_in_languages(
        &[
            (
                "en",
                "Canada imposed sanctions on eleven officials last week.",
                "sanctions on eleven officials",
            ),
            (
                "fr",
                "Ottawa a sanctionné onze responsables la semaine dernière.",
                "sanctionné onze responsables",
            ),
            (
                "es",
                "Canadá sancionó a once funcionarios la semana pasada.",
                "sancionó a once funcionarios",
            ),
            (
                "ru",
                "Канада ввела санкции против одиннадцати чиновников.",
                "санкции против одиннадцати чиновников",
            ),
            (
                "ar",
                "فرضت كندا عقوبات على أحد عشر مسؤولا.",
                "عقوبات على أحد عشر مسؤولا",
            ),
            (
                "de",
                "Kanada verhängte Sanktionen gegen elf Beamte.",
                "Sanktionen gegen elf Beamte",
            ),
        ],
        11.0,
        "sanctioned",
    );
}

/// Releases count whom they free, in every language with a table.
#[test]
fn released_people() {
    check_key_in_languages(
        &[
            (
                "en",
                "Thirty students were released on Friday.",
                "Thirty students were released",
            ),
            (
                "fr",
                "Trente étudiants ont été libérés vendredi.",
                "Trente étudiants ont été libérés",
            ),
            (
                "es",
                "Treinta estudiantes fueron liberados el viernes.",
                "Treinta estudiantes fueron liberados",
            ),
            (
                "ru",
                "В пятницу освобождены 30 студентов.",
                "освобождены 30 студентов",
            ),
            (
                "de",
                "30 Studenten wurden am Freitag freigelassen.",
                "30 Studenten wurden am Freitag freigelassen",
            ),
            ("ar", "أفرج عن 30 شخصا يوم الجمعة.", "أفرج عن 30 شخصا"),
            ("zh", "周五有30人获释。", "30人获释"),
        ],
        30.0,
        "released",
    );
}

/// People in need of aid, the figure humanitarian appeals lead with.
#[test]
fn people_in_need() {
    check_key_in_languages(
        &[
            (
                "en",
                "After the floods, 400,000 people need aid.",
                "400,000 people need aid",
            ),
            (
                "fr",
                "Après les crues, 400 000 personnes ont besoin d'aide.",
                "400 000 personnes ont besoin d'aide",
            ),
            (
                "es",
                "Tras las lluvias, 400.000 personas necesitan ayuda.",
                "400.000 personas necesitan ayuda",
            ),
            (
                "ru",
                "400 тысяч человек нуждаются в помощи.",
                "400 тысяч человек нуждаются в помощи",
            ),
            (
                "ar",
                "هناك 400 ألف شخص بحاجة إلى مساعدات.",
                "400 ألف شخص بحاجة إلى مساعدات",
            ),
            ("zh", "洪水过后，有40万人需要援助。", "40万人需要援助"),
        ],
        400_000.0,
        "in_need",
    );
}

/// People counted for who they are (journalists, protesters, police officers) take the key of
/// what happened to them from the nearest cue on either side, so that one source's "412
/// protesters detained" and another's "412 people detained" meet under `detained` rather than
/// beside a crowd size; the passage stays the number with its noun, and `subject` the noun.
/// A noun further off, or another count's noun, says nothing about this count.
#[test]
fn counts_of_people_are_keyed_by_what_happened_to_them() {
    let cases: &[(&str, &str, &[Expected])] = &[
        (
            "en",
            "Police detained 412 protesters who were later released.",
            &[("412 protesters", q(412.0, "person", "detained"))],
        ),
        (
            "en",
            "Three soldiers remain in detention, while 2,000 protesters marched again.",
            &[
                ("Three soldiers", q(3.0, "person", "detained")),
                ("2,000 protesters", q(2000.0, "person", "protester")),
            ],
        ),
        (
            "en",
            "Marta Ruiz, 57, said police had beaten her.",
            &[("57", q(57.0, "year", "age"))],
        ),
        (
            "es",
            "Rosa Pérez, de 45 años, fue detenida en la frontera.",
            &[("45 años", q(45.0, "year", "age"))],
        ),
        (
            "fr",
            "Selon le syndicat, 12 journalistes restent détenus à Minsk.",
            &[("12 journalistes", q(12.0, "person", "detained"))],
        ),
        (
            "ar",
            "قتل خمسة صحفيين في القصف.",
            &[("خمسة صحفيين", q(5.0, "person", "killed"))],
        ),
        (
            "ar",
            "أصيب نحو ثلاثين شخصا في الاشتباكات.",
            &[(
                "أصيب نحو ثلاثين شخصا",
                q_approx(30.0, "person", "injured", "about"),
            )],
        ),
        (
            "ru",
            "В Гомеле погибли 4 журналиста, ранены 20 человек.",
            &[
                ("4 журналиста", q(4.0, "person", "killed")),
                ("ранены 20 человек", q(20.0, "person", "injured")),
            ],
        ),
        (
            "th",
            "ผู้จัดระบุว่ามีผู้ร่วมชุมนุม 30,000 คน ส่วนตำรวจประเมินว่ามีประมาณ 9,000 คน",
            &[
                ("ผู้ร่วมชุมนุม 30,000 คน", q(30000.0, "person", "protester")),
                (
                    "ประมาณ 9,000 คน",
                    q_approx(9000.0, "person", "person", "about"),
                ),
            ],
        ),
        (
            "th",
            "ตำรวจจับกุมผู้ชุมนุม 25 คน",
            &[("ผู้ชุมนุม 25 คน", q(25.0, "person", "arrested"))],
        ),
        (
            "zh",
            "警方逮捕了五名记者。",
            &[("五名记者", q(5.0, "person", "arrested"))],
        ),
    ];
    let errors: Vec<String> = cases
        .iter()
        .flat_map(|(lang, sentence, expected)| check(lang, sentence, expected))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
