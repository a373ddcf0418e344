//! Training a recogniser from labelled sentences (what `examples/train_ner.rs` runs). The
//! features of a training sentence are computed on its tokens joined into text, exactly as
//! the recogniser will see text at run time.

use std::ops::Range;

use super::eval::Sentence;
use super::model::{Model, ModelInfo};
use super::perceptron::{TagSet, Trainer};
use super::{Lang, Recogniser};

/// How to train.
#[derive(Debug, Clone)]
pub struct Options {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// Seed of the shuffle before each pass.
    pub seed: u64,
    /// Averaged weights below this share of the largest are dropped from the model file.
    pub min_weight: f32,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            epochs: 10,
            seed: 2020,
            min_weight: 0.0,
        }
    }
}

/// What a model is trained from.
pub struct Data<'a> {
    /// ISO 639-1: `ar` or `zh`.
    pub lang: &'a str,
    /// Every sentence of the labelled file.
    pub sentences: &'a [Sentence],
    /// Sentences from this index on are held out; only those before it are trained on.
    pub held_out_from: usize,
    /// The file's name, recorded in the model.
    pub training_file: &'a str,
}

/// Why training could not start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrainError {
    /// No features for this language.
    Language(String),
    /// More entity types than a model holds.
    TooManyTypes(usize),
}

impl std::fmt::Display for TrainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrainError::Language(l) => write!(f, "no NER features for language {l:?}"),
            TrainError::TooManyTypes(n) => write!(f, "{n} entity types; a model holds at most 7"),
        }
    }
}

impl std::error::Error for TrainError {}

/// Trains on `data.sentences[..held_out_from]`; `progress` hears after each epoch the epoch
/// and the share of training sentences it decoded wrong.
pub fn train(
    data: &Data,
    options: &Options,
    progress: impl FnMut(usize, f64),
) -> Result<Recogniser, TrainError> {
    let lang = Lang::parse(data.lang).ok_or_else(|| TrainError::Language(data.lang.into()))?;
    let cut = data.held_out_from.min(data.sentences.len());
    let train = &data.sentences[..cut];
    let mut types: Vec<&str> = train
        .iter()
        .flat_map(|s| s.tags.iter())
        .filter_map(|t| t.get(2..))
        .collect();
    types.sort_unstable();
    types.dedup();
    if 1 + 2 * types.len() > super::perceptron::MAX_TAGS {
        return Err(TrainError::TooManyTypes(types.len()));
    }
    let tags = TagSet::new(&types);
    let mut trainer = Trainer::new(tags.clone());
    for sentence in train {
        let (text, ranges) = join(&sentence.tokens, lang.joiner());
        let features = lang.features(&text, &ranges);
        let gold = sentence
            .tags
            .iter()
            .map(|t| tags.index(t).unwrap_or(0))
            .collect();
        trainer.add(&features, gold);
    }
    trainer.train(options.epochs, options.seed, progress);
    let (features, transition) = trainer.averaged();
    let info = ModelInfo {
        lang: data.lang.to_string(),
        feature_version: lang.feature_version(),
        training_file: data.training_file.to_string(),
        held_out_from: cut as u32,
        sentences: data.sentences.len() as u32,
    };
    let model = Model::quantise(
        info,
        trainer.tags().clone(),
        &features,
        &transition,
        options.min_weight,
    );
    Ok(Recogniser { lang, model })
}

/// Reads a model file written by [`Recogniser::to_bytes`] (to evaluate a model not yet
/// committed); `None` when it is not a current model for its language.
pub fn load(bytes: &[u8], lang: &str) -> Option<Recogniser> {
    Recogniser::load(bytes, Lang::parse(lang)?)
}

/// `tokens` joined by `sep`, and each token's byte range in the result.
fn join(tokens: &[String], sep: &str) -> (String, Vec<Range<usize>>) {
    let mut text = String::new();
    let mut ranges = Vec::with_capacity(tokens.len());
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            text.push_str(sep);
        }
        ranges.push(text.len()..text.len() + t.len());
        text.push_str(t);
    }
    (text, ranges)
}
