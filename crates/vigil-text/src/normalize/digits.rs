//! Every script's decimal digits to ASCII (`٢٠٢٠`, `۲۰۲۰`, `२०२०`, `๒๕๖๓`, `২০২০` → `2020`),
//! so numbers match across scripts. NFKC has already folded full-width and mathematical
//! digits; this covers the rest.

use super::CharNormalizer;

/// The zero of every run of ten decimal digits (General_Category=Nd) in Unicode 16; Unicode
/// keeps each run contiguous and in order, so a digit's value is its distance from its zero.
/// Generated from the Unicode Character Database; `table_is_sound` checks it against `char`.
const DIGIT_ZEROS: &[u32] = &[
    0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6,
    0x0D66, 0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80,
    0x1A90, 0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
    0xFF10, 0x104A0, 0x10D30, 0x10D40, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450,
    0x114D0, 0x11650, 0x116C0, 0x116D0, 0x116DA, 0x11730, 0x118E0, 0x11950, 0x11BF0, 0x11C50,
    0x11D50, 0x11DA0, 0x11F50, 0x16130, 0x16A60, 0x16AC0, 0x16B50, 0x16D70, 0x1CCF0, 0x1D7CE,
    0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E4F0, 0x1E5F1, 0x1E950, 0x1FBF0,
];

/// The value of `c` if it is a decimal digit of any script.
pub(crate) fn digit_value(c: char) -> Option<u32> {
    let code = c as u32;
    let zero = match DIGIT_ZEROS.binary_search(&code) {
        Ok(i) => DIGIT_ZEROS[i],
        Err(0) => return None,
        Err(i) => DIGIT_ZEROS[i - 1],
    };
    let value = code - zero;
    (value < 10).then_some(value)
}

pub(crate) struct DecimalDigits;

impl CharNormalizer for DecimalDigits {
    fn normalize_char(&self, c: char, out: &mut Vec<char>) {
        match digit_value(c).and_then(|v| char::from_digit(v, 10)) {
            Some(ascii) => out.push(ascii),
            None => out.push(c),
        }
    }

    fn should_normalize(&self, c: char) -> bool {
        !c.is_ascii() && c.is_numeric()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sound() {
        assert!(DIGIT_ZEROS.is_sorted());
        for &zero in DIGIT_ZEROS {
            for v in 0..10 {
                let c = char::from_u32(zero + v).unwrap();
                assert!(c.is_numeric(), "U+{:04X} is not numeric", zero + v);
            }
        }
        // Not digits: other numerals and letters right after a run.
        for c in ['½', 'Ⅻ', '௰', '①', 'a', '٪'] {
            assert_eq!(digit_value(c), None, "{c}");
        }
    }

    crate::normalize::test_normalizer!(
        digits,
        "[0-9٠-٩۰-۹०-९๐-๙০-৯០-៩၀-၉０-９ ,.]{0,40}",
        [
            ("٢٠٢٠ ۱۳۹۹ २०२० ๒๕๖๓ ২০২০", "2020 1399 2020 2563 2020"),
            ("១២៣ ၁၂၃ ໑໒໓ ０１２ 𝟘𝟙𝟚", "123 123 123 012 012"),
            ("٧٬٠٠٠ و ٣٫٥٪", "7٬000 و 3٫5٪"),
            ("½ ① Ⅻ", "1⁄2 1 xii"),
        ]
    );
}
