use std::collections::BTreeSet;
use std::time::Instant;

use super::*;

/// The mentions of `text` as (name as written, key), after checking each range is on the text.
fn mentions(text: &str) -> Vec<(&str, &'static str)> {
    find(text)
        .into_iter()
        .map(|m| {
            let written = text
                .get(m.start..m.end)
                .unwrap_or_else(|| panic!("{m:?} is not a range of {text:?}"));
            (written, m.key)
        })
        .collect()
}

#[test]
fn english_names_with_exact_offsets() {
    let text = "Delegates from Poland, the United Kingdom and the US met in Warsaw; \
                the Security Council heard Belarus's envoy.";
    assert_eq!(
        mentions(text),
        [
            ("Poland", "country:PL"),
            ("United Kingdom", "country:GB"),
            ("US", "country:US"),
            ("Warsaw", "city:756135"),
            ("Security Council", "org:unsc"),
            ("Belarus", "country:BY"),
        ]
    );
}

#[test]
fn arabic_proclitics_and_article() {
    let text = "اتفقت كندا وبولندا والمملكة المتحدة على رسالة لبيلاروسيا، وأرسلتها للمملكة المتحدة.";
    assert_eq!(
        mentions(text),
        [
            ("كندا", "country:CA"),
            ("بولندا", "country:PL"),
            ("المملكة المتحدة", "country:GB"),
            ("بيلاروسيا", "country:BY"),
            ("للمملكة المتحدة", "country:GB"),
        ]
    );
}

#[test]
fn arabic_names_not_inside_other_words() {
    // "مصرف" (a bank) starts with "مصر" (Egypt); "كبولندا" is ك + بولندا, a proclitic.
    assert_eq!(mentions("افتتح مصرف جديد"), []);
    assert_eq!(mentions("مدينة كبولندا"), [("بولندا", "country:PL")]);
    // Ordinary words that GeoNames or CLDR also give as names are left out of the data.
    assert_eq!(mentions("نظام مالي جديد في مدينة"), []);
}

#[test]
fn chinese_long_form_is_one_mention() {
    let text = "大不列颠及北爱尔兰联合王国常驻联合国代表致函安全理事会，提到白俄罗斯和拉脱维亚。";
    assert_eq!(
        mentions(text),
        [
            ("大不列颠及北爱尔兰联合王国", "country:GB"),
            ("联合国", "org:un"),
            ("安全理事会", "org:unsc"),
            ("白俄罗斯", "country:BY"),
            ("拉脱维亚", "country:LV"),
        ]
    );
}

#[test]
fn chinese_words_that_contain_short_names() {
    // "中非" is also "China-Africa"; "新泽西" is New Jersey, not Jersey.
    assert_eq!(mentions("中非合作论坛在新泽西举行"), []);
    assert_eq!(
        mentions("中国和巴西"),
        [("中国", "country:CN"), ("巴西", "country:BR")]
    );
}

#[test]
fn names_inside_longer_foreign_names_are_no_mentions() {
    // Mariupol is no Mali, in katakana or in Chinese transliteration.
    assert_eq!(mentions("マリウポリで戦闘"), []);
    assert_eq!(mentions("马里乌波尔的战斗"), []);
    assert_eq!(mentions("ソマリランドとマリ"), [("マリ", "country:ML")]);
    assert_eq!(mentions("他访问了马里。"), [("马里", "country:ML")]);
    // Two names side by side are both kept.
    assert_eq!(
        mentions("叙利亚阿勒颇"),
        [("叙利亚", "country:SY"), ("阿勒颇", "city:170063")]
    );
    assert_eq!(
        mentions("シリア・アレッポ"),
        [("シリア", "country:SY"), ("アレッポ", "city:170063")]
    );
}

#[test]
fn thai_without_spaces() {
    let text = "คณะมนตรีความมั่นคงประชุมเรื่องเบลารุสโดยมีสหราชอาณาจักรและโปแลนด์ร่วมด้วย";
    assert_eq!(
        mentions(text),
        [
            ("คณะมนตรีความมั่นคง", "org:unsc"),
            ("เบลารุส", "country:BY"),
            ("สหราชอาณาจักร", "country:GB"),
            ("โปแลนด์", "country:PL"),
        ]
    );
}

#[test]
fn thai_names_only_on_word_edges() {
    // กระทรวงมหาดไทย is the Ministry of the Interior, not Thailand; ประเทศไทย is Thailand.
    let text = "กระทรวงมหาดไทยของเบลารุสแถลงว่าผู้ชุมนุมถูกจับกุม ขณะที่ประเทศไทยติดตามสถานการณ์";
    assert_eq!(
        mentions(text),
        [("เบลารุส", "country:BY"), ("ไทย", "country:TH")]
    );
}

#[test]
fn russian_case_endings() {
    let text = "Посол Беларуси встретился в Минске с представителями Польши, Литвы и Эстонии; \
                Совет Безопасности ООН обсудил Беларусь.";
    assert_eq!(
        mentions(text),
        [
            ("Беларуси", "country:BY"),
            ("Минске", "city:625144"),
            ("Польши", "country:PL"),
            ("Литвы", "country:LT"),
            ("Эстонии", "country:EE"),
            ("Совет Безопасности", "org:unsc"),
            ("ООН", "org:un"),
            ("Беларусь", "country:BY"),
        ]
    );
    // Adjectives are other words.
    assert_eq!(mentions("белорусский и польский"), []);
}

#[test]
fn french_and_spanish() {
    assert_eq!(
        mentions("Le Conseil de sécurité a reçu l'Ukraine et la Biélorussie à Varsovie."),
        [
            ("Conseil de sécurité", "org:unsc"),
            ("Ukraine", "country:UA"),
            ("Biélorussie", "country:BY"),
            ("Varsovie", "city:756135"),
        ]
    );
    assert_eq!(
        mentions("El Consejo de Seguridad escuchó a Rumania y a los Estados Unidos."),
        [
            ("Consejo de Seguridad", "org:unsc"),
            ("Rumania", "country:RO"),
            ("Estados Unidos", "country:US"),
        ]
    );
}

#[test]
fn whole_words_only() {
    // Derived words are not names: a "Romanian" diplomat is not a mention of Romania.
    assert_eq!(mentions("A woman and a Romanian diplomat"), []);
    assert_eq!(
        mentions("Oman and Romania"),
        [("Oman", "country:OM"), ("Romania", "country:RO")]
    );
    // Common nouns spelled like names do not count in lower case.
    assert_eq!(mentions("a turkey on china plates in chad"), []);
}

#[test]
fn abbreviations_are_case_sensitive() {
    assert_eq!(
        mentions("the UK and the U.S."),
        [("UK", "country:GB"), ("U.S.", "country:US")]
    );
    assert_eq!(mentions("let us know who called"), []);
    assert_eq!(mentions("WHO warned"), [("WHO", "org:who")]);
    // Inside a headline in capitals an abbreviation is likely a word.
    assert_eq!(mentions("TELL US WHAT HAPPENED"), []);
}

#[test]
fn offsets_survive_normalisation() {
    // Full-width letters, a combining accent and Arabic diacritics change byte lengths.
    let text = "ＵＮ Biélorussie\u{301} بُولَنْدَا 白俄罗斯";
    for m in find(text) {
        assert!(text.get(m.start..m.end).is_some(), "{m:?}");
    }
    assert_eq!(
        keys(text),
        BTreeSet::from(["country:BY".to_string(), "country:PL".to_string()])
    );
}

#[test]
fn display_names_per_language() {
    assert_eq!(name("country:GB", "en"), Some("United Kingdom"));
    assert_eq!(name("country:GB", "zh"), Some("英国"));
    // Chinese is written in simplified characters unless the text says otherwise; the
    // traditional names other locales give to `zh` are not its display names.
    for (key, simplified) in [
        ("country:EE", "爱沙尼亚"),
        ("country:DK", "丹麦"),
        ("country:LV", "拉脱维亚"),
    ] {
        assert_eq!(name(key, "zh"), Some(simplified));
    }
    assert_eq!(name("country:EE", "yue"), Some("愛沙尼亞"));
    assert_eq!(name("country:BY", "ru"), Some("Беларусь"));
    assert_eq!(name("org:unsc", "ar"), Some("مجلس الأمن"));
    assert_eq!(name("city:625144", "en"), Some("Minsk"));
    assert_eq!(name("country:BY", "xx"), None);
    assert_eq!(name("country:ZZ", "en"), None);
}

#[test]
fn hostile_input_stays_linear() {
    let small = "Polandia ".repeat(20_000) + &"بولنداا".repeat(20_000) + &"白俄".repeat(20_000);
    let large = small.repeat(4);
    let time = |text: &str| {
        let started = Instant::now();
        let found = find(text).len();
        (started.elapsed().as_secs_f64(), found)
    };
    time("warm up Poland");
    let (t_small, _) = time(&small);
    let (t_large, _) = time(&large);
    assert!(t_large < t_small * 8.0 + 0.05, "{t_small}s then {t_large}s");
}

/// Seeds 000 (Arabic) and 003 (Chinese) report the same meeting: they must share its places.
#[test]
fn seeds_share_places_across_scripts() {
    let mut sets = Vec::new();
    for prefix in ["000", "001", "002", "003", "004"] {
        let Some(text) = crate::test_support::seed(prefix) else {
            return;
        };
        let found = find(&text);
        for m in &found {
            assert!(text.get(m.start..m.end).is_some(), "{prefix}: {m:?}");
        }
        let keys: BTreeSet<&str> = found.iter().map(|m| m.key).collect();
        eprintln!("seed {prefix}: {keys:?}");
        sets.push(keys);
    }
    let shared: BTreeSet<&str> = sets[0].intersection(&sets[3]).copied().collect();
    eprintln!("000 ∩ 003: {shared:?}");
    for key in [
        "country:EE",
        "country:GB",
        "country:US",
        "country:CA",
        "country:DK",
        "country:IS",
        "country:LV",
        "country:LT",
        "country:PL",
        "country:RO",
        "country:UA",
        "country:BY",
        "org:unsc",
    ] {
        assert!(shared.contains(key), "{key} not in both 000 and 003");
    }
}

/// Throughput on a few MB of mixed text: `cargo test -p vigil-text --release gazetteer_throughput
/// -- --ignored --nocapture`.
#[test]
#[ignore = "a measurement, not a test"]
fn gazetteer_throughput() {
    let started = Instant::now();
    let (keys, names) = size();
    eprintln!(
        "loaded {keys} keys, {names} names in {:?}",
        started.elapsed()
    );
    let sample = "The Security Council met on Monday to discuss the situation in Belarus, where \
        thousands were detained in Minsk after the election. 安全理事会周一开会讨论白俄罗斯局势，\
        明斯克有数千人被拘留。 عقد مجلس الأمن اجتماعا يوم الاثنين لمناقشة الوضع في بيلاروسيا حيث \
        اعتقل الآلاف في مينسك. Совет Безопасности обсудил положение в Беларуси. \
        คณะมนตรีความมั่นคงประชุมเรื่องสถานการณ์ในเบลารุส ";
    let text = sample.repeat(4_000_000 / sample.len());
    let started = Instant::now();
    let normalized = normalize(&text);
    let t_normalize = started.elapsed().as_secs_f64();
    let started = Instant::now();
    let found = find_normalized(&text, &normalized).len();
    let t_match = started.elapsed().as_secs_f64();
    let mb = text.len() as f64 / 1e6;
    eprintln!(
        "{mb:.1} MB, {found} mentions: normalise {:.0} MB/s, match {:.0} MB/s, both {:.0} MB/s",
        mb / t_normalize,
        mb / t_match,
        mb / (t_normalize + t_match)
    );
}

#[test]
fn seats_of_un_bodies_under_half_a_million() {
    assert_eq!(
        mentions("The Council met in Geneva; the court sits in The Hague."),
        [("Geneva", "city:2660646"), ("The Hague", "city:2747373")]
    );
    assert_eq!(mentions("在日内瓦举行"), [("日内瓦", "city:2660646")]);
    assert_eq!(mentions("اجتماع في جنيف"), [("جنيف", "city:2660646")]);
}

#[test]
fn intergovernmental_bodies_beyond_the_un() {
    assert_eq!(
        mentions("Observers from the OSCE and NATO met African Union envoys."),
        [
            ("OSCE", "org:osce"),
            ("NATO", "org:nato"),
            ("African Union", "org:au")
        ]
    );
    assert_eq!(
        mentions("دعت لمنظمة الأمن والتعاون في أوروبا إلى التحقيق"),
        [("منظمة الأمن والتعاون في أوروبا", "org:osce")]
    );
    assert_eq!(
        mentions("欧安组织和国际刑事法院"),
        [("欧安组织", "org:osce"), ("国际刑事法院", "org:icc")]
    );
}

#[test]
fn rights_and_relief_organisations_and_german_un_bodies() {
    assert_eq!(
        mentions(
            "Laut Human Rights Watch und dem UN-Flüchtlingshilfswerk tagte der Sicherheitsrat."
        ),
        [
            ("Human Rights Watch", "org:hrw"),
            ("UN-Flüchtlingshilfswerk", "org:unhcr"),
            ("Sicherheitsrat", "org:unsc")
        ]
    );
    assert_eq!(
        mentions("وقالت منظمة العفو الدولية وأطباء بلا حدود إن البنك الدولي"),
        [
            ("منظمة العفو الدولية", "org:amnesty"),
            ("أطباء بلا حدود", "org:msf"),
            ("البنك الدولي", "org:worldbank")
        ]
    );
}

#[test]
fn usual_short_names_of_countries_and_a_body_with_digits() {
    assert_eq!(
        mentions("疫情使G20峰会改为线上举行; the G20 met."),
        [("G20", "org:g20"), ("G20", "org:g20")]
    );
    assert_eq!(
        mentions("Britain and the UAE"),
        [("Britain", "country:GB"), ("UAE", "country:AE")]
    );
    assert_eq!(
        mentions("زار وفد من بريطانيا والإمارات"),
        [("بريطانيا", "country:GB"), ("الإمارات", "country:AE")]
    );
}

#[test]
fn older_country_names_and_short_city_exonyms() {
    assert_eq!(
        mentions("Делегация прибыла в Белоруссию из Белоруссии."),
        [("Белоруссию", "country:BY"), ("Белоруссии", "country:BY")]
    );
    assert_eq!(
        mentions("สหภาพยุโรปส่งความช่วยเหลือแก่เมียนมา"),
        [("สหภาพยุโรป", "org:eu"), ("เมียนมา", "country:MM")]
    );
    let cities: Vec<&str> = mentions("Treffen in Wien und Genf, später in Kiew; la guerre à Alep.")
        .into_iter()
        .map(|(name, key)| {
            assert!(key.starts_with("city:"), "{name} is {key}");
            name
        })
        .collect();
    assert_eq!(cities, ["Wien", "Genf", "Kiew", "Alep"]);
}
