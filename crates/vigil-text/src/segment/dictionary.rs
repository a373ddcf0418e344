//! The word lists ICU ships for scripts written without spaces (Thai, Lao, Khmer, Burmese,
//! Chinese/Japanese), read straight from `icu_segmenter`'s compiled data.
//!
//! ICU4X's own dictionary segmenter takes the longest match from the left and breaks inside
//! syllables when a word is missing (`เบลารุส` came out as `เบลา|รุ|สสั่|…`), so Vigil only
//! borrows the word lists and does its own search (see `cluster.rs` and `japanese.rs`).

use icu_provider::prelude::*;
use icu_segmenter::provider::{
    Baked, DictionaryBreakData, SegmenterDictionaryAutoV2, SegmenterDictionaryExtendedV2,
};

/// One of ICU's dictionaries, borrowed from data compiled into the binary.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Dictionary {
    data: &'static DictionaryBreakData<'static>,
}

impl Dictionary {
    /// Thai, Lao, Khmer and Burmese word lists (`thaidict`, `laodict`, `khmerdict`,
    /// `burmesedict`); `None` if this build of the data lacks it.
    pub(crate) fn extended(name: &'static str) -> Option<Dictionary> {
        Self::load::<SegmenterDictionaryExtendedV2>(name)
    }

    /// The Chinese/Japanese list (`cjdict`), whose values are costs (lower is likelier).
    pub(crate) fn cj() -> Option<Dictionary> {
        Self::load::<SegmenterDictionaryAutoV2>("cjdict")
    }

    fn load<M>(name: &'static str) -> Option<Dictionary>
    where
        M: DataMarker<DataStruct = DictionaryBreakData<'static>>,
        Baked: DataProvider<M>,
    {
        let attributes = DataMarkerAttributes::try_from_str(name).ok()?;
        let mut metadata = DataRequestMetadata::default();
        metadata.silent = true;
        metadata.attributes_prefix_match = true;
        let response = DataProvider::<M>::load(
            &Baked,
            DataRequest {
                id: DataIdentifierBorrowed::for_marker_attributes(attributes),
                metadata,
            },
        )
        .ok()?;
        response
            .payload
            .get_static()
            .map(|data| Dictionary { data })
    }

    /// Calls `found(n, value)` for every dictionary word that is a prefix of `chars`, where
    /// `n` is the word's length in characters.
    pub(crate) fn prefixes(&self, chars: &[char], mut found: impl FnMut(usize, i32)) {
        match self.data {
            DictionaryBreakData::Char16Trie(trie) => {
                let mut cursor = trie.cursor();
                for (i, &c) in chars.iter().enumerate() {
                    cursor.step(c);
                    if let Some(value) = cursor.value() {
                        found(i + 1, value);
                    }
                    if cursor.is_empty() {
                        break;
                    }
                }
            }
            DictionaryBreakData::ZeroTrie { alphabet, trie } => {
                let mut cursor = trie.cursor();
                for (i, &c) in chars.iter().enumerate() {
                    let Some(index) = alphabet.position(c).and_then(|p| u8::try_from(p).ok())
                    else {
                        break;
                    };
                    cursor.step(index);
                    if let Some(value) = cursor.take_value() {
                        found(i + 1, i32::try_from(value).unwrap_or(i32::MAX));
                    }
                    if cursor.is_empty() {
                        break;
                    }
                }
            }
        }
    }

    /// Whether `word` is in the list (for tests and diagnostics).
    #[cfg(test)]
    pub(crate) fn contains(&self, word: &str) -> bool {
        let chars: Vec<char> = word.chars().collect();
        let mut hit = false;
        self.prefixes(&chars, |n, _| hit |= n == chars.len());
        hit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_dictionary_ships_in_the_binary() {
        for name in ["thaidict", "laodict", "khmerdict", "burmesedict"] {
            assert!(Dictionary::extended(name).is_some(), "{name} missing");
        }
        let cj = Dictionary::cj().expect("cjdict");
        assert!(cj.contains("日本"));
        assert!(cj.contains("東京"));
        let th = Dictionary::extended("thaidict").expect("thaidict");
        assert!(th.contains("ประเทศ"));
        assert!(!th.contains("ประเทศxyz"));
        assert!(th.contains("สหประชาชาติ"));
        assert!(
            !th.contains("เบลารุส"),
            "if ICU adds it, drop the unknown-word test in thai.rs"
        );
    }
}
