//! Tokenizer properties on the real vocabulary: pieces always spell the normalised text back,
//! whatever the input.

mod common;

use std::sync::LazyLock;

use vigil_model::format::ModelFile;
use vigil_model::tokenizer::Tokenizer;

static TOKENIZER: LazyLock<Option<Tokenizer>> = LazyLock::new(|| {
    let path = common::model_path()?;
    let file = ModelFile::open(&path).expect("model opens");
    Some(Tokenizer::from_file(&file).expect("tokenizer builds"))
});

/// Characters from many scripts, spaces of several kinds, controls and rare code points.
const ALPHABET: &[&str] = &[
    "a", "Z", "é", "ß", "ı", "İ", " ", "  ", "\t", "\n", "\u{a0}", "\u{3000}", "д", "Ж", "ع", "ة",
    "\u{64b}", "中", "国", "台", "風", "ก", "\u{e49}", "ำ", "한", "글", "ह", "\u{94d}", "α", "Ω",
    "ש", "ა", "7", "٣", "①", "ﬁ", "Ａ", "🦩", "👍🏽", "𠀋", "\u{200b}", "\u{feff}", "\0", "<s>",
    "</s>", "▁", ".", "…", "—", "\u{301}",
];

fn random_texts(count: usize) -> Vec<String> {
    let mut state = 0x2545_f491_4f6c_dd1du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let len = (next() % 40) as usize;
            (0..len)
                .map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize])
                .collect()
        })
        .collect()
}

#[test]
fn pieces_spell_the_normalised_text() {
    let Some(tok) = TOKENIZER.as_ref() else {
        return;
    };
    for text in random_texts(2000) {
        let normalised = tok.normalize(&text);
        let ids = tok.encode(&text);
        if ids.contains(&tok.unk) {
            // An unknown character is dropped into `<unk>`; the rest must still be covered.
            assert!(ids.len() <= normalised.chars().count(), "{text:?}");
            continue;
        }
        let spelled: String = ids.iter().map(|&id| tok.piece(id).unwrap()).collect();
        assert_eq!(spelled, normalised, "{text:?} → {ids:?}");
    }
}

#[test]
fn normalisation_handles_spaces_as_the_format_doc_says() {
    let Some(tok) = TOKENIZER.as_ref() else {
        return;
    };
    assert_eq!(
        tok.normalize("passage:  two\t\tspaces"),
        "▁passage:▁two▁spaces"
    );
    assert_eq!(tok.normalize(" leading"), "▁leading");
    assert_eq!(tok.normalize("ＡＢＣ ﬁ"), "▁ABC▁fi");
}
