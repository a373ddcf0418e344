//! Normalisation for matching: NFKC, case folding, per-script folding (Arabic letters and
//! diacritics, Hebrew points, Latin and Greek accents) and every script's digits to ASCII,
//! with a map back to the original byte offsets. The original text is never changed.
//!
//! The text is cut into *clusters*: a character plus the combining marks that follow it (and
//! Hangul jamo that compose with it). NFKC never looks across clusters, so each cluster is
//! normalised on its own and every byte of the output knows the cluster it came from. Then
//! each [`CharNormalizer`] step (`NORMALIZERS`) rewrites the cluster's characters in turn.

use std::ops::Range;
use std::sync::LazyLock;

use unicode_normalization::char::{
    canonical_combining_class, compose, decompose_compatible, is_combining_mark,
};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfkc_quick};

mod arabic;
mod case;
mod digits;
mod hebrew;
mod latin;

/// A matching form of some text and the map back to it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Normalized {
    pub text: String,
    /// For each byte of `text`, the index in `clusters` of the original cluster it came from.
    map: Vec<u32>,
    /// Byte ranges of the original's clusters (a character and the marks that follow it).
    clusters: Vec<(u32, u32)>,
    original_len: usize,
}

impl Normalized {
    /// The original byte range that normalised range `start..end` came from.
    ///
    /// It always lies on character boundaries of the original: a normalised character made
    /// from several original characters (`e` + U+0301) maps to all of them, several made from
    /// one (`ﬁ` → `fi`) map to that one. Out-of-range or inverted input is clamped.
    pub fn original_range(&self, start: usize, end: usize) -> (usize, usize) {
        let len = self.text.len();
        let start = start.min(len);
        let end = end.clamp(start, len);
        let cluster = |byte: usize| {
            let index = self.map.get(byte).copied().unwrap_or(0) as usize;
            self.clusters.get(index).copied().unwrap_or((0, 0))
        };
        if start == end {
            let at = if start < len {
                cluster(start).0 as usize
            } else {
                self.original_len
            };
            return (at, at);
        }
        (cluster(start).0 as usize, cluster(end - 1).1 as usize)
    }

    fn push_cluster(&mut self, original: Range<usize>, chars: &[char]) {
        let index = u32::try_from(self.clusters.len()).unwrap_or(u32::MAX);
        self.clusters
            .push((offset(original.start), offset(original.end)));
        for &c in chars {
            self.text.push(c);
            self.map.extend(std::iter::repeat_n(index, c.len_utf8()));
        }
    }
}

fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// One folding step for one script or kind of character.
pub trait CharNormalizer: Sync + Send {
    /// Pushes the normalised form of `c` to `out`: nothing removes it, several characters
    /// expand it.
    fn normalize_char(&self, c: char, out: &mut Vec<char>);

    /// Whether this step may change `c`; the pipeline skips it (and copies `c`) otherwise.
    fn should_normalize(&self, c: char) -> bool {
        let _ = c;
        true
    }
}

/// The steps after NFKC, in order: case first (so later steps see lower case), then accents
/// and points, then letter folding, then digits.
pub(crate) static NORMALIZERS: &[&dyn CharNormalizer] = &[
    &case::CaseFolding,
    &latin::LatinGreekAccents,
    &hebrew::HebrewPoints,
    &arabic::ArabicFolding,
    &digits::DecimalDigits,
];

/// Normalises `text` for matching.
pub fn normalize(text: &str) -> Normalized {
    let mut out = Normalized {
        text: String::with_capacity(text.len()),
        map: Vec::with_capacity(text.len()),
        clusters: Vec::with_capacity(text.len()),
        original_len: text.len(),
    };
    let mut current = Vec::new();
    let mut next = Vec::new();
    for range in clusters(text) {
        let Some(cluster) = text.get(range.clone()) else {
            continue;
        };
        let mut chars = cluster.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            if c.is_ascii() {
                out.push_cluster(range, &[c.to_ascii_lowercase()]);
                continue;
            }
            if CharClass::of(c).unchanged {
                out.push_cluster(range, &[c]);
                continue;
            }
        }
        if is_stable(cluster) {
            current.clear();
            current.extend(cluster.chars());
            out.push_cluster(range, &current);
            continue;
        }
        current.clear();
        if is_nfkc_quick(cluster.chars()) == IsNormalized::Yes {
            current.extend(cluster.chars());
        } else {
            current.extend(cluster.nfkc());
        }
        for step in NORMALIZERS {
            if !current.iter().any(|&c| step.should_normalize(c)) {
                continue;
            }
            next.clear();
            for &c in &current {
                if step.should_normalize(c) {
                    step.normalize_char(c, &mut next);
                } else {
                    next.push(c);
                }
            }
            std::mem::swap(&mut current, &mut next);
        }
        out.push_cluster(range, &current);
    }
    out
}

/// Byte ranges of clusters: a character and everything NFKC may combine with it.
fn clusters(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut chars = text.char_indices().peekable();
    std::iter::from_fn(move || {
        let (start, first) = chars.next()?;
        let mut end = start + first.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if CharClass::of(c).starts_cluster {
                break;
            }
            end = i + c.len_utf8();
            chars.next();
        }
        Some(start..end)
    })
}

/// Whether nothing changes `cluster`: each character is unchanged alone, and none composes
/// with an earlier one or is out of canonical order (Thai, Devanagari or Burmese syllables,
/// Arabic letters with harakat are mostly like this; the full NFKC is much slower).
fn is_stable(cluster: &str) -> bool {
    // The check is quadratic in the cluster: long ones (a letter under a pile of marks, as
    // in "zalgo" text) take the NFKC path instead.
    if cluster.len() > 64 {
        return false;
    }
    let mut previous_class = 0;
    for (i, c) in cluster.char_indices() {
        if !CharClass::of(c).unchanged {
            return false;
        }
        let class = canonical_combining_class(c);
        if class != 0 && class < previous_class {
            return false;
        }
        previous_class = class;
        if cluster[..i]
            .chars()
            .any(|earlier| compose(earlier, c).is_some())
        {
            return false;
        }
    }
    true
}

/// What the pipeline needs to know of a character before looking closer.
#[derive(Clone, Copy)]
struct CharClass {
    /// Never combines with what precedes it.
    starts_cluster: bool,
    /// Alone, neither NFKC nor any step changes it (most letters of most scripts).
    unchanged: bool,
}

impl CharClass {
    /// From a table of the Basic Multilingual Plane built on first use (the checks behind
    /// it are a dozen table searches per character: too slow to repeat for every character of
    /// every report), and computed directly above it.
    fn of(c: char) -> CharClass {
        static BMP: LazyLock<Vec<u8>> = LazyLock::new(|| {
            (0..=0xFFFF_u32)
                .map(|u| char::from_u32(u).map_or(0, |c| CharClass::compute(c).to_bits()))
                .collect()
        });
        match BMP.get(c as usize) {
            Some(&bits) => CharClass::from_bits(bits),
            None => CharClass::compute(c),
        }
    }

    fn compute(c: char) -> CharClass {
        let starts_cluster = c.is_ascii() || {
            let hangul_vowel_or_final =
                matches!(c, '\u{1161}'..='\u{1175}' | '\u{11A8}'..='\u{11C2}');
            // Half-width sound marks (ﾟ) become combining ones under NFKC.
            let mut first = None;
            decompose_compatible(c, |d| {
                first.get_or_insert(d);
            });
            let first = first.unwrap_or(c);
            canonical_combining_class(first) == 0
                && !is_combining_mark(c)
                && !is_combining_mark(first)
                && !hangul_vowel_or_final
        };
        let unchanged = is_nfkc_quick(std::iter::once(c)) == IsNormalized::Yes
            && c.nfkc().eq(std::iter::once(c))
            && NORMALIZERS.iter().all(|step| !step.should_normalize(c));
        CharClass {
            starts_cluster,
            unchanged,
        }
    }

    fn to_bits(self) -> u8 {
        u8::from(self.starts_cluster) | (u8::from(self.unchanged) << 1)
    }

    fn from_bits(bits: u8) -> CharClass {
        CharClass {
            starts_cluster: bits & 1 != 0,
            unchanged: bits & 2 != 0,
        }
    }
}

/// The test every normalizer must pass: examples of its script normalised through the whole
/// pipeline, then the offset-map properties over its script's characters.
#[cfg(test)]
macro_rules! test_normalizer {
    ($name:ident, $alphabet:expr, [$(($text:expr, $expected:expr)),* $(,)?]) => {
        #[test]
        fn $name() {
            let cases: &[(&str, &str)] = &[$(($text, $expected)),*];
            for (text, expected) in cases {
                let normalized = $crate::normalize::normalize(text);
                assert_eq!(&normalized.text, expected, "normalising {text:?}");
                $crate::normalize::check_map(text, &normalized).unwrap();
            }
        }

        mod properties {
            use proptest::prelude::*;

            proptest! {
                // Failures are kept as explicit examples in the tests, not in files.
                #![proptest_config(ProptestConfig { failure_persistence: None, ..ProptestConfig::default() })]

                #[test]
                fn map_points_into_the_original(text in $alphabet) {
                    let normalized = $crate::normalize::normalize(&text);
                    prop_assert_eq!($crate::normalize::check_map(&text, &normalized), Ok(()));
                }
            }
        }
    };
}
#[cfg(test)]
pub(crate) use test_normalizer;

/// What the offset map must guarantee: each normalised character maps to a non-decreasing,
/// non-empty range on the original's char boundaries, and normalising that original range on
/// its own gives back the character.
#[cfg(test)]
pub(crate) fn check_map(original: &str, normalized: &Normalized) -> Result<(), String> {
    let mut previous = 0;
    for (start, c) in normalized.text.char_indices() {
        let (a, b) = normalized.original_range(start, start + c.len_utf8());
        let Some(source) = original.get(a..b) else {
            return Err(format!(
                "{c:?} maps to {a}..{b}, not char boundaries of {original:?}"
            ));
        };
        if a >= b || a < previous {
            return Err(format!("{c:?} maps to {a}..{b} after {previous}"));
        }
        if !normalize(source).text.contains(c) {
            return Err(format!("{c:?} maps to {source:?}, which does not give it"));
        }
        previous = a;
    }
    let (a, b) = normalized.original_range(0, normalized.text.len());
    if original.get(a..b).is_none()
        || normalized.original_range(9999, 1) != (original.len(), original.len())
    {
        return Err("whole or clamped range off".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_expansions_and_contractions() {
        let n = normalize("ﬁne e\u{301}té");
        assert_eq!(n.text, "fine ete");
        assert_eq!(
            n.original_range(0, 1),
            (0, 3),
            "f of ﬁ maps to the whole ligature"
        );
        assert_eq!(
            n.original_range(5, 6),
            (6, 9),
            "e comes from e + combining acute"
        );
        assert_eq!(
            n.original_range(0, n.text.len()),
            (0, "ﬁne e\u{301}té".len())
        );
    }

    #[test]
    fn removed_characters_fall_outside_ranges() {
        let text = "مـحـمـد";
        let n = normalize(text);
        assert_eq!(n.text, "محمد");
        let (a, b) = n.original_range(0, 2);
        assert_eq!(&text[a..b], "م");
        assert_eq!(n.original_range(0, n.text.len()), (0, text.len()));
    }

    #[test]
    fn mixed_report_line() {
        let text = "ＵＮ：أكثر من ٧٬٠٠٠ معتقل في مينسك — СООБЩАЕТ ООН, ๒๕๖๓";
        let n = normalize(text);
        assert_eq!(
            n.text,
            "un:اكثر من 7٬000 معتقل في مينسك — сообщает оон, 2563"
        );
        check_map(text, &n).unwrap();
    }

    #[test]
    fn char_class_table_matches_direct_computation() {
        for u in (0..=0xFFFF_u32).step_by(7) {
            let Some(c) = char::from_u32(u) else { continue };
            let (table, direct) = (CharClass::of(c), CharClass::compute(c));
            assert_eq!(table.to_bits(), direct.to_bits(), "U+{u:04X}");
        }
        assert!(CharClass::of('ก').unchanged);
        assert!(!CharClass::of('أ').unchanged);
        assert!(!CharClass::of('\u{0301}').starts_cluster);
    }

    #[test]
    fn full_and_half_width_forms() {
        assert_eq!(
            normalize("ＵＮ　２０２０ ｶﾀｶﾅ ﾊﾟ").text,
            "un 2020 カタカナ パ"
        );
    }

    #[test]
    fn a_letter_under_many_marks() {
        let text = format!("a{}b", "\u{0301}\u{0316}".repeat(20_000));
        assert_eq!(normalize(&text).text, "ab");
    }

    #[test]
    fn empty() {
        let n = normalize("");
        assert_eq!(n.text, "");
        assert_eq!(n.original_range(0, 0), (0, 0));
    }

    mod any_text {
        crate::normalize::test_normalizer!(any_text, "\\PC{0,40}", [("", "")]);
    }
}
