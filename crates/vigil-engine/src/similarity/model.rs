//! The fitted same-event model: logistic regression over standardised features, with weights
//! from `scripts/fit_same_event.py` bundled at build time. Weights fitted on another feature
//! set are refused, never silently applied.

use std::sync::LazyLock;

use serde::Deserialize;

use super::features::{FEATURE_NAMES, Features, feature_set_hash};
use super::online::{Linkage, Rule};

static BUNDLED: LazyLock<Result<SameEventModel, ModelError>> =
    LazyLock::new(|| SameEventModel::from_json(include_str!("weights.json")));

/// Why fitted weights cannot be used.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ModelError {
    #[error("weights are not valid JSON: {0}")]
    Json(String),
    #[error(
        "weights were fitted on feature set {found}, this build computes {expected}; re-run scripts/fit_same_event.py"
    )]
    FeatureSetMismatch { expected: String, found: String },
}

/// Logistic regression: `sigmoid(intercept + Σ coef·(x − mean)/scale)`; a missing feature
/// contributes nothing (it sits at the training mean).
#[derive(Debug, Clone, Deserialize)]
pub struct Linear {
    pub mean: Vec<f32>,
    pub scale: Vec<f32>,
    pub coef: Vec<f32>,
    pub intercept: f32,
}

impl Linear {
    fn fits(&self, n: usize) -> bool {
        [self.mean.len(), self.scale.len(), self.coef.len()] == [n, n, n]
    }

    /// Probability-like score in 0..1.
    pub fn score(&self, features: &Features) -> f32 {
        sigmoid(self.logit(features))
    }

    fn logit(&self, features: &Features) -> f32 {
        let z: f32 = features
            .0
            .iter()
            .zip(self.mean.iter().zip(&self.scale).zip(&self.coef))
            .filter_map(|(x, ((m, s), c))| x.map(|x| c * (x - m) / s.max(1e-6)))
            .sum();
        self.intercept + z
    }
}

fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// A learned diagonal metric over the lead vectors' elementwise product
/// ([`Features::products`]): adds `Σ coef·product − offset` to the pair model's logit, where
/// `offset` is its training mean, so a pair without vectors contributes nothing.
#[derive(Debug, Clone, Deserialize)]
pub struct Metric {
    pub coef: Vec<f32>,
    pub offset: f32,
}

impl Metric {
    fn logit(&self, products: &[f32]) -> f32 {
        if products.len() != self.coef.len() {
            return 0.0;
        }
        products
            .iter()
            .zip(&self.coef)
            .map(|(p, c)| p * c)
            .sum::<f32>()
            - self.offset
    }
}

/// The pair model (graded similarity, fitted on SemEval) and, when fitted, an event model
/// (same event or not, fitted on ECB+) with the threshold online assignment uses.
#[derive(Debug, Clone, Deserialize)]
pub struct SameEventModel {
    pub feature_set: String,
    pub features: Vec<String>,
    #[serde(flatten)]
    pub pairs: Linear,
    /// The pair model's metric over vector products, when fitted with one.
    #[serde(default)]
    pub metric: Option<Metric>,
    /// SHA-256 of the sorted pair ids the model was fitted on, to flag in-sample evaluation.
    #[serde(default)]
    pub trained_on: Option<String>,
    #[serde(default)]
    pub events: Option<EventModel>,
    /// Same-storyline classifier over signals that mean the same in every language (vector
    /// cosines, places, numbers, dates), fitted on SemEval's graded pairs.
    #[serde(default)]
    pub storylines: Option<Linear>,
}

/// Same-event classifier for clustering, with the assignment rule fitted with it.
#[derive(Debug, Clone, Deserialize)]
pub struct EventModel {
    #[serde(flatten)]
    pub linear: Linear,
    pub threshold: f32,
    /// Absent in older weights: average link over the event.
    #[serde(default = "default_linkage")]
    pub linkage: Linkage,
    #[serde(default)]
    pub merge_threshold: Option<f32>,
    /// The same classifier over signals that mean the same in every language and script
    /// (gazetteer places, numbers, years, date gap, the USE cosine, linked people and
    /// organisations), for reports in two languages: ECB+ is English only, so a model fitted
    /// on all its signals reads the lower cosines and the absent word overlap of a
    /// cross-language pair as "another event".
    #[serde(default)]
    pub cross_language: Option<Linear>,
}

fn default_linkage() -> Linkage {
    Linkage::MeanOverSize
}

impl EventModel {
    pub fn rule(&self) -> Rule {
        Rule {
            linkage: self.linkage,
            threshold: self.threshold,
            merge_threshold: self.merge_threshold,
        }
    }
}

impl SameEventModel {
    /// The weights bundled with this build.
    pub fn bundled() -> Result<&'static SameEventModel, ModelError> {
        BUNDLED.as_ref().map_err(Clone::clone)
    }

    pub fn from_json(json: &str) -> Result<SameEventModel, ModelError> {
        let model: SameEventModel =
            serde_json::from_str(json).map_err(|e| ModelError::Json(e.to_string()))?;
        let expected = feature_set_hash();
        let names_match = model
            .features
            .iter()
            .map(String::as_str)
            .eq(FEATURE_NAMES.iter().copied());
        let n = FEATURE_NAMES.len();
        let shapes_match = model.pairs.fits(n)
            && model.events.as_ref().is_none_or(|e| {
                e.linear.fits(n) && e.cross_language.as_ref().is_none_or(|c| c.fits(n))
            })
            && model.storylines.as_ref().is_none_or(|l| l.fits(n));
        if model.feature_set != expected || !names_match || !shapes_match {
            return Err(ModelError::FeatureSetMismatch {
                expected,
                found: model.feature_set,
            });
        }
        Ok(model)
    }

    /// Graded similarity of a pair in 0..1 (what `eval similarity` reports).
    pub fn score(&self, features: &Features) -> f32 {
        let metric = self
            .metric
            .as_ref()
            .map_or(0.0, |m| m.logit(features.products()));
        sigmoid(self.pairs.logit(features) + metric)
    }

    /// Score and threshold for assigning a document to an event: the event model when
    /// fitted, else the pair model at `fallback`.
    pub fn event_score(&self, features: &Features) -> f32 {
        let Some(events) = &self.events else {
            return self.score(features);
        };
        match &events.cross_language {
            Some(cross) if features.get("same_lang") == Some(0.0) => cross.score(features),
            _ => events.linear.score(features),
        }
    }

    /// Score for linking a new event to a neighbour's storyline: the storyline model when
    /// fitted, else the pair model.
    pub fn storyline_score(&self, features: &Features) -> f32 {
        self.storylines
            .as_ref()
            .map_or_else(|| self.score(features), |l| l.score(features))
    }

    /// The assignment rule fitted with the event model, else `fallback` (for the pair model's
    /// scores).
    pub fn event_rule(&self, fallback: Rule) -> Rule {
        self.events.as_ref().map_or(fallback, EventModel::rule)
    }
}

/// Same-event score a document needs to join an event when the bundled weights carry no
/// fitted event rule (the pair model's score, mean link).
pub const FALLBACK_THRESHOLD: f32 = 0.5;
/// The e5 cosine a document needs to join an event when no weights can be used at all.
pub const COSINE_THRESHOLD: f32 = 0.88;

/// The assignment rule for scores from `model` (its fitted event rule, else the pair model's
/// fallback), or for plain e5 cosines when there is no usable model.
pub fn assignment_rule(model: Option<&SameEventModel>) -> Rule {
    let mean_link = |threshold| Rule {
        linkage: crate::similarity::online::Linkage::MeanOverSize,
        threshold,
        merge_threshold: None,
    };
    match model {
        Some(m) => m.event_rule(mean_link(FALLBACK_THRESHOLD)),
        None => mean_link(COSINE_THRESHOLD),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model_json(feature_set: &str) -> String {
        let n = FEATURE_NAMES.len();
        serde_json::json!({
            "feature_set": feature_set,
            "features": FEATURE_NAMES,
            "mean": vec![0.5; n],
            "scale": vec![0.25; n],
            "coef": (0..n).map(|i| if i == 0 { 1.0 } else { 0.0 }).collect::<Vec<f32>>(),
            "intercept": 0.0,
        })
        .to_string()
    }

    #[test]
    fn refuses_another_feature_set() {
        let err = SameEventModel::from_json(&model_json("0123456789abcdef")).unwrap_err();
        assert!(matches!(err, ModelError::FeatureSetMismatch { .. }));
    }

    #[test]
    fn missing_features_sit_at_the_mean() {
        let model = SameEventModel::from_json(&model_json(&feature_set_hash())).unwrap();
        let n = FEATURE_NAMES.len();
        let none = Features::scalar(vec![None; n]);
        assert!((model.score(&none) - 0.5).abs() < 1e-6);
        let mut high = vec![None; n];
        high[0] = Some(0.9);
        assert!(model.score(&Features::scalar(high)) > 0.8);
    }

    #[test]
    fn reports_in_two_languages_are_scored_by_the_cross_language_model() {
        let n = FEATURE_NAMES.len();
        let same_lang = FEATURE_NAMES
            .iter()
            .position(|f| *f == "same_lang")
            .unwrap();
        let linear = |intercept: f32| {
            serde_json::json!({"mean": vec![0.0; n], "scale": vec![1.0; n],
                "coef": vec![0.0; n], "intercept": intercept})
        };
        let mut json: serde_json::Value =
            serde_json::from_str(&model_json(&feature_set_hash())).unwrap();
        let mut events = linear(2.0);
        events["threshold"] = serde_json::json!(0.5);
        events["cross_language"] = linear(-2.0);
        json["events"] = events;
        let model = SameEventModel::from_json(&json.to_string()).unwrap();
        let pair = |lang: Option<f32>| {
            let mut x = vec![None; n];
            x[same_lang] = lang;
            model.event_score(&Features::scalar(x))
        };
        let sigmoid2 = 1.0 / (1.0 + (-2.0f32).exp());
        assert!((pair(Some(1.0)) - sigmoid2).abs() < 1e-6);
        assert!((pair(Some(0.0)) - (1.0 - sigmoid2)).abs() < 1e-6);
        assert!(
            (pair(None) - sigmoid2).abs() < 1e-6,
            "unknown languages: the full model"
        );
    }

    #[test]
    fn metric_adds_to_the_logit_and_is_neutral_without_vectors() {
        let mut json: serde_json::Value =
            serde_json::from_str(&model_json(&feature_set_hash())).unwrap();
        json["metric"] = serde_json::json!({"coef": [2.0, 0.0], "offset": 1.0});
        let model = SameEventModel::from_json(&json.to_string()).unwrap();
        let n = FEATURE_NAMES.len();
        let plain = Features::scalar(vec![None; n]);
        assert!((model.score(&plain) - 0.5).abs() < 1e-6);
        let close = Features(vec![None; n], vec![1.0, 5.0]);
        let expected = 1.0 / (1.0 + (-1.0f32).exp());
        assert!((model.score(&close) - expected).abs() < 1e-5);
    }
}
