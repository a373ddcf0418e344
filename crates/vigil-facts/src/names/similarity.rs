//! How alike two names sound once romanised, 0–1, whatever scripts they came from.
//!
//! Each romanised word becomes a sound key: consonants as classes (sh, ch, ts, kh… one symbol
//! each), vowels folded to a, i, u. Scripts lose different things: Arabic drops short vowels
//! and has no p, o or e; Chinese adds a vowel after every consonant ("fu-si-ka" for "vska"),
//! turns l and r into each other and palatalises t ("季" ji for "Ti"). So the distance is an
//! edit distance where vowels cost little, and consonants that scripts confuse (b/p, f/v/w,
//! t/d, k/g/h, s/z/ts/ch/j, l/r, m/n) cost less than unrelated ones.
//!
//! Whole names compare word by word when both have as many words (so "Kim Jong-un" and
//! "Kim Jong-il" differ by a whole word), as one string when they do not ("习近平" is one word,
//! "Xi Jinping" two), and a lone surname against the other name's last word, discounted.

/// One sound of a key: a consonant class (upper case) or a folded vowel (a, i, u).
type Sound = u8;

/// The sound key of one romanised word.
pub fn sound_key(word: &str) -> Vec<Sound> {
    let bytes = word.as_bytes();
    let mut key: Vec<Sound> = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let (sound, used): (&[Sound], usize) = match rest {
            [b's', b'h', b'c', b'h', ..] => (b"S", 4),
            // Russian spellings of English j and of pinyin j: "Джо", "Цзиньпин".
            [b'd', b'z', b'h', ..] => (b"J", 3),
            [b't', b's', b'z', ..] => (b"C", 3),
            [b'd', b'j', ..] => (b"J", 2),
            [b't', b's', b'c', b'h', ..] => (b"C", 4),
            [b's', b'c', b'h', ..] => (b"S", 3),
            [b'n', b'g'] => (b"N", 2),
            [b'c', b'h', ..] | [b't', b's', ..] | [b't', b'z', ..] | [b'd', b'z', ..] => (b"C", 2),
            [b's', b'h', ..] | [b'z', b'h', ..] => (b"S", 2),
            [b'k', b'h', ..] => (b"H", 2),
            [b'g', b'h', ..] => (b"G", 2),
            [b't', b'h', ..] => (b"T", 2),
            [b'd', b'h', ..] => (b"D", 2),
            [b'p', b'h', ..] => (b"F", 2),
            [b'c', b'k', ..] => (b"K", 2),
            [b'c', b'e' | b'i' | b'y', ..] => (b"C", 1),
            [b'c'] => (b"C", 1),
            // A word-initial x is pinyin ("Xi") or Greek ("Xenia"): s, not ks.
            [b'x', ..] if i == 0 => (b"S", 1),
            [b'x', ..] => (b"KS", 1),
            [b'y', next, ..] if is_vowel(*next) => (b"Y", 1),
            [b'w', next, ..] if is_vowel(*next) => (b"W", 1),
            [b'y', ..] => (b"i", 1),
            [b'w', ..] => (b"u", 1),
            [c, ..] => (single(*c), 1),
            [] => break,
        };
        for &s in sound {
            if key.last() != Some(&s) {
                key.push(s);
            }
        }
        i += used;
    }
    key
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

fn single(c: u8) -> &'static [Sound] {
    match c {
        b'a' => b"a",
        b'e' | b'i' => b"i",
        b'o' | b'u' => b"u",
        b'b' => b"B",
        b'p' => b"P",
        b'f' | b'v' => b"F",
        b'm' => b"M",
        b'n' => b"N",
        b'l' => b"L",
        b'r' => b"R",
        b't' => b"T",
        b'd' => b"D",
        b'k' | b'q' | b'c' => b"K",
        b'g' => b"G",
        b'h' => b"H",
        b's' => b"S",
        b'z' => b"Z",
        b'j' => b"J",
        _ => b"",
    }
}

/// Consonant classes that one script's spelling of a name often swaps for another's.
const NEAR: &[&[u8]] = &[
    b"BP", b"FPW", b"TD", b"KGH", b"SZCJ", b"CT", b"GJ", b"JY", b"LR", b"MN",
];

fn is_vowel_sound(s: Sound) -> bool {
    s.is_ascii_lowercase()
}

/// The cost of writing or dropping one sound: vowels and breathing sounds come and go.
fn indel(s: Sound) -> f32 {
    match s {
        _ if is_vowel_sound(s) => 0.3,
        b'H' | b'Y' | b'W' => 0.5,
        _ => 1.0,
    }
}

/// [`substitution_cost`] of every pair of sounds, computed once: the edit distance asks for
/// it in its inner loop.
static SUBSTITUTION: std::sync::LazyLock<Box<[[f32; 128]; 128]>> = std::sync::LazyLock::new(|| {
    let mut table = Box::new([[1.0; 128]; 128]);
    for a in 0..128u8 {
        for b in 0..128u8 {
            table[a as usize][b as usize] = substitution_cost(a, b);
        }
    }
    table
});

fn substitution(a: Sound, b: Sound) -> f32 {
    SUBSTITUTION[(a & 127) as usize][(b & 127) as usize]
}

fn substitution_cost(a: Sound, b: Sound) -> f32 {
    if a == b {
        return 0.0;
    }
    match (is_vowel_sound(a), is_vowel_sound(b)) {
        (true, true) => 0.3,
        (false, false) if NEAR.iter().any(|g| g.contains(&a) && g.contains(&b)) => 0.4,
        _ if matches!(
            (a, b),
            (b'Y', b'i') | (b'i', b'Y') | (b'W', b'u') | (b'u', b'W')
        ) =>
        {
            0.2
        }
        _ => 1.0,
    }
}

/// Weighted edit distance between two sound keys.
fn distance(a: &[Sound], b: &[Sound]) -> f32 {
    let (gap_a, gap_b) = (gap_costs(a), gap_costs(b));
    let mut previous: Vec<f32> = std::iter::once(0.0)
        .chain(gap_b.iter().scan(0.0, |acc, &c| {
            *acc += c;
            Some(*acc)
        }))
        .collect();
    let mut current = vec![0.0; b.len() + 1];
    for (&sa, &ga) in a.iter().zip(&gap_a) {
        current[0] = previous[0] + ga;
        for (j, (&sb, &gb)) in b.iter().zip(&gap_b).enumerate() {
            current[j + 1] = (previous[j] + substitution(sa, sb))
                .min(previous[j + 1] + ga)
                .min(current[j] + gb);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

/// What writing or dropping each sound of `key` costs where it stands: [`indel`], less for a
/// vowel between two consonants or after the last one, which scripts that spell consonant
/// clusters syllable by syllable add ("特朗普" te-lang-pu for "Trump", "Дмитрий" read by a
/// Japanese or Thai spelling) and scripts without short vowels drop.
fn gap_costs(key: &[Sound]) -> Vec<f32> {
    let consonant = |i: Option<&Sound>| i.is_some_and(|&s| !is_vowel_sound(s));
    (0..key.len())
        .map(|i| {
            let s = key[i];
            let between = i > 0
                && consonant(key.get(i - 1))
                && (i + 1 == key.len() || consonant(key.get(i + 1)));
            if is_vowel_sound(s) && between {
                EPENTHETIC_VOWEL
            } else {
                indel(s)
            }
        })
        .collect()
}

/// The cost of a vowel that may be one a script added between consonants.
const EPENTHETIC_VOWEL: f32 = 0.1;

fn weight(key: &[Sound]) -> f32 {
    key.iter().map(|&s| indel(s)).sum()
}

/// Similarity of two sound keys: 1 minus the distance over the larger key's weight.
pub fn key_similarity(a: &[Sound], b: &[Sound]) -> f32 {
    let most = weight(a).max(weight(b));
    if most == 0.0 {
        return if a == b { 1.0 } else { 0.0 };
    }
    (1.0 - distance(a, b) / most).max(0.0)
}

/// A name ready to compare: its romanised words' sound keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameKey {
    pub words: Vec<Vec<Sound>>,
}

impl NameKey {
    /// The key of a romanised name (see [`super::romanize`]).
    pub fn of_romanized(latin: &str) -> NameKey {
        NameKey {
            words: latin
                .split(' ')
                .map(sound_key)
                .filter(|k| !k.is_empty())
                .collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    fn joined(&self) -> Vec<Sound> {
        let mut all: Vec<Sound> = Vec::new();
        for word in &self.words {
            for &s in word {
                if all.last() != Some(&s) {
                    all.push(s);
                }
            }
        }
        all
    }

    /// How many consonant sounds the longest word has: a lone short word ("Kim", "Li") says
    /// little about who is meant.
    pub fn longest_word_consonants(&self) -> usize {
        self.words
            .iter()
            .map(|w| w.iter().filter(|s| !is_vowel_sound(**s)).count())
            .max()
            .unwrap_or(0)
    }
}

/// How alike a lone word is to any one word of a longer name, discounted as a part: within one
/// report, "Mohammed" after "Mohammed Farhat" is him, whichever word it repeats.
pub fn part_similarity(lone: &NameKey, name: &NameKey) -> f32 {
    match lone.words.as_slice() {
        [word] if name.words.len() > 1 => {
            name.words
                .iter()
                .map(|w| key_similarity(word, w))
                .fold(0.0, f32::max)
                * PART_DISCOUNT
        }
        _ => 0.0,
    }
}

/// The most sounds of a family name written first that a lone word may match: one syllable
/// ("Xi", "Kim", "Li", "Park").
const FAMILY_NAME_FIRST_SOUNDS: usize = 3;

/// A lone word matched to one word of a longer name counts for this much of a full match.
const PART_DISCOUNT: f32 = 0.92;

/// Articles some scripts write and others drop: "الفلوجة" is al-Fallujah or Fallujah.
const ARTICLES: &[&[Sound]] = &[b"aL", b"iL"];

impl NameKey {
    /// The name without the articles before its words; a last word is never one ("Il" of
    /// "Kim Jong-il" is a name, not the Italian or Arabic article).
    fn without_articles(&self) -> Option<NameKey> {
        let last = self.words.len().saturating_sub(1);
        let words: Vec<Vec<Sound>> = self
            .words
            .iter()
            .enumerate()
            .filter(|(i, w)| *i == last || !ARTICLES.contains(&w.as_slice()))
            .map(|(_, w)| w.clone())
            .collect();
        (words.len() < self.words.len() && !words.is_empty()).then_some(NameKey { words })
    }
}

/// How alike two names are, 0–1, with or without their articles.
pub fn name_similarity(a: &NameKey, b: &NameKey) -> f32 {
    let plain = compare(a, b);
    match (a.without_articles(), b.without_articles()) {
        (None, None) => plain,
        (sa, sb) => plain.max(compare(sa.as_ref().unwrap_or(a), sb.as_ref().unwrap_or(b))),
    }
}

fn compare(a: &NameKey, b: &NameKey) -> f32 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let whole = key_similarity(&a.joined(), &b.joined());
    if a.words.len() == b.words.len() && a.words.len() > 1 {
        // Word by word, in order or reversed (family name first in Chinese, Korean, Hungarian).
        let in_order = word_by_word(&a.words, b.words.iter());
        let reversed = word_by_word(&a.words, b.words.iter().rev());
        return in_order.max(reversed);
    }
    let (short, long) = if a.words.len() <= b.words.len() {
        (a, b)
    } else {
        (b, a)
    };
    if short.words.len() == 1 && long.words.len() > 1 {
        // A surname alone against a full name: its last word, or its first when that is a
        // one-syllable family name written first (Chinese, Korean: "Xi" of "Xi Jinping").
        // A longer first word is a given name ("Muhammad", "Vladimir"), which says little.
        let word = &short.words[0];
        let last = key_similarity(word, &long.words[long.words.len() - 1]);
        let first = if long.words[0].len() <= FAMILY_NAME_FIRST_SOUNDS {
            key_similarity(word, &long.words[0])
        } else {
            0.0
        };
        return whole.max(last.max(first) * PART_DISCOUNT);
    }
    whole
}

/// A word that does not match caps the whole name this far above its own similarity: "Jong-un"
/// and "Jong-il" share most sounds, but "un" is not "il".
const WORST_WORD_MARGIN: f32 = 0.3;

/// The words' similarities averaged by their weight, capped by the worst word's.
fn word_by_word<'a>(a: &[Vec<Sound>], b: impl Iterator<Item = &'a Vec<Sound>>) -> f32 {
    let mut total = 0.0;
    let mut weights = 0.0;
    let mut worst = 1.0_f32;
    for (wa, wb) in a.iter().zip(b) {
        let w = weight(wa).max(weight(wb));
        let s = key_similarity(wa, wb);
        total += s * w;
        weights += w;
        worst = worst.min(s);
    }
    if weights == 0.0 {
        0.0
    } else {
        (total / weights).min(worst + WORST_WORD_MARGIN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::names::romanize;

    fn sim(a: &str, b: &str) -> f32 {
        name_similarity(
            &NameKey::of_romanized(&romanize(a)),
            &NameKey::of_romanized(&romanize(b)),
        )
    }

    #[test]
    fn one_name_in_four_scripts_is_close() {
        for other in ["Лукашенко", "لوكاشينكو", "卢卡申科", "ลูกาเชนโก"]
        {
            let s = sim("Lukashenko", other);
            assert!(s >= 0.8, "{other}: {s}");
        }
    }

    #[test]
    fn different_names_are_far() {
        assert!(sim("Lukashenko", "Латушко") < 0.7);
        assert!(sim("Kim Jong-un", "Kim Jong-il") < 0.8);
        assert!(sim("Mohammed bin Salman", "Mohammed bin Zayed") < 0.8);
        assert!(sim("Macron", "Merkel") < 0.6);
    }

    #[test]
    fn similarity_is_symmetric_and_bounded() {
        let names = [
            "Lukashenko",
            "卢卡申科",
            "Xi Jinping",
            "习近平",
            "Ким Чен Ын",
            "",
        ];
        for a in names {
            for b in names {
                let (ab, ba) = (sim(a, b), sim(b, a));
                assert!(
                    (ab - ba).abs() < 1e-6 && (0.0..=1.0).contains(&ab),
                    "{a} {b}"
                );
            }
        }
    }
}
