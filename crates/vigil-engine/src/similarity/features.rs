//! The signals of a document pair, each optional: a signal that cannot be computed (no title,
//! no date, no encoder) is `None`, and the model treats it as unknown.

use std::collections::{BTreeSet, HashMap};

use super::profile::{DocVectors, Profile};
use super::vectors::cosine;

/// Bumped whenever a feature's definition changes, so fitted weights no longer match.
const FEATURE_SET_VERSION: &str = "same-event-features/6";

/// The features, in model order. `<encoder>_<kind>` reads that encoder's vectors: `doc` (the
/// lead), `title`, `full` (the long document vector), `chunk_mean` and `chunk_max`
/// (best-matching paragraphs); `full` and chunks are only encoded when listed here.
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
    "use_doc",
    "use_title",
    "use_full",
    "use_chunk_max",
    "use_chunk_mean",
    "e5_full",
    "e5_chunk_max",
    "e5_chunk_mean",
    "names_idf",
    "numbers_idf",
    "both_titled",
    "len_log_ratio",
    // Places and UN bodies named by both (gazetteer keys, so across languages and scripts):
    // the share, and how many (a dozen shared countries is strong evidence whatever the rest).
    "places_jaccard",
    "places_shared",
    // People and organisations named by both, as linked entity ids (so across scripts): how
    // many people, their share, and how many organisations. Known only for stored reports
    // whose mentions have been linked.
    "persons_shared",
    "persons_jaccard",
    "orgs_shared",
];

/// The encoder whose lead vectors' elementwise product ([`Features::products`]) the pair model
/// reads as a learned diagonal metric: a cosine in which the dimensions that track "same
/// event" (rather than "same topic") weigh more.
pub const PRODUCT_ENCODER: &str = "e5";

/// BLAKE3 of the version and the names: what fitted weights must carry to be used.
pub fn feature_set_hash() -> String {
    // Any change to the list or to a definition (the version) changes the hash.
    let mut h = blake3::Hasher::new();
    h.update(FEATURE_SET_VERSION.as_bytes());
    h.update(b"\0products:");
    h.update(PRODUCT_ENCODER.as_bytes());
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
        let vector_kind = matches!(kind, "doc" | "title" | "full") || kind.starts_with("chunk_");
        if vector_kind && !out.contains(&encoder) {
            out.push(encoder);
        }
    }
    out
}

/// Whether the feature set reads `encoder`'s vectors of kind `kind` (`chunk`, `full`), so
/// profiles must encode them.
pub fn reads(encoder: &str, kind: &str) -> bool {
    FEATURE_NAMES.iter().any(|n| {
        n.strip_prefix(encoder)
            .and_then(|rest| rest.strip_prefix('_'))
            .is_some_and(|rest| rest.starts_with(kind))
    })
}

/// Document frequencies of normalised terms over a collection (grows as documents arrive).
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct Idf {
    df: HashMap<String, u32>,
    n: u32,
    /// The same over character n-grams.
    gram_df: HashMap<String, u32>,
    /// The same over transliterated names ([`Profile::name_keys`]).
    name_df: HashMap<String, u32>,
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
        for name in &profile.name_keys {
            *self.name_df.entry(name.clone()).or_default() += 1;
        }
    }

    /// [`Idf::weight`] of a transliterated name.
    pub fn name_weight(&self, name: &str) -> f32 {
        let df = self.name_df.get(name).copied().unwrap_or(0);
        ((1.0 + self.n as f32) / (1.0 + df as f32)).ln() + 1.0
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

    /// The weight of a term, gram or name no document has: the largest weight there is.
    pub fn unseen_weight(&self) -> f32 {
        (1.0 + self.n as f32).ln() + 1.0
    }
}

/// The features of one pair, aligned with [`FEATURE_NAMES`], and the elementwise product of
/// the two documents' [`PRODUCT_ENCODER`] lead vectors (empty when either has none).
#[derive(Debug, Clone, PartialEq)]
pub struct Features(pub Vec<Option<f32>>, pub Vec<f32>);

impl Features {
    /// Features without vector products.
    pub fn scalar(values: Vec<Option<f32>>) -> Features {
        Features(values, Vec::new())
    }

    /// [`Features::1`]: the product of the lead vectors, one value per dimension.
    pub fn products(&self) -> &[f32] {
        &self.1
    }

    pub fn get(&self, name: &str) -> Option<f32> {
        let i = FEATURE_NAMES.iter().position(|n| *n == name)?;
        self.0.get(i).copied().flatten()
    }
}

/// Every feature of the pair `a`, `b`.
pub fn features(a: &Profile, b: &Profile, idf: &Idf) -> Features {
    let products = match (
        a.vectors.get(PRODUCT_ENCODER),
        b.vectors.get(PRODUCT_ENCODER),
    ) {
        (Some(va), Some(vb)) if !va.doc.is_empty() && va.doc.len() == vb.doc.len() => {
            va.doc.iter().zip(&vb.doc).map(|(x, y)| x * y).collect()
        }
        _ => Vec::new(),
    };
    Features(
        FEATURE_NAMES
            .iter()
            .map(|name| feature(name, a, b, idf))
            .collect(),
        products,
    )
}

fn feature(name: &str, a: &Profile, b: &Profile, idf: &Idf) -> Option<f32> {
    match name {
        "tfidf" => tfidf_cosine(&a.terms, &b.terms, &|t| idf.weight(t)),
        "gram_tfidf" => tfidf_cosine(&a.grams, &b.grams, &|g| idf.gram_weight(g)),
        "title_tfidf" => tfidf_cosine(&a.title_terms, &b.title_terms, &|t| idf.weight(t)),
        "names_jaccard" => jaccard(&a.names, &b.names),
        "places_jaccard" => jaccard(&a.places, &b.places),
        "places_shared" => (!a.places.is_empty() && !b.places.is_empty())
            .then(|| (a.places.intersection(&b.places).count() as f32).ln_1p()),
        "numbers_jaccard" => jaccard(&a.numbers, &b.numbers),
        "persons_shared" => {
            let (x, y) = (a.actors.as_ref()?, b.actors.as_ref()?);
            Some((x.persons.intersection(&y.persons).count() as f32).ln_1p())
        }
        "persons_jaccard" => {
            let (x, y) = (a.actors.as_ref()?, b.actors.as_ref()?);
            Some(jaccard(&x.persons, &y.persons).unwrap_or(0.0))
        }
        "orgs_shared" => {
            let (x, y) = (a.actors.as_ref()?, b.actors.as_ref()?);
            Some((x.orgs.intersection(&y.orgs).count() as f32).ln_1p())
        }
        "names_idf" => weighted_jaccard(
            &a.name_keys,
            &b.name_keys,
            &|n| idf.name_weight(n),
            idf.unseen_weight(),
        ),
        "numbers_idf" => weighted_jaccard(
            &a.numbers,
            &b.numbers,
            &|n| idf.weight(n),
            idf.unseen_weight(),
        ),
        "both_titled" => Some(f32::from(u8::from(
            !a.title_terms.is_empty() && !b.title_terms.is_empty(),
        ))),
        "len_log_ratio" => {
            let words = |p: &Profile| p.terms.values().sum::<u32>();
            let (wa, wb) = (words(a), words(b));
            (wa > 0 && wb > 0).then(|| ((wa as f32).ln() - (wb as f32).ln()).abs())
        }
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
        "full" => Some(cosine(a.full.as_ref()?, b.full.as_ref()?)),
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

/// Cosine of sublinear TF-IDF vectors; `None` when either side has no terms. Sums run in f64:
/// the maps iterate in a different order on every run, and f32 sums would then differ in the
/// last bits from run to run.
pub fn tfidf_cosine(
    a: &HashMap<String, u32>,
    b: &HashMap<String, u32>,
    idf: &dyn Fn(&str) -> f32,
) -> Option<f32> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let weight = |term: &str, tf: u32| f64::from((1.0 + (tf as f32).ln()) * idf(term));
    let norm = |m: &HashMap<String, u32>| {
        m.iter()
            .map(|(t, &tf)| weight(t, tf).powi(2))
            .sum::<f64>()
            .sqrt()
    };
    let (small, large) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    let dot: f64 = small
        .iter()
        .filter_map(|(t, &tf)| Some(weight(t, tf) * weight(t, *large.get(t)?)))
        .sum();
    let denom = norm(a) * norm(b);
    Some(if denom > 0.0 {
        (dot / denom) as f32
    } else {
        0.0
    })
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

/// Jaccard with one unshared element added to the union: two reports that each state one
/// number, the same one ("20"), or name one country, the same one, are weak evidence (0.5), not
/// the certainty (1.0) that plain Jaccard gives and that the same-event model, fitted on long
/// reports sharing many, would read as "same event". `None` when either set is empty.
fn jaccard(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Option<f32> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let shared = a.intersection(b).count();
    Some(shared as f32 / (a.len() + b.len() - shared + 1) as f32)
}

/// [`jaccard`] with each element weighted (by its idf): a shared rare name counts for more than a
/// shared common one. The unshared element added to the union weighs `prior` (an unseen
/// element's weight, the largest there is).
fn weighted_jaccard(
    a: &BTreeSet<String>,
    b: &BTreeSet<String>,
    weight: &dyn Fn(&str) -> f32,
    prior: f32,
) -> Option<f32> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let shared: f32 = a.intersection(b).map(|x| weight(x)).sum();
    let all: f32 = a.union(b).map(|x| weight(x)).sum::<f32>() + prior;
    Some(if all > 0.0 { shared / all } else { 0.0 })
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
            (ab.get("names_jaccard").unwrap() - 2.0 / 4.0).abs() < 1e-6,
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
        assert!(ab.products().is_empty());
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
        assert_eq!(
            ac.get("years_jaccard"),
            Some(0.5),
            "one year in common, and nothing else: half"
        );
        assert!(ac.get("names_tfidf") > ab.get("names_tfidf"));
    }

    #[test]
    fn shared_actors_count_across_scripts_once_linked() {
        let actors = |persons: &[&str], orgs: &[&str]| {
            Some(super::super::Actors {
                persons: persons.iter().map(|p| p.to_string()).collect(),
                orgs: orgs.iter().map(|o| o.to_string()).collect(),
            })
        };
        // The same two people, linked to one entity each from Arabic and Chinese names.
        let mut a = Profile::new("", "التقى لوكاشينكو وبوتين في سوتشي.", Some("ar"));
        let mut b = Profile::new("", "卢卡申科与普京在索契会晤。", Some("zh"));
        let idf = idf_of(&[&a, &b]);
        assert_eq!(
            features(&a, &b, &idf).get("persons_shared"),
            None,
            "not linked yet: unknown, not zero"
        );
        a.actors = actors(&["ent_lukashenko", "ent_putin"], &["ent_csto"]);
        b.actors = actors(&["ent_lukashenko", "ent_putin", "ent_peskov"], &[]);
        let f = features(&a, &b, &idf);
        assert_eq!(f.get("same_lang"), Some(0.0));
        assert!((f.get("persons_shared").unwrap() - 3f32.ln()).abs() < 1e-6);
        assert!((f.get("persons_jaccard").unwrap() - 2.0 / 4.0).abs() < 1e-6);
        assert_eq!(f.get("orgs_shared"), Some(0.0));
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
