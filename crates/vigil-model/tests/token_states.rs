//! Token states on the real model: spans that point back into the text, states that agree
//! with the f32 reference encoder and with the text's tokenisation after the `passage: `
//! prefix, and long texts cut into overlapping windows.

mod common;

use std::sync::LazyLock;

use vigil_model::{E5, Kind, TokenStates};

static MODEL: LazyLock<Option<E5>> =
    LazyLock::new(|| common::model_path().map(|p| E5::load(&p).expect("the fetched model loads")));

/// Texts of our own in several scripts, with the spacing and marks that trip offset tracking:
/// doubled and odd spaces, a ligature the normaliser expands, full-width letters, diacritics,
/// a zero-width joiner.
const TEXTS: &[(&str, &str)] = &[
    (
        "en",
        "  The ﬁnance minister, Ｊohn  Smith, met officials in Porto Alegre on Tuesday.",
    ),
    (
        "ar",
        "قال وزير الخارجية المصري سامح شكري\u{a0}إن القاهرة تَرحّب بالمبادرة، وذلك خلال زيارته لبغداد.",
    ),
    (
        "zh",
        "外交部长王毅３日在北京会见了来访的联合国秘书长古特雷斯。 双方就中东局势交换了意见",
    ),
    (
        "th",
        "นายกรัฐมนตรีประยุทธ์ จันทร์โอชา เดินทางไปเยือนกรุงโตเกียว\u{200b}เมื่อวันจันทร์",
    ),
];

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
    let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (na * nb)
}

/// Spans in order, on character boundaries, inside the text, and covering every character
/// the tokenizer keeps (all but whitespace and the zero-width marks it deletes).
fn check_spans(lang: &str, text: &str, states: &TokenStates) {
    assert_eq!(states.values.len(), states.len() * states.dim);
    let mut last = 0;
    let mut covered = vec![false; text.len()];
    for &(start, end) in &states.spans {
        assert!(start <= end && end <= text.len(), "{lang}: {start}..{end}");
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        assert!(
            start >= last || end <= last,
            "{lang}: spans out of order at {start}"
        );
        last = last.max(end);
        covered[start..end].iter_mut().for_each(|c| *c = true);
    }
    for (at, c) in text.char_indices() {
        let dropped = c.is_whitespace() || matches!(c, '\u{200b}' | '\u{200d}' | '\u{feff}');
        if !dropped {
            assert!(covered[at], "{lang}: {c:?} at {at} is in no token");
        }
    }
}

#[test]
fn spans_point_back_into_the_text() {
    let Some(model) = MODEL.as_ref() else { return };
    for (lang, text) in TEXTS {
        let states = model.token_states(text);
        assert!(states.len() > 5, "{lang}");
        assert_eq!(states.dim, vigil_model::DIM);
        check_spans(lang, text, &states);
        // The spans spell the words: "Smith" is one or more tokens covering exactly it.
        if *lang == "en" {
            let at = text.find("Smith").unwrap();
            let pieces: String = states
                .spans
                .iter()
                .filter(|s| s.0 >= at && s.1 <= at + 5)
                .map(|s| &text[s.0..s.1])
                .collect();
            assert_eq!(pieces, "Smith");
        }
    }
    assert!(model.token_states("").is_empty());
    assert!(model.token_states(" \n ").spans.iter().all(|s| s.0 == s.1));
}

#[test]
fn tokens_are_those_of_the_prefixed_passage() {
    let Some(model) = MODEL.as_ref() else { return };
    let tok = model.tokenizer();
    for (lang, text) in TEXTS {
        let with_prefix = model.token_ids(&format!("{}{text}", Kind::Passage.prefix()));
        let alone: Vec<u32> = tok
            .encode_with_spans(text)
            .into_iter()
            .map(|t| t.0)
            .collect();
        assert_eq!(
            &with_prefix[with_prefix.len() - alone.len()..],
            alone,
            "{lang}"
        );
    }
}

#[test]
fn states_match_the_reference_encoder() {
    let Some(model) = MODEL.as_ref() else { return };
    let mut worst = 1.0f32;
    for (lang, text) in TEXTS {
        for layer in [6, model.layers()] {
            let fast = &model.token_states_at(&[text], layer)[0];
            let reference = model.token_states_reference(text, layer).unwrap();
            assert_eq!(fast.spans, reference.spans);
            assert_eq!((fast.layer, reference.layer), (layer, layer));
            for i in 0..fast.len() {
                let cos = cosine(fast.state(i), reference.state(i));
                worst = worst.min(cos);
                assert!(cos >= 0.999, "{lang} layer {layer} token {i}: cosine {cos}");
            }
        }
        // The middle layer is not the final one.
        let mid = &model.token_states_at(&[text], 6)[0];
        let last = model.token_states(text);
        assert_eq!(last.layer, 12);
        assert!(cosine(mid.state(1), last.state(1)) < 0.99, "{lang}");
    }
    eprintln!("token states: min cosine to the reference {worst}");
}

#[test]
fn long_texts_use_overlapping_windows() {
    let Some(model) = MODEL.as_ref() else { return };
    // About 1,400 tokens: three windows.
    let text = TEXTS
        .iter()
        .map(|t| t.1)
        .collect::<Vec<_>>()
        .join(" ")
        .repeat(16);
    let states = model.token_states(&text);
    assert!(
        states.len() > 2 * vigil_model::e5::WINDOW,
        "{}",
        states.len()
    );
    check_spans("mixed", &text, &states);
    // Batched and single calls agree.
    let many = model.token_states_at(&[&text, TEXTS[0].1], model.layers());
    assert_eq!(many[0].spans, states.spans);
    for i in (0..states.len()).step_by(97) {
        assert!(
            cosine(many[0].state(i), states.state(i)) > 0.999,
            "token {i}"
        );
    }
    let short = model.token_states(TEXTS[0].1);
    for i in 0..short.len() {
        assert!(cosine(many[1].state(i), short.state(i)) > 0.999);
    }
    // Each state is a real encoder output, not a leftover zero row.
    for i in 0..states.len() {
        let norm: f32 = states.state(i).iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!(norm > 1.0, "token {i}: norm {norm}");
    }
}
