//! Statistical named-entity recognition for names the gazetteer lacks: people, organisations
//! and places in running text, for the languages a model has been trained for (Arabic on
//! ANERcorp, Chinese on MSRA; see `examples/train_ner.rs`). Other languages find nothing.
//!
//! Each language cuts text into tokens (words for Arabic, characters for Chinese) and gives
//! each token hashed features (`arabic.rs`, `chinese.rs`); an averaged perceptron
//! (`perceptron.rs`) tags them B/I/O with Viterbi decoding; the models are committed under
//! `data/` and loaded once (`model.rs` holds their format).

mod arabic;
mod chinese;
pub mod eval;
mod features;
mod model;
mod perceptron;
pub mod training;

use std::ops::Range;
use std::sync::LazyLock;

pub use model::ModelInfo;

use crate::Kind;
use eval::{Score, Sentence, TokenSpan};
use features::Features;
use model::Model;

/// A name found in text: `start..end` are byte offsets into the text passed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NameSpan {
    pub start: usize,
    pub end: usize,
    /// `Person`, `Organization` or `Place`.
    pub kind: Kind,
}

/// The names in `text`, written in `lang` (ISO 639-1), in order and without overlaps.
pub fn find_names(text: &str, lang: Option<&str>) -> Vec<NameSpan> {
    let Some(recogniser) = lang.and_then(recogniser) else {
        return Vec::new();
    };
    recogniser
        .entities(text)
        .into_iter()
        .filter_map(|e| {
            let kind = match e.kind {
                "PERS" | "PER" => Kind::Person,
                "ORG" => Kind::Organization,
                "LOC" => Kind::Place,
                _ => return None,
            };
            Some(NameSpan {
                start: e.start,
                end: e.end,
                kind,
            })
        })
        .collect()
}

/// The committed model for `lang` (`ar`, `zh`; `ar-EG` is `ar`), loaded on first use.
pub fn recogniser(lang: &str) -> Option<&'static Recogniser> {
    let primary = lang.split(['-', '_']).next().unwrap_or(lang);
    match primary.to_ascii_lowercase().as_str() {
        "ar" => ARABIC.as_ref(),
        "zh" => CHINESE.as_ref(),
        _ => None,
    }
}

static ARABIC: LazyLock<Option<Recogniser>> =
    LazyLock::new(|| Recogniser::load(include_bytes!("../../data/ner-ar.bin.gz"), Lang::Arabic));
static CHINESE: LazyLock<Option<Recogniser>> =
    LazyLock::new(|| Recogniser::load(include_bytes!("../../data/ner-zh.bin.gz"), Lang::Chinese));

/// A language the recogniser has features for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    Arabic,
    Chinese,
}

impl Lang {
    pub(crate) fn parse(code: &str) -> Option<Lang> {
        match code {
            "ar" => Some(Lang::Arabic),
            "zh" => Some(Lang::Chinese),
            _ => None,
        }
    }

    fn code(self) -> &'static str {
        match self {
            Lang::Arabic => "ar",
            Lang::Chinese => "zh",
        }
    }

    /// How a labelled file's tokens join into text: Arabic words with spaces, Chinese
    /// characters with nothing.
    pub(crate) fn joiner(self) -> &'static str {
        match self {
            Lang::Arabic => " ",
            Lang::Chinese => "",
        }
    }

    pub(crate) fn feature_version(self) -> u16 {
        match self {
            Lang::Arabic => arabic::FEATURE_VERSION,
            Lang::Chinese => chinese::FEATURE_VERSION,
        }
    }

    pub(crate) fn tokenize(self, text: &str) -> Vec<Range<usize>> {
        match self {
            Lang::Arabic => arabic::tokenize(text),
            Lang::Chinese => chinese::tokenize(text),
        }
    }

    pub(crate) fn features(self, text: &str, tokens: &[Range<usize>]) -> Features {
        match self {
            Lang::Arabic => arabic::features(text, tokens),
            Lang::Chinese => chinese::features(text, tokens),
        }
    }
}

/// One entity the model found: `text[start..end]` and its type as the training data names it
/// (`PERS`, `LOC`, `ORG`, `MISC` for Arabic; `PER`, `LOC`, `ORG` for Chinese).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entity<'a> {
    pub start: usize,
    pub end: usize,
    pub kind: &'a str,
}

/// A trained model with its language's tokens and features.
pub struct Recogniser {
    lang: Lang,
    model: Model,
}

impl Recogniser {
    /// `None` when the bytes are no model for `lang`'s current features.
    fn load(bytes: &[u8], lang: Lang) -> Option<Recogniser> {
        let model = Model::from_bytes(bytes)?;
        let current =
            model.info.lang == lang.code() && model.info.feature_version == lang.feature_version();
        current.then_some(Recogniser { lang, model })
    }

    /// What the model file says about itself.
    pub fn info(&self) -> &ModelInfo {
        &self.model.info
    }

    /// How many features have weights.
    pub fn n_features(&self) -> usize {
        self.model.n_features()
    }

    /// The model file (gzipped).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.model.to_bytes()
    }

    /// Every entity in `text`, in order, none overlapping.
    pub fn entities(&self, text: &str) -> Vec<Entity<'_>> {
        let tokens = self.lang.tokenize(text);
        if tokens.is_empty() {
            return Vec::new();
        }
        let features = self.lang.features(text, &tokens);
        let tags = self.model.decode(&features);
        let mut out: Vec<Entity> = Vec::new();
        for (token, &tag) in tokens.iter().zip(&tags) {
            match self.model.tags.kind(tag) {
                Some((_, true)) => {
                    // Decoding allows I-X only after B-X or I-X: it extends the open entity.
                    if let Some(last) = out.last_mut() {
                        last.end = token.end;
                    }
                }
                Some((kind, false)) => out.push(Entity {
                    start: token.start,
                    end: token.end,
                    kind,
                }),
                None => {}
            }
        }
        out
    }

    /// The entities in one labelled sentence, as token spans: its tokens are joined into text
    /// the way the language writes them, and each entity found covers the tokens it overlaps.
    pub fn tag_sentence(&self, tokens: &[String]) -> Vec<TokenSpan> {
        let sep = self.lang.joiner();
        let text = tokens.join(sep);
        let found: Vec<(usize, usize, String)> = self
            .entities(&text)
            .into_iter()
            .map(|e| (e.start, e.end, e.kind.to_string()))
            .collect();
        eval::byte_spans_to_tokens(tokens, sep, &found)
    }

    /// The CoNLL score on labelled sentences.
    pub fn evaluate(&self, sentences: &[Sentence]) -> Score {
        let mut score = Score::default();
        for s in sentences {
            score.add(&eval::spans(&s.tags), &self.tag_sentence(&s.tokens));
        }
        score
    }
}

#[cfg(test)]
mod tests;
