//! Names that translate rather than transliterate: "Civic Renewal Movement", "Movimiento de
//! Renovación Cívica" and "协调委员会" ("Coordination Council") sound nothing alike, but a
//! multilingual sentence encoder puts each next to its translations. The caller (the engine,
//! which runs the encoders) gives organisation and place mentions that vector; the linker
//! keeps one per entity and, when no name sounds close, links a name to an entity whose
//! vector is close *and* that the document's context already points to (it has been named
//! beside places or bodies this document names too). Without the context, short generic
//! names ("Interior Ministry") of different countries would merge.

use serde::{Deserialize, Serialize};

/// How close two names' vectors must be to be one entity's name in two languages. Measured
/// with the Universal Sentence Encoder (multilingual) on organisation and place names and
/// their translations: translations 0.51–0.97 (median 0.86), different bodies named side by
/// side up to 0.74 ("Interior Ministry" and "Foreign Ministry"); see the README.
pub const TRANSLATION_THRESHOLD: f32 = 0.8;

/// A name's vector as an entity keeps it: unit length, quantised to `i8` (a few hundred bytes
/// in the stored record, not kilobytes of decimals).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meaning(pub Vec<i8>);

impl Meaning {
    /// `None` for an empty or zero vector.
    pub fn of(vector: &[f32]) -> Option<Meaning> {
        let norm = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
        if vector.is_empty() || norm == 0.0 || !norm.is_finite() {
            return None;
        }
        Some(Meaning(
            vector
                .iter()
                .map(|x| (x / norm * 127.0).round().clamp(-127.0, 127.0) as i8)
                .collect(),
        ))
    }

    /// The cosine of two meanings; 0 when their widths differ (vectors of another encoder).
    pub fn cosine(&self, other: &Meaning) -> f32 {
        if self.0.len() != other.0.len() {
            return 0.0;
        }
        let dot = |a: &[i8], b: &[i8]| -> i64 {
            a.iter()
                .zip(b)
                .map(|(&x, &y)| i64::from(x) * i64::from(y))
                .sum()
        };
        let (ab, aa, bb) = (
            dot(&self.0, &other.0),
            dot(&self.0, &self.0),
            dot(&other.0, &other.0),
        );
        if aa == 0 || bb == 0 {
            return 0.0;
        }
        (ab as f64 / ((aa as f64).sqrt() * (bb as f64).sqrt())) as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantised_cosine_is_close_to_the_real_one() {
        let a = [0.3_f32, -0.2, 0.9, 0.1];
        let b = [0.25_f32, -0.1, 0.95, -0.05];
        let real = a.iter().zip(&b).map(|(x, y)| x * y).sum::<f32>()
            / (a.iter().map(|x| x * x).sum::<f32>().sqrt()
                * b.iter().map(|x| x * x).sum::<f32>().sqrt());
        let q = Meaning::of(&a).unwrap().cosine(&Meaning::of(&b).unwrap());
        assert!((q - real).abs() < 0.01, "{q} vs {real}");
        assert!(Meaning::of(&[0.0, 0.0]).is_none());
        assert!(Meaning::of(&[]).is_none());
        assert_eq!(Meaning::of(&a).unwrap().cosine(&Meaning(vec![1, 2])), 0.0);
    }
}
