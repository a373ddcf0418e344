//! Per-language tables: number words, scales, approximation and range words, percent and
//! currency markers, and the counted things crisis monitors track, keyed across languages.
//! Each form list is `|`-separated and written as the language writes it; the dictionary
//! folds it (case, Arabic letter forms, digits) the way it folds the text.

mod ar;
mod common;
mod de;
mod en;
mod es;
mod fr;
mod ja;
mod pt;
mod ru;
mod th;
mod tr;
mod zh;

pub(crate) use common::COMMON;

use super::dict::{Alone, Generic, Place, Side, W};
use crate::{Approx, Unit};

/// The shortest stem an open-ended language matches inside a longer word: shorter forms
/// ("oy", a vote) would start too many unrelated words ("oyun", a game), so they are listed
/// whole.
pub(crate) const OPEN_STEM_CHARS: usize = 4;

/// Generates a language's one-word numerals with their entries.
pub(crate) type Compounds = fn() -> Vec<(String, W)>;

pub(crate) struct Lang {
    /// ISO 639-1.
    pub code: &'static str,
    /// Words are separated by spaces, so table words match whole words only.
    pub spaced: bool,
    /// "1,5" is one and a half and "7.000" seven thousand.
    pub decimal_comma: bool,
    /// How many adjectives may stand between a number and its noun ("7,000 peaceful
    /// protesters"); none where adjectives follow the noun (Arabic).
    pub adjectives: usize,
    /// Ordinals follow their noun ("الدورة السادسة", "ครั้งที่ 46").
    pub noun_first: bool,
    /// Words take suffixes (Turkish "kişi" → "kişinin", "yaralan" → "yaralandığını"): a
    /// counted noun or cue of [`OPEN_STEM_CHARS`] letters or more matches the start of a
    /// word, and its passage runs to the word's end.
    pub open_ended: bool,
    /// The verb comes last (Japanese, Turkish), so what happened to the people counted is
    /// said after them: "14人の死亡と230人の負傷" is 14 dead and 230 injured, and the cue
    /// before the second number belongs to the first.
    pub cues_follow: bool,
    /// Prefixes written onto a word (Arabic و، ب، ل، ال …).
    pub clitics: &'static [&'static str],
    pub words: &'static [(&'static str, W)],
    /// Numerals the language writes as one word of many parts ("sechsundvierzig",
    /// "zweihundertfünfzig"), generated rather than listed.
    pub compounds: Option<Compounds>,
}

pub(crate) static ALL: &[&Lang] = &[
    &en::LANG,
    &en::LANG_DECIMAL_COMMA,
    &fr::LANG,
    &es::LANG,
    &pt::LANG,
    &tr::LANG,
    &ja::LANG,
    &de::LANG,
    &ru::LANG,
    &ar::LANG,
    &zh::LANG,
    &th::LANG,
];

/// Languages without a table that write a decimal comma ("12,5%").
pub(crate) static DECIMAL_COMMA: &[&str] = &[
    "it", "pl", "nl", "id", "cs", "sk", "ro", "hu", "sv", "da", "no", "nb", "fi", "uk", "be", "bg",
    "el", "hr", "sr", "sl", "lt", "lv", "et", "vi", "ca", "gl", "eu", "az", "kk", "uz",
];

/// A cardinal word.
pub(super) const fn n(value: f64) -> W {
    W::Num {
        value,
        place: Place::Small,
        alone: Alone::One,
        ordinal: false,
    }
}

/// A Chinese digit word, readable digit by digit.
pub(super) const fn digit(value: f64) -> W {
    W::Num {
        value,
        place: Place::Digit,
        alone: Alone::One,
        ordinal: false,
    }
}

/// An ordinal word.
pub(super) const fn ord(value: f64) -> W {
    W::Num {
        value,
        place: Place::Small,
        alone: Alone::One,
        ordinal: true,
    }
}

pub(super) const fn mult(value: f64, alone: Alone) -> W {
    W::Num {
        value,
        place: Place::Multiplier,
        alone,
        ordinal: false,
    }
}

pub(super) const fn scale(value: f64, alone: Alone) -> W {
    W::Num {
        value,
        place: Place::Scale,
        alone,
        ordinal: false,
    }
}

pub(super) const fn money_scale(value: f64) -> W {
    W::Num {
        value,
        place: Place::MoneyScale,
        alone: Alone::No,
        ordinal: false,
    }
}

pub(super) const fn noun(key: &'static str, unit: Unit) -> W {
    W::Noun {
        key,
        unit,
        generic: Generic::No,
        implied: None,
    }
}

/// People counted without saying who ("people", أشخاص, คน, 人).
pub(super) const PEOPLE: W = W::Noun {
    key: "person",
    unit: Unit::Person,
    generic: Generic::Person,
    implied: None,
};

/// Years counted: a duration unless an age cue is near.
pub(super) const YEARS: W = W::Noun {
    key: "duration",
    unit: Unit::Year,
    generic: Generic::Years,
    implied: None,
};

pub(super) const CLASSIFIER: W = W::Noun {
    key: "item",
    unit: Unit::Item,
    generic: Generic::Classifier,
    implied: None,
};

/// A classifier for people (名, 位): the noun after it says who, else they are people.
pub(super) const PERSON_CLASSIFIER: W = W::Noun {
    key: "person",
    unit: Unit::Person,
    generic: Generic::Classifier,
    implied: None,
};

/// A noun counted only right after its number.
pub(super) const fn bound(key: &'static str, unit: Unit) -> W {
    W::Noun {
        key,
        unit,
        generic: Generic::Bound,
        implied: None,
    }
}

/// A noun form that states its own number (Arabic duals).
pub(super) const fn counted(key: &'static str, unit: Unit, value: f64) -> W {
    W::Noun {
        key,
        unit,
        generic: Generic::No,
        implied: Some(value),
    }
}

pub(super) const fn cue(key: &'static str, unit: Unit) -> W {
    W::Cue {
        key,
        unit,
        lead: false,
    }
}

/// What a bare number after it counts, said before it: "the death toll rose to 14",
/// "ölü sayısı 27" (the number of dead, 27).
pub(super) const fn toll(key: &'static str) -> W {
    W::Cue {
        key,
        unit: Unit::Person,
        lead: true,
    }
}

/// An age cue that may stand right before the number ("aged 66").
pub(super) const AGE_LEAD: W = W::Cue {
    key: "age",
    unit: Unit::Year,
    lead: true,
};

pub(super) const AGE: W = W::Cue {
    key: "age",
    unit: Unit::Year,
    lead: false,
};

pub(super) const fn before(approx: Approx) -> W {
    W::Approx(approx, Side::Before)
}

pub(super) const fn after(approx: Approx) -> W {
    W::Approx(approx, Side::After)
}

pub(super) const fn currency(code: &'static str) -> W {
    W::Currency(code, Side::After)
}

pub(super) const fn currency_before(code: &'static str) -> W {
    W::Currency(code, Side::Before)
}

pub(super) const TO: W = W::RangeTo { weak: false };
pub(super) const AND_RANGE: W = W::RangeTo { weak: true };
