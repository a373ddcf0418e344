//! The signals of a document pair, each optional: a signal that cannot be computed (no title,
//! no date, no encoder) is `None`, and the model treats it as unknown.

use std::collections::{BTreeSet, HashMap};

use super::profile::{DocVectors, Profile};
use super::vectors::cosine;

/// Bumped whenever a feature's definition changes, so fitted weights no longer match.
const FEATURE_SET_VERSION: &str = "same-event-features/3";

/// The features, in model order. A second encoder adds its own `<name>_…` entries here.
/// `<encoder>_chunk_mean` and `<encoder>_chunk_max` (best-matching paragraphs) are computed
/// when listed; they are left out for now because they double the encoding time.
pub const FEATURE_NAMES: &[&str] = &[
    "e5_doc",
    "e5_title",
    "tfidf",
    "gram_tfidf",
    "title_tfidf",
    "names_jaccard",
    "numbers_jaccard",
    "date_log_days",
    "same_lang",
    // What tells two events of one kind apart (two title fights of one champion): the names
    // each report is about and the years it mentions.
    "names_tfidf",
    "lead_names_missing",
    "years_jaccard",
];

/// BLAKE3 of the version and the names: what fitted weights must carry to be used.
pub fn feature_set_hash() -> String {
    // Any change to the list or to a definition (the version) changes the hash.
    let mut h = blake3::Hasher::new();
    h.update(FEATURE_SET_VERSION.as_bytes());
    for name in FEATURE_NAMES {
        h.update(b"\0");
        h.update(name.as_bytes());
    }
    h.finalize().to_hex()[..16].to_string()
}

/// Names of the encoders whose vectors the feature set reads (`e5`, `use`), in list order.
pub fn encoder_names() -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::new();
    for name in FEATURE_NAMES {
        let Some((encoder, kind)) = name.split_once('_') else {
            continue;
        };
        if matches!(kind, "doc" | "title" | "chunk_mean" | "chunk_max") && !out.contains(&encoder) {
            out.push(encoder);
        }
    }
    out
}

/// Whether the feature set reads paragraph-chunk vectors (so profiles must embed chunks).
pub fn uses_chunks() -> bool {
    FEATURE_NAMES.iter().any(|n| n.contains("_chunk_"))
}

/// Document frequencies of normalised terms over a collection (grows as documents arrive).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Idf {
    df: HashMap<String, u32>,
    n: u32,
    /// The same over character n-grams.
    gram_df: HashMap<String, u32>,
}

impl Idf {
    /// Number of documents counted.
    pub fn n(&self) -> usize {
        self.n as usize
    }

    /// The stored form (JSON), for a store to keep between runs.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).unwrap_or_default()
    }

    /// The inverse of [`Idf::to_bytes`]; `None` for anything else.
    pub fn from_bytes(bytes: &[u8]) -> Option<Idf> {
        serde_json::from_slice(bytes).ok()
    }

    pub fn add(&mut self, profile: &Profile) {
        self.n += 1;
        for term in profile.terms.keys() {
            *self.df.entry(term.clone()).or_default() += 1;
        }
        for gram in profile.grams.keys() {
            *self.gram_df.entry(gram.clone()).or_default() += 1;
        }
    }

    /// [`Idf::weight`] of a character n-gram.
    pub fn gram_weight(&self, gram: &str) -> f32 {
        let df = self.gram_df.get(gram).copied().unwrap_or(0);
        ((1.0 + self.n as f32) / (1.0 + df as f32)).ln() + 1.0
    }

    /// Smoothed inverse document frequency; unseen terms get the highest weight.
    pub fn weight(&self, term: &str) -> f32 {
        let df = self.df.get(term).copied().unwrap_or(0);
        ((1.0 + self.n as f32) / (1.0 + df as f32)).ln() + 1.0
    }
}

/// The features of one pair, aligned with [`FEATURE_NAMES`].
#[derive(Debug, Clone, PartialEq)]
pub struct Features(pub Vec<Option<f32>>);

impl Features {
    pub fn get(&self, name: &str) -> Option<f32> {
        let i = FEATURE_NAMES.iter().position(|n| *n == name)?;
        self.0.get(i).copied().flatten()
    }
}

/// Every feature of the pair `a`, `b`.
pub fn features(a: &Profile, b: &Profile, idf: &Idf) -> Features {
    Features(
        FEATURE_NAMES
            .iter()
            .map(|name| feature(name, a, b, idf))
            .collect(),
    )
}

fn feature(name: &str, a: &Profile, b: &Profile, idf: &Idf) -> Option<f32> {
    match name {
        "tfidf" => tfidf_cosine(&a.terms, &b.terms, &|t| idf.weight(t)),
        "gram_tfidf" => tfidf_cosine(&a.grams, &b.grams, &|g| idf.gram_weight(g)),
        "title_tfidf" => tfidf_cosine(&a.title_terms, &b.title_terms, &|t| idf.weight(t)),
        "names_jaccard" => jaccard(&a.names, &b.names),
        "numbers_jaccard" => jaccard(&a.numbers, &b.numbers),
        "date_log_days" => {
            let days = (a.date? - b.date?).num_days().unsigned_abs();
            Some((days as f32).ln_1p())
        }
        "same_lang" => Some(f32::from(u8::from(a.lang.is_some() && a.lang == b.lang))),
        "names_tfidf" => tfidf_cosine(&name_counts(a), &name_counts(b), &|t| idf.weight(t)),
        "lead_names_missing" => {
            let missing = |x: &Profile, y: &Profile| -> Option<f32> {
                let lead = lead_names(x, idf);
                let absent = lead.iter().filter(|n| !y.terms.contains_key(**n)).count();
                (!lead.is_empty()).then(|| absent as f32 / lead.len() as f32)
            };
            Some(missing(a, b)?.max(missing(b, a)?))
        }
        "years_jaccard" => jaccard(&years(&a.numbers), &years(&b.numbers)),
        _ => {
            let (encoder, kind) = name.split_once('_')?;
            let (va, vb) = (a.vectors.get(encoder)?, b.vectors.get(encoder)?);
            vector_feature(kind, va, vb)
        }
    }
}

fn vector_feature(kind: &str, a: &DocVectors, b: &DocVectors) -> Option<f32> {
    match kind {
        "doc" if !a.doc.is_empty() && !b.doc.is_empty() => Some(cosine(&a.doc, &b.doc)),
        "title" => Some(cosine(a.title.as_ref()?, b.title.as_ref()?)),
        "chunk_mean" => {
            let one_way = |x: &[Vec<f32>], y: &[Vec<f32>]| -> Option<f32> {
                let best: Vec<f32> = x
                    .iter()
                    .map(|u| y.iter().map(|v| cosine(u, v)).fold(f32::MIN, f32::max))
                    .collect();
                (!best.is_empty() && !y.is_empty())
                    .then(|| best.iter().sum::<f32>() / best.len() as f32)
            };
            Some((one_way(&a.chunks, &b.chunks)? + one_way(&b.chunks, &a.chunks)?) / 2.0)
        }
        "chunk_max" => a
            .chunks
            .iter()
            .flat_map(|u| b.chunks.iter().map(move |v| cosine(u, v)))
            .reduce(f32::max),
        _ => None,
    }
}

/// Cosine of sublinear TF-IDF vectors; `None` when either side has no terms.
pub fn tfidf_cosine(
    a: &HashMap<String, u32>,
    b: &HashMap<String, u32>,
    idf: &dyn Fn(&str) -> f32,
) -> Option<f32> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let weight = |term: &str, tf: u32| (1.0 + (tf as f32).ln()) * idf(term);
    let norm = |m: &HashMap<String, u32>| {
        m.iter()
            .map(|(t, &tf)| weight(t, tf).powi(2))
            .sum::<f32>()
            .sqrt()
    };
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let dot: f32 = small
        .iter()
        .filter_map(|(t, &tf)| Some(weight(t, tf) * weight(t, *large.get(t)?)))
        .sum();
    let denom = norm(a) * norm(b);
    Some(if denom > 0.0 { dot / denom } else { 0.0 })
}

/// How many of a document's names [`lead_names`] keeps.
const LEAD_NAMES: usize = 3;

/// The names a document is about: its [`LEAD_NAMES`] names of highest count × idf. Two reports
/// of the same kind (two title fights of one champion) share their common names and differ in
/// these.
fn lead_names<'a>(p: &'a Profile, idf: &Idf) -> Vec<&'a str> {
    let mut ranked: Vec<(f32, &str)> = p
        .names
        .iter()
        .map(|n| {
            let count = p.terms.get(n).copied().unwrap_or(1) as f32;
            (count * idf.weight(n), n.as_str())
        })
        .collect();
    ranked.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(y.1)));
    ranked
        .into_iter()
        .take(LEAD_NAMES)
        .map(|(_, n)| n)
        .collect()
}

/// A document's names with their counts in the text.
fn name_counts(p: &Profile) -> HashMap<String, u32> {
    p.names
        .iter()
        .map(|n| (n.clone(), p.terms.get(n).copied().unwrap_or(1)))
        .collect()
}

/// Numbers that read as years of the last and this century.
fn years(numbers: &BTreeSet<String>) -> BTreeSet<String> {
    numbers
        .iter()
        .filter(|n| n.len() == 4 && n.parse::<u16>().is_ok_and(|y| (1900..=2099).contains(&y)))
        .cloned()
        .collect()
}

fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Option<f32> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let shared = a.intersection(b).count();
    Some(shared as f32 / (a.len() + b.len() - shared) as f32)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn idf_of(profiles: &[&Profile]) -> Idf {
        let mut idf = Idf::default();
        for p in profiles {
            idf.add(p);
        }
        idf
    }

    #[test]
    fn same_event_scores_above_same_kind() {
        let a = Profile::new(
            "",
            "Un terremoto de magnitud 6,8 sacudió el viernes la provincia de Elazığ, en Turquía.",
            Some("es"),
        );
        let b = Profile::new(
            "",
            "El sismo en Elazig tuvo una magnitud de 6,8, informó la agencia Afad de Turquía.",
            Some("es"),
        );
        let c = Profile::new(
            "",
            "Un terremoto de magnitud 5,1 golpeó el domingo la región de Calabria, en Italia.",
            Some("es"),
        );
        let idf = idf_of(&[&a, &b, &c]);
        let ab = features(&a, &b, &idf);
        let ac = features(&a, &c, &idf);
        assert!(
            (ab.get("names_jaccard").unwrap() - 2.0 / 3.0).abs() < 1e-6,
            "{ab:?}"
        );
        assert_eq!(ac.get("names_jaccard"), Some(0.0));
        assert!(ab.get("tfidf") > ac.get("tfidf"));
        assert!(
            ab.get("numbers_jaccard").is_none(),
            "single digits are not numbers"
        );
        assert_eq!(ab.get("same_lang"), Some(1.0));
        assert_eq!(ab.get("e5_doc"), None, "no encoder, no vector feature");
        assert_eq!(ab.get("title_tfidf"), None, "no titles");
    }

    #[test]
    fn same_kind_differs_in_lead_names_and_years() {
        let a = Profile::new(
            "",
            "The champion Wladimir Klitschko stopped Hasim Rahman in Mannheim in 2008, and Rahman never recovered.",
            Some("en"),
        );
        let b = Profile::new(
            "",
            "The champion Wladimir Klitschko stopped Tony Thompson in Bern in 2012, and Thompson never recovered.",
            Some("en"),
        );
        let c = Profile::new(
            "",
            "Wladimir Klitschko beat Hasim Rahman, who lost to Klitschko in Mannheim in 2008.",
            Some("en"),
        );
        let idf = idf_of(&[&a, &b, &c]);
        let (ab, ac) = (features(&a, &b, &idf), features(&a, &c, &idf));
        assert_eq!(ab.get("lead_names_missing"), Some(1.0), "{ab:?}");
        assert_eq!(ac.get("lead_names_missing"), Some(0.0), "{ac:?}");
        assert_eq!(ab.get("years_jaccard"), Some(0.0));
        assert_eq!(ac.get("years_jaccard"), Some(1.0));
        assert!(ac.get("names_tfidf") > ab.get("names_tfidf"));
    }

    #[test]
    fn tfidf_is_one_on_identical_terms() {
        let a = Profile::new("", "الأمم المتحدة تدين الهجوم", Some("ar"));
        let idf = idf_of(&[&a]);
        let cos = tfidf_cosine(&a.terms, &a.terms, &|t| idf.weight(t)).unwrap();
        assert!((cos - 1.0).abs() < 1e-5);
    }

    #[test]
    fn hash_is_stable_within_a_build() {
        assert_eq!(feature_set_hash(), feature_set_hash());
        assert_eq!(feature_set_hash().len(), 16);
    }
}
