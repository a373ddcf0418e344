//! Real short paragraphs in many languages and scripts, written for these tests, plus the seeds
//! and a no-panic property.

use super::*;

/// Each row: the language a paragraph must be detected as, and the paragraph.
macro_rules! test_detect {
    ($name:ident, $($lang:literal => $text:literal),+ $(,)?) => {
        #[test]
        fn $name() {
            let mut wrong = Vec::new();
            $(
                let got = detect($text).map(|d| d.lang);
                if got != Some($lang) {
                    wrong.push(format!("{} → {:?}: {}", $lang, got, $text));
                }
                assert!(supported().contains(&$lang), "{} is not claimed", $lang);
            )+
            assert!(wrong.is_empty(), "wrong detections:\n{}", wrong.join("\n"));
        }
    };
}

test_detect!(latin_script_paragraphs,
    "en" => "The ministry said the talks would resume next week after both delegations had consulted their capitals.",
    "fr" => "Le gouvernement a annoncé lundi un couvre-feu dans trois provinces après des manifestations violentes.",
    "de" => "Die Polizei nahm am Sonntag mehr als zweihundert Demonstranten in der Hauptstadt fest.",
    "es" => "Las autoridades confirmaron que el número de desplazados supera ya los diez mil en la región.",
    "pt" => "O presidente afirmou que não vai renunciar e convocou os seus apoiantes para uma manifestação.",
    "it" => "Secondo il rapporto, le condizioni nelle carceri sono peggiorate durante l'ultimo anno.",
    "nl" => "De regering heeft besloten de grenzen voorlopig gesloten te houden voor reizigers uit het buitenland.",
    "sv" => "Regeringen meddelade på tisdagen att stödet till de drabbade kommunerna ska fördubblas.",
    "da" => "Politiet oplyser, at flere hundrede mennesker var samlet foran parlamentet i aftes.",
    "pl" => "Według organizacji praw człowieka w areszcie nadal przebywa kilkudziesięciu dziennikarzy.",
    "cs" => "Vláda schválila nový zákon, který omezuje svobodu shromažďování na veřejných místech.",
    "tr" => "Bakanlık, sel felaketinde hayatını kaybedenlerin sayısının on ikiye yükseldiğini açıkladı.",
    "vi" => "Chính phủ cho biết sẽ hỗ trợ người dân bị ảnh hưởng bởi lũ lụt ở các tỉnh miền Trung.",
    "ro" => "Guvernul a anunțat că alegerile locale vor fi amânate din cauza situației sanitare.",
    "hu" => "A kormány szerint a választásokat a járványhelyzet miatt későbbre kell halasztani.",
    "fi" => "Hallitus ilmoitti tiistaina, että rajat pidetään suljettuina ainakin kuun loppuun asti.",
    "sw" => "Serikali imesema kwamba watu wote walioathirika na mafuriko watapewa msaada wa chakula.",
    "ca" => "El govern ha anunciat que les escoles tornaran a obrir les portes la setmana que ve.",
);

test_detect!(other_script_paragraphs,
    "ru" => "Министерство иностранных дел заявило, что переговоры продолжатся на следующей неделе.",
    "uk" => "Міністерство повідомило, що кількість постраждалих від повені зросла до двадцяти осіб.",
    "bg" => "Правителството обяви, че училищата ще останат затворени до края на месеца.",
    "ar" => "أعلنت وزارة الصحة عن تسجيل حالات جديدة في العاصمة خلال الساعات الأربع والعشرين الماضية.",
    "fa" => "وزارت امور خارجه اعلام کرد که گفتگوها هفته آینده در ژنو ادامه خواهد یافت.",
    "ur" => "حکومت نے اعلان کیا ہے کہ متاثرہ علاقوں میں امدادی کارروائیاں جاری رہیں گی۔",
    "mr" => "सरकारने जाहीर केले आहे की पूरग्रस्त भागात मदतकार्य सुरू राहील.",
    "hi" => "सरकार ने घोषणा की है कि बाढ़ प्रभावित क्षेत्रों में राहत कार्य जारी रहेगा।",
    "th" => "กระทรวงสาธารณสุขรายงานว่าจำนวนผู้ป่วยรายใหม่ลดลงเป็นสัปดาห์ที่สามติดต่อกัน",
    "zh" => "外交部发言人表示，双方将在下周继续就有关问题进行磋商。",
    "ja" => "政府は来週から入国制限を段階的に緩和すると発表した。",
    "ko" => "정부는 다음 주부터 입국 제한을 단계적으로 완화한다고 밝혔다.",
    "el" => "Η κυβέρνηση ανακοίνωσε ότι τα σχολεία θα παραμείνουν κλειστά μέχρι το τέλος του μήνα.",
    "he" => "משרד הבריאות הודיע כי מספר החולים החדשים ירד בשבוע האחרון.",
    "ka" => "მთავრობამ განაცხადა, რომ სკოლები თვის ბოლომდე დახურული იქნება.",
    "hy" => "Կառավարությունը հայտարարել է, որ դպրոցները փակ կմնան մինչև ամսվա վերջ։",
    "bn" => "সরকার জানিয়েছে যে বন্যা কবলিত এলাকায় ত্রাণ কার্যক্রম অব্যাহত থাকবে।",
    "ta" => "வெள்ளம் பாதித்த பகுதிகளில் நிவாரணப் பணிகள் தொடரும் என்று அரசு அறிவித்துள்ளது.",
    "ps" => "حکومت اعلان وکړ چې ښوونځي به د میاشتې تر پایه تړلي وي.",
    "yi" => "די רעגירונג האָט געזאָגט אַז די שולן װעלן בלײַבן פֿאַרמאַכט ביז סוף חודש.",
    "am" => "መንግሥት ትምህርት ቤቶች እስከ ወሩ መጨረሻ ድረስ ዝግ ሆነው እንደሚቆዩ አስታውቋል።",
);

// Reports mix scripts: a paragraph mostly in one script is in that script's language.
test_detect!(mixed_script_paragraphs,
    "th" => "กระทรวงมหาดไทย (MoI) ร่วมกับ UNDP ขับเคลื่อนเป้าหมาย SDG ในระดับพื้นที่ตามข้อเสนอของ UN",
    "th" => "ที่ UN เรายังได้รับการร้องเรียนโดยตรงจากเหยื่อ",
    "ar" => "قال المتحدث باسم Human Rights Watch إن السلطات اعتقلت أكثر من مئة شخص منذ الاثنين.",
    "ar" => "نشرت منظمة العفو الدولية تقريرها عبر موقع www.amnesty.org يوم الخميس.",
    "ar" => "مترو الأنفاق في القاهرة اليوم pic.twitter.com/68UbtCtkZR — (@bkyousef_56) #COVID19",
    "zh" => "2020年9月14日，联合国安理会就白俄罗斯人权问题举行了第8765次会议。",
    "zh" => "截至10月3日，全国累计报告确诊病例90,604例。",
    "ja" => "国連（UN）の報告書によると、2020年の避難民は8,240万人に達した。",
    "ru" => "Представитель ООН (UNHCR) сообщил, что более 3 000 человек покинули регион.",
    "en" => "The agreement was signed in Minsk by the two ministers on 14 September 2020.",
);

#[test]
fn decomposed_letters_are_composed_first() {
    use unicode_normalization::UnicodeNormalization;
    for (lang, text) in [
        (
            "vi",
            "Chính phủ cho biết sẽ hỗ trợ người dân bị ảnh hưởng bởi lũ lụt ở miền Trung.",
        ),
        (
            "fr",
            "Les élèves ont été évacués à cause de l'inondation près de l'école.",
        ),
    ] {
        let nfd: String = text.nfd().collect();
        assert_ne!(nfd, text);
        assert_eq!(detect(&nfd).map(|d| d.lang), Some(lang), "{nfd}");
        assert_eq!(detect(&nfd), detect(text), "same evidence, same answer");
    }
}

/// Nepali is answered but not claimed: its word list was completed after seeing the
/// evaluation's errors, so its score there is not an honest measure.
#[test]
fn nepali_is_told_from_hindi_and_marathi() {
    for text in [
        "सरकारले बाढी प्रभावित क्षेत्रहरूमा राहत कार्य जारी रहने जनाएको छ।",
        "प्रहरीले आइतबार राजधानीमा दुई सय भन्दा बढी प्रदर्शनकारीलाई पक्राउ गरेको छ।",
        "निर्वाचन आयोगले अहिलेसम्म कुनै पनि नतिजा सार्वजनिक गरेको छैन।",
    ] {
        assert_eq!(detect(text).map(|d| d.lang), Some("ne"), "{text}");
    }
    assert!(!supported().contains(&"ne"));
}

#[test]
fn no_language_in_numbers_and_symbols() {
    for text in [
        "",
        "   ",
        "2020-09-14",
        "12:30 — 14:45",
        "!!! ???",
        "© 2020",
        "๑๒๓",
        "١٢٣٤",
    ] {
        assert_eq!(detect(text), None, "{text:?}");
    }
}

#[test]
fn confidence_is_a_probability() {
    let d = detect("Die Regierung hat die Grenzen wieder geöffnet.").unwrap();
    assert_eq!(d.lang, "de");
    assert!(d.confidence > 0.5 && d.confidence <= 1.0, "{d:?}");
    let thai = detect("ประเทศไทย UN").unwrap();
    assert_eq!(thai.lang, "th");
    assert!(
        thai.confidence < 1.0,
        "Latin letters lower the share: {thai:?}"
    );
}

#[test]
fn a_short_paragraph_leans_on_its_document() {
    // "Contacto" alone is Spanish, Portuguese, Italian... the document decides.
    let text = "Contacto: prensa";
    assert_eq!(
        detect_with_hint(text, Some("pt")).map(|d| d.lang),
        Some("pt")
    );
    assert_eq!(
        detect_with_hint(text, Some("es")).map(|d| d.lang),
        Some("es")
    );
    // A long paragraph decides for itself.
    let long =
        "The ministry said the talks would resume next week after both delegations had consulted.";
    assert_eq!(
        detect_with_hint(long, Some("de")).map(|d| d.lang),
        Some("en")
    );
    // A hint in another script changes nothing.
    assert_eq!(
        detect_with_hint("กระทรวงสาธารณสุขรายงาน", Some("en")).map(|d| d.lang),
        Some("th")
    );
}

#[test]
fn at_least_sixty_languages_are_claimed_and_all_can_be_answered() {
    let answerable = answerable();
    assert!(supported().len() >= 60, "{}", supported().len());
    for lang in supported() {
        assert!(
            answerable.contains(lang),
            "{lang} is claimed but never answered"
        );
        assert_eq!(lang.len(), 2, "{lang} is not ISO 639-1");
    }
}

#[test]
fn every_modelled_language_is_in_the_model() {
    let model = ngram::MODEL.as_ref().expect("the n-gram model loads");
    for (script, langs) in SHARED_SCRIPTS {
        for lang in langs {
            assert!(model.knows(script, lang), "{lang} missing from the model");
        }
    }
}

/// The seeds: two Arabic reports, one Thai (with "UN" in it), one Chinese PDF extraction with
/// hard line breaks and digits, one English wire story. Each document, and each of its
/// paragraphs long enough to carry language, is in the seed's language.
#[test]
fn seeds() {
    let Some(dir) = crate::test_support::shared("seeds") else {
        return;
    };
    let entries = std::fs::read_dir(dir).unwrap();
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let expected = ["ar", "ar", "th", "zh", "en"];
    assert_eq!(paths.len(), expected.len());
    for (path, lang) in paths.iter().zip(expected) {
        let text = std::fs::read_to_string(path).unwrap();
        assert_eq!(
            detect(&text).map(|d| d.lang),
            Some(lang),
            "{}",
            path.display()
        );
        for para in text
            .split("\n\n")
            .filter(|p| p.chars().filter(|c| c.is_alphabetic()).count() >= 20)
        {
            assert_eq!(
                detect_with_hint(para, Some(lang)).map(|d| d.lang),
                Some(lang),
                "{}: {para}",
                path.display()
            );
        }
    }
}

proptest::proptest! {
    #[test]
    fn never_panics_and_answers_a_known_language(text in "\\PC{0,200}", hint in "[a-z]{2}") {
        for d in [detect(&text), detect_with_hint(&text, Some(&hint))].into_iter().flatten() {
            proptest::prop_assert!(answerable().contains(&d.lang), "{}", d.lang);
            proptest::prop_assert!((0.0..=1.0).contains(&d.confidence), "{}", d.confidence);
        }
    }

    #[test]
    fn never_panics_on_mixed_scripts(text in "[a-zA-Zа-яا-يก-๛一-龥ぁ-んअ-ह0-9 .,'’-]{0,120}") {
        if let Some(d) = detect(&text) {
            proptest::prop_assert!(answerable().contains(&d.lang), "{}", d.lang);
        }
    }
}

#[test]
fn a_language_the_model_does_not_know_gets_a_low_confidence() {
    // Quechua: Latin script, but none of the modelled languages.
    let quechua = "Kamachiykunaqa nirqanmi yachay wasikunata wichq'anqaku killa tukukuykama.";
    let d = detect(quechua).unwrap();
    assert!(d.confidence < 0.5, "{d:?}");
    let swahili = "Serikali imesema kwamba watu wote walioathirika na mafuriko watapewa msaada.";
    let d = detect(swahili).unwrap();
    assert!(d.lang == "sw" && d.confidence > 0.9, "{d:?}");
}

#[test]
fn a_long_document_is_judged_on_its_head() {
    // One ASCII byte first so that the cut falls inside a three-byte Thai character.
    let thai = "กระทรวงสาธารณสุขรายงานว่าจำนวนผู้ป่วยรายใหม่ลดลง ".repeat(40);
    let text = format!(
        "1{thai}{}",
        "The ministry said the talks would resume. ".repeat(2000)
    );
    assert_eq!(detect(&text).map(|d| d.lang), Some("th"));
}

// Bug: news reports open with names spelt in another language ("Jakarta", "Lopez Obrador",
// "Massachusetts General Hospital"), and two or three of them used to put the report's own
// language 25 nats behind and out of the race before its first sentence was read: English
// came out as Tagalog or German, Turkish as Albanian or Italian, Spanish as Latin.
test_detect!(names_in_another_language_do_not_decide_a_news_paragraph,
    "en" => "Indonesia: Surabaya and Sidoarjo hit by mudslides. At least twelve people were killed when a hillside collapsed onto a village after days of heavy rain.",
    "en" => "Guadalajara, Jalisco: Governor Enrique Alfaro said on Tuesday that the water supply would be restored to most neighbourhoods by the end of the week.",
    "en" => "Mönchengladbach und Düsseldorf: the regional rail operator said that trains between the two cities would run again from Monday morning.",
    "es" => "En marzo de 2019 Zhang Wei (Harvard Medical School and Massachusetts General Hospital) anunció que su equipo había logrado corregir una mutación en embriones humanos.",
    "tr" => "Rio de Janeiro/İHA\n\nBrezilya Devlet Başkanı Jair Bolsonaro, Amazon ormanlarındaki yangınlarla ilgili eleştirilere yanıt verdi.",
    "tr" => "Washington/İHA\n\nABD'nin Washington Post gazetesine konuşan İtalyan bilim insanı Giuseppe Della Rocca, buzulların eridiğini söyledi.",
    "tr" => "Mexico City/İHA\n\nMeksika Devlet Başkanı Andres Manuel Lopez Obrador, başkanlık uçağının satışı için çekiliş düzenleneceğini doğruladı.",
);

/// Same bug, seen on whole documents: a Turkish report that opens on a foreign dateline was
/// Esperanto at every length, however much Turkish followed.
#[test]
fn a_report_opening_on_foreign_names_keeps_its_language_at_every_length() {
    let report = "Mexico City/İHA\n\nMeksika Devlet Başkanı Andres Manuel Lopez Obrador, başkanlık \
        uçağının satışı için çekiliş düzenleneceğini doğruladı. Boeing 787 tipi uçağın bakım \
        masraflarının devlete yük olduğunu söyleyen Lopez Obrador, çekilişten elde edilecek \
        gelirin hastanelere aktarılacağını belirtti. İstanbul'daki Meksika Başkonsolosluğu da \
        konuya ilişkin bir açıklama yaptı.";
    for end in (120..report.len()).step_by(40) {
        let end = (end..=report.len())
            .find(|&i| report.is_char_boundary(i))
            .unwrap_or(report.len());
        let head = &report[..end];
        assert_eq!(detect(head).map(|d| d.lang), Some("tr"), "{head}");
    }
}
