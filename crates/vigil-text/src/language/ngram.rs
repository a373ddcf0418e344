//! Character n-gram model for the scripts several languages share (Latin, Cyrillic, Arabic,
//! Devanagari).
//!
//! Each language is a Markov chain over the letters of a word: P(letter | up to three letters
//! before it), backing off to shorter contexts ("stupid backoff") when the longer one was not
//! seen. The language whose chain gives the text the highest log-likelihood wins, where a
//! capitalised word costs a language at most [`WORD_CAP`] nats more than it costs the best
//! language for that word: names are often spelt in another language than the text around them.
//!
//! Training data: `ngrams.bin.gz`, built by `scripts/build-language-model.py` from the n-gram
//! counts shipped in the PyPI package `lingua-language-detector` 1.3.5 (Apache-2.0), which were
//! counted on the Leipzig Corpora Collection (news, web, Wikipedia). Nothing from the Universal
//! Declaration of Human Rights, on which the detector is evaluated. Azerbaijani in Cyrillic is
//! its Latin model transliterated. The script's header describes the file format.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::Read;
use std::sync::LazyLock;

use super::script::{Script, script_of};

/// The model, decompressed and indexed once per process.
pub(crate) static MODEL: LazyLock<Option<NgramModel>> = LazyLock::new(|| {
    let bytes = include_bytes!("ngrams.bin.gz");
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(&bytes[..])
        .read_to_end(&mut raw)
        .ok()?;
    NgramModel::parse(&raw)
});

/// Languages of each shared script, in the order of the script ids of the model file
/// (0 Latin, 1 Cyrillic, 2 Arabic, 3 Devanagari); the model file must contain each of them.
pub(crate) const SHARED_SCRIPTS: [(Script, &[&str]); 4] = [
    (
        Script::Latin,
        &[
            "af", "sq", "az", "eu", "bs", "ca", "hr", "cs", "da", "nl", "en", "eo", "et", "fi",
            "fr", "lg", "de", "hu", "is", "id", "ga", "it", "la", "lv", "lt", "ms", "mi", "nb",
            "nn", "pl", "pt", "ro", "sn", "sk", "sl", "so", "st", "es", "sw", "sv", "tl", "tn",
            "tr", "ts", "vi", "cy", "xh", "yo", "zu",
        ],
    ),
    (
        Script::Cyrillic,
        &["be", "bg", "kk", "mk", "mn", "ru", "sr", "uk", "az"],
    ),
    (Script::Arabic, &["ar", "fa", "ur"]),
    (Script::Devanagari, &["hi", "mr"]),
];

/// Log-probability given to a letter a language has never been seen to use.
const UNSEEN: f32 = -12.0;
/// Log of the stupid-backoff factor paid for each order the context is shortened by.
const BACKOFF: f32 = -0.9;
/// A language trailing the best one by this many nats (odds of e^25 to one) is dropped: the
/// rest of a paragraph will not bring it back. Scoring stops when one language is left. This
/// keeps a 300-character paragraph well within the pipeline's time budget, since the few
/// languages left usually all know the longest n-gram and no shorter one need be looked up.
const HOPELESS_GAP: f32 = 25.0;
/// Letters scored at most: by then the answer is as good as it gets, and a whole document (or a
/// language no model knows, where no candidate ever pulls away) must not cost more.
const MAX_LETTERS: usize = 400;
/// How often (in letters) the candidates are pruned, at the next end of a word.
const CHECK_EVERY: usize = 16;
/// The most one capitalised word can cost a language against the language that reads it best
/// (odds of about 400 to one): it may be a name, spelt in another language than the text. A
/// lowercase word counts in full: it is the text's own language speaking.
const WORD_CAP: f32 = 6.0;

/// Hashes of n-grams are already well mixed: the map uses them as they are.
#[derive(Default)]
struct PassThrough(u64);

impl Hasher for PassThrough {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u32(&mut self, n: u32) {
        // The map takes its control bits from the top of the hash, its bucket from the bottom.
        self.0 = u64::from(n) << 32 | u64::from(n);
    }
}

pub(crate) struct NgramModel {
    /// Model languages, by index in the file.
    langs: Vec<&'static str>,
    max_order: usize,
    /// 32-bit n-gram hash → start in `entries` << 8 | number of entries. Four bytes each way
    /// keep the table small enough for the cache; a collision between two n-grams is rare
    /// (a few among the model's quarter million) and only blurs one n-gram's statistics.
    index: HashMap<u32, u32, BuildHasherDefault<PassThrough>>,
    /// Language index << 8 | q, where log P(last letter | the letters before it) = -q / 10.
    /// Packed in two bytes so that the whole model stays small in cache.
    entries: Vec<u16>,
    /// For each shared script, the bit set of its languages' indices.
    candidates: Vec<(Script, u64)>,
}

/// Scores of one text under the languages of its script.
pub(crate) struct Scores {
    /// (language, log-likelihood), best first, without the languages dropped on the way.
    pub(crate) ranked: Vec<(&'static str, f32)>,
    /// Mean log-likelihood per letter of the best language, uncapped: around -2 nats for text
    /// in that language, below -3.5 for text in a language the model does not know.
    fit: f32,
}

impl Scores {
    pub(crate) fn fit(&self) -> f32 {
        self.fit
    }
}

fn hash_ngram(chars: &[char]) -> u32 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &c in chars {
        h = (h ^ u64::from(c as u32)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h ^= chars.len() as u64;
    // Finaliser (murmur3): spreads every input bit over the low bits the map indexes with.
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    (h >> 32) as u32
}

impl NgramModel {
    fn parse(raw: &[u8]) -> Option<NgramModel> {
        let mut r = Reader { raw, pos: 0 };
        if r.take(4)? != b"VLID" || r.u8()? != 2 {
            return None;
        }
        let max_order = usize::from(r.u8()?);
        let n_langs = usize::from(r.u8()?);
        if n_langs > 64 {
            return None;
        }
        let mut langs = Vec::with_capacity(n_langs);
        let mut candidates: Vec<(Script, u64)> =
            SHARED_SCRIPTS.iter().map(|(s, _)| (*s, 0)).collect();
        for i in 0..n_langs {
            let code = std::str::from_utf8(r.take(2)?).ok()?;
            let (script, codes) = SHARED_SCRIPTS.get(usize::from(r.u8()?))?;
            langs.push(*codes.iter().find(|l| **l == code)?);
            candidates.iter_mut().find(|(s, _)| s == script)?.1 |= 1 << i;
        }
        let n = r.u32()? as usize;
        let mut index = HashMap::with_capacity_and_hasher(n, BuildHasherDefault::default());
        let mut entries = Vec::with_capacity(n * 3);
        let mut chars = Vec::with_capacity(8);
        for _ in 0..n {
            let len = usize::from(r.u8()?);
            let ngram = std::str::from_utf8(r.take(len)?).ok()?;
            chars.clear();
            chars.extend(ngram.chars());
            let count = usize::from(r.u8()?);
            let start = entries.len();
            for _ in 0..count {
                let lang = r.u8()?;
                let q = r.u8()?;
                if usize::from(lang) >= n_langs {
                    return None;
                }
                entries.push(u16::from(lang) << 8 | u16::from(q));
            }
            let start = u32::try_from(start).ok().filter(|s| *s < 1 << 24)?;
            index.insert(hash_ngram(&chars), start << 8 | count as u32);
        }
        Some(NgramModel {
            langs,
            max_order,
            index,
            entries,
            candidates,
        })
    }

    /// Whether `lang` is one of the model's languages for `script`.
    #[cfg(test)]
    pub(crate) fn knows(&self, script: Script, lang: &str) -> bool {
        let mask = self
            .candidates
            .iter()
            .find(|(s, _)| *s == script)
            .map_or(0, |c| c.1);
        (0..self.langs.len()).any(|i| mask & (1 << i) != 0 && self.langs[i] == lang)
    }

    /// Scores the words of `text` written in `script` under each language of that script.
    /// Letters of other scripts (a Latin acronym in Cyrillic text) are skipped.
    pub(crate) fn score(&self, text: &str, script: Script) -> Option<Scores> {
        let mut candidates = self.candidates.iter().find(|(s, _)| *s == script)?.1;
        if candidates == 0 {
            return None;
        }
        let mut race = Race::default();
        let mut window: [char; 8] = ['\0'; 8];
        let max_order = self.max_order.clamp(1, window.len());
        let mut in_word = 0usize;
        let mut letters = 0usize;
        let mut since_check = 0usize;
        // Whether the current word starts with a capital: see [`WORD_CAP`].
        let mut capitalised = true;
        'text: for c in text.chars() {
            if script_of(c) != Some(script) || is_untrained_mark(c) {
                if in_word > 0 {
                    in_word = 0;
                    race.end_word(candidates, capitalised);
                    if since_check >= CHECK_EVERY {
                        since_check = 0;
                        candidates = race.still_in_the_race(candidates);
                        if candidates.count_ones() == 1 {
                            break 'text;
                        }
                    }
                }
                continue;
            }
            if in_word == 0 {
                // Names are capitalised; a caseless script (Arabic) cannot tell them apart.
                capitalised = !c.is_lowercase();
            }
            for lower in c.to_lowercase() {
                // "İ" lowercases to "i" + U+0307: the dot is part of the "i" (Turkish writes
                // "İstanbul", "istanbul"), not a letter of its own no language was trained on.
                if is_untrained_mark(lower) {
                    continue;
                }
                window.copy_within(1.., 0);
                window[window.len() - 1] = lower;
                in_word += 1;
                letters += 1;
                since_check += 1;
                let orders = in_word.min(max_order);
                let mut done = 0u64;
                for order in (1..=orders).rev() {
                    let ngram = &window[window.len() - order..];
                    let Some(&slot) = self.index.get(&hash_ngram(ngram)) else {
                        continue;
                    };
                    let start = (slot >> 8) as usize;
                    let end = start + (slot & 0xFF) as usize;
                    let penalty = BACKOFF * (orders - order) as f32;
                    for &entry in self.entries.get(start..end).unwrap_or_default() {
                        let lang = usize::from(entry >> 8);
                        let bit = 1u64 << lang;
                        if candidates & bit != 0 && done & bit == 0 {
                            done |= bit;
                            race.word[lang] += penalty - f32::from(entry as u8) * 0.1;
                        }
                    }
                    if done == candidates {
                        break;
                    }
                }
                let mut missing = candidates & !done;
                while missing != 0 {
                    let lang = missing.trailing_zeros() as usize;
                    missing &= missing - 1;
                    race.word[lang] += UNSEEN + BACKOFF * (orders - 1) as f32;
                }
                if letters >= MAX_LETTERS {
                    break 'text;
                }
            }
        }
        race.end_word(candidates, capitalised);
        if letters == 0 {
            return None;
        }
        // Languages dropped on the way are out of the ranking: their scores stopped counting.
        let mut ranked: Vec<(&'static str, f32)> = (0..self.langs.len())
            .filter(|i| candidates & (1 << i) != 0)
            .map(|i| (self.langs[i], race.capped[i]))
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        let fit = ranked
            .first()
            .and_then(|(best, _)| self.langs.iter().position(|l| l == best))
            .map_or(f32::NEG_INFINITY, |i| race.raw[i] / letters as f32);
        Some(Scores { ranked, fit })
    }
}

/// Running log-likelihoods of the candidate languages, word by word.
///
/// A capitalised word weighs at most [`WORD_CAP`] nats against a language: news text is full of
/// names ("Jakarta", "Lopez Obrador", "Commerzbank") whose spelling belongs to another language
/// than the sentence around them, and uncapped, two of them at the start of an English report
/// put English 25 nats behind Indonesian and out of the race before its first English word.
struct Race {
    /// The current word's log-likelihood per language.
    word: [f32; 64],
    /// Sum over the finished words of each word's log-likelihood, capped.
    capped: [f32; 64],
    /// The same, uncapped: how well the text fits the language, for [`Scores::fit`].
    raw: [f32; 64],
}

impl Default for Race {
    fn default() -> Self {
        Race {
            word: [0.0; 64],
            capped: [0.0; 64],
            raw: [0.0; 64],
        }
    }
}

impl Race {
    /// Adds the finished word to the candidates' scores, and starts the next one.
    fn end_word(&mut self, candidates: u64, capitalised: bool) {
        let cap = if capitalised { WORD_CAP } else { f32::INFINITY };
        let best = best_of(&self.word, candidates);
        let mut bits = candidates;
        while bits != 0 {
            let lang = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            let word = std::mem::take(&mut self.word[lang]);
            self.raw[lang] += word;
            self.capped[lang] += word.max(best - cap);
        }
    }

    /// The candidates within [`HOPELESS_GAP`] of the best one.
    fn still_in_the_race(&self, candidates: u64) -> u64 {
        let best = best_of(&self.capped, candidates);
        let mut kept = 0;
        let mut bits = candidates;
        while bits != 0 {
            let lang = bits.trailing_zeros() as usize;
            bits &= bits - 1;
            if self.capped[lang] > best - HOPELESS_GAP {
                kept |= 1 << lang;
            }
        }
        kept
    }
}

/// The highest of `scores` among `candidates`.
fn best_of(scores: &[f32; 64], candidates: u64) -> f32 {
    let mut best = f32::NEG_INFINITY;
    let mut bits = candidates;
    while bits != 0 {
        best = best.max(scores[bits.trailing_zeros() as usize]);
        bits &= bits - 1;
    }
    best
}

/// Combining marks the training data has no n-grams across (it counted runs of letters only):
/// Devanagari vowel signs and virama, Arabic harakat and tatweel, Cyrillic titlo, stray Latin
/// accents. The scorer breaks words at them as the counts did: "इसके" is scored as "इसक".
fn is_untrained_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0610..=0x061A
        | 0x0640
        | 0x064B..=0x065F
        | 0x0670
        | 0x06D6..=0x06DC
        | 0x06DF..=0x06E8
        | 0x06EA..=0x06ED
        | 0x08D3..=0x08FF
        | 0x0900..=0x0903
        | 0x093A..=0x093C
        | 0x093E..=0x094F
        | 0x0951..=0x0957
        | 0x0962..=0x0963)
}

struct Reader<'a> {
    raw: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let slice = self.raw.get(self.pos..self.pos.checked_add(n)?)?;
        self.pos += n;
        Some(slice)
    }
    fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Bug: "İ" lowercases to "i" followed by a combining dot (U+0307), which was scored as a
    /// letter no language has, and cut every n-gram across it: "İstanbul" read as badly as a
    /// foreign word to the Turkish model.
    #[test]
    fn dotted_capital_i_is_read_as_i() {
        let model = MODEL.as_ref().expect("the n-gram model loads");
        let score = |text: &str| {
            let scores = model
                .score(text, Script::Latin)
                .expect("Latin text is scored");
            scores
                .ranked
                .iter()
                .find(|(l, _)| *l == "tr")
                .map(|(_, s)| *s)
        };
        let dotted = score("İstanbul İzmir İçişleri");
        assert!(dotted.is_some());
        // "I" lowercases to a plain "i": the same words, the same score.
        assert_eq!(dotted, score("Istanbul Izmir Içişleri"));
    }
}
