//! Mentions in sentences of our own, in several languages and scripts: kinds, keys and exact
//! byte ranges.

use crate::{Document, Fact, Kind, extract};

fn mentions(text: &str, lang: &str) -> Vec<Fact> {
    let doc = Document {
        lang: Some(lang),
        ..Document::plain(text)
    };
    let facts: Vec<Fact> = extract(&doc)
        .into_iter()
        .filter(|f| f.kind().is_mention())
        .collect();
    for f in &facts {
        assert_eq!(f.text, text[f.start..f.end], "offsets of {f:?}");
        assert_eq!(f.subject.as_deref(), Some(f.text.as_str()));
    }
    facts
}

/// Asserts the mentions are exactly `expected` (text, kind, key — or a key prefix ending in
/// `:`), each at the byte offset where `text` first has it after the previous one.
fn assert_mentions(text: &str, lang: &str, expected: &[(&str, Kind, &str)]) {
    let found = mentions(text, lang);
    let got: Vec<(&str, Kind, &str)> = found
        .iter()
        .map(|f| {
            (
                f.text.as_str(),
                f.kind(),
                f.subject_key.as_deref().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(found.len(), expected.len(), "{text}\n got {got:?}");
    let mut from = 0;
    for (fact, (name, kind, key)) in found.iter().zip(expected) {
        let start = from
            + text[from..]
                .find(name)
                .expect("expected name is in the text");
        assert_eq!(
            (fact.start, fact.end),
            (start, start + name.len()),
            "{name} in {text}"
        );
        assert_eq!(fact.kind(), *kind, "{name}");
        let fact_key = fact.subject_key.as_deref().unwrap_or("");
        if key.ends_with(':') {
            assert!(
                fact_key.starts_with(key),
                "{name}: key {fact_key} is not {key}…"
            );
        } else {
            assert_eq!(fact_key, *key, "{name}");
        }
        from = fact.end;
    }
}

#[test]
fn english_people_organisations_and_places() {
    assert_mentions(
        "Opposition leader Maria Kolesnikova was detained in Minsk on Monday, the Interior \
         Ministry said. Kolesnikova told reporters that Latin American nations had protested.",
        "en",
        &[
            ("Maria Kolesnikova", Kind::Person, "name:maria kolesnikova"),
            ("Minsk", Kind::Place, "city:625144"),
            (
                "Interior Ministry",
                Kind::Organization,
                "name:interior ministry",
            ),
            ("Kolesnikova", Kind::Person, "name:kolesnikova"),
        ],
    );
}

#[test]
fn two_people_joined_by_and_stay_two() {
    assert_mentions(
        "Olaf Scholz met Giorgia Meloni in Rome. Scholz and Meloni spoke about Ukraine.",
        "en",
        &[
            ("Olaf Scholz", Kind::Person, "name:olaf scholz"),
            ("Giorgia Meloni", Kind::Person, "name:giorgia meloni"),
            ("Rome", Kind::Place, "city:"),
            ("Scholz", Kind::Person, "name:scholz"),
            ("Meloni", Kind::Person, "name:meloni"),
            ("Ukraine", Kind::Place, "country:UA"),
        ],
    );
}

#[test]
fn titles_inside_a_capitalised_run_and_particles_in_names() {
    assert_mentions(
        "Speaking in Paris, Dutch ambassador Karel van Oosterom and Chilean President Gabriel \
         Boric praised the Committee to Protect Journalists.",
        "en",
        &[
            ("Paris", Kind::Place, "city:"),
            (
                "Karel van Oosterom",
                Kind::Person,
                "name:karel van oosterom",
            ),
            ("Gabriel Boric", Kind::Person, "name:gabriel boric"),
            (
                "Committee to Protect Journalists",
                Kind::Organization,
                "name:committee to protect journalists",
            ),
        ],
    );
}

#[test]
fn sentence_initial_words_and_demonyms_are_not_names() {
    assert_mentions(
        "Protesters gathered near the Belarusian embassy. However, Western diplomats declined.",
        "en",
        &[],
    );
}

#[test]
fn french_and_spanish_titles() {
    assert_mentions(
        "Le président Emmanuel Macron a rencontré Olaf Scholz à Berlin.",
        "fr",
        &[
            ("Emmanuel Macron", Kind::Person, "name:emmanuel macron"),
            ("Olaf Scholz", Kind::Person, "name:olaf scholz"),
            ("Berlin", Kind::Place, "city:"),
        ],
    );
    assert_mentions(
        "La presidenta Xiomara Castro dijo que el Ministerio de Salud abrirá hospitales.",
        "es",
        &[
            ("Xiomara Castro", Kind::Person, "name:xiomara castro"),
            (
                "Ministerio de Salud",
                Kind::Organization,
                "name:ministerio de salud",
            ),
        ],
    );
}

/// Holidays and diseases are capitalised but name no one.
#[test]
fn holidays_and_diseases_are_no_names() {
    for (text, lang) in [
        (
            "They will pay a big price. Happy New Year! Donald Trump wrote.",
            "en",
        ),
        (
            "Las familias celebraron el Año Nuevo con Pedro Sánchez en Madrid.",
            "es",
        ),
        ("وقال وزير الصحة إن فيروس كورونا ينتشر في القاهرة.", "ar"),
    ] {
        let found = mentions(text, lang);
        assert!(
            found.iter().all(|f| !not_a_name_text(&f.text)),
            "{text}: {found:?}"
        );
        assert!(!found.is_empty(), "the real names stay: {text}");
    }
}

fn not_a_name_text(t: &str) -> bool {
    ["New Year", "Año Nuevo", "كورونا"]
        .iter()
        .any(|n| t.contains(n))
}

/// A body's name runs through two particles to a capitalised word, but not on into a verb
/// or to a dangling article; a conjunction does not join two names.
#[test]
fn spanish_body_names_end_where_the_name_does() {
    assert_mentions(
        "Según el Instituto Geofísico de la Escuela Politécnica Nacional, no hubo daños.",
        "es",
        &[(
            "Instituto Geofísico de la Escuela Politécnica Nacional",
            Kind::Organization,
            "name:",
        )],
    );
    assert_mentions(
        "Resaltó el compromiso del Gobierno Nacional para avanzar en la seguridad.",
        "es",
        &[("Gobierno Nacional", Kind::Organization, "name:")],
    );
    assert_mentions(
        "La presidenta María de los Ángeles Ortega habló ante el Consejo de la Magistratura.",
        "es",
        &[
            ("María de los Ángeles Ortega", Kind::Person, "name:"),
            ("Consejo de la Magistratura", Kind::Organization, "name:"),
        ],
    );
    assert_mentions(
        "Según el Kremlin, Vladímir Putin y Alexandr Lukashenko se reunieron.",
        "es",
        &[
            ("Vladímir Putin", Kind::Person, "name:"),
            ("Alexandr Lukashenko", Kind::Person, "name:"),
        ],
    );
    let found = mentions("Hablaron Vladímir Putin y la Unión Europea.", "es");
    assert!(
        found.iter().all(|f| !f.text.contains(" y ")),
        "a conjunction joined two names: {found:?}"
    );
}

#[test]
fn russian_speech_verbs_and_sentence_case_organisations() {
    assert_mentions(
        "В Москве Сергей Лавров заявил, что Координационный совет оппозиции не признан.",
        "ru",
        &[
            ("Москве", Kind::Place, "city:524901"),
            ("Сергей Лавров", Kind::Person, "name:sergey lavrov"),
            (
                "Координационный совет оппозиции",
                Kind::Organization,
                "name:koordinatsionnyy sovet oppozitsii",
            ),
        ],
    );
    // A country's authorities are a body, and lend no person their country's name.
    assert_mentions(
        "Власти Мерании отвергли резолюцию. Посол Эстонии Ирина Лосева покинула зал.",
        "ru",
        &[
            ("Власти Мерании", Kind::Organization, "name:"),
            ("Эстонии", Kind::Place, "country:EE"),
            ("Ирина Лосева", Kind::Person, "name:"),
        ],
    );
}

#[test]
fn german_needs_a_cue() {
    assert_mentions(
        "Bundeskanzler Olaf Scholz sagte, die Lage an der Grenze sei ernst.",
        "de",
        &[("Olaf Scholz", Kind::Person, "name:olaf scholz")],
    );
}

#[test]
fn greek_title_before_a_name() {
    assert_mentions(
        "Ο πρωθυπουργός Κυριάκος Μητσοτάκης επισκέφθηκε την Αθήνα.",
        "el",
        &[
            (
                "Κυριάκος Μητσοτάκης",
                Kind::Person,
                "name:kyriakos mitsotakis",
            ),
            ("Αθήνα", Kind::Place, "city:"),
        ],
    );
}

#[test]
fn thai_names_after_titles_and_not_after_a_country() {
    assert_mentions(
        "นายทักษิณ ชินวัตร เดินทางไปกรุงเทพฯ และประธานาธิบดีเบลารุสกล่าวว่า",
        "th",
        &[
            ("ทักษิณ ชินวัตร", Kind::Person, "name:thaksin chinwat"),
            ("กรุงเทพฯ", Kind::Place, "city:1609350"),
            ("เบลารุส", Kind::Place, "country:BY"),
        ],
    );
}

#[test]
fn arabic_and_chinese_gazetteer_names_carry_their_keys_and_ids() {
    let arabic = mentions("التقى وزير خارجية بولندا نظيره في باريس أمس.", "ar");
    let chinese = mentions("波兰外长在巴黎会见了联合国人权理事会主席。", "zh");
    for facts in [&arabic, &chinese] {
        let keys: Vec<&str> = facts
            .iter()
            .filter_map(|f| f.subject_key.as_deref())
            .collect();
        assert!(keys.contains(&"country:PL"), "{keys:?}");
        assert!(keys.iter().any(|k| k.starts_with("city:")), "{keys:?}");
    }
    let poland = |facts: &[Fact]| {
        facts
            .iter()
            .find(|f| f.subject_key.as_deref() == Some("country:PL"))
            .map(|f| f.detail.clone())
    };
    // One id for one place in both scripts, with full confidence.
    assert_eq!(poland(&arabic), poland(&chinese));
    assert!(matches!(
        poland(&arabic),
        Some(crate::Detail::Place(crate::Mention { entity: Some(_), confidence: Some(c) })) if c == 1.0
    ));
}

#[test]
fn an_uncued_name_after_a_preposition_of_place_is_a_place() {
    assert_mentions(
        "Floods in Porto Calvo killed two, and officials met at the Palais Rohan in Paris.",
        "en",
        &[
            ("Porto Calvo", Kind::Place, "name:"),
            ("Palais Rohan", Kind::Place, "name:"),
            ("Paris", Kind::Place, "city:"),
        ],
    );
    // A possessive after "in" is about a person.
    assert_mentions(
        "Nothing changed in Alexander Lukashenko's view.",
        "en",
        &[("Alexander Lukashenko", Kind::Person, "name:")],
    );
}

#[test]
fn chinese_foreign_names_whole_and_no_person_in_a_wrapped_place_name() {
    let text = "外交部长乌尔马斯·赖因萨卢主持会议。与会者重申，白俄\n\n罗斯危机只能通过和平解决。";
    let people: Vec<String> = mentions(text, "zh")
        .into_iter()
        .filter(|f| f.kind() == Kind::Person)
        .map(|f| f.text)
        .collect();
    assert_eq!(people, ["乌尔马斯·赖因萨卢"]);
}

#[test]
fn chinese_buildings_and_sites_are_places_not_people() {
    for (text, site) in [
        ("人权理事会12日在日内瓦万国宫举行特别会议。", "万国宫"),
        ("数千名抗议者周日聚集在独立广场，警方随后清场。", "独立广场"),
        ("代表团抵达首都机场后前往会场。", "首都机场"),
    ] {
        let found = mentions(text, "zh");
        assert!(
            found
                .iter()
                .all(|f| f.kind() != Kind::Person || !f.text.contains(site)),
            "{site} taken for a person: {found:?}"
        );
    }
    assert!(super::chinese::site("万国宫"));
    assert!(!super::chinese::site("卢卡申科"));
    assert!(!super::chinese::site("宫·巴赫"));
}

#[test]
fn hospitals_ports_and_portuguese_and_turkish_heads_and_titles() {
    assert_mentions(
        "Doctors at Serin Central Hospital said boats left the Old Port at dawn.",
        "en",
        &[
            ("Serin Central Hospital", Kind::Organization, "name:"),
            ("Old Port", Kind::Place, "name:"),
        ],
    );
    // A head alone names no particular body.
    assert_mentions(
        "Police said the Interior Ministry had asked for calm.",
        "en",
        &[("Interior Ministry", Kind::Organization, "name:")],
    );
    assert_mentions(
        "Milhares de pessoas encheram a Praça da Independência.",
        "pt",
        &[("Praça da Independência", Kind::Place, "name:")],
    );
    assert_mentions(
        "Advogados do Movimento de Renovação Cívica visitaram o Hospital Central de Serin.",
        "pt",
        &[
            ("Movimento de Renovação Cívica", Kind::Organization, "name:"),
            ("Hospital Central de Serin", Kind::Organization, "name:"),
        ],
    );
    assert_mentions(
        "El Sindicato Nacional de Mineros convocó una huelga en la Universidad de Serin.",
        "es",
        &[
            ("Sindicato Nacional de Mineros", Kind::Organization, "name:"),
            ("Universidad de Serin", Kind::Organization, "name:"),
        ],
    );
    assert_mentions(
        "Devlet Başkanı Julián Arce, Ulusal Sismoloji Enstitüsü verilerini açıkladı.",
        "tr",
        &[
            ("Julián Arce", Kind::Person, "name:"),
            ("Ulusal Sismoloji Enstitüsü", Kind::Organization, "name:"),
        ],
    );
}

#[test]
fn a_word_of_a_persons_name_is_that_person_throughout_the_document() {
    let mut names = vec![
        crate::ner::NameSpan {
            start: 0,
            end: "سفياتلانا تسيخانوسكايا".len(),
            kind: Kind::Person,
        },
        crate::ner::NameSpan {
            start: "سفياتلانا تسيخانوسكايا قالت إن ".len(),
            end: "سفياتلانا تسيخانوسكايا قالت إن تسيخانوسكايا".len(),
            kind: Kind::Place,
        },
    ];
    let text = "سفياتلانا تسيخانوسكايا قالت إن تسيخانوسكايا ستعود إلى مينسك";
    super::retype_parts_of_people(text, &mut names);
    assert_eq!(names[1].kind, Kind::Person);
    assert_eq!(&text[names[1].start..names[1].end], "تسيخانوسكايا");
}

#[test]
fn model_misreadings_the_gazetteer_can_tell() {
    use super::misread;
    // A count with its noun, and a place cut by a PDF line break with the word after it.
    assert!(misread("9 个会员国派部长级", Kind::Organization));
    assert!(misread("白俄罗\n\n斯境内", Kind::Organization));
    assert!(misread("白俄\n\n罗斯", Kind::Person));
    // An Arabic adjective of origin from a country (Belarusian, Syrian, Iraqi); a family name
    // made from a city stays a person (al-Baghdadi).
    assert!(misread("البيلاروسي", Kind::Organization));
    assert!(misread("السورية", Kind::Organization));
    assert!(misread("العراقي", Kind::Place));
    assert!(!misread("البغدادي", Kind::Person));
    assert!(!misread("卢卡申科", Kind::Person));
    // A word for a kind of body names none in particular.
    assert!(misread("理事会", Kind::Organization));
    assert!(!misread("人权理事会", Kind::Organization));
    assert!(!misread("阿斯纳人权中心", Kind::Organization));
    // Names: two Arabic words, a Chinese name across a line break, a name that holds digits.
    assert!(!misread("أورماس رينسلو", Kind::Person));
    assert!(!misread("斯特凡\n诺维奇", Kind::Person));
    assert!(!misread("سياكوفيتش", Kind::Person));
    assert!(misread("250万美", Kind::Person));
    // Han abstract nouns (seriousness, unemployment rate, nationalism) are no people, though
    // 严 is a surname; names that merely hold such a character are.
    assert!(misread("严重性", Kind::Person));
    assert!(misread("失业率", Kind::Person));
    assert!(misread("民族主义", Kind::Person));
    assert!(!misread("王毅", Kind::Person));
    assert!(!misread("严家性", Kind::Organization));
    assert!(!misread("性·马丁", Kind::Person));
}

#[test]
fn first_words_before_said_elided_articles_and_relief_bodies() {
    // A sentence's first word before a speech verb is no name unless the document names it
    // elsewhere; a surname after the full name stays that person.
    assert_mentions(
        "The strongest was of magnitude 4.6. Seismologists warned of more. Officials said \
         Julián Arce would visit. Arce said the port was closed.",
        "en",
        &[
            ("Julián Arce", Kind::Person, "name:"),
            ("Arce", Kind::Person, "name:"),
        ],
    );
    assert_mentions(
        "The Marenzan Red Cross said it had sent tents.",
        "en",
        &[("Marenzan Red Cross", Kind::Organization, "name:")],
    );
    assert_mentions(
        "Según el último balance de Protección Civil, hay 14 muertos.",
        "es",
        &[("Protección Civil", Kind::Organization, "name:")],
    );
    assert_mentions(
        "L'opposant Tomas Reyne a salué le vote.",
        "fr",
        &[("Tomas Reyne", Kind::Person, "name:")],
    );
}

#[test]
fn chinese_foreign_names_before_a_title_but_not_a_country() {
    let people = |text: &str| -> Vec<String> {
        mentions(text, "zh")
            .into_iter()
            .filter(|f| f.kind() == Kind::Person)
            .map(|f| f.text)
            .collect()
    };
    assert_eq!(
        people("瓦尔多里亚常驻日内瓦代表莫尔科夫大使发言。"),
        ["莫尔科夫"]
    );
    assert_eq!(
        people("俄罗斯总统与白俄罗斯总统会晤。"),
        Vec::<String>::new()
    );
}

#[test]
fn a_word_written_after_a_preposition_of_place_is_a_place_throughout() {
    assert_mentions(
        "The rapporteur on human rights in Valdoria, told delegates the vote mattered. \
         Valdoria said it would not comply.",
        "en",
        &[
            ("Valdoria", Kind::Place, "name:"),
            ("Valdoria", Kind::Place, "name:"),
        ],
    );
    // No person in a country the gazetteer lacks, however its name is declined.
    let ru = mentions(
        "Протест заявил представитель Вальдории Лена Морков. Выборы в Вальдории прошли в марте.",
        "ru",
    );
    let people: Vec<&str> = ru
        .iter()
        .filter(|f| f.kind() == Kind::Person)
        .map(|f| f.text.as_str())
        .collect();
    assert_eq!(people, ["Лена Морков"]);
}

#[test]
fn a_thai_title_before_a_body_names_no_one() {
    let people: Vec<String> = mentions("ผู้นำฝ่ายค้านกล่าวว่านายสมชาย ใจดี ถูกจับกุม", "th")
        .into_iter()
        .filter(|f| f.kind() == Kind::Person)
        .map(|f| f.text)
        .collect();
    assert_eq!(people, ["สมชาย ใจดี"]);
}

#[test]
fn turkish_suffixes_titles_and_bodies_and_pronouns_before_said() {
    assert_mentions(
        "Ancak Süleymanpaşa Belediyesi’nin açıklamasına göre BM Genel Sekreteri Antonio Guterres \
         geldi.",
        "tr",
        &[
            ("Süleymanpaşa Belediyesi", Kind::Organization, "name:"),
            ("BM", Kind::Organization, "org:un"),
            ("Antonio Guterres", Kind::Person, "name:"),
        ],
    );
    assert_mentions(
        "Papa Francisco dijo que rezaba por las víctimas.",
        "es",
        &[("Francisco", Kind::Person, "name:")],
    );
    assert_mentions("Er sagte, die Lage sei ernst.", "de", &[]);
    // A date's month is no part of the name after it, nor the name a person.
    assert_mentions(
        "26 Mart Koronavirüs son durum nedir? Koronavirüs haritası araştırılıyor.",
        "tr",
        &[],
    );
}

#[test]
fn a_common_word_opening_a_sentence_is_no_part_of_a_name() {
    let people = |text: &str, lang: &str| -> Vec<String> {
        mentions(text, lang)
            .into_iter()
            .filter(|f| f.kind() == Kind::Person)
            .map(|f| f.text)
            .collect()
    };
    // "Власти" (the authorities) is written in lower case later in the report.
    assert!(
        people(
            "Власти Вальдории отвергли резолюцию. Решение приняли власти страны.",
            "ru"
        )
        .iter()
        .all(|p| !p.contains("Власти"))
    );
    // A title keeps its cue even when the report also writes it in lower case.
    assert_eq!(
        people(
            "President Julián Arce said the toll would rise. The president visited the port.",
            "en"
        ),
        ["Julián Arce"]
    );
}

#[test]
fn an_age_beside_a_lone_word_makes_it_a_person() {
    use Kind::Person;
    assert_mentions(
        "Kowalczyk, a 58-year-old former miner, led the strike for 26 days.",
        "en",
        &[("Kowalczyk", Person, "name:")],
    );
    assert_mentions(
        "Ortega, 71, was re-elected on Sunday.",
        "en",
        &[("Ortega", Person, "name:")],
    );
    assert_mentions(
        "Según la prensa, Ortega, de 71 años, gobierna desde 2007.",
        "es",
        &[("Ortega", Person, "name:")],
    );
    assert_mentions(
        "72-летний Назарбаев не ответил на письмо.",
        "ru",
        &[("Назарбаев", Person, "name:")],
    );
    assert_mentions(
        "Назарбаев, которому 72 года, покинул пост.",
        "ru",
        &[("Назарбаев", Person, "name:")],
    );
    // German capitalises every noun and "-jährige" also says how long a thing lasts: no cue.
    assert_mentions("Der 26-jährige Vertrag läuft aus.", "de", &[]);
    // A count of years that is not an age leaves the sentence's first word alone.
    assert_mentions("Reuters, 2020, reported the vote.", "en", &[]);
}

#[test]
fn places_that_start_with_their_head_are_places() {
    use Kind::Place;
    assert_mentions(
        "Shelling hit Tel Rifaat and the village of Kafr Nabl overnight.",
        "en",
        &[
            ("Tel Rifaat", Place, "name:"),
            ("Kafr Nabl", Place, "name:"),
        ],
    );
    assert_mentions(
        "Las lluvias aislaron San Ildefonso Ixtahuacán durante dos días.",
        "es",
        &[("San Ildefonso Ixtahuacán", Place, "name:")],
    );
}

#[test]
fn arabic_public_bodies_by_their_head() {
    use Kind::Organization;
    assert_mentions(
        "وأعلنت وزارة الصحة الفلسطينية، اليوم، أن المفوضية العليا المستقلة للانتخابات أجلت الاقتراع.",
        "ar",
        &[
            ("وزارة الصحة الفلسطينية", Organization, "name:"),
            ("المفوضية العليا المستقلة للانتخابات", Organization, "name:"),
        ],
    );
    // A head alone, or followed by a word without the article, names no particular body.
    assert_mentions("وقالت الوزارة إن لجنة تحقيق ستشكل.", "ar", &[]);
}

#[test]
fn japanese_foreign_names_in_katakana() {
    // A paragraph places "ポルト・カルボ"; the next paragraph's bare mention is that place too.
    let text = "ポルト・カルボ付近で地震があった。\n\nポルト・カルボのロサ・デルモンテ町長は、アルセ大統領と\
                シリアを訪れた。テントが足りない。";
    assert_mentions(
        text,
        "ja",
        &[
            ("ポルト・カルボ", Kind::Place, "name:"),
            ("ポルト・カルボ", Kind::Place, "name:"),
            ("ロサ・デルモンテ", Kind::Person, "name:"),
            ("アルセ", Kind::Person, "name:"),
            ("シリア", Kind::Place, "country:SY"),
        ],
    );
}
