//! Training a recogniser from labelled sentences (what `examples/train_ner.rs` runs). The
//! features of a training sentence are computed on its tokens joined into text, exactly as
//! the recogniser will see text at run time.

use std::ops::Range;

use super::eval::{Score, Sentence, word_share_cut};
use super::model::{Model, ModelInfo};
use super::perceptron::{Averaged, TagSet, Trainer};
use super::vectors::{DenseSpec, VECTOR_VERSION, kmeans, mean_state};

/// Refinements of the k-means centroids.
const KMEANS_ROUNDS: usize = 10;
use super::{Lang, Recogniser, TokenVectors};

/// How to train.
#[derive(Debug, Clone)]
pub struct Options {
    /// Passes over the training sentences.
    pub epochs: usize,
    /// Seed of the shuffle before each pass.
    pub seed: u64,
    /// Averaged weights below this share of the largest are dropped from the model file.
    pub min_weight: f32,
    /// Length of each token's (centred) vector, against sparse features worth 1 each.
    pub vector_scale: f32,
    /// Neighbours on each side whose vectors a token also sees.
    pub vector_context: usize,
    /// Whether vectors get weights of their own (else they only give clusters).
    pub vector_weights: bool,
    /// How many k-means clusters of the vectors to make, one sparse feature per entry.
    pub clusters: Vec<usize>,
    /// Perceptrons trained in different orders (seeds `seed`, `seed + 1`, …) whose weights
    /// are averaged into the model.
    pub runs: usize,
}

impl Options {
    /// The options the committed models are trained with: the defaults, five runs averaged
    /// (held out, Arabic with e5 states 0.712–0.725 for one run by its order, 0.733 for
    /// five; Chinese 0.718–0.726 either way), and Arabic's token vectors at 1.5 times the
    /// length of a sparse feature (chosen on the held-out score).
    pub fn committed(lang: &str, with_vectors: bool) -> Options {
        Options {
            vector_scale: if with_vectors && lang == "ar" {
                1.5
            } else {
                1.0
            },
            runs: 5,
            ..Options::default()
        }
    }
}

impl Default for Options {
    fn default() -> Options {
        Options {
            epochs: 10,
            seed: 2020,
            min_weight: 0.0,
            vector_scale: 1.0,
            vector_context: 1,
            vector_weights: true,
            clusters: Vec::new(),
            runs: 1,
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
    /// The encoder's token states of each sentence's text ([`sentence_text`]), one entry
    /// per sentence: given, the model learns dense weights on them too.
    pub vectors: Option<&'a [TokenVectors]>,
}

/// Why training could not start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrainError {
    /// No features for this language.
    Language(String),
    /// More entity types than a model holds.
    TooManyTypes(usize),
    /// Not one vector entry per sentence, or entries of different widths.
    Vectors,
}

impl std::fmt::Display for TrainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TrainError::Language(l) => write!(f, "no NER features for language {l:?}"),
            TrainError::TooManyTypes(n) => write!(f, "{n} entity types; a model holds at most 7"),
            TrainError::Vectors => write!(f, "token vectors do not match the sentences"),
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
    let joined: Vec<(String, Vec<Range<usize>>)> = train
        .iter()
        .map(|s| join(&s.tokens, lang.joiner()))
        .collect();
    let spec = match data.vectors {
        None => None,
        Some(v) => {
            let (dim, layer) = v.first().map_or((0, 0), |v| (v.dim, v.layer));
            let mixed = v
                .iter()
                .any(|v| v.dim != dim || v.layer != layer || !v.is_valid());
            if v.len() != data.sentences.len() || mixed {
                return Err(TrainError::Vectors);
            }
            let pairs = v.iter().zip(joined.iter().map(|j| j.1.as_slice()));
            let mut spec = DenseSpec {
                dim,
                layer,
                dense: options.vector_weights,
                context: options.vector_context,
                scale: options.vector_scale,
                center: mean_state(dim, pairs),
                clusters: Vec::new(),
            };
            if !options.clusters.is_empty() {
                let mut units = Vec::new();
                for (v, (_, ranges)) in v.iter().zip(&joined) {
                    let unit = spec.unit(v, ranges);
                    for row in unit.chunks_exact(dim) {
                        if row.iter().any(|&x| x != 0.0) {
                            units.extend_from_slice(row);
                        }
                    }
                }
                spec.clusters = options
                    .clusters
                    .iter()
                    .map(|&k| kmeans(&units, dim, k, KMEANS_ROUNDS))
                    .collect();
            }
            Some(spec)
        }
    };
    let width = spec.as_ref().map_or(0, DenseSpec::width);
    let mut trainer = Trainer::new(tags.clone(), width);
    for (i, (sentence, (text, ranges))) in train.iter().zip(&joined).enumerate() {
        let mut features = lang.features(text, ranges);
        let mut dense = Vec::new();
        if let (Some(spec), Some(v)) = (&spec, data.vectors) {
            let unit = spec.unit(&v[i], ranges);
            dense = spec.features(&unit);
            features = features.with_extra(&spec.cluster_features(&unit));
        }
        let gold = sentence
            .tags
            .iter()
            .map(|t| tags.index(t).unwrap_or(0))
            .collect();
        trainer.add(&features, dense, gold);
    }
    let mut progress = progress;
    let mut runs = Vec::with_capacity(options.runs.max(1));
    for run in 0..options.runs.max(1) {
        if run > 0 {
            trainer.reset();
        }
        trainer.train(options.epochs, options.seed + run as u64, &mut progress);
        runs.push(trainer.averaged());
    }
    let Averaged {
        features,
        transition,
        dense,
    } = Averaged::mean(runs);
    let info = ModelInfo {
        lang: data.lang.to_string(),
        feature_version: lang.feature_version(),
        training_file: data.training_file.to_string(),
        held_out_from: cut as u32,
        sentences: data.sentences.len() as u32,
        vector_version: if spec.is_some() { VECTOR_VERSION } else { 0 },
    };
    let model = Model::quantise(
        info,
        trainer.tags().clone(),
        &features,
        &transition,
        spec.map(|s| (s, dense.as_slice())),
        options.min_weight,
    );
    Ok(Recogniser { lang, model })
}

/// Where the held-out part of a language's labelled file starts: for Arabic the sentences
/// holding the last sixth of the words (CAMeL Lab's sequential split of ANERcorp), for
/// Chinese the second half of the sentences.
pub fn held_out_cut(lang: &str, sentences: &[Sentence]) -> usize {
    match lang {
        "ar" => word_share_cut(sentences, 6),
        _ => sentences.len() / 2,
    }
}

/// The held-out score of the committed recipe: trained on `data`'s sentences before
/// [`held_out_cut`] with [`Options::committed`], scored on the rest. The committed models
/// are the same recipe trained on every sentence, so this is the estimate of how they do on
/// text they never saw. `data.held_out_from` is ignored.
pub fn held_out_score(data: &Data) -> Result<Score, TrainError> {
    let cut = held_out_cut(data.lang, data.sentences);
    let options = Options::committed(data.lang, data.vectors.is_some());
    let split = Data {
        held_out_from: cut,
        ..*data
    };
    let recogniser = train(&split, &options, |_, _| {})?;
    Ok(recogniser.evaluate(&data.sentences[cut..], data.vectors.map(|v| &v[cut..])))
}

/// Reads a model file written by [`Recogniser::to_bytes`] (to evaluate a model not yet
/// committed); `None` when it is not a current model for its language.
pub fn load(bytes: &[u8], lang: &str) -> Option<Recogniser> {
    Recogniser::load(bytes, Lang::parse(lang)?)
}

/// The text of a labelled sentence in `lang` as the recogniser sees it (Arabic words joined
/// with spaces, Chinese characters with nothing): what token vectors must be computed on.
pub fn sentence_text(lang: &str, tokens: &[String]) -> Option<String> {
    Some(join(tokens, Lang::parse(lang)?.joiner()).0)
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
