//! Statistical named-entity recognition for names the gazetteer lacks: people, organisations
//! and places in running text, for the languages a model has been trained for (Arabic on
//! ANERcorp, Chinese on MSRA; see `examples/train_ner.rs`). Other languages find nothing.
//!
//! Each language cuts text into tokens (words for Arabic, characters for Chinese) and gives
//! each token hashed features (`arabic.rs`, `chinese.rs`); an averaged perceptron
//! (`perceptron.rs`) tags them B/I/O with Viterbi decoding; the models are committed under
//! `data/` and loaded once (`model.rs` holds their format).
//!
//! Each language has two models: one on these sparse features alone, and one that also
//! takes the multilingual encoder's token states as dense features (`vectors.rs`). The
//! caller runs the encoder (this crate has no model of its own) and passes the states of the
//! text in; without them the sparse model is used.

pub(crate) mod arabic;
mod chinese;
pub mod eval;
mod features;
mod model;
mod perceptron;
pub mod training;
mod vectors;

use std::ops::Range;
use std::sync::LazyLock;

pub use model::ModelInfo;
pub use vectors::TokenVectors;

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
/// `vectors` are the encoder's token states of `text` (spans relative to it); with them the
/// language's model trained on vectors is used, if it has one.
pub fn find_names(text: &str, lang: Option<&str>, vectors: Option<&TokenVectors>) -> Vec<NameSpan> {
    let Some(lang) = lang else {
        return Vec::new();
    };
    let with_vectors = vectors
        .filter(|v| v.is_valid())
        .and_then(|v| Some((recogniser_with_vectors(lang)?, v)))
        .filter(|(r, v)| r.takes(v));
    let found = match with_vectors {
        Some((r, v)) => r.entities(text, Some(v)),
        None => match recogniser(lang) {
            Some(r) => r.entities(text, None),
            None => return Vec::new(),
        },
    };
    found
        .into_iter()
        .filter_map(|e| {
            let kind = match e.kind {
                "PERS" | "PER" => Kind::Person,
                "ORG" => Kind::Organization,
                "LOC" => Kind::Place,
                _ => return None,
            };
            let start = match primary(lang).as_str() {
                "ar" => arabic::start_without_clitic(text, e.start, e.end),
                _ => e.start,
            };
            Some(NameSpan {
                start,
                end: e.end,
                kind,
            })
        })
        .collect()
}

/// The committed sparse-only model for `lang` (`ar`, `zh`; `ar-EG` is `ar`), loaded on
/// first use.
pub fn recogniser(lang: &str) -> Option<&'static Recogniser> {
    match primary(lang).as_str() {
        "ar" => ARABIC.as_ref(),
        "zh" => CHINESE.as_ref(),
        _ => None,
    }
}

/// The committed model for `lang` that takes encoder token states, loaded on first use.
pub fn recogniser_with_vectors(lang: &str) -> Option<&'static Recogniser> {
    match primary(lang).as_str() {
        "ar" => ARABIC_E5.as_ref(),
        "zh" => CHINESE_E5.as_ref(),
        _ => None,
    }
}

fn primary(lang: &str) -> String {
    lang.split(['-', '_'])
        .next()
        .unwrap_or(lang)
        .to_ascii_lowercase()
}

static ARABIC: LazyLock<Option<Recogniser>> =
    LazyLock::new(|| Recogniser::load(include_bytes!("../../data/ner-ar.bin.gz"), Lang::Arabic));
static CHINESE: LazyLock<Option<Recogniser>> =
    LazyLock::new(|| Recogniser::load(include_bytes!("../../data/ner-zh.bin.gz"), Lang::Chinese));
static ARABIC_E5: LazyLock<Option<Recogniser>> = LazyLock::new(|| {
    Recogniser::load(include_bytes!("../../data/ner-ar-e5.bin.gz"), Lang::Arabic)
        .filter(Recogniser::needs_vectors)
});
static CHINESE_E5: LazyLock<Option<Recogniser>> = LazyLock::new(|| {
    Recogniser::load(include_bytes!("../../data/ner-zh-e5.bin.gz"), Lang::Chinese)
        .filter(Recogniser::needs_vectors)
});

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
    /// `None` when the bytes are no model for `lang`'s current features and vectors.
    fn load(bytes: &[u8], lang: Lang) -> Option<Recogniser> {
        let model = Model::from_bytes(bytes)?;
        let info = &model.info;
        let current = info.lang == lang.code()
            && info.feature_version == lang.feature_version()
            && (info.vector_version == 0 || info.vector_version == vectors::VECTOR_VERSION);
        current.then_some(Recogniser { lang, model })
    }

    /// Whether the model was trained with encoder token states (and is only at its best with
    /// them).
    pub fn needs_vectors(&self) -> bool {
        self.model.dense.is_some()
    }

    /// The encoder layer whose token states the model takes, if it takes any.
    pub fn vector_layer(&self) -> Option<usize> {
        self.model.dense.as_ref().map(|d| d.spec.layer)
    }

    /// Whether the model takes these vectors: states of the layer and width it was trained on.
    pub fn takes(&self, vectors: &TokenVectors) -> bool {
        self.model.dense.as_ref().is_some_and(|d| {
            vectors.is_valid() && vectors.dim == d.spec.dim && vectors.layer == d.spec.layer
        })
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

    /// Every entity in `text`, in order, none overlapping. `vectors` (the encoder's token
    /// states of `text`) are used if the model takes them and their width fits; a model that
    /// takes them tags without them too, but worse.
    pub fn entities(&self, text: &str, vectors: Option<&TokenVectors>) -> Vec<Entity<'_>> {
        let tokens = self.lang.tokenize(text);
        if tokens.is_empty() {
            return Vec::new();
        }
        let mut features = self.lang.features(text, &tokens);
        let mut dense = Vec::new();
        if let (Some(d), Some(v)) = (&self.model.dense, vectors)
            && self.takes(v)
        {
            let unit = d.spec.unit(v, &tokens);
            dense = d.spec.features(&unit);
            features = features.with_extra(&d.spec.cluster_features(&unit));
        }
        let tags = self.model.decode(&features, &dense);
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
        if self.lang == Lang::Chinese {
            chinese::join_dotted_names(text, &mut out);
        }
        out
    }

    /// The entities in one labelled sentence, as token spans: its tokens are joined into text
    /// the way the language writes them ([`Recogniser::sentence_text`]; `vectors` are of that
    /// text), and each entity found covers the tokens it overlaps.
    pub fn tag_sentence(
        &self,
        tokens: &[String],
        vectors: Option<&TokenVectors>,
    ) -> Vec<TokenSpan> {
        let sep = self.lang.joiner();
        let text = tokens.join(sep);
        let found: Vec<(usize, usize, String)> = self
            .entities(&text, vectors)
            .into_iter()
            .map(|e| (e.start, e.end, e.kind.to_string()))
            .collect();
        eval::byte_spans_to_tokens(tokens, sep, &found)
    }

    /// The text a labelled sentence stands for: its tokens joined the way the language
    /// writes them (what token vectors for [`Recogniser::tag_sentence`] must be computed on).
    pub fn sentence_text(&self, tokens: &[String]) -> String {
        tokens.join(self.lang.joiner())
    }

    /// The CoNLL score on labelled sentences; `vectors`, if given, has one entry per sentence.
    pub fn evaluate(&self, sentences: &[Sentence], vectors: Option<&[TokenVectors]>) -> Score {
        let mut score = Score::default();
        for (i, s) in sentences.iter().enumerate() {
            let v = vectors.and_then(|v| v.get(i));
            score.add(&eval::spans(&s.tags), &self.tag_sentence(&s.tokens, v));
        }
        score
    }
}

#[cfg(test)]
mod tests;
