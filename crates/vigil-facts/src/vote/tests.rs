use proptest::prelude::*;

use super::*;

/// `(passage, for, against, abstain, body)` of every vote fact in `text`, after checking each
/// fact's text is its range of the document and the passage is where the text says it.
/// A tally found: passage, for, against, abstain, body.
type Tally = (String, u32, u32, Option<u32>, Option<String>);

fn votes_in(text: &str) -> Vec<Tally> {
    let mut out = Vec::new();
    VoteExtractor.extract(&Document::plain(text), &mut out);
    out.into_iter()
        .map(|f| {
            assert_eq!(f.text, text[f.start..f.end], "{text}");
            assert_eq!(text.find(f.text.as_str()), Some(f.start), "{text}");
            let Detail::Vote(v) = f.detail else {
                panic!("not a vote: {f:?}")
            };
            (
                f.text,
                v.in_favour.unwrap_or_default(),
                v.against.unwrap_or_default(),
                v.abstain,
                v.body,
            )
        })
        .collect()
}

/// A row: text, the tally's passage, for, against, abstain, body.
type Row = (
    &'static str,
    &'static str,
    u32,
    u32,
    Option<u32>,
    Option<&'static str>,
);

fn check(rows: &[Row]) {
    for &(text, passage, f, a, x, body) in rows {
        assert_eq!(
            votes_in(text),
            vec![(passage.to_string(), f, a, x, body.map(str::to_string))],
            "{text}"
        );
    }
}

#[test]
fn english() {
    check(&[
        (
            "The Human Rights Council adopted the text by 25 votes to 3, with 19 abstentions.",
            "25 votes to 3, with 19 abstentions",
            25,
            3,
            Some(19),
            Some("Human Rights Council"),
        ),
        (
            "The General Assembly approved it with 120 in favour, 14 against and 30 abstentions.",
            "120 in favour, 14 against and 30 abstentions",
            120,
            14,
            Some(30),
            Some("General Assembly"),
        ),
        (
            "It passed in a recorded vote of 31-5-11 in the Council.",
            "recorded vote of 31-5-11",
            31,
            5,
            Some(11),
            None,
        ),
        (
            "The committee backed the motion by a vote of thirteen to two.",
            "vote of thirteen to two",
            13,
            2,
            None,
            Some("committee"),
        ),
    ]);
}

#[test]
fn arabic() {
    check(&[
        (
            "واعتمد مجلس حقوق الإنسان القرار بأغلبية 25 صوتا مقابل 3 وامتناع 19 عن التصويت.",
            "25 صوتا مقابل 3 وامتناع 19 عن التصويت",
            25,
            3,
            Some(19),
            Some("مجلس حقوق الإنسان"),
        ),
        (
            "وأقر البرلمان التعديل بأغلبية ٤٠ صوتا ومعارضة عضوين",
            "٤٠ صوتا ومعارضة عضوين",
            40,
            2,
            None,
            Some("البرلمان"),
        ),
        (
            "وصوتت 30 دولة لصالح القرار وعارضته 5 دول وامتنعت 12 دولة عن التصويت",
            "30 دولة لصالح القرار وعارضته 5 دول وامتنعت 12 دولة عن التصويت",
            30,
            5,
            Some(12),
            None,
        ),
    ]);
}

#[test]
fn chinese() {
    check(&[
        (
            "人权理事会以25票赞成、3票反对、19票弃权通过了决议。",
            "25票赞成、3票反对、19票弃权",
            25,
            3,
            Some(19),
            Some("人权理事会"),
        ),
        (
            "大会以一百二十票对十四票、三十票弃权通过该决议。",
            "一百二十票对十四票、三十票弃权",
            120,
            14,
            Some(30),
            Some("大会"),
        ),
    ]);
}

#[test]
fn russian() {
    check(&[(
        "Совет по правам человека принял резолюцию 25 голосами против 3 при 19 воздержавшихся.",
        "25 голосами против 3 при 19 воздержавшихся",
        25,
        3,
        Some(19),
        Some("Совет по правам человека"),
    )]);
}

#[test]
fn russian_quoted_for_and_against() {
    let tallies =
        votes_in("Депутаты поддержали закон 301 голосами «за» при 12 «против» и 7 воздержавшихся.");
    assert_eq!(
        tallies,
        [(
            "301 голосами «за» при 12 «против» и 7 воздержавшихся".to_string(),
            301,
            12,
            Some(7),
            tallies[0].4.clone()
        )]
    );
}

#[test]
fn german() {
    for (sentence, passage, tally) in [
        (
            "Der Bundestag nahm das Gesetz mit 380 Ja-Stimmen bei 190 Gegenstimmen und 12 Enthaltungen an.",
            "380 Ja-Stimmen bei 190 Gegenstimmen und 12 Enthaltungen",
            (380, 190, Some(12)),
        ),
        (
            "Der Rat billigte die Erklärung mit 31 zu 9 Stimmen bei 7 Enthaltungen.",
            "31 zu 9 Stimmen bei 7 Enthaltungen",
            (31, 9, Some(7)),
        ),
    ] {
        let tallies = votes_in(sentence);
        assert_eq!(tallies.len(), 1, "{sentence}: {tallies:?}");
        let (text, f, a, x, _) = &tallies[0];
        assert_eq!((text.as_str(), (*f, *a, *x)), (passage, tally));
    }
}

#[test]
fn french() {
    check(&[
        (
            "Le Conseil des droits de l'homme a adopté le texte par 25 voix contre 3, avec 19 abstentions.",
            "25 voix contre 3, avec 19 abstentions",
            25,
            3,
            Some(19),
            Some("Conseil des droits de l'homme"),
        ),
        (
            "Le parlement a voté le texte avec 300 voix pour, 120 contre et 40 abstentions.",
            "300 voix pour, 120 contre et 40 abstentions",
            300,
            120,
            Some(40),
            Some("parlement"),
        ),
    ]);
}

#[test]
fn spanish() {
    check(&[(
        "El Consejo de Derechos Humanos la aprobó por 25 votos a favor, 3 en contra y 19 abstenciones.",
        "25 votos a favor, 3 en contra y 19 abstenciones",
        25,
        3,
        Some(19),
        Some("Consejo de Derechos Humanos"),
    )]);
}

#[test]
fn thai() {
    check(&[(
        "สภามีมติด้วยคะแนนเสียง 250 ต่อ 12 งดออกเสียง 8 เสียง",
        "คะแนนเสียง 250 ต่อ 12 งดออกเสียง 8 เสียง",
        250,
        12,
        Some(8),
        Some("สภา"),
    )]);
}

#[test]
fn more_phrasings() {
    check(&[
        (
            "The Assembly adopted it by 90 to 12, with 40 abstentions.",
            "90 to 12, with 40 abstentions",
            90,
            12,
            Some(40),
            Some("Assembly"),
        ),
        (
            "Итоги голосования: за — 250, против — 12, воздержались — 8.",
            "за — 250, против — 12, воздержались — 8",
            250,
            12,
            Some(8),
            None,
        ),
        (
            "表决结果：赞成票28票，反对票5票，弃权票14票。",
            "赞成票28票，反对票5票，弃权票14票",
            28,
            5,
            Some(14),
            None,
        ),
        (
            "وفي الجمعية العامة صوت لصالحه 120 عضوا وعارضه 14 وامتنع 30 عن التصويت",
            "صوت لصالحه 120 عضوا وعارضه 14 وامتنع 30 عن التصويت",
            120,
            14,
            Some(30),
            Some("الجمعية العامة"),
        ),
        (
            "ที่ประชุมสภามีมติเห็นด้วย 300 เสียง ไม่เห็นด้วย 150 เสียง งดออกเสียง 20 เสียง",
            "เห็นด้วย 300 เสียง ไม่เห็นด้วย 150 เสียง งดออกเสียง 20 เสียง",
            300,
            150,
            Some(20),
            Some("สภา"),
        ),
    ]);
}

#[test]
fn the_body_is_the_sentence_subject() {
    check(&[
        (
            "La Cámara de Representantes aprobó enviar los cargos al Senado por 230 votos a favor y 190 en contra.",
            "230 votos a favor y 190 en contra",
            230,
            190,
            None,
            Some("Cámara de Representantes"),
        ),
        (
            "The National Assembly passed the bill 301-95.\nIt goes to the Senate next.",
            "301-95",
            301,
            95,
            None,
            Some("National Assembly"),
        ),
    ]);
}

#[test]
fn dashed_tallies_after_a_vote() {
    check(&[
        (
            "The vote was close: 7-5 with one abstention.",
            "7-5 with one abstention",
            7,
            5,
            Some(1),
            None,
        ),
        (
            "The vote in the Senate was 51–49–0.",
            "51–49–0",
            51,
            49,
            Some(0),
            Some("Senate"),
        ),
    ]);
}

#[test]
fn not_tallies() {
    for text in [
        "Turnout was 80 % and 7,000 people were detained.",
        "The score was 3 to 2 in the second half.",
        "He won 80 % of the votes.",
        "Prices rose by 2 to 3 percent.",
        "Arsenal won by 3 to 2.",
        "The vote, held 9-11 August, was rigged.",
        "Parliament passed the 2019-2020 budget and the 2020-21 plan.",
        "Parliament approved a plan to cut spending by 2 to 3 percent.",
        "اعتقل 7000 شخص في مينسك",
    ] {
        assert_eq!(votes_in(text), vec![], "{text}");
    }
}

proptest! {
    #[test]
    fn any_text(text in "(\\PC|[0-9٠-٩ 票赞成反对弃权صوتا-])*") {
        let mut out = Vec::new();
        VoteExtractor.extract(&Document::plain(&text), &mut out);
        for f in out {
            prop_assert_eq!(&f.text, &text[f.start..f.end]);
        }
    }

    #[test]
    fn never_panics_and_text_is_its_range(
        before in "\\PC{0,30}",
        after in "\\PC{0,30}",
        tally in prop::sample::select(vec![
            "by 23 votes to 2, with 22 abstentions",
            "بأغلبية 23 صوتا مقابل 2 وامتناع 22 عن التصويت",
            "以23票赞成、2票反对、22票弃权",
            "23 голосами против 2 при 22 воздержавшихся",
            "par 23 voix contre 2",
            "23 votos a favor, 2 en contra",
            "vote of 23-2-22",
        ]),
    ) {
        let text = format!("{before}{tally}{after}");
        let mut out = Vec::new();
        VoteExtractor.extract(&Document::plain(&text), &mut out);
        for f in out {
            prop_assert_eq!(&f.text, &text[f.start..f.end]);
        }
    }
}
